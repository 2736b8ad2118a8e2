#pragma once

#include "workflows/Workflow.h"

#include <QList>
#include <QString>
#include <functional>

// One problem of a workflow: which node (and edge) and field, and where in that field's text when known.
struct WorkflowProblem {
    QString node; // node id; empty for the workflow itself (or an edge, see `edge`)
    int edge = -1; // index into Workflow::edges when the problem is an edge's
    QString field; // "when", "plan", "script", "targets", "id" …; empty when the node as a whole
    int column = 0; // 1-based column in the field's text (a condition's parse error); 0 = not known
    QString message;

    // "node 'push': field 'template': no template 'nginx.conf' in the library", "edge 3 (a -> b): field 'when':
    // column 9: unexpected end of expression".
    QString toString(const Workflow& workflow) const;
    bool operator==(const WorkflowProblem&) const = default;
};

// What the workflow refers to outside itself; a lookup left empty is not checked.
struct WorkflowLookup {
    std::function<bool(const QString&)> scriptExists; // ScriptStore names
    std::function<bool(const QString&)> templateExists; // TemplateStore names
    std::function<bool(const QString&)> workflowExists; // WorkflowStore names (sub-workflows)
};

// Every problem, in the workflow's order (docs/workflows.md "Validation"): names and ids, edges to unknown nodes,
// cycles, nodes no start can reach, joins that can never fire, missing settings, scripts, templates and
// sub-workflows, hosts taken from a node that does not run before, undefined parameters (`params.X`) and unknown
// nodes (`nodes.X`) in conditions and texts, bad plans and policies, conditions that do not parse (with the column,
// by the one Jinja expression parser). Empty = valid.
QList<WorkflowProblem> validateWorkflow(const Workflow& workflow, const WorkflowLookup& lookup = {});
