// The workflow engine (backend-client/workflows) over DirectBackend and the scripted FakeTransport: every edge
// kind, guarded edges, joins (all/any x succeeded/completed, one that must not fire), hosts flow, retries,
// approvals (decisions, approvers, comments, the three timeout policies), run-local, TCP probes, pause/resume/
// cancel, retry of a node, re-run from a node — and in every case the stored stream replays to the live state.
#include "facts/FactLayer.h"
#include "facts/FactStore.h"
#include "facts/GatherScript.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobStore.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"
#include "workflows/WorkflowEngine.h"
#include "workflows/WorkflowEnvironment.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowYaml.h"

#include <QFile>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {

using NS = WorkflowNodeRun::Status;

// The node a job belongs to: the engine names node jobs "WORKFLOW / NODE".
QString nodeOfJob(Backend& backend, const QString& jobId)
{
    auto job = backend.job(jobId);
    return job ? job->name.section(QStringLiteral(" / "), 1) : QString();
}

} // namespace

class TestWorkflowEngine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void successFailureAlwaysEdges();
    void failureEdgeTakenWhenNodeFails();
    void guardedEdges();
    void joins_data();
    void joins();
    void hostsFlow();
    void retries();
    void approvals();
    void approvalTimeouts_data();
    void approvalTimeouts();
    void runLocal();
    void probeTcp();
    void probeHttp();
    void pauseResume();
    void cancel();
    void retryNode();
    void rerunFromNode();
    void paramsChecked();
    void eventsRoundTrip();
    void subWorkflows();
    void gatherFacts();

private:
    // Loads YAML (the test's failure names the problem), starts the engine, waits until it finishes.
    WorkflowEngine* startWorkflow(const QString& yaml, const QMap<QString, QString>& params = {},
        const WorkflowEngine::Environment* environment = nullptr);
    bool waitFinished(WorkflowEngine* engine, int ms = 10000);
    // The stored stream replays to the engine's state.
    void checkReplay(WorkflowEngine* engine);
    NS statusOf(WorkflowEngine* engine, const QString& node) { return engine->run().node(node)->status; }
    QStringList hostsOf(const QString& jobId) const; // the hosts the transport ran the job on, by name

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<DirectBackend> m_backend;
    std::unique_ptr<WorkflowEngine> m_engine;
    // node -> host -> exit code of the first attempt (attempt 2+ succeeds unless alwaysFail)
    QHash<QString, QHash<QString, int>> m_exits;
    bool m_alwaysFail = false;
    // The workspace's other workflows, by name (sub-workflow nodes).
    QHash<QString, QString> m_others;
    int m_case = 0;
};

void TestWorkflowEngine::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
}

void TestWorkflowEngine::init()
{
    auto ws = Workspace::open(
        m_dir.filePath(QStringLiteral("w%1.opsdeck").arg(++m_case)), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.ok() ? QString() : ws.error().message));
    m_ws = std::move(*ws);
    m_transport = std::make_unique<FakeTransport>();
    m_exits.clear();
    m_others.clear();
    m_alwaysFail = false;
    m_transport->script = [this](const HostTask& task) {
        FakeBehaviour b;
        b.delayMs = 5;
        const QString node = nodeOfJob(*m_backend, task.jobId);
        const int code = m_exits.value(node).value(task.host, 0);
        b.exitCode = (task.attempt == 1 || m_alwaysFail) ? code : 0;
        b.stdoutLines = { QByteArrayLiteral("ran\n") };
        return b;
    };
    DirectBackend::Options options;
    options.operatorName = QStringLiteral("tester");
    options.engine.outputFlushMs = 0;
    auto backend = DirectBackend::open(*m_ws, m_transport.get(), options);
    QVERIFY(backend.ok());
    m_backend = std::move(*backend);
}

void TestWorkflowEngine::cleanup()
{
    m_engine.reset();
    m_backend.reset();
    m_transport.reset();
    m_ws.reset();
}

WorkflowEngine* TestWorkflowEngine::startWorkflow(
    const QString& yaml, const QMap<QString, QString>& params, const WorkflowEngine::Environment* environment)
{
    auto wf = WorkflowYaml::load(yaml);
    if (!wf) {
        qWarning("%s", qPrintable(wf.error().message));
        return nullptr;
    }
    WorkflowEngine::Environment env;
    env.address = [](const QString&) { return QStringLiteral("127.0.0.1"); };
    env.workflow = [this](const QString& name) -> Result<Workflow> {
        if (!m_others.contains(name)) {
            return Error(QStringLiteral("no workflow named '%1' in the workspace").arg(name));
        }
        auto loaded = WorkflowYaml::load(m_others.value(name));
        if (!loaded) {
            return loaded.error();
        }
        return *loaded;
    };
    m_engine = std::make_unique<WorkflowEngine>(*wf, m_backend.get(), environment ? *environment : env);
    WorkflowEngine::Options options;
    options.secondMs = 20;
    options.approvalPollMs = 10;
    m_engine->setOptions(options);
    m_engine->addSink(&m_backend->writer());
    auto id = m_engine->start(params, {}, QStringLiteral("tester"));
    if (!id) {
        qWarning("%s", qPrintable(id.error().message));
        return nullptr;
    }
    return m_engine.get();
}

