// The run dialog: targets from a search over the inventory, the rolling plan and its exact batches, the failure
// policy, parameters, and the danger gate (a blocking script runs only after the acknowledgement is ticked).
#include "DemoInventory.h"
#include "RunDialog.h"
#include "Theme.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

class TestRunDialog : public QObject {
    Q_OBJECT
private slots:
    void targetsPlanAndPolicy();
    void dangerNeedsAcknowledgement();
    void requiredParameters();
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
    QVERIFY(dialog.batchPreview()->topLevelItem(0)->text(0).contains(QLatin1String("1 hosts")));
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

QTEST_MAIN(TestRunDialog)
#include "tst_rundialog.moc"
