#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QObject>
#include <QPalette>
#include <QString>

// The application's colour theme: light or dark, or following the system. Colours are named roles read from
// resources/themes/<name>.json (never hard-coded in widgets): the QPalette roles for the Fusion style plus roles
// for custom painting ("status.online", "syntax.keyword", "sidebar.background" …). Icons come in a light and a
// dark variant (resources/icons/<variant>/<name>.svg). One instance per application; changed() tells custom
// painters to re-read their colours (plain widgets get QEvent::ApplicationPaletteChange anyway).
class Theme : public QObject {
    Q_OBJECT
public:
    enum class Mode { System, Light, Dark };
    Q_ENUM(Mode)

    static Theme* instance();

    // The colour of a named role in the effective theme; an unknown role gives magenta (loudly wrong on
    // screen) and a warning, so a typo is found at once.
    static QColor color(const QString& role);
    // A themed icon: the variant that reads well on the current window colour.
    static QIcon icon(const QString& name);
    // "light" or "dark": the effective theme (after resolving System).
    static QString effectiveName();
    static bool isDark();

    Mode mode() const { return m_mode; }
    // Selects the mode and, if applied already, re-applies the palette app-wide.
    void setMode(Mode mode);
    // Installs the Fusion style and the theme palette on the application. Call once at startup.
    void apply();

    static QString modeToString(Mode mode);
    static Mode modeFromString(const QString& text, bool* ok = nullptr);

    // Whether the desktop prefers a dark theme. Qt 6.4 has no QStyleHints::colorScheme(), so we ask, in order:
    // GTK_THEME (":dark" suffix), the GTK 3/4 settings.ini "gtk-application-prefer-dark-theme", KDE's kdeglobals
    // window background, and finally the lightness of the platform palette Qt started with.
    static bool systemPrefersDark();

    QPalette palette() const;

signals:
    void changed();

private:
    explicit Theme(QObject* parent = nullptr);
    void load();

    Mode m_mode = Mode::System;
    bool m_dark = false;
    bool m_applied = false;
    QString m_name;
    QHash<QString, QColor> m_roles;
};
