#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "store/InventoryStore.h"
#include "store/StoreLocation.h"

#include <QSqlDatabase>
#include <QString>
#include <functional>
#include <memory>

// The operator's workspace: one SQLite file (WAL, foreign keys on) holding the inventory, scripts, templates and job
// history — or, for the control server, a PostgreSQL database with the same schema (openUrl; SqlDialect says what
// differs). Opening never modifies a file that is not a valid OpsDeck workspace of a version we
// understand: it is inspected read-only first and refused with a message that says why and what to do. The schema
// and its upgrades are WorkspaceMigrations'; the inventory methods below delegate to InventoryStore.
class Workspace {
public:
    enum class OpenMode { OpenExisting, CreateIfMissing };

    // The current schema version; migrations bring any older workspace up to it.
    static constexpr int kSchemaVersion = 11;
    // SQLite application_id marking an OpsDeck workspace ('OPSD').
    static constexpr int kApplicationId = 0x4F505344;

    ~Workspace();
    Workspace(const Workspace&) = delete;
    Workspace& operator=(const Workspace&) = delete;

    static Result<std::unique_ptr<Workspace>> open(const QString& path, OpenMode mode = OpenMode::OpenExisting);
    // A PostgreSQL database by URL (postgresql://user[:password]@host[:port]/dbname; StoreLocation). An empty
    // database gets the schema with CreateIfMissing; one of an older version is migrated, one of a newer version or
    // holding other tables is refused and left as it is.
    static Result<std::unique_ptr<Workspace>> openUrl(const QString& url, OpenMode mode = OpenMode::OpenExisting);
    static Result<std::unique_ptr<Workspace>> open(const StoreLocation& location, OpenMode mode);
    // Creates a workspace with the schema of an older version (for migration tests and tools); a PostgreSQL
    // database must be empty.
    static Result<void> createAtVersion(const QString& path, int version);
    static Result<void> createAtVersion(const StoreLocation& location, int version);
    static QString defaultPath();

    // The file, or the URL without its password: what messages name.
    QString path() const { return m_path; }
    const StoreLocation& location() const { return m_location; }
    bool isPostgres() const { return m_location.kind == StoreLocation::Kind::Postgres; }
    int schemaVersionOnOpen() const { return m_versionOnOpen; }
    // Opening created the schema (a new file, an empty database).
    bool createdOnOpen() const { return m_createdOnOpen; }
    QSqlDatabase database() const;

    Result<Inventory> loadInventory() const;
    // Replaces the stored inventory by `inventory`, in one transaction. `progress(done, total)` is called now and
    // then; returning false cancels (rolled back, nothing changed).
    Result<void> saveInventory(const Inventory& inventory, const std::function<bool(int, int)>& progress = {});

    // Fine-grained edits (each its own transaction).
    Result<void> saveHost(const Host& host, const QStringList& groups);
    Result<void> saveHosts(const QList<Host>& hosts);
    Result<void> deleteHosts(const QStringList& names);
    Result<void> renameHost(const QString& from, const QString& to);
    Result<void> saveGroup(const Group& group);
    Result<void> deleteGroup(const QString& name);
    Result<void> setGroupMembers(const QString& group, const QStringList& hosts);

    // Runs `body` in one transaction: committed when it returns success, rolled back otherwise (for stores
    // such as ScriptStore that keep their tables in this workspace).
    Result<void> inTransaction(const std::function<Result<void>()>& body);

    // Small key/value settings kept in the workspace (e.g. demo marker).
    QString setting(const QString& key) const;
    Result<void> setSetting(const QString& key, const QString& value);
    Result<void> removeSetting(const QString& key);
    // The keys that start with `prefix`, sorted.
    QStringList settingKeys(const QString& prefix) const;

private:
    explicit Workspace(StoreLocation location, QString connection);
    static Result<std::unique_ptr<Workspace>> openPostgres(const StoreLocation& location, OpenMode mode);
    Result<void> migrate(int from);
    Result<void> exec(const QString& sql) const;
    template <typename F> Result<void> transaction(F&& body);

    StoreLocation m_location;
    QString m_path;
    QString m_connection;
    int m_versionOnOpen = 0;
    bool m_createdOnOpen = false;
    int m_transactionDepth = 0;
    InventoryStore m_inventory;
};
