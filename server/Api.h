#pragma once

#include "RequestRate.h"
#include "TokenStore.h"
#include "core/Result.h"
#include "inventory/Inventory.h"

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <functional>
#include <optional>

class Backend;
class Scheduler;
struct Schedule;
class WorkflowRuns;
class Workspace;

// One HTTP request as the API sees it, already bounded by the transport (HttpServer): method, target, the
// Authorization header, the body, the peer's address.
struct ApiRequest {
    QString method;
    QString target; // path and query, as received
    QString authorization;
    QString ifMatch; // the If-Match header: the version (or inventory revision) a write is based on
    QByteArray body;
    QString address;
};

struct ApiResponse {
    int status = 200;
    QByteArray body; // JSON
    QString actor; // the token's name, for the request log ("-" when none)
};

// The control server's HTTP API, version 1 (docs/api/openapi.yaml): routes under /api/v1/, each with the role it
// needs, every answer JSON, every error {"error": {"code", "message", "field"}} with its status. It reads and
// writes the workspace it was given, on the thread that opened it. Refuses by default: a request without a valid
// token is 401, with too weak a role 403, an unknown route 404; an address with 10 failed logins in a minute gets
// 429 for the rest of that minute. Failed logins and every mutating request are in the audit log.
class Api {
public:
    // `backend` runs submitted jobs (the server's DirectBackend); null: the job routes answer 503.
    explicit Api(Workspace& workspace, Backend* backend = nullptr);
    ApiResponse handle(const ApiRequest& request);
    // For GET /api/v1/events before the WebSocket upgrade: 200 (actor = the token's name) when the token may
    // watch events (viewer and up), else the refusal to send instead.
    ApiResponse authorizeEvents(const ApiRequest& request);

    // Requests per second (and the burst allowed at once) per token and per peer address; 0 = unlimited. Past
    // them a request is answered 429 with how long to wait.
    struct RateLimits {
        double perToken = 100;
        double perTokenBurst = 500;
        double perAddress = 300;
        double perAddressBurst = 1500;
    };
    void setRateLimits(const RateLimits& limits);

    // An orderly stop has begun: new jobs and anything that would start hosts again answer 503 shutting_down;
    // reads, pause and cancel go on.
    void setDraining(bool draining) { m_draining = draining; }
    // The server's workflow runs (ServerMain); null: the run routes answer 503.
    void setWorkflowRuns(WorkflowRuns* runs) { m_workflowRuns = runs; }
    bool draining() const { return m_draining; }
    // The server's scheduler (ServerMain), armed again after every change of a schedule; null: schedules are stored
    // but nothing fires them here.
    void setScheduler(Scheduler* scheduler) { m_scheduler = scheduler; }

    static ApiResponse error(int status, const QString& code, const QString& message, const QString& field = {});
    // 409 conflict: the write was based on `field` = an old version or revision; `current` is today's.
    static ApiResponse conflict(const QString& message, const QString& field, const QJsonValue& current);

private:
    struct Route;
    static ApiResponse drainingError();
    ApiResponse info(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // Scripts and templates (ApiLibrary.cpp); the path's /api/v1/scripts or /api/v1/templates says which library.
    ApiResponse libraryList(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryGet(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryVersions(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryVersion(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryDiff(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse libraryRestore(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse renderTemplate(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // The inventory (ApiInventory.cpp): hosts and groups read and written, variables, query, export, import.
    ApiResponse hosts(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse host(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse hostVars(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse hostWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse groups(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse group(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse groupWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // DELETE of a host or a group: the path says which.
    ApiResponse inventoryDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse inventoryQuery(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse inventoryExport(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse inventoryImport(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // Workflows (ApiWorkflows.cpp): the versioned YAML store, the what-if preview, runs and their approvals.
    ApiResponse workflowList(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse workflowGet(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse workflowWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse workflowDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // The list of versions, or one version when the path names it.
    ApiResponse workflowVersions(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse workflowPreview(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse workflowRun(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse workflowApproval(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // POST /api/v1/jobs/{id}/nodes/{node}/retry and …/rerun: retries a failed node, re-runs from a node.
    ApiResponse workflowNode(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // pause, resume or cancel of a workflow run going on here (other interventions: 409); nullopt when `jobId`
    // is no such run.
    std::optional<ApiResponse> interveneWorkflow(const QString& jobId, const QString& what, const QString& by);
    // Schedules (ApiSchedules.cpp): list, read, create, replace or change, delete, pause, resume, history.
    ApiResponse scheduleList(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse scheduleGet(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse scheduleWrite(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse scheduleDelete(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // pause or resume: the path says which.
    ApiResponse schedulePause(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse scheduleRuns(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // The body of a create, PUT or PATCH read into `s` (PATCH: over the stored one); the 400 naming the field if not.
    std::optional<ApiResponse> readSchedule(const QByteArray& body, Schedule* s);
    ApiResponse jobs(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse job(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse jobEvents(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse submitJob(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse intervene(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse listTokens(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse createToken(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse revokeToken(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    ApiResponse audit(const ApiRequest& r, const TokenStore::Token& who, const QStringList& args);
    // The token of a request, or nullopt with *refusal set (401, or 429 for an address that failed too often).
    std::optional<TokenStore::Token> authenticate(const ApiRequest& request, const QString& path, ApiResponse* refusal);
    void record(const ApiRequest& r, const QString& actor, const QString& action, const QString& target,
        const ApiResponse& response);

    // The inventory as the workspace holds it now and its revision (ApiInventory.cpp).
    struct InventoryState {
        Inventory inventory;
        QString revision; // a hash of its contents: what a write says it was based on
    };
    // Read per request, cached while nothing wrote the workspace since: SqlDialect::changeCounter (SQLite's
    // data_version, PostgreSQL's WAL position) tells other connections' commits (the console or the CLI on the
    // same file, another instance on the same database), writeInventory() our own.
    Result<InventoryState> currentInventory();
    // Runs `write` in one transaction and forgets the cached inventory.
    Result<void> writeInventory(const std::function<Result<void>()>& write);

    std::optional<InventoryState> m_inventory;
    qint64 m_inventoryDataVersion = -1;

    Workspace& m_workspace;
    Backend* m_backend = nullptr;
    WorkflowRuns* m_workflowRuns = nullptr;
    Scheduler* m_scheduler = nullptr;
    bool m_draining = false;
    RequestRate m_tokenRate { RateLimits().perToken, RateLimits().perTokenBurst };
    RequestRate m_addressRate { RateLimits().perAddress, RateLimits().perAddressBurst };
    TokenStore m_tokens;
    // Failed logins per address in the current window: past kMaxFailures the address gets 429 until it ends.
    struct Failures {
        int count = 0;
        qint64 windowStartMs = 0;
    };
    QHash<QString, Failures> m_failures;
};
