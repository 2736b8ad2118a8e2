#include "DemoInventory.h"

#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

namespace DemoInventory {

namespace {

QVariantList strings(const QStringList& list)
{
    QVariantList out;
    for (const QString& s : list) {
        out.append(s);
    }
    return out;
}

} // namespace

Inventory make()
{
    Inventory inv;
    Group& all = inv.ensureGroup(QStringLiteral("all"));
    all.vars = {
        { QStringLiteral("ansible_user"), QStringLiteral("ops") },
        { QStringLiteral("ntp_servers"),
            strings({ QStringLiteral("ntp1.example.net"), QStringLiteral("ntp2.example.net") }) },
        { QStringLiteral("log_level"), QStringLiteral("info") },
    };

    struct Dc {
        QString id;
        QString name;
        QString subnet;
    };
    const QList<Dc> dcs { { QStringLiteral("js"), QStringLiteral("Jiangsu"), QStringLiteral("10.1") },
        { QStringLiteral("bj"), QStringLiteral("Beijing"), QStringLiteral("10.2") } };

    struct Role {
        QString name;
        QString business;
        int count;
        QStringList tags;
    };
    const QList<Role> roles {
        { QStringLiteral("web"), QStringLiteral("shop"), 10, { QStringLiteral("nginx") } },
        { QStringLiteral("app"), QStringLiteral("shop"), 8, { QStringLiteral("java") } },
        { QStringLiteral("mongodb"), QStringLiteral("shop"), 3, { QStringLiteral("mongodb"), QStringLiteral("db") } },
        { QStringLiteral("redis"), QStringLiteral("shop"), 3, { QStringLiteral("redis"), QStringLiteral("cache") } },
        { QStringLiteral("mysql"), QStringLiteral("billing"), 2, { QStringLiteral("mysql"), QStringLiteral("db") } },
        { QStringLiteral("kafka"), QStringLiteral("billing"), 3, { QStringLiteral("kafka") } },
    };

    Group& prod = inv.ensureGroup(QStringLiteral("prod"));
    prod.vars = { { QStringLiteral("env_name"), QStringLiteral("production") },
        { QStringLiteral("log_level"), QStringLiteral("warning") } };
    Group& canary = inv.ensureGroup(QStringLiteral("canary"));
    canary.vars = { { QStringLiteral("log_level"), QStringLiteral("debug") } };
    canary.priority = 10;

    for (const Dc& dc : dcs) {
        const QString idcGroup = QStringLiteral("idc_") + dc.id;
        {
            Group& g = inv.ensureGroup(idcGroup);
            g.kind = Group::Kind::Idc;
            g.vars = {
                { QStringLiteral("idc"), dc.id },
                { QStringLiteral("region"),
                    QVariantMap { { QStringLiteral("id"), dc.id }, { QStringLiteral("name"), dc.name },
                        { QStringLiteral("dns"), strings({ dc.subnet + QStringLiteral(".0.53") }) } } },
                { QStringLiteral("ansible_ssh_common_args"),
                    QStringLiteral("-o ProxyJump=jump.%1.example.net").arg(dc.id) },
            };
            inv.mutableGroup(QStringLiteral("prod"))->children.append(idcGroup);
        }
        int roleIndex = 0;
        for (const Role& role : roles) {
            const QString setGroup = role.name + QLatin1Char('_') + dc.id;
            {
                Group& g = inv.ensureGroup(setGroup);
                g.kind = Group::Kind::Set;
                g.vars = { { QStringLiteral("role"), role.name } };
                if (role.name == QLatin1String("mongodb")) {
                    g.vars.insert(QStringLiteral("mongodb"),
                        QVariantMap { { QStringLiteral("replset"), QString(QStringLiteral("rs_") + dc.id) },
                            { QStringLiteral("port"), 27017 }, { QStringLiteral("cache_gb"), 8 } });
                } else if (role.name == QLatin1String("web")) {
                    g.vars.insert(QStringLiteral("nginx_worker_processes"), QStringLiteral("auto"));
                    g.vars.insert(QStringLiteral("http_port"), 80);
                } else if (role.name == QLatin1String("redis")) {
                    g.vars.insert(QStringLiteral("redis_maxmemory"), QStringLiteral("4gb"));
                }
                inv.mutableGroup(idcGroup)->children.append(setGroup);
            }
            Group& roleGroup = inv.ensureGroup(role.name);
            roleGroup.kind = Group::Kind::Custom;
            if (!roleGroup.children.contains(setGroup)) {
                roleGroup.children.append(setGroup);
            }
            for (int i = 1; i <= role.count; ++i) {
                Host h;
                h.name = QStringLiteral("%1-%2-%3").arg(role.name, dc.id).arg(i, 2, 10, QLatin1Char('0'));
                h.address = QStringLiteral("%1.%2.%3").arg(dc.subnet).arg(10 + roleIndex).arg(10 + i);
                h.port = 22;
                h.idc = dc.id;
                h.business = role.business;
                h.env = QStringLiteral("prod");
                h.status = i == role.count && role.count > 3 ? QStringLiteral("standby") : QStringLiteral("online");
                if (role.name == QLatin1String("app") && i == 2 && dc.id == QLatin1String("bj")) {
                    h.status = QStringLiteral("maintenance");
                }
                h.tags = role.tags;
                if (i == 1) {
                    h.tags.append(QStringLiteral("canary"));
                }
                if (role.name == QLatin1String("mongodb") && i == 1) {
                    h.vars.insert(QStringLiteral("mongodb_primary"), true);
                }
                if (role.name == QLatin1String("web")) {
                    h.vars.insert(QStringLiteral("http_port"), i % 2 ? 80 : 8080);
                }
                inv.upsertHost(h);
                inv.mutableGroup(setGroup)->hosts.append(h.name);
                if (i == 1) {
                    inv.mutableGroup(QStringLiteral("canary"))->hosts.append(h.name);
                }
            }
            ++roleIndex;
        }
    }
    // A few hosts outside production: a staging pool being deployed, and a bastion in no group.
    Group& staging = inv.ensureGroup(QStringLiteral("staging"));
    staging.vars = { { QStringLiteral("env_name"), QStringLiteral("staging") } };
    for (int i = 1; i <= 3; ++i) {
        Host h;
        h.name = QStringLiteral("stage-js-%1").arg(i, 2, 10, QLatin1Char('0'));
        h.address = QStringLiteral("10.1.90.%1").arg(10 + i);
        h.idc = QStringLiteral("js");
        h.business = QStringLiteral("shop");
        h.env = QStringLiteral("staging");
        h.status = QStringLiteral("deploying");
        h.tags = { QStringLiteral("nginx"), QStringLiteral("java") };
        inv.upsertHost(h);
        inv.mutableGroup(QStringLiteral("staging"))->hosts.append(h.name);
    }
    Host bastion;
    bastion.name = QStringLiteral("bastion-01");
    bastion.address = QStringLiteral("192.0.2.10");
    bastion.port = 2222;
    bastion.user = QStringLiteral("jump");
    bastion.idc = QStringLiteral("js");
    bastion.env = QStringLiteral("prod");
    bastion.status = QStringLiteral("online");
    bastion.tags = { QStringLiteral("bastion") };
    inv.upsertHost(bastion);
    return inv;
}

} // namespace DemoInventory

