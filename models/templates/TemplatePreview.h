#pragma once

#include "core/Result.h"
#include "jinja/Options.h"

#include <QStringList>
#include <QVariantMap>
#include <memory>
#include <optional>

class Inventory;

// Rendering a template for one host as the template editor's preview and the CLI do: the host's context as
// Ansible's template module builds it, the render, and the undefined variables it met. Qt Core only, so that the
// editor can run it on a worker thread and the bench can time it.
namespace TemplatePreview {

// What a host's context needs beside the inventory: the job's targets and the hosts of the batch the host runs in
// (empty outside a job: the preview then uses the host alone for both, as `ansible HOST` does), and the inventory
// file when the inventory came from one (inventory_dir, inventory_file; empty: Inventory::sourceFile()).
struct PlayNames {
    QStringList playHosts;
    QStringList batch;
    QString inventoryFile;
};

// The fleet-wide names shared by the contexts of every host of one inventory state: `groups` and `hostvars`, both
// built lazily (Jinja::LazyMapping) on first use and then kept, so a job's thousand contexts build them once.
class FleetNames {
public:
    explicit FleetNames(const Inventory& inventory);
    QVariant groups() const { return m_groups; }
    QVariant hostvars() const { return m_hostvars; }
    // groups[name] as Ansible orders it: the group's own hosts, then those of its descendants breadth first.
    static QStringList orderedHosts(const Inventory& inventory, const QString& group);

private:
    QVariant m_groups;
    QVariant m_hostvars;
};

// The template context of a host: its resolved variables plus the magic variables Ansible adds
// (magicVariableNames()). `fleet`, when given, shares groups/hostvars between hosts; otherwise they are made here.
QVariantMap hostContext(const Inventory& inventory, const QString& host, const PlayNames& play = {},
    std::shared_ptr<const FleetNames> fleet = nullptr);
// The names hostContext() adds beside the inventory's variables.
QStringList magicVariableNames();

struct Outcome {
    bool ok = false;
    QString output; // when ok
    Error error; // when not: the message with the template's name, line and column
    // The undefined variables the template uses for this context, sorted. In strict mode a render stops at the
    // first one; the list then comes from a second, chainable render so that the author sees all of them at once.
    QStringList undefinedNames;
    qint64 elapsedMicroseconds = 0; // parse and render(s)
};
Outcome render(const QString& source, const QString& name, const Jinja::Options& options, const QVariantMap& context);

// The value at a dotted path ("region.dns") of a context, or nullopt when a part is missing.
std::optional<QVariant> valueAt(const QVariantMap& context, const QString& path);

} // namespace TemplatePreview
