#include "CliFacts.h"

#include "CliArgs.h"
#include "CliRun.h"

#include "facts/FactLayer.h"
#include "facts/FactStore.h"
#include "inventory/HostQuery.h"
#include "runner/FactsGathering.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

const char* const kFactsHelp = R"(Usage: opsdeck-cli [--workspace W] facts gather --hosts QUERY [SSH/BATCH OPTIONS]
       opsdeck-cli [--workspace W] facts show HOST [--json]
       opsdeck-cli [--workspace W] facts list

gather  runs OpsDeck's gather script (POSIX sh, reads only, installs nothing) on the hosts matching QUERY over SSH,
        one job with one SSH exchange per host, and stores each host's facts with the time gathered. Prints
        `HOST: ok: SUMMARY` or `HOST: failed: WHY` per host as it finishes, then a summary on stderr; exit 0 only
        when every host's facts were stored.
show    a host's stored facts under Ansible's names (docs/facts.md): the common ones as `name: value` lines, or all
        of them as one JSON object (--json: {"host", "gathered_at", "ansible_facts"}).
list    the hosts with facts: HOST<TAB>GATHERED AT (UTC, ISO 8601).
)";

// The facts `show` prints as text, in this order; everything is in --json.
const QStringList kShown = { QStringLiteral("distribution"), QStringLiteral("distribution_version"),
    QStringLiteral("distribution_release"), QStringLiteral("os_family"), QStringLiteral("kernel"),
    QStringLiteral("architecture"), QStringLiteral("processor_vcpus"), QStringLiteral("memtotal_mb"),
    QStringLiteral("memfree_mb"), QStringLiteral("hostname"), QStringLiteral("fqdn"), QStringLiteral("uptime_seconds"),
    QStringLiteral("timezone") };

