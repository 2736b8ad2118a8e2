#include "JobSpec.h"

#include "jobs/JsonFields.h"
#include "store/FileStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

namespace {

Error specError(const QString& message)
{
    return Error(message, { QStringLiteral("job"), 0, 0 });
}

QString fileName(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? path : path.mid(slash + 1);
}

} // namespace

QString stepKindName(StepKind kind)
{
    switch (kind) {
    case StepKind::RunScript:
        return QStringLiteral("run-script");
    case StepKind::PushFile:
        return QStringLiteral("push-file");
    case StepKind::PushTemplate:
        return QStringLiteral("push-template");
    }
    return {};
}

QString JobStep::displayName(bool translated) const
{
    if (!name.isEmpty()) {
        return name;
    }
    const auto text = [translated](const char* source) {
        return translated ? QCoreApplication::translate("JobSpec", source) : QString::fromUtf8(source);
    };
    switch (kind()) {
    case StepKind::RunScript:
        return text(QT_TRANSLATE_NOOP("JobSpec", "Run script"));
    case StepKind::PushFile: {
        const auto& p = std::get<PushFile>(action);
        return text(QT_TRANSLATE_NOOP("JobSpec", "Push %1 to %2")).arg(fileName(p.sourcePath), p.dest);
    }
    case StepKind::PushTemplate: {
        const auto& p = std::get<PushTemplate>(action);
        return text(QT_TRANSLATE_NOOP("JobSpec", "Push template %1 to %2")).arg(p.templateName, p.dest);
    }
    }
    return {};
}

QStringList JobSpec::targetsOf(int step) const
{
    const QStringList& list
        = (step >= 0 && step < steps.size() && steps[step].targets) ? *steps[step].targets : targets;
    // One hash operation per host and no rehashing: a job of 10,000 hosts asks this at every start and replay.
    QStringList out;
    out.reserve(list.size());
    QSet<QString> seen;
    seen.reserve(list.size());
    for (const QString& h : list) {
        const qsizetype before = seen.size();
        seen.insert(h);
        if (seen.size() != before) {
            out.append(h);
        }
    }
    return out;
}

QStringList JobSpec::allTargets() const
{
    if (steps.size() == 1) {
        return targetsOf(0);
    }
    QStringList out;
    QSet<QString> seen;
    seen.reserve(targets.size());
    for (int s = 0; s < steps.size(); ++s) {
        for (const QString& h : targetsOf(s)) {
            const qsizetype before = seen.size();
            seen.insert(h);
            if (seen.size() != before) {
                out.append(h);
            }
        }
    }
    return out;
}

QHash<QString, QStringList> JobSpec::batchOfHosts() const
{
    QHash<QString, QStringList> out;
    for (int s = 0; s < steps.size(); ++s) {
        for (const QStringList& batch : plan.split(targetsOf(s))) {
            for (const QString& h : batch) {
                if (!out.contains(h)) {
                    out.insert(h, batch);
                }
            }
        }
    }
    return out;
}

QString JobSpec::accountOf(int step) const
{
    if (step >= 0 && step < steps.size() && !steps[step].account.isEmpty()) {
        return steps[step].account;
    }
    return runAs;
}

QList<QStringList> JobSpec::batchPreview(int step) const
{
    return plan.split(targetsOf(step));
}

