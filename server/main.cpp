// opsdeck-server: the control server. Options: see `opsdeck-server --help` (ServerMain).
#include "ServerMain.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("opsdeck-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
    return ServerMain::run(QCoreApplication::arguments());
}
