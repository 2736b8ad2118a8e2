#pragma once

#include "inventory/Group.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QSpinBox;
class Inventory;
class MessageBar;
class RuleEdit;
class YamlView;

// Edits a group's kind, its Ansible priority (ansible_group_priority) and its own variables (YAML, validated as you
// type with line and column), and a dynamic group's rule (with a live count of matching hosts; needs `inventory`).
// Static membership and children are edited elsewhere (drag and drop, the host dialog).
class GroupPropertiesDialog : public QDialog {
    Q_OBJECT
public:
    explicit GroupPropertiesDialog(const Group& group, QWidget* parent = nullptr, const Inventory* inventory = nullptr);

    // The edited group (everything not shown here is kept from the original).
    Group group() const;

    QComboBox* kindCombo() const { return m_kind; }
    QSpinBox* prioritySpin() const { return m_priority; }
    YamlView* varsEdit() const { return m_vars; }
    RuleEdit* ruleEdit() const { return m_rule; } // dynamic groups only
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    void validate();

    Group m_group;
    QVariantMap m_parsedVars;
    QComboBox* m_kind = nullptr;
    QSpinBox* m_priority = nullptr;
    YamlView* m_vars = nullptr;
    RuleEdit* m_rule = nullptr;
    MessageBar* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
