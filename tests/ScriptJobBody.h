#pragma once

// The JSON body of POST /api/v1/jobs for one /bin/sh script on `targets` (the server tests' usual job).
#include "jobs/JobSpec.h"

#include <QJsonDocument>
#include <QStringList>

inline QByteArray scriptJobBody(const QStringList& targets, const QString& script, int concurrency = 20,
    const QString& name = QStringLiteral("life"))
{
    JobSpec spec;
    spec.name = name;
    spec.targets = targets;
    JobStep step;
    step.name = QStringLiteral("work");
    step.action = RunScript { QStringLiteral("/bin/sh"), script, {} };
    spec.steps << step;
    spec.timeoutSeconds = 60;
    spec.concurrency = concurrency;
    return QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact);
}
