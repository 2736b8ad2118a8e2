#include "FailurePolicy.h"

#include "jobs/JobText.h"

#include <QCoreApplication>
#include <QRegularExpression>

Result<FailurePolicy> FailurePolicy::parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    int start = 1;
    while (start <= text.size() && text[start - 1].isSpace()) {
        ++start;
    }
    if (t == QLatin1String("first")) {
        return stopOnFirst();
    }
    if (t.isEmpty() || t == QLatin1String("continue") || t == QLatin1String("never") || t == QLatin1String("none")) {
        return continueAlways();
    }
    static const QRegularExpression re(QStringLiteral("^([0-9]+)(?:\\s*(%)(?:\\s*(?:of|per)?\\s*(job|batch))?)?$"));
    const auto m = re.match(t);
    if (!m.hasMatch()) {
        return Error(QCoreApplication::translate("FailurePolicy",
                         "'%1' is not a failure policy: write \"first\", a number of failed hosts (2), a percentage "
                         "of the job (10%) or of the batch (10% batch), or \"continue\"")
                         .arg(text.trimmed()),
            { QStringLiteral("fail-at"), 1, start });
    }
    bool ok = false;
    const qlonglong v = m.captured(1).toLongLong(&ok);
    const bool percent = !m.captured(2).isEmpty();
    if (!ok || v < 1 || (percent && v > 100) || v > 10'000'000) {
        return Error(percent
                ? QCoreApplication::translate("FailurePolicy", "'%1': the percentage must be between 1% and 100%")
                      .arg(text.trimmed())
                : QCoreApplication::translate(
                    "FailurePolicy", "'%1': the number of failed hosts must be 1 or more (or write \"continue\")")
                      .arg(text.trimmed()),
            { QStringLiteral("fail-at"), 1, start });
    }
    if (!percent) {
        return maxFailed(int(v));
    }
    return m.captured(3) == QLatin1String("batch") ? percentOfBatch(int(v)) : percentOfJob(int(v));
}

bool FailurePolicy::shouldStop(int failedInBatch, int batchSize, int failedInJob, int jobSize) const
{
    switch (m_kind) {
    case Kind::StopOnFirst:
        return failedInJob >= 1;
    case Kind::MaxFailed:
        return failedInJob >= m_threshold;
    case Kind::PercentOfBatch:
        return failedInBatch > 0 && qint64(failedInBatch) * 100 >= qint64(m_threshold) * batchSize;
    case Kind::PercentOfJob:
        return failedInJob > 0 && qint64(failedInJob) * 100 >= qint64(m_threshold) * jobSize;
    case Kind::Continue:
        return false;
    }
    return false;
}

QString FailurePolicy::stopReason(int failedInBatch, int batchSize, int failedInJob, int jobSize) const
{
    // Stored in the job.stopping event: English, the same in every language; JobText::display translates it.
    // A limit of one host reads better as "the first failure".
    const Kind kind = m_kind == Kind::MaxFailed && m_threshold == 1 ? Kind::StopOnFirst : m_kind;
    switch (kind) {
    case Kind::StopOnFirst:
        return QStringLiteral("stopped at the first failed host");
    case Kind::MaxFailed:
        return JobText::make(
            "stopped: %n host(s) failed (the limit is %1)", failedInJob, { QString::number(m_threshold) });
    case Kind::PercentOfBatch:
        return JobText::make("stopped: %1 of the %n host(s) of the batch failed (the limit is %2%)", batchSize,
            { QString::number(failedInBatch), QString::number(m_threshold) });
    case Kind::PercentOfJob:
        return JobText::make("stopped: %1 of the %n host(s) of the job failed (the limit is %2%)", jobSize,
            { QString::number(failedInJob), QString::number(m_threshold) });
    case Kind::Continue:
        break;
    }
    return {};
}

QString FailurePolicy::toString() const
{
    switch (m_kind) {
    case Kind::StopOnFirst:
        return QStringLiteral("first");
    case Kind::MaxFailed:
        return QString::number(m_threshold);
    case Kind::PercentOfBatch:
        return QString::number(m_threshold) + QStringLiteral("% batch");
    case Kind::PercentOfJob:
        return QString::number(m_threshold) + QStringLiteral("%");
    case Kind::Continue:
        return QStringLiteral("continue");
    }
    return {};
}

QString FailurePolicy::describe() const
{
    const Kind kind = m_kind == Kind::MaxFailed && m_threshold == 1 ? Kind::StopOnFirst : m_kind;
    switch (kind) {
    case Kind::StopOnFirst:
        return QCoreApplication::translate("FailurePolicy", "stop at the first failure");
    case Kind::MaxFailed:
        return JobText::count(
            "FailurePolicy", QT_TRANSLATE_N_NOOP("FailurePolicy", "stop when %n host(s) have failed"), m_threshold);
    case Kind::PercentOfBatch:
        return QCoreApplication::translate("FailurePolicy", "stop when %1% of a batch has failed").arg(m_threshold);
    case Kind::PercentOfJob:
        return QCoreApplication::translate("FailurePolicy", "stop when %1% of the hosts have failed").arg(m_threshold);
    case Kind::Continue:
        return QCoreApplication::translate("FailurePolicy", "continue whatever fails");
    }
    return {};
}
