#include "WorkflowCanvas.h"

#include "Theme.h"
#include "WorkflowText.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSceneHoverEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QPainterPathStroker>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QTimer>
#include <QWheelEvent>
#include <cmath>

namespace {

constexpr qreal kPortRadius = 6;
constexpr qreal kMinZoom = 0.2;
constexpr qreal kMaxZoom = 3.0;

qreal portY(WorkflowEdge::Kind kind)
{
    switch (kind) {
    case WorkflowEdge::Kind::OnSuccess:
        return WorkflowCanvas::kNodeHeight * 0.25;
    case WorkflowEdge::Kind::Always:
        return WorkflowCanvas::kNodeHeight * 0.5;
    case WorkflowEdge::Kind::OnFailure:
        return WorkflowCanvas::kNodeHeight * 0.75;
    }
    return WorkflowCanvas::kNodeHeight * 0.5;
}

QColor edgeColour(WorkflowEdge::Kind kind)
{
    switch (kind) {
    case WorkflowEdge::Kind::OnSuccess:
        return Theme::color(QStringLiteral("job.success"));
    case WorkflowEdge::Kind::OnFailure:
        return Theme::color(QStringLiteral("job.failed"));
    case WorkflowEdge::Kind::Always:
        return Theme::color(QStringLiteral("job.pending"));
    }
    return Theme::color(QStringLiteral("text"));
}

QColor stateColour(WorkflowCanvas::NodeState state)
{
    switch (state) {
    case WorkflowCanvas::NodeState::Idle:
        return {};
    case WorkflowCanvas::NodeState::Pending:
        return Theme::color(QStringLiteral("job.pending"));
    case WorkflowCanvas::NodeState::Running:
        return Theme::color(QStringLiteral("job.running"));
    case WorkflowCanvas::NodeState::Succeeded:
        return Theme::color(QStringLiteral("job.success"));
    case WorkflowCanvas::NodeState::Failed:
        return Theme::color(QStringLiteral("job.failed"));
    case WorkflowCanvas::NodeState::Skipped:
        return Theme::color(QStringLiteral("job.skipped"));
    case WorkflowCanvas::NodeState::Waiting:
        return Theme::color(QStringLiteral("status.maintenance"));
    }
    return {};
}

// Whether an axis-aligned segment crosses a rectangle.
bool crosses(const QPointF& a, const QPointF& b, const QRectF& r)
{
    const QRectF seg = QRectF(a, b).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
    return seg.intersects(r);
}

bool clear(const QPolygonF& path, const QList<QRectF>& obstacles)
{
    for (qsizetype i = 0; i + 1 < path.size(); ++i) {
        for (const QRectF& r : obstacles) {
            if (crosses(path.at(i), path.at(i + 1), r)) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

// One node: a rounded card with the node's title, kind and summary, its in-port on the left and three out-ports on
// the right (on success, always, on failure, top to bottom), a badge with the number of problems.
class WorkflowNodeItem : public QGraphicsItem {
public:
    WorkflowNodeItem(WorkflowCanvas* canvas, const WorkflowNode& node)
        : m_canvas(canvas)
        , m_node(node)
    {
        setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges | ItemIsFocusable);
        setAcceptHoverEvents(true);
        setPos(node.x, node.y);
        setZValue(1);
    }

    const WorkflowNode& node() const { return m_node; }
    void setProblems(const QStringList& problems)
    {
        m_problems = problems;
        setToolTip(problems.join(QLatin1Char('\n')));
        update();
    }
    void setState(WorkflowCanvas::NodeState state, const QString& detail)
    {
        m_state = state;
        m_detail = detail;
        update();
    }

    QRectF boundingRect() const override
    {
        return QRectF(
            -kPortRadius - 2, -12, WorkflowCanvas::kNodeWidth + 2 * kPortRadius + 16, WorkflowCanvas::kNodeHeight + 24);
    }
    QPainterPath shape() const override
    {
        QPainterPath p;
        p.addRoundedRect(QRectF(0, 0, WorkflowCanvas::kNodeWidth, WorkflowCanvas::kNodeHeight), 8, 8);
        for (const auto kind :
            { WorkflowEdge::Kind::OnSuccess, WorkflowEdge::Kind::Always, WorkflowEdge::Kind::OnFailure }) {
            p.addEllipse(QPointF(WorkflowCanvas::kNodeWidth, portY(kind)), kPortRadius + 2, kPortRadius + 2);
        }
        return p;
    }

    // The out-port under a point in item coordinates, if any.
    std::optional<WorkflowEdge::Kind> portAt(const QPointF& p) const
    {
        for (const auto kind :
            { WorkflowEdge::Kind::OnSuccess, WorkflowEdge::Kind::Always, WorkflowEdge::Kind::OnFailure }) {
            if (QLineF(p, QPointF(WorkflowCanvas::kNodeWidth, portY(kind))).length() <= kPortRadius + 3) {
                return kind;
            }
        }
        return std::nullopt;
    }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF card(0, 0, WorkflowCanvas::kNodeWidth, WorkflowCanvas::kNodeHeight);
        QColor fill = Theme::color(QStringLiteral("base"));
        const QColor state = stateColour(m_state);
        if (state.isValid()) {
            QColor tint = state;
            tint.setAlphaF(Theme::isDark() ? 0.35 : 0.18);
            painter->setBrush(fill);
            painter->setPen(Qt::NoPen);
            painter->drawRoundedRect(card, 8, 8);
            fill = tint;
        }
        QPen border(isSelected()        ? Theme::color(QStringLiteral("accent"))
                : !m_problems.isEmpty() ? Theme::color(QStringLiteral("syntax.error"))
                : state.isValid()       ? state
                                        : Theme::color(QStringLiteral("mid")),
            isSelected() || m_state == WorkflowCanvas::NodeState::Waiting ? 2.5 : 1.2);
        painter->setPen(border);
        painter->setBrush(fill);
        painter->drawRoundedRect(card, 8, 8);
        // The kind's strip on the left.
        painter->setPen(Qt::NoPen);
        painter->setBrush(WorkflowText::kindColour(m_node.kind));
        painter->drawRoundedRect(QRectF(0, 0, 6, WorkflowCanvas::kNodeHeight), 3, 3);

        QFont titleFont = painter->font();
        titleFont.setBold(true);
        painter->setFont(titleFont);
        painter->setPen(Theme::color(QStringLiteral("text")));
        const QRectF titleRect(14, 6, WorkflowCanvas::kNodeWidth - 28, 20);
        painter->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter->fontMetrics().elidedText(m_node.displayTitle(), Qt::ElideRight, int(titleRect.width())));
        QFont small = titleFont;
        small.setBold(false);
        small.setPointSizeF(titleFont.pointSizeF() * 0.85);
        painter->setFont(small);
        painter->setPen(Theme::color(QStringLiteral("placeholderText")));
        const QRectF kindRect(14, 26, WorkflowCanvas::kNodeWidth - 28, 16);
        painter->drawText(kindRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter->fontMetrics().elidedText(
                WorkflowText::kindLabel(m_node.kind), Qt::ElideRight, int(kindRect.width())));
        const QRectF summaryRect(14, 42, WorkflowCanvas::kNodeWidth - 28, 16);
        const QString summary = m_detail.isEmpty() ? WorkflowText::summary(m_node) : m_detail;
        painter->drawText(summaryRect, Qt::AlignLeft | Qt::AlignVCenter,
            painter->fontMetrics().elidedText(summary, Qt::ElideRight, int(summaryRect.width())));

        // Ports.
        painter->setPen(QPen(Theme::color(QStringLiteral("mid")), 1));
        painter->setBrush(Theme::color(QStringLiteral("base")));
        painter->drawEllipse(QPointF(0, WorkflowCanvas::kNodeHeight / 2), kPortRadius - 1, kPortRadius - 1);
        for (const auto kind :
            { WorkflowEdge::Kind::OnSuccess, WorkflowEdge::Kind::Always, WorkflowEdge::Kind::OnFailure }) {
            painter->setPen(QPen(edgeColour(kind).darker(120), 1));
            painter->setBrush(edgeColour(kind));
            painter->drawEllipse(QPointF(WorkflowCanvas::kNodeWidth, portY(kind)), kPortRadius, kPortRadius);
        }
        // Problems badge.
        if (!m_problems.isEmpty()) {
            const QRectF badge(WorkflowCanvas::kNodeWidth - 24, -10, 20, 20);
            painter->setPen(Qt::NoPen);
            painter->setBrush(Theme::color(QStringLiteral("syntax.error")));
            painter->drawEllipse(badge);
            painter->setPen(Qt::white);
            QFont bold = small;
            bold.setBold(true);
            painter->setFont(bold);
            painter->drawText(badge, Qt::AlignCenter, QString::number(m_problems.size()));
        }
    }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override
    {
        if (change == ItemPositionChange) {
            return WorkflowCanvas::snapped(value.toPointF());
        }
        if (change == ItemPositionHasChanged && !m_canvas->m_rebuilding) {
            m_canvas->routeEdges();
        }
        return QGraphicsItem::itemChange(change, value);
    }
    void hoverMoveEvent(QGraphicsSceneHoverEvent* event) override
    {
        setCursor(portAt(event->pos()) ? Qt::CrossCursor : Qt::ArrowCursor);
    }

private:
    WorkflowCanvas* m_canvas;
    WorkflowNode m_node;
    QStringList m_problems;
    WorkflowCanvas::NodeState m_state = WorkflowCanvas::NodeState::Idle;
    QString m_detail;
};

// One edge: an orthogonal path with an arrow, coloured by kind (success green, failure red, always grey), dashed
// when guarded by a condition, whose text is shown at its middle.
class WorkflowEdgeItem : public QGraphicsPathItem {
public:
    WorkflowEdgeItem(int index, const WorkflowEdge& edge)
        : m_index(index)
        , m_edge(edge)
    {
        setFlag(ItemIsSelectable);
        setZValue(0);
        setToolTip(edge.condition.isEmpty() ? WorkflowText::edgeKindLabel(edge.kind)
                                            : WorkflowText::edgeKindLabel(edge.kind) + QStringLiteral(" · ")
                    + QCoreApplication::translate("WorkflowCanvas", "when %1").arg(edge.condition));
    }
    int index() const { return m_index; }
    const WorkflowEdge& edge() const { return m_edge; }
    void setState(WorkflowCanvas::EdgeState state)
    {
        m_state = state;
        update();
    }
    QPolygonF route() const { return m_route; }
    void setRoute(const QPolygonF& route)
    {
        m_route = route;
        QPainterPath p;
        p.addPolygon(route);
        setPath(p);
    }
    QPainterPath shape() const override
    {
        QPainterPathStroker s;
        s.setWidth(10);
        return s.createStroke(path());
    }
    QRectF boundingRect() const override { return QGraphicsPathItem::boundingRect().adjusted(-80, -20, 80, 20); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        if (m_route.size() < 2) {
            return;
        }
        painter->setRenderHint(QPainter::Antialiasing);
        QPen pen(edgeColour(m_edge.kind), isSelected() || m_state == WorkflowCanvas::EdgeState::Taken ? 3 : 1.8);
        if (!m_edge.condition.isEmpty()) {
            pen.setStyle(Qt::DashLine);
        }
        if (m_state == WorkflowCanvas::EdgeState::NotTaken) {
            QColor faded = pen.color();
            faded.setAlphaF(0.3);
            pen.setColor(faded);
        }
        if (isSelected()) {
            pen.setColor(Theme::color(QStringLiteral("accent")));
        }
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPolyline(m_route);
        // The arrow: the last segment runs left to right into the target's in-port.
        const QPointF tip = m_route.last();
        painter->setPen(Qt::NoPen);
        painter->setBrush(pen.color());
        painter->drawPolygon(QPolygonF({ tip, tip + QPointF(-9, -5), tip + QPointF(-9, 5) }));
        if (!m_edge.condition.isEmpty()) {
            // The condition at the middle of the longest segment.
            qsizetype longest = 0;
            for (qsizetype i = 1; i + 1 < m_route.size(); ++i) {
                if (QLineF(m_route.at(i), m_route.at(i + 1)).length()
                    > QLineF(m_route.at(longest), m_route.at(longest + 1)).length()) {
                    longest = i;
                }
            }
            const QPointF mid = (m_route.at(longest) + m_route.at(longest + 1)) / 2;
            QFont f = painter->font();
            f.setPointSizeF(f.pointSizeF() * 0.8);
            painter->setFont(f);
            const QString text = painter->fontMetrics().elidedText(m_edge.condition, Qt::ElideRight, 150);
            QRectF box = painter->fontMetrics().boundingRect(text);
            box.adjust(-4, -1, 4, 1);
            box.moveCenter(mid);
            painter->setBrush(Theme::color(QStringLiteral("base")));
            painter->setPen(QPen(edgeColour(m_edge.kind), 0.8));
            painter->drawRoundedRect(box, 3, 3);
            painter->setPen(Theme::color(QStringLiteral("text")));
            painter->drawText(box, Qt::AlignCenter, text);
        }
    }

private:
    int m_index;
    WorkflowEdge m_edge;
    QPolygonF m_route;
    WorkflowCanvas::EdgeState m_state = WorkflowCanvas::EdgeState::Undecided;
};

QString WorkflowCanvas::kindMimeType()
{
    return QStringLiteral("application/x-opsdeck-workflow-node-kind");
}

WorkflowCanvas::WorkflowCanvas(QWidget* parent)
    : QGraphicsView(parent)
    , m_scene(new QGraphicsScene(this))
{
    setObjectName(QStringLiteral("workflowCanvas"));
    setScene(m_scene);
    setAcceptDrops(true);
    setDragMode(QGraphicsView::RubberBandDrag);
    setRenderHint(QPainter::Antialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setFocusPolicy(Qt::StrongFocus);
    connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
        if (!m_rebuilding) {
            emit selectionChanged();
        }
    });
    connect(Theme::instance(), &Theme::changed, this, [this] { viewport()->update(); });
}

