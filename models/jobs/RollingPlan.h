#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

// How the hosts of a step are split into batches that run one after the other (rolling execution), parsed from
// what operators write (docs/jobs.md):
//   1 10% 50% 100%    batch sizes; the last one repeats until every host had its turn (commas allowed)
//   5 +10             5, then grow by 10 each batch: 5, 15, 25, ...   (+10% grows by 10% of the hosts)
//   5 *2              5, then double each batch: 5, 10, 20, ...
//   20 | 30%          fixed batches
//   (empty)           every host in one batch
// Percentages are of the step's host count, rounded up, at least one host.
class RollingPlan {
public:
    struct Size {
        int value = 0;
        bool percent = false;
        bool operator==(const Size&) const = default;
    };
    enum class Growth { Repeat, Add, Multiply };

    RollingPlan() = default; // everything in one batch
    // Errors name the column of the offending token (file "plan", line 1) and say what is accepted.
    static Result<RollingPlan> parse(const QString& text);

    bool isAllAtOnce() const { return m_sizes.isEmpty(); }
    QList<int> batchSizes(int hostCount) const;
    // Host indices 0..hostCount-1, in order, cut into batches.
    QList<QList<int>> batches(int hostCount) const;
    // The same cut applied to a list of hosts: the exact batches of a step.
    QList<QStringList> split(const QStringList& hosts) const;

    // Canonical text: parse(toString()) gives an equal plan.
    QString toString() const;
    // For people, e.g. "1 host, then 10%, then 50%, then 100% of the hosts per batch".
    QString describe() const;
    // With a host count: "4 batches: 1, 10, 50, 39".
    QString describe(int hostCount) const;

    const QList<Size>& sizes() const { return m_sizes; }
    Growth growth() const { return m_growth; }
    Size increment() const { return m_increment; }
    double factor() const { return m_factor; }

    bool operator==(const RollingPlan&) const = default;

private:
    QList<Size> m_sizes;
    Growth m_growth = Growth::Repeat;
    Size m_increment; // Add
    double m_factor = 1; // Multiply
};

// What happens between two batches of a step: go on at once, wait some seconds, or wait for an operator to
// confirm (manual). Text forms: "" / "none", "30" / "30s" / "2m", "manual".
struct BatchPause {
    enum class Kind { None, Seconds, Manual };
    Kind kind = Kind::None;
    int seconds = 0;

    static BatchPause none() { return {}; }
    static BatchPause after(int seconds) { return { Kind::Seconds, seconds }; }
    static BatchPause manual() { return { Kind::Manual, 0 }; }
    static Result<BatchPause> parse(const QString& text);
    QString toString() const;
    QString describe() const;
    bool operator==(const BatchPause&) const = default;
};
