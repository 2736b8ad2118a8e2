// opsdeck: the operator console. Options: see `opsdeck --help` (Startup::parseArguments).
#include "ConsoleMain.h"
#include "Startup.h"

#include <QApplication>
#include <QIcon>

namespace {
void setNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
}
} // namespace

int main(int argc, char** argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    // --help and --version must work over SSH or in a script, where there is no display to open.
    if (Startup::isTextOnly(arguments)) {
        QCoreApplication core(argc, argv);
        setNames();
        return Startup::runTextOnly();
    }
    QApplication app(argc, argv);
    setNames();
    QApplication::setApplicationDisplayName(QStringLiteral("OpsDeck"));
    QApplication::setDesktopFileName(QStringLiteral("org.opsdeck.OpsDeck")); // packaging/org.opsdeck.OpsDeck.desktop
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/opsdeck.svg")));
    return ConsoleMain::run(app);
}
