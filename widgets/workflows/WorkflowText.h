#pragma once

#include "workflows/Workflow.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

// How the builder names and colours workflow things, translated: node kinds, edge kinds, a node's one-line
// summary ("deploy.sh · batches 1 50% 100%", "wait 30 s", "all succeeded").
class WorkflowText {
    Q_DECLARE_TR_FUNCTIONS(WorkflowText)

public:
    static QString kindLabel(WorkflowNode::Kind kind);
    static QString kindDescription(WorkflowNode::Kind kind);
    static QString edgeKindLabel(WorkflowEdge::Kind kind);
    static QString summary(const WorkflowNode& node);
    static QColor kindColour(WorkflowNode::Kind kind);
};
