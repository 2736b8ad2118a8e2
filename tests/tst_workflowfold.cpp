// WorkflowRun, the fold of a workflow run's events (refusals, interruption by the store's job.finished, the
// scheduling rules on their own), and the what-if preview over the demo rolling release.
#include "workflows/DemoWorkflows.h"
#include "workflows/WorkflowPreview.h"
#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowYaml.h"

#include <QLocale>
#include <QTest>

namespace {

using NS = WorkflowNodeRun::Status;

const char* const kYaml = R"(name: fold
nodes:
  - id: a
    kind: wait
    seconds: 1
  - id: b
    kind: wait
    seconds: 1
  - id: any
    kind: join
    mode: any
    require: succeeded
edges:
  - from: a
    to: any
  - from: b
    to: any
)";

struct Stream {
    QList<JobEvent> events;
    JobEvent& add(JobEvent::Type type)
    {
        JobEvent e;
        e.type = type;
        e.jobId = QStringLiteral("run-1");
        e.seq = events.size() + 1;
        e.timeMs = 1000 + e.seq;
        if (type == JobEvent::Type::JobCreated) {
            e.spec = std::make_shared<JobSpec>();
        }
        events.append(e);
        return events.last();
    }
    void started()
    {
        add(JobEvent::Type::JobCreated);
        JobEvent& s = add(JobEvent::Type::WorkflowStarted);
        s.workflowYaml = QString::fromLatin1(kYaml);
    }
    void node(JobEvent::Type type, const QString& id, const QString& outcome = {}, QList<int> edges = {})
    {
        JobEvent& e = add(type);
        e.node = id;
        e.attempt = 1;
        e.outcome = outcome;
        e.edges = edges;
    }
};

QStringList decided(const WorkflowRun& run)
{
    QStringList out;
    for (const WorkflowRun::Decision& d : run.decisions()) {
        out.append(d.node + (d.run ? QStringLiteral(":run") : QStringLiteral(":skip")));
    }
    return out;
}

} // namespace

class TestWorkflowFold : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void refusesBadStreams();
    void anyJoinFiresOnFirstSuccess();
    void interruptedByTheStore();
    void rerunResetsDownstream();
    void previewAllSucceed();
    void previewWhenANodeFails();
};

void TestWorkflowFold::refusesBadStreams()
{
    WorkflowRun run;
    JobEvent e;
    e.type = JobEvent::Type::WorkflowStarted;
    e.seq = 1;
    QVERIFY(!run.apply(e).ok()); // must begin with job.created
    Stream s;
    s.started();
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("nope"));
    auto bad = WorkflowRun::replay(s.events);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("no node 'nope'")));
    Stream gap;
    gap.started();
    gap.events.last().seq = 3;
    QVERIFY(!WorkflowRun::replay(gap.events).ok());
    Stream wrongEdge;
    wrongEdge.started();
    wrongEdge.node(JobEvent::Type::NodeStarted, QStringLiteral("a"));
    wrongEdge.node(JobEvent::Type::NodeFinished, QStringLiteral("a"), QStringLiteral("succeeded"), { 1 });
    QVERIFY(!WorkflowRun::replay(wrongEdge.events).ok()); // edge 2 leaves b, not a
}

void TestWorkflowFold::anyJoinFiresOnFirstSuccess()
{
    Stream s;
    s.started();
    auto run = WorkflowRun::replay(s.events);
    QVERIFY(run.ok());
    QCOMPARE(decided(*run), (QStringList { "a:run", "b:run" }));
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("a"));
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("b"));
    s.node(JobEvent::Type::NodeFinished, QStringLiteral("a"), QStringLiteral("succeeded"), { 0 });
    run = WorkflowRun::replay(s.events);
    QVERIFY(run.ok());
    // b still runs; `any` + `succeeded` fires already.
    QCOMPARE(decided(*run), QStringList { "any:run" });
    QVERIFY(run->hasActiveNodes());
    QCOMPARE(run->edgeState(0), WorkflowRun::EdgeState::Taken);
    QCOMPARE(run->edgeState(1), WorkflowRun::EdgeState::Undecided);
    const QVariantMap ctx = run->conditionContext();
    QCOMPARE(ctx.value("nodes").toMap().value("a").toMap().value("succeeded").toBool(), true);
    QCOMPARE(ctx.value("nodes").toMap().value("b").toMap().value("outcome").toString(), QStringLiteral("pending"));
}

