#pragma once

#include "core/Result.h"
#include "workflows/Workflow.h"

#include <QList>

class Workspace;

// The demo workflows of a new default workspace (after DemoScripts and DemoTemplates, whose names they use): a
// rolling nginx release with a precheck, a template push, a restart in batches, a TCP probe and a rollback on
// the hosts that changed; and a server initialisation. Both validate clean against the demo library.
namespace DemoWorkflows {
QList<Workflow> make();
Result<void> addTo(Workspace& workspace);
} // namespace DemoWorkflows