bool TestWorkflowEngine::waitFinished(WorkflowEngine* engine, int ms)
{
    QElapsedTimer t;
    t.start();
    while (engine->isRunning() && t.elapsed() < ms) {
        QTest::qWait(5);
    }
    return !engine->isRunning();
}

void TestWorkflowEngine::checkReplay(WorkflowEngine* engine)
{
    QVERIFY(m_backend->writer().flush().ok());
    auto events = m_backend->store().events(engine->jobId());
    QVERIFY(events.ok());
    auto replayed = WorkflowRun::replay(*events);
    QVERIFY2(replayed.ok(), qPrintable(replayed.ok() ? QString() : replayed.error().message));
    QVERIFY(*replayed == engine->run());
    // The run's job in the history follows the workflow's outcome.
    auto job = m_backend->store().state(engine->jobId());
    QVERIFY(job.ok());
    if (engine->run().isFinished()) {
        QCOMPARE(isFinal(job->status()), true);
    }
}

static const char* const kEdges = R"(name: edges
targets:
  hosts: [h1, h2]
nodes:
  - id: a
    kind: run-script
    inline: "true"
  - id: b
    kind: run-script
    inline: "true"
  - id: c
    kind: run-script
    inline: "true"
  - id: d
    kind: wait
    seconds: 1
edges:
  - from: a
    to: b
    kind: success
  - from: a
    to: c
    kind: failure
  - from: a
    to: d
    kind: always
)";

void TestWorkflowEngine::successFailureAlwaysEdges()
{
    WorkflowEngine* e = startWorkflow(QLatin1String(kEdges));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("a")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("b")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("c")), NS::Skipped);
    QCOMPARE(statusOf(e, QStringLiteral("d")), NS::Succeeded);
    QCOMPARE(e->run().node(QStringLiteral("a"))->succeededHosts, (QStringList { "h1", "h2" }));
    QVERIFY(!e->run().node(QStringLiteral("a"))->nodeJob.isEmpty());
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded);
    // Each host-touching node is a job of its own in the history, run by the job engine.
    auto nodeJob = m_backend->state(e->run().node(QStringLiteral("b"))->nodeJob);
    QVERIFY(nodeJob.ok());
    QCOMPARE(nodeJob->status(), JobStatus::Succeeded);
    checkReplay(e);
    auto job = m_backend->job(e->jobId());
    QVERIFY(job.ok());
    QCOMPARE(job->status, JobStatus::Succeeded);
}

void TestWorkflowEngine::failureEdgeTakenWhenNodeFails()
{
    m_exits[QStringLiteral("a")][QStringLiteral("h2")] = 1;
    WorkflowEngine* e = startWorkflow(QLatin1String(kEdges));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("a")), NS::Failed);
    QCOMPARE(e->run().node(QStringLiteral("a"))->failedHosts, QStringList { "h2" });
    QCOMPARE(statusOf(e, QStringLiteral("b")), NS::Skipped);
    QCOMPARE(statusOf(e, QStringLiteral("c")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("d")), NS::Succeeded);
    // a failed, but its failure edge handled it.
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded);
    checkReplay(e);
}

void TestWorkflowEngine::guardedEdges()
{
    const char* yaml = R"(name: guarded
params:
  - name: env
    type: choice
    choices: [staging, prod]
    default: staging
targets:
  hosts: [h1, h2]
nodes:
  - id: pre
    kind: run-script
    inline: "true"
    fail_at: continue
  - id: clean
    kind: wait
    seconds: 1
  - id: fix
    kind: wait
    seconds: 1
  - id: prod
    kind: wait
    seconds: 1
edges:
  - from: pre
    to: clean
    kind: always
    when: "nodes.pre.failed_hosts | length == 0"
  - from: pre
    to: fix
    kind: always
    when: "nodes.pre.failed_hosts | length > 0"
  - from: pre
    to: prod
    kind: always
    when: "params.env == 'prod'"
)";
    m_exits[QStringLiteral("pre")][QStringLiteral("h1")] = 2;
    WorkflowEngine* e = startWorkflow(QLatin1String(yaml), { { QStringLiteral("env"), QStringLiteral("prod") } });
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("pre")), NS::Failed);
    QCOMPARE(statusOf(e, QStringLiteral("clean")), NS::Skipped);
    QCOMPARE(statusOf(e, QStringLiteral("fix")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("prod")), NS::Succeeded);
    // pre failed and no failure edge took it: the workflow failed.
    QCOMPARE(e->run().status(), WorkflowRun::Status::Failed);
    checkReplay(e);

    cleanup();
    init();
    WorkflowEngine* s = startWorkflow(QLatin1String(yaml));
    QVERIFY(s);
    QVERIFY(waitFinished(s));
    QCOMPARE(statusOf(s, QStringLiteral("clean")), NS::Succeeded);
    QCOMPARE(statusOf(s, QStringLiteral("fix")), NS::Skipped);
    QCOMPARE(statusOf(s, QStringLiteral("prod")), NS::Skipped);
    QCOMPARE(s->run().status(), WorkflowRun::Status::Succeeded);
    checkReplay(s);
}

