#include "DangerRulesDialog.h"

#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { Enabled, Id, Severity, Languages, Pattern, ColumnCount };
const ScriptLanguage kLanguages[]
    = { ScriptLanguage::Bash, ScriptLanguage::Sh, ScriptLanguage::Python, ScriptLanguage::Perl };

} // namespace

DangerRulesDialog::DangerRulesDialog(const QList<DangerRule>& userRules, QWidget* parent)
    : QDialog(parent)
    , m_defaults(DangerRules::defaults())
    , m_rules(DangerRules::merged(m_defaults, userRules))
{
    setObjectName(QStringLiteral("dangerRulesDialog"));
    setWindowTitle(tr("Danger Rules"));
    resize(1100, 700);
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Scripts are checked against these rules as they are written. A blocking match must "
                                "be acknowledged before the script can run; a warning is shown in the editor."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("rulesTable"));
    m_table->setHorizontalHeaderLabels({ tr("On"), tr("Rule"), tr("Severity"), tr("Languages"), tr("Pattern") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto* editor = new QWidget(this);
    auto* form = new QFormLayout(editor);
    m_id = new QLineEdit(editor);
    m_id->setObjectName(QStringLiteral("ruleId"));
    m_severity = new QComboBox(editor);
    m_severity->addItem(tr("Block: must be acknowledged before a run"), int(ScriptFinding::Severity::Block));
    m_severity->addItem(tr("Warn: shown in the editor"), int(ScriptFinding::Severity::Warning));
    auto* langs = new QHBoxLayout;
    for (const ScriptLanguage l : kLanguages) {
        auto* box = new QCheckBox(ScriptLanguages::name(l), editor);
        box->setProperty("language", ScriptLanguages::name(l));
        langs->addWidget(box);
        m_languages << box;
        connect(box, &QCheckBox::toggled, this, &DangerRulesDialog::storeEditor);
    }
    langs->addWidget(new QLabel(tr("(none ticked: every language)"), editor));
    langs->addStretch();
    m_pattern = new QLineEdit(editor);
    m_pattern->setObjectName(QStringLiteral("rulePattern"));
    m_pattern->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_patternError = new QLabel(editor);
    m_patternError->setObjectName(QStringLiteral("patternError"));
    m_patternError->setWordWrap(true);
    m_explanation = new QPlainTextEdit(editor);
    m_explanation->setMaximumHeight(60);
    m_explanation->setTabChangesFocus(true);
    m_enabled = new QCheckBox(tr("Enabled"), editor);
    m_sample = new QLineEdit(editor);
    m_sample->setObjectName(QStringLiteral("ruleSample"));
    m_sample->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sample->setPlaceholderText(tr("Type a line of script to try the rule"));
    m_sampleResult = new QLabel(editor);
    m_sampleResult->setObjectName(QStringLiteral("sampleResult"));
    form->addRow(tr("Rule id:"), m_id);
    form->addRow(tr("Severity:"), m_severity);
    form->addRow(tr("Languages:"), langs);
    form->addRow(tr("Pattern:"), m_pattern);
    form->addRow(QString(), m_patternError);
    form->addRow(tr("Explanation:"), m_explanation);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Try it:"), m_sample);
    form->addRow(QString(), m_sampleResult);
    layout->addWidget(editor);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_add = m_buttons->addButton(tr("&Add Rule"), QDialogButtonBox::ActionRole);
    m_remove = m_buttons->addButton(tr("&Remove"), QDialogButtonBox::ActionRole);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_add, &QPushButton::clicked, this, [this] { addRule(); });
    connect(m_remove, &QPushButton::clicked, this, &DangerRulesDialog::removeOrReset);

    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_current = row;
        loadEditor();
    });
    connect(m_id, &QLineEdit::textEdited, this, &DangerRulesDialog::storeEditor);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &DangerRulesDialog::storeEditor);
    connect(m_pattern, &QLineEdit::textEdited, this, &DangerRulesDialog::storeEditor);
    connect(m_explanation, &QPlainTextEdit::textChanged, this, &DangerRulesDialog::storeEditor);
    connect(m_enabled, &QCheckBox::toggled, this, &DangerRulesDialog::storeEditor);
    connect(m_sample, &QLineEdit::textChanged, this, &DangerRulesDialog::validate);

    fillTable();
    selectRule(0);
}

QPushButton* DangerRulesDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void DangerRulesDialog::fillTable()
{
    m_table->setRowCount(int(m_rules.size()));
    for (int row = 0; row < m_rules.size(); ++row) {
        fillRow(row);
    }
    m_table->resizeColumnsToContents();
}

void DangerRulesDialog::fillRow(int row)
{
    const DangerRule& r = m_rules.at(row);
    const auto set = [&](int col, const QString& text) {
        auto* item = m_table->item(row, col);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, col, item);
        }
        item->setText(text);
        item->setToolTip(r.explanation);
    };
    set(Enabled, r.enabled ? QStringLiteral("✓") : QString());
    set(Id, r.builtin ? r.id : tr("%1 (yours)").arg(r.id));
    set(Severity, r.severity == ScriptFinding::Severity::Block ? tr("block") : tr("warn"));
    set(Languages, r.languages.isEmpty() ? tr("all") : r.languages.join(QLatin1String(", ")));
    set(Pattern, r.pattern);
}

void DangerRulesDialog::selectRule(int row)
{
    if (row >= 0 && row < m_table->rowCount()) {
        m_table->setCurrentCell(row, Id);
    }
}

