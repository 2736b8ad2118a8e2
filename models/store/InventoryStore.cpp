#include "InventoryStore.h"

#include "core/VarCodec.h"
#include "store/RowReader.h"
#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <vector>

namespace {

QString varsJson(const QVariantMap& vars)
{
    return QString::fromUtf8(VarCodec::toStorageJson(vars));
}

QString tagsJson(const QStringList& tags)
{
    QVariantList list;
    for (const QString& t : tags) {
        list.append(t);
    }
    return QString::fromUtf8(VarCodec::toStorageJson(list));
}

QStringList parseTags(const QString& json)
{
    QStringList out;
    if (json.isEmpty() || json == QLatin1String("[]")) {
        return out;
    }
    auto r = VarCodec::fromJson(json.toUtf8());
    if (r) {
        for (const QVariant& v : r->toList()) {
            out.append(v.toString());
        }
    }
    return out;
}

// Empty QStrings are often null, which Qt SQL binds as NULL; our text columns are NOT NULL.
QString nn(const QString& s)
{
    return s.isNull() ? QString(QLatin1String("")) : s;
}

Error sqlError(const QString& what, const QSqlError& e, const QString& path)
{
    return Error(QStringLiteral("%1: %2").arg(what, e.text()), { path });
}

QVariantMap parseVarsBytes(const QByteArray& json, const QString& what)
{
    if (json.isEmpty() || json == "{}") {
        return {};
    }
    auto r = VarCodec::fromJson(json, what);
    return r ? r->toMap() : QVariantMap {};
}

Result<qlonglong> upsertHostRow(QSqlDatabase db, const Host& h, const QString& path)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO hosts (name, address, port, \"user\", idc, business, env, status, tags, vars, file_vars, "
        "position) "
        "VALUES (:name, :address, :port, :user, :idc, :business, :env, :status, :tags, :vars, :file_vars, "
        "(SELECT COALESCE(MAX(position), -1) + 1 FROM hosts)) "
        "ON CONFLICT(name) DO UPDATE SET address = excluded.address, port = excluded.port, \"user\" = "
        "excluded.\"user\", "
        "idc = excluded.idc, business = excluded.business, env = excluded.env, status = excluded.status, "
        "tags = excluded.tags, vars = excluded.vars, file_vars = excluded.file_vars"));
    q.bindValue(QStringLiteral(":name"), h.name);
    q.bindValue(QStringLiteral(":address"), nn(h.address));
    q.bindValue(QStringLiteral(":port"), h.port);
    q.bindValue(QStringLiteral(":user"), nn(h.user));
    q.bindValue(QStringLiteral(":idc"), nn(h.idc));
    q.bindValue(QStringLiteral(":business"), nn(h.business));
    q.bindValue(QStringLiteral(":env"), nn(h.env));
    q.bindValue(QStringLiteral(":status"), nn(h.status));
    q.bindValue(QStringLiteral(":tags"), tagsJson(h.tags));
    q.bindValue(QStringLiteral(":vars"), varsJson(h.vars));
    q.bindValue(QStringLiteral(":file_vars"), varsJson(h.fileVars));
    if (!q.exec()) {
        return sqlError(QStringLiteral("cannot save host %1").arg(h.name), q.lastError(), path);
    }
    QSqlQuery id(db);
    id.prepare(QStringLiteral("SELECT id FROM hosts WHERE name = ?"));
    id.addBindValue(h.name);
    if (!id.exec() || !id.next()) {
        return sqlError(QStringLiteral("cannot save host %1").arg(h.name), id.lastError(), path);
    }
    return id.value(0).toLongLong();
}

Result<qlonglong> groupId(QSqlDatabase db, const QString& name, const QString& path, bool create)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM host_groups WHERE name = ?"));
    q.addBindValue(name);
    if (q.exec() && q.next()) {
        return q.value(0).toLongLong();
    }
    if (!create) {
        return Error(QStringLiteral("no group named %1").arg(name), { path });
    }
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral("INSERT INTO host_groups (name, position) VALUES (?, (SELECT COALESCE(MAX(position), "
                               "-1) + 1 FROM host_groups)) RETURNING id"));
    ins.addBindValue(name);
    if (!ins.exec() || !ins.next()) {
        return sqlError(QStringLiteral("cannot save group %1").arg(name), ins.lastError(), path);
    }
    const qlonglong id = ins.value(0).toLongLong();
    ins.finish();
    return id;
}

} // namespace