QString plain(const QJsonValue& v)
{
    if (v.isString()) {
        return v.toString();
    }
    if (v.isObject()) {
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    if (v.isArray()) {
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    return v.toVariant().toString();
}

int gather(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    CliArgs::Args a;
    if (!CliArgs::parse(args, CliJob::sshValued(), CliJob::sshFlags(), QStringLiteral("facts gather"), &a, err)) {
        return kUsage;
    }
    if (!a.positional.isEmpty() || a.hasCommand) {
        return fail(err, QStringLiteral("facts gather takes no arguments but --hosts QUERY and options"), kUsage);
    }
    if (a.flag(QStringLiteral("json"))) {
        return fail(err, QStringLiteral("facts gather has no --json: use facts show HOST --json"), kUsage);
    }
    JobSpec options;
    if (auto code = CliJob::applyJobOptions(a, QStringLiteral("facts gather"), &options, err)) {
        return *code;
    }
    const QString queryText = a.value(QStringLiteral("hosts"));
    auto query = HostQuery::parse(queryText);
    if (!query) {
        return fail(err, QStringLiteral("--hosts '%1': %2").arg(queryText, query.error().toString()));
    }
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return fail(err, ws.error().toString());
    }
    auto inventory = (*ws)->loadInventory();
    if (!inventory) {
        return fail(err, inventory.error().toString());
    }
    if (auto facts = FactLayer::apply(**ws, *inventory); !facts) {
        return fail(err, facts.error().toString());
    }
    query->bind(*inventory);
    QStringList hosts;
    for (int i : query->filter(*inventory)) {
        hosts.append(inventory->hosts()[i].name);
    }
    if (hosts.isEmpty()) {
        return fail(err, QStringLiteral("no host matches '%1' (see `inventory query`)").arg(queryText));
    }
    JobSpec spec = FactsGathering::jobSpec(hosts, ScriptStore::currentAuthor());
    spec.targetDescription = options.targetDescription;
    spec.plan = options.plan;
    spec.pause = options.pause;
    spec.failurePolicy = options.failurePolicy;
    spec.concurrency = options.concurrency;
    if (a.has(QStringLiteral("timeout"))) {
        spec.timeoutSeconds = options.timeoutSeconds;
    }
    FactStore store(**ws);
    return CliJob::withDirectBackend(
        **ws, *inventory, a, spec.createdBy,
        [&](Backend& backend) {
            QEventLoop loop;
            FactsGathering gathering(backend, store);
            QString problem;
            QObject::connect(&gathering, &FactsGathering::hostDone, &loop, [&](const FactsGathering::HostResult& r) {
                out << r.host << (r.ok ? ": ok: " : ": failed: ") << r.message << Qt::endl;
            });
            QObject::connect(&gathering, &FactsGathering::finished, &loop, &QEventLoop::quit);
            QObject::connect(&gathering, &FactsGathering::failed, &loop, [&](const QString& message) {
                problem = message;
                loop.quit();
            });
            auto started = gathering.start(spec);
            if (!started) {
                return fail(err, QStringLiteral("the job could not start: %1").arg(started.errorString()));
            }
            if (!gathering.isFinished()) {
                loop.exec();
            }
            if (!problem.isEmpty()) {
                return fail(err, problem);
            }
            const QList<FactsGathering::HostResult> results = gathering.results();
            const int failed = gathering.failedCount();
            err << results.size() << (results.size() == 1 ? " host: " : " hosts: ") << results.size() - failed
                << " gathered, " << failed << " failed (job " << *started << ")\n";
            for (const FactsGathering::HostResult& r : results) {
                if (!r.ok) {
                    err << "  " << r.host << ": " << r.message << '\n';
                }
            }
            err.flush();
            return failed == 0 ? kOk : kFailed;
        },
        err);
}

int show(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    CliArgs::Args a;
    if (!CliArgs::parse(args, {}, { QStringLiteral("json") }, QStringLiteral("facts show"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("facts show needs one HOST (see facts --help)"), kUsage);
    }
    const QString host = a.positional.first();
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return fail(err, ws.error().toString());
    }
    auto got = FactStore(**ws).get(host);
    if (!got) {
        return fail(err, got.errorString());
    }
    if (!got->has_value()) {
        return fail(
            err, QStringLiteral("no facts of '%1' were gathered (opsdeck-cli facts gather --hosts %1)").arg(host));
    }
    const FactStore::HostFacts& f = **got;
    const QString when = f.gatheredAt.toUTC().toString(Qt::ISODate);
    if (a.flag(QStringLiteral("json"))) {
        const QJsonObject doc { { QStringLiteral("host"), f.host }, { QStringLiteral("gathered_at"), when },
            { QStringLiteral("ansible_facts"), f.facts } };
        out << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
        return kOk;
    }
    out << "host: " << f.host << '\n' << "gathered_at: " << when << '\n';
    for (const QString& key : kShown) {
        if (f.facts.contains(key)) {
            out << key << ": " << plain(f.facts.value(key)) << '\n';
        }
    }
    const QJsonObject v4 = f.facts.value(QStringLiteral("default_ipv4")).toObject();
    if (!v4.isEmpty()) {
        out << "default_ipv4: " << v4.value(QStringLiteral("address")).toString() << " ("
            << v4.value(QStringLiteral("interface")).toString() << ")\n";
    }
    for (const QJsonValue& m : f.facts.value(QStringLiteral("mounts")).toArray()) {
        const QJsonObject o = m.toObject();
        out << "mount: " << o.value(QStringLiteral("mount")).toString() << ' '
            << o.value(QStringLiteral("fstype")).toString() << ' '
            << o.value(QStringLiteral("size_available")).toInteger() / (1024 * 1024) << " MB free of "
            << o.value(QStringLiteral("size_total")).toInteger() / (1024 * 1024) << " MB\n";
    }
    out << "packages: " << f.facts.value(QStringLiteral("packages")).toObject().size() << '\n';
    out << "services: " << f.facts.value(QStringLiteral("services")).toObject().size() << '\n';
    return kOk;
}

int list(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    if (!args.isEmpty()) {
        return fail(err, QStringLiteral("facts list takes no arguments"), kUsage);
    }
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return fail(err, ws.error().toString());
    }
    auto entries = FactStore(**ws).list();
    if (!entries) {
        return fail(err, entries.errorString());
    }
    for (const FactStore::Entry& e : *entries) {
        out << e.host << '\t' << e.gatheredAt.toUTC().toString(Qt::ISODate) << '\n';
    }
    return kOk;
}

} // namespace

int runFactsCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out << kFactsHelp;
        if (args.value(0) == QLatin1String("gather")) {
            out << '\n' << CliJob::kSshOptionsHelp;
        }
        return kOk;
    }
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("gather")) {
        return gather(rest, workspacePath, out, err);
    }
    if (sub == QLatin1String("show")) {
        return show(rest, workspacePath, out, err);
    }
    if (sub == QLatin1String("list")) {
        return list(rest, workspacePath, out, err);
    }
    return fail(err,
        sub.isEmpty() ? QStringLiteral("facts needs a subcommand: gather, show or list (see facts --help)")
                      : QStringLiteral("unknown facts subcommand '%1' (gather, show, list)").arg(sub),
        kUsage);
}
