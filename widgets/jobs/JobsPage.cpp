#include "JobsPage.h"

#include "Backend.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "scripts/DangerGate.h"
#include "scripts/ScriptLanguage.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {

// The language of a job's script from its interpreter ("/bin/bash", "python3" …), for the danger check.
ScriptLanguage languageOf(const QString& interpreter)
{
    const QString name = QFileInfo(interpreter.section(QLatin1Char(' '), 0, 0)).fileName();
    if (name.startsWith(QLatin1String("python"))) {
        return ScriptLanguage::Python;
    }
    if (name.startsWith(QLatin1String("perl"))) {
        return ScriptLanguage::Perl;
    }
    return name == QLatin1String("sh") || name == QLatin1String("dash") ? ScriptLanguage::Sh : ScriptLanguage::Bash;
}

} // namespace

JobsPage::JobsPage(Backend* backend, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_messageBar = new MessageBar(this);
    m_messageBar->hide();
    connect(m_messageBar, &MessageBar::closed, m_messageBar, &QWidget::hide);
    layout->addWidget(m_messageBar);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("jobsSplitter"));
    m_splitter->setChildrenCollapsible(false);
    auto* left = new QWidget(m_splitter);
    auto* ll = new QVBoxLayout(left);
    ll->setContentsMargins(8, 8, 4, 8);
    m_search = new QLineEdit(left);
    m_search->setObjectName(QStringLiteral("jobSearch"));
    m_search->setClearButtonEnabled(true);
    ll->addWidget(m_search);
    auto* row = new QHBoxLayout;
    m_host = new QLineEdit(left);
    m_host->setObjectName(QStringLiteral("jobHostFilter"));
    m_host->setClearButtonEnabled(true);
    row->addWidget(m_host, 1);
    m_status = new QComboBox(left);
    m_status->setObjectName(QStringLiteral("jobStatusFilter"));
    m_status->addItem(QString(), -1);
    for (const JobStatus s : { JobStatus::Running, JobStatus::Paused, JobStatus::WaitingForConfirmation,
             JobStatus::Succeeded, JobStatus::Failed, JobStatus::Cancelled, JobStatus::Interrupted }) {
        m_status->addItem(displayName(s), int(s));
    }
    row->addWidget(m_status);
    ll->addLayout(row);
    auto* row2 = new QHBoxLayout;
    m_operator = new QLineEdit(left);
    m_operator->setObjectName(QStringLiteral("jobOperatorFilter"));
    m_operator->setClearButtonEnabled(true);
    row2->addWidget(m_operator, 1);
    m_period = new QComboBox(left);
    m_period->setObjectName(QStringLiteral("jobPeriodFilter"));
    for (const int hours : { 0, 1, 24, 24 * 7, 24 * 30, -1 }) {
        m_period->addItem(QString(), hours);
    }
    row2->addWidget(m_period);
    ll->addLayout(row2);
    auto* row3 = new QHBoxLayout;
    m_from = new QDateEdit(QDate::currentDate().addDays(-7), left);
    m_from->setObjectName(QStringLiteral("jobFromDate"));
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(QDate::currentDate(), left);
    m_to->setObjectName(QStringLiteral("jobToDate"));
    m_to->setCalendarPopup(true);
    row3->addWidget(m_from, 1);
    row3->addWidget(m_to, 1);
    ll->addLayout(row3);
    m_from->hide();
    m_to->hide();
    m_history = new QTableWidget(0, 5, left);
    m_history->setObjectName(QStringLiteral("jobHistory"));
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_history->setSelectionMode(QAbstractItemView::SingleSelection);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->verticalHeader()->hide();
    m_history->verticalHeader()->setDefaultSectionSize(m_history->fontMetrics().height() + 8);
    m_history->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_history->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    ll->addWidget(m_history, 1);
    m_empty = new QLabel(left);
    m_empty->setObjectName(QStringLiteral("jobsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    ll->addWidget(m_empty);
    m_view = new JobView(m_splitter);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_view);
    m_splitter->setSizes({ 420, 1000 });
    layout->addWidget(m_splitter, 1);

    auto* searchTimer = new QTimer(this);
    searchTimer->setSingleShot(true);
    searchTimer->setInterval(200);
    connect(searchTimer, &QTimer::timeout, this, &JobsPage::refresh);
    connect(m_search, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(m_host, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(m_status, &QComboBox::currentIndexChanged, this, &JobsPage::refresh);
    connect(m_operator, &QLineEdit::textChanged, searchTimer, qOverload<>(&QTimer::start));
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        const bool range = m_period->currentData().toInt() < 0;
        m_from->setVisible(range);
        m_to->setVisible(range);
        refresh();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &JobsPage::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &JobsPage::refresh);
    connect(m_history, &QTableWidget::currentCellChanged, this, [this](int row) {
        if (row >= 0 && row < m_summaries.size()) {
            showJob(m_summaries.at(row).id);
        }
    });
    connect(m_view, &JobView::interventionRequested, this, &JobsPage::intervene);
    connect(m_view, &JobView::problem, this, &JobsPage::showError);
    retranslateUi();
    setBackend(backend);
}

JobsPage::~JobsPage()
{
    delete m_subscription.data();
}

void JobsPage::setBackend(Backend* backend)
{
    if (backend == m_backend) {
        refresh();
        return;
    }
    if (m_backend) {
        disconnect(m_backend, nullptr, this, nullptr);
    }
    // The job shown was followed through the previous backend: it is followed again through the new one when
    // that one lists it (a handover keeps the jobs still running on the previous backend).
    const QString shown = m_jobId;
    showNoJob();
    m_backend = backend;
    if (m_backend) {
        connect(m_backend, &Backend::jobChanged, this, [this] { refresh(); });
        connect(m_backend, &Backend::problem, this, &JobsPage::showError);
    }
    refresh();
    if (!shown.isEmpty() && isListed(shown)) {
        showJob(shown);
    }
}

void JobsPage::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search jobs by name or script"));
    m_host->setPlaceholderText(tr("Host"));
    m_status->setItemText(0, tr("Any status"));
    m_operator->setPlaceholderText(tr("Operator"));
    m_period->setItemText(0, tr("Any time"));
    m_period->setItemText(1, tr("Last hour"));
    m_period->setItemText(2, tr("Last 24 hours"));
    m_period->setItemText(3, tr("Last 7 days"));
    m_period->setItemText(4, tr("Last 30 days"));
    m_period->setItemText(5, tr("Between dates…"));
    m_from->setToolTip(tr("Jobs started on or after this day"));
    m_to->setToolTip(tr("Jobs started on or before this day"));
    m_history->setHorizontalHeaderLabels({ tr("Started"), tr("Job"), tr("Status"), tr("Hosts"), tr("Operator") });
    refresh();
}

void JobsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_search) {
        retranslateUi();
    }
}

void JobsPage::refresh()
{
    m_summaries.clear();
    if (m_backend) {
        JobFilter filter;
        filter.script = m_search->text().trimmed();
        filter.host = m_host->text().trimmed();
        filter.createdBy = m_operator->text().trimmed();
        if (const int hours = m_period->currentData().toInt(); hours > 0) {
            filter.sinceMs = QDateTime::currentMSecsSinceEpoch() - qint64(hours) * 3600 * 1000;
        } else if (hours < 0) {
            filter.sinceMs = m_from->date().startOfDay().toMSecsSinceEpoch();
            filter.untilMs = m_to->date().addDays(1).startOfDay().toMSecsSinceEpoch();
        }
        if (const int s = m_status->currentData().toInt(); s >= 0) {
            filter.statuses = { JobStatus(s) };
        }
        filter.limit = 1000;
        auto jobs = m_backend->jobs(filter);
        if (!jobs) {
            showError(jobs.errorString());
        } else {
            m_summaries = *jobs;
        }
    }
    QSignalBlocker block(m_history);
    m_history->setRowCount(int(m_summaries.size()));
    int current = -1;
    for (int row = 0; row < m_summaries.size(); ++row) {
        const JobSummary& j = m_summaries.at(row);
        const auto set = [&](int col, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            m_history->setItem(row, col, item);
            return item;
        };
        set(0, QLocale().toString(QDateTime::fromMSecsSinceEpoch(j.createdMs), QLocale::ShortFormat));
        set(1, j.name)->setToolTip(j.targetDescription);
        QTableWidgetItem* status = set(2, displayName(j.status));
        status->setForeground(Theme::color(j.status == JobStatus::Succeeded ? QStringLiteral("job.success")
                : isFinal(j.status)                                         ? QStringLiteral("job.failed")
                                                                            : QStringLiteral("job.running")));
        set(3, QString::number(j.hostCount));
        set(4, j.createdBy);
        if (j.id == m_jobId) {
            current = row;
        }
    }
    if (current >= 0) {
        m_history->setCurrentCell(current, 1);
    } else if (!m_jobId.isEmpty()) {
        // The job shown left the filtered list: the view follows the list (its first job), never a job not in it.
        if (m_summaries.isEmpty()) {
            showNoJob();
        } else {
            showJob(m_summaries.first().id);
        }
    }
    // Said here, not once at construction: the backend may arrive (or go) after the page is built.
    m_empty->setText(m_backend ? tr("No jobs yet. Run a script on hosts from the Scripts or Inventory page (Ctrl+R).")
                               : tr("No backend: jobs cannot be run or shown."));
    m_empty->setVisible(m_summaries.isEmpty());
}

