#include "Api.h"

#include "ApiJson.h"
#include "AuditLog.h"
#include "Backend.h"
#include "JobSubmission.h"
#include "core/VarCodec.h"
#include "inventory/Inventory.h"
#include "jobs/JobStatus.h"
#include "jobs/JobStore.h"
#include "store/Workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTimeZone>
#include <QUrl>
#include <QUrlQuery>

using namespace ApiJson;

namespace {

using Role = TokenStore::Role;

QJsonObject tokenJson(const TokenStore::Token& t)
{
    QJsonObject o { { QStringLiteral("id"), t.id }, { QStringLiteral("name"), t.name },
        { QStringLiteral("role"), TokenStore::roleName(t.role) }, { QStringLiteral("createdAt"), iso(t.createdAt) } };
    o.insert(QStringLiteral("expiresAt"), t.expiresAt ? QJsonValue(iso(*t.expiresAt)) : QJsonValue());
    o.insert(QStringLiteral("revokedAt"), t.revokedAt ? QJsonValue(iso(*t.revokedAt)) : QJsonValue());
    o.insert(QStringLiteral("lastUsedAt"), t.lastUsedAt ? QJsonValue(iso(*t.lastUsedAt)) : QJsonValue());
    return o;
}

QJsonObject jobJson(const JobSummary& j)
{
    QJsonObject o { { QStringLiteral("id"), j.id }, { QStringLiteral("name"), j.name },
        { QStringLiteral("status"), jobStatusName(j.status) }, { QStringLiteral("createdAt"), isoMs(j.createdMs) },
        { QStringLiteral("createdBy"), j.createdBy }, { QStringLiteral("targets"), j.targetDescription },
        { QStringLiteral("hostCount"), j.hostCount }, { QStringLiteral("lastSeq"), j.lastSeq } };
    o.insert(QStringLiteral("finishedAt"), j.finishedMs > 0 ? QJsonValue(isoMs(j.finishedMs)) : QJsonValue());
    return o;
}

} // namespace

struct Api::Route {
    QString method;
    QRegularExpression path;
    Role role;
    ApiResponse (Api::*handler)(const ApiRequest&, const TokenStore::Token&, const QStringList&);
};

Api::Api(Workspace& workspace, Backend* backend)
    : m_workspace(workspace)
    , m_backend(backend)
    , m_tokens(workspace)
{
}