void TestWorkflowEngine::joins_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("require");
    QTest::addColumn<bool>("fires");
    // ok succeeds, bad fails; both reach the join by an `always` edge.
    QTest::newRow("all succeeded: must not fire") << "all"
                                                  << "succeeded" << false;
    QTest::newRow("all completed") << "all"
                                   << "completed" << true;
    QTest::newRow("any succeeded") << "any"
                                   << "succeeded" << true;
    QTest::newRow("any completed") << "any"
                                   << "completed" << true;
}

void TestWorkflowEngine::joins()
{
    QFETCH(QString, mode);
    QFETCH(QString, require);
    QFETCH(bool, fires);
    const QString yaml = QStringLiteral(R"(name: joins
targets:
  hosts: [h1]
nodes:
  - id: ok
    kind: run-script
    inline: "true"
  - id: bad
    kind: run-script
    inline: "false"
  - id: handle
    kind: wait
    seconds: 1
  - id: j
    kind: join
    mode: %1
    require: %2
  - id: after
    kind: wait
    seconds: 1
edges:
  - from: ok
    to: j
    kind: always
  - from: bad
    to: j
    kind: always
  - from: bad
    to: handle
    kind: failure
  - from: j
    to: after
)")
                             .arg(mode, require);
    m_exits[QStringLiteral("bad")][QStringLiteral("h1")] = 1;
    WorkflowEngine* e = startWorkflow(yaml);
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("bad")), NS::Failed);
    QCOMPARE(statusOf(e, QStringLiteral("j")), fires ? NS::Succeeded : NS::Skipped);
    QCOMPARE(statusOf(e, QStringLiteral("after")), fires ? NS::Succeeded : NS::Skipped);
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded); // bad is handled by its failure edge
    checkReplay(e);
}

void TestWorkflowEngine::hostsFlow()
{
    const char* yaml = R"(name: flow
targets:
  hosts: [h1, h2, h3]
nodes:
  - id: push
    kind: run-script
    inline: "true"
    fail_at: continue
  - id: rollback
    kind: run-script
    inline: "true"
    targets:
      succeeded_in: push
  - id: report
    kind: run-script
    inline: "true"
    targets:
      failed_in: push
edges:
  - from: push
    to: rollback
    kind: failure
  - from: push
    to: report
    kind: failure
)";
    m_exits[QStringLiteral("push")][QStringLiteral("h2")] = 1;
    WorkflowEngine* e = startWorkflow(QLatin1String(yaml));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(e->run().node(QStringLiteral("rollback"))->targets, (QStringList { "h1", "h3" }));
    QCOMPARE(e->run().node(QStringLiteral("report"))->targets, QStringList { "h2" });
    QCOMPARE(statusOf(e, QStringLiteral("rollback")), NS::Succeeded);
    auto rollbackJob = m_backend->state(e->run().node(QStringLiteral("rollback"))->nodeJob);
    QVERIFY(rollbackJob.ok());
    QCOMPARE(rollbackJob->spec().targets, (QStringList { "h1", "h3" }));
    checkReplay(e);
}

void TestWorkflowEngine::retries()
{
    const char* yaml = R"(name: retries
targets:
  hosts: [h1, h2]
nodes:
  - id: flaky
    kind: run-script
    inline: "true"
    fail_at: continue
    retries:
      count: 2
      delay: 1
)";
    m_exits[QStringLiteral("flaky")][QStringLiteral("h2")] = 1; // fails once, then succeeds
    WorkflowEngine* e = startWorkflow(QLatin1String(yaml));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("flaky")), NS::Succeeded);
    QCOMPARE(e->run().node(QStringLiteral("flaky"))->succeededHosts, (QStringList { "h1", "h2" }));
    auto job = m_backend->state(e->run().node(QStringLiteral("flaky"))->nodeJob);
    QVERIFY(job.ok());
    QCOMPARE(job->run(), 2); // one retry run in the node's job
    QCOMPARE(job->host(0, QStringLiteral("h2"))->attempt, 2);
    checkReplay(e);

    // Retries run out: the node fails.
    cleanup();
    init();
    m_alwaysFail = true;
    m_exits[QStringLiteral("flaky")][QStringLiteral("h2")] = 1;
    WorkflowEngine* f = startWorkflow(QLatin1String(yaml));
    QVERIFY(f);
    QVERIFY(waitFinished(f));
    QCOMPARE(statusOf(f, QStringLiteral("flaky")), NS::Failed);
    auto job2 = m_backend->state(f->run().node(QStringLiteral("flaky"))->nodeJob);
    QVERIFY(job2.ok());
    QCOMPARE(job2->run(), 3);
    QCOMPARE(f->run().status(), WorkflowRun::Status::Failed);
    checkReplay(f);
}

