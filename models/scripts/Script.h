#pragma once

#include "core/Result.h"
#include "scripts/ScriptLanguage.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// A declared parameter of a script: passed to it as an argument when it runs.
struct ScriptParameter {
    QString name;
    QString description;
    QString defaultValue;
    bool required = false;
    bool operator==(const ScriptParameter&) const = default;
};

// A script of the library, at one version. `id` is the store's key (0 before it is stored); the versioned fields
// (everything but id, tags and the version bookkeeping) are snapshotted in full on every save.
struct Script {
    // System scripts are vetted and reusable (server initialisation …); user scripts are an operator's own.
    enum class Kind { User, System };

    qint64 id = 0;
    QString name;
    ScriptLanguage language = ScriptLanguage::Bash;
    Kind kind = Kind::User;
    QString description;
    QList<ScriptParameter> parameters;
    QString runAs; // default account the script runs as; empty = the login user
    QString content;
    QStringList tags; // sorted, unique; not versioned

    int version = 0; // the current version number (1, 2, 3 …), 0 before the first save
    QDateTime createdAt; // UTC, of version 1
    QDateTime updatedAt; // UTC, of the current version
    QString author; // of the current version

    static QString kindName(Kind kind); // "user", "system"
    static std::optional<Kind> kindFromName(const QString& name);

    // Whether the fields a version snapshots are equal (saving an unchanged script makes no new version).
    bool sameVersionedFields(const Script& other) const;

    // Parameters as a JSON array of {name, description, default, required}; fromJson names what is wrong.
    static QString parametersToJson(const QList<ScriptParameter>& parameters);
    static Result<QList<ScriptParameter>> parametersFromJson(const QString& json);

    // Why `name` cannot name a script (empty when it can): not empty, one line, at most 200 characters, no
    // leading/trailing spaces.
    static QString nameProblem(const QString& name);
    // Why `tag` cannot be a tag: not empty, no spaces or commas, at most 64 characters.
    static QString tagProblem(const QString& tag);
    // Sorted, deduplicated tags.
    static QStringList normalizedTags(const QStringList& tags);

    // Every field as JSON (drafts, and later the server API); fromJson names what is missing or wrong.
    QJsonObject toJson() const;
    static Result<Script> fromJson(const QJsonObject& object);

    // A script read from a file: named after the file (without extension), language from `language` or else
    // detected from the shebang or extension (bash when neither says: `*note` tells so). Binary and non-UTF-8
    // files are refused with the reason and place (docs/scripts.md); so are files over kMaxFileBytes.
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
    static Result<Script> fromFile(
        const QString& path, std::optional<ScriptLanguage> language = std::nullopt, QString* note = nullptr);
};

// One saved version of a script: when, who, why, and the full snapshot.
struct ScriptVersion {
    int version = 0;
    QDateTime createdAt;
    QString author;
    QString message;
    Script script; // the snapshot (id and version filled in; tags are today's)
};
