#include "JobView.h"

#include "Theme.h"
#include "common/MessageBar.h"
#include "jobs/AnsiText.h"
#include "jobs/JobDisplay.h"
#include "jobs/JobHostModel.h"
#include "jobs/JobProgressBar.h"
#include "jobs/JobText.h"
#include "jobs/TimelinePanel.h"
#include "jobs/TimelineView.h"

#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBlock>
#include <QTextEdit>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <limits>
#include <unordered_map>

namespace {

constexpr int kRefreshMs = 100;
// The output pane loads a host's output in windows of about this many bytes ("Show more" loads the next one);
// live output is appended while the pane holds less than the windows asked for.
constexpr qint64 kWindowBytes = 1024 * 1024;
// Events read from the source per call while filling a window (host.output events hold at most 64 KB).
constexpr int kWindowEvents = 64;
constexpr int kHeadBytes = 200;

} // namespace

using JobDisplay::durationText;
using JobDisplay::statusColor;

JobView::JobView(QWidget* parent)
    : QWidget(parent)
    , m_ansi(std::make_unique<AnsiText>())
{
    setObjectName(QStringLiteral("jobView"));
    buildUi();
    retranslateUi();
    updateButtons(); // nothing to act on until a job is shown
    m_refresh = new QTimer(this);
    m_refresh->setInterval(kRefreshMs);
    connect(m_refresh, &QTimer::timeout, this, [this] {
        if (m_dirty) {
            flush();
        } else if (!m_state.isFinished() && !m_state.isEmpty()) {
            updateWaitBanner(); // the countdown of a timed wait
            m_timelinePanel->refresh(); // running bars grow with the clock
        }
    });
    m_refresh->start();
}

JobView::~JobView() = default;