WorkflowCanvas::~WorkflowCanvas()
{
    // The scene is a child: QWidget's destructor would delete it after this object has stopped being a
    // WorkflowCanvas, and its items' and selection's call-backs would reach a half-destroyed view.
    m_rebuilding = true;
    disconnect(m_scene, nullptr, this, nullptr);
    setScene(nullptr);
    delete m_scene;
    m_scene = nullptr;
}

QPointF WorkflowCanvas::snapped(const QPointF& p)
{
    return QPointF(std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid);
}

void WorkflowCanvas::setWorkflow(const Workflow& workflow, const QList<WorkflowProblem>& problems)
{
    m_workflow = workflow;
    m_problems = problems;
    rebuild();
}

void WorkflowCanvas::rebuild()
{
    const QStringList keepNodes = selectedNodes();
    const QList<int> keepEdges = selectedEdges();
    m_rebuilding = true;
    m_scene->clear();
    m_nodes.clear();
    m_edges.clear();
    m_linkLine = nullptr;
    QHash<QString, QStringList> problemsOf;
    for (const WorkflowProblem& p : std::as_const(m_problems)) {
        if (!p.node.isEmpty()) {
            problemsOf[p.node].append(p.field.isEmpty() ? p.message : p.field + QStringLiteral(": ") + p.message);
        }
    }
    for (const WorkflowNode& n : std::as_const(m_workflow.nodes)) {
        auto* item = new WorkflowNodeItem(this, n);
        item->setProblems(problemsOf.value(n.id));
        if (const auto it = m_states.constFind(n.id); it != m_states.constEnd()) {
            item->setState(it->first, it->second);
        }
        item->setFlag(QGraphicsItem::ItemIsMovable, !m_readOnly);
        m_scene->addItem(item);
        m_nodes.insert(n.id, item);
        item->setSelected(keepNodes.contains(n.id));
    }
    for (int i = 0; i < m_workflow.edges.size(); ++i) {
        auto* item = new WorkflowEdgeItem(i, m_workflow.edges.at(i));
        item->setState(m_edgeStates.value(i, EdgeState::Undecided));
        m_scene->addItem(item);
        m_edges.append(item);
        item->setSelected(keepEdges.contains(i));
    }
    routeEdges();
    // Room around the items to drop new nodes into.
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-400, -300, 400, 300).united(QRectF(0, 0, 800, 500)));
    m_rebuilding = false;
}

