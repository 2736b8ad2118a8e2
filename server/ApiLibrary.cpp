// The script and template library routes of Api (docs/api/openapi.yaml, tags scripts and templates): list, read,
// create, update with optimistic concurrency (base_version or If-Match; 409 with the current version when the
// server's copy moved on), delete, versions, a unified diff between two versions, restore, and the template preview
// for a host.
#include "Api.h"

#include "ApiJson.h"
#include "BodyFields.h"
#include "LibraryItems.h"
#include "core/TextDiff.h"
#include "templates/TemplatePreview.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

using namespace ApiJson;

namespace {

constexpr qsizetype kMaxRenderOutput = 4 * 1024 * 1024; // characters

LibraryItems libraryOf(const ApiRequest& r, Workspace& workspace, const TokenStore::Token& who)
{
    return LibraryItems(workspace, LibraryItems::kindOfPath(QUrl(r.target).path()), who.name);
}

ApiResponse internal(const Error& e)
{
    return Api::error(500, QStringLiteral("internal"), e.toString());
}

ApiResponse notFound(const LibraryItems& lib, const QString& name)
{
    return Api::error(404, QStringLiteral("not_found"), QStringLiteral("no %1 named %2").arg(lib.noun(), name));
}

// The item a path names: nullopt and *answer set (404, or 500 when the library cannot be read) when there is none.
std::optional<LibraryItems::Item> lookup(const LibraryItems& lib, const QString& name, ApiResponse* answer)
{
    const auto found = lib.find(name);
    if (!found) {
        *answer = internal(found.error());
        return std::nullopt;
    }
    if (!*found) {
        *answer = notFound(lib, name);
    }
    return *found;
}

// 409 unless `base` is the item's current version.
std::optional<ApiResponse> staleVersion(const LibraryItems& lib, const LibraryItems::Item& item, qint64 base)
{
    if (base == item.version) {
        return std::nullopt;
    }
    return Api::conflict(QStringLiteral("%1 %2 is at version %3, not %4: someone saved it since; read it again, "
                                        "merge, and send base_version %3")
                             .arg(lib.noun(), item.name)
                             .arg(item.version)
                             .arg(base),
        QStringLiteral("base_version"), item.version);
}

QJsonObject versionJson(const LibraryItems::VersionInfo& v)
{
    return { { QStringLiteral("version"), v.version }, { QStringLiteral("createdAt"), iso(v.createdAt) },
        { QStringLiteral("author"), v.author }, { QStringLiteral("message"), v.message } };
}

} // namespace

ApiResponse Api::libraryList(const ApiRequest& r, const TokenStore::Token& who, const QStringList&)
{
    const LibraryItems lib = libraryOf(r, m_workspace, who);
    const auto all = lib.list();
    if (!all) {
        return internal(all.error());
    }
    QJsonArray out;
    for (const LibraryItems::Item& i : *all) {
        out.append(i.json);
    }
    return ok({ { lib.noun() + u's', out } });
}

ApiResponse Api::libraryGet(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const LibraryItems lib = libraryOf(r, m_workspace, who);
    const auto item = lib.find(args.value(0));
    if (!item) {
        return internal(item.error());
    }
    return *item ? ok((*item)->json) : notFound(lib, args.value(0));
}

ApiResponse Api::libraryWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    LibraryItems lib = libraryOf(r, m_workspace, who);
    const bool isNew = args.isEmpty();
    const QString action = lib.noun() + (isNew ? QStringLiteral(".create") : QStringLiteral(".update"));
    QString target = lib.noun() + u' ' + args.value(0);
    const auto answer = [&]() -> ApiResponse {
        BodyFields fields(r.body, lib.writableFields() << QStringLiteral("message") << QStringLiteral("base_version"));
        const QString message = fields.string(QStringLiteral("message"), false, 10'000);
        std::optional<LibraryItems::Item> current;
        if (!isNew) {
            ApiResponse missing;
            current = lookup(lib, args.value(0), &missing);
            if (!current) {
                return missing;
            }
        }
        const std::optional<qint64> base = isNew ? std::nullopt : baseVersion(r, fields);
        if (!isNew && fields.ok() && !base) {
            fields.fail(QStringLiteral("base_version"),
                QStringLiteral(
                    "base_version (or an If-Match header) is required: the version this change is based on"));
        }
        const QJsonObject item = lib.readFields(fields, current ? current->json : QJsonObject());
        if (fields.problem()) {
            return *fields.problem();
        }
        if (current) {
            if (auto stale = staleVersion(lib, *current, *base)) {
                return *stale;
            }
        }
        const QString name = item.value(QStringLiteral("name")).toString();
        target = lib.noun() + u' ' + name;
        if (!current || name != current->name) {
            auto taken = lib.find(name);
            if (!taken) {
                return internal(taken.error());
            }
            if (*taken) {
                return conflict(QStringLiteral("a %1 named %2 exists already (version %3)")
                                    .arg(lib.noun(), name)
                                    .arg((*taken)->version),
                    QStringLiteral("name"), (*taken)->version);
            }
        }
        if (isNew) {
            auto made = lib.create(item, message);
            return made ? ok(made->json, 201) : badRequest(made.error().message);
        }
        bool changed = false;
        auto saved = lib.save(item, message, &changed);
        if (!saved) {
            return badRequest(saved.error().message);
        }
        QJsonObject out = saved->json;
        out.insert(QStringLiteral("changed"), changed);
        return ok(out);
    }();
    record(r, who.name, action, target, answer);
    return answer;
}