void JobsPage::setDangerRulesProvider(std::function<QList<DangerRule>()> provider)
{
    m_dangerRules = std::move(provider);
}

bool JobsPage::isListed(const QString& jobId) const
{
    return std::any_of(
        m_summaries.cbegin(), m_summaries.cend(), [&jobId](const JobSummary& j) { return j.id == jobId; });
}

void JobsPage::showNoJob()
{
    delete m_subscription.data();
    m_jobId.clear();
    m_view->clear();
    m_view->setOutputSource({});
}

void JobsPage::showJob(const QString& jobId)
{
    if (!m_backend || jobId == m_jobId) {
        return;
    }
    if (!isListed(jobId) && m_backend->job(jobId).ok()) {
        // Shown from outside (a job just submitted) while the filters hide it: the filters give way.
        {
            const QSignalBlocker b1(m_search);
            const QSignalBlocker b2(m_host);
            const QSignalBlocker b3(m_status);
            const QSignalBlocker b4(m_operator);
            const QSignalBlocker b5(m_period);
            m_search->clear();
            m_host->clear();
            m_status->setCurrentIndex(0);
            m_operator->clear();
            m_period->setCurrentIndex(0);
            m_from->hide();
            m_to->hide();
        }
        m_jobId = jobId; // refresh() keeps it highlighted instead of falling back to the first job
        refresh();
        m_jobId.clear();
    }
    delete m_subscription.data();
    m_jobId = jobId;
    m_view->clear();
    // The output of the host shown is read from the store in windows; the view keeps none of it.
    m_view->setOutputSource([this, jobId](const QString& host, qint64 offset, int limit) -> Result<QList<JobEvent>> {
        if (!m_backend) {
            return Error(tr("No backend."));
        }
        return m_backend->hostOutput(jobId, -1, host, offset, limit);
    });
    auto sub = m_backend->subscribe(jobId, 0, this);
    if (!sub) {
        showError(sub.errorString());
        return;
    }
    m_subscription = *sub;
    connect(m_subscription, &JobSubscription::jobEvent, m_view, &JobView::applyEvent);
    connect(m_subscription, &JobSubscription::failed, this, &JobsPage::showError);
    for (int row = 0; row < m_summaries.size(); ++row) {
        if (m_summaries.at(row).id == jobId) {
            QSignalBlocker block(m_history);
            m_history->setCurrentCell(row, 1);
        }
    }
}

int JobsPage::hostsTouchedBy(JobView::Intervention intervention, int step) const
{
    const JobState& state = m_view->state();
    switch (intervention) {
    case JobView::Intervention::Cancel: {
        const HostCounts c = state.counts();
        return c.of(HostStatus::Running) + c.of(HostStatus::Pending);
    }
    case JobView::Intervention::RetryFailed:
        return int(state.retryHosts(false).size());
    case JobView::Intervention::RetryFailedAndNotStarted:
        return int(state.retryHosts(true).size());
    case JobView::Intervention::RerunStep:
        return int(state.rerunHosts(std::max(0, step)).size());
    default:
        return 0;
    }
}

