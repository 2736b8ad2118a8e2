// Running a workflow from the Workflows page: the run dialog's typed parameters and live what-if preview (every step
// succeeding, or a chosen one failing), then the canvas showing the run live over the direct backend (a scripted
// transport): nodes coloured by state, an approval waiting as a highlighted node with Approve/Reject in the run bar,
// a failed step retried from the bar, a node's job opened by double-click, edits refused while it runs, Back to
// Editing after it ends. With OPSDECK_SCREENSHOT_DIR set, screenshots of a run waiting for its approval in both
// themes and languages.
#include "Screenshots.h"
#include "common/Dialogs.h"
#include "facts/FactStore.h"
#include "jobs/FakeTransport.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"
#include "workflows/WorkflowCanvas.h"
#include "workflows/WorkflowEditor.h"
#include "workflows/WorkflowEngine.h"
#include "workflows/WorkflowEnvironment.h"
#include "workflows/WorkflowRunDialog.h"
#include "workflows/WorkflowRunner.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowYaml.h"
#include "workflows/WorkflowsPage.h"

#include <QFile>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

namespace {

const char* const kRelease = R"(name: gated release
params:
  - name: env
    type: choice
    default: staging
    choices: [staging, production]
targets:
  hosts: [web-1, web-2, web-3]
nodes:
  - id: precheck
    kind: run-script
    position: [0, 0]
    inline: "true"
  - id: approve
    kind: approval
    position: [280, 0]
    message: "Release to {{ params.env }}?"
  - id: deploy
    kind: run-script
    position: [560, 0]
    inline: "deploy"
    plan: 1 100%
  - id: rollback
    kind: run-script
    position: [840, 120]
    inline: "rollback"
    targets:
      failed_in: deploy
edges:
  - from: precheck
    to: approve
    kind: success
  - from: approve
    to: deploy
    kind: success
  - from: deploy
    to: rollback
    kind: failure
)";

QString nodeOfJob(Backend& backend, const QString& jobId)
{
    auto job = backend.job(jobId);
    return job ? job->name.section(QStringLiteral(" / "), 1) : QString();
}

} // namespace

