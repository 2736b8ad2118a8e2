// The inventory routes of Api (docs/api/openapi.yaml, tag inventory): hosts and groups (static and dynamic) read,
// created, updated and deleted; a host's variables with provenance; the console's search syntax; Ansible export and
// import with the change list the CLI's --dry-run prints. Every write names the inventory revision it was based on
// (a hash of the inventory's contents, in every read) and is refused with 409 when the inventory moved on since.
#include "Api.h"

#include "ApiJson.h"
#include "BodyFields.h"
#include "core/VarCodec.h"
#include "facts/FactLayer.h"
#include "inventory/HostExpression.h"
#include "inventory/HostQuery.h"
#include "inventory/InventoryImport.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

using namespace ApiJson;

namespace {

QVariantList variantList(const QStringList& list)
{
    return { list.cbegin(), list.cend() };
}

// What a write is compared against: every stored field of every host and group, in order. Dynamic groups count by
// their rule, not by the members it gives today.
QString revisionOf(const Inventory& inv)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Host& h : inv.hosts()) {
        hash.addData(VarCodec::toStorageJson(QVariantList { h.name, h.inventoryVars(), h.fileVars }));
        hash.addData("\n");
    }
    for (const Group& g : inv.groups()) {
        hash.addData(VarCodec::toStorageJson(QVariantList { g.name, Group::kindName(g.kind), g.priority, g.vars,
            g.fileVars, variantList(g.children), g.isDynamic() ? QVariantList() : variantList(g.hosts), g.rule }));
        hash.addData("\n");
    }
    return QString::fromLatin1(hash.result().toHex().left(32));
}

QJsonObject hostJson(const Inventory& inv, const Host& h)
{
    QJsonArray groups;
    for (const QString& g : inv.hostGroupsDirect(h.name)) {
        groups.append(g);
    }
    return { { QStringLiteral("name"), h.name }, { QStringLiteral("address"), h.effectiveAddress() },
        { QStringLiteral("port"), h.port > 0 ? h.port : 22 }, { QStringLiteral("user"), h.user },
        { QStringLiteral("idc"), h.idc }, { QStringLiteral("business"), h.business }, { QStringLiteral("env"), h.env },
        { QStringLiteral("status"), h.status }, { QStringLiteral("tags"), QJsonArray::fromStringList(h.tags) },
        { QStringLiteral("groups"), groups } };
}

QJsonObject varsJson(const QVariantMap& vars)
{
    return jsonValue(vars).toObject();
}

QJsonObject groupJson(const Group& g)
{
    return { { QStringLiteral("name"), g.name }, { QStringLiteral("kind"), Group::kindName(g.kind) },
        { QStringLiteral("priority"), g.priority },
        { QStringLiteral("children"), QJsonArray::fromStringList(g.children) },
        { QStringLiteral("hosts"), QJsonArray::fromStringList(g.hosts) }, { QStringLiteral("rule"), g.rule },
        { QStringLiteral("vars"), varsJson(g.vars) }, { QStringLiteral("file_vars"), varsJson(g.fileVars) } };
}

ApiResponse internal(const Error& e)
{
    return Api::error(500, QStringLiteral("internal"), e.toString());
}

ApiResponse notFound(const QString& what, const QString& name)
{
    return Api::error(404, QStringLiteral("not_found"), QStringLiteral("no %1 named %2").arg(what, name));
}

// The revision a write was based on: "revision" in the body (or the query, for DELETE), else If-Match.
QString baseRevision(const ApiRequest& r, BodyFields* fields)
{
    if (fields && fields->has(QStringLiteral("revision"))) {
        return fields->string(QStringLiteral("revision"), false, 64);
    }
    const QUrlQuery q = query(r);
    if (!fields && q.hasQueryItem(QStringLiteral("revision"))) {
        return q.queryItemValue(QStringLiteral("revision"));
    }
    QString tag = r.ifMatch.trimmed();
    if (tag.startsWith(QLatin1String("W/"))) {
        tag = tag.mid(2);
    }
    if (tag.size() >= 2 && tag.startsWith(u'"') && tag.endsWith(u'"')) {
        tag = tag.mid(1, tag.size() - 2);
    }
    return tag;
}

