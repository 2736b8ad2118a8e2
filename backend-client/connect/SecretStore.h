#pragma once

#include "core/Result.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

// Where the console keeps secrets by key — server tokens, SSH key passphrases —, never in QSettings or the
// workspace. Asynchronous, because the OS keychain answers over D-Bus and may first ask the user to unlock it:
// every answer arrives later from the event loop (never inside the call), and not at all once `context` is gone.
// The implementations: KeychainSecretStore (the OS keychain through qtkeychain) and MemorySecretStore (kept until
// the process ends: where no Secret Service is available, and in tests).
class SecretStore : public QObject {
    Q_OBJECT
public:
    // The secret, or std::nullopt when none is stored under the key (not an error).
    using ReadCallback = std::function<void(const Result<std::optional<QString>>&)>;
    using DoneCallback = std::function<void(const Result<void>&)>;

    using QObject::QObject;

    virtual void read(const QString& key, QObject* context, ReadCallback done) = 0;
    // Replaces any secret stored under the key.
    virtual void write(const QString& key, const QString& secret, QObject* context, DoneCallback done) = 0;
    // Removing a key that holds nothing succeeds.
    virtual void remove(const QString& key, QObject* context, DoneCallback done) = 0;

    // Whether secrets outlive this process (a keychain) or are kept only until it quits (memory).
    virtual bool persistent() const = 0;
    // Translated, for the user: "the system keychain", "memory only (no keychain is available: …)".
    virtual QString description() const = 0;

    // The console's store: the OS keychain when it answers (KeychainSecretStore::probe), else a MemorySecretStore
    // whose description() says why. `done` gets the store from the event loop (not once `context` is gone).
    static void openSystem(QObject* context, std::function<void(std::unique_ptr<SecretStore> store)> done);

    // Quick-blocking read for the few callers that must answer synchronously (a key passphrase asked while a job
    // launches): runs a local event loop that takes no user input, for at most `timeoutMs`. A timeout is an error.
    static Result<std::optional<QString>> readNow(SecretStore& store, const QString& key, int timeoutMs = 5000);
    // The same for a write (what readNow() reads must be written by the time it returns).
    static Result<void> writeNow(SecretStore& store, const QString& key, const QString& secret, int timeoutMs = 5000);
    static Result<void> removeNow(SecretStore& store, const QString& key, int timeoutMs = 5000);
};
