#include "workflows/WorkflowValidation.h"

#include "jinja/Expression.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace {

using K = WorkflowNode::Kind;

// The text with its string literals blanked, so that `'params.x'` is not read as a reference.
QString withoutStrings(const QString& text)
{
    QString out = text;
    QChar quote;
    for (int i = 0; i < out.size(); ++i) {
        const QChar c = out[i];
        if (quote.isNull()) {
            if (c == u'\'' || c == u'"') {
                quote = c;
            }
        } else if (c == u'\\') {
            out[i] = u' ';
            if (i + 1 < out.size()) {
                out[++i] = u' ';
            }
        } else if (c == quote) {
            quote = QChar();
        } else {
            out[i] = u' ';
        }
    }
    return out;
}

// `params.NAME` / `params['NAME']` and `nodes.ID` references in an expression or a text with {{ … }}.
QStringList references(const QString& text, const QString& root)
{
    static const QHash<QString, QRegularExpression> patterns {
        { QStringLiteral("params"),
            QRegularExpression(QStringLiteral(
                "(?<![A-Za-z0-9_.])params\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]*)['\"]\\s*\\])")) },
        { QStringLiteral("nodes"),
            QRegularExpression(QStringLiteral(
                "(?<![A-Za-z0-9_.])nodes\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]*)['\"]\\s*\\])")) },
    };
    // Inside {{ }} of a text only; a condition is all expression.
    QStringList out;
    const bool isTemplate = text.contains(QLatin1String("{{")) || text.contains(QLatin1String("{%"));
    QString scanned;
    if (isTemplate) {
        static const QRegularExpression blocks(
            QStringLiteral("\\{[{%](.*?)[}%]\\}"), QRegularExpression::DotMatchesEverythingOption);
        for (auto it = blocks.globalMatch(text); it.hasNext();) {
            scanned += withoutStrings(it.next().captured(1)) + u' ';
        }
    } else {
        scanned = withoutStrings(text);
    }
    // Bracketed names were blanked with the strings: look them up in the original at the same places.
    const QString original = isTemplate ? scanned : text;
    for (auto it = patterns[root].globalMatch(scanned); it.hasNext();) {
        const auto m = it.next();
        if (!m.captured(1).isEmpty()) {
            out.append(m.captured(1));
        } else {
            const auto again = patterns[root].match(original, m.capturedStart());
            if (again.hasMatch() && !again.captured(2).isEmpty()) {
                out.append(again.captured(2));
            }
        }
    }
    return out;
}

class Validator {
public:
    Validator(const Workflow& w, const WorkflowLookup& lookup)
        : m_w(w)
        , m_lookup(lookup)
    {
    }

    QList<WorkflowProblem> run();

private:
    void add(const QString& node, const QString& field, const QString& message, int column = 0, int edge = -1)
    {
        m_problems.append(WorkflowProblem { node, edge, field, column, message });
    }
    void checkParams();
    void checkNode(const WorkflowNode& n);
    void checkTexts(const QString& node, int edge, const QString& field, const QString& text);
    void checkEdges();
    void checkGraph();
    void checkJoin(const WorkflowNode& n);
    QSet<QString> ancestors(const QString& id) const;

    const Workflow& m_w;
    const WorkflowLookup& m_lookup;
    QSet<QString> m_ids;
    QList<WorkflowProblem> m_problems;
};

