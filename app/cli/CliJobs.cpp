#include "CliJobs.h"

#include "CliServer.h"

#include "jobs/JobStatus.h"
#include "runner/DirectBackend.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>
#include <optional>

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

const char* const kUsageText = R"(Usage: opsdeck-cli [--workspace W | --server URL --token-file F] jobs COMMAND ...

The job history of the workspace, or of a control server with --server (docs/jobs.md). Times are UTC, ISO 8601.

Commands:
  jobs list [--status S]... [--host H] [--script TEXT] [--operator NAME] [--since TIME] [--until TIME]
            [--limit N] [--json]
                         jobs, newest first: ID, created, status, hosts, operator, name (tab-separated),
                         or a JSON array; --status takes running, paused, waiting-for-confirmation,
                         cancelling, succeeded, failed, cancelled, interrupted (repeat or comma-separate)
  jobs show ID [--json]  a job's status, counts per outcome and a table of its hosts (status, exit code,
                         duration, the step that decided it); ID may be abbreviated
  jobs events ID [--after SEQ]
                         the job's events after SEQ as JSON lines, exactly as stored
  jobs output ID --host H [--step N]
                         a host's output (every step, or step N from 1) as it came: stdout on stdout,
                         stderr on stderr
  jobs pause|resume|cancel|confirm|retry-failed|retry-failed-and-not-started ID
  jobs rerun ID --step N an intervention in a running job (or a retry, a re-run of step N); a job of the
                         workspace can be controlled only by the program that runs it: use --server for
                         jobs that a server runs
)";

int fail(QTextStream& err, const QString& message, int code = kFailed)
{
    err << "opsdeck-cli: " << message << Qt::endl;
    return code;
}

QString isoTime(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toUTC().toString(Qt::ISODateWithMs) : QString();
}

// "2024-06-01", "2024-06-01T10:00", "2024-06-01T10:00:00Z", "…+02:00"; without an offset the time is UTC.
Result<qint64> parseTime(const QString& text, const char* option)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid()) {
            t = QDateTime(d, QTime(0, 0), QTimeZone::utc());
        }
    } else if (t.timeSpec() == Qt::LocalTime) {
        t = QDateTime(t.date(), t.time(), QTimeZone::utc());
    }
    if (!t.isValid()) {
        return Error(QStringLiteral("--%1: '%2' is not a date or time (ISO 8601, e.g. 2024-06-01 or "
                                    "2024-06-01T10:00:00Z)")
                         .arg(QLatin1String(option), text));
    }
    return t.toMSecsSinceEpoch();
}

QString duration(qint64 ms)
{
    if (ms < 1000) {
        return QStringLiteral("%1ms").arg(ms);
    }
    if (ms < 60'000) {
        return QStringLiteral("%1s").arg(double(ms) / 1000.0, 0, 'f', 1);
    }
    return QStringLiteral("%1m%2s").arg(ms / 60'000).arg((ms % 60'000) / 1000, 2, 10, QLatin1Char('0'));
}

// The history through the Backend interface: the workspace's (DirectBackend) or a control server's.
struct Opened {
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<DirectBackend> direct;
    std::unique_ptr<RemoteBackend> remote;

    Backend& backend() const { return remote ? static_cast<Backend&>(*remote) : *direct; }
    Result<QString> resolveId(const QString& prefix) const
    {
        return remote ? remote->resolveId(prefix) : direct->store().resolveId(prefix);
    }
    // The events exactly as stored: one compact JSON object per line.
    Result<QList<QByteArray>> eventLines(const QString& jobId, qint64 afterSeq) const
    {
        if (!remote) {
            return direct->store().eventLines(jobId, afterSeq);
        }
        auto objects = remote->eventObjects(jobId, afterSeq);
        if (!objects) {
            return objects.error();
        }
        QList<QByteArray> out;
        for (const QJsonObject& o : std::as_const(*objects)) {
            out << QJsonDocument(o).toJson(QJsonDocument::Compact);
        }
        return out;
    }
};

