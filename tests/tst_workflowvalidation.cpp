// validateWorkflow: every rule reports its node (or edge) and field, all problems at once, and a sound workflow
// has none.
#include "workflows/WorkflowValidation.h"
#include "workflows/WorkflowYaml.h"

#include <QTest>

namespace {

Workflow fromYaml(const QString& text)
{
    auto w = WorkflowYaml::load(text);
    if (!w) {
        qFatal("%s", qPrintable(w.error().toString()));
    }
    return *w;
}

// "node|edge field: message" lines, to compare whole answers.
QStringList described(const Workflow& w, const WorkflowLookup& lookup = {})
{
    QStringList out;
    for (const WorkflowProblem& p : validateWorkflow(w, lookup)) {
        out.append(p.toString(w));
    }
    return out;
}

const char* const kSound = R"(name: release
params:
  - name: env
    type: choice
    default: staging
    choices: [staging, prod]
nodes:
  - id: check
    kind: run-script
    position: [0, 0]
    script: check-disk
  - id: push
    kind: push-template
    position: [200, 0]
    template: nginx.conf
    dest: /etc/nginx/nginx.conf
  - id: rollback
    kind: run-script
    position: [200, 200]
    inline: echo rollback
    targets:
      succeeded_in: push
  - id: done
    kind: join
    position: [400, 0]
    mode: any
    require: completed
edges:
  - from: check
    to: push
    kind: success
    when: "nodes.check.failed_hosts | length == 0 and params.env == 'prod'"
  - from: push
    to: rollback
    kind: failure
  - from: push
    to: done
    kind: success
  - from: rollback
    to: done
    kind: always
)";

} // namespace

class TestWorkflowValidation : public QObject {
    Q_OBJECT

private slots:
    void soundWorkflowHasNoProblems()
    {
        const Workflow w = fromYaml(QString::fromUtf8(kSound));
        WorkflowLookup lookup;
        lookup.scriptExists = [](const QString& n) { return n == QLatin1String("check-disk"); };
        lookup.templateExists = [](const QString& n) { return n == QLatin1String("nginx.conf"); };
        QCOMPARE(described(w, lookup), QStringList());
    }

    void missingScriptsAndTemplates()
    {
        const Workflow w = fromYaml(QString::fromUtf8(kSound));
        WorkflowLookup lookup;
        lookup.scriptExists = [](const QString&) { return false; };
        lookup.templateExists = [](const QString&) { return false; };
        QCOMPARE(described(w, lookup),
            QStringList({ QStringLiteral("node 'check': field 'script': no script 'check-disk' in the library"),
                QStringLiteral("node 'push': field 'template': no template 'nginx.conf' in the library") }));
    }

    void cyclesAndUnreachableNodes()
    {
        Workflow w = fromYaml(QString::fromUtf8(kSound));
        w.edges.append({ QStringLiteral("done"), QStringLiteral("check"), WorkflowEdge::Kind::Always, {} });
        QStringList problems = described(w);
        QVERIFY2(problems.contains(QStringLiteral("field 'nodes': no start node: every node has an incoming edge")),
            qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.contains(QStringLiteral("node 'check': a cycle: check -> push -> rollback -> done -> check")),
            qPrintable(problems.join(u'\n')));

        Workflow island = fromYaml(QString::fromUtf8(kSound));
        WorkflowNode a;
        a.id = QStringLiteral("a");
        a.kind = WorkflowNode::Kind::Wait;
        a.waitSeconds = 1;
        WorkflowNode b = a;
        b.id = QStringLiteral("b");
        island.nodes << a << b;
        island.edges.append({ QStringLiteral("a"), QStringLiteral("b"), WorkflowEdge::Kind::Always, {} });
        island.edges.append({ QStringLiteral("b"), QStringLiteral("a"), WorkflowEdge::Kind::Always, {} });
        problems = described(island);
        QVERIFY2(problems.contains(QStringLiteral("node 'a': no start node can reach this node")),
            qPrintable(problems.join(u'\n')));
        QVERIFY(problems.contains(QStringLiteral("node 'b': no start node can reach this node")));
        QVERIFY(problems.contains(QStringLiteral("node 'a': a cycle: a -> b -> a")));
    }