Result<void> JobSpec::validate() const
{
    if (steps.isEmpty()) {
        return specError(
            QCoreApplication::translate("JobSpec", "the job has no steps: add a script or a file to push"));
    }
    if (concurrency < 0 || timeoutSeconds < 0) {
        return specError(QCoreApplication::translate("JobSpec", "concurrency and timeout must not be negative"));
    }
    static const QRegularExpression modeRe(QStringLiteral("^[0-7]{3,4}$"));
    for (int s = 0; s < steps.size(); ++s) {
        const JobStep& step = steps[s];
        const QString where = QCoreApplication::translate("JobSpec", "step %1 (%2)").arg(s + 1).arg(step.displayName());
        if (targetsOf(s).isEmpty()) {
            return specError(QCoreApplication::translate("JobSpec",
                "%1 has no target hosts: select hosts for the job or "
                "the step")
                                 .arg(where));
        }
        for (const QString& h : targetsOf(s)) {
            if (h.isEmpty()) {
                return specError(QCoreApplication::translate("JobSpec", "%1 has an empty host name").arg(where));
            }
        }
        QString dest;
        QString mode;
        switch (step.kind()) {
        case StepKind::RunScript:
            if (std::get<RunScript>(step.action).interpreter.trimmed().isEmpty()) {
                return specError(
                    QCoreApplication::translate("JobSpec", "%1 needs an interpreter, e.g. /bin/sh").arg(where));
            }
            break;
        case StepKind::PushFile: {
            const auto& p = std::get<PushFile>(step.action);
            if (p.sourcePath.isEmpty() && !p.hasContent && p.contentSha256.isEmpty()) {
                return specError(QCoreApplication::translate("JobSpec", "%1 needs a file to push").arg(where));
            }
            if (!p.contentSha256.isEmpty() && !FileStore::isHash(p.contentSha256)) {
                return specError(QCoreApplication::translate(
                    "JobSpec", "%1: contentSha256 must be a SHA-256 in 64 lowercase hexadecimal digits")
                                     .arg(where));
            }
            if (!p.contentSha256.isEmpty() && p.hasContent) {
                return specError(QCoreApplication::translate(
                    "JobSpec", "%1 gives its file twice (contentBase64 and contentSha256): give one")
                                     .arg(where));
            }
            dest = p.dest;
            mode = p.mode;
            break;
        }
        case StepKind::PushTemplate: {
            const auto& p = std::get<PushTemplate>(step.action);
            dest = p.dest;
            mode = p.mode;
            break;
        }
        }
        if (step.kind() != StepKind::RunScript) {
            if (!dest.startsWith(QLatin1Char('/'))) {
                return specError(QCoreApplication::translate(
                    "JobSpec", "%1 needs an absolute destination path on the hosts, e.g. /etc/app.conf")
                                     .arg(where));
            }
            if (!mode.isEmpty() && !modeRe.match(mode).hasMatch()) {
                return specError(
                    QCoreApplication::translate("JobSpec", "%1: '%2' is not a file mode: write it in octal, e.g. 0644")
                        .arg(where, mode));
            }
        }
    }
    return {};
}

QJsonObject JobSpec::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("createdBy"), createdBy);
    o.insert(QStringLiteral("targetDescription"), targetDescription);
    o.insert(QStringLiteral("targets"), JsonFields::toArray(targets));
    o.insert(QStringLiteral("runAs"), runAs);
    o.insert(QStringLiteral("parameters"), parameters);
    o.insert(QStringLiteral("timeoutSeconds"), timeoutSeconds);
    o.insert(QStringLiteral("concurrency"), concurrency);
    if (bandwidthLimit > 0) {
        o.insert(QStringLiteral("bandwidthLimit"), bandwidthLimit);
    }
    o.insert(QStringLiteral("plan"), plan.toString());
    o.insert(QStringLiteral("pause"), pause.toString());
    o.insert(QStringLiteral("failurePolicy"), failurePolicy.toString());
    QJsonArray stepsJson;
    for (const JobStep& step : steps) {
        QJsonObject s;
        s.insert(QStringLiteral("kind"), stepKindName(step.kind()));
        if (!step.name.isEmpty()) {
            s.insert(QStringLiteral("name"), step.name);
        }
        if (!step.account.isEmpty()) {
            s.insert(QStringLiteral("account"), step.account);
        }
        if (step.targets) {
            s.insert(QStringLiteral("targets"), JsonFields::toArray(*step.targets));
        }
        switch (step.kind()) {
        case StepKind::RunScript: {
            const auto& r = std::get<RunScript>(step.action);
            s.insert(QStringLiteral("interpreter"), r.interpreter);
            s.insert(QStringLiteral("script"), r.script);
            s.insert(QStringLiteral("args"), JsonFields::toArray(r.args));
            break;
        }
        case StepKind::PushFile: {
            const auto& p = std::get<PushFile>(step.action);
            s.insert(QStringLiteral("source"), p.sourcePath);
            if (!p.contentSha256.isEmpty()) {
                s.insert(QStringLiteral("contentSha256"), p.contentSha256);
            } else if (p.hasContent) {
                s.insert(QStringLiteral("contentBase64"), QString::fromLatin1(p.content.toBase64()));
            }
            s.insert(QStringLiteral("dest"), p.dest);
            s.insert(QStringLiteral("mode"), p.mode);
            s.insert(QStringLiteral("owner"), p.owner);
            break;
        }
        case StepKind::PushTemplate: {
            const auto& p = std::get<PushTemplate>(step.action);
            s.insert(QStringLiteral("template"), p.templateName);
            s.insert(QStringLiteral("templateText"), p.templateText);
            s.insert(QStringLiteral("dest"), p.dest);
            s.insert(QStringLiteral("mode"), p.mode);
            s.insert(QStringLiteral("owner"), p.owner);
            break;
        }
        }
        stepsJson.append(s);
    }
    o.insert(QStringLiteral("steps"), stepsJson);
    return o;
}

