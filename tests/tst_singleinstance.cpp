// One window per workspace file (app/WorkspaceInstance): a window in this process has a workspace open, and the
// real `opsdeck FILE --page jobs` (and `--select HOST`) started beside it ends at once saying so, while this window
// comes forward on the page and host asked for; a second window on the same file does not take the socket away;
// a socket file left by a crashed console is taken over.
#include "MainWindow.h"
#include "Startup.h"
#include "WorkspaceInstance.h"
#include "inventory/InventoryPage.h"
#include "store/Workspace.h"

#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestSingleInstance : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Startup::installTranslators(QStringLiteral("en"));
    }

    void secondStartBringsTheWindowForward()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared.opsdeck"));
        auto opened = Startup::openOrCreate(path, true);
        QVERIFY2(opened, qPrintable(opened.errorString()));
        MainWindow window(std::move(*opened));
        window.show();
        QCOMPARE(window.workspaceInstance()->listeningFor(), path);
        window.setCurrentPage(MainWindow::ScriptsPage);

        QProcess second;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        second.setProcessEnvironment(env);
        second.start(QStringLiteral(OPSDECK_GUI_PATH), { path, QStringLiteral("--page"), QStringLiteral("jobs") });
        QVERIFY(second.waitForStarted(10'000));
        // This process must go on serving its event loop while the other one asks.
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 20'000);
        const QString err = QString::fromUtf8(second.readAllStandardError());
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(err.contains(QLatin1String("is open in another window")), qPrintable(err));
        QCOMPARE(window.currentPage(), int(MainWindow::JobsPage));

        // A host asked for: the inventory page shows it.
        QTRY_VERIFY_WITH_TIMEOUT(!window.inventoryPage()->isLoading(), 20'000);
        QVERIFY(!window.inventoryPage()->currentInventory().hosts().isEmpty());
        const QString host = window.inventoryPage()->currentInventory().hosts().constLast().name;
        second.start(QStringLiteral(OPSDECK_GUI_PATH),
            { QStringLiteral("--workspace"), path, QStringLiteral("--select"), host });
        QVERIFY(second.waitForStarted(10'000));
        QTRY_VERIFY_WITH_TIMEOUT(second.state() == QProcess::NotRunning, 20'000);
        QCOMPARE(second.exitCode(), 0);
        QCOMPARE(window.currentPage(), int(MainWindow::InventoryPageIndex));
        QTRY_COMPARE(window.inventoryPage()->selectedHosts(), QStringList { host });
    }

    void secondWindowDoesNotTakeTheSocket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("twice.opsdeck"));
        auto first = Startup::openOrCreate(path, false);
        QVERIFY(first);
        MainWindow a(std::move(*first));
        QCOMPARE(a.workspaceInstance()->listeningFor(), path);
        WorkspaceInstance other;
        QVERIFY(!other.listen(path)); // a live window has it
        QVERIFY(other.listeningFor().isEmpty());
        QVERIFY(a.workspaceInstance()->listeningFor() == path);
    }

    void staleSocketIsTakenOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crashed.opsdeck"));
        QFile(path).open(QIODevice::WriteOnly);
        // What a console that crashed leaves: the socket's file, nobody behind it.
        const QString name = WorkspaceInstance::socketName(path);
        QFile stale(QDir::temp().filePath(name));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.close();
        WorkspaceInstance instance;
        QVERIFY(instance.listen(path));
        QVERIFY(!WorkspaceInstance::forward(dir.filePath(QStringLiteral("other.opsdeck")), {}, 300));
        QCOMPARE(WorkspaceInstance::socketName(path), name);
        QVERIFY(WorkspaceInstance::socketName(path) != WorkspaceInstance::socketName(path + QStringLiteral("x")));
    }
};

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