QPolygonF WorkflowCanvas::route(const QString& from, const QString& to, WorkflowEdge::Kind kind) const
{
    const WorkflowNodeItem* a = m_nodes.value(from);
    const WorkflowNodeItem* b = m_nodes.value(to);
    if (!a || !b) {
        return {};
    }
    const QPointF p1 = a->pos() + QPointF(kNodeWidth + kPortRadius, portY(kind));
    const QPointF p2 = b->pos() + QPointF(-kPortRadius, kNodeHeight / 2);
    QList<QRectF> obstacles;
    for (auto it = m_nodes.constBegin(); it != m_nodes.constEnd(); ++it) {
        QRectF r = QRectF(it.value()->pos(), QSizeF(kNodeWidth, kNodeHeight)).adjusted(-8, -8, 8, 8);
        if (it.key() == from || it.key() == to) {
            // Their own cards count too, but not the stubs that leave and enter them.
            r = r.adjusted(10, 0, -10, 0);
        }
        obstacles.append(r);
    }
    // Forward: one vertical segment between the two, at the first x (from the middle outwards) that crosses
    // nothing.
    if (p2.x() - p1.x() >= 2 * kGrid) {
        const qreal mid = std::round((p1.x() + p2.x()) / 2 / 10) * 10;
        for (int step = 0; step < 40; ++step) {
            const qreal offset = (step % 2 == 0 ? 1 : -1) * ((step + 1) / 2) * 10.0;
            const qreal x = mid + offset;
            if (x <= p1.x() + 8 || x >= p2.x() - 8) {
                continue;
            }
            const QPolygonF path({ p1, QPointF(x, p1.y()), QPointF(x, p2.y()), p2 });
            if (clear(path, obstacles)) {
                return path;
            }
        }
    }
    // Otherwise (backwards, or blocked): out to the right, along a free horizontal channel above or below, and in
    // from the left.
    const qreal outX = p1.x() + kGrid;
    const qreal inX = p2.x() - kGrid;
    const qreal left = std::min(outX, inX);
    const qreal right = std::max(outX, inX);
    qreal top = std::min(p1.y(), p2.y());
    qreal bottom = std::max(p1.y(), p2.y());
    for (const QRectF& r : obstacles) {
        if (r.right() >= left && r.left() <= right) {
            top = std::min(top, r.top());
            bottom = std::max(bottom, r.bottom());
        }
    }
    const qreal below = bottom + kGrid;
    const qreal above = top - kGrid;
    const qreal y
        = std::abs(below - p1.y()) + std::abs(below - p2.y()) <= std::abs(above - p1.y()) + std::abs(above - p2.y())
        ? below
        : above;
    return QPolygonF({ p1, QPointF(outX, p1.y()), QPointF(outX, y), QPointF(inX, y), QPointF(inX, p2.y()), p2 });
}

