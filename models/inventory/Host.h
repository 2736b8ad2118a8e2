#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>

// One managed machine. The connection settings and OpsDeck attributes are first-class fields (searched on every
// keystroke); everything else is free-form variables. Variables come in two Ansible layers: `vars`, written in the
// inventory itself (inline in INI/YAML, and what OpsDeck edits), and `fileVars`, from a host_vars/ file beside the
// inventory, which Ansible applies on top.
struct Host {
    QString name;
    QString address; // ansible_host
    int port = 0; // ansible_port; 0: not set
    QString user; // ansible_user
    QString idc; // opsdeck_idc
    QString business; // opsdeck_business
    QString env; // opsdeck_env
    QString status; // opsdeck_status: deploying, standby, online, maintenance …
    QStringList tags; // opsdeck_tags
    QVariantMap vars;
    QVariantMap fileVars;

    // The host's inventory-layer variables as Ansible sees them: `vars` plus the fields above under their
    // variable names (only those that are set).
    QVariantMap inventoryVars() const;
    // Sets the fields and `vars` from Ansible inventory-layer variables; keys that fit a field (of the right type)
    // go there, everything else stays a variable, so inventoryVars() gives back exactly what was set.
    void setInventoryVars(const QVariantMap& all);
    // The address to connect to: ansible_host, or the name.
    QString effectiveAddress() const { return address.isEmpty() ? name : address; }

    bool operator==(const Host&) const = default;
};

inline const QStringList& lifecycleStatuses()
{
    static const QStringList s { QStringLiteral("deploying"), QStringLiteral("standby"), QStringLiteral("online"),
        QStringLiteral("maintenance"), QStringLiteral("retired") };
    return s;
}
