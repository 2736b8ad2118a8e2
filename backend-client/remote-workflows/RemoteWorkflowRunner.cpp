#include "remote-workflows/RemoteWorkflowRunner.h"

#include "remote-workflows/RemoteWorkflowSource.h"
#include "remote/RemoteBackend.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace {

QString jobPath(const QString& id, const QString& rest)
{
    return QStringLiteral("/api/v1/jobs/") + QString::fromLatin1(QUrl::toPercentEncoding(id)) + rest;
}

QString gone()
{
    return QCoreApplication::translate("WorkflowRunner", "the connection to the server was closed");
}

} // namespace

RemoteWorkflowRun::RemoteWorkflowRun(RemoteBackend* server, QString workflow, QObject* parent)
    : WorkflowRunHandle(parent)
    , m_server(server)
    , m_workflow(std::move(workflow))
{
}

RemoteWorkflowRun::~RemoteWorkflowRun() = default; // the subscriptions are children: they end with it

Result<QString> RemoteWorkflowRun::start(
    const QMap<QString, QString>& params, const QString& hostsQuery, const QString&)
{
    if (!m_server) {
        return Error(gone());
    }
    QJsonObject given;
    for (auto it = params.cbegin(); it != params.cend(); ++it) {
        given.insert(it.key(), it.value());
    }
    QJsonObject body { { QStringLiteral("params"), given } };
    if (!hostsQuery.trimmed().isEmpty()) {
        body.insert(QStringLiteral("hosts"), hostsQuery);
    }
    auto started = m_server->http().post(RemoteWorkflowSource::path(m_workflow, QStringLiteral("/runs")), body);
    if (!started) {
        return started.error();
    }
    const QString id = started->value(QStringLiteral("id")).toString();
    if (auto followed = follow(id); !followed) {
        return followed.error();
    }
    return id;
}

Result<void> RemoteWorkflowRun::follow(const QString& jobId)
{
    if (!m_server) {
        return Error(gone());
    }
    // What there is so far, then the stream from there on.
    auto events = m_server->events(jobId);
    if (!events) {
        return events.error();
    }
    m_jobId = jobId;
    for (const JobEvent& e : std::as_const(*events)) {
        apply(e);
    }
    if (m_run.isFinished()) {
        return {};
    }
    auto subscription = m_server->subscribe(jobId, m_run.lastSeq(), this);
    if (!subscription) {
        return subscription.error();
    }
    m_subscription = *subscription;
    connect(m_subscription, &JobSubscription::jobEvent, this, &RemoteWorkflowRun::apply);
    return {};
}

void RemoteWorkflowRun::apply(const JobEvent& event)
{
    if (event.seq <= m_run.lastSeq()) {
        return;
    }
    const bool wasFinished = m_run.isFinished();
    if (auto applied = m_run.apply(event); !applied) {
        return; // not a run's event the fold takes: the stored stream stays the truth (a replay shows it)
    }
    if (event.type == JobEvent::Type::NodeStarted && !event.nodeJob.isEmpty() && !m_run.isFinished()) {
        followNodeJob(event.node, event.nodeJob);
    }
    emit workflowEvent(event);
    if (!wasFinished && m_run.isFinished()) {
        emit finished(WorkflowRun::statusName(m_run.status()));
    }
}

void RemoteWorkflowRun::followNodeJob(const QString& node, const QString& nodeJob)
{
    if (!m_server || m_nodeJobs.contains(nodeJob)) {
        return;
    }
    m_nodeJobs.insert(nodeJob);
    auto subscription = m_server->subscribe(nodeJob, 0, this);
    if (!subscription) {
        return; // the run's own events still show the node
    }
    connect(*subscription, &JobSubscription::jobEvent, this,
        [this, node](const JobEvent& e) { emit nodeJobEvent(node, e); });
}

Result<void> RemoteWorkflowRun::pause(const QString&)
{
    return m_server ? m_server->pause(m_jobId) : Result<void>(Error(gone()));
}

Result<void> RemoteWorkflowRun::resume(const QString&)
{
    return m_server ? m_server->resume(m_jobId) : Result<void>(Error(gone()));
}

Result<void> RemoteWorkflowRun::cancel(const QString&)
{
    return m_server ? m_server->cancel(m_jobId) : Result<void>(Error(gone()));
}

Result<void> RemoteWorkflowRun::decide(const QString& node, bool approve, const QString&, const QString& comment)
{
    if (!m_server) {
        return Error(gone());
    }
    QJsonObject body { { QStringLiteral("decision"), approve ? QStringLiteral("approve") : QStringLiteral("reject") } };
    if (!comment.isEmpty()) {
        body.insert(QStringLiteral("comment"), comment);
    }
    auto done = m_server->http().post(jobPath(m_jobId, QStringLiteral("/approvals/")) + node, body);
    if (!done) {
        return done.error();
    }
    return {};
}

Result<void> RemoteWorkflowRun::postNode(const QString& action, const QString& node)
{
    if (!m_server) {
        return Error(gone());
    }
    auto done = m_server->http().post(jobPath(m_jobId, QStringLiteral("/nodes/")) + node + u'/' + action);
    if (!done) {
        return done.error();
    }
    if (!m_subscription) {
        // The run had finished: a retry reopens it, so its stream is followed again from where it was.
        auto subscription = m_server->subscribe(m_jobId, m_run.lastSeq(), this);
        if (subscription) {
            m_subscription = *subscription;
            connect(m_subscription, &JobSubscription::jobEvent, this, &RemoteWorkflowRun::apply);
        }
    }
    return {};
}

Result<void> RemoteWorkflowRun::retryNode(const QString& node, const QString&)
{
    return postNode(QStringLiteral("retry"), node);
}

Result<void> RemoteWorkflowRun::rerunFrom(const QString& node, const QString&)
{
    return postNode(QStringLiteral("rerun"), node);
}

Result<std::unique_ptr<WorkflowRunHandle>> RemoteWorkflowRunner::create(const StoredWorkflow& stored)
{
    return std::unique_ptr<WorkflowRunHandle>(std::make_unique<RemoteWorkflowRun>(m_server, stored.workflow.name));
}

Result<std::unique_ptr<WorkflowRunHandle>> RemoteWorkflowRunner::follow(const QString& jobId)
{
    auto run = std::make_unique<RemoteWorkflowRun>(m_server, QString());
    if (auto followed = run->follow(jobId); !followed) {
        return followed.error();
    }
    return std::unique_ptr<WorkflowRunHandle>(std::move(run));
}

Backend* RemoteWorkflowRunner::history() const
{
    return m_server;
}
