// Template rendering throughput: the realistic templates of bench/jinja/ rendered for every host of a generated
// fleet (parse once, render many), and the preview latency of a 200-line template (parse + render). Run by
// bench/jinja/run.sh, which measures Python's Jinja2 on the same input and prints the ratio.
//   bench_jinja TEMPLATE_DIR HOSTS.json RUNS [EXPECTED_HOST0.txt] [--breakdown]
// --breakdown also prints where the time of a host goes: reading its QVariantMap (no engine involved), converting
// it into a Context, rendering from contexts converted beforehand, and each template rendered warm.
#include "core/VarCodec.h"
#include "jinja/Template.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStringList>
#include <QTextStream>
#include <algorithm>
#include <cstdio>

namespace {

QString readText(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(1);
    }
    return QString::fromUtf8(f.readAll());
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Reads every key and value of a variable tree the way any consumer must (walks the maps and lists, looks at each
// string), without converting anything: the floor of any engine whose input is the inventory's QVariantMaps.
qsizetype touch(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::QVariantMap: {
        qsizetype n = 0;
        const auto& map = *static_cast<const QVariantMap*>(v.constData());
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            n += it.key().size() + (it.key().isEmpty() ? 0 : it.key().front().unicode()) + touch(it.value());
        }
        return n;
    }
    case QMetaType::QVariantList: {
        qsizetype n = 0;
        for (const QVariant& item : *static_cast<const QVariantList*>(v.constData())) {
            n += touch(item);
        }
        return n;
    }
    case QMetaType::QString: {
        const auto* s = static_cast<const QString*>(v.constData());
        return s->size() + (s->isEmpty() ? 0 : s->front().unicode());
    }
    default:
        return 1;
    }
}

double microsecondsPerHost(const QElapsedTimer& timer, size_t hosts)
{
    return double(timer.nsecsElapsed()) / 1e3 / double(hosts);
}

