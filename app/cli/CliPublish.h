#pragma once

#include "CliServer.h"

#include <QStringList>
#include <QTextStream>
#include <functional>

// opsdeck-cli and a control server's library and inventory (docs/server.md, "Publishing"):
// - `publish`: the workspace's new and changed scripts, templates and inventory to the server, conflicts reported
//   (and published only when named with --overwrite);
// - every other command with a meaning on a server (inventory, vars, group, script, template) runs on a mirror: a
//   temporary workspace pulled from the server, so that it prints exactly what it prints for a workspace; a
//   command that changes something publishes the change, based on the versions it pulled;
// - `script|template versions|diff` read the server's own versions.
namespace CliPublish {
int runPublishCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
// Pulls the server into a temporary workspace, runs `command` on its path, and when `writes` publishes what it
// changed (reported on stderr, so that stdout is the command's own).
int runOnMirror(const CliServer& server, bool writes, const std::function<int(const QString& path)>& command,
    QTextStream& out, QTextStream& err);
// `script versions NAME`, `script diff NAME V1 V2` (and template) from the server's versions.
int runServerVersions(
    const QString& kind, const QStringList& words, const CliServer& server, QTextStream& out, QTextStream& err);
} // namespace CliPublish