void Validator::checkParams()
{
    static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QSet<QString> names;
    for (const WorkflowParam& p : m_w.params) {
        const QString field = QStringLiteral("params.") + p.name;
        if (!identifier.match(p.name).hasMatch()) {
            add({}, field, QStringLiteral("a parameter name is letters, digits and '_', not starting with a digit"));
        }
        if (names.contains(p.name)) {
            add({}, field, QStringLiteral("two parameters have this name"));
        }
        names.insert(p.name);
        if (p.type == WorkflowParam::Type::Choice) {
            if (p.choices.isEmpty()) {
                add({}, field, QStringLiteral("a choice parameter needs choices"));
            } else if (!p.defaultValue.isEmpty() && !p.choices.contains(p.defaultValue)) {
                add({}, field, QStringLiteral("the default '%1' is not one of the choices").arg(p.defaultValue));
            }
        } else if (!p.choices.isEmpty()) {
            add({}, field, QStringLiteral("only a choice parameter has choices"));
        }
        bool ok = true;
        if (p.type == WorkflowParam::Type::Number && !p.defaultValue.isEmpty()) {
            p.defaultValue.toDouble(&ok);
        } else if (p.type == WorkflowParam::Type::Boolean && !p.defaultValue.isEmpty()) {
            ok = p.defaultValue == QLatin1String("true") || p.defaultValue == QLatin1String("false");
        }
        if (!ok) {
            add({}, field,
                QStringLiteral("the default '%1' is not a %2").arg(p.defaultValue, WorkflowParam::typeName(p.type)));
        }
        if (p.type == WorkflowParam::Type::Secret && !p.defaultValue.isEmpty()) {
            add({}, field, QStringLiteral("a secret parameter has no default (it would be stored in the workflow)"));
        }
    }
}

void Validator::checkTexts(const QString& node, int edge, const QString& field, const QString& text)
{
    for (const QString& name : references(text, QStringLiteral("params"))) {
        if (m_w.param(name) == nullptr) {
            add(node, field, QStringLiteral("undefined parameter 'params.%1'").arg(name), 0, edge);
        }
    }
    for (const QString& id : references(text, QStringLiteral("nodes"))) {
        if (!m_ids.contains(id)) {
            add(node, field, QStringLiteral("no node '%1' (in 'nodes.%1')").arg(id), 0, edge);
        }
    }
}

