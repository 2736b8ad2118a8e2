#pragma once

#include "ConfigTemplate.h"
#include "DangerGate.h"
#include "DangerRules.h"
#include "JobSpec.h"
#include "Script.h"

#include <QDialog>
#include <QJsonObject>

class Inventory;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

// Prepares a job on hosts: targets (a search query over the inventory, or the hosts given); what to do — run a
// library script or an ad hoc command with its parameters and account, push a library template rendered per host,
// or push a local file (destination, mode, owner); the job's variables (a YAML mapping: the top layer templates
// are rendered from, and scalar ones are exported to scripts); the rolling plan with the exact hosts
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
    enum class Action { RunScript, PushTemplate, PushFile };
    void setAction(Action action);
    Action action() const;
    // The library's templates (Push template); selectTemplate() also switches to that action.
    void setTemplates(const QList<ConfigTemplate>& templates);
    void selectTemplate(qint64 id);
    void setSourceFile(const QString& path); // Push file
    void setJobVariables(const QString& yaml); // the job layer, YAML text as typed

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
    QComboBox* actionCombo() const { return m_action; }
    QLineEdit* destinationEdit() const { return m_dest; }
    QLineEdit* modeEdit() const { return m_mode; }
    QLineEdit* ownerEdit() const { return m_owner; }
    QLineEdit* bandwidthEdit() const { return m_bandwidth; }
    QPlainTextEdit* jobVariablesEdit() const { return m_jobVars; }
    QPushButton* runButton() const;

private:
    void scriptChanged();
    void actionChanged();
    void templateChanged();
    void validate();
    const ConfigTemplate* currentTemplate() const;
    QStringList targets() const;
    const Script* currentScript() const;
    QString content() const;
    ScriptLanguage language() const;

    // Why the chosen template cannot be pushed to the targets (a parse error, or hosts whose render fails), or empty.
    QString renderProblem() const;
    const Inventory* m_inventory = nullptr;
    QList<Script> m_scripts;
    QList<ConfigTemplate> m_templates;
    QJsonObject m_jobVariables;
    QList<DangerRule> m_rules;
    QStringList m_explicitHosts;
    QStringList m_targets;
    ScriptFindings m_blocking;
    QString m_problem;

    QFormLayout* m_form = nullptr;
    QLayout* m_adHocRow = nullptr;
    QLayout* m_modeRow = nullptr;
    QComboBox* m_action = nullptr;
    QComboBox* m_template = nullptr;
    QLineEdit* m_source = nullptr;
    QWidget* m_sourceRow = nullptr;
    QLineEdit* m_dest = nullptr;
    QLineEdit* m_mode = nullptr;
    QLineEdit* m_owner = nullptr;
    QLineEdit* m_bandwidth = nullptr;
    QPlainTextEdit* m_jobVars = nullptr;
    QLabel* m_jobVarsLabel = nullptr;
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