void WorkflowCanvas::routeEdges()
{
    for (WorkflowEdgeItem* e : std::as_const(m_edges)) {
        e->setRoute(route(e->edge().from, e->edge().to, e->edge().kind));
    }
}

QStringList WorkflowCanvas::selectedNodes() const
{
    QStringList out;
    for (const WorkflowNode& n : m_workflow.nodes) {
        if (const WorkflowNodeItem* item = m_nodes.value(n.id); item && item->isSelected()) {
            out.append(n.id);
        }
    }
    return out;
}

QList<int> WorkflowCanvas::selectedEdges() const
{
    QList<int> out;
    for (const WorkflowEdgeItem* e : m_edges) {
        if (e->isSelected()) {
            out.append(e->index());
        }
    }
    return out;
}

void WorkflowCanvas::selectNodes(const QStringList& ids, bool centre)
{
    m_rebuilding = true;
    m_scene->clearSelection();
    for (const QString& id : ids) {
        if (WorkflowNodeItem* item = m_nodes.value(id)) {
            item->setSelected(true);
            if (centre) {
                centerOn(item);
            }
        }
    }
    m_rebuilding = false;
    emit selectionChanged();
}

void WorkflowCanvas::selectEdge(int index)
{
    m_rebuilding = true;
    m_scene->clearSelection();
    if (index >= 0 && index < m_edges.size()) {
        m_edges.at(index)->setSelected(true);
    }
    m_rebuilding = false;
    emit selectionChanged();
}

