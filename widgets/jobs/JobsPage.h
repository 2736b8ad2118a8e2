#pragma once

#include "Backend.h"
#include "jobs/JobStore.h"
#include "jobs/JobView.h"
#include "scripts/DangerRules.h"

#include <QPointer>
#include <QWidget>
#include <functional>

class JobSubscription;
class MessageBar;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableWidget;

// The Jobs page: the job history (search by name or script, status, host, operator, time) beside the job view of the
// selected job, live while it runs. Everything shown comes from the backend's event stream; interventions go back
// to the backend, and their effect arrives as events. The job shown is always the one highlighted in the (filtered)
// history. Cancel, Retry and Re-run ask first when they touch more than one host, and Retry/Re-run of a script
// with blocking danger findings asks for the acknowledgement again (through Dialogs, answerable by tests).
class JobsPage : public QWidget {
    Q_OBJECT
public:
    explicit JobsPage(Backend* backend, QWidget* parent = nullptr);
    ~JobsPage() override;

    void setBackend(Backend* backend);
    Backend* backend() const { return m_backend; }
    // Re-reads the history with the current search.
    void refresh();
    // Shows a job (and follows it live). A job the filters hide clears the filters, so that it is in the list.
    void showJob(const QString& jobId);
    // The danger rules a re-run is checked against (the workspace's effective rules); the defaults without one.
    void setDangerRulesProvider(std::function<QList<DangerRule>()> provider);
    // The hosts an intervention would touch in the job shown (what its confirmation counts).
    int hostsTouchedBy(JobView::Intervention intervention, int step) const;
    QString shownJob() const { return m_jobId; }

    JobView* view() const { return m_view; }
    QTableWidget* historyTable() const { return m_history; }
    QLineEdit* searchField() const { return m_search; }
    QLineEdit* hostField() const { return m_host; }
    QComboBox* statusFilter() const { return m_status; }
    QLineEdit* operatorField() const { return m_operator; }
    // Any time, the last hour, 24 hours, 7 days, 30 days, or a range of days (the date fields).
    QComboBox* periodFilter() const { return m_period; }
    QDateEdit* fromDateField() const { return m_from; }
    QDateEdit* toDateField() const { return m_to; }
    MessageBar* messageBar() const { return m_messageBar; }

signals:
    void statusMessage(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void intervene(JobView::Intervention intervention, int step);
    bool confirmIntervention(JobView::Intervention intervention, int step);
    void showError(const QString& text);
    void showNoJob();
    bool isListed(const QString& jobId) const;

    QPointer<Backend> m_backend;
    QString m_jobId;
    QPointer<JobSubscription> m_subscription;
    QList<JobSummary> m_summaries;
    std::function<QList<DangerRule>()> m_dangerRules;

    MessageBar* m_messageBar = nullptr;
    QSplitter* m_splitter = nullptr;
    QLineEdit* m_search = nullptr;
    QLineEdit* m_host = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_operator = nullptr;
    QComboBox* m_period = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QTableWidget* m_history = nullptr;
    QLabel* m_empty = nullptr;
    JobView* m_view = nullptr;
};
