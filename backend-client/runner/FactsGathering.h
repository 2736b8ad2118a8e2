#pragma once

#include "Backend.h"
#include "core/Result.h"
#include "jobs/JobSpec.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class FactStore;

// A facts gathering (docs/facts.md): one job, submitted through the Backend like any other (so JobLauncher and the
// SSH transport run it), whose one step runs the gather script on every target — one SSH exchange per host: the
// script on standard input, its sectioned output back. Each host's output is parsed (FactsParser) and stored
// (FactStore) the moment the host finishes; hostDone() says how it went, finished() when the job has ended.
class FactsGathering : public QObject {
    Q_OBJECT
public:
    struct HostResult {
        QString host;
        bool ok = false;
        QString message; // a summary of the facts ("Debian 12.5, 4 vCPUs, 7950 MB"), or why there are none
    };

    FactsGathering(Backend& backend, FactStore& store, QObject* parent = nullptr);

    // The gathering job for `hosts`: the gather script by /bin/sh, all hosts at once, 20 in flight, 120 s each.
    static JobSpec jobSpec(const QStringList& hosts, const QString& createdBy);

    // Submits `spec` (a jobSpec(), maybe with other batches, concurrency or timeout) and follows its events.
    Result<QString> start(const JobSpec& spec);
    // Or follows a gathering job someone else submitted and watches (a workflow's gather-facts node): the owner
    // feeds it the job's events with handle(), in order; hosts are parsed and stored as with start().
    void follow(const QString& jobId, const QStringList& targets);
    void handle(const JobEvent& event) { onEvent(event); }
    QString jobId() const { return m_jobId; }
    bool isFinished() const { return m_finished; }
    // Every target's result once finished (in the spec's order); a host the job never reached is not ok.
    QList<HostResult> results() const;
    int failedCount() const;
    JobStatus jobStatus() const { return m_jobStatus; }
    QString jobMessage() const { return m_jobMessage; }

signals:
    void hostDone(const FactsGathering::HostResult& result);
    void finished();
    // The job's events could not be followed (the store, the connection); the job itself may go on.
    void failed(const QString& message);

private:
    void onEvent(const JobEvent& e);
    HostResult store(const QString& host, const QByteArray& output);

    Backend& m_backend;
    FactStore& m_store;
    QString m_jobId;
    QStringList m_targets;
    QHash<QString, QByteArray> m_stdout;
    QHash<QString, QByteArray> m_stderr; // the end of it, for the reason of a failure
    QHash<QString, bool> m_tooLong;
    QHash<QString, HostResult> m_results;
    bool m_finished = false;
    JobStatus m_jobStatus = JobStatus::Running;
    QString m_jobMessage;
};
