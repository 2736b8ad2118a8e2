#pragma once

#include "core/Result.h"
#include "jinja/Options.h"

#include <QStringList>
#include <QVariantMap>
#include <optional>

class Inventory;

// Rendering a template for one host as the template editor's preview and the CLI do: the host's context as
// Ansible's template module builds it, the render, and the undefined variables it met. Qt Core only, so that the
// editor can run it on a worker thread and the bench can time it.
namespace TemplatePreview {

// The template context of a host: its resolved variables plus inventory_hostname, inventory_hostname_short and
// group_names (the magic variables Ansible adds that depend only on the inventory).
QVariantMap hostContext(const Inventory& inventory, const QString& host);
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
