// Publishing a workspace to a real opsdeck-server and the CLI's library and inventory commands against it
// (`opsdeck-cli --server … inventory|vars|script|template`, run on a mirror pulled from the server): new items
// published, a second publish finding everything the same, an item the server changed since reported and never
// overwritten unless named, and the mirror commands printing what they print for the same data in a workspace.
#include "CliRunner.h"
#include "ServerProcess.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "store/Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestPublish : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_tokenFile;
    QString m_workspace;

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    QStringList server() const
    {
        return { QStringLiteral("--server"), m_server.url(), QStringLiteral("--token-file"), m_tokenFile };
    }
    QStringList local() const { return { QStringLiteral("--workspace"), m_workspace }; }
    CliRun both(const QStringList& args) const { return runCli(local() + server() + args); }
    QString writeFile(const QString& name, const QByteArray& text) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly)) {
            f.write(text);
        }
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qunsetenv("OPSDECK_SERVER");
        qunsetenv("OPSDECK_TOKEN_FILE");
        QString error;
        const QString token
            = ServerProcess::createToken(data(), QStringLiteral("operator"), QStringLiteral("publisher"), &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        m_tokenFile = writeFile(QStringLiteral("token"), token.toLatin1() + '\n');
        // An offline workspace with the demo's inventory, scripts and templates.
        m_workspace = m_dir.filePath(QStringLiteral("offline.opsdeck"));
        auto ws = Workspace::open(m_workspace, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
        QVERIFY((*ws)->saveInventory(DemoInventory::make()));
        QVERIFY(DemoScripts::addTo(**ws));
        QVERIFY(DemoTemplates::addTo(**ws));
        ws->reset();
        QVERIFY2(m_server.startServer(data(), {}, 0, &error), qPrintable(error));
    }

    void cleanupTestCase() { m_server.stop(); }

    void dryRunThenPublish()
    {
        const CliRun dry = both({ QStringLiteral("publish"), QStringLiteral("--dry-run") });
        QVERIFY2(dry.code == 0, qPrintable(dry.err + dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("new script:init-server")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("new template:nginx.conf")), qPrintable(dry.out));
        QVERIFY2(dry.out.contains(QStringLiteral("changed inventory")), qPrintable(dry.out));
        QVERIFY(dry.out.contains(QStringLiteral("dry run: nothing published")));
        const CliRun before = runCli(server() + QStringList { QStringLiteral("script"), QStringLiteral("list") });
        QCOMPARE(before.code, 0);
        QCOMPARE(before.out, QString());

        const CliRun pub = both({ QStringLiteral("publish") });
        QVERIFY2(pub.code == 0, qPrintable(pub.err + pub.out));
        QVERIFY(pub.out.contains(QStringLiteral("published script:init-server")));
        QVERIFY(pub.out.contains(QStringLiteral("published inventory")));
        const CliRun again = both({ QStringLiteral("publish") });
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(QStringLiteral(" 0 new, 0 changed, 0 in conflict")), qPrintable(again.out));
        QVERIFY(!again.out.contains(QStringLiteral("published ")));
    }

    // What the CLI prints against the server (on its mirror) is what it prints for the workspace it came from.
    void mirrorCommandsPrintAsTheWorkspace()
    {
        const QList<QStringList> commands {
            { QStringLiteral("inventory"), QStringLiteral("list"), QStringLiteral("--json") },
            { QStringLiteral("inventory"), QStringLiteral("export"), QStringLiteral("--format"),
                QStringLiteral("ini") },
            { QStringLiteral("inventory"), QStringLiteral("query"), QStringLiteral("idc:js tag:nginx") },
            { QStringLiteral("vars"), QStringLiteral("web-js-01"), QStringLiteral("--provenance") },
            { QStringLiteral("template"), QStringLiteral("render"), QStringLiteral("nginx.conf"),
                QStringLiteral("--host"), QStringLiteral("web-js-01") },
            { QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("init-server") },
        };
        for (const QStringList& c : commands) {
            const CliRun remote = runCli(server() + c);
            const CliRun direct = runCli(local() + c);
            QVERIFY2(remote.code == 0, qPrintable(c.join(u' ') + QStringLiteral(": ") + remote.err));
            QVERIFY2(direct.code == 0, qPrintable(direct.err));
            QVERIFY2(!remote.out.isEmpty(), qPrintable(c.join(u' ')));
            QCOMPARE(remote.out, direct.out);
        }
    }

    // A script changed on the server only is "newer on the server" and left alone; changed on both sides it is a
    // conflict: not published (exit 1) until named with --overwrite, and then based on the server's version.
    void conflictsAreNeverOverwrittenSilently()
    {
        const CliRun shown = runCli(
            server() + QStringList { QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("disk-report") });
        QCOMPARE(shown.code, 0);
        const QString serverFile
            = writeFile(QStringLiteral("server.py"), shown.out.toUtf8() + "# changed on the server\n");
        const CliRun edited = runCli(server()
            + QStringList { QStringLiteral("script"), QStringLiteral("add"), serverFile, QStringLiteral("--name"),
                QStringLiteral("disk-report") });
        QVERIFY2(edited.code == 0, qPrintable(edited.err));
        const CliRun versions = runCli(server()
            + QStringList { QStringLiteral("script"), QStringLiteral("versions"), QStringLiteral("disk-report") });
        QCOMPARE(versions.out.count(u'\n'), 2);

        const CliRun newer = both({ QStringLiteral("publish") });
        QVERIFY2(newer.code == 0, qPrintable(newer.err));
        QVERIFY2(newer.out.contains(QStringLiteral("server-newer script:disk-report")), qPrintable(newer.out));

        const CliRun localShown = runCli(
            local() + QStringList { QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("disk-report") });
        const QString localFile
            = writeFile(QStringLiteral("local.py"), localShown.out.toUtf8() + "# changed offline\n");
        QCOMPARE(runCli(local()
                     + QStringList { QStringLiteral("script"), QStringLiteral("add"), localFile,
                         QStringLiteral("--name"), QStringLiteral("disk-report") })
                     .code,
            0);
        const CliRun conflict = both({ QStringLiteral("publish"), QStringLiteral("--diff") });
        QCOMPARE(conflict.code, 1);
        QVERIFY2(conflict.out.contains(QStringLiteral("conflict script:disk-report")), qPrintable(conflict.out));
        QVERIFY2(conflict.out.contains(QStringLiteral("-# changed on the server")), qPrintable(conflict.out));
        QVERIFY2(conflict.out.contains(QStringLiteral("+# changed offline")), qPrintable(conflict.out));
        QVERIFY2(conflict.err.contains(QStringLiteral("--overwrite")), qPrintable(conflict.err));
        const CliRun still = runCli(
            server() + QStringList { QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("disk-report") });
        QVERIFY(still.out.contains(QStringLiteral("# changed on the server")));

        const CliRun unknown
            = both({ QStringLiteral("publish"), QStringLiteral("--overwrite"), QStringLiteral("script:nope") });
        QCOMPARE(unknown.code, 2);
        const CliRun forced
            = both({ QStringLiteral("publish"), QStringLiteral("--overwrite"), QStringLiteral("script:disk-report") });
        QVERIFY2(forced.code == 0, qPrintable(forced.err + forced.out));
        const CliRun after = runCli(
            server() + QStringList { QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("disk-report") });
        QVERIFY(after.out.contains(QStringLiteral("# changed offline")));
        QVERIFY(!after.out.contains(QStringLiteral("# changed on the server")));
        const CliRun diff = runCli(server()
            + QStringList { QStringLiteral("script"), QStringLiteral("diff"), QStringLiteral("disk-report"),
                QStringLiteral("2"), QStringLiteral("3") });
        QVERIFY2(diff.out.contains(QStringLiteral("+# changed offline")), qPrintable(diff.out + diff.err));
    }

    // An inventory change made through the CLI against the server lands on the server (based on its revision).
    void inventoryWriteThroughTheMirror()
    {
        const QString ini = writeFile(QStringLiteral("extra.ini"), "[extra]\nextra-01 ansible_host=10.9.0.1\n");
        const CliRun imported
            = runCli(server() + QStringList { QStringLiteral("inventory"), QStringLiteral("import"), ini });
        QVERIFY2(imported.code == 0, qPrintable(imported.err));
        const CliRun q = runCli(server()
            + QStringList { QStringLiteral("inventory"), QStringLiteral("query"), QStringLiteral("group:extra") });
        QCOMPARE(q.out, QStringLiteral("extra-01\n"));
        // The offline workspace does not have it: its inventory is now behind the server's, not in conflict.
        const CliRun plan = both({ QStringLiteral("publish"), QStringLiteral("--dry-run"), QStringLiteral("--only"),
            QStringLiteral("inventory") });
        QVERIFY2(plan.out.contains(QStringLiteral("server-newer inventory")), qPrintable(plan.out));
    }
};

QTEST_GUILESS_MAIN(TestPublish)
#include "tst_publish.moc"
