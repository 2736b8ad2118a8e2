#include "CliRun.h"

#include "runner/JobLauncher.h"

#include "CliArgs.h"
#include "CliServer.h"

#include "Cli.h"
#include "facts/FactLayer.h"
#include "inventory/HostQuery.h"
#include "inventory/Inventory.h"
#include "jinja/Template.h"
#include "runner/DirectBackend.h"
#include "scripts/DangerGate.h"
#include "scripts/DangerRules.h"
#include "scripts/ScriptLanguage.h"
#include "scripts/ScriptStore.h"
#include "ssh/SshTransport.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QTimer>
#include <QUuid>
#include <csignal>
#include <optional>

namespace {

using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

} // namespace

const char* const CliJob::kSshOptionsHelp
    = R"(  --hosts QUERY          the target hosts: an inventory query (docs/query-syntax.md); required
  --batch PLAN           rolling batches, e.g. '1 10% 50% 100%' or '5 *2' (default: all hosts at once)
  --pause SECONDS        wait between batches ('30', '2m'); 'manual' is not possible here
  --fail-at N|x%         stop starting hosts when N (or x% of the) hosts failed: 'first', '3', '10%',
                         '10% batch', 'continue' (default)
  --timeout S            per host; the remote process is killed after S seconds (default 0: none)
  --concurrency N        hosts in flight at once (default 20; 0 = a whole batch)
  --handshakes N         SSH logins in progress at once, at most (default 128): a second, smaller number than
                         --concurrency; the transport starts with 8 and adapts to how fast logins complete, and
                         the hosts beyond it wait queued, their timeouts not running (docs/ssh.md)
  --accept-new-host-keys add unknown host keys to the known_hosts file (a changed key is always refused)
  --known-hosts FILE     the known_hosts file (default ~/.ssh/known_hosts)
  --ssh-config FILE      the OpenSSH client configuration (default ~/.ssh/config; 'none': none)
  --json                 every job event as one JSON line on stdout instead of text

With --server URL --token-file F the job runs on the server, on hosts of its inventory, with its SSH settings
(--known-hosts, --ssh-config and --accept-new-host-keys are refused then) and its danger rules; the output is the
same. A script or template must then be a file: the server's libraries cannot be used from the CLI yet.
)";

namespace {

const char* const kRunHelp
    = R"(Usage: opsdeck-cli [--workspace W] run --hosts QUERY (--script NAME_OR_FILE | -- COMMAND...)
                   [--account U] [--param V]... [--job-vars FILE] [--var KEY=VALUE]...
                   [--acknowledge-danger] [SSH/BATCH OPTIONS]

Runs a script on the hosts matching QUERY over SSH and streams its output as `HOST: LINE` (stdout lines on
stdout, stderr lines on stderr). Ends with a summary on stderr; exit 0 only when every host succeeded.
Ctrl+C cancels the job (the remote processes are killed) and exits 1.

Options:
  --script NAME_OR_FILE  a script of the library by name, or else a script file
  -- COMMAND...          an ad hoc command: the words after -- joined by spaces, run by bash
  --account U            run as U through `sudo -n -u U` (default: the script's own, else the login user)
  --param V              an argument for the script ($1, $2 …); repeat for more
  --job-vars FILE        job variables (a YAML mapping): the script's environment (names that are shell names,
                         scalar values)
  --var KEY=VALUE        one job variable (a string), over --job-vars; repeat for more
  --acknowledge-danger   run a script that blocking danger rules match (listed otherwise, and refused)
)";

const char* const kPushHelp
    = R"(Usage: opsdeck-cli [--workspace W] push SRC DEST --hosts QUERY [--mode 0644] [--owner U:G]
                   [SSH/BATCH OPTIONS]

Copies the local file SRC to DEST on the hosts matching QUERY over SFTP (written to a temporary name and renamed
into place; a host whose DEST already has the same SHA-256 is skipped). Prints `HOST: written (N bytes)`,
`HOST: unchanged` or `HOST: STATUS: MESSAGE` per host, then a summary on stderr; exit 0 only when every host
succeeded.

Options:
  --mode MODE            octal permissions, e.g. 0644
  --owner U[:G]          owner and group (chown)
  --bandwidth-limit RATE bytes per second for all hosts together: 500K, 2M, 1G (1024-based); default none
)";

const char* const kPushTemplateHelp
    = R"(Usage: opsdeck-cli [--workspace W] push-template NAME_OR_FILE --hosts QUERY [--dest PATH] [--mode 0644]
                   [--owner U:G] [--job-vars FILE] [--var KEY=VALUE]... [SSH/BATCH OPTIONS]

