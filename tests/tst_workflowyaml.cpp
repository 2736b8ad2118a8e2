// The workflow model's types and its YAML form: every field round-trips both ways, the canonical text is stable
// (key order, positions), and bad YAML or bad fields are refused with line, column, node id and field.
#include "workflows/Workflow.h"
#include "workflows/WorkflowYaml.h"

#include <QTemporaryDir>
#include <QTest>

namespace {

// A workflow with every node kind and every field set away from its default.
Workflow everything()
{
    Workflow w;
    w.name = QStringLiteral("release web");
    w.description = QStringLiteral("Rolls a release out: check, push, restart.\nSecond line: with # and \"quotes\"");
    WorkflowParam env;
    env.name = QStringLiteral("env");
    env.type = WorkflowParam::Type::Choice;
    env.defaultValue = QStringLiteral("staging");
    env.required = true;
    env.choices = { QStringLiteral("staging"), QStringLiteral("prod") };
    env.description = QStringLiteral("Where: staging or prod");
    WorkflowParam count;
    count.name = QStringLiteral("count");
    count.type = WorkflowParam::Type::Number;
    count.defaultValue = QStringLiteral("3");
    WorkflowParam token;
    token.name = QStringLiteral("token");
    token.type = WorkflowParam::Type::Secret;
    WorkflowParam flag;
    flag.name = QStringLiteral("dry");
    flag.type = WorkflowParam::Type::Boolean;
    flag.defaultValue = QStringLiteral("true");
    WorkflowParam hosts;
    hosts.name = QStringLiteral("where");
    hosts.type = WorkflowParam::Type::Hosts;
    hosts.defaultValue = QStringLiteral("tag:web idc:js");
    w.params = { env, count, token, flag, hosts };
    w.targets.query = QStringLiteral("tag:web");
    w.targets.groups = { QStringLiteral("web"), QStringLiteral("edge nodes") };
    w.targets.hosts = { QStringLiteral("web-01") };

    WorkflowNode script;
    script.id = QStringLiteral("precheck");
    script.title = QStringLiteral("Pre-check: disk & load");
    script.kind = WorkflowNode::Kind::RunScript;
    script.x = 10.5;
    script.y = -20;
    script.script.script = QStringLiteral("check-disk");
    script.script.args = { QStringLiteral("--min"), QStringLiteral("10%"), QStringLiteral("a b") };
    script.script.account = QStringLiteral("root");
    script.targets.query = QStringLiteral("{{ params.where }}");
    script.plan = *RollingPlan::parse(QStringLiteral("1 50% 100%"));
    script.pause = BatchPause::after(30);
    script.failurePolicy = FailurePolicy::percentOfBatch(20);
    script.timeoutSeconds = 120;
    script.concurrency = 8;
    script.retries = { 2, 15 };
    script.params = { { QStringLiteral("min_free"), QStringLiteral("10") },
        { QStringLiteral("env"), QStringLiteral("{{ params.env }}") } };

    WorkflowNode inlineScript;
    inlineScript.id = QStringLiteral("restart");
    inlineScript.kind = WorkflowNode::Kind::RunScript;
    inlineScript.x = 300;
    inlineScript.y = 0;
    inlineScript.script.inlineText = QStringLiteral("#!/bin/sh\nset -e\n\n  systemctl restart nginx\n");
    inlineScript.script.interpreter = QStringLiteral("sh");
    inlineScript.failurePolicy = FailurePolicy::continueAlways();

    WorkflowNode push;
    push.id = QStringLiteral("push_file");
    push.kind = WorkflowNode::Kind::PushFile;
    push.push = { QStringLiteral("/srv/release/app.tar.gz"), QStringLiteral("/opt/app/app.tar.gz"),
        QStringLiteral("0644"), QStringLiteral("app:app") };
    push.targets.from = WorkflowTargets::From::Succeeded;
    push.targets.fromNode = QStringLiteral("precheck");

    WorkflowNode templ;
    templ.id = QStringLiteral("push_conf");
    templ.kind = WorkflowNode::Kind::PushTemplate;
    templ.templ = { QStringLiteral("nginx.conf"), QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("0600"),
        QStringLiteral("root") };
    templ.targets.from = WorkflowTargets::From::Failed;
    templ.targets.fromNode = QStringLiteral("restart");

    WorkflowNode local;
    local.id = QStringLiteral("dns");
    local.kind = WorkflowNode::Kind::RunLocal;
    local.local.command = QStringLiteral("curl -X POST https://dns.example/api?x=1 -d '{\"a\": 1}'");

    WorkflowNode approval;
    approval.id = QStringLiteral("approve");
    approval.kind = WorkflowNode::Kind::Approval;
    approval.approval.approvers = { QStringLiteral("alice"), QStringLiteral("bob") };
    approval.approval.message = QStringLiteral("Go on with prod?");
    approval.approval.timeoutSeconds = 3600;
    approval.approval.onTimeout = WorkflowApprovalSettings::OnTimeout::Reject;
    approval.approval.commentRequired = true;

    WorkflowNode wait;
    wait.id = QStringLiteral("settle");
    wait.kind = WorkflowNode::Kind::Wait;
    wait.waitSeconds = 45;

    WorkflowNode tcp;
    tcp.id = QStringLiteral("probe_tcp");
    tcp.kind = WorkflowNode::Kind::Probe;
    tcp.probe.port = 443;
    tcp.probe.intervalSeconds = 2;
    tcp.probe.deadlineSeconds = 60;
    WorkflowNode http;
    http.id = QStringLiteral("probe_http");
    http.kind = WorkflowNode::Kind::Probe;
    http.probe.kind = WorkflowProbeSettings::Kind::Http;
    http.probe.url = QStringLiteral("http://{{ host }}:8080/health");
    http.probe.expectStatus = 204;
    WorkflowNode ssh;
    ssh.id = QStringLiteral("probe_ssh");
    ssh.kind = WorkflowNode::Kind::Probe;
    ssh.probe.kind = WorkflowProbeSettings::Kind::Ssh;

    WorkflowNode sub;
    sub.id = QStringLiteral("init");
    sub.kind = WorkflowNode::Kind::SubWorkflow;
    sub.sub.workflow = QStringLiteral("server init");
    sub.sub.params
        = { { QStringLiteral("hostname"), QStringLiteral("") }, { QStringLiteral("yes"), QStringLiteral("true") } };

    WorkflowNode join;
    join.id = QStringLiteral("both");
    join.kind = WorkflowNode::Kind::Join;
    join.join.mode = WorkflowJoinSettings::Mode::Any;
    join.join.require = WorkflowJoinSettings::Require::Completed;

    w.nodes = { script, inlineScript, push, templ, local, approval, wait, tcp, http, ssh, sub, join };
    w.edges = { { QStringLiteral("precheck"), QStringLiteral("restart"), WorkflowEdge::Kind::OnSuccess,
                    QStringLiteral("nodes.precheck.failed_hosts | length == 0") },
        { QStringLiteral("precheck"), QStringLiteral("dns"), WorkflowEdge::Kind::OnFailure, {} },
        { QStringLiteral("restart"), QStringLiteral("both"), WorkflowEdge::Kind::Always,
            QStringLiteral("params.env == 'prod'") } };
    return w;
}

} // namespace