static QString approvalYaml(const QString& settings)
{
    return QStringLiteral(R"(name: approve
nodes:
  - id: ask
    kind: approval
    message: "Go on?"
%1
  - id: go
    kind: wait
    seconds: 1
edges:
  - from: ask
    to: go
)")
        .arg(settings);
}

void TestWorkflowEngine::approvals()
{
    WorkflowEngine* e
        = startWorkflow(approvalYaml(QStringLiteral("    approvers: [alice, bob]\n    comment_required: true")));
    QVERIFY(e);
    QTRY_COMPARE(statusOf(e, QStringLiteral("ask")), NS::WaitingForApproval);
    QCOMPARE(e->run().node(QStringLiteral("ask"))->approvers, (QStringList { "alice", "bob" }));
    QVERIFY(!e->decide(QStringLiteral("ask"), true, QStringLiteral("mallory"), QStringLiteral("sure")).ok());
    QVERIFY(!e->decide(QStringLiteral("ask"), true, QStringLiteral("alice"), QString()).ok());
    QVERIFY(!e->decide(QStringLiteral("go"), true, QStringLiteral("alice"), QStringLiteral("x")).ok());
    QVERIFY(e->decide(QStringLiteral("ask"), true, QStringLiteral("alice"), QStringLiteral("checked the graphs")).ok());
    QVERIFY(waitFinished(e));
    const WorkflowNodeRun* ask = e->run().node(QStringLiteral("ask"));
    QCOMPARE(ask->status, NS::Succeeded);
    QCOMPARE(ask->decision, QStringLiteral("approve"));
    QCOMPARE(ask->decidedBy, QStringLiteral("alice"));
    QCOMPARE(ask->comment, QStringLiteral("checked the graphs"));
    QCOMPARE(statusOf(e, QStringLiteral("go")), NS::Succeeded);
    checkReplay(e);

    // Rejected: the node fails, its success edge is not taken, the workflow fails.
    cleanup();
    init();
    WorkflowEngine* r = startWorkflow(approvalYaml(QString()));
    QVERIFY(r);
    QTRY_COMPARE(statusOf(r, QStringLiteral("ask")), NS::WaitingForApproval);
    QVERIFY(r->decide(QStringLiteral("ask"), false, QStringLiteral("bob"), QStringLiteral("not today")).ok());
    QVERIFY(waitFinished(r));
    QCOMPARE(statusOf(r, QStringLiteral("ask")), NS::Failed);
    QCOMPARE(statusOf(r, QStringLiteral("go")), NS::Skipped);
    QCOMPARE(r->run().status(), WorkflowRun::Status::Failed);
    checkReplay(r);
}

void TestWorkflowEngine::approvalTimeouts_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<int>("askStatus");
    QTest::addColumn<QString>("decision");
    QTest::newRow("approve") << "approve" << int(NS::Succeeded) << "approve";
    QTest::newRow("reject") << "reject" << int(NS::Failed) << "reject";
    QTest::newRow("fail") << "fail" << int(NS::Failed) << "";
}

void TestWorkflowEngine::approvalTimeouts()
{
    QFETCH(QString, policy);
    QFETCH(int, askStatus);
    QFETCH(QString, decision);
    WorkflowEngine* e = startWorkflow(approvalYaml(QStringLiteral("    timeout: 2\n    on_timeout: %1").arg(policy)));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    const WorkflowNodeRun* ask = e->run().node(QStringLiteral("ask"));
    QCOMPARE(int(ask->status), askStatus);
    QCOMPARE(ask->decision, decision);
    QVERIFY(ask->message.contains(QStringLiteral("no decision within 2 s")));
    QCOMPARE(statusOf(e, QStringLiteral("go")), askStatus == int(NS::Succeeded) ? NS::Succeeded : NS::Skipped);
    checkReplay(e);
}

void TestWorkflowEngine::runLocal()
{
    const char* yaml = R"(name: local
params:
  - name: word
    default: hello
nodes:
  - id: say
    kind: run-local
    command: "echo {{ params.word }}; exit 3"
  - id: big
    kind: run-local
    command: "head -c 200000 /dev/zero | tr '\\0' x"
)";
    WorkflowEngine* e = startWorkflow(QLatin1String(yaml));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    const WorkflowNodeRun* say = e->run().node(QStringLiteral("say"));
    QCOMPARE(say->status, NS::Failed);
    QCOMPARE(say->exitCode, 3);
    QCOMPARE(say->output, QByteArray("hello\n"));
    const WorkflowNodeRun* big = e->run().node(QStringLiteral("big"));
    QCOMPARE(big->status, NS::Succeeded);
    QCOMPARE(big->output.size(), 64 * 1024);
    QVERIFY(big->message.contains(QStringLiteral("output cut")));
    checkReplay(e);
}

