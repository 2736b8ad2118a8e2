// The console's Workflows page on a real opsdeck-server (real sshd hosts on loopback): connected through the
// factory the console uses, the page lists the server's workflows (not the workspace's), starts a run by the
// server's run route and shows it live from the server's event stream, an approval decided from the page (refused
// without the comment the node asks for, then given) unblocks the run on the server, which ends succeeded with every
// host's result on the canvas; a save from the page is a new version on the server (refused when the server's
// workflow moved on since it was opened); a run started by another client is followed live when picked in Runs;
// disconnecting shows the workspace's workflows again. With OPSDECK_SCREENSHOT_DIR set: the page on the server with
// a run waiting for its approval, in both themes and languages.
#include "ConsoleOnServer.h"
#include "DiffView.h"
#include "FlakyWorkflow.h"
#include "Screenshots.h"
#include "ServerClient.h"
#include "ServerProcess.h"
#include "SshdFixture.h"
#include "common/Dialogs.h"
#include "store/Workspace.h"
#include "workflows/WorkflowCanvas.h"
#include "workflows/WorkflowEditor.h"
#include "workflows/WorkflowHistoryDialog.h"
#include "workflows/WorkflowRunner.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowYaml.h"
#include "workflows/WorkflowsPage.h"

#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

namespace {

// A check on both hosts, an approval only `ops` may give (with a comment), then a rolling step.
const char* const kRelease = R"(name: release
params:
  - name: word
    default: hello
targets:
  hosts: [srv-01, srv-02]
nodes:
  - id: precheck
    kind: run-script
    inline: "echo precheck {{ params.word }}"
    position: [0, 0]
  - id: gate
    kind: approval
    approvers: [ops]
    message: "Go on?"
    comment_required: true
    position: [260, 0]
  - id: apply
    kind: run-script
    inline: "echo applied"
    plan: "1 100%"
    position: [520, 0]
edges:
  - from: precheck
    to: gate
  - from: gate
    to: apply
)";

const char* const kQuick = R"(name: quick
targets:
  hosts: [srv-01]
nodes:
  - id: hello
    kind: run-script
    inline: "echo hello"
)";

QStringList listed(const WorkflowsPage& page)
{
    QStringList names;
    for (int i = 0; i < page.list()->count(); ++i) {
        names << page.list()->item(i)->data(Qt::UserRole).toString();
    }
    return names;
}

void select(WorkflowsPage& page, const QString& name)
{
    for (int i = 0; i < page.list()->count(); ++i) {
        if (page.list()->item(i)->data(Qt::UserRole).toString() == name) {
            page.list()->setCurrentRow(i);
        }
    }
}

} // namespace

class TestConsoleWorkflows : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    ServerProcess m_server;
    QString m_token; // ops, an operator
    QString m_other; // lead, an operator

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    Reply request(const QString& method, const QString& path, const QByteArray& body = {}, bool other = false) const
    {
        return httpRequest(m_server.port(), method, path, other ? m_other : m_token, body);
    }
    QJsonArray events(const QString& job) const
    {
        return request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=10000").arg(job))
            .json.value(QStringLiteral("events"))
            .toArray();
    }
    static QJsonObject eventOf(const QJsonArray& events, const QString& type)
    {
        for (const QJsonValue& v : events) {
            if (v.toObject().value(QStringLiteral("type")).toString() == type) {
                return v.toObject();
            }
        }
        return {};
    }

    std::unique_ptr<MainWindow> console() const
    {
        return consoleOnServer(m_dir.filePath(QStringLiteral("console.opsdeck")),
            m_dir.filePath(QStringLiteral("pins")), QUrl(m_server.url()), m_token);
    }

