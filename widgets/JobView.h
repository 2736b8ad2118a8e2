#pragma once

#include "JobEvent.h"
#include "JobState.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QWidget>

class AnsiText;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QAction;
class QToolBar;
class QSlider;
class QTabWidget;
class QTableView;
class QTextEdit;
class QTimer;
class QTreeWidget;
class TimelineView;

// The hosts of a job as a table: host, status, exit code, duration, attempt, message. Built from a JobState;
// refresh() re-reads it (the view calls it on a timer while events arrive, so thousands of events per second cost
// one repaint per tick).
class JobHostModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Host, Status, ExitCode, Duration, Attempt, Message, ColumnCount };
    explicit JobHostModel(QObject* parent = nullptr);
    void setState(const JobState* state);
    void refresh();
    QString hostAt(int row) const;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const JobState* m_state = nullptr;
    QList<HostState> m_rows;
};

// One job, live or replayed, entirely from its event stream: counters and a progress bar, the interventions, a
// per-host table, the output of the selected host with ANSI colours, hosts grouped by identical output and exit
// code, and a timeline (rows are hosts, bars are their runs per step coloured by outcome, growing live).
// Interventions are requested through signals: the owner passes them to the backend, whose events then show here.
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
    QTextEdit* outputView() const { return m_output; }
    QLabel* countersLabel() const { return m_counters; }
    QProgressBar* progressBar() const { return m_progress; }
    // The intervention as an action (in the view's tool bar, which folds into a menu when the view is narrow).
    QAction* action(Intervention intervention) const;
    // Groups of hosts with the same outcome and output (what the grouped view shows), largest first.
    struct OutputGroup {
        QByteArray output;
        int exitCode = -1;
        HostStatus status = HostStatus::Pending;
        QStringList hosts;
    };
    QList<OutputGroup> outputGroups() const;
    // Shows the output of a host (as selecting it in the table does).
    void showHost(const QString& host);
    QString shownHost() const { return m_shownHost; }
    // Applies pending changes to the widgets now (they are otherwise applied on a short timer).
    void flush();

signals:
    void interventionRequested(JobView::Intervention intervention, int step);
    void problem(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildUi();
    void retranslateUi();
    void updateHeader();
    void updateButtons();
    void rebuildGroups();
    void appendOutput(const JobEvent& event);
    void renderShownHost();

    JobState m_state;
    QHash<QString, QByteArray> m_outputByHost; // all steps, stdout and stderr as they came (kept in the store too)
    QString m_shownHost;
    bool m_dirty = false;
    bool m_groupsDirty = false;

    QLabel* m_title = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_counters = nullptr;
    QProgressBar* m_progress = nullptr;
    QHash<Intervention, QAction*> m_buttons;
    QToolBar* m_toolBar = nullptr;
    QComboBox* m_stepCombo = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_table = nullptr;
    JobHostModel* m_hosts = nullptr;
    QTreeWidget* m_groups = nullptr;
    TimelineView* m_timeline = nullptr;
    QSlider* m_zoom = nullptr;
    QTextEdit* m_output = nullptr;
    QLabel* m_outputTitle = nullptr;
    std::unique_ptr<AnsiText> m_ansi;
    QTimer* m_refresh = nullptr;
};

// The timeline of a job: one row per host, one bar per run of the host in a step, from start to finish (or to now
// while running), coloured by outcome. Zoom changes the pixels per second.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);
    void setState(const JobState* state);
    void setPixelsPerSecond(double pps);
    double pixelsPerSecond() const { return m_pps; }
    // The bars drawn: host row, step, start and end (ms since the job began), status.
    struct Bar {
        int row = 0;
        int step = 0;
        qint64 startMs = 0;
        qint64 endMs = 0;
        HostStatus status = HostStatus::Pending;
    };
    QList<Bar> bars() const;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    const JobState* m_state = nullptr;
    double m_pps = 40.0;
};
