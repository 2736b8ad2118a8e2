#include "WorkflowEditor.h"

#include "Theme.h"
#include "WorkflowCanvas.h"
#include "WorkflowDocument.h"
#include "WorkflowText.h"
#include "workflows/WorkflowYaml.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

const QString kClipboardMime = QStringLiteral("application/x-opsdeck-workflow-nodes");

// The palette: node kinds that drag onto the canvas as WorkflowCanvas::kindMimeType().
class NodePalette : public QListWidget {
public:
    using QListWidget::QListWidget;

protected:
    QStringList mimeTypes() const override { return { WorkflowCanvas::kindMimeType() }; }
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override
    {
        if (items.isEmpty()) {
            return nullptr;
        }
        auto* data = new QMimeData;
        data->setData(WorkflowCanvas::kindMimeType(), items.first()->data(Qt::UserRole).toString().toUtf8());
        return data;
    }
};

} // namespace

WorkflowEditor::WorkflowEditor(QWidget* parent)
    : QWidget(parent)
    , m_document(new WorkflowDocument(this))
    , m_canvas(new WorkflowCanvas(this))
    , m_minimap(nullptr)
    , m_properties(new WorkflowProperties(m_document, this))
    , m_palette(new NodePalette(this))
    , m_problems(new QTreeWidget(this))
    , m_yaml(new QPlainTextEdit(this))
    , m_yamlStatus(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_toolbar(new QToolBar(this))
{
    setObjectName(QStringLiteral("workflowEditor"));
    m_minimap = new WorkflowMinimap(m_canvas, this);
    m_palette->setObjectName(QStringLiteral("workflowPalette"));
    m_palette->setDragEnabled(true);
    m_palette->setDragDropMode(QAbstractItemView::DragOnly);
    m_palette->setMaximumWidth(130);
    m_problems->setObjectName(QStringLiteral("workflowEditorProblems"));
    m_problems->setRootIsDecorated(false);
    m_problems->setColumnCount(3);
    m_problems->header()->setStretchLastSection(true);
    m_yaml->setObjectName(QStringLiteral("workflowYamlEdit"));
    m_yaml->setFont(QFont(QStringLiteral("monospace")));
    m_yaml->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_yamlStatus->setWordWrap(true);
    m_yamlTimer.setSingleShot(true);
    m_yamlTimer.setInterval(400);

    const auto action = [this](const QString& name, const QKeySequence& keys, auto slot) {
        auto* a = new QAction(this);
        a->setObjectName(name);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        m_toolbar->addAction(a);
        return a;
    };
    m_runAction = action(QStringLiteral("workflowRun"), QKeySequence(Qt::Key_F5), [this] { emit runRequested(); });
    m_save = action(QStringLiteral("workflowSave"), QKeySequence::Save, [this] { emit saveRequested(); });
    m_toolbar->addSeparator();
    m_undo = action(QStringLiteral("workflowUndo"), QKeySequence::Undo, [this] { undo(); });
    m_redo = action(QStringLiteral("workflowRedo"), QKeySequence::Redo, [this] { redo(); });
    m_toolbar->addSeparator();
    m_copy = action(QStringLiteral("workflowCopy"), QKeySequence::Copy, [this] { copySelection(); });
    m_paste = action(QStringLiteral("workflowPaste"), QKeySequence::Paste, [this] { paste(); });
    m_delete = action(QStringLiteral("workflowDelete"), QKeySequence::Delete, [this] { deleteSelection(); });
    m_toolbar->addSeparator();
    m_tidy = action(QStringLiteral("workflowTidy"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] { tidy(); });
    m_fit = action(QStringLiteral("workflowFit"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { m_canvas->fitAll(); });
    m_zoomIn = action(QStringLiteral("workflowZoomIn"), QKeySequence::ZoomIn, [this] { m_canvas->zoomBy(1.2); });
    m_zoomOut = action(QStringLiteral("workflowZoomOut"), QKeySequence::ZoomOut, [this] { m_canvas->zoomBy(1 / 1.2); });
    // Copy, paste and delete belong to the canvas: in a text field they are the field's own.
    for (QAction* a : { m_copy, m_paste, m_delete }) {
        a->setShortcutContext(Qt::WidgetShortcut);
        m_canvas->addAction(a);
    }
    m_undo->setEnabled(false);
    m_redo->setEnabled(false);
    connect(m_document->undoStack(), &QUndoStack::canUndoChanged, m_undo, &QAction::setEnabled);
    connect(m_document->undoStack(), &QUndoStack::canRedoChanged, m_redo, &QAction::setEnabled);
    connect(
        m_document->undoStack(), &QUndoStack::cleanChanged, this, [this](bool clean) { emit modifiedChanged(!clean); });

    // Left: palette; middle: canvas with the minimap in its corner; right: tabs (properties, problems, YAML).
    auto* canvasBox = new QWidget(this);
    auto* canvasLayout = new QVBoxLayout(canvasBox);
    canvasLayout->setContentsMargins(0, 0, 0, 0);
    canvasLayout->addWidget(m_canvas, 1);
    m_minimap->setParent(m_canvas->viewport());
    m_canvas->viewport()->installEventFilter(this);

    auto* propertiesScroll = new QScrollArea(this);
    propertiesScroll->setWidgetResizable(true);
    propertiesScroll->setWidget(m_properties);
    auto* yamlBox = new QWidget(this);
    auto* yamlLayout = new QVBoxLayout(yamlBox);
    yamlLayout->setContentsMargins(0, 0, 0, 0);
    yamlLayout->addWidget(m_yaml, 1);
    yamlLayout->addWidget(m_yamlStatus);
    m_tabs->setObjectName(QStringLiteral("workflowEditorTabs"));
    m_tabs->addTab(propertiesScroll, QString());
    m_tabs->addTab(m_problems, QString());
    m_tabs->addTab(yamlBox, QString());
    m_tabs->setMinimumWidth(300);

    auto* split = new QSplitter(this);
    split->addWidget(m_palette);
    split->addWidget(canvasBox);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 1);
    split->setSizes({ 120, 760, 300 });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toolbar);
    layout->addWidget(split, 1);

    connect(m_document, &WorkflowDocument::changed, this, &WorkflowEditor::documentChanged);
    connect(m_canvas, &WorkflowCanvas::selectionChanged, this, &WorkflowEditor::selectionChanged);
    connect(m_canvas, &WorkflowCanvas::deleteRequested, this, &WorkflowEditor::deleteSelection);
    connect(m_canvas, &WorkflowCanvas::nodeDropped, this,
        [this](WorkflowNode::Kind kind, const QPointF& at) { addNode(kind, at); });
    connect(m_canvas, &WorkflowCanvas::edgeDrawn, this, &WorkflowEditor::connectNodes);
    connect(m_canvas, &WorkflowCanvas::nodesMoved, this, [this](const QHash<QString, QPointF>& moved) {
        Workflow after = m_document->workflow();
        for (auto it = moved.constBegin(); it != moved.constEnd(); ++it) {
            if (WorkflowNode* n = after.node(it.key())) {
                n->x = it.value().x();
                n->y = it.value().y();
            }
        }
        m_document->apply(after, tr("Move %n step(s)", "", int(moved.size())));
    });
    connect(m_canvas, &WorkflowCanvas::nodeActivated, this, [this](const QString&) { m_tabs->setCurrentIndex(0); });
    connect(m_palette, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const auto kind = WorkflowNode::kindFromName(item->data(Qt::UserRole).toString());
        if (kind && !m_runMode) {
            addNode(*kind,
                WorkflowCanvas::snapped(m_canvas->visibleCentre()
                    - QPointF(WorkflowCanvas::kNodeWidth / 2, WorkflowCanvas::kNodeHeight / 2)));
        }
    });
    connect(m_properties, &WorkflowProperties::nodeRenamed, this,
        [this](const QString&, const QString& to) { m_canvas->selectNodes({ to }); });
    connect(m_problems, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString node = item->data(0, Qt::UserRole).toString();
        const int edge = item->data(1, Qt::UserRole).toInt();
        if (!node.isEmpty()) {
            m_canvas->selectNodes({ node }, true);
        } else if (edge >= 0) {
            m_canvas->selectEdge(edge);
        }
        m_tabs->setCurrentIndex(0);
    });
    connect(m_yaml, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_settingYaml) {
            m_yamlTimer.start();
        }
    });
    connect(&m_yamlTimer, &QTimer::timeout, this, &WorkflowEditor::yamlEdited);
    retranslate();
    documentChanged();
}