void Validator::checkNode(const WorkflowNode& n)
{
    const auto need = [&](const char* field, const QString& value, const char* what) {
        if (value.trimmed().isEmpty()) {
            add(n.id, QLatin1String(field),
                QStringLiteral("a %1 node needs %2").arg(WorkflowNode::kindName(n.kind), QLatin1String(what)));
            return false;
        }
        return true;
    };
    const auto text
        = [&](const char* field, const QString& value) { checkTexts(n.id, -1, QLatin1String(field), value); };
    switch (n.kind) {
    case K::RunScript:
        if (!n.script.script.isEmpty() && !n.script.inlineText.isEmpty()) {
            add(n.id, QStringLiteral("script"), QStringLiteral("give a library script or inline text, not both"));
        } else if (n.script.script.isEmpty() && n.script.inlineText.trimmed().isEmpty()) {
            add(n.id, QStringLiteral("script"),
                QStringLiteral("a run-script node needs a library script or inline text"));
        } else if (!n.script.script.isEmpty() && m_lookup.scriptExists && !m_lookup.scriptExists(n.script.script)) {
            add(n.id, QStringLiteral("script"), QStringLiteral("no script '%1' in the library").arg(n.script.script));
        }
        for (const QString& arg : n.script.args) {
            text("args", arg);
        }
        break;
    case K::PushFile:
        need("source", n.push.source, "a source file");
        need("dest", n.push.dest, "a destination path");
        text("source", n.push.source);
        text("dest", n.push.dest);
        break;
    case K::PushTemplate:
        if (need("template", n.templ.templateName, "a template") && m_lookup.templateExists
            && !m_lookup.templateExists(n.templ.templateName)) {
            add(n.id, QStringLiteral("template"),
                QStringLiteral("no template '%1' in the library").arg(n.templ.templateName));
        }
        need("dest", n.templ.dest, "a destination path");
        text("dest", n.templ.dest);
        break;
    case K::RunLocal:
        need("command", n.local.command, "a command");
        text("command", n.local.command);
        break;
    case K::Approval:
        if (n.approval.timeoutSeconds < 0) {
            add(n.id, QStringLiteral("timeout"), QStringLiteral("must not be negative"));
        }
        text("message", n.approval.message);
        break;
    case K::Wait:
        if (n.waitSeconds <= 0) {
            add(n.id, QStringLiteral("seconds"), QStringLiteral("a wait node needs a duration of at least 1 second"));
        }
        break;
    case K::Probe:
        if (n.probe.kind == WorkflowProbeSettings::Kind::Http) {
            need("url", n.probe.url, "a URL");
            text("url", n.probe.url);
            if (n.probe.expectStatus < 100 || n.probe.expectStatus > 599) {
                add(n.id, QStringLiteral("expect_status"), QStringLiteral("an HTTP status is 100 to 599"));
            }
        } else if (n.probe.port < (n.probe.kind == WorkflowProbeSettings::Kind::Tcp ? 1 : 0) || n.probe.port > 65535) {
            add(n.id, QStringLiteral("port"),
                n.probe.kind == WorkflowProbeSettings::Kind::Tcp
                    ? QStringLiteral("a tcp probe needs a port, 1 to 65535")
                    : QStringLiteral("a port is 1 to 65535"));
        }
        if (n.probe.intervalSeconds < 1) {
            add(n.id, QStringLiteral("interval"), QStringLiteral("must be at least 1 second"));
        }
        if (n.probe.deadlineSeconds < n.probe.intervalSeconds) {
            add(n.id, QStringLiteral("deadline"), QStringLiteral("must be at least the interval"));
        }
        break;
    case K::SubWorkflow:
        if (need("workflow", n.sub.workflow, "a workflow")) {
            if (n.sub.workflow == m_w.name) {
                add(n.id, QStringLiteral("workflow"), QStringLiteral("a workflow cannot run itself"));
            } else if (m_lookup.workflowExists && !m_lookup.workflowExists(n.sub.workflow)) {
                add(n.id, QStringLiteral("workflow"),
                    QStringLiteral("no workflow '%1' in the workspace").arg(n.sub.workflow));
            }
        }
        for (auto it = n.sub.params.cbegin(); it != n.sub.params.cend(); ++it) {
            checkTexts(n.id, -1, QStringLiteral("params.") + it.key(), it.value());
        }
        break;
    case K::Join:
        checkJoin(n);
        break;
    case K::GatherFacts: // the built-in gather script: nothing to name
        break;
    }
    if (!n.isHostTouching()) {
        return;
    }
    text("targets", n.targets.query);
    if (n.targets.from != WorkflowTargets::From::None) {
        if (!m_ids.contains(n.targets.fromNode)) {
            add(n.id, QStringLiteral("targets"),
                QStringLiteral("no node '%1' to take hosts from").arg(n.targets.fromNode));
        } else if (const WorkflowNode* from = m_w.node(n.targets.fromNode); !from->isHostTouching()) {
            add(n.id, QStringLiteral("targets"), QStringLiteral("node '%1' runs on no hosts").arg(from->id));
        } else if (!ancestors(n.id).contains(n.targets.fromNode)) {
            add(n.id, QStringLiteral("targets"),
                QStringLiteral("node '%1' does not run before this one: its hosts are not known here").arg(from->id));
        }
    }
    if (auto plan = RollingPlan::parse(n.plan.toString()); !plan) {
        add(n.id, QStringLiteral("plan"), plan.error().message);
    }
    if (auto policy = FailurePolicy::parse(n.failurePolicy.toString()); !policy) {
        add(n.id, QStringLiteral("fail_at"), policy.error().message);
    }
    if (n.timeoutSeconds < 0) {
        add(n.id, QStringLiteral("timeout"), QStringLiteral("must not be negative"));
    }
    if (n.concurrency < 0) {
        add(n.id, QStringLiteral("concurrency"), QStringLiteral("must not be negative"));
    }
    if (n.retries.count < 0 || n.retries.count > 100 || n.retries.delaySeconds < 0) {
        add(n.id, QStringLiteral("retries"), QStringLiteral("count is 0 to 100 and delay not negative"));
    }
    for (auto it = n.params.cbegin(); it != n.params.cend(); ++it) {
        checkTexts(n.id, -1, QStringLiteral("params.") + it.key(), it.value());
    }
}

