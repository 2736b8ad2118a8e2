// opsdeck: the operator console. Options: see `opsdeck --help` (Startup::parseArguments).
#include "Startup.h"

#include <QApplication>
#include <QIcon>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("OpsDeck"));
    QApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("opsdeck"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/opsdeck.svg")));
    return Startup::run(app);
}
