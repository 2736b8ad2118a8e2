#pragma once

// A console window (MainWindow) on its own workspace, shown, connected to a real opsdeck-server through the factory
// the console uses (ServerBackendFactory: RemoteBackend), its secrets in memory. Null when any of it failed.
#include "MainWindow.h"
#include "ServerBackendFactory.h"
#include "connect/MemorySecretStore.h"
#include "store/Workspace.h"

#include <QTest>
#include <QUrl>
#include <memory>

inline std::unique_ptr<MainWindow> consoleOnServer(
    const QString& workspacePath, const QString& pinFile, const QUrl& server, const QString& token)
{
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(std::move(*ws));
    window->setSecretStore(std::make_unique<MemorySecretStore>());
    window->setPinFile(pinFile);
    window->setBackendFactory(&ServerBackendFactory::make);
    window->resize(1280, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    ServerProfile profile;
    profile.url = server;
    profile.token = token;
    profile.pinFile = pinFile;
    if (!window->connectToServer(profile)) {
        return nullptr;
    }
    return window;
}
