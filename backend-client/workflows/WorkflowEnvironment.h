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

// `workspace` must outlive the environment; the inventory is shared (a snapshot taken at launch).
WorkflowEngine::Environment forWorkspace(Workspace& workspace, std::shared_ptr<const Inventory> inventory);

} // namespace WorkflowEnvironment