void WorkflowCanvas::setNodeState(const QString& id, NodeState state, const QString& detail)
{
    if (state == NodeState::Idle) {
        m_states.remove(id);
    } else {
        m_states.insert(id, { state, detail });
    }
    if (WorkflowNodeItem* item = m_nodes.value(id)) {
        item->setState(state, detail);
    }
}

void WorkflowCanvas::setEdgeState(int index, EdgeState state)
{
    m_edgeStates.insert(index, state);
    if (index >= 0 && index < m_edges.size()) {
        m_edges.at(index)->setState(state);
    }
}

void WorkflowCanvas::clearRunStates()
{
    const QStringList ids = m_states.keys();
    for (const QString& id : ids) {
        setNodeState(id, NodeState::Idle);
    }
    const QList<int> edges = m_edgeStates.keys();
    for (const int e : edges) {
        setEdgeState(e, EdgeState::Undecided);
    }
    m_edgeStates.clear();
}

void WorkflowCanvas::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    setAcceptDrops(!readOnly);
    for (WorkflowNodeItem* item : std::as_const(m_nodes)) {
        item->setFlag(QGraphicsItem::ItemIsMovable, !readOnly);
    }
}

qreal WorkflowCanvas::zoom() const
{
    return transform().m11();
}

void WorkflowCanvas::zoomBy(qreal factor)
{
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    const qreal f = target / zoom();
    scale(f, f);
}

