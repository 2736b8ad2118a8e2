#pragma once

#include "workflows/Workflow.h"
#include "workflows/WorkflowValidation.h"

#include <QGraphicsView>
#include <QHash>
#include <QPointer>

class QGraphicsPathItem;
class WorkflowNodeItem;
class WorkflowEdgeItem;

// The builder's canvas (Qt Graphics View): one item per node and per edge of a workflow. It shows what it is given
// (setWorkflow) and reports what the operator does with signals — the editor turns those into undoable edits and
// gives the canvas the workflow back. Nodes are placed freely and snap to a 20-point grid; edges are drawn by
// dragging from one of a node's three out-ports (on success, on failure, always) onto another node, and are routed
// orthogonally around the nodes in between. Ctrl+wheel or Ctrl+=/Ctrl+- zoom, the middle button (or Space+drag) pans.
class WorkflowCanvas : public QGraphicsView {
    Q_OBJECT

public:
    static constexpr int kGrid = 20;
    static constexpr qreal kNodeWidth = 200;
    static constexpr qreal kNodeHeight = 64;
    // The MIME type of a node kind dragged from the palette (the kind's YAML name as the data).
    static QString kindMimeType();

    // How a node looks while a workflow runs (the engine's node states); Idle when editing.
    enum class NodeState { Idle, Pending, Running, Succeeded, Failed, Skipped, Waiting };

    explicit WorkflowCanvas(QWidget* parent = nullptr);
    ~WorkflowCanvas() override;

    // Shows `workflow`, keeping the selection (by node id / edge index) where it still exists.
    void setWorkflow(const Workflow& workflow, const QList<WorkflowProblem>& problems);
    const Workflow& workflow() const { return m_workflow; }

    QStringList selectedNodes() const;
    QList<int> selectedEdges() const;
    void selectNodes(const QStringList& ids, bool centre = false);
    void selectEdge(int index);
    void setNodeState(const QString& id, NodeState state, const QString& detail = {});
    enum class EdgeState { Undecided, Taken, NotTaken };
    void setEdgeState(int index, EdgeState state);
    // Clears every node's and edge's run state (back to editing).
    void clearRunStates();
    NodeState nodeState(const QString& id) const { return m_states.value(id).first; }
    // A read-only canvas (a workflow running) shows and selects but takes no edits: nodes do not move, ports do
    // not draw edges, nothing is dropped or deleted.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    void zoomBy(qreal factor);
    void fitAll();
    qreal zoom() const;
    // Scene position of a node item (for tests), and the centre of the visible area (where the palette's
    // keyboard insertion puts a node).
    QPointF nodePosition(const QString& id) const;
    QPointF visibleCentre() const;
    // The route of an edge as drawn (scene coordinates), for tests: starts at the source's port, ends at the target.
    QPolygonF edgeRoute(int index) const;
    static QPointF snapped(const QPointF& p);

signals:
    // A node kind from the palette dropped at `scenePos` (top-left of the new node, snapped).
    void nodeDropped(WorkflowNode::Kind kind, const QPointF& scenePos);
    // Nodes dragged to new positions (id → top-left, snapped), once the mouse is released.
    void nodesMoved(const QHash<QString, QPointF>& positions);
    // An edge drawn from a node's out-port onto another node.
    void edgeDrawn(const QString& from, const QString& to, WorkflowEdge::Kind kind);
    void selectionChanged();
    // Double-click on a node (the editor focuses its properties; while running, opens its job view).
    void nodeActivated(const QString& id);
    void deleteRequested();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void drawBackground(QPainter* painter, const QRectF& rect) override;
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    friend class WorkflowNodeItem;
    void rebuild();
    void routeEdges();
    QPolygonF route(const QString& from, const QString& to, WorkflowEdge::Kind kind) const;
    WorkflowNodeItem* nodeAt(const QPointF& scenePos) const;
    void startPan(const QPoint& at);

    QGraphicsScene* m_scene;
    Workflow m_workflow;
    QList<WorkflowProblem> m_problems;
    QHash<QString, WorkflowNodeItem*> m_nodes;
    QList<WorkflowEdgeItem*> m_edges;
    QHash<QString, QPair<NodeState, QString>> m_states;
    QHash<int, EdgeState> m_edgeStates;
    bool m_readOnly = false;
    bool m_fitPending = false; // fitAll() asked before the view had its size: done on the first resize
    bool m_rebuilding = false;

    // Drawing an edge: from which node and port, the rubber line.
    QString m_linkFrom;
    WorkflowEdge::Kind m_linkKind = WorkflowEdge::Kind::OnSuccess;
    QGraphicsPathItem* m_linkLine = nullptr;
    // Panning with the middle button or Space.
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panFrom;
    // Node positions when a move began (to tell whether it moved).
    QHash<QString, QPointF> m_pressPositions;
};

// A small overview of the whole canvas with the visible area framed; clicking or dragging in it moves the view.
class WorkflowMinimap : public QGraphicsView {
    Q_OBJECT

public:
    explicit WorkflowMinimap(WorkflowCanvas* canvas, QWidget* parent = nullptr);

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void refit();
    QPointer<WorkflowCanvas> m_canvas;
};
