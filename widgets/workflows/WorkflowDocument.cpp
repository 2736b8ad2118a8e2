#include "WorkflowDocument.h"

#include <QUndoCommand>

class WorkflowSnapshotCommand : public QUndoCommand {
public:
    WorkflowSnapshotCommand(
        WorkflowDocument* doc, Workflow before, Workflow after, const QString& text, const QString& mergeKey)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeKey(mergeKey)
    {
    }
    int id() const override { return m_mergeKey.isEmpty() ? -1 : 1; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* o = static_cast<const WorkflowSnapshotCommand*>(other);
        if (o->m_mergeKey != m_mergeKey) {
            return false;
        }
        m_after = o->m_after;
        return true;
    }
    void undo() override { m_doc->set(m_before); }
    void redo() override { m_doc->set(m_after); }

private:
    WorkflowDocument* m_doc;
    Workflow m_before;
    Workflow m_after;
    QString m_mergeKey;
};

WorkflowDocument::WorkflowDocument(QObject* parent)
    : QObject(parent)
{
}

void WorkflowDocument::reset(const Workflow& workflow)
{
    m_undo.clear();
    m_workflow = workflow;
    emit changed();
}

void WorkflowDocument::apply(const Workflow& after, const QString& text, const QString& mergeKey)
{
    if (after == m_workflow) {
        return;
    }
    m_undo.push(new WorkflowSnapshotCommand(this, m_workflow, after, text, mergeKey));
}

void WorkflowDocument::set(const Workflow& workflow)
{
    m_workflow = workflow;
    emit changed();
}
