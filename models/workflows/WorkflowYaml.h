#pragma once

#include "core/Result.h"
#include "workflows/Workflow.h"

#include <QString>

// The YAML form of a workflow (docs/workflows.md "Format"): readable, keys in a fixed order, node positions
// included, fields at their default left out, so that a diff of two versions shows what changed.
// load(save(w)) == w for every workflow whose nodes keep only their own kind's settings (the others at their
// defaults), and save(load(text)) == text for text that save() wrote.
namespace WorkflowYaml {

QString save(const Workflow& workflow);
// Errors name the place ("FILE:LINE:COL") and, inside a node, the node id and the field:
// "workflow.yml:12:11: node 'push': field 'plan': ...". Unknown keys are errors (a typo is not ignored).
Result<Workflow> load(const QString& text, const QString& file = QStringLiteral("workflow.yml"));
// A .yml file; at most kMaxFileBytes.
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;
Result<Workflow> loadFile(const QString& path);

} // namespace WorkflowYaml
