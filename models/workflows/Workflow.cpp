#include "workflows/Workflow.h"

#include <QRegularExpression>
#include <array>
#include <utility>

namespace {

// Names of an enum, both ways, from one table per enum.
template <typename E, std::size_t N> QString nameOf(const std::array<std::pair<E, const char*>, N>& table, E value)
{
    for (const auto& [e, name] : table) {
        if (e == value) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char*>, N>& table, const QString& name)
{
    for (const auto& [e, text] : table) {
        if (name == QLatin1String(text)) {
            return e;
        }
    }
    return std::nullopt;
}

using PT = WorkflowParam::Type;
constexpr std::array<std::pair<PT, const char*>, 6> kParamTypes { { { PT::String, "string" }, { PT::Number, "number" },
    { PT::Boolean, "boolean" }, { PT::Choice, "choice" }, { PT::Secret, "secret" }, { PT::Hosts, "hosts" } } };

using TF = WorkflowTargets::From;
constexpr std::array<std::pair<TF, const char*>, 3> kFroms { { { TF::None, "" }, { TF::Succeeded, "succeeded" },
    { TF::Failed, "failed" } } };

using OT = WorkflowApprovalSettings::OnTimeout;
constexpr std::array<std::pair<OT, const char*>, 3> kOnTimeouts { { { OT::Approve, "approve" },
    { OT::Reject, "reject" }, { OT::Fail, "fail" } } };

using PK = WorkflowProbeSettings::Kind;
constexpr std::array<std::pair<PK, const char*>, 3> kProbeKinds { { { PK::Tcp, "tcp" }, { PK::Http, "http" },
    { PK::Ssh, "ssh" } } };

using JM = WorkflowJoinSettings::Mode;
constexpr std::array<std::pair<JM, const char*>, 2> kJoinModes { { { JM::All, "all" }, { JM::Any, "any" } } };

using JR = WorkflowJoinSettings::Require;
constexpr std::array<std::pair<JR, const char*>, 2> kJoinRequires { { { JR::Succeeded, "succeeded" },
    { JR::Completed, "completed" } } };

using NK = WorkflowNode::Kind;
constexpr std::array<std::pair<NK, const char*>, 10> kNodeKinds { { { NK::RunScript, "run-script" },
    { NK::PushFile, "push-file" }, { NK::PushTemplate, "push-template" }, { NK::RunLocal, "run-local" },
    { NK::Approval, "approval" }, { NK::Wait, "wait" }, { NK::Probe, "probe" }, { NK::GatherFacts, "gather-facts" },
    { NK::SubWorkflow, "sub-workflow" }, { NK::Join, "join" } } };

using EK = WorkflowEdge::Kind;
constexpr std::array<std::pair<EK, const char*>, 3> kEdgeKinds { { { EK::OnSuccess, "success" },
    { EK::OnFailure, "failure" }, { EK::Always, "always" } } };

} // namespace

QString WorkflowParam::typeName(Type type)
{
    return nameOf(kParamTypes, type);
}
std::optional<WorkflowParam::Type> WorkflowParam::typeFromName(const QString& name)
{
    return valueOf(kParamTypes, name);
}

QString WorkflowTargets::fromName(From from)
{
    return nameOf(kFroms, from);
}
std::optional<WorkflowTargets::From> WorkflowTargets::fromFromName(const QString& name)
{
    return valueOf(kFroms, name);
}

QString WorkflowApprovalSettings::onTimeoutName(OnTimeout value)
{
    return nameOf(kOnTimeouts, value);
}
std::optional<WorkflowApprovalSettings::OnTimeout> WorkflowApprovalSettings::onTimeoutFromName(const QString& name)
{
    return valueOf(kOnTimeouts, name);
}

QString WorkflowProbeSettings::kindName(Kind kind)
{
    return nameOf(kProbeKinds, kind);
}
std::optional<WorkflowProbeSettings::Kind> WorkflowProbeSettings::kindFromName(const QString& name)
{
    return valueOf(kProbeKinds, name);
}

QString WorkflowJoinSettings::modeName(Mode mode)
{
    return nameOf(kJoinModes, mode);
}
std::optional<WorkflowJoinSettings::Mode> WorkflowJoinSettings::modeFromName(const QString& name)
{
    return valueOf(kJoinModes, name);
}
QString WorkflowJoinSettings::requireName(Require require)
{
    return nameOf(kJoinRequires, require);
}
std::optional<WorkflowJoinSettings::Require> WorkflowJoinSettings::requireFromName(const QString& name)
{
    return valueOf(kJoinRequires, name);
}

QString WorkflowNode::kindName(Kind kind)
{
    return nameOf(kNodeKinds, kind);
}
std::optional<WorkflowNode::Kind> WorkflowNode::kindFromName(const QString& name)
{
    return valueOf(kNodeKinds, name);
}

QList<WorkflowNode::Kind> WorkflowNode::allKinds()
{
    QList<Kind> kinds;
    for (const auto& entry : kNodeKinds) {
        kinds.append(entry.first);
    }
    return kinds;
}

bool WorkflowNode::isHostTouching(Kind kind)
{
    switch (kind) {
    case Kind::RunScript:
    case Kind::PushFile:
    case Kind::PushTemplate:
    case Kind::Probe:
    case Kind::GatherFacts:
        return true;
    case Kind::RunLocal:
    case Kind::Approval:
    case Kind::Wait:
    case Kind::SubWorkflow:
    case Kind::Join:
        return false;
    }
    return false;
}

QString WorkflowNode::idProblem(const QString& id)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    if (id.isEmpty()) {
        return QStringLiteral("a node id must not be empty");
    }
    if (!valid.match(id).hasMatch()) {
        return QStringLiteral("a node id is 1 to 64 letters, digits or '_', starting with a letter or '_': '%1'")
            .arg(id);
    }
    return {};
}

