#pragma once

#include "inventory/Group.h"

#include <QDialog>

class Inventory;
class QCheckBox;
class QComboBox;
class QFormLayout;
class QDialogButtonBox;
class QLineEdit;
class MessageBar;
class RuleEdit;

// Creates a group: name, kind (IDC / set / custom) and parent group, and for a dynamic group its rule (checked as it
// is typed, with a live count of matching hosts). Problems are shown inline.
class GroupDialog : public QDialog {
    Q_OBJECT
public:
    GroupDialog(const Inventory& inventory, const QString& parent, QWidget* parent_widget = nullptr);

    Group group() const;
    QString parentGroup() const;

    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* kindCombo() const { return m_kind; }
    QComboBox* parentCombo() const { return m_parent; }
    QCheckBox* dynamicCheck() const { return m_dynamic; }
    RuleEdit* ruleEdit() const { return m_rule; }
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    void validate();

    const Inventory& m_inventory;
    QLineEdit* m_name = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_parent = nullptr;
    QFormLayout* m_form = nullptr;
    QCheckBox* m_dynamic = nullptr;
    RuleEdit* m_rule = nullptr;
    MessageBar* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