bool JobsPage::confirmIntervention(JobView::Intervention intervention, int step)
{
    using I = JobView::Intervention;
    if (intervention != I::Cancel && intervention != I::RetryFailed && intervention != I::RetryFailedAndNotStarted
        && intervention != I::RerunStep) {
        return true;
    }
    const JobState& state = m_view->state();
    const QString job = state.spec().name.isEmpty() ? state.jobId() : state.spec().name;
    const int hosts = hostsTouchedBy(intervention, step);
    if (intervention != I::Cancel) {
        // A script with blocking danger findings runs again only after a person acknowledged them again.
        const QList<DangerRule> rules = m_dangerRules ? m_dangerRules() : DangerRules::defaults();
        QStringList findings;
        for (int s = 0; s < state.spec().steps.size(); ++s) {
            if ((intervention == I::RerunStep && s != step) || state.spec().steps.at(s).kind() != StepKind::RunScript) {
                continue;
            }
            const auto& script = std::get<RunScript>(state.spec().steps.at(s).action);
            const ScriptFindings blocking
                = DangerGate::blocking(DangerRules::check(script.script, languageOf(script.interpreter), rules));
            for (const ScriptFinding& f : blocking) {
                findings << tr("step %1, line %2: %3 [%4]").arg(s + 1).arg(f.line).arg(f.message, f.code);
            }
        }
        if (!findings.isEmpty()) {
            return Dialogs::confirmDestructive(this, tr("Dangerous Script"),
                tr("The script of \"%1\" contains commands that can destroy a host:\n%2\n\nIt was acknowledged "
                   "when the job started; running it again needs your acknowledgement again. Run it again on %n "
                   "host(s)?",
                    "", hosts)
                    .arg(job, findings.join(QLatin1Char('\n'))),
                tr("I Understand, Run Again"));
        }
    }
    if (hosts <= 1) {
        return true;
    }
    switch (intervention) {
    case I::Cancel:
        return Dialogs::confirmDestructive(this, tr("Cancel Job"),
            tr("Cancel \"%1\"? The %n host(s) still running or waiting are stopped or not started.", "", hosts)
                .arg(job),
            tr("Cancel Job"));
    case I::RerunStep:
        return Dialogs::confirmDestructive(this, tr("Re-run Step"),
            tr("Run step %1 of \"%2\" again on %n host(s)?", "", hosts).arg(step + 1).arg(job), tr("Re-run Step"));
    default:
        return Dialogs::confirmDestructive(
            this, tr("Retry Hosts"), tr("Run \"%1\" again on %n host(s)?", "", hosts).arg(job), tr("Retry"));
    }
}

void JobsPage::intervene(JobView::Intervention intervention, int step)
{
    if (!m_backend || m_jobId.isEmpty()) {
        return;
    }
    if (!confirmIntervention(intervention, step)) {
        return;
    }
    Result<void> r;
    switch (intervention) {
    case JobView::Intervention::Pause:
        r = m_backend->pause(m_jobId);
        break;
    case JobView::Intervention::Resume:
        r = m_backend->resume(m_jobId);
        break;
    case JobView::Intervention::Cancel:
        r = m_backend->cancel(m_jobId);
        break;
    case JobView::Intervention::ConfirmNextBatch:
        r = m_backend->confirmNextBatch(m_jobId);
        break;
    case JobView::Intervention::RetryFailed:
        r = m_backend->retryFailed(m_jobId);
        break;
    case JobView::Intervention::RetryFailedAndNotStarted:
        r = m_backend->retryFailedAndNotStarted(m_jobId);
        break;
    case JobView::Intervention::RerunStep:
        r = m_backend->rerunStep(m_jobId, std::max(0, step));
        break;
    }
    if (!r) {
        showError(r.errorString());
    }
}

void JobsPage::showError(const QString& text)
{
    m_messageBar->showMessage(text, MessageBar::Type::Error);
    m_messageBar->show();
}
