#include "CliWorkflowRemote.h"

#include "CliArgs.h"
#include "CliWorkflowProgress.h"

#include "jobs/JobEvent.h"
#include "remote-workflows/RemoteWorkflowSource.h"
#include "remote/RemoteBackend.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowYaml.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <csignal>

namespace {

using CliArgs::Args;
using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

volatile std::sig_atomic_t g_interrupted = 0;

void onSigint(int)
{
    g_interrupted = 1;
}

QString workflowPath(const QString& name, const QString& rest = {})
{
    return RemoteWorkflowSource::path(name, rest);
}

QString jobPath(const QString& id, const QString& rest = {})
{
    return QStringLiteral("/api/v1/jobs/") + QString::fromLatin1(QUrl::toPercentEncoding(id)) + rest;
}

// A server's workflow as the local store would give it (the YAML parsed again).
Result<StoredWorkflow> fetch(RemoteBackend& server, const QString& name)
{
    auto found = RemoteWorkflowSource(&server).find(name);
    if (!found) {
        return found.error();
    }
    if (!*found) {
        return Error(QStringLiteral("no workflow '%1' on the server at %2").arg(name, server.http().serverText()));
    }
    return **found;
}

// The server's error answer, its `problems` printed one a line as `FILE: node 'ID': field 'F': …`.
int refused(const RemoteHttpClient& http, const RemoteHttpAnswer& answer, const QString& file, QTextStream& err)
{
    const QJsonObject e = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("error")).toObject();
    const QJsonArray problems = e.value(QStringLiteral("problems")).toArray();
    for (const QJsonValue& p : problems) {
        err << file << ": " << p.toObject().value(QStringLiteral("text")).toString() << "\n";
    }
    if (!problems.isEmpty()) {
        return fail(err, QStringLiteral("%1 not imported: %2 problem(s)").arg(file).arg(problems.size()));
    }
    return fail(err, http.failureMessage(answer));
}

int importFile(RemoteBackend& server, const Args& a, QTextStream& err)
{
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow import needs one FILE.yml (see workflow --help)"), kUsage);
    }
    const QString file = a.positional.first();
    auto w = WorkflowYaml::loadFile(file); // read here: the file's own errors name the file
    if (!w) {
        return fail(err, w.error().toString());
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return fail(err, QStringLiteral("%1: %2").arg(file, f.errorString()));
    }
    QJsonObject body { { QStringLiteral("yaml"), QString::fromUtf8(f.readAll()) } };
    if (a.has(QStringLiteral("message"))) {
        body.insert(QStringLiteral("message"), a.value(QStringLiteral("message")));
    }
    // A new version of the server's workflow of that name, based on the version it has now.
    RemoteHttpRequest current;
    current.path = workflowPath(w->name);
    const RemoteHttpAnswer now = server.http().call(current);
    if (now.status == 200) {
        body.insert(QStringLiteral("base_version"),
            QJsonDocument::fromJson(now.body).object().value(QStringLiteral("version")).toInt());
    } else if (now.status != 404) {
        return fail(err, server.http().failureMessage(now));
    }
    RemoteHttpRequest put;
    put.method = "PUT";
    put.path = workflowPath(w->name);
    put.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    put.hasBody = true;
    const RemoteHttpAnswer answer = server.http().call(put);
    if (answer.status != 200 && answer.status != 201) {
        return refused(server.http(), answer, file, err);
    }
    const QJsonObject saved = QJsonDocument::fromJson(answer.body).object();
    const int version = saved.value(QStringLiteral("version")).toInt();
    err << (!saved.value(QStringLiteral("changed")).toBool() ? "unchanged "
            : version == 1                                   ? "imported "
                                                             : "updated ")
        << w->name << " (version " << version << ")\n";
    return kOk;
}

int exportOne(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow export needs one NAME (see workflow --help)"), kUsage);
    }
    int version = 0;
    if (a.has(QStringLiteral("version"))) {
        QString problem;
        if (!CliArgs::versionNumber(a.value(QStringLiteral("version")), &version, &problem)) {
            return fail(err, problem, kUsage);
        }
    }
    auto o = server.http().get(version > 0
            ? workflowPath(a.positional.first(), QStringLiteral("/versions/%1").arg(version))
            : workflowPath(a.positional.first()));
    if (!o) {
        return fail(err, o.error().message);
    }
    out << o->value(QStringLiteral("yaml")).toString();
    return kOk;
}

