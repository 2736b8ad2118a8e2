#include "TemplatePreview.h"

#include "inventory/Inventory.h"
#include "jinja/Template.h"

#include "jinja/LazyMapping.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QSet>

namespace TemplatePreview {

namespace {

QVariantList toList(const QStringList& names)
{
    QVariantList out;
    out.reserve(names.size());
    for (const QString& n : names) {
        out.append(n);
    }
    return out;
}

// The variables of a host as hostvars[host] shows them: resolved, with the names Ansible adds per host.
QVariantMap hostOwnNames(const Inventory& inventory, const QString& host)
{
    QVariantMap context = inventory.resolveVars(host);
    context.insert(QStringLiteral("inventory_hostname"), host);
    context.insert(QStringLiteral("inventory_hostname_short"), host.section(QLatin1Char('.'), 0, 0));
    QStringList groups = inventory.hostGroupsAll(host);
    groups.removeAll(QStringLiteral("all")); // "ungrouped" stays, as in Ansible
    groups.sort();
    context.insert(QStringLiteral("group_names"), toList(groups));
    return context;
}

} // namespace

QStringList FleetNames::orderedHosts(const Inventory& inventory, const QString& group)
{
    // As Ansible's Group.get_hosts(): the group's own hosts, then its descendants' level by level, each host once.
    // "all" has "ungrouped" first (Ansible makes it first), then the top-level groups.
    const auto childrenOf = [&inventory](const QString& name) -> QStringList {
        if (name == QLatin1String("all")) {
            QStringList top = inventory.topLevelGroups();
            top.removeAll(QStringLiteral("ungrouped"));
            top.prepend(QStringLiteral("ungrouped"));
            return top;
        }
        const Group* g = inventory.group(name);
        return g ? g->children : QStringList();
    };
    const auto hostsOf = [&inventory](const QString& name) -> QStringList {
        if (name == QLatin1String("ungrouped")) {
            return inventory.ungroupedHosts();
        }
        const Group* g = inventory.group(name);
        return g && name != QLatin1String("all") ? g->hosts : QStringList();
    };
    if (group != QLatin1String("all") && group != QLatin1String("ungrouped") && !inventory.group(group)) {
        return {};
    }
    QStringList order { group };
    QSet<QString> seenGroups { group };
    for (qsizetype i = 0; i < order.size(); ++i) {
        for (const QString& child : childrenOf(order.at(i))) {
            if (!seenGroups.contains(child)) {
                seenGroups.insert(child);
                order.append(child);
            }
        }
    }
    QStringList hosts;
    QSet<QString> seen;
    for (const QString& name : std::as_const(order)) {
        for (const QString& h : hostsOf(name)) {
            if (!seen.contains(h)) {
                seen.insert(h);
                hosts.append(h);
            }
        }
    }
    return hosts;
}

FleetNames::FleetNames(const Inventory& inventory)
{
    // The inventory is copied (its containers are shared, so this is cheap) and guarded: hostvars may be read from
    // the transport's push threads at once, and the copy fills its derived caches on first use.
    struct Shared {
        QMutex mutex;
        Inventory inventory;
    };
    auto shared = std::make_shared<Shared>();
    shared->inventory = inventory;
    m_groups = QVariant::fromValue(Jinja::LazyMapping([shared] {
        QMutexLocker lock(&shared->mutex);
        QVariantMap groups;
        groups.insert(QStringLiteral("all"), toList(orderedHosts(shared->inventory, QStringLiteral("all"))));
        groups.insert(
            QStringLiteral("ungrouped"), toList(orderedHosts(shared->inventory, QStringLiteral("ungrouped"))));
        for (const Group& g : shared->inventory.groups()) {
            groups.insert(g.name, toList(orderedHosts(shared->inventory, g.name)));
        }
        return groups;
    }));
    m_hostvars = QVariant::fromValue(Jinja::LazyMapping([shared] {
        QMutexLocker lock(&shared->mutex);
        QVariantMap hostvars;
        for (const Host& h : shared->inventory.hosts()) {
            const QString name = h.name;
            hostvars.insert(name, QVariant::fromValue(Jinja::LazyMapping([shared, name] {
                QMutexLocker inner(&shared->mutex);
                return hostOwnNames(shared->inventory, name);
            })));
        }
        return hostvars;
    }));
}

QVariantMap hostContext(
    const Inventory& inventory, const QString& host, const PlayNames& play, std::shared_ptr<const FleetNames> fleet)
{
    QVariantMap context = hostOwnNames(inventory, host);
    if (!fleet) {
        fleet = std::make_shared<const FleetNames>(inventory);
    }
    context.insert(QStringLiteral("groups"), fleet->groups());
    context.insert(QStringLiteral("hostvars"), fleet->hostvars());
    const QVariantList playHosts = toList(play.playHosts.isEmpty() ? QStringList { host } : play.playHosts);
    context.insert(QStringLiteral("ansible_play_hosts"), playHosts);
    context.insert(QStringLiteral("ansible_play_hosts_all"), playHosts);
    context.insert(QStringLiteral("play_hosts"), playHosts);
    context.insert(QStringLiteral("ansible_play_batch"),
        toList(play.batch.isEmpty() ? (play.playHosts.isEmpty() ? QStringList { host } : play.playHosts) : play.batch));
    if (const QString source = play.inventoryFile.isEmpty() ? inventory.sourceFile() : play.inventoryFile;
        !source.isEmpty()) {
        const QFileInfo file(source);
        context.insert(QStringLiteral("inventory_file"), file.absoluteFilePath());
        context.insert(QStringLiteral("inventory_dir"), file.absolutePath());
    }
    return context;
}

QStringList magicVariableNames()
{
    return { QStringLiteral("inventory_hostname"), QStringLiteral("inventory_hostname_short"),
        QStringLiteral("group_names"), QStringLiteral("groups"), QStringLiteral("hostvars"),
        QStringLiteral("ansible_play_hosts"), QStringLiteral("ansible_play_hosts_all"), QStringLiteral("play_hosts"),
        QStringLiteral("ansible_play_batch"), QStringLiteral("inventory_file"), QStringLiteral("inventory_dir") };
}

Outcome render(const QString& source, const QString& name, const Jinja::Options& options, const QVariantMap& context)
{
    QElapsedTimer timer;
    timer.start();
    Outcome outcome;
    const Result<Jinja::Template> parsed = Jinja::Template::parse(source, name, options);
    if (!parsed) {
        outcome.error = parsed.error();
        outcome.elapsedMicroseconds = timer.nsecsElapsed() / 1000;
        return outcome;
    }
    QStringList names;
    const Result<QString> text = parsed->render(context, &names);
    if (text) {
        outcome.ok = true;
        outcome.output = *text;
    } else {
        outcome.error = text.error();
    }
    if (!text && options.undefined == Jinja::UndefinedMode::Strict && !names.isEmpty()) {
        Jinja::Options chainable = options;
        chainable.undefined = Jinja::UndefinedMode::Chainable;
        if (auto again = Jinja::Template::parse(source, name, chainable)) {
            QStringList more;
            (void)again->render(context, &more);
            names += more;
        }
    }
    names.removeDuplicates();
    names.sort();
    outcome.undefinedNames = names;
    outcome.elapsedMicroseconds = timer.nsecsElapsed() / 1000;
    return outcome;
}

std::optional<QVariant> valueAt(const QVariantMap& context, const QString& path)
{
    QVariant value = context;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (value.metaType() == QMetaType::fromType<Jinja::LazyMapping>()) {
            value = value.value<Jinja::LazyMapping>().value(); // groups, hostvars and hostvars[h]
        }
        if (value.typeId() != QMetaType::QVariantMap) {
            return std::nullopt;
        }
        const QVariantMap map = value.toMap();
        const auto it = map.constFind(part);
        if (it == map.constEnd()) {
            return std::nullopt;
        }
        value = *it;
    }
    return value;
}

} // namespace TemplatePreview
