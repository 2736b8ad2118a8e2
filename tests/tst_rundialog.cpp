// The run dialog: targets from a search over the inventory, the rolling plan and its exact batches, the failure
// policy, parameters, and the danger gate (a blocking script runs only after the acknowledgement is ticked);
// pushing a library template or a local file (destination, mode, owner checked as typed); the job's variables
// (a YAML mapping, errors with line and column). With OPSDECK_SCREENSHOT_DIR set, screenshots in both themes.
#include "DemoInventory.h"
#include "RunDialog.h"
#include "Startup.h"
#include "Theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

class TestRunDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { Startup::installTranslators(QStringLiteral("en")); } // English plural forms
    void targetsPlanAndPolicy();
    void dangerNeedsAcknowledgement();
    void requiredParameters();
    void pushTemplateAndFile();
    void templateRenderCheck();
    void jobVariables();
    void screenshots();
};

namespace {

Script script(qint64 id, const QString& name, const QString& content)
{
    Script s;
    s.id = id;
    s.name = name;
    s.content = content;
    s.version = 1;
    return s;
}

} // namespace

void TestRunDialog::targetsPlanAndPolicy()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setAdHoc(QStringLiteral("uptime"));
    QVERIFY(!dialog.canRun()); // no targets yet
    QTest::keyClicks(dialog.queryEdit(), QStringLiteral("idc:js"));
    QVERIFY2(dialog.targetsLabel()->text().contains(QLatin1String("hosts match")),
        qPrintable(dialog.targetsLabel()->text()));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    const int count = int(dialog.spec().targets.size());
    QVERIFY(count > 10);
    dialog.planEdit()->setText(QStringLiteral("1 10% 50% 100%"));
    QVERIFY(dialog.canRun());
    QVERIFY(dialog.batchPreview()->topLevelItemCount() >= 3);
    QVERIFY(dialog.batchPreview()->topLevelItem(0)->text(0).endsWith(QLatin1String("1 host")));
    QCOMPARE(dialog.batchPreview()->topLevelItem(0)->childCount(), 1);
    dialog.planEdit()->setText(QStringLiteral("1 10% banana"));
    QVERIFY(!dialog.canRun());
    QVERIFY2(dialog.planLabel()->text().startsWith(QLatin1String("column 7")), qPrintable(dialog.planLabel()->text()));
    dialog.planEdit()->setText(QStringLiteral("5 +10"));
    dialog.failEdit()->setText(QStringLiteral("10%"));
    QVERIFY(dialog.canRun());
    const JobSpec spec = dialog.spec();
    QCOMPARE(spec.targets.size(), count);
    QCOMPARE(spec.plan.toString(), QStringLiteral("5 +10"));
    QCOMPARE(spec.failurePolicy.toString(), FailurePolicy::parse(QStringLiteral("10%"))->toString());
    QVERIFY(spec.validate().ok());
    dialog.queryEdit()->setText(QStringLiteral("idc:(("));
    QVERIFY(!dialog.canRun());
    dialog.queryEdit()->setText(QStringLiteral("name:does-not-exist-anywhere"));
    QVERIFY(!dialog.canRun());
    QVERIFY(dialog.problem().contains(QLatin1String("No host")));
}

