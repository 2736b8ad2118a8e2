#pragma once

#include "inventory/InventoryCommands.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QSpinBox;
class MessageBar;
class YamlView;

// Adds or edits one host: name, address, SSH port and user, IDC, business, environment, lifecycle status, tags
// direct groups and the host's own variables (YAML, validated as you type). Problems (empty or duplicate name,
// malformed YAML with its line and column) are shown inline and keep OK disabled.
class HostEditDialog : public QDialog {
    Q_OBJECT
public:
    // `existing` empty: a new host. `preselectedGroups` are checked for a new host (e.g. the group shown).
    HostEditDialog(const Inventory& inventory, const std::optional<HostEditState>& existing,
        const QStringList& preselectedGroups = {}, QWidget* parent = nullptr);

    HostEditState hostState() const;
    bool isNewHost() const { return !m_existing.has_value(); }
    std::optional<HostEditState> originalState() const { return m_existing; }

    QLineEdit* nameEdit() const { return m_name; }
    QLineEdit* addressEdit() const { return m_address; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QComboBox* statusCombo() const { return m_status; }
    QListWidget* groupList() const { return m_groups; }
    YamlView* varsEdit() const { return m_vars; }
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    void validate();

    const Inventory& m_inventory;
    std::optional<HostEditState> m_existing;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_address = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_user = nullptr;
    QComboBox* m_idc = nullptr;
    QComboBox* m_business = nullptr;
    QComboBox* m_env = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_tags = nullptr;
    QLineEdit* m_groupFilter = nullptr;
    QListWidget* m_groups = nullptr;
    YamlView* m_vars = nullptr;
    QVariantMap m_parsedVars; // the variables as last validated
    MessageBar* m_message = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
