#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "jinja/Expression.h"

#include <QVector>
#include <atomic>

// A Jinja2 expression over one host of an inventory: the rule of a dynamic group and the `expr:` term of the search
// syntax (`host.idc == 'js' and 'mongodb' in host.tags`). The expression sees one variable, `host`, a dict of
//   name, address (ansible_host, else the name), port (22 when not set), user, idc, business, env, status,
//   tags (list), groups (every group the host is in, with ancestors, "all" and "ungrouped"; sorted),
//   vars (the host's resolved variables, Ansible precedence, the gathered facts' layer included),
//   facts (the host's gathered facts under Ansible's names without the prefix, `host.facts.os_family`; {} when none
//   were gathered; without packages and services).
// Undefined values are chainable (`host.vars.mongodb.role == 'primary'` is simply false on a host without
// `mongodb`); an evaluation error makes a host a non-member and is reported with the count of such hosts.
class HostExpression {
public:
    // Parse errors name `sourceName`, line 1 and the column: "expr:1:12: unexpected end of expression".
    static Result<HostExpression> parse(const QString& text, const QString& sourceName = QStringLiteral("expr"));

    QString text() const { return m_expression.text(); }
    Result<bool> matches(const Inventory& inventory, const Host& host) const;

    struct Matches {
        QVector<int> hosts; // host indexes, in inventory order
        int errorCount = 0; // hosts whose evaluation failed (not members)
        QString firstError; // the first failure, "host NAME: message"
    };
    // Evaluates over every host; stops early (returning what it has) when `cancel` becomes true. From
    // kParallelFrom hosts on, slices of the inventory are evaluated on up to kMaxThreads threads at once (the result
    // is the same: hosts in inventory order, the first error by inventory order).
    Matches matchingHosts(const Inventory& inventory, const std::atomic_bool* cancel = nullptr) const;
    static constexpr int kParallelFrom = 2048;
    static constexpr int kMaxThreads = 8;

    // The `host` object of `host`. Building `groups` and `vars` costs most; leave them out when not read.
    static QVariantMap hostObject(const Inventory& inventory, const Host& host, bool withGroups = true,
        bool withVars = true, bool withFacts = true);
    static Jinja::Options options();

private:
    Jinja::Expression m_expression;
    bool m_needsGroups = true;
    bool m_needsVars = true;
    bool m_needsFacts = true;
};
