#pragma once

#include "scripts/ScriptFinding.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

// The gate between a script with blocking danger findings and a run: a run may start only when nothing blocks or
// every blocking finding was explicitly acknowledged by a person. An acknowledgement names each finding by its
// rule and the text of its line, so that editing elsewhere in the script keeps it valid while changing (or
// adding) a dangerous line needs a new one. The run dialog (jobs) records the acknowledgement with the job.
namespace DangerGate {

struct Acknowledgement {
    QStringList fingerprints; // "RULE-ID\tTRIMMED LINE TEXT", one per acknowledged blocking finding
    QString by; // who acknowledged
    QDateTime at; // when (UTC)
};

// The findings that block a run.
ScriptFindings blocking(const ScriptFindings& findings);
// The fingerprint of each blocking finding of `text`.
QStringList fingerprints(const QString& text, const ScriptFindings& findings);
// Acknowledges every blocking finding now.
Acknowledgement acknowledge(const QString& text, const ScriptFindings& findings, const QString& by);
// Blocking findings that `ack` does not cover (all of them without an acknowledgement).
ScriptFindings unacknowledged(const QString& text, const ScriptFindings& findings, const Acknowledgement* ack);
// True when nothing blocks, or every blocking finding is covered by `ack`.
bool mayRun(const QString& text, const ScriptFindings& findings, const Acknowledgement* ack);

} // namespace DangerGate