void TestWorkflowFold::interruptedByTheStore()
{
    Stream s;
    s.started();
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("a"));
    s.node(JobEvent::Type::NodeFinished, QStringLiteral("a"), QStringLiteral("succeeded"), { 0 });
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("b"));
    // What JobStore::markInterrupted appends for a run whose program died.
    JobEvent& f = s.add(JobEvent::Type::JobFinished);
    f.jobStatus = JobStatus::Interrupted;
    f.message = QStringLiteral("the program died");
    auto run = WorkflowRun::replay(s.events);
    QVERIFY(run.ok());
    QCOMPARE(run->status(), WorkflowRun::Status::Interrupted);
    QCOMPARE(run->node(QStringLiteral("a"))->status, NS::Succeeded); // what it had done stays
    QCOMPARE(run->node(QStringLiteral("b"))->status, NS::Interrupted);
    QCOMPARE(run->node(QStringLiteral("any"))->status, NS::Pending);
    QCOMPARE(run->message(), QStringLiteral("the program died"));
    QVERIFY(run->decisions().isEmpty());
}

void TestWorkflowFold::rerunResetsDownstream()
{
    Stream s;
    s.started();
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("a"));
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("b"));
    s.node(JobEvent::Type::NodeFinished, QStringLiteral("a"), QStringLiteral("succeeded"), { 0 });
    s.node(JobEvent::Type::NodeFinished, QStringLiteral("b"), QStringLiteral("failed"));
    s.node(JobEvent::Type::NodeStarted, QStringLiteral("any"));
    s.node(JobEvent::Type::NodeFinished, QStringLiteral("any"), QStringLiteral("succeeded"));
    s.add(JobEvent::Type::WorkflowFinished).outcome = QStringLiteral("failed");
    auto run = WorkflowRun::replay(s.events);
    QVERIFY(run.ok());
    QCOMPARE(run->status(), WorkflowRun::Status::Failed);
    QCOMPARE(run->outcomeNow(), QStringLiteral("failed")); // b failed without a failure edge
    JobEvent& r = s.add(JobEvent::Type::WorkflowRerun);
    r.node = QStringLiteral("b");
    r.action = QStringLiteral("rerun-from");
    run = WorkflowRun::replay(s.events);
    QVERIFY(run.ok());
    QCOMPARE(run->status(), WorkflowRun::Status::Running);
    QCOMPARE(run->node(QStringLiteral("a"))->status, NS::Succeeded);
    QCOMPARE(run->node(QStringLiteral("b"))->status, NS::Pending);
    QCOMPARE(run->node(QStringLiteral("any"))->status, NS::Pending);
    QCOMPARE(run->node(QStringLiteral("b"))->attempt, 1);
    // b is forced although it is a start node that ran; the join waits for it again... but `any` already has a.
    QCOMPARE(decided(*run), (QStringList { "b:run", "any:run" }));
}

void TestWorkflowFold::previewAllSucceed()
{
    const Workflow release = DemoWorkflows::make().first();
    const QStringList hosts { "w1", "w2", "w3", "w4" };
    auto params = typedWorkflowParams(release, {});
    QVERIFY(params.ok());
    const WorkflowPreview p = previewWorkflow(release, *params, hosts, {});
    QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join(QLatin1Char('\n'))));
    QStringList order;
    for (const WorkflowPreviewNode& n : p.nodes) {
        order.append(QStringLiteral("%1@%2:%3").arg(n.node).arg(n.wave).arg(n.outcome));
    }
    QCOMPARE(order,
        (QStringList { "precheck@1:succeeded", "backup@2:succeeded", "push@3:succeeded", "restart@4:succeeded",
            "probe@5:succeeded", "rollback@6:skipped" }));
    QCOMPARE(p.nodes[3].hosts, 4);
    QCOMPARE(p.nodes[3].batchSizes, (QList<int> { 1, 2, 1 }));
    QCOMPARE(p.outcome, QStringLiteral("succeeded"));
}

void TestWorkflowFold::previewWhenANodeFails()
{
    const Workflow release = DemoWorkflows::make().first();
    auto params = typedWorkflowParams(release, {});
    QVERIFY(params.ok());
    const WorkflowPreview p = previewWorkflow(release, *params, { "w1", "w2", "w3" }, {}, QStringLiteral("restart"));
    QStringList order;
    for (const WorkflowPreviewNode& n : p.nodes) {
        order.append(QStringLiteral("%1:%2:%3").arg(n.node, n.outcome).arg(n.hosts));
    }
    QCOMPARE(order,
        (QStringList { "precheck:succeeded:3", "backup:succeeded:3", "push:succeeded:3", "restart:failed:3",
            "probe:skipped:0", "rollback:succeeded:3" }));
    QCOMPARE(p.outcome, QStringLiteral("succeeded")); // the failure edge handled it
    // A failing precheck: nothing after it runs, and nothing handles it.
    const WorkflowPreview q = previewWorkflow(release, *params, { "w1" }, {}, QStringLiteral("precheck"));
    QCOMPARE(q.outcome, QStringLiteral("failed"));
    QCOMPARE(q.nodes.size(), 6);
    for (int i = 1; i < q.nodes.size(); ++i) {
        QCOMPARE(q.nodes[i].outcome, QStringLiteral("skipped"));
    }
}

QTEST_GUILESS_MAIN(TestWorkflowFold)
#include "tst_workflowfold.moc"