Renders a Jinja2 template per host (its resolved variables plus inventory_hostname, inventory_hostname_short and
group_names, as `template render --host` does, with the job variables on top) and pushes the result like `push`. NAME_OR_FILE is a template of
the workspace's library by name (its destination, mode and owner are the defaults of the options below), or else
a template file (then --dest is required).

Options:
  --dest PATH            the destination path on the hosts (default: the stored template's destination)
  --mode MODE            octal permissions, e.g. 0644
  --owner U[:G]          owner and group (chown)
  --bandwidth-limit RATE bytes per second for all hosts together: 500K, 2M, 1G (1024-based); default none
  --job-vars FILE        job variables (a YAML mapping), the top layer above each host's variables
  --var KEY=VALUE        one job variable (a string), over --job-vars; repeat for more
)";

using CliArgs::Args;
using CliArgs::parse;
using CliJob::applyJobOptions;
using CliJob::kSshOptionsHelp;

const QStringList kSshValued = CliJob::sshValued();
const QStringList kSshFlags = CliJob::sshFlags();

} // namespace

QStringList CliJob::sshValued()
{
    return { QStringLiteral("hosts"), QStringLiteral("batch"), QStringLiteral("pause"), QStringLiteral("fail-at"),
        QStringLiteral("timeout"), QStringLiteral("concurrency"), QStringLiteral("known-hosts"),
        QStringLiteral("ssh-config"), QStringLiteral("handshakes") };
}

QStringList CliJob::sshFlags()
{
    return { QStringLiteral("accept-new-host-keys"), QStringLiteral("json") };
}

namespace {

bool wantsHelp(const QStringList& args)
{
    for (const QString& a : args) {
        if (a == QLatin1String("--")) {
            return false;
        }
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            return true;
        }
    }
    return false;
}

} // namespace

std::optional<int> CliJob::applyJobOptions(const Args& a, const QString& command, JobSpec* spec, QTextStream& err)
{
    if (!a.has(QStringLiteral("hosts")) || a.value(QStringLiteral("hosts")).trimmed().isEmpty()) {
        return fail(err, QStringLiteral("%1 needs --hosts QUERY (see %1 --help)").arg(command), kUsage);
    }
    if (a.has(QStringLiteral("batch"))) {
        const QString text = a.value(QStringLiteral("batch"));
        auto plan = RollingPlan::parse(text);
        if (!plan) {
            return fail(err, QStringLiteral("--batch '%1': %2").arg(text, plan.error().toString()), kUsage);
        }
        spec->plan = *plan;
    }
    if (a.has(QStringLiteral("pause"))) {
        const QString text = a.value(QStringLiteral("pause"));
        auto pause = BatchPause::parse(text);
        if (!pause) {
            return fail(err, QStringLiteral("--pause '%1': %2").arg(text, pause.error().toString()), kUsage);
        }
        if (pause->kind == BatchPause::Kind::Manual) {
            return fail(err,
                QStringLiteral("--pause manual needs an operator to confirm each batch, which the CLI cannot wait "
                               "for: give seconds (--pause 30) or run the job from the console"),
                kUsage);
        }
        spec->pause = *pause;
    }
    if (a.has(QStringLiteral("fail-at"))) {
        const QString text = a.value(QStringLiteral("fail-at"));
        auto policy = FailurePolicy::parse(text);
        if (!policy) {
            return fail(err, QStringLiteral("--fail-at '%1': %2").arg(text, policy.error().toString()), kUsage);
        }
        spec->failurePolicy = *policy;
    }
    const auto number = [&](const QString& name, int* target) -> bool {
        if (!a.has(name)) {
            return true;
        }
        bool ok = false;
        const int v = a.value(name).toInt(&ok);
        if (!ok || v < 0) {
            fail(err, QStringLiteral("--%1 must be a whole number, 0 or more, not '%2'").arg(name, a.value(name)),
                kUsage);
            return false;
        }
        *target = v;
        return true;
    };
    if (!number(QStringLiteral("timeout"), &spec->timeoutSeconds)
        || !number(QStringLiteral("concurrency"), &spec->concurrency)) {
        return kUsage;
    }
    if (a.has(QStringLiteral("bandwidth-limit"))) {
        auto rate = JobSpec::parseByteRate(a.value(QStringLiteral("bandwidth-limit")));
        if (!rate) {
            return fail(err, QStringLiteral("--bandwidth-limit: %1").arg(rate.errorString()), kUsage);
        }
        spec->bandwidthLimit = *rate;
    }
    if (a.has(QStringLiteral("job-vars")) || a.has(QStringLiteral("var"))) {
        auto vars = CliArgs::jobVariables(a.value(QStringLiteral("job-vars")), a.list(QStringLiteral("var")));
        if (!vars) {
            return fail(err, vars.error().toString());
        }
        spec->parameters = QJsonObject::fromVariantMap(*vars);
    }
    spec->targetDescription = a.value(QStringLiteral("hosts"));
    return std::nullopt;
}

