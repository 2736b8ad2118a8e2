#pragma once

#include "DangerGate.h"
#include "DangerRules.h"
#include "JobSpec.h"
#include "Script.h"

#include <QDialog>

class Inventory;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

// Prepares a job that runs a script on hosts: targets (a search query over the inventory, or the hosts given),
// a library script or an ad hoc command with its parameters, the account, the rolling plan with the exact hosts
// of each batch, the pause between batches, the failure policy, timeout and concurrency. A script with blocking
// danger findings can only be run after ticking the acknowledgement, which is recorded with the job. Every field
// is validated as it is typed; Run stays disabled while something is wrong, and the reason is shown.
class RunDialog : public QDialog {
    Q_OBJECT
public:
    RunDialog(const Inventory* inventory, const QList<Script>& scripts, const QList<DangerRule>& rules,
        QWidget* parent = nullptr);

    void setQuery(const QString& query);
    void setHosts(const QStringList& hosts); // explicit targets (the inventory selection)
    void selectScript(qint64 id);
    void setAdHoc(const QString& command);

    // The job as configured (valid when canRun()).
    JobSpec spec() const;
    bool canRun() const;
    QString problem() const { return m_problem; }
    // Blocking danger findings of the chosen script and the acknowledgement (when ticked).
    ScriptFindings blockingFindings() const { return m_blocking; }
    std::optional<DangerGate::Acknowledgement> acknowledgement() const;

    QLineEdit* queryEdit() const { return m_query; }
    QLabel* targetsLabel() const { return m_targetsLabel; }
    QLineEdit* planEdit() const { return m_plan; }
    QLabel* planLabel() const { return m_planLabel; }
    QLineEdit* failEdit() const { return m_failAt; }
    QTreeWidget* batchPreview() const { return m_preview; }
    QCheckBox* acknowledgeBox() const { return m_acknowledge; }
    QLabel* dangerLabel() const { return m_danger; }
    QTableWidget* parameterTable() const { return m_params; }
    QPushButton* runButton() const;

private:
    void scriptChanged();
    void validate();
    QStringList targets() const;
    const Script* currentScript() const;
    QString content() const;
    ScriptLanguage language() const;

    const Inventory* m_inventory = nullptr;
    QList<Script> m_scripts;
    QList<DangerRule> m_rules;
    QStringList m_explicitHosts;
    QStringList m_targets;
    ScriptFindings m_blocking;
    QString m_problem;

    QLineEdit* m_query = nullptr;
    QLabel* m_targetsLabel = nullptr;
    QComboBox* m_script = nullptr;
    QPlainTextEdit* m_adHoc = nullptr;
    QComboBox* m_adHocLanguage = nullptr;
    QTableWidget* m_params = nullptr;
    QLineEdit* m_account = nullptr;
    QLineEdit* m_plan = nullptr;
    QLabel* m_planLabel = nullptr;
    QComboBox* m_pauseKind = nullptr;
    QSpinBox* m_pauseSeconds = nullptr;
    QLineEdit* m_failAt = nullptr;
    QLabel* m_failLabel = nullptr;
    QSpinBox* m_timeout = nullptr;
    QSpinBox* m_concurrency = nullptr;
    QTreeWidget* m_preview = nullptr;
    QLabel* m_danger = nullptr;
    QCheckBox* m_acknowledge = nullptr;
    QLabel* m_problemLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
