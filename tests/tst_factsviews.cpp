// The Facts page over a workspace whose facts come from the recorded outputs of tests/data/facts, gathered through
// the page's Gather Facts (a job of the direct backend over a scripted transport, shown in the Jobs page) and one
// host's facts put straight into the FactStore: the Software view's versions per package with host counts and the
// newest, its filter, an upgrade of the hosts picked on a version through the run dialog (the job that reaches the
// transport: targets, the package-upgrade script, the package as its argument; seen in the job view); the Services
// view's active/failed/inactive counts and a restart job after its confirmation. With OPSDECK_SCREENSHOT_DIR set,
// screenshots of both views in both themes and languages.
#include "MainWindow.h"
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/LayerText.h"
#include "common/MessageBar.h"
#include "demo/DemoInventory.h"
#include "facts/FactStore.h"
#include "facts/FactsPage.h"
#include "facts/FactsParser.h"
#include "facts/FleetFacts.h"
#include "inventory/HostTableModel.h"
#include "inventory/InventoryPage.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobHostModel.h"
#include "jobs/JobsPage.h"
#include "jobs/RunDialog.h"
#include "runner/DirectBackend.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

namespace {

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(OPSDECK_FACTS_DATA_DIR "/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The fleet: host → the recorded output its gathering prints.
const QList<std::pair<const char*, const char*>> kHosts { { "web-deb-1", "debian12.txt" },
    { "web-ubu-1", "ubuntu2204.txt" }, { "db-rocky-1", "rocky9.txt" }, { "edge-alp-1", "alpine319.txt" } };

// Records what each host is asked to do (the step as the engine hands it over).
class RecordingTransport : public FakeTransport {
public:
    QList<std::pair<HostTask, HostWork>> works;
    void start(const HostTask& task, const HostWork& work) override
    {
        works.append({ task, work });
        FakeTransport::start(task, work);
    }
    QList<HostWork> worksOf(const QString& jobId) const
    {
        QList<HostWork> out;
        for (const auto& [task, work] : works) {
            if (task.jobId == jobId) {
                out.append(work);
            }
        }
        return out;
    }
    QStringList hostsOf(const QString& jobId) const
    {
        QStringList out;
        for (const auto& [task, work] : works) {
            if (task.jobId == jobId) {
                out.append(task.host);
            }
        }
        out.sort();
        return out;
    }
};

QTreeWidgetItem* versionItem(QTreeWidget* tree, const QString& version)
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0).startsWith(version)) {
            return tree->topLevelItem(i);
        }
    }
    return nullptr;
}

int rowOf(QTreeView* view, const QString& name)
{
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        if (view->model()->index(row, 0).data().toString() == name) {
            return row;
        }
    }
    return -1;
}

} // namespace