void Validator::checkJoin(const WorkflowNode& n)
{
    const QList<WorkflowEdge> in = m_w.incoming(n.id);
    if (in.isEmpty()) {
        add(n.id, {}, QStringLiteral("a join without incoming edges never fires"));
        return;
    }
    const bool succeeded = n.join.require == WorkflowJoinSettings::Require::Succeeded;
    if (n.join.mode == WorkflowJoinSettings::Mode::All) {
        // Success and failure of one node are never both taken.
        for (int i = 0; i < in.size(); ++i) {
            for (int j = i + 1; j < in.size(); ++j) {
                if (in[i].from == in[j].from && in[i].kind != in[j].kind && in[i].kind != WorkflowEdge::Kind::Always
                    && in[j].kind != WorkflowEdge::Kind::Always) {
                    add(n.id, QStringLiteral("mode"),
                        QStringLiteral("join 'all' never fires: its edges from '%1' on success and on failure exclude "
                                       "each other")
                            .arg(in[i].from));
                    return;
                }
            }
        }
        if (succeeded) {
            for (const WorkflowEdge& e : in) {
                if (e.kind == WorkflowEdge::Kind::OnFailure) {
                    add(n.id, QStringLiteral("require"),
                        QStringLiteral("join 'all' requiring 'succeeded' never fires: its edge from '%1' is taken only "
                                       "when '%1' failed (require 'completed'?)")
                            .arg(e.from));
                    return;
                }
            }
        }
    } else if (succeeded) {
        const bool allFailure = std::all_of(
            in.cbegin(), in.cend(), [](const WorkflowEdge& e) { return e.kind == WorkflowEdge::Kind::OnFailure; });
        if (allFailure) {
            add(n.id, QStringLiteral("require"),
                QStringLiteral("join 'any' requiring 'succeeded' never fires: every incoming edge is taken only on "
                               "failure"));
        }
    }
}

void Validator::checkEdges()
{
    QSet<QString> seen;
    for (int i = 0; i < m_w.edges.size(); ++i) {
        const WorkflowEdge& e = m_w.edges[i];
        for (const QString& end : { e.from, e.to }) {
            if (!m_ids.contains(end)) {
                add({}, end == e.from ? QStringLiteral("from") : QStringLiteral("to"),
                    QStringLiteral("no node '%1'").arg(end), 0, i);
            }
        }
        if (e.from == e.to) {
            add(e.from, QStringLiteral("to"), QStringLiteral("an edge from a node to itself"), 0, i);
        }
        const QString key = e.from + u'\n' + e.to + u'\n' + WorkflowEdge::kindName(e.kind);
        if (seen.contains(key)) {
            add({}, QStringLiteral("kind"), QStringLiteral("the same edge twice"), 0, i);
        }
        seen.insert(key);
        if (e.condition.trimmed().isEmpty()) {
            continue;
        }
        auto x = Jinja::Expression::parse(e.condition);
        if (!x) {
            add({}, QStringLiteral("when"), x.error().message, x.error().where.column, i);
            continue;
        }
        if (x->isStringLiteral()) {
            add({}, QStringLiteral("when"),
                QStringLiteral("the condition is one string, always true: quoted once too often?"), 1, i);
        }
        checkTexts({}, i, QStringLiteral("when"), e.condition);
    }
}

QSet<QString> Validator::ancestors(const QString& id) const
{
    QSet<QString> seen;
    QStringList todo { id };
    while (!todo.isEmpty()) {
        const QString current = todo.takeLast();
        for (const WorkflowEdge& e : m_w.edges) {
            if (e.to == current && !seen.contains(e.from)) {
                seen.insert(e.from);
                todo.append(e.from);
            }
        }
    }
    return seen;
}

