#pragma once

#include "core/Result.h"
#include "remote/RemoteHttpWorker.h"
#include "remote/RemoteOptions.h"

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QThread>
#include <functional>

// The HTTP client of RemoteBackend. Its QNetworkAccessManager lives on a thread of its own (RemoteHttpWorker), so
// that a Backend call can be answered synchronously — the caller's thread sends the request there and waits on a
// condition variable with a deadline — without running a nested event loop in the caller's thread (docs/
// architecture.md says why). The background work of the event stream uses callAsync instead.
//
// Messages never contain the token. Destroy the client before the objects its async callbacks run on.
class RemoteHttpClient {
public:
    explicit RemoteHttpClient(RemoteOptions options);
    ~RemoteHttpClient();
    RemoteHttpClient(const RemoteHttpClient&) = delete;
    RemoteHttpClient& operator=(const RemoteHttpClient&) = delete;

    // Blocks the calling thread until the answer came or the timeout passed (an answer with timedOut then).
    RemoteHttpAnswer call(const RemoteHttpRequest& request);
    // Several requests at once (the server is asked in parallel); the answers in the requests' order.
    QList<RemoteHttpAnswer> callAll(const QList<RemoteHttpRequest>& requests);
    // Returns at once; `done` runs on `context`'s thread (dropped if `context` is gone by then).
    void callAsync(
        const RemoteHttpRequest& request, QObject* context, std::function<void(const RemoteHttpAnswer&)> done);

    // The JSON object of a 2xx answer, or an error: the server's own message for an API error (it names the bad
    // field), or what to do next when the server cannot be reached, is too slow, or refuses the token or role.
    Result<QJsonObject> json(const RemoteHttpAnswer& answer) const;
    // The message of a failed answer (as json() gives it).
    QString failureMessage(const RemoteHttpAnswer& answer) const;
    // The server's URL as messages name it (no user info).
    QString serverText() const;
    const RemoteOptions& options() const { return m_options; }

    // Convenience: call() then json().
    Result<QJsonObject> get(const QString& path);
    Result<QJsonObject> post(const QString& path, const QJsonObject& body = {});

private:
    RemoteOptions m_options;
    QThread m_thread;
    RemoteHttpWorker* m_worker = nullptr; // lives on m_thread
};
