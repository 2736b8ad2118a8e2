#include "WindowLaunchQuestions.h"

#include "common/Dialogs.h"

#include <QDir>

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
