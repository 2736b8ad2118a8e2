#include "sync/LibrarySync.h"

#include "core/TextDiff.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "remote/RemoteHttpClient.h"
#include "scripts/Script.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/ConfigTemplate.h"
#include "templates/TemplateStore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {

QString sha(const QString& text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString encoded(const QString& name)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

// The fields of a script or template a publish writes, as the API's write bodies name them.
const QStringList& scriptFields()
{
    static const QStringList f { QStringLiteral("name"), QStringLiteral("language"), QStringLiteral("kind"),
        QStringLiteral("description"), QStringLiteral("parameters"), QStringLiteral("run_as"),
        QStringLiteral("content"), QStringLiteral("tags") };
    return f;
}

const QStringList& templateFields()
{
    static const QStringList f { QStringLiteral("name"), QStringLiteral("destination"), QStringLiteral("mode"),
        QStringLiteral("owner"), QStringLiteral("description"), QStringLiteral("content") };
    return f;
}

QJsonObject writeBody(const QJsonObject& item, const QStringList& fields)
{
    QJsonObject o;
    for (const QString& f : fields) {
        if (item.contains(f)) {
            o.insert(f, item.value(f));
        }
    }
    return o;
}

// What is compared and shown: one line per field but the content, then the content.
QString itemText(const QJsonObject& item, const QStringList& fields)
{
    QString text;
    for (const QString& f : fields) {
        if (f == QLatin1String("content") || f == QLatin1String("name")) {
            continue;
        }
        const QJsonValue v = item.value(f);
        QString value;
        if (v.isString()) {
            value = v.toString();
        } else if (v.isArray()) {
            value = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        } else if (!v.isUndefined() && !v.isNull()) {
            value = v.toVariant().toString();
        }
        text += f + QStringLiteral(": ") + value + u'\n';
    }
    return text + QStringLiteral("---\n") + item.value(QStringLiteral("content")).toString();
}

QString kindPath(LibrarySync::Kind kind)
{
    return kind == LibrarySync::Kind::Script ? QStringLiteral("/api/v1/scripts") : QStringLiteral("/api/v1/templates");
}

// The server's `error.current` of a 409 (a version or a revision), when it gave one.
QJsonValue currentOf(const RemoteHttpAnswer& answer)
{
    return QJsonDocument::fromJson(answer.body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("current"));
}

RemoteHttpRequest request(const char* method, const QString& path, const QJsonObject& body = {})
{
    RemoteHttpRequest r;
    r.method = method;
    r.path = path;
    if (!body.isEmpty()) {
        r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        r.hasBody = true;
    }
    return r;
}

} // namespace

QString LibrarySync::Item::key() const
{
    return kind == Kind::Inventory ? QStringLiteral("inventory") : kindName(kind) + u':' + name;
}

QString LibrarySync::Item::diff() const
{
    const QString label = kind == Kind::Inventory ? QStringLiteral("inventory") : name;
    return TextDiff::unified(
        serverText, localText, label + QStringLiteral(" (server)"), label + QStringLiteral(" (workspace)"));
}

int LibrarySync::Plan::count(State state) const
{
    return int(std::count_if(items.begin(), items.end(), [state](const Item& i) { return i.state == state; }));
}

QString LibrarySync::Plan::toText() const
{
    QString text;
    for (const Item& i : items) {
        if (i.state == State::Same) {
            continue;
        }
        QString line = QStringLiteral("%1 %2").arg(stateName(i.state), i.key());
        if (i.state == State::Conflict) {
            line += i.baseVersion > 0 || (i.kind == Kind::Inventory && i.serverVersion > 0)
                ? QStringLiteral(" (the server's copy changed since the workspace last saw it)")
                : QStringLiteral(" (on both sides, different, never published from here)");
        } else if (i.state == State::Changed && i.kind != Kind::Inventory) {
            line += QStringLiteral(" (server version %1)").arg(i.serverVersion);
        }
        text += line + u'\n';
    }
    text += QStringLiteral("%1: %2 new, %3 changed, %4 in conflict, %5 newer on the server, %6 only on the server, "
                           "%7 the same\n")
                .arg(server)
                .arg(count(State::New))
                .arg(count(State::Changed))
                .arg(count(State::Conflict))
                .arg(count(State::ServerNewer))
                .arg(count(State::ServerOnly))
                .arg(count(State::Same));
    return text;
}

LibrarySync::LibrarySync(Workspace& workspace, RemoteHttpClient& http)
    : m_workspace(workspace)
    , m_http(http)
{
}

QString LibrarySync::stateName(State state)
{
    switch (state) {
    case State::Same:
        return QStringLiteral("same");
    case State::New:
        return QStringLiteral("new");
    case State::Changed:
        return QStringLiteral("changed");
    case State::Conflict:
        return QStringLiteral("conflict");
    case State::ServerNewer:
        return QStringLiteral("server-newer");
    case State::ServerOnly:
        break;
    }
    return QStringLiteral("server-only");
}

