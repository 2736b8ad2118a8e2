#include "SshRoute.h"

#include "ssh/SshConfig.h"

namespace {

constexpr int kMaxJumps = 8; // hops of a ProxyJump chain, including those a jump host's own ProxyJump adds

} // namespace

bool SshRoute::resolve(const QString& host, const SshTarget& inventory, const SshConfig& config, const Lookup& lookup,
    SshRoute* route, QString* error)
{
    route->target = config.complete(host, inventory);
    route->jumps.clear();
    if (!addJumps(route->target.jumpHost, config, lookup, 0, route, error)) {
        *error = QStringLiteral("%1: %2").arg(host, *error);
        return false;
    }
    return true;
}

// Appends the hops of a ProxyJump value to route->jumps, first hop first. Each hop is a target of its own: the
// inventory's values for that name when it is an inventory host, the user and port written in the ProxyJump, then
// the configuration. As in ssh, the first hop's own ProxyJump comes before it; the later hops go through the one
// before them.
bool SshRoute::addJumps(
    const QString& spec, const SshConfig& config, const Lookup& lookup, int depth, SshRoute* route, QString* error)
{
    QString why;
    const std::optional<QList<SshConfig::Hop>> hops = SshConfig::parseJumpList(spec, &why);
    if (!hops) {
        *error = QStringLiteral("invalid ProxyJump \"%1\": %2").arg(spec, why);
        return false;
    }
    if (depth > kMaxJumps) {
        *error = QStringLiteral("ProxyJump loops or chains more than %1 jump hosts (at %2)").arg(kMaxJumps).arg(spec);
        return false;
    }
    for (qsizetype i = 0; i < hops->size(); ++i) {
        const SshConfig::Hop& hop = hops->at(i);
        SshTarget target = (lookup ? lookup(hop.host) : std::nullopt).value_or(SshTarget {});
        if (!hop.user.isEmpty()) {
            target.user = hop.user;
        }
        if (hop.port > 0) {
            target.port = hop.port;
        }
        target.vars.clear();
        target = config.complete(hop.host, target);
        if (i == 0) {
            // A jump host whose own ProxyJump names itself (Host *.dc ProxyJump bastion.dc) is reached directly.
            const std::optional<QList<SshConfig::Hop>> own = SshConfig::parseJumpList(target.jumpHost, &why);
            const bool self = own && own->size() == 1 && own->first().host == hop.host;
            if (!self && !addJumps(target.jumpHost, config, lookup, depth + 1, route, error)) {
                return false;
            }
        }
        target.jumpHost.clear();
        if (route->jumps.size() >= kMaxJumps) {
            *error = QStringLiteral("ProxyJump chains more than %1 jump hosts").arg(kMaxJumps);
            return false;
        }
        route->jumps.append({ hop.host + QLatin1Char(':') + QString::number(target.port), target });
    }
    return true;
}
