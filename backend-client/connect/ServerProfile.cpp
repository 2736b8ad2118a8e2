#include "ServerProfile.h"

#include <QCoreApplication>
#include <QSettings>

namespace {

const char* const kRecentKey = "servers/recent";
constexpr int kRecentMax = 8;

} // namespace

Result<QUrl> ServerProfile::parseUrl(const QString& text)
{
    QString typed = text.trimmed();
    if (typed.isEmpty()) {
        return Error(QCoreApplication::translate("ServerProfile", "no server URL given"));
    }
    if (!typed.contains(QLatin1String("://"))) {
        typed.prepend(QLatin1String("https://"));
    }
    QUrl url(typed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return Error(
            QCoreApplication::translate("ServerProfile", "“%1” is not a server URL (e.g. https://ops.example:8750)")
                .arg(text.trimmed()));
    }
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
        return Error(QCoreApplication::translate("ServerProfile", "the URL must start with https:// or http://"));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return Error(QCoreApplication::translate(
            "ServerProfile", "the URL names the server only: no user, query or fragment (the token goes below)"));
    }
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    if (path.endsWith(QLatin1String("/api/v1"))) {
        path.chop(7);
    }
    if (!path.isEmpty()) {
        return Error(QCoreApplication::translate("ServerProfile", "the URL must not have a path (“%1”)").arg(path));
    }
    url.setPath(QString());
    url.setHost(url.host().toLower());
    return url;
}

QStringList ServerProfile::recent()
{
    return QSettings().value(QLatin1String(kRecentKey)).toStringList();
}

void ServerProfile::remember(const QUrl& url)
{
    QStringList list = recent();
    list.removeAll(url.toString());
    list.prepend(url.toString());
    while (list.size() > kRecentMax) {
        list.removeLast();
    }
    QSettings().setValue(QLatin1String(kRecentKey), list);
}

void ServerProfile::forget(const QUrl& url)
{
    QStringList list = recent();
    list.removeAll(url.toString());
    QSettings().setValue(QLatin1String(kRecentKey), list);
}
