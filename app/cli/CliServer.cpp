#include "CliServer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

CliServer CliServer::fromEnvironment()
{
    CliServer s;
    s.url = qEnvironmentVariable("OPSDECK_SERVER");
    s.tokenFile = qEnvironmentVariable("OPSDECK_TOKEN_FILE");
    return s;
}

Result<std::unique_ptr<RemoteBackend>> CliServer::open() const
{
    const QUrl server(url, QUrl::StrictMode);
    if (!server.isValid() || server.host().isEmpty()
        || (server.scheme() != QLatin1String("http") && server.scheme() != QLatin1String("https"))) {
        return Error(
            QStringLiteral("--server '%1' is not an http:// or https:// URL (e.g. https://ops.example:8750)").arg(url));
    }
    if (tokenFile.isEmpty()) {
        return Error(QStringLiteral("--server needs --token-file FILE (or OPSDECK_TOKEN_FILE): a file holding the "
                                    "token that `opsdeck-server token create` printed"));
    }
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("--token-file %1: cannot read: %2").arg(tokenFile, file.errorString()));
    }
    const QString token = QString::fromUtf8(file.read(4096)).trimmed();
    if (token.isEmpty() || token.contains(QLatin1Char('\n')) || token.contains(QLatin1Char(' '))) {
        return Error(
            QStringLiteral("--token-file %1: the file must hold one token (odt_…) and nothing else").arg(tokenFile));
    }
    RemoteOptions options;
    options.server = server;
    options.token = token;
    auto backend = std::make_unique<RemoteBackend>(options);
    if (auto who = backend->checkConnection(); !who) {
        return who.error();
    }
    return backend;
}

Result<Inventory> CliServer::inventory(RemoteBackend& backend)
{
    auto hosts = backend.http().get(QStringLiteral("/api/v1/hosts"));
    if (!hosts) {
        return hosts.error();
    }
    auto groups = backend.http().get(QStringLiteral("/api/v1/groups"));
    if (!groups) {
        return groups.error();
    }
    Inventory inv;
    for (const QJsonValue& v : hosts->value(QStringLiteral("hosts")).toArray()) {
        const QJsonObject o = v.toObject();
        Host h;
        h.name = o.value(QStringLiteral("name")).toString();
        h.address = o.value(QStringLiteral("address")).toString();
        h.port = o.value(QStringLiteral("port")).toInt();
        h.user = o.value(QStringLiteral("user")).toString();
        h.idc = o.value(QStringLiteral("idc")).toString();
        h.business = o.value(QStringLiteral("business")).toString();
        h.env = o.value(QStringLiteral("env")).toString();
        h.status = o.value(QStringLiteral("status")).toString();
        for (const QJsonValue& t : o.value(QStringLiteral("tags")).toArray()) {
            h.tags << t.toString();
        }
        if (!h.name.isEmpty()) {
            inv.upsertHost(h);
        }
    }
    for (const QJsonValue& v : groups->value(QStringLiteral("groups")).toArray()) {
        const QJsonObject o = v.toObject();
        Group g;
        g.name = o.value(QStringLiteral("name")).toString();
        g.kind = Group::kindFromName(o.value(QStringLiteral("kind")).toString());
        g.priority = o.value(QStringLiteral("priority")).toInt();
        for (const QJsonValue& c : o.value(QStringLiteral("children")).toArray()) {
            g.children << c.toString();
        }
        // A dynamic group's rule needs the variables, which the server does not send: its current members do.
        for (const QJsonValue& m : o.value(QStringLiteral("hosts")).toArray()) {
            g.hosts << m.toString();
        }
        if (!g.name.isEmpty()) {
            inv.upsertGroup(g);
        }
    }
    return inv;
}

QString CliServer::notYet(const QString& command)
{
    return QStringLiteral(
        "`%1` does not work against a server yet (the server has no routes for it so far); "
        "against a server, inventory, vars, group, script, template, workflow, run, push, push-template, jobs and "
        "publish work — or use --workspace")
        .arg(command);
}
