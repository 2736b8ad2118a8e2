// The Workflows page: the demo workspace's two workflows listed with their steps and version, the selected one's
// YAML exactly as stored and no problems; a workflow naming a script the library lacks shows that problem with its
// node and field.
#include "YamlView.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "store/Workspace.h"
#include "workflows/DemoWorkflows.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowYaml.h"
#include "workflows/WorkflowsPage.h"

#include <QListWidget>
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
};

QTEST_MAIN(TestWorkflowsPage)
#include "tst_workflowspage.moc"
