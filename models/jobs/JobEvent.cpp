#include "JobEvent.h"
#include "jobs/JsonFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>
#include <algorithm>

namespace {

const char* const kTypeNames[] = { "job.created", "job.rerun", "step.started", "batch.started", "host.started",
    "host.output", "host.finished", "batch.finished", "step.finished", "job.waiting", "job.confirmed", "job.paused",
    "job.resumed", "job.stopping", "job.cancelling", "job.finished", "host.progress", "workflow.started",
    "node.started", "node.finished", "approval.requested", "approval.given", "workflow.paused", "workflow.resumed",
    "workflow.cancelling", "workflow.rerun", "workflow.finished" };
static_assert(std::size(kTypeNames) == int(JobEvent::Type::WorkflowFinished) + 1);
const char* const kNodeOutcomes[] = { "succeeded", "failed", "skipped", "cancelled", "interrupted" };
const char* const kWorkflowOutcomes[] = { "succeeded", "failed", "cancelled", "interrupted" };
const char* const kDecisions[] = { "approve", "reject" };
const char* const kActions[] = { "retry-node", "rerun-from" };

template <size_t N> bool oneOf(const QString& value, const char* const (&names)[N])
{
    return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return value == QLatin1String(n); });
}

template <size_t N> QString joined(const char* const (&names)[N])
{
    QStringList out;
    for (const char* n : names) {
        out.append(QLatin1String(n));
    }
    return out.join(QStringLiteral(", "));
}
const char* const kProgressPhases[] = { "queued", "connecting", "running", "retrying" };

const char* const kModeNames[] = { "retry-failed", "retry-failed-and-not-started", "rerun-step" };

std::optional<JobEvent::RerunMode> parseMode(QStringView name)
{
    for (int i = 0; i < int(std::size(kModeNames)); ++i) {
        if (name == QLatin1String(kModeNames[i])) {
            return JobEvent::RerunMode(i);
        }
    }
    return std::nullopt;
}

Error eventError(const QString& message)
{
    return Error(message, { QStringLiteral("event"), 0, 0 });
}

} // namespace

QString JobEvent::typeName(Type type)
{
    return QLatin1String(kTypeNames[int(type)]);
}

std::optional<JobEvent::Type> JobEvent::parseType(QStringView name)
{
    for (int i = 0; i < int(std::size(kTypeNames)); ++i) {
        if (name == QLatin1String(kTypeNames[i])) {
            return Type(i);
        }
    }
    return std::nullopt;
}

QString JobEvent::rerunModeName(RerunMode mode)
{
    return QLatin1String(kModeNames[int(mode)]);
}

