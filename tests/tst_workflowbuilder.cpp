// The workflow builder driven as a person would: nodes dragged from the palette onto the canvas, connected by
// dragging from a port onto another node, moved (snapped to the grid), their properties edited (the batch preview
// and the target count follow), an edge's condition checked as typed (with the column), undo/redo of each edit,
// copy/paste, delete, tidy, the YAML tab in step both ways, save and reopen with identical YAML, unsaved edits asked
// about. Edges are routed around the nodes in between. With OPSDECK_SCREENSHOT_DIR set, screenshots of the demo
// release workflow in both themes and languages.
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "store/Workspace.h"
#include "workflows/DemoWorkflows.h"
#include "workflows/WorkflowCanvas.h"
#include "workflows/WorkflowDocument.h"
#include "workflows/WorkflowEditor.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowYaml.h"
#include "workflows/WorkflowsPage.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

namespace {

QPoint viewPoint(WorkflowCanvas* canvas, const QPointF& scene)
{
    return canvas->mapFromScene(scene);
}

void dropKind(WorkflowCanvas* canvas, WorkflowNode::Kind kind, const QPointF& sceneCentre)
{
    QMimeData data;
    data.setData(WorkflowCanvas::kindMimeType(), WorkflowNode::kindName(kind).toUtf8());
    const QPoint at = viewPoint(canvas, sceneCentre);
    QDragEnterEvent enter(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &enter);
    QDragMoveEvent move(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &move);
    QDropEvent drop(at, Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &drop);
}

void mouse(WorkflowCanvas* canvas, QEvent::Type type, const QPointF& scene, Qt::MouseButtons buttons)
{
    const QPoint at = viewPoint(canvas, scene);
    QMouseEvent e(type, at, canvas->viewport()->mapToGlobal(at),
        type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &e);
}

// Drags with the left button from one scene point to another, in a few steps.
void drag(WorkflowCanvas* canvas, const QPointF& from, const QPointF& to)
{
    mouse(canvas, QEvent::MouseButtonPress, from, Qt::LeftButton);
    for (int i = 1; i <= 4; ++i) {
        mouse(canvas, QEvent::MouseMove, from + (to - from) * i / 4, Qt::LeftButton);
    }
    mouse(canvas, QEvent::MouseButtonRelease, to, Qt::NoButton);
}

// The success (top) out-port of a node whose top-left is `pos`.
QPointF successPort(const QPointF& pos)
{
    return pos + QPointF(WorkflowCanvas::kNodeWidth, WorkflowCanvas::kNodeHeight * 0.25);
}

QPointF centreOf(const QPointF& pos)
{
    return pos + QPointF(WorkflowCanvas::kNodeWidth / 2, WorkflowCanvas::kNodeHeight / 2);
}

} // namespace

