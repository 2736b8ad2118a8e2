#include "JobNotifications.h"

#include "Backend.h"

#include <QSettings>

namespace {
const QString kEnabledKey = QStringLiteral("notifications/enabled");
}

JobNotifications::JobNotifications(QObject* parent)
    : QObject(parent)
    , m_notifier(new DesktopNotifier(this))
    , m_inFront([] { return false; })
{
}

bool JobNotifications::enabled()
{
    return QSettings().value(kEnabledKey, true).toBool();
}

void JobNotifications::setEnabled(bool on)
{
    QSettings().setValue(kEnabledKey, on);
}

void JobNotifications::watch(Backend* backend, const QString& jobId, const QString& name)
{
    if (!backend || jobId.isEmpty()) {
        return;
    }
    m_jobs.insert(jobId, Watched { name, JobStatus::Running });
    if (!m_connected.contains(backend)) {
        m_connected.insert(backend);
        connect(backend, &Backend::jobChanged, this, [this, backend](const QString& id) { onJobChanged(backend, id); });
        connect(backend, &QObject::destroyed, this, [this, backend] { m_connected.remove(backend); });
    }
}

void JobNotifications::onJobChanged(Backend* backend, const QString& jobId)
{
    const auto it = m_jobs.find(jobId);
    if (it == m_jobs.end()) {
        return;
    }
    auto job = backend->job(jobId);
    if (!job || job->status == it->last) {
        return;
    }
    it->last = job->status;
    const QString name = it->name.isEmpty() ? job->name : it->name;
    switch (job->status) {
    case JobStatus::Succeeded:
        show(tr("Job succeeded: %1").arg(name), tr("Every host finished."), false);
        break;
    case JobStatus::Failed:
        show(tr("Job failed: %1").arg(name), tr("Open OpsDeck to see which hosts failed and why."), true);
        break;
    case JobStatus::Cancelled:
        show(tr("Job cancelled: %1").arg(name), QString(), false);
        break;
    case JobStatus::Interrupted:
        show(tr("Job interrupted: %1").arg(name), tr("Its outcome on the hosts that were running is unknown."), true);
        break;
    case JobStatus::WaitingForConfirmation:
        show(tr("Job waits for you: %1").arg(name), tr("The next batch starts when you confirm it."), true);
        return; // still watched
    case JobStatus::Running:
    case JobStatus::Paused:
    case JobStatus::Cancelling:
        return;
    }
    m_jobs.erase(it);
}

void JobNotifications::workflowNotice(const QString& workflow, const QString& kind, const QString& detail)
{
    if (kind == QLatin1String("approval")) {
        show(tr("Workflow waits for approval: %1").arg(workflow), tr("Step: %1").arg(detail), true);
    } else if (kind == QLatin1String("finished")) {
        if (detail == QLatin1String("succeeded")) {
            show(tr("Workflow succeeded: %1").arg(workflow), QString(), false);
        } else if (detail == QLatin1String("failed")) {
            show(tr("Workflow failed: %1").arg(workflow), tr("Open OpsDeck to see which step failed."), true);
        } else {
            show(tr("Workflow ended (%1): %2").arg(detail, workflow), QString(), true);
        }
    }
}

void JobNotifications::show(const QString& summary, const QString& body, bool urgent)
{
    if (!enabled() || m_inFront()) {
        return;
    }
    const DesktopNotifier::Channel channel = m_notifier->notify(summary, body, urgent);
    m_shown.append(Shown { summary, body, channel });
}
