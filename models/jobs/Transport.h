#pragma once

#include "jobs/JobSpec.h"
#include "jobs/JobStatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QObject>
#include <QString>

// Which work a report belongs to. The engine ignores reports for tasks it no longer waits for (an earlier attempt,
// another job sharing the transport), so a transport never has to be careful about late reports.
struct HostTask {
    QString jobId;
    int step = -1;
    QString host;
    int attempt = 0; // 1 for the first run of the host in the step, then one more per retry or re-run
    bool operator==(const HostTask&) const = default;
};

// What to do for one task: the step, resolved for the host's job (account, parameters, timeout).
struct HostWork {
    JobStep step;
    QString account; // run as (sudo -n -u); empty = the login user
    QJsonObject parameters;
    int timeoutSeconds = 0; // for information: the engine enforces it through cancel()
    qint64 bandwidthLimit = 0; // the job's (JobSpec::bandwidthLimit): shared by all its pushes; 0 = none
};

// The outcome a transport reports. Success and Failed come with the exit code (exited(code) picks the status);
// the others (Unreachable, AuthFailed, HostKeyRejected, Cancelled, Failed for a lost connection) with a message
// that says what happened.
struct HostResult {
    HostStatus status = HostStatus::Failed;
    int exitCode = -1;
    QString message;

    static HostResult exited(int code, QString message = {})
    {
        return { code == 0 ? HostStatus::Success : HostStatus::Failed, code, std::move(message) };
    }
    static HostResult error(HostStatus status, QString message) { return { status, -1, std::move(message) }; }
};

// Where a task is, as far as the transport knows (Transport::phaseChanged()): named in a timeout's message.
// WaitingForOperator (an unknown host key being asked about) and Queued (waiting for a handshake slot: the
// transport's admission control, docs/ssh.md) stop the host's clock and timeout.
enum class TaskPhase { Starting, Connecting, LoggingIn, WaitingForOperator, Running, Transferring, Queued };

// How the engine reaches hosts: the direct-SSH backend implements it over libssh, tests with a scripted fake.
// Asynchronous: start() returns at once; the transport then emits output() any number of times and finished()
// exactly once per started task (also after cancel()). Signals may be emitted from any thread (they are queued to
// the engine's thread then) and even from inside start() or cancel().
class Transport : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start(const HostTask& task, const HostWork& work) = 0;
    // Stops the task: the remote process must be killed (not merely the channel closed). Then finished() follows,
    // with status Cancelled or whatever happened first. Unknown or finished tasks are ignored.
    virtual void cancel(const HostTask& task) = 0;

signals:
    void output(const HostTask& task, OutputStream stream, const QByteArray& chunk);
    void finished(const HostTask& task, const HostResult& result);
    // Optional: the task moved on to `phase`. Before the first report a task is Starting.
    void phaseChanged(const HostTask& task, TaskPhase phase);
    // Optional: a transient refusal (a reset during key exchange, a busy jump host) is retried; `message` says
    // what happened and when the next try is. The engine records it in the job's events.
    void retrying(const HostTask& task, const QString& message);
};

Q_DECLARE_METATYPE(HostTask)
Q_DECLARE_METATYPE(HostResult)
Q_DECLARE_METATYPE(TaskPhase)
