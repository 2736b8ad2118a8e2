#pragma once

#include "Inventory.h"

// The demo inventory a new default workspace starts with: two data centres (js, bj), ~60 hosts in nested
// groups (IDC → business sets → roles), with group and host variables, so every screen has something real to show.
namespace DemoInventory {
Inventory make();
}
