#include "jobs/JobDisplay.h"

#include "Theme.h"

QColor JobDisplay::statusColor(HostStatus status)
{
    switch (status) {
    case HostStatus::Success:
        return Theme::color(QStringLiteral("job.success"));
    case HostStatus::Running:
        return Theme::color(QStringLiteral("job.running"));
    case HostStatus::Pending:
    case HostStatus::NotStarted:
        return Theme::color(QStringLiteral("job.pending"));
    case HostStatus::Skipped:
    case HostStatus::Cancelled:
        return Theme::color(QStringLiteral("job.skipped"));
    default:
        return Theme::color(QStringLiteral("job.failed"));
    }
}

QString JobDisplay::durationText(qint64 ms)
{
    if (ms <= 0) {
        return {};
    }
    if (ms < 10000) {
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 2);
    }
    if (ms < 600000) {
        return QStringLiteral("%1 s").arg(ms / 1000.0, 0, 'f', 1);
    }
    return QStringLiteral("%1 min").arg(ms / 60000.0, 0, 'f', 1);
}