ApiResponse Api::libraryDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    LibraryItems lib = libraryOf(r, m_workspace, who);
    const auto answer = [&]() -> ApiResponse {
        ApiResponse missing;
        const std::optional<LibraryItems::Item> found = lookup(lib, args.value(0), &missing);
        if (!found) {
            return missing;
        }
        // Optional here: a delete that names the version it saw is refused when that is not the current one.
        const QUrlQuery q = query(r);
        ApiResponse bad;
        const auto base = intParam(q, QStringLiteral("base_version"), 0, 1, std::numeric_limits<qint32>::max(), &bad);
        if (!base) {
            return bad;
        }
        BodyFields none(QByteArrayLiteral("{}"), {});
        const std::optional<qint64> ifMatch
            = q.hasQueryItem(QStringLiteral("base_version")) ? base : baseVersion(r, none);
        if (none.problem()) {
            return *none.problem();
        }
        if (ifMatch) {
            if (auto stale = staleVersion(lib, *found, *ifMatch)) {
                return *stale;
            }
        }
        if (auto removed = lib.remove(found->id); !removed) {
            return internal(removed.error());
        }
        return ok({ { QStringLiteral("deleted"), found->name }, { QStringLiteral("version"), found->version } });
    }();
    record(r, who.name, lib.noun() + QStringLiteral(".delete"), lib.noun() + u' ' + args.value(0), answer);
    return answer;
}

ApiResponse Api::libraryVersions(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const LibraryItems lib = libraryOf(r, m_workspace, who);
    ApiResponse missing;
    const std::optional<LibraryItems::Item> found = lookup(lib, args.value(0), &missing);
    if (!found) {
        return missing;
    }
    const auto all = lib.versions(found->id);
    if (!all) {
        return internal(all.error());
    }
    QJsonArray out;
    for (const LibraryItems::VersionInfo& v : *all) {
        out.append(versionJson(v));
    }
    return ok({ { QStringLiteral("name"), found->name }, { QStringLiteral("current"), found->version },
        { QStringLiteral("versions"), out } });
}

ApiResponse Api::libraryVersion(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const LibraryItems lib = libraryOf(r, m_workspace, who);
    ApiResponse missing;
    const std::optional<LibraryItems::Item> found = lookup(lib, args.value(0), &missing);
    if (!found) {
        return missing;
    }
    const int number = args.value(1).toInt();
    if (number < 1 || number > found->version) {
        return error(404, QStringLiteral("not_found"),
            QStringLiteral("%1 %2 has versions 1 to %3, not %4")
                .arg(lib.noun(), found->name)
                .arg(found->version)
                .arg(number));
    }
    const auto v = lib.version(found->id, number);
    if (!v) {
        return internal(v.error());
    }
    QJsonObject out = versionJson(*v);
    out.insert(lib.noun(), v->item.json);
    return ok(out);
}

ApiResponse Api::libraryDiff(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const LibraryItems lib = libraryOf(r, m_workspace, who);
    ApiResponse missing;
    const std::optional<LibraryItems::Item> found = lookup(lib, args.value(0), &missing);
    if (!found) {
        return missing;
    }
    const int current = found->version;
    const QUrlQuery q = query(r);
    ApiResponse bad;
    const auto to = intParam(q, QStringLiteral("to"), current, 1, current, &bad);
    if (!to) {
        return bad;
    }
    const auto from = intParam(q, QStringLiteral("from"), std::max<qint64>(1, *to - 1), 1, current, &bad);
    if (!from) {
        return bad;
    }
    const auto a = lib.version(found->id, int(*from));
    const auto b = lib.version(found->id, int(*to));
    if (!a || !b) {
        return internal(a ? b.error() : a.error());
    }
    // As `opsdeck-cli script diff` prints it: NAME@FROM and NAME@TO as the labels.
    const QString name = found->name;
    const QString diff = TextDiff::unified(a->item.content, b->item.content,
        QStringLiteral("%1@%2").arg(name).arg(*from), QStringLiteral("%1@%2").arg(name).arg(*to));
    return ok({ { QStringLiteral("name"), name }, { QStringLiteral("from"), *from }, { QStringLiteral("to"), *to },
        { QStringLiteral("diff"), diff } });
}

