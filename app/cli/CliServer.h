#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "remote/RemoteBackend.h"

#include <QString>
#include <memory>

// Where opsdeck-cli's job commands go: the workspace (the default) or a control server, given by
// `--server URL --token-file F` or the environment (OPSDECK_SERVER, OPSDECK_TOKEN_FILE). The token is read from
// the file only when connecting and never printed.
class CliServer {
public:
    QString url;
    QString tokenFile;

    bool active() const { return !url.isEmpty(); }

    // The environment's values, which the options override.
    static CliServer fromEnvironment();
    // Reads the token, connects and asks the server who the token is (so that a wrong URL or token is reported
    // before anything else happens).
    Result<std::unique_ptr<RemoteBackend>> open() const;
    // The server's inventory as far as its read routes give it (GET /api/v1/hosts and /groups: names, addresses,
    // labels, tags and group memberships, dynamic groups with their current members — no variables), for
    // resolving --hosts queries.
    static Result<Inventory> inventory(RemoteBackend& backend);
    // "`COMMAND` does not work against a server yet …" for the commands that have no server routes yet.
    static QString notYet(const QString& command);
};
