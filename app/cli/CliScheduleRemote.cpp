#include "CliScheduleRemote.h"

#include "CliArgs.h"
#include "CliWorkflowProgress.h"

#include "inventory/HostQuery.h"
#include "jobs/JobSpec.h"
#include "remote/RemoteBackend.h"
#include "scripts/DangerGate.h"
#include "scripts/DangerRules.h"
#include "scripts/ScriptLanguage.h"
#include "scripts/ScriptStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

using CliArgs::Args;
using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

const char* const kHelp = R"(Usage: opsdeck-cli --server URL --token-file F schedule COMMAND [ARGS]

Schedules on the control server (docs/schedules.md); `schedule next` (no server needed) is in schedule --help.

  add NAME (--cron 'EXPR' | --at 'YYYY-MM-DD HH:MM') --tz ZONE WHAT [--missed skip|run_once]
      [--overlap skip|queue_one|allow] [--paused] [--acknowledge-danger]
                   WHAT is --hosts QUERY with `-- COMMAND` or --script FILE (a script job on the hosts the query
                   selects now), or --workflow NAME [--param K=V]... [--hosts QUERY] (a run of a workflow stored
                   on the server). --cron is 5 fields or @hourly/@daily/@weekly/@monthly/@yearly; --at one wall
                   time; both in --tz (an IANA zone). --missed: due times missed while no server ran are only
                   recorded (skip, the default) or run once when it is back; --overlap: a due time while the last
                   run still runs is skipped (default), queued (one at most) or run anyway (allow).
  list             ID, name, timing, zone, next fire time (in the zone), last result, state
  show NAME|ID     the schedule and its latest runs (--runs N, default 20)
  rm NAME|ID       delete it and its history
  pause NAME|ID    nothing fires until resume; what falls due meanwhile is not run
  resume NAME|ID   due again from now on
)";

bool wantsHelp(const QStringList& args)
{
    return args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"));
}

// The server's refusal: its message (which names the field); exit 1.
int refused(const Error& e, QTextStream& err)
{
    return fail(err, e.message);
}

Result<QJsonObject> call(RemoteBackend& server, const QByteArray& method, const QString& path,
    const QJsonObject& body = {}, bool hasBody = false)
{
    RemoteHttpRequest request;
    request.method = method;
    request.path = path;
    if (hasBody) {
        request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        request.hasBody = true;
    }
    return server.http().json(server.http().call(request));
}

// The id of the schedule named by `which` (its id, or its name).
Result<qint64> resolve(RemoteBackend& server, const QString& which)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    if (digits.match(which).hasMatch()) {
        return which.toLongLong();
    }
    auto all = server.http().get(QStringLiteral("/api/v1/schedules"));
    if (!all) {
        return all.error();
    }
    for (const QJsonValue& v : all->value(QStringLiteral("schedules")).toArray()) {
        if (v.toObject().value(QStringLiteral("name")).toString() == which) {
            return v.toObject().value(QStringLiteral("id")).toInteger();
        }
    }
    return Error(QStringLiteral("the server has no schedule named %1 (see schedule list)").arg(which));
}

QString timingOf(const QJsonObject& s)
{
    return s.value(QStringLiteral("cron")).isString()
        ? QStringLiteral("cron ") + s.value(QStringLiteral("cron")).toString()
        : QStringLiteral("at ") + s.value(QStringLiteral("at")).toString();
}

QString runText(const QJsonValue& run)
{
    if (!run.isObject()) {
        return QStringLiteral("-");
    }
    const QJsonObject r = run.toObject();
    const QString outcome = r.value(QStringLiteral("outcome")).toString();
    if (outcome == QLatin1String("fired")) {
        return QStringLiteral("fired job ") + r.value(QStringLiteral("job")).toString();
    }
    if (outcome == QLatin1String("missed")) {
        return QStringLiteral("missed %1").arg(r.value(QStringLiteral("missedCount")).toInt());
    }
    return outcome;
}

QString orDash(const QJsonValue& v)
{
    return v.isString() && !v.toString().isEmpty() ? v.toString() : QStringLiteral("-");
}