void TestWorkflowEngine::probeTcp()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 closedPort = closed.serverPort();
    closed.close();
    const QString yaml = QStringLiteral(R"(name: probe
targets:
  hosts: [h1, h2]
nodes:
  - id: up
    kind: probe
    probe: tcp
    port: %1
    interval: 1
    deadline: 100
  - id: down
    kind: probe
    probe: tcp
    port: %2
    interval: 1
    deadline: 3
)")
                             .arg(server.serverPort())
                             .arg(closedPort);
    WorkflowEngine* e = startWorkflow(yaml);
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("up")), NS::Succeeded);
    QCOMPARE(e->run().node(QStringLiteral("up"))->succeededHosts, (QStringList { "h1", "h2" }));
    QCOMPARE(statusOf(e, QStringLiteral("down")), NS::Failed);
    QCOMPARE(e->run().node(QStringLiteral("down"))->failedHosts, (QStringList { "h1", "h2" }));
    checkReplay(e);
}

void TestWorkflowEngine::probeHttp()
{
    // A tiny HTTP server on loopback: every request gets 204.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QStringList paths;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket* c = server.nextPendingConnection()) {
            connect(c, &QTcpSocket::readyRead, c, [c, &paths] {
                const QByteArray request = c->readAll();
                paths.append(QString::fromLatin1(request.split(' ').value(1)));
                c->write("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                c->disconnectFromHost();
            });
            connect(c, &QTcpSocket::disconnected, c, &QObject::deleteLater);
        }
    });
    const QString yaml = QStringLiteral(R"(name: http
targets:
  hosts: [h1, h2]
nodes:
  - id: up
    kind: probe
    probe: http
    url: "http://{{ address }}:%1/health/{{ host }}"
    expect_status: 204
    interval: 1
    deadline: 100
  - id: wrong
    kind: probe
    probe: http
    url: "http://127.0.0.1:%1/"
    interval: 1
    deadline: 3
)")
                             .arg(server.serverPort());
    WorkflowEngine* e = startWorkflow(yaml);
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("up")), NS::Succeeded);
    QVERIFY(paths.contains(QStringLiteral("/health/h1")));
    QVERIFY(paths.contains(QStringLiteral("/health/h2")));
    QCOMPARE(statusOf(e, QStringLiteral("wrong")), NS::Failed); // 204 is not the expected 200
    QCOMPARE(e->run().node(QStringLiteral("wrong"))->failedHosts, (QStringList { "h1", "h2" }));
    checkReplay(e);
}

static const char* const kChain = R"(name: chain
targets:
  hosts: [h1, h2]
nodes:
  - id: first
    kind: wait
    seconds: 10
  - id: second
    kind: run-script
    inline: "true"
  - id: third
    kind: wait
    seconds: 1
edges:
  - from: first
    to: second
  - from: second
    to: third
)";

void TestWorkflowEngine::pauseResume()
{
    WorkflowEngine* e = startWorkflow(QLatin1String(kChain));
    QVERIFY(e);
    QTRY_COMPARE(statusOf(e, QStringLiteral("first")), NS::Running);
    QVERIFY(e->pause(QStringLiteral("alice")).ok());
    QVERIFY(!e->pause(QStringLiteral("alice")).ok());
    QCOMPARE(e->run().status(), WorkflowRun::Status::Paused);
    QTRY_COMPARE(statusOf(e, QStringLiteral("first")), NS::Succeeded); // a running node goes on
    QTest::qWait(150);
    QCOMPARE(statusOf(e, QStringLiteral("second")), NS::Pending); // nothing new starts
    QVERIFY(e->isRunning());
    auto job = m_backend->job(e->jobId());
    QVERIFY(job.ok());
    QCOMPARE(job->status, JobStatus::Paused);
    QVERIFY(e->resume(QStringLiteral("alice")).ok());
    QVERIFY(waitFinished(e));
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded);
    checkReplay(e);
}

void TestWorkflowEngine::cancel()
{
    WorkflowEngine* e = startWorkflow(QLatin1String(kChain));
    QVERIFY(e);
    QTRY_COMPARE(statusOf(e, QStringLiteral("first")), NS::Running);
    QVERIFY(e->cancel(QStringLiteral("alice")).ok());
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("first")), NS::Cancelled);
    QCOMPARE(statusOf(e, QStringLiteral("second")), NS::Pending);
    QCOMPARE(e->run().status(), WorkflowRun::Status::Cancelled);
    auto job = m_backend->job(e->jobId());
    QVERIFY(job.ok());
    QCOMPARE(job->status, JobStatus::Cancelled);
    checkReplay(e);
}