class TestFactsViews : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_factsviews"));
        QSettings().clear();
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Theme::instance()->apply();
    }

    void init()
    {
        QVERIFY(m_dir.isValid());
        auto ws = Workspace::open(
            m_dir.filePath(QStringLiteral("w%1.opsdeck").arg(++m_count)), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        m_ws = std::move(*ws);
        Inventory inv;
        for (const auto& [name, file] : kHosts) {
            Host h;
            h.name = QLatin1String(name);
            h.address = QStringLiteral("127.0.0.1");
            inv.upsertHost(h);
        }
        Host second;
        second.name = QStringLiteral("web-deb-2");
        second.address = QStringLiteral("127.0.0.1");
        inv.upsertHost(second);
        QVERIFY(m_ws->saveInventory(inv));
        QVERIFY(DemoScripts::addTo(*m_ws));
        m_transport = std::make_unique<RecordingTransport>();
        for (const auto& [name, file] : kHosts) {
            FakeBehaviour b;
            b.delayMs = 5;
            b.stdoutLines = { fixture(QLatin1String(file)) };
            QVERIFY(!b.stdoutLines.first().isEmpty());
            m_transport->perHost.insert(QLatin1String(name), b);
        }
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

    // Where a value comes from, in the console's words: a fact says how old it is, in English and in Chinese.
    void factProvenanceIsTranslated()
    {
        const QDateTime now = QDateTime::fromString(QStringLiteral("2026-12-07T12:00:00Z"), Qt::ISODate);
        VarLayer layer { VarLayer::Kind::Facts, QString() };
        QCOMPARE(LayerText::fact(layer, now), QStringLiteral("fact"));
        layer.gatheredAt = now.addSecs(-2 * 3600 - 5);
        QCOMPARE(LayerText::fact(layer, now), QStringLiteral("fact, gathered 2 h ago"));
        QCOMPARE(LayerText::age(now.addSecs(-30), now), QStringLiteral("just now"));
        QCOMPARE(LayerText::age(now.addSecs(-60), now), QStringLiteral("1 min ago"));
        QCOMPARE(LayerText::age(now.addDays(-3), now), QStringLiteral("3 d ago"));
        Startup::installTranslators(QStringLiteral("zh_CN"));
        const QString zh = LayerText::fact(layer, now);
        Startup::installTranslators(QStringLiteral("en"));
        QVERIFY2(zh.contains(QStringLiteral("2")) && zh != QStringLiteral("fact, gathered 2 h ago")
                && !zh.contains(QLatin1String("ago")),
            qPrintable(zh));
    }

    void versionOrder()
    {
        QVERIFY(FleetFacts::compareVersions(QStringLiteral("1.22.1-9"), QStringLiteral("1.18.0-6ubuntu14.4")) > 0);
        QVERIFY(FleetFacts::compareVersions(QStringLiteral("1:9.2p1-2"), QStringLiteral("9.9p1-1")) > 0); // epoch
        QVERIFY(FleetFacts::compareVersions(QStringLiteral("1.0~rc1-1"), QStringLiteral("1.0-1")) < 0); // tilde
        QVERIFY(FleetFacts::compareVersions(QStringLiteral("3.10.6-1~22.04"), QStringLiteral("3.10.6-1")) < 0);
        QVERIFY(
            FleetFacts::compareVersions(QStringLiteral("5.14.0-362.8.1.el9_3"), QStringLiteral("5.14.0-284.11.1.el9_2"))
            > 0);
        QCOMPARE(FleetFacts::compareVersions(QStringLiteral("2.36-9"), QStringLiteral("2.36-9")), 0);
    }

    void gatherThenUpgradeFromSoftwareView()
    {
        FactsPage page(m_ws.get(), m_backend.get());
        JobsPage jobs(m_backend.get());
        QList<JobSpec> submitted;
        page.setSubmit(submitAndShow(submitted, jobs));
        page.resize(1100, 640);
        page.show();
        QTRY_VERIFY(!page.isLoading());
        QVERIFY(page.packages().isEmpty());

        // Gather Facts: one job through the backend, progress on the page, the views read again at its end.
        QSignalSpy gathered(&page, &FactsPage::gatheringFinished);
        QStringList fixtureHosts;
        for (const auto& [name, file] : kHosts) {
            fixtureHosts << QLatin1String(name);
        }
        auto gatherJob = page.gatherFacts(fixtureHosts);
        QVERIFY2(gatherJob, qPrintable(gatherJob.errorString()));
        QVERIFY(page.progressBar()->isVisible());
        QCOMPARE(page.progressBar()->maximum(), 4);
        QVERIFY(!page.gatherButton()->isEnabled()); // one gathering at a time
        QTRY_COMPARE_WITH_TIMEOUT(gathered.count(), 1, 10000);
        QVERIFY(!page.progressBar()->isVisible());
        QCOMPARE(
            m_transport->hostsOf(*gatherJob), QStringList({ "db-rocky-1", "edge-alp-1", "web-deb-1", "web-ubu-1" }));
        auto summary = m_backend->job(*gatherJob);
        QVERIFY(summary);
        QCOMPARE(summary->status, JobStatus::Succeeded);
        QCOMPARE(summary->name, QStringLiteral("Gather facts"));
        QTRY_VERIFY(!page.isLoading());

        // A second Debian host with an older nginx, put into the store as a gathering would.
        auto deb = FactsParser::parse(fixture(QStringLiteral("debian12.txt")));
        QVERIFY(deb);
        QJsonObject facts = *deb;
        QJsonObject packages = facts.value(QStringLiteral("packages")).toObject();
        QJsonArray nginx = packages.value(QStringLiteral("nginx")).toArray();
        QJsonObject entry = nginx.first().toObject();
        entry.insert(QStringLiteral("version"), QStringLiteral("1.22.1-7"));
        packages.insert(QStringLiteral("nginx"), QJsonArray { entry });
        facts.insert(QStringLiteral("packages"), packages);
        QVERIFY(FactStore(*m_ws).put(QStringLiteral("web-deb-2"), facts, QDateTime::currentDateTimeUtc()));
        QSignalSpy loaded(&page, &FactsPage::loaded);
        page.refresh();
        QTRY_COMPARE(loaded.count(), 1);

        // nginx: three versions on four hosts, newest first; Rocky and Alpine have none.
        QVERIFY(page.selectPackage(QStringLiteral("nginx")));
        QTreeWidget* versions = page.versionTree();
        QCOMPARE(versions->topLevelItemCount(), 3);
        QVERIFY(versions->topLevelItem(0)->text(0).startsWith(QLatin1String("1.22.1-9")));
        QCOMPARE(versions->topLevelItem(0)->data(0, Qt::UserRole + 1).toStringList(), QStringList { "web-deb-1" });
        QVERIFY(versions->topLevelItem(1)->text(0).startsWith(QLatin1String("1.22.1-7")));
        QVERIFY(versions->topLevelItem(2)->text(0).startsWith(QLatin1String("1.18.0-6ubuntu14.4")));
        const int nginxRow = rowOf(page.packageView(), QStringLiteral("nginx"));
        QVERIFY(nginxRow >= 0);
        QCOMPARE(page.packageView()->model()->index(nginxRow, 1).data().toInt(), 3); // hosts
        QCOMPARE(page.packageView()->model()->index(nginxRow, 2).data().toString(), QStringLiteral("1.22.1-9"));
        // rpm versions carry epoch and release; libc6 installed twice (two architectures) counts its host once.
        QVERIFY(page.selectPackage(QStringLiteral("openssl")));
        QCOMPARE(versions->topLevelItemCount(), 2); // Ubuntu's and Rocky's (Debian's fixture has none)
        QVERIFY(versions->topLevelItem(0)->text(0).startsWith(QLatin1String("1:3.0.7-24.el9"))); // the epoch wins
        QVERIFY(page.selectPackage(QStringLiteral("libc6")));
        QCOMPARE(versions->topLevelItemCount(), 1);
        QCOMPARE(versions->topLevelItem(0)->data(0, Qt::UserRole + 1).toStringList(),
            QStringList({ "web-deb-1", "web-deb-2" }));

        // The filter keeps the packages whose name has the text.
        QTest::keyClicks(page.packageFilter(), QStringLiteral("NGIN"));
        QCOMPARE(page.packageView()->model()->rowCount(), 1);
        QCOMPARE(page.packageView()->model()->index(0, 0).data().toString(), QStringLiteral("nginx"));
        page.packageView()->setCurrentIndex(page.packageView()->model()->index(0, 0));
        QCOMPARE(page.selectedPackage(), QStringLiteral("nginx"));

        // Nothing picked: no upgrade. The two older versions picked: their hosts.
        QVERIFY(!page.upgradeButton()->isEnabled());
        versionItem(versions, QStringLiteral("1.22.1-7"))->setSelected(true);
        versionItem(versions, QStringLiteral("1.18.0"))->setSelected(true);
        QCOMPARE(page.selectedPackageHosts(), QStringList({ "web-deb-2", "web-ubu-1" }));
        QVERIFY(page.upgradeButton()->isEnabled());

        // Upgrade… opens the run dialog with the library's package-upgrade, the package and the hosts; the rolling
        // plan is the dialog's.
        auto scripts = ScriptStore(*m_ws).loadAll();
        QVERIFY(scripts);
        const auto upgrade = std::find_if(scripts->cbegin(), scripts->cend(),
            [](const Script& s) { return s.name == QLatin1String("package-upgrade"); });
        QVERIFY(upgrade != scripts->cend());
        bool dialogShown = false;
        page.setDialogRunner([&](RunDialog& dialog) {
            dialogShown = true;
            [&] {
                QCOMPARE(dialog.scriptCombo()->currentData().toLongLong(), upgrade->id);
                QCOMPARE(dialog.parameterTable()->item(0, 1)->text(), QStringLiteral("nginx"));
                QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
                dialog.planEdit()->setText(QStringLiteral("1 100%"));
            }();
            return int(QDialog::Accepted);
        });
        QTest::mouseClick(page.upgradeButton(), Qt::LeftButton);
        QVERIFY(dialogShown);
        QCOMPARE(submitted.size(), 1);
        const JobSpec spec = submitted.first();
        QCOMPARE(spec.targets, QStringList({ "web-deb-2", "web-ubu-1" }));
        QCOMPARE(spec.batchPreview(0).size(), 2); // one host, then the rest
        // The plan is remembered for the next run dialog, as Run on Hosts remembers it.
        QVERIFY(m_ws->setting(QLatin1String(RunDialog::kSettingsKey)).contains(QLatin1String("1 100%")));
        QTRY_COMPARE(m_transport->hostsOf(spec.id).size(), 1); // the first batch only …
        QTRY_COMPARE_WITH_TIMEOUT(m_transport->hostsOf(spec.id), QStringList({ "web-deb-2", "web-ubu-1" }), 10000);
        const QList<HostWork> works = m_transport->worksOf(spec.id);
        for (const HostWork& work : works) {
            const auto* run = std::get_if<RunScript>(&work.step.action);
            QVERIFY(run);
            QCOMPARE(run->script, upgrade->content);
            QCOMPARE(run->args, QStringList { "nginx" });
        }
        // … and the job is the one the Jobs page shows.
        QCOMPARE(jobs.shownJob(), spec.id);
        QCOMPARE(jobs.view()->hostModel()->rowCount(), 2);
        screenshots(page, QStringLiteral("facts-software"));
    }

    void servicesCountsAndRestart()
    {
        // The store filled from the fixtures directly, as earlier gatherings left it.
        FactStore store(*m_ws);
        for (const auto& [name, file] : kHosts) {
            auto facts = FactsParser::parse(fixture(QLatin1String(file)));
            QVERIFY2(facts, qPrintable(facts ? QString() : facts.errorString()));
            QVERIFY(store.put(QLatin1String(name), *facts, QDateTime::currentDateTimeUtc()));
        }
        auto deb = FactsParser::parse(fixture(QStringLiteral("debian12.txt")));
        // web-deb-2's nginx failed two hours ago (the fixture's time is of 2024); web-deb-1 keeps the fixture's.
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QJsonObject debServices = deb->value(QStringLiteral("services")).toObject();
        QJsonObject nginx = debServices.value(QStringLiteral("nginx.service")).toObject();
        nginx.insert(QStringLiteral("opsdeck_since"), now.addSecs(-2 * 3600 - 60).toString(Qt::ISODate));
        debServices.insert(QStringLiteral("nginx.service"), nginx);
        deb->insert(QStringLiteral("services"), debServices);
        QVERIFY(store.put(QStringLiteral("web-deb-2"), *deb, QDateTime::currentDateTimeUtc()));

        FactsPage page(m_ws.get(), m_backend.get());
        JobsPage jobs(m_backend.get());
        QList<JobSpec> submitted;
        page.setSubmit(submitAndShow(submitted, jobs));
        page.resize(1100, 640);
        page.show();
        page.tabs()->setCurrentIndex(1);
        QTRY_VERIFY(!page.isLoading());
        QTRY_VERIFY(!page.services().isEmpty());

        // nginx.service: failed on both Debian hosts, active on Ubuntu; Rocky and Alpine have none.
        QVERIFY(page.selectService(QStringLiteral("nginx.service")));
        const int row = rowOf(page.serviceView(), QStringLiteral("nginx.service"));
        QCOMPARE(page.serviceView()->model()->index(row, 1).data().toInt(), 1); // active
        QCOMPARE(page.serviceView()->model()->index(row, 2).data().toInt(), 2); // failed
        QCOMPARE(page.serviceView()->model()->index(row, 3).data().toInt(), 0); // inactive
        QCOMPARE(page.serviceHostTree()->topLevelItemCount(), 3);
        QCOMPARE(page.serviceHostTree()->topLevelItem(0)->text(1), QStringLiteral("failed"));
        QCOMPARE(page.serviceHostTree()->topLevelItem(2)->text(0), QStringLiteral("web-ubu-1"));
        QCOMPARE(page.serviceHostTree()->topLevelItem(2)->text(1), QStringLiteral("active"));
        // Since when: each host's state change, and the oldest and newest among them.
        const QString fixtureAge = LayerText::age(QDateTime(QDate(2024, 3, 7), QTime(22, 15, 3), Qt::UTC), now);
        QCOMPARE(page.serviceHostTree()->topLevelItem(0)->text(2), fixtureAge);
        QCOMPARE(page.serviceHostTree()->topLevelItem(1)->text(2), QStringLiteral("2 h ago"));
        QCOMPARE(page.serviceHostTree()->topLevelItem(1)->text(3), QStringLiteral("failed")); // the unit's status
        QVERIFY(page.serviceHostTree()->topLevelItem(1)->toolTip(2).startsWith(QLatin1String("In this state since ")));
        QVERIFY2(page.serviceLabel()->text().contains(
                     QStringLiteral("State changes between %1 and 2 h ago.")
                         .arg(LayerText::age(QDateTime(QDate(2024, 3, 7), QTime(22, 15, 3), Qt::UTC), now))),
            qPrintable(page.serviceLabel()->text()));
        // In Chinese the two sentences are joined without a space.
        Startup::installTranslators(QStringLiteral("zh_CN"));
        QVERIFY(page.selectService(QStringLiteral("apparmor.service")));
        QVERIFY(page.selectService(QStringLiteral("nginx.service")));
        const QString zhLabel = page.serviceLabel()->text();
        Startup::installTranslators(QStringLiteral("en"));
        QVERIFY2(zhLabel.contains(QChar(0x3002)) && !zhLabel.contains(QStringLiteral("\u3002 ")), qPrintable(zhLabel));
        // A unit that was never in another state (not-found) has no time.
        QVERIFY(page.selectService(QStringLiteral("apparmor.service")));
        QCOMPARE(page.serviceHostTree()->topLevelItem(0)->text(2), QString());
        QVERIFY(!page.serviceLabel()->text().contains(QLatin1String("State change")));
        // postgresql@15-main.service is inactive (dead) on the Debian hosts.
        QVERIFY(page.selectService(QStringLiteral("postgresql@15-main.service")));
        const int pg = rowOf(page.serviceView(), QStringLiteral("postgresql@15-main.service"));
        QCOMPARE(page.serviceView()->model()->index(pg, 3).data().toInt(), 2);
        // The filter.
        QTest::keyClicks(page.serviceFilter(), QStringLiteral("sshd"));
        QCOMPARE(page.serviceView()->model()->rowCount(), 1);
        page.serviceFilter()->clear();

        // Restart asks first; cancelled, nothing runs.
        QVERIFY(page.selectService(QStringLiteral("nginx.service")));
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(page.serviceButton(FactsPage::ServiceAction::Restart), Qt::LeftButton);
        QVERIFY(submitted.isEmpty());
        QVERIFY(Dialogs::lastText().contains(QLatin1String("nginx.service")));
        // The two failed hosts picked and confirmed: a restart job on them.
        page.serviceHostTree()->topLevelItem(0)->setSelected(true);
        page.serviceHostTree()->topLevelItem(1)->setSelected(true);
        Dialogs::setNextAnswer(QMessageBox::Ok);
        QTest::mouseClick(page.serviceButton(FactsPage::ServiceAction::Restart), Qt::LeftButton);
        QCOMPARE(submitted.size(), 1);
        const JobSpec spec = submitted.first();
        QCOMPARE(spec.targets, QStringList({ "web-deb-1", "web-deb-2" }));
        QCOMPARE(spec.name, QStringLiteral("Restart nginx.service"));
        QTRY_COMPARE_WITH_TIMEOUT(m_transport->hostsOf(spec.id), QStringList({ "web-deb-1", "web-deb-2" }), 10000);
        for (const HostWork& work : m_transport->worksOf(spec.id)) {
            const auto* run = std::get_if<RunScript>(&work.step.action);
            QVERIFY(run);
            QCOMPARE(run->args, QStringList({ "restart", "nginx.service" }));
            QVERIFY(run->script.contains(QLatin1String("systemctl \"$action\" \"$unit\"")));
        }
        QCOMPARE(jobs.shownJob(), spec.id);
        // Journal Tail asks nothing and runs on every host that has the service when none is picked.
        page.serviceHostTree()->clearSelection();
        const int asked = Dialogs::askedCount();
        QTest::mouseClick(page.serviceButton(FactsPage::ServiceAction::Journal), Qt::LeftButton);
        QCOMPARE(Dialogs::askedCount(), asked);
        QCOMPARE(submitted.size(), 2);
        QCOMPARE(submitted.last().targets, QStringList({ "web-deb-1", "web-deb-2", "web-ubu-1" }));
        QCOMPARE(std::get<RunScript>(submitted.last().steps.first().action).args,
            QStringList({ "journal", "nginx.service" }));
        screenshots(page, QStringLiteral("facts-services"));
    }

    // The Inventory page loads the facts with the hosts; when they cannot be read its message bar says what that
    // means and what to do, and Retry (once they can be read again) clears it.
    void inventoryPageSaysWhenFactsCannotBeRead()
    {
        QVERIFY(QSqlQuery(m_ws->database()).exec(QStringLiteral("ALTER TABLE host_facts RENAME TO host_facts_away")));
        QUndoStack undo;
        InventoryPage page(m_ws.get(), &undo);
        QSignalSpy loaded(&page, &InventoryPage::loaded);
        page.reload();
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(page.messageBar()->text().contains(QLatin1String("cannot read the gathered facts")), true);
        QVERIFY2(page.messageBar()->text().contains(QLatin1String("Gather Facts again")),
            qPrintable(page.messageBar()->text()));
        QVERIFY(page.messageBar()->isVisibleTo(&page));
        QVERIFY(QSqlQuery(m_ws->database()).exec(QStringLiteral("ALTER TABLE host_facts_away RENAME TO host_facts")));
        page.reload();
        QTRY_COMPARE(loaded.count(), 2);
        QVERIFY(!page.messageBar()->isVisibleTo(&page));
    }

    void scopeLimitsTheHosts()
    {
        FactStore store(*m_ws);
        for (const auto& [name, file] : kHosts) {
            auto facts = FactsParser::parse(fixture(QLatin1String(file)));
            QVERIFY(facts);
            QVERIFY(store.put(QLatin1String(name), *facts, QDateTime::currentDateTimeUtc()));
        }
        FactsPage page(m_ws.get(), m_backend.get());
        QTRY_VERIFY(!page.isLoading());
        QVERIFY(page.selectPackage(QStringLiteral("bash")));
        QCOMPARE(page.versionTree()->topLevelItemCount(), 2); // Ubuntu's and Rocky's
        QSignalSpy loaded(&page, &FactsPage::loaded);
        page.setScope({ QStringLiteral("db-rocky-1") }, QStringLiteral("1 selected host"));
        QTRY_COMPARE(loaded.count(), 1);
        QVERIFY(page.selectPackage(QStringLiteral("bash")));
        QCOMPARE(page.versionTree()->topLevelItemCount(), 1);
        QVERIFY(!page.selectPackage(QStringLiteral("nginx")));
        QVERIFY(page.scopeLabel()->text().contains(QLatin1String("1 selected host")));
    }

    // The window: Inventory › Gather Facts, Software, Services in the menu and the palette; the Facts page follows the
    // inventory's selection; a gathering is a job of the window's backend, listed in the Jobs page (here every host
    // refuses the connection: nothing listens on port 1).
    void windowGathersTheSelection()
    {
        auto ws
            = Workspace::open(m_dir.filePath(QStringLiteral("window.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        Inventory inv;
        for (const char* name : { "a-1", "a-2", "b-1" }) {
            Host h;
            h.name = QLatin1String(name);
            h.address = QStringLiteral("127.0.0.1");
            h.port = 1;
            inv.upsertHost(h);
        }
        QVERIFY((*ws)->saveInventory(inv));
        MainWindow window(std::move(*ws));
        window.show();
        InventoryPage* inventory = window.inventoryPage();
        QTRY_VERIFY(!inventory->isLoading());
        QStringList palette;
        for (const auto& [action, label] : window.paletteActions()) {
            palette << label;
        }
        QVERIFY2(
            palette.contains(QStringLiteral("Inventory: Gather Facts")), qPrintable(palette.join(QLatin1Char('|'))));
        QVERIFY(palette.contains(QStringLiteral("Inventory: Software of Hosts")));
        QVERIFY(palette.contains(QStringLiteral("Inventory: Services of Hosts")));
        auto* gather = window.findChild<QAction*>(QStringLiteral("action.gatherFacts"));
        QVERIFY(gather);
        QCOMPARE(gather->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));

        // Two hosts selected: Software of Hosts shows their facts (none yet).
        QTableView* table = inventory->hostView();
        for (const QString& host : { QStringLiteral("a-1"), QStringLiteral("b-1") }) {
            const int row = inventory->hostModel()->rowOfHost(host);
            QVERIFY(row >= 0);
            table->selectionModel()->select(
                inventory->hostModel()->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
        QCOMPARE(inventory->selectedHosts().size(), 2);
        window.findChild<QAction*>(QStringLiteral("action.software"))->trigger();
        QCOMPARE(window.currentPage(), int(MainWindow::FactsPageIndex));
        FactsPage* facts = window.factsPage();
        QCOMPARE(facts->tabs()->currentIndex(), 0);
        QCOMPARE(facts->scope(), QStringList({ "a-1", "b-1" }));
        QTRY_VERIFY(facts->scopeLabel()->text().contains(QLatin1String("2 selected hosts")));

        // Gather Facts from the Inventory page: a job on the selection, in the Jobs page's history.
        window.setCurrentPage(MainWindow::InventoryPageIndex);
        // Facts stored meanwhile (as another console would): the inventory is read again once the gathering ends.
        QVERIFY(!inventory->currentInventory().hostFacts(QStringLiteral("a-2")));
        QVERIFY(FactStore(*window.workspace())
                    .put(QStringLiteral("a-2"), QJsonObject { { QStringLiteral("os_family"), "Debian" } },
                        QDateTime::currentDateTimeUtc()));
        QSignalSpy reloaded(inventory, &InventoryPage::loaded);
        QSignalSpy finished(facts, &FactsPage::gatheringFinished);
        gather->trigger();
        QCOMPARE(window.currentPage(), int(MainWindow::FactsPageIndex));
        QVERIFY(facts->isGathering());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        auto jobs = window.jobBackend()->jobs();
        QVERIFY(jobs);
        QCOMPARE(jobs->size(), 1);
        QCOMPARE(jobs->first().name, QStringLiteral("Gather facts"));
        QCOMPARE(jobs->first().hostCount, 2);
        QVERIFY2(facts->messageBar()->isVisible(), "the outcome is shown");
        QTRY_COMPARE(reloaded.count(), 1);
        QVERIFY(inventory->currentInventory().hostFacts(QStringLiteral("a-2")));
    }

private:
    // What the window's submitJob does: submit, then show the job in the Jobs page; the specs are kept.
    FactsPage::Submit submitAndShow(QList<JobSpec>& submitted, JobsPage& jobs)
    {
        return [this, &submitted, &jobs](const JobSpec& spec) -> Result<QString> {
            submitted.append(spec);
            auto id = m_backend->submit(spec);
            if (id) {
                jobs.refresh();
                jobs.showJob(*id);
            }
            return id;
        };
    }

    void screenshots(FactsPage& page, const QString& name)
    {
        const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            return;
        }
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
            Startup::installTranslators(lang);
            for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
                Theme::instance()->setMode(mode);
                Theme::instance()->apply();
                QTest::qWait(100);
                const QString suffix
                    = (mode == Theme::Mode::Dark ? QStringLiteral("-dark-") : QStringLiteral("-light-"))
                    + (lang == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh"))
                    + QStringLiteral(".png");
                QVERIFY(page.grab().save(dir + QLatin1Char('/') + name + suffix));
            }
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Theme::instance()->apply();
    }

    QTemporaryDir m_dir;
    int m_count = 0;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<RecordingTransport> m_transport;
    std::unique_ptr<DirectBackend> m_backend;
};

QTEST_MAIN(TestFactsViews)
#include "tst_factsviews.moc"
