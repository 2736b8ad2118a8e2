#pragma once

#include "scripts/DangerRules.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

// Edits the danger rules of the workspace: the built-in rules (which can be disabled, or changed and reset) and
// the operator's own. A pattern is checked as it is typed: an invalid regular expression is shown with its
// column and cannot be saved; a sample line shows at once whether the rule matches it.
class DangerRulesDialog : public QDialog {
    Q_OBJECT
public:
    // `userRules`: the workspace's stored rules (overrides of built-in ids and new rules).
    explicit DangerRulesDialog(const QList<DangerRule>& userRules, QWidget* parent = nullptr);

    // What to store: rules that differ from the built-in ones, and new rules.
    QList<DangerRule> userRules() const;
    // The effective list as shown.
    QList<DangerRule> rules() const { return m_rules; }

    QTableWidget* table() const { return m_table; }
    QLineEdit* patternEdit() const { return m_pattern; }
    QLineEdit* idEdit() const { return m_id; }
    QLabel* patternError() const { return m_patternError; }
    QLineEdit* sampleEdit() const { return m_sample; }
    QLabel* sampleResult() const { return m_sampleResult; }
    QPushButton* okButton() const;
    void selectRule(int row);
    int addRule();
    void removeOrReset();

private:
    void fillTable();
    void fillRow(int row);
    void loadEditor();
    void storeEditor();
    void validate();

    QList<DangerRule> m_defaults;
    QList<DangerRule> m_rules;
    int m_current = -1;
    bool m_loading = false;

    QTableWidget* m_table = nullptr;
    QLineEdit* m_id = nullptr;
    QComboBox* m_severity = nullptr;
    QList<QCheckBox*> m_languages;
    QLineEdit* m_pattern = nullptr;
    QLabel* m_patternError = nullptr;
    QPlainTextEdit* m_explanation = nullptr;
    QCheckBox* m_enabled = nullptr;
    QLineEdit* m_sample = nullptr;
    QLabel* m_sampleResult = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