void WorkflowCanvas::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitPending && isVisible()) {
        fitAll();
    }
}

void WorkflowCanvas::showEvent(QShowEvent* event)
{
    QGraphicsView::showEvent(event);
    if (m_fitPending) {
        QTimer::singleShot(0, this, [this] {
            if (m_fitPending) {
                fitAll();
            }
        });
    }
}

void WorkflowCanvas::fitAll()
{
    // Before the view is shown and laid out its size means nothing: fit once it has one.
    m_fitPending = !isVisible() || viewport()->width() < 100;
    if (m_fitPending) {
        return;
    }
    const QRectF r = m_scene->itemsBoundingRect().adjusted(-40, -40, 40, 40);
    if (r.isEmpty()) {
        resetTransform();
        return;
    }
    fitInView(r, Qt::KeepAspectRatio);
    // Not bigger than life, and not so small that titles cannot be read: a wide workflow then shows its start, and
    // the minimap the rest.
    constexpr qreal kReadable = 0.75;
    if (zoom() > 1.0) {
        resetTransform();
        centerOn(r.center());
    } else if (zoom() < kReadable) {
        resetTransform();
        scale(kReadable, kReadable);
        const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
        centerOn(QPointF(r.left() + visible.width() / 2, r.center().y()));
    }
}

QPointF WorkflowCanvas::nodePosition(const QString& id) const
{
    const WorkflowNodeItem* item = m_nodes.value(id);
    return item ? item->pos() : QPointF();
}

QPointF WorkflowCanvas::visibleCentre() const
{
    return mapToScene(viewport()->rect().center());
}

QPolygonF WorkflowCanvas::edgeRoute(int index) const
{
    return index >= 0 && index < m_edges.size() ? m_edges.at(index)->route() : QPolygonF();
}

WorkflowNodeItem* WorkflowCanvas::nodeAt(const QPointF& scenePos) const
{
    for (WorkflowNodeItem* item : m_nodes) {
        if (item->shape().contains(item->mapFromScene(scenePos))) {
            return item;
        }
    }
    return nullptr;
}

