#include "KeychainSecretStore.h"

#include <QCoreApplication>
#include <qt6keychain/keychain.h>

namespace {

Error keychainError(const QKeychain::Job& job)
{
    return Error(QCoreApplication::translate("KeychainSecretStore", "keychain: %1").arg(job.errorString()));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, QObject* parent)
    : SecretStore(parent)
    , m_service(std::move(service))
{
}

void KeychainSecretStore::read(const QString& key, QObject* context, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, done = std::move(done)] {
        if (job->error() == QKeychain::EntryNotFound) {
            done(Result<std::optional<QString>>(std::optional<QString>()));
        } else if (job->error() != QKeychain::NoError) {
            done(Result<std::optional<QString>>(keychainError(*job)));
        } else {
            done(Result<std::optional<QString>>(std::optional<QString>(job->textData())));
        }
    });
    job->start();
}

void KeychainSecretStore::write(const QString& key, const QString& secret, QObject* context, DoneCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(secret);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, done = std::move(done)] {
        done(job->error() == QKeychain::NoError ? Result<void>() : Result<void>(keychainError(*job)));
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& key, QObject* context, DoneCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context, [job, done = std::move(done)] {
        const bool ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(ok ? Result<void>() : Result<void>(keychainError(*job)));
    });
    job->start();
}

QString KeychainSecretStore::description() const
{
    return QCoreApplication::translate("KeychainSecretStore", "the system keychain");
}

void KeychainSecretStore::probe(const QString& service, QObject* context, DoneCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(service);
    job->setAutoDelete(true);
    job->setKey(QStringLiteral("opsdeck-probe"));
    QObject::connect(job, &QKeychain::Job::finished, context, [job, done = std::move(done)] {
        const bool ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(ok ? Result<void>() : Result<void>(keychainError(*job)));
    });
    job->start();
}
