#pragma once

#include "core/Result.h"

class Workspace;

// A few configuration templates for a new default workspace (nginx, /etc/hosts, mongod, chrony), written against the
// demo inventory's variables, each with a second version so that history and diff have something to show.
namespace DemoTemplates {
Result<void> addTo(Workspace& workspace);
}
