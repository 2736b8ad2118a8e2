#include "remote/RemoteHttpClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkReply>
#include <QWaitCondition>
#include <memory>

namespace {

// The answers of one synchronous call, filled on the worker's thread. Shared: a caller that gave up waiting leaves
// it to the worker, which may still complete it.
struct Pending {
    QMutex mutex;
    QWaitCondition done;
    QList<RemoteHttpAnswer> answers;
    QList<bool> filled;
    int left = 0;
};

} // namespace

RemoteHttpClient::RemoteHttpClient(RemoteOptions options)
    : m_options(std::move(options))
    , m_worker(new RemoteHttpWorker(m_options))
{
    m_thread.setObjectName(QStringLiteral("opsdeck-remote-http"));
    m_worker->moveToThread(&m_thread);
    m_thread.start();
}

RemoteHttpClient::~RemoteHttpClient()
{
    // The worker (and its replies) go on their own thread; then the thread ends. No callback runs after this.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

QList<RemoteHttpAnswer> RemoteHttpClient::callAll(const QList<RemoteHttpRequest>& requests)
{
    auto pending = std::make_shared<Pending>();
    pending->answers.resize(requests.size());
    pending->filled.fill(false, requests.size());
    pending->left = int(requests.size());
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, requests, pending] {
            for (qsizetype i = 0; i < requests.size(); ++i) {
                worker->send(requests.at(i), [pending, i](const RemoteHttpAnswer& a) {
                    QMutexLocker lock(&pending->mutex);
                    pending->answers[i] = a;
                    pending->filled[i] = true;
                    --pending->left;
                    pending->done.wakeAll();
                });
            }
        },
        Qt::QueuedConnection);
    // The worker times each request out itself; the margin only guards against a worker that never answers.
    QDeadlineTimer deadline(qint64(m_options.timeoutMs) + 5'000);
    QMutexLocker lock(&pending->mutex);
    while (pending->left > 0) {
        if (!pending->done.wait(&pending->mutex, deadline)) {
            break;
        }
    }
    QList<RemoteHttpAnswer> out = pending->answers;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (!pending->filled.at(i)) {
            out[i].timedOut = true;
        }
    }
    return out;
}

RemoteHttpAnswer RemoteHttpClient::call(const RemoteHttpRequest& request)
{
    return callAll({ request }).first();
}

void RemoteHttpClient::callAsync(
    const RemoteHttpRequest& request, QObject* context, std::function<void(const RemoteHttpAnswer&)> done)
{
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, request, guard, done = std::move(done)] {
            worker->send(request, [guard, done](const RemoteHttpAnswer& a) {
                // The context outlives the worker (the client is destroyed first), so posting to it is safe.
                if (QObject* c = guard.data()) {
                    QMetaObject::invokeMethod(
                        c, [done, a] { done(a); }, Qt::QueuedConnection);
                }
            });
        },
        Qt::QueuedConnection);
}

QString RemoteHttpClient::serverText() const
{
    return m_options.server.toDisplayString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

QString RemoteHttpClient::failureMessage(const RemoteHttpAnswer& a) const
{
    const QString server = serverText();
    if (a.tooLarge) {
        return QStringLiteral("the server at %1 sent an answer larger than 256 MiB; it was refused").arg(server);
    }
    if (a.timedOut) {
        return QStringLiteral("the server at %1 did not answer within %2 s: it may be overloaded or the network "
                              "is down; try again, or check the server's log")
            .arg(server)
            .arg(m_options.timeoutMs / 1000.0, 0, 'g', 3);
    }
    if (a.tlsFailed) {
        return QStringLiteral("the TLS connection to %1 failed (%2): the server's certificate is not trusted by "
                              "this system; install its CA or use the server's pinned certificate")
            .arg(server, a.networkErrorText);
    }
    if (a.status == 0) {
        return QStringLiteral("cannot reach the server at %1 (%2): check that opsdeck-server is running there and "
                              "that the URL and port are right")
            .arg(server, a.networkErrorText);
    }
    const QJsonObject error = QJsonDocument::fromJson(a.body).object().value(QStringLiteral("error")).toObject();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (a.status == 401) {
        return QStringLiteral("the server at %1 refused the token (unknown, revoked or expired): ask its "
                              "administrator for a new one (opsdeck-server token create) and connect with it")
            .arg(server);
    }
    if (a.status == 403) {
        return QStringLiteral("the server at %1 refused this: %2 — ask its administrator for a token with that "
                              "role")
            .arg(server, message.isEmpty() ? QStringLiteral("the token's role is too weak") : message);
    }
    if (!message.isEmpty()) {
        // The API's own words; the field they are about, when they do not name it already.
        const QString field = error.value(QStringLiteral("field")).toString();
        return field.isEmpty() || message.contains(field) ? message
                                                          : QStringLiteral("%1 (field %2)").arg(message, field);
    }
    return QStringLiteral("the server at %1 answered HTTP %2 with something that is not the API's JSON: is this "
                          "the URL of an opsdeck-server?")
        .arg(server)
        .arg(a.status);
}

Result<QJsonObject> RemoteHttpClient::json(const RemoteHttpAnswer& a) const
{
    if (a.status < 200 || a.status >= 300 || a.timedOut || a.tooLarge) {
        return Error(failureMessage(a));
    }
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(a.body, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject()) {
        return Error(QStringLiteral("the server at %1 answered HTTP %2 with something that is not the API's JSON: "
                                    "is this the URL of an opsdeck-server?")
                         .arg(serverText())
                         .arg(a.status));
    }
    return doc.object();
}

Result<QJsonObject> RemoteHttpClient::get(const QString& path)
{
    RemoteHttpRequest r;
    r.path = path;
    return json(call(r));
}

Result<QJsonObject> RemoteHttpClient::post(const QString& path, const QJsonObject& body)
{
    RemoteHttpRequest r;
    r.method = "POST";
    r.path = path;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.hasBody = true;
    return json(call(r));
}