namespace {
AnsibleVault::Secrets& cliVaultSecrets()
{
    static AnsibleVault::Secrets secrets;
    return secrets;
}
} // namespace

void CliJob::setVaultSecrets(const AnsibleVault::Secrets& secrets)
{
    cliVaultSecrets() = secrets;
}

const AnsibleVault::Secrets& CliJob::vaultSecrets()
{
    return cliVaultSecrets();
}

int CliJob::withDirectBackend(Workspace& workspace, const Inventory& inventory, const Args& a,
    const QString& operatorName, const std::function<int(Backend&)>& body, QTextStream& err)
{
    SshTransport::Options options;
    options.knownHostsPath = a.value(QStringLiteral("known-hosts"));
    options.sshConfigPath = a.value(QStringLiteral("ssh-config"));
    options.hostKeyPolicy = a.flag(QStringLiteral("accept-new-host-keys")) ? SshTransport::HostKeyPolicy::AcceptNew
                                                                           : SshTransport::HostKeyPolicy::Reject;
    if (a.has(QStringLiteral("handshakes"))) {
        bool ok = false;
        options.maxHandshakes = a.value(QStringLiteral("handshakes")).toInt(&ok);
        if (!ok || options.maxHandshakes < 1) {
            return fail(err,
                QStringLiteral("--handshakes must be a whole number, 1 or more, not '%1'")
                    .arg(a.value(QStringLiteral("handshakes"))),
                kUsage);
        }
    }
    SshTransport transport(options);
    // Targets, the preview's template context and jump hosts are worked out by the launcher, as in the console.
    JobLauncher launcher(&transport, [&inventory] { return inventory; });
    launcher.setVaultSecrets(CliJob::vaultSecrets());

    DirectBackend::Options backendOptions;
    backendOptions.operatorName = operatorName;
    backendOptions.launcher = &launcher;
    auto backend = DirectBackend::open(workspace, &transport, backendOptions);
    if (!backend) {
        return fail(err, backend.error().toString());
    }
    return body(**backend);
}

namespace {

std::optional<int> checkModeOwner(const Args& a, QString* mode, QString* owner, QTextStream& err)
{
    if (a.has(QStringLiteral("mode"))) {
        *mode = a.value(QStringLiteral("mode"));
        bool ok = false;
        const int bits = mode->toInt(&ok, 8);
        if (!ok || bits < 0 || bits > 07777 || mode->startsWith(QLatin1Char('-'))) {
            return fail(err, QStringLiteral("--mode must be octal permissions like 0644, not '%1'").arg(*mode), kUsage);
        }
    }
    if (a.has(QStringLiteral("owner"))) {
        *owner = a.value(QStringLiteral("owner"));
        if (owner->isEmpty() || owner->startsWith(QLatin1Char(':')) || owner->count(QLatin1Char(':')) > 1
            || owner->contains(QLatin1Char(' '))) {
            return fail(err, QStringLiteral("--owner must be USER or USER:GROUP, not '%1'").arg(*owner), kUsage);
        }
    }
    return std::nullopt;
}

// What applyJobOptions() read into `from`, onto the job made for the targets.
void copyJobOptions(const JobSpec& from, JobSpec* job)
{
    job->targetDescription = from.targetDescription;
    job->plan = from.plan;
    job->pause = from.pause;
    job->failurePolicy = from.failurePolicy;
    job->timeoutSeconds = from.timeoutSeconds;
    job->concurrency = from.concurrency;
    job->bandwidthLimit = from.bandwidthLimit;
    for (auto it = from.parameters.begin(); it != from.parameters.end(); ++it) {
        job->parameters.insert(it.key(), it.value());
    }
}

volatile std::sig_atomic_t g_interrupted = 0;

void onSigint(int)
{
    g_interrupted = 1;
}

// Runs `spec` on the workspace's hosts (already resolved into spec.targets) and prints its progress.
class JobRunner {
public:
    enum class Output { Lines, Push };