void breakdown(
    const std::vector<QVariantMap>& hosts, const std::vector<Jinja::Template>& templates, const QStringList& names)
{
    qsizetype sink = 0;
    std::vector<double> read, convert, preconverted;
    for (int r = 0; r < 3; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (const QVariantMap& h : hosts) {
            sink += touch(QVariant(h));
        }
        read.push_back(microsecondsPerHost(timer, hosts.size()));
        timer.restart();
        for (const QVariantMap& h : hosts) {
            const Jinja::Context context(h);
            sink += context.size();
        }
        convert.push_back(microsecondsPerHost(timer, hosts.size()));
        std::vector<Jinja::Context> contexts;
        contexts.reserve(hosts.size());
        for (const QVariantMap& h : hosts) {
            contexts.emplace_back(h);
        }
        timer.restart();
        for (const Jinja::Context& context : contexts) {
            for (const Jinja::Template& t : templates) {
                sink += t.render(context)->size();
            }
        }
        preconverted.push_back(double(hosts.size() * templates.size()) / (double(timer.nsecsElapsed()) / 1e9));
    }
    std::printf("BENCH jinja.breakdown.read_variables %.2f us/host\n", median(read));
    std::printf("BENCH jinja.breakdown.convert_context %.2f us/host\n", median(convert));
    std::printf("BENCH jinja.render_rate.preconverted %.1f renders/s\n", median(preconverted));
    // Warm: 16 hosts in turn, their contexts converted beforehand (peer.py --per-template does the same).
    const size_t warmHosts = std::min<size_t>(hosts.size(), 16);
    std::vector<Jinja::Context> warm;
    for (size_t i = 0; i < warmHosts; ++i) {
        warm.emplace_back(hosts[i]);
    }
    for (size_t k = 0; k < templates.size(); ++k) {
        std::vector<double> us;
        for (int r = 0; r < 5; ++r) {
            constexpr int kRenders = 20000;
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; i < kRenders; ++i) {
                sink += templates[k].render(warm[size_t(i) % warmHosts])->size();
            }
            us.push_back(double(timer.nsecsElapsed()) / 1e3 / kRenders);
        }
        std::printf("BENCH jinja.template.%s %.2f us\n", qPrintable(names.at(qsizetype(k))), median(us));
    }
    std::fprintf(stderr, "# breakdown checksum %lld\n", static_cast<long long>(sink));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    const bool withBreakdown = args.removeAll(QStringLiteral("--breakdown")) > 0;
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: bench_jinja TEMPLATE_DIR HOSTS.json RUNS [EXPECTED_HOST0.txt] [--breakdown]\n");
        return 2;
    }
    const QString dir = args.at(1);
    const int runs = std::max(1, args.at(3).toInt());
    const QStringList names { QStringLiteral("nginx.conf.j2"), QStringLiteral("mongod.conf.j2"),
        QStringLiteral("app.service.j2"), QStringLiteral("hosts.j2") };

    QFile hostsFile(args.at(2));
    if (!hostsFile.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(2)));
        return 1;
    }
    const Result<QVariant> parsed = VarCodec::fromJson(hostsFile.readAll(), args.at(2));
    if (!parsed.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(parsed.errorString()));
        return 1;
    }
    std::vector<QVariantMap> hosts;
    for (const QVariant& h : parsed->toList()) {
        hosts.push_back(h.toMap());
    }

    std::vector<Jinja::Template> templates;
    QString allSources;
    for (const QString& n : names) {
        const QString src = readText(dir + QLatin1Char('/') + n);
        allSources += src;
        const Result<Jinja::Template> t = Jinja::Template::parse(src, n);
        if (!t.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(t.errorString()));
            return 1;
        }
        templates.push_back(*t);
    }

    // Correctness first: host 0 must render exactly as Python's Jinja2 renders it.
    if (args.size() > 4) {
        QString ours;
        for (const Jinja::Template& t : templates) {
            // Both ways in: from the QVariantMap and from a Context.
            const Result<QString> out = t.render(hosts.front());
            const Result<QString> viaContext = t.render(Jinja::Context(hosts.front()));
            if (!out.ok() || !viaContext.ok()) {
                std::fprintf(stderr, "%s\n", qPrintable((out.ok() ? viaContext : out).errorString()));
                return 1;
            }
            if (*out != *viaContext) {
                std::fprintf(stderr, "rendering from a Context differs from rendering from the QVariantMap\n");
                return 1;
            }
            ours += *out;
        }
        if (ours != readText(args.at(4))) {
            std::fprintf(stderr, "output for host 0 differs from Python Jinja2\n");
            return 1;
        }
    }

    // Warm-up, not timed (as in peer.py): the first renders of a process also pay for the allocator's first pages.
    for (size_t i = 0; i < std::min<size_t>(hosts.size(), 1000); ++i) {
        const Jinja::Context context(hosts[i]);
        for (const Jinja::Template& t : templates) {
            (void)t.render(context);
        }
    }

    std::vector<double> rates;
    qsizetype bytes = 0;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (const QVariantMap& h : hosts) {
            // Each host's variables are converted once (timed) and shared by its four renders.
            const Jinja::Context context(h);
            for (const Jinja::Template& t : templates) {
                const Result<QString> out = t.render(context);
                if (!out.ok()) {
                    std::fprintf(stderr, "%s\n", qPrintable(out.errorString()));
                    return 1;
                }
                bytes += out->size();
            }
        }
        rates.push_back(double(hosts.size() * templates.size()) / (double(timer.nsecsElapsed()) / 1e9));
    }
    std::printf("# timed per host: converting its QVariantMap into a Jinja::Context once, then rendering the %d "
                "templates from it\n",
        int(templates.size()));
    std::printf("BENCH jinja.render_rate %.1f renders/s\n", median(rates));

    // Preview: a 200-line template, parsed and rendered from scratch each time (what the editor does per keystroke).
    QStringList lines = allSources.split(QLatin1Char('\n'));
    QStringList preview;
    while (preview.size() < 200) {
        preview += lines;
    }
    preview = preview.mid(0, 200);
    // Cut at a line count that keeps every block closed: drop trailing lines until it parses.
    QString source = preview.join(QLatin1Char('\n'));
    while (!Jinja::Template::parse(source).ok() && !preview.isEmpty()) {
        preview.removeLast();
        source = preview.join(QLatin1Char('\n'));
    }
    std::vector<double> ms;
    for (int i = 0; i < 25; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Result<Jinja::Template> t = Jinja::Template::parse(source);
        const Result<QString> out = t->render(hosts.front());
        if (!out.ok()) {
            std::fprintf(stderr, "preview: %s\n", qPrintable(out.errorString()));
            return 1;
        }
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("BENCH jinja.preview_200_lines %.3f ms\n", median(ms));
    if (withBreakdown) {
        breakdown(hosts, templates, names);
    }
    std::fprintf(stderr, "# %d hosts x %d templates, %lld characters per run, preview template %d lines\n",
        int(hosts.size()), int(templates.size()), static_cast<long long>(bytes / runs), int(preview.size()));
    return 0;
}
