#pragma once

#include "Theme.h"
#include "core/Result.h"
#include "store/Workspace.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

class QApplication;
class QWidget;

// Everything between main() and a shown main window: command-line options, translators, theme, and opening
// (or creating) the workspace — asking the user what to do when the workspace is refused.
class Startup {
    Q_DECLARE_TR_FUNCTIONS(Startup)
public:
    struct Options {
        QString workspacePath; // empty: the last one used, else Workspace::defaultPath()
        std::optional<Theme::Mode> theme; // set by --theme, overrides the saved choice for this run
        QString language; // "en", "zh_CN" or empty (saved choice, else the system locale)
        QString screenshotPath; // --screenshot: grab the window after startup, save as PNG, quit
        QString page; // --page: the page to show first (inventory, scripts, templates, workflows, jobs)
        QString search; // --search: a query typed into the inventory search box
        QString select; // --select: a host selected in the inventory (its details shown)
    };

    // The first half of a start (ConsoleMain::run does the rest): translators for --lang or the saved choice,
    // the options (exits on a bad one), the theme applied.
    static Options prepare(const QStringList& arguments);
    // Opens the workspace the options name, else the last one used, else the default; nullptr when the user gave
    // up on a refused one.
    // The workspace a start opens: the one asked for, else the last one (when it still exists), else the default.
    static QString startWorkspacePath(const Options& options);
    static std::unique_ptr<Workspace> openStartWorkspace(const Options& options);
    // Prints "opsdeck: MESSAGE" and exits with status 2 (a bad option).
    [[noreturn]] static void failOption(const QString& message);

    // Whether `arguments` ask only for text (--help, --help-all, --version) or are wrong: main() then answers
    // through runTextOnly() with a QCoreApplication, so that no display (X11, Wayland) is needed.
    static bool isTextOnly(const QStringList& arguments);
    // Prints the help, the version or the option error (translated as --lang or the saved choice says) and exits.
    static int runTextOnly();

    // Parses `arguments` (argv form). Exits the process on --help/--version or a bad option, as
    // QCommandLineParser does.
    static Options parseArguments(const QStringList& arguments);

    // The language to use: `requested` if given ("en"/"zh_CN"), else the saved choice, else by system locale.
    static QString resolveLanguage(const QString& requested);
    // Installs (replacing any previous) the OpsDeck and Qt translators for `language` ("en": only the English plural
    // forms). Sends
    // QEvent::LanguageChange to every widget, so open windows can retranslate. Returns false if the translation
    // for a non-English language could not be loaded.
    static bool installTranslators(const QString& language);
    static QString currentLanguage();

    // Opens `path`, creating it if missing. A workspace created here starts with the demo inventory when
    // `withDemo` is set (the first start), so every screen has something to show.
    static Result<std::unique_ptr<Workspace>> openOrCreate(const QString& path, bool withDemo);

    // Opens `path`; when it is refused, shows the reason in a StartupErrorDialog and lets the user open another
    // workspace, create a new one, or quit (returns nullptr). The refused file is never touched.
    static std::unique_ptr<Workspace> openInteractively(const QString& path, QWidget* parent = nullptr);

    // How openInteractively() asks for a file (tests replace it): `create` is true for a new workspace.
    // Returns an empty string when the user cancels.
    using FileChooser = std::function<QString(QWidget* parent, bool create)>;
    static void setFileChooser(FileChooser chooser);
    static QString chooseWorkspaceFile(QWidget* parent, bool create);
};