QString LibrarySync::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Script:
        return QStringLiteral("script");
    case Kind::Template:
        return QStringLiteral("template");
    case Kind::Inventory:
        break;
    }
    return QStringLiteral("inventory");
}

QString LibrarySync::settingKey() const
{
    const QUrl url = m_http.options().server;
    return QStringLiteral("sync/%1://%2:%3")
        .arg(url.scheme(), url.host())
        .arg(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}

QHash<QString, LibrarySync::Seen> LibrarySync::loadSeen() const
{
    QHash<QString, Seen> seen;
    const QJsonObject o = QJsonDocument::fromJson(m_workspace.setting(settingKey()).toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QJsonObject v = it.value().toObject();
        seen.insert(it.key(),
            { v.value(QStringLiteral("v")).toInt(), v.value(QStringLiteral("rev")).toString(),
                v.value(QStringLiteral("sha")).toString() });
    }
    return seen;
}

Result<void> LibrarySync::saveSeen(const QHash<QString, Seen>& seen)
{
    QJsonObject o;
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        QJsonObject v { { QStringLiteral("sha"), it->sha } };
        if (it->version > 0) {
            v.insert(QStringLiteral("v"), it->version);
        }
        if (!it->revision.isEmpty()) {
            v.insert(QStringLiteral("rev"), it->revision);
        }
        o.insert(it.key(), v);
    }
    return m_workspace.setSetting(settingKey(), QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
}

namespace {

// The state of an item from its two texts and what the workspace last saw of the server's.
LibrarySync::State stateOf(bool local, bool onServer, const QString& localText, const QString& serverText, bool sawIt,
    bool serverMoved, const QString& seenSha)
{
    using State = LibrarySync::State;
    if (!onServer) {
        return local ? (sawIt ? State::Conflict : State::New) : State::Same; // seen there once: deleted since
    }
    if (!local) {
        return State::ServerOnly;
    }
    if (localText == serverText) {
        return State::Same;
    }
    if (!sawIt) {
        return State::Conflict;
    }
    if (!serverMoved) {
        return State::Changed;
    }
    return sha(localText) == seenSha ? State::ServerNewer : State::Conflict;
}

} // namespace

Result<LibrarySync::Plan> LibrarySync::plan(int parts)
{
    Plan plan;
    plan.server = m_http.serverText();
    const QHash<QString, Seen> seen = loadSeen();
    const auto library = [&](Kind kind, const QList<QJsonObject>& local, const QStringList& fields) -> Result<void> {
        const QString list = kind == Kind::Script ? QStringLiteral("scripts") : QStringLiteral("templates");
        auto answer = m_http.get(kindPath(kind));
        if (!answer) {
            return answer.error();
        }
        QMap<QString, QJsonObject> server;
        for (const QJsonValue& v : answer->value(list).toArray()) {
            server.insert(v.toObject().value(QStringLiteral("name")).toString(), v.toObject());
        }
        QMap<QString, QJsonObject> mine;
        for (const QJsonObject& o : local) {
            mine.insert(o.value(QStringLiteral("name")).toString(), o);
        }
        QStringList names = server.keys() + mine.keys();
        names.sort();
        names.removeDuplicates();
        for (const QString& name : names) {
            Item item;
            item.kind = kind;
            item.name = name;
            const bool isLocal = mine.contains(name);
            const bool onServer = server.contains(name);
            if (isLocal) {
                item.body = writeBody(mine.value(name), fields);
                item.localText = itemText(item.body, fields);
            }
            if (onServer) {
                item.serverVersion = server.value(name).value(QStringLiteral("version")).toInt();
                item.serverText = itemText(writeBody(server.value(name), fields), fields);
            }
            const auto s = seen.constFind(item.key());
            const bool sawIt = s != seen.constEnd();
            item.baseVersion = sawIt ? s->version : 0;
            item.state = stateOf(isLocal, onServer, item.localText, item.serverText, sawIt,
                sawIt && s->version != item.serverVersion, sawIt ? s->sha : QString());
            plan.items.append(item);
        }
        return {};
    };
    if (parts & Scripts) {
        auto scripts = ScriptStore(m_workspace).loadAll();
        if (!scripts) {
            return scripts.error();
        }
        QList<QJsonObject> local;
        for (const Script& s : *scripts) {
            local.append(s.toJson());
        }
        if (auto done = library(Kind::Script, local, scriptFields()); !done) {
            return done.error();
        }
    }
    if (parts & Templates) {
        auto templates = TemplateStore(m_workspace).loadAll();
        if (!templates) {
            return templates.error();
        }
        QList<QJsonObject> local;
        for (const ConfigTemplate& t : *templates) {
            local.append(t.toJson());
        }
        if (auto done = library(Kind::Template, local, templateFields()); !done) {
            return done.error();
        }
    }
    if (parts & InventoryPart) {
        auto inv = m_workspace.loadInventory();
        if (!inv) {
            return inv.error();
        }
        auto answer = m_http.get(QStringLiteral("/api/v1/inventory/export?format=ini"));
        if (!answer) {
            return answer.error();
        }
        Item item;
        item.kind = Kind::Inventory;
        item.name = QStringLiteral("inventory");
        item.localText = QString::fromUtf8(AnsibleInventory::exportIni(*inv));
        item.serverText = answer->value(QStringLiteral("content")).toString();
        plan.serverRevision = answer->value(QStringLiteral("revision")).toString();
        item.serverVersion = 1; // the server always has an inventory (maybe empty)
        const auto s = seen.constFind(item.key());
        const bool sawIt = s != seen.constEnd();
        // A server whose inventory is empty takes the workspace's as a change, not a conflict.
        const auto serverInventory
            = AnsibleInventory::importText(item.serverText.toUtf8(), QStringLiteral("server inventory"));
        const bool emptyServer
            = serverInventory && serverInventory->hosts().isEmpty() && serverInventory->groups().size() <= 2;
        item.state = stateOf(true, true, item.localText, item.serverText, sawIt || emptyServer,
            sawIt && s->revision != plan.serverRevision, sawIt ? s->sha : QString());
        if (item.state == State::Changed || item.state == State::Conflict) {
            // What the server says it would change: a replace based on its current revision.
            auto dry = m_http.post(QStringLiteral("/api/v1/inventory/import"),
                { { QStringLiteral("content"), item.localText }, { QStringLiteral("format"), QStringLiteral("ini") },
                    { QStringLiteral("mode"), QStringLiteral("replace") }, { QStringLiteral("dry_run"), true } });
            if (!dry) {
                return dry.error();
            }
            item.serverPlan = dry->value(QStringLiteral("text")).toString();
        }
        plan.items.append(item);
    }
    return plan;
}

LibrarySync::Outcome LibrarySync::publish(const Plan& plan, const QSet<QString>& overwrite, const QSet<QString>& skip)
{
    Outcome out;
    QHash<QString, Seen> seen = loadSeen();
    for (const Item& item : plan.items) {
        const QString key = item.key();
        if (item.state == State::Same) {
            if (!item.localText.isEmpty()) {
                Seen s { item.serverVersion, item.kind == Kind::Inventory ? plan.serverRevision : QString(),
                    sha(item.localText) };
                seen.insert(key, s); // equal now: the next change is based on this version
            }
            continue;
        }
        if (skip.contains(key) || !item.publishable(overwrite.contains(key))) {
            if (item.state != State::ServerOnly) {
                out.skipped.append(key);
            }
            continue;
        }
        RemoteHttpAnswer answer;
        if (item.kind == Kind::Inventory) {
            answer = m_http.call(request("POST", QStringLiteral("/api/v1/inventory/import"),
                { { QStringLiteral("content"), item.localText }, { QStringLiteral("format"), QStringLiteral("ini") },
                    { QStringLiteral("mode"), QStringLiteral("replace") },
                    { QStringLiteral("revision"), plan.serverRevision } }));
        } else if (item.serverVersion == 0) {
            QJsonObject body = item.body;
            body.insert(QStringLiteral("message"), QStringLiteral("published from a workspace"));
            answer = m_http.call(request("POST", kindPath(item.kind), body));
        } else {
            QJsonObject body = item.body;
            body.insert(QStringLiteral("message"), QStringLiteral("published from a workspace"));
            body.insert(QStringLiteral("base_version"), item.serverVersion);
            answer = m_http.call(request("PUT", kindPath(item.kind) + u'/' + encoded(item.name), body));
        }
        auto json = m_http.json(answer);
        if (!json) {
            QString message = json.error().message;
            if (answer.status == 409) {
                const QJsonValue current = currentOf(answer);
                message = item.kind == Kind::Inventory
                    ? QStringLiteral("the server's inventory changed again since the comparison (now revision %1); "
                                     "compare again")
                          .arg(current.toString())
                    : QStringLiteral("the server's %1 changed again since the comparison (now version %2); compare "
                                     "again")
                          .arg(kindName(item.kind))
                          .arg(current.toInt());
            }
            out.failed.append(key + QStringLiteral(": ") + message);
            continue;
        }
        Seen s;
        s.sha = sha(item.localText);
        if (item.kind == Kind::Inventory) {
            s.revision = json->value(QStringLiteral("revision")).toString();
        } else {
            s.version = json->value(QStringLiteral("version")).toInt();
        }
        seen.insert(key, s);
        out.published.append(key);
    }
    if (auto saved = saveSeen(seen); !saved) {
        out.failed.append(QStringLiteral("workspace: ") + saved.error().message);
    }
    return out;
}

namespace {

void setTags(ScriptStore& store, const Script& s, Result<void>* done)
{
    *done = store.setTags(s.id, s.tags);
}

void setTags(TemplateStore&, const ConfigTemplate&, Result<void>*) { }

// The server's items (as its list route gives them) into a store, replacing what it holds; each recorded as seen.
template <typename Item, typename Store>
Result<int> mirrorInto(Store&& store, const QList<QJsonObject>& items, const QString& prefix, const QStringList& fields,
    QHash<QString, LibrarySync::Seen>& seen)
{
    auto local = store.loadAll();
    if (!local) {
        return local.error();
    }
    QSet<QString> names;
    for (const QJsonObject& o : items) {
        auto item = Item::fromJson(o);
        if (!item) {
            return item.error();
        }
        names.insert(item->name);
        auto existing = store.findByName(item->name);
        if (!existing) {
            return existing.error();
        }
        item->id = *existing ? (*existing)->id : 0;
        auto saved = item->id ? store.save(*item, QStringLiteral("pulled from the server"))
                              : store.create(*item, QStringLiteral("pulled from the server"));
        if (!saved) {
            return saved.error();
        }
        if (item->id) {
            Result<void> tagged;
            setTags(store, *item, &tagged);
            if (!tagged) {
                return tagged.error();
            }
        }
        seen.insert(prefix + item->name,
            { o.value(QStringLiteral("version")).toInt(), {}, sha(itemText(writeBody(o, fields), fields)) });
    }
    for (const Item& i : *local) {
        if (!names.contains(i.name)) {
            if (auto removed = store.remove(i.id); !removed) {
                return removed.error();
            }
        }
    }
    return int(items.size());
}

} // namespace

Result<LibrarySync::PullOutcome> LibrarySync::pull(int parts)
{
    PullOutcome out;
    QHash<QString, Seen> seen = loadSeen();
    QList<QJsonObject> scripts;
    QList<QJsonObject> templates;
    QByteArray inventoryText;
    QString revision;
    // Everything is read first, so that a server that fails half-way leaves the workspace as it was.
    if (parts & Scripts) {
        auto answer = m_http.get(kindPath(Kind::Script));
        if (!answer) {
            return answer.error();
        }
        for (const QJsonValue& v : answer->value(QStringLiteral("scripts")).toArray()) {
            scripts.append(v.toObject());
        }
    }
    if (parts & Templates) {
        auto answer = m_http.get(kindPath(Kind::Template));
        if (!answer) {
            return answer.error();
        }
        for (const QJsonValue& v : answer->value(QStringLiteral("templates")).toArray()) {
            templates.append(v.toObject());
        }
    }
    std::optional<Inventory> inventory;
    if (parts & InventoryPart) {
        auto answer = m_http.get(QStringLiteral("/api/v1/inventory/export?format=ini"));
        if (!answer) {
            return answer.error();
        }
        inventoryText = answer->value(QStringLiteral("content")).toString().toUtf8();
        revision = answer->value(QStringLiteral("revision")).toString();
        auto parsed = AnsibleInventory::importText(inventoryText, QStringLiteral("server inventory"));
        if (!parsed) {
            return parsed.error();
        }
        inventory = std::move(*parsed);
    }
    auto done = m_workspace.inTransaction([&]() -> Result<void> {
        if (parts & Scripts) {
            auto n = mirrorInto<Script>(
                ScriptStore(m_workspace), scripts, QStringLiteral("script:"), scriptFields(), seen);
            if (!n) {
                return n.error();
            }
            out.scripts = *n;
        }
        if (parts & Templates) {
            auto n = mirrorInto<ConfigTemplate>(
                TemplateStore(m_workspace), templates, QStringLiteral("template:"), templateFields(), seen);
            if (!n) {
                return n.error();
            }
            out.templates = *n;
        }
        if (inventory) {
            if (auto saved = m_workspace.saveInventory(*inventory); !saved) {
                return saved.error();
            }
            out.hosts = int(inventory->hosts().size());
            out.groups = int(inventory->groups().size());
            // The text the next plan compares is the workspace's own export of what it now holds.
            auto reread = m_workspace.loadInventory();
            if (!reread) {
                return reread.error();
            }
            seen.insert(QStringLiteral("inventory"),
                { 0, revision, sha(QString::fromUtf8(AnsibleInventory::exportIni(*reread))) });
        }
        return saveSeen(seen);
    });
    if (!done) {
        return done.error();
    }
    return out;
}
