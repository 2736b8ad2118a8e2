// The console's side of connecting to a control server, with real widgets: the Connect to Server dialog against
// a real opsdeck-server (the server's version and the token's role, a refused token, nothing listening; the
// token pasted whole and kept in the secret store, never in QSettings or the workspace; recent servers), the TLS
// fingerprint question over a real TLS endpoint (refused, pinned, a changed certificate refused without asking),
// the backend swap in MainWindow with a fake server backend (a job running over direct SSH keeps running there
// and stays in the Jobs page until it ends; new work goes to the server), the status bar and message bar through
// the connection states (reconnecting never switches by itself; "Use Direct SSH for New Work"), key passphrases
// remembered in the secret store. With OPSDECK_SCREENSHOT_DIR set: the dialog, the fingerprint question and the
// status bar in both themes and languages.
#include "FakeServerBackend.h"
#include "HandoverBackend.h"
#include "MainWindow.h"
#include "ServerFixture.h"
#include "Startup.h"
#include "Theme.h"
#include "TlsFixture.h"
#include "WindowLaunchQuestions.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "connect/ConnectDialog.h"
#include "connect/MemorySecretStore.h"
#include "inventory/Inventory.h"
#include "inventory/InventoryPage.h"
#include "inventory/ansible/VaultCipher.h"
#include "jobs/JobsPage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

// Runs `answer` on the next modal widget of type T once it is shown (from the event loop, while exec() runs).
template <typename T> void onNextModal(std::function<void(T*)> answer)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer] {
        auto* widget = qobject_cast<T*>(QApplication::activeModalWidget());
        if (!widget || !widget->isVisible()) {
            return;
        }
        timer->stop();
        timer->deleteLater();
        answer(widget);
    });
    timer->start();
}

JobSpec jobOn(const QStringList& hosts, const QString& name)
{
    JobSpec spec;
    spec.name = name;
    spec.targets = hosts;
    JobStep step;
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("uptime"), {} };
    spec.steps << step;
    return spec;
}

} // namespace

class TestConnectGui : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> makeWindow(int deadHosts = 0);
    // Connects `window` to a fake server (the factory a test sets in place of the remote backend's).
    FakeServerBackend* connectFake(MainWindow& window, const QString& name);
    void screenshots(const QString& dir);

private slots:
    void initTestCase();
    void init();
    void dialogAgainstARealServer();
    void connectThroughTheFileMenuKeepsTheTokenInTheSecretStore();
    void fingerprintQuestionThenChangedCertificate();
    void runningDirectJobStaysWhereItRuns();
    void connectionStatesInTheStatusBar();
    void keyPassphraseRemembered();
    void vaultPasswordRemembered();
    void takeScreenshots();
};

void TestConnectGui::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    Startup::installTranslators(QStringLiteral("en"));
}

void TestConnectGui::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSettings().clear();
    Dialogs::setNextAnswer(QMessageBox::NoButton);
}