int list(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (!a.positional.isEmpty()) {
        return fail(err, QStringLiteral("workflow list takes no arguments"), kUsage);
    }
    auto o = server.http().get(QStringLiteral("/api/v1/workflows"));
    if (!o) {
        return fail(err, o.error().message);
    }
    for (const QJsonValue& v : o->value(QStringLiteral("workflows")).toArray()) {
        const QJsonObject w = v.toObject();
        out << w.value(QStringLiteral("name")).toString() << '\t' << 'v' << w.value(QStringLiteral("version")).toInt()
            << '\t' << w.value(QStringLiteral("nodeCount")).toInt() << " nodes" << '\t'
            << w.value(QStringLiteral("description")).toString().section(QLatin1Char('\n'), 0, 0) << "\n";
    }
    return kOk;
}

int show(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow show needs one NAME (see workflow --help)"), kUsage);
    }
    auto stored = fetch(server, a.positional.first());
    if (!stored) {
        return fail(err, stored.error().message);
    }
    CliWorkflowProgress::printShow(*stored, out);
    return kOk;
}

int versions(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow versions needs one NAME (see workflow --help)"), kUsage);
    }
    auto o = server.http().get(workflowPath(a.positional.first(), QStringLiteral("/versions")));
    if (!o) {
        return fail(err, o.error().message);
    }
    for (const QJsonValue& v : o->value(QStringLiteral("versions")).toArray()) {
        const QJsonObject e = v.toObject();
        CliArgs::printVersionLine(out, e.value(QStringLiteral("version")).toInt(),
            QDateTime::fromString(e.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs),
            e.value(QStringLiteral("author")).toString(), e.value(QStringLiteral("message")).toString());
    }
    return kOk;
}

// The run's stored events on the server, folded.
Result<WorkflowRun> replay(RemoteBackend& server, const QString& id)
{
    auto events = server.events(id);
    if (!events) {
        return events.error();
    }
    auto run = WorkflowRun::replay(*events);
    if (!run) {
        return Error(QStringLiteral("job %1: %2").arg(id, run.error().message));
    }
    if (run->workflow().nodes.isEmpty()) {
        return Error(QStringLiteral("job %1 is no workflow run").arg(id));
    }
    return run;
}

int status(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow status needs one JOB (see workflow --help)"), kUsage);
    }
    auto id = server.resolveId(a.positional.first()); // a prefix, as for a local run
    if (!id) {
        return fail(err, id.error().message);
    }
    auto run = replay(server, *id);
    if (!run) {
        return fail(err, run.error().message);
    }
    CliWorkflowProgress::printStatus(*run, *id, out);
    return kOk;
}

int approve(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (a.positional.size() != 2) {
        return fail(err, QStringLiteral("workflow approve needs JOB NODE (see workflow --help)"), kUsage);
    }
    auto resolved = server.resolveId(a.positional.at(0)); // a prefix, as for a local run
    if (!resolved) {
        return fail(err, resolved.error().message);
    }
    const QString id = *resolved;
    const QString node = a.positional.at(1);
    const bool reject = a.flag(QStringLiteral("reject"));
    QJsonObject body { { QStringLiteral("decision"), reject ? QStringLiteral("reject") : QStringLiteral("approve") } };
    if (a.has(QStringLiteral("comment"))) {
        body.insert(QStringLiteral("comment"), a.value(QStringLiteral("comment")));
    }
    RemoteHttpRequest decide;
    decide.method = "POST";
    decide.path = jobPath(id, QStringLiteral("/approvals/")) + node;
    decide.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    decide.hasBody = true;
    const RemoteHttpAnswer answer = server.http().call(decide);
    auto o = server.http().json(answer);
    if (!o) {
        // A missing comment is a usage error, as for a local run.
        const QString field = QJsonDocument::fromJson(answer.body)
                                  .object()
                                  .value(QStringLiteral("error"))
                                  .toObject()
                                  .value(QStringLiteral("field"))
                                  .toString();
        return fail(err, o.error().message, field == QLatin1String("comment") ? kUsage : kFailed);
    }
    out << node << ": " << (reject ? "rejected" : "approved") << " by " << o->value(QStringLiteral("by")).toString()
        << "\n";
    return kOk;
}

