// WorkflowStore: every changed save a version, versions listed, two versions diffed over their YAML, an old one
// restored as the newest; and a workspace of schema 8 upgraded to one that stores workflows.
#include "TestStore.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "scripts/ScriptStore.h"
#include "store/SqlDialect.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/DemoWorkflows.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"
#include "workflows/WorkflowYaml.h"

#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

Workflow small()
{
    Workflow w;
    w.name = QStringLiteral("restart web");
    WorkflowNode n;
    n.id = QStringLiteral("restart");
    n.kind = WorkflowNode::Kind::RunScript;
    n.script.inlineText = QStringLiteral("systemctl restart nginx\n");
    w.nodes.append(n);
    return w;
}

} // namespace

class TestWorkflowStore : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        TESTSTORE_INIT();
    }

    void versionsDiffRestore()
    {
        QTemporaryDir dir;
        auto ws = TestStore::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
        WorkflowStore store(**ws);
        store.setAuthor(QStringLiteral("alice"));
        bool created = false;
        auto v1 = store.save(small(), {}, &created);
        QVERIFY2(v1.ok(), qPrintable(v1.ok() ? QString() : v1.error().toString()));
        QVERIFY(created);
        QCOMPARE(v1->version, 1);
        QCOMPARE(v1->author, QStringLiteral("alice"));
        // Unchanged: no new version.
        auto same = store.save(small(), QStringLiteral("again"), &created);
        QVERIFY(same.ok());
        QVERIFY(!created);
        QCOMPARE(same->version, 1);

        Workflow changed = small();
        changed.nodes[0].x = 120;
        changed.nodes[0].plan = *RollingPlan::parse(QStringLiteral("1 50% 100%"));
        auto v2 = store.save(changed, QStringLiteral("batches"), &created);
        QVERIFY(v2.ok() && created);
        QCOMPARE(v2->version, 2);

        auto found = store.findByName(QStringLiteral("restart web"));
        QVERIFY(found.ok() && found->has_value());
        QVERIFY((*found)->workflow == changed);
        QCOMPARE((*found)->yaml, WorkflowYaml::save(changed));

        auto versions = store.versions(QStringLiteral("restart web"));
        QVERIFY(versions.ok());
        QCOMPARE(versions->size(), 2);
        QCOMPARE(versions->at(0).message, QStringLiteral("created"));
        QCOMPARE(versions->at(1).message, QStringLiteral("batches"));
        QCOMPARE(versions->at(1).author, QStringLiteral("alice"));

        auto diff = store.diff(QStringLiteral("restart web"), 1, 2);
        QVERIFY(diff.ok());
        QVERIFY2(diff->contains(QStringLiteral("--- restart web v1\n+++ restart web v2\n")), qPrintable(*diff));
        QVERIFY(diff->contains(QStringLiteral("-    position: [0, 0]\n+    position: [120, 0]\n")));
        QVERIFY(diff->contains(QStringLiteral("+    plan: 1 50% 100%\n")));
        QCOMPARE(*store.diff(QStringLiteral("restart web"), 2, 2), QString());
        auto noVersion = store.diff(QStringLiteral("restart web"), 1, 7);
        QVERIFY(!noVersion.ok());
        QVERIFY(noVersion.error().message.contains(QStringLiteral("no version 7")));

        auto restored = store.restore(QStringLiteral("restart web"), 1);
        QVERIFY(restored.ok());
        QCOMPARE(restored->version, 3);
        QVERIFY(restored->workflow == small());
        QCOMPARE(
            store.versions(QStringLiteral("restart web"))->constLast().message, QStringLiteral("restored version 1"));

        QVERIFY(!store.versions(QStringLiteral("nope")).ok());
        Workflow other = small();
        other.name = QStringLiteral("a first");
        QVERIFY(store.save(other).ok());
        auto all = store.loadAll();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(0).workflow.name, QStringLiteral("a first"));
        Workflow bad = small();
        bad.name = QStringLiteral(" padded");
        QVERIFY(!store.save(bad).ok());
    }

    void demoWorkflowsValidateClean()
    {
        QTemporaryDir dir;
        auto ws = TestStore::open(dir.filePath(QStringLiteral("demo.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        QVERIFY(DemoScripts::addTo(**ws).ok());
        QVERIFY(DemoTemplates::addTo(**ws).ok());
        QVERIFY(DemoWorkflows::addTo(**ws).ok());
        ScriptStore scripts(**ws);
        TemplateStore templates(**ws);
        WorkflowLookup lookup;
        lookup.scriptExists = [&](const QString& n) { return scripts.findByName(n).value().has_value(); };
        lookup.templateExists = [&](const QString& n) { return templates.findByName(n).value().has_value(); };
        lookup.workflowExists = [](const QString&) { return false; };
        auto all = WorkflowStore(**ws).loadAll();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        for (const StoredWorkflow& w : std::as_const(*all)) {
            QStringList problems;
            for (const WorkflowProblem& p : validateWorkflow(w.workflow, lookup)) {
                problems.append(p.toString(w.workflow));
            }
            QVERIFY2(problems.isEmpty(), qPrintable(w.workflow.name + QStringLiteral(": ") + problems.join(u'\n')));
            QCOMPARE(WorkflowYaml::save(*WorkflowYaml::load(w.yaml)), w.yaml);
        }
        // The release: precheck, push, restart in batches 1 50% 100%, a TCP probe, and a rollback on the hosts that
        // succeeded in the push, reached by failure edges.
        const Workflow& release = all->at(0).workflow;
        QCOMPARE(release.name, QStringLiteral("nginx rolling release"));
        QCOMPARE(release.node(QStringLiteral("restart"))->plan.toString(), QStringLiteral("1 50% 100%"));
        QCOMPARE(release.node(QStringLiteral("probe"))->probe.port, 80);
        const WorkflowNode* rollback = release.node(QStringLiteral("rollback"));
        QCOMPARE(rollback->targets.from, WorkflowTargets::From::Succeeded);
        QCOMPARE(rollback->targets.fromNode, QStringLiteral("push"));
        for (const WorkflowEdge& e : release.incoming(QStringLiteral("rollback"))) {
            QCOMPARE(e.kind, WorkflowEdge::Kind::OnFailure);
        }
        // Without the demo library the references are reported.
        WorkflowLookup empty;
        empty.scriptExists = [](const QString&) { return false; };
        empty.templateExists = [](const QString&) { return false; };
        QVERIFY(!validateWorkflow(release, empty).isEmpty());
    }

    void migratesFromSchema8()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.opsdeck"));
        QVERIFY(TestStore::createAtVersion(path, 8).ok());
        auto ws = TestStore::open(path);
        QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
        QCOMPARE((*ws)->schemaVersionOnOpen(), 8);
        QCOMPARE(SqlDialect::schemaVersion((*ws)->database()).value(), Workspace::kSchemaVersion);
        WorkflowStore store(**ws);
        QVERIFY(store.save(small()).ok());
        QCOMPARE(store.versions(QStringLiteral("restart web"))->size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestWorkflowStore)
#include "tst_workflowstore.moc"
