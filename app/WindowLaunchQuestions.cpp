#include "WindowLaunchQuestions.h"

#include "common/Dialogs.h"

#include <QDir>
#include <QMessageBox>

std::optional<QString> WindowLaunchQuestions::keyPassphrase(const QString& keyFile, int attempt)
{
    const QString file = QDir::toNativeSeparators(keyFile);
    const QString label = attempt == 0
        ? tr("The key %1 is encrypted. Its passphrase (kept in memory until OpsDeck closes):").arg(file)
        : tr("That passphrase does not open %1. Try again:").arg(file);
    QString passphrase;
    if (!Dialogs::getSecret(m_window, tr("Key Passphrase"), label, &passphrase)) {
        return std::nullopt;
    }
    return passphrase;
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
