#include "ServerMain.h"

#include "Api.h"
#include "AuditLog.h"
#include "EventHub.h"
#include "HttpServer.h"
#include "Scheduler.h"
#include "ServerConfig.h"
#include "TokenStore.h"
#include "WorkflowRuns.h"
#include "facts/FactLayer.h"
#include "runner/DirectBackend.h"
#include "runner/JobLauncher.h"
#include "ssh/SshTransport.h"
#include "store/Workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

constexpr int kUsage = 2;
int g_signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char c = 1;
    (void)!::write(g_signalPipe[1], &c, 1);
}

int fail(const QString& message, int code = 1)
{
    QTextStream(stderr) << "opsdeck-server: " << message << Qt::endl;
    return code;
}

// The server's store: the PostgreSQL database of --database, else the SQLite file in the data directory. The data
// directory (optional with --database) holds what is not in the database. An older schema is migrated on open, a
// newer one refused.
Result<std::unique_ptr<Workspace>> openData(const QString& dir, const QString& database)
{
    if (dir.isEmpty() && database.isEmpty()) {
        return Error(QStringLiteral("--data DIR or --database postgresql://… is required"));
    }
    if (!dir.isEmpty() && !QDir().mkpath(dir)) {
        return Error(QStringLiteral("cannot create the data directory %1").arg(dir));
    }
    if (!database.isEmpty()) {
        return Workspace::openUrl(database, Workspace::OpenMode::CreateIfMissing);
    }
    return Workspace::open(
        QDir(dir).filePath(QStringLiteral("workspace.opsdeck")), Workspace::OpenMode::CreateIfMissing);
}

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("database"),
        QStringLiteral("A PostgreSQL database instead of the data directory's SQLite file: "
                       "postgresql://user[:password]@host[:port]/dbname (the password also from PGPASSWORD or "
                       "~/.pgpass)."),
        QStringLiteral("URL"));
}

// `opsdeck-server migrate`: brings a store to this server's schema version and says from which to which.
int migrateCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Upgrade the store of a data directory or a PostgreSQL database to "
                                               "this server's schema version."));
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("The data directory."), QStringLiteral("DIR"));
    const QCommandLineOption database = databaseOption();
    p.addOptions({ data, database });
    if (!p.parse(arguments)) {
        return fail(p.errorText(), kUsage);
    }
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return 0;
    }
    if (p.isSet(data) == p.isSet(database)) {
        return fail(QStringLiteral("migrate needs one of --data DIR and --database URL"), kUsage);
    }
    auto ws = openData(p.value(data), p.value(database));
    if (!ws) {
        return fail(ws.errorString());
    }
    QTextStream out(stdout);
    const int from = (*ws)->schemaVersionOnOpen();
    if ((*ws)->createdOnOpen()) {
        out << (*ws)->path() << ": created at version " << Workspace::kSchemaVersion << Qt::endl;
    } else if (from < Workspace::kSchemaVersion) {
        out << (*ws)->path() << ": migrated from version " << from << " to " << Workspace::kSchemaVersion << Qt::endl;
    } else {
        out << (*ws)->path() << ": already at version " << Workspace::kSchemaVersion << Qt::endl;
    }
    return 0;
}

QString actorOfCli()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME", QStringLiteral("unknown")));
    return QStringLiteral("cli:") + user;
}

int tokenCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Manage the API tokens of a data directory."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("create|list|revoke"), QStringLiteral("what to do"));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("The data directory."), QStringLiteral("DIR"));
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption role(
        QStringLiteral("role"), QStringLiteral("viewer, operator or admin (create)."), QStringLiteral("ROLE"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Who the token is for (create)."), QStringLiteral("NAME"));
    const QCommandLineOption expires(QStringLiteral("expires"),
        QStringLiteral("Lifetime such as 30d, 12h or 90m (create; default: no expiry)."), QStringLiteral("DURATION"));
    p.addOptions({ data, database, role, name, expires });
    if (!p.parse(arguments)) {
        return fail(p.errorText(), kUsage);
    }
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return 0;
    }
    const QStringList words = p.positionalArguments();
    if (words.isEmpty()) {
        return fail(QStringLiteral("token needs create, list or revoke (see token --help)"), kUsage);
    }
    auto ws = openData(p.value(data), p.value(database));
    if (!ws) {
        return fail(ws.errorString());
    }
    TokenStore tokens(**ws);
    QTextStream out(stdout);
    const QString what = words.first();
    if (what == QLatin1String("create")) {
        const auto r = TokenStore::roleFromName(p.value(role));
        if (!r) {
            return fail(QStringLiteral("--role must be viewer, operator or admin"), kUsage);
        }
        std::optional<QDateTime> until;
        if (p.isSet(expires)) {
            const auto seconds = TokenStore::parseDurationSeconds(p.value(expires));
            if (!seconds) {
                return fail(
                    QStringLiteral("--expires '%1' is not a duration like 30d, 12h or 90m").arg(p.value(expires)),
                    kUsage);
            }
            until = QDateTime::currentDateTimeUtc().addSecs(*seconds);
        }
        auto created = tokens.create(p.value(name), *r, until);
        if (!created) {
            return fail(created.errorString(), kUsage);
        }
        (void)AuditLog(**ws).append({ 0, {}, actorOfCli(), QStringLiteral("token.create"),
            QStringLiteral("token %1 (%2, %3)").arg(created->token.id).arg(created->token.name, p.value(role)),
            QStringLiteral("201"), QStringLiteral("local") });
        out << created->secret << Qt::endl;
        QTextStream(stderr) << "opsdeck-server: token " << created->token.id << " (" << created->token.name << ", "
                            << p.value(role) << ") created; it is shown only now" << Qt::endl;
        return 0;
    }
    if (what == QLatin1String("list")) {
        const auto list = tokens.list();
        if (!list) {
            return fail(list.errorString());
        }
        out << "ID\tROLE\tNAME\tCREATED\tEXPIRES\tSTATE\n";
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const TokenStore::Token& t : *list) {
            out << t.id << '\t' << TokenStore::roleName(t.role) << '\t' << t.name << '\t'
                << t.createdAt.toString(Qt::ISODate) << '\t'
                << (t.expiresAt ? t.expiresAt->toString(Qt::ISODate) : QStringLiteral("-")) << '\t'
                << (t.revokedAt               ? QStringLiteral("revoked")
                           : t.isValidAt(now) ? QStringLiteral("valid")
                                              : QStringLiteral("expired"))
                << '\n';
        }
        return 0;
    }
    if (what == QLatin1String("revoke")) {
        bool okay = false;
        const qint64 id = words.value(1).toLongLong(&okay);
        if (!okay) {
            return fail(QStringLiteral("token revoke needs the token's ID (see token list)"), kUsage);
        }
        const auto revoked = tokens.revoke(id);
        (void)AuditLog(**ws).append(
            { 0, {}, actorOfCli(), QStringLiteral("token.revoke"), QStringLiteral("token %1").arg(id),
                revoked ? QStringLiteral("200") : QStringLiteral("404"), QStringLiteral("local") });
        if (!revoked) {
            return fail(revoked.errorString());
        }
        QTextStream(stderr) << "opsdeck-server: token " << id << " revoked" << Qt::endl;
        return 0;
    }
    return fail(QStringLiteral("unknown token command '%1' (create, list, revoke)").arg(what), kUsage);
}

} // namespace

