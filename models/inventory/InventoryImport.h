#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "inventory/InventoryDiff.h"

// An import of an Ansible inventory into a workspace that may already hold one, worked out before anything is
// written: the inventory as it is, as it will be, and what changes between them. The CLI prints the plan
// (`--dry-run` stops there), the import dialog shows it and asks; both then save `after` and the dialog keeps
// `before` for its undo step.
struct InventoryImportPlan {
    enum class Mode {
        Merge, // as Ansible reads a second inventory source: nothing of the workspace's is removed
        Replace, // the workspace's inventory becomes the imported one
    };

    Mode mode = Mode::Merge;
    QString source; // the file or directory imported (set by whoever reads it)
    Inventory before;
    Inventory after;
    InventoryDiff diff;
    int importedHosts = 0;
    int importedGroups = 0; // without "all" and "ungrouped"
    // Groups that are dynamic in the workspace but list hosts in the file: a merge keeps the rule, so those hosts
    // do not become members. Told to the operator, not silently dropped.
    struct IgnoredMembers {
        QString group;
        QString rule;
        int hosts = 0;
    };
    QList<IgnoredMembers> ignoredMembers;

    // The diff as text with the notes above (what the CLI prints; English, like the CLI).
    QString toText() const;

    // Error when the result would be invalid (a cycle of child groups), naming the groups.
    static Result<InventoryImportPlan> make(const Inventory& current, const Inventory& imported, Mode mode);
};
