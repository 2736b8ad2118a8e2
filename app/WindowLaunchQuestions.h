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
    void unknownHostKey(const SshTransport::HostKeyQuestion& question, std::function<void(bool)> answer) override;

    // The secret store's key of a key file's passphrase.
    static QString secretKey(const QString& keyFile);

private:
    QPointer<QWidget> m_window;
    std::function<SecretStore*()> m_secrets;
};