ApiResponse Api::error(int status, const QString& code, const QString& message, const QString& field)
{
    QJsonObject e { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    e.insert(QStringLiteral("field"), field.isEmpty() ? QJsonValue() : QJsonValue(field));
    ApiResponse r;
    r.status = status;
    r.body = json({ { QStringLiteral("error"), e } });
    return r;
}

ApiResponse Api::drainingError()
{
    return error(503, QStringLiteral("shutting_down"),
        QStringLiteral("the server is stopping and starts no new work; submit again once it is back"));
}

ApiResponse Api::conflict(const QString& message, const QString& field, const QJsonValue& current)
{
    ApiResponse r = error(409, QStringLiteral("conflict"), message, field);
    QJsonObject body = QJsonDocument::fromJson(r.body).object();
    QJsonObject e = body.value(QStringLiteral("error")).toObject();
    e.insert(QStringLiteral("current"), current);
    body.insert(QStringLiteral("error"), e);
    r.body = json(body);
    return r;
}

ApiResponse Api::handle(const ApiRequest& request)
{
    static const QString name = QStringLiteral("([^/]{1,200})");
    static const QList<Route> routes {
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/info$")), Role::Viewer, &Api::info },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/hosts$")), Role::Viewer, &Api::hosts },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/hosts$")), Role::Operator,
            &Api::hostWrite },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/hosts/") + name + u'$'), Role::Viewer,
            &Api::host },
        { QStringLiteral("PUT"), QRegularExpression(QStringLiteral("^/api/v1/hosts/") + name + u'$'), Role::Operator,
            &Api::hostWrite },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/hosts/") + name + u'$'), Role::Operator,
            &Api::inventoryDelete },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/hosts/") + name + QStringLiteral("/vars$")), Role::Viewer,
            &Api::hostVars },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/groups$")), Role::Viewer, &Api::groups },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/groups$")), Role::Operator,
            &Api::groupWrite },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/groups/") + name + u'$'), Role::Viewer,
            &Api::group },
        { QStringLiteral("PUT"), QRegularExpression(QStringLiteral("^/api/v1/groups/") + name + u'$'), Role::Operator,
            &Api::groupWrite },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/groups/") + name + u'$'),
            Role::Operator, &Api::inventoryDelete },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/inventory/query$")), Role::Viewer,
            &Api::inventoryQuery },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/inventory/export$")), Role::Viewer,
            &Api::inventoryExport },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/inventory/import$")), Role::Operator,
            &Api::inventoryImport },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/scripts$")), Role::Viewer,
            &Api::libraryList },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/scripts$")), Role::Operator,
            &Api::libraryWrite },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + u'$'), Role::Viewer,
            &Api::libraryGet },
        { QStringLiteral("PUT"), QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + u'$'), Role::Operator,
            &Api::libraryWrite },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + u'$'),
            Role::Operator, &Api::libraryDelete },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + QStringLiteral("/versions$")), Role::Viewer,
            &Api::libraryVersions },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + QStringLiteral("/versions/([0-9]{1,9})$")),
            Role::Viewer, &Api::libraryVersion },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + QStringLiteral("/diff$")), Role::Viewer,
            &Api::libraryDiff },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/scripts/") + name + QStringLiteral("/restore$")),
            Role::Operator, &Api::libraryRestore },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/templates$")), Role::Viewer,
            &Api::libraryList },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/templates$")), Role::Operator,
            &Api::libraryWrite },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + u'$'), Role::Viewer,
            &Api::libraryGet },
        { QStringLiteral("PUT"), QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + u'$'),
            Role::Operator, &Api::libraryWrite },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + u'$'),
            Role::Operator, &Api::libraryDelete },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + QStringLiteral("/versions$")),
            Role::Viewer, &Api::libraryVersions },
        { QStringLiteral("GET"),
            QRegularExpression(
                QStringLiteral("^/api/v1/templates/") + name + QStringLiteral("/versions/([0-9]{1,9})$")),
            Role::Viewer, &Api::libraryVersion },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + QStringLiteral("/diff$")), Role::Viewer,
            &Api::libraryDiff },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + QStringLiteral("/restore$")),
            Role::Operator, &Api::libraryRestore },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/templates/") + name + QStringLiteral("/render$")), Role::Viewer,
            &Api::renderTemplate },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/workflows$")), Role::Viewer,
            &Api::workflowList },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/workflows/") + name + u'$'), Role::Viewer,
            &Api::workflowGet },
        { QStringLiteral("PUT"), QRegularExpression(QStringLiteral("^/api/v1/workflows/") + name + u'$'),
            Role::Operator, &Api::workflowWrite },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/workflows/") + name + u'$'),
            Role::Operator, &Api::workflowDelete },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/workflows/") + name + QStringLiteral("/versions$")),
            Role::Viewer, &Api::workflowVersions },
        { QStringLiteral("GET"),
            QRegularExpression(
                QStringLiteral("^/api/v1/workflows/") + name + QStringLiteral("/versions/([0-9]{1,9})$")),
            Role::Viewer, &Api::workflowVersions },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/workflows/") + name + QStringLiteral("/what-if$")),
            Role::Viewer, &Api::workflowPreview },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/workflows/") + name + QStringLiteral("/runs$")), Role::Operator,
            &Api::workflowRun },
        { QStringLiteral("POST"),
            QRegularExpression(
                QStringLiteral("^/api/v1/jobs/") + name + QStringLiteral("/approvals/([A-Za-z_][A-Za-z0-9_]{0,63})$")),
            Role::Operator, &Api::workflowApproval },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/schedules$")), Role::Viewer,
            &Api::scheduleList },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/schedules$")), Role::Operator,
            &Api::scheduleWrite },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/schedules/([0-9]{1,18})$")), Role::Viewer,
            &Api::scheduleGet },
        { QStringLiteral("PUT"), QRegularExpression(QStringLiteral("^/api/v1/schedules/([0-9]{1,18})$")),
            Role::Operator, &Api::scheduleWrite },
        { QStringLiteral("PATCH"), QRegularExpression(QStringLiteral("^/api/v1/schedules/([0-9]{1,18})$")),
            Role::Operator, &Api::scheduleWrite },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/schedules/([0-9]{1,18})$")),
            Role::Operator, &Api::scheduleDelete },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/schedules/([0-9]{1,18})/(pause|resume)$")), Role::Operator,
            &Api::schedulePause },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/schedules/([0-9]{1,18})/runs$")),
            Role::Viewer, &Api::scheduleRuns },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/jobs/") + name
                + QStringLiteral("/nodes/([A-Za-z_][A-Za-z0-9_]{0,63})/(retry|rerun)$")),
            Role::Operator, &Api::workflowNode },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/jobs$")), Role::Viewer, &Api::jobs },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/jobs/") + name + u'$'), Role::Viewer,
            &Api::job },
        { QStringLiteral("GET"),
            QRegularExpression(QStringLiteral("^/api/v1/jobs/") + name + QStringLiteral("/events$")), Role::Viewer,
            &Api::jobEvents },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/jobs$")), Role::Operator,
            &Api::submitJob },
        { QStringLiteral("POST"),
            QRegularExpression(QStringLiteral("^/api/v1/jobs/") + name
                + QStringLiteral("/(pause|resume|cancel|confirm|retry-failed|retry-failed-and-not-started|rerun)$")),
            Role::Operator, &Api::intervene },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/tokens$")), Role::Admin,
            &Api::listTokens },
        { QStringLiteral("POST"), QRegularExpression(QStringLiteral("^/api/v1/tokens$")), Role::Admin,
            &Api::createToken },
        { QStringLiteral("DELETE"), QRegularExpression(QStringLiteral("^/api/v1/tokens/([0-9]{1,18})$")), Role::Admin,
            &Api::revokeToken },
        { QStringLiteral("GET"), QRegularExpression(QStringLiteral("^/api/v1/audit$")), Role::Admin, &Api::audit },
    };
    const QUrl url(request.target, QUrl::StrictMode);
    if (!url.isValid() || !request.target.startsWith(u'/')) {
        return error(400, QStringLiteral("bad_request"), QStringLiteral("the request target is not a valid path"));
    }
    const QString path = url.path(QUrl::FullyDecoded);
    const Route* found = nullptr;
    QStringList args;
    bool pathKnown = false;
    for (const Route& r : routes) {
        const QRegularExpressionMatch m = r.path.match(path);
        if (!m.hasMatch()) {
            continue;
        }
        pathKnown = true;
        if (r.method == request.method) {
            found = &r;
            args = m.capturedTexts().mid(1);
            break;
        }
    }
    // Authentication comes before routing: nothing about the API, not even which paths exist, is told to a
    // stranger.
    ApiResponse refusal;
    const std::optional<TokenStore::Token> who = authenticate(request, path, &refusal);
    if (!who) {
        return refusal;
    }
    if (!pathKnown) {
        ApiResponse r = error(404, QStringLiteral("not_found"), QStringLiteral("no such resource: %1").arg(path));
        r.actor = who->name;
        return r;
    }
    if (!found) {
        ApiResponse r = error(405, QStringLiteral("method_not_allowed"),
            QStringLiteral("%1 is not allowed on %2").arg(request.method, path));
        r.actor = who->name;
        return r;
    }
    if (!TokenStore::allows(who->role, found->role)) {
        ApiResponse r = error(403, QStringLiteral("forbidden"),
            QStringLiteral("%1 %2 needs the %3 role; this token is %4")
                .arg(request.method, path, TokenStore::roleName(found->role), TokenStore::roleName(who->role)));
        r.actor = who->name;
        if (request.method != QLatin1String("GET")) {
            record(request, who->name, request.method + u' ' + path, path, r);
        }
        return r;
    }
    ApiResponse r = (this->*(found->handler))(request, *who, args);
    r.actor = who->name;
    return r;
}

