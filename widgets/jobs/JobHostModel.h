#pragma once

#include "jobs/JobState.h"

#include <QAbstractTableModel>
#include <QList>

// The hosts of a job as a table: host, status, reason (why a host failed or did not run, or the transport's message
// of a success; beside the status so that it stays in view), exit code, duration, attempt. Built from a JobState;
// refresh() re-reads it (the view calls it on a timer while events arrive, so thousands of events per second cost
// one repaint per tick).
class JobHostModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Host, Status, Reason, ExitCode, Duration, Attempt, ColumnCount };
    // Why a host ended as it did, for people: "Unreachable: …", "Exited with code 3", "Timed out: …" (empty for a
    // plain success, a pending or a running host).
    static QString reasonText(const HostState& host);
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
