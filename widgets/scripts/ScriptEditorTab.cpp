#include "ScriptEditorTab.h"

#include "FindReplaceBar.h"
#include "ScriptEditor.h"
#include "scripts/ShellCheck.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QShortcut>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr int kCheckDelayMs = 400;
// Up to this many characters the danger rules run on the GUI thread (well under a millisecond per 10 KB).
constexpr qsizetype kSyncCheckChars = 256 * 1024;
const ScriptLanguage kLanguages[]
    = { ScriptLanguage::Bash, ScriptLanguage::Sh, ScriptLanguage::Python, ScriptLanguage::Perl };

} // namespace

ScriptEditorTab::ScriptEditorTab(const Script& script, const QList<DangerRule>& rules, QWidget* parent)
    : LibraryTab(parent)
    , m_stored(script)
    , m_rules(rules)
{
    buildUi();
    retranslateUi();
    load(script);
    checkNow();
}

ScriptEditorTab::~ScriptEditorTab() = default;

void ScriptEditorTab::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // Details: collapsed to one line by default so that the editor gets the room.
    auto* header = new QWidget(this);
    auto* headerLayout = new QHBoxLayout(header);
    headerLayout->setContentsMargins(8, 4, 8, 4);
    m_detailsToggle = new QToolButton(header);
    m_detailsToggle->setObjectName(QStringLiteral("detailsToggle"));
    m_detailsToggle->setCheckable(true);
    m_detailsToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_detailsToggle->setAutoRaise(true);
    m_detailsToggle->setArrowType(Qt::RightArrow);
    headerLayout->addWidget(m_detailsToggle);
    m_detailLabels[0] = new QLabel(header);
    headerLayout->addWidget(m_detailLabels[0]);
    m_name = new QLineEdit(header);
    m_name->setObjectName(QStringLiteral("scriptName"));
    headerLayout->addWidget(m_name, 2);
    m_detailLabels[1] = new QLabel(header);
    headerLayout->addWidget(m_detailLabels[1]);
    m_language = new QComboBox(header);
    m_language->setObjectName(QStringLiteral("scriptLanguage"));
    for (const ScriptLanguage l : kLanguages) {
        m_language->addItem(ScriptLanguages::name(l), int(l));
    }
    headerLayout->addWidget(m_language);
    m_detailLabels[2] = new QLabel(header);
    headerLayout->addWidget(m_detailLabels[2]);
    m_tags = new QLineEdit(header);
    m_tags->setObjectName(QStringLiteral("scriptTags"));
    headerLayout->addWidget(m_tags, 2);
    layout->addWidget(header);

    m_details = new QWidget(this);
    m_details->setObjectName(QStringLiteral("scriptDetails"));
    auto* form = new QFormLayout(m_details);
    form->setContentsMargins(12, 0, 12, 6);
    m_kind = new QComboBox(m_details);
    m_kind->setObjectName(QStringLiteral("scriptKind"));
    m_kind->addItem(QString(), int(Script::Kind::User));
    m_kind->addItem(QString(), int(Script::Kind::System));
    m_runAs = new QLineEdit(m_details);
    m_runAs->setObjectName(QStringLiteral("scriptRunAs"));
    m_description = new QPlainTextEdit(m_details);
    m_description->setObjectName(QStringLiteral("scriptDescription"));
    m_description->setMaximumHeight(64);
    m_description->setTabChangesFocus(true);
    m_parameters = new QTableWidget(0, 4, m_details);
    m_parameters->setObjectName(QStringLiteral("scriptParameters"));
    m_parameters->setMaximumHeight(110);
    m_parameters->horizontalHeader()->setStretchLastSection(true);
    m_parameters->verticalHeader()->hide();
    auto* paramRow = new QHBoxLayout;
    paramRow->addWidget(m_parameters, 1);
    auto* paramButtons = new QVBoxLayout;
    m_addParameter = new QToolButton(m_details);
    m_addParameter->setText(QStringLiteral("+"));
    m_removeParameter = new QToolButton(m_details);
    m_removeParameter->setText(QStringLiteral("−"));
    paramButtons->addWidget(m_addParameter);
    paramButtons->addWidget(m_removeParameter);
    paramButtons->addStretch();
    paramRow->addLayout(paramButtons);
    for (int i = 3; i < 7; ++i) {
        m_detailLabels[i] = new QLabel(m_details);
    }
    form->addRow(m_detailLabels[3], m_kind);
    form->addRow(m_detailLabels[4], m_runAs);
    form->addRow(m_detailLabels[5], m_description);
    form->addRow(m_detailLabels[6], paramRow);
    m_details->hide();
    layout->addWidget(m_details);

    m_editor = new ScriptEditor(this);
    m_editor->setObjectName(QStringLiteral("scriptEditor"));
    layout->addWidget(m_editor, 1);
    m_findBar = new FindReplaceBar(m_editor, this);
    m_findBar->hide();
    // The Scripts page's Find and Replace actions (Ctrl+F, Ctrl+H, in its menu) open this bar; the bar's own
    // shortcuts for the same keys would make them ambiguous, and neither would fire.
    for (QShortcut* shortcut : m_editor->findChildren<QShortcut*>()) {
        if (shortcut->key() == QKeySequence(QKeySequence::Find)
            || shortcut->key() == QKeySequence(Qt::CTRL | Qt::Key_H)) {
            shortcut->setEnabled(false);
        }
    }
    layout->addWidget(m_findBar);

    auto* footer = new QWidget(this);
    auto* footerLayout = new QHBoxLayout(footer);
    footerLayout->setContentsMargins(8, 3, 8, 3);
    m_findingsLabel = new QLabel(footer);
    m_findingsLabel->setObjectName(QStringLiteral("findingsLabel"));
    m_findingsLabel->setTextFormat(Qt::PlainText);
    // A long summary must not widen the editor beyond the window: it is cut, and the tooltip has all of it.
    m_findingsLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    footerLayout->addWidget(m_findingsLabel, 1);
    m_note = new QLineEdit(footer);
    m_note->setObjectName(QStringLiteral("changeNote"));
    m_note->setClearButtonEnabled(true);
    m_note->setMinimumWidth(260);
    footerLayout->addWidget(m_note);
    layout->addWidget(footer);

    m_checkTimer = new QTimer(this);
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(kCheckDelayMs);
    connect(m_checkTimer, &QTimer::timeout, this, &ScriptEditorTab::checkNow);
    m_shellCheckRunner = new ShellCheckRunner(this);
    connect(m_shellCheckRunner, &ShellCheckRunner::finished, this,
        [this](quint64 generation, const ScriptFindings& findings) {
            if (generation != m_generation) {
                return; // a newer check is on its way
            }
            m_shellCheckPending = false;
            m_shellCheckError.clear();
            m_shellCheck = findings;
            m_editor->setFindings(ScriptFinding::Source::ShellCheck, m_shellCheck);
            updateFindingsLabel();
            emit findingsChanged();
        });
    connect(m_shellCheckRunner, &ShellCheckRunner::failed, this, [this](quint64 generation, const QString& message) {
        if (generation != m_generation) {
            return;
        }
        m_shellCheckPending = false;
        m_shellCheckError = message;
        updateFindingsLabel();
        emit findingsChanged();
    });

    connect(m_detailsToggle, &QToolButton::toggled, this, &ScriptEditorTab::showDetails);
    connect(m_editor, &QsciScintilla::textChanged, this, [this] {
        updateModified();
        scheduleChecks();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this] {
        updateModified();
        emit titleChanged();
    });
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        m_editor->setLanguage(ScriptLanguage(m_language->currentData().toInt()));
        updateModified();
        scheduleChecks();
    });
    connect(m_tags, &QLineEdit::textChanged, this, &ScriptEditorTab::updateModified);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ScriptEditorTab::updateModified);
    connect(m_runAs, &QLineEdit::textChanged, this, &ScriptEditorTab::updateModified);
    connect(m_description, &QPlainTextEdit::textChanged, this, &ScriptEditorTab::updateModified);
    connect(m_parameters, &QTableWidget::itemChanged, this, &ScriptEditorTab::updateModified);
    connect(m_addParameter, &QToolButton::clicked, this, [this] {
        const int row = m_parameters->rowCount();
        m_parameters->insertRow(row);
        auto* required = new QTableWidgetItem;
        required->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        required->setCheckState(Qt::Unchecked);
        m_parameters->setItem(row, 3, required);
        m_parameters->editItem(m_parameters->item(row, 0) ? m_parameters->item(row, 0) : nullptr);
        m_parameters->setCurrentCell(row, 0);
        updateModified();
    });
    connect(m_removeParameter, &QToolButton::clicked, this, [this] {
        if (m_parameters->currentRow() >= 0) {
            m_parameters->removeRow(m_parameters->currentRow());
            updateModified();
        }
    });
}

