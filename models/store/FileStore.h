#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

class Workspace;

// The files jobs push, kept once each by the SHA-256 of their bytes (table file_blobs): a job's spec names its file
// by that hash (PushFile::contentSha256), so its events stay small however large the file and however often it is
// pushed, and a retry pushes exactly the bytes of the first run. Use it from the thread that opened the workspace.
class FileStore {
public:
    explicit FileStore(Workspace& workspace);

    // The lowercase hex SHA-256 of `bytes`.
    static QString hashOf(const QByteArray& bytes);
    static bool isHash(const QString& text); // 64 lowercase hex digits

    // Stores `bytes` (once: storing the same bytes again changes nothing); returns their hash.
    Result<QString> put(const QByteArray& bytes);
    // The bytes stored under `sha256`. Errors: none stored (the message names the hash).
    Result<QByteArray> get(const QString& sha256) const;
    bool contains(const QString& sha256) const;

private:
    Workspace& m_workspace;
};