Result<Opened> openBackend(const QString& workspacePath, const CliServer& server)
{
    Opened o;
    if (server.active()) {
        auto remote = server.open();
        if (!remote) {
            return remote.error();
        }
        o.remote = std::move(*remote);
        return o;
    }
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return ws.error();
    }
    o.workspace = std::move(*ws);
    // No transport: these commands only read (opening marks jobs whose program died as interrupted).
    auto backend = DirectBackend::open(*o.workspace, nullptr);
    if (!backend) {
        return backend.error();
    }
    o.direct = std::move(*backend);
    return o;
}

// Opens the history and resolves the command's one job ID (which may be abbreviated); the exit code on error.
std::optional<int> openJob(const QString& wsPath, const CliServer& server, const QString& prefix, Opened* opened,
    QString* id, QTextStream& err)
{
    auto o = openBackend(wsPath, server);
    if (!o) {
        return fail(err, o.errorString());
    }
    *opened = std::move(*o);
    auto resolved = opened->resolveId(prefix);
    if (!resolved) {
        return fail(err, resolved.errorString());
    }
    *id = *resolved;
    return std::nullopt;
}

// Parses the options of one subcommand (QCommandLineParser wants the program name first).
bool parseArgs(QCommandLineParser& p, const QStringList& args, QTextStream& err, int* code)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!p.parse(QStringList { QStringLiteral("opsdeck-cli") } + args)) {
        *code = fail(err, p.errorText() + QStringLiteral(" (see jobs --help)"), kUsage);
        return false;
    }
    return true;
}

QJsonObject summaryJson(const JobSummary& s)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), s.id);
    o.insert(QStringLiteral("name"), s.name);
    o.insert(QStringLiteral("status"), jobStatusName(s.status));
    o.insert(QStringLiteral("created"), isoTime(s.createdMs));
    o.insert(QStringLiteral("createdBy"), s.createdBy);
    o.insert(QStringLiteral("finished"), s.finishedMs > 0 ? QJsonValue(isoTime(s.finishedMs)) : QJsonValue());
    o.insert(QStringLiteral("targetDescription"), s.targetDescription);
    o.insert(QStringLiteral("hostCount"), s.hostCount);
    o.insert(QStringLiteral("steps"), QJsonArray::fromStringList(s.stepNames));
    o.insert(QStringLiteral("lastSeq"), s.lastSeq);
    return o;
}

