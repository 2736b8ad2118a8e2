#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

// A configuration template of the library (docs/templates.md "Stored templates"), at one version: a Jinja2 text
// rendered per host and put at `destination` with `mode` and `owner`. `id` is the store's key (0 before it is
// stored); every field but id and the version bookkeeping is snapshotted on every save, as scripts are.
struct ConfigTemplate {
    qint64 id = 0;
    QString name;
    QString destination; // absolute path on the host ("/etc/nginx/nginx.conf"); picks the editor's file syntax
    QString mode; // octal permission bits ("0644"); empty = leave as the upload makes it
    QString owner; // "user" or "user:group"; empty = the connecting user
    QString description;
    QString content;

    int version = 0; // the current version number (1, 2, 3 …), 0 before the first save
    QDateTime createdAt; // UTC, of version 1
    QDateTime updatedAt; // UTC, of the current version
    QString author; // of the current version

    // Whether the fields a version snapshots are equal (saving an unchanged template makes no new version).
    bool sameVersionedFields(const ConfigTemplate& other) const;

    // Why a field cannot be stored as it is (empty when it can). Name: as script names (not empty, one line, at most
    // 200 characters, no leading/trailing spaces). Destination: empty or an absolute path. Mode: empty or 3–4 octal
    // digits. Owner: empty, "user" or "user:group" without spaces.
    static QString nameProblem(const QString& name);
    static QString destinationProblem(const QString& destination);
    static QString modeProblem(const QString& mode);
    static QString ownerProblem(const QString& owner);
    // The first problem of any field, or an empty string.
    QString problem() const;

    // Every field as JSON (drafts); fromJson names what is missing.
    QJsonObject toJson() const;
    static Result<ConfigTemplate> fromJson(const QJsonObject& object);
};

// One saved version of a template: when, who, why, and the full snapshot.
struct ConfigTemplateVersion {
    int version = 0;
    QDateTime createdAt;
    QString author;
    QString message;
    ConfigTemplate snapshot; // id and version filled in
};
