#pragma once

#include "jobs/JobEvent.h"
#include "jobs/JobState.h"

#include "core/Result.h"

#include <QHash>
#include <QWidget>
#include <functional>

class AnsiText;
class JobProgressBar;
class MessageBar;
class QBoxLayout;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QAction;
class QToolBar;
class QTabWidget;
class QTableView;
class QTextCursor;
class QTextEdit;
class QTimer;
class QTreeWidget;
class JobHostModel;
class TimelinePanel;
class TimelineView;

// One job, live or replayed, entirely from its event stream: counters and a progress bar, the interventions, a
// per-host table, the output of the selected host with ANSI colours, hosts grouped by identical output and exit
// code, and a timeline (rows are hosts, bars are their runs per step coloured by outcome, growing live).
// Interventions are requested through signals: the owner passes them to the backend, whose events then show here.
//
// Output is not kept here: per host the view keeps a digest (a 128-bit running hash, byte and event counts, the
// first line) for the grouped view, and loads the output of the host shown from an OutputSource (the backend's
// store) in windows, appending live output while the window reaches the end. Without a source (replays in tests)
// the view keeps the output events itself.
class JobView : public QWidget {
    Q_OBJECT
public:
    enum class Intervention {
        Pause,
        Resume,
        Cancel,
        ConfirmNextBatch,
        RetryFailed,
        RetryFailedAndNotStarted,
        RerunStep
    };
    Q_ENUM(Intervention)

    explicit JobView(QWidget* parent = nullptr);
    ~JobView() override;

    // The host.output events of one host (every step) after the first `offsetEvents`, at most `limit`:
    // Backend::hostOutput of the job shown.
    using OutputSource = std::function<Result<QList<JobEvent>>(const QString& host, qint64 offsetEvents, int limit)>;
    // Where the output of the host shown is read from; set before the job's events arrive. Empty = the view keeps
    // the output events in memory.
    void setOutputSource(OutputSource source);

    // Starts over with the events of another job (stored ones first; live ones follow through applyEvent).
    void setEvents(const QList<JobEvent>& events);
    // One more event (in sequence). An event that does not fit (gap, other job) is reported and ignored.
    void applyEvent(const JobEvent& event);
    void clear();

    const JobState& state() const { return m_state; }
    JobHostModel* hostModel() const { return m_hosts; }
    QTableView* hostTable() const { return m_table; }
    QTreeWidget* groupTree() const { return m_groups; }
    TimelineView* timeline() const { return m_timeline; }
    TimelinePanel* timelinePanel() const { return m_timelinePanel; }
    QTextEdit* outputView() const { return m_output; }
    QLabel* countersLabel() const { return m_counters; }
    QLabel* statusLabel() const { return m_status; }
    JobProgressBar* progressBar() const { return m_progress; }
    // Above the output: the shown host and its live status, and (for a host that did not succeed) why.
    QLabel* outputTitle() const { return m_outputTitle; }
    QLabel* outputReason() const { return m_outputReason; }
    // While the job waits between batches: which batch, how many hosts, and the button to go on.
    MessageBar* waitBanner() const { return m_waitBanner; }
    // The intervention as an action (in the view's tool bar, which folds into a menu when the view is narrow).
    QAction* action(Intervention intervention) const;
    // Groups of hosts with the same outcome and output (what the grouped view shows), largest first.
    struct OutputGroup {
        QByteArray firstLine; // of the first host's output (ANSI escapes kept), at most 200 bytes
        qint64 bytes = 0; // output bytes of each host of the group
        int exitCode = -1;
        HostStatus status = HostStatus::Pending;
        QStringList hosts;
    };
    QList<OutputGroup> outputGroups() const;
    // Shows the output of a host (as selecting it in the table does); the same host again reloads it.
    void showHost(const QString& host);
    QString shownHost() const { return m_shownHost; }
    // Loads the next window of the shown host's output (the "Show more" button).
    void loadMoreOutput();
    // Output bytes this view holds in memory (the shown host's window; all output when there is no source).
    qint64 heldOutputBytes() const;
    // Applies pending changes to the widgets now (they are otherwise applied on a short timer).
    void flush();

signals:
    void interventionRequested(JobView::Intervention intervention, int step);
    void problem(const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void buildUi();
    void retranslateUi();
    // The two action bars side by side when both fit, else one above the other.
    void updateActionsLayout();
    void updateHeader();
    void updateWaitBanner();
    void updateOutputTitle();
    void updateButtons();
    void writeHeadersBefore(QTextCursor& cursor, qint64 seq);
    void fillStepCombo();
    void rebuildGroups();
    void appendOutput(const JobEvent& event);
    void renderShownHost();
    void appendWindow();
    void updateMoreButton();

    // What the grouped view needs of a host's output (all steps, stdout and stderr as they came).
    struct OutputDigest {
        quint64 hashA = 0xcbf29ce484222325ull; // FNV-1a 64
        quint64 hashB = 0x84222325cbf29ce4ull; // FNV-1a 64 over the bytes rotated, another basis
        qint64 bytes = 0;
        qint64 events = 0;
        QByteArray head; // the first bytes, up to the first newline (at most 200)
        bool headDone = false;
    };
    JobState m_state;
    QHash<QString, OutputDigest> m_digests;
    // Every run of a host in a step (each retry and re-run): the pane separates them with a header.
    struct Attempt {
        qint64 startSeq = 0;
        int step = 0;
        int attempt = 0;
        qint64 startedMs = 0;
        bool finished = false;
        HostStatus status = HostStatus::Running;
        int exitCode = -1;
    };
    QHash<QString, QList<Attempt>> m_attempts;
    int m_shownHeaders = 0; // attempts of the shown host whose header is in the pane
    bool m_rowChangedByPress = false; // the table's current row changed under a mouse press (its click follows)
    bool m_shownStale = false; // the shown host moved on (finished, another attempt): re-render at the next flush
    OutputSource m_source;
    QHash<QString, QList<JobEvent>> m_memoryOutput; // only without a source
    QString m_shownHost;
    QString m_wantedHost; // shown before another job came: shown again when the new job has a host of that name
    qint64 m_shownEvents = 0; // output events of the shown host loaded into the pane
    qint64 m_shownBytes = 0;
    qint64 m_shownLimit = 0; // the pane fills (and follows live output) up to this many bytes
    bool m_dirty = false;
    bool m_groupsDirty = false;

    QLabel* m_title = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_counters = nullptr;
    JobProgressBar* m_progress = nullptr;
    MessageBar* m_waitBanner = nullptr;
    QLabel* m_outputReason = nullptr;
    QHash<Intervention, QAction*> m_buttons;
    QToolBar* m_toolBar = nullptr; // run control: pause, resume, next batch, cancel
    QToolBar* m_retryBar = nullptr; // retry, retry with not started, re-run a step
    QBoxLayout* m_actionsRow = nullptr;
    QComboBox* m_stepCombo = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_table = nullptr;
    JobHostModel* m_hosts = nullptr;
    QTreeWidget* m_groups = nullptr;
    TimelinePanel* m_timelinePanel = nullptr;
    TimelineView* m_timeline = nullptr;
    QTextEdit* m_output = nullptr;
    QLabel* m_outputTitle = nullptr;
    QPushButton* m_more = nullptr;
    std::unique_ptr<AnsiText> m_ansi;
    QTimer* m_refresh = nullptr;
};