QJsonObject JobEvent::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("seq"), seq);
    o.insert(QStringLiteral("time"), timeMs);
    o.insert(QStringLiteral("job"), jobId);
    o.insert(QStringLiteral("type"), typeName(type));
    auto put = [&o](const char* key, const QJsonValue& v) { o.insert(QLatin1String(key), v); };
    auto putBy = [&] {
        if (!by.isEmpty()) {
            put("by", by);
        }
    };
    auto putMessage = [&] {
        if (!message.isEmpty()) {
            put("message", message);
        }
    };
    switch (type) {
    case Type::JobCreated:
        put("spec", spec ? spec->toJson() : QJsonObject());
        putBy();
        break;
    case Type::JobRerun:
        put("run", run);
        put("mode", rerunModeName(mode));
        if (mode == RerunMode::RerunStep) {
            put("step", step);
        }
        put("hosts", JsonFields::toArray(hosts));
        putBy();
        break;
    case Type::StepStarted:
        put("step", step);
        put("run", run);
        put("hosts", JsonFields::toArray(hosts));
        put("skipped", JsonFields::toArray(skipped));
        put("batches", batchCount);
        break;
    case Type::BatchStarted:
        put("step", step);
        put("batch", batch);
        put("hosts", JsonFields::toArray(hosts));
        break;
    case Type::HostStarted:
        put("step", step);
        put("batch", batch);
        put("host", host);
        put("attempt", attempt);
        break;
    case Type::HostOutput: {
        put("step", step);
        put("host", host);
        put("stream", outputStreamName(stream));
        // Text when the bytes are UTF-8 (nearly always), base64 when not, so that the bytes survive exactly.
        // (A leading BOM is dropped by the decoder, so such a chunk goes as base64 and keeps it.)
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder(chunk);
        if (!decoder.hasError() && text.toUtf8() == chunk) {
            put("chunk", text);
        } else {
            put("chunkBase64", QString::fromLatin1(chunk.toBase64()));
        }
        break;
    }
    case Type::HostFinished:
        put("step", step);
        put("batch", batch);
        put("host", host);
        put("attempt", attempt);
        put("status", hostStatusName(hostStatus));
        put("exitCode", exitCode);
        put("durationMs", durationMs);
        if (!message.isEmpty()) {
            put("message", message);
        }
        break;
    case Type::BatchFinished:
        put("step", step);
        put("batch", batch);
        break;
    case Type::HostProgress:
        put("step", step);
        put("batch", batch);
        put("host", host);
        put("attempt", attempt);
        put("phase", phase);
        if (!message.isEmpty()) {
            put("message", message);
        }
        break;
    case Type::StepFinished:
        put("step", step);
        put("status", stepStatusName(stepStatus));
        break;
    case Type::JobWaiting:
        put("step", step);
        put("batch", batch);
        put("seconds", waitSeconds);
        put("manual", manual);
        break;
    case Type::JobConfirmed:
    case Type::JobPaused:
    case Type::JobResumed:
    case Type::JobCancelling:
        putBy();
        break;
    case Type::JobStopping:
        put("message", message);
        break;
    case Type::JobFinished:
        put("status", jobStatusName(jobStatus));
        if (!message.isEmpty()) {
            put("message", message);
        }
        break;
    case Type::WorkflowStarted:
        put("workflow", workflowYaml);
        put("version", version);
        put("params", params);
        put("hosts", JsonFields::toArray(hosts));
        putBy();
        break;
    case Type::NodeStarted:
        put("node", node);
        put("attempt", attempt);
        if (!nodeJob.isEmpty()) {
            put("nodeJob", nodeJob);
        }
        put("hosts", JsonFields::toArray(hosts));
        putMessage();
        break;
    case Type::NodeFinished:
        put("node", node);
        put("attempt", attempt);
        put("outcome", outcome);
        put("succeeded", JsonFields::toArray(hosts));
        put("failed", JsonFields::toArray(failedHosts));
        {
            QJsonArray taken;
            for (int i : edges) {
                taken.append(i);
            }
            put("edges", taken);
        }
        if (exitCode != -1) {
            put("exitCode", exitCode);
        }
        if (!chunk.isEmpty()) {
            put("output", QString::fromUtf8(chunk));
        }
        putMessage();
        break;
    case Type::ApprovalRequested:
        put("node", node);
        put("approvers", JsonFields::toArray(approvers));
        put("seconds", waitSeconds);
        put("commentRequired", commentRequired);
        putMessage();
        break;
    case Type::ApprovalGiven:
        put("node", node);
        put("decision", decision);
        put("comment", comment);
        putBy();
        putMessage();
        break;
    case Type::WorkflowPaused:
    case Type::WorkflowResumed:
    case Type::WorkflowCancelling:
        putBy();
        break;
    case Type::WorkflowRerun:
        put("node", node);
        put("action", action);
        putBy();
        break;
    case Type::WorkflowFinished:
        put("outcome", outcome);
        putMessage();
        break;
    }
    return o;
}

bool JobEvent::changesJobStatus(Type type)
{
    switch (type) {
    case Type::JobCreated:
    case Type::JobRerun:
    case Type::JobWaiting:
    case Type::JobConfirmed:
    case Type::JobPaused:
    case Type::JobResumed:
    case Type::JobCancelling:
    case Type::JobFinished:
    case Type::WorkflowStarted:
    case Type::WorkflowPaused:
    case Type::WorkflowResumed:
    case Type::WorkflowCancelling:
    case Type::WorkflowRerun:
    case Type::WorkflowFinished:
        return true;
    default:
        return false;
    }
}

QByteArray JobEvent::toJsonLine() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

