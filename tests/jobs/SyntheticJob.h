#pragma once

#include "jobs/JobEvent.h"
#include "jobs/JobSpec.h"

#include <QList>
#include <memory>

// A recorded job's event stream written by hand, event by event at chosen times: what the timeline tests check
// by content and the 10,000-host timeline benchmark streams into a job view. The events follow the engine's order
// (docs/jobs.md) so JobState takes them.
class SyntheticJob {
public:
    SyntheticJob(int hosts, qint64 startMs, const QString& name = QStringLiteral("rolling restart"))
        : m_startMs(startMs)
    {
        spec.id = QStringLiteral("job-%1").arg(startMs);
        spec.name = name;
        spec.createdBy = QStringLiteral("alice");
        for (int i = 0; i < hosts; ++i) {
            spec.targets << QStringLiteral("web-%1").arg(i, 5, 10, QLatin1Char('0'));
        }
        JobStep step;
        step.name = QStringLiteral("restart");
        step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("systemctl restart app"), {} };
        spec.steps << step;
    }

    JobEvent& add(JobEvent::Type type, qint64 atMs)
    {
        JobEvent e;
        e.type = type;
        e.seq = events.size() + 1;
        e.timeMs = m_startMs + atMs;
        e.jobId = spec.id;
        e.run = 1;
        events.append(e);
        return events.last();
    }
    void created() { add(JobEvent::Type::JobCreated, 0).spec = std::make_shared<const JobSpec>(spec); }
    void stepStarted(qint64 at, int batchCount)
    {
        JobEvent& e = add(JobEvent::Type::StepStarted, at);
        e.step = 0;
        e.hosts = spec.targets;
        e.batchCount = batchCount;
    }
    void batchStarted(qint64 at, int batch, const QStringList& hosts)
    {
        JobEvent& e = add(JobEvent::Type::BatchStarted, at);
        e.step = 0;
        e.batch = batch;
        e.hosts = hosts;
    }
    void hostStarted(qint64 at, int batch, const QString& host)
    {
        JobEvent& e = add(JobEvent::Type::HostStarted, at);
        e.step = 0;
        e.batch = batch;
        e.host = host;
        e.attempt = 1;
    }
    void hostFinished(qint64 at, int batch, const QString& host, HostStatus status, int exitCode, qint64 durationMs)
    {
        JobEvent& e = add(JobEvent::Type::HostFinished, at);
        e.step = 0;
        e.batch = batch;
        e.host = host;
        e.attempt = 1;
        e.hostStatus = status;
        e.exitCode = exitCode;
        e.durationMs = durationMs;
    }
    void batchFinished(qint64 at, int batch)
    {
        JobEvent& e = add(JobEvent::Type::BatchFinished, at);
        e.step = 0;
        e.batch = batch;
    }
    void waiting(qint64 at, int batch, bool manual)
    {
        JobEvent& e = add(JobEvent::Type::JobWaiting, at);
        e.step = 0;
        e.batch = batch;
        e.manual = manual;
        e.waitSeconds = manual ? 0 : 30;
    }
    void finished(qint64 at, JobStatus status)
    {
        JobEvent& s = add(JobEvent::Type::StepFinished, at);
        s.step = 0;
        s.stepStatus = status == JobStatus::Succeeded ? StepStatus::Succeeded : StepStatus::Failed;
        add(JobEvent::Type::JobFinished, at).jobStatus = status;
    }

    // Host i of batch b starts `i % 4` × 100 ms into its batch and runs (1 + i % 7) s; every failEvery-th host
    // fails with exit 3 (0: none) and every unreachableEvery-th is unreachable. A manual wait comes before every
    // batch after the first (confirmed after 5 s); a pause of 3 s in the first batch. With `finish` false the
    // job stops after `batchesRun` batches, its last batch's hosts still running.
    static SyntheticJob rolling(int hosts, int batchSize, int failEvery, int unreachableEvery, qint64 startMs,
        int batchesRun = -1, bool finish = true)
    {
        SyntheticJob job(hosts, startMs);
        job.created();
        const int batches = (hosts + batchSize - 1) / batchSize;
        job.stepStarted(10, batches);
        qint64 t = 20;
        for (int b = 0; b < batches && (batchesRun < 0 || b < batchesRun); ++b) {
            if (b > 0) {
                job.waiting(t, b, true);
                t += 5000;
                job.add(JobEvent::Type::JobConfirmed, t).by = QStringLiteral("alice");
                t += 10;
            }
            const QStringList batch = job.spec.targets.mid(b * batchSize, batchSize);
            job.batchStarted(t, b, batch);
            const qint64 batchStart = t;
            const bool last = !finish && b == batchesRun - 1;
            // Starts and finishes in time order, as the engine emits them.
            enum Kind { Start, Finish, Pause, Resume };
            struct Step {
                qint64 at;
                int index;
                Kind kind;
            };
            QList<Step> steps;
            if (b == 0) {
                steps.append({ batchStart + 500, -1, Pause });
                steps.append({ batchStart + 3500, -1, Resume });
            }
            for (int i = 0; i < batch.size(); ++i) {
                const int n = b * batchSize + i;
                const qint64 start = batchStart + 100 * (n % 4) + 1;
                steps.append({ start, i, Start });
                if (!last) {
                    steps.append({ start + 1000 * (1 + n % 7), i, Finish });
                }
            }
            std::stable_sort(steps.begin(), steps.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
            for (const Step& s : std::as_const(steps)) {
                const int n = b * batchSize + s.index;
                if (s.kind == Pause || s.kind == Resume) {
                    job.add(s.kind == Pause ? JobEvent::Type::JobPaused : JobEvent::Type::JobResumed, s.at).by
                        = QStringLiteral("alice");
                    continue;
                }
                if (s.kind == Start) {
                    job.hostStarted(s.at, b, batch.at(s.index));
                    continue;
                }
                HostStatus status = HostStatus::Success;
                int exit = 0;
                if (unreachableEvery > 0 && n % unreachableEvery == unreachableEvery - 1) {
                    status = HostStatus::Unreachable;
                    exit = -1;
                } else if (failEvery > 0 && n % failEvery == failEvery - 1) {
                    status = HostStatus::Failed;
                    exit = 3;
                }
                job.hostFinished(s.at, b, batch.at(s.index), status, exit, 1000 * (1 + n % 7));
            }
            if (last) {
                return job;
            }
            t = steps.isEmpty() ? t : steps.last().at + 5;
            job.batchFinished(t, b);
            t += 5;
        }
        if (finish) {
            job.finished(t, failEvery > 0 || unreachableEvery > 0 ? JobStatus::Failed : JobStatus::Succeeded);
        }
        return job;
    }

    JobSpec spec;
    QList<JobEvent> events;

private:
    qint64 m_startMs = 0;
};
