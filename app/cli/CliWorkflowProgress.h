#pragma once

#include "CliArgs.h"
#include "jobs/JobEvent.h"
#include "workflows/Workflow.h"
#include "workflows/WorkflowPreview.h"

#include <QMap>
#include <QString>
#include <QTextStream>

class WorkflowRun;
struct StoredWorkflow;

// What `opsdeck-cli workflow` prints, the same for a workflow run here and one on a control server
// (CliWorkflowRun, CliWorkflowRemote): launch parameters read, the what-if preview, a run's progress from its
// events, a run's state, a workflow's summary.
namespace CliWorkflowProgress {

// `--param NAME=VALUE`…; *problem set (and nothing returned) for one without '='.
QMap<QString, QString> paramsOf(const CliArgs::Args& a, QString* problem);
QString batchesText(const QList<int>& sizes);
// WAVE NODE KIND OUTCOME [hosts in batches] [(note)], then the outcome.
void printPreview(const WorkflowPreview& p, const Workflow& w, QTextStream& out);
// `workflow show`: name, version, time and author, description, parameters, nodes, edges.
void printShow(const StoredWorkflow& stored, QTextStream& out);
// `workflow status`: the run's status and message, then a line per node.
void printStatus(const WorkflowRun& run, const QString& id, QTextStream& out);

// Prints a run's progress: a line per node start and end, per host of a node's job, per approval.
class Progress {
public:
    Progress(QTextStream& out, QTextStream& err)
        : m_out(out)
        , m_err(err)
    {
    }
    void onWorkflow(const JobEvent& e)
    {
        switch (e.type) {
        case JobEvent::Type::WorkflowStarted:
            m_out << "workflow " << e.jobId << ": started on " << e.hosts.size() << " host(s)\n";
            break;
        case JobEvent::Type::NodeStarted:
            m_out << "node " << e.node << ": started";
            if (!e.hosts.isEmpty()) {
                m_out << " on " << e.hosts.size() << " host(s)";
            }
            if (!e.nodeJob.isEmpty()) {
                m_out << " (job " << e.nodeJob.left(8) << ")";
            }
            m_out << "\n";
            break;
        case JobEvent::Type::ApprovalRequested:
            m_out << "node " << e.node << ": waiting for approval: " << e.message << "\n";
            m_out << "  opsdeck-cli workflow approve " << e.jobId << " " << e.node << " --comment TEXT [--reject]\n";
            break;
        case JobEvent::Type::ApprovalGiven:
            m_out << "node " << e.node << ": " << (e.decision == QLatin1String("approve") ? "approved" : "rejected");
            if (!e.by.isEmpty()) {
                m_out << " by " << e.by;
            }
            if (!e.comment.isEmpty()) {
                m_out << ": " << e.comment;
            }
            if (!e.message.isEmpty()) {
                m_out << " (" << e.message << ")";
            }
            m_out << "\n";
            break;
        case JobEvent::Type::NodeFinished:
            m_out << "node " << e.node << ": " << e.outcome;
            if (!e.hosts.isEmpty() || !e.failedHosts.isEmpty()) {
                m_out << " (" << e.hosts.size() << " succeeded, " << e.failedHosts.size() << " failed)";
            }
            if (!e.message.isEmpty()) {
                m_out << ": " << e.message;
            }
            m_out << "\n";
            if (!e.chunk.isEmpty()) {
                for (const QByteArray& line : e.chunk.split('\n')) {
                    if (!line.isEmpty()) {
                        m_out << "  " << e.node << ": " << QString::fromUtf8(line) << "\n";
                    }
                }
            }
            break;
        case JobEvent::Type::WorkflowPaused:
        case JobEvent::Type::WorkflowResumed:
        case JobEvent::Type::WorkflowCancelling:
            m_err << "opsdeck-cli: workflow " << JobEvent::typeName(e.type).section(QLatin1Char('.'), 1) << "\n";
            break;
        case JobEvent::Type::WorkflowFinished:
            m_out << "workflow " << e.jobId << ": " << e.outcome;
            if (!e.message.isEmpty()) {
                m_out << ": " << e.message;
            }
            m_out << "\n";
            break;
        default:
            break;
        }
        m_out.flush();
        m_err.flush();
    }
    void onNodeJob(const QString& node, const JobEvent& e)
    {
        if (e.type == JobEvent::Type::HostFinished) {
            m_out << "  " << node << ": " << e.host << ": " << hostStatusName(e.hostStatus);
            if (e.exitCode > 0) {
                m_out << " (exit " << e.exitCode << ")";
            }
            if (!e.message.isEmpty() && e.hostStatus != HostStatus::Success) {
                m_out << ": " << e.message;
            }
            m_out << "\n";
        } else if (e.type == JobEvent::Type::JobWaiting && e.waitSeconds > 0) {
            m_err << "opsdeck-cli: " << node << ": waiting " << e.waitSeconds << " s before batch " << e.batch + 1
                  << "\n";
        } else if (e.type == JobEvent::Type::JobRerun) {
            m_out << "  " << node << ": retrying " << e.hosts.size() << " host(s)\n";
        }
        m_out.flush();
        m_err.flush();
    }

private:
    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace CliWorkflowProgress
