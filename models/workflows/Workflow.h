#pragma once

#include "jobs/FailurePolicy.h"
#include "jobs/RollingPlan.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// The workflow model (docs/workflows.md): plain data that the YAML form, the validation, the store, the engine
// and the canvas editor share. Qt Core only. Every type compares with ==, so that load(save(w)) == w can be
// tested and an editor can tell whether anything changed.

// A typed parameter of a workflow, given when it is launched (`--param K=V`) and read by conditions and node
// parameters as `params.NAME`.
struct WorkflowParam {
    enum class Type { String, Number, Boolean, Choice, Secret, Hosts };

    QString name;
    Type type = Type::String;
    QString defaultValue; // as text: "3", "true", a choice, a host query; empty = none
    bool required = false;
    QStringList choices; // Choice only
    QString description;

    static QString typeName(Type type); // "string", "number", "boolean", "choice", "secret", "hosts"
    static std::optional<Type> typeFromName(const QString& name);
    bool operator==(const WorkflowParam&) const = default;
};

// Which hosts a node (or the workflow) runs on. Empty = inherit: a node with empty targets runs on the
// workflow's targets. `query`, `groups` and `hosts` add up (the union); `fromNode` instead takes the hosts that
// succeeded or failed in an earlier node ("hosts flow"), and excludes the other fields.
struct WorkflowTargets {
    enum class From { None, Succeeded, Failed };

    QString query; // the inventory search syntax (HostQuery), may use {{ params.x }}
    QStringList groups;
    QStringList hosts;
    From from = From::None;
    QString fromNode; // a node id, with From::Succeeded / From::Failed

    bool isEmpty() const { return query.isEmpty() && groups.isEmpty() && hosts.isEmpty() && from == From::None; }
    static QString fromName(From from); // "", "succeeded", "failed"
    static std::optional<From> fromFromName(const QString& name);
    bool operator==(const WorkflowTargets&) const = default;
};

// Retries of a host-touching node: a host that failed is tried again up to `count` more times, `delaySeconds`
// apart.
struct WorkflowRetries {
    int count = 0;
    int delaySeconds = 0;
    bool operator==(const WorkflowRetries&) const = default;
};

// RunScript: a library script by name, or inline text run by `interpreter` (e.g. "bash", "python3").
struct WorkflowScriptSettings {
    QString script; // library script name; empty when inline
    QString inlineText;
    QString interpreter; // inline only; empty = bash
    QStringList args;
    QString account; // run as; empty = the login user (or the script's own default)
    bool operator==(const WorkflowScriptSettings&) const = default;
};

// PushFile: a local file to a path on the hosts.
struct WorkflowPushSettings {
    QString source; // local path (of the machine that runs the workflow)
    QString dest; // remote path
    QString mode; // octal text, e.g. "0644"; empty = keep / default
    QString owner; // "user" or "user:group"; empty = the login user
    bool operator==(const WorkflowPushSettings&) const = default;
};

// PushTemplate: a library template rendered per host and pushed.
struct WorkflowTemplateSettings {
    QString templateName;
    QString dest;
    QString mode;
    QString owner;
    bool operator==(const WorkflowTemplateSettings&) const = default;
};

// RunLocal: a command on the machine that runs the workflow (the console or the server), e.g. a DNS change.
struct WorkflowLocalSettings {
    QString command; // run by /bin/sh -c; may use {{ params.x }}
    bool operator==(const WorkflowLocalSettings&) const = default;
};

// Approval: waits until one of `approvers` approves or rejects (with a comment when required), or the timeout.
struct WorkflowApprovalSettings {
    enum class OnTimeout { Approve, Reject, Fail };

    QStringList approvers; // user names; empty = anyone who may run the workflow
    QString message;
    int timeoutSeconds = 0; // 0 = wait for ever
    OnTimeout onTimeout = OnTimeout::Fail;
    bool commentRequired = false;

    static QString onTimeoutName(OnTimeout value); // "approve", "reject", "fail"
    static std::optional<OnTimeout> onTimeoutFromName(const QString& name);
    bool operator==(const WorkflowApprovalSettings&) const = default;
};

// Probe: ICMP-free reachability of each target host, retried every `intervalSeconds` until it answers or the
// deadline passes (e.g. after a reboot).
struct WorkflowProbeSettings {
    enum class Kind { Tcp, Http, Ssh };

    Kind kind = Kind::Tcp;
    int port = 0; // Tcp (required), Ssh (0 = the host's SSH port)
    QString url; // Http; may use {{ host }}
    int expectStatus = 200; // Http
    int intervalSeconds = 5;
    int deadlineSeconds = 300;

    static QString kindName(Kind kind); // "tcp", "http", "ssh"
    static std::optional<Kind> kindFromName(const QString& name);
    bool operator==(const WorkflowProbeSettings&) const = default;
};

// SubWorkflow: another workflow of the workspace, by name, with its parameters.
struct WorkflowSubSettings {
    QString workflow;
    QMap<QString, QString> params;
    bool operator==(const WorkflowSubSettings&) const = default;
};

