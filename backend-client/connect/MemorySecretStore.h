#pragma once

#include "SecretStore.h"

#include <QHash>

// Secrets kept in this process until it quits: the fallback where no Secret Service is available (no D-Bus
// session, no keyring daemon, a keyring that stays locked), and the store of tests. Answers from the event loop,
// as the keychain does, so callers see one behaviour.
class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    // `why`: why no keychain is used (shown in description()); empty when memory was chosen (tests).
    explicit MemorySecretStore(QString why = {}, QObject* parent = nullptr);

    void read(const QString& key, QObject* context, ReadCallback done) override;
    void write(const QString& key, const QString& secret, QObject* context, DoneCallback done) override;
    void remove(const QString& key, QObject* context, DoneCallback done) override;
    bool persistent() const override { return false; }
    QString description() const override;

    int size() const { return int(m_secrets.size()); }

private:
    QString m_why;
    QHash<QString, QString> m_secrets;
};
