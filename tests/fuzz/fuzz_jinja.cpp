// libFuzzer target for the template engine: any input must parse or fail cleanly, and any template that parses
// must render or fail cleanly, within tight limits (no crash, no hang, no unbounded memory). The first byte picks
// the options so that the fuzzer explores whitespace control and undefined modes too.
#include "jinja/Template.h"

#include <QString>
#include <QVariantMap>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0 || size > 16384) {
        return 0;
    }
    const uint8_t flags = data[0];
    Jinja::Options options;
    options.trimBlocks = flags & 1;
    options.lstripBlocks = flags & 2;
    options.keepTrailingNewline = flags & 4;
    options.undefined = (flags & 8) ? Jinja::UndefinedMode::Chainable : Jinja::UndefinedMode::Lenient;
    options.limits.maxLoopIterations = 20000;
    options.limits.maxRecursionDepth = 40;
    options.limits.maxOutputSize = 1 << 20;
    options.limits.maxRangeSize = 10000;
    const QString source = QString::fromUtf8(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    static const QVariantMap context = [] {
        QVariantMap host;
        host.insert(QStringLiteral("name"), QStringLiteral("web01"));
        host.insert(QStringLiteral("port"), 8080);
        host.insert(QStringLiteral("ratio"), 0.5);
        host.insert(QStringLiteral("tags"), QStringList { QStringLiteral("a"), QStringLiteral("b") });
        host.insert(QStringLiteral("nested"), QVariantMap { { QStringLiteral("x"), QVariantList { 1, 2.5, true } } });
        QVariantMap ctx;
        ctx.insert(QStringLiteral("host"), host);
        ctx.insert(QStringLiteral("items"), QVariantList { 3, 1, 2 });
        ctx.insert(QStringLiteral("s"), QStringLiteral("Hello, World"));
        ctx.insert(QStringLiteral("n"), 7);
        ctx.insert(QStringLiteral("none"), QVariant::fromValue(nullptr));
        return ctx;
    }();
    const Result<Jinja::Template> t = Jinja::Template::parse(source, QStringLiteral("fuzz"), options);
    if (t.ok()) {
        const Result<QString> out = t->render(context);
        (void)out.ok();
    }
    return 0;
}