std::optional<TokenStore::Token> Api::authenticate(const ApiRequest& request, const QString& path, ApiResponse* refusal)
{
    constexpr int kMaxFailures = 10;
    constexpr qint64 kWindowMs = 60'000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_failures.size() > 10'000) {
        m_failures.removeIf([now](const auto& it) { return now - it.value().windowStartMs > kWindowMs; });
    }
    qint64 waitMs = 0;
    if (!m_addressRate.take(request.address, now, &waitMs)) {
        *refusal = error(429, QStringLiteral("too_many_requests"),
            QStringLiteral("too many requests from this address; slow down (try again in %1 ms)").arg(waitMs));
        return std::nullopt;
    }
    Failures& failures = m_failures[request.address];
    if (now - failures.windowStartMs > kWindowMs) {
        failures = { 0, now };
    }
    if (failures.count >= kMaxFailures) {
        *refusal = error(429, QStringLiteral("too_many_requests"),
            QStringLiteral("too many failed logins from this address; try again in %1 s")
                .arg((failures.windowStartMs + kWindowMs - now) / 1000 + 1));
        return std::nullopt;
    }
    static const QRegularExpression bearer(QStringLiteral("^Bearer ([A-Za-z0-9_-]{1,200})$"));
    const QRegularExpressionMatch m = bearer.match(request.authorization);
    const std::optional<TokenStore::Token> who = m.hasMatch() ? m_tokens.authenticate(m.captured(1)) : std::nullopt;
    if (!who && !request.authorization.isEmpty()) {
        ++failures.count;
    }
    if (failures.count == 0) {
        m_failures.remove(request.address); // bounded: only addresses that failed recently are kept
    }
    if (!who) {
        ApiResponse r = error(401, QStringLiteral("unauthorized"),
            request.authorization.isEmpty() ? QStringLiteral("this API needs a bearer token (Authorization: Bearer …)")
                                            : QStringLiteral("the token is not valid (unknown, revoked or expired)"));
        if (!request.authorization.isEmpty()) {
            record(request, QStringLiteral("-"), QStringLiteral("login"), path, r);
        }
        *refusal = r;
        return std::nullopt;
    }
    if (!m_tokenRate.take(QString::number(who->id), now, &waitMs)) {
        ApiResponse r = error(429, QStringLiteral("too_many_requests"),
            QStringLiteral("too many requests with this token; slow down (try again in %1 ms)").arg(waitMs));
        r.actor = who->name;
        *refusal = r;
        return std::nullopt;
    }
    return who;
}