void JobView::buildUi()
{
    auto* layout = new QVBoxLayout(this);
    auto* header = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("jobTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setWeight(QFont::DemiBold);
    m_title->setFont(f);
    header->addWidget(m_title);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("jobStatus"));
    header->addWidget(m_status);
    header->addStretch();
    layout->addLayout(header);
    // Two bars, side by side while they fit and one above the other when not (updateActionsLayout()), so that no
    // intervention ever hides in a toolbar's overflow menu, whatever the width, language or theme.
    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("jobActions"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_retryBar = new QToolBar(this);
    m_retryBar->setObjectName(QStringLiteral("jobRetryActions"));
    m_retryBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    for (const Intervention i :
        { Intervention::Pause, Intervention::Resume, Intervention::ConfirmNextBatch, Intervention::Cancel,
            Intervention::RetryFailed, Intervention::RetryFailedAndNotStarted, Intervention::RerunStep }) {
        const bool retry = i == Intervention::RetryFailed || i == Intervention::RetryFailedAndNotStarted
            || i == Intervention::RerunStep;
        QToolBar* bar = retry ? m_retryBar : m_toolBar;
        if (i == Intervention::RerunStep) {
            bar->addSeparator();
            m_stepCombo = new QComboBox(bar);
            m_stepCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
            bar->addWidget(m_stepCombo);
        }
        auto* a = bar->addAction(QString());
        a->setObjectName(QStringLiteral("job.%1").arg(int(i)));
        m_buttons.insert(i, a);
        connect(a, &QAction::triggered, this, [this, i] {
            emit interventionRequested(i, i == Intervention::RerunStep ? m_stepCombo->currentIndex() : -1);
        });
    }
    m_actionsRow = new QBoxLayout(QBoxLayout::LeftToRight);
    m_actionsRow->setSpacing(0);
    m_actionsRow->addWidget(m_toolBar);
    m_actionsRow->addWidget(m_retryBar);
    m_actionsRow->addStretch();
    layout->addLayout(m_actionsRow);
    m_waitBanner = new MessageBar(this);
    m_waitBanner->setObjectName(QStringLiteral("jobWaitBanner"));
    m_waitBanner->hide();
    connect(m_waitBanner, &MessageBar::actionTriggered, this,
        [this] { emit interventionRequested(Intervention::ConfirmNextBatch, -1); });
    connect(m_waitBanner, &MessageBar::closed, m_waitBanner, &QWidget::hide);
    layout->addWidget(m_waitBanner);
    auto* progressRow = new QHBoxLayout;
    m_progress = new JobProgressBar(this);
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    progressRow->addWidget(m_progress, 1);
    m_counters = new QLabel(this);
    m_counters->setObjectName(QStringLiteral("jobCounters"));
    progressRow->addWidget(m_counters);
    layout->addLayout(progressRow);

    // The output below the hosts: both get the view's full width (the table's Reason column, long output lines).
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("jobSplitter"));
    m_tabs = new QTabWidget(split);
    m_tabs->setObjectName(QStringLiteral("jobTabs"));
    m_table = new QTableView(m_tabs);
    m_table->setObjectName(QStringLiteral("jobHosts"));
    m_hosts = new JobHostModel(this);
    m_hosts->setState(&m_state);
    m_table->setModel(m_hosts);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(JobHostModel::Reason, QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(36);
    m_groups = new QTreeWidget(m_tabs);
    m_groups->setObjectName(QStringLiteral("jobGroups"));
    m_groups->setColumnCount(3);
    m_timelinePanel = new TimelinePanel(m_tabs);
    m_timeline = m_timelinePanel->view();
    m_tabs->addTab(m_table, QString());
    m_tabs->addTab(m_groups, QString());
    m_tabs->addTab(m_timelinePanel, QString());

    auto* outputBox = new QWidget(split);
    auto* ol = new QVBoxLayout(outputBox);
    ol->setContentsMargins(0, 0, 0, 0);
    m_outputTitle = new QLabel(outputBox);
    m_outputTitle->setObjectName(QStringLiteral("jobOutputTitle"));
    m_outputTitle->setTextFormat(Qt::PlainText);
    ol->addWidget(m_outputTitle);
    m_outputReason = new QLabel(outputBox);
    m_outputReason->setObjectName(QStringLiteral("jobOutputReason"));
    m_outputReason->setTextFormat(Qt::PlainText);
    m_outputReason->setWordWrap(true);
    m_outputReason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outputReason->hide();
    ol->addWidget(m_outputReason);
    m_output = new QTextEdit(outputBox);
    m_output->setObjectName(QStringLiteral("jobOutput"));
    m_output->setReadOnly(true);
    m_output->setLineWrapMode(QTextEdit::NoWrap);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    ol->addWidget(m_output, 1);
    m_more = new QPushButton(outputBox);
    m_more->setObjectName(QStringLiteral("jobOutputMore"));
    m_more->hide();
    connect(m_more, &QPushButton::clicked, this, &JobView::loadMoreOutput);
    ol->addWidget(m_more, 0, Qt::AlignLeft);
    split->addWidget(m_tabs);
    split->addWidget(outputBox);
    split->setSizes({ 380, 420 });
    layout->addWidget(split, 1);

    connect(
        m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
            // A press that changes the row is followed by a click on it: that click must not load the host again.
            m_rowChangedByPress = QApplication::mouseButtons() != Qt::NoButton;
            if (const QString host = m_hosts->hostAt(current.row()); host != m_shownHost) {
                showHost(host);
            }
        });
    // A click on the row already shown reloads it (the pane may have been scrolled or the host run again).
    connect(m_table, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (std::exchange(m_rowChangedByPress, false)) {
            return;
        }
        if (const QString host = m_hosts->hostAt(index.row()); host == m_shownHost) {
            showHost(host);
        }
    });
    connect(m_groups, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) {
            showHost(item->data(0, Qt::UserRole).toString());
        }
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_groupsDirty) {
            rebuildGroups();
        }
    });
    // A click on a host's row in the timeline shows its output, as selecting it in the table does.
    connect(m_timeline, &TimelineView::hostClicked, this, [this](const QString& host) {
        if (const int row = int(m_state.allTargets().indexOf(host)); row >= 0 && row < m_hosts->rowCount()) {
            m_table->selectRow(row);
        }
        if (host != m_shownHost) {
            showHost(host);
        }
    });
    connect(Theme::instance(), &Theme::changed, this, [this] {
        renderShownHost();
        m_timeline->viewport()->update();
        m_progress->update();
    });
}