std::unique_ptr<MainWindow> TestConnectGui::makeWindow(int deadHosts)
{
    const QString path = m_dir->filePath(QStringLiteral("console.opsdeck"));
    {
        auto ws = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            return nullptr;
        }
        Inventory inventory;
        for (int i = 0; i < deadHosts; ++i) {
            Host h;
            h.name = QStringLiteral("dead-%1").arg(i + 1);
            h.address = QStringLiteral("127.0.0.1");
            h.port = 1; // nothing listens: each host fails at once
            h.user = QStringLiteral("root");
            inventory.upsertHost(h);
        }
        if (!(*ws)->saveInventory(inventory)) {
            return nullptr;
        }
    }
    auto ws = Workspace::open(path);
    if (!ws) {
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(std::move(*ws));
    window->setSecretStore(std::make_unique<MemorySecretStore>());
    window->setPinFile(m_dir->filePath(QStringLiteral("pins")));
    window->resize(1280, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    return window;
}

FakeServerBackend* TestConnectGui::connectFake(MainWindow& window, const QString& name)
{
    FakeServerBackend* made = nullptr;
    const QString path = m_dir->filePath(name + QStringLiteral(".opsdeck"));
    window.setBackendFactory([&made, path](const ServerProfile& profile) -> Result<std::unique_ptr<Backend>> {
        QString error;
        auto backend = FakeServerBackend::open(path, &error);
        if (!backend) {
            return Error(error);
        }
        backend->url = profile.url.toString();
        made = backend.get();
        return std::unique_ptr<Backend>(std::move(backend));
    });
    ServerProfile profile;
    profile.url = QUrl(QStringLiteral("https://%1.example:8750").arg(name));
    profile.token = QStringLiteral("odt_fake");
    if (!window.connectToServer(profile)) {
        return nullptr;
    }
    return made;
}

void TestConnectGui::dialogAgainstARealServer()
{
    QTemporaryDir data;
    QString error;
    QString viewer;
    QProcess server;
    const quint16 port = ServerFixture::startWithToken(server, data.path(), QStringLiteral("viewer"), &viewer, &error);
    QVERIFY2(port != 0, qPrintable(error));
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);

    MemorySecretStore secrets;
    ConnectDialog dialog(&secrets, m_dir->filePath(QStringLiteral("pins")));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.tokenField()->echoMode(), QLineEdit::Password);
    QVERIFY(dialog.noticeLabel()->isVisible()); // memory only: said so
    QVERIFY(dialog.noticeLabel()->text().contains(QLatin1String("kept only until you quit: no keychain is available")));

    // Nothing typed: said what is missing, nothing asked.
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(dialog.resultLabel()->text().contains(QLatin1String("not a server URL"))
        || dialog.resultLabel()->text().contains(QLatin1String("no server URL")));

    dialog.urlField()->setFocus();
    QTest::keyClicks(dialog.urlField(), url + QStringLiteral("/api/v1/"));
    QTest::keyClicks(dialog.tokenField(), QStringLiteral("odt_wrong"));
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 15'000);
    QCOMPARE(dialog.lastReport().outcome, ServerProbe::Outcome::Unauthorized);
    QVERIFY2(dialog.resultLabel()->text().contains(QLatin1String("401")), qPrintable(dialog.resultLabel()->text()));

    // The real token pasted with the line break a terminal copy brings.
    dialog.tokenField()->clear();
    QApplication::clipboard()->setText(QStringLiteral("  ") + viewer + QStringLiteral("\n"));
    dialog.tokenField()->setFocus();
    dialog.tokenField()->paste();
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 15'000);
    QCOMPARE(dialog.lastReport().outcome, ServerProbe::Outcome::Ok);
    QVERIFY2(
        dialog.resultLabel()->text().contains(dialog.lastReport().version), qPrintable(dialog.resultLabel()->text()));
    QVERIFY(dialog.resultLabel()->text().contains(QLatin1String("viewer (read only)")));
    QVERIFY(!dialog.resultLabel()->text().contains(QLatin1String("unencrypted"))); // loopback: no warning
    QVERIFY(!dialog.lastReport().version.isEmpty());

    // Connect: tested again, accepted, the token kept in the secret store.
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 15'000);
    QCOMPARE(dialog.profile().url.toString(), url);
    QCOMPARE(dialog.profile().token, viewer);
    QCOMPARE(SecretStore::readNow(secrets, dialog.profile().secretKey())->value_or(QString()), viewer);
    QCOMPARE(ServerProfile::recent().value(0), url);

    // Nothing listens any more: unreachable, named.
    ServerFixture::stop(server);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 15'000);
    QCOMPARE(dialog.lastReport().outcome, ServerProbe::Outcome::Unreachable);
    QVERIFY2(dialog.resultLabel()->text().contains(QLatin1String("Cannot reach 127.0.0.1")),
        qPrintable(dialog.resultLabel()->text()));
}

