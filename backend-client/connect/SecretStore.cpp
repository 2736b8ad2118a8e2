#include "SecretStore.h"

#include "KeychainSecretStore.h"
#include "MemorySecretStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

namespace {

QString noAnswer(int timeoutMs)
{
    const int seconds = (timeoutMs + 999) / 1000; // not inline: lupdate misses a message whose count is an expression
    return QCoreApplication::translate(
        "SecretStore", "the keychain did not answer within %n second(s)", nullptr, seconds);
}

// Runs `start` (which calls back with a result) and waits for the callback on a local event loop.
template <typename R>
R waitFor(int timeoutMs, const std::function<void(QObject*, std::function<void(const R&)>)>& start)
{
    QEventLoop loop;
    std::optional<R> result;
    QObject context;
    start(&context, [&](const R& r) {
        result = r;
        loop.quit();
    });
    if (!result) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!result) {
        return R(Error(noAnswer(timeoutMs)));
    }
    return *result;
}

} // namespace

Result<std::optional<QString>> SecretStore::readNow(SecretStore& store, const QString& key, int timeoutMs)
{
    using R = Result<std::optional<QString>>;
    return waitFor<R>(timeoutMs,
        [&](QObject* context, std::function<void(const R&)> done) { store.read(key, context, std::move(done)); });
}

Result<void> SecretStore::writeNow(SecretStore& store, const QString& key, const QString& secret, int timeoutMs)
{
    return waitFor<Result<void>>(timeoutMs, [&](QObject* context, std::function<void(const Result<void>&)> done) {
        store.write(key, secret, context, std::move(done));
    });
}

Result<void> SecretStore::removeNow(SecretStore& store, const QString& key, int timeoutMs)
{
    return waitFor<Result<void>>(timeoutMs, [&](QObject* context, std::function<void(const Result<void>&)> done) {
        store.remove(key, context, std::move(done));
    });
}

void SecretStore::openSystem(QObject* context, std::function<void(std::unique_ptr<SecretStore> store)> done)
{
    const QString service = QStringLiteral("OpsDeck");
    KeychainSecretStore::probe(service, context, [service, done = std::move(done)](const Result<void>& available) {
        if (available) {
            done(std::make_unique<KeychainSecretStore>(service));
        } else {
            done(std::make_unique<MemorySecretStore>(
                QCoreApplication::translate("SecretStore", "no keychain is available (%1)")
                    .arg(available.errorString())));
        }
    });
}
