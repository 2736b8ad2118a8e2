#include "WindowLaunchQuestions.h"

#include "common/Dialogs.h"
#include "connect/SecretStore.h"
#include "inventory/ansible/VaultCipher.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

QString WindowLaunchQuestions::secretKey(const QString& keyFile)
{
    return QStringLiteral("ssh-key-passphrase:") + QFileInfo(keyFile).absoluteFilePath();
}

std::optional<QString> WindowLaunchQuestions::keyPassphrase(const QString& keyFile, int attempt)
{
    const QString file = QDir::toNativeSeparators(keyFile);
    SecretStore* secrets = m_secrets ? m_secrets() : nullptr;
    bool forgotten = false;
    if (secrets && attempt == 0) {
        // The store answers quickly (memory) or over D-Bus (the keychain): waited for here, since the launcher
        // asks synchronously, for a few seconds at most; a keychain that does not answer means asking.
        const auto stored = SecretStore::readNow(*secrets, secretKey(keyFile));
        if (stored && stored->has_value()) {
            if (SshTransport::keyOpensWith(keyFile, **stored)) {
                return **stored;
            }
            // The key's passphrase changed since it was remembered: forget the old one, ask for the new one.
            (void)SecretStore::removeNow(*secrets, secretKey(keyFile));
            forgotten = true;
        }
    }
    const QString label = forgotten
        ? tr("The passphrase remembered for %1 no longer opens it and was forgotten. Its passphrase now:").arg(file)
        : attempt == 0 ? tr("The key %1 is encrypted. Its passphrase (kept in memory until OpsDeck closes):").arg(file)
                       : tr("That passphrase does not open %1. Try again:").arg(file);
    QString passphrase;
    if (!secrets) {
        if (!Dialogs::getSecret(m_window, tr("Key Passphrase"), label, &passphrase)) {
            return std::nullopt;
        }
        return passphrase;
    }
    const QString remember = secrets->persistent()
        ? tr("Remember in the keychain")
        : tr("Remember until OpsDeck quits (secrets are kept only until you quit: no keychain is available)");
    bool keep = false;
    if (!Dialogs::getSecret(m_window, tr("Key Passphrase"), label, &passphrase, remember, &keep)) {
        return std::nullopt;
    }
    // Only a passphrase that opens the key is remembered (a typo is not kept for next time).
    if (keep && SshTransport::keyOpensWith(keyFile, passphrase)) {
        if (const Result<void> stored = SecretStore::writeNow(*secrets, secretKey(keyFile), passphrase); !stored) {
            Dialogs::warning(m_window, tr("Key Passphrase"),
                tr("The passphrase is used for this job but could not be remembered: %1").arg(stored.errorString()));
        }
    }
    return passphrase;
}

QString WindowLaunchQuestions::vaultSecretKey(const QString& vaultId)
{
    return QStringLiteral("ansible-vault-password:") + vaultId;
}

std::optional<QString> WindowLaunchQuestions::vaultPassword(
    const QString& vaultId, const QByteArray& sample, int attempt)
{
    const auto opens = [&](const QString& password) {
        return AnsibleVault::decrypt(sample, { { vaultId, password.toUtf8() } }, {}).ok();
    };
    SecretStore* secrets = m_secrets ? m_secrets() : nullptr;
    bool forgotten = false;
    if (secrets && attempt == 0) {
        const auto stored = SecretStore::readNow(*secrets, vaultSecretKey(vaultId));
        if (stored && stored->has_value()) {
            if (opens(**stored)) {
                return **stored;
            }
            (void)SecretStore::removeNow(*secrets, vaultSecretKey(vaultId));
            forgotten = true;
        }
    }
    const QString label = forgotten
        ? tr("The vault password remembered for vault id %1 no longer opens its values and was forgotten. Its "
             "password now:")
              .arg(vaultId)
        : attempt == 0 ? tr("Values of this job's hosts are encrypted with Ansible Vault (vault id %1). Its vault "
                            "password (the values stay encrypted in the workspace; cancel to run without them):")
                             .arg(vaultId)
                       : tr("That password does not open the values of vault id %1. Try again:").arg(vaultId);
    QString password;
    bool keep = false;
    const QString remember = secrets && secrets->persistent()
        ? tr("Remember in the keychain")
        : tr("Remember until OpsDeck quits (secrets are kept only until you quit: no keychain is available)");
    if (!Dialogs::getSecret(m_window, tr("Ansible Vault Password"), label, &password, remember, &keep)) {
        return std::nullopt;
    }
    // Only a password that opens the values is remembered (a typo is not kept for next time).
    if (keep && secrets && opens(password)) {
        if (const Result<void> stored = SecretStore::writeNow(*secrets, vaultSecretKey(vaultId), password); !stored) {
            Dialogs::warning(m_window, tr("Ansible Vault Password"),
                tr("The password is used for this job but could not be remembered: %1").arg(stored.errorString()));
        }
    }
    return password;
}

void WindowLaunchQuestions::unknownHostKey(const SshTransport::HostKeyQuestion& q, std::function<void(bool)> answer)
{
    // From the transport's worker thread: the dialog runs on the window's thread, the answer goes back from there.
    QMetaObject::invokeMethod(
        m_window,
        [window = m_window, q, answer] {
            const auto button = Dialogs::question(window, tr("Unknown Host Key"),
                tr("The host %1 (%2 port %3) presents a key that is not in %4:\n\n%5 %6\n\nTrust it and remember it? "
                   "Answer No unless you can check the fingerprint.")
                    .arg(q.host, q.address)
                    .arg(q.port)
                    .arg(q.knownHostsPath, q.keyType, q.fingerprint));
            answer(button == QMessageBox::Yes);
        },
        Qt::QueuedConnection);
}