void JobView::updateActionsLayout()
{
    const QMargins margins = contentsMargins() + (layout() ? layout()->contentsMargins() : QMargins());
    const int available = width() - margins.left() - margins.right();
    // The bars' layouts may not have seen a new text or combo width yet.
    m_toolBar->layout()->invalidate();
    m_retryBar->layout()->invalidate();
    const bool fits = m_toolBar->sizeHint().width() + m_retryBar->sizeHint().width() <= available;
    m_actionsRow->setDirection(fits ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
}

void JobView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateActionsLayout();
}

void JobView::retranslateUi()
{
    m_buttons.value(Intervention::Pause)->setText(tr("Pause"));
    m_buttons.value(Intervention::Pause)->setToolTip(tr("Finish the hosts in flight and start no more"));
    m_buttons.value(Intervention::Resume)->setText(tr("Resume"));
    m_buttons.value(Intervention::ConfirmNextBatch)->setText(tr("Start Next Batch"));
    m_buttons.value(Intervention::Cancel)->setText(tr("Cancel Job"));
    m_buttons.value(Intervention::Cancel)->setToolTip(tr("Stop the remote processes and start no more hosts"));
    m_buttons.value(Intervention::RetryFailed)->setText(tr("Retry Failed"));
    m_buttons.value(Intervention::RetryFailedAndNotStarted)->setText(tr("Retry Failed + Not Started"));
    m_buttons.value(Intervention::RerunStep)->setText(tr("Re-run Step"));
    m_tabs->setTabText(0, tr("Hosts"));
    m_tabs->setTabText(1, tr("Grouped Output"));
    m_tabs->setTabText(2, tr("Timeline"));
    m_groups->setHeaderLabels({ tr("Hosts"), tr("Outcome"), tr("First line of output") });
    // The short columns as narrow as their header or content needs, so that the Reason column stays in view.
    const QFontMetrics fm(m_table->font());
    const auto fit = [&](int column, const QString& sample) {
        const QString header = m_hosts->headerData(column, Qt::Horizontal).toString();
        m_table->horizontalHeader()->resizeSection(
            column, std::max(fm.horizontalAdvance(header), fm.horizontalAdvance(sample)) + 18);
    };
    fit(JobHostModel::Host, QStringLiteral("mongodb-js-01"));
    QString longestStatus;
    for (int i = 0; i < kHostStatusCount; ++i) {
        const QString name = displayName(HostStatus(i));
        longestStatus = fm.horizontalAdvance(name) > fm.horizontalAdvance(longestStatus) ? name : longestStatus;
    }
    fit(JobHostModel::Status, longestStatus);
    fit(JobHostModel::ExitCode, QStringLiteral("255"));
    fit(JobHostModel::Duration, QStringLiteral("10.0 min"));
    fit(JobHostModel::Attempt, QStringLiteral("10"));
    fillStepCombo();
    updateHeader();
    updateWaitBanner();
    renderShownHost();
}

void JobView::fillStepCombo()
{
    const int current = m_stepCombo->currentIndex();
    m_stepCombo->clear();
    for (int i = 0; i < m_state.spec().steps.size(); ++i) {
        m_stepCombo->addItem(tr("Step %1: %2").arg(i + 1).arg(m_state.spec().steps.at(i).displayName()));
    }
    if (current >= 0 && current < m_stepCombo->count()) {
        m_stepCombo->setCurrentIndex(current);
    }
    updateActionsLayout(); // the combo's width follows its step names
}

