#pragma once

// The sshd fixture's ports as inventory hosts, for tests that run jobs on them through a workspace or a server.
#include "SshdFixture.h"
#include "inventory/Inventory.h"

// Hosts PREFIX-01 … on the first `count` ports (user root, the fixture's client key).
inline Inventory sshdInventory(const SshdFixture& sshd, int count, const QString& prefix = QStringLiteral("srv"))
{
    Inventory inventory;
    for (int i = 0; i < count && i < sshd.ports().size(); ++i) {
        Host h;
        h.name = QStringLiteral("%1-%2").arg(prefix).arg(i + 1, 2, 10, QLatin1Char('0'));
        h.address = QStringLiteral("127.0.0.1");
        h.port = sshd.ports().at(i);
        h.user = QStringLiteral("root");
        h.vars.insert(QStringLiteral("ansible_ssh_private_key_file"), sshd.clientKeyPath());
        inventory.upsertHost(h);
    }
    return inventory;
}

// The same hosts as lines of an Ansible INI inventory (`inventory import`): PREFIX-01 ansible_host=127.0.0.1 …
inline QByteArray sshdInventoryIni(const SshdFixture& sshd, int count, const QString& prefix = QStringLiteral("srv"))
{
    QByteArray ini;
    for (int i = 0; i < count && i < sshd.ports().size(); ++i) {
        ini += QStringLiteral("%1-%2 ansible_host=127.0.0.1 ansible_port=%3 ansible_user=root "
                              "ansible_ssh_private_key_file=%4\n")
                   .arg(prefix)
                   .arg(i + 1, 2, 10, QLatin1Char('0'))
                   .arg(sshd.ports().at(i))
                   .arg(sshd.clientKeyPath())
                   .toUtf8();
    }
    return ini;
}

// The same hosts as one INI group `[web]` (default prefix "lb").
inline QByteArray sshdIniGroup(const SshdFixture& sshd, int count, const QString& prefix = QStringLiteral("lb"))
{
    return "[web]\n" + sshdInventoryIni(sshd, count, prefix);
}