bool WorkflowEditor::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_canvas->viewport() && event->type() == QEvent::Resize) {
        // The minimap keeps to the canvas's bottom-right corner.
        const QSize area = m_canvas->viewport()->size();
        m_minimap->move(area.width() - m_minimap->width() - 8, area.height() - m_minimap->height() - 8);
    }
    return QWidget::eventFilter(watched, event);
}

void WorkflowEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        documentChanged();
    }
    QWidget::changeEvent(event);
}

void WorkflowEditor::retranslate()
{
    m_runAction->setText(tr("Run…"));
    m_runAction->setToolTip(tr("Run the workflow: parameters, hosts and what will run first (F5)"));
    m_save->setText(tr("Save"));
    m_save->setToolTip(tr("Save a new version (Ctrl+S)"));
    m_undo->setText(tr("Undo"));
    m_redo->setText(tr("Redo"));
    m_copy->setText(tr("Copy"));
    m_paste->setText(tr("Paste"));
    m_delete->setText(tr("Delete"));
    m_tidy->setText(tr("Tidy Layout"));
    m_tidy->setToolTip(tr("Lay the steps out left to right by their order (Ctrl+L)"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole workflow (Ctrl+0)"));
    m_zoomIn->setText(tr("Zoom In"));
    m_zoomOut->setText(tr("Zoom Out"));
    m_tabs->setTabText(0, tr("Properties"));
    m_tabs->setTabText(2, tr("YAML"));
    m_problems->setHeaderLabels({ tr("Node"), tr("Field"), tr("Problem") });
    fillPalette();
}

void WorkflowEditor::fillPalette()
{
    m_palette->clear();
    for (const WorkflowNode::Kind kind : WorkflowNode::allKinds()) {
        auto* item = new QListWidgetItem(WorkflowText::kindLabel(kind), m_palette);
        item->setData(Qt::UserRole, WorkflowNode::kindName(kind));
        item->setToolTip(WorkflowText::kindDescription(kind) + QLatin1Char('\n')
            + tr("Drag onto the canvas, or press Enter to add it in the middle."));
        QPixmap swatch(12, 12);
        swatch.fill(WorkflowText::kindColour(kind));
        item->setIcon(QIcon(swatch));
    }
}

void WorkflowEditor::open(const Workflow& workflow)
{
    m_document->reset(workflow);
    m_properties->showWorkflow();
    m_canvas->fitAll();
}

const Workflow& WorkflowEditor::workflow() const
{
    return m_document->workflow();
}

bool WorkflowEditor::isModified() const
{
    return m_document->isModified();
}

void WorkflowEditor::markSaved()
{
    m_document->markSaved();
}

void WorkflowEditor::setLookup(const WorkflowLookup& lookup, const WorkflowProperties::Names& names)
{
    m_lookup = lookup;
    m_properties->setNames(names);
    documentChanged();
}

void WorkflowEditor::setRunMode(bool running)
{
    m_runMode = running;
    m_canvas->setReadOnly(running);
    if (!running) {
        m_canvas->clearRunStates();
    }
    m_palette->setEnabled(!running);
    m_properties->setEnabled(!running);
    m_yaml->setReadOnly(running);
    for (QAction* a : { m_save, m_undo, m_redo, m_paste, m_delete, m_tidy, m_runAction }) {
        a->setVisible(!running);
    }
    if (!running) {
        m_undo->setEnabled(m_document->undoStack()->canUndo());
        m_redo->setEnabled(m_document->undoStack()->canRedo());
    }
}

void WorkflowEditor::setInventory(std::function<const Inventory*()> inventory)
{
    m_properties->setInventory(std::move(inventory));
}

void WorkflowEditor::documentChanged()
{
    const Workflow& w = m_document->workflow();
    m_currentProblems = validateWorkflow(w, m_lookup);
    m_canvas->setWorkflow(w, m_currentProblems);
    m_properties->refresh(m_currentProblems);
    m_problems->clear();
    for (const WorkflowProblem& p : std::as_const(m_currentProblems)) {
        auto* row = new QTreeWidgetItem(m_problems);
        row->setText(0, p.edge >= 0 ? tr("edge %1").arg(p.edge + 1) : p.node);
        row->setText(1, p.field);
        row->setText(2, p.column > 0 ? tr("column %1: %2").arg(p.column).arg(p.message) : p.message);
        row->setData(0, Qt::UserRole, p.node);
        row->setData(1, Qt::UserRole, p.edge);
    }
    m_tabs->setTabText(
        1, m_currentProblems.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(m_currentProblems.size()));
    // The YAML tab follows the canvas, unless it is being typed in.
    if (!m_yaml->hasFocus()) {
        const QString yaml = WorkflowYaml::save(w);
        if (m_yaml->toPlainText() != yaml) {
            m_settingYaml = true;
            m_yaml->setPlainText(yaml);
            m_settingYaml = false;
        }
        m_yamlStatus->clear();
    }
}

void WorkflowEditor::selectionChanged()
{
    const QStringList nodes = m_canvas->selectedNodes();
    const QList<int> edges = m_canvas->selectedEdges();
    if (nodes.size() == 1 && edges.isEmpty()) {
        if (m_properties->shownNode() != nodes.first()) {
            m_properties->showNode(nodes.first());
        }
    } else if (nodes.isEmpty() && edges.size() == 1) {
        if (m_properties->shownEdge() != edges.first()) {
            m_properties->showEdge(edges.first());
        }
    } else if (!m_properties->shownNode().isEmpty() || m_properties->shownEdge() >= 0 || nodes.isEmpty()) {
        m_properties->showWorkflow();
    }
}

void WorkflowEditor::yamlEdited()
{
    const auto loaded = WorkflowYaml::load(m_yaml->toPlainText(), m_document->workflow().name + QStringLiteral(".yml"));
    if (!loaded) {
        m_yamlStatus->setText(loaded.error().toString());
        m_yamlStatus->setStyleSheet(
            QStringLiteral("color: %1").arg(Theme::color(QStringLiteral("syntax.error")).name()));
        return;
    }
    m_yamlStatus->setStyleSheet({});
    m_yamlStatus->setText(tr("Applied to the canvas."));
    m_document->apply(*loaded, tr("Edit YAML"), QStringLiteral("yaml"));
}

QString WorkflowEditor::addNode(WorkflowNode::Kind kind, const QPointF& at)
{
    Workflow after = m_document->workflow();
    WorkflowNode n;
    n.kind = kind;
    n.id = after.uniqueNodeId(WorkflowNode::kindName(kind).replace(QLatin1Char('-'), QLatin1Char('_')));
    n.x = at.x();
    n.y = at.y();
    if (kind == WorkflowNode::Kind::Probe) {
        n.probe.port = 22;
    }
    if (kind == WorkflowNode::Kind::Wait) {
        n.waitSeconds = 30;
    }
    after.nodes.append(n);
    m_document->apply(after, tr("Add %1").arg(WorkflowText::kindLabel(kind)));
    m_canvas->selectNodes({ n.id });
    m_canvas->setFocus();
    return n.id;
}

void WorkflowEditor::connectNodes(const QString& from, const QString& to, WorkflowEdge::Kind kind)
{
    Workflow after = m_document->workflow();
    for (const WorkflowEdge& e : std::as_const(after.edges)) {
        if (e.from == from && e.to == to && e.kind == kind) {
            return; // already there
        }
    }
    after.edges.append(WorkflowEdge { from, to, kind, {} });
    m_document->apply(after, tr("Connect %1 to %2").arg(from, to));
    m_canvas->selectEdge(int(after.edges.size()) - 1);
}

void WorkflowEditor::deleteSelection()
{
    if (m_runMode) {
        return;
    }
    const QStringList nodes = m_canvas->selectedNodes();
    QList<int> edges = m_canvas->selectedEdges();
    if (nodes.isEmpty() && edges.isEmpty()) {
        return;
    }
    Workflow after = m_document->workflow();
    std::sort(edges.begin(), edges.end(), std::greater<>());
    for (const int e : std::as_const(edges)) {
        after.edges.removeAt(e);
    }
    for (const QString& id : nodes) {
        after.removeNode(id);
    }
    m_document->apply(after,
        nodes.isEmpty() ? tr("Delete %n edge(s)", "", int(edges.size()))
                        : tr("Delete %n step(s)", "", int(nodes.size())));
}

void WorkflowEditor::copySelection()
{
    const QStringList ids = m_canvas->selectedNodes();
    if (ids.isEmpty()) {
        return;
    }
    Workflow clip;
    clip.name = QStringLiteral("clipboard");
    for (const WorkflowNode& n : m_document->workflow().nodes) {
        if (ids.contains(n.id)) {
            clip.nodes.append(n);
        }
    }
    for (const WorkflowEdge& e : m_document->workflow().edges) {
        if (ids.contains(e.from) && ids.contains(e.to)) {
            clip.edges.append(e);
        }
    }
    auto* data = new QMimeData;
    const QString yaml = WorkflowYaml::save(clip);
    data->setData(kClipboardMime, yaml.toUtf8());
    data->setText(yaml);
    QApplication::clipboard()->setMimeData(data);
}

void WorkflowEditor::paste()
{
    if (m_runMode) {
        return;
    }
    const QMimeData* data = QApplication::clipboard()->mimeData();
    if (!data) {
        return;
    }
    const QString text = data->hasFormat(kClipboardMime) ? QString::fromUtf8(data->data(kClipboardMime)) : data->text();
    const auto clip = WorkflowYaml::load(text, QStringLiteral("clipboard.yml"));
    if (!clip || clip->nodes.isEmpty()) {
        return;
    }
    Workflow after = m_document->workflow();
    QHash<QString, QString> ids;
    QStringList pasted;
    for (WorkflowNode n : clip->nodes) {
        const QString id = after.uniqueNodeId(n.id);
        ids.insert(n.id, id);
        n.id = id;
        n.x += 2 * WorkflowCanvas::kGrid;
        n.y += 2 * WorkflowCanvas::kGrid;
        after.nodes.append(n);
        pasted.append(id);
    }
    for (const QString& id : std::as_const(pasted)) {
        WorkflowNode* n = after.node(id);
        if (n->targets.from != WorkflowTargets::From::None && ids.contains(n->targets.fromNode)) {
            n->targets.fromNode = ids.value(n->targets.fromNode);
        }
    }
    for (WorkflowEdge e : clip->edges) {
        e.from = ids.value(e.from, e.from);
        e.to = ids.value(e.to, e.to);
        after.edges.append(e);
    }
    m_document->apply(after, tr("Paste %n step(s)", "", int(pasted.size())));
    m_canvas->selectNodes(pasted);
}

void WorkflowEditor::tidy()
{
    if (m_runMode) {
        return;
    }
    // Layers by the longest path from a start node (edges that close a cycle are ignored), left to right; within a
    // layer, by the average row of the nodes leading there (so that edges cross less).
    Workflow after = m_document->workflow();
    QHash<QString, int> layer;
    for (const WorkflowNode& n : std::as_const(after.nodes)) {
        layer.insert(n.id, 0);
    }
    for (int pass = 0; pass < after.nodes.size(); ++pass) {
        bool changed = false;
        for (const WorkflowEdge& e : std::as_const(after.edges)) {
            if (layer.contains(e.from) && layer.contains(e.to) && layer.value(e.to) < layer.value(e.from) + 1
                && layer.value(e.from) + 1 < int(after.nodes.size())) {
                layer[e.to] = layer.value(e.from) + 1;
                changed = true;
            }
        }
        if (!changed) {
            break;
        }
    }
    QMap<int, QStringList> byLayer;
    for (const WorkflowNode& n : std::as_const(after.nodes)) {
        byLayer[layer.value(n.id)].append(n.id);
    }
    QHash<QString, double> row;
    for (auto it = byLayer.begin(); it != byLayer.end(); ++it) {
        QStringList& ids = it.value();
        QHash<QString, double> weight;
        for (int i = 0; i < ids.size(); ++i) {
            double sum = 0;
            int count = 0;
            for (const WorkflowEdge& e : std::as_const(after.edges)) {
                if (e.to == ids.at(i) && row.contains(e.from)) {
                    sum += row.value(e.from);
                    ++count;
                }
            }
            weight.insert(ids.at(i), count > 0 ? sum / count : i);
        }
        std::stable_sort(ids.begin(), ids.end(),
            [&](const QString& a, const QString& b) { return weight.value(a) < weight.value(b); });
        for (int i = 0; i < ids.size(); ++i) {
            row.insert(ids.at(i), i);
            WorkflowNode* n = after.node(ids.at(i));
            n->x = it.key() * (WorkflowCanvas::kNodeWidth + 4 * WorkflowCanvas::kGrid);
            n->y = i * (WorkflowCanvas::kNodeHeight + 3 * WorkflowCanvas::kGrid)
                - (ids.size() - 1) * (WorkflowCanvas::kNodeHeight + 3 * WorkflowCanvas::kGrid) / 2;
            const QPointF snappedPos = WorkflowCanvas::snapped(QPointF(n->x, n->y));
            n->x = snappedPos.x();
            n->y = snappedPos.y();
        }
    }
    m_document->apply(after, tr("Tidy layout"));
    m_canvas->fitAll();
}

void WorkflowEditor::undo()
{
    m_document->undoStack()->undo();
}

void WorkflowEditor::redo()
{
    m_document->undoStack()->redo();
}
