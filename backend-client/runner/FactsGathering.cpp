#include "FactsGathering.h"

#include "facts/FactStore.h"
#include "facts/FactsParser.h"
#include "facts/GatherScript.h"

#include <QDateTime>
#include <QUuid>

namespace {

constexpr qsizetype kStderrTail = 2048;

QString summary(const QJsonObject& facts)
{
    return QStringLiteral("%1 %2, %3 vCPUs, %4 MB")
        .arg(facts.value(QStringLiteral("distribution")).toString(),
            facts.value(QStringLiteral("distribution_version")).toString())
        .arg(facts.value(QStringLiteral("processor_vcpus")).toInt())
        .arg(facts.value(QStringLiteral("memtotal_mb")).toInteger());
}

} // namespace

FactsGathering::FactsGathering(Backend& backend, FactStore& store, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_store(store)
{
}

JobSpec FactsGathering::jobSpec(const QStringList& hosts, const QString& createdBy)
{
    JobSpec spec;
    spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    spec.name = QStringLiteral("Gather facts");
    spec.createdBy = createdBy;
    spec.targets = hosts;
    spec.timeoutSeconds = 120;
    JobStep step;
    step.name = QStringLiteral("gather facts");
    RunScript run;
    run.interpreter = GatherScript::interpreter();
    run.script = GatherScript::text();
    step.action = run;
    spec.steps.append(step);
    return spec;
}

Result<QString> FactsGathering::start(const JobSpec& spec)
{
    auto id = m_backend.submit(spec);
    if (!id) {
        return id.error();
    }
    m_jobId = *id;
    m_targets = spec.allTargets();
    auto subscription = m_backend.subscribe(m_jobId, 0, this);
    if (!subscription) {
        (void)m_backend.cancel(m_jobId);
        return subscription.error();
    }
    connect(*subscription, &JobSubscription::jobEvent, this, &FactsGathering::onEvent);
    connect(*subscription, &JobSubscription::failed, this, &FactsGathering::failed);
    return m_jobId;
}

void FactsGathering::follow(const QString& jobId, const QStringList& targets)
{
    m_jobId = jobId;
    m_targets = targets;
}

void FactsGathering::onEvent(const JobEvent& e)
{
    switch (e.type) {
    case JobEvent::Type::HostStarted:
        // A retry starts the host's output afresh.
        m_stdout.remove(e.host);
        m_stderr.remove(e.host);
        m_tooLong.remove(e.host);
        break;
    case JobEvent::Type::HostOutput:
        if (e.stream == OutputStream::Stdout) {
            QByteArray& out = m_stdout[e.host];
            if (out.size() + e.chunk.size() > FactsParser::kMaxOutputBytes) {
                m_tooLong.insert(e.host, true);
                out.clear();
            } else if (!m_tooLong.value(e.host)) {
                out += e.chunk;
            }
        } else {
            QByteArray& err = m_stderr[e.host];
            err += e.chunk;
            if (err.size() > kStderrTail) {
                err = err.right(kStderrTail);
            }
        }
        break;
    case JobEvent::Type::HostFinished: {
        HostResult r;
        r.host = e.host;
        if (e.hostStatus == HostStatus::Success) {
            r = m_tooLong.value(e.host) ? HostResult { e.host, false,
                QStringLiteral("its output is larger than %1 bytes").arg(FactsParser::kMaxOutputBytes) }
                                        : store(e.host, m_stdout.value(e.host));
        } else {
            r.message = hostStatusName(e.hostStatus);
            if (e.exitCode >= 0) {
                r.message += QStringLiteral(" (exit %1)").arg(e.exitCode);
            }
            if (!e.message.isEmpty()) {
                r.message += QStringLiteral(": ") + e.message;
            }
            const QString err = QString::fromUtf8(m_stderr.value(e.host)).trimmed();
            if (!err.isEmpty()) {
                r.message += QStringLiteral("; stderr: ") + err.section(QLatin1Char('\n'), -1);
            }
        }
        m_stdout.remove(e.host);
        m_stderr.remove(e.host);
        m_results.insert(e.host, r);
        emit hostDone(r);
        break;
    }
    case JobEvent::Type::JobFinished:
        m_finished = true;
        m_jobStatus = e.jobStatus;
        m_jobMessage = e.message;
        emit finished();
        break;
    default:
        break;
    }
}

FactsGathering::HostResult FactsGathering::store(const QString& host, const QByteArray& output)
{
    auto facts = FactsParser::parse(output);
    if (!facts) {
        return { host, false, facts.errorString() };
    }
    if (auto r = m_store.put(host, *facts, QDateTime::currentDateTimeUtc()); !r) {
        return { host, false, r.errorString() };
    }
    return { host, true, summary(*facts) };
}

QList<FactsGathering::HostResult> FactsGathering::results() const
{
    QList<HostResult> list;
    for (const QString& host : m_targets) {
        list.append(m_results.value(host, HostResult { host, false, QStringLiteral("not started") }));
    }
    return list;
}

int FactsGathering::failedCount() const
{
    int n = 0;
    for (const HostResult& r : results()) {
        n += r.ok ? 0 : 1;
    }
    return n;
}