int list(const QStringList& args, const QString& wsPath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    QCommandLineParser p;
    const QCommandLineOption status(QStringLiteral("status"), QString(), QStringLiteral("S"));
    const QCommandLineOption host(QStringLiteral("host"), QString(), QStringLiteral("H"));
    const QCommandLineOption script(QStringLiteral("script"), QString(), QStringLiteral("TEXT"));
    const QCommandLineOption op(QStringLiteral("operator"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption since(QStringLiteral("since"), QString(), QStringLiteral("TIME"));
    const QCommandLineOption until(QStringLiteral("until"), QString(), QStringLiteral("TIME"));
    const QCommandLineOption limit(QStringLiteral("limit"), QString(), QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"));
    p.addOptions({ status, host, script, op, since, until, limit, json });
    int code = kOk;
    if (!parseArgs(p, args, err, &code)) {
        return code;
    }
    if (!p.positionalArguments().isEmpty()) {
        return fail(err, QStringLiteral("jobs list takes no arguments (see jobs --help)"), kUsage);
    }
    JobFilter filter;
    for (const QString& value : p.values(status)) {
        for (const QString& name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto s = parseJobStatus(name.trimmed());
            if (!s) {
                return fail(err,
                    QStringLiteral("--status: '%1' is unknown (running, paused, waiting-for-confirmation, cancelling, "
                                   "succeeded, failed, cancelled, interrupted)")
                        .arg(name),
                    kUsage);
            }
            filter.statuses.append(*s);
        }
    }
    filter.host = p.value(host);
    filter.script = p.value(script);
    filter.createdBy = p.value(op);
    if (p.isSet(since)) {
        auto t = parseTime(p.value(since), "since");
        if (!t) {
            return fail(err, t.errorString(), kUsage);
        }
        filter.sinceMs = *t;
    }
    if (p.isSet(until)) {
        auto t = parseTime(p.value(until), "until");
        if (!t) {
            return fail(err, t.errorString(), kUsage);
        }
        filter.untilMs = *t;
    }
    if (p.isSet(limit)) {
        bool ok = false;
        filter.limit = p.value(limit).toInt(&ok);
        if (!ok || filter.limit < 0) {
            return fail(err, QStringLiteral("--limit needs a number of jobs"), kUsage);
        }
    }
    auto opened = openBackend(wsPath, server);
    if (!opened) {
        return fail(err, opened.errorString());
    }
    auto found = opened->backend().jobs(filter);
    if (!found) {
        return fail(err, found.errorString());
    }
    if (p.isSet(json)) {
        QJsonArray array;
        for (const JobSummary& s : std::as_const(*found)) {
            array.append(summaryJson(s));
        }
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
        return kOk;
    }
    for (const JobSummary& s : std::as_const(*found)) {
        out << s.id << '\t' << isoTime(s.createdMs) << '\t' << jobStatusName(s.status) << '\t' << s.hostCount << '\t'
            << s.createdBy << '\t' << s.name << '\n';
    }
    return kOk;
}

// Columns padded to their widest cell (the last one is not padded).
void printTable(QTextStream& out, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QStringList& row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i) {
                widths.append(0);
            }
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    for (const QStringList& row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            line += i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i];
        }
        // The last column may be empty: no trailing blanks then.
        while (line.endsWith(QLatin1Char(' '))) {
            line.chop(1);
        }
        out << line << '\n';
    }
}

