// Desktop notifications (app/JobNotifications, app/DesktopNotifier), inside a private D-Bus session
// (tests/dbus-session.sh): a notification service is registered on its own connection, as a desktop's daemon
// would; jobs a window started run on a DirectBackend over FakeTransport. A job that succeeds, one that fails
// (urgent), a batch that waits for confirmation, and a workflow waiting for approval reach the service with the
// app's icon and desktop entry while the window is not in front; nothing is shown when it is in front, when the
// setting is off, or for a job this window did not start; without the service the notifier says so (no tray here).
#include "DesktopNotifier.h"
#include "JobNotifications.h"
#include "MainWindow.h"
#include "Startup.h"
#include "Theme.h"
#include "jobs/FakeTransport.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QAction>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// What a desktop's notification daemon offers (the part of the freedesktop interface OpsDeck calls).
class FakeNotificationDaemon : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Received {
        QString app, icon, summary, body;
        QVariantMap hints;
    };
    QList<Received> received;

public slots:
    uint Notify(const QString& app, uint, const QString& icon, const QString& summary, const QString& body,
        const QStringList&, const QVariantMap& hints, int)
    {
        received.append({ app, icon, summary, body, hints });
        return uint(received.size());
    }
    QStringList GetCapabilities() { return { QStringLiteral("body") }; }
};

