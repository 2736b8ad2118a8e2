// bench_inventory WORKSPACE: workspace open time, memory after load, and search latency per keystroke over the
// workspace's inventory. Prints `BENCH name value unit` lines (CONVENTIONS.md).
#include "inventory/HostQuery.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <algorithm>
#include <cstdio>

namespace {

double median(QVector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v[v.size() / 2];
}

long rssKiB(const char* field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (line.startsWith(field)) {
            return line.mid(qsizetype(strlen(field))).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

void bench(const char* name, double value, const char* unit)
{
    std::printf("BENCH %s %.3f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_inventory WORKSPACE [RUNS]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 5;

    QVector<double> openMs;
    Inventory inv;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        auto ws = Workspace::open(path);
        if (!ws) {
            std::fprintf(stderr, "%s\n", qPrintable(ws.errorString()));
            return 1;
        }
        auto loaded = (*ws)->loadInventory();
        if (!loaded) {
            std::fprintf(stderr, "%s\n", qPrintable(loaded.errorString()));
            return 1;
        }
        openMs.append(double(t.nsecsElapsed()) / 1e6);
        inv = *loaded;
    }
    bench("inventory.open_and_load", median(openMs), "ms");
    {
        QElapsedTimer t;
        t.start();
        (void)inv.searchIndex(); // built in the loading worker, before the first keystroke
        bench("inventory.search_index_build", double(t.nsecsElapsed()) / 1e6, "ms");
    }
    bench("inventory.hosts", double(inv.hosts().size()), "hosts");
    bench("inventory.groups", double(inv.groups().size()), "groups");
    bench("inventory.rss_after_load", double(rssKiB("VmRSS:")) / 1024.0, "MiB");

    // Typing queries one character at a time: each prefix is what the browser filters after a keystroke.
    const QStringList typed { QStringLiteral("group:dc01 status:online,standby -group:role000"),
        QStringLiteral("10.0.1*"), QStringLiteral("h0001"), QStringLiteral("example.com -status:maintenance") };
    QVector<double> perKey;
    for (int r = 0; r < runs; ++r) {
        for (const QString& q : typed) {
            for (int n = 1; n <= q.size(); ++n) {
                QElapsedTimer t;
                t.start();
                auto query = HostQuery::parse(q.left(n));
                if (query) {
                    query->bind(inv);
                    const QVector<int> result = query->filter(inv);
                    Q_UNUSED(result);
                }
                perKey.append(double(t.nsecsElapsed()) / 1e6);
            }
        }
    }
    bench("inventory.search_keystroke.median", median(perKey), "ms");
    bench("inventory.search_keystroke.worst", *std::max_element(perKey.begin(), perKey.end()), "ms");
    bench("inventory.peak_rss", double(rssKiB("VmHWM:")) / 1024.0, "MiB");
    return 0;
}