void Api::setRateLimits(const RateLimits& limits)
{
    m_tokenRate.setRate(limits.perToken, limits.perTokenBurst);
    m_addressRate.setRate(limits.perAddress, limits.perAddressBurst);
}

ApiResponse Api::authorizeEvents(const ApiRequest& request)
{
    ApiResponse refusal;
    const std::optional<TokenStore::Token> who = authenticate(request, QStringLiteral("/api/v1/events"), &refusal);
    if (!who) {
        return refusal;
    }
    ApiResponse r = ok({});
    r.actor = who->name;
    return r;
}

void Api::record(const ApiRequest& r, const QString& actor, const QString& action, const QString& target,
    const ApiResponse& response)
{
    (void)AuditLog(m_workspace)
        .append(
            { 0, QDateTime::currentDateTimeUtc(), actor, action, target, QString::number(response.status), r.address });
}

ApiResponse Api::info(const ApiRequest&, const TokenStore::Token& who, const QStringList&)
{
    return ok({ { QStringLiteral("name"), QStringLiteral("opsdeck-server") },
        { QStringLiteral("version"), QStringLiteral(OPSDECK_VERSION) }, { QStringLiteral("api"), QStringLiteral("v1") },
        { QStringLiteral("time"), iso(QDateTime::currentDateTimeUtc()) },
        { QStringLiteral("role"), TokenStore::roleName(who.role) },
        { QStringLiteral("features"),
            QJsonArray { QStringLiteral("inventory"), QStringLiteral("inventory.write"), QStringLiteral("scripts"),
                QStringLiteral("templates"), QStringLiteral("workflows"), QStringLiteral("jobs.history"),
                QStringLiteral("tokens"), QStringLiteral("audit"), QStringLiteral("schedules") } } });
}

