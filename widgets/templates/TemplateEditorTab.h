#pragma once

#include "common/LibraryTab.h"
#include "inventory/Inventory.h"
#include "jinja/Options.h"
#include "templates/ConfigTemplate.h"
#include "templates/TemplatePreview.h"

class DiffView;
class FindReplaceBar;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QTimer;
class ScriptEditor;
template <typename T> class QFutureWatcher;

// One open template in the Templates page: its fields (name, destination, mode, owner, description) above the
// editor (Jinja over the destination's file syntax) beside a live preview for a chosen host of the inventory. The
// preview follows typing after a 30 ms pause: a normal template renders on the GUI thread in a
// few milliseconds (bench_template_preview); one that is large, or whose last render was slow, renders on a worker and
// results overtaken by newer text are dropped. Errors are underlined at their line and column (tooltip and status
// line), the undefined variables the template uses for the host are listed, hovering a variable shows its value for
// the host and the layer it came from, and a second host's output can be compared side by side. Job variables (the
// layer a run gives at launch, above every other) can be typed in a tab of their own so that the preview renders
// what a push with them will write; the Templates page keeps them per template in the workspace's settings.
class TemplateEditorTab : public LibraryTab {
    Q_OBJECT
public:
    // Renders on a worker from this size (characters), or when the previous render took longer than kAsyncAfterMs.
    static constexpr qsizetype kAsyncChars = 200 * 1024;
    static constexpr int kAsyncAfterMs = 15;
    static constexpr int kDebounceMs = 30;

    // A stored template (id > 0) or a new one (id == 0). `inventory` must outlive the tab (the page owns it).
    TemplateEditorTab(const ConfigTemplate& tmpl, const Inventory* inventory, QWidget* parent = nullptr);
    ~TemplateEditorTab() override;

    // The template as edited (id and version bookkeeping of the stored one).
    ConfigTemplate edited() const;
    const ConfigTemplate& stored() const { return m_stored; }
    void setStored(const ConfigTemplate& tmpl);
    bool isModified() const override { return m_modified; }
    bool isNew() const override { return m_stored.id == 0; }
    QString title() const override;
    qint64 storedId() const override { return m_stored.id; }
    QString storedName() const override { return m_stored.name; }
    int storedVersion() const override { return m_stored.version; }
    QJsonObject draftJson() const override { return edited().toJson(); }
    QString changeNote() const;
    void clearChangeNote();
    // Problems that prevent saving, or an empty string.
    QString validationProblem() const;
    // Fills the fields and editor from a draft (keeps the stored bookkeeping).
    void loadDraft(const ConfigTemplate& draft);

    // The inventory changed (reloaded): hosts are listed again and the preview re-rendered.
    void inventoryChanged();
    void setHost(const QString& host);
    QString host() const;
    void setCompareHost(const QString& host);
    QString compareHost() const;
    void setUndefinedMode(Jinja::UndefinedMode mode);
    // The job variables the preview renders with (YAML mapping text; an invalid one is shown and ignored).
    void setJobVariables(const QString& yaml);
    QString jobVariablesText() const;
    // Parsed job variables, empty while the text is invalid.
    const QVariantMap& jobVariables() const { return m_jobVariables; }

    // Renders now (skipping the pause); a worker render's result arrives later (isRendering()).
    void renderNow();
    bool isRendering() const { return m_renderPending; }
    const TemplatePreview::Outcome& lastOutcome() const { return m_outcome; }
    // What hovering at a 1-based line and column of the template shows about a variable (rich text), or empty.
    QString variableHoverText(int line, int column) const;

    ScriptEditor* editor() const { return m_editor; }
    ScriptEditor* previewView() const { return m_preview; }
    DiffView* compareView() const { return m_compare; }
    QTabWidget* previewTabs() const { return m_previewTabs; }
    QListWidget* undefinedList() const { return m_undefined; }
    QPlainTextEdit* jobVariablesEdit() const { return m_jobVars; }
    QLabel* jobVariablesStatus() const { return m_jobVarsStatus; }
    QLabel* statusLabel() const { return m_status; }
    QComboBox* hostCombo() const { return m_host; }
    QComboBox* compareCombo() const { return m_compareHost; }
    QComboBox* undefinedModeCombo() const { return m_mode; }
    FindReplaceBar* findBar() const { return m_findBar; }
    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* destinationEdit() const { return m_destination; }

signals:
    // A render's result was shown (for tests and the status bar).
    void previewUpdated();
    // The job variables' text was changed (typed or set), not when a template is loaded.
    void jobVariablesChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void retranslateUi();
    void load(const ConfigTemplate& tmpl);
    void updateModified();
    void fillHosts();
    void updateContext();
    void scheduleRender();
    void applyOutcome(const TemplatePreview::Outcome& outcome, const QString& compareOutput, bool compareOk);
    void updateStatus();
    void updateFileSyntax();
    void parseJobVariables();
    void applyJobVariables();

    ConfigTemplate m_stored;
    const Inventory* m_inventory = nullptr;
    bool m_modified = false;
    bool m_loading = false;

    QLineEdit* m_name = nullptr;
    QLineEdit* m_destination = nullptr;
    QLineEdit* m_modeEdit = nullptr;
    QLineEdit* m_owner = nullptr;
    QLineEdit* m_description = nullptr;
    QLabel* m_labels[5] = {};
    QSplitter* m_splitter = nullptr;
    ScriptEditor* m_editor = nullptr;
    FindReplaceBar* m_findBar = nullptr;
    QLabel* m_hostLabel = nullptr;
    QComboBox* m_host = nullptr;
    QLabel* m_compareLabel = nullptr;
    QComboBox* m_compareHost = nullptr;
    QLabel* m_modeLabel = nullptr;
    QComboBox* m_mode = nullptr;
    QTabWidget* m_previewTabs = nullptr;
    ScriptEditor* m_preview = nullptr;
    DiffView* m_compare = nullptr;
    QLabel* m_undefinedTitle = nullptr;
    QListWidget* m_undefined = nullptr;
    QLabel* m_status = nullptr;
    QLineEdit* m_note = nullptr;
    QWidget* m_jobVarsPage = nullptr;
    QLabel* m_jobVarsHelp = nullptr;
    QPlainTextEdit* m_jobVars = nullptr;
    QLabel* m_jobVarsStatus = nullptr;
    QVariantMap m_jobVariables;
    QString m_jobVarsError; // the parse error of the job variables, shown and ignored

    // The chosen hosts' contexts (resolved once per host and inventory, not per keystroke) and provenance; the
    // contexts rendered are these with the job variables on top.
    QVariantMap m_hostContext;
    QVariantMap m_hostCompareContext;
    QVariantMap m_context;
    QVariantMap m_compareContext;
    QList<ResolvedVar> m_provenance;
    bool m_hasHost = false; // the preview host exists in the inventory (m_context may hold job variables only)

    QTimer* m_renderTimer = nullptr;
    QFutureWatcher<QPair<TemplatePreview::Outcome, TemplatePreview::Outcome>>* m_watcher = nullptr;
    quint64 m_generation = 0;
    bool m_renderPending = false;
    bool m_renderAgain = false;
    TemplatePreview::Outcome m_outcome;
};