class TestWorkflowRunGui : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto ws = Workspace::open(
            m_dir.filePath(QStringLiteral("w%1.opsdeck").arg(++m_count)), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        m_ws = std::move(*ws);
        Inventory inv;
        for (const char* name : { "web-1", "web-2", "web-3" }) {
            Host h;
            h.name = QLatin1String(name);
            h.address = QStringLiteral("127.0.0.1");
            inv.upsertHost(h);
        }
        QVERIFY(m_ws->saveInventory(inv));
        auto wf = WorkflowYaml::load(QLatin1String(kRelease));
        QVERIFY2(wf, qPrintable(wf ? QString() : wf.error().toString()));
        QVERIFY(WorkflowStore(*m_ws).save(*wf));
        m_failDeployOn.clear();
        m_transport = std::make_unique<FakeTransport>();
        m_transport->script = [this](const HostTask& task) {
            FakeBehaviour b;
            b.delayMs = 10;
            const QString node = nodeOfJob(*m_backend, task.jobId);
            b.exitCode
                = node == QLatin1String("deploy") && task.attempt == 1 && m_failDeployOn.contains(task.host) ? 1 : 0;
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

    void cleanup()
    {
        m_backend.reset();
        m_transport.reset();
        m_ws.reset();
    }

    void runDialogPreviewsWhatWillRun()
    {
        auto stored = WorkflowStore(*m_ws).findByName(QStringLiteral("gated release"));
        QVERIFY(stored && *stored);
        auto inv = std::make_shared<const Inventory>(*m_ws->loadInventory());
        WorkflowRunDialog dialog(
            (*stored)->workflow, [inv](const WorkflowTargets& t) { return WorkflowEnvironment::resolve(*inv, t); });
        QVERIFY(dialog.canRun());
        QCOMPARE(dialog.params().value(QStringLiteral("env")), QStringLiteral("staging"));
        // Everything succeeds: precheck, approve, deploy run; the rollback is skipped.
        QTreeWidget* tree = dialog.previewTree();
        QCOMPARE(tree->topLevelItemCount(), 4);
        const auto rowOf = [tree](const QString& node) -> QTreeWidgetItem* {
            for (int i = 0; i < tree->topLevelItemCount(); ++i) {
                if (tree->topLevelItem(i)->data(1, Qt::UserRole).toString() == node) {
                    return tree->topLevelItem(i);
                }
            }
            return nullptr;
        };
        QVERIFY(rowOf(QStringLiteral("deploy")));
        QCOMPARE(rowOf(QStringLiteral("deploy"))->text(2), QStringLiteral("runs"));
        QCOMPARE(rowOf(QStringLiteral("deploy"))->text(3), QStringLiteral("3"));
        QCOMPARE(rowOf(QStringLiteral("deploy"))->text(4), QStringLiteral("1, 2"));
        QCOMPARE(rowOf(QStringLiteral("rollback"))->text(2), QStringLiteral("skipped"));
        // What if the deploy fails: the rollback runs on its hosts.
        dialog.setFailingNode(QStringLiteral("deploy"));
        QCOMPARE(rowOf(QStringLiteral("deploy"))->text(2), QStringLiteral("fails"));
        QCOMPARE(rowOf(QStringLiteral("rollback"))->text(2), QStringLiteral("runs"));
        QCOMPARE(rowOf(QStringLiteral("rollback"))->text(3), QStringLiteral("3"));
        // A host query that names nothing known, or a bad parameter, says why and Run is off.
        dialog.setHostsQuery(QStringLiteral("expr:(host.port ==)"));
        QVERIFY(!dialog.canRun());
        QVERIFY(!dialog.problemLabel()->text().isEmpty());
        dialog.setHostsQuery(QStringLiteral("web-2"));
        QVERIFY2(dialog.canRun(), qPrintable(dialog.problemLabel()->text()));
        QCOMPARE(rowOf(QStringLiteral("deploy"))->text(3), QStringLiteral("1"));
    }

    void runsLiveOnTheCanvas()
    {
        m_failDeployOn = { QStringLiteral("web-3") };
        WorkflowsPage page(m_ws.get());
        page.setRunBackend(m_backend.get(), &m_backend->writer());
        page.resize(1400, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.list()->count(), 1);
        WorkflowCanvas* canvas = page.editor()->canvas();
        QVERIFY(!page.runBar()->isVisible());

        auto id = page.startRun({ { QStringLiteral("env"), QStringLiteral("production") } });
        QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
        QVERIFY(page.runBar()->isVisible());
        QVERIFY(canvas->isReadOnly());
        QVERIFY(page.editor()->isRunMode());
        // Edits are refused while it runs.
        const int nodes = int(page.editor()->workflow().nodes.size());
        page.editor()->paste();
        page.editor()->deleteSelection();
        QCOMPARE(int(page.editor()->workflow().nodes.size()), nodes);

        // The approval waits as a highlighted node, with its message in the run bar.
        QTRY_COMPARE_WITH_TIMEOUT(
            canvas->nodeState(QStringLiteral("approve")), WorkflowCanvas::NodeState::Waiting, 10000);
        QCOMPARE(canvas->nodeState(QStringLiteral("precheck")), WorkflowCanvas::NodeState::Succeeded);
        QVERIFY2(page.runStatus()->text().contains(QStringLiteral("Release to production?")),
            qPrintable(page.runStatus()->text()));
        auto* approve = page.runBar()->findChild<QToolButton*>(QStringLiteral("runApprove"));
        QVERIFY(approve && approve->isVisible());
        QVERIFY(saveScreenshots(
            QStringLiteral("workflow-running"), [&page] { return page.grab(); },
            [&page] { page.editor()->canvas()->fitAll(); }));
        Dialogs::setNextText(QStringLiteral("window is open"));
        approve->click();

        // The deploy fails on web-3: its failure edge runs the rollback on that host; the workflow ends failed…
        QTRY_VERIFY_WITH_TIMEOUT(page.shownRun() && page.shownRun()->run().isFinished(), 15000);
        const WorkflowRun& run = page.shownRun()->run();
        QCOMPARE(run.node(QStringLiteral("approve"))->decidedBy.isEmpty(), false);
        QCOMPARE(run.node(QStringLiteral("approve"))->comment, QStringLiteral("window is open"));
        QCOMPARE(canvas->nodeState(QStringLiteral("deploy")), WorkflowCanvas::NodeState::Failed);
        QCOMPARE(canvas->nodeState(QStringLiteral("rollback")), WorkflowCanvas::NodeState::Succeeded);
        QCOMPARE(run.node(QStringLiteral("rollback"))->targets, QStringList({ "web-3" }));
        QCOMPARE(run.status(), WorkflowRun::Status::Succeeded); // the failure was handled by its edge
        auto* edit = page.runBar()->findChild<QToolButton*>(QStringLiteral("runBackToEditing"));
        QVERIFY(edit->isVisible());

        // The failed step's job opens on double-click (and from the bar).
        QSignalSpy open(&page, &WorkflowsPage::openJobRequested);
        canvas->selectNodes({ QStringLiteral("deploy") });
        auto* openJob = page.runBar()->findChild<QToolButton*>(QStringLiteral("runOpenJob"));
        QVERIFY(openJob->isVisible());
        openJob->click();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toString(), run.node(QStringLiteral("deploy"))->nodeJob);
        // Retry the failed step: web-3 now succeeds.
        auto* retry = page.runBar()->findChild<QToolButton*>(QStringLiteral("runRetryNode"));
        QVERIFY(retry->isVisible());
        retry->click();
        QTRY_COMPARE_WITH_TIMEOUT(
            canvas->nodeState(QStringLiteral("deploy")), WorkflowCanvas::NodeState::Succeeded, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(page.shownRun()->run().isFinished(), 15000);

        // Back to editing: the states go, edits are taken again.
        edit->click();
        QVERIFY(!page.editor()->isRunMode());
        QVERIFY(!canvas->isReadOnly());
        QCOMPARE(canvas->nodeState(QStringLiteral("deploy")), WorkflowCanvas::NodeState::Idle);
        QVERIFY(!page.runBar()->isVisible());
    }

    // The page resolves a run's targets with the gathered facts (FactLayer::loadWithFacts); facts that cannot be
    // read stop the run, saying so, instead of silently matching nothing.
    void runTargetsSeeTheFacts()
    {
        QVERIFY(FactStore(*m_ws).put(QStringLiteral("web-2"), QJsonObject { { QStringLiteral("os_family"), "Debian" } },
            QDateTime::currentDateTimeUtc()));
        auto wf
            = WorkflowYaml::load(QStringLiteral("name: debian hosts\ntargets:\n  query: \"fact:os_family=Debian\"\n"
                                                "nodes:\n  - id: touch\n    kind: run-script\n    inline: \"true\"\n"));
        QVERIFY2(wf, qPrintable(wf ? QString() : wf.error().toString()));
        QVERIFY(WorkflowStore(*m_ws).save(*wf));
        WorkflowsPage page(m_ws.get());
        page.setRunBackend(m_backend.get(), &m_backend->writer());
        const QList<QListWidgetItem*> items
            = page.list()->findItems(QStringLiteral("debian hosts"), Qt::MatchStartsWith);
        QCOMPARE(items.size(), 1);
        page.list()->setCurrentItem(items.first());
        auto id = page.startRun({});
        QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(page.shownRun() && page.shownRun()->run().isFinished(), 15000);
        QCOMPARE(page.shownRun()->run().node(QStringLiteral("touch"))->targets, QStringList({ "web-2" }));

        // A gather-facts node that stores facts tells the window (which reads the inventory again).
        m_transport->script = [](const HostTask&) {
            FakeBehaviour b;
            b.delayMs = 5;
            QFile fixture(QStringLiteral(OPSDECK_FACTS_DATA_DIR "/debian12.txt"));
            b.stdoutLines = { fixture.open(QIODevice::ReadOnly) ? fixture.readAll() : QByteArray() };
            return b;
        };
        auto gather = WorkflowYaml::load(QStringLiteral(
            "name: refresh\ntargets:\n  hosts: [web-3]\nnodes:\n  - id: gather\n    kind: gather-facts\n"));
        QVERIFY(gather);
        QVERIFY(WorkflowStore(*m_ws).save(*gather));
        page.backToEditing();
        page.reload();
        const QList<QListWidgetItem*> refresh = page.list()->findItems(QStringLiteral("refresh"), Qt::MatchStartsWith);
        QCOMPARE(refresh.size(), 1);
        page.list()->setCurrentItem(refresh.first());
        QSignalSpy gathered(&page, &WorkflowsPage::factsGathered);
        auto run = page.startRun({});
        QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(page.shownRun() && page.shownRun()->run().isFinished(), 15000);
        QVERIFY2(page.shownRun()->run().node(QStringLiteral("gather"))->status == WorkflowNodeRun::Status::Succeeded,
            qPrintable(page.shownRun()->run().node(QStringLiteral("gather"))->message));
        QCOMPARE(gathered.count(), 1);
        auto stored = FactStore(*m_ws).get(QStringLiteral("web-3"));
        QVERIFY(stored && stored->has_value());
        QCOMPARE((*stored)->facts.value(QStringLiteral("distribution")).toString(), QStringLiteral("Debian"));

        QVERIFY(QSqlQuery(m_ws->database()).exec(QStringLiteral("DROP TABLE host_facts")));
        page.backToEditing(); // a new run reads the facts again
        auto again = page.startRun({});
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(QLatin1String("cannot read the gathered facts")),
            qPrintable(again.error().message));
    }

    void interruptedRunShownAfterRestart()
    {
        // A run given up while its approval waits (the window closed): the next page lists it interrupted and
        // shows it replayed with what it had done.
        QString jobId;
        {
            WorkflowsPage page(m_ws.get());
            page.setRunBackend(m_backend.get(), &m_backend->writer());
            auto id = page.startRun({});
            QVERIFY(id);
            jobId = *id;
            QTRY_COMPARE_WITH_TIMEOUT(page.editor()->canvas()->nodeState(QStringLiteral("approve")),
                WorkflowCanvas::NodeState::Waiting, 10000);
            QCOMPARE(page.runningCount(), 1);
            page.setRunBackend(nullptr, nullptr); // as the window does on closing
        }
        QVERIFY(m_backend->writer().flush());
        WorkflowsPage page(m_ws.get());
        page.setRunBackend(m_backend.get(), &m_backend->writer());
        page.resize(1200, 700);
        page.show();
        QCOMPARE(page.runsList()->count(), 1);
        QVERIFY2(page.runsList()->item(0)->text().contains(QStringLiteral("Interrupted")),
            qPrintable(page.runsList()->item(0)->text()));
        QVERIFY(page.showStoredRun(jobId));
        QVERIFY(page.editor()->isRunMode());
        QCOMPARE(page.editor()->canvas()->nodeState(QStringLiteral("precheck")), WorkflowCanvas::NodeState::Succeeded);
        QVERIFY(page.runStatus()->text().contains(QStringLiteral("Interrupted")));
        auto* edit = page.runBar()->findChild<QToolButton*>(QStringLiteral("runBackToEditing"));
        QVERIFY(edit->isVisible());
        edit->click();
        QVERIFY(!page.editor()->isRunMode());
    }

private:
    QTemporaryDir m_dir;
    int m_count = 0;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<DirectBackend> m_backend;
    QSet<QString> m_failDeployOn;
};

QTEST_MAIN(TestWorkflowRunGui)
#include "tst_workflowrungui.moc"