// 409 unless `base` is the current revision; 400 when the write does not say which it was based on.
std::optional<ApiResponse> staleRevision(const QString& base, const QString& current, bool required)
{
    if (base.isEmpty()) {
        if (!required) {
            return std::nullopt;
        }
        return badRequest(QStringLiteral("revision (or an If-Match header) is required: the inventory revision this "
                                         "change is based on, as every inventory read returns it"),
            QStringLiteral("revision"));
    }
    if (base == current) {
        return std::nullopt;
    }
    return Api::conflict(QStringLiteral("the inventory changed since revision %1 (it is now %2): read it again and "
                                        "send the change based on the current revision")
                             .arg(base, current),
        QStringLiteral("revision"), current);
}

// Why a host or group cannot be called `name` (empty when it can).
QString nameProblem(const QString& name)
{
    static const QRegularExpression bad(QStringLiteral("[\\s,\\[\\]]"));
    if (name.isEmpty()) {
        return QStringLiteral("name must not be empty");
    }
    if (name.contains(bad) || name.contains(u'/')) {
        return QStringLiteral("name must not contain spaces, commas, brackets or '/'");
    }
    return {};
}

// Each name of a list field must be a host (or a group) of the inventory.
void requireExisting(BodyFields& fields, const QString& field, const QStringList& names,
    const std::function<bool(const QString&)>& exists, const QString& what)
{
    for (int i = 0; i < names.size(); ++i) {
        if (!exists(names.at(i))) {
            fields.fail(
                QStringLiteral("%1[%2]").arg(field).arg(i), QStringLiteral("no %1 named %2").arg(what, names.at(i)));
        }
    }
}