ApiResponse Api::libraryRestore(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    LibraryItems lib = libraryOf(r, m_workspace, who);
    int number = 0;
    const auto answer = [&]() -> ApiResponse {
        BodyFields fields(
            r.body, { QStringLiteral("version"), QStringLiteral("base_version"), QStringLiteral("message") });
        const auto version = fields.integer(QStringLiteral("version"), 1, std::numeric_limits<qint32>::max(), true);
        const QString message = fields.string(QStringLiteral("message"), false, 10'000);
        const std::optional<qint64> base = baseVersion(r, fields);
        if (fields.ok() && !base) {
            fields.fail(QStringLiteral("base_version"),
                QStringLiteral("base_version (or an If-Match header) is required: the version this restore replaces"));
        }
        if (fields.problem()) {
            return *fields.problem();
        }
        number = int(*version);
        ApiResponse missing;
        const std::optional<LibraryItems::Item> found = lookup(lib, args.value(0), &missing);
        if (!found) {
            return missing;
        }
        if (auto stale = staleVersion(lib, *found, *base)) {
            return *stale;
        }
        if (number > found->version) {
            return badRequest(
                QStringLiteral("%1 %2 has versions 1 to %3").arg(lib.noun(), found->name).arg(found->version),
                QStringLiteral("version"));
        }
        auto restored = lib.restore(found->id, number, message);
        return restored ? ok(restored->json) : internal(restored.error());
    }();
    record(r, who.name, lib.noun() + QStringLiteral(".restore"),
        QStringLiteral("%1 %2 version %3").arg(lib.noun(), args.value(0)).arg(number), answer);
    return answer;
}

ApiResponse Api::renderTemplate(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    BodyFields fields(r.body,
        { QStringLiteral("host"), QStringLiteral("variables"), QStringLiteral("content"),
            QStringLiteral("undefined") });
    const QString hostName = fields.string(QStringLiteral("host"), true);
    const QVariantMap variables = fields.variables(QStringLiteral("variables"));
    const QString content = fields.text(QStringLiteral("content"));
    const QString undefined = fields.string(QStringLiteral("undefined"));
    Jinja::Options options; // the template module's defaults, as the console's preview starts with
    // A render runs on the API's thread: bounded tighter than the engine's defaults, so that one request (a viewer
    // may send a template of its own as `content`) cannot hold the server long or fill its memory.
    options.limits.maxOutputSize = kMaxRenderOutput;
    options.limits.maxLoopIterations = 200'000;
    static const QStringList modes { QStringLiteral("strict"), QStringLiteral("lenient"), QStringLiteral("chainable") };
    if (fields.has(QStringLiteral("undefined")) && fields.ok()) {
        if (!modes.contains(undefined)) {
            fields.fail(QStringLiteral("undefined"), QStringLiteral("undefined must be strict, lenient or chainable"));
        }
        options.undefined = Jinja::UndefinedMode(modes.indexOf(undefined));
    }
    if (fields.problem()) {
        return *fields.problem();
    }
    const LibraryItems lib(m_workspace, LibraryItems::Kind::Templates, who.name);
    ApiResponse missing;
    const std::optional<LibraryItems::Item> found = lookup(lib, args.value(0), &missing);
    if (!found) {
        return missing;
    }
    const auto state = currentInventory();
    if (!state) {
        return internal(state.error());
    }
    if (!state->inventory.host(hostName)) {
        return badRequest(QStringLiteral("no host named %1 in the inventory").arg(hostName), QStringLiteral("host"));
    }
    // The context the console's preview renders with: the host's, with the job variables' top-level names on top.
    QVariantMap context = TemplatePreview::hostContext(state->inventory, hostName);
    for (auto it = variables.cbegin(); it != variables.cend(); ++it) {
        context.insert(it.key(), it.value());
    }
    const QString source = fields.has(QStringLiteral("content")) ? content : found->content;
    const TemplatePreview::Outcome out = TemplatePreview::render(source, found->name, options, context);
    QJsonObject o { { QStringLiteral("template"), found->name }, { QStringLiteral("version"), found->version },
        { QStringLiteral("host"), hostName }, { QStringLiteral("ok"), out.ok },
        { QStringLiteral("undefined"), QJsonArray::fromStringList(out.undefinedNames) } };
    o.insert(QStringLiteral("output"), out.ok ? QJsonValue(out.output) : QJsonValue());
    o.insert(QStringLiteral("render_error"),
        out.ok ? QJsonValue()
               : QJsonValue(QJsonObject { { QStringLiteral("message"), out.error.toString() },
                   { QStringLiteral("line"), out.error.where.line },
                   { QStringLiteral("column"), out.error.where.column } }));
    return ok(o);
}