namespace DemoScripts {

namespace {

const char* const kPackageUpgrade = R"sh(#!/bin/sh
# Upgrade one installed package to the newest version the host's repositories offer (never installs a new one).
set -eu
PACKAGE=${1:?usage: package-upgrade PACKAGE}
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; else SUDO=""; fi
if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --only-upgrade "$PACKAGE"
    dpkg-query -W -f='${Package} ${Version}\n' "$PACKAGE"
elif command -v dnf >/dev/null 2>&1; then
    $SUDO dnf upgrade -y -q "$PACKAGE"
    rpm -q "$PACKAGE"
elif command -v yum >/dev/null 2>&1; then
    $SUDO yum update -y -q "$PACKAGE"
    rpm -q "$PACKAGE"
elif command -v apk >/dev/null 2>&1; then
    $SUDO apk upgrade -q "$PACKAGE"
    apk info -v "$PACKAGE"
else
    echo "package-upgrade: no apt-get, dnf, yum or apk on this host" >&2
    exit 2
fi
)sh";

} // namespace

Result<void> addTo(Workspace& workspace)
{
    ScriptStore store(workspace);
    struct Demo {
        const char* name;
        ScriptLanguage language;
        Script::Kind kind;
        QStringList tags;
        const char* description;
        const char* v1;
        const char* v2;
        const char* note;
    };
    const QList<Demo> demos {
        { "init-server", ScriptLanguage::Bash, Script::Kind::System, { QStringLiteral("init"), QStringLiteral("base") },
            "Prepare a freshly installed server: hostname, time zone, base packages.",
            "#!/bin/bash\nset -euo pipefail\nhostnamectl set-hostname \"$1\"\ntimedatectl set-timezone Asia/Shanghai\n"
            "apt-get update -q\napt-get install -y -q chrony curl jq\n",
            "#!/bin/bash\nset -euo pipefail\nNEW_NAME=${1:?usage: init-server NAME}\nhostnamectl set-hostname "
            "\"$NEW_NAME\"\ntimedatectl set-timezone Asia/Shanghai\napt-get update -q\n"
            "apt-get install -y -q chrony curl jq sysstat\nsystemctl enable --now chrony\n",
            "require a name; add sysstat" },
        { "mongo-backup", ScriptLanguage::Bash, Script::Kind::System,
            { QStringLiteral("db"), QStringLiteral("mongodb") }, "Nightly dump of the local mongod to /backup.",
            "#!/bin/bash\nmongodump --out /backup/$(date +%F)\n",
            "#!/bin/bash\nset -euo pipefail\nDEST=/backup/$(date +%F)\nmongodump --gzip --out \"$DEST\"\n"
            "find /backup -maxdepth 1 -mtime +7 -exec rm -rf {} +\n",
            "gzip, keep a week" },
        { "clean-release", ScriptLanguage::Bash, Script::Kind::User,
            { QStringLiteral("release"), QStringLiteral("web") }, "Remove an old release directory of the web app.",
            "#!/bin/bash\nRELEASE_DIR=$1\ncd /srv/app\nrm -rf \"$RELEASE_DIR\"/\n",
            "#!/bin/bash\n# Remove an old release of the web app.\nRELEASE_DIR=$1\n\ncd /srv/app\n"
            "rm -rf \"$RELEASE_DIR\"/\nfor f in $(ls *.tar.gz); do\n    echo removing $f\n    rm $f\ndone\n"
            "systemctl restart app\n",
            "also remove tarballs" },
        { "disk-report", ScriptLanguage::Python, Script::Kind::User, { QStringLiteral("report") },
            "Print the filesystems above a usage threshold.",
            "#!/usr/bin/env python3\nimport shutil\nprint(shutil.disk_usage('/'))\n",
            "#!/usr/bin/env python3\nimport shutil, sys\n\nlimit = float(sys.argv[1]) if len(sys.argv) > 1 else 80.0\n"
            "for mount in ('/', '/var', '/data'):\n    try:\n        u = shutil.disk_usage(mount)\n    except "
            "FileNotFoundError:\n        continue\n    pct = 100.0 * u.used / u.total\n    if pct >= limit:\n"
            "        print(f'{mount} {pct:.1f}%')\n",
            "threshold argument" },
    };
    return workspace.inTransaction([&]() -> Result<void> {
        for (const Demo& d : demos) {
            Script s;
            s.name = QString::fromUtf8(d.name);
            s.language = d.language;
            s.kind = d.kind;
            s.tags = d.tags;
            s.description = QString::fromUtf8(d.description);
            s.content = QString::fromUtf8(d.v1);
            auto created = store.create(s, QStringLiteral("demo"));
            if (!created) {
                return created.error();
            }
            Script next = *created;
            next.content = QString::fromUtf8(d.v2);
            if (auto saved = store.save(next, QString::fromUtf8(d.note)); !saved) {
                return saved.error();
            }
        }
        // What the Software view's Upgrade… runs (docs/facts.md): the package named by the first argument, with the
        // host's own package manager.
        Script upgrade;
        upgrade.name = QStringLiteral("package-upgrade");
        upgrade.language = ScriptLanguage::Sh;
        upgrade.kind = Script::Kind::System;
        upgrade.tags = { QStringLiteral("packages") };
        upgrade.description = QStringLiteral("Upgrade one package with apt, dnf, yum or apk, whichever the host has.");
        upgrade.parameters
            = { { QStringLiteral("package"), QStringLiteral("The package to upgrade"), QString(), true } };
        upgrade.content = QString::fromUtf8(kPackageUpgrade);
        if (auto created = store.create(upgrade, QStringLiteral("demo")); !created) {
            return created.error();
        }
        return {};
    });
}

} // namespace DemoScripts
