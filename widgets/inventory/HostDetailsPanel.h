#pragma once

#include "inventory/Inventory.h"

#include <QWidget>
#include <functional>
#include <memory>

class SshConfig;

class QLabel;
class QFormLayout;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
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
    // Shows a vault-encrypted value of the variables tree in clear, asking for its vault password (kept in memory
    // for the session) unless one typed before opens it. False when cancelled or not a vault value.
    bool revealValue(QTreeWidgetItem* item);
    YamlView* yamlView() const { return m_yaml; }
    // "group web", "group_vars/web", "host web01" … translated.
    static QString layerText(const VarLayer& layer);

    // The SSH client configuration the "SSH user" and "SSH port" fields consult when the inventory sets neither
    // (as the transport does). Default: ~/.ssh/config, read when a host is shown. Tests give their own.
    using SshConfigSource = std::function<std::shared_ptr<const SshConfig>()>;
    void setSshConfigSource(SshConfigSource source);
    // The login the transport will use for a host and where each part comes from: the inventory layer that sets
    // ansible_user / ansible_port (Ansible's precedence), else ~/.ssh/config, else the default (the local user,
    // port 22). "ops (from group all)".
    static QString sshUserText(const Inventory& inventory, const QString& host, const SshConfig& config);
    static QString sshPortText(const Inventory& inventory, const QString& host, const SshConfig& config);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void setField(int row, const QString& text);
    void greyOverridden();

    QString m_host;
    SshConfigSource m_sshConfig;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_placeholder = nullptr;
    QLabel* m_title = nullptr;
    QList<QLabel*> m_labels;
    QList<QLabel*> m_fields;
    int m_placeholderCount = 0; // hosts selected while the placeholder shows
    QTabWidget* m_tabs = nullptr;
    QTreeWidget* m_vars = nullptr;
    YamlView* m_yaml = nullptr;
};