InventoryStore::InventoryStore(Workspace& workspace)
    : m_workspace(workspace)
{
}

namespace {
// The workspace setting that keeps Inventory::sourceFile().
constexpr const char* kSourceFileSetting = "inventory/source_file";
} // namespace

Result<Inventory> InventoryStore::load() const
{
    const QSqlDatabase db = m_workspace.database();
    const auto readError = [&](const QString& what, const QString& detail) {
        return Error(QStringLiteral("cannot read %1: %2").arg(what, detail), { m_workspace.path() });
    };
    // Groups first: ids → indexes.
    QHash<qint64, int> groupRow;
    QVector<Group> groups;
    {
        RowReader st(
            db, "SELECT id, name, kind, priority, vars, file_vars, rule FROM host_groups ORDER BY position, id");
        if (!st.ok()) {
            return readError(QStringLiteral("groups"), st.error());
        }
        while (st.next()) {
            Group g;
            g.name = st.text(1);
            g.kind = Group::kindFromName(st.text(2));
            g.priority = int(st.integer(3));
            g.vars = parseVarsBytes(st.bytes(4), g.name);
            g.fileVars = parseVarsBytes(st.bytes(5), g.name);
            g.rule = st.text(6);
            groupRow.insert(st.integer(0), int(groups.size()));
            groups.append(g);
        }
        if (!st.ok()) {
            return readError(QStringLiteral("groups"), st.error());
        }
    }
    // Hosts: read raw rows, then parse variables on all cores.
    struct Row {
        qint64 id;
        qint64 position;
        Host host;
        QByteArray tags;
        QByteArray vars;
        QByteArray fileVars;
    };
    std::vector<Row> rows;
    {
        RowReader count(db, "SELECT COUNT(*) FROM hosts");
        if (count.next()) {
            rows.reserve(size_t(count.integer(0)));
        }
        RowReader st(db,
            "SELECT id, name, address, port, \"user\", idc, business, env, status, tags, vars, file_vars, "
            "position FROM hosts");
        if (!st.ok()) {
            return readError(QStringLiteral("hosts"), st.error());
        }
        while (st.next()) {
            Row r;
            r.id = st.integer(0);
            r.host.name = st.text(1);
            r.host.address = st.text(2);
            r.host.port = int(st.integer(3));
            r.host.user = st.text(4);
            r.host.idc = st.text(5);
            r.host.business = st.text(6);
            r.host.env = st.text(7);
            r.host.status = st.text(8);
            r.tags = st.bytes(9);
            r.vars = st.bytes(10);
            r.fileVars = st.bytes(11);
            r.position = st.integer(12);
            rows.push_back(std::move(r));
        }
        if (!st.ok()) {
            return readError(QStringLiteral("hosts"), st.error());
        }
    }
    std::stable_sort(rows.begin(), rows.end(),
        [](const Row& a, const Row& b) { return a.position != b.position ? a.position < b.position : a.id < b.id; });
    // On a pool of its own: a load usually runs in a worker of the global pool itself, and two loads at once
    // (a reload while the first is still running) would otherwise take every global thread on a 2-core machine
    // and then wait for map tasks that can never start.
    static QThreadPool parsePool;
    QtConcurrent::blockingMap(&parsePool, rows, [](Row& r) {
        r.host.tags = parseTags(QString::fromUtf8(r.tags));
        r.host.vars = parseVarsBytes(r.vars, r.host.name);
        r.host.fileVars = parseVarsBytes(r.fileVars, r.host.name);
        r.tags.clear();
        r.vars.clear();
        r.fileVars.clear();
    });
    QHash<qint64, int> hostRow;
    hostRow.reserve(qsizetype(rows.size()));
    QVector<Host> hosts;
    hosts.reserve(qsizetype(rows.size()));
    for (Row& r : rows) {
        hostRow.insert(r.id, int(hosts.size()));
        hosts.append(std::move(r.host));
    }
    rows.clear();
    {
        RowReader st(db, "SELECT parent_id, child_id FROM group_children ORDER BY parent_id, position");
        while (st.next()) {
            const int parent = groupRow.value(st.integer(0), -1);
            const int child = groupRow.value(st.integer(1), -1);
            if (parent >= 0 && child >= 0) {
                groups[parent].children.append(groups[child].name);
            }
        }
        if (!st.ok()) {
            return readError(QStringLiteral("groups"), st.error());
        }
    }
    {
        RowReader st(db, "SELECT group_id, host_id FROM group_hosts ORDER BY group_id, position");
        while (st.next()) {
            const int g = groupRow.value(st.integer(0), -1);
            const int h = hostRow.value(st.integer(1), -1);
            if (g >= 0 && h >= 0) {
                groups[g].hosts.append(hosts[h].name);
            }
        }
        if (!st.ok()) {
            return readError(QStringLiteral("memberships"), st.error());
        }
    }
    Inventory inv;
    inv.setContents(std::move(hosts), std::move(groups));
    inv.setSourceFile(m_workspace.setting(QString::fromLatin1(kSourceFileSetting)));
    return inv;
}