// Join: fires when all (or any) of its incoming edges were taken, and whether their source nodes must have
// succeeded or merely completed.
struct WorkflowJoinSettings {
    enum class Mode { All, Any };
    enum class Require { Succeeded, Completed };

    Mode mode = Mode::All;
    Require require = Require::Succeeded;

    static QString modeName(Mode mode); // "all", "any"
    static std::optional<Mode> modeFromName(const QString& name);
    static QString requireName(Require require); // "succeeded", "completed"
    static std::optional<Require> requireFromName(const QString& name);
    bool operator==(const WorkflowJoinSettings&) const = default;
};

// One step of a workflow. Only the settings of its kind are used (and saved); the others keep their defaults
// so that an editor can switch a node's kind back and forth without losing what was typed.
struct WorkflowNode {
    enum class Kind {
        RunScript,
        PushFile,
        PushTemplate,
        RunLocal,
        Approval,
        Wait,
        Probe,
        SubWorkflow,
        Join,
        GatherFacts
    };

    QString id; // stable: used in the YAML, by edges, by `nodes.ID` in conditions and in events
    QString title; // for people; empty = the id
    Kind kind = Kind::RunScript;
    double x = 0; // position on the canvas (scene coordinates)
    double y = 0;

    WorkflowScriptSettings script;
    WorkflowPushSettings push;
    WorkflowTemplateSettings templ;
    WorkflowLocalSettings local;
    WorkflowApprovalSettings approval;
    int waitSeconds = 0; // Wait
    WorkflowProbeSettings probe;
    WorkflowSubSettings sub;
    WorkflowJoinSettings join;

    // Host-touching nodes (isHostTouching(kind)) only.
    WorkflowTargets targets; // empty = the workflow's targets
    RollingPlan plan;
    BatchPause pause;
    FailurePolicy failurePolicy = FailurePolicy::stopOnFirst();
    int timeoutSeconds = 0; // per host; 0 = none
    int concurrency = 0; // hosts at once; 0 = the backend's default
    WorkflowRetries retries;
    QMap<QString, QString> params; // parameters passed to the script / template context; values may use Jinja

    static QString kindName(Kind kind); // "run-script", "push-file", "push-template", "run-local", "approval",
                                        // "wait", "probe", "sub-workflow", "join", "gather-facts"
    static std::optional<Kind> kindFromName(const QString& name);
    static QList<Kind> allKinds();
    // Whether the kind runs on target hosts (has targets, plan, policy, timeout, concurrency, retries).
    static bool isHostTouching(Kind kind);
    bool isHostTouching() const { return isHostTouching(kind); }
    QString displayTitle() const { return title.isEmpty() ? id : title; }
    // Why `id` cannot name a node (empty when it can): 1-64 characters of [A-Za-z0-9_], starting with a letter
    // or '_' (so that `nodes.ID` is a valid Jinja expression).
    static QString idProblem(const QString& id);
    bool operator==(const WorkflowNode&) const = default;
};

// A directed link between two nodes, taken after `from` finished as its kind says and when its condition (a
// Jinja2 expression over `params` and `nodes`, empty = true) is true.
struct WorkflowEdge {
    enum class Kind { OnSuccess, OnFailure, Always };

    QString from; // node ids
    QString to;
    Kind kind = Kind::OnSuccess;
    QString condition;

    static QString kindName(Kind kind); // "success", "failure", "always"
    static std::optional<Kind> kindFromName(const QString& name);
    bool operator==(const WorkflowEdge&) const = default;
};

// A workflow: what a store version snapshots and what the YAML form holds.
struct Workflow {
    QString name;
    QString description;
    QList<WorkflowParam> params;
    WorkflowTargets targets; // the default targets (from/fromNode unused here)
    QList<WorkflowNode> nodes;
    QList<WorkflowEdge> edges;

    // nullptr / -1 when there is no such node.
    const WorkflowNode* node(const QString& id) const;
    WorkflowNode* node(const QString& id);
    int nodeIndex(const QString& id) const;
    const WorkflowParam* param(const QString& name) const;
    // Edges into / out of a node, in the workflow's order; with their indices in `edges` for an editor.
    QList<WorkflowEdge> incoming(const QString& id) const;
    QList<WorkflowEdge> outgoing(const QString& id) const;
    QList<int> incomingIndices(const QString& id) const;
    QList<int> outgoingIndices(const QString& id) const;
    // Nodes without incoming edges, in the workflow's order: where a run starts.
    QStringList startNodes() const;
    // An id not yet used, made from `base` (e.g. "probe", "probe_2", "probe_3").
    QString uniqueNodeId(const QString& base) const;
    // Removes a node and every edge that touches it; renames a node and every reference to it (edges, targets'
    // fromNode). Return false when there is no such node (rename: or the new id is taken).
    bool removeNode(const QString& id);
    bool renameNode(const QString& from, const QString& to);

    // Why `name` cannot name a workflow (empty when it can): as a script's name.
    static QString nameProblem(const QString& name);
    bool operator==(const Workflow&) const = default;
};