// The job of `schedule add … --hosts Q -- COMMAND` or `--script FILE`, its hosts resolved on the server's inventory
// now. Returns an exit code on error.
std::optional<int> jobOf(const Args& a, const QString& name, RemoteBackend& server, QJsonObject* job, QTextStream& err)
{
    if (!a.has(QStringLiteral("hosts"))) {
        return fail(err, QStringLiteral("a script job needs --hosts QUERY (see schedule --help)"), kUsage);
    }
    QString script;
    ScriptLanguage language = ScriptLanguage::Sh;
    QString label = QStringLiteral("the command");
    if (a.hasCommand) {
        script = a.command.join(QLatin1Char(' ')).trimmed();
        if (script.isEmpty()) {
            return fail(err, QStringLiteral("-- needs a COMMAND after it"), kUsage);
        }
    } else {
        const QString path = a.value(QStringLiteral("script"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(err, QStringLiteral("--script %1: cannot read: %2").arg(path, file.errorString()));
        }
        const QByteArray content = file.read(1 << 20);
        if (const QString why = ScriptLanguages::refusalReason(content); !why.isEmpty()) {
            return fail(err, QStringLiteral("--script %1: %2").arg(path, why));
        }
        language = ScriptLanguages::detect(path, content).value_or(ScriptLanguage::Bash);
        script = ScriptLanguages::decode(content);
        label = path;
    }
    auto query = HostQuery::parse(a.value(QStringLiteral("hosts")));
    if (!query) {
        return fail(err,
            QStringLiteral("--hosts '%1': %2").arg(a.value(QStringLiteral("hosts")), query.error().toString()), kUsage);
    }
    auto inventory = CliServer::inventory(server);
    if (!inventory) {
        return fail(err, inventory.errorString());
    }
    query->bind(*inventory);
    JobSpec spec;
    spec.name = name;
    spec.targetDescription = a.value(QStringLiteral("hosts"));
    for (int i : query->filter(*inventory)) {
        spec.targets.append(inventory->hosts()[i].name);
    }
    if (spec.targets.isEmpty()) {
        return fail(err, QStringLiteral("no host on the server matches '%1'").arg(spec.targetDescription));
    }
    RunScript run;
    run.interpreter = ScriptLanguages::interpreter(language);
    run.script = script;
    JobStep step;
    step.name = name;
    step.action = run;
    spec.steps << step;
    const ScriptFindings blocking = DangerGate::blocking(DangerRules::check(script, language, DangerRules::defaults()));
    if (!blocking.isEmpty()) {
        for (const ScriptFinding& f : blocking) {
            err << label << ':' << f.line << ':' << f.column << ": " << ScriptFinding::severityName(f.severity) << ": "
                << f.message << " [" << f.code << "]\n";
        }
        if (!a.flag(QStringLiteral("acknowledge-danger"))) {
            return fail(err,
                QStringLiteral("%1 is blocked by %2 danger finding(s) above; not scheduled (pass --acknowledge-danger "
                               "to schedule it anyway)")
                    .arg(label)
                    .arg(blocking.size()));
        }
        // Recorded with the schedule's job, as `run --acknowledge-danger` records it: who, when, which findings.
        const DangerGate::Acknowledgement ack = DangerGate::acknowledge(script, blocking, ScriptStore::currentAuthor());
        spec.parameters.insert(QStringLiteral("danger_acknowledged"),
            QJsonObject { { QStringLiteral("by"), ack.by }, { QStringLiteral("at"), ack.at.toString(Qt::ISODate) },
                { QStringLiteral("findings"), QJsonArray::fromStringList(ack.fingerprints) } });
    }
    *job = spec.toJson();
    return std::nullopt;
}

int add(const QStringList& args, RemoteBackend& server, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!CliArgs::parse(args,
            { QStringLiteral("cron"), QStringLiteral("at"), QStringLiteral("tz"), QStringLiteral("hosts"),
                QStringLiteral("script"), QStringLiteral("workflow"), QStringLiteral("param"), QStringLiteral("missed"),
                QStringLiteral("overlap") },
            { QStringLiteral("paused"), QStringLiteral("acknowledge-danger") }, QStringLiteral("schedule add"), &a,
            err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("schedule add needs one NAME (see schedule --help)"), kUsage);
    }
    const QString name = a.positional.first();
    if (a.has(QStringLiteral("cron")) == a.has(QStringLiteral("at"))) {
        return fail(err, QStringLiteral("schedule add needs either --cron 'EXPR' or --at 'YYYY-MM-DD HH:MM'"), kUsage);
    }
    if (!a.has(QStringLiteral("tz"))) {
        return fail(
            err, QStringLiteral("schedule add needs --tz ZONE, an IANA name such as Europe/Berlin or UTC"), kUsage);
    }
    const int whats = int(a.has(QStringLiteral("workflow"))) + int(a.has(QStringLiteral("script"))) + int(a.hasCommand);
    if (whats != 1) {
        return fail(err,
            QStringLiteral("schedule add runs one thing: `-- COMMAND`, --script FILE or --workflow NAME (see "
                           "schedule --help)"),
            kUsage);
    }
    QJsonObject body { { QStringLiteral("name"), name }, { QStringLiteral("zone"), a.value(QStringLiteral("tz")) },
        { QStringLiteral("enabled"), !a.flag(QStringLiteral("paused")) } };
    if (a.has(QStringLiteral("cron"))) {
        body.insert(QStringLiteral("cron"), a.value(QStringLiteral("cron")));
    } else {
        // "YYYY-MM-DD HH:MM" as people write it; the API's form has a T.
        body.insert(QStringLiteral("at"), a.value(QStringLiteral("at")).trimmed().replace(u' ', u'T'));
    }
    for (const QString& policy : { QStringLiteral("missed"), QStringLiteral("overlap") }) {
        if (a.has(policy)) {
            body.insert(policy, a.value(policy));
        }
    }
    if (a.has(QStringLiteral("workflow"))) {
        QString problem;
        const QMap<QString, QString> given = CliWorkflowProgress::paramsOf(a, &problem);
        if (!problem.isEmpty()) {
            return fail(err, problem, kUsage);
        }
        QJsonObject params;
        for (auto it = given.cbegin(); it != given.cend(); ++it) {
            params.insert(it.key(), it.value());
        }
        body.insert(QStringLiteral("workflow"), a.value(QStringLiteral("workflow")));
        body.insert(QStringLiteral("params"), params);
        if (a.has(QStringLiteral("hosts"))) {
            body.insert(QStringLiteral("hosts"), a.value(QStringLiteral("hosts")));
        }
    } else {
        QJsonObject job;
        if (auto code = jobOf(a, name, server, &job, err)) {
            return *code;
        }
        body.insert(QStringLiteral("job"), job);
    }
    auto created = call(server, "POST", QStringLiteral("/api/v1/schedules"), body, true);
    if (!created) {
        return refused(created.error(), err);
    }
    out << "schedule " << created->value(QStringLiteral("id")).toInteger() << " (" << name << ") added; next "
        << orDash(created->value(QStringLiteral("nextFireAtZone"))) << "\n";
    return kOk;
}