Result<void> InventoryStore::save(const Inventory& inv, const std::function<bool(int, int)>& progress)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlDatabase db = m_workspace.database();
        QSqlQuery q(db);
        for (const char* table : { "group_hosts", "group_children", "hosts", "host_groups" }) {
            if (!q.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table))) {
                return sqlError(QStringLiteral("cannot save the inventory"), q.lastError(), m_workspace.path());
            }
        }
        const int total = int(inv.hosts().size() + inv.groups().size());
        int done = 0;
        QSqlQuery gi(db);
        gi.prepare(QStringLiteral("INSERT INTO host_groups (id, name, kind, priority, vars, file_vars, position, "
                                  "rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        QHash<QString, int> gid;
        for (int i = 0; i < inv.groups().size(); ++i) {
            const Group& g = inv.groups()[i];
            gid.insert(g.name, i + 1);
            gi.addBindValue(i + 1);
            gi.addBindValue(g.name);
            gi.addBindValue(Group::kindName(g.kind));
            gi.addBindValue(g.priority);
            gi.addBindValue(varsJson(g.vars));
            gi.addBindValue(varsJson(g.fileVars));
            gi.addBindValue(i);
            gi.addBindValue(nn(g.rule));
            if (!gi.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(g.name), gi.lastError(), m_workspace.path());
            }
        }
        QSqlQuery hi(db);
        hi.prepare(QStringLiteral("INSERT INTO hosts (id, name, address, port, \"user\", idc, business, env, status, "
                                  "tags, vars, file_vars, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        QHash<QString, int> hid;
        hid.reserve(inv.hosts().size());
        for (int i = 0; i < inv.hosts().size(); ++i) {
            const Host& h = inv.hosts()[i];
            hid.insert(h.name, i + 1);
            hi.addBindValue(i + 1);
            hi.addBindValue(h.name);
            hi.addBindValue(nn(h.address));
            hi.addBindValue(h.port);
            hi.addBindValue(nn(h.user));
            hi.addBindValue(nn(h.idc));
            hi.addBindValue(nn(h.business));
            hi.addBindValue(nn(h.env));
            hi.addBindValue(nn(h.status));
            hi.addBindValue(tagsJson(h.tags));
            hi.addBindValue(varsJson(h.vars));
            hi.addBindValue(varsJson(h.fileVars));
            hi.addBindValue(i);
            if (!hi.exec()) {
                return sqlError(QStringLiteral("cannot save host %1").arg(h.name), hi.lastError(), m_workspace.path());
            }
            if (progress && (++done % 2000) == 0 && !progress(done, total)) {
                return Error(QStringLiteral("cancelled"));
            }
        }
        QSqlQuery ci(db);
        ci.prepare(QStringLiteral("INSERT INTO group_children (parent_id, child_id, position) VALUES (?, ?, ?) "
                                  "ON CONFLICT DO NOTHING"));
        QSqlQuery mi(db);
        mi.prepare(QStringLiteral(
            "INSERT INTO group_hosts (group_id, host_id, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
        for (const Group& g : inv.groups()) {
            int pos = 0;
            for (const QString& c : g.children) {
                if (!gid.contains(c)) {
                    return Error(QStringLiteral("group %1 names a child group %2 that does not exist").arg(g.name, c));
                }
                ci.addBindValue(gid.value(g.name));
                ci.addBindValue(gid.value(c));
                ci.addBindValue(pos++);
                if (!ci.exec()) {
                    return sqlError(
                        QStringLiteral("cannot save group %1").arg(g.name), ci.lastError(), m_workspace.path());
                }
            }
            pos = 0;
            // A dynamic group's members come from its rule, never from storage.
            for (const QString& h : g.isDynamic() ? QStringList() : g.hosts) {
                if (!hid.contains(h)) {
                    return Error(QStringLiteral("group %1 names a host %2 that does not exist").arg(g.name, h));
                }
                mi.addBindValue(gid.value(g.name));
                mi.addBindValue(hid.value(h));
                mi.addBindValue(pos++);
                if (!mi.exec()) {
                    return sqlError(
                        QStringLiteral("cannot save group %1").arg(g.name), mi.lastError(), m_workspace.path());
                }
            }
            if (progress && !progress(++done, total)) {
                return Error(QStringLiteral("cancelled"));
            }
        }
        for (const char* table : { "hosts", "host_groups" }) {
            if (auto synced = SqlDialect::resyncIdentity(db, QLatin1String(table)); !synced) {
                return Error(synced.errorString(), { m_workspace.path() });
            }
        }
        // Where the inventory came from (a template's inventory_file), or nothing.
        const QString sourceKey = QString::fromLatin1(kSourceFileSetting);
        if (auto kept = inv.sourceFile().isEmpty() ? m_workspace.removeSetting(sourceKey)
                                                   : m_workspace.setSetting(sourceKey, inv.sourceFile());
            !kept) {
            return kept;
        }
        if (progress) {
            progress(total, total);
        }
        return {};
    });
}

Result<void> InventoryStore::saveHost(const Host& host, const QStringList& groups)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlDatabase db = m_workspace.database();
        auto id = upsertHostRow(db, host, m_workspace.path());
        if (!id) {
            return id.error();
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM group_hosts WHERE host_id = ?"));
        q.addBindValue(*id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save host %1").arg(host.name), q.lastError(), m_workspace.path());
        }
        for (const QString& g : groups) {
            auto gid = groupId(db, g, m_workspace.path(), true);
            if (!gid) {
                return gid.error();
            }
            QSqlQuery m(db);
            // Membership of a dynamic group comes from its rule: not stored.
            m.prepare(QStringLiteral("INSERT INTO group_hosts (group_id, host_id, position) SELECT ?, ?, "
                                     "(SELECT COALESCE(MAX(position), -1) + 1 FROM group_hosts WHERE group_id = ?) "
                                     "WHERE (SELECT rule FROM host_groups WHERE id = ?) = '' ON CONFLICT DO NOTHING"));
            m.addBindValue(*gid);
            m.addBindValue(*id);
            m.addBindValue(*gid);
            m.addBindValue(*gid);
            if (!m.exec()) {
                return sqlError(
                    QStringLiteral("cannot save host %1").arg(host.name), m.lastError(), m_workspace.path());
            }
        }
        return {};
    });
}

