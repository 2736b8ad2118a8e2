#pragma once

#include "workflows/Workflow.h"
#include "workflows/WorkflowValidation.h"

#include <QWidget>
#include <functional>

class Inventory;
class QFormLayout;
class QLabel;
class WorkflowDocument;

// The builder's properties panel: the settings of the selected node (its kind's, and for host-touching nodes the
// targets with a live host count, the rolling plan with its batches, the failure policy, timeout, concurrency and
// retries), of the selected edge (kind and condition, checked as typed with the error's column), or of the workflow
// itself when nothing is selected. Every change is an undoable edit of the document; typing in one field is one
// undo step.
class WorkflowProperties : public QWidget {
    Q_OBJECT

public:
    struct Names {
        QStringList scripts;
        QStringList templates;
        QStringList workflows;
    };

    WorkflowProperties(WorkflowDocument* document, QWidget* parent = nullptr);

    // The library names offered by the pickers, and the inventory the target count is taken from.
    void setNames(const Names& names) { m_names = names; }
    void setInventory(std::function<const Inventory*()> inventory) { m_inventory = std::move(inventory); }
    // What to show: a node (by id), an edge (by index), or neither (the workflow).
    void showNode(const QString& id);
    void showEdge(int index);
    void showWorkflow();
    // The document changed: refresh the values shown (not the field being typed in), rebuild when the selected
    // thing is gone or changed kind.
    void refresh(const QList<WorkflowProblem>& problems);

    QString shownNode() const { return m_node; }
    int shownEdge() const { return m_edge; }

signals:
    // A node's id was changed here (the editor keeps it selected).
    void nodeRenamed(const QString& from, const QString& to);

private:
    struct Binding {
        QWidget* widget;
        std::function<void()> load; // shows the current value (skipped while the widget has focus)
    };
    void rebuild();
    void clearForm();
    void addSection(const QString& title);
    // Field makers: `get` reads the value from the shown node/edge/workflow, `set` writes it into a copy.
    using NodeGet = std::function<QString(const WorkflowNode&)>;
    using NodeSet = std::function<void(WorkflowNode&, const QString&)>;
    // `check` (optional) says what is wrong with typed text the setter cannot take (a plan that does not parse).
    void nodeLine(const QString& label, const QString& field, NodeGet get, NodeSet set, const QString& hint = {},
        std::function<QString(const QString&)> check = {});
    void nodeText(const QString& label, const QString& field, NodeGet get, NodeSet set);
    void nodeNumber(const QString& label, const QString& field, int min, int max, const QString& suffix,
        std::function<int(const WorkflowNode&)> get, std::function<void(WorkflowNode&, int)> set);
    void nodeChoice(const QString& label, const QString& field, const QList<QPair<QString, QString>>& choices,
        NodeGet get, NodeSet set, bool editable = false);
    void nodeCheck(const QString& label, const QString& field, std::function<bool(const WorkflowNode&)> get,
        std::function<void(WorkflowNode&, bool)> set);
    void editNode(const QString& field, const std::function<void(WorkflowNode&)>& change);
    void addProblemLabel(const QString& field);
    void buildNode(const WorkflowNode& node);
    void buildHostSettings(const WorkflowNode& node);
    void buildEdge();
    void buildWorkflow();
    QString targetSummary(const WorkflowTargets& targets) const;
    QString planSummary(const WorkflowNode& node) const;

    WorkflowDocument* m_document;
    QFormLayout* m_form;
    Names m_names;
    std::function<const Inventory*()> m_inventory;
    QString m_node;
    int m_edge = -1;
    WorkflowNode::Kind m_builtKind = WorkflowNode::Kind::RunScript;
    QString m_builtFor; // "node:ID", "edge:N", "workflow"
    QList<Binding> m_bindings;
    QHash<QString, QLabel*> m_problemLabels; // field → label under it
    QList<WorkflowProblem> m_problems;
};
