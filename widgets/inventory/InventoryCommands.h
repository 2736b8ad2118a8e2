#pragma once

#include "inventory/Inventory.h"

#include <QCoreApplication>
#include <QHash>
#include <QUndoCommand>
#include <optional>

class Workspace;

// What the inventory commands edit: the workspace (persistent), the in-memory inventory, and whatever shows it.
// Every command writes through the workspace first and only then changes the inventory, so a failed write
// leaves both as they were; undo reverses both. The inventory page implements this.
class InventoryEditTarget {
public:
    virtual ~InventoryEditTarget() = default;
    virtual Workspace* workspace() const = 0;
    virtual Inventory& inventory() = 0;
    // Hosts whose fields or memberships changed (or that were added).
    virtual void hostsUpdated(const QStringList& names) = 0;
    virtual void hostsDeleted(const QStringList& names) = 0;
    // The group structure or memberships changed (tree and counts need a refresh).
    virtual void groupsUpdated() = 0;
    // Everything may have changed (an import or its undo): inventory() holds the new state already.
    virtual void inventoryReplaced() = 0;
    virtual void editFailed(const QString& message) = 0;
};

// A host with its direct group memberships, as the commands save and restore it.
struct HostEditState {
    Host host;
    QStringList groups;
};

// Base of the inventory commands: a failed redo marks the command obsolete, so QUndoStack::push() drops it.
class InventoryCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(InventoryCommand)
public:
    explicit InventoryCommand(InventoryEditTarget* target)
        : m_target(target)
    {
    }
    void redo() final;
    void undo() final;
    // The error of the last redo/undo (empty when it worked).
    QString lastError() const { return m_error; }
    // "1 host" / "N hosts" (plural forms without depending on a loaded English translation).
    static QString hostCount(int n);

protected:
    virtual Result<void> doRedo() = 0;
    virtual Result<void> doUndo() = 0;
    InventoryEditTarget* m_target;

private:
    QString m_error;
};

// Adds a host (before empty) or edits one, possibly renaming it.
class SaveHostCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(SaveHostCommand)

public:
    SaveHostCommand(InventoryEditTarget* target, std::optional<HostEditState> before, HostEditState after);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    std::optional<HostEditState> m_before;
    HostEditState m_after;
};

class DeleteHostsCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(DeleteHostsCommand)

public:
    DeleteHostsCommand(InventoryEditTarget* target, const QStringList& names);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    QList<Host> m_hosts;
    QHash<QString, QStringList> m_groupMembers; // every group that named a deleted host, with its member list
};

// Adds and removes tags on several hosts at once.
class TagHostsCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(TagHostsCommand)

public:
    TagHostsCommand(
        InventoryEditTarget* target, const QStringList& names, const QStringList& add, const QStringList& remove);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    Result<void> save(const QList<Host>& hosts);
    QList<Host> m_before;
    QList<Host> m_after;
};

// Replaces the direct members of a group (drag and drop onto a group, removing hosts from a group).
class SetGroupMembersCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(SetGroupMembersCommand)

public:
    SetGroupMembersCommand(
        InventoryEditTarget* target, const QString& group, const QStringList& members, const QString& text);
    // Adds `hosts` to `group` (those already in it are left where they are).
    static SetGroupMembersCommand* addHosts(
        InventoryEditTarget* target, const QString& group, const QStringList& hosts);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    Result<void> apply(const QStringList& members);
    QString m_group;
    QStringList m_before;
    QStringList m_after;
};

// Creates a group under a parent ("all": top level).
class NewGroupCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(NewGroupCommand)

public:
    NewGroupCommand(InventoryEditTarget* target, const Group& group, const QString& parent);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    Group m_group;
    QString m_parent;
    std::optional<Group> m_parentBefore;
};

// Changes a group's kind, priority and variables (membership and children are left as they are).
class EditGroupCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(EditGroupCommand)

public:
    EditGroupCommand(InventoryEditTarget* target, const Group& before, const Group& after);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    Result<void> apply(const Group& g);
    Group m_before;
    Group m_after;
};

// Deletes a group; its hosts stay in the inventory and its children become top-level unless they have other
// parents. Undo restores the group, its members, its variables and its place under its parents.
class DeleteGroupCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(DeleteGroupCommand)

public:
    DeleteGroupCommand(InventoryEditTarget* target, const QString& name);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    Group m_group;
    QList<Group> m_parents;
};

// An import (merge or replace) as one undo step: redo writes the inventory as the import left it, undo writes it
// back as it was. The import dialog has saved `after` already when the command is pushed, so its first redo only
// takes the new state into the page.
class ImportInventoryCommand : public InventoryCommand {
    Q_DECLARE_TR_FUNCTIONS(ImportInventoryCommand)

public:
    ImportInventoryCommand(InventoryEditTarget* target, Inventory before, Inventory after, const QString& source);

protected:
    Result<void> doRedo() override;
    Result<void> doUndo() override;

private:
    Result<void> apply(const Inventory& state);
    Inventory m_before;
    Inventory m_after;
    bool m_saved = true;
};