void JobView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_title) {
        retranslateUi();
    } else if (event->type() == QEvent::PaletteChange && m_output) {
        // The output's text colour comes from the palette: Theme::changed can come before the widgets have the
        // new palette, which left dark text on a dark background (or light on light after switching back).
        renderShownHost();
    }
}

QAction* JobView::action(Intervention intervention) const
{
    return m_buttons.value(intervention);
}

void JobView::clear()
{
    m_state = JobState();
    m_digests.clear();
    m_attempts.clear();
    m_memoryOutput.clear();
    if (!m_shownHost.isEmpty()) {
        m_wantedHost = m_shownHost;
    }
    m_shownHost.clear();
    m_shownHeaders = 0;
    m_shownStale = false;
    m_shownEvents = 0;
    m_shownBytes = 0;
    m_shownLimit = kWindowBytes;
    m_more->hide();
    m_ansi->reset();
    m_output->clear();
    m_hosts->setState(&m_state);
    m_timelinePanel->clear();
    m_groups->clear();
    m_dirty = false;
    m_groupsDirty = false;
    updateHeader();
    updateWaitBanner();
    updateOutputTitle();
    updateButtons();
}

void JobView::setEvents(const QList<JobEvent>& events)
{
    clear();
    for (const JobEvent& e : events) {
        applyEvent(e);
    }
    flush();
}

void JobView::applyEvent(const JobEvent& event)
{
    if (auto r = m_state.apply(event); !r) {
        emit problem(r.errorString());
        return;
    }
    m_timelinePanel->applyEvent(event);
    if (event.type == JobEvent::Type::HostOutput) {
        appendOutput(event);
    } else if (event.type == JobEvent::Type::HostStarted) {
        QList<Attempt>& attempts = m_attempts[event.host];
        attempts.append({ event.seq, event.step, event.attempt, event.timeMs, false, HostStatus::Running, -1 });
        if (event.host == m_shownHost) {
            // The pane had every earlier attempt in one: the header goes in now, live output follows it; a second
            // attempt also brings headers to a pane that had none.
            m_shownStale = m_shownStale || attempts.size() == 2 || m_shownEvents < m_digests.value(event.host).events;
            if (!m_shownStale) {
                QTextCursor cursor(m_output->document());
                cursor.movePosition(QTextCursor::End);
                writeHeadersBefore(cursor, event.seq + 1);
            }
        }
    } else if (event.type == JobEvent::Type::HostFinished) {
        QList<Attempt>& attempts = m_attempts[event.host];
        for (auto it = attempts.rbegin(); it != attempts.rend(); ++it) {
            if (it->step == event.step && it->attempt == event.attempt) {
                it->finished = true;
                it->status = event.hostStatus;
                it->exitCode = event.exitCode;
                break;
            }
        }
        // The headers say the outcome: the pane is rebuilt at the next flush (only for the host shown).
        m_shownStale = m_shownStale || (event.host == m_shownHost && attempts.size() > 1);
    }
    if (event.type == JobEvent::Type::JobCreated) {
        m_hosts->setState(&m_state);
        fillStepCombo();
        // Switching jobs keeps the host of the same name in view (its output in this job, never the other's).
        if (const qsizetype row = m_wantedHost.isEmpty() ? -1 : m_state.allTargets().indexOf(m_wantedHost); row >= 0) {
            m_table->selectRow(int(row)); // shows it (currentRowChanged)
            if (m_shownHost != m_wantedHost) {
                showHost(m_wantedHost);
            }
        }
        updateOutputTitle();
    }
    m_dirty = true;
    m_groupsDirty = true;
}

void JobView::setOutputSource(OutputSource source)
{
    m_source = std::move(source);
}