void TestRunDialog::dangerNeedsAcknowledgement()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory,
        { script(1, QStringLiteral("wipe"), QStringLiteral("#!/bin/bash\nrm -rf /\n")),
            script(2, QStringLiteral("fine"), QStringLiteral("#!/bin/bash\necho ok\n")) },
        DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("a"), QStringLiteral("b") });
    dialog.selectScript(1);
    QCOMPARE(dialog.blockingFindings().size(), 1);
    QVERIFY(!dialog.canRun());
    QVERIFY(!dialog.runButton()->isEnabled());
    QVERIFY(dialog.dangerLabel()->text().contains(QLatin1String("rm-root")));
    dialog.acknowledgeBox()->setChecked(true);
    QVERIFY(dialog.canRun());
    QVERIFY(dialog.acknowledgement().has_value());
    QVERIFY(dialog.spec().parameters.contains(QStringLiteral("danger_acknowledged")));
    dialog.selectScript(2);
    QVERIFY(dialog.canRun());
    QVERIFY(!dialog.acknowledgement().has_value());
    QCOMPARE(dialog.spec().targets, (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
}

void TestRunDialog::requiredParameters()
{
    Script s = script(7, QStringLiteral("init"), QStringLiteral("#!/bin/bash\nhostnamectl set-hostname \"$1\"\n"));
    s.parameters = { { QStringLiteral("hostname"), QStringLiteral("new name"), QString(), true } };
    s.runAs = QStringLiteral("root");
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, { s }, DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("a") });
    dialog.selectScript(7);
    QVERIFY(!dialog.canRun());
    QVERIFY(dialog.problem().contains(QLatin1String("hostname")));
    dialog.parameterTable()->item(0, 1)->setText(QStringLiteral("web-01"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    const JobSpec spec = dialog.spec();
    QCOMPARE(std::get<RunScript>(spec.steps.first().action).args, QStringList { QStringLiteral("web-01") });
    QCOMPARE(spec.runAs, QStringLiteral("root"));
}

namespace {

ConfigTemplate motd()
{
    ConfigTemplate t;
    t.id = 3;
    t.name = QStringLiteral("motd");
    t.destination = QStringLiteral("/etc/motd");
    t.mode = QStringLiteral("0644");
    t.owner = QStringLiteral("root:root");
    t.content = QStringLiteral("welcome to {{ inventory_hostname }}\n");
    t.version = 2;
    return t;
}

} // namespace

void TestRunDialog::pushTemplateAndFile()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("a"), QStringLiteral("b") });
    dialog.setAction(RunDialog::Action::PushTemplate);
    QVERIFY(!dialog.canRun());
    QVERIFY2(dialog.problem().contains(QLatin1String("no templates")), qPrintable(dialog.problem()));
    dialog.setTemplates({ motd() });
    dialog.selectTemplate(3);
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    QCOMPARE(dialog.destinationEdit()->text(), QStringLiteral("/etc/motd"));
    QCOMPARE(dialog.runButton()->text(), QStringLiteral("&Push"));
    dialog.modeEdit()->setText(QStringLiteral("0999"));
    QVERIFY(!dialog.canRun());
    QVERIFY2(dialog.problem().startsWith(QLatin1String("Mode:")), qPrintable(dialog.problem()));
    dialog.modeEdit()->setText(QStringLiteral("0600"));
    dialog.destinationEdit()->setText(QStringLiteral("etc/motd"));
    QVERIFY2(dialog.problem().startsWith(QLatin1String("Destination:")), qPrintable(dialog.problem()));
    dialog.destinationEdit()->setText(QStringLiteral("/etc/motd.d/10-welcome"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    JobSpec spec = dialog.spec();
    QVERIFY(spec.validate().ok());
    const auto push = std::get<PushTemplate>(spec.steps.first().action);
    QCOMPARE(push.templateName, QStringLiteral("motd"));
    QCOMPARE(push.templateText, motd().content);
    QCOMPARE(push.dest, QStringLiteral("/etc/motd.d/10-welcome"));
    QCOMPARE(push.mode, QStringLiteral("0600"));
    QCOMPARE(push.owner, QStringLiteral("root:root"));

    // A file: it must exist here.
    QTemporaryDir dir;
    dialog.setSourceFile(dir.filePath(QStringLiteral("nope")));
    QVERIFY(!dialog.canRun());
    QVERIFY2(dialog.problem().contains(QLatin1String("not a readable file")), qPrintable(dialog.problem()));
    QFile f(dir.filePath(QStringLiteral("app.tar")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("payload");
    f.close();
    dialog.setSourceFile(f.fileName());
    dialog.destinationEdit()->setText(QStringLiteral("/opt/app.tar"));
    dialog.ownerEdit()->setText(QStringLiteral("app user"));
    QVERIFY(!dialog.canRun());
    dialog.ownerEdit()->setText(QStringLiteral("app"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    dialog.bandwidthEdit()->setText(QStringLiteral("fast"));
    QVERIFY(!dialog.canRun());
    QVERIFY2(dialog.problem().startsWith(QLatin1String("Bandwidth limit:")), qPrintable(dialog.problem()));
    dialog.bandwidthEdit()->setText(QStringLiteral("2M"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    QCOMPARE(dialog.spec().bandwidthLimit, 2 * 1024 * 1024);
    spec = dialog.spec();
    const auto file = std::get<PushFile>(spec.steps.first().action);
    QCOMPARE(file.sourcePath, f.fileName());
    QCOMPARE(file.dest, QStringLiteral("/opt/app.tar"));
    QCOMPARE(file.owner, QStringLiteral("app"));
    QVERIFY(spec.validate().ok());
    // Back to a script: the script rows again, no push fields in the job.
    dialog.setAction(RunDialog::Action::RunScript);
    dialog.setAdHoc(QStringLiteral("uptime"));
    QVERIFY(dialog.canRun());
    QCOMPARE(dialog.spec().steps.first().kind(), StepKind::RunScript);
}

// A template is rendered for the targets before the push can start: a host whose render fails is named, and the
// job variables take part as they will in the job.
void TestRunDialog::templateRenderCheck()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("web-js-01"), QStringLiteral("web-js-02") });
    ConfigTemplate t = motd();
    t.content = QStringLiteral("welcome to {{ inventory_hostname_short }} in {{ group_names | join(',') }}\n"
                               "release {{ release }}\n");
    dialog.setTemplates({ t });
    dialog.selectTemplate(3);
    QVERIFY(!dialog.canRun());
    QVERIFY2(
        dialog.problem().startsWith(QStringLiteral("2 of 2 hosts cannot render the template — web-js-01: motd:2:")),
        qPrintable(dialog.problem()));
    QVERIFY2(dialog.problem().contains(QLatin1String("'release' is undefined")), qPrintable(dialog.problem()));
    dialog.jobVariablesEdit()->setPlainText(QStringLiteral("release: 2.4.1\n"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    // A template that does not parse.
    t.content = QStringLiteral("{% if x %}\nno end\n");
    dialog.setTemplates({ t });
    dialog.selectTemplate(3);
    QVERIFY(!dialog.canRun());
    QVERIFY2(
        dialog.problem().startsWith(QLatin1String("The template does not parse: motd:")), qPrintable(dialog.problem()));
}

void TestRunDialog::jobVariables()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("a") });
    dialog.setAdHoc(QStringLiteral("echo $release"));
    dialog.jobVariablesEdit()->setPlainText(QStringLiteral("release: 2.4.1\nports: [80, 443]\n"));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    const JobSpec spec = dialog.spec();
    QCOMPARE(spec.parameters.value(QStringLiteral("release")).toString(), QStringLiteral("2.4.1"));
    QCOMPARE(spec.parameters.value(QStringLiteral("ports")).toArray().size(), 2);
    dialog.jobVariablesEdit()->setPlainText(QStringLiteral("release: 2.4.1\n  bad: [\n"));
    QVERIFY(!dialog.canRun());
    QVERIFY2(dialog.problem().contains(QLatin1String("job variables:2:")), qPrintable(dialog.problem()));
    dialog.jobVariablesEdit()->setPlainText(QStringLiteral("- a list\n"));
    QVERIFY(!dialog.canRun());
}

void TestRunDialog::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the run dialog");
    }
    const Inventory inventory = DemoInventory::make();
    for (const bool dark : { false, true }) {
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
            Startup::installTranslators(lang);
            Theme::instance()->setMode(dark ? Theme::Mode::Dark : Theme::Mode::Light);
            Theme::instance()->apply();
            RunDialog dialog(&inventory, {}, DangerRules::defaults());
            dialog.setTemplates({ motd() });
            dialog.queryEdit()->setText(QStringLiteral("idc:js"));
            dialog.planEdit()->setText(QStringLiteral("1 10% 50% 100%"));
            dialog.failEdit()->setText(QStringLiteral("10%"));
            dialog.selectTemplate(3);
            dialog.jobVariablesEdit()->setPlainText(QStringLiteral("release: 2.4.1\n"));
            dialog.show();
            QApplication::processEvents();
            const QString suffix
                = QStringLiteral("-%1-%2.png").arg(dark ? QStringLiteral("dark") : QStringLiteral("light"), lang);
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/run-dialog-push") + suffix));
            // Without the job variable the template does not render: the push cannot start, and says why.
            dialog.jobVariablesEdit()->setPlainText(QString());
            ConfigTemplate withRelease = motd();
            withRelease.content += QStringLiteral("release {{ release }}\n");
            dialog.setTemplates({ withRelease });
            dialog.selectTemplate(3);
            QApplication::processEvents();
            QVERIFY(!dialog.canRun());
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/run-dialog-render-check") + suffix));
            dialog.setAction(RunDialog::Action::RunScript);
            dialog.setAdHoc(QStringLiteral("systemctl restart nginx"));
            QApplication::processEvents();
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/run-dialog") + suffix));
        }
    }
    Startup::installTranslators(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
}

QTEST_MAIN(TestRunDialog)
#include "tst_rundialog.moc"
