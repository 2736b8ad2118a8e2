#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"

// The demo inventory a new default workspace starts with: two data centres (js, bj), ~60 hosts in nested
// groups (IDC → business sets → roles), with group and host variables, so every screen has something real to show.
namespace DemoInventory {
Inventory make();
}

class Workspace;

// A few library scripts for a new default workspace (server initialisation, backups, a release clean-up that
// shows the danger marks), each with a second version so that history and diff have something to show.
namespace DemoScripts {
Result<void> addTo(Workspace& workspace);
}
