#pragma once

#include "core/Result.h"
#include "workflows/Workflow.h"
#include "workflows/WorkflowEngine.h"

#include <QStringList>
#include <memory>

class Inventory;
class Workspace;

// What a workflow run needs from a workspace (WorkflowEngine::Environment): its inventory for targets, probe
// addresses and SSH ports, its script and template libraries by name. The console and the CLI run workflows on
// the same environment.
namespace WorkflowEnvironment {

// The hosts of a selection: the union of the query's matches, the groups' members (as `group:NAME`) and the named
// hosts (which must exist), in inventory order.
Result<QStringList> resolve(const Inventory& inventory, const WorkflowTargets& targets);

// The inventory a run sees: a snapshot taken at launch (with its facts, FactLayer), replaced by a new one with the
// facts read again each time a gather-facts node stored some — later nodes' targets (`fact:` queries), probe
// addresses and, through current(), a JobLauncher's renders see them.
class RunInventory {
public:
    explicit RunInventory(std::shared_ptr<const Inventory> inventory)
        : m_current(std::move(inventory))
    {
    }
    std::shared_ptr<const Inventory> current() const { return m_current; }
    void replace(std::shared_ptr<const Inventory> inventory) { m_current = std::move(inventory); }

private:
    std::shared_ptr<const Inventory> m_current;
};

// `workspace` must outlive the environment; the inventory is shared (a snapshot taken at launch). Gather-facts
// nodes store into the workspace's FactStore and refresh `inventory`'s facts.
WorkflowEngine::Environment forWorkspace(Workspace& workspace, std::shared_ptr<RunInventory> inventory);
WorkflowEngine::Environment forWorkspace(Workspace& workspace, std::shared_ptr<const Inventory> inventory);

} // namespace WorkflowEnvironment
