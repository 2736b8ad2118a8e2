// opsdeck-cli: the command-line face of OpsDeck for scripts, cron and CI. See `opsdeck-cli --help`.
#include "Cli.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setApplicationName(QStringLiteral("OpsDeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
    return Cli::run(QCoreApplication::arguments());
}