void ScriptEditorTab::retranslateUi()
{
    m_detailsToggle->setText(tr("Details"));
    m_detailsToggle->setToolTip(tr("Show kind, run-as account, description and parameters"));
    m_detailLabels[0]->setText(tr("Name:"));
    m_detailLabels[1]->setText(tr("Language:"));
    m_detailLabels[2]->setText(tr("Tags:"));
    m_detailLabels[3]->setText(tr("Kind:"));
    m_detailLabels[4]->setText(tr("Run as:"));
    m_detailLabels[5]->setText(tr("Description:"));
    m_detailLabels[6]->setText(tr("Parameters:"));
    m_tags->setPlaceholderText(tr("tags separated by spaces"));
    m_kind->setItemText(0, tr("User script"));
    m_kind->setItemText(1, tr("System script (vetted, reusable)"));
    m_runAs->setPlaceholderText(tr("the login user"));
    m_parameters->setHorizontalHeaderLabels({ tr("Name"), tr("Description"), tr("Default"), tr("Required") });
    m_addParameter->setToolTip(tr("Add a parameter"));
    m_removeParameter->setToolTip(tr("Remove the selected parameter"));
    m_note->setPlaceholderText(tr("Change note for the next version (optional)"));
    updateFindingsLabel();
}

void ScriptEditorTab::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_name) {
        retranslateUi();
    }
}

