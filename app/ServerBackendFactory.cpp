#include "ServerBackendFactory.h"

#include "connect/TlsPinStore.h"
#include "remote/RemoteBackend.h"

namespace ServerBackendFactory {

Result<std::unique_ptr<Backend>> make(const ServerProfile& profile)
{
    RemoteOptions options;
    options.server = profile.url;
    options.token = profile.token;
    const QString pinFile = profile.pinFile.isEmpty() ? TlsPinStore::defaultPath() : profile.pinFile;
    const QString server = TlsPinStore::serverKey(profile.url);
    // Called on the HTTP client's and the event stream's threads: the pin file is read on every check.
    options.acceptSslErrors = [pinFile, server](const QList<QSslError>& errors, const QList<QSslCertificate>& chain) {
        return TlsPinStore(pinFile).check(server, chain, errors).verdict == TlsPinStore::Verdict::Pinned;
    };
    auto backend = std::make_unique<RemoteBackend>(options);
    return std::unique_ptr<Backend>(std::move(backend));
}

} // namespace ServerBackendFactory