int ServerMain::run(const QStringList& arguments)
{
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("token")) {
        QStringList rest = arguments;
        rest.removeAt(1);
        return tokenCommand(rest);
    }
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("migrate")) {
        QStringList rest = arguments;
        rest.removeAt(1);
        return migrateCommand(rest);
    }
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The OpsDeck control server: the HTTP API over a data directory."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("The data directory."), QStringLiteral("DIR"));
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
        QStringLiteral("Address and port to listen on (default 127.0.0.1:8750; port 0 picks a free one)."),
        QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8750"));
    const QCommandLineOption knownHosts(QStringLiteral("known-hosts"),
        QStringLiteral("The known_hosts file of the hosts jobs reach (default: the server user's ~/.ssh/known_hosts)."),
        QStringLiteral("FILE"));
    const QCommandLineOption acceptNew(QStringLiteral("accept-new-host-keys"),
        QStringLiteral("Trust and record the key of a host met for the first time (a changed key is always refused)."));
    const QCommandLineOption sshConfig(QStringLiteral("ssh-config"),
        QStringLiteral("The OpenSSH client configuration to complete targets from, or none (default ~/.ssh/config)."),
        QStringLiteral("FILE"));
    const QCommandLineOption grace(QStringLiteral("grace"),
        QStringLiteral("On SIGTERM, how long hosts already running may go on before they are interrupted "
                       "(default 30)."),
        QStringLiteral("SECONDS"), QStringLiteral("30"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS and wss:// with this PEM certificate chain (with --tls-key)."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(
        QStringLiteral("tls-key"), QStringLiteral("The PEM private key of --tls-cert."), QStringLiteral("FILE"));
    const QCommandLineOption configFile(QStringLiteral("config"),
        QStringLiteral("A configuration file ([server] and [limits]; options given here win over it)."),
        QStringLiteral("FILE"));
    const QCommandLineOption allowRunLocal(QStringLiteral("allow-run-local"),
        QStringLiteral("Let workflows' run-local steps run shell commands on this machine as the server's user "
                       "(off by default)."));
    p.addOptions({ data, database, listen, knownHosts, acceptNew, sshConfig, grace, tlsCert, tlsKey, configFile,
        allowRunLocal });
    if (!p.parse(arguments)) {
        return fail(p.errorText(), kUsage);
    }
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText()
                            << "\nToken commands: opsdeck-server token create|list|revoke --help\n"
                               "Upgrading a store: opsdeck-server migrate --data DIR | --database URL\n";
        return 0;
    }
    if (p.isSet(QStringLiteral("version"))) {
        QTextStream(stdout) << "opsdeck-server " << QCoreApplication::applicationVersion() << Qt::endl;
        return 0;
    }
    ServerConfig config;
    if (p.isSet(configFile)) {
        auto loaded = ServerConfig::load(p.value(configFile));
        if (!loaded) {
            return fail(loaded.errorString(), kUsage);
        }
        config = *loaded;
    }
    // An option on the command line, else the configuration's [server] key, else the option's default.
    const auto setting = [&](const QCommandLineOption& option, const QString& key) {
        return p.isSet(option) || !config.server.contains(key) ? p.value(option) : config.server.value(key);
    };
    const auto isSet = [&](const QCommandLineOption& option, const QString& key) {
        return p.isSet(option) || config.server.contains(key);
    };
    bool graceOk = false;
    const int graceSeconds = setting(grace, QStringLiteral("grace")).toInt(&graceOk);
    if (!graceOk || graceSeconds < 0 || graceSeconds > 24 * 3600) {
        return fail(QStringLiteral("--grace '%1' must be a number of seconds (0 to 86400)")
                        .arg(setting(grace, QStringLiteral("grace"))),
            kUsage);
    }
    const QString acceptNewValue = config.server.value(QStringLiteral("accept_new_host_keys"), QStringLiteral("false"));
    if (acceptNewValue != QLatin1String("true") && acceptNewValue != QLatin1String("false")) {
        return fail(QStringLiteral("%1: accept_new_host_keys must be true or false").arg(p.value(configFile)), kUsage);
    }
    const bool acceptNewKeys = p.isSet(acceptNew) || acceptNewValue == QLatin1String("true");
    const QString runLocalValue = config.server.value(QStringLiteral("allow_run_local"), QStringLiteral("false"));
    if (runLocalValue != QLatin1String("true") && runLocalValue != QLatin1String("false")) {
        return fail(QStringLiteral("%1: allow_run_local must be true or false").arg(p.value(configFile)), kUsage);
    }
    const bool runLocalAllowed = p.isSet(allowRunLocal) || runLocalValue == QLatin1String("true");
    const QString dataDir = setting(data, QStringLiteral("data"));
    const QString databaseUrl = setting(database, QStringLiteral("database"));
    const QString where = setting(listen, QStringLiteral("listen"));
    const qsizetype colon = where.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? where.mid(colon + 1).toUInt(&portOk) : 0;
    if (!portOk || port > 65535) {
        return fail(QStringLiteral("--listen '%1' must be ADDRESS:PORT, e.g. 127.0.0.1:8750").arg(where), kUsage);
    }
    auto ws = openData(dataDir, databaseUrl);
    if (!ws) {
        return fail(ws.errorString());
    }
    if (::pipe(g_signalPipe) != 0) {
        return fail(QStringLiteral("cannot set up signal handling"));
    }
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    // Jobs run here as in the console: the launcher resolves targets and contexts from the inventory as it is at
    // submission, the engine runs them over the SSH transport, the history is the workspace's. Nobody is there to
    // answer a question: unknown host keys follow --accept-new-host-keys, encrypted keys need an agent.
    SshTransport::Options sshOptions;
    sshOptions.knownHostsPath = setting(knownHosts, QStringLiteral("known_hosts"));
    sshOptions.sshConfigPath = setting(sshConfig, QStringLiteral("ssh_config"));
    sshOptions.hostKeyPolicy
        = acceptNewKeys ? SshTransport::HostKeyPolicy::AcceptNew : SshTransport::HostKeyPolicy::Reject;
    SshTransport transport(sshOptions);
    Workspace* workspace = ws->get();
    JobLauncher launcher(&transport, [workspace] {
        auto inventory = workspace->loadInventory();
        if (inventory) {
            (void)FactLayer::apply(*workspace, *inventory); // templates see the facts
        }
        return inventory ? *inventory : Inventory();
    });
    DirectBackend::Options backendOptions;
    backendOptions.operatorName = QStringLiteral("opsdeck-server");
    backendOptions.launcher = &launcher;
    backendOptions.closeReason = QStringLiteral("the job was interrupted: the server stopped while it ran; hosts "
                                                "that were still running then have an unknown outcome");
    auto backend = DirectBackend::open(**ws, &transport, backendOptions);
    if (!backend) {
        return fail(backend.errorString());
    }
    if (!(*backend)->interruptedOnOpen().isEmpty()) {
        QTextStream(stderr) << "opsdeck-server: " << (*backend)->interruptedOnOpen().size()
                            << " job(s) were interrupted when the server last stopped" << Qt::endl;
    }
    // Workflows run here as in the console, over the same backend; their streams go to the job history through the
    // backend's writer. Declared after the backend: runs still going at exit end (interrupted) before it closes.
    WorkflowRuns workflowRuns(**ws, backend->get(), &(*backend)->writer());
    workflowRuns.setAllowRunLocal(runLocalAllowed);
    Api api(**ws, backend->get());
    api.setWorkflowRuns(&workflowRuns);
    api.setRateLimits(config.rates);
    EventHub hub(backend->get());
    // Schedules fire here through the same launch paths as the API's routes; their fires and misses reach fleet
    // subscriptions as schedule events.
    SystemSchedulerClock clock;
    Scheduler scheduler(**ws, backend->get(), &workflowRuns, &clock);
    api.setScheduler(&scheduler);
    QObject::connect(&scheduler, &Scheduler::scheduleEvent, &hub, [&hub](const QJsonObject& e) {
        hub.publishSchedule(e);
        QTextStream(stderr) << "opsdeck-server: " << e.value(QStringLiteral("type")).toString() << ' '
                            << e.value(QStringLiteral("name")).toString() << " (due "
                            << e.value(QStringLiteral("due")).toString() << ")"
                            << (e.contains(QStringLiteral("job"))
                                       ? QStringLiteral(" job ") + e.value(QStringLiteral("job")).toString()
                                       : QString())
                            << Qt::endl;
    });
    HttpServer server(api, config.http);
    server.setEventHub(&hub);
    if (isSet(tlsCert, QStringLiteral("tls_cert")) != isSet(tlsKey, QStringLiteral("tls_key"))) {
        return fail(QStringLiteral("--tls-cert and --tls-key go together"), kUsage);
    }
    if (isSet(tlsCert, QStringLiteral("tls_cert"))) {
        if (auto tls
            = server.setTls(setting(tlsCert, QStringLiteral("tls_cert")), setting(tlsKey, QStringLiteral("tls_key")));
            !tls) {
            return fail(tls.errorString());
        }
    }
    const auto bound = server.listen(where.left(colon), quint16(port));
    if (!bound) {
        return fail(bound.errorString());
    }
    QTextStream(stderr) << "opsdeck-server: listening on " << where.left(colon) << ':' << *bound
                        << (server.tls() ? " (TLS)" : "") << " ("
                        << (databaseUrl.isEmpty() ? QStringLiteral("data ") + QDir(dataDir).absolutePath()
                                                  : QStringLiteral("database ") + (*ws)->path())
                        << ")" << Qt::endl;
    scheduler.start();
    // SIGTERM: an orderly stop. Nothing new starts (the API refuses it, every running job pauses), hosts in
    // flight may finish for up to --grace seconds, then the backend marks what is left interrupted. A second
    // signal stops at once.
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QTimer drainTimer;
    drainTimer.setInterval(100);
    QElapsedTimer draining;
    DirectBackend* jobs = backend->get();
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, QCoreApplication::instance(), [&] {
        char c = 0;
        (void)!::read(g_signalPipe[0], &c, 1);
        if (api.draining()) {
            QTextStream(stderr) << "opsdeck-server: stopping now" << Qt::endl;
            QCoreApplication::quit();
            return;
        }
        api.setDraining(true);
        scheduler.stop(); // what falls due from now on is the next start's (missed, per each schedule's policy)
        const QStringList runs = workflowRuns.drain(QStringLiteral("opsdeck-server (stopping)"));
        const QStringList running = jobs->drain(QStringLiteral("opsdeck-server (stopping)"));
        if (!runs.isEmpty()) {
            QTextStream(stderr) << "opsdeck-server: stopping: " << runs.size() << " workflow run(s) paused" << Qt::endl;
        }
        QTextStream(stderr) << "opsdeck-server: stopping: no new work; " << jobs->runningHostCount() << " host(s) of "
                            << running.size() << " job(s) may finish within " << graceSeconds << " s" << Qt::endl;
        draining.start();
        drainTimer.start();
    });
    QObject::connect(&drainTimer, &QTimer::timeout, QCoreApplication::instance(), [&] {
        const int left = jobs->runningHostCount();
        if (left == 0 || draining.elapsed() >= qint64(graceSeconds) * 1000) {
            if (left > 0) {
                QTextStream(stderr) << "opsdeck-server: grace period over; " << left
                                    << " host(s) still running are interrupted" << Qt::endl;
            }
            drainTimer.stop();
            QCoreApplication::quit();
        }
    });
    const int code = QCoreApplication::exec();
    server.stop();
    QTextStream(stderr) << "opsdeck-server: stopped" << Qt::endl;
    return code;
}