Result<JobEvent> JobEvent::fromJson(const QJsonObject& json)
{
    JsonFields r(json);
    JobEvent e;
    const QString typeText = r.string("type", true);
    e.seq = r.integer("seq", 1, std::numeric_limits<qint64>::max(), true);
    e.timeMs = r.integer("time", 0, std::numeric_limits<qint64>::max(), true);
    e.jobId = r.string("job", true);
    if (r.error()) {
        return eventError(QStringLiteral("event: ") + *r.error());
    }
    const auto type = parseType(typeText);
    if (!type) {
        return eventError(QStringLiteral("event %1: unknown type '%2'").arg(e.seq).arg(typeText));
    }
    e.type = *type;
    constexpr int kMaxIndex = 1'000'000;
    constexpr int kMaxInt = std::numeric_limits<int>::max();
    switch (e.type) {
    case Type::JobCreated: {
        const QJsonValue spec = json.value(QStringLiteral("spec"));
        if (!spec.isObject()) {
            r.fail("spec", QStringLiteral("must be an object"));
            break;
        }
        auto parsed = JobSpec::fromJson(spec.toObject());
        if (!parsed) {
            r.failWith(QStringLiteral("'spec' is not a valid job: ") + parsed.error().message);
            break;
        }
        e.spec = std::make_shared<const JobSpec>(std::move(*parsed));
        e.by = r.string("by");
        break;
    }
    case Type::JobRerun:
        e.run = int(r.integer("run", 2, kMaxInt, true));
        e.mode = r.name<RerunMode>("mode", parseMode, "retry-failed, retry-failed-and-not-started, rerun-step");
        if (e.mode == RerunMode::RerunStep) {
            e.step = int(r.integer("step", 0, kMaxIndex, true));
        }
        e.hosts = r.strings("hosts", true).value_or(QStringList());
        e.by = r.string("by");
        break;
    case Type::StepStarted:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.run = int(r.integer("run", 1, kMaxInt, true));
        e.hosts = r.strings("hosts", true).value_or(QStringList());
        e.skipped = r.strings("skipped").value_or(QStringList());
        e.batchCount = int(r.integer("batches", 0, kMaxInt, true));
        break;
    case Type::BatchStarted:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.batch = int(r.integer("batch", 0, kMaxInt, true));
        e.hosts = r.strings("hosts", true).value_or(QStringList());
        break;
    case Type::HostStarted:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.batch = int(r.integer("batch", 0, kMaxInt, true));
        e.host = r.string("host", true);
        e.attempt = int(r.integer("attempt", 1, kMaxInt, true));
        break;
    case Type::HostOutput: {
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.host = r.string("host", true);
        e.stream = r.name<OutputStream>("stream", parseOutputStream, "stdout, stderr");
        if (json.contains(QStringLiteral("chunkBase64"))) {
            e.chunk = r.base64("chunkBase64", true);
        } else {
            e.chunk = r.string("chunk", true).toUtf8();
        }
        break;
    }
    case Type::HostFinished:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.batch = int(r.integer("batch", -1, kMaxInt, false, -1));
        e.host = r.string("host", true);
        e.attempt = int(r.integer("attempt", 0, kMaxInt, true));
        e.hostStatus = r.name<HostStatus>("status", parseHostStatus,
            "success, failed, timed-out, unreachable, auth-failed, host-key-rejected, cancelled, skipped, not-started, "
            "interrupted");
        if (!r.error() && !isFinal(e.hostStatus)) {
            r.fail("status", QStringLiteral("must be a final status, not '%1'").arg(hostStatusName(e.hostStatus)));
        }
        e.exitCode = int(r.integer("exitCode", -1, kMaxInt, false, -1));
        e.durationMs = r.integer("durationMs", 0, std::numeric_limits<qint64>::max());
        e.message = r.string("message");
        break;
    case Type::HostProgress:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.batch = int(r.integer("batch", -1, kMaxInt, false, -1));
        e.host = r.string("host", true);
        e.attempt = int(r.integer("attempt", 0, kMaxInt, true));
        e.phase = r.string("phase", true);
        if (!r.error() && std::none_of(std::begin(kProgressPhases), std::end(kProgressPhases), [&](const char* name) {
                return e.phase == QLatin1String(name);
            })) {
            r.fail("phase", QStringLiteral("must be one of queued, connecting, running, retrying"));
        }
        e.message = r.string("message");
        break;
    case Type::BatchFinished:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.batch = int(r.integer("batch", 0, kMaxInt, true));
        break;
    case Type::StepFinished:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.stepStatus
            = r.name<StepStatus>("status", parseStepStatus, "succeeded, failed, cancelled, not-started, interrupted");
        break;
    case Type::JobWaiting:
        e.step = int(r.integer("step", 0, kMaxIndex, true));
        e.batch = int(r.integer("batch", 0, kMaxInt, true));
        e.waitSeconds = int(r.integer("seconds", 0, kMaxInt));
        e.manual = r.boolean("manual");
        break;
    case Type::JobConfirmed:
    case Type::JobPaused:
    case Type::JobResumed:
    case Type::JobCancelling:
        e.by = r.string("by");
        break;
    case Type::JobStopping:
        e.message = r.string("message");
        break;
    case Type::JobFinished:
        e.jobStatus = r.name<JobStatus>("status", parseJobStatus, "succeeded, failed, cancelled, interrupted");
        if (!r.error() && !isFinal(e.jobStatus)) {
            r.fail("status", QStringLiteral("must be a final status, not '%1'").arg(jobStatusName(e.jobStatus)));
        }
        e.message = r.string("message");
        break;
    case Type::WorkflowStarted: {
        e.workflowYaml = r.string("workflow", true);
        e.version = int(r.integer("version", 0, kMaxInt));
        const QJsonValue params = json.value(QStringLiteral("params"));
        if (!params.isUndefined() && !params.isObject()) {
            r.fail("params", QStringLiteral("must be an object"));
        }
        e.params = params.toObject();
        e.hosts = r.strings("hosts").value_or(QStringList());
        e.by = r.string("by");
        break;
    }
    case Type::NodeStarted:
        e.node = r.string("node", true);
        e.attempt = int(r.integer("attempt", 1, kMaxInt, true));
        e.nodeJob = r.string("nodeJob");
        e.hosts = r.strings("hosts").value_or(QStringList());
        e.message = r.string("message");
        break;
    case Type::NodeFinished:
        e.node = r.string("node", true);
        e.attempt = int(r.integer("attempt", 1, kMaxInt, true));
        e.outcome = r.string("outcome", true);
        if (!r.error() && !oneOf(e.outcome, kNodeOutcomes)) {
            r.fail("outcome", QStringLiteral("must be one of %1").arg(joined(kNodeOutcomes)));
        }
        e.hosts = r.strings("succeeded").value_or(QStringList());
        e.failedHosts = r.strings("failed").value_or(QStringList());
        if (const QJsonValue taken = json.value(QStringLiteral("edges")); !taken.isUndefined()) {
            if (!taken.isArray()) {
                r.fail("edges", QStringLiteral("must be a list of edge numbers"));
            }
            for (const QJsonValue& v : taken.toArray()) {
                if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() > kMaxIndex || v.toDouble() != v.toInt()) {
                    r.fail("edges", QStringLiteral("must be a list of edge numbers"));
                    break;
                }
                e.edges.append(v.toInt());
            }
        }
        e.exitCode = int(r.integer("exitCode", -1, kMaxInt, false, -1));
        e.chunk = r.string("output").toUtf8();
        e.message = r.string("message");
        break;
    case Type::ApprovalRequested:
        e.node = r.string("node", true);
        e.approvers = r.strings("approvers").value_or(QStringList());
        e.waitSeconds = int(r.integer("seconds", 0, kMaxInt));
        e.commentRequired = r.boolean("commentRequired");
        e.message = r.string("message");
        break;
    case Type::ApprovalGiven:
        e.node = r.string("node", true);
        e.decision = r.string("decision", true);
        if (!r.error() && !oneOf(e.decision, kDecisions)) {
            r.fail("decision", QStringLiteral("must be one of %1").arg(joined(kDecisions)));
        }
        e.comment = r.string("comment");
        e.by = r.string("by");
        e.message = r.string("message");
        break;
    case Type::WorkflowPaused:
    case Type::WorkflowResumed:
    case Type::WorkflowCancelling:
        e.by = r.string("by");
        break;
    case Type::WorkflowRerun:
        e.node = r.string("node", true);
        e.action = r.string("action", true);
        if (!r.error() && !oneOf(e.action, kActions)) {
            r.fail("action", QStringLiteral("must be one of %1").arg(joined(kActions)));
        }
        e.by = r.string("by");
        break;
    case Type::WorkflowFinished:
        e.outcome = r.string("outcome", true);
        if (!r.error() && !oneOf(e.outcome, kWorkflowOutcomes)) {
            r.fail("outcome", QStringLiteral("must be one of %1").arg(joined(kWorkflowOutcomes)));
        }
        e.message = r.string("message");
        break;
    }
    if (r.error()) {
        return eventError(QStringLiteral("event %1 (%2): %3").arg(e.seq).arg(typeText, *r.error()));
    }
    return e;
}

