#include "InventoryImport.h"

Result<InventoryImportPlan> InventoryImportPlan::make(const Inventory& current, const Inventory& imported, Mode mode)
{
    InventoryImportPlan plan;
    plan.mode = mode;
    plan.before = current;
    plan.importedHosts = int(imported.hosts().size());
    for (const Group& g : imported.groups()) {
        if (g.name != QLatin1String("all") && g.name != QLatin1String("ungrouped")) {
            ++plan.importedGroups;
        }
    }
    if (mode == Mode::Replace) {
        plan.after = imported;
    } else {
        plan.after = current;
        plan.after.merge(imported);
    }
    if (auto valid = plan.after.validate(); !valid) {
        return valid.error();
    }
    plan.diff = InventoryDiff::compute(plan.before, plan.after);
    if (mode == Mode::Merge) {
        for (const Group& g : imported.groups()) {
            const Group* mine = current.group(g.name);
            if (mine && mine->isDynamic() && !g.isDynamic() && !g.hosts.isEmpty()) {
                plan.ignoredMembers.append({ g.name, mine->rule, int(g.hosts.size()) });
            }
        }
    }
    return plan;
}

QString InventoryImportPlan::toText() const
{
    QString out = diff.toText();
    for (const IgnoredMembers& i : ignoredMembers) {
        out += QStringLiteral("note: group %1 is dynamic in the workspace (rule: %2): the %3 hosts the inventory "
                              "lists for it are not added as members\n")
                   .arg(i.group, i.rule)
                   .arg(i.hosts);
    }
    return out;
}