Result<JobSpec> JobSpec::fromJson(const QJsonObject& json)
{
    JobSpec spec;
    JsonFields r(json);
    spec.id = r.string("id");
    spec.name = r.string("name");
    spec.createdBy = r.string("createdBy");
    spec.targetDescription = r.string("targetDescription");
    spec.targets = r.strings("targets").value_or(QStringList());
    spec.runAs = r.string("runAs");
    const QJsonValue params = json.value(QStringLiteral("parameters"));
    if (params.isObject()) {
        spec.parameters = params.toObject();
    } else if (!params.isUndefined() && !params.isNull()) {
        r.fail("parameters", QStringLiteral("must be an object"));
    }
    spec.timeoutSeconds = int(r.integer("timeoutSeconds", 0, 365 * 24 * 3600));
    spec.concurrency = int(r.integer("concurrency", 0, 1'000'000, false, 20));
    spec.bandwidthLimit = r.integer("bandwidthLimit", 0, qint64(1) << 50);
    if (auto plan = RollingPlan::parse(r.string("plan"))) {
        spec.plan = *plan;
    } else {
        r.failWith(QStringLiteral("plan: ") + plan.errorString());
    }
    if (auto pause = BatchPause::parse(r.string("pause"))) {
        spec.pause = *pause;
    } else {
        r.failWith(QStringLiteral("pause: ") + pause.errorString());
    }
    if (auto policy = FailurePolicy::parse(r.string("failurePolicy"))) {
        spec.failurePolicy = *policy;
    } else {
        r.failWith(QStringLiteral("failurePolicy: ") + policy.errorString());
    }
    const QJsonValue stepsValue = json.value(QStringLiteral("steps"));
    if (!stepsValue.isArray()) {
        r.fail("steps", QStringLiteral("must be a list of steps"));
    }
    const QJsonArray stepsJson = stepsValue.toArray();
    for (qsizetype i = 0; i < stepsJson.size() && !r.error(); ++i) {
        const QString path = QStringLiteral("steps[%1].").arg(i);
        if (!stepsJson[i].isObject()) {
            r.failWith(QStringLiteral("steps[%1] must be an object").arg(i));
            break;
        }
        const QJsonObject s = stepsJson[i].toObject();
        JsonFields sr(s, path);
        JobStep step;
        step.name = sr.string("name");
        step.account = sr.string("account");
        step.targets = sr.strings("targets");
        const QString kind = sr.string("kind", true);
        if (kind == stepKindName(StepKind::RunScript)) {
            RunScript run;
            if (s.contains(QStringLiteral("interpreter"))) {
                run.interpreter = sr.string("interpreter");
            }
            run.script = sr.string("script");
            run.args = sr.strings("args").value_or(QStringList());
            step.action = run;
        } else if (kind == stepKindName(StepKind::PushFile)) {
            PushFile push;
            push.sourcePath = sr.string("source");
            if (s.contains(QStringLiteral("contentBase64"))) {
                push.content = sr.base64("contentBase64");
                push.hasContent = true;
            }
            if (s.contains(QStringLiteral("contentSha256"))) {
                push.contentSha256 = sr.string("contentSha256");
            }
            push.dest = sr.string("dest");
            push.mode = sr.string("mode");
            push.owner = sr.string("owner");
            step.action = push;
        } else if (kind == stepKindName(StepKind::PushTemplate)) {
            PushTemplate push;
            push.templateName = sr.string("template");
            push.templateText = sr.string("templateText");
            push.dest = sr.string("dest");
            push.mode = sr.string("mode");
            push.owner = sr.string("owner");
            step.action = push;
        } else if (!kind.isEmpty()) {
            sr.fail("kind", QStringLiteral("'%1' is unknown (known: run-script, push-file, push-template)").arg(kind));
        }
        if (sr.error()) {
            r.failWith(*sr.error());
        }
        spec.steps.append(step);
    }
    if (r.error()) {
        return specError(*r.error());
    }
    return spec;
}

Result<qint64> JobSpec::parseByteRate(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d+(?:\\.\\d+)?)\\s*([kKmMgG]?)(?:i?B)?(?:/s)?\\s*$"));
    if (text.trimmed().isEmpty()) {
        return qint64(0);
    }
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) {
        return Error(QCoreApplication::translate(
            "JobSpec", "'%1' is not a rate: write bytes per second like 500K, 2M or 1G (1024-based)")
                         .arg(text.trimmed()));
    }
    const QChar unit = m.captured(2).isEmpty() ? QChar() : m.captured(2).at(0).toUpper();
    const double factor = unit == QLatin1Char('K') ? 1024.0
        : unit == QLatin1Char('M')                 ? 1024.0 * 1024
        : unit == QLatin1Char('G')                 ? 1024.0 * 1024 * 1024
                                                   : 1.0;
    const double bytes = m.captured(1).toDouble() * factor;
    if (bytes >= double(qint64(1) << 50)) {
        return Error(QCoreApplication::translate("JobSpec", "'%1' is too large for a rate").arg(text.trimmed()));
    }
    return qint64(bytes);
}
