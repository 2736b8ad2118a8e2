#pragma once

#include "workflows/Workflow.h"

#include <QObject>
#include <QUndoStack>

// The workflow being edited in the builder, with its undo history. Every edit — from the canvas, the properties
// panel or the YAML tab — goes through apply(): the whole workflow before and after is one undo step (workflows are
// small, so a snapshot is cheaper to get right than a command per kind of edit). Consecutive edits with the same
// merge key (dragging a node, typing in one field) become one step.
class WorkflowDocument : public QObject {
    Q_OBJECT

public:
    explicit WorkflowDocument(QObject* parent = nullptr);

    const Workflow& workflow() const { return m_workflow; }
    QUndoStack* undoStack() { return &m_undo; }
    // Starts over with `workflow` (a workflow opened or saved): no history, not modified.
    void reset(const Workflow& workflow);
    // Replaces the workflow by `after` as one undoable step named `text`; nothing happens when nothing changed.
    // A non-empty `mergeKey` merges with the step before when that had the same key.
    void apply(const Workflow& after, const QString& text, const QString& mergeKey = {});
    bool isModified() const { return !m_undo.isClean(); }
    void markSaved() { m_undo.setClean(); }

signals:
    // The workflow changed (an edit, undo, redo or reset).
    void changed();

private:
    friend class WorkflowSnapshotCommand;
    void set(const Workflow& workflow);

    Workflow m_workflow;
    QUndoStack m_undo;
};
