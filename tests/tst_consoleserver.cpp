// Two consoles against one real opsdeck-server (real sshd hosts, loopback): each connects through the factory the
// console uses (ServerBackendFactory: RemoteBackend), the first runs a job on the server, the second sees it in its
// Jobs page and follows its events live to the same end; neither console's own workspace gets the job. With
// OPSDECK_SCREENSHOT_DIR set: the console connected to the server, showing the job, in both themes and languages.
#include "ConsoleOnServer.h"
#include "ServerFixture.h"
#include "SshdInventory.h"
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "connect/MemorySecretStore.h"
#include "inventory/Inventory.h"
#include "jobs/JobStore.h"
#include "jobs/JobView.h"
#include "jobs/JobsPage.h"
#include "store/Workspace.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestConsoleServer : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    QProcess m_server;
    quint16 m_port = 0;
    QString m_token;

    std::unique_ptr<MainWindow> console(const QString& name)
    {
        return consoleOnServer(m_dir.filePath(name + QStringLiteral(".opsdeck")),
            m_dir.filePath(QStringLiteral("pins")), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)), m_token);
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
        m_sshd = std::make_unique<SshdFixture>();
        QString error;
        QVERIFY2(m_sshd->start(3, &error), qPrintable(error));
        const QString data = m_dir.filePath(QStringLiteral("server"));
        m_token = ServerFixture::createToken(data, QStringLiteral("operator"), QStringLiteral("alice"), &error);
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
        {
            auto ws = Workspace::open(QDir(data).filePath(QStringLiteral("workspace.opsdeck")));
            QVERIFY2(ws, qPrintable(ws.errorString()));
            QVERIFY((*ws)->saveInventory(sshdInventory(*m_sshd, 3, QStringLiteral("web"))));
        }
        m_port = ServerFixture::start(m_server,
            { QStringLiteral("--data"), data, QStringLiteral("--ssh-config"), QStringLiteral("none"),
                QStringLiteral("--known-hosts"), m_sshd->knownHostsPath() },
            &error);
        QVERIFY2(m_port != 0, qPrintable(error));
    }

    void cleanupTestCase()
    {
        ServerFixture::stop(m_server);
        if (m_sshd) {
            m_sshd->stop();
        }
    }

    void aJobRunOnTheServerIsSeenLiveByASecondConsole()
    {
        auto first = console(QStringLiteral("first"));
        QVERIFY(first);
        auto second = console(QStringLiteral("second"));
        QVERIFY(second);
        QCOMPARE(first->newWorkBackend(), first->serverBackend());
        auto* status = second->findChild<QLabel*>(QStringLiteral("statusServer"));
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String(": connected")), 10'000);

        JobSpec spec;
        spec.name = QStringLiteral("rolling restart");
        spec.targets = { QStringLiteral("web-01"), QStringLiteral("web-02"), QStringLiteral("web-03") };
        JobStep step;
        step.name = QStringLiteral("restart");
        step.action = RunScript { QStringLiteral("/bin/sh"),
            QStringLiteral("for i in 1 2 3; do echo \"step $i on $(hostname)\"; sleep 0.3; done\n"), {} };
        spec.steps << step;
        spec.concurrency = 1; // one host after the other: the second console joins while it runs
        spec.timeoutSeconds = 60;
        auto id = first->submitJob(spec);
        QVERIFY2(id, qPrintable(id.errorString()));

        // The second console finds it in its Jobs page (the server's history) and follows it as it runs.
        second->jobsPage()->refresh();
        second->jobsPage()->showJob(*id);
        auto* view = second->jobsPage()->findChild<JobView*>();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->state().status() == JobStatus::Succeeded, 30'000);
        QCOMPARE(view->state().counts().of(HostStatus::Success), 3);
        // And the first console's view of it ends the same.
        first->jobsPage()->showJob(*id);
        auto* firstView = first->jobsPage()->findChild<JobView*>();
        QTRY_VERIFY_WITH_TIMEOUT(firstView->state().status() == JobStatus::Succeeded, 30'000);
        // The job is the server's: neither console's own workspace has it.
        for (MainWindow* window : { first.get(), second.get() }) {
            QVERIFY(!JobStore(*window->workspace()).job(*id));
        }

        const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            return;
        }
        second->setCurrentPage(MainWindow::pageNames().indexOf(QStringLiteral("jobs")));
        second->messageBar()->hideMessage(); // said once at connect, in the language of then
        if (auto* hosts = view->findChild<QTableView*>()) {
            hosts->setCurrentIndex(hosts->model()->index(1, 0)); // web-02's output
        }
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
            Startup::installTranslators(lang);
            for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
                Theme::instance()->setMode(mode);
                Theme::instance()->apply();
                QTest::qWait(200);
                const QString name
                    = QStringLiteral("/console-server-%1-%2.png")
                          .arg(mode == Theme::Mode::Dark ? QStringLiteral("dark") : QStringLiteral("light"), lang);
                QVERIFY(second->grab().save(dir + name));
            }
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Theme::instance()->apply();
    }
};

QTEST_MAIN(TestConsoleServer)
#include "tst_consoleserver.moc"
