// End to end in the console: an inventory of loopback hosts served by real sshd processes (tests/SshdFixture.h),
// a script from the library run on them from the main window, watched on the Jobs page until every host is done,
// then shown again from the store; a library template pushed from the run dialog with a job variable. With
// OPSDECK_SCREENSHOT_DIR set it writes screenshots in both themes and both languages.
#include "MainWindow.h"
#include "SshdFixture.h"
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "inventory/Host.h"
#include "inventory/InventoryPage.h"
#include "jobs/JobHostModel.h"
#include "jobs/JobProgressBar.h"
#include "jobs/JobsPage.h"
#include "jobs/RunDialog.h"
#include "runner/DirectBackend.h"
#include "ssh/SshTransport.h"
#include "store/Workspace.h"
#include "templates/TemplatePreview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>

class TestGuiJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runScriptOnLoopbackHosts();
    void encryptedKeyAskedOnce();
    void failuresAndWaitsOnRealHosts();
};

void TestGuiJob::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_guijob"));
    QSettings().clear();
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
    Startup::installTranslators(QStringLiteral("en"));
}

void TestGuiJob::runScriptOnLoopbackHosts()
{
    if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    SshdFixture sshd;
    QString error;
    QVERIFY2(sshd.start(12, &error), qPrintable(error));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.opsdeck"));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
        Inventory inventory;
        for (int i = 0; i < sshd.ports().size(); ++i) {
            Host h;
            h.name = QStringLiteral("web-%1").arg(i + 1, 2, 10, QLatin1Char('0'));
            h.address = QStringLiteral("127.0.0.1");
            h.port = sshd.ports().at(i);
            h.user = QStringLiteral("root");
            h.idc = i < 6 ? QStringLiteral("js") : QStringLiteral("bj");
            h.vars.insert(QStringLiteral("ansible_ssh_private_key_file"), sshd.clientKeyPath());
            inventory.upsertHost(h);
        }
        QVERIFY((*ws)->saveInventory(inventory).ok());
    }
    auto ws = Workspace::open(path);
    QVERIFY(ws.ok());
    MainWindow window(std::move(*ws));
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.inventoryPage()->currentInventory().hosts().size(), qsizetype(12), 10000);
    SshTransport::Options options = window.sshTransport()->options();
    options.knownHostsPath = sshd.knownHostsPath();
    options.hostKeyPolicy = SshTransport::HostKeyPolicy::Reject;
    window.sshTransport()->setOptions(options);

    JobSpec spec;
    spec.name = QStringLiteral("kernel and load");
    spec.createdBy = QStringLiteral("alice");
    spec.targetDescription = QStringLiteral("idc:js idc:bj");
    for (const Host& h : window.inventoryPage()->currentInventory().hosts()) {
        spec.targets << h.name;
    }
    JobStep step;
    step.name = QStringLiteral("uname");
    step.action = RunScript { QStringLiteral("bash"),
        QStringLiteral("printf '\\033[32mkernel\\033[0m %s\\n' \"$(uname -s)\"\nif [ \"$1\" = fail ]; then echo "
                       "\"\\033[31mno such service\\033[0m\" >&2; exit 3; fi\n"),
        { QStringLiteral("ok") } };
    spec.steps << step;
    spec.concurrency = 4;
    auto plan = RollingPlan::parse(QStringLiteral("2 50% 100%"));
    QVERIFY(plan.ok());
    spec.plan = *plan;
    auto id = window.submitJob(spec);
    QVERIFY2(id.ok(), qPrintable(id.errorString()));
    QCOMPARE(window.currentPage(), int(MainWindow::JobsPage));
    JobView* view = window.jobsPage()->view();
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isFinished(), 60000);
    view->flush();
    QCOMPARE(view->state().status(), JobStatus::Succeeded);
    QCOMPARE(view->state().counts().of(HostStatus::Success), 12);
    view->showHost(QStringLiteral("web-03"));
    QVERIFY2(view->outputView()->toPlainText().contains(QLatin1String("kernel Linux")),
        qPrintable(view->outputView()->toPlainText()));
    QCOMPARE(view->outputGroups().size(), 1);

    // A second job where some hosts fail: retried from the view.
    JobSpec failing = spec;
    failing.id.clear();
    failing.name = QStringLiteral("restart service");
    std::get<RunScript>(failing.steps[0].action).args = { QStringLiteral("fail") };
    auto second = window.submitJob(failing);
    QVERIFY(second.ok());
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isFinished() && view->state().jobId() == *second, 60000);
    view->flush();
    QCOMPARE(view->state().counts().of(HostStatus::Failed), 12);
    QTRY_COMPARE(window.jobsPage()->historyTable()->rowCount(), 2);

    // A template of the library pushed from the run dialog to one host, with a job variable.
    QTemporaryDir remote;
    ConfigTemplate motd;
    motd.id = 1;
    motd.name = QStringLiteral("motd");
    motd.destination = remote.filePath(QStringLiteral("motd"));
    motd.mode = QStringLiteral("0640");
    // The names the preview adds to a host's variables (inventory_hostname_short, group_names) are there too.
    motd.content = QStringLiteral("welcome to {{ inventory_hostname }} ({{ inventory_hostname_short }}; "
                                  "{{ group_names | join(',') }}), release {{ release }}\n");
    motd.version = 1;
    RunDialog dialog(&window.inventoryPage()->currentInventory(), {}, DangerRules::defaults(), &window);
    dialog.setTemplates({ motd });
    dialog.selectTemplate(1);
    dialog.setQuery(QStringLiteral("name:web-03"));
    dialog.jobVariablesEdit()->setPlainText(QStringLiteral("release: 2.4.1\n"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    auto pushed = window.submitJob(dialog.spec());
    QVERIFY2(pushed.ok(), qPrintable(pushed.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isFinished() && view->state().jobId() == *pushed, 60000);
    view->flush();
    QCOMPARE(view->state().status(), JobStatus::Succeeded);
    QFile written(motd.destination);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVariantMap previewContext
        = TemplatePreview::hostContext(window.inventoryPage()->currentInventory(), QStringLiteral("web-03"));
    previewContext.insert(QStringLiteral("release"), QStringLiteral("2.4.1"));
    const TemplatePreview::Outcome preview = TemplatePreview::render(motd.content, motd.name, {}, previewContext);
    QVERIFY2(preview.ok, qPrintable(preview.error.toString()));
    QVERIFY(preview.output.startsWith(QStringLiteral("welcome to web-03 (web-03; ")));
    QCOMPARE(QString::fromUtf8(written.readAll()), preview.output);
    QCOMPARE(int(written.permissions() & QFile::ReadOther), 0);

    if (const QString shots = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !shots.isEmpty()) {
        window.jobsPage()->showJob(*id);
        QTRY_VERIFY(view->state().isFinished());
        view->showHost(QStringLiteral("web-03"));
        view->hostTable()->selectRow(2);
        view->flush();
        const auto shoot = [&](const QString& name) {
            QApplication::processEvents();
            QTest::qWait(200);
            QVERIFY(window.grab().save(shots + QLatin1Char('/') + name));
        };
        shoot(QStringLiteral("jobs-light-en.png"));
        view->findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(2);
        Theme::instance()->setMode(Theme::Mode::Dark);
        shoot(QStringLiteral("jobs-timeline-dark-en.png"));
        Startup::installTranslators(QStringLiteral("zh_CN"));
        view->findChild<QTabWidget*>(QStringLiteral("jobTabs"))->setCurrentIndex(0);
        shoot(QStringLiteral("jobs-dark-zh.png"));
        Theme::instance()->setMode(Theme::Mode::Light);
        shoot(QStringLiteral("jobs-light-zh.png"));
        Startup::installTranslators(QStringLiteral("en"));
    }
}

// Hosts whose inventory key is encrypted: the console asks for the passphrase once, before the first job (the
// answer is given ahead through Dialogs), keeps it in memory, and does not ask again; cancelling the question does
// not start the job.
void TestGuiJob::encryptedKeyAskedOnce()
{
    if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    SshdFixture sshd;
    QString error;
    QVERIFY2(sshd.start(2, &error), qPrintable(error));
    QTemporaryDir dir;
    const QString key = dir.filePath(QStringLiteral("encrypted"));
    QProcess keygen;
    keygen.start(QStringLiteral("ssh-keygen"),
        { QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
            QStringLiteral("open sesame"), QStringLiteral("-f"), key });
    QVERIFY(keygen.waitForFinished(20000) && keygen.exitCode() == 0);
    QFile pub(key + QStringLiteral(".pub"));
    QVERIFY(pub.open(QIODevice::ReadOnly));
    QFile authorized(QDir(sshd.dir()).filePath(QStringLiteral("authorized_keys")));
    QVERIFY(authorized.open(QIODevice::Append));
    authorized.write(pub.readAll());
    authorized.close();
    QCOMPARE(SshTransport::inspectKey(key), SshTransport::KeyFile::Encrypted);
    QCOMPARE(SshTransport::inspectKey(sshd.clientKeyPath()), SshTransport::KeyFile::Plain);
    QCOMPARE(SshTransport::inspectKey(dir.filePath(QStringLiteral("missing"))), SshTransport::KeyFile::Unreadable);

    const QString path = dir.filePath(QStringLiteral("ws.opsdeck"));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
        Inventory inventory;
        for (int i = 0; i < 2; ++i) {
            Host h;
            h.name = QStringLiteral("db-%1").arg(i + 1);
            h.address = QStringLiteral("127.0.0.1");
            h.port = sshd.ports().at(i);
            h.user = QStringLiteral("root");
            h.vars.insert(QStringLiteral("ansible_ssh_private_key_file"), key);
            inventory.upsertHost(h);
        }
        QVERIFY((*ws)->saveInventory(inventory).ok());
    }
    auto ws = Workspace::open(path);
    QVERIFY(ws.ok());
    MainWindow window(std::move(*ws));
    window.show();
    QTRY_COMPARE_WITH_TIMEOUT(window.inventoryPage()->currentInventory().hosts().size(), qsizetype(2), 10000);
    SshTransport::Options options = window.sshTransport()->options();
    options.knownHostsPath = sshd.knownHostsPath();
    options.hostKeyPolicy = SshTransport::HostKeyPolicy::Reject;
    options.sshConfigPath = QStringLiteral("none");
    window.sshTransport()->setOptions(options);
    JobSpec spec;
    spec.name = QStringLiteral("with an encrypted key");
    spec.targets = { QStringLiteral("db-1"), QStringLiteral("db-2") };
    JobStep step;
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("echo ok"), {} };
    spec.steps << step;

    if (const QString shots = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !shots.isEmpty()) {
        // The real question, on screen, in both languages and themes; closed with Cancel (no job).
        for (const bool zh : { false, true }) {
            Startup::installTranslators(zh ? QStringLiteral("zh_CN") : QStringLiteral("en"));
            Theme::instance()->setMode(zh ? Theme::Mode::Dark : Theme::Mode::Light);
            QTimer::singleShot(500, &window, [&, zh] {
                if (QWidget* w = QApplication::activeModalWidget()) {
                    w->grab().save(shots
                        + (zh ? QStringLiteral("/passphrase-dark-zh.png")
                              : QStringLiteral("/passphrase-light-en.png")));
                    QMetaObject::invokeMethod(w, "reject", Qt::QueuedConnection);
                }
            });
            QVERIFY(!window.submitJob(spec).ok());
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
    }
    // Cancelled: no job.
    Dialogs::setNextText(QString());
    const int before = Dialogs::askedCount();
    QVERIFY(!window.submitJob(spec).ok());
    QCOMPARE(Dialogs::askedCount(), before + 1);
    QCOMPARE(window.jobsPage()->historyTable()->rowCount(), 0);
    // Answered: the job runs on both hosts; a second job does not ask again.
    Dialogs::setNextText(QStringLiteral("open sesame"));
    auto first = window.submitJob(spec);
    QVERIFY2(first.ok(), qPrintable(first.errorString()));
    QCOMPARE(Dialogs::askedCount(), before + 2);
    JobView* view = window.jobsPage()->view();
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isFinished() && view->state().jobId() == *first, 60000);
    QCOMPARE(view->state().counts().of(HostStatus::Success), 2);
    spec.id.clear();
    auto second = window.submitJob(spec);
    QVERIFY(second.ok());
    QCOMPARE(Dialogs::askedCount(), before + 2);
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isFinished() && view->state().jobId() == *second, 60000);
    QCOMPARE(view->state().counts().of(HostStatus::Success), 2);
}

