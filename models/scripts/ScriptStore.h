#pragma once

#include "core/Result.h"
#include "scripts/DangerRules.h"
#include "scripts/Script.h"
#include "store/VersionedTable.h"

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

class Workspace;

// The script library in the workspace (tables scripts, script_versions, script_tags; docs/architecture.md).
// Every save of a changed script appends a version numbered 1, 2, 3 … per script with time, author (the OS user)
// and message; nothing is ever overwritten, and restoring an old version saves it as a new one. Each call is
// one transaction. Errors name the script and say what to do.
class ScriptStore {
public:
    explicit ScriptStore(Workspace& workspace);

    // Every script at its current version, with tags, sorted by name.
    Result<QList<Script>> loadAll() const;
    Result<Script> load(qint64 id) const;
    // The script of that name (exact match), or nullopt.
    Result<std::optional<Script>> findByName(const QString& name) const;

    // Stores a new script as version 1 (its id, version and times are filled in and returned).
    Result<Script> create(Script script, const QString& message = {});
    // Saves `script` (an existing id) as a new version when a versioned field changed; otherwise returns the
    // stored script unchanged. `*created` says which. Tags are saved too (not versioned).
    Result<Script> save(const Script& script, const QString& message = {}, bool* created = nullptr);
    // Adds `script` by name: a new script when the name is free, else a new version of the script of that name
    // with this content and language (its other fields kept); its tags are added to the existing ones.
    Result<Script> addOrUpdate(const Script& script, const QString& message = {}, bool* isNew = nullptr);

    // All versions of a script, oldest first (with their full snapshots).
    Result<QList<ScriptVersion>> versions(qint64 id) const;
    Result<ScriptVersion> version(qint64 id, int version) const;
    // Saves version `version` of the script as its newest version.
    Result<Script> restore(qint64 id, int version, const QString& message = {});
    // A copy under a new name (version 1 of a new script, same tags).
    // Deletes the script with all its versions and tags.
    Result<void> remove(qint64 id);
    Result<Script> clone(qint64 id, const QString& newName);

    Result<void> setTags(qint64 id, const QStringList& tags);
    // Renames (or merges into an existing) tag on every script; returns how many scripts carried it.
    Result<int> renameTag(const QString& from, const QString& to);
    Result<int> removeTag(const QString& tag);
    // Every tag with the number of scripts carrying it, sorted by tag.
    Result<QList<QPair<QString, int>>> tagCounts() const;

    // The workspace's own danger rules (user rules layered over DangerRules::defaults(); kept in the settings
    // table as JSON under "scripts/danger_rules"). An unreadable value is an error that says so, never silently
    // the defaults.
    static Result<QList<DangerRule>> userDangerRules(const Workspace& workspace);
    static Result<void> setUserDangerRules(Workspace& workspace, const QList<DangerRule>& rules);
    // defaults() merged with the workspace's rules.
    static Result<QList<DangerRule>> effectiveDangerRules(const Workspace& workspace);

    // The author recorded with new versions: the OS login name.
    static QString currentAuthor();

    // The author recorded with the versions this store writes from now on (VersionedTable::setAuthor).
    void setAuthor(const QString& author) { m_table.setAuthor(author); }

private:
    Result<Script> readScript(qint64 id) const;
    Result<void> writeVersion(Script& script, const QString& message);
    Result<void> writeTags(qint64 id, const QStringList& tags);

    Workspace& m_workspace;
    VersionedTable m_table;
};
