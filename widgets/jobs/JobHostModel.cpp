#include "JobHostModel.h"

#include "jobs/JobDisplay.h"
#include "jobs/JobText.h"

using JobDisplay::durationText;
using JobDisplay::statusColor;

JobHostModel::JobHostModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void JobHostModel::setState(const JobState* state)
{
    m_state = state;
    beginResetModel();
    m_rows = m_state ? m_state->hostSummaries() : QList<HostState>();
    endResetModel();
}

void JobHostModel::refresh()
{
    // One step (most jobs): a host's row is its state in that step. Compared in place rather than copying every
    // summary: a job of 10,000 hosts refreshes ten times a second while it runs.
    if (m_state && m_state->steps().size() == 1 && m_rows.size() == m_state->steps().first().targets.size()) {
        const QHash<QString, HostState>& hosts = m_state->steps().first().hosts;
        int first = -1;
        int last = -1;
        for (int i = 0; i < m_rows.size(); ++i) {
            const auto it = hosts.constFind(m_rows.at(i).name);
            if (it != hosts.cend() && !(*it == m_rows.at(i))) {
                m_rows[i] = *it;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first >= 0) {
            emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        }
        return;
    }
    const QList<HostState> rows = m_state ? m_state->hostSummaries() : QList<HostState>();
    if (rows.size() != m_rows.size()) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    int first = -1;
    int last = -1;
    for (int i = 0; i < rows.size(); ++i) {
        if (!(rows.at(i) == m_rows.at(i))) {
            first = first < 0 ? i : first;
            last = i;
        }
    }
    m_rows = rows;
    if (first >= 0) {
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
    }
}

QString JobHostModel::reasonText(const HostState& h)
{
    // The engine and the transport store English; shown in the interface's language.
    const QString message = JobText::display(h.message);
    const auto with
        = [&message](const QString& what) { return message.isEmpty() ? what : tr("%1: %2").arg(what, message); };
    switch (h.status) {
    case HostStatus::Pending:
        return {};
    case HostStatus::Running:
        // Before its command: waiting for a handshake slot (the transport's admission control), then connecting.
        if (h.phase == QLatin1String("queued")) {
            return h.retries > 0 ? tr("Connecting (queued; retried %n time(s))", "", h.retries)
                                 : tr("Connecting (queued)");
        }
        if (h.phase == QLatin1String("connecting")) {
            return h.retries > 0 ? tr("Connecting (retried %n time(s))", "", h.retries) : tr("Connecting");
        }
        return {};
    case HostStatus::Success:
        return message;
    case HostStatus::Failed:
        if (h.exitCode >= 0) {
            return message.isEmpty() ? tr("Exited with code %1").arg(h.exitCode)
                                     : tr("Exited with code %1: %2").arg(h.exitCode).arg(message);
        }
        return with(tr("Failed"));
    case HostStatus::TimedOut:
        return with(tr("Timed out"));
    case HostStatus::Unreachable:
        return with(tr("Unreachable"));
    case HostStatus::AuthFailed:
        return with(tr("Authentication failed"));
    case HostStatus::HostKeyRejected:
        return with(tr("Host key rejected"));
    case HostStatus::Cancelled:
        return with(tr("Cancelled"));
    case HostStatus::Skipped:
        return with(tr("Skipped: the host did not pass an earlier step"));
    case HostStatus::NotStarted:
        return with(tr("Not started: the job stopped before this host's turn"));
    case HostStatus::Interrupted:
        return with(tr("Interrupted: the program running the job stopped; the outcome is unknown"));
    }
    return message;
}

QString JobHostModel::hostAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int JobHostModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobHostModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobHostModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size()) {
        return {};
    }
    const HostState& h = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Host:
            return h.name;
        case Status:
            return displayName(h.status);
        case ExitCode:
            return h.exitCode >= 0 ? QVariant(h.exitCode) : QVariant();
        case Duration:
            return durationText(h.durationMs);
        case Attempt:
            return h.attempt >= 1 ? QVariant(h.attempt) : QVariant();
        case Reason:
            return reasonText(h);
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && (index.column() == Status || (index.column() == Reason && isFailure(h.status)))) {
        return statusColor(h.status);
    }
    if (role == Qt::DecorationRole && index.column() == Host) {
        return statusColor(h.status);
    }
    if (role == Qt::ToolTipRole && index.column() == Reason) {
        const QString reason = reasonText(h);
        return reason.isEmpty() ? QVariant() : QVariant(reason);
    }
    return {};
}

QVariant JobHostModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Host:
        return tr("Host");
    case Status:
        return tr("Status");
    case ExitCode:
        return tr("Exit");
    case Duration:
        return tr("Duration");
    case Attempt:
        return tr("Attempt");
    case Reason:
        return tr("Reason");
    default:
        return {};
    }
}
