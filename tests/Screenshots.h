#pragma once

// Screenshots of the GUI tests (OPSDECK_SCREENSHOT_DIR; nothing when unset): what `grab` gives in both themes and
// both languages, saved as DIR/NAME-light-en.png, NAME-dark-en.png, NAME-light-zh.png and NAME-dark-zh.png; the
// English light look is put back afterwards. `before` runs after each switch (e.g. to fit a canvas).
#include "Startup.h"
#include "Theme.h"

#include <QPixmap>
#include <QTest>
#include <functional>

inline bool saveScreenshots(
    const QString& name, const std::function<QPixmap()>& grab, const std::function<void()>& before = {})
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        return true;
    }
    bool saved = true;
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
        Startup::installTranslators(lang);
        for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
            Theme::instance()->setMode(mode);
            Theme::instance()->apply();
            QTest::qWait(100);
            if (before) {
                before();
            }
            const QString suffix = (mode == Theme::Mode::Dark ? QStringLiteral("-dark-") : QStringLiteral("-light-"))
                + (lang == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("zh")) + QStringLiteral(".png");
            saved = grab().save(dir + u'/' + name + suffix) && saved;
        }
    }
    Startup::installTranslators(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
    return saved;
}