QString stateName(InventoryDiff::Entry::State s)
{
    switch (s) {
    case InventoryDiff::Entry::State::Added:
        return QStringLiteral("added");
    case InventoryDiff::Entry::State::Removed:
        return QStringLiteral("removed");
    case InventoryDiff::Entry::State::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QJsonArray changesJson(const InventoryDiff& diff)
{
    QJsonArray out;
    for (const InventoryDiff::Entry& e : diff.entries()) {
        QJsonArray vars;
        for (const InventoryDiff::VarChange& v : e.vars) {
            const QString change = v.kind == InventoryDiff::VarChange::Kind::Added ? QStringLiteral("added")
                : v.kind == InventoryDiff::VarChange::Kind::Removed                ? QStringLiteral("removed")
                                                                                   : QStringLiteral("changed");
            QJsonObject o { { QStringLiteral("change"), change }, { QStringLiteral("key"), v.key },
                { QStringLiteral("layer"), v.fileLayer ? QStringLiteral("file") : QStringLiteral("inventory") } };
            o.insert(QStringLiteral("before"), v.before.isValid() ? jsonValue(v.before) : QJsonValue());
            o.insert(QStringLiteral("after"), v.after.isValid() ? jsonValue(v.after) : QJsonValue());
            vars.append(o);
        }
        out.append(QJsonObject {
            { QStringLiteral("kind"),
                e.kind == InventoryDiff::Entry::Kind::Group ? QStringLiteral("group") : QStringLiteral("host") },
            { QStringLiteral("state"), stateName(e.state) }, { QStringLiteral("name"), e.name },
            { QStringLiteral("vars"), vars },
            { QStringLiteral("hosts_added"), QJsonArray::fromStringList(e.hostsAdded) },
            { QStringLiteral("hosts_removed"), QJsonArray::fromStringList(e.hostsRemoved) },
            { QStringLiteral("children_added"), QJsonArray::fromStringList(e.childrenAdded) },
            { QStringLiteral("children_removed"), QJsonArray::fromStringList(e.childrenRemoved) },
            { QStringLiteral("other"), QJsonArray::fromStringList(e.other) } });
    }
    return out;
}

} // namespace

Result<Api::InventoryState> Api::currentInventory()
{
    const qint64 dataVersion = SqlDialect::changeCounter(m_workspace.database());
    if (m_inventory && dataVersion >= 0 && dataVersion == m_inventoryDataVersion) {
        return *m_inventory;
    }
    auto inv = m_workspace.loadInventory();
    if (!inv) {
        return inv.error();
    }
    if (auto facts = FactLayer::apply(m_workspace, *inv); !facts) {
        return facts.error();
    }
    InventoryState state { std::move(*inv), {} };
    state.revision = revisionOf(state.inventory); // also evaluates the dynamic groups, once for every copy
    m_inventory = state;
    m_inventoryDataVersion = dataVersion;
    return state;
}

Result<void> Api::writeInventory(const std::function<Result<void>()>& write)
{
    m_inventory.reset();
    auto done = m_workspace.inTransaction(write);
    m_inventory.reset();
    return done;
}

ApiResponse Api::hosts(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    if (query(r).hasQueryItem(QStringLiteral("q"))) {
        return inventoryQuery(r, who, args);
    }
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    QJsonArray list;
    for (const Host& h : state->inventory.hosts()) {
        list.append(hostJson(state->inventory, h));
    }
    return ok({ { QStringLiteral("revision"), state->revision }, { QStringLiteral("hosts"), list } });
}

ApiResponse Api::inventoryQuery(const ApiRequest& r, const TokenStore::Token&, const QStringList&)
{
    const QString text = query(r).queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    if (text.size() > 4096) {
        return badRequest(QStringLiteral("q is longer than 4096 characters"), QStringLiteral("q"));
    }
    auto parsed = HostQuery::parse(text);
    if (!parsed) {
        return badRequest(parsed.error().toString(), QStringLiteral("q"));
    }
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    parsed->bind(state->inventory);
    QJsonArray list;
    for (const int i : parsed->filter(state->inventory)) {
        list.append(hostJson(state->inventory, state->inventory.hosts().at(i)));
    }
    QJsonObject answer { { QStringLiteral("revision"), state->revision }, { QStringLiteral("query"), text },
        { QStringLiteral("expression"), parsed->toExpression() }, { QStringLiteral("hosts"), list } };
    // A drift: query has no rule form: no expression a dynamic group could keep, and why.
    if (const QString problem = parsed->ruleProblem(); !problem.isEmpty()) {
        answer.insert(QStringLiteral("expression"), QJsonValue::Null);
        answer.insert(QStringLiteral("expression_problem"), problem);
    }
    return ok(answer);
}

ApiResponse Api::host(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    const Inventory& inv = state->inventory;
    const Host* h = inv.host(args.value(0));
    if (!h) {
        return notFound(QStringLiteral("host"), args.value(0));
    }
    QJsonObject o = hostJson(inv, *h);
    QJsonArray vars;
    for (const ResolvedVar& v : inv.resolveVarsWithProvenance(h->name)) {
        vars.append(QJsonObject { { QStringLiteral("key"), v.key }, { QStringLiteral("value"), jsonValue(v.value) },
            { QStringLiteral("source"), v.source.toString() } });
    }
    o.insert(QStringLiteral("vars"), vars);
    o.insert(QStringLiteral("inventory_vars"), varsJson(h->vars));
    o.insert(QStringLiteral("file_vars"), varsJson(h->fileVars));
    o.insert(QStringLiteral("revision"), state->revision);
    return ok(o);
}

ApiResponse Api::hostVars(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    const Host* h = state->inventory.host(args.value(0));
    if (!h) {
        return notFound(QStringLiteral("host"), args.value(0));
    }
    QJsonArray vars;
    for (const ResolvedVar& v : state->inventory.resolveVarsWithProvenance(h->name)) {
        QJsonArray overridden;
        for (const auto& [layer, value] : v.overridden) {
            overridden.append(QJsonObject {
                { QStringLiteral("source"), layer.toString() }, { QStringLiteral("value"), jsonValue(value) } });
        }
        vars.append(QJsonObject { { QStringLiteral("key"), v.key }, { QStringLiteral("value"), jsonValue(v.value) },
            { QStringLiteral("source"), v.source.toString() }, { QStringLiteral("overridden"), overridden } });
    }
    return ok({ { QStringLiteral("host"), h->name }, { QStringLiteral("revision"), state->revision },
        { QStringLiteral("vars"), vars } });
}

ApiResponse Api::hostWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const bool isNew = args.isEmpty();
    QString target = QStringLiteral("host ") + args.value(0);
    const auto answer = [&]() -> ApiResponse {
        BodyFields fields(r.body,
            { QStringLiteral("name"), QStringLiteral("address"), QStringLiteral("port"), QStringLiteral("user"),
                QStringLiteral("idc"), QStringLiteral("business"), QStringLiteral("env"), QStringLiteral("status"),
                QStringLiteral("tags"), QStringLiteral("vars"), QStringLiteral("file_vars"), QStringLiteral("groups"),
                QStringLiteral("revision") });
        const auto state = currentInventory();
        if (!state) {
            return internal(state.error());
        }
        const Inventory& inv = state->inventory;
        Host h;
        if (!isNew) {
            const Host* existing = inv.host(args.value(0));
            if (!existing) {
                return notFound(QStringLiteral("host"), args.value(0));
            }
            h = *existing;
        }
        const QString base = baseRevision(r, &fields);
        const QString name = fields.string(QStringLiteral("name"), isNew);
        if (fields.has(QStringLiteral("name"))) {
            if (const QString problem = nameProblem(name); !problem.isEmpty()) {
                fields.fail(QStringLiteral("name"), problem);
            }
            h.name = name;
        }
        const auto text = [&](const char* key, QString& into) {
            if (fields.has(QLatin1String(key))) {
                into = fields.string(QLatin1String(key), false, 1000);
            }
        };
        text("address", h.address);
        text("user", h.user);
        text("idc", h.idc);
        text("business", h.business);
        text("env", h.env);
        text("status", h.status);
        if (const auto port = fields.integer(QStringLiteral("port"), 0, 65535)) {
            h.port = int(*port);
        }
        if (fields.has(QStringLiteral("tags"))) {
            h.tags = fields.strings(QStringLiteral("tags"));
        }
        if (fields.has(QStringLiteral("vars"))) {
            // Connection fields given as variables (ansible_host …) land in their fields, as an import puts them.
            const QVariantMap vars = fields.variables(QStringLiteral("vars"));
            Host fieldsOnly = h;
            fieldsOnly.vars.clear();
            QVariantMap all = fieldsOnly.inventoryVars();
            all.insert(vars);
            h.setInventoryVars(all);
        }
        if (fields.has(QStringLiteral("file_vars"))) {
            h.fileVars = fields.variables(QStringLiteral("file_vars"));
        }
        QStringList groups = isNew ? QStringList() : inv.hostStaticGroups(args.value(0));
        if (fields.has(QStringLiteral("groups"))) {
            groups = fields.strings(QStringLiteral("groups"));
            for (int i = 0; i < groups.size() && fields.ok(); ++i) {
                const Group* g = inv.group(groups.at(i));
                if (!g || g->isDynamic() || groups.at(i) == QLatin1String("all")) {
                    fields.fail(QStringLiteral("groups[%1]").arg(i),
                        g ? QStringLiteral("%1 is not a static group a host can be put in").arg(groups.at(i))
                          : QStringLiteral("no group named %1").arg(groups.at(i)));
                }
            }
        }
        if (fields.problem()) {
            return *fields.problem();
        }
        target = QStringLiteral("host ") + h.name;
        if (auto stale = staleRevision(base, state->revision, !isNew)) {
            return *stale;
        }
        if ((isNew || h.name != args.value(0)) && inv.host(h.name)) {
            return conflict(
                QStringLiteral("a host named %1 exists already").arg(h.name), QStringLiteral("name"), state->revision);
        }
        auto saved = writeInventory([&]() -> Result<void> {
            if (!isNew && h.name != args.value(0)) {
                if (auto renamed = m_workspace.renameHost(args.value(0), h.name); !renamed) {
                    return renamed;
                }
            }
            return m_workspace.saveHost(h, groups);
        });
        if (!saved) {
            return internal(saved.error());
        }
        const auto after = currentInventory();
        if (!after) {
            return internal(after.error());
        }
        QJsonObject out = hostJson(after->inventory, *after->inventory.host(h.name));
        out.insert(QStringLiteral("revision"), after->revision);
        return ok(out, isNew ? 201 : 200);
    }();
    record(r, who.name, isNew ? QStringLiteral("host.create") : QStringLiteral("host.update"), target, answer);
    return answer;
}

