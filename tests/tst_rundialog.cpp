// The run dialog: targets from a search over the inventory, the rolling plan and its exact batches, the failure
// policy, parameters, and the danger gate (a blocking script runs only after the acknowledgement is ticked);
// pushing a library template or a local file (destination, mode, owner checked as typed); the job's variables
// (a YAML mapping, errors with line and column). With OPSDECK_SCREENSHOT_DIR set, screenshots in both themes.
#include "DiffView.h"
#include "ScriptEditor.h"
#include "Startup.h"
#include "Theme.h"
#include "demo/DemoInventory.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobState.h"
#include "jobs/RunDialog.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
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
    void sizeStableWhileTyping();
    void libraryScriptReplacesCommandBox();
    void runSettingsRoundTrip();
    void pushPreviewRendersForAHost();
    void pushPreviewDiffsAgainstTheHistory();
    void editedTemplateIsPushed();
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
    // The two numbers of a fan-out: hosts at once here, SSH logins at once by the transport, explained beside it.
    const auto* hint = dialog.findChild<QLabel*>(QStringLiteral("runConcurrencyHint"));
    QVERIFY(hint);
    QVERIFY2(hint->text().contains(QLatin1String("SSH logins are admitted separately")), qPrintable(hint->text()));
    QCOMPARE(dialog.findChild<QSpinBox*>(QStringLiteral("runConcurrency"))->toolTip(), hint->text());
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

// Typing never resizes the dialog: long plan descriptions, errors and commands wrap or scroll inside it.
void TestRunDialog::sizeStableWhileTyping()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory,
        { script(1, QStringLiteral("a script with a rather long name that goes on and on and on for a while"),
            QStringLiteral("#!/bin/bash\necho ok\n")) },
        DangerRules::defaults());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QSize size = dialog.size();
    const auto typeInto = [&](QWidget* field, const QString& text) {
        field->setFocus();
        QTest::keyClicks(field, text);
        QApplication::processEvents();
        QCOMPARE(dialog.size(), size);
    };
    typeInto(dialog.queryEdit(), QStringLiteral("idc:js tag:((("));
    dialog.queryEdit()->clear();
    typeInto(dialog.queryEdit(), QStringLiteral("idc:js"));
    typeInto(dialog.planEdit(), QStringLiteral("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26"));
    typeInto(dialog.planEdit(), QStringLiteral(" banana banana banana banana banana banana banana banana"));
    dialog.failEdit()->clear();
    typeInto(dialog.failEdit(), QStringLiteral("when things go rather badly in the second data centre, please"));
    typeInto(dialog.adHocEdit(),
        QStringLiteral("for i in $(seq 1 100); do echo \"a long command line that does not wrap at all $i\"; done; "
                       "rm -rf /"));
    typeInto(dialog.jobVariablesEdit(), QStringLiteral("release: [2.4.1, {unclosed: mapping that is long and long"));
    dialog.selectScript(1);
    QApplication::processEvents();
    QCOMPARE(dialog.size(), size);
    dialog.setAction(RunDialog::Action::PushTemplate);
    QApplication::processEvents();
    QCOMPARE(dialog.size(), size);
    typeInto(dialog.destinationEdit(),
        QStringLiteral("relative/path/that/is/quite/long/and/keeps/going/and/going/and/going/until/it/stops.conf"));
}

// A library script is shown read-only (with its danger marks) where an ad hoc command is typed; the command box
// comes back for "Ad hoc command".
void TestRunDialog::libraryScriptReplacesCommandBox()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory,
        { script(1, QStringLiteral("cleanup"), QStringLiteral("#!/bin/bash\necho start\nrm -rf /\n")) },
        DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("a") });
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.isRowVisible(dialog.adHocEdit()));
    QVERIFY(!dialog.isRowVisible(dialog.scriptView()));
    dialog.selectScript(1);
    QVERIFY(!dialog.isRowVisible(dialog.adHocEdit()));
    QVERIFY(!dialog.adHocEdit()->isVisible());
    QVERIFY(dialog.isRowVisible(dialog.scriptView()));
    QVERIFY(dialog.scriptView()->isVisible());
    QVERIFY(dialog.scriptView()->isReadOnly());
    QCOMPARE(dialog.scriptView()->text(), QStringLiteral("#!/bin/bash\necho start\nrm -rf /\n"));
    // The blocking finding is marked at its line (2, 0-based) of the shown script.
    QVERIFY(dialog.scriptView()->markersAtLine(2) != 0);
    QVERIFY(dialog.scriptView()->markersAtLine(1) == 0);
    dialog.scriptCombo()->setCurrentIndex(0); // Ad hoc command
    QVERIFY(dialog.isRowVisible(dialog.adHocEdit()));
    QVERIFY(!dialog.isRowVisible(dialog.scriptView()));
    // A push shows neither.
    dialog.selectScript(1);
    dialog.setAction(RunDialog::Action::PushFile);
    QVERIFY(!dialog.isRowVisible(dialog.adHocEdit()));
    QVERIFY(!dialog.isRowVisible(dialog.scriptView()));
}