void TestConnectGui::connectThroughTheFileMenuKeepsTheTokenInTheSecretStore()
{
    QTemporaryDir data;
    QString error;
    QString token;
    QProcess server;
    const quint16 port = ServerFixture::startWithToken(server, data.path(), QStringLiteral("operator"), &token, &error);
    QVERIFY2(port != 0, qPrintable(error));
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(port);

    auto window = makeWindow();
    QVERIFY(window);
    // No remote backend on this branch: the fake stands in, made from what the dialog accepted.
    ServerProfile given;
    const QString serverData = m_dir->filePath(QStringLiteral("server.opsdeck"));
    window->setBackendFactory([&given, serverData](const ServerProfile& profile) -> Result<std::unique_ptr<Backend>> {
        given = profile;
        QString error;
        auto backend = FakeServerBackend::open(serverData, &error);
        if (!backend) {
            return Error(error);
        }
        backend->url = profile.url.toString();
        return std::unique_ptr<Backend>(std::move(backend));
    });
    bool closed = false;
    onNextModal<ConnectDialog>([&](ConnectDialog* dialog) {
        dialog->urlField()->setEditText(url);
        dialog->tokenField()->setText(token);
        QTest::mouseClick(dialog->connectButton(), Qt::LeftButton);
        closed = true;
    });
    window->findChild<QAction*>(QStringLiteral("action.connectServer"))->trigger();
    QVERIFY(closed);
    QCOMPARE(given.url.toString(), url);
    QCOMPARE(given.token, token);
    QVERIFY(window->serverBackend());
    QCOMPARE(window->newWorkBackend(), window->serverBackend());
    auto* status = window->findChild<QLabel*>(QStringLiteral("statusServer"));
    QVERIFY(status && status->isVisible());
    QVERIFY2(status->text().contains(QStringLiteral("127.0.0.1:%1: connected").arg(port)), qPrintable(status->text()));
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("statusBackend"))->text().contains(url));
    QVERIFY(window->findChild<QAction*>(QStringLiteral("action.disconnectServer"))->isEnabled());
    QVERIFY(window->messageBar()->isVisible()); // memory only: said so
    QVERIFY(window->messageBar()->text().contains(QLatin1String("kept only until you quit: no keychain is available")));

    // The token is in the secret store only: not in the settings, not in the workspace.
    QCOMPARE(SecretStore::readNow(*window->secretStore(), given.secretKey())->value_or(QString()), token);
    QSettings().sync();
    QFile settings(QSettings().fileName());
    QVERIFY(settings.open(QIODevice::ReadOnly));
    const QByteArray settingsBytes = settings.readAll();
    QVERIFY(settingsBytes.contains(url.toUtf8())); // the recent server is there …
    QVERIFY(!settingsBytes.contains(token.toUtf8())); // … its token is not
    for (const QString& suffix : { QString(), QStringLiteral("-wal") }) {
        QFile ws(window->workspace()->path() + suffix);
        if (ws.open(QIODevice::ReadOnly)) {
            QVERIFY(!ws.readAll().contains(token.toUtf8()));
        }
    }

    // File › Recent Servers: the dialog comes back with the server and its token read from the store.
    auto* recent = window->findChild<QMenu*>(QStringLiteral("menu.recentServers"));
    QVERIFY(recent);
    emit recent->aboutToShow();
    QCOMPARE(recent->actions().value(0)->text(), url);
    QString prefilled;
    onNextModal<ConnectDialog>([&](ConnectDialog* dialog) {
        QTRY_VERIFY(!dialog->tokenField()->text().isEmpty());
        prefilled = dialog->urlField()->currentText() + QLatin1Char(' ') + dialog->tokenField()->text();
        dialog->reject();
    });
    recent->actions().value(0)->trigger();
    QCOMPARE(prefilled, url + QLatin1Char(' ') + token);

    // Disconnect: back to direct SSH.
    window->findChild<QAction*>(QStringLiteral("action.disconnectServer"))->trigger();
    QVERIFY(!window->serverBackend());
    QCOMPARE(window->jobBackend(), static_cast<Backend*>(window->directBackend()));
    QVERIFY(!status->isVisible());
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("statusBackend"))->text().contains(QLatin1String("Direct SSH")));
    ServerFixture::stop(server);
}

