#include "CliWorkflowProgress.h"

#include "workflows/WorkflowRun.h"
#include "workflows/WorkflowStore.h"

namespace CliWorkflowProgress {

QMap<QString, QString> paramsOf(const CliArgs::Args& a, QString* problem)
{
    QMap<QString, QString> out;
    for (const QString& kv : a.list(QStringLiteral("param"))) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *problem = QStringLiteral("--param '%1': write NAME=VALUE").arg(kv);
            return {};
        }
        out.insert(kv.left(eq), kv.mid(eq + 1));
    }
    return out;
}

QString batchesText(const QList<int>& sizes)
{
    QStringList parts;
    for (int n : sizes) {
        parts.append(QString::number(n));
    }
    return parts.join(QLatin1Char(' '));
}

void printPreview(const WorkflowPreview& p, const Workflow& w, QTextStream& out)
{
    for (const WorkflowPreviewNode& n : p.nodes) {
        const WorkflowNode* node = w.node(n.node);
        out << n.wave << "\t" << n.node << "\t" << WorkflowNode::kindName(node->kind) << "\t" << n.outcome;
        if (n.hostTouching && n.outcome != QLatin1String("skipped")) {
            out << "\t" << n.hosts << " host(s) in " << n.batchSizes.size() << " batch(es)";
            if (n.batchSizes.size() > 1) {
                out << ": " << batchesText(n.batchSizes);
            }
        }
        if (!n.note.isEmpty()) {
            out << "\t(" << n.note << ")";
        }
        out << "\n";
    }
    out << "outcome: " << p.outcome << "\n";
}

void printShow(const StoredWorkflow& stored, QTextStream& out)
{
    const Workflow& w = stored.workflow;
    out << w.name << " (version " << stored.version << ", " << stored.updatedAt.toString(Qt::ISODate) << ", "
        << stored.author << ")\n";
    if (!w.description.isEmpty()) {
        out << w.description << "\n";
    }
    for (const WorkflowParam& p : w.params) {
        out << "param " << p.name << ": " << WorkflowParam::typeName(p.type) << (p.required ? ", required" : "")
            << (p.defaultValue.isEmpty() || p.type == WorkflowParam::Type::Secret
                       ? QString()
                       : QStringLiteral(", default ") + p.defaultValue)
            << "\n";
    }
    for (const WorkflowNode& n : w.nodes) {
        out << "node " << n.id << ": " << WorkflowNode::kindName(n.kind);
        if (!n.title.isEmpty()) {
            out << " \"" << n.title << '"';
        }
        out << "\n";
    }
    for (const WorkflowEdge& e : w.edges) {
        out << "edge " << e.from << " -> " << e.to << ": " << WorkflowEdge::kindName(e.kind);
        if (!e.condition.isEmpty()) {
            out << " when " << e.condition;
        }
        out << "\n";
    }
}

void printStatus(const WorkflowRun& run, const QString& id, QTextStream& out)
{
    out << "workflow\t" << run.workflow().name << "\n";
    out << "job\t" << id << "\n";
    out << "status\t" << WorkflowRun::statusName(run.status()) << "\n";
    if (!run.message().isEmpty()) {
        out << "message\t" << run.message() << "\n";
    }
    for (const WorkflowNodeRun& n : run.nodes()) {
        out << "node\t" << n.id << "\t" << WorkflowNodeRun::statusName(n.status) << "\tattempt " << n.attempt;
        if (!n.targets.isEmpty() || !n.succeededHosts.isEmpty() || !n.failedHosts.isEmpty()) {
            out << "\t" << n.succeededHosts.size() << " succeeded, " << n.failedHosts.size() << " failed of "
                << n.targets.size();
        }
        if (!n.decision.isEmpty()) {
            out << "\t" << n.decision << " by " << (n.decidedBy.isEmpty() ? QStringLiteral("timeout") : n.decidedBy);
        }
        if (!n.nodeJob.isEmpty()) {
            out << "\tjob " << n.nodeJob;
        }
        out << "\n";
    }
}

} // namespace CliWorkflowProgress
