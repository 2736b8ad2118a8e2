#pragma once

#include "remote/RemoteOptions.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

class QNetworkAccessManager;

// One HTTP request of the API: method, path under the server's URL (already percent-encoded, query included) and
// an optional JSON body.
struct RemoteHttpRequest {
    QByteArray method = "GET";
    QString path; // "/api/v1/jobs?limit=10"
    QByteArray body;
    bool hasBody = false;
};

// What came back: the HTTP status and body, or (status 0) the network error.
struct RemoteHttpAnswer {
    int status = 0;
    QByteArray body;
    int networkError = 0; // QNetworkReply::NetworkError
    QString networkErrorText;
    bool timedOut = false; // no complete answer within RemoteOptions::timeoutMs
    bool tooLarge = false;
    bool tlsFailed = false;
};

// The HTTP side of RemoteHttpClient, living on the client's own thread with its QNetworkAccessManager: it sends
// requests with the bearer token, a transfer timeout, no redirects (a redirect could carry the token elsewhere)
// and the TLS configuration and pinning hook of the options, and hands each answer to a callback on its thread.
class RemoteHttpWorker : public QObject {
    Q_OBJECT
public:
    explicit RemoteHttpWorker(RemoteOptions options);

    // Call on the worker's thread. `done` runs there once, when the answer is complete or failed.
    void send(const RemoteHttpRequest& request, std::function<void(const RemoteHttpAnswer&)> done);

private:
    RemoteOptions m_options;
    QString m_base; // the server's URL without a trailing slash, encoded
    QNetworkAccessManager* m_nam = nullptr;
};