// retry / rerun: the node routes of a run on the server (it goes on there; `workflow status` follows it).
int nodeAction(RemoteBackend& server, const Args& a, bool retry, QTextStream& out, QTextStream& err)
{
    const QString sub = retry ? QStringLiteral("retry") : QStringLiteral("rerun");
    if (a.positional.size() != 2) {
        return fail(err, QStringLiteral("workflow %1 needs JOB NODE (see workflow --help)").arg(sub), kUsage);
    }
    auto id = server.resolveId(a.positional.at(0)); // a prefix, as for approve and status
    if (!id) {
        return fail(err, id.error().message);
    }
    const QString node = a.positional.at(1);
    auto done = server.http().post(jobPath(*id, QStringLiteral("/nodes/")) + node + u'/' + sub);
    if (!done) {
        return fail(err, done.error().message);
    }
    out << node << ": " << (retry ? "retrying" : "re-running from here") << " (workflow " << *id << ", by "
        << done->value(QStringLiteral("by")).toString() << ")\n";
    return kOk;
}

QJsonObject launchBody(const Args& a, QString* problem)
{
    const QMap<QString, QString> given = CliWorkflowProgress::paramsOf(a, problem);
    QJsonObject params;
    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        params.insert(it.key(), it.value());
    }
    QJsonObject body { { QStringLiteral("params"), params } };
    if (a.has(QStringLiteral("hosts"))) {
        body.insert(QStringLiteral("hosts"), a.value(QStringLiteral("hosts")));
    }
    return body;
}

int whatIf(RemoteBackend& server, const Args& a, QJsonObject body, QTextStream& out, QTextStream& err)
{
    const QString name = a.positional.first();
    auto stored = fetch(server, name);
    if (!stored) {
        return fail(err, stored.error().message);
    }
    const QString failing = a.value(QStringLiteral("fail"));
    if (!failing.isEmpty()) {
        body.insert(QStringLiteral("fail"), failing);
    }
    auto o = server.http().post(workflowPath(name, QStringLiteral("/what-if")), body);
    if (!o) {
        return fail(err, o.error().message);
    }
    WorkflowPreview preview;
    preview.outcome = o->value(QStringLiteral("outcome")).toString();
    for (const QJsonValue& v : o->value(QStringLiteral("nodes")).toArray()) {
        const QJsonObject n = v.toObject();
        WorkflowPreviewNode p;
        p.node = n.value(QStringLiteral("node")).toString();
        p.wave = n.value(QStringLiteral("wave")).toInt();
        p.outcome = n.value(QStringLiteral("outcome")).toString();
        p.hostTouching = n.value(QStringLiteral("hostTouching")).toBool();
        p.hosts = n.value(QStringLiteral("hosts")).toInt();
        for (const QJsonValue& b : n.value(QStringLiteral("batches")).toArray()) {
            p.batchSizes.append(b.toInt());
        }
        p.note = n.value(QStringLiteral("note")).toString();
        if (!stored->workflow.node(p.node)) {
            return fail(err,
                QStringLiteral("the server's preview names node '%1', which its workflow does not have "
                               "(was it saved meanwhile?)")
                    .arg(p.node));
        }
        preview.nodes.append(p);
    }
    out << "what-if: " << name << " on " << o->value(QStringLiteral("hosts")).toArray().size() << " host(s)";
    if (!failing.isEmpty()) {
        out << ", node " << failing << " failing";
    }
    out << " (nothing runs)\n";
    CliWorkflowProgress::printPreview(preview, stored->workflow, out);
    for (const QJsonValue& p : o->value(QStringLiteral("problems")).toArray()) {
        err << "opsdeck-cli: " << p.toString() << "\n";
    }
    return kOk;
}