QString WorkflowEdge::kindName(Kind kind)
{
    return nameOf(kEdgeKinds, kind);
}
std::optional<WorkflowEdge::Kind> WorkflowEdge::kindFromName(const QString& name)
{
    return valueOf(kEdgeKinds, name);
}

const WorkflowNode* Workflow::node(const QString& id) const
{
    const int index = nodeIndex(id);
    return index < 0 ? nullptr : &nodes[index];
}

WorkflowNode* Workflow::node(const QString& id)
{
    const int index = nodeIndex(id);
    return index < 0 ? nullptr : &nodes[index];
}

int Workflow::nodeIndex(const QString& id) const
{
    for (int i = 0; i < nodes.size(); ++i) {
        if (nodes[i].id == id) {
            return i;
        }
    }
    return -1;
}

const WorkflowParam* Workflow::param(const QString& name) const
{
    for (const WorkflowParam& p : params) {
        if (p.name == name) {
            return &p;
        }
    }
    return nullptr;
}

QList<int> Workflow::incomingIndices(const QString& id) const
{
    QList<int> result;
    for (int i = 0; i < edges.size(); ++i) {
        if (edges[i].to == id) {
            result.append(i);
        }
    }
    return result;
}

QList<int> Workflow::outgoingIndices(const QString& id) const
{
    QList<int> result;
    for (int i = 0; i < edges.size(); ++i) {
        if (edges[i].from == id) {
            result.append(i);
        }
    }
    return result;
}

QList<WorkflowEdge> Workflow::incoming(const QString& id) const
{
    QList<WorkflowEdge> result;
    for (int i : incomingIndices(id)) {
        result.append(edges[i]);
    }
    return result;
}

QList<WorkflowEdge> Workflow::outgoing(const QString& id) const
{
    QList<WorkflowEdge> result;
    for (int i : outgoingIndices(id)) {
        result.append(edges[i]);
    }
    return result;
}

QStringList Workflow::startNodes() const
{
    QStringList result;
    for (const WorkflowNode& n : nodes) {
        if (incomingIndices(n.id).isEmpty()) {
            result.append(n.id);
        }
    }
    return result;
}

QString Workflow::uniqueNodeId(const QString& base) const
{
    if (nodeIndex(base) < 0) {
        return base;
    }
    for (int i = 2;; ++i) {
        const QString candidate = base + QLatin1Char('_') + QString::number(i);
        if (nodeIndex(candidate) < 0) {
            return candidate;
        }
    }
}

bool Workflow::removeNode(const QString& id)
{
    const int index = nodeIndex(id);
    if (index < 0) {
        return false;
    }
    nodes.removeAt(index);
    edges.removeIf([&id](const WorkflowEdge& e) { return e.from == id || e.to == id; });
    return true;
}

bool Workflow::renameNode(const QString& from, const QString& to)
{
    WorkflowNode* n = node(from);
    if (n == nullptr || (from != to && nodeIndex(to) >= 0)) {
        return false;
    }
    n->id = to;
    for (WorkflowEdge& e : edges) {
        if (e.from == from) {
            e.from = to;
        }
        if (e.to == from) {
            e.to = to;
        }
    }
    for (WorkflowNode& other : nodes) {
        if (other.targets.fromNode == from) {
            other.targets.fromNode = to;
        }
    }
    return true;
}

QString Workflow::nameProblem(const QString& name)
{
    if (name.isEmpty()) {
        return QStringLiteral("a workflow name must not be empty");
    }
    if (name.size() > 200) {
        return QStringLiteral("a workflow name is at most 200 characters");
    }
    if (name.contains(QLatin1Char('\n')) || name.contains(QLatin1Char('\r'))) {
        return QStringLiteral("a workflow name is one line");
    }
    if (name.trimmed() != name) {
        return QStringLiteral("a workflow name has no leading or trailing spaces");
    }
    return {};
}
