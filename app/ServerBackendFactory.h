#pragma once

#include "Backend.h"
#include "connect/ServerProfile.h"
#include "core/Result.h"

#include <memory>

// What File › Connect to Server… connects with: the control server's backend (RemoteBackend) for a profile, with
// the TLS trust the connect dialog established — the system store, or the certificate pinned for that server
// (TlsPinStore; a changed certificate is refused). ConsoleMain gives it to MainWindow::setBackendFactory().
namespace ServerBackendFactory {
Result<std::unique_ptr<Backend>> make(const ServerProfile& profile);
}