void JobView::appendOutput(const JobEvent& event)
{
    OutputDigest& d = m_digests[event.host];
    for (const char c : event.chunk) {
        const auto b = static_cast<unsigned char>(c);
        d.hashA = (d.hashA ^ b) * 0x100000001b3ull;
        d.hashB = ((d.hashB << 7 | d.hashB >> 57) ^ b) * 0x9e3779b97f4a7c15ull;
    }
    if (!d.headDone) {
        const qsizetype newline = event.chunk.indexOf('\n');
        d.head += event.chunk.left(newline < 0 ? kHeadBytes - d.head.size() : newline);
        d.head.truncate(kHeadBytes);
        d.headDone = newline >= 0 || d.head.size() >= kHeadBytes;
    }
    d.bytes += event.chunk.size();
    ++d.events;
    if (!m_source) {
        m_memoryOutput[event.host].append(event);
    }
    // Live output of the shown host goes straight into the pane while the pane has everything before it.
    if (event.host == m_shownHost && !m_shownStale && m_shownEvents == d.events - 1 && m_shownBytes < m_shownLimit) {
        QTextCursor cursor(m_output->document());
        cursor.movePosition(QTextCursor::End);
        writeHeadersBefore(cursor, event.seq);
        m_ansi->append(cursor, event.chunk);
        ++m_shownEvents;
        m_shownBytes += event.chunk.size();
    }
}

qint64 JobView::heldOutputBytes() const
{
    qint64 bytes = m_shownBytes;
    for (const QList<JobEvent>& events : m_memoryOutput) {
        for (const JobEvent& e : events) {
            bytes += e.chunk.size();
        }
    }
    return bytes;
}

void JobView::flush()
{
    m_dirty = false;
    m_hosts->refresh();
    m_timelinePanel->refresh();
    if (m_groupsDirty && m_tabs->currentWidget() == m_groups) {
        rebuildGroups();
    }
    updateHeader();
    updateWaitBanner();
    updateButtons();
    if (m_shownStale) {
        renderShownHost();
    } else {
        updateOutputTitle();
    }
    updateMoreButton();
}

void JobView::updateHeader()
{
    if (m_state.isEmpty()) {
        m_title->setText(tr("No job"));
        m_status->clear();
        m_counters->clear();
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
        return;
    }
    m_title->setText(m_state.spec().name.isEmpty() ? m_state.jobId() : m_state.spec().name);
    QString status = displayName(m_state.status());
    if (m_state.isFinished()) {
        if (!m_state.message().isEmpty()) {
            status = tr("%1: %2").arg(status, JobText::display(m_state.message()));
        }
    } else if (m_state.isWaiting()) {
        status = m_state.isWaitManual() ? tr("waiting for confirmation of the next batch")
                                        : tr("waiting before the next batch");
    } else if (m_state.isStopping()) {
        status = tr("stopping: %1").arg(JobText::display(m_state.stopReason()));
    }
    m_status->setText(QStringLiteral("— ") + status);
    const HostCounts c = m_state.counts();
    QStringList parts;
    for (const HostStatus s : { HostStatus::Success, HostStatus::Failed, HostStatus::TimedOut, HostStatus::Unreachable,
             HostStatus::AuthFailed, HostStatus::HostKeyRejected, HostStatus::Running, HostStatus::Pending,
             HostStatus::Cancelled, HostStatus::Skipped, HostStatus::NotStarted, HostStatus::Interrupted }) {
        if (c.of(s) > 0) {
            parts << QStringLiteral("%1 %2").arg(displayName(s)).arg(c.of(s));
        }
        if (s == HostStatus::Running && c.of(s) > 0) {
            // Of the running hosts, those waiting for a handshake slot and those connecting after one
            // (host.progress: the transport's admission control, docs/ssh.md).
            int queued = 0;
            int connecting = 0;
            for (const StepState& step : m_state.steps()) { // a running host runs in one step
                for (const HostState& h : step.hosts) {
                    if (h.status == HostStatus::Running) {
                        queued += h.phase == QLatin1String("queued") ? 1 : 0;
                        connecting += h.phase == QLatin1String("connecting") ? 1 : 0;
                    }
                }
            }
            if (queued + connecting > 0) {
                parts.last() += QLatin1Char(' ') + tr("(queued %1, connecting %2)").arg(queued).arg(connecting);
            }
        }
    }
    m_counters->setText(parts.join(QStringLiteral(" · ")));
    m_progress->setCounts(c);
    const int notStarted = c.of(HostStatus::NotStarted) + c.of(HostStatus::Skipped);
    const QString done = tr("%1 of %n host(s) done", "", c.total).arg(c.done());
    m_progress->setFormat(notStarted > 0 ? tr("%1, %n not started", "", notStarted).arg(done) : done);
    m_progress->setToolTip(tr("Succeeded %1 · failed %2 · cancelled %3 · not started %4 · running %5")
                               .arg(m_progress->segment(JobProgressBar::Segment::Succeeded))
                               .arg(m_progress->segment(JobProgressBar::Segment::Failed))
                               .arg(m_progress->segment(JobProgressBar::Segment::Other))
                               .arg(notStarted)
                               .arg(m_progress->segment(JobProgressBar::Segment::Running)));
}