// What the dialog hands back to be remembered, and takes again; invalid values are not taken.
void TestRunDialog::runSettingsRoundTrip()
{
    const Inventory inventory = DemoInventory::make();
    QJsonObject settings;
    {
        RunDialog dialog(&inventory, {}, DangerRules::defaults());
        dialog.planEdit()->setText(QStringLiteral("1 10% 100%"));
        dialog.failEdit()->setText(QStringLiteral("3"));
        dialog.pauseCombo()->setCurrentIndex(1);
        dialog.pauseSecondsBox()->setValue(45);
        dialog.timeoutBox()->setValue(90);
        dialog.concurrencyBox()->setValue(7);
        settings = dialog.runSettings();
    }
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    QCOMPARE(dialog.planEdit()->text(), QString());
    dialog.setRunSettings(settings);
    QCOMPARE(dialog.planEdit()->text(), QStringLiteral("1 10% 100%"));
    QCOMPARE(dialog.failEdit()->text(), QStringLiteral("3"));
    QCOMPARE(dialog.pauseCombo()->currentIndex(), 1);
    QCOMPARE(dialog.pauseSecondsBox()->value(), 45);
    QCOMPARE(dialog.timeoutBox()->value(), 90);
    QCOMPARE(dialog.concurrencyBox()->value(), 7);
    dialog.setHosts({ QStringLiteral("a"), QStringLiteral("b") });
    dialog.setAdHoc(QStringLiteral("uptime"));
    const JobSpec spec = dialog.spec();
    QCOMPARE(spec.plan.toString(), QStringLiteral("1 10% 100%"));
    QCOMPARE(spec.timeoutSeconds, 90);
    QCOMPARE(spec.concurrency, 7);
    QVERIFY(spec.pause == BatchPause::after(45));
    QJsonObject broken = settings;
    broken.insert(QStringLiteral("plan"), QStringLiteral("banana"));
    broken.insert(QStringLiteral("failAt"), QStringLiteral("sometimes"));
    broken.insert(QStringLiteral("pause"), QStringLiteral("later"));
    RunDialog other(&inventory, {}, DangerRules::defaults());
    other.setRunSettings(broken);
    QCOMPARE(other.planEdit()->text(), QString());
    QCOMPARE(other.failEdit()->text(), QStringLiteral("continue"));
    QCOMPARE(other.pauseCombo()->currentIndex(), 0);
    QCOMPARE(other.timeoutBox()->value(), 90);
}

// A push shows what a chosen target gets: the template rendered with the host's variables and the job's.
void TestRunDialog::pushPreviewRendersForAHost()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("web-js-01"), QStringLiteral("web-js-02") });
    QVERIFY(!dialog.sideTabs()->isTabVisible(dialog.sideTabs()->indexOf(dialog.previewPage())));
    ConfigTemplate t = motd();
    t.content = QStringLiteral("welcome to {{ inventory_hostname }}, release {{ release | default('none') }}\n");
    dialog.setTemplates({ t });
    dialog.selectTemplate(3);
    QVERIFY(dialog.sideTabs()->isTabVisible(dialog.sideTabs()->indexOf(dialog.previewPage())));
    QCOMPARE(dialog.sideTabs()->currentWidget(), dialog.previewPage());
    QCOMPARE(dialog.previewHostCombo()->count(), 2);
    QCOMPARE(dialog.renderedView()->text(), QStringLiteral("welcome to web-js-01, release none\n"));
    dialog.previewHostCombo()->setCurrentIndex(1);
    QCOMPARE(dialog.renderedView()->text(), QStringLiteral("welcome to web-js-02, release none\n"));
    QTest::keyClicks(dialog.jobVariablesEdit(), QStringLiteral("release: 2.4.1"));
    QCOMPARE(dialog.renderedView()->text(), QStringLiteral("welcome to web-js-02, release 2.4.1\n"));
    QVERIFY2(dialog.previewStatus()->text().contains(QLatin1String("web-js-02")),
        qPrintable(dialog.previewStatus()->text()));
    // Without a history there is nothing to compare with, and the dialog says so.
    QVERIFY(!dialog.diffView()->isVisibleTo(dialog.previewPage()));
    QVERIFY(!dialog.diffStatus()->text().isEmpty());
    // A file push shows the file's text; a binary file is named as such.
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("limits.conf")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("* soft nofile 65536\n");
    f.close();
    dialog.setSourceFile(f.fileName());
    dialog.destinationEdit()->setText(QStringLiteral("/etc/security/limits.d/90-nofile.conf"));
    QCOMPARE(dialog.sideTabs()->currentWidget(), dialog.previewPage());
    QCOMPARE(dialog.renderedView()->text(), QStringLiteral("* soft nofile 65536\n"));
    QFile bin(dir.filePath(QStringLiteral("app.bin")));
    QVERIFY(bin.open(QIODevice::WriteOnly));
    bin.write(QByteArray("\x7f"
                         "ELF\0\0\x01",
        7));
    bin.close();
    dialog.setSourceFile(bin.fileName());
    QVERIFY(dialog.renderedView()->text().isEmpty());
    QVERIFY2(
        dialog.previewStatus()->text().contains(QLatin1String("binary")), qPrintable(dialog.previewStatus()->text()));
    // Back to a script: the preview tab goes away.
    dialog.setAction(RunDialog::Action::RunScript);
    QVERIFY(!dialog.sideTabs()->isTabVisible(dialog.sideTabs()->indexOf(dialog.previewPage())));
}