// Starts the run on the server and prints its progress as `workflow run` does here, from the run's event stream
// and its nodes' jobs; exit 0 only when it succeeded. Ctrl+C cancels it on the server.
int run(RemoteBackend& server, const Args& a, QTextStream& out, QTextStream& err)
{
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("workflow run needs one NAME (see workflow --help)"), kUsage);
    }
    static const QStringList local { QStringLiteral("known-hosts"), QStringLiteral("ssh-config") };
    for (const QString& o : local) {
        if (a.has(o)) {
            return fail(err,
                QStringLiteral("--%1 is the server's own setting: with --server the server connects to the hosts")
                    .arg(o),
                kUsage);
        }
    }
    if (a.flag(QStringLiteral("accept-new-host-keys"))) {
        return fail(err,
            QStringLiteral(
                "--accept-new-host-keys is the server's own setting: with --server the server connects to the hosts"),
            kUsage);
    }
    QString problem;
    const QJsonObject body = launchBody(a, &problem);
    if (!problem.isEmpty()) {
        return fail(err, problem, kUsage);
    }
    if (a.flag(QStringLiteral("what-if"))) {
        return whatIf(server, a, body, out, err);
    }
    if (a.has(QStringLiteral("fail"))) {
        return fail(err, QStringLiteral("--fail NODE goes with --what-if"), kUsage);
    }
    RemoteHttpRequest start;
    start.method = "POST";
    start.path = workflowPath(a.positional.first(), QStringLiteral("/runs"));
    start.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    start.hasBody = true;
    const RemoteHttpAnswer answer = server.http().call(start);
    if (answer.status != 201) {
        const QJsonObject e = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("error")).toObject();
        for (const QJsonValue& p : e.value(QStringLiteral("problems")).toArray()) {
            err << a.positional.first() << ": " << p.toObject().value(QStringLiteral("text")).toString() << "\n";
        }
        const QString field = e.value(QStringLiteral("field")).toString();
        const bool usage = answer.status == 400 && field.startsWith(QLatin1String("params"));
        return fail(err, server.http().failureMessage(answer), usage ? kUsage : kFailed);
    }
    const QString id = QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("id")).toString();

    QEventLoop loop;
    CliWorkflowProgress::Progress progress(out, err);
    int code = kFailed;
    QString failure;
    bool finished = false;
    QHash<QString, QPointer<JobSubscription>> nodeJobs; // by the node job's id
    QSet<QString> nodeJobsGoing; // node jobs whose job.finished has not arrived yet
    // After the run's job.finished: quit once every node job's stream has reached its end too (their hosts' lines
    // come on their own subscriptions and may trail the run's), or after a few seconds at most.
    const auto quitWhenDrained = [&] {
        if (finished && nodeJobsGoing.isEmpty()) {
            loop.quit();
        }
    };
    auto subscription = server.subscribe(id, 0, &loop);
    if (!subscription) {
        return fail(err, subscription.error().message);
    }
    QObject::connect(*subscription, &JobSubscription::jobEvent, &loop, [&](const JobEvent& e) {
        progress.onWorkflow(e);
        if (e.type == JobEvent::Type::NodeStarted && !e.nodeJob.isEmpty() && !nodeJobs.contains(e.nodeJob)) {
            // The node's own job: its hosts' progress, from where it is now.
            auto nodeJob = server.subscribe(e.nodeJob, 0, &loop);
            if (nodeJob) {
                const QString node = e.node;
                const QString nodeJobId = e.nodeJob;
                nodeJobs.insert(nodeJobId, *nodeJob);
                nodeJobsGoing.insert(nodeJobId);
                QObject::connect(*nodeJob, &JobSubscription::jobEvent, &loop,
                    [&progress, &nodeJobsGoing, &quitWhenDrained, node, nodeJobId](const JobEvent& ev) {
                        progress.onNodeJob(node, ev);
                        if (ev.type == JobEvent::Type::JobFinished) {
                            nodeJobsGoing.remove(nodeJobId);
                            quitWhenDrained();
                        }
                    });
                QObject::connect(
                    *nodeJob, &JobSubscription::failed, &loop, [&nodeJobsGoing, &quitWhenDrained, nodeJobId] {
                        nodeJobsGoing.remove(nodeJobId);
                        quitWhenDrained();
                    });
            }
        } else if (e.type == JobEvent::Type::WorkflowFinished) {
            code = e.outcome == QLatin1String("succeeded") ? kOk : kFailed;
        } else if (e.type == JobEvent::Type::JobFinished) {
            finished = true;
            quitWhenDrained();
            QTimer::singleShot(10'000, &loop, &QEventLoop::quit); // a node job's stream that never ends
        }
    });
    QObject::connect(*subscription, &JobSubscription::failed, &loop, [&](const QString& message) {
        failure = message;
        loop.quit();
    });
    QObject::connect(&server, &RemoteBackend::streamStateChanged, &loop,
        [&](RemoteBackend::StreamState state, const QString& message) {
            if (state == RemoteBackend::StreamState::Unauthorized) {
                failure = message;
                loop.quit();
            } else if (state == RemoteBackend::StreamState::Reconnecting) {
                err << "opsdeck-cli: " << message << "; reconnecting (the workflow goes on on the server)" << Qt::endl;
            }
        });
    g_interrupted = 0;
    const auto previous = std::signal(SIGINT, onSigint);
    QTimer poll;
    poll.setInterval(100);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (g_interrupted) {
            g_interrupted = 0;
            std::signal(SIGINT, previous);
            err << "opsdeck-cli: interrupted: cancelling the workflow on the server" << Qt::endl;
            if (auto r = server.cancel(id); !r) {
                err << "opsdeck-cli: " << r.error().message << Qt::endl;
            }
        }
    });
    poll.start();
    loop.exec();
    poll.stop();
    std::signal(SIGINT, previous);
    if (!failure.isEmpty() && !finished) {
        return fail(err, failure);
    }
    return code;
}

} // namespace