void JobView::updateWaitBanner()
{
    if (m_state.isEmpty() || m_state.isFinished() || !m_state.isWaiting()) {
        m_waitBanner->hide();
        return;
    }
    const int batch = m_state.waitBatch() + 1;
    const int count = m_state.waitBatchCount();
    const int hosts = m_state.waitBatchHosts();
    QString text;
    if (m_state.isWaitManual()) {
        text = tr("Batch %1 of %2 (%n host(s)) is waiting for confirmation.", "", hosts).arg(batch).arg(count);
    } else {
        const qint64 waited = QDateTime::currentMSecsSinceEpoch() - m_state.waitStartedMs();
        const int left = int(std::max<qint64>(0, (qint64(m_state.waitSeconds()) * 1000 - waited + 999) / 1000));
        text = tr("Waiting %1 s before batch %2 of %3 (%n host(s)).", "", hosts).arg(left).arg(batch).arg(count);
    }
    if (m_state.status() == JobStatus::Paused) {
        text += QLatin1Char(' ') + tr("The job is paused: the batch starts after Resume.");
    }
    const QString action = m_state.isWaitManual() ? tr("Start Batch %1").arg(batch) : tr("Start Now");
    if (m_waitBanner->isHidden() || m_waitBanner->text() != text) {
        m_waitBanner->showMessage(text, MessageBar::Type::Info, action);
        m_waitBanner->show();
    }
}

void JobView::updateOutputTitle()
{
    if (m_shownHost.isEmpty()) {
        m_outputTitle->setText(tr("Select a host to see its output"));
        m_outputReason->hide();
        return;
    }
    const HostState h = m_state.hostSummary(m_shownHost);
    QString title = h.exitCode >= 0 ? tr("%1 — %2, exit %3").arg(m_shownHost, displayName(h.status)).arg(h.exitCode)
                                    : tr("%1 — %2").arg(m_shownHost, displayName(h.status));
    if (m_state.spec().steps.size() > 1 && h.step >= 0) {
        title += QStringLiteral(" · ") + tr("step %1").arg(h.step + 1);
    }
    if (h.attempt > 1) {
        title += QStringLiteral(" · ") + tr("attempt %1").arg(h.attempt);
    }
    m_outputTitle->setText(title);
    const QString reason = h.status == HostStatus::Success ? QString() : JobHostModel::reasonText(h);
    m_outputReason->setVisible(!reason.isEmpty());
    m_outputReason->setText(reason);
    m_outputReason->setStyleSheet(QStringLiteral("QLabel { color: %1; background: %2; padding: 4px; }")
                                      .arg(Theme::color(QStringLiteral("message.error.text")).name(),
                                          Theme::color(QStringLiteral("message.error.background")).name()));
}

