#pragma once

#include "workflows/Workflow.h"
#include "workflows/WorkflowPreview.h"

#include <QDialog>
#include <QHash>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

// Launching a workflow: its typed parameters (defaults filled in, required ones marked), the hosts (the workflow's
// targets unless overridden by a query), and — updated as they are typed — the what-if preview: which steps run in
// which wave, on how many hosts in which batches, when everything succeeds or when a chosen step fails. Run stays
// disabled while a parameter or the targets are wrong, with the reason shown.
class WorkflowRunDialog : public QDialog {
    Q_OBJECT

public:
    WorkflowRunDialog(const Workflow& workflow, WorkflowTargetResolver resolve, QWidget* parent = nullptr);

    // As `--param K=V` gives them (text).
    QMap<QString, QString> params() const;
    QString hostsQuery() const;
    // Sets a parameter's field (tests, and a re-run with the same values).
    void setParam(const QString& name, const QString& value);
    void setHostsQuery(const QString& query);
    void setFailingNode(const QString& node);

    QTreeWidget* previewTree() const { return m_preview; }
    QLabel* problemLabel() const { return m_problem; }
    bool canRun() const;
    const WorkflowPreview& preview() const { return m_last; }

private:
    void update();

    Workflow m_workflow;
    WorkflowTargetResolver m_resolve;
    QHash<QString, QWidget*> m_fields; // by parameter name
    QLineEdit* m_hosts;
    QComboBox* m_failing;
    QTreeWidget* m_preview;
    QLabel* m_summary;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
    WorkflowPreview m_last;
};