int show(const QStringList& args, const QString& wsPath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    QCommandLineParser p;
    const QCommandLineOption json(QStringLiteral("json"));
    p.addOption(json);
    int code = kOk;
    if (!parseArgs(p, args, err, &code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1) {
        return fail(err, QStringLiteral("jobs show needs one job ID (see jobs list)"), kUsage);
    }
    Opened opened;
    QString id;
    if (auto failed = openJob(wsPath, server, p.positionalArguments().first(), &opened, &id, err)) {
        return *failed;
    }
    auto summary = opened.backend().job(id);
    if (!summary) {
        return fail(err, summary.errorString());
    }
    auto state = opened.backend().state(id);
    if (!state) {
        return fail(err, state.errorString());
    }
    const HostCounts counts = state->counts();
    const QList<HostState> hosts = state->hostSummaries();
    const QString message = state->message().isEmpty() ? state->stopReason() : state->message();
    if (p.isSet(json)) {
        QJsonObject o = summaryJson(*summary);
        o.insert(QStringLiteral("message"), message);
        QJsonObject c;
        for (int i = 0; i < kHostStatusCount; ++i) {
            if (counts.byStatus[size_t(i)] > 0) {
                c.insert(hostStatusName(HostStatus(i)), counts.byStatus[size_t(i)]);
            }
        }
        o.insert(QStringLiteral("counts"), c);
        QJsonArray hs;
        for (const HostState& h : hosts) {
            QJsonObject ho;
            ho.insert(QStringLiteral("host"), h.name);
            ho.insert(QStringLiteral("status"), hostStatusName(h.status));
            ho.insert(QStringLiteral("exitCode"), h.exitCode);
            ho.insert(QStringLiteral("durationMs"), h.durationMs);
            ho.insert(QStringLiteral("step"), h.step);
            ho.insert(QStringLiteral("attempt"), h.attempt);
            ho.insert(QStringLiteral("message"), h.message);
            hs.append(ho);
        }
        o.insert(QStringLiteral("hosts"), hs);
        out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return kOk;
    }
    out << "job:      " << summary->id << '\n';
    out << "name:     " << summary->name << '\n';
    out << "status:   " << jobStatusName(state->status());
    if (!message.isEmpty()) {
        out << " (" << message << ')';
    }
    out << '\n';
    out << "created:  " << isoTime(summary->createdMs) << " by " << summary->createdBy << '\n';
    if (state->isFinished()) {
        out << "finished: " << isoTime(state->finishedMs()) << " after "
            << duration(state->finishedMs() - state->createdMs()) << '\n';
    }
    out << "targets:  " << (summary->targetDescription.isEmpty() ? QStringLiteral("-") : summary->targetDescription)
        << " (" << hosts.size() << " hosts)\n";
    for (const StepState& step : state->steps()) {
        const QString name = step.index < state->spec().steps.size() ? state->spec().steps[step.index].displayName()
                                                                     : QStringLiteral("?");
        out << "step " << step.index + 1 << ":   " << name << " [" << stepStatusName(step.status) << "]\n";
    }
    QStringList countParts;
    for (int i = 0; i < kHostStatusCount; ++i) {
        if (counts.byStatus[size_t(i)] > 0) {
            countParts.append(
                QStringLiteral("%1 %2").arg(counts.byStatus[size_t(i)]).arg(hostStatusName(HostStatus(i))));
        }
    }
    out << "hosts:    " << (countParts.isEmpty() ? QStringLiteral("none") : countParts.join(QStringLiteral(", ")))
        << "\n\n";
    QList<QStringList> rows { { QStringLiteral("HOST"), QStringLiteral("STATUS"), QStringLiteral("EXIT"),
        QStringLiteral("DURATION"), QStringLiteral("STEP"), QStringLiteral("MESSAGE") } };
    for (const HostState& h : hosts) {
        rows.append(
            { h.name, hostStatusName(h.status), h.exitCode >= 0 ? QString::number(h.exitCode) : QStringLiteral("-"),
                isFinal(h.status) && h.startedMs > 0 ? duration(h.durationMs) : QStringLiteral("-"),
                h.step >= 0 ? QString::number(h.step + 1) : QStringLiteral("-"), h.message });
    }
    printTable(out, rows);
    return kOk;
}

int events(const QStringList& args, const QString& wsPath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    QCommandLineParser p;
    const QCommandLineOption after(QStringLiteral("after"), QString(), QStringLiteral("SEQ"));
    p.addOption(after);
    int code = kOk;
    if (!parseArgs(p, args, err, &code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1) {
        return fail(err, QStringLiteral("jobs events needs one job ID (see jobs list)"), kUsage);
    }
    qint64 afterSeq = 0;
    if (p.isSet(after)) {
        bool ok = false;
        afterSeq = p.value(after).toLongLong(&ok);
        if (!ok || afterSeq < 0) {
            return fail(err, QStringLiteral("--after needs an event number (0 or more)"), kUsage);
        }
    }
    Opened opened;
    QString id;
    if (auto failed = openJob(wsPath, server, p.positionalArguments().first(), &opened, &id, err)) {
        return *failed;
    }
    // Exactly the stored lines (not re-serialised): what a consumer sees equals what was recorded.
    auto lines = opened.eventLines(id, afterSeq);
    if (!lines) {
        return fail(err, lines.errorString());
    }
    for (const QByteArray& line : std::as_const(*lines)) {
        out << QString::fromUtf8(line) << '\n';
    }
    return kOk;
}

int output(const QStringList& args, const QString& wsPath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    QCommandLineParser p;
    const QCommandLineOption host(QStringLiteral("host"), QString(), QStringLiteral("H"));
    const QCommandLineOption step(QStringLiteral("step"), QString(), QStringLiteral("N"));
    p.addOptions({ host, step });
    int code = kOk;
    if (!parseArgs(p, args, err, &code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1 || !p.isSet(host)) {
        return fail(err, QStringLiteral("jobs output needs one job ID and --host H (see jobs --help)"), kUsage);
    }
    int stepIndex = -1;
    if (p.isSet(step)) {
        bool ok = false;
        stepIndex = p.value(step).toInt(&ok) - 1;
        if (!ok || stepIndex < 0) {
            return fail(err, QStringLiteral("--step needs a step number from 1"), kUsage);
        }
    }
    Opened opened;
    QString id;
    if (auto failed = openJob(wsPath, server, p.positionalArguments().first(), &opened, &id, err)) {
        return *failed;
    }
    auto chunks = opened.backend().hostOutput(id, stepIndex, p.value(host), 0, -1);
    if (!chunks) {
        return fail(err, chunks.errorString());
    }
    for (const JobEvent& e : std::as_const(*chunks)) {
        (e.stream == OutputStream::Stderr ? err : out) << QString::fromUtf8(e.chunk);
    }
    return kOk;
}

int intervene(const QString& what, const QStringList& args, const QString& wsPath, const CliServer& server,
    QTextStream& out, QTextStream& err)
{
    QCommandLineParser p;
    const QCommandLineOption step(QStringLiteral("step"), QString(), QStringLiteral("N"));
    p.addOption(step);
    int code = kOk;
    if (!parseArgs(p, args, err, &code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1) {
        return fail(err, QStringLiteral("jobs %1 needs one job ID (see jobs list)").arg(what), kUsage);
    }
    const bool rerun = what == QLatin1String("rerun");
    int stepIndex = -1;
    if (rerun || p.isSet(step)) {
        bool ok = false;
        stepIndex = p.value(step).toInt(&ok) - 1;
        if (!rerun || !ok || stepIndex < 0) {
            return fail(err,
                rerun ? QStringLiteral("jobs rerun needs --step N, the step's number from 1")
                      : QStringLiteral("--step belongs to jobs rerun"),
                kUsage);
        }
    }
    Opened opened;
    QString id;
    if (auto failed = openJob(wsPath, server, p.positionalArguments().first(), &opened, &id, err)) {
        return *failed;
    }
    Backend& b = opened.backend();
    Result<void> done;
    if (what == QLatin1String("pause")) {
        done = b.pause(id);
    } else if (what == QLatin1String("resume")) {
        done = b.resume(id);
    } else if (what == QLatin1String("cancel")) {
        done = b.cancel(id);
    } else if (what == QLatin1String("confirm")) {
        done = b.confirmNextBatch(id);
    } else if (what == QLatin1String("retry-failed")) {
        done = b.retryFailed(id);
    } else if (what == QLatin1String("retry-failed-and-not-started")) {
        done = b.retryFailedAndNotStarted(id);
    } else {
        done = b.rerunStep(id, stepIndex);
    }
    if (!done) {
        return fail(err, done.errorString());
    }
    out << "job " << id << ": " << what << " done (see jobs show)\n";
    return kOk;
}

} // namespace

int runJobsCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        (args.isEmpty() ? err : out) << kUsageText;
        return args.isEmpty() ? kUsage : kOk;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (rest.contains(QStringLiteral("--help")) || rest.contains(QStringLiteral("-h"))) {
        out << kUsageText;
        return kOk;
    }
    if (sub == QLatin1String("list")) {
        return list(rest, workspacePath, server, out, err);
    }
    if (sub == QLatin1String("show")) {
        return show(rest, workspacePath, server, out, err);
    }
    if (sub == QLatin1String("events")) {
        return events(rest, workspacePath, server, out, err);
    }
    if (sub == QLatin1String("output")) {
        return output(rest, workspacePath, server, out, err);
    }
    static const QStringList interventions { QStringLiteral("pause"), QStringLiteral("resume"),
        QStringLiteral("cancel"), QStringLiteral("confirm"), QStringLiteral("retry-failed"),
        QStringLiteral("retry-failed-and-not-started"), QStringLiteral("rerun") };
    if (interventions.contains(sub)) {
        return intervene(sub, rest, workspacePath, server, out, err);
    }
    return fail(err,
        QStringLiteral("unknown jobs subcommand '%1' (list, show, events, output, %2)")
            .arg(sub, interventions.join(QStringLiteral(", "))),
        kUsage);
}