ApiResponse Api::jobs(const ApiRequest& r, const TokenStore::Token&, const QStringList&)
{
    const QUrlQuery q(QUrl(r.target).query());
    ApiResponse bad;
    const auto limit = intParam(q, QStringLiteral("limit"), 100, 1, 1000, &bad);
    if (!limit) {
        return bad;
    }
    JobFilter filter;
    filter.limit = int(*limit);
    filter.host = q.queryItemValue(QStringLiteral("host"), QUrl::FullyDecoded);
    if (q.hasQueryItem(QStringLiteral("status"))) {
        const QString name = q.queryItemValue(QStringLiteral("status"));
        const std::optional<JobStatus> status = parseJobStatus(name);
        if (!status) {
            return error(400, QStringLiteral("bad_request"), QStringLiteral("unknown job status '%1'").arg(name),
                QStringLiteral("status"));
        }
        filter.statuses.append(*status);
    }
    const auto list = JobStore(m_workspace).jobs(filter);
    if (!list) {
        return error(500, QStringLiteral("internal"), QStringLiteral("the job history cannot be read"));
    }
    QJsonArray out;
    for (const JobSummary& j : *list) {
        out.append(jobJson(j));
    }
    return ok({ { QStringLiteral("jobs"), out } });
}

ApiResponse Api::job(const ApiRequest&, const TokenStore::Token&, const QStringList& args)
{
    const auto j = JobStore(m_workspace).job(args.value(0));
    if (!j) {
        return error(404, QStringLiteral("not_found"), QStringLiteral("no job with the id %1").arg(args.value(0)));
    }
    return ok(jobJson(*j));
}

ApiResponse Api::jobEvents(const ApiRequest& r, const TokenStore::Token&, const QStringList& args)
{
    const QUrlQuery q(QUrl(r.target).query());
    ApiResponse bad;
    const auto after = intParam(q, QStringLiteral("after"), 0, 0, std::numeric_limits<qint32>::max(), &bad);
    if (!after) {
        return bad;
    }
    const auto limit = intParam(q, QStringLiteral("limit"), 1000, 1, 10000, &bad);
    if (!limit) {
        return bad;
    }
    JobStore store(m_workspace);
    if (!store.job(args.value(0))) {
        return error(404, QStringLiteral("not_found"), QStringLiteral("no job with the id %1").arg(args.value(0)));
    }
    const auto events = store.events(args.value(0), *after, int(*limit));
    if (!events) {
        return error(500, QStringLiteral("internal"), QStringLiteral("the job's events cannot be read"));
    }
    QJsonArray out;
    for (const JobEvent& e : *events) {
        out.append(e.toJson());
    }
    return ok({ { QStringLiteral("events"), out } });
}

ApiResponse Api::listTokens(const ApiRequest&, const TokenStore::Token&, const QStringList&)
{
    const auto list = m_tokens.list();
    if (!list) {
        return error(500, QStringLiteral("internal"), QStringLiteral("the tokens cannot be read"));
    }
    QJsonArray out;
    for (const TokenStore::Token& t : *list) {
        out.append(tokenJson(t));
    }
    return ok({ { QStringLiteral("tokens"), out } });
}

