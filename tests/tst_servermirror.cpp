// The console's library pages against a real opsdeck-server: connected, the Inventory, Scripts and Templates pages
// show the server's inventory and libraries (a mirror workspace pulled on connecting); an edit made there is saved on
// the server; an item another operator changed on the server meanwhile is not overwritten (the message bar says so
// and offers Publish to Server…); File › Reload from Server reads the server again; disconnecting shows the
// workspace's own again, which never received the server's data.
#include "MainWindow.h"
#include "ServerBackendFactory.h"
#include "ServerClient.h"
#include "ServerFixture.h"
#include "Startup.h"
#include "common/MessageBar.h"
#include "connect/MemorySecretStore.h"
#include "inventory/Inventory.h"
#include "inventory/InventoryPage.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QAction>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

Host host(const QString& name)
{
    Host h;
    h.name = name;
    h.address = QStringLiteral("127.0.0.1");
    return h;
}

QStringList hostNames(const Inventory& inv)
{
    QStringList out;
    for (const Host& h : inv.hosts()) {
        out.append(h.name);
    }
    out.sort();
    return out;
}

} // namespace

class TestServerMirror : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;
    QString m_token;
    QString m_data;

    Reply get(const QString& path) { return httpRequest(m_port, QStringLiteral("GET"), path, m_token); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        Startup::installTranslators(QStringLiteral("en"));
        m_data = m_dir.filePath(QStringLiteral("server"));
        QString error;
        m_token = ServerFixture::createToken(m_data, QStringLiteral("operator"), QStringLiteral("alice"), &error);
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
        {
            auto ws = Workspace::open(QDir(m_data).filePath(QStringLiteral("workspace.opsdeck")));
            QVERIFY2(ws, qPrintable(ws.errorString()));
            Inventory inv;
            inv.upsertHost(host(QStringLiteral("srv-a")));
            inv.upsertHost(host(QStringLiteral("srv-b")));
            QVERIFY((*ws)->saveInventory(inv));
            Script s;
            s.name = QStringLiteral("deploy");
            s.content = QStringLiteral("echo server\n");
            auto saved = ScriptStore(**ws).create(s);
            QVERIFY2(saved, qPrintable(saved ? QString() : saved.errorString()));
        }
        m_port = ServerFixture::start(m_server, { QStringLiteral("--data"), m_data }, &error);
        QVERIFY2(m_port != 0, qPrintable(error));
    }

    void cleanupTestCase() { ServerFixture::stop(m_server); }

    void pagesShowAndSaveTheServersLibrary()
    {
        auto local
            = Workspace::open(m_dir.filePath(QStringLiteral("local.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(local);
        Inventory mine;
        mine.upsertHost(host(QStringLiteral("local-only")));
        QVERIFY((*local)->saveInventory(mine));
        const QString localPath = (*local)->path();
        MainWindow window(std::move(*local));
        window.setSecretStore(std::make_unique<MemorySecretStore>());
        window.setPinFile(m_dir.filePath(QStringLiteral("pins")));
        window.setMirrorDirectory(m_dir.filePath(QStringLiteral("mirrors")));
        window.setBackendFactory(&ServerBackendFactory::make);
        window.resize(1200, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(
            hostNames(window.inventoryPage()->currentInventory()), QStringList({ "local-only" }), 10'000);
        QVERIFY(!window.serverLibrary());

        ServerProfile profile;
        profile.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        profile.token = m_token;
        profile.pinFile = m_dir.filePath(QStringLiteral("pins"));
        QVERIFY(window.connectToServer(profile));
        QTRY_VERIFY_WITH_TIMEOUT(window.serverLibrary() != nullptr, 15'000);
        QVERIFY(window.libraryWorkspace() == window.serverLibrary());
        QVERIFY(window.workspace()->path() == localPath); // jobs stay in the workspace
        QTRY_COMPARE_WITH_TIMEOUT(
            hostNames(window.inventoryPage()->currentInventory()), QStringList({ "srv-a", "srv-b" }), 10'000);
        auto shown = ScriptStore(*window.serverLibrary()).findByName(QStringLiteral("deploy"));
        QVERIFY(shown && *shown);
        QCOMPARE((**shown).content, QStringLiteral("echo server\n"));
        if (const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QTest::qWait(300);
            QVERIFY(window.grab().save(dir + QStringLiteral("/console-server-library-light-en.png")));
        }
        auto* label = window.findChild<QLabel*>(QStringLiteral("statusWorkspace"));
        if (label) {
            QVERIFY2(label->text().contains(QStringLiteral("127.0.0.1")), qPrintable(label->text()));
        }

        // An edit on the page's data (a new script, a changed one) is saved on the server.
        Script added;
        added.name = QStringLiteral("made-in-console");
        added.content = QStringLiteral("echo console\n");
        QVERIFY(ScriptStore(*window.serverLibrary()).create(added));
        Script changed = **shown;
        changed.content = QStringLiteral("echo changed in console\n");
        QVERIFY(ScriptStore(*window.serverLibrary()).save(changed));
        window.publishServerEdits();
        Reply r = get(QStringLiteral("/api/v1/scripts/made-in-console"));
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("content")).toString(), QStringLiteral("echo console\n"));
        r = get(QStringLiteral("/api/v1/scripts/deploy"));
        QCOMPARE(r.json.value(QStringLiteral("content")).toString(), QStringLiteral("echo changed in console\n"));
        const int serverVersion = r.json.value(QStringLiteral("version")).toInt();
        QCOMPARE(serverVersion, 2);

        // An inventory edit (a host added on the page's data) is saved on the server too.
        {
            auto inv = window.serverLibrary()->loadInventory();
            QVERIFY(inv);
            inv->upsertHost(host(QStringLiteral("srv-c")));
            QVERIFY(window.serverLibrary()->saveInventory(*inv));
        }
        window.publishServerEdits();
        r = get(QStringLiteral("/api/v1/hosts/srv-c"));
        QVERIFY2(r.status == 200, r.raw.constData());
        // Once the server's inventory has a dynamic group (a rule INI cannot carry), inventory edits stay here and
        // the message bar says why, rather than turn the rule into a member list.
        r = httpRequest(m_port, QStringLiteral("POST"), QStringLiteral("/api/v1/groups"), m_token,
            R"({"name":"a-hosts","rule":"host.name == 'srv-a'"})");
        QVERIFY2(r.status == 201, r.raw.constData());
        {
            auto inv = window.serverLibrary()->loadInventory();
            inv->upsertHost(host(QStringLiteral("srv-d")));
            QVERIFY(window.serverLibrary()->saveInventory(*inv));
        }
        window.publishServerEdits();
        QCOMPARE(get(QStringLiteral("/api/v1/hosts/srv-d")).status, 404);
        QVERIFY2(window.messageBar()->text().contains(QStringLiteral("dynamic groups")),
            qPrintable(window.messageBar()->text()));
        r = get(QStringLiteral("/api/v1/groups/a-hosts"));
        QCOMPARE(r.json.value(QStringLiteral("rule")).toString(), QStringLiteral("host.name == 'srv-a'"));

        // Another operator changes it on the server; this console changes it too: not overwritten, said so.
        r = httpRequest(m_port, QStringLiteral("PUT"), QStringLiteral("/api/v1/scripts/deploy"), m_token,
            R"({"base_version":2,"content":"echo someone else\n"})");
        QVERIFY2(r.status == 200, r.raw.constData());
        changed.content = QStringLiteral("echo mine again\n");
        auto again = ScriptStore(*window.serverLibrary()).findByName(QStringLiteral("deploy"));
        changed.id = (**again).id;
        changed.version = (**again).version;
        QVERIFY(ScriptStore(*window.serverLibrary()).save(changed));
        window.publishServerEdits();
        r = get(QStringLiteral("/api/v1/scripts/deploy"));
        QCOMPARE(r.json.value(QStringLiteral("content")).toString(), QStringLiteral("echo someone else\n"));
        QVERIFY2(window.messageBar()->text().contains(QStringLiteral("changed there too")),
            qPrintable(window.messageBar()->text()));

        // Disconnected: the workspace's own inventory again; it never got the server's hosts or scripts.
        window.disconnectFromServer();
        QVERIFY(!window.serverLibrary());
        QTRY_COMPARE_WITH_TIMEOUT(
            hostNames(window.inventoryPage()->currentInventory()), QStringList({ "local-only" }), 10'000);
        QVERIFY(!ScriptStore(*window.workspace()).findByName(QStringLiteral("deploy"))->has_value());

        // Connected again: the mirror (kept between connections) still has the edit in conflict, so nothing is
        // reloaded over it; once the server's side is taken (Reload after the edit is resolved) the pull works.
        QVERIFY(window.connectToServer(profile));
        QTRY_VERIFY_WITH_TIMEOUT(window.serverLibrary() != nullptr, 15'000);
        QVERIFY2(window.messageBar()->text().contains(QStringLiteral("changed both here and on the server")),
            qPrintable(window.messageBar()->text()));
        auto kept = ScriptStore(*window.serverLibrary()).findByName(QStringLiteral("deploy"));
        QCOMPARE((**kept).content, QStringLiteral("echo mine again\n"));
    }
};

QTEST_MAIN(TestServerMirror)
#include "tst_servermirror.moc"
