// The Workflows page: the demo workspace's two workflows listed with their steps and version, the selected one's
// YAML exactly as stored and no problems; a workflow naming a script the library lacks shows that problem with its
// node and field. The history of a workflow: its versions compared side by side, an old one restored as the newest.
#include "DiffView.h"
#include "YamlView.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "store/Workspace.h"
#include "workflows/DemoWorkflows.h"
#include "workflows/WorkflowEditor.h"
#include "workflows/WorkflowHistoryDialog.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowYaml.h"
#include "workflows/WorkflowsPage.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

class TestWorkflowsPage : public QObject {
    Q_OBJECT

private slots:
    void listsAndChecksTheWorkflows()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws);
        QVERIFY(DemoScripts::addTo(**ws));
        QVERIFY(DemoTemplates::addTo(**ws));
        QVERIFY(DemoWorkflows::addTo(**ws));
        WorkflowsPage page(ws->get());
        page.resize(1000, 700);
        page.show();
        QCOMPARE(page.list()->count(), 2);
        QVERIFY2(
            page.list()->item(0)->text().contains(QStringLiteral("step")), qPrintable(page.list()->item(0)->text()));
        QCOMPARE(page.problems()->topLevelItemCount(), 0);
        auto stored = WorkflowStore(**ws).findByName(page.list()->item(0)->data(Qt::UserRole).toString());
        QVERIFY(stored && *stored);

        // A workflow whose script is not in the library.
        auto broken = WorkflowYaml::load(QStringLiteral("name: broken\nnodes:\n  - id: a\n    kind: run-script\n"
                                                        "    script: no-such-script\n"));
        QVERIFY2(broken, qPrintable(broken ? QString() : broken.error().toString()));
        QVERIFY(WorkflowStore(**ws).save(*broken));
        page.reload();
        QCOMPARE(page.list()->count(), 3);
        page.list()->setCurrentRow(0); // "broken" sorts first
        QVERIFY(page.list()->currentItem()->text().startsWith(QStringLiteral("broken")));
        QVERIFY(page.problems()->topLevelItemCount() >= 1);
        QCOMPARE(page.problems()->topLevelItem(0)->text(0), QStringLiteral("a"));
        QCOMPARE(page.problems()->topLevelItem(0)->text(1), QStringLiteral("script"));
        QVERIFY(page.problems()->topLevelItem(0)->text(2).contains(QStringLiteral("no-such-script")));
    }

    void historyComparesAndRestores()
    {
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws);
        auto w = WorkflowYaml::load(QStringLiteral("name: waits\nnodes:\n  - id: a\n    kind: wait\n    seconds: 1\n"));
        QVERIFY(w);
        QVERIFY(WorkflowStore(**ws).save(*w));
        WorkflowsPage page(ws->get());
        page.show();
        QVERIFY(page.historyButton()->isEnabled());
        Workflow changed = page.editor()->workflow();
        changed.description = QStringLiteral("second");
        page.editor()->open(changed);
        QVERIFY(page.save());
        WorkflowHistoryDialog dialog(page.source(), QStringLiteral("waits"), &page);
        QCOMPARE(dialog.versionList()->topLevelItemCount(), 2);
        dialog.selectVersions(1, 2);
        QVERIFY(dialog.diffView()->changeCount() >= 1);
        QObject::connect(&dialog, &WorkflowHistoryDialog::restored, &page, [&page](int version, int as) {
            QCOMPARE(version, 1);
            QCOMPARE(as, 3);
            Q_UNUSED(page);
        });
        dialog.selectVersions(1);
        QVERIFY(dialog.restoreSelected());
        auto now = WorkflowStore(**ws).findByName(QStringLiteral("waits"));
        QVERIFY(now && *now);
        QCOMPARE((*now)->version, 3);
        QVERIFY((*now)->workflow.description.isEmpty());
        QCOMPARE(dialog.versionList()->topLevelItemCount(), 3);
    }
};

QTEST_MAIN(TestWorkflowsPage)
#include "tst_workflowspage.moc"