// Real loopback hosts that fail in every way SSH can (refused connection, refused key, changed host key) beside
// good ones, in batches of 4 with a manual confirmation: the banner names the waiting batch and goes on with its
// button; each failed host's reason is in the table and at the top of its pane; an unknown host key answered
// after 3 s (longer than the 2 s timeout) neither times the host out nor counts in its duration; a retry adds a
// second attempt under its own header. With OPSDECK_SCREENSHOT_DIR set: jobview-waiting.png, jobview-failed.png
// (and dark / Chinese variants).
void TestGuiJob::failuresAndWaitsOnRealHosts()
{
    if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    SshdFixture sshd;
    QString error;
    QVERIFY2(sshd.start(8, &error), qPrintable(error));
    QTemporaryDir dir;
    // web-01's key is unknown (asked), web-09's changed; web-03 has no server, web-04 a key the server refuses.
    const QList<int> ports = sshd.ports();
    const int closed = SshdFixture::closedPort();
    const QList<int> hostPorts { ports[0], ports[1], closed, ports[2], ports[3], ports[4], ports[5], ports[6], ports[7],
        ports[1] };
    const QString known = dir.filePath(QStringLiteral("known_hosts"));
    const QString changed = dir.filePath(QStringLiteral("changed"));
    QVERIFY(sshd.writeKnownHosts(known, ports.mid(1, 6), false));
    QVERIFY(sshd.writeKnownHosts(changed, { ports[7] }, true));
    {
        QFile a(known);
        QFile b(changed);
        QVERIFY(a.open(QIODevice::Append) && b.open(QIODevice::ReadOnly));
        a.write(b.readAll());
    }
    const QString path = dir.filePath(QStringLiteral("ws.opsdeck"));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
        Inventory inventory;
        for (int i = 0; i < hostPorts.size(); ++i) {
            Host h;
            h.name = QStringLiteral("web-%1").arg(i + 1, 2, 10, QLatin1Char('0'));
            h.address = QStringLiteral("127.0.0.1");
            h.port = hostPorts.at(i);
            h.user = QStringLiteral("root");
            h.vars.insert(QStringLiteral("ansible_ssh_private_key_file"),
                i == 3 ? sshd.wrongClientKeyPath() : sshd.clientKeyPath());
            inventory.upsertHost(h);
        }
        QVERIFY((*ws)->saveInventory(inventory).ok());
    }
    auto ws = Workspace::open(path);
    QVERIFY(ws.ok());
    MainWindow window(std::move(*ws));
    window.resize(1400, 860);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.inventoryPage()->currentInventory().hosts().size(), qsizetype(10), 10000);
    SshTransport::Options options = window.sshTransport()->options();
    options.knownHostsPath = known;
    options.sshConfigPath = QStringLiteral("none");
    options.hostKeyPolicy = SshTransport::HostKeyPolicy::Ask;
    window.sshTransport()->setOptions(options);
    int asked = 0;
    window.sshTransport()->setHostKeyAsker([&window, &asked](
                                               const SshTransport::HostKeyQuestion&, std::function<void(bool)> answer) {
        QMetaObject::invokeMethod(
            &window,
            [&asked, answer] {
                ++asked;
                // Precise: a coarse timer may fire up to 5% early, and the test measures the wait.
                QTimer::singleShot(3000, Qt::PreciseTimer, [answer] { answer(true); }); // the operator takes a while
            },
            Qt::QueuedConnection);
    });

    JobSpec spec;
    spec.name = QStringLiteral("rotate logs");
    spec.createdBy = QStringLiteral("alice");
    for (const Host& h : window.inventoryPage()->currentInventory().hosts()) {
        spec.targets << h.name;
    }
    JobStep step;
    step.name = QStringLiteral("logrotate");
    step.action = RunScript { QStringLiteral("bash"),
        QStringLiteral("printf 'rotating \\033[1m/var/log/app\\033[0m on %s\\n' \"$(uname -n)\"\necho done\n"), {} };
    spec.steps << step;
    spec.timeoutSeconds = 2;
    spec.concurrency = 4;
    spec.pause = BatchPause::manual();
    auto plan = RollingPlan::parse(QStringLiteral("4"));
    QVERIFY(plan.ok());
    spec.plan = *plan;
    QElapsedTimer clock;
    clock.start();
    auto id = window.submitJob(spec);
    QVERIFY2(id.ok(), qPrintable(id.errorString()));
    JobView* view = window.jobsPage()->view();
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isWaiting(), 60000);
    view->flush();
    QCOMPARE(asked, 1);
    QVERIFY(clock.elapsed() >= 3000);
    const HostState asking = view->state().hostSummary(QStringLiteral("web-01"));
    QCOMPARE(asking.status, HostStatus::Success);
    QVERIFY2(asking.durationMs < 2000, qPrintable(QString::number(asking.durationMs)));
    MessageBar* banner = view->waitBanner();
    QVERIFY(!banner->isHidden());
    QVERIFY2(banner->text().startsWith(QLatin1String("Batch 2 of 3 (4 host")), qPrintable(banner->text()));
    QVERIFY(banner->text().endsWith(QLatin1String("is waiting for confirmation.")));
    QCOMPARE(view->progressBar()->value(), 4);
    QCOMPARE(view->progressBar()->segment(JobProgressBar::Segment::Failed), 2);
    const auto reasonOf
        = [&](int row) { return view->hostModel()->index(row, JobHostModel::Reason).data().toString(); };
    QVERIFY2(reasonOf(2).startsWith(QLatin1String("Unreachable: ")), qPrintable(reasonOf(2)));
    QVERIFY2(reasonOf(2).contains(QLatin1String("refused")), qPrintable(reasonOf(2)));
    QVERIFY2(reasonOf(3).startsWith(QLatin1String("Authentication failed: ")), qPrintable(reasonOf(3)));
    QTableView* table = view->hostTable();
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(view->hostModel()->index(2, 0)).center());
    QCOMPARE(view->shownHost(), QStringLiteral("web-03"));
    QVERIFY(!view->outputReason()->isHidden());
    QCOMPARE(view->outputReason()->text(), reasonOf(2));
    const QString shots = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    const auto shoot = [&](const QString& name) {
        view->flush();
        QApplication::processEvents();
        QTest::qWait(150);
        QVERIFY(window.grab().save(shots + QLatin1Char('/') + name));
    };
    if (!shots.isEmpty()) {
        shoot(QStringLiteral("jobview-waiting.png"));
        Theme::instance()->setMode(Theme::Mode::Dark);
        Startup::installTranslators(QStringLiteral("zh_CN"));
        shoot(QStringLiteral("jobview-waiting-dark-zh.png"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Startup::installTranslators(QStringLiteral("en"));
    }
    QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isWaiting() && view->state().waitBatch() == 2, 60000);
    view->flush();
    QVERIFY2(banner->text().startsWith(QLatin1String("Batch 3 of 3 (2 host")), qPrintable(banner->text()));
    QTest::mouseClick(banner->actionButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(view->state().isFinished(), 60000);
    view->flush();
    QVERIFY(banner->isHidden());
    QCOMPARE(view->state().counts().of(HostStatus::Success), 7);
    QVERIFY2(reasonOf(8).startsWith(QLatin1String("Host key rejected: HOST KEY CHANGED")), qPrintable(reasonOf(8)));
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(view->hostModel()->index(8, 0)).center());
    QVERIFY(view->outputTitle()->text().startsWith(QStringLiteral("web-09 — Host key rejected")));
    QCOMPARE(view->outputReason()->text(), reasonOf(8));
    if (!shots.isEmpty()) {
        shoot(QStringLiteral("jobview-failed.png"));
        Theme::instance()->setMode(Theme::Mode::Dark);
        shoot(QStringLiteral("jobview-failed-dark.png"));
        Startup::installTranslators(QStringLiteral("zh_CN"));
        Theme::instance()->setMode(Theme::Mode::Light);
        shoot(QStringLiteral("jobview-failed-zh.png"));
        Startup::installTranslators(QStringLiteral("en"));
    }

    // Retry the three failed hosts (asked first: more than one host; one batch, no wait); web-03 fails again, in a
    // second attempt.
    Dialogs::setNextAnswer(QMessageBox::Ok);
    const int before = Dialogs::askedCount();
    view->action(JobView::Intervention::RetryFailed)->trigger();
    QCOMPARE(Dialogs::askedCount(), before + 1);
    QTRY_VERIFY_WITH_TIMEOUT(view->state().run() == 2 && view->state().isFinished(), 60000);
    view->flush();
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(view->hostModel()->index(2, 0)).center());
    const QString text = view->outputView()->toPlainText();
    QVERIFY2(
        text.contains(QRegularExpression(QStringLiteral(
            "^── Attempt 1 · Step 1: logrotate · [^·]+ · Unreachable ──\\n── Attempt 2 · Step 1: logrotate · [^·]+ · "
            "Unreachable ──\\n?$"))),
        qPrintable(text));
    QCOMPARE(view->hostModel()->index(2, JobHostModel::Attempt).data().toInt(), 2);
}

QTEST_MAIN(TestGuiJob)
#include "tst_guijob.moc"
