#pragma once

#include "SecretStore.h"

// Secrets in the OS keychain through qtkeychain (the Secret Service over D-Bus on Linux: GNOME Keyring, KWallet;
// the macOS Keychain; the Windows Credential Manager), under one service name. Never falls back to a plain file.
// Where no keychain answers, the console uses a MemorySecretStore instead and says so (probe()).
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("OpsDeck"), QObject* parent = nullptr);

    void read(const QString& key, QObject* context, ReadCallback done) override;
    void write(const QString& key, const QString& secret, QObject* context, DoneCallback done) override;
    void remove(const QString& key, QObject* context, DoneCallback done) override;
    bool persistent() const override { return true; }
    QString description() const override;

    // Whether a keychain answers here: reads a key that is not there (nothing is written). The error says why not
    // ("no D-Bus session", "the keyring is locked" …, as the keychain puts it).
    static void probe(const QString& service, QObject* context, DoneCallback done);

private:
    QString m_service;
};