ApiResponse Api::createToken(const ApiRequest& r, const TokenStore::Token& who, const QStringList&)
{
    QJsonObject o;
    std::optional<Role> role;
    std::optional<QDateTime> expires;
    // The body, checked field by field; the first problem is the answer.
    const auto problem = [&]() -> std::optional<ApiResponse> {
        if (auto bad = objectBody(r.body, &o)) {
            return bad;
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() != QLatin1String("name") && it.key() != QLatin1String("role")
                && it.key() != QLatin1String("expiresInDays")) {
                return error(400, QStringLiteral("bad_request"), QStringLiteral("unknown field"), it.key());
            }
        }
        if (!o.value(QStringLiteral("name")).isString()) {
            return error(
                400, QStringLiteral("bad_request"), QStringLiteral("name must be a string"), QStringLiteral("name"));
        }
        role = TokenStore::roleFromName(o.value(QStringLiteral("role")).toString());
        if (!role) {
            return error(400, QStringLiteral("bad_request"), QStringLiteral("role must be viewer, operator or admin"),
                QStringLiteral("role"));
        }
        const QJsonValue days = o.value(QStringLiteral("expiresInDays"));
        if (days.isUndefined() || days.isNull()) {
            return std::nullopt;
        }
        if (!days.isDouble() || days.toDouble() != double(days.toInt()) || days.toInt() < 1 || days.toInt() > 3650) {
            return error(400, QStringLiteral("bad_request"),
                QStringLiteral("expiresInDays must be a whole number from 1 to 3650"), QStringLiteral("expiresInDays"));
        }
        expires = QDateTime::currentDateTimeUtc().addDays(days.toInt());
        return std::nullopt;
    }();
    if (problem) {
        record(r, who.name, QStringLiteral("token.create"), {}, *problem);
        return *problem;
    }
    auto created = m_tokens.create(o.value(QStringLiteral("name")).toString(), *role, expires);
    if (!created) {
        const ApiResponse bad
            = error(400, QStringLiteral("bad_request"), created.errorString(), QStringLiteral("name"));
        record(r, who.name, QStringLiteral("token.create"), {}, bad);
        return bad;
    }
    QJsonObject out = tokenJson(created->token);
    out.insert(QStringLiteral("token"), created->secret);
    const ApiResponse result = ok(out, 201);
    // The audit log names the token by id, name and role; never its secret.
    record(r, who.name, QStringLiteral("token.create"),
        QStringLiteral("token %1 (%2, %3)")
            .arg(created->token.id)
            .arg(created->token.name, TokenStore::roleName(*role)),
        result);
    return result;
}

ApiResponse Api::revokeToken(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const qint64 id = args.value(0).toLongLong();
    const auto revoked = m_tokens.revoke(id);
    const ApiResponse result = revoked
        ? ok({ { QStringLiteral("revoked"), id } })
        : error(404, QStringLiteral("not_found"), QStringLiteral("no token with the id %1").arg(id));
    record(r, who.name, QStringLiteral("token.revoke"), QStringLiteral("token %1").arg(id), result);
    return result;
}

ApiResponse Api::audit(const ApiRequest& r, const TokenStore::Token&, const QStringList&)
{
    const QUrlQuery q(QUrl(r.target).query());
    ApiResponse bad;
    const auto limit = intParam(q, QStringLiteral("limit"), 100, 1, 1000, &bad);
    if (!limit) {
        return bad;
    }
    const auto before = intParam(q, QStringLiteral("before"), 0, 0, std::numeric_limits<qint64>::max(), &bad);
    if (!before) {
        return bad;
    }
    const auto entries = AuditLog(m_workspace).entries(int(*limit), *before);
    if (!entries) {
        return error(500, QStringLiteral("internal"), QStringLiteral("the audit log cannot be read"));
    }
    QJsonArray out;
    for (const AuditLog::Entry& e : *entries) {
        out.append(QJsonObject { { QStringLiteral("id"), e.id }, { QStringLiteral("time"), iso(e.time) },
            { QStringLiteral("actor"), e.actor }, { QStringLiteral("action"), e.action },
            { QStringLiteral("target"), e.target }, { QStringLiteral("result"), e.result },
            { QStringLiteral("address"), e.address } });
    }
    return ok({ { QStringLiteral("entries"), out } });
}

