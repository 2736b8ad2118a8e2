#pragma once

#include "runner/JobLauncher.h"

#include <QCoreApplication>
#include <QPointer>
#include <QWidget>
#include <functional>

class SecretStore;

// The console's answers to what a job launch needs from a person, in dialogs over the window (through Dialogs, so
// tests answer them ahead of time): key passphrases before a job starts, unknown host keys while it runs (with
// the fingerprint; asked once, since an accepted key is written to known_hosts). A passphrase can be remembered
// in the secret store ("Remember in the keychain"); a remembered one is used without asking, and one that no
// longer opens its key is forgotten and asked again.
class WindowLaunchQuestions : public LaunchQuestions {
    Q_DECLARE_TR_FUNCTIONS(WindowLaunchQuestions)
public:
    // `secrets` gives the window's secret store at the time of asking (it may change once the keychain answers).
    explicit WindowLaunchQuestions(QWidget* window, std::function<SecretStore*()> secrets = {})
        : m_window(window)
        , m_secrets(std::move(secrets))
    {
    }
    std::optional<QString> keyPassphrase(const QString& keyFile, int attempt) override;
    // An Ansible Vault password: the one remembered in the secret store for the vault id, else asked (with
    // "Remember in the keychain"; only one that opens `sample` is remembered); a remembered one that no longer
    // opens it is forgotten and asked again.
    std::optional<QString> vaultPassword(const QString& vaultId, const QByteArray& sample, int attempt) override;
    void unknownHostKey(const SshTransport::HostKeyQuestion& question, std::function<void(bool)> answer) override;

    // The secret store's key of a key file's passphrase.
    static QString secretKey(const QString& keyFile);
    // The secret store's key of an Ansible Vault id's password.
    static QString vaultSecretKey(const QString& vaultId);

private:
    QPointer<QWidget> m_window;
    std::function<SecretStore*()> m_secrets;
};