Result<JobEvent> JobEvent::fromJsonLine(const QByteArray& line)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (err.error != QJsonParseError::NoError) {
        return Error(QStringLiteral("not a JSON event: %1").arg(err.errorString()),
            { QStringLiteral("event"), 1, err.offset + 1 });
    }
    if (!doc.isObject()) {
        return Error(QStringLiteral("not a JSON event: expected an object"), { QStringLiteral("event"), 1, 1 });
    }
    return fromJson(doc.object());
}

bool JobEvent::operator==(const JobEvent& o) const
{
    const bool specsEqual = (!spec && !o.spec) || (spec && o.spec && *spec == *o.spec);
    return specsEqual && type == o.type && seq == o.seq && timeMs == o.timeMs && jobId == o.jobId && run == o.run
        && step == o.step && batch == o.batch && host == o.host && attempt == o.attempt && stream == o.stream
        && chunk == o.chunk && hostStatus == o.hostStatus && stepStatus == o.stepStatus && jobStatus == o.jobStatus
        && exitCode == o.exitCode && durationMs == o.durationMs && message == o.message && by == o.by
        && phase == o.phase && hosts == o.hosts && skipped == o.skipped && batchCount == o.batchCount
        && waitSeconds == o.waitSeconds && manual == o.manual && mode == o.mode && node == o.node
        && nodeJob == o.nodeJob && outcome == o.outcome && failedHosts == o.failedHosts && edges == o.edges
        && approvers == o.approvers && commentRequired == o.commentRequired && decision == o.decision
        && comment == o.comment && action == o.action && workflowYaml == o.workflowYaml && version == o.version
        && params == o.params;
}
