#include "MemorySecretStore.h"

#include <QCoreApplication>
#include <QPointer>

MemorySecretStore::MemorySecretStore(QString why, QObject* parent)
    : SecretStore(parent)
    , m_why(std::move(why))
{
}

void MemorySecretStore::read(const QString& key, QObject* context, ReadCallback done)
{
    // Looked up now (a later write must not change what this read sees), answered from the event loop.
    std::optional<QString> value;
    if (const auto it = m_secrets.constFind(key); it != m_secrets.constEnd()) {
        value = *it;
    }
    QMetaObject::invokeMethod(
        context, [done = std::move(done), value] { done(Result<std::optional<QString>>(value)); },
        Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString& key, const QString& secret, QObject* context, DoneCallback done)
{
    m_secrets.insert(key, secret);
    QMetaObject::invokeMethod(
        context, [done = std::move(done)] { done(Result<void>()); }, Qt::QueuedConnection);
}

void MemorySecretStore::remove(const QString& key, QObject* context, DoneCallback done)
{
    m_secrets.remove(key);
    QMetaObject::invokeMethod(
        context, [done = std::move(done)] { done(Result<void>()); }, Qt::QueuedConnection);
}

QString MemorySecretStore::description() const
{
    return m_why.isEmpty()
        ? QCoreApplication::translate("MemorySecretStore", "memory only (kept until OpsDeck quits)")
        : QCoreApplication::translate("MemorySecretStore", "memory only (kept until OpsDeck quits): %1").arg(m_why);
}