Result<void> InventoryStore::saveHosts(const QList<Host>& hosts)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        for (const Host& h : hosts) {
            auto id = upsertHostRow(m_workspace.database(), h, m_workspace.path());
            if (!id) {
                return id.error();
            }
        }
        return {};
    });
}

Result<void> InventoryStore::deleteHosts(const QStringList& names)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_workspace.database());
        q.prepare(QStringLiteral("DELETE FROM hosts WHERE name = ?"));
        for (const QString& n : names) {
            q.addBindValue(n);
            if (!q.exec()) {
                return sqlError(QStringLiteral("cannot delete host %1").arg(n), q.lastError(), m_workspace.path());
            }
        }
        return {};
    });
}

Result<void> InventoryStore::renameHost(const QString& from, const QString& to)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_workspace.database());
        q.prepare(QStringLiteral("UPDATE hosts SET name = ? WHERE name = ?"));
        q.addBindValue(to);
        q.addBindValue(from);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot rename host %1").arg(from), q.lastError(), m_workspace.path());
        }
        return {};
    });
}

Result<void> InventoryStore::saveGroup(const Group& g)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlDatabase db = m_workspace.database();
        auto id = groupId(db, g.name, m_workspace.path(), true);
        if (!id) {
            return id.error();
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "UPDATE host_groups SET kind = ?, priority = ?, vars = ?, file_vars = ?, rule = ? WHERE id = ?"));
        q.addBindValue(Group::kindName(g.kind));
        q.addBindValue(g.priority);
        q.addBindValue(varsJson(g.vars));
        q.addBindValue(varsJson(g.fileVars));
        q.addBindValue(nn(g.rule));
        q.addBindValue(*id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save group %1").arg(g.name), q.lastError(), m_workspace.path());
        }
        if (g.isDynamic()) {
            q.prepare(QStringLiteral("DELETE FROM group_hosts WHERE group_id = ?"));
            q.addBindValue(*id);
            if (!q.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(g.name), q.lastError(), m_workspace.path());
            }
        }
        q.prepare(QStringLiteral("DELETE FROM group_children WHERE parent_id = ?"));
        q.addBindValue(*id);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save group %1").arg(g.name), q.lastError(), m_workspace.path());
        }
        int pos = 0;
        for (const QString& c : g.children) {
            auto cid = groupId(db, c, m_workspace.path(), true);
            if (!cid) {
                return cid.error();
            }
            QSqlQuery ins(db);
            ins.prepare(QStringLiteral("INSERT INTO group_children (parent_id, child_id, position) VALUES "
                                       "(?, ?, ?) ON CONFLICT DO NOTHING"));
            ins.addBindValue(*id);
            ins.addBindValue(*cid);
            ins.addBindValue(pos++);
            if (!ins.exec()) {
                return sqlError(
                    QStringLiteral("cannot save group %1").arg(g.name), ins.lastError(), m_workspace.path());
            }
        }
        return {};
    });
}