void ScriptEditorTab::showDetails(bool show)
{
    m_details->setVisible(show);
    m_detailsToggle->setArrowType(show ? Qt::DownArrow : Qt::RightArrow);
    if (m_detailsToggle->isChecked() != show) {
        m_detailsToggle->setChecked(show);
    }
}

void ScriptEditorTab::load(const Script& s)
{
    m_loading = true;
    m_name->setText(s.name);
    m_language->setCurrentIndex(m_language->findData(int(s.language)));
    m_editor->setLanguage(s.language);
    m_kind->setCurrentIndex(m_kind->findData(int(s.kind)));
    m_runAs->setText(s.runAs);
    m_tags->setText(s.tags.join(QLatin1Char(' ')));
    m_description->setPlainText(s.description);
    m_parameters->setRowCount(0);
    for (const ScriptParameter& p : s.parameters) {
        const int row = m_parameters->rowCount();
        m_parameters->insertRow(row);
        m_parameters->setItem(row, 0, new QTableWidgetItem(p.name));
        m_parameters->setItem(row, 1, new QTableWidgetItem(p.description));
        m_parameters->setItem(row, 2, new QTableWidgetItem(p.defaultValue));
        auto* required = new QTableWidgetItem;
        required->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        required->setCheckState(p.required ? Qt::Checked : Qt::Unchecked);
        m_parameters->setItem(row, 3, required);
    }
    m_editor->setText(s.content);
    m_editor->updateLargeDocumentMode();
    m_editor->setModified(false);
    m_loading = false;
    updateModified();
}

QStringList ScriptEditorTab::tagList() const
{
    return Script::normalizedTags(
        m_tags->text().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts));
}

Script ScriptEditorTab::script() const
{
    Script s = m_stored;
    s.name = m_name->text().trimmed();
    s.language = ScriptLanguage(m_language->currentData().toInt());
    s.kind = Script::Kind(m_kind->currentData().toInt());
    s.runAs = m_runAs->text().trimmed();
    s.description = m_description->toPlainText();
    s.tags = tagList();
    s.content = m_editor->text();
    s.parameters.clear();
    for (int row = 0; row < m_parameters->rowCount(); ++row) {
        const auto text
            = [&](int col) { return m_parameters->item(row, col) ? m_parameters->item(row, col)->text() : QString(); };
        ScriptParameter p;
        p.name = text(0).trimmed();
        p.description = text(1);
        p.defaultValue = text(2);
        p.required = m_parameters->item(row, 3) && m_parameters->item(row, 3)->checkState() == Qt::Checked;
        if (!p.name.isEmpty()) {
            s.parameters.append(p);
        }
    }
    return s;
}

QString ScriptEditorTab::validationProblem() const
{
    const Script s = script();
    if (const QString problem = Script::nameProblem(s.name); !problem.isEmpty()) {
        return tr("The script needs a name: type one in the Name field.");
    }
    for (const QString& t : s.tags) {
        if (!Script::tagProblem(t).isEmpty()) {
            return tr("The tag “%1” is not valid: tags have no spaces or commas and at most 64 characters.").arg(t);
        }
    }
    return {};
}