class TestWorkflowBuilder : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto ws = Workspace::open(m_dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        m_ws = std::move(*ws);
        QVERIFY(m_ws->saveInventory(DemoInventory::make()));
        QVERIFY(DemoScripts::addTo(*m_ws));
        QVERIFY(DemoTemplates::addTo(*m_ws));
        QVERIFY(DemoWorkflows::addTo(*m_ws));
    }

    void openedWorkflowShowsItsYamlExactly()
    {
        WorkflowsPage page(m_ws.get());
        page.resize(1400, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.list()->count() >= 2);
        page.list()->setCurrentRow(0);
        auto stored = WorkflowStore(*m_ws).findByName(page.list()->item(0)->data(Qt::UserRole).toString());
        QVERIFY(stored && *stored);
        QCOMPARE(page.editor()->yamlEdit()->toPlainText(), (*stored)->yaml);
        QCOMPARE(page.editor()->canvas()->workflow().nodes.size(), (*stored)->workflow.nodes.size());
        QVERIFY(!page.editor()->isModified());
        QCOMPARE(page.problems()->topLevelItemCount(), 0);
    }

    void buildConnectEditUndoSaveReopen()
    {
        WorkflowsPage page(m_ws.get());
        page.resize(1400, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.newWorkflow();
        WorkflowEditor* editor = page.editor();
        WorkflowCanvas* canvas = editor->canvas();
        QCOMPARE(canvas->workflow().nodes.size(), 0);
        QCOMPARE(editor->workflow().name, QStringLiteral("New workflow"));

        // Two nodes dragged from the palette; they land snapped, centred under the drop.
        const QPointF c = canvas->visibleCentre();
        dropKind(canvas, WorkflowNode::Kind::RunScript, c + QPointF(-200, 0));
        dropKind(canvas, WorkflowNode::Kind::Probe, c + QPointF(200, 0));
        QCOMPARE(editor->workflow().nodes.size(), 2);
        const WorkflowNode a = editor->workflow().nodes.at(0);
        const WorkflowNode b = editor->workflow().nodes.at(1);
        QCOMPARE(a.id, QStringLiteral("run_script"));
        QCOMPARE(b.id, QStringLiteral("probe"));
        QCOMPARE(b.kind, WorkflowNode::Kind::Probe);
        QCOMPARE(WorkflowCanvas::snapped(QPointF(a.x, a.y)), QPointF(a.x, a.y));
        QVERIFY(editor->isModified());

        // Connect them: drag from a's success port onto b.
        drag(canvas, successPort(QPointF(a.x, a.y)), centreOf(QPointF(b.x, b.y)));
        QCOMPARE(editor->workflow().edges.size(), 1);
        QCOMPARE(editor->workflow().edges.at(0).from, a.id);
        QCOMPARE(editor->workflow().edges.at(0).to, b.id);
        QCOMPARE(editor->workflow().edges.at(0).kind, WorkflowEdge::Kind::OnSuccess);
        // The new edge is selected: its condition is checked as typed, the error naming the column.
        QCOMPARE(canvas->selectedEdges(), QList<int>({ 0 }));
        auto* when = editor->properties()->findChild<QLineEdit*>(QStringLiteral("field_when"));
        QVERIFY(when);
        when->setFocus();
        QTest::keyClicks(when, QStringLiteral("nodes.run_script.failed_hosts | length =="));
        QCOMPARE(editor->workflow().edges.at(0).condition, QStringLiteral("nodes.run_script.failed_hosts | length =="));
        auto* whenProblem = editor->properties()->findChild<QLabel*>(QStringLiteral("problem_when"));
        QVERIFY(whenProblem);
        QVERIFY2(whenProblem->isVisible() && whenProblem->text().contains(QStringLiteral("column")),
            qPrintable(whenProblem->text()));
        QTest::keyClicks(when, QStringLiteral(" 0"));
        QVERIFY2(!whenProblem->isVisible(), qPrintable(whenProblem->text()));
        // Typing in one field is one undo step.
        editor->undo();
        QVERIFY(editor->workflow().edges.at(0).condition.isEmpty());
        editor->redo();
        QCOMPARE(
            editor->workflow().edges.at(0).condition, QStringLiteral("nodes.run_script.failed_hosts | length == 0"));

        // Move a node by dragging its body: snapped, one undo step.
        const QPointF before(editor->workflow().node(b.id)->x, editor->workflow().node(b.id)->y);
        drag(canvas, centreOf(before), centreOf(before) + QPointF(47, 83));
        const QPointF after(editor->workflow().node(b.id)->x, editor->workflow().node(b.id)->y);
        QCOMPARE(after, WorkflowCanvas::snapped(before + QPointF(47, 83)));
        editor->undo();
        QCOMPARE(QPointF(editor->workflow().node(b.id)->x, editor->workflow().node(b.id)->y), before);
        editor->redo();

        // Properties of the script node: pick a library script, a plan whose batches are previewed.
        canvas->selectNodes({ a.id });
        auto* script = editor->properties()->findChild<QComboBox*>(QStringLiteral("field_script"));
        QVERIFY(script);
        const int deploy = script->findData(QStringLiteral("disk-report"));
        QVERIFY2(deploy > 0, "the demo script disk-report is offered");
        script->setCurrentIndex(deploy);
        emit script->activated(deploy);
        QCOMPARE(editor->workflow().node(a.id)->script.script, QStringLiteral("disk-report"));
        auto* query = editor->properties()->findChild<QLineEdit*>(QStringLiteral("field_query"));
        QVERIFY(query);
        query->setFocus();
        QTest::keyClicks(query, QStringLiteral("group:web"));
        auto* count = editor->properties()->findChild<QLabel*>(QStringLiteral("targetCount"));
        QVERIFY(count);
        QVERIFY2(count->text().contains(QStringLiteral("host")), qPrintable(count->text()));
        auto* plan = editor->properties()->findChild<QLineEdit*>(QStringLiteral("field_plan"));
        QVERIFY(plan);
        plan->setFocus();
        QTest::keyClicks(plan, QStringLiteral("1 50% 100%"));
        QCOMPARE(editor->workflow().node(a.id)->plan.toString(), QStringLiteral("1 50% 100%"));
        auto* batches = editor->properties()->findChild<QLabel*>(QStringLiteral("batchPreview"));
        QVERIFY2(batches->text().startsWith(QStringLiteral("batches of 1, ")), qPrintable(batches->text()));
        auto* planProblem = editor->properties()->findChild<QLabel*>(QStringLiteral("problem_plan"));
        QTest::keyClicks(plan, QStringLiteral(" x"));
        QVERIFY2(planProblem->isVisible() && !planProblem->text().isEmpty(), "a plan that does not parse says why");
        QTest::keyClick(plan, Qt::Key_Backspace);
        QTest::keyClick(plan, Qt::Key_Backspace);

        // The YAML tab follows the canvas; editing it edits the workflow once it parses.
        QString yaml = editor->yamlEdit()->toPlainText();
        QCOMPARE(yaml, WorkflowYaml::save(editor->workflow()));
        QVERIFY(yaml.contains(QStringLiteral("script: disk-report")));
        editor->tabs()->setCurrentIndex(2);
        editor->yamlEdit()->setFocus();
        editor->yamlEdit()->setPlainText(
            yaml.replace(QStringLiteral("kind: probe"), QStringLiteral("kind: wait"))
                .replace(QStringLiteral("    probe: tcp\n"), QString())
                .replace(QStringLiteral("    port: 22\n"), QStringLiteral("    seconds: 5\n")));
        QTRY_COMPARE_WITH_TIMEOUT(editor->workflow().node(b.id)->kind, WorkflowNode::Kind::Wait, 3000);
        editor->yamlEdit()->setPlainText(QStringLiteral("name: x\nnodes: [\n"));
        QTest::qWait(600);
        QCOMPARE(editor->workflow().node(b.id)->kind, WorkflowNode::Kind::Wait); // a broken text changes nothing
        editor->undo(); // the YAML edit
        QCOMPARE(editor->workflow().node(b.id)->kind, WorkflowNode::Kind::Probe);
        canvas->setFocus();

        // Copy and paste: new ids, the edge between copied nodes comes along, offset by two grid steps.
        canvas->selectNodes({ a.id, b.id });
        editor->copySelection();
        QVERIFY(QApplication::clipboard()->text().contains(QStringLiteral("id: run_script")));
        editor->paste();
        QCOMPARE(editor->workflow().nodes.size(), 4);
        QCOMPARE(editor->workflow().edges.size(), 2);
        QCOMPARE(editor->workflow().edges.at(1).from, QStringLiteral("run_script_2"));
        QCOMPARE(editor->workflow().edges.at(1).to, QStringLiteral("probe_2"));
        QCOMPARE(editor->workflow().node(QStringLiteral("probe_2"))->x, editor->workflow().node(b.id)->x + 40);
        QCOMPARE(canvas->selectedNodes(), QStringList({ "run_script_2", "probe_2" }));
        // Delete takes the pasted nodes and their edge; undo brings them back.
        QTest::keyClick(canvas->viewport(), Qt::Key_Delete);
        if (editor->workflow().nodes.size() != 2) {
            editor->deleteSelection();
        }
        QCOMPARE(editor->workflow().nodes.size(), 2);
        QCOMPARE(editor->workflow().edges.size(), 1);
        editor->undo();
        QCOMPARE(editor->workflow().nodes.size(), 4);
        editor->redo();

        // Tidy: left to right by order.
        editor->tidy();
        QVERIFY(editor->workflow().node(b.id)->x > editor->workflow().node(a.id)->x);
        QCOMPARE(editor->workflow().node(b.id)->y, editor->workflow().node(a.id)->y);

        // Rename and save: a new workflow in the store whose YAML is what the editor shows.
        canvas->selectNodes({});
        auto* name = editor->properties()->findChild<QLineEdit*>(QStringLiteral("field_name"));
        QVERIFY(name);
        name->setFocus();
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("disk check"));
        QCOMPARE(editor->workflow().name, QStringLiteral("disk check"));
        const QString expected = WorkflowYaml::save(editor->workflow());
        QVERIFY(page.save());
        QVERIFY(!editor->isModified());
        auto stored = WorkflowStore(*m_ws).findByName(QStringLiteral("disk check"));
        QVERIFY(stored && *stored);
        QCOMPARE((*stored)->yaml, expected);
        QCOMPARE((*stored)->version, 1);

        // Reopened in a fresh page: the same YAML, the same canvas.
        WorkflowsPage again(m_ws.get());
        again.resize(1400, 800);
        again.show();
        for (int i = 0; i < again.list()->count(); ++i) {
            if (again.list()->item(i)->data(Qt::UserRole).toString() == QLatin1String("disk check")) {
                again.list()->setCurrentRow(i);
            }
        }
        QCOMPARE(again.editor()->yamlEdit()->toPlainText(), expected);
        QCOMPARE(again.editor()->workflow(), (*stored)->workflow);

        // An unsaved edit is asked about before another workflow is shown; Cancel stays.
        again.editor()->addNode(WorkflowNode::Kind::Wait, QPointF(0, 400));
        QVERIFY(again.editor()->isModified());
        const int row = again.list()->currentRow();
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        again.list()->setCurrentRow(row == 0 ? 1 : 0);
        QCOMPARE(again.list()->currentRow(), row);
        QVERIFY(again.editor()->isModified());
        Dialogs::setNextAnswer(QMessageBox::Save);
        again.list()->setCurrentRow(row == 0 ? 1 : 0);
        auto saved = WorkflowStore(*m_ws).findByName(QStringLiteral("disk check"));
        QCOMPARE((*saved)->version, 2);
        QCOMPARE((*saved)->workflow.nodes.size(), 3); // the two built, the wait just added
    }

    void edgesGoAroundNodesInBetween()
    {
        WorkflowEditor editor;
        editor.resize(1200, 700);
        editor.show();
        Workflow w;
        w.name = QStringLiteral("route");
        for (const auto& [id, x] : { std::pair { "a", 0 }, std::pair { "b", 300 }, std::pair { "c", 600 } }) {
            WorkflowNode n;
            n.id = QLatin1String(id);
            n.kind = WorkflowNode::Kind::Wait;
            n.x = x;
            n.y = 0;
            w.nodes.append(n);
        }
        w.edges.append(WorkflowEdge { QStringLiteral("a"), QStringLiteral("c"), WorkflowEdge::Kind::Always, {} });
        w.edges.append(WorkflowEdge { QStringLiteral("c"), QStringLiteral("a"), WorkflowEdge::Kind::OnFailure, {} });
        editor.open(w);
        const QRectF middle(300, 0, WorkflowCanvas::kNodeWidth, WorkflowCanvas::kNodeHeight);
        for (int e = 0; e < 2; ++e) {
            const QPolygonF route = editor.canvas()->edgeRoute(e);
            QVERIFY(route.size() >= 4);
            for (qsizetype i = 0; i + 1 < route.size(); ++i) {
                const QRectF seg = QRectF(route.at(i), route.at(i + 1)).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
                QVERIFY2(!seg.intersects(middle),
                    qPrintable(QStringLiteral("edge %1 segment %2 crosses node b").arg(e).arg(i)));
            }
        }
        // Keyboard: arrows nudge by one grid step, as one undo step each.
        editor.canvas()->selectNodes({ QStringLiteral("a") });
        editor.canvas()->setFocus();
        QTest::keyClick(editor.canvas(), Qt::Key_Down);
        QCOMPARE(editor.workflow().node(QStringLiteral("a"))->y, double(WorkflowCanvas::kGrid));
        editor.undo();
        QCOMPARE(editor.workflow().node(QStringLiteral("a"))->y, 0.0);
        // Zoom stays within bounds.
        for (int i = 0; i < 30; ++i) {
            editor.canvas()->zoomBy(1.5);
        }
        QVERIFY(editor.canvas()->zoom() <= 3.0 + 1e-9);
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
        if (dir.isEmpty()) {
            QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the builder");
        }
        for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
            Startup::installTranslators(lang);
            for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
                Theme::instance()->setMode(mode);
                Theme::instance()->apply();
                WorkflowsPage page(m_ws.get());
                page.resize(1500, 820);
                page.show();
                QVERIFY(QTest::qWaitForWindowExposed(&page));
                for (int i = 0; i < page.list()->count(); ++i) {
                    if (page.list()->item(i)->data(Qt::UserRole).toString().contains(QStringLiteral("release"))) {
                        page.list()->setCurrentRow(i);
                    }
                }
                const QStringList ids = [&] {
                    QStringList out;
                    for (const WorkflowNode& n : page.editor()->workflow().nodes) {
                        out.append(n.id);
                    }
                    return out;
                }();
                if (ids.size() > 2) {
                    page.editor()->canvas()->selectNodes({ ids.at(2) });
                }
                page.editor()->canvas()->fitAll();
                QTest::qWait(200);
                const QString suffix
                    = (mode == Theme::Mode::Dark ? QStringLiteral("-dark-") : QStringLiteral("-light-"))
                    + (lang == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh"))
                    + QStringLiteral(".png");
                QVERIFY(page.grab().save(dir + QStringLiteral("/workflow-builder") + suffix));
            }
        }
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        Theme::instance()->apply();
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
};

QTEST_MAIN(TestWorkflowBuilder)
#include "tst_workflowbuilder.moc"