    // Over the workspace's direct-SSH backend, or the server's when `remote` is set (then `workspace` is null).
    JobRunner(Workspace* workspace, RemoteBackend* remote, const Inventory& inventory, const Args& a, Output output,
        QTextStream& out, QTextStream& err)
        : m_workspace(workspace)
        , m_remote(remote)
        , m_inventory(inventory)
        , m_args(a)
        , m_output(output)
        , m_json(a.flag(QStringLiteral("json")))
        , m_out(out)
        , m_err(err)
    {
    }

    int run(JobSpec spec)
    {
        if (auto valid = spec.validate(); !valid) {
            return fail(m_err, valid.error().toString());
        }
        if (m_remote) {
            // The server connects to the hosts with its own SSH settings and inventory.
            return watch(*m_remote, spec);
        }
        return CliJob::withDirectBackend(
            *m_workspace, m_inventory, m_args, spec.createdBy, [&](Backend& backend) { return watch(backend, spec); },
            m_err);
    }

private:
    // Submits the job and prints its events until it finishes.
    int watch(Backend& backend, const JobSpec& spec)
    {
        auto id = backend.submit(spec);
        if (!id) {
            return fail(m_err, QStringLiteral("the job could not start: %1").arg(id.error().toString()));
        }
        m_targets = spec.allTargets();
        QEventLoop loop;
        auto subscription = backend.subscribe(*id, 0, &loop);
        if (!subscription) {
            (void)backend.cancel(*id);
            return fail(m_err, subscription.error().toString());
        }
        bool finished = false;
        QString problem;
        QObject::connect(*subscription, &JobSubscription::jobEvent, &loop, [&](const JobEvent& e) {
            onEvent(e);
            if (e.type == JobEvent::Type::JobFinished) {
                finished = true;
                loop.quit();
            }
        });
        QObject::connect(*subscription, &JobSubscription::failed, &loop, [&](const QString& message) {
            problem = message;
            loop.quit();
        });
        if (m_remote) {
            // The job goes on on the server whatever happens to this connection; say what happens to it.
            QObject::connect(m_remote, &RemoteBackend::streamStateChanged, &loop,
                [&](RemoteBackend::StreamState state, const QString& message) {
                    if (state == RemoteBackend::StreamState::Unauthorized) {
                        problem = message;
                        loop.quit();
                    } else if (state == RemoteBackend::StreamState::Reconnecting && !m_connectionLost) {
                        m_connectionLost = true;
                        m_err << "opsdeck-cli: " << message << "; reconnecting (the job goes on on the server)"
                              << Qt::endl;
                    } else if (state == RemoteBackend::StreamState::Connected && m_connectionLost) {
                        m_connectionLost = false;
                        m_err << "opsdeck-cli: reconnected" << Qt::endl;
                    }
                });
        }

        // Ctrl+C: cancel the job (the engine kills the remote processes) and wait for it to end.
        g_interrupted = 0;
        const auto previous = std::signal(SIGINT, onSigint);
        QTimer poll;
        poll.setInterval(100);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (g_interrupted && !m_interrupted) {
                m_interrupted = true;
                std::signal(SIGINT, previous); // a second Ctrl+C ends the program at once
                m_err << "opsdeck-cli: interrupted: cancelling the job (remote processes are stopped)" << Qt::endl;
                if (auto r = backend.cancel(*id); !r) {
                    m_err << "opsdeck-cli: " << r.error().toString() << Qt::endl;
                }
            }
        });
        poll.start();
        if (!finished && problem.isEmpty()) {
            loop.exec();
        }
        poll.stop();
        std::signal(SIGINT, previous);
        if (!problem.isEmpty()) {
            return fail(m_err, problem);
        }
        return summary();
    }

    static QString streamKey(const JobEvent& e)
    {
        return QString::number(e.step) + QLatin1Char('\t') + e.host + QLatin1Char('\t') + outputStreamName(e.stream);
    }

    void printLine(const QString& host, OutputStream stream, QByteArray line)
    {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        QTextStream& s = stream == OutputStream::Stdout ? m_out : m_err;
        s << host << ": " << QString::fromUtf8(line) << '\n';
    }

    // The rest of a host's output that did not end with a newline.
    void flushPartial(const QString& host, int step)
    {
        for (OutputStream stream : { OutputStream::Stdout, OutputStream::Stderr }) {
            JobEvent key;
            key.step = step;
            key.host = host;
            key.stream = stream;
            const QString k = streamKey(key);
            const QByteArray rest = m_partial.take(k);
            if (!rest.isEmpty()) {
                printLine(host, stream, rest);
            }
        }
    }

    void onEvent(const JobEvent& e)
    {
        if (m_json) {
            m_out << QString::fromUtf8(e.toJsonLine()) << '\n';
        }
        switch (e.type) {
        case JobEvent::Type::HostOutput:
            if (!m_json) {
                QByteArray& buffer = m_partial[streamKey(e)];
                buffer += e.chunk;
                qsizetype start = 0;
                for (qsizetype nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n', start)) {
                    printLine(e.host, e.stream, buffer.mid(start, nl - start));
                    start = nl + 1;
                }
                buffer.remove(0, start);
            }
            break;
        case JobEvent::Type::HostFinished:
            m_outcome.insert(e.host, e);
            if (!m_json) {
                flushPartial(e.host, e.step);
                if (m_output == Output::Push) {
                    if (e.hostStatus == HostStatus::Success) {
                        m_out << e.host << ": " << e.message << '\n';
                    } else {
                        m_out << e.host << ": " << hostStatusName(e.hostStatus) << ": " << e.message << '\n';
                    }
                }
            }
            break;
        case JobEvent::Type::JobStopping:
            if (!m_json) {
                m_err << "opsdeck-cli: stopping: " << e.message << '\n';
            }
            break;
        case JobEvent::Type::JobWaiting:
            if (!m_json && e.waitSeconds > 0) {
                m_err << "opsdeck-cli: waiting " << e.waitSeconds << " s before batch " << e.batch + 1 << '\n';
            }
            break;
        case JobEvent::Type::JobFinished:
            m_jobStatus = e.jobStatus;
            m_jobMessage = e.message;
            m_jobFinished = true;
            break;
        default:
            break;
        }
        m_out.flush();
        m_err.flush();
    }

    int summary()
    {
        QList<int> counts(kHostStatusCount, 0);
        QStringList failedLines;
        for (const QString& host : std::as_const(m_targets)) {
            const auto it = m_outcome.constFind(host);
            const HostStatus status = it == m_outcome.cend() ? HostStatus::NotStarted : it->hostStatus;
            ++counts[int(status)];
            if (status == HostStatus::Success) {
                continue;
            }
            QString line = QStringLiteral("  %1: %2").arg(host, hostStatusName(status));
            if (it != m_outcome.cend()) {
                if (it->exitCode >= 0) {
                    line += QStringLiteral(" (exit %1)").arg(it->exitCode);
                }
                if (!it->message.isEmpty()) {
                    line += QStringLiteral(": ") + it->message;
                }
            }
            failedLines.append(line);
        }
        QStringList parts;
        for (int s = 0; s < kHostStatusCount; ++s) {
            if (counts[s] > 0) {
                parts.append(QStringLiteral("%1 %2").arg(counts[s]).arg(hostStatusName(HostStatus(s))));
            }
        }
        m_err << m_targets.size() << (m_targets.size() == 1 ? " host: " : " hosts: ")
              << parts.join(QStringLiteral(", "));
        if (m_jobFinished && m_jobStatus != JobStatus::Succeeded) {
            m_err << " (job " << jobStatusName(m_jobStatus);
            if (!m_jobMessage.isEmpty()) {
                m_err << ": " << m_jobMessage;
            }
            m_err << ")";
        }
        m_err << '\n';
        for (const QString& line : std::as_const(failedLines)) {
            m_err << line << '\n';
        }
        m_err.flush();
        const bool allGood = counts[int(HostStatus::Success)] == m_targets.size() && m_jobFinished
            && m_jobStatus == JobStatus::Succeeded && !m_interrupted;
        return allGood ? kOk : kFailed;
    }

    Workspace* m_workspace;
    RemoteBackend* m_remote;
    const Inventory& m_inventory;
    const Args& m_args;
    Output m_output;
    bool m_json = false;
    QTextStream& m_out;
    QTextStream& m_err;
    QStringList m_targets;
    QHash<QString, QByteArray> m_partial;
    QHash<QString, JobEvent> m_outcome; // the last host.finished of each host
    JobStatus m_jobStatus = JobStatus::Running;
    QString m_jobMessage;
    bool m_jobFinished = false;
    bool m_interrupted = false;
    bool m_connectionLost = false;
};