void TestConnectGui::fingerprintQuestionThenChangedCertificate()
{
    if (const QString why = TlsCertificates::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    TlsCertificates certificates(m_dir->path());
    QString error;
    QVERIFY2(certificates.make(&error), qPrintable(error));
    const QByteArray info = R"({"name":"opsdeck-server","version":"9.9.9","api":"v1","time":"2026-01-01T00:00:00Z",)"
                            R"("role":"admin","features":[]})";
    TlsEndpoint endpoint(certificates.path(QStringLiteral("a.crt")), certificates.path(QStringLiteral("a.key")), info);
    QVERIFY(endpoint.port() != 0);
    const QString pinFile = m_dir->filePath(QStringLiteral("pins"));
    MemorySecretStore secrets;
    ConnectDialog dialog(&secrets, pinFile);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.urlField()->setEditText(QStringLiteral("https://localhost:%1").arg(endpoint.port()));
    dialog.tokenField()->setText(QStringLiteral("odt_x"));
    const QString fingerprintA = TlsPinStore::formatFingerprint(
        TlsPinStore::fingerprint(QSslCertificate::fromPath(certificates.path(QStringLiteral("a.crt"))).value(0)));

    // Declined: not pinned, not connected.
    const int asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::No);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(Dialogs::askedCount(), asked + 1, 15'000);
    QVERIFY(QString(Dialogs::lastText()).remove(QLatin1Char('\n')).contains(fingerprintA)); // in two lines
    QVERIFY(Dialogs::lastText().contains(QLatin1String("ops-a.example")));
    QVERIFY(dialog.resultLabel()->text().contains(QLatin1String("was not trusted")));
    QVERIFY(!TlsPinStore(pinFile).pin(QStringLiteral("localhost:%1").arg(endpoint.port())));

    // Accepted: pinned, and the test passes on the pin.
    Dialogs::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.lastReport().outcome == ServerProbe::Outcome::Ok, 15'000);
    QCOMPARE(TlsPinStore::formatFingerprint(
                 TlsPinStore(pinFile).pin(QStringLiteral("localhost:%1").arg(endpoint.port())).value_or(QByteArray())),
        fingerprintA);
    QVERIFY(dialog.resultLabel()->text().contains(QLatin1String("9.9.9")));

    // Another certificate where A was pinned: refused without asking, both fingerprints shown.
    TlsEndpoint changed(certificates.path(QStringLiteral("b.crt")), certificates.path(QStringLiteral("b.key")), info);
    QVERIFY(TlsPinStore(pinFile).setPin(QStringLiteral("localhost:%1").arg(changed.port()),
        TlsPinStore::fingerprint(QSslCertificate::fromPath(certificates.path(QStringLiteral("a.crt"))).value(0))));
    dialog.urlField()->setEditText(QStringLiteral("https://localhost:%1").arg(changed.port()));
    const int before = Dialogs::askedCount();
    QTest::mouseClick(dialog.connectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dialog.isTesting() && dialog.lastReport().outcome == ServerProbe::Outcome::TlsRefused, 15'000);
    QCOMPARE(Dialogs::askedCount(), before);
    QVERIFY(dialog.isVisible()); // not connected
    const QString text = dialog.resultLabel()->text();
    QVERIFY2(text.contains(QLatin1String("CHANGED")) && text.contains(fingerprintA), qPrintable(text));
    QVERIFY(text.contains(TlsPinStore::formatFingerprint(
        TlsPinStore::fingerprint(QSslCertificate::fromPath(certificates.path(QStringLiteral("b.crt"))).value(0)))));
    QVERIFY(changed.request().isEmpty()); // the token never went to it
}

void TestConnectGui::runningDirectJobStaysWhereItRuns()
{
    auto window = makeWindow(2);
    QVERIFY(window);
    QTRY_COMPARE_WITH_TIMEOUT(window->inventoryPage()->currentInventory().hosts().size(), qsizetype(2), 10'000);
    // A direct job that waits for confirmation after its first batch: running in this window.
    JobSpec waiting = jobOn({ QStringLiteral("dead-1"), QStringLiteral("dead-2") }, QStringLiteral("direct job"));
    waiting.plan = *RollingPlan::parse(QStringLiteral("1 100%"));
    waiting.pause = BatchPause::manual();
    auto direct = window->submitJob(waiting);
    QVERIFY2(direct, qPrintable(direct.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(
        window->directBackend()->job(*direct)->status == JobStatus::WaitingForConfirmation, 20'000);

    FakeServerBackend* server = connectFake(*window, QStringLiteral("ops"));
    QVERIFY(server);
    // New work goes to the server; the Jobs page sees both, through a handover.
    QCOMPARE(window->newWorkBackend(), static_cast<Backend*>(server));
    auto* handover = qobject_cast<HandoverBackend*>(window->jobBackend());
    QVERIFY(handover);
    QCOMPARE(window->jobsPage()->backend(), window->jobBackend());
    QCOMPARE(handover->handedOver(), QSet<QString>({ *direct }));
    QCOMPARE(window->jobsPage()->shownJob(), *direct); // still followed
    QVERIFY(window->directBackend()->isRunningHere(*direct)); // never moved

    auto remote = window->submitJob(jobOn({ QStringLiteral("srv-1") }, QStringLiteral("server job")));
    QVERIFY2(remote, qPrintable(remote.errorString()));
    QVERIFY(server->job(*remote)); // ran on the server …
    QVERIFY(!window->directBackend()->job(*remote)); // … not here
    const auto listed = [&] {
        QStringList names;
        for (int row = 0; row < window->jobsPage()->historyTable()->rowCount(); ++row) {
            names << window->jobsPage()->historyTable()->item(row, 1)->text();
        }
        return names;
    };
    QTRY_VERIFY(listed().contains(QLatin1String("server job")));
    QVERIFY(listed().contains(QLatin1String("direct job")));

    // The direct job is still controlled where it runs: confirmed, it ends there and leaves the list.
    QVERIFY(window->jobBackend()->confirmNextBatch(*direct));
    QTRY_VERIFY_WITH_TIMEOUT(isFinal(window->directBackend()->job(*direct)->status), 20'000);
    QTRY_COMPARE(window->jobBackend(), static_cast<Backend*>(server));
    QCOMPARE(window->jobsPage()->backend(), static_cast<Backend*>(server));
    window->jobsPage()->refresh();
    QVERIFY(!listed().contains(QLatin1String("direct job")));
    QVERIFY(listed().contains(QLatin1String("server job")));
    // Its history stays in the workspace it ran in.
    QVERIFY(window->directBackend()->job(*direct));
}

void TestConnectGui::connectionStatesInTheStatusBar()
{
    auto window = makeWindow();
    QVERIFY(window);
    FakeServerBackend* server = connectFake(*window, QStringLiteral("ops"));
    QVERIFY(server);
    auto* status = window->findChild<QLabel*>(QStringLiteral("statusServer"));
    auto* backend = window->findChild<QLabel*>(QStringLiteral("statusBackend"));
    MessageBar* bar = window->messageBar();
    QVERIFY(status->text().contains(QLatin1String("ops.example:8750: connected")));

    server->setState(Backend::ConnectionState::Reconnecting, QStringLiteral("Connection refused"));
    QVERIFY(status->text().contains(QStringLiteral("reconnecting…")));
    QVERIFY(status->toolTip().contains(QLatin1String("Connection refused")));
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->text().contains(QLatin1String("cannot be reached: Connection refused")), qPrintable(bar->text()));
    QVERIFY(bar->text().contains(QLatin1String("keeps trying")));
    QCOMPARE(bar->actionButton()->text(), QStringLiteral("Use Direct SSH for New Work"));
    // It never switches by itself.
    QTest::qWait(100);
    QCOMPARE(window->newWorkBackend(), static_cast<Backend*>(server));
    QTest::mouseClick(bar->actionButton(), Qt::LeftButton);
    QCOMPARE(window->newWorkBackend(), static_cast<Backend*>(window->directBackend()));
    QVERIFY(backend->text().contains(QLatin1String("Direct SSH")));
    QVERIFY(status->isVisible()); // still connected (retrying) in the background

    // Back again: said, offered, not switched.
    server->setState(Backend::ConnectionState::Connected);
    QVERIFY(status->text().contains(QLatin1String(": connected")));
    QVERIFY(status->toolTip().contains(QLatin1String("direct SSH (your choice)")));
    QVERIFY(bar->text().contains(QLatin1String("reachable again")));
    QCOMPARE(window->newWorkBackend(), static_cast<Backend*>(window->directBackend()));
    QCOMPARE(bar->actionButton()->text(), QStringLiteral("Use the Server for New Work"));
    QTest::mouseClick(bar->actionButton(), Qt::LeftButton);
    QCOMPARE(window->newWorkBackend(), static_cast<Backend*>(server));
    QVERIFY(backend->text().contains(QLatin1String("https://ops.example:8750")));

    // Unauthorized: said, with the way out.
    server->setState(Backend::ConnectionState::Unauthorized, QStringLiteral("token revoked"));
    QVERIFY(status->text().contains(QLatin1String("unauthorized")));
    QVERIFY(status->toolTip().contains(QLatin1String("token revoked")));
    QCOMPARE(bar->type(), MessageBar::Type::Error);
    QVERIFY(bar->text().contains(QLatin1String("refused the token: token revoked")));
    QCOMPARE(bar->actionButton()->text(), QStringLiteral("Connect to Server…"));

    // Recovered while new work is on the server: the message goes away by itself.
    server->setState(Backend::ConnectionState::Reconnecting, QStringLiteral("timeout"));
    server->setState(Backend::ConnectionState::Connected);
    QVERIFY(!bar->isVisible());

    // Without a remote backend (this branch's console): connecting says so.
    window->disconnectFromServer();
    window->setBackendFactory({});
    ServerProfile profile;
    profile.url = QUrl(QStringLiteral("https://x.example"));
    QVERIFY(!window->connectToServer(profile));
    QVERIFY(bar->text().contains(QLatin1String("without the remote backend")));
}

void TestConnectGui::keyPassphraseRemembered()
{
    const QString keygen = QStandardPaths::findExecutable(QStringLiteral("ssh-keygen"));
    if (keygen.isEmpty()) {
        QSKIP("ssh-keygen not found (Debian package openssh-client)");
    }
    const QString key = m_dir->filePath(QStringLiteral("id_ed25519"));
    const auto run = [&](const QStringList& args) {
        QProcess p;
        p.start(keygen, args);
        return p.waitForFinished(30'000) && p.exitCode() == 0;
    };
    QVERIFY(run({ QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"), QStringLiteral("-N"),
        QStringLiteral("first pass"), QStringLiteral("-f"), key }));
    MemorySecretStore secrets;
    QWidget window;
    WindowLaunchQuestions questions(&window, [&secrets] { return static_cast<SecretStore*>(&secrets); });
    const QString secretKey = WindowLaunchQuestions::secretKey(key);

    // A typo, "remember" ticked: used (the launcher will find it wrong), not remembered.
    Dialogs::setNextText(QStringLiteral("typo"));
    Dialogs::setNextChecked(true);
    QCOMPARE(questions.keyPassphrase(key, 0).value_or(QString()), QStringLiteral("typo"));
    QVERIFY(Dialogs::lastCheckText().contains(QLatin1String("no keychain is available")));
    QVERIFY(!SecretStore::readNow(secrets, secretKey)->has_value());
    // The right one, remembered.
    Dialogs::setNextText(QStringLiteral("first pass"));
    Dialogs::setNextChecked(true);
    QCOMPARE(questions.keyPassphrase(key, 1).value_or(QString()), QStringLiteral("first pass"));
    QCOMPARE(SecretStore::readNow(secrets, secretKey)->value_or(QString()), QStringLiteral("first pass"));
    // Next time: not asked.
    int asked = Dialogs::askedCount();
    QCOMPARE(questions.keyPassphrase(key, 0).value_or(QString()), QStringLiteral("first pass"));
    QCOMPARE(Dialogs::askedCount(), asked);

    // The key's passphrase changed: the remembered one is forgotten and the operator asked again.
    QVERIFY(run({ QStringLiteral("-q"), QStringLiteral("-p"), QStringLiteral("-P"), QStringLiteral("first pass"),
        QStringLiteral("-N"), QStringLiteral("second pass"), QStringLiteral("-f"), key }));
    asked = Dialogs::askedCount();
    Dialogs::setNextText(QStringLiteral("second pass"));
    QCOMPARE(questions.keyPassphrase(key, 0).value_or(QString()), QStringLiteral("second pass"));
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QVERIFY(!SecretStore::readNow(secrets, secretKey)->has_value()); // forgotten; not ticked this time
    // Cancelled: no passphrase, the job does not start.
    Dialogs::setNextText(QString());
    QVERIFY(!questions.keyPassphrase(key, 0));
}

void TestConnectGui::vaultPasswordRemembered()
{
    const QByteArray sample = AnsibleVault::encrypt("s3cret", { QStringLiteral("prod"), "vault pass" });
    MemorySecretStore secrets;
    QWidget window;
    WindowLaunchQuestions questions(&window, [&secrets] { return static_cast<SecretStore*>(&secrets); });
    const QString key = WindowLaunchQuestions::vaultSecretKey(QStringLiteral("prod"));
    // A typo, "remember" ticked: given to the launcher (which finds it wrong), not remembered.
    Dialogs::setNextText(QStringLiteral("typo"));
    Dialogs::setNextChecked(true);
    QCOMPARE(questions.vaultPassword(QStringLiteral("prod"), sample, 0).value_or(QString()), QStringLiteral("typo"));
    QVERIFY(Dialogs::lastCheckText().contains(QLatin1String("no keychain is available")));
    QVERIFY(!SecretStore::readNow(secrets, key)->has_value());
    // The right one, remembered; next time not asked.
    Dialogs::setNextText(QStringLiteral("vault pass"));
    Dialogs::setNextChecked(true);
    QCOMPARE(
        questions.vaultPassword(QStringLiteral("prod"), sample, 1).value_or(QString()), QStringLiteral("vault pass"));
    QCOMPARE(SecretStore::readNow(secrets, key)->value_or(QString()), QStringLiteral("vault pass"));
    int asked = Dialogs::askedCount();
    QCOMPARE(
        questions.vaultPassword(QStringLiteral("prod"), sample, 0).value_or(QString()), QStringLiteral("vault pass"));
    QCOMPARE(Dialogs::askedCount(), asked);
    // The vault was re-keyed: the remembered password is forgotten and asked for again.
    const QByteArray rekeyed = AnsibleVault::encrypt("s3cret", { QStringLiteral("prod"), "new pass" });
    Dialogs::setNextText(QStringLiteral("new pass"));
    QCOMPARE(
        questions.vaultPassword(QStringLiteral("prod"), rekeyed, 0).value_or(QString()), QStringLiteral("new pass"));
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QVERIFY(!SecretStore::readNow(secrets, key)->has_value());
    // Cancelled: no password (the values stay encrypted).
    Dialogs::setNextText(QString());
    QVERIFY(!questions.vaultPassword(QStringLiteral("prod"), rekeyed, 0));
}

void TestConnectGui::takeScreenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the connect dialog, the fingerprint question and "
              "the status bar");
    }
    if (const QString why = TlsCertificates::unavailableReason(); !why.isEmpty()) {
        QSKIP(qPrintable(why));
    }
    screenshots(dir);
    Startup::installTranslators(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestConnectGui::screenshots(const QString& dir)
{
    TlsCertificates certificates(m_dir->path());
    QString error;
    QVERIFY2(certificates.make(&error), qPrintable(error));
    const QByteArray info = R"({"name":"opsdeck-server","version":"0.9.0","api":"v1","time":"2026-01-01T00:00:00Z",)"
                            R"("role":"operator","features":["jobs","events"]})";
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
        Startup::installTranslators(lang);
        for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
            Theme::instance()->setMode(mode);
            Theme::instance()->apply();
            const QString suffix = (mode == Theme::Mode::Dark ? QStringLiteral("-dark-") : QStringLiteral("-light-"))
                + lang + QStringLiteral(".png");
            TlsEndpoint endpoint(
                certificates.path(QStringLiteral("a.crt")), certificates.path(QStringLiteral("a.key")), info);
            const QString pinFile = m_dir->filePath(QStringLiteral("shot-pins-") + suffix);
            MemorySecretStore secrets;
            ConnectDialog dialog(&secrets, pinFile);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.urlField()->setEditText(QStringLiteral("https://localhost:%1").arg(endpoint.port()));
            dialog.tokenField()->setText(QStringLiteral("odt_3q2+7w-example-token"));
            // The fingerprint question, shown for real and grabbed.
            bool grabbed = false;
            onNextModal<QMessageBox>([&](QMessageBox* box) {
                box->grab().save(dir + QStringLiteral("/connect-fingerprint") + suffix);
                grabbed = true;
                box->button(QMessageBox::Yes)->click();
            });
            QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(grabbed && dialog.lastReport().outcome == ServerProbe::Outcome::Ok, 15'000);
            QTest::qWait(50);
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/connect-dialog") + suffix));
            dialog.close();

            auto window = makeWindow();
            QVERIFY(window);
            FakeServerBackend* server = connectFake(*window, QStringLiteral("ops"));
            QVERIFY(server);
            server->setState(Backend::ConnectionState::Reconnecting, QStringLiteral("Connection refused"));
            QTest::qWait(100);
            const QImage image = window->grab().toImage();
            // The message bar (top) and the status bar (bottom) are what the connection changes.
            const int barHeight = window->statusBar()->height();
            image.copy(0, image.height() - barHeight - 2, image.width(), barHeight + 2)
                .save(dir + QStringLiteral("/connect-statusbar-reconnecting") + suffix);
            window->grab().save(dir + QStringLiteral("/connect-window-reconnecting") + suffix);
            server->setState(Backend::ConnectionState::Connected);
            QTest::qWait(50);
            const QImage connected = window->grab().toImage();
            connected.copy(0, connected.height() - barHeight - 2, connected.width(), barHeight + 2)
                .save(dir + QStringLiteral("/connect-statusbar-connected") + suffix);
            window.reset();
        }
    }
}

QTEST_MAIN(TestConnectGui)
#include "tst_connectgui.moc"
