#include "Theme.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <optional>

namespace {

// The palette the platform gave us before we replaced it: the last fallback for "what does the system prefer".
QPalette& platformPalette()
{
    static QPalette palette = QGuiApplication::palette();
    return palette;
}

std::optional<bool> gtkPrefersDark()
{
    const QString gtkTheme = qEnvironmentVariable("GTK_THEME");
    if (!gtkTheme.isEmpty()) {
        return gtkTheme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive)
            || gtkTheme.contains(QLatin1String("-dark"), Qt::CaseInsensitive);
    }
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    for (const QLatin1String dir : { QLatin1String("gtk-4.0"), QLatin1String("gtk-3.0") }) {
        const QString file = config + QLatin1Char('/') + dir + QLatin1String("/settings.ini");
        if (!QFile::exists(file)) {
            continue;
        }
        QSettings ini(file, QSettings::IniFormat);
        const QVariant prefer = ini.value(QStringLiteral("Settings/gtk-application-prefer-dark-theme"));
        if (prefer.isValid()) {
            return prefer.toString() == QLatin1String("1") || prefer.toString() == QLatin1String("true");
        }
        const QString name = ini.value(QStringLiteral("Settings/gtk-theme-name")).toString();
        if (!name.isEmpty()) {
            return name.contains(QLatin1String("dark"), Qt::CaseInsensitive);
        }
    }
    return std::nullopt;
}

std::optional<bool> kdePrefersDark()
{
    const QString file
        = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/kdeglobals");
    if (!QFile::exists(file)) {
        return std::nullopt;
    }
    QSettings ini(file, QSettings::IniFormat);
    // KDE writes colours as "r,g,b"; QSettings splits them into a list at the commas.
    const QStringList rgb = ini.value(QStringLiteral("Colors:Window/BackgroundNormal")).toStringList();
    if (rgb.size() >= 3) {
        return QColor(rgb.at(0).toInt(), rgb.at(1).toInt(), rgb.at(2).toInt()).lightness() < 128;
    }
    return std::nullopt;
}

} // namespace

Theme::Theme(QObject* parent)
    : QObject(parent)
{
    platformPalette(); // remember the platform's palette before anything replaces it
    load();
}

Theme* Theme::instance()
{
    // Parented to the application so it dies with it; created lazily so widgets used in tests without an explicit
    // apply() still find their colours.
    static QPointer<Theme> theme;
    if (!theme) {
        theme = new Theme(QCoreApplication::instance());
    }
    return theme;
}

QColor Theme::color(const QString& role)
{
    const Theme* theme = instance();
    const auto it = theme->m_roles.constFind(role);
    if (it != theme->m_roles.constEnd()) {
        return *it;
    }
    static QSet<QString> warned;
    if (!warned.contains(role)) {
        warned.insert(role);
        qWarning("Theme: unknown colour role '%s'", qPrintable(role));
    }
    return QColor(Qt::magenta);
}

QIcon Theme::icon(const QString& name)
{
    return QIcon(QStringLiteral(":/icons/%1/%2.svg").arg(effectiveName(), name));
}

QString Theme::effectiveName()
{
    return instance()->m_name;
}

bool Theme::isDark()
{
    return instance()->m_dark;
}

void Theme::setMode(Mode mode)
{
    m_mode = mode;
    load();
    if (m_applied) {
        QApplication::setPalette(palette());
    }
    emit changed();
}

void Theme::apply()
{
    if (!m_applied) {
        // Fusion draws every control from the palette, so one palette gives a consistent light and dark look on
        // every platform; native styles (and the GTK one) ignore half of it.
        if (QStyle* fusion = QStyleFactory::create(QStringLiteral("Fusion"))) {
            QApplication::setStyle(fusion);
        }
        m_applied = true;
    }
    QApplication::setPalette(palette());
    emit changed();
}

QString Theme::modeToString(Mode mode)
{
    switch (mode) {
    case Mode::Light:
        return QStringLiteral("light");
    case Mode::Dark:
        return QStringLiteral("dark");
    case Mode::System:
        break;
    }
    return QStringLiteral("system");
}

Theme::Mode Theme::modeFromString(const QString& text, bool* ok)
{
    const QString t = text.trimmed().toLower();
    if (ok) {
        *ok = true;
    }
    if (t == QLatin1String("light")) {
        return Mode::Light;
    }
    if (t == QLatin1String("dark")) {
        return Mode::Dark;
    }
    if (ok && t != QLatin1String("system")) {
        *ok = false;
    }
    return Mode::System;
}

bool Theme::systemPrefersDark()
{
    if (const auto gtk = gtkPrefersDark()) {
        return *gtk;
    }
    if (const auto kde = kdePrefersDark()) {
        return *kde;
    }
    return platformPalette().color(QPalette::Window).lightness() < 128;
}

void Theme::load()
{
    m_dark = m_mode == Mode::Dark || (m_mode == Mode::System && systemPrefersDark());
    m_name = m_dark ? QStringLiteral("dark") : QStringLiteral("light");
    QFile file(QStringLiteral(":/themes/%1.json").arg(m_name));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("Theme: cannot read %s", qPrintable(file.fileName()));
        return;
    }
    const QJsonObject roles = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("roles")).toObject();
    m_roles.clear();
    for (auto it = roles.constBegin(); it != roles.constEnd(); ++it) {
        m_roles.insert(it.key(), QColor(it.value().toString()));
    }
}

QPalette Theme::palette() const
{
    const auto role = [this](const char* name) { return m_roles.value(QLatin1String(name), QColor(Qt::magenta)); };
    QPalette pal;
    const struct {
        QPalette::ColorRole role;
        const char* name;
    } map[] = {
        { QPalette::Window, "window" },
        { QPalette::WindowText, "windowText" },
        { QPalette::Base, "base" },
        { QPalette::AlternateBase, "alternateBase" },
        { QPalette::Text, "text" },
        { QPalette::Button, "button" },
        { QPalette::ButtonText, "buttonText" },
        { QPalette::BrightText, "brightText" },
        { QPalette::Light, "light" },
        { QPalette::Midlight, "midlight" },
        { QPalette::Mid, "mid" },
        { QPalette::Dark, "dark" },
        { QPalette::Shadow, "shadow" },
        { QPalette::Highlight, "highlight" },
        { QPalette::HighlightedText, "highlightedText" },
        { QPalette::Link, "link" },
        { QPalette::LinkVisited, "linkVisited" },
        { QPalette::PlaceholderText, "placeholderText" },
        { QPalette::ToolTipBase, "toolTipBase" },
        { QPalette::ToolTipText, "toolTipText" },
    };
    for (const auto& entry : map) {
        pal.setColor(QPalette::All, entry.role, role(entry.name));
    }
    const QColor disabled = role("disabledText");
    for (const QPalette::ColorRole r : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText }) {
        pal.setColor(QPalette::Disabled, r, disabled);
    }
    pal.setColor(QPalette::Disabled, QPalette::Highlight, role("mid"));
    // An unfocused selection stays visible but quieter.
    QColor inactiveHighlight = role("highlight");
    inactiveHighlight.setAlpha(m_dark ? 150 : 170);
    pal.setColor(QPalette::Inactive, QPalette::Highlight, inactiveHighlight);
    return pal;
}
