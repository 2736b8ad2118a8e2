// opsdeck-render-icon SVG SIZE OUT.png: the application icon as a PNG of SIZE × SIZE pixels, for the hicolor theme's
// fixed sizes (packaging/CMakeLists.txt). Runs at build time, headless (the offscreen platform).
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    bool ok = false;
    const int size = args.size() == 4 ? args.at(2).toInt(&ok) : 0;
    if (!ok || size < 8 || size > 1024) {
        std::fputs("usage: opsdeck-render-icon SVG SIZE OUT.png (SIZE 8 to 1024)\n", stderr);
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "opsdeck-render-icon: %s: not a valid SVG file\n", qPrintable(args.at(1)));
        return 1;
    }
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
    }
    if (!image.save(args.at(3), "PNG")) {
        std::fprintf(stderr, "opsdeck-render-icon: %s: cannot write the PNG\n", qPrintable(args.at(3)));
        return 1;
    }
    return 0;
}