ApiResponse Api::groups(const ApiRequest&, const TokenStore::Token&, const QStringList&)
{
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    QJsonArray list;
    for (const Group& g : state->inventory.groups()) {
        list.append(groupJson(g));
    }
    return ok({ { QStringLiteral("revision"), state->revision }, { QStringLiteral("groups"), list } });
}

ApiResponse Api::group(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    const Group* g = state->inventory.group(args.value(0));
    if (!g) {
        return notFound(QStringLiteral("group"), args.value(0));
    }
    QJsonObject o = groupJson(*g);
    o.insert(QStringLiteral("revision"), state->revision);
    o.insert(QStringLiteral("problem"), state->inventory.dynamicGroupProblem(g->name));
    return ok(o);
}

ApiResponse Api::groupWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const bool isNew = args.isEmpty();
    QString target = QStringLiteral("group ") + args.value(0);
    const auto answer = [&]() -> ApiResponse {
        BodyFields fields(r.body,
            { QStringLiteral("name"), QStringLiteral("kind"), QStringLiteral("priority"), QStringLiteral("vars"),
                QStringLiteral("file_vars"), QStringLiteral("children"), QStringLiteral("hosts"),
                QStringLiteral("rule"), QStringLiteral("revision") });
        const auto state = currentInventory();
        if (!state) {
            return internal(state.error());
        }
        Inventory inv = state->inventory;
        Group g;
        if (!isNew) {
            const Group* existing = inv.group(args.value(0));
            if (!existing) {
                return notFound(QStringLiteral("group"), args.value(0));
            }
            g = *existing;
        }
        const QString base = baseRevision(r, &fields);
        const QString name = fields.string(QStringLiteral("name"), isNew);
        if (fields.has(QStringLiteral("name"))) {
            if (const QString problem = nameProblem(name); !problem.isEmpty()) {
                fields.fail(QStringLiteral("name"), problem);
            } else if (!isNew && name != g.name) {
                fields.fail(
                    QStringLiteral("name"), QStringLiteral("a group cannot be renamed here: the name is the path's"));
            } else if (name == QLatin1String("all") || name == QLatin1String("ungrouped")) {
                fields.fail(QStringLiteral("name"), QStringLiteral("%1 is Ansible's own group").arg(name));
            }
            g.name = name;
        }
        if (fields.has(QStringLiteral("kind"))) {
            bool known = false;
            const QString kind = fields.string(QStringLiteral("kind"));
            g.kind = Group::kindFromName(kind, &known);
            if (fields.ok() && !known) {
                fields.fail(QStringLiteral("kind"), QStringLiteral("kind must be custom, idc or set"));
            }
        }
        if (const auto priority = fields.integer(QStringLiteral("priority"), 0, 1'000'000)) {
            g.priority = int(*priority);
        }
        if (fields.has(QStringLiteral("vars"))) {
            g.vars = fields.variables(QStringLiteral("vars"));
        }
        if (fields.has(QStringLiteral("file_vars"))) {
            g.fileVars = fields.variables(QStringLiteral("file_vars"));
        }
        if (isNew || fields.has(QStringLiteral("rule"))) {
            g.rule = fields.string(QStringLiteral("rule"), false, 4096).trimmed();
            if (fields.ok() && g.isDynamic()) {
                // A bad rule names its column: "rule:1:12: unexpected end of expression".
                if (auto parsed = HostExpression::parse(g.rule, QStringLiteral("rule")); !parsed) {
                    fields.fail(QStringLiteral("rule"), parsed.error().toString());
                }
            }
        }
        if (fields.has(QStringLiteral("children"))) {
            g.children = fields.strings(QStringLiteral("children"));
            requireExisting(
                fields, QStringLiteral("children"), g.children,
                [&](const QString& c) { return c != g.name && c != QLatin1String("all") && inv.group(c); },
                QStringLiteral("group (other than this one and all)"));
        }
        const bool membersGiven = fields.has(QStringLiteral("hosts"));
        if (membersGiven) {
            g.hosts = fields.strings(QStringLiteral("hosts"));
            if (fields.ok() && g.isDynamic()) {
                fields.fail(QStringLiteral("hosts"), QStringLiteral("a dynamic group's members come from its rule"));
            }
            requireExisting(
                fields, QStringLiteral("hosts"), g.hosts, [&](const QString& h) { return inv.host(h) != nullptr; },
                QStringLiteral("host"));
        }
        if (fields.ok() && fields.has(QStringLiteral("children"))) {
            inv.upsertGroup(g);
            if (auto valid = inv.validate(); !valid) {
                fields.fail(QStringLiteral("children"), valid.error().message);
            }
        }
        if (fields.problem()) {
            return *fields.problem();
        }
        target = QStringLiteral("group ") + g.name;
        if (auto stale = staleRevision(base, state->revision, !isNew)) {
            return *stale;
        }
        if (isNew && state->inventory.group(g.name)) {
            return conflict(
                QStringLiteral("a group named %1 exists already").arg(g.name), QStringLiteral("name"), state->revision);
        }
        auto saved = writeInventory([&]() -> Result<void> {
            if (auto s = m_workspace.saveGroup(g); !s) {
                return s;
            }
            return !g.isDynamic() && (membersGiven || isNew) ? m_workspace.setGroupMembers(g.name, g.hosts)
                                                             : Result<void>();
        });
        if (!saved) {
            return internal(saved.error());
        }
        const auto after = currentInventory();
        if (!after) {
            return internal(after.error());
        }
        QJsonObject out = groupJson(*after->inventory.group(g.name));
        out.insert(QStringLiteral("revision"), after->revision);
        out.insert(QStringLiteral("problem"), after->inventory.dynamicGroupProblem(g.name));
        return ok(out, isNew ? 201 : 200);
    }();
    record(r, who.name, isNew ? QStringLiteral("group.create") : QStringLiteral("group.update"), target, answer);
    return answer;
}