// The difference from what the job history says the host has: the last push of that path that succeeded there,
// found through a real DirectBackend's history.
void TestRunDialog::pushPreviewDiffsAgainstTheHistory()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    FakeTransport transport;
    FakeBehaviour failing;
    failing.exitCode = 1;
    transport.perHost.insert(QStringLiteral("web-js-02"), failing);
    auto backend = DirectBackend::open(**ws, &transport);
    QVERIFY2(backend.ok(), qPrintable(backend.errorString()));
    const Inventory inventory = DemoInventory::make();

    ConfigTemplate v1 = motd();
    v1.content = QStringLiteral("welcome to {{ inventory_hostname }}\nrelease {{ release }}\n");
    JobSpec first;
    {
        RunDialog dialog(&inventory, {}, DangerRules::defaults());
        dialog.setHosts({ QStringLiteral("web-js-01"), QStringLiteral("web-js-02") });
        dialog.setTemplates({ v1 });
        dialog.selectTemplate(3);
        dialog.setJobVariables(QStringLiteral("release: 1.0.1\n"));
        QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
        first = dialog.spec();
    }
    auto id = (*backend)->submit(first);
    QVERIFY2(id.ok(), qPrintable(id.errorString()));
    QTRY_VERIFY((*backend)->state(*id).ok() && (*backend)->state(*id)->isFinished());

    ConfigTemplate v2 = v1;
    v2.version = 3;
    v2.content = QStringLiteral("welcome to {{ inventory_hostname }}\nrelease {{ release }}\nmanaged by OpsDeck\n");
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setPushHistory(RunDialog::historyOf(backend->get()));
    dialog.setHosts({ QStringLiteral("web-js-01"), QStringLiteral("web-js-02") });
    dialog.setTemplates({ v2 });
    dialog.selectTemplate(3);
    dialog.setJobVariables(QStringLiteral("release: 1.0.1\n"));
    dialog.previewTabs()->setCurrentIndex(1);
    // web-js-01 got v1 with release 1.0.1: the diff is the one added line.
    QVERIFY2(dialog.diffView()->isVisibleTo(dialog.previewPage()), qPrintable(dialog.diffStatus()->text()));
    QVERIFY2(dialog.diffStatus()->text().startsWith(QStringLiteral("Changes since the job “template motd”")),
        qPrintable(dialog.diffStatus()->text()));
    QCOMPARE(dialog.diffView()->changeCount(), 1);
    QCOMPARE(dialog.diffView()->oldEditor()->text().trimmed(), QStringLiteral("welcome to web-js-01\nrelease 1.0.1"));
    QVERIFY(dialog.diffView()->newEditor()->text().contains(QLatin1String("managed by OpsDeck")));
    // The job variables of the new push take part: the release line changes too (one run of changes).
    dialog.setJobVariables(QStringLiteral("release: 2.0.1\n"));
    QCOMPARE(dialog.diffView()->changeCount(), 1);
    QVERIFY(dialog.diffView()->newEditor()->text().contains(QLatin1String("release 2.0.1")));
    QVERIFY(dialog.diffView()->oldEditor()->text().contains(QLatin1String("release 1.0.1")));
    // The same text as last time: no change, said so.
    dialog.setJobVariables(QStringLiteral("release: 1.0.1\n"));
    dialog.setTemplates({ v1 });
    dialog.selectTemplate(3);
    QVERIFY2(dialog.diffStatus()->text().startsWith(QLatin1String("No change since")),
        qPrintable(dialog.diffStatus()->text()));
    QCOMPARE(dialog.diffView()->changeCount(), 0);
    // web-js-02's push failed: the history knows of no content there.
    dialog.previewHostCombo()->setCurrentText(QStringLiteral("web-js-02"));
    QVERIFY(!dialog.diffView()->isVisibleTo(dialog.previewPage()));
    QVERIFY2(dialog.diffStatus()->text().contains(QLatin1String("no earlier push")),
        qPrintable(dialog.diffStatus()->text()));
    // Another destination has no history either.
    dialog.previewHostCombo()->setCurrentText(QStringLiteral("web-js-01"));
    dialog.destinationEdit()->setText(QStringLiteral("/etc/motd.d/other"));
    QVERIFY(!dialog.diffView()->isVisibleTo(dialog.previewPage()));
}