void Validator::checkGraph()
{
    // Cycles: a depth-first search; each back edge reports the cycle once, at the node it returns to.
    QHash<QString, int> state; // 0 new, 1 on the stack, 2 done
    QStringList stack;
    QSet<QString> reported;
    std::function<void(const QString&)> visit = [&](const QString& id) {
        state[id] = 1;
        stack.append(id);
        for (const WorkflowEdge& e : m_w.outgoing(id)) {
            if (!m_ids.contains(e.to) || e.from == e.to) {
                continue;
            }
            if (state.value(e.to) == 1 && !reported.contains(e.to)) {
                reported.insert(e.to);
                const QStringList cycle = stack.mid(stack.indexOf(e.to)) << e.to;
                add(e.to, {}, QStringLiteral("a cycle: %1").arg(cycle.join(QLatin1String(" -> "))));
            } else if (state.value(e.to) == 0) {
                visit(e.to);
            }
        }
        stack.removeLast();
        state[id] = 2;
    };
    for (const WorkflowNode& n : m_w.nodes) {
        if (state.value(n.id) == 0) {
            visit(n.id);
        }
    }
    // Reachability from the start nodes.
    const QStringList starts = m_w.startNodes();
    if (!m_w.nodes.isEmpty() && starts.isEmpty()) {
        add({}, QStringLiteral("nodes"), QStringLiteral("no start node: every node has an incoming edge"));
        return;
    }
    QSet<QString> reached(starts.cbegin(), starts.cend());
    QStringList todo = starts;
    while (!todo.isEmpty()) {
        for (const WorkflowEdge& e : m_w.outgoing(todo.takeLast())) {
            if (!reached.contains(e.to)) {
                reached.insert(e.to);
                todo.append(e.to);
            }
        }
    }
    for (const WorkflowNode& n : m_w.nodes) {
        if (!reached.contains(n.id)) {
            add(n.id, {}, QStringLiteral("no start node can reach this node"));
        }
    }
}

QList<WorkflowProblem> Validator::run()
{
    if (const QString problem = Workflow::nameProblem(m_w.name); !problem.isEmpty()) {
        add({}, QStringLiteral("name"), problem);
    }
    if (m_w.nodes.isEmpty()) {
        add({}, QStringLiteral("nodes"), QStringLiteral("a workflow needs at least one node"));
    }
    for (const WorkflowNode& n : m_w.nodes) {
        if (const QString problem = WorkflowNode::idProblem(n.id); !problem.isEmpty()) {
            add(n.id, QStringLiteral("id"), problem);
        }
        if (m_ids.contains(n.id)) {
            add(n.id, QStringLiteral("id"), QStringLiteral("another node has the same id"));
        }
        m_ids.insert(n.id);
    }
    checkParams();
    checkTexts({}, -1, QStringLiteral("targets"), m_w.targets.query);
    for (const WorkflowNode& n : m_w.nodes) {
        checkNode(n);
    }
    checkEdges();
    checkGraph();
    return m_problems;
}

} // namespace

QString WorkflowProblem::toString(const Workflow& workflow) const
{
    QStringList parts;
    if (edge >= 0) {
        const WorkflowEdge* e = edge < workflow.edges.size() ? &workflow.edges[edge] : nullptr;
        parts.append(e ? QStringLiteral("edge %1 (%2 -> %3, %4)")
                             .arg(QString::number(edge + 1), e->from, e->to, WorkflowEdge::kindName(e->kind))
                       : QStringLiteral("edge %1").arg(edge + 1));
    } else if (!node.isEmpty()) {
        parts.append(QStringLiteral("node '%1'").arg(node));
    }
    if (!field.isEmpty()) {
        parts.append(QStringLiteral("field '%1'").arg(field));
    }
    if (column > 0) {
        parts.append(QStringLiteral("column %1").arg(column));
    }
    parts.append(message);
    return parts.join(QLatin1String(": "));
}

QList<WorkflowProblem> validateWorkflow(const Workflow& workflow, const WorkflowLookup& lookup)
{
    return Validator(workflow, lookup).run();
}
