#include "workflows/WorkflowYaml.h"

#include "core/VarCodec.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <yaml-cpp/yaml.h>

namespace {

// ---- writing ----------------------------------------------------------------------------------------------

bool isPlain(const QString& s)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_/.$][A-Za-z0-9_ ./@%+=$,()'-]*$"));
    static const QSet<QString> reserved { QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("yes"),
        QStringLiteral("no"), QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("null"), QStringLiteral("y"),
        QStringLiteral("n") };
    if (s.isEmpty() || s.endsWith(QLatin1Char(' ')) || reserved.contains(s.toLower())) {
        return false;
    }
    // Numbers stay strings when read back (the reader types by field), but other tools would read them as numbers.
    bool number = false;
    s.toDouble(&number);
    return !number && plain.match(s).hasMatch();
}

// A YAML double-quoted scalar: a JSON string is one.
QString quoted(const QString& s)
{
    return QString::fromUtf8(VarCodec::toJson(s, -1, VarCodec::Ascii::Keep));
}

QString scalar(const QString& s)
{
    return isPlain(s) ? s : quoted(s);
}

QString number(double d)
{
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString flowList(const QStringList& items)
{
    QStringList parts;
    for (const QString& item : items) {
        const bool flowSafe = !item.contains(QLatin1Char(' ')) && !item.contains(QLatin1Char(','));
        parts.append(isPlain(item) && flowSafe ? item : quoted(item));
    }
    return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

// A multi-line text as a literal block when it reads back exactly, else quoted.
QString text(const QString& s, int indent)
{
    const bool multiLine = s.contains(QLatin1Char('\n'));
    if (!multiLine) {
        return scalar(s);
    }
    const bool oneTrailingNewline = s.endsWith(QLatin1Char('\n')) && !s.endsWith(QLatin1String("\n\n"));
    const QString body = oneTrailingNewline ? s.chopped(1) : s;
    const bool blockable = !s.contains(QLatin1Char('\r')) && !s.startsWith(QLatin1Char(' '))
        && !s.startsWith(QLatin1Char('\n')) && !s.contains(QLatin1Char('\t')) && !body.endsWith(QLatin1Char('\n'));
    if (!blockable) {
        return quoted(s);
    }
    const QString pad(indent, QLatin1Char(' '));
    QString out = oneTrailingNewline ? QStringLiteral("|") : QStringLiteral("|-");
    for (const QString& line : body.split(QLatin1Char('\n'))) {
        out += QLatin1Char('\n') + (line.isEmpty() ? QString() : pad + line);
    }
    return out;
}

class Writer {
public:
    void key(int indent, const char* name, const QString& value)
    {
        m_out += QString(indent, QLatin1Char(' ')) + QLatin1String(name) + QLatin1String(": ") + value
            + QLatin1Char('\n');
    }
    void header(int indent, const char* name)
    {
        m_out += QString(indent, QLatin1Char(' ')) + QLatin1String(name) + QLatin1String(":\n");
    }
    void str(int indent, const char* name, const QString& value)
    {
        if (!value.isEmpty()) {
            key(indent, name, text(value, indent + 2));
        }
    }
    void list(int indent, const char* name, const QStringList& value)
    {
        if (!value.isEmpty()) {
            key(indent, name, flowList(value));
        }
    }
    void integer(int indent, const char* name, int value, int defaultValue = 0)
    {
        if (value != defaultValue) {
            key(indent, name, QString::number(value));
        }
    }
    void boolean(int indent, const char* name, bool value)
    {
        if (value) {
            key(indent, name, QStringLiteral("true"));
        }
    }
    void map(int indent, const char* name, const QMap<QString, QString>& value)
    {
        if (value.isEmpty()) {
            return;
        }
        header(indent, name);
        for (auto it = value.cbegin(); it != value.cend(); ++it) {
            m_out += QString(indent + 2, QLatin1Char(' ')) + scalar(it.key()) + QLatin1String(": ")
                + text(it.value(), indent + 4) + QLatin1Char('\n');
        }
    }
    void targets(int indent, const WorkflowTargets& t)
    {
        if (t.isEmpty()) {
            return;
        }
        header(indent, "targets");
        str(indent + 2, "query", t.query);
        list(indent + 2, "groups", t.groups);
        list(indent + 2, "hosts", t.hosts);
        if (t.from == WorkflowTargets::From::Succeeded) {
            key(indent + 2, "succeeded_in", scalar(t.fromNode));
        } else if (t.from == WorkflowTargets::From::Failed) {
            key(indent + 2, "failed_in", scalar(t.fromNode));
        }
    }
    void node(const WorkflowNode& n);
    QString m_out;
};

void Writer::node(const WorkflowNode& n)
{
    using K = WorkflowNode::Kind;
    key(2, "- id", scalar(n.id));
    constexpr int i = 4;
    str(i, "title", n.title);
    key(i, "kind", WorkflowNode::kindName(n.kind));
    key(i, "position", QStringLiteral("[%1, %2]").arg(number(n.x), number(n.y)));
    switch (n.kind) {
    case K::RunScript:
        str(i, "script", n.script.script);
        str(i, "inline", n.script.inlineText);
        str(i, "interpreter", n.script.interpreter);
        list(i, "args", n.script.args);
        str(i, "account", n.script.account);
        break;
    case K::PushFile:
        str(i, "source", n.push.source);
        str(i, "dest", n.push.dest);
        str(i, "mode", n.push.mode);
        str(i, "owner", n.push.owner);
        break;
    case K::PushTemplate:
        str(i, "template", n.templ.templateName);
        str(i, "dest", n.templ.dest);
        str(i, "mode", n.templ.mode);
        str(i, "owner", n.templ.owner);
        break;
    case K::RunLocal:
        str(i, "command", n.local.command);
        break;
    case K::Approval:
        list(i, "approvers", n.approval.approvers);
        str(i, "message", n.approval.message);
        integer(i, "timeout", n.approval.timeoutSeconds);
        if (n.approval.onTimeout != WorkflowApprovalSettings::OnTimeout::Fail) {
            key(i, "on_timeout", WorkflowApprovalSettings::onTimeoutName(n.approval.onTimeout));
        }
        boolean(i, "comment_required", n.approval.commentRequired);
        break;
    case K::Wait:
        integer(i, "seconds", n.waitSeconds);
        break;
    case K::Probe: {
        const WorkflowProbeSettings defaults;
        key(i, "probe", WorkflowProbeSettings::kindName(n.probe.kind));
        integer(i, "port", n.probe.port);
        str(i, "url", n.probe.url);
        integer(i, "expect_status", n.probe.expectStatus, defaults.expectStatus);
        integer(i, "interval", n.probe.intervalSeconds, defaults.intervalSeconds);
        integer(i, "deadline", n.probe.deadlineSeconds, defaults.deadlineSeconds);
        break;
    }
    case K::SubWorkflow:
        str(i, "workflow", n.sub.workflow);
        map(i, "params", n.sub.params);
        break;
    case K::Join:
        key(i, "mode", WorkflowJoinSettings::modeName(n.join.mode));
        key(i, "require", WorkflowJoinSettings::requireName(n.join.require));
        break;
    case K::GatherFacts: // targets, plan, policy, timeout … only
        break;
    }
    if (!n.isHostTouching()) {
        return;
    }
    targets(i, n.targets);
    str(i, "plan", n.plan.toString());
    str(i, "pause", n.pause.kind == BatchPause::Kind::None ? QString() : n.pause.toString());
    if (!(n.failurePolicy == FailurePolicy::stopOnFirst())) {
        key(i, "fail_at", scalar(n.failurePolicy.toString()));
    }
    integer(i, "timeout", n.timeoutSeconds);
    integer(i, "concurrency", n.concurrency);
    if (n.retries.count != 0 || n.retries.delaySeconds != 0) {
        header(i, "retries");
        key(i + 2, "count", QString::number(n.retries.count));
        key(i + 2, "delay", QString::number(n.retries.delaySeconds));
    }
    map(i, "params", n.params);
}

// ---- reading ----------------------------------------------------------------------------------------------

// Thrown inside the reader only, caught by load(): the first problem, with its place.
struct ReadError {
    Error error;
};

class Reader {
public:
    explicit Reader(QString file)
        : m_file(std::move(file))
    {
    }

    SourceLocation where(const YAML::Node& n) const
    {
        const YAML::Mark m = n.Mark();
        return m.line < 0 ? SourceLocation { m_file, 0, 0 } : SourceLocation { m_file, m.line + 1, m.column + 1 };
    }
    [[noreturn]] void fail(const YAML::Node& at, const QString& message) const
    {
        QString prefix;
        if (!m_node.isEmpty()) {
            prefix = QStringLiteral("node '%1': ").arg(m_node);
        }
        if (!m_field.isEmpty()) {
            prefix += QStringLiteral("field '%1': ").arg(m_field);
        }
        throw ReadError { Error(prefix + message, where(at)) };
    }

    // A mapping whose keys are all among `allowed`.
    void checkMap(const YAML::Node& n, const QStringList& allowed, const char* what)
    {
        if (!n.IsMap()) {
            fail(n, QStringLiteral("%1 must be a mapping").arg(QLatin1String(what)));
        }
        QSet<QString> seen;
        for (const auto& kv : n) {
            const QString k = QString::fromStdString(kv.first.Scalar());
            if (!allowed.contains(k)) {
                m_field.clear();
                fail(kv.first,
                    QStringLiteral("unknown key '%1' in %2 (known: %3)")
                        .arg(k, QLatin1String(what), allowed.join(QLatin1String(", "))));
            }
            if (seen.contains(k)) {
                m_field.clear();
                fail(kv.first, QStringLiteral("key '%1' given twice").arg(k));
            }
            seen.insert(k);
        }
    }

    QString str(const YAML::Node& map, const char* name)
    {
        const YAML::Node n = map[name];
        if (!n.IsDefined() || n.IsNull()) {
            return {};
        }
        m_field = QLatin1String(name);
        if (!n.IsScalar()) {
            fail(n, QStringLiteral("must be text"));
        }
        m_field.clear();
        return QString::fromStdString(n.Scalar());
    }
    int integer(const YAML::Node& map, const char* name, int defaultValue = 0, int min = 0)
    {
        const YAML::Node n = map[name];
        if (!n.IsDefined() || n.IsNull()) {
            return defaultValue;
        }
        m_field = QLatin1String(name);
        bool ok = false;
        const int v = n.IsScalar() ? QString::fromStdString(n.Scalar()).toInt(&ok) : 0;
        if (!ok) {
            fail(n, QStringLiteral("must be a whole number"));
        }
        if (v < min) {
            fail(n, QStringLiteral("must be at least %1").arg(min));
        }
        m_field.clear();
        return v;
    }
    bool boolean(const YAML::Node& map, const char* name)
    {
        const QString v = str(map, name);
        if (v.isEmpty() || v == QLatin1String("false")) {
            return false;
        }
        if (v != QLatin1String("true")) {
            m_field = QLatin1String(name);
            fail(map[name], QStringLiteral("must be true or false"));
        }
        return true;
    }
    QStringList list(const YAML::Node& map, const char* name)
    {
        const YAML::Node n = map[name];
        if (!n.IsDefined() || n.IsNull()) {
            return {};
        }
        m_field = QLatin1String(name);
        if (!n.IsSequence()) {
            fail(n, QStringLiteral("must be a list"));
        }
        QStringList out;
        for (const auto& item : n) {
            if (!item.IsScalar()) {
                fail(item, QStringLiteral("every item must be text"));
            }
            out.append(QString::fromStdString(item.Scalar()));
        }
        m_field.clear();
        return out;
    }
    QMap<QString, QString> map(const YAML::Node& parent, const char* name)
    {
        const YAML::Node n = parent[name];
        if (!n.IsDefined() || n.IsNull()) {
            return {};
        }
        m_field = QLatin1String(name);
        if (!n.IsMap()) {
            fail(n, QStringLiteral("must be a mapping of names to values"));
        }
        QMap<QString, QString> out;
        for (const auto& kv : n) {
            if (!kv.second.IsScalar() && !kv.second.IsNull()) {
                fail(kv.second,
                    QStringLiteral("the value of '%1' must be text").arg(QString::fromStdString(kv.first.Scalar())));
            }
            out.insert(QString::fromStdString(kv.first.Scalar()),
                kv.second.IsNull() ? QString() : QString::fromStdString(kv.second.Scalar()));
        }
        m_field.clear();
        return out;
    }
    template <typename T, typename F> T named(const YAML::Node& map, const char* name, T defaultValue, F fromName)
    {
        const QString v = str(map, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        const auto value = fromName(v);
        if (!value) {
            m_field = QLatin1String(name);
            fail(map[name], QStringLiteral("unknown value '%1'").arg(v));
        }
        return *value;
    }
    template <typename T> T parsed(const YAML::Node& map, const char* name, T defaultValue)
    {
        const QString v = str(map, name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        auto r = T::parse(v);
        if (!r) {
            m_field = QLatin1String(name);
            fail(map[name], r.error().message);
        }
        return *r;
    }

    WorkflowTargets targets(const YAML::Node& parent, bool allowFrom);
    WorkflowParam param(const YAML::Node& n);
    WorkflowNode node(const YAML::Node& n);
    WorkflowEdge edge(const YAML::Node& n);
    Workflow workflow(const YAML::Node& root);

private:
    QString m_file;
    QString m_node; // the node being read, for messages
    QString m_field;
};

WorkflowTargets Reader::targets(const YAML::Node& parent, bool allowFrom)
{
    WorkflowTargets t;
    const YAML::Node n = parent["targets"];
    if (!n.IsDefined() || n.IsNull()) {
        return t;
    }
    m_field = QStringLiteral("targets");
    QStringList keys { QStringLiteral("query"), QStringLiteral("groups"), QStringLiteral("hosts") };
    if (allowFrom) {
        keys << QStringLiteral("succeeded_in") << QStringLiteral("failed_in");
    }
    checkMap(n, keys, "targets");
    t.query = str(n, "query");
    t.groups = list(n, "groups");
    t.hosts = list(n, "hosts");
    const QString succeeded = str(n, "succeeded_in");
    const QString failed = str(n, "failed_in");
    if (!succeeded.isEmpty() || !failed.isEmpty()) {
        m_field = QStringLiteral("targets");
        if (!succeeded.isEmpty() && !failed.isEmpty()) {
            fail(n, QStringLiteral("give succeeded_in or failed_in, not both"));
        }
        if (!t.query.isEmpty() || !t.groups.isEmpty() || !t.hosts.isEmpty()) {
            fail(n, QStringLiteral("succeeded_in/failed_in take the hosts of another node: no query, groups or hosts"));
        }
        t.from = succeeded.isEmpty() ? WorkflowTargets::From::Failed : WorkflowTargets::From::Succeeded;
        t.fromNode = succeeded.isEmpty() ? failed : succeeded;
        m_field.clear();
    }
    return t;
}

WorkflowParam Reader::param(const YAML::Node& n)
{
    checkMap(n,
        { QStringLiteral("name"), QStringLiteral("type"), QStringLiteral("default"), QStringLiteral("required"),
            QStringLiteral("choices"), QStringLiteral("description") },
        "a parameter");
    WorkflowParam p;
    p.name = str(n, "name");
    if (p.name.isEmpty()) {
        fail(n, QStringLiteral("a parameter needs a name"));
    }
    m_node.clear();
    p.type = named(n, "type", WorkflowParam::Type::String, WorkflowParam::typeFromName);
    p.defaultValue = str(n, "default");
    p.required = boolean(n, "required");
    p.choices = list(n, "choices");
    p.description = str(n, "description");
    return p;
}

WorkflowNode Reader::node(const YAML::Node& n)
{
    using K = WorkflowNode::Kind;
    if (!n.IsMap()) {
        fail(n, QStringLiteral("a node must be a mapping"));
    }
    WorkflowNode w;
    w.id = str(n, "id");
    if (w.id.isEmpty()) {
        fail(n, QStringLiteral("a node needs an id"));
    }
    m_node = w.id;
    const QString kind = str(n, "kind");
    if (kind.isEmpty()) {
        m_field = QStringLiteral("kind");
        fail(n, QStringLiteral("a node needs a kind"));
    }
    w.kind = named(n, "kind", K::RunScript, WorkflowNode::kindFromName);
    QStringList keys { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("kind"),
        QStringLiteral("position") };
    switch (w.kind) {
    case K::RunScript:
        keys << QStringLiteral("script") << QStringLiteral("inline") << QStringLiteral("interpreter")
             << QStringLiteral("args") << QStringLiteral("account");
        break;
    case K::PushFile:
        keys << QStringLiteral("source") << QStringLiteral("dest") << QStringLiteral("mode") << QStringLiteral("owner");
        break;
    case K::PushTemplate:
        keys << QStringLiteral("template") << QStringLiteral("dest") << QStringLiteral("mode")
             << QStringLiteral("owner");
        break;
    case K::RunLocal:
        keys << QStringLiteral("command");
        break;
    case K::Approval:
        keys << QStringLiteral("approvers") << QStringLiteral("message") << QStringLiteral("timeout")
             << QStringLiteral("on_timeout") << QStringLiteral("comment_required");
        break;
    case K::Wait:
        keys << QStringLiteral("seconds");
        break;
    case K::Probe:
        keys << QStringLiteral("probe") << QStringLiteral("port") << QStringLiteral("url")
             << QStringLiteral("expect_status") << QStringLiteral("interval") << QStringLiteral("deadline");
        break;
    case K::SubWorkflow:
        keys << QStringLiteral("workflow") << QStringLiteral("params");
        break;
    case K::Join:
        keys << QStringLiteral("mode") << QStringLiteral("require");
        break;
    case K::GatherFacts:
        break;
    }
    if (WorkflowNode::isHostTouching(w.kind)) {
        keys << QStringLiteral("targets") << QStringLiteral("plan") << QStringLiteral("pause")
             << QStringLiteral("fail_at") << QStringLiteral("timeout") << QStringLiteral("concurrency")
             << QStringLiteral("retries") << QStringLiteral("params");
    }
    keys.removeDuplicates();
    checkMap(n, keys, qPrintable(QStringLiteral("a %1 node").arg(kind)));
    w.title = str(n, "title");
    if (const YAML::Node pos = n["position"]; pos.IsDefined() && !pos.IsNull()) {
        m_field = QStringLiteral("position");
        bool okX = false;
        bool okY = false;
        if (pos.IsSequence() && pos.size() == 2 && pos[0].IsScalar() && pos[1].IsScalar()) {
            w.x = QString::fromStdString(pos[0].Scalar()).toDouble(&okX);
            w.y = QString::fromStdString(pos[1].Scalar()).toDouble(&okY);
        }
        if (!okX || !okY) {
            fail(pos, QStringLiteral("must be [x, y] with two numbers"));
        }
        m_field.clear();
    }
    switch (w.kind) {
    case K::RunScript:
        w.script.script = str(n, "script");
        w.script.inlineText = str(n, "inline");
        w.script.interpreter = str(n, "interpreter");
        w.script.args = list(n, "args");
        w.script.account = str(n, "account");
        break;
    case K::PushFile:
        w.push.source = str(n, "source");
        w.push.dest = str(n, "dest");
        w.push.mode = str(n, "mode");
        w.push.owner = str(n, "owner");
        break;
    case K::PushTemplate:
        w.templ.templateName = str(n, "template");
        w.templ.dest = str(n, "dest");
        w.templ.mode = str(n, "mode");
        w.templ.owner = str(n, "owner");
        break;
    case K::RunLocal:
        w.local.command = str(n, "command");
        break;
    case K::Approval:
        w.approval.approvers = list(n, "approvers");
        w.approval.message = str(n, "message");
        w.approval.timeoutSeconds = integer(n, "timeout");
        w.approval.onTimeout = named(
            n, "on_timeout", WorkflowApprovalSettings::OnTimeout::Fail, WorkflowApprovalSettings::onTimeoutFromName);
        w.approval.commentRequired = boolean(n, "comment_required");
        break;
    case K::Wait:
        w.waitSeconds = integer(n, "seconds");
        break;
    case K::Probe: {
        const WorkflowProbeSettings defaults;
        w.probe.kind = named(n, "probe", defaults.kind, WorkflowProbeSettings::kindFromName);
        w.probe.port = integer(n, "port");
        w.probe.url = str(n, "url");
        w.probe.expectStatus = integer(n, "expect_status", defaults.expectStatus);
        w.probe.intervalSeconds = integer(n, "interval", defaults.intervalSeconds);
        w.probe.deadlineSeconds = integer(n, "deadline", defaults.deadlineSeconds);
        break;
    }
    case K::SubWorkflow:
        w.sub.workflow = str(n, "workflow");
        w.sub.params = map(n, "params");
        break;
    case K::Join:
        w.join.mode = named(n, "mode", WorkflowJoinSettings::Mode::All, WorkflowJoinSettings::modeFromName);
        w.join.require
            = named(n, "require", WorkflowJoinSettings::Require::Succeeded, WorkflowJoinSettings::requireFromName);
        break;
    case K::GatherFacts:
        break;
    }
    if (w.isHostTouching()) {
        w.targets = targets(n, true);
        w.plan = parsed(n, "plan", RollingPlan());
        w.pause = parsed(n, "pause", BatchPause::none());
        w.failurePolicy = parsed(n, "fail_at", FailurePolicy::stopOnFirst());
        w.timeoutSeconds = integer(n, "timeout");
        w.concurrency = integer(n, "concurrency");
        if (const YAML::Node r = n["retries"]; r.IsDefined() && !r.IsNull()) {
            m_field = QStringLiteral("retries");
            checkMap(r, { QStringLiteral("count"), QStringLiteral("delay") }, "retries");
            w.retries.count = integer(r, "count");
            w.retries.delaySeconds = integer(r, "delay");
        }
        w.params = map(n, "params");
    }
    m_node.clear();
    return w;
}

WorkflowEdge Reader::edge(const YAML::Node& n)
{
    checkMap(
        n, { QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("kind"), QStringLiteral("when") }, "an edge");
    WorkflowEdge e;
    e.from = str(n, "from");
    e.to = str(n, "to");
    if (e.from.isEmpty() || e.to.isEmpty()) {
        fail(n, QStringLiteral("an edge needs from and to"));
    }
    e.kind = named(n, "kind", WorkflowEdge::Kind::OnSuccess, WorkflowEdge::kindFromName);
    e.condition = str(n, "when");
    return e;
}

Workflow Reader::workflow(const YAML::Node& root)
{
    if (!root.IsMap()) {
        fail(root, QStringLiteral("a workflow must be a mapping (name, description, params, targets, nodes, edges)"));
    }
    checkMap(root,
        { QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("params"), QStringLiteral("targets"),
            QStringLiteral("nodes"), QStringLiteral("edges") },
        "a workflow");
    Workflow w;
    w.name = str(root, "name");
    if (const QString problem = Workflow::nameProblem(w.name); !problem.isEmpty()) {
        m_field = QStringLiteral("name");
        fail(root["name"].IsDefined() ? root["name"] : root, problem);
    }
    w.description = str(root, "description");
    const auto sequence = [this, &root](const char* name) {
        const YAML::Node n = root[name];
        if (n.IsDefined() && !n.IsNull() && !n.IsSequence()) {
            m_field = QLatin1String(name);
            fail(n, QStringLiteral("must be a list"));
        }
        return n;
    };
    for (const auto& p : sequence("params")) {
        w.params.append(param(p));
    }
    w.targets = targets(root, false);
    QSet<QString> ids;
    for (const auto& n : sequence("nodes")) {
        WorkflowNode node = this->node(n);
        if (const QString problem = WorkflowNode::idProblem(node.id); !problem.isEmpty()) {
            m_node = node.id;
            m_field = QStringLiteral("id");
            fail(n["id"], problem);
        }
        if (ids.contains(node.id)) {
            m_node = node.id;
            m_field = QStringLiteral("id");
            fail(n["id"], QStringLiteral("another node has the same id"));
        }
        ids.insert(node.id);
        w.nodes.append(node);
    }
    for (const auto& e : sequence("edges")) {
        w.edges.append(edge(e));
    }
    return w;
}

} // namespace

QString WorkflowYaml::save(const Workflow& w)
{
    Writer out;
    out.key(0, "name", scalar(w.name));
    out.str(0, "description", w.description);
    if (!w.params.isEmpty()) {
        out.header(0, "params");
        for (const WorkflowParam& p : w.params) {
            out.key(2, "- name", scalar(p.name));
            out.key(4, "type", WorkflowParam::typeName(p.type));
            out.str(4, "default", p.defaultValue);
            out.boolean(4, "required", p.required);
            out.list(4, "choices", p.choices);
            out.str(4, "description", p.description);
        }
    }
    out.targets(0, w.targets);
    if (!w.nodes.isEmpty()) {
        out.header(0, "nodes");
        for (const WorkflowNode& n : w.nodes) {
            out.node(n);
        }
    }
    if (!w.edges.isEmpty()) {
        out.header(0, "edges");
        for (const WorkflowEdge& e : w.edges) {
            out.key(2, "- from", scalar(e.from));
            out.key(4, "to", scalar(e.to));
            out.key(4, "kind", WorkflowEdge::kindName(e.kind));
            out.str(4, "when", e.condition);
        }
    }
    return out.m_out;
}

Result<Workflow> WorkflowYaml::load(const QString& text, const QString& file)
{
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception& e) {
        return Error(QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)),
            SourceLocation {
                file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
    }
    Reader reader(file);
    try {
        return reader.workflow(root);
    } catch (const ReadError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return Error(QStringLiteral("malformed workflow: %1").arg(QString::fromStdString(e.msg)),
            SourceLocation {
                file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
    }
}

Result<Workflow> WorkflowYaml::loadFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("cannot read: %1").arg(f.errorString()), SourceLocation { path, 0, 0 });
    }
    if (f.size() > kMaxFileBytes) {
        return Error(QStringLiteral("larger than %1 bytes").arg(kMaxFileBytes), SourceLocation { path, 0, 0 });
    }
    const QByteArray data = f.readAll();
    QString decoded = QString::fromUtf8(data);
    if (decoded.toUtf8() != data) {
        return Error(QStringLiteral("not UTF-8 text"), SourceLocation { path, 0, 0 });
    }
    return load(decoded, path);
}