int list(RemoteBackend& server, QTextStream& out, QTextStream& err)
{
    auto all = server.http().get(QStringLiteral("/api/v1/schedules"));
    if (!all) {
        return refused(all.error(), err);
    }
    out << "ID\tNAME\tWHEN\tZONE\tNEXT\tLAST\tSTATE\n";
    for (const QJsonValue& v : all->value(QStringLiteral("schedules")).toArray()) {
        const QJsonObject s = v.toObject();
        out << s.value(QStringLiteral("id")).toInteger() << '\t' << s.value(QStringLiteral("name")).toString() << '\t'
            << timingOf(s) << '\t' << s.value(QStringLiteral("zone")).toString() << '\t'
            << orDash(s.value(QStringLiteral("nextFireAtZone"))) << '\t' << runText(s.value(QStringLiteral("lastRun")))
            << '\t' << (s.value(QStringLiteral("enabled")).toBool() ? "enabled" : "paused") << '\n';
    }
    return kOk;
}

void printSchedule(const QJsonObject& s, QTextStream& out)
{
    out << "id: " << s.value(QStringLiteral("id")).toInteger()
        << "\nname: " << s.value(QStringLiteral("name")).toString() << "\nwhen: " << timingOf(s)
        << "\nzone: " << s.value(QStringLiteral("zone")).toString() << "\nruns: ";
    if (s.value(QStringLiteral("workflow")).isString()) {
        out << "workflow " << s.value(QStringLiteral("workflow")).toString() << "\n";
    } else {
        const QJsonObject job = s.value(QStringLiteral("job")).toObject();
        out << "job on " << job.value(QStringLiteral("targets")).toArray().size() << " host(s)\n";
    }
    out << "missed: " << s.value(QStringLiteral("missed")).toString()
        << "\noverlap: " << s.value(QStringLiteral("overlap")).toString()
        << "\nstate: " << (s.value(QStringLiteral("enabled")).toBool() ? "enabled" : "paused")
        << "\nnext: " << orDash(s.value(QStringLiteral("nextFireAtZone")))
        << "\nlast job: " << orDash(s.value(QStringLiteral("lastJob")))
        << "\ncreated: " << s.value(QStringLiteral("createdAt")).toString() << " by "
        << s.value(QStringLiteral("createdBy")).toString()
        << "\nupdated: " << s.value(QStringLiteral("updatedAt")).toString() << " by "
        << s.value(QStringLiteral("updatedBy")).toString() << "\n";
}

