#pragma once

#include "WorkflowProperties.h"
#include "workflows/Workflow.h"
#include "workflows/WorkflowValidation.h"

#include <QTimer>
#include <QWidget>
#include <functional>

class Inventory;
class QAction;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QToolBar;
class QTreeWidget;
class WorkflowCanvas;
class WorkflowDocument;
class WorkflowMinimap;

// The workflow builder: a palette of node kinds, the canvas (with a minimap), the properties of the selected node
// or edge, the problems list and a YAML tab kept in step with the canvas (editing the YAML edits the workflow once
// it parses). Every edit is undoable (Ctrl+Z / Ctrl+Shift+Z); Delete removes the selection, Ctrl+C/Ctrl+V copy and
// paste nodes (as YAML on the clipboard, with the edges between them), Ctrl+L tidies the layout, Ctrl+0 fits the
// workflow in view, Ctrl+S saves (a new version).
class WorkflowEditor : public QWidget {
    Q_OBJECT

public:
    explicit WorkflowEditor(QWidget* parent = nullptr);

    // Starts editing `workflow` (no history, not modified).
    void open(const Workflow& workflow);
    const Workflow& workflow() const;
    bool isModified() const;
    void markSaved();
    // What validation checks against (the workspace's scripts, templates and workflows) and what the pickers offer.
    void setLookup(const WorkflowLookup& lookup, const WorkflowProperties::Names& names);
    void setInventory(std::function<const Inventory*()> inventory);

    // Edits, as the actions do them (public for the keyboard, the menus and tests).
    QString addNode(WorkflowNode::Kind kind, const QPointF& at);
    void connectNodes(const QString& from, const QString& to, WorkflowEdge::Kind kind);
    void deleteSelection();
    void copySelection();
    void paste();
    void tidy();
    void undo();
    void redo();

    WorkflowCanvas* canvas() const { return m_canvas; }
    WorkflowProperties* properties() const { return m_properties; }
    WorkflowDocument* document() const { return m_document; }
    QListWidget* palette() const { return m_palette; }
    QTreeWidget* problems() const { return m_problems; }
    QPlainTextEdit* yamlEdit() const { return m_yaml; }
    QTabWidget* tabs() const { return m_tabs; }
    QList<WorkflowProblem> currentProblems() const { return m_currentProblems; }

    // While a run is shown: the canvas shows it and takes no edits, the palette, properties and YAML are read-only.
    void setRunMode(bool running);
    bool isRunMode() const { return m_runMode; }

signals:
    void saveRequested();
    void runRequested();
    void modifiedChanged(bool modified);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void documentChanged();
    void selectionChanged();
    void yamlEdited();
    void retranslate();
    void fillPalette();

    WorkflowDocument* m_document;
    WorkflowCanvas* m_canvas;
    WorkflowMinimap* m_minimap;
    WorkflowProperties* m_properties;
    QListWidget* m_palette;
    QTreeWidget* m_problems;
    QPlainTextEdit* m_yaml;
    QLabel* m_yamlStatus;
    QTabWidget* m_tabs;
    QToolBar* m_toolbar;
    QTimer m_yamlTimer;
    bool m_settingYaml = false;
    WorkflowLookup m_lookup;
    QList<WorkflowProblem> m_currentProblems;
    bool m_runMode = false;
    QAction* m_runAction;
    QAction* m_save;
    QAction* m_undo;
    QAction* m_redo;
    QAction* m_delete;
    QAction* m_copy;
    QAction* m_paste;
    QAction* m_tidy;
    QAction* m_fit;
    QAction* m_zoomIn;
    QAction* m_zoomOut;
};
