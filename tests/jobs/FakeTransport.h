#pragma once

#include "jobs/Transport.h"

#include <QHash>
#include <QTimer>
#include <functional>

// A Transport whose hosts follow a script: after a delay they print lines and exit with a code, or report an
// error (unreachable, auth failed ...), or never finish (timeouts, cancel). It counts how many tasks run at once
// so tests can check the concurrency limit.
struct FakeBehaviour {
    int delayMs = 0;
    int exitCode = 0;
    HostStatus error = HostStatus::Success; // anything else is reported instead of an exit code
    QList<QByteArray> stdoutLines;
    QList<QByteArray> stderrLines; // printed after the stdout lines, alternating with them when interleave is set
    bool interleave = false;
    int repeatLine = 0; // prints `line` this many times on stdout (the output stress test)
    QByteArray line;
    bool never = false; // runs until cancelled
    bool ignoreCancel = false; // cancel() never confirms (the engine's grace period must step in)
};

class FakeTransport : public Transport {
public:
    using Transport::Transport;

    FakeBehaviour defaultBehaviour;
    QHash<QString, FakeBehaviour> perHost;
    std::function<FakeBehaviour(const HostTask&)> script; // wins over perHost and defaultBehaviour

    int running = 0;
    int maxRunning = 0;
    QList<HostTask> started;
    QList<HostTask> cancelled;

    void start(const HostTask& task, const HostWork& work) override
    {
        Q_UNUSED(work);
        ++running;
        maxRunning = std::max(maxRunning, running);
        started.append(task);
        const FakeBehaviour b = script ? script(task) : perHost.value(task.host, defaultBehaviour);
        const QString key = keyOf(task);
        const quint64 token = ++m_nextToken;
        m_active.insert(key, { token, b });
        if (b.never) {
            return;
        }
        QTimer::singleShot(b.delayMs, this, [this, task, key, token] {
            const auto it = m_active.constFind(key);
            if (it == m_active.cend() || it->token != token) {
                return; // cancelled meanwhile
            }
            const FakeBehaviour b = it->behaviour;
            const qsizetype n = std::max(b.stdoutLines.size(), b.stderrLines.size());
            if (b.interleave) {
                for (qsizetype i = 0; i < n; ++i) {
                    if (i < b.stdoutLines.size()) {
                        emit output(task, OutputStream::Stdout, b.stdoutLines[i]);
                    }
                    if (i < b.stderrLines.size()) {
                        emit output(task, OutputStream::Stderr, b.stderrLines[i]);
                    }
                }
            } else {
                for (const QByteArray& l : b.stdoutLines) {
                    emit output(task, OutputStream::Stdout, l);
                }
                for (const QByteArray& l : b.stderrLines) {
                    emit output(task, OutputStream::Stderr, l);
                }
            }
            for (int i = 0; i < b.repeatLine; ++i) {
                emit output(task, OutputStream::Stdout, b.line);
            }
            m_active.remove(key);
            --running;
            emit finished(task,
                b.error == HostStatus::Success ? HostResult::exited(b.exitCode)
                                               : HostResult::error(b.error, QStringLiteral("scripted failure")));
        });
    }

    void cancel(const HostTask& task) override
    {
        const QString key = keyOf(task);
        const auto it = m_active.constFind(key);
        if (it == m_active.cend()) {
            return;
        }
        cancelled.append(task);
        const bool ignore = it->behaviour.ignoreCancel;
        m_active.remove(key);
        --running;
        if (ignore) {
            return;
        }
        // Like a real backend: the kill takes a moment, and the process exits with a signal status.
        QTimer::singleShot(1, this,
            [this, task] { emit finished(task, HostResult::error(HostStatus::Cancelled, QStringLiteral("killed"))); });
    }

private:
    static QString keyOf(const HostTask& task)
    {
        return task.jobId + QLatin1Char('/') + QString::number(task.step) + QLatin1Char('/') + task.host
            + QLatin1Char('/') + QString::number(task.attempt);
    }
    struct Active {
        quint64 token = 0;
        FakeBehaviour behaviour;
    };
    QHash<QString, Active> m_active;
    quint64 m_nextToken = 0;
};