struct Opened {
    std::unique_ptr<Workspace> workspace; // null against a server
    std::unique_ptr<RemoteBackend> remote;
    Inventory inventory;
    QStringList hosts;
};

// The options that configure this side's SSH, which a server has its own settings for.
std::optional<int> refuseSshOptions(const Args& a, QTextStream& err)
{
    for (const QString& name :
        { QStringLiteral("known-hosts"), QStringLiteral("ssh-config"), QStringLiteral("accept-new-host-keys") }) {
        if (a.has(name) || a.flag(name)) {
            return fail(err,
                QStringLiteral("--%1 is the server's own setting: with --server the server connects to the hosts")
                    .arg(name),
                kUsage);
        }
    }
    return std::nullopt;
}

// Opens the workspace (or connects to the server) and resolves --hosts. Returns an exit code on error.
std::optional<int> openTargets(
    const QString& wsPath, const CliServer& server, const QString& queryText, Opened* o, QTextStream& err)
{
    auto query = HostQuery::parse(queryText);
    if (!query) {
        return fail(err, QStringLiteral("--hosts '%1': %2").arg(queryText, query.error().toString()));
    }
    if (server.active()) {
        auto remote = server.open();
        if (!remote) {
            return fail(err, remote.errorString());
        }
        auto inv = CliServer::inventory(**remote);
        if (!inv) {
            return fail(err, inv.errorString());
        }
        o->remote = std::move(*remote);
        o->inventory = std::move(*inv);
    } else {
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::OpenExisting);
        if (!ws) {
            return fail(err, ws.error().toString());
        }
        auto inv = (*ws)->loadInventory();
        if (!inv) {
            return fail(err, inv.error().toString());
        }
        if (auto facts = FactLayer::apply(**ws, *inv); !facts) {
            return fail(err, facts.error().toString());
        }
        o->workspace = std::move(*ws);
        o->inventory = std::move(*inv);
    }
    query->bind(o->inventory);
    for (int i : query->filter(o->inventory)) {
        o->hosts.append(o->inventory.hosts()[i].name);
    }
    if (o->hosts.isEmpty()) {
        return fail(err, QStringLiteral("no host matches '%1' (see `inventory query`)").arg(queryText));
    }
    return std::nullopt;
}