void JobView::writeHeadersBefore(QTextCursor& cursor, qint64 seq)
{
    const QList<Attempt> attempts = m_attempts.value(m_shownHost);
    if (attempts.size() < 2) {
        return; // one run of the host: nothing to separate
    }
    while (m_shownHeaders < attempts.size() && attempts.at(m_shownHeaders).startSeq < seq) {
        const Attempt& a = attempts.at(m_shownHeaders++);
        HostStatus status = a.status;
        int exitCode = a.exitCode;
        if (const HostState* now = m_state.host(a.step, m_shownHost); !a.finished && now && now->attempt == a.attempt) {
            status = now->status; // ended with the job (interrupted)
            exitCode = now->exitCode;
        }
        QString outcome = displayName(status);
        if (exitCode >= 0) {
            outcome = tr("%1, exit %2").arg(outcome).arg(exitCode);
        }
        const QString step = a.step >= 0 && a.step < m_state.spec().steps.size()
            ? tr("Step %1: %2").arg(a.step + 1).arg(m_state.spec().steps.at(a.step).displayName())
            : tr("Step %1").arg(a.step + 1);
        const QString text
            = tr("Attempt %1 · %2 · %3 · %4")
                  .arg(a.attempt)
                  .arg(step,
                      QLocale().toString(QDateTime::fromMSecsSinceEpoch(a.startedMs).time(), QLocale::LongFormat),
                      outcome);
        if (!cursor.atStart() && !cursor.block().text().isEmpty()) {
            cursor.insertBlock();
        }
        QTextCharFormat f;
        f.setFontWeight(QFont::Bold);
        f.setForeground(statusColor(status));
        f.setBackground(palette().color(QPalette::AlternateBase));
        cursor.insertText(QStringLiteral("── %1 ──").arg(text), f);
        cursor.insertBlock();
        cursor.setCharFormat(QTextCharFormat());
    }
}

void JobView::updateButtons()
{
    const JobStatus s = m_state.status();
    const bool live = !m_state.isEmpty() && !isFinal(s);
    const HostCounts c = m_state.counts();
    action(Intervention::Pause)->setEnabled(live && s == JobStatus::Running);
    action(Intervention::Resume)->setEnabled(live && s == JobStatus::Paused);
    action(Intervention::ConfirmNextBatch)->setEnabled(live && m_state.isWaiting());
    action(Intervention::Cancel)->setEnabled(live && s != JobStatus::Cancelling);
    action(Intervention::RetryFailed)->setEnabled(!m_state.isEmpty() && isFinal(s) && c.failures() > 0);
    action(Intervention::RetryFailedAndNotStarted)
        ->setEnabled(!m_state.isEmpty() && isFinal(s)
            && (c.failures() + c.of(HostStatus::NotStarted) + c.of(HostStatus::Cancelled)) > 0);
    action(Intervention::RerunStep)->setEnabled(!m_state.isEmpty() && isFinal(s));
    m_stepCombo->setEnabled(action(Intervention::RerunStep)->isEnabled());
}

QList<JobView::OutputGroup> JobView::outputGroups() const
{
    struct Key {
        quint64 a, b;
        qint64 bytes;
        int outcome;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const { return size_t(k.a ^ (k.b << 1) ^ quint64(k.outcome)); }
    };
    std::unordered_map<Key, int, KeyHash> index;
    QList<OutputGroup> groups;
    for (const HostState& h : m_state.hostSummaries()) {
        const OutputDigest d = m_digests.value(h.name);
        const Key key { d.hashA, d.hashB, d.bytes, int(h.status) * 1000 + h.exitCode };
        auto it = index.find(key);
        if (it == index.end()) {
            it = index.emplace(key, int(groups.size())).first;
            groups.append({ d.head, d.bytes, h.exitCode, h.status, {} });
        }
        groups[it->second].hosts.append(h.name);
    }
    std::stable_sort(groups.begin(), groups.end(),
        [](const OutputGroup& a, const OutputGroup& b) { return a.hosts.size() > b.hosts.size(); });
    return groups;
}