void TestWorkflowEngine::retryNode()
{
    m_exits[QStringLiteral("second")][QStringLiteral("h2")] = 1;
    WorkflowEngine* e = startWorkflow(QLatin1String(kChain));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("second")), NS::Failed);
    QCOMPARE(statusOf(e, QStringLiteral("third")), NS::Skipped);
    QCOMPARE(e->run().status(), WorkflowRun::Status::Failed);
    const QString nodeJob = e->run().node(QStringLiteral("second"))->nodeJob;
    QVERIFY(!e->retryNode(QStringLiteral("first")).ok()); // it did not fail
    QVERIFY(e->retryNode(QStringLiteral("second"), QStringLiteral("alice")).ok());
    QVERIFY(e->isRunning());
    QVERIFY(waitFinished(e));
    const WorkflowNodeRun* second = e->run().node(QStringLiteral("second"));
    QCOMPARE(second->status, NS::Succeeded);
    QCOMPARE(second->attempt, 2);
    QCOMPARE(second->nodeJob, nodeJob); // the node's own job, retried for its failed host
    QCOMPARE(second->targets, QStringList { "h2" });
    QCOMPARE(statusOf(e, QStringLiteral("third")), NS::Succeeded);
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded);
    checkReplay(e);
}

void TestWorkflowEngine::rerunFromNode()
{
    WorkflowEngine* e = startWorkflow(QLatin1String(kChain));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    const QString firstJob = e->run().node(QStringLiteral("second"))->nodeJob;
    const qint64 firstFinished = e->run().node(QStringLiteral("first"))->finishedMs;
    QVERIFY(e->rerunFrom(QStringLiteral("second"), QStringLiteral("alice")).ok());
    QVERIFY(waitFinished(e));
    QCOMPARE(e->run().node(QStringLiteral("second"))->attempt, 2);
    QVERIFY(e->run().node(QStringLiteral("second"))->nodeJob != firstJob); // a new job
    QCOMPARE(e->run().node(QStringLiteral("third"))->attempt, 2);
    QCOMPARE(e->run().node(QStringLiteral("first"))->attempt, 1); // earlier results stay
    QCOMPARE(e->run().node(QStringLiteral("first"))->finishedMs, firstFinished);
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded);
    checkReplay(e);
}

void TestWorkflowEngine::paramsChecked()
{
    auto wf = WorkflowYaml::load(QStringLiteral(R"(name: p
params:
  - name: n
    type: number
    required: true
  - name: flag
    type: boolean
    default: "false"
  - name: pw
    type: secret
nodes:
  - id: a
    kind: wait
    seconds: 1
)"));
    QVERIFY2(wf.ok(), qPrintable(wf.ok() ? QString() : wf.error().message));
    QVERIFY(!WorkflowEngine::typedParams(*wf, {}).ok());
    QVERIFY(!WorkflowEngine::typedParams(*wf, { { "n", "x" } }).ok());
    QVERIFY(!WorkflowEngine::typedParams(*wf, { { "n", "1" }, { "nope", "1" } }).ok());
    auto typed = WorkflowEngine::typedParams(*wf, { { "n", "3" }, { "pw", "s3cret" } });
    QVERIFY(typed.ok());
    QCOMPARE(typed->value("n").toLongLong(), 3);
    QCOMPARE(typed->value("flag").toBool(), false);
    // A secret is never stored in the stream.
    WorkflowEngine* e = startWorkflow(WorkflowYaml::save(*wf), { { "n", "3" }, { "pw", "s3cret" } });
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QVERIFY(m_backend->writer().flush().ok());
    auto lines = m_backend->store().eventLines(e->jobId());
    QVERIFY(lines.ok());
    for (const QByteArray& l : *lines) {
        QVERIFY(!l.contains("s3cret"));
    }
    QCOMPARE(e->run().params().value("n").toInt(), 3);

    // Nor does it reach a node's job (whose spec is stored): the node fails saying why.
    cleanup();
    init();
    WorkflowEngine* s = startWorkflow(QStringLiteral(R"(name: s
params:
  - name: pw
    type: secret
targets:
  hosts: [h1]
nodes:
  - id: login
    kind: run-script
    inline: "true"
    params:
      PASSWORD: "{{ params.pw }}"
)"),
        { { "pw", "s3cret" } });
    QVERIFY(s);
    QVERIFY(waitFinished(s));
    QCOMPARE(statusOf(s, QStringLiteral("login")), NS::Failed);
    QVERIFY(s->run().node(QStringLiteral("login"))->message.contains(QStringLiteral("secret parameter 'pw'")));
    QVERIFY(s->run().node(QStringLiteral("login"))->nodeJob.isEmpty());
}

void TestWorkflowEngine::eventsRoundTrip()
{
    // Every workflow event survives its JSON form, and a damaged one is refused naming the field.
    WorkflowEngine* e = startWorkflow(QLatin1String(kEdges));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QVERIFY(m_backend->writer().flush().ok());
    auto events = m_backend->store().events(e->jobId());
    QVERIFY(events.ok());
    QSet<JobEvent::Type> seen;
    for (const JobEvent& ev : *events) {
        auto back = JobEvent::fromJsonLine(ev.toJsonLine());
        QVERIFY(back.ok());
        QVERIFY(*back == ev);
        seen.insert(ev.type);
    }
    QVERIFY(seen.contains(JobEvent::Type::WorkflowStarted));
    QVERIFY(seen.contains(JobEvent::Type::NodeStarted));
    QVERIFY(seen.contains(JobEvent::Type::NodeFinished));
    QVERIFY(seen.contains(JobEvent::Type::WorkflowFinished));
    auto bad = JobEvent::fromJsonLine(
        R"({"seq":3,"time":1,"job":"j","type":"node.finished","node":"a","attempt":1,"outcome":"maybe"})");
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("outcome")));
}

