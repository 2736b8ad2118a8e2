#pragma once

#include "core/Result.h"
#include "jobs/JobSpec.h"
#include "scripts/DangerGate.h"
#include "scripts/DangerRules.h"
#include "scripts/Script.h"
#include "templates/ConfigTemplate.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>
#include <functional>
#include <optional>

class Backend;
class DiffView;
class Inventory;
class ScriptEditor;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

// Prepares a job on hosts: targets (a search query over the inventory, or the hosts given); what to do — run a
// library script or an ad hoc command with its parameters and account, push a library template rendered per host,
// or push a local file (destination, mode, owner); the job's variables (a YAML mapping: the top layer templates
// are rendered from, and scalar ones are exported to scripts); the rolling plan with the exact hosts
// of each batch, the pause between batches, the failure policy, timeout and concurrency. A script with blocking
// danger findings can only be run after ticking the acknowledgement, which is recorded with the job. Every field
// is validated as it is typed; Run stays disabled while something is wrong, and the reason is shown. A library
// script is shown read-only where the ad hoc command would be typed. A push shows, for a chosen target, the
// rendered result and its difference from what the job history says was last pushed there (the console cannot
// read the host's file without connecting). The form scrolls rather than growing the dialog while typing.
class RunDialog : public QDialog {
    Q_OBJECT
public:
    RunDialog(const Inventory* inventory, const QList<Script>& scripts, const QList<DangerRule>& rules,
        QWidget* parent = nullptr);

    void setQuery(const QString& query);
    void setHosts(const QStringList& hosts); // explicit targets (the inventory selection)
    void selectScript(qint64 id);
    // The value of the chosen script's parameter `name` (after selectScript()); false when it has none of that name.
    bool setParameterValue(const QString& name, const QString& value);
    void setAdHoc(const QString& command);
    enum class Action { RunScript, PushTemplate, PushFile };
    void setAction(Action action);
    Action action() const;
    // The library's templates (Push template); selectTemplate() also switches to that action.
    void setTemplates(const QList<ConfigTemplate>& templates);
    void selectTemplate(qint64 id);
    void setSourceFile(const QString& path); // Push file
    void setJobVariables(const QString& yaml); // the job layer, YAML text as typed
    // A template as its editor holds it (unsaved changes, or never saved: id 0), listed beside the library's
    // (replacing the stored one of the same id) and selected: the push writes the editor's text.
    void setEditedTemplate(const ConfigTemplate& edited);

    // Plan, pause between batches, failure policy, timeout and concurrency, as JSON: the caller keeps them (in the
    // workspace) so that the next run starts from the last one. Unknown or invalid values are left as they are.
    QJsonObject runSettings() const;
    void setRunSettings(const QJsonObject& settings);
    // The workspace setting they are kept under (every run dialog of the console shares them).
    static constexpr const char* kSettingsKey = "jobs/runSettings";

    // A push found in the job history: a push step that succeeded on the host, and its job's variables.
    struct PastPush {
        QString jobId;
        QString jobName;
        QString createdBy;
        qint64 createdMs = 0;
        JobStep step;
        QJsonObject jobVariables;
    };
    // The last successful push to `dest` on `host`, or nullopt.
    using PushHistory = std::function<std::optional<PastPush>(const QString& host, const QString& dest)>;
    void setPushHistory(PushHistory history);
    // Looks through the backend's job history (the newest 20 jobs that targeted the host and name the path).
    static PushHistory historyOf(Backend* backend);

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
    QPlainTextEdit* adHocEdit() const { return m_adHoc; }
    ScriptEditor* scriptView() const { return m_scriptView; }
    QComboBox* scriptCombo() const { return m_script; }
    QComboBox* templateCombo() const { return m_template; }
    QComboBox* pauseCombo() const { return m_pauseKind; }
    QSpinBox* pauseSecondsBox() const { return m_pauseSeconds; }
    QSpinBox* timeoutBox() const { return m_timeout; }
    QSpinBox* concurrencyBox() const { return m_concurrency; }
    // Beside the form: the batches, and for a push the preview (rendered result, difference from the last push).
    QTabWidget* sideTabs() const { return m_sideTabs; }
    QWidget* previewPage() const { return m_previewPage; }
    QComboBox* previewHostCombo() const { return m_previewHost; }
    QTabWidget* previewTabs() const { return m_previewTabs; }
    ScriptEditor* renderedView() const { return m_rendered; }
    DiffView* diffView() const { return m_diff; }
    QLabel* previewStatus() const { return m_previewStatus; }
    QLabel* diffStatus() const { return m_diffStatus; }
    // True when `field` (or the row holding it) is shown in the form.
    bool isRowVisible(QWidget* field) const;
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
    // The preview tab: the targets in its host list, then the chosen host's rendered result and difference.
    void fillPreviewHosts();
    void updatePreview();
    // What the push would write to `host` (a template rendered with the job variables, or the file's text).
    Result<QString> pushedText(const QString& host) const;
    // What the recorded push wrote to `host`, when the history says enough to know it.
    Result<QString> pastText(const PastPush& past, const QString& host) const;
    std::optional<PastPush> lastPush(const QString& host, const QString& dest);
    const Inventory* m_inventory = nullptr;
    QList<Script> m_scripts;
    QList<ConfigTemplate> m_templates;
    QJsonObject m_jobVariables;
    QList<DangerRule> m_rules;
    QStringList m_explicitHosts;
    QStringList m_targets;
    ScriptFindings m_blocking;
    QString m_problem;
    PushHistory m_history;
    qint64 m_editedTemplateId = 0; // the template of setEditedTemplate(), marked as unsaved
    QHash<QString, std::optional<PastPush>> m_historyCache; // by host + '\n' + destination

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
    ScriptEditor* m_scriptView = nullptr;
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
    QTabWidget* m_sideTabs = nullptr;
    QWidget* m_previewPage = nullptr;
    QComboBox* m_previewHost = nullptr;
    QLabel* m_previewStatus = nullptr;
    QTabWidget* m_previewTabs = nullptr;
    ScriptEditor* m_rendered = nullptr;
    QWidget* m_diffPage = nullptr;
    DiffView* m_diff = nullptr;
    QLabel* m_diffStatus = nullptr;
    QLabel* m_danger = nullptr;
    QCheckBox* m_acknowledge = nullptr;
    QLabel* m_problemLabel = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