// A template as its editor holds it (unsaved): listed as such, and the push writes its text.
void TestRunDialog::editedTemplateIsPushed()
{
    const Inventory inventory = DemoInventory::make();
    RunDialog dialog(&inventory, {}, DangerRules::defaults());
    dialog.setHosts({ QStringLiteral("web-js-01") });
    dialog.setTemplates({ motd() });
    ConfigTemplate edited = motd();
    edited.content = QStringLiteral("edited for {{ inventory_hostname }}\n");
    dialog.setEditedTemplate(edited);
    QCOMPARE(dialog.templateCombo()->count(), 1); // replaces the stored version
    QVERIFY2(dialog.templateCombo()->currentText().contains(QLatin1String("unsaved")),
        qPrintable(dialog.templateCombo()->currentText()));
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    QCOMPARE(std::get<PushTemplate>(dialog.spec().steps.first().action).templateText, edited.content);
    QCOMPARE(dialog.renderedView()->text(), QStringLiteral("edited for web-js-01\n"));
    // A template never saved (id 0) is listed beside the library's.
    ConfigTemplate fresh;
    fresh.name = QStringLiteral("fresh.conf");
    fresh.destination = QStringLiteral("/etc/fresh.conf");
    fresh.content = QStringLiteral("fresh\n");
    dialog.setEditedTemplate(fresh);
    QCOMPARE(dialog.templateCombo()->count(), 2);
    QVERIFY2(dialog.canRun(), qPrintable(dialog.problem()));
    const auto push = std::get<PushTemplate>(dialog.spec().steps.first().action);
    QCOMPARE(push.templateText, QStringLiteral("fresh\n"));
    QCOMPARE(push.dest, QStringLiteral("/etc/fresh.conf"));
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
            RunDialog dialog(&inventory,
                { script(5, QStringLiteral("restart-nginx"),
                    QStringLiteral("#!/bin/bash\nset -e\nnginx -t\nsystemctl restart nginx\nrm -rf /\n")) },
                DangerRules::defaults());
            // A history that says version 1 of motd was pushed to every host with release 2.4.0.
            dialog.setPushHistory([](const QString&, const QString& dest) -> std::optional<RunDialog::PastPush> {
                PushTemplate old;
                old.templateName = QStringLiteral("motd");
                old.templateText = QStringLiteral("welcome to {{ inventory_hostname }}\nrelease {{ release }}\n");
                old.dest = dest;
                JobStep step;
                step.action = old;
                QJsonObject vars;
                vars.insert(QStringLiteral("release"), QStringLiteral("2.4.0"));
                return RunDialog::PastPush { QStringLiteral("j1"), QStringLiteral("template motd"),
                    QStringLiteral("alice"), 1767225600000, step, vars };
            });
            ConfigTemplate shown = motd();
            shown.content = QStringLiteral("welcome to {{ inventory_hostname }}\nrelease {{ release }}\n"
                                           "managed by OpsDeck: do not edit\n");
            dialog.setTemplates({ shown });
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
            dialog.previewTabs()->setCurrentIndex(1);
            QApplication::processEvents();
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/run-dialog-push-diff") + suffix));
            dialog.previewTabs()->setCurrentIndex(0);
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
            dialog.selectScript(5);
            QApplication::processEvents();
            QVERIFY(dialog.grab().save(dir + QStringLiteral("/run-dialog-library-script") + suffix));
        }
    }
    Startup::installTranslators(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
}

QTEST_MAIN(TestRunDialog)
#include "tst_rundialog.moc"
