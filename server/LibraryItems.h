#pragma once

#include "BodyFields.h"
#include "core/Result.h"
#include "scripts/ScriptStore.h"
#include "templates/TemplateStore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <optional>

class Workspace;

// The script library and the template library seen alike, for the API's library routes (ApiLibrary.cpp): items by
// name as JSON, their writable fields read from a request body (each problem naming its field), and the versioned
// store operations. Versions written through it carry `author` (the token's name), not the server's OS user.
class LibraryItems {
public:
    enum class Kind { Scripts, Templates };
    // The library a request path is under (/api/v1/scripts… or /api/v1/templates…).
    static Kind kindOfPath(const QString& path);

    LibraryItems(Workspace& workspace, Kind kind, const QString& author);

    QString noun() const; // "script", "template": in messages and audit actions

    // One item at one version: its store id, number, name, text, and every field as JSON.
    struct Item {
        qint64 id = 0;
        int version = 0;
        QString name;
        QString content;
        QJsonObject json;
    };
    struct VersionInfo {
        int version = 0;
        QDateTime createdAt;
        QString author;
        QString message;
        Item item;
    };

    Result<QList<Item>> list() const;
    Result<std::optional<Item>> find(const QString& name) const;
    // The body fields a create or update accepts besides message and base_version.
    QStringList writableFields() const;
    // The item as the body makes it: the fields given replace those of `base` (an existing item's JSON; empty for a
    // new item, where name and content are required). Problems go to `fields`; check fields.ok() after.
    QJsonObject readFields(BodyFields& fields, const QJsonObject& base) const;
    Result<Item> create(const QJsonObject& item, const QString& message);
    // Saves `item` (with the id of an existing one) as a new version when something changed (*changed says).
    Result<Item> save(const QJsonObject& item, const QString& message, bool* changed);
    Result<void> remove(qint64 id);
    Result<QList<VersionInfo>> versions(qint64 id) const;
    Result<VersionInfo> version(qint64 id, int number) const;
    Result<Item> restore(qint64 id, int number, const QString& message);

private:
    Kind m_kind;
    mutable ScriptStore m_scripts;
    mutable TemplateStore m_templates;
};