ApiResponse Api::inventoryDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const bool isHost = QUrl(r.target).path().startsWith(QLatin1String("/api/v1/hosts/"));
    const QString what = isHost ? QStringLiteral("host") : QStringLiteral("group");
    const QString name = args.value(0);
    const auto answer = [&]() -> ApiResponse {
        const auto state = currentInventory();
        if (!state) {
            return internal(state.error());
        }
        if (isHost ? !state->inventory.host(name) : !state->inventory.group(name)) {
            return notFound(what, name);
        }
        if (!isHost && (name == QLatin1String("all") || name == QLatin1String("ungrouped"))) {
            return badRequest(QStringLiteral("%1 is Ansible's own group and cannot be deleted").arg(name));
        }
        if (auto stale = staleRevision(baseRevision(r, nullptr), state->revision, true)) {
            return *stale;
        }
        auto removed = writeInventory(
            [&] { return isHost ? m_workspace.deleteHosts({ name }) : m_workspace.deleteGroup(name); });
        if (!removed) {
            return internal(removed.error());
        }
        const auto after = currentInventory();
        if (!after) {
            return internal(after.error());
        }
        return ok({ { QStringLiteral("deleted"), name }, { QStringLiteral("revision"), after->revision } });
    }();
    record(r, who.name, what + QStringLiteral(".delete"), what + u' ' + name, answer);
    return answer;
}