class TestNotifications : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Startup::installTranslators(QStringLiteral("en"));
        if (qEnvironmentVariableIsEmpty("OPSDECK_DBUS_SESSION")) {
            QSKIP(qPrintable(qEnvironmentVariable("OPSDECK_DBUS_SKIP", QStringLiteral("not in a D-Bus session"))));
        }
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        QVERIFY(!DesktopNotifier::dbusServiceAvailable());
        // No service yet: nothing to show it on (the offscreen platform has no tray).
        DesktopNotifier bare;
        QCOMPARE(bare.notify(QStringLiteral("x"), QString(), false), DesktopNotifier::Channel::None);

        m_daemonBus = std::make_unique<QDBusConnection>(
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("fake-notification-daemon")));
        QVERIFY(m_daemonBus->isConnected());
        QVERIFY(m_daemonBus->registerObject(
            QStringLiteral("/org/freedesktop/Notifications"), &m_daemon, QDBusConnection::ExportAllSlots));
        QVERIFY(m_daemonBus->registerService(QStringLiteral("org.freedesktop.Notifications")));
        QTRY_VERIFY(DesktopNotifier::dbusServiceAvailable());
    }

    void init()
    {
        QSettings().remove(QStringLiteral("notifications/enabled"));
        m_daemon.received.clear();
        m_ws = std::move(*Workspace::open(
            m_dir.filePath(QStringLiteral("w%1.opsdeck").arg(++m_count)), Workspace::OpenMode::CreateIfMissing));
        m_transport = std::make_unique<FakeTransport>();
        m_transport->script = [this](const HostTask& task) {
            FakeBehaviour b;
            b.delayMs = 5;
            b.exitCode = m_failing.contains(task.host) ? 3 : 0;
            return b;
        };
        DirectBackend::Options options;
        options.operatorName = QStringLiteral("tester");
        options.engine.outputFlushMs = 0;
        m_backend = std::move(*DirectBackend::open(*m_ws, m_transport.get(), options));
    }
    void cleanup()
    {
        m_backend.reset();
        m_transport.reset();
        m_ws.reset();
        m_failing.clear();
    }

    void jobsEndingReachTheDesktop()
    {
        JobNotifications notes;
        bool inFront = false;
        notes.setInFront([&inFront] { return inFront; });

        const QString ok = submit(QStringLiteral("restart nginx"), { QStringLiteral("a"), QStringLiteral("b") });
        notes.watch(m_backend.get(), ok, QStringLiteral("restart nginx"));
        m_failing = { QStringLiteral("d") };
        const QString bad = submit(QStringLiteral("upgrade openssl"), { QStringLiteral("c"), QStringLiteral("d") });
        notes.watch(m_backend.get(), bad, QStringLiteral("upgrade openssl"));
        (void)submit(QStringLiteral("someone else's"), { QStringLiteral("e") }); // not watched: never shown
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon.received.size(), 2, 20'000);
        QTest::qWait(300);
        QCOMPARE(m_daemon.received.size(), 2);

        QStringList summaries;
        for (const auto& r : std::as_const(m_daemon.received)) {
            summaries << r.summary;
            QCOMPARE(r.app, QStringLiteral("OpsDeck"));
            QCOMPARE(r.icon, QStringLiteral("org.opsdeck.OpsDeck"));
            QCOMPARE(r.hints.value(QStringLiteral("desktop-entry")).toString(), QStringLiteral("org.opsdeck.OpsDeck"));
            const int urgency = r.hints.value(QStringLiteral("urgency")).toInt();
            QCOMPARE(urgency, r.summary.startsWith(QLatin1String("Job failed")) ? 2 : 1);
        }
        summaries.sort();
        QCOMPARE(summaries,
            (QStringList {
                QStringLiteral("Job failed: upgrade openssl"), QStringLiteral("Job succeeded: restart nginx") }));
        QCOMPARE(notes.shown().size(), 2);
        QCOMPARE(notes.shown().first().channel, DesktopNotifier::Channel::DBus);

        // In front: the operator sees it already.
        inFront = true;
        const QString seen = submit(QStringLiteral("seen"), { QStringLiteral("f") });
        notes.watch(m_backend.get(), seen, QStringLiteral("seen"));
        QTRY_VERIFY_WITH_TIMEOUT(m_backend->job(seen) && isFinal(m_backend->job(seen)->status), 20'000);
        QTest::qWait(200);
        QCOMPARE(m_daemon.received.size(), 2);

        // Switched off (View › Desktop Notifications).
        inFront = false;
        JobNotifications::setEnabled(false);
        const QString off = submit(QStringLiteral("off"), { QStringLiteral("g") });
        notes.watch(m_backend.get(), off, QStringLiteral("off"));
        QTRY_VERIFY_WITH_TIMEOUT(m_backend->job(off) && isFinal(m_backend->job(off)->status), 20'000);
        QTest::qWait(200);
        QCOMPARE(m_daemon.received.size(), 2);
    }

    void waitingForAPersonIsUrgent()
    {
        JobNotifications notes;
        JobSpec spec = specFor(QStringLiteral("rolling"), { QStringLiteral("a"), QStringLiteral("b") });
        spec.plan = RollingPlan::parse(QStringLiteral("1,1")).value();
        spec.pause = BatchPause::manual();
        spec.concurrency = 1;
        auto id = m_backend->submit(spec);
        QVERIFY(id);
        notes.watch(m_backend.get(), *id, spec.name);
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon.received.size(), 1, 20'000);
        QCOMPARE(m_daemon.received.first().summary, QStringLiteral("Job waits for you: rolling"));
        QCOMPARE(m_daemon.received.first().hints.value(QStringLiteral("urgency")).toInt(), 2);

        notes.workflowNotice(QStringLiteral("release"), QStringLiteral("approval"), QStringLiteral("Go ahead?"));
        notes.workflowNotice(QStringLiteral("release"), QStringLiteral("finished"), QStringLiteral("succeeded"));
        QTRY_COMPARE(m_daemon.received.size(), 3);
        QCOMPARE(m_daemon.received.at(1).summary, QStringLiteral("Workflow waits for approval: release"));
        QCOMPARE(m_daemon.received.at(1).body, QStringLiteral("Step: Go ahead?"));
        QCOMPARE(m_daemon.received.at(2).summary, QStringLiteral("Workflow succeeded: release"));
    }

    void theViewMenuSwitchesThemOff()
    {
        MainWindow window(std::move(m_ws));
        auto* action = window.findChild<QAction*>(QStringLiteral("action.notifications"));
        QVERIFY(action);
        QVERIFY(action->isCheckable() && action->isChecked());
        QVERIFY(JobNotifications::enabled());
        action->trigger();
        QVERIFY(!JobNotifications::enabled());
        action->trigger();
        QVERIFY(JobNotifications::enabled());
        QVERIFY(window.jobNotifications());

        // With OPSDECK_SCREENSHOT_DIR: the View menu with the setting, in both languages and themes.
        const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            return;
        }
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
            Startup::installTranslators(lang);
            for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
                Theme::instance()->setMode(mode);
                Theme::instance()->apply();
                QMenu* view = nullptr;
                for (QMenu* menu : window.menuBar()->findChildren<QMenu*>()) {
                    if (menu->actions().contains(action)) {
                        view = menu;
                    }
                }
                QVERIFY(view);
                view->popup(window.mapToGlobal(QPoint(60, 30)));
                QTest::qWait(150);
                QVERIFY(view->grab().save(dir + QStringLiteral("/view-menu-")
                    + (mode == Theme::Mode::Dark ? QStringLiteral("dark-") : QStringLiteral("light-"))
                    + (lang == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh"))
                    + QStringLiteral(".png")));
                view->hide();
            }
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Theme::instance()->apply();
    }

private:
    JobSpec specFor(const QString& name, const QStringList& hosts)
    {
        JobSpec spec;
        spec.name = name;
        spec.targets = hosts;
        JobStep step;
        step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("true"), {} };
        spec.steps << step;
        return spec;
    }
    QString submit(const QString& name, const QStringList& hosts)
    {
        auto id = m_backend->submit(specFor(name, hosts));
        return id ? *id : QString();
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    FakeNotificationDaemon m_daemon;
    std::unique_ptr<QDBusConnection> m_daemonBus;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<DirectBackend> m_backend;
    QSet<QString> m_failing;
};

QTEST_MAIN(TestNotifications)
#include "tst_notifications.moc"
