#pragma once

#include "Inventory.h"

#include <QWidget>

class QLabel;
class QFormLayout;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;
class YamlView;

// The right-hand panel of the inventory browser: the selected host's fields and groups, its resolved variables
// with provenance (which layer supplied each value; the layers it overrode as greyed children), and its own
// variables as YAML. With several hosts selected it says how many; with none it shows a hint.
class HostDetailsPanel : public QWidget {
    Q_OBJECT
public:
    explicit HostDetailsPanel(QWidget* parent = nullptr);

    // Shows `hosts` of `inventory` (read now; call again after the inventory changes).
    void showHosts(const Inventory& inventory, const QStringList& hosts);
    QString currentHost() const { return m_host; }
    QTreeWidget* variablesTree() const { return m_vars; }
    YamlView* yamlView() const { return m_yaml; }
    // "group web", "group_vars/web", "host web01" … translated.
    static QString layerText(const VarLayer& layer);

protected:
    void changeEvent(QEvent* event) override;

private:
    void setField(int row, const QString& text);
    void greyOverridden();

    QString m_host;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_title = nullptr;
    QList<QLabel*> m_fields;
    QTabWidget* m_tabs = nullptr;
    QTreeWidget* m_vars = nullptr;
    YamlView* m_yaml = nullptr;
};
