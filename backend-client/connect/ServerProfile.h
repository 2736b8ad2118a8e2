#pragma once

#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

// A control server the console connects to: its URL, the bearer token (held in memory only while connecting;
// kept in a SecretStore under secretKey(), never in QSettings or the workspace) and where its TLS pins are
// (TlsPinStore). What MainWindow hands the backend factory.
struct ServerProfile {
    QUrl url; // scheme, host and port only: "https://ops.example:8750"
    QString token;
    QString pinFile; // TlsPinStore's file

    // The secret's key for this server's token.
    QString secretKey() const { return QStringLiteral("server-token:") + url.toString(); }

    // Checks what the operator typed: http or https, a host, no user, query or fragment; a trailing "/" and
    // "/api/v1" are dropped. "ops.example:8750" gets https://.
    static Result<QUrl> parseUrl(const QString& text);

    // The servers connected to before, newest first (QSettings "servers/recent", URLs only), at most 8.
    static QStringList recent();
    static void remember(const QUrl& url);
    static void forget(const QUrl& url);
};