void WorkflowCanvas::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void WorkflowCanvas::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        return;
    }
    if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace) {
        if (!m_readOnly) {
            emit deleteRequested();
        }
        return;
    }
    if (event->matches(QKeySequence::ZoomIn)
        || (event->key() == Qt::Key_Equal && event->modifiers() & Qt::ControlModifier)) {
        zoomBy(1.2);
        return;
    }
    if (event->matches(QKeySequence::ZoomOut)) {
        zoomBy(1 / 1.2);
        return;
    }
    // Arrow keys nudge the selected nodes by one grid step (one undo step each).
    QPointF nudge;
    switch (event->key()) {
    case Qt::Key_Left:
        nudge = QPointF(-kGrid, 0);
        break;
    case Qt::Key_Right:
        nudge = QPointF(kGrid, 0);
        break;
    case Qt::Key_Up:
        nudge = QPointF(0, -kGrid);
        break;
    case Qt::Key_Down:
        nudge = QPointF(0, kGrid);
        break;
    default:
        break;
    }
    if (!nudge.isNull() && !selectedNodes().isEmpty() && !m_readOnly) {
        QHash<QString, QPointF> moved;
        for (const QString& id : selectedNodes()) {
            moved.insert(id, m_nodes.value(id)->pos() + nudge);
        }
        emit nodesMoved(moved);
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void WorkflowCanvas::keyReleaseEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->unsetCursor();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void WorkflowCanvas::startPan(const QPoint& at)
{
    m_panning = true;
    m_panFrom = at;
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void WorkflowCanvas::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        startPan(event->pos());
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        const QPointF scenePos = mapToScene(event->pos());
        if (WorkflowNodeItem* item = nodeAt(scenePos)) {
            if (const auto port = m_readOnly ? std::nullopt : item->portAt(item->mapFromScene(scenePos))) {
                m_linkFrom = item->node().id;
                m_linkKind = *port;
                m_linkLine = m_scene->addPath(QPainterPath(), QPen(edgeColour(*port), 2, Qt::DashLine));
                m_linkLine->setZValue(5);
                event->accept();
                return;
            }
        }
        m_pressPositions.clear();
        for (auto it = m_nodes.constBegin(); it != m_nodes.constEnd(); ++it) {
            m_pressPositions.insert(it.key(), it.value()->pos());
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void WorkflowCanvas::mouseMoveEvent(QMouseEvent* event)
{
    if (m_panning) {
        const QPoint delta = event->pos() - m_panFrom;
        m_panFrom = event->pos();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        return;
    }
    if (m_linkLine) {
        const WorkflowNodeItem* from = m_nodes.value(m_linkFrom);
        const QPointF a = from->pos() + QPointF(kNodeWidth + kPortRadius, portY(m_linkKind));
        const QPointF b = mapToScene(event->pos());
        QPainterPath p(a);
        p.lineTo(QPointF((a.x() + b.x()) / 2, a.y()));
        p.lineTo(QPointF((a.x() + b.x()) / 2, b.y()));
        p.lineTo(b);
        m_linkLine->setPath(p);
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void WorkflowCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_panning) {
        m_panning = false;
        if (m_spaceHeld) {
            viewport()->setCursor(Qt::OpenHandCursor);
        } else {
            viewport()->unsetCursor();
        }
        return;
    }
    if (m_linkLine) {
        delete m_linkLine;
        m_linkLine = nullptr;
        const QString from = m_linkFrom;
        m_linkFrom.clear();
        const WorkflowNodeItem* target = nodeAt(mapToScene(event->pos()));
        if (target && target->node().id != from) {
            emit edgeDrawn(from, target->node().id, m_linkKind);
        }
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && !m_pressPositions.isEmpty()) {
        QHash<QString, QPointF> moved;
        for (auto it = m_nodes.constBegin(); it != m_nodes.constEnd(); ++it) {
            if (it.value()->pos() != m_pressPositions.value(it.key())) {
                moved.insert(it.key(), it.value()->pos());
            }
        }
        m_pressPositions.clear();
        if (!moved.isEmpty()) {
            emit nodesMoved(moved);
        }
    }
}

void WorkflowCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (const WorkflowNodeItem* item = nodeAt(mapToScene(event->pos()))) {
        emit nodeActivated(item->node().id);
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void WorkflowCanvas::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(kindMimeType())) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dragEnterEvent(event);
}

void WorkflowCanvas::dragMoveEvent(QDragMoveEvent* event)
{
    if (event->mimeData()->hasFormat(kindMimeType())) {
        event->acceptProposedAction();
        return;
    }
    QGraphicsView::dragMoveEvent(event);
}

void WorkflowCanvas::dropEvent(QDropEvent* event)
{
    if (!event->mimeData()->hasFormat(kindMimeType()) || m_readOnly) {
        QGraphicsView::dropEvent(event);
        return;
    }
    const auto kind = WorkflowNode::kindFromName(QString::fromUtf8(event->mimeData()->data(kindMimeType())));
    if (!kind) {
        return;
    }
    event->acceptProposedAction();
    const QPointF at = mapToScene(event->position().toPoint()) - QPointF(kNodeWidth / 2, kNodeHeight / 2);
    emit nodeDropped(*kind, snapped(at));
}

void WorkflowCanvas::drawBackground(QPainter* painter, const QRectF& rect)
{
    painter->fillRect(rect, Theme::color(QStringLiteral("alternateBase")));
    if (zoom() < 0.5) {
        return;
    }
    // The grid the nodes snap to, as dots every other step.
    QColor dot = Theme::color(QStringLiteral("mid"));
    dot.setAlphaF(0.6);
    painter->setPen(QPen(dot, 1.5));
    const int step = kGrid * 2;
    const qreal left = std::floor(rect.left() / step) * step;
    const qreal top = std::floor(rect.top() / step) * step;
    QList<QPointF> points;
    for (qreal x = left; x < rect.right(); x += step) {
        for (qreal y = top; y < rect.bottom(); y += step) {
            points.append(QPointF(x, y));
        }
    }
    painter->drawPoints(points.constData(), int(points.size()));
}

WorkflowMinimap::WorkflowMinimap(WorkflowCanvas* canvas, QWidget* parent)
    : QGraphicsView(canvas->scene(), parent)
    , m_canvas(canvas)
{
    setObjectName(QStringLiteral("workflowMinimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setRenderHint(QPainter::Antialiasing);
    setFixedSize(180, 110);
    setFrameShape(QFrame::StyledPanel);
    const auto repaint = [this] { viewport()->update(); };
    connect(canvas->horizontalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(canvas->verticalScrollBar(), &QScrollBar::valueChanged, this, repaint);
    connect(canvas->scene(), &QGraphicsScene::changed, this, [this] { refit(); });
    refit();
}

void WorkflowMinimap::refit()
{
    const QRectF r = scene()->itemsBoundingRect().adjusted(-60, -60, 60, 60);
    if (!r.isEmpty()) {
        fitInView(r, Qt::KeepAspectRatio);
    }
    viewport()->update();
}

void WorkflowMinimap::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

void WorkflowMinimap::drawForeground(QPainter* painter, const QRectF&)
{
    if (!m_canvas) {
        return;
    }
    const QRectF visible = m_canvas->mapToScene(m_canvas->viewport()->rect()).boundingRect();
    QColor frame = Theme::color(QStringLiteral("accent"));
    painter->setPen(QPen(frame, 0));
    frame.setAlphaF(0.12);
    painter->setBrush(frame);
    painter->drawRect(visible);
}

void WorkflowMinimap::mousePressEvent(QMouseEvent* event)
{
    if (m_canvas) {
        m_canvas->centerOn(mapToScene(event->pos()));
    }
}

void WorkflowMinimap::mouseMoveEvent(QMouseEvent* event)
{
    if (m_canvas && (event->buttons() & Qt::LeftButton)) {
        m_canvas->centerOn(mapToScene(event->pos()));
    }
}