void JobView::rebuildGroups()
{
    m_groupsDirty = false;
    m_groups->clear();
    for (const OutputGroup& g : outputGroups()) {
        auto* item = new QTreeWidgetItem(m_groups);
        item->setText(0, tr("%n host(s)", nullptr, int(g.hosts.size())));
        item->setText(
            1, g.exitCode >= 0 ? tr("%1, exit %2").arg(displayName(g.status)).arg(g.exitCode) : displayName(g.status));
        item->setForeground(1, statusColor(g.status));
        const QString first = QString::fromUtf8(AnsiText::strip(g.firstLine));
        item->setText(2, g.bytes == 0 ? tr("(no output)") : first);
        item->setData(0, Qt::UserRole, g.hosts.first());
        // The hosts of a group (shown when expanded), capped so that 1,000 identical hosts stay one light row.
        for (int i = 0; i < std::min<qsizetype>(g.hosts.size(), 500); ++i) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(0, g.hosts.at(i));
            child->setData(0, Qt::UserRole, g.hosts.at(i));
        }
    }
    m_groups->resizeColumnToContents(0);
    m_groups->resizeColumnToContents(1);
}

void JobView::showHost(const QString& host)
{
    m_shownHost = host;
    m_timeline->setSelectedHost(host);
    renderShownHost();
}

void JobView::renderShownHost()
{
    m_output->clear();
    m_ansi->reset();
    m_shownEvents = 0;
    m_shownBytes = 0;
    m_shownHeaders = 0;
    m_shownStale = false;
    m_shownLimit = kWindowBytes;
    QTextCharFormat base;
    base.setForeground(palette().color(QPalette::Text));
    m_ansi->setBaseFormat(base);
    updateOutputTitle();
    if (m_shownHost.isEmpty()) {
        updateMoreButton();
        return;
    }
    appendWindow();
    updateMoreButton();
}

void JobView::loadMoreOutput()
{
    m_shownLimit = m_shownBytes + kWindowBytes;
    appendWindow();
    updateMoreButton();
}

void JobView::appendWindow()
{
    const qint64 total = m_digests.value(m_shownHost).events;
    QTextCursor cursor(m_output->document());
    cursor.movePosition(QTextCursor::End);
    while (m_shownEvents < total && m_shownBytes < m_shownLimit) {
        const int limit = int(std::min<qint64>(kWindowEvents, total - m_shownEvents));
        QList<JobEvent> part;
        if (m_source) {
            Result<QList<JobEvent>> read = m_source(m_shownHost, m_shownEvents, limit);
            if (!read) {
                emit problem(tr("Cannot read the output of %1: %2").arg(m_shownHost, read.errorString()));
                return;
            }
            part = *read;
        } else {
            part = m_memoryOutput.value(m_shownHost).mid(m_shownEvents, limit);
        }
        if (part.isEmpty()) {
            return;
        }
        for (const JobEvent& e : std::as_const(part)) {
            if (m_shownBytes >= m_shownLimit) {
                return; // the rest of this read comes with the next window
            }
            writeHeadersBefore(cursor, e.seq);
            m_ansi->append(cursor, e.chunk);
            ++m_shownEvents;
            m_shownBytes += e.chunk.size();
        }
    }
    if (m_shownEvents >= total) {
        writeHeadersBefore(cursor, std::numeric_limits<qint64>::max()); // runs without output after the last
    }
}

void JobView::updateMoreButton()
{
    const qint64 total = m_digests.value(m_shownHost).bytes;
    if (m_shownHost.isEmpty() || m_shownBytes >= total) {
        m_more->hide();
        return;
    }
    const QLocale locale;
    m_more->setText(tr("Show more output (%1 of %2 shown)")
                        .arg(locale.formattedDataSize(m_shownBytes), locale.formattedDataSize(total)));
    m_more->show();
}
