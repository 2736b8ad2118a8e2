#pragma once

// A test double of the control server's backend (RemoteBackend is written elsewhere): its jobs run in a
// DirectBackend over the scripted FakeTransport on a workspace of their own (the "server's" data), and the test
// sets its connection state as the remote backend will emit it (connected, reconnecting with the last error,
// unauthorized). While not connected, every call fails as a call to an unreachable server would.
#include "Backend.h"
#include "jobs/FakeTransport.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QCoreApplication>

class FakeServerBackend : public Backend {
public:
    static std::unique_ptr<FakeServerBackend> open(const QString& workspacePath, QString* error)
    {
        auto ws = Workspace::open(workspacePath, Workspace::OpenMode::CreateIfMissing);
        if (!ws) {
            *error = ws.errorString();
            return nullptr;
        }
        std::unique_ptr<FakeServerBackend> b(new FakeServerBackend(std::move(*ws)));
        DirectBackend::Options options;
        options.operatorName = QStringLiteral("server-operator");
        auto inner = DirectBackend::open(*b->m_workspace, &b->transport, options);
        if (!inner) {
            *error = inner.errorString();
            return nullptr;
        }
        b->m_inner = std::move(*inner);
        connect(b->m_inner.get(), &Backend::jobChanged, b.get(), &Backend::jobChanged);
        return b;
    }
    ~FakeServerBackend() override { m_inner.reset(); }

    FakeTransport transport;
    QString url = QStringLiteral("https://ops.example:8750");

    void setState(ConnectionState state, const QString& error = {})
    {
        m_state = state;
        m_error = error;
        emit connectionStateChanged(state, error);
    }

    QString displayName() const override { return QStringLiteral("Server ") + url; }
    ConnectionState connectionState() const override { return m_state; }
    QString connectionError() const override { return m_error; }

    Result<QString> submit(const JobSpec& spec) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->submit(spec);
    }
    Result<void> pause(const QString& id) override { return reachable() ? m_inner->pause(id) : reachable(); }
    Result<void> resume(const QString& id) override { return reachable() ? m_inner->resume(id) : reachable(); }
    Result<void> cancel(const QString& id) override { return reachable() ? m_inner->cancel(id) : reachable(); }
    Result<void> confirmNextBatch(const QString& id) override
    {
        return reachable() ? m_inner->confirmNextBatch(id) : reachable();
    }
    Result<void> retryFailed(const QString& id) override
    {
        return reachable() ? m_inner->retryFailed(id) : reachable();
    }
    Result<void> retryFailedAndNotStarted(const QString& id) override
    {
        return reachable() ? m_inner->retryFailedAndNotStarted(id) : reachable();
    }
    Result<void> rerunStep(const QString& id, int step) override
    {
        return reachable() ? m_inner->rerunStep(id, step) : reachable();
    }
    Result<JobSubscription*> subscribe(const QString& id, qint64 afterSeq = 0, QObject* parent = nullptr) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->subscribe(id, afterSeq, parent);
    }
    Result<QList<JobSummary>> jobs(const JobFilter& filter = {}) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->jobs(filter);
    }
    Result<JobSummary> job(const QString& id) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->job(id);
    }
    Result<QList<JobEvent>> events(const QString& id, qint64 afterSeq = 0, int limit = -1) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->events(id, afterSeq, limit);
    }
    Result<JobState> state(const QString& id) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->state(id);
    }
    Result<QList<JobEvent>> hostOutput(
        const QString& id, int step, const QString& host, qint64 offsetEvents, int limit) override
    {
        if (auto down = reachable(); !down) {
            return down.error();
        }
        return m_inner->hostOutput(id, step, host, offsetEvents, limit);
    }

private:
    explicit FakeServerBackend(std::unique_ptr<Workspace> workspace)
        : m_workspace(std::move(workspace))
    {
    }
    Result<void> reachable() const
    {
        if (m_state == ConnectionState::Connected) {
            return {};
        }
        return Error(QStringLiteral("the server cannot be reached: ") + m_error);
    }

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<DirectBackend> m_inner;
    ConnectionState m_state = ConnectionState::Connected;
    QString m_error;
};