Result<void> InventoryStore::deleteGroup(const QString& name)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlQuery q(m_workspace.database());
        q.prepare(QStringLiteral("DELETE FROM host_groups WHERE name = ?"));
        q.addBindValue(name);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot delete group %1").arg(name), q.lastError(), m_workspace.path());
        }
        return {};
    });
}

Result<void> InventoryStore::setGroupMembers(const QString& group, const QStringList& hosts)
{
    return m_workspace.inTransaction([&]() -> Result<void> {
        QSqlDatabase db = m_workspace.database();
        auto gid = groupId(db, group, m_workspace.path(), true);
        if (!gid) {
            return gid.error();
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM group_hosts WHERE group_id = ?"));
        q.addBindValue(*gid);
        if (!q.exec()) {
            return sqlError(QStringLiteral("cannot save group %1").arg(group), q.lastError(), m_workspace.path());
        }
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO group_hosts (group_id, host_id, position) SELECT ?, id, ? "
                                   "FROM hosts WHERE name = ? ON CONFLICT DO NOTHING"));
        int pos = 0;
        for (const QString& h : hosts) {
            ins.addBindValue(*gid);
            ins.addBindValue(pos++);
            ins.addBindValue(h);
            if (!ins.exec()) {
                return sqlError(QStringLiteral("cannot save group %1").arg(group), ins.lastError(), m_workspace.path());
            }
        }
        return {};
    });
}
