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
