#pragma once

#include "inventory/InventoryCommands.h"

#include <QDialog>
#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;
class QTableWidgetItem;
class QUndoStack;
class YamlView;

// The variables editor: a host's (or a group's) variable layers, each as YAML checked as you type (the problem
// underlined at its line and column, its message under the line), and the host's resolved variables flattened to
// paths (`region.mongodb.hosts` → `[…]`) with the layer that supplied each. A value edited in the table is written
// to the layer chosen above it (by default the layer that supplied it). Every change is an undoable inventory
// command pushed on the page's undo stack.
class VariablesEditor : public QDialog {
    Q_OBJECT
public:
    // `host` empty: the layers of `group` (global `all` and the group); otherwise those of the host.
    VariablesEditor(InventoryEditTarget* target, QUndoStack* undoStack, const QString& host, const QString& group,
        QWidget* parent = nullptr);

    // The editable layers, lowest precedence first (group layers, then the host).
    const QList<VarLayer>& layers() const { return m_layers; }
    void selectLayer(int index);
    // Writes `value` at `path` (keys from the top) into `layer`: the table's edit, also for tests. Nested paths
    // copy the whole top-level value into the layer first (Ansible replaces dicts, it does not merge them).
    void setValue(const QStringList& path, const QVariant& value, const VarLayer& layer);
    // Re-reads the inventory (after a change or an undo); keeps an unapplied YAML edit.
    void refresh();
    // Saves the YAML of the selected layer (when it parses).
    void apply();

    // Leaves of a variable tree as (path, value); lists and empty dicts are leaves.
    static QList<QPair<QStringList, QVariant>> flatten(const QVariantMap& vars);

    QListWidget* layerList() const { return m_layerList; }
    YamlView* yamlEdit() const { return m_yaml; }
    QLabel* problemLabel() const { return m_problem; }
    QPushButton* applyButton() const { return m_apply; }
    QTableWidget* flatTable() const { return m_table; }
    QComboBox* writeToCombo() const { return m_writeTo; }

private:
    QVariantMap layerVars(const VarLayer& layer) const;
    // `withFields`: `vars` of a host layer include its fields as variables (Host::inventoryVars()).
    Result<void> pushVars(const VarLayer& layer, const QVariantMap& vars, bool withFields = false);
    void validate();
    void fillTable();
    void tableEdited(QTableWidgetItem* item);
    QString layerLabel(const VarLayer& layer) const;

    InventoryEditTarget* m_target;
    QUndoStack* m_undoStack;
    QString m_host;
    QString m_group;
    QList<VarLayer> m_layers;
    int m_current = -1;
    QString m_savedText; // the selected layer's YAML as stored
    bool m_filling = false;
    QListWidget* m_layerList = nullptr;
    YamlView* m_yaml = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_revert = nullptr;
    QTableWidget* m_table = nullptr;
    QComboBox* m_writeTo = nullptr;
};
