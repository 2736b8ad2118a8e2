#pragma once

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QUrl>
#include <functional>

// How a RemoteBackend reaches its control server: the URL (http://, https://), the bearer token, the time a call
// may take, and TLS. The token is kept here and put into the Authorization header only; it never appears in a
// message, a log line or an error.
struct RemoteOptions {
    QUrl server; // e.g. https://ops.example:8750 (the API is under /api/v1)
    QString token; // odt_…
    int timeoutMs = 10'000; // one HTTP call, from sending to the last byte of the answer
    // The WebSocket's reconnect backoff: the first retry after reconnectMinMs, doubled up to reconnectMaxMs.
    int reconnectMinMs = 250;
    int reconnectMaxMs = 10'000;
    // A dead peer (no pong within this time after a ping) is dropped and reconnected.
    int pingIntervalMs = 15'000;
    // How often the newest jobs are read (in the background) so that jobChanged also tells of jobs that other
    // consoles submit or change; 0: never (the API has no fleet-wide event subscription yet).
    int historyPollMs = 3'000;
    // TLS for https:// and wss://: the system's trust store by default.
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    // The hook for certificate pinning: called when verification against `ssl` failed, with the errors and the
    // peer's chain; returning true accepts the connection anyway (a pinned certificate), false refuses it. Null:
    // refuse. It is called from the HTTP thread and from the backend's thread: it must be thread-safe.
    std::function<bool(const QList<QSslError>& errors, const QList<QSslCertificate>& chain)> acceptSslErrors;
};
