#include "ConsoleMain.h"

#include "MainWindow.h"
#include "ServerBackendFactory.h"
#include "Startup.h"
#include "WorkspaceInstance.h"
#include "connect/SecretStore.h"
#include "inventory/InventoryPage.h"

#include <QApplication>
#include <QDir>
#include <QJsonObject>
#include <QTimer>
#include <cstdio>

int ConsoleMain::run(QApplication& app)
{
    const Startup::Options options = Startup::prepare(QCoreApplication::arguments());
    // The workspace is open in another window already: that one comes forward (with the page, search and host
    // asked for) and this start ends. A screenshot run always opens its own window.
    if (options.screenshotPath.isEmpty()) {
        const QString path = Startup::startWorkspacePath(options);
        const QJsonObject request { { QStringLiteral("page"), options.page },
            { QStringLiteral("search"), options.search }, { QStringLiteral("select"), options.select } };
        if (WorkspaceInstance::forward(path, request)) {
            std::fputs(qPrintable(tr("opsdeck: %1 is open in another window; it was brought to the front\n")
                                      .arg(QDir::toNativeSeparators(path))),
                stderr);
            return 0;
        }
    }
    std::unique_ptr<Workspace> workspace = Startup::openStartWorkspace(options);
    if (!workspace) {
        return 1;
    }
    MainWindow window(std::move(workspace));
    // Tokens and remembered key passphrases: the OS keychain when one answers, else memory (the connect and
    // passphrase dialogs then say that secrets are kept only until OpsDeck quits).
    SecretStore::openSystem(
        &window, [&window](std::unique_ptr<SecretStore> store) { window.setSecretStore(std::move(store)); });
    // File › Connect to Server… builds the server's backend here: RemoteBackend with the dialog's TLS trust.
    window.setBackendFactory(&ServerBackendFactory::make);
    if (!options.page.isEmpty()) {
        const int page = MainWindow::pageNames().indexOf(options.page.toLower());
        if (page < 0) {
            Startup::failOption(tr("unknown page '%1' (expected one of: %2)")
                                    .arg(options.page, MainWindow::pageNames().join(QLatin1String(", "))));
        }
        window.setCurrentPage(page);
    }
    if (!options.search.isEmpty() || !options.select.isEmpty()) {
        window.inventoryPage()->showHost(options.search, options.select);
    }
    if (!options.screenshotPath.isEmpty()) {
        // A fixed size gives comparable screenshots for the README, whatever the saved geometry was.
        window.resize(1280, 800);
        window.show();
        const QString target = options.screenshotPath;
        QTimer::singleShot(800, &window, [&window, target] {
            const bool saved = window.grab().save(target, "PNG");
            if (!saved) {
                std::fputs(qPrintable(tr("opsdeck: cannot write the screenshot to %1\n").arg(target)), stderr);
            }
            QCoreApplication::exit(saved ? 0 : 1);
        });
        return app.exec();
    }
    window.show();
    return app.exec();
}
