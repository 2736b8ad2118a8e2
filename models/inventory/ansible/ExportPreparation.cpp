#include "ExportPreparation.h"

#include "inventory/ansible/AnsibleNames.h"
#include "inventory/ansible/IniInventoryWriter.h"
#include "inventory/ansible/PythonValue.h"

#include <QHash>

namespace {

using AnsibleNames::kAll;
using AnsibleNames::kPriority;

} // namespace

Inventory ExportPreparation::prepare(const Inventory& original, const FoldPredicate& foldGroup,
    const FoldPredicate& foldHost, AnsibleInventory::Format format)
{
    Inventory out = original;
    bool changed = false;
    const bool ini = format == AnsibleInventory::Format::Ini;
    const auto filter = [&](QVariantMap vars, bool group) {
        for (auto it = vars.begin(); it != vars.end();) {
            const bool bad
                = ini && !(group ? IniInventoryWriter::varKeyOk(it.key()) : !it.key().contains(QLatin1Char('=')));
            if (bad) {
                it = vars.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
        return vars;
    };
    for (const Group& g : original.groups()) {
        Group* mine = out.mutableGroup(g.name);
        QVariantMap vars = g.inventoryVars();
        if (!g.fileVars.isEmpty() && foldGroup(g.name)) {
            changed = true;
            for (auto it = g.fileVars.cbegin(); it != g.fileVars.cend(); ++it) {
                // From a group_vars file ansible_group_priority is an ordinary variable; inline it would be consumed.
                if (it.key() != kPriority) {
                    vars.insert(it.key(), it.value());
                }
            }
            mine->fileVars.clear();
        }
        const int priority = g.priority;
        mine->setInventoryVars(filter(vars, true));
        mine->priority = priority;
    }
    for (const Host& h : original.hosts()) {
        Host* mine = out.mutableHost(h.name);
        QVariantMap vars = h.inventoryVars();
        if (!h.fileVars.isEmpty() && foldHost(h.name)) {
            for (auto it = h.fileVars.cbegin(); it != h.fileVars.cend(); ++it) {
                vars.insert(it.key(), it.value());
            }
            mine->fileVars.clear();
        }
        mine->setInventoryVars(filter(vars, false));
    }
    if (!changed) {
        return out;
    }
    // Collect first, apply afterwards: Inventory::mutableHost() invalidates the derived structure that
    // resolveVars() needs, and rebuilding it per host would make this quadratic.
    QHash<QString, QVariantMap> pinsByHost;
    const Inventory& folded = out;
    for (const Host& h : original.hosts()) {
        const QVariantMap expected = original.resolveInventoryVars(h.name);
        const QVariantMap got = folded.resolveInventoryVars(h.name);
        QVariantMap pins;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            auto g = got.find(it.key());
            if (g == got.end() || !PythonValue::strictEqual(*g, it.value())) {
                pins.insert(it.key(), it.value());
            }
        }
        if (!pins.isEmpty()) {
            pinsByHost.insert(h.name, pins);
        }
    }
    for (auto p = pinsByHost.cbegin(); p != pinsByHost.cend(); ++p) {
        Host* mine = out.mutableHost(p.key());
        QVariantMap vars = mine->inventoryVars();
        for (auto it = p->cbegin(); it != p->cend(); ++it) {
            if (!ini || !it.key().contains(QLatin1Char('='))) {
                vars.insert(it.key(), it.value());
            }
        }
        mine->setInventoryVars(vars);
    }
    return out;
}

QStringList ExportPreparation::groups(const Inventory& inv)
{
    QStringList out;
    for (const Group& g : inv.groups()) {
        if (g.name != kAll) {
            out.append(g.name);
        }
    }
    return out;
}