void DangerRulesDialog::loadEditor()
{
    const bool valid = m_current >= 0 && m_current < m_rules.size();
    for (QWidget* w : std::initializer_list<QWidget*> { m_id, m_severity, m_pattern, m_explanation, m_enabled }) {
        w->setEnabled(valid);
    }
    if (!valid) {
        return;
    }
    m_loading = true;
    const DangerRule& r = m_rules.at(m_current);
    m_id->setText(r.id);
    m_id->setReadOnly(r.builtin); // a built-in rule keeps its id so that it can be reset
    m_severity->setCurrentIndex(m_severity->findData(int(r.severity)));
    for (QCheckBox* box : std::as_const(m_languages)) {
        box->setChecked(r.languages.contains(box->property("language").toString()));
    }
    m_pattern->setText(r.pattern);
    m_explanation->setPlainText(r.explanation);
    m_enabled->setChecked(r.enabled);
    m_loading = false;
    const bool isDefault = r.builtin && m_defaults.contains(r);
    m_remove->setText(r.builtin ? tr("&Reset to Default") : tr("&Remove"));
    m_remove->setEnabled(!r.builtin || !isDefault);
    validate();
}

void DangerRulesDialog::storeEditor()
{
    if (m_loading || m_current < 0 || m_current >= m_rules.size()) {
        return;
    }
    DangerRule& r = m_rules[m_current];
    r.id = m_id->text().trimmed();
    r.severity = ScriptFinding::Severity(m_severity->currentData().toInt());
    r.languages.clear();
    for (QCheckBox* box : std::as_const(m_languages)) {
        if (box->isChecked()) {
            r.languages << box->property("language").toString();
        }
    }
    r.pattern = m_pattern->text();
    r.explanation = m_explanation->toPlainText().trimmed();
    r.enabled = m_enabled->isChecked();
    fillRow(m_current);
    m_remove->setEnabled(!r.builtin || !m_defaults.contains(r));
    validate();
}

void DangerRulesDialog::validate()
{
    // Every rule must be valid to save, not only the one shown.
    QString problem;
    QStringList ids;
    for (int i = 0; i < m_rules.size() && problem.isEmpty(); ++i) {
        const DangerRule& r = m_rules.at(i);
        if (r.id.isEmpty()) {
            problem = tr("Rule %1 needs an id.").arg(i + 1);
        } else if (ids.contains(r.id)) {
            problem = tr("Two rules have the id “%1”: ids must differ.").arg(r.id);
        } else if (auto valid = DangerRules::validatePattern(r.pattern); !valid) {
            // The message names the column already ("invalid regular expression at column 15: …").
            problem = i == m_current ? valid.error().message : tr("Rule “%1”: %2").arg(r.id, valid.error().message);
        }
        ids << r.id;
    }
    const QString error = QStringLiteral("color: %1").arg(Theme::color(QStringLiteral("message.error.text")).name());
    m_patternError->setText(problem);
    m_patternError->setStyleSheet(problem.isEmpty() ? QString() : error);
    m_pattern->setStyleSheet(
        problem.isEmpty() || m_current < 0 || DangerRules::validatePattern(m_rules.value(m_current).pattern).ok()
            ? QString()
            : QStringLiteral("border: 1px solid %1").arg(Theme::color(QStringLiteral("status.offline")).name()));
    okButton()->setEnabled(problem.isEmpty());

    const QString sample = m_sample->text();
    if (sample.isEmpty() || m_current < 0 || m_current >= m_rules.size()) {
        m_sampleResult->clear();
        return;
    }
    DangerRule r = m_rules.at(m_current);
    r.enabled = true;
    const ScriptLanguage language = r.languages.isEmpty()
        ? ScriptLanguage::Bash
        : ScriptLanguages::fromName(r.languages.first()).value_or(ScriptLanguage::Bash);
    const ScriptFindings found = DangerRules::check(sample, language, { r });
    m_sampleResult->setText(found.isEmpty() ? tr("No match.")
                                            : tr("Matches at column %1: “%2”")
                                                  .arg(found.first().column)
                                                  .arg(sample.mid(found.first().column - 1, found.first().length)));
}

int DangerRulesDialog::addRule()
{
    DangerRule r;
    r.id = tr("my-rule-%1").arg(m_rules.size() + 1);
    r.pattern = QStringLiteral(R"(\bdangerous-command\b)");
    r.severity = ScriptFinding::Severity::Warning;
    r.explanation = tr("Explain why this is dangerous and what to do instead.");
    m_rules.append(r);
    const int row = int(m_rules.size()) - 1;
    m_table->setRowCount(row + 1);
    fillRow(row);
    selectRule(row);
    m_id->setFocus();
    m_id->selectAll();
    return row;
}

void DangerRulesDialog::removeOrReset()
{
    if (m_current < 0 || m_current >= m_rules.size()) {
        return;
    }
    const DangerRule& r = m_rules.at(m_current);
    if (r.builtin) {
        for (const DangerRule& d : std::as_const(m_defaults)) {
            if (d.id == r.id) {
                m_rules[m_current] = d;
            }
        }
        fillRow(m_current);
        loadEditor();
        return;
    }
    const int row = m_current;
    m_rules.removeAt(row);
    m_table->removeRow(row);
    selectRule(std::min(row, int(m_rules.size()) - 1));
}

QList<DangerRule> DangerRulesDialog::userRules() const
{
    QList<DangerRule> out;
    for (const DangerRule& r : m_rules) {
        if (!r.builtin || !m_defaults.contains(r)) {
            out << r;
        }
    }
    return out;
}
