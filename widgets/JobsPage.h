#pragma once

#include "Backend.h"
#include "JobStore.h"
#include "JobView.h"

#include <QPointer>
#include <QWidget>

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
// to the backend, and their effect arrives as events.
class JobsPage : public QWidget {
    Q_OBJECT
public:
    explicit JobsPage(Backend* backend, QWidget* parent = nullptr);
    ~JobsPage() override;

    void setBackend(Backend* backend);
    Backend* backend() const { return m_backend; }
    // Re-reads the history with the current search.
    void refresh();
    // Shows a job (and follows it live).
    void showJob(const QString& jobId);
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
    void showError(const QString& text);

    QPointer<Backend> m_backend;
    QString m_jobId;
    QPointer<JobSubscription> m_subscription;
    QList<JobSummary> m_summaries;

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
