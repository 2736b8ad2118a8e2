#include "HostExpression.h"

#include <QRegularExpression>
#include <QThread>

#include <thread>
#include <vector>

namespace {

const QString kHost = QStringLiteral("host");

QVariantList toList(const QStringList& list)
{
    QVariantList out;
    out.reserve(list.size());
    for (const QString& s : list) {
        out.append(s);
    }
    return out;
}

} // namespace

Result<HostExpression> HostExpression::parse(const QString& text, const QString& sourceName)
{
    auto parsed = Jinja::Expression::parse(text, sourceName);
    if (!parsed) {
        Error e = parsed.error();
        if (e.where.line == 0) {
            e.where.line = 1;
        }
        return e;
    }
    if (parsed->isStringLiteral()) {
        // `expr:'"host.idc == js"'`, a rule pasted with its quotes: a non-empty string is true for every host, so
        // the group or search would silently take the whole inventory.
        return Error(QStringLiteral("the expression is only a quoted string, which is true for every host: write the "
                                    "condition itself, e.g. host.idc == 'js'"),
            SourceLocation { sourceName, 1, 1 });
    }
    HostExpression x;
    x.m_expression = *parsed;
    // `groups` and `vars` are the expensive parts of `host`: build them only when the text may read them. `host`
    // used other than as `host.attr` (passed to a filter, subscripted, iterated) may read anything.
    static const QRegularExpression wholeHost(QStringLiteral(R"(\bhost\b(?!\s*\.\s*[A-Za-z_]))"));
    const bool whole = wholeHost.match(text).hasMatch();
    x.m_needsGroups = whole || text.contains(QLatin1String("groups"));
    x.m_needsVars = whole || text.contains(QLatin1String("vars"));
    x.m_needsFacts = whole || text.contains(QLatin1String("facts"));
    return x;
}

Jinja::Options HostExpression::options()
{
    Jinja::Options o;
    o.undefined = Jinja::UndefinedMode::Chainable;
    return o;
}

QVariantMap HostExpression::hostObject(
    const Inventory& inventory, const Host& host, bool withGroups, bool withVars, bool withFacts)
{
    QVariantMap h;
    h.insert(QStringLiteral("name"), host.name);
    h.insert(QStringLiteral("address"), host.effectiveAddress());
    h.insert(QStringLiteral("port"), host.port > 0 ? host.port : 22);
    h.insert(QStringLiteral("user"), host.user);
    h.insert(QStringLiteral("idc"), host.idc);
    h.insert(QStringLiteral("business"), host.business);
    h.insert(QStringLiteral("env"), host.env);
    h.insert(QStringLiteral("status"), host.status);
    h.insert(QStringLiteral("tags"), toList(host.tags));
    if (withGroups) {
        QStringList groups = inventory.hostGroupsAll(host.name);
        groups.sort();
        h.insert(QStringLiteral("groups"), toList(groups));
    }
    if (withVars) {
        h.insert(QStringLiteral("vars"), inventory.resolveVars(host.name));
    }
    if (withFacts) {
        const HostFactsLayer* f = inventory.hostFacts(host.name);
        h.insert(QStringLiteral("facts"), f ? f->facts : QVariantMap());
    }
    return h;
}

Result<bool> HostExpression::matches(const Inventory& inventory, const Host& host) const
{
    const QVariantMap context { { kHost, hostObject(inventory, host, m_needsGroups, m_needsVars, m_needsFacts) } };
    return m_expression.isTrue(context, options());
}

HostExpression::Matches HostExpression::matchingHosts(const Inventory& inventory, const std::atomic_bool* cancel) const
{
    const QVector<Host>& hosts = inventory.hosts();
    const int n = int(hosts.size());
    const auto evaluate = [&](int from, int to) {
        Matches out;
        for (int i = from; i < to; ++i) {
            if (cancel && ((i - from) % 256) == 0 && cancel->load(std::memory_order_relaxed)) {
                break;
            }
            const Result<bool> hit = matches(inventory, hosts[i]);
            if (!hit) {
                if (out.errorCount++ == 0) {
                    out.firstError = QStringLiteral("host %1: %2").arg(hosts[i].name, hit.errorString());
                }
            } else if (*hit) {
                out.hosts.append(i);
            }
        }
        return out;
    };
    const int threads = std::min(QThread::idealThreadCount(), kMaxThreads);
    if (n < kParallelFrom || threads < 2) {
        return evaluate(0, n);
    }
    // Big inventories: contiguous slices on threads of their own (not the global pool, whose threads may be the
    // ones waiting here), the last slice on this thread. The inventory is only read: its lazily derived data (group
    // parents and memberships, which `groups` and `vars` need) is built first, here, so that no slice builds it.
    if (m_needsGroups || m_needsVars) {
        (void)inventory.hostGroupsAll(hosts.front().name);
    }
    std::vector<Matches> parts(size_t(threads), Matches {});
    std::vector<std::thread> workers;
    const auto bounds
        = [&](int k) { return std::pair<int, int>(int(qint64(n) * k / threads), int(qint64(n) * (k + 1) / threads)); };
    for (int k = 0; k + 1 < threads; ++k) {
        workers.emplace_back([&, k] {
            const auto [from, to] = bounds(k);
            parts[size_t(k)] = evaluate(from, to);
        });
    }
    {
        const auto [from, to] = bounds(threads - 1);
        parts.back() = evaluate(from, to);
    }
    for (std::thread& w : workers) {
        w.join();
    }
    Matches out = std::move(parts.front());
    for (size_t k = 1; k < parts.size(); ++k) {
        out.hosts += parts[k].hosts;
        if (out.errorCount == 0 && parts[k].errorCount > 0) {
            out.firstError = parts[k].firstError;
        }
        out.errorCount += parts[k].errorCount;
    }
    return out;
}
