#include "workflows/DemoWorkflows.h"

#include "store/Workspace.h"
#include "workflows/WorkflowStore.h"

namespace {

WorkflowNode node(const char* id, const char* title, WorkflowNode::Kind kind, double x, double y)
{
    WorkflowNode n;
    n.id = QString::fromLatin1(id);
    n.title = QString::fromUtf8(title);
    n.kind = kind;
    n.x = x;
    n.y = y;
    return n;
}

WorkflowEdge edge(const char* from, const char* to, WorkflowEdge::Kind kind = WorkflowEdge::Kind::OnSuccess,
    const QString& condition = {})
{
    return { QString::fromLatin1(from), QString::fromLatin1(to), kind, condition };
}

Workflow rollingRelease()
{
    using K = WorkflowNode::Kind;
    Workflow w;
    w.name = QStringLiteral("nginx rolling release");
    w.description = QStringLiteral("Push a new nginx.conf to the shop's web tier and reload it in batches of 1, 50% "
                                   "and the rest; roll the changed hosts back when anything fails.");
    WorkflowParam env;
    env.name = QStringLiteral("env");
    env.type = WorkflowParam::Type::Choice;
    env.choices = { QStringLiteral("staging"), QStringLiteral("production") };
    env.defaultValue = QStringLiteral("staging");
    env.required = true;
    env.description = QStringLiteral("Which environment's web hosts");
    WorkflowParam threshold;
    threshold.name = QStringLiteral("disk_threshold");
    threshold.type = WorkflowParam::Type::Number;
    threshold.defaultValue = QStringLiteral("90");
    threshold.description = QStringLiteral("Refuse hosts whose filesystems are fuller than this (percent)");
    w.params = { env, threshold };
    w.targets.query = QStringLiteral("tag:nginx");

    WorkflowNode precheck = node("precheck", "Disk check", K::RunScript, 0, 0);
    precheck.script.script = QStringLiteral("disk-report");
    precheck.script.args = { QStringLiteral("{{ params.disk_threshold }}") };
    precheck.failurePolicy = FailurePolicy::maxFailed(1);
    precheck.timeoutSeconds = 60;

    WorkflowNode backup = node("backup", "Keep the current config", K::RunScript, 240, 0);
    backup.script.inlineText
        = QStringLiteral("#!/bin/sh\nset -e\ncp -p /etc/nginx/nginx.conf /etc/nginx/nginx.conf.previous\n");
    backup.script.account = QStringLiteral("root");

    WorkflowNode push = node("push", "Push nginx.conf", K::PushTemplate, 480, 0);
    push.templ.templateName = QStringLiteral("nginx.conf");
    push.templ.dest = QStringLiteral("/etc/nginx/nginx.conf");
    push.templ.mode = QStringLiteral("0644");
    push.templ.owner = QStringLiteral("root:root");
    push.params = { { QStringLiteral("env_name"), QStringLiteral("{{ params.env }}") } };

    WorkflowNode restart = node("restart", "Reload in batches", K::RunScript, 720, 0);
    restart.script.inlineText = QStringLiteral("#!/bin/sh\nset -e\nnginx -t\nsystemctl reload nginx\n");
    restart.script.account = QStringLiteral("root");
    restart.targets.from = WorkflowTargets::From::Succeeded;
    restart.targets.fromNode = QStringLiteral("push");
    restart.plan = *RollingPlan::parse(QStringLiteral("1 50% 100%"));
    restart.pause = BatchPause::after(10);
    restart.failurePolicy = FailurePolicy::stopOnFirst();
    restart.retries = { 1, 5 };

    WorkflowNode probe = node("probe", "Port 80 open", K::Probe, 960, 0);
    probe.probe.kind = WorkflowProbeSettings::Kind::Tcp;
    probe.probe.port = 80;
    probe.probe.intervalSeconds = 2;
    probe.probe.deadlineSeconds = 60;
    probe.targets.from = WorkflowTargets::From::Succeeded;
    probe.targets.fromNode = QStringLiteral("restart");

    WorkflowNode rollback = node("rollback", "Roll back the changed hosts", K::RunScript, 720, 200);
    rollback.script.inlineText = QStringLiteral(
        "#!/bin/sh\nset -e\ncp -p /etc/nginx/nginx.conf.previous /etc/nginx/nginx.conf\nsystemctl reload nginx\n");
    rollback.script.account = QStringLiteral("root");
    rollback.targets.from = WorkflowTargets::From::Succeeded;
    rollback.targets.fromNode = QStringLiteral("push");
    rollback.failurePolicy = FailurePolicy::continueAlways();

    w.nodes = { precheck, backup, push, restart, probe, rollback };
    w.edges = { edge("precheck", "backup", WorkflowEdge::Kind::OnSuccess,
                    QStringLiteral("nodes.precheck.failed_hosts | length == 0")),
        edge("backup", "push"), edge("push", "restart"), edge("restart", "probe"),
        edge("push", "rollback", WorkflowEdge::Kind::OnFailure),
        edge("restart", "rollback", WorkflowEdge::Kind::OnFailure),
        edge("probe", "rollback", WorkflowEdge::Kind::OnFailure) };
    return w;
}

Workflow serverInit()
{
    using K = WorkflowNode::Kind;
    Workflow w;
    w.name = QStringLiteral("server initialisation");
    w.description = QStringLiteral("Bring freshly installed servers into the fleet: base setup, time and names, "
                                   "a reboot, and a check that they come back.");
    WorkflowParam hosts;
    hosts.name = QStringLiteral("hosts");
    hosts.type = WorkflowParam::Type::Hosts;
    hosts.required = true;
    hosts.description = QStringLiteral("The new servers (a host query)");
    w.params = { hosts };
    w.targets.query = QStringLiteral("{{ params.hosts }}");

    WorkflowNode approve = node("approve", "Operator approval", K::Approval, 0, 0);
    approve.approval.message = QStringLiteral("Initialise these servers? Their hostname, time zone and packages change "
                                              "and they reboot.");
    approve.approval.timeoutSeconds = 3600;
    approve.approval.onTimeout = WorkflowApprovalSettings::OnTimeout::Reject;
    approve.approval.commentRequired = true;

    WorkflowNode init = node("init", "Base setup", K::RunScript, 240, 0);
    init.script.script = QStringLiteral("init-server");
    init.script.args = { QStringLiteral("{{ inventory_hostname }}") };
    init.script.account = QStringLiteral("root");
    init.concurrency = 10;
    init.timeoutSeconds = 900;
    init.failurePolicy = FailurePolicy::percentOfJob(20);

    WorkflowNode chrony = node("chrony", "Time sync config", K::PushTemplate, 480, -80);
    chrony.templ.templateName = QStringLiteral("chrony.conf");
    chrony.templ.dest = QStringLiteral("/etc/chrony/chrony.conf");
    chrony.targets.from = WorkflowTargets::From::Succeeded;
    chrony.targets.fromNode = QStringLiteral("init");

    WorkflowNode etcHosts = node("etc_hosts", "/etc/hosts", K::PushTemplate, 480, 80);
    etcHosts.templ.templateName = QStringLiteral("hosts");
    etcHosts.templ.dest = QStringLiteral("/etc/hosts");
    etcHosts.targets.from = WorkflowTargets::From::Succeeded;
    etcHosts.targets.fromNode = QStringLiteral("init");

    WorkflowNode joined = node("configured", "Both configs pushed", K::Join, 720, 0);
    joined.join.mode = WorkflowJoinSettings::Mode::All;
    joined.join.require = WorkflowJoinSettings::Require::Succeeded;

    WorkflowNode reboot = node("reboot", "Reboot", K::RunScript, 960, 0);
    reboot.script.inlineText = QStringLiteral("#!/bin/sh\nsystemctl reboot\n");
    reboot.script.account = QStringLiteral("root");
    reboot.targets.from = WorkflowTargets::From::Succeeded;
    reboot.targets.fromNode = QStringLiteral("init");
    reboot.plan = *RollingPlan::parse(QStringLiteral("25%"));
    reboot.failurePolicy = FailurePolicy::continueAlways();

    WorkflowNode settle = node("settle", "Let them go down", K::Wait, 1200, 0);
    settle.waitSeconds = 20;

    WorkflowNode back = node("back", "SSH reachable again", K::Probe, 1440, 0);
    back.probe.kind = WorkflowProbeSettings::Kind::Ssh;
    back.probe.intervalSeconds = 10;
    back.probe.deadlineSeconds = 600;
    back.targets.from = WorkflowTargets::From::Succeeded;
    back.targets.fromNode = QStringLiteral("init");

    w.nodes = { approve, init, chrony, etcHosts, joined, reboot, settle, back };
    w.edges = { edge("approve", "init"), edge("init", "chrony"), edge("init", "etc_hosts"),
        edge("chrony", "configured"), edge("etc_hosts", "configured"), edge("configured", "reboot"),
        edge("reboot", "settle", WorkflowEdge::Kind::Always), edge("settle", "back") };
    return w;
}

} // namespace

QList<Workflow> DemoWorkflows::make()
{
    return { rollingRelease(), serverInit() };
}

Result<void> DemoWorkflows::addTo(Workspace& workspace)
{
    WorkflowStore store(workspace);
    for (const Workflow& w : make()) {
        if (auto saved = store.save(w, QStringLiteral("demo")); !saved) {
            return saved.error();
        }
    }
    return {};
}
