#include "AnsibleListing.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleNames.h"

#include <QSet>

namespace {

using AnsibleNames::kAll;
using AnsibleNames::kUngrouped;

// cli/inventory.py INTERNAL_VARS: removed from every host's variables by `ansible-inventory --list`.
const QSet<QString>& internalVars()
{
    static const QSet<QString> s { QStringLiteral("ansible_diff_mode"), QStringLiteral("ansible_config_file"),
        QStringLiteral("ansible_facts"), QStringLiteral("ansible_forks"), QStringLiteral("ansible_inventory_sources"),
        QStringLiteral("ansible_limit"), QStringLiteral("ansible_playbook_python"), QStringLiteral("ansible_run_tags"),
        QStringLiteral("ansible_skip_tags"), QStringLiteral("ansible_verbosity"), QStringLiteral("ansible_version"),
        QStringLiteral("inventory_dir"), QStringLiteral("inventory_file"), QStringLiteral("inventory_hostname"),
        QStringLiteral("inventory_hostname_short"), QStringLiteral("groups"), QStringLiteral("group_names"),
        QStringLiteral("omit"), QStringLiteral("playbook_dir") };
    return s;
}

// all's children as Ansible orders them: "ungrouped", the explicit children, then the other parentless groups
// in creation order.
QStringList allChildren(const Inventory& inv)
{
    QStringList out { kUngrouped };
    QSet<QString> seen { kUngrouped };
    for (const QString& c : inv.group(kAll)->children) {
        if (inv.group(c) && !seen.contains(c)) {
            seen.insert(c);
            out.append(c);
        }
    }
    for (const Group& g : inv.groups()) {
        if (g.name == kAll || seen.contains(g.name)) {
            continue;
        }
        const QStringList parents = inv.parentsOf(g.name);
        if (parents.isEmpty() || (parents.size() == 1 && parents.first() == kAll)) {
            seen.insert(g.name);
            out.append(g.name);
        }
    }
    return out;
}

} // namespace

QStringList AnsibleListing::ungroupedHosts(const Inventory& inv)
{
    QStringList out;
    QSet<QString> seen;
    if (const Group* u = inv.group(kUngrouped)) {
        for (const QString& h : u->hosts) {
            QStringList direct = inv.hostGroupsDirect(h);
            direct.removeAll(kUngrouped);
            if (inv.host(h) && direct.isEmpty() && !seen.contains(h)) {
                seen.insert(h);
                out.append(h);
            }
        }
    }
    for (const QString& h : inv.ungroupedHosts()) {
        if (!seen.contains(h)) {
            seen.insert(h);
            out.append(h);
        }
    }
    return out;
}

QStringList AnsibleListing::children(const Inventory& inv, const QString& name)
{
    if (name == kAll) {
        return allChildren(inv);
    }
    QStringList out;
    QSet<QString> seen;
    if (const Group* g = inv.group(name)) {
        for (const QString& c : g->children) {
            if (inv.group(c) && c != kAll && !seen.contains(c)) {
                seen.insert(c);
                out.append(c);
            }
        }
    }
    return out;
}

QStringList AnsibleListing::hosts(const Inventory& inv, const QString& name)
{
    if (name == kUngrouped) {
        return AnsibleListing::ungroupedHosts(inv);
    }
    QStringList out;
    QSet<QString> seen;
    if (const Group* g = inv.group(name)) {
        for (const QString& h : g->hosts) {
            if (inv.host(h) && !seen.contains(h)) {
                seen.insert(h);
                out.append(h);
            }
        }
    }
    return out;
}

QVariantMap AnsibleListing::hostVars(const Inventory& inv, const QString& host)
{
    QVariantMap vars = inv.resolveInventoryVars(host); // facts are no inventory data
    for (const QString& k : internalVars()) {
        vars.remove(k);
    }
    return vars;
}

QByteArray AnsibleListing::toJson(const Inventory& inventory)
{
    // cli/inventory.py json_inventory(): groups from "all" down, empty "hosts"/"children" left out and groups
    // with neither left out entirely; hosts with no variables are not in _meta.hostvars.
    QVariantMap top;
    QSet<QString> seen;
    QStringList stack { kAll };
    while (!stack.isEmpty()) {
        const QString name = stack.takeLast();
        QVariantMap entry;
        if (name != kAll) {
            const QStringList hosts = AnsibleListing::hosts(inventory, name);
            if (!hosts.isEmpty()) {
                entry.insert(QStringLiteral("hosts"), hosts);
            }
        }
        const QStringList children = AnsibleListing::children(inventory, name);
        if (!children.isEmpty()) {
            entry.insert(QStringLiteral("children"), children);
        }
        if (!entry.isEmpty()) {
            top.insert(name, entry);
        }
        for (const QString& c : children) {
            if (!seen.contains(c)) {
                seen.insert(c);
                stack.append(c);
            }
        }
    }
    QVariantMap hostvars;
    for (const Host& h : inventory.hosts()) {
        const QVariantMap vars = AnsibleListing::hostVars(inventory, h.name);
        if (!vars.isEmpty()) {
            hostvars.insert(h.name, vars);
        }
    }
    top.insert(QStringLiteral("_meta"), QVariantMap { { QStringLiteral("hostvars"), hostvars } });
    // json.dumps(sort_keys=True, indent=4, ensure_ascii=False), as ansible-inventory prints it.
    return VarCodec::toJson(top, 4, VarCodec::Ascii::Keep) + '\n';
}