ApiResponse Api::submitJob(const ApiRequest& r, const TokenStore::Token& who, const QStringList&)
{
    ApiResponse result;
    QJsonObject body;
    if (!m_backend) {
        result = error(503, QStringLiteral("unavailable"), QStringLiteral("this server does not run jobs"));
    } else if (m_draining) {
        result = drainingError();
    } else if (auto bad = objectBody(r.body, &body)) {
        result = *bad;
    } else if (auto spec = JobSpec::fromJson(body); !spec) {
        result = error(400, QStringLiteral("bad_request"), spec.errorString());
    } else {
        // The one launch path (JobSubmission): validation, the danger gate, Backend::submit.
        JobSubmission::Refusal refusal;
        auto id = JobSubmission::submit(m_workspace, *m_backend, *spec, who.name, &refusal);
        if (!id) {
            result = error(400, refusal.code, refusal.message, refusal.field);
        } else {
            const auto summary = m_backend->job(*id);
            result = ok(summary ? jobJson(*summary) : QJsonObject { { QStringLiteral("id"), *id } }, 201);
            record(
                r, who.name, QStringLiteral("job.submit"), QStringLiteral("job %1 (%2)").arg(*id, spec->name), result);
            return result;
        }
    }
    record(r, who.name, QStringLiteral("job.submit"), {}, result);
    return result;
}

ApiResponse Api::intervene(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args)
{
    const QString id = args.value(0);
    const QString what = args.value(1);
    if (!m_backend) {
        return error(503, QStringLiteral("unavailable"), QStringLiteral("this server does not run jobs"));
    }
    // While stopping, jobs may still be paused or cancelled, but nothing may start hosts again.
    if (m_draining && what != QLatin1String("pause") && what != QLatin1String("cancel")) {
        const ApiResponse refused = drainingError();
        record(r, who.name, QStringLiteral("job.") + what, QStringLiteral("job %1").arg(id), refused);
        return refused;
    }
    if (const std::optional<ApiResponse> workflow = interveneWorkflow(id, what, who.name)) {
        record(r, who.name, QStringLiteral("job.") + what, QStringLiteral("job %1").arg(id), *workflow);
        return *workflow;
    }
    // The job's events name the token's holder as who intervened, as the audit log does.
    m_backend->setActingOperator(who.name);
    const auto restore = qScopeGuard([this] { m_backend->setActingOperator({}); });
    Result<void> done;
    if (what == QLatin1String("pause")) {
        done = m_backend->pause(id);
    } else if (what == QLatin1String("resume")) {
        done = m_backend->resume(id);
    } else if (what == QLatin1String("cancel")) {
        done = m_backend->cancel(id);
    } else if (what == QLatin1String("confirm")) {
        done = m_backend->confirmNextBatch(id);
    } else if (what == QLatin1String("retry-failed")) {
        done = m_backend->retryFailed(id);
    } else if (what == QLatin1String("retry-failed-and-not-started")) {
        done = m_backend->retryFailedAndNotStarted(id);
    } else {
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        const QJsonValue step = body.value(QStringLiteral("step"));
        if (!step.isDouble() || step.toInt() < 1 || step.toDouble() != double(step.toInt())) {
            const ApiResponse bad = error(400, QStringLiteral("bad_request"),
                QStringLiteral("rerun needs {\"step\": N}, the step's number from 1"), QStringLiteral("step"));
            record(r, who.name, QStringLiteral("job.") + what, QStringLiteral("job %1").arg(id), bad);
            return bad;
        }
        done = m_backend->rerunStep(id, step.toInt() - 1);
    }
    ApiResponse result;
    if (!m_backend->job(id)) {
        result = error(404, QStringLiteral("not_found"), QStringLiteral("no job with the id %1").arg(id));
    } else if (!done) {
        result = error(409, QStringLiteral("conflict"), done.errorString());
    } else {
        result = ok({ { QStringLiteral("id"), id }, { QStringLiteral("done"), what } });
    }
    record(r, who.name, QStringLiteral("job.") + what, QStringLiteral("job %1").arg(id), result);
    return result;
}
