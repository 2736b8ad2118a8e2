#pragma once

#include "core/Result.h"
#include "workflows/Workflow.h"

#include <QList>
#include <QMap>
#include <QStringList>
#include <QVariantMap>
#include <functional>

// What a workflow will do before it runs, and the inputs every run starts from (docs/workflows.md "What-if").

// The parameters given at launch (`--param K=V`, text) checked and typed against the workflow's declarations:
// unknown names, a missing required one, a number, boolean or choice that is not one, are errors naming the
// parameter. Defaults fill the rest; a number becomes an integer or a double, a boolean a bool.
Result<QVariantMap> typedWorkflowParams(const Workflow& workflow, const QMap<QString, QString>& given);
// Renders `{{ … }}` in a node's text (a query, args, a command, a message) with `params` (and `host`).
Result<QString> renderWorkflowText(const QString& text, const QVariantMap& params, const QString& host = {});

// The hosts of a query / groups / hosts selection (the query already rendered); unset: `hosts` only.
using WorkflowTargetResolver = std::function<Result<QStringList>(const WorkflowTargets&)>;

struct WorkflowPreviewNode {
    QString node;
    int wave = 0; // nodes of one wave start together (1 = the start nodes)
    QString outcome; // "succeeded", "failed" (the chosen node), "skipped"
    bool hostTouching = false;
    int hosts = 0;
    QList<int> batchSizes; // the node's rolling plan over its hosts
    QString note; // why skipped; a problem (targets that do not resolve)
    bool operator==(const WorkflowPreviewNode&) const = default;
};

struct WorkflowPreview {
    QList<WorkflowPreviewNode> nodes; // in the order they would be decided
    QString outcome; // the workflow's outcome by the engine's rule
    QStringList problems;
    bool operator==(const WorkflowPreview&) const = default;
};

// A pure what-if (no host is touched): runs the engine's rules (WorkflowRun) over a simulated run in which every
// node succeeds on all its hosts — approvals approved, probes answered — except `failingNode` (when given), which
// fails on all of its hosts. `targets` are the workflow's resolved targets; nodes with targets of their own are
// resolved through `resolve`; hosts flow from the simulated results.
WorkflowPreview previewWorkflow(const Workflow& workflow, const QVariantMap& params, const QStringList& targets,
    const WorkflowTargetResolver& resolve, const QString& failingNode = {});
