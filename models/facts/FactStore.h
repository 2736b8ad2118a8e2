#pragma once

#include "core/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

class Workspace;

// The facts gathered of each host, kept in the workspace (table host_facts, schema 10): per host the facts under
// Ansible's names (FactsParser) as JSON and when they were gathered; a new gathering replaces the host's row. Keyed
// by the inventory host name; a host removed from the inventory keeps its facts until remove(). Use it from the
// thread that opened the workspace.
class FactStore {
public:
    struct HostFacts {
        QString host;
        QJsonObject facts;
        QDateTime gatheredAt; // UTC
    };
    struct Entry {
        QString host;
        QDateTime gatheredAt;
    };

    explicit FactStore(Workspace& workspace);

    Result<void> put(const QString& host, const QJsonObject& facts, const QDateTime& gatheredAt);
    // The host's facts, or nothing when none were gathered. Errors: the store cannot be read, a damaged row.
    Result<std::optional<HostFacts>> get(const QString& host) const;
    // Every host with facts and when they were gathered, by host name.
    Result<QList<Entry>> list() const;
    Result<void> remove(const QString& host);

private:
    Workspace& m_workspace;
};
