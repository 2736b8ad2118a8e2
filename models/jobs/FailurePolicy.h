#pragma once

#include "core/Result.h"

#include <QString>

// When a job stops starting new hosts because hosts failed. Checked after every host that finishes; a stop lets
// the hosts in flight finish, leaves the rest of the step Not started and runs no further step.
// Text forms (the CLI's --fail-at): "first", "N" (stop when N hosts failed), "x%" or "x% job" (x% of the hosts
// of the job's run), "x% batch" (x% of the current batch), "continue".
class FailurePolicy {
public:
    enum class Kind { StopOnFirst, MaxFailed, PercentOfBatch, PercentOfJob, Continue };

    FailurePolicy() = default; // continue
    static FailurePolicy stopOnFirst() { return FailurePolicy(Kind::StopOnFirst, 1); }
    static FailurePolicy maxFailed(int count) { return FailurePolicy(Kind::MaxFailed, count); }
    static FailurePolicy percentOfBatch(int percent) { return FailurePolicy(Kind::PercentOfBatch, percent); }
    static FailurePolicy percentOfJob(int percent) { return FailurePolicy(Kind::PercentOfJob, percent); }
    static FailurePolicy continueAlways() { return {}; }
    // Errors point at the column of the bad part (file "fail-at", line 1).
    static Result<FailurePolicy> parse(const QString& text);

    Kind kind() const { return m_kind; }
    int threshold() const { return m_threshold; }

    // failedInBatch/batchSize: the current batch; failedInJob/jobSize: distinct hosts of the current run.
    bool shouldStop(int failedInBatch, int batchSize, int failedInJob, int jobSize) const;
    // Why the job stopped, for job.stopping and the job view: English, as events store it (JobText::display).
    QString stopReason(int failedInBatch, int batchSize, int failedInJob, int jobSize) const;

    QString toString() const; // canonical text; parse(toString()) gives an equal policy
    QString describe() const;

    bool operator==(const FailurePolicy&) const = default;

private:
    FailurePolicy(Kind kind, int threshold)
        : m_kind(kind)
        , m_threshold(threshold)
    {
    }
    Kind m_kind = Kind::Continue;
    int m_threshold = 0;
};
