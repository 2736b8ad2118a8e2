#include "WorkflowText.h"

#include "Theme.h"

QString WorkflowText::kindLabel(WorkflowNode::Kind kind)
{
    switch (kind) {
    case WorkflowNode::Kind::RunScript:
        return tr("Run script");
    case WorkflowNode::Kind::PushFile:
        return tr("Push file");
    case WorkflowNode::Kind::PushTemplate:
        return tr("Push template");
    case WorkflowNode::Kind::RunLocal:
        return tr("Run locally");
    case WorkflowNode::Kind::Approval:
        return tr("Approval");
    case WorkflowNode::Kind::Wait:
        return tr("Wait");
    case WorkflowNode::Kind::Probe:
        return tr("Probe");
    case WorkflowNode::Kind::GatherFacts:
        return tr("Gather facts");
    case WorkflowNode::Kind::SubWorkflow:
        return tr("Sub-workflow");
    case WorkflowNode::Kind::Join:
        return tr("Join");
    }
    return {};
}

QString WorkflowText::kindDescription(WorkflowNode::Kind kind)
{
    switch (kind) {
    case WorkflowNode::Kind::RunScript:
        return tr("Runs a library script (or inline text) on the target hosts, in rolling batches.");
    case WorkflowNode::Kind::PushFile:
        return tr("Copies a local file to a path on the target hosts.");
    case WorkflowNode::Kind::PushTemplate:
        return tr("Renders a library template for each host and pushes it.");
    case WorkflowNode::Kind::RunLocal:
        return tr("Runs a command on the machine that runs the workflow (a DNS change, an API call).");
    case WorkflowNode::Kind::Approval:
        return tr("Waits until a person approves or rejects, with a comment.");
    case WorkflowNode::Kind::Wait:
        return tr("Waits for a number of seconds.");
    case WorkflowNode::Kind::Probe:
        return tr("Checks each host answers (TCP port, HTTP status or SSH) until a deadline.");
    case WorkflowNode::Kind::GatherFacts:
        return tr("Reads and stores the facts of the target hosts (OS, packages, services …), so that later nodes' "
                  "targets and templates see them.");
    case WorkflowNode::Kind::SubWorkflow:
        return tr("Runs another workflow of the workspace.");
    case WorkflowNode::Kind::Join:
        return tr("Goes on when all (or any) of its incoming edges were taken.");
    }
    return {};
}

QString WorkflowText::edgeKindLabel(WorkflowEdge::Kind kind)
{
    switch (kind) {
    case WorkflowEdge::Kind::OnSuccess:
        return tr("On success");
    case WorkflowEdge::Kind::OnFailure:
        return tr("On failure");
    case WorkflowEdge::Kind::Always:
        return tr("Always");
    }
    return {};
}

QString WorkflowText::summary(const WorkflowNode& node)
{
    QString what;
    switch (node.kind) {
    case WorkflowNode::Kind::RunScript:
        what = node.script.script.isEmpty() ? tr("inline script") : node.script.script;
        break;
    case WorkflowNode::Kind::PushFile:
        what = node.push.dest.isEmpty() ? tr("no destination yet") : node.push.dest;
        break;
    case WorkflowNode::Kind::PushTemplate:
        what = node.templ.templateName.isEmpty() ? tr("no template yet")
                                                 : tr("%1 → %2").arg(node.templ.templateName, node.templ.dest);
        break;
    case WorkflowNode::Kind::RunLocal:
        what
            = node.local.command.isEmpty() ? tr("no command yet") : node.local.command.section(QLatin1Char('\n'), 0, 0);
        break;
    case WorkflowNode::Kind::Approval:
        what = node.approval.timeoutSeconds > 0 ? tr("times out after %n s", "", node.approval.timeoutSeconds)
                                                : tr("waits for a person");
        break;
    case WorkflowNode::Kind::Wait:
        what = tr("%n s", "", node.waitSeconds);
        break;
    case WorkflowNode::Kind::Probe:
        what = WorkflowProbeSettings::kindName(node.probe.kind)
            + (node.probe.kind == WorkflowProbeSettings::Kind::Http ? QString()
                                                                    : QStringLiteral(" :%1").arg(node.probe.port));
        break;
    case WorkflowNode::Kind::SubWorkflow:
        what = node.sub.workflow.isEmpty() ? tr("no workflow yet") : node.sub.workflow;
        break;
    case WorkflowNode::Kind::GatherFacts:
        what = tr("facts of the hosts");
        break;
    case WorkflowNode::Kind::Join:
        what = node.join.mode == WorkflowJoinSettings::Mode::All
            ? (node.join.require == WorkflowJoinSettings::Require::Succeeded ? tr("all succeeded")
                                                                             : tr("all completed"))
            : (node.join.require == WorkflowJoinSettings::Require::Succeeded ? tr("any succeeded")
                                                                             : tr("any completed"));
        break;
    }
    if (node.isHostTouching() && !node.plan.toString().isEmpty()) {
        what += tr(" · batches %1").arg(node.plan.toString());
    }
    return what;
}

QColor WorkflowText::kindColour(WorkflowNode::Kind kind)
{
    switch (kind) {
    case WorkflowNode::Kind::RunScript:
    case WorkflowNode::Kind::RunLocal:
        return Theme::color(QStringLiteral("status.deploying"));
    case WorkflowNode::Kind::PushFile:
    case WorkflowNode::Kind::PushTemplate:
        return Theme::color(QStringLiteral("status.standby"));
    case WorkflowNode::Kind::Approval:
        return Theme::color(QStringLiteral("status.maintenance"));
    case WorkflowNode::Kind::Wait:
    case WorkflowNode::Kind::Join:
        return Theme::color(QStringLiteral("status.retired"));
    case WorkflowNode::Kind::Probe:
    case WorkflowNode::Kind::GatherFacts:
        return Theme::color(QStringLiteral("status.online"));
    case WorkflowNode::Kind::SubWorkflow:
        return Theme::color(QStringLiteral("syntax.reference"));
    }
    return Theme::color(QStringLiteral("mid"));
}
