#include "DesktopNotifier.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSystemTrayIcon>
#include <QVariantMap>

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
const QString kDesktopEntry = QStringLiteral("org.opsdeck.OpsDeck"); // packaging/org.opsdeck.OpsDeck.desktop
} // namespace

DesktopNotifier::DesktopNotifier(QObject* parent)
    : QObject(parent)
{
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::dbusServiceAvailable()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    return bus.isConnected() && bus.interface() && bus.interface()->isServiceRegistered(kService).value();
}

DesktopNotifier::Channel DesktopNotifier::notify(const QString& summary, const QString& body, bool urgent)
{
    if (dbusServiceAvailable()) {
        QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
        const QVariantMap hints { { QStringLiteral("urgency"), QVariant::fromValue(uchar(urgent ? 2 : 1)) },
            { QStringLiteral("desktop-entry"), kDesktopEntry } };
        call << QStringLiteral("OpsDeck") << uint(0) << kDesktopEntry << summary << body << QStringList() << hints
             << int(-1);
        QDBusConnection::sessionBus().asyncCall(call);
        return Channel::DBus;
    }
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_tray->setToolTip(QStringLiteral("OpsDeck"));
        }
        m_tray->show();
        m_tray->showMessage(summary, body, urgent ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
        return Channel::Tray;
    }
    return Channel::None;
}