private slots:
    void initTestCase()
    {
        if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QLocale::setDefault(QLocale::c());
        Startup::installTranslators(QStringLiteral("en"));
        qunsetenv("SSH_AUTH_SOCK");
        QVERIFY(m_dir.isValid());
        QString error;
        m_token = ServerProcess::createToken(data(), QStringLiteral("operator"), QStringLiteral("ops"), &error);
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
        m_other = ServerProcess::createToken(data(), QStringLiteral("operator"), QStringLiteral("lead"), &error);
        QVERIFY2(!m_other.isEmpty(), qPrintable(error));
        m_sshd = std::make_unique<SshdFixture>();
        QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
        QVERIFY2(ServerProcess::writeSshdInventory(data(), *m_sshd, 2, &error), qPrintable(error));
        QVERIFY2(m_server.startServer(data(),
                     { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath(), QStringLiteral("--ssh-config"),
                         QStringLiteral("none") },
                     0, &error),
            qPrintable(error));
        for (const auto& [name, yaml] : { std::pair { "release", kRelease }, std::pair { "quick", kQuick },
                 std::pair { "flaky", kFlakyWorkflow } }) {
            const Reply r = request(
                QStringLiteral("PUT"), QStringLiteral("/api/v1/workflows/") + QLatin1String(name), QByteArray(yaml));
            QVERIFY2(r.status == 201, r.raw.constData());
        }
        // The console's own workspace has a workflow of its own, which the page does not list on the server.
        auto ws
            = Workspace::open(m_dir.filePath(QStringLiteral("console.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws);
        auto local = WorkflowYaml::load(
            QStringLiteral("name: only here\nnodes:\n  - id: w\n    kind: wait\n    seconds: 1\n"));
        QVERIFY2(local, qPrintable(local.errorString()));
        QVERIFY(WorkflowStore(**ws).save(*local));
    }

    void cleanupTestCase()
    {
        m_server.stop();
        if (m_sshd) {
            m_sshd->stop();
        }
    }

    void runAndApproveOnTheServer()
    {
        auto window = console();
        QVERIFY(window);
        auto* page = window->findChild<WorkflowsPage*>(QStringLiteral("workflowsPage"));
        QVERIFY(page);
        QVERIFY(page->isOnServer());
        window->setCurrentPage(MainWindow::WorkflowsPage);
        QCOMPARE(listed(*page), QStringList({ "flaky", "quick", "release" }));

        select(*page, QStringLiteral("release"));
        QCOMPARE(page->editor()->workflow().name, QStringLiteral("release"));
        // Its targets counted in the server's inventory (the window's mirror of it), not the console's own.
        auto* count = page->editor()->findChild<QLabel*>(QStringLiteral("targetCount"));
        QVERIFY(count);
        QTRY_VERIFY2(count->text().contains(QStringLiteral("2 host")), qPrintable(count->text()));
        auto id = page->startRun({ { QStringLiteral("word"), QStringLiteral("from-page") } });
        QVERIFY2(id, qPrintable(id.errorString()));
        // The run is the server's: its job is there, and the page shows it from the server's stream.
        QCOMPARE(request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + *id).status, 200);
        QVERIFY(page->shownRun());
        QTRY_VERIFY_WITH_TIMEOUT(
            page->shownRun()->run().node(QStringLiteral("gate"))->status == WorkflowNodeRun::Status::WaitingForApproval,
            30'000);
        const WorkflowNodeRun* precheck = page->shownRun()->run().node(QStringLiteral("precheck"));
        QCOMPARE(precheck->status, WorkflowNodeRun::Status::Succeeded);
        QCOMPARE(precheck->succeededHosts, QStringList({ "srv-01", "srv-02" }));
        QVERIFY(!eventOf(events(*id), QStringLiteral("approval.requested")).isEmpty());
        auto* approve = page->runBar()->findChild<QToolButton*>(QStringLiteral("runApprove"));
        QVERIFY(approve && approve->isVisible());
        QVERIFY2(page->runStatus()->text().contains(QStringLiteral("Go on?")), qPrintable(page->runStatus()->text()));
        QVERIFY(saveScreenshots(
            QStringLiteral("workflow-on-server"), [page] { return page->grab(); },
            [page] { page->editor()->canvas()->fitAll(); }));

        // The server's rules apply: the node wants a comment.
        auto refused = page->decide(QStringLiteral("gate"), true, {});
        QVERIFY(!refused);
        QVERIFY2(refused.errorString().contains(QStringLiteral("comment")), qPrintable(refused.errorString()));
        QVERIFY(eventOf(events(*id), QStringLiteral("approval.given")).isEmpty());

        // Approve… in the run bar, its comment asked for (answered ahead).
        Dialogs::setNextText(QStringLiteral("from the page"));
        approve->click();
        QTRY_VERIFY_WITH_TIMEOUT(page->shownRun()->run().isFinished(), 30'000);
        const WorkflowRun& run = page->shownRun()->run();
        QCOMPARE(run.status(), WorkflowRun::Status::Succeeded);
        QCOMPARE(run.node(QStringLiteral("apply"))->succeededHosts, QStringList({ "srv-01", "srv-02" }));
        QVERIFY2(
            page->runStatus()->text().contains(QStringLiteral("Succeeded")), qPrintable(page->runStatus()->text()));
        // On the server: the decision with the token's name and the comment, and the run's job succeeded.
        const QJsonObject given = eventOf(events(*id), QStringLiteral("approval.given"));
        QCOMPARE(given.value(QStringLiteral("by")).toString(), QStringLiteral("ops"));
        QCOMPARE(given.value(QStringLiteral("comment")).toString(), QStringLiteral("from the page"));
        QTRY_COMPARE_WITH_TIMEOUT(request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + *id)
                                      .json.value(QStringLiteral("status"))
                                      .toString(),
            QStringLiteral("succeeded"), 10'000);
        // Nothing of it in the console's own workspace.
        auto ws = Workspace::open(m_dir.filePath(QStringLiteral("console.opsdeck")));
        QVERIFY(ws);
        auto mine = WorkflowStore(**ws).findByName(QStringLiteral("release"));
        QVERIFY(mine && !*mine);
        // The run is in the page's Runs list (the server's job history).
        QTRY_VERIFY_WITH_TIMEOUT(page->runsList()->count() >= 1, 10'000);
        QCOMPARE(page->runsList()->item(0)->data(Qt::UserRole).toString(), *id);

        // A run another client started is followed live once picked in Runs.
        page->backToEditing();
        const Reply started = request(QStringLiteral("POST"), QStringLiteral("/api/v1/workflows/release/runs"),
            QByteArray(R"({"params":{"word":"from-http"}})"), true);
        QVERIFY2(started.status == 201, started.raw.constData());
        const QString other = started.json.value(QStringLiteral("id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(!eventOf(events(other), QStringLiteral("approval.requested")).isEmpty(), 30'000);
        select(*page, QStringLiteral("quick"));
        select(*page, QStringLiteral("release")); // the Runs list read again
        QTRY_VERIFY_WITH_TIMEOUT(page->runsList()->count() >= 2, 10'000);
        QVERIFY(page->showStoredRun(other));
        QVERIFY(page->shownRun());
        QCOMPARE(page->shownRun()->jobId(), other);
        QVERIFY(page->shownRun()->isRunning());
        auto* reject = page->runBar()->findChild<QToolButton*>(QStringLiteral("runReject"));
        QTRY_VERIFY(reject->isVisible());
        Dialogs::setNextText(QStringLiteral("not now"));
        reject->click();
        QTRY_VERIFY_WITH_TIMEOUT(page->shownRun()->run().isFinished(), 30'000);
        QCOMPARE(page->shownRun()->run().node(QStringLiteral("gate"))->status, WorkflowNodeRun::Status::Failed);
        QCOMPARE(page->shownRun()->run().node(QStringLiteral("apply"))->status, WorkflowNodeRun::Status::Skipped);
        page->backToEditing();

        // Saving from the page: a new version on the server, by the token's name.
        select(*page, QStringLiteral("quick"));
        Workflow w = page->editor()->workflow();
        w.description = QStringLiteral("changed on the page");
        page->editor()->open(w);
        QVERIFY2(page->save(), qPrintable(page->status()->text()));
        Reply r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/workflows/quick"));
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(r.json.value(QStringLiteral("author")).toString(), QStringLiteral("ops"));
        QVERIFY(r.json.value(QStringLiteral("yaml")).toString().contains(QStringLiteral("changed on the page")));
        // Changed on the server meanwhile: the page's save is refused, the server's version kept.
        r = httpRequest(m_server.port(), QStringLiteral("PUT"), QStringLiteral("/api/v1/workflows/quick"), m_other,
            QByteArray(kQuick) + "description: from elsewhere\n", { { "If-Match", "2" } });
        QVERIFY2(r.status == 200, r.raw.constData());
        w.description = QStringLiteral("changed again on the page");
        page->editor()->open(w);
        QVERIFY(!page->save());
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/workflows/quick"));
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 3);
        QVERIFY(r.json.value(QStringLiteral("yaml")).toString().contains(QStringLiteral("from elsewhere")));

        // The server's history of it: the versions compared, the first restored as the newest (version 4, on the
        // server, based on version 3).
        {
            WorkflowHistoryDialog history(page->source(), QStringLiteral("quick"), page);
            QCOMPARE(history.versionList()->topLevelItemCount(), 3);
            history.selectVersions(1, 3);
            QVERIFY(history.diffView()->changeCount() >= 1);
            history.resize(1000, 600);
            history.show();
            QVERIFY(
                saveScreenshots(QStringLiteral("workflow-history-on-server"), [&history] { return history.grab(); }));
            history.selectVersions(1);
            QVERIFY(history.restoreSelected());
            r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/workflows/quick"));
            QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 4);
            QCOMPARE(r.json.value(QStringLiteral("yaml")).toString(),
                request(QStringLiteral("GET"), QStringLiteral("/api/v1/workflows/quick/versions/1"))
                    .json.value(QStringLiteral("yaml"))
                    .toString());
            QVERIFY(!r.json.value(QStringLiteral("yaml")).toString().contains(QStringLiteral("description")));
            QCOMPARE(history.versionList()->topLevelItemCount(), 4);
        }

        // A failed step retried from the page (Retry Step): the server reopens the run, which then succeeds.
        select(*page, QStringLiteral("flaky"));
        auto flaky = page->startRun({ { QStringLiteral("marker"), m_dir.filePath(QStringLiteral("marker")) } });
        QVERIFY2(flaky, qPrintable(flaky.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(page->shownRun()->run().isFinished(), 30'000);
        QCOMPARE(page->shownRun()->run().status(), WorkflowRun::Status::Failed);
        page->editor()->canvas()->selectNodes({ QStringLiteral("check") });
        auto* retry = page->runBar()->findChild<QToolButton*>(QStringLiteral("runRetryNode"));
        QTRY_VERIFY(retry->isVisible());
        retry->click();
        QTRY_VERIFY_WITH_TIMEOUT(page->shownRun()->run().status() == WorkflowRun::Status::Succeeded, 30'000);
        QCOMPARE(page->shownRun()->run().node(QStringLiteral("check"))->attempt, 2);
        QCOMPARE(page->shownRun()->run().node(QStringLiteral("check"))->succeededHosts, QStringList({ "srv-01" }));
        QTRY_COMPARE_WITH_TIMEOUT(request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + *flaky)
                                      .json.value(QStringLiteral("status"))
                                      .toString(),
            QStringLiteral("succeeded"), 10'000);
        page->backToEditing();

        // Disconnected: the workspace's workflows again.
        window->disconnectFromServer();
        QVERIFY(!page->isOnServer());
        QCOMPARE(listed(*page), QStringList({ "only here" }));
    }
};

QTEST_MAIN(TestConsoleWorkflows)
#include "tst_consoleworkflows.moc"
