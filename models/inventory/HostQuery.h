#pragma once

#include "core/Result.h"
#include "inventory/HostExpression.h"
#include "inventory/Inventory.h"

#include <QRegularExpression>
#include <QVector>
#include <memory>
#include <vector>

// The inventory search syntax (docs/query-syntax.md): whitespace-separated terms, all of which must match.
//   web            free text: a substring of the name, address, IDC, business or a tag (case-insensitive)
//   10.1.*         a glob (* ?) over the address or the name
//   idc:js         a field: name, ip (or addr), idc, biz, env, status, tag, group (group includes subgroups)
//   tag:a,b        a comma inside a value is OR
//   -tag:canary    a leading '-' negates the term
//   "two words"    quotes keep spaces inside one value
//   expr:(host.port != 22)   a Jinja2 expression over `host` (HostExpression): in parentheses, in double quotes, or
//                            unquoted up to the end of the query
//   fact:os_family=Debian    a gathered fact (a dotted path into the facts) equal to / matching a value; `fact:KEY`
//                            alone: the host has that fact
//   drift:nginx              the host's installed version of the package differs from the majority version among
//                            the hosts the query's other terms select (`drift:nginx group:web`); needs the inventory's
//                            package lookup (Inventory::packageVersions)
// A compiled query evaluates against one host of an inventory; group and expr terms are resolved against that
// inventory once, at bind time.
class HostQuery {
public:
    static Result<HostQuery> parse(const QString& text);

    bool isEmpty() const { return m_terms.isEmpty(); }
    QString text() const { return m_text; }

    // The same predicate as a Jinja2 expression over `host` (HostExpression): `idc:js tag:mongodb` gives
    // `(host.idc|lower == 'js') and ('mongodb' in host.tags|map('lower'))`. Evaluated over every host it selects
    // exactly the hosts filter() does (tst_hostquery checks many queries).
    // A drift: term is the exception: its majority belongs to the hosts together, so toExpression() gives the bound
    // selection of the moment (`host.name in [...]`).
    QString toExpression() const;
    // Why the query has no rule form (empty when toExpression() is the same predicate): a drift: term, whose
    // "expression" would freeze a dynamic group to the hosts that drift today. Callers that offer the expression
    // as a rule refuse it with this text.
    QString ruleProblem() const;

    // Binds group and expr terms to an inventory (which hosts each matches). Call before matches().
    void bind(const Inventory& inventory);
    bool matches(const Host& host, int hostIndex) const;
    // Host indexes of `inventory` that match, in inventory order.
    QVector<int> filter(const Inventory& inventory) const;

    enum class Field { Text, Name, Address, Idc, Business, Env, Status, Tag, Group, Expr, Fact, Drift };
    struct Value {
        QString text; // lower-cased (an expression: as written)
        QRegularExpression glob; // valid when the value has * or ?
    };
    struct Term {
        Field field = Field::Text;
        bool negated = false;
        QList<Value> values; // OR
        int column = 0; // 1-based position of the term in the query, for errors
        std::shared_ptr<std::vector<char>> groupMembers; // bound group or expr term: per host index
        std::shared_ptr<const HostExpression> expression; // Field::Expr
        QString key; // Field::Fact: the fact's dotted path; Field::Drift: the package
        bool presence = false; // Field::Fact without a value: the host has the fact
    };
    const QList<Term>& terms() const { return m_terms; }

private:
    std::vector<char> factMembers(const Inventory& inventory, const Term& term) const;
    std::vector<char> driftMembers(const Inventory& inventory, const Term& term) const;
    bool needsBinding(const Inventory& inventory) const;

    QString m_text;
    QList<Term> m_terms;
    QStringList m_boundHosts; // with a drift: term, the host names at bind time (toExpression)
};
