#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "store/StoreLocation.h"

#include <QHash>
#include <QJsonArray>
#include <QString>

class Workspace;

// Gathered facts as the inventory's lowest variable layer (docs/facts.md): apply() reads the workspace's FactStore
// once and hands every host's facts to the inventory (Inventory::setHostFacts), without the packages and services,
// which stay in the store; the inventory's package lookup (the `drift:` query term) reads them from the workspace
// file when asked. Call it right after Workspace::loadInventory().
class FactLayer {
public:
    // How many hosts had facts. Errors: the store cannot be read (a damaged row is skipped, not an error).
    static Result<int> apply(Workspace& workspace, Inventory& inventory);
    // Workspace::loadInventory() with apply(): the inventory that templates, targets and rules are resolved with.
    // Facts that cannot be read are an error too (the hosts would silently lose every fact-based match).
    static Result<Inventory> loadWithFacts(Workspace& workspace);

    // Host → installed versions of `package` ("1.22.1-9", several ", "-joined and sorted; "" when the host's facts
    // list packages but not this one), read from the workspace file at `path` on a connection of its own (any
    // thread). Hosts without facts or without a package list are absent.
    static QHash<QString, QString> packageVersions(const QString& path, const QString& package);
    // The same from a workspace anywhere (a file or a PostgreSQL database).
    static QHash<QString, QString> packageVersions(const StoreLocation& location, const QString& package);
    // The versions of one entry of `ansible_facts.packages`: apt "VERSION", rpm "[EPOCH:]VERSION-RELEASE", apk
    // "VERSION-RELEASE".
    static QString versionText(const QJsonArray& entries);
};
