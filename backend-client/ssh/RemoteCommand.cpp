#include "RemoteCommand.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QStringList>

QString RemoteCommand::shellQuote(const QString& word)
{
    static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_@%+=:,./-]+$"));
    if (safe.match(word).hasMatch()) {
        return word;
    }
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString RemoteCommand::scriptCommand(
    const RunScript& script, const QString& account, const QString& loginUser, const QJsonObject& parameters)
{
    QStringList words;
    if (!account.isEmpty() && account != loginUser) {
        words << QStringLiteral("sudo") << QStringLiteral("-n") << QStringLiteral("-u") << shellQuote(account)
              << QStringLiteral("--");
    }
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    QStringList env;
    for (auto it = parameters.begin(); it != parameters.end(); ++it) {
        const QJsonValue v = it.value();
        if (!envName.match(it.key()).hasMatch() || !(v.isString() || v.isDouble() || v.isBool())) {
            continue;
        }
        QString value;
        if (v.isString()) {
            value = v.toString();
        } else if (v.isBool()) {
            value = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        } else {
            value = v.toVariant().toString();
        }
        env << shellQuote(it.key() + QLatin1Char('=') + value);
    }
    if (!env.isEmpty()) {
        words << QStringLiteral("env") << env;
    }
    const QString interpreter = script.interpreter.trimmed().isEmpty() ? QStringLiteral("/bin/sh") : script.interpreter;
    const QStringList interpreterWords = interpreter.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& w : interpreterWords) {
        words << shellQuote(w);
    }
    const QString base = interpreterWords.constLast().section(QLatin1Char('/'), -1);
    if (base.startsWith(QLatin1String("python")) || base.startsWith(QLatin1String("perl"))) {
        words << QStringLiteral("-");
    } else {
        words << QStringLiteral("-s") << QStringLiteral("--");
    }
    for (const QString& arg : script.args) {
        words << shellQuote(arg);
    }
    return words.join(QLatin1Char(' '));
}

QByteArray RemoteCommand::announcingPid(const QString& command)
{
    return QByteArray("echo ") + kPidPrefix + "$$ >&2; exec " + command.toUtf8();
}

QString RemoteCommand::killProcessGroup(qint64 pid)
{
    return QStringLiteral("kill -KILL -- -%1 2>/dev/null || kill -KILL %1 2>/dev/null || "
                          "sudo -n kill -KILL -- -%1")
        .arg(QString::number(pid));
}
