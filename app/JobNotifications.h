#pragma once

#include "DesktopNotifier.h"
#include "jobs/JobStatus.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <functional>

class Backend;

// Tells the operator, with a desktop notification, when a job or workflow run they started in this window ends,
// fails, or waits for a person (a batch to confirm, an approval) while the window is not in front. Off with the
// setting `notifications/enabled` (View › Desktop Notifications).
class JobNotifications : public QObject {
    Q_OBJECT
public:
    explicit JobNotifications(QObject* parent = nullptr);

    // A job this window submitted on `backend`: told about until it ends.
    void watch(Backend* backend, const QString& jobId, const QString& name);
    // A workflow run shown by the Workflows page: `kind` "approval" (a node waits, `detail` its title) or
    // "finished" (`detail` the outcome).
    void workflowNotice(const QString& workflow, const QString& kind, const QString& detail);

    static bool enabled();
    static void setEnabled(bool on);
    // Whether the window is in front (then nothing is shown: the operator sees it). Tests replace it.
    void setInFront(std::function<bool()> inFront) { m_inFront = std::move(inFront); }
    DesktopNotifier* notifier() const { return m_notifier; }

    struct Shown {
        QString summary;
        QString body;
        DesktopNotifier::Channel channel = DesktopNotifier::Channel::None;
    };
    // What was shown last (for the tests and the status bar).
    const QList<Shown>& shown() const { return m_shown; }

private:
    void onJobChanged(Backend* backend, const QString& jobId);
    void show(const QString& summary, const QString& body, bool urgent);

    DesktopNotifier* m_notifier;
    std::function<bool()> m_inFront;
    struct Watched {
        QString name;
        JobStatus last = JobStatus::Running;
    };
    QHash<QString, Watched> m_jobs;
    QSet<Backend*> m_connected;
    QList<Shown> m_shown;
};
