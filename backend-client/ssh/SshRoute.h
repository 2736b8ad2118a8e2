#pragma once

#include "ssh/SshTarget.h"

#include <QList>
#include <QString>
#include <functional>
#include <optional>

class SshConfig;

// How a host is reached: its target completed from ~/.ssh/config, and the jump hosts before it, first hop first
// (each hop reached through the one before it). Resolved in SshTransport::start() on the caller's thread, so that
// a ProxyJump that loops or cannot be parsed ends the host before anything connects.
struct SshRoute {
    struct Jump {
        QString name; // how messages name it: "bastion:2201"
        SshTarget target; // completed like any target; its own jump host already resolved into the hops before it
    };
    SshTarget target;
    QList<Jump> jumps;

    // Where a name used as a jump host is reached when it is a host the transport knows (an inventory host).
    using Lookup = std::function<std::optional<SshTarget>(const QString& host)>;
    // Completes `inventory` (the host's own target) and resolves its ProxyJump chain. Errors name the host.
    static bool resolve(const QString& host, const SshTarget& inventory, const SshConfig& config, const Lookup& lookup,
        SshRoute* route, QString* error);

private:
    static bool addJumps(
        const QString& spec, const SshConfig& config, const Lookup& lookup, int depth, SshRoute* route, QString* error);
};