int show(const QStringList& args, RemoteBackend& server, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!CliArgs::parse(args, { QStringLiteral("runs") }, {}, QStringLiteral("schedule show"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("schedule show needs NAME or ID"), kUsage);
    }
    bool numberOk = true;
    const int limit = a.has(QStringLiteral("runs")) ? a.value(QStringLiteral("runs")).toInt(&numberOk) : 20;
    if (!numberOk || limit < 1 || limit > 1000) {
        return fail(err, QStringLiteral("--runs must be a number from 1 to 1000"), kUsage);
    }
    auto id = resolve(server, a.positional.first());
    if (!id) {
        return refused(id.error(), err);
    }
    const QString path = QStringLiteral("/api/v1/schedules/%1").arg(*id);
    auto s = server.http().get(path);
    if (!s) {
        return refused(s.error(), err);
    }
    auto runs = server.http().get(path + QStringLiteral("/runs?limit=%1").arg(limit));
    if (!runs) {
        return refused(runs.error(), err);
    }
    printSchedule(*s, out);
    out << "\nDUE\tTIME\tOUTCOME\tJOB\tMESSAGE\n";
    for (const QJsonValue& v : runs->value(QStringLiteral("runs")).toArray()) {
        const QJsonObject r = v.toObject();
        out << r.value(QStringLiteral("due")).toString() << '\t' << r.value(QStringLiteral("time")).toString() << '\t'
            << r.value(QStringLiteral("outcome")).toString() << '\t' << orDash(r.value(QStringLiteral("job"))) << '\t'
            << r.value(QStringLiteral("message")).toString() << '\n';
    }
    return kOk;
}

// rm, pause, resume: one schedule named, one request.
int change(const QString& what, const QStringList& args, RemoteBackend& server, QTextStream& out, QTextStream& err)
{
    if (args.size() != 1 || args.first().startsWith(QLatin1String("--"))) {
        return fail(err, QStringLiteral("schedule %1 needs NAME or ID").arg(what), kUsage);
    }
    auto id = resolve(server, args.first());
    if (!id) {
        return refused(id.error(), err);
    }
    const QString path = QStringLiteral("/api/v1/schedules/%1").arg(*id);
    const auto done = what == QLatin1String("rm") ? call(server, "DELETE", path)
                                                  : call(server, "POST", path + u'/' + what, {}, true);
    if (!done) {
        return refused(done.error(), err);
    }
    if (what == QLatin1String("rm")) {
        out << "schedule " << *id << " (" << done->value(QStringLiteral("name")).toString() << ") deleted\n";
    } else {
        out << "schedule " << *id << " (" << done->value(QStringLiteral("name")).toString() << ") "
            << (what == QLatin1String("pause") ? "paused" : "resumed; next ")
            << (what == QLatin1String("pause") ? QString() : orDash(done->value(QStringLiteral("nextFireAtZone"))))
            << "\n";
    }
    return kOk;
}

} // namespace

bool isScheduleServerCommand(const QString& subcommand)
{
    static const QStringList commands { QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("show"),
        QStringLiteral("rm"), QStringLiteral("pause"), QStringLiteral("resume") };
    return commands.contains(subcommand);
}

int runScheduleServerCommand(const QStringList& args, const CliServer& server, QTextStream& out, QTextStream& err)
{
    if (args.isEmpty() || (wantsHelp(args) && args.size() == 1)) {
        (args.isEmpty() ? err : out) << kHelp;
        return args.isEmpty() ? kUsage : kOk;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (wantsHelp(rest)) {
        out << kHelp;
        return kOk;
    }
    if (!server.active()) {
        return fail(err,
            QStringLiteral("schedule %1 works on a control server's schedules: give --server URL --token-file F (or "
                           "OPSDECK_SERVER and OPSDECK_TOKEN_FILE)")
                .arg(sub),
            kUsage);
    }
    auto remote = server.open();
    if (!remote) {
        return fail(err, remote.errorString());
    }
    if (sub == QLatin1String("add")) {
        return add(rest, **remote, out, err);
    }
    if (sub == QLatin1String("list")) {
        return list(**remote, out, err);
    }
    if (sub == QLatin1String("show")) {
        return show(rest, **remote, out, err);
    }
    return change(sub, rest, **remote, out, err);
}
