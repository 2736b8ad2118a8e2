#pragma once

// Small builders for the inventories the model and browser tests start from.
#include "inventory/Group.h"
#include "inventory/Host.h"

inline Host makeHost(
    const QString& name, const QString& address, const QString& idc, const QStringList& tags = {}, int port = 0)
{
    Host h;
    h.name = name;
    h.address = address;
    h.idc = idc;
    h.tags = tags;
    h.port = port;
    h.status = QStringLiteral("online");
    return h;
}

inline Group makeGroup(const QString& name, Group::Kind kind, const QStringList& children = {},
    const QStringList& hosts = {}, const QVariantMap& vars = {})
{
    Group g;
    g.name = name;
    g.kind = kind;
    g.children = children;
    g.hosts = hosts;
    g.vars = vars;
    return g;
}
