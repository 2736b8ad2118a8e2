#pragma once

#include "common/AsyncTask.h"
#include "common/LibraryTab.h"
#include "scripts/DangerRules.h"
#include "scripts/Script.h"
#include "scripts/ScriptFinding.h"

#include <QPointer>

class FindReplaceBar;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;
class QTimer;
class QToolButton;
class ScriptEditor;
class ShellCheckRunner;

// One open script in the script library's tab area: its details (name, language, kind, run-as account, tags,
// description, parameters) above the QScintilla editor, a find/replace bar, and a line with the checks' findings
// and the change note for the next save. Danger rules run on the GUI thread after a pause in typing (they take a
// few milliseconds even on large scripts); ShellCheck runs in a separate process, never blocking typing, and
// results of stale runs are dropped.
class ScriptEditorTab : public LibraryTab {
    Q_OBJECT
public:
    // A stored script (id > 0) or a new one (id == 0, never saved).
    explicit ScriptEditorTab(const Script& script, const QList<DangerRule>& rules, QWidget* parent = nullptr);
    ~ScriptEditorTab() override;

    // The script as edited (id and version bookkeeping of the stored one).
    Script script() const;
    const Script& stored() const { return m_stored; }
    // After a save: the new stored state; the tab is unmodified again.
    void setStored(const Script& script);
    bool isModified() const override { return m_modified; }
    bool isNew() const override { return m_stored.id == 0; }
    QString title() const override;
    qint64 storedId() const override { return m_stored.id; }
    QString storedName() const override { return m_stored.name; }
    int storedVersion() const override { return m_stored.version; }
    QJsonObject draftJson() const override { return script().toJson(); }

    QString changeNote() const;
    void clearChangeNote();

    ScriptEditor* editor() const { return m_editor; }
    FindReplaceBar* findBar() const { return m_findBar; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QComboBox* languageCombo() const { return m_language; }

    void setDangerRules(const QList<DangerRule>& rules);
    // Runs the checks now (tests and explicit "check" requests); ShellCheck's result arrives later.
    void checkNow();
    ScriptFindings dangerFindings() const { return m_danger; }
    ScriptFindings shellCheckFindings() const { return m_shellCheck; }
    // Whether a ShellCheck run is outstanding.
    bool isShellChecking() const { return m_shellCheckPending; }
    // Whether a danger check of a large script is running in the background.
    bool isDangerChecking() const { return m_dangerPending; }
    QLabel* findingsLabel() const { return m_findingsLabel; }

    // Problems that prevent saving (empty name, bad tag), or an empty string.
    QString validationProblem() const;

    void showDetails(bool show);

signals:
    void findingsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void retranslateUi();
    void load(const Script& script);
    void updateModified();
    void scheduleChecks();
    void updateFindingsLabel();
    QStringList tagList() const;

    Script m_stored;
    QList<DangerRule> m_rules;
    bool m_modified = false;
    bool m_loading = false;

    QWidget* m_details = nullptr;
    QToolButton* m_detailsToggle = nullptr;
    QLineEdit* m_name = nullptr;
    QComboBox* m_language = nullptr;
    QComboBox* m_kind = nullptr;
    QLineEdit* m_runAs = nullptr;
    QLineEdit* m_tags = nullptr;
    QPlainTextEdit* m_description = nullptr;
    QTableWidget* m_parameters = nullptr;
    QToolButton* m_addParameter = nullptr;
    QToolButton* m_removeParameter = nullptr;
    QLabel* m_detailLabels[7] = {};
    ScriptEditor* m_editor = nullptr;
    FindReplaceBar* m_findBar = nullptr;
    QLabel* m_findingsLabel = nullptr;
    QLineEdit* m_note = nullptr;

    QTimer* m_checkTimer = nullptr;
    ShellCheckRunner* m_shellCheckRunner = nullptr;
    quint64 m_generation = 0;
    bool m_shellCheckPending = false;
    bool m_dangerPending = false;
    LatestAsync m_dangerCheck; // large scripts are checked in a worker
    QString m_shellCheckError;
    ScriptFindings m_danger;
    ScriptFindings m_shellCheck;
};