    void joinsThatNeverFire()
    {
        Workflow w = fromYaml(QString::fromUtf8(kSound));
        WorkflowNode* done = w.node(QStringLiteral("done"));
        done->join.mode = WorkflowJoinSettings::Mode::All;
        done->join.require = WorkflowJoinSettings::Require::Completed;
        w.edges.append({ QStringLiteral("push"), QStringLiteral("done"), WorkflowEdge::Kind::OnFailure, {} });
        QCOMPARE(described(w),
            QStringList(QStringLiteral("node 'done': field 'mode': join 'all' never fires: its edges from 'push' on "
                                       "success and on failure exclude each other")));
        // 'any' fires on either.
        done->join.mode = WorkflowJoinSettings::Mode::Any;
        QCOMPARE(described(w), QStringList());
        // 'all' + succeeded with an edge taken only on failure.
        Workflow v = fromYaml(QString::fromUtf8(kSound));
        v.node(QStringLiteral("done"))->join.mode = WorkflowJoinSettings::Mode::All;
        v.node(QStringLiteral("done"))->join.require = WorkflowJoinSettings::Require::Succeeded;
        v.edges.last().kind = WorkflowEdge::Kind::OnFailure;
        QVERIFY(described(v).constFirst().startsWith(QStringLiteral("node 'done': field 'require': join 'all'")));
        // No incoming edge at all.
        Workflow lone = fromYaml(QString::fromUtf8(kSound));
        lone.edges.removeIf([](const WorkflowEdge& e) { return e.to == QLatin1String("done"); });
        QCOMPARE(
            described(lone), QStringList(QStringLiteral("node 'done': a join without incoming edges never fires")));
    }

    void conditionsAndReferences()
    {
        Workflow w = fromYaml(QString::fromUtf8(kSound));
        w.edges[0].condition = QStringLiteral("nodes.check.failed_hosts | length ==");
        w.edges[1].condition = QStringLiteral("params.region == 'eu' and nodes.nope.ok and 'params.x' != ''");
        w.edges[2].condition = QStringLiteral("'params.env == 1'");
        w.node(QStringLiteral("check"))->params.insert(QStringLiteral("level"), QStringLiteral("{{ params.level }}"));
        const QList<WorkflowProblem> problems = validateWorkflow(w);
        QStringList text;
        for (const auto& p : problems) {
            text.append(p.toString(w));
        }
        QCOMPARE(problems.size(), 5);
        QCOMPARE(text[0], QStringLiteral("node 'check': field 'params.level': undefined parameter 'params.level'"));
        QCOMPARE(problems[1].edge, 0);
        QCOMPARE(problems[1].field, QStringLiteral("when"));
        QVERIFY2(problems[1].column > 30, qPrintable(text[1]));
        QVERIFY(text[1].startsWith(QStringLiteral("edge 1 (check -> push, success): field 'when': column ")));
        QCOMPARE(text[2],
            QStringLiteral("edge 2 (push -> rollback, failure): field 'when': undefined parameter 'params.region'"));
        QCOMPARE(text[3],
            QStringLiteral("edge 2 (push -> rollback, failure): field 'when': no node 'nope' (in 'nodes.nope')"));
        QVERIFY(text[4].contains(QStringLiteral("always true")));
    }

    void settingsPlansAndHostsFlow()
    {
        Workflow w = fromYaml(QString::fromUtf8(kSound));
        w.node(QStringLiteral("push"))->templ.dest.clear();
        w.node(QStringLiteral("rollback"))->targets.fromNode = QStringLiteral("done");
        WorkflowNode probe;
        probe.id = QStringLiteral("port");
        probe.kind = WorkflowNode::Kind::Probe;
        probe.targets.from = WorkflowTargets::From::Failed;
        probe.targets.fromNode = QStringLiteral("rollback");
        probe.retries.count = -1;
        w.nodes.append(probe);
        w.edges.append({ QStringLiteral("check"), QStringLiteral("port"), WorkflowEdge::Kind::Always, {} });
        w.params.append({ QStringLiteral("n"), WorkflowParam::Type::Number, QStringLiteral("many"), false, {}, {} });
        QCOMPARE(described(w),
            QStringList({ QStringLiteral("field 'params.n': the default 'many' is not a number"),
                QStringLiteral("node 'push': field 'dest': a push-template node needs a destination path"),
                QStringLiteral("node 'rollback': field 'targets': node 'done' runs on no hosts"),
                QStringLiteral("node 'port': field 'port': a tcp probe needs a port, 1 to 65535"),
                QStringLiteral("node 'port': field 'targets': node 'rollback' does not run before this one: its hosts "
                               "are not known here"),
                QStringLiteral("node 'port': field 'retries': count is 0 to 100 and delay not negative") }));
    }

    void edgesToUnknownNodes()
    {
        Workflow w = fromYaml(QString::fromUtf8(kSound));
        w.edges.append({ QStringLiteral("check"), QStringLiteral("ghost"), WorkflowEdge::Kind::OnSuccess, {} });
        QCOMPARE(
            described(w), QStringList(QStringLiteral("edge 5 (check -> ghost, success): field 'to': no node 'ghost'")));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowValidation)
#include "tst_workflowvalidation.moc"
