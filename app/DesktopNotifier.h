#pragma once

#include <QObject>
#include <QString>

class QSystemTrayIcon;

// A desktop notification: the freedesktop Notifications service over the session D-Bus when one runs (GNOME, KDE,
// Xfce, dunst …), else a tray icon's message where there is a system tray, else nothing (the window's own status
// shows the same). Never blocks: the D-Bus call is asynchronous.
class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    enum class Channel { DBus, Tray, None };
    explicit DesktopNotifier(QObject* parent = nullptr);
    ~DesktopNotifier() override;

    // Shows `summary` and `body`; `urgent` (a failure, a wait for a person) asks the desktop to keep it on screen.
    // Returns where it went.
    Channel notify(const QString& summary, const QString& body, bool urgent);
    static bool dbusServiceAvailable();

private:
    QSystemTrayIcon* m_tray = nullptr;
};
