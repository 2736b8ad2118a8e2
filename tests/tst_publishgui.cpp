// File › Publish to Server… against a real opsdeck-server: the dialog lists the offline workspace's new items
// ticked, shows the selected one's difference, publishes the ticked ones and then finds everything on the
// server; a conflict is listed unticked and stays unpublished until ticked. With OPSDECK_SCREENSHOT_DIR set, the
// dialog in both themes and both languages.
#include "DiffView.h"
#include "ServerProcess.h"
#include "Startup.h"
#include "Theme.h"
#include "connect/PublishDialog.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "remote/RemoteHttpClient.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include "ScriptEditor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

class TestPublishGui : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ServerProcess m_server;
    QString m_token;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<RemoteHttpClient> m_http;

    int rowOf(PublishDialog& dialog, const QString& key)
    {
        for (int r = 0; r < dialog.table()->rowCount(); ++r) {
            if (dialog.table()->item(r, 0)->data(Qt::UserRole + 1).toString() == key) {
                return r;
            }
        }
        return -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        const QString data = m_dir.filePath(QStringLiteral("data"));
        m_token = ServerProcess::createToken(data, QStringLiteral("operator"), QStringLiteral("gui"), &error);
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
        QVERIFY2(m_server.startServer(data, {}, 0, &error), qPrintable(error));
        auto ws
            = Workspace::open(m_dir.filePath(QStringLiteral("offline.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws);
        m_workspace = std::move(*ws);
        QVERIFY(m_workspace->saveInventory(DemoInventory::make()));
        QVERIFY(DemoScripts::addTo(*m_workspace));
        QVERIFY(DemoTemplates::addTo(*m_workspace));
        RemoteOptions options;
        options.server = QUrl(m_server.url());
        options.token = m_token;
        m_http = std::make_unique<RemoteHttpClient>(options);
    }

    void cleanupTestCase()
    {
        m_http.reset();
        m_server.stop();
    }

    void screenshotsBeforePublishing()
    {
        const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the publish dialog");
        }
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
            Startup::installTranslators(lang);
            for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
                Theme::instance()->setMode(mode);
                Theme::instance()->apply();
                PublishDialog dialog(m_workspace.get(), m_http.get());
                QVERIFY(dialog.compare());
                dialog.table()->setCurrentCell(rowOf(dialog, QStringLiteral("template:nginx.conf")), 2);
                dialog.show();
                QVERIFY(QTest::qWaitForWindowExposed(&dialog));
                QTest::qWait(200);
                const QString suffix
                    = (mode == Theme::Mode::Dark ? QStringLiteral("-dark-") : QStringLiteral("-light-"))
                    + (lang == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh"))
                    + QStringLiteral(".png");
                QVERIFY(dialog.grab().save(dir + QStringLiteral("/publish-dialog") + suffix));
            }
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Theme::instance()->apply();
    }

    void publishesTheTickedItems()
    {
        PublishDialog dialog(m_workspace.get(), m_http.get());
        QVERIFY2(dialog.compare(), qPrintable(dialog.statusText()));
        const int script = rowOf(dialog, QStringLiteral("script:init-server"));
        QVERIFY(script >= 0);
        QCOMPARE(dialog.table()->item(script, 0)->checkState(), Qt::Checked);
        QVERIFY(rowOf(dialog, QStringLiteral("inventory")) >= 0);
        // Leave one template out.
        const int left = rowOf(dialog, QStringLiteral("template:hosts"));
        QVERIFY(left >= 0);
        dialog.table()->item(left, 0)->setCheckState(Qt::Unchecked);
        dialog.table()->setCurrentCell(script, 2);
        QVERIFY(!dialog.findChild<DiffView*>()->newEditor()->text().isEmpty());
        QVERIFY2(dialog.publishTicked(), qPrintable(dialog.statusText()));
        QCOMPARE(dialog.table()->rowCount(), 1);
        QVERIFY(rowOf(dialog, QStringLiteral("template:hosts")) >= 0);
        auto scripts = m_http->get(QStringLiteral("/api/v1/scripts"));
        QVERIFY(scripts);
        QVERIFY(!scripts->value(QStringLiteral("scripts")).toArray().isEmpty());
        dialog.table()->item(0, 0)->setCheckState(Qt::Checked);
        QVERIFY(dialog.publishTicked());
        QCOMPARE(dialog.table()->rowCount(), 0);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("Everything here is on the server")),
            qPrintable(dialog.statusText()));
    }

    void aConflictWaitsForATick()
    {
        // The server's copy changes, and so does the workspace's.
        auto current = m_http->get(QStringLiteral("/api/v1/scripts/disk-report"));
        QVERIFY(current);
        RemoteHttpRequest put;
        put.method = "PUT";
        put.path = QStringLiteral("/api/v1/scripts/disk-report");
        QJsonObject body;
        body.insert(QStringLiteral("content"),
            QString(current->value(QStringLiteral("content")).toString() + QStringLiteral("# server\n")));
        body.insert(QStringLiteral("base_version"), current->value(QStringLiteral("version")));
        put.body = QJsonDocument(body).toJson();
        put.hasBody = true;
        QCOMPARE(m_http->call(put).status, 200);
        ScriptStore store(*m_workspace);
        auto mine = store.findByName(QStringLiteral("disk-report"));
        QVERIFY(mine && *mine);
        Script changed = **mine;
        changed.content += QStringLiteral("# offline\n");
        QVERIFY(store.save(changed));

        PublishDialog dialog(m_workspace.get(), m_http.get());
        QVERIFY(dialog.compare());
        const int row = rowOf(dialog, QStringLiteral("script:disk-report"));
        QVERIFY(row >= 0);
        QCOMPARE(dialog.table()->item(row, 0)->checkState(), Qt::Unchecked);
        QVERIFY(dialog.statusText().contains(QStringLiteral("1 in conflict")));
        QVERIFY(dialog.publishTicked());
        auto still = m_http->get(QStringLiteral("/api/v1/scripts/disk-report"));
        QVERIFY(still->value(QStringLiteral("content")).toString().endsWith(QStringLiteral("# server\n")));
        dialog.table()->item(rowOf(dialog, QStringLiteral("script:disk-report")), 0)->setCheckState(Qt::Checked);
        QVERIFY(dialog.publishTicked());
        auto after = m_http->get(QStringLiteral("/api/v1/scripts/disk-report"));
        QVERIFY(after->value(QStringLiteral("content")).toString().endsWith(QStringLiteral("# offline\n")));
    }
};

QTEST_MAIN(TestPublishGui)
#include "tst_publishgui.moc"