class TestWorkflowYaml : public QObject {
    Q_OBJECT

private slots:
    // A gather-facts node: host settings only (targets, plan, timeout …); a script of its own is refused.
    void gatherFactsNode()
    {
        const char* yaml = R"(name: inventory-refresh
nodes:
  - id: gather
    kind: gather-facts
    targets:
      query: "group:web"
    plan: "1 50%"
    timeout: 60
)";
        auto w = WorkflowYaml::load(QString::fromLatin1(yaml));
        QVERIFY2(w, qPrintable(w ? QString() : w.error().toString()));
        QCOMPARE(w->nodes.size(), 1);
        QCOMPARE(w->nodes.first().kind, WorkflowNode::Kind::GatherFacts);
        QCOMPARE(w->nodes.first().targets.query, QStringLiteral("group:web"));
        QCOMPARE(w->nodes.first().timeoutSeconds, 60);
        auto again = WorkflowYaml::load(WorkflowYaml::save(*w));
        QVERIFY(again);
        QVERIFY(*again == *w);
        auto bad = WorkflowYaml::load(QString::fromLatin1(yaml).replace(
            QStringLiteral("    timeout: 60\n"), QStringLiteral("    timeout: 60\n    inline: uname\n")));
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains(QLatin1String("inline")), qPrintable(bad.error().message));
    }

    void kindNamesBothWays()
    {
        QCOMPARE(WorkflowNode::allKinds().size(), 10);
        QCOMPARE(WorkflowNode::kindName(WorkflowNode::Kind::GatherFacts), QStringLiteral("gather-facts"));
        QVERIFY(WorkflowNode::isHostTouching(WorkflowNode::Kind::GatherFacts));
        for (const WorkflowNode::Kind kind : WorkflowNode::allKinds()) {
            QCOMPARE(WorkflowNode::kindFromName(WorkflowNode::kindName(kind)), kind);
        }
        QCOMPARE(WorkflowNode::kindName(WorkflowNode::Kind::SubWorkflow), QStringLiteral("sub-workflow"));
        QVERIFY(!WorkflowNode::kindFromName(QStringLiteral("RunScript")));
        QVERIFY(WorkflowNode::isHostTouching(WorkflowNode::Kind::PushTemplate));
        QVERIFY(!WorkflowNode::isHostTouching(WorkflowNode::Kind::Approval));
        QCOMPARE(WorkflowEdge::kindFromName(QStringLiteral("failure")), WorkflowEdge::Kind::OnFailure);
    }

    void helpers()
    {
        Workflow w = everything();
        QCOMPARE(w.node(QStringLiteral("settle"))->waitSeconds, 45);
        QVERIFY(w.node(QStringLiteral("nope")) == nullptr);
        QCOMPARE(w.outgoing(QStringLiteral("precheck")).size(), 2);
        QCOMPARE(w.incoming(QStringLiteral("both")).first().from, QStringLiteral("restart"));
        QVERIFY(w.startNodes().contains(QStringLiteral("precheck")));
        QVERIFY(!w.startNodes().contains(QStringLiteral("restart")));
        QCOMPARE(w.uniqueNodeId(QStringLiteral("settle")), QStringLiteral("settle_2"));
        QVERIFY(w.renameNode(QStringLiteral("precheck"), QStringLiteral("check")));
        QCOMPARE(w.edges.first().from, QStringLiteral("check"));
        QCOMPARE(w.node(QStringLiteral("push_file"))->targets.fromNode, QStringLiteral("check"));
        QVERIFY(!w.renameNode(QStringLiteral("check"), QStringLiteral("dns")));
        QVERIFY(w.removeNode(QStringLiteral("restart")));
        QCOMPARE(w.edges.size(), 1);
        QVERIFY(!WorkflowNode::idProblem(QStringLiteral("1abc")).isEmpty());
        QVERIFY(!WorkflowNode::idProblem(QStringLiteral("a-b")).isEmpty());
        QVERIFY(WorkflowNode::idProblem(QStringLiteral("_a1")).isEmpty());
    }

    void roundTripsEveryField()
    {
        const Workflow w = everything();
        const QString text = WorkflowYaml::save(w);
        const auto loaded = WorkflowYaml::load(text);
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().toString() + u'\n' + text));
        for (int i = 0; i < w.nodes.size(); ++i) {
            QVERIFY2(loaded->nodes[i] == w.nodes[i], qPrintable(w.nodes[i].id + u'\n' + text));
        }
        QCOMPARE(loaded->params, w.params);
        QCOMPARE(loaded->targets, w.targets);
        QCOMPARE(loaded->edges, w.edges);
        QVERIFY(*loaded == w);
        QCOMPARE(WorkflowYaml::save(*loaded), text);
    }

    void canonicalTextIsStable()
    {
        const QString text = QStringLiteral("name: small\n"
                                            "params:\n"
                                            "  - name: env\n"
                                            "    type: string\n"
                                            "    default: prod\n"
                                            "targets:\n"
                                            "  groups: [web]\n"
                                            "nodes:\n"
                                            "  - id: check\n"
                                            "    kind: run-script\n"
                                            "    position: [0, 0]\n"
                                            "    script: check-disk\n"
                                            "    plan: 1 50% 100%\n"
                                            "    retries:\n"
                                            "      count: 1\n"
                                            "      delay: 5\n"
                                            "  - id: port\n"
                                            "    title: Port open\n"
                                            "    kind: probe\n"
                                            "    position: [240, 0.5]\n"
                                            "    probe: tcp\n"
                                            "    port: 80\n"
                                            "    targets:\n"
                                            "      succeeded_in: check\n"
                                            "edges:\n"
                                            "  - from: check\n"
                                            "    to: port\n"
                                            "    kind: success\n"
                                            "    when: params.env == 'prod'\n");
        const auto w = WorkflowYaml::load(text);
        QVERIFY2(w.ok(), qPrintable(w.ok() ? QString() : w.error().toString()));
        QCOMPARE(w->nodes.size(), 2);
        QCOMPARE(w->nodes[1].y, 0.5);
        QCOMPARE(w->nodes[0].plan.toString(), QStringLiteral("1 50% 100%"));
        QCOMPARE(WorkflowYaml::save(*w), text);

        // A moved node changes one line of the text.
        Workflow moved = *w;
        moved.nodes[1].x = 260;
        const QStringList before = text.split(u'\n');
        const QStringList after = WorkflowYaml::save(moved).split(u'\n');
        QCOMPARE(after.size(), before.size());
        int changed = 0;
        for (int i = 0; i < before.size(); ++i) {
            changed += before[i] != after[i] ? 1 : 0;
        }
        QCOMPARE(changed, 1);
    }

    void badInputNamesThePlace_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("needle");
        const QString head = QStringLiteral("name: w\nnodes:\n  - id: push\n    kind: run-script\n");
        QTest::newRow("malformed") << QStringLiteral("name: [w\n") << 2 << 1 << QStringLiteral("malformed YAML");
        QTest::newRow("not a map") << QStringLiteral("- a\n") << 1 << 1 << QStringLiteral("must be a mapping");
        QTest::newRow("unknown top key") << QStringLiteral("name: w\nnodez: []\n") << 2 << 1
                                         << QStringLiteral("unknown key 'nodez'");
        QTest::newRow("bad plan") << head + QStringLiteral("    plan: 1 x%\n") << 5 << 11
                                  << QStringLiteral("node 'push': field 'plan':");
        QTest::newRow("bad fail_at") << head + QStringLiteral("    fail_at: sometimes\n") << 5 << 14
                                     << QStringLiteral("node 'push': field 'fail_at':");
        QTest::newRow("bad timeout") << head + QStringLiteral("    timeout: soon\n") << 5 << 14
                                     << QStringLiteral("node 'push': field 'timeout': must be a whole number");
        QTest::newRow("key of another kind") << head + QStringLiteral("    seconds: 3\n") << 5 << 5
                                             << QStringLiteral("node 'push': unknown key 'seconds'");
        QTest::newRow("bad kind") << QStringLiteral("name: w\nnodes:\n  - id: a\n    kind: reboot\n") << 4 << 11
                                  << QStringLiteral("node 'a': field 'kind': unknown value 'reboot'");
        QTest::newRow("bad id") << QStringLiteral("name: w\nnodes:\n  - id: a-b\n    kind: wait\n") << 3 << 9
                                << QStringLiteral("node 'a-b': field 'id'");
        QTest::newRow("same id") << QStringLiteral(
            "name: w\nnodes:\n  - id: a\n    kind: wait\n  - id: a\n    kind: wait\n")
                                 << 5 << 9 << QStringLiteral("another node has the same id");
        QTest::newRow("bad position") << head + QStringLiteral("    position: [1]\n") << 5 << 15
                                      << QStringLiteral("field 'position'");
        QTest::newRow("both froms") << head + QStringLiteral("    targets: {succeeded_in: a, failed_in: b}\n") << 5
                                    << 14 << QStringLiteral("not both");
        QTest::newRow("bad edge kind") << QStringLiteral("name: w\nedges:\n  - {from: a, to: b, kind: maybe}\n") << 3
                                       << 28 << QStringLiteral("unknown value 'maybe'");
        QTest::newRow("no name") << QStringLiteral("description: x\n") << 1 << 1 << QStringLiteral("name");
        QTest::newRow("approval bool") << QStringLiteral(
            "name: w\nnodes:\n  - id: ok\n    kind: approval\n    comment_required: perhaps\n")
                                       << 5 << 23 << QStringLiteral("node 'ok': field 'comment_required'");
    }

    void badInputNamesThePlace()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, needle);
        const auto w = WorkflowYaml::load(text, QStringLiteral("f.yml"));
        QVERIFY(!w.ok());
        QVERIFY2(w.error().message.contains(needle), qPrintable(w.error().toString()));
        QCOMPARE(w.error().where.file, QStringLiteral("f.yml"));
        QCOMPARE(w.error().where.line, line);
        QCOMPARE(w.error().where.column, column);
    }

    void loadsFiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("w.yml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(WorkflowYaml::save(everything()).toUtf8());
        f.close();
        const auto w = WorkflowYaml::loadFile(path);
        QVERIFY(w.ok());
        QVERIFY(*w == everything());
        const auto missing = WorkflowYaml::loadFile(dir.filePath(QStringLiteral("none.yml")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().toString().startsWith(dir.filePath(QStringLiteral("none.yml"))));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowYaml)
#include "tst_workflowyaml.moc"
