#include "JobSubmission.h"

#include "Backend.h"
#include "jobs/JobSpec.h"
#include "scripts/DangerGate.h"
#include "scripts/DangerRules.h"
#include "scripts/ScriptStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

// The language of a script step, from the interpreter it is fed to (as ScriptLanguages::interpreter names them).
ScriptLanguage languageOf(const QString& interpreter)
{
    const QString base = interpreter.section(u'/', -1);
    if (base.startsWith(QLatin1String("python"))) {
        return ScriptLanguage::Python;
    }
    if (base.startsWith(QLatin1String("perl"))) {
        return ScriptLanguage::Perl;
    }
    return base == QLatin1String("sh") ? ScriptLanguage::Sh : ScriptLanguage::Bash;
}

} // namespace

namespace JobSubmission {

std::optional<Refusal> check(Workspace& workspace, const JobSpec& spec)
{
    if (auto valid = spec.validate(); !valid) {
        return Refusal { QStringLiteral("bad_request"), valid.errorString(), {} };
    }
    const auto rules = ScriptStore::effectiveDangerRules(workspace);
    const QJsonObject ackJson = spec.parameters.value(QStringLiteral("danger_acknowledged")).toObject();
    DangerGate::Acknowledgement ack;
    for (const QJsonValue& f : ackJson.value(QStringLiteral("findings")).toArray()) {
        ack.fingerprints << f.toString();
    }
    for (int i = 0; i < spec.steps.size(); ++i) {
        const auto* run = std::get_if<RunScript>(&spec.steps.at(i).action);
        if (!run) {
            continue;
        }
        const ScriptFindings findings
            = DangerRules::check(run->script, languageOf(run->interpreter), rules ? *rules : DangerRules::defaults());
        const ScriptFindings open
            = DangerGate::unacknowledged(run->script, findings, ackJson.isEmpty() ? nullptr : &ack);
        if (!open.isEmpty()) {
            QStringList what;
            for (const ScriptFinding& f : open) {
                what << QStringLiteral("line %1: %2 [%3]").arg(f.line).arg(f.message, f.code);
            }
            return Refusal { QStringLiteral("danger_not_acknowledged"),
                QStringLiteral("step %1 has blocking danger findings that are not acknowledged: %2")
                    .arg(i + 1)
                    .arg(what.join(QStringLiteral("; "))),
                QStringLiteral("steps[%1]").arg(i) };
        }
    }
    return std::nullopt;
}

Result<QString> submit(Workspace& workspace, Backend& backend, JobSpec spec, const QString& by, Refusal* refusal)
{
    // Who runs it is the caller (the token, the schedule), whatever the spec says.
    spec.createdBy = by;
    if (std::optional<Refusal> problem = check(workspace, spec)) {
        *refusal = *problem;
        return Error(problem->message);
    }
    auto id = backend.submit(spec);
    if (!id) {
        *refusal = { QStringLiteral("bad_request"), QStringLiteral("the job could not start: %1").arg(id.errorString()),
            {} };
        return Error(refusal->message);
    }
    return *id;
}

} // namespace JobSubmission
