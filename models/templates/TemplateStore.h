#pragma once

#include "core/Result.h"
#include "store/VersionedTable.h"
#include "templates/ConfigTemplate.h"

#include <QList>
#include <optional>

class Workspace;

// The template library in the workspace (tables templates, template_versions; docs/architecture.md), versioned as
// the script library is: every save of a changed template appends a version 1, 2, 3 … with time, author and
// message; restoring an old version saves it as the newest. Each call is one transaction.
class TemplateStore {
public:
    explicit TemplateStore(Workspace& workspace);

    // Every template at its current version, sorted by name.
    Result<QList<ConfigTemplate>> loadAll() const;
    Result<ConfigTemplate> load(qint64 id) const;
    // The template of that name (exact match), or nullopt.
    Result<std::optional<ConfigTemplate>> findByName(const QString& name) const;
    // The template of that name, or an error that says how to list them (for the CLI: `push-template NAME`).
    Result<ConfigTemplate> byName(const QString& name) const;

    // Stores a new template as version 1 (id, version and times filled in).
    Result<ConfigTemplate> create(ConfigTemplate tmpl, const QString& message = {});
    // Saves an existing template as a new version when a versioned field changed; otherwise returns the stored one.
    // `*created` says which.
    Result<ConfigTemplate> save(const ConfigTemplate& tmpl, const QString& message = {}, bool* created = nullptr);
    // By name: a new template when the name is free, else a new version of that template with this content (and
    // the destination, mode and owner given, where not empty).
    Result<ConfigTemplate> addOrUpdate(const ConfigTemplate& tmpl, const QString& message = {}, bool* isNew = nullptr);

    // All versions, oldest first, with their full snapshots.
    Result<QList<ConfigTemplateVersion>> versions(qint64 id) const;
    Result<ConfigTemplateVersion> version(qint64 id, int version) const;
    // Saves version `version` as the newest version (the name stays today's).
    Result<ConfigTemplate> restore(qint64 id, int version, const QString& message = {});
    Result<void> remove(qint64 id);

    // The author recorded with the versions this store writes from now on (VersionedTable::setAuthor).
    void setAuthor(const QString& author) { m_table.setAuthor(author); }

private:
    Result<void> writeVersion(ConfigTemplate& tmpl, const QString& message);

    Workspace& m_workspace;
    VersionedTable m_table;
};
