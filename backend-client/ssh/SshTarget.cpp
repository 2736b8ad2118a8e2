#include "SshTarget.h"

#include "inventory/Host.h"
#include "ssh/SshConfig.h"

#include <QRegularExpression>

SshTarget SshTarget::fromInventory(const Host& host, const QVariantMap& vars)
{
    SshTarget t;
    t.address = host.address;
    t.port = host.port > 0 ? host.port : 0;
    t.user = host.user;
    // As Ansible: ansible_user / ansible_port set by a group (or a host_vars/ file) count as much as the host's own
    // fields; `vars` are resolved with the inventory's precedence, so the winning layer is already applied.
    if (const QVariant user = vars.value(QStringLiteral("ansible_user"));
        user.typeId() == QMetaType::QString && !user.toString().isEmpty()) {
        t.user = user.toString();
    }
    if (const QVariant port = vars.value(QStringLiteral("ansible_port")); port.isValid()) {
        bool ok = false;
        const int value = port.toString().toInt(&ok);
        if (ok && value > 0 && value < 65536) {
            t.port = value;
        }
    }
    QString key = vars.value(QStringLiteral("ansible_ssh_private_key_file")).toString();
    if (key.isEmpty()) {
        key = vars.value(QStringLiteral("ansible_private_key_file")).toString();
    }
    if (!key.isEmpty()) {
        t.identityFiles << SshConfig::expandTilde(key);
    }
    // Password (and keyboard-interactive) login, as Ansible names it (ansible_password, older ansible_ssh_pass).
    t.password = vars.value(QStringLiteral("ansible_password")).toString();
    if (t.password.isEmpty()) {
        t.password = vars.value(QStringLiteral("ansible_ssh_pass")).toString();
    }
    // Ansible puts ansible_ssh_common_args before ansible_ssh_extra_args on the ssh command line; the first
    // ProxyJump given wins, as in ssh.
    for (const char* name : { "ansible_ssh_common_args", "ansible_ssh_extra_args" }) {
        const QString jump = jumpHostFromArgs(vars.value(QLatin1String(name)).toString());
        if (!jump.isEmpty()) {
            t.jumpHost = jump;
            break;
        }
    }
    t.vars = vars;
    return t;
}

QString SshTarget::jumpHostFromArgs(const QString& args)
{
    if (args.trimmed().isEmpty()) {
        return {};
    }
    const QStringList words = SshConfig::splitArguments(args);
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& w = words.at(i);
        if (w == QLatin1String("-J") && i + 1 < words.size()) {
            return words.at(i + 1);
        }
        if (w.startsWith(QLatin1String("-J")) && w.size() > 2) {
            return w.mid(2);
        }
        QString option;
        if (w == QLatin1String("-o") && i + 1 < words.size()) {
            option = words.at(++i);
        } else if (w.startsWith(QLatin1String("-o")) && w.size() > 2) {
            option = w.mid(2);
        } else {
            continue;
        }
        // "-o Keyword=value" or "-o 'Keyword value'".
        const qsizetype split = option.indexOf(QRegularExpression(QStringLiteral("[=\\s]")));
        if (split <= 0) {
            continue;
        }
        const QString keyword = option.left(split).toLower();
        const QString value = option.mid(split + 1).trimmed();
        if (keyword == QLatin1String("proxyjump")) {
            return value;
        }
        if (keyword == QLatin1String("proxycommand")) {
            const QString jump = SshConfig::jumpFromProxyCommand(value);
            if (!jump.isEmpty()) {
                return jump;
            }
        }
    }
    return {};
}
