#pragma once

#include "core/Result.h"
#include "inventory/ansible/AnsibleInventory.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QVariant>

class InventoryBuilder;

// The ini inventory plugin (plugins/inventory/ini.py): sections, host lines with their variables (shlex-split,
// values through Python's literal_eval), children declared before or after their parents, and the file's
// progress reported in KiB through `progress` (shared with the other files of the import via `doneKiB`).
class IniInventoryReader {
public:
    IniInventoryReader(InventoryBuilder& builder, const QString& file, const AnsibleInventory::Progress& progress,
        qint64* doneKiB, int totalKiB);
    // Reads one file's text into the builder; an error names file and line.
    Result<void> parse(const QByteArray& data);

private:
    struct Pending {
        int line = 0;
        bool vars = false; // else children
        QStringList parents;
    };

    Result<void> parseNonUtf8(const QByteArray& data, const Error& decodeError);
    Result<void> parseText(const QString& text);
    Result<void> addPendingChildren(const QString& group, QHash<QString, Pending>& pending);
    Error error(const QString& message) const;
    Result<QVariant> parseValue(QStringView text) const;
    Result<void> parseHostLine(QStringView line, int group);

    InventoryBuilder& m_b;
    QString m_file;
    const AnsibleInventory::Progress& m_progress;
    qint64* m_done;
    int m_total;
    int m_line = 0;
};