int runWorkflowServerCommand(const QStringList& args, const CliServer& server, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(0);
    static const QStringList served { QStringLiteral("list"), QStringLiteral("show"), QStringLiteral("import"),
        QStringLiteral("export"), QStringLiteral("versions"), QStringLiteral("run"), QStringLiteral("approve"),
        QStringLiteral("status"), QStringLiteral("retry"), QStringLiteral("rerun") };
    if (!served.contains(sub)) {
        if (sub == QLatin1String("validate") || sub == QLatin1String("diff")) {
            return fail(err,
                QStringLiteral("`workflow %1` does not work against a server (import refuses a workflow with its "
                               "problems listed; export two versions to compare them) — or use --workspace")
                    .arg(sub),
                kUsage);
        }
        return fail(err,
            QStringLiteral("unknown workflow subcommand '%1' (with --server: %2)")
                .arg(sub, served.join(QStringLiteral(", "))),
            kUsage);
    }
    Args a;
    if (!CliArgs::parse(args.mid(1),
            { QStringLiteral("message"), QStringLiteral("version"), QStringLiteral("param"), QStringLiteral("hosts"),
                QStringLiteral("fail"), QStringLiteral("comment"), QStringLiteral("known-hosts"),
                QStringLiteral("ssh-config") },
            { QStringLiteral("what-if"), QStringLiteral("reject"), QStringLiteral("accept-new-host-keys") },
            QStringLiteral("workflow ") + sub, &a, err)) {
        return kUsage;
    }
    auto remote = server.open();
    if (!remote) {
        return fail(err, remote.error().message);
    }
    RemoteBackend& s = **remote;
    if (sub == QLatin1String("list")) {
        return list(s, a, out, err);
    }
    if (sub == QLatin1String("show")) {
        return show(s, a, out, err);
    }
    if (sub == QLatin1String("import")) {
        return importFile(s, a, err);
    }
    if (sub == QLatin1String("export")) {
        return exportOne(s, a, out, err);
    }
    if (sub == QLatin1String("versions")) {
        return versions(s, a, out, err);
    }
    if (sub == QLatin1String("run")) {
        return run(s, a, out, err);
    }
    if (sub == QLatin1String("approve")) {
        return approve(s, a, out, err);
    }
    if (sub == QLatin1String("retry") || sub == QLatin1String("rerun")) {
        return nodeAction(s, a, sub == QLatin1String("retry"), out, err);
    }
    return status(s, a, out, err);
}