JobSpec newSpec(const QString& name, const QStringList& hosts)
{
    JobSpec spec;
    spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    spec.name = name;
    spec.createdBy = ScriptStore::currentAuthor();
    spec.targets = hosts;
    return spec;
}

} // namespace

int runRunCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    if (wantsHelp(args)) {
        out << kRunHelp << kSshOptionsHelp;
        return kOk;
    }
    Args a;
    if (!parse(args,
            kSshValued
                + QStringList { QStringLiteral("script"), QStringLiteral("account"), QStringLiteral("param"),
                    QStringLiteral("job-vars"), QStringLiteral("var") },
            kSshFlags + QStringList { QStringLiteral("acknowledge-danger") }, QStringLiteral("run"), &a, err)) {
        return kUsage;
    }
    if (!a.positional.isEmpty()) {
        return fail(err,
            QStringLiteral("unexpected argument '%1': an ad hoc command goes after -- (see run --help)")
                .arg(a.positional.first()),
            kUsage);
    }
    const bool hasScript = a.has(QStringLiteral("script"));
    if (hasScript == a.hasCommand) {
        return fail(err,
            hasScript ? QStringLiteral("give either --script or -- COMMAND, not both")
                      : QStringLiteral("run needs --script NAME_OR_FILE or -- COMMAND (see run --help)"),
            kUsage);
    }
    if (a.hasCommand && a.command.join(QLatin1Char(' ')).trimmed().isEmpty()) {
        return fail(err, QStringLiteral("-- needs a COMMAND after it"), kUsage);
    }
    JobSpec spec;
    if (auto code = applyJobOptions(a, QStringLiteral("run"), &spec, err)) {
        return *code;
    }
    if (auto code = server.active() ? refuseSshOptions(a, err) : std::nullopt) {
        return *code;
    }
    Opened o;
    if (auto code = openTargets(workspacePath, server, a.value(QStringLiteral("hosts")), &o, err)) {
        return *code;
    }

    // The script: from the library, a file, or the command line.
    Script script;
    QString label; // names the script in findings
    if (hasScript) {
        const QString nameOrFile = a.value(QStringLiteral("script"));
        std::optional<Script> stored;
        if (o.workspace) {
            auto found = ScriptStore(*o.workspace).findByName(nameOrFile);
            if (!found) {
                return fail(err, found.error().toString());
            }
            stored = *found;
        } else if (!QFileInfo(nameOrFile).isFile()) {
            return fail(err,
                QStringLiteral("%1: no such file; the scripts of a server's library cannot be run from the CLI yet "
                               "(give a script file or -- COMMAND)")
                    .arg(nameOrFile));
        }
        if (stored) {
            script = *stored;
            label = script.name;
        } else if (QFileInfo(nameOrFile).isFile()) {
            QString note;
            auto s = Script::fromFile(nameOrFile, std::nullopt, &note);
            if (!s) {
                return fail(err, s.error().toString());
            }
            script = *s;
            label = nameOrFile;
        } else {
            return fail(err, QStringLiteral("no script named '%1' in the library and no such file").arg(nameOrFile));
        }
    } else {
        script.name = a.command.join(QLatin1Char(' ')).left(60);
        script.language = ScriptLanguage::Bash;
        script.content = a.command.join(QLatin1Char(' ')) + QLatin1Char('\n');
        label = QStringLiteral("command");
    }

    // The danger gate: blocking findings must be acknowledged.
    // Against a server its own rules decide (it refuses what they block, in its words); the built-in ones warn here.
    auto rules = o.workspace ? ScriptStore::effectiveDangerRules(*o.workspace)
                             : Result<QList<DangerRule>>(DangerRules::defaults());
    if (!rules) {
        return fail(err, rules.error().toString());
    }
    const ScriptFindings findings = DangerRules::check(script.content, script.language, *rules);
    const ScriptFindings blocking = DangerGate::blocking(findings);
    if (!blocking.isEmpty()) {
        for (const ScriptFinding& f : blocking) {
            err << label << ':' << f.line << ':' << f.column << ": " << ScriptFinding::severityName(f.severity) << ": "
                << f.message << " [" << f.code << "]\n";
        }
        if (!a.flag(QStringLiteral("acknowledge-danger"))) {
            return fail(err,
                QStringLiteral("%1 is blocked by %2 danger finding(s) above; nothing ran (pass --acknowledge-danger "
                               "to run it anyway)")
                    .arg(label)
                    .arg(blocking.size()));
        }
        err << "opsdeck-cli: running despite " << blocking.size() << " blocking finding(s) (--acknowledge-danger)"
            << Qt::endl;
    }

    JobSpec job = newSpec(script.name, o.hosts);
    copyJobOptions(spec, &job);
    // The script's default account unless --account says otherwise.
    job.runAs = a.has(QStringLiteral("account")) ? a.value(QStringLiteral("account")).trimmed() : script.runAs;
    if (!blocking.isEmpty()) {
        // Recorded with the job, as the run dialog does: who acknowledged which findings, and when.
        const DangerGate::Acknowledgement ack = DangerGate::acknowledge(script.content, blocking, job.createdBy);
        QJsonObject ackJson;
        ackJson.insert(QStringLiteral("by"), ack.by);
        ackJson.insert(QStringLiteral("at"), ack.at.toString(Qt::ISODate));
        ackJson.insert(QStringLiteral("findings"), QJsonArray::fromStringList(ack.fingerprints));
        job.parameters.insert(QStringLiteral("danger_acknowledged"), ackJson);
    }
    RunScript run;
    run.interpreter = ScriptLanguages::interpreter(script.language);
    run.script = script.content;
    run.args = a.list(QStringLiteral("param"));
    JobStep step;
    step.name = script.name;
    step.action = run;
    job.steps << step;
    JobRunner runner(o.workspace.get(), o.remote.get(), o.inventory, a, JobRunner::Output::Lines, out, err);
    return runner.run(job);
}

int runPushCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    if (wantsHelp(args)) {
        out << kPushHelp << kSshOptionsHelp;
        return kOk;
    }
    Args a;
    if (!parse(args,
            kSshValued
                + QStringList { QStringLiteral("mode"), QStringLiteral("owner"), QStringLiteral("bandwidth-limit") },
            kSshFlags, QStringLiteral("push"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 2 || a.hasCommand) {
        return fail(err, QStringLiteral("push needs SRC and DEST (see push --help)"), kUsage);
    }
    JobSpec spec;
    if (auto code = applyJobOptions(a, QStringLiteral("push"), &spec, err)) {
        return *code;
    }
    if (auto code = server.active() ? refuseSshOptions(a, err) : std::nullopt) {
        return *code;
    }
    PushFile push;
    if (auto code = checkModeOwner(a, &push.mode, &push.owner, err)) {
        return *code;
    }
    push.sourcePath = a.positional.at(0);
    push.dest = a.positional.at(1);
    if (QFileInfo(push.sourcePath).isDir()) {
        return fail(err, QStringLiteral("%1: is a directory (push copies one file)").arg(push.sourcePath));
    }
    QFile file(push.sourcePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(err, QStringLiteral("%1: cannot read: %2").arg(push.sourcePath, file.errorString()));
    }
    push.content = file.readAll();
    push.hasContent = true;
    Opened o;
    if (auto code = openTargets(workspacePath, server, a.value(QStringLiteral("hosts")), &o, err)) {
        return *code;
    }
    JobSpec job = newSpec(QStringLiteral("push %1").arg(QFileInfo(push.sourcePath).fileName()), o.hosts);
    copyJobOptions(spec, &job);
    JobStep step;
    step.name = QStringLiteral("push %1 to %2").arg(QFileInfo(push.sourcePath).fileName(), push.dest);
    step.action = push;
    job.steps << step;
    JobRunner runner(o.workspace.get(), o.remote.get(), o.inventory, a, JobRunner::Output::Push, out, err);
    return runner.run(job);
}

int runPushTemplateCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err)
{
    if (wantsHelp(args)) {
        out << kPushTemplateHelp << kSshOptionsHelp;
        return kOk;
    }
    Args a;
    if (!parse(args,
            kSshValued
                + QStringList { QStringLiteral("dest"), QStringLiteral("mode"), QStringLiteral("owner"),
                    QStringLiteral("bandwidth-limit"), QStringLiteral("job-vars"), QStringLiteral("var") },
            kSshFlags, QStringLiteral("push-template"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1 || a.hasCommand) {
        return fail(err, QStringLiteral("push-template needs one NAME_OR_FILE (see push-template --help)"), kUsage);
    }
    JobSpec spec;
    if (auto code = applyJobOptions(a, QStringLiteral("push-template"), &spec, err)) {
        return *code;
    }
    if (auto code = server.active() ? refuseSshOptions(a, err) : std::nullopt) {
        return *code;
    }
    PushTemplate push;
    if (auto code = checkModeOwner(a, &push.mode, &push.owner, err)) {
        return *code;
    }
    const QString path = a.positional.first();
    // A template of the library by name first (as `run --script` does), else a file.
    std::optional<ConfigTemplate> stored;
    if (!server.active() && !workspacePath.isEmpty() && QFileInfo::exists(workspacePath)) {
        auto ws = Workspace::open(workspacePath);
        if (!ws) {
            return fail(err, ws.errorString());
        }
        auto found = TemplateStore(**ws).findByName(path);
        if (!found) {
            return fail(err, found.errorString());
        }
        stored = *found;
    }
    if (stored) {
        push.templateName = stored->name;
        push.templateText = stored->content;
        push.dest = stored->destination;
        if (!a.has(QStringLiteral("mode")) && !stored->mode.isEmpty()) {
            push.mode = stored->mode;
        }
        if (!a.has(QStringLiteral("owner"))) {
            push.owner = stored->owner;
        }
    } else {
        QFile file(path);
        if (!QFileInfo::exists(path)) {
            return fail(err,
                server.active()
                    ? QStringLiteral("%1: no such file; the templates of a server's library cannot be pushed from the "
                                     "CLI yet (give a template file and --dest)")
                          .arg(path)
                    : QStringLiteral("no template named '%1' in the library (see `template list`) and no such file")
                          .arg(path));
        }
        if (QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly)) {
            return fail(err,
                QStringLiteral("%1: cannot read: %2")
                    .arg(path, QFileInfo(path).isDir() ? QStringLiteral("is a directory") : file.errorString()));
        }
        const QByteArray bytes = file.readAll();
        if (const QString why = ScriptLanguages::refusalReason(bytes); !why.isEmpty()) {
            return fail(err, QStringLiteral("%1: %2").arg(path, why));
        }
        push.templateName = path;
        push.templateText = QString::fromUtf8(bytes);
    }
    if (a.has(QStringLiteral("dest"))) {
        push.dest = a.value(QStringLiteral("dest"));
    }
    if (push.dest.isEmpty()) {
        return fail(err,
            stored ? QStringLiteral("template '%1' has no destination: give --dest PATH").arg(stored->name)
                   : QStringLiteral("push-template needs --dest PATH for a template file (see push-template --help)"),
            kUsage);
    }
    // A syntax error is reported once, here, rather than by every host.
    if (auto parsed = Jinja::Template::parse(push.templateText, push.templateName); !parsed) {
        return fail(err, parsed.error().toString());
    }
    Opened o;
    if (auto code = openTargets(workspacePath, server, a.value(QStringLiteral("hosts")), &o, err)) {
        return *code;
    }
    const QString shortName = stored ? stored->name : QFileInfo(path).fileName();
    JobSpec job = newSpec(QStringLiteral("template %1").arg(shortName), o.hosts);
    copyJobOptions(spec, &job);
    JobStep step;
    step.name = QStringLiteral("template %1 to %2").arg(shortName, push.dest);
    step.action = push;
    job.steps << step;
    JobRunner runner(o.workspace.get(), o.remote.get(), o.inventory, a, JobRunner::Output::Push, out, err);
    return runner.run(job);
}