void TestWorkflowEngine::subWorkflows()
{
    // A sub-workflow node runs the named workflow as a run of its own (its own job and stream, replayable), with
    // its parameters rendered from the parent's; the node ends as the child ends, and its failure edge is taken
    // when the child fails. A workflow that runs itself stops at the nesting limit instead of for ever.
    m_others.insert(QStringLiteral("child"), QStringLiteral(R"(name: child
params:
  - name: tier
    required: true
targets:
  hosts: [h1]
nodes:
  - id: x
    kind: run-script
    inline: "echo {{ params.tier }}"
)"));
    const char* parent = R"(name: parent
params:
  - name: env
    default: prod
targets:
  hosts: [h1, h2]
nodes:
  - id: a
    kind: run-script
    inline: "true"
  - id: sub
    kind: sub-workflow
    workflow: child
    params:
      tier: "web-{{ params.env }}"
  - id: after
    kind: wait
    seconds: 0
  - id: rescue
    kind: wait
    seconds: 0
edges:
  - from: a
    to: sub
    kind: success
  - from: sub
    to: after
    kind: success
  - from: sub
    to: rescue
    kind: failure
)";
    WorkflowEngine* e = startWorkflow(QLatin1String(parent));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("sub")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("after")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("rescue")), NS::Skipped);
    QCOMPARE(e->run().status(), WorkflowRun::Status::Succeeded);
    // The child's own run: a job of its own whose stream replays, its parameter rendered from the parent's.
    const QString childJob = e->run().node(QStringLiteral("sub"))->nodeJob;
    QVERIFY(!childJob.isEmpty());
    QVERIFY(m_backend->writer().flush().ok());
    auto events = m_backend->store().events(childJob);
    QVERIFY(events.ok());
    auto child = WorkflowRun::replay(*events);
    QVERIFY2(child.ok(), qPrintable(child.ok() ? QString() : child.error().message));
    QCOMPARE(child->workflow().name, QStringLiteral("child"));
    QCOMPARE(child->status(), WorkflowRun::Status::Succeeded);
    QCOMPARE(child->params().value(QStringLiteral("tier")).toString(), QStringLiteral("web-prod"));
    checkReplay(e);
    // The run's own job cannot be retried as a job (its steps are retried on the workflow).
    auto refused = m_backend->retryFailed(e->jobId());
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("workflow run")), qPrintable(refused.error().message));

    // The child fails: the node fails and its failure edge runs.
    m_exits[QStringLiteral("x")][QStringLiteral("h1")] = 1;
    m_alwaysFail = true;
    e = startWorkflow(QLatin1String(parent));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("sub")), NS::Failed);
    QCOMPARE(statusOf(e, QStringLiteral("rescue")), NS::Succeeded);
    QCOMPARE(statusOf(e, QStringLiteral("after")), NS::Skipped);
    m_alwaysFail = false;
    m_exits.clear();

    // A missing workflow, and one that runs itself: the node fails saying why.
    m_others.insert(QStringLiteral("loop"), QStringLiteral(R"(name: loop
nodes:
  - id: again
    kind: sub-workflow
    workflow: loop
)"));
    e = startWorkflow(m_others.value(QStringLiteral("loop")));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QCOMPARE(statusOf(e, QStringLiteral("again")), NS::Failed);
    QVERIFY2(e->run().node(QStringLiteral("again"))->message.contains(QStringLiteral("nest")),
        qPrintable(e->run().node(QStringLiteral("again"))->message));
    e = startWorkflow(QStringLiteral("name: lost\nnodes:\n  - id: s\n    kind: sub-workflow\n    workflow: nowhere\n"));
    QVERIFY(e);
    QVERIFY(waitFinished(e));
    QVERIFY(e->run().node(QStringLiteral("s"))->message.contains(QStringLiteral("no workflow named 'nowhere'")));
}

QTEST_GUILESS_MAIN(TestWorkflowEngine)
// A gather-facts node: one job running the gather script on its targets; each host's output parsed and stored in
// the workspace's FactStore (an output that is not the script's fails that host, with the parser's reason); a later
// node whose targets are a `fact:` query runs on the hosts the gathered facts say, and an edge's condition reads
// the gather node's hosts.
static const char* const kGather = R"(name: facts
targets:
  hosts: [h1, h2, h3]
nodes:
  - id: gather
    kind: gather-facts
    fail_at: 100%
  - id: debian_only
    kind: run-script
    inline: "true"
    targets:
      query: "fact:os_family=Debian"
  - id: not_stored
    kind: run-script
    inline: "true"
    targets:
      failed_in: gather
edges:
  - from: gather
    to: debian_only
    kind: always
    when: "nodes.gather.succeeded_hosts | length == 2"
  - from: gather
    to: not_stored
    kind: failure
)";