ApiResponse Api::inventoryExport(const ApiRequest& r, const TokenStore::Token&, const QStringList&)
{
    const QString format = query(r).queryItemValue(QStringLiteral("format"));
    if (format != QLatin1String("ini") && format != QLatin1String("yaml")) {
        return badRequest(QStringLiteral("format must be ini or yaml"), QStringLiteral("format"));
    }
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    const QByteArray text = format == QLatin1String("ini") ? AnsibleInventory::exportIni(state->inventory)
                                                           : AnsibleInventory::exportYaml(state->inventory);
    return ok({ { QStringLiteral("format"), format }, { QStringLiteral("revision"), state->revision },
        { QStringLiteral("content"), QString::fromUtf8(text) } });
}

ApiResponse Api::inventoryImport(const ApiRequest& r, const TokenStore::Token& who, const QStringList&)
{
    QString how;
    const auto answer = [&]() -> ApiResponse {
        BodyFields fields(r.body,
            { QStringLiteral("content"), QStringLiteral("format"), QStringLiteral("mode"), QStringLiteral("dry_run"),
                QStringLiteral("revision") });
        const QString content = fields.text(QStringLiteral("content"), true);
        const QString format = fields.string(QStringLiteral("format"), true);
        if (fields.ok() && format != QLatin1String("ini") && format != QLatin1String("yaml")) {
            fields.fail(QStringLiteral("format"), QStringLiteral("format must be ini or yaml"));
        }
        const QString mode
            = fields.has(QStringLiteral("mode")) ? fields.string(QStringLiteral("mode")) : QStringLiteral("merge");
        if (fields.ok() && mode != QLatin1String("merge") && mode != QLatin1String("replace")) {
            fields.fail(QStringLiteral("mode"), QStringLiteral("mode must be merge or replace"));
        }
        const bool dryRun = fields.boolean(QStringLiteral("dry_run"));
        const QString base = baseRevision(r, &fields);
        if (fields.problem()) {
            return *fields.problem();
        }
        how = mode + (dryRun ? QStringLiteral(", dry run") : QString());
        // Parse errors name the file as "inventory.ini:LINE:COLUMN".
        auto imported = AnsibleInventory::importText(content.toUtf8(),
            format == QLatin1String("ini") ? QStringLiteral("inventory.ini") : QStringLiteral("inventory.yml"));
        if (!imported) {
            return badRequest(imported.error().toString(), QStringLiteral("content"));
        }
        const auto state = currentInventory();
        if (!state) {
            return internal(state.error());
        }
        auto plan = InventoryImportPlan::make(state->inventory, *imported,
            mode == QLatin1String("replace") ? InventoryImportPlan::Mode::Replace : InventoryImportPlan::Mode::Merge);
        if (!plan) {
            return badRequest(plan.error().toString(), QStringLiteral("content"));
        }
        if (!dryRun) {
            if (auto stale = staleRevision(base, state->revision, true)) {
                return *stale;
            }
        }
        const bool apply = !dryRun && !plan->diff.isEmpty();
        QString revision = state->revision;
        if (apply) {
            if (auto saved = writeInventory([&] { return m_workspace.saveInventory(plan->after); }); !saved) {
                return internal(saved.error());
            }
            const auto after = currentInventory();
            if (!after) {
                return internal(after.error());
            }
            revision = after->revision;
        }
        QJsonArray ignored;
        for (const auto& i : plan->ignoredMembers) {
            ignored.append(QJsonObject { { QStringLiteral("group"), i.group }, { QStringLiteral("rule"), i.rule },
                { QStringLiteral("hosts"), i.hosts } });
        }
        return ok({ { QStringLiteral("mode"), mode }, { QStringLiteral("dry_run"), dryRun },
            { QStringLiteral("applied"), apply }, { QStringLiteral("revision"), revision },
            { QStringLiteral("imported_hosts"), plan->importedHosts },
            { QStringLiteral("imported_groups"), plan->importedGroups },
            { QStringLiteral("summary"), plan->diff.summaryLine() }, { QStringLiteral("text"), plan->toText() },
            { QStringLiteral("changes"), changesJson(plan->diff) }, { QStringLiteral("ignored_members"), ignored } });
    }();
    record(r, who.name, QStringLiteral("inventory.import"), QStringLiteral("inventory (%1)").arg(how), answer);
    return answer;
}