void ScriptEditorTab::setStored(const Script& script)
{
    m_stored = script;
    m_editor->setModified(false);
    updateModified();
    emit titleChanged();
}

QString ScriptEditorTab::title() const
{
    const QString name = m_name->text().trimmed();
    return name.isEmpty() ? tr("Untitled") : name;
}

QString ScriptEditorTab::changeNote() const
{
    return m_note->text().trimmed();
}

void ScriptEditorTab::clearChangeNote()
{
    m_note->clear();
}

void ScriptEditorTab::updateModified()
{
    if (m_loading) {
        return;
    }
    const Script now = script();
    const bool modified = isNew() || !now.sameVersionedFields(m_stored) || now.tags != m_stored.tags;
    if (modified != m_modified) {
        m_modified = modified;
        emit modifiedChanged(modified);
    }
}

void ScriptEditorTab::setDangerRules(const QList<DangerRule>& rules)
{
    m_rules = rules;
    checkNow();
}

void ScriptEditorTab::scheduleChecks()
{
    if (!m_loading) {
        m_checkTimer->start();
    }
}

void ScriptEditorTab::checkNow()
{
    m_checkTimer->stop();
    const QString text = m_editor->text();
    const auto language = ScriptLanguage(m_language->currentData().toInt());
    ++m_generation;
    if (text.size() <= kSyncCheckChars) {
        m_dangerCheck.cancel(); // a check of a longer text still on its way no longer applies
        m_dangerPending = false;
        m_danger = DangerRules::check(text, language, m_rules);
        m_editor->setFindings(ScriptFinding::Source::Danger, m_danger);
    } else {
        // Large scripts are checked in a worker thread (a few hundred milliseconds for megabytes) so that typing
        // never waits; a result for text that has changed since is dropped (the next check is on its way).
        m_dangerPending = true;
        m_dangerCheck.run(
            this, [text, language, rules = m_rules] { return DangerRules::check(text, language, rules); },
            [this, text](const ScriptFindings& findings) {
                if (m_editor->text() != text) {
                    return;
                }
                m_dangerPending = false;
                m_danger = findings;
                m_editor->setFindings(ScriptFinding::Source::Danger, m_danger);
                updateFindingsLabel();
                emit findingsChanged();
            });
    }
    const bool shell = language == ScriptLanguage::Bash || language == ScriptLanguage::Sh;
    if (shell && ShellCheck::available()) {
        m_shellCheckPending = true;
        m_shellCheckRunner->check(text, language, m_generation);
    } else {
        m_shellCheckPending = false;
        m_shellCheck.clear();
        m_editor->setFindings(ScriptFinding::Source::ShellCheck, m_shellCheck);
    }
    updateFindingsLabel();
    emit findingsChanged();
}

void ScriptEditorTab::updateFindingsLabel()
{
    if (!m_findingsLabel) {
        return;
    }
    int blocking = 0;
    int warnings = 0;
    for (const ScriptFinding& f : std::as_const(m_danger)) {
        (f.severity == ScriptFinding::Severity::Block ? blocking : warnings)++;
    }
    QStringList parts;
    if (blocking > 0) {
        parts << tr("Blocking: %1 (must be acknowledged before a run)").arg(blocking);
    }
    if (warnings > 0) {
        parts << tr("Danger warnings: %1").arg(warnings);
    }
    const auto language = ScriptLanguage(m_language->currentData().toInt());
    const bool shell = language == ScriptLanguage::Bash || language == ScriptLanguage::Sh;
    if (shell) {
        if (!ShellCheck::available()) {
            parts << ShellCheck::installHint();
        } else if (!m_shellCheckError.isEmpty()) {
            parts << tr("ShellCheck failed: %1").arg(m_shellCheckError);
        } else if (m_shellCheckPending && m_shellCheck.isEmpty()) {
            parts << tr("ShellCheck is checking…");
        } else if (!m_shellCheck.isEmpty()) {
            parts << tr("ShellCheck findings: %1").arg(m_shellCheck.size());
        }
    }
    if (parts.isEmpty()) {
        parts << tr("No dangerous commands found");
        if (shell && ShellCheck::available()) {
            parts << tr("ShellCheck: clean");
        }
    }
    m_findingsLabel->setText(parts.join(QStringLiteral(" · ")));
    m_findingsLabel->setToolTip(parts.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
        + tr("Hover the underlined text or the margin marks for details."));
}