QStringList TestWorkflowEngine::hostsOf(const QString& jobId) const
{
    QStringList hosts;
    for (const HostTask& t : m_transport->started) {
        if (t.jobId == jobId && !hosts.contains(t.host)) {
            hosts.append(t.host);
        }
    }
    hosts.sort();
    return hosts;
}

void TestWorkflowEngine::gatherFacts()
{
    auto inventory = AnsibleInventory::importText(QByteArrayLiteral("h1\nh2\nh3\n"), QStringLiteral("hosts.ini"));
    QVERIFY2(inventory, qPrintable(inventory.errorString()));
    QVERIFY(m_ws->saveInventory(*inventory));
    const auto fixture = [](const char* name) {
        QFile f(QStringLiteral(OPSDECK_FACTS_DATA_DIR "/") + QLatin1String(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QHash<QString, QByteArray> outputs { { QStringLiteral("h1"), fixture("debian12.txt") },
        { QStringLiteral("h2"), fixture("rocky9.txt") },
        { QStringLiteral("h3"), QByteArray("bash: sh: not found\n") } };
    QVERIFY(!outputs.value(QStringLiteral("h1")).isEmpty());
    m_transport->script = [this, outputs](const HostTask& task) {
        FakeBehaviour b;
        b.delayMs = 5;
        b.stdoutLines = { QByteArrayLiteral("ran\n") };
        if (nodeOfJob(*m_backend, task.jobId) == QLatin1String("gather")) {
            b.stdoutLines.clear();
            for (const QByteArray& line : outputs.value(task.host).split('\n')) {
                b.stdoutLines.append(line + '\n');
            }
        }
        return b;
    };

    // Without a fact store the node cannot run, and says why.
    {
        WorkflowEngine* engine = startWorkflow(QLatin1String(kGather));
        QVERIFY(engine);
        QVERIFY(waitFinished(engine));
        QCOMPARE(statusOf(engine, QStringLiteral("gather")), NS::Failed);
        QVERIFY2(engine->run().node(QStringLiteral("gather"))->message.contains(QLatin1String("fact store")),
            qPrintable(engine->run().node(QStringLiteral("gather"))->message));
        m_engine.reset();
    }

    // The workspace's environment: the store, and the run's inventory refreshed once facts were stored.
    auto loaded = m_ws->loadInventory();
    QVERIFY(loaded);
    QVERIFY(FactLayer::apply(*m_ws, *loaded));
    WorkflowEngine::Environment env
        = WorkflowEnvironment::forWorkspace(*m_ws, std::make_shared<const Inventory>(*loaded));
    WorkflowEngine* engine = startWorkflow(QLatin1String(kGather), {}, &env);
    QVERIFY(engine);
    QVERIFY(waitFinished(engine));
    const WorkflowNodeRun* gather = engine->run().node(QStringLiteral("gather"));
    // One job, the gather script on every target.
    const QString job = gather->nodeJob;
    QCOMPARE(hostsOf(job), QStringList({ "h1", "h2", "h3" }));
    auto state = m_backend->state(job);
    QVERIFY(state);
    QCOMPARE(state->spec().steps.size(), 1);
    const auto* run = std::get_if<RunScript>(&state->spec().steps.first().action);
    QVERIFY(run);
    QCOMPARE(run->script, GatherScript::text());
    // Stored: h1 and h2; h3's output is not the script's — failed, with the parser's reason.
    FactStore store(*m_ws);
    auto h1 = store.get(QStringLiteral("h1"));
    QVERIFY(h1 && h1->has_value());
    QCOMPARE((*h1)->facts.value(QStringLiteral("distribution")).toString(), QStringLiteral("Debian"));
    auto h2 = store.get(QStringLiteral("h2"));
    QVERIFY(h2 && h2->has_value());
    QCOMPARE((*h2)->facts.value(QStringLiteral("distribution")).toString(), QStringLiteral("Rocky"));
    auto h3 = store.get(QStringLiteral("h3"));
    QVERIFY(h3 && !h3->has_value());
    QCOMPARE(gather->status, NS::Failed);
    QCOMPARE(gather->succeededHosts, QStringList({ "h1", "h2" }));
    QCOMPARE(gather->failedHosts, QStringList({ "h3" }));
    QVERIFY2(gather->message.contains(QLatin1String("h3: facts output:1: not the output of OpsDeck's facts script")),
        qPrintable(gather->message));
    // The later node's `fact:` query saw the gathered facts: only the Debian host (the condition read the gather
    // node's hosts); the failed host flowed to the failure edge.
    QCOMPARE(statusOf(engine, QStringLiteral("debian_only")), NS::Succeeded);
    QCOMPARE(hostsOf(engine->run().node(QStringLiteral("debian_only"))->nodeJob), QStringList({ "h1" }));
    QCOMPARE(statusOf(engine, QStringLiteral("not_stored")), NS::Succeeded);
    QCOMPARE(engine->run().node(QStringLiteral("not_stored"))->targets, QStringList({ "h3" }));
    checkReplay(engine);
}

#include "tst_workflowengine.moc"
