#include "Startup.h"

#include "common/StartupErrorDialog.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "workflows/DemoWorkflows.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <QTranslator>
#include <algorithm>
#include <cstdio>

namespace {

QPointer<QTranslator> g_appTranslator;
QPointer<QTranslator> g_qtTranslator;
QString g_language = QStringLiteral("en");
Startup::FileChooser g_fileChooser;

QString normalizeLanguage(const QString& text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1String("zh"), Qt::CaseInsensitive)) {
        return QStringLiteral("zh_CN");
    }
    if (t.startsWith(QLatin1String("en"), Qt::CaseInsensitive)
        || t.compare(QLatin1String("c"), Qt::CaseInsensitive) == 0) {
        return QStringLiteral("en");
    }
    return {};
}

// --lang must be known before the parser is built so that --help is already in the chosen language.
QString preScanLanguage(const QStringList& arguments)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& arg = arguments.at(i);
        if (arg == QLatin1String("--lang") && i + 1 < arguments.size()) {
            return arguments.at(i + 1);
        }
        if (arg.startsWith(QLatin1String("--lang="))) {
            return arg.mid(7);
        }
    }
    return {};
}

} // namespace

Startup::Options Startup::prepare(const QStringList& arguments)
{
    installTranslators(resolveLanguage(normalizeLanguage(preScanLanguage(arguments))));
    const Options options = parseArguments(arguments);
    if (!options.language.isEmpty() && options.language != currentLanguage()) {
        installTranslators(options.language);
    }
    QSettings settings;
    Theme* theme = Theme::instance();
    theme->setMode(options.theme.value_or(
        Theme::modeFromString(settings.value(QStringLiteral("ui/theme"), QStringLiteral("system")).toString())));
    theme->apply();
    return options;
}

QString Startup::startWorkspacePath(const Options& options)
{
    if (!options.workspacePath.isEmpty()) {
        return options.workspacePath;
    }
    const QString last = QSettings().value(QStringLiteral("workspace/last")).toString();
    return !last.isEmpty() && QFileInfo::exists(last) ? last : Workspace::defaultPath();
}

std::unique_ptr<Workspace> Startup::openStartWorkspace(const Options& options)
{
    return openInteractively(startWorkspacePath(options));
}

void Startup::failOption(const QString& message)
{
    std::fputs(qPrintable(QStringLiteral("opsdeck: %1\n").arg(message)), stderr);
    std::exit(2);
}

namespace {
// The parser of `opsdeck`'s options, shared by parseArguments() and isTextOnly() so that both see the same options.
struct OptionParser {
    QCommandLineParser parser;
    QCommandLineOption workspace { QStringLiteral("workspace"),
        Startup::tr("Open the workspace file PATH (created with a demo inventory if it does not exist)."),
        Startup::tr("PATH") };
    QCommandLineOption theme { QStringLiteral("theme"),
        Startup::tr("Colour theme for this run: light, dark or system (follow the desktop)."), Startup::tr("THEME") };
    QCommandLineOption lang { QStringLiteral("lang"), Startup::tr("Language: en or zh_CN."), Startup::tr("LANG") };
    QCommandLineOption screenshot { QStringLiteral("screenshot"),
        Startup::tr("Save a PNG of the main window to PATH shortly after startup, then quit (works with "
                    "QT_QPA_PLATFORM=offscreen)."),
        Startup::tr("PATH") };
    QCommandLineOption page { QStringLiteral("page"),
        Startup::tr("Show PAGE first: inventory, scripts, templates, workflows, jobs or facts."), Startup::tr("PAGE") };
    QCommandLineOption search { QStringLiteral("search"),
        Startup::tr("Type QUERY into the inventory search box at startup."), Startup::tr("QUERY") };
    QCommandLineOption select { QStringLiteral("select"),
        Startup::tr("Select HOST in the inventory at startup and show its details."), Startup::tr("HOST") };
    OptionParser()
    {
        parser.setApplicationDescription(Startup::tr("OpsDeck: an operator console for fleet operations."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({ workspace, theme, lang, screenshot, page, search, select });
        // What a file manager passes when a workspace file is double-clicked (the desktop file's `%f`).
        parser.addPositionalArgument(QStringLiteral("workspace"),
            Startup::tr("The workspace file to open (the same as --workspace)."), Startup::tr("[WORKSPACE]"));
    }
};
} // namespace

bool Startup::isTextOnly(const QStringList& arguments)
{
    OptionParser options;
    if (!options.parser.parse(arguments)) {
        return true; // the error message, then exit: no window either
    }
    // The names as given (-h, -?, --help, --help-all, -v, --version): --help-all is no option object of ours.
    static const QStringList textOnly { QStringLiteral("h"), QStringLiteral("?"), QStringLiteral("help"),
        QStringLiteral("help-all"), QStringLiteral("v"), QStringLiteral("version") };
    const QStringList given = options.parser.optionNames();
    return std::any_of(given.cbegin(), given.cend(), [](const QString& name) { return textOnly.contains(name); });
}

int Startup::runTextOnly()
{
    const QStringList arguments = QCoreApplication::arguments();
    installTranslators(resolveLanguage(normalizeLanguage(preScanLanguage(arguments))));
    parseArguments(arguments); // prints the help, the version or the error and exits
    return 0;
}

Startup::Options Startup::parseArguments(const QStringList& arguments)
{
    OptionParser op;
    QCommandLineParser& parser = op.parser;
    parser.process(arguments);
    const QCommandLineOption &workspace = op.workspace, &theme = op.theme, &lang = op.lang, &screenshot = op.screenshot,
                             &page = op.page, &search = op.search, &select = op.select;

    Options options;
    options.workspacePath = parser.value(workspace);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (positional.size() == 1 && parser.isSet(workspace))) {
        Startup::failOption(tr("give one workspace file, either as --workspace PATH or as the only argument"));
    }
    if (positional.size() == 1) {
        options.workspacePath = positional.first();
    }
    if (parser.isSet(theme)) {
        bool ok = false;
        options.theme = Theme::modeFromString(parser.value(theme), &ok);
        if (!ok) {
            Startup::failOption(tr("unknown theme '%1' (expected light, dark or system)").arg(parser.value(theme)));
        }
    }
    if (parser.isSet(lang)) {
        options.language = normalizeLanguage(parser.value(lang));
        if (options.language.isEmpty()) {
            Startup::failOption(tr("unknown language '%1' (expected en or zh_CN)").arg(parser.value(lang)));
        }
    }
    options.screenshotPath = parser.value(screenshot);
    options.page = parser.value(page);
    options.search = parser.value(search);
    options.select = parser.value(select);
    return options;
}

QString Startup::resolveLanguage(const QString& requested)
{
    const QString asked = normalizeLanguage(requested);
    if (!asked.isEmpty()) {
        return asked;
    }
    const QString saved = normalizeLanguage(QSettings().value(QStringLiteral("ui/language")).toString());
    if (!saved.isEmpty()) {
        return saved;
    }
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

bool Startup::installTranslators(const QString& language)
{
    for (QPointer<QTranslator>* slot : { &g_appTranslator, &g_qtTranslator }) {
        if (*slot) {
            QCoreApplication::removeTranslator(*slot);
            delete slot->data();
        }
    }
    const QString lang = normalizeLanguage(language);
    g_language = QStringLiteral("en");
    if (lang.isEmpty() || lang == QLatin1String("en")) {
        // The source strings are English; the English translation holds only the plural forms of messages with a
        // count ("%n host(s)": "1 host", "2 hosts").
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        auto* plurals = new QTranslator(QCoreApplication::instance());
        if (plurals->load(QStringLiteral(":/i18n/opsdeck_en.qm"))) {
            QCoreApplication::installTranslator(plurals);
            g_appTranslator = plurals;
        } else {
            delete plurals;
        }
        return true;
    }
    auto* app = new QTranslator(QCoreApplication::instance());
    if (!app->load(QStringLiteral(":/i18n/opsdeck_%1.qm").arg(lang))) {
        delete app;
        return false;
    }
    // Qt's own strings (standard buttons, file dialogs) when the system has them (qt6-translations-l10n).
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qtTranslator = qt;
    } else {
        delete qt;
    }
    QCoreApplication::installTranslator(app);
    g_appTranslator = app;
    g_language = lang;
    QLocale::setDefault(QLocale(lang));
    return true;
}

QString Startup::currentLanguage()
{
    return g_language;
}

Result<std::unique_ptr<Workspace>> Startup::openOrCreate(const QString& path, bool withDemo)
{
    const bool existed = QFileInfo::exists(path);
    auto opened = Workspace::open(path, Workspace::OpenMode::CreateIfMissing);
    if (!opened || existed || !withDemo) {
        return opened;
    }
    Workspace& workspace = *opened.value();
    if (auto saved = workspace.saveInventory(DemoInventory::make()); !saved) {
        return saved.error();
    }
    if (auto scripts = DemoScripts::addTo(workspace); !scripts) {
        return scripts.error();
    }
    if (auto templates = DemoTemplates::addTo(workspace); !templates) {
        return templates.error();
    }
    if (auto workflows = DemoWorkflows::addTo(workspace); !workflows) {
        return workflows.error();
    }
    if (auto marked = workspace.setSetting(QStringLiteral("demo"), QStringLiteral("1")); !marked) {
        return marked.error();
    }
    return opened;
}

std::unique_ptr<Workspace> Startup::openInteractively(const QString& path, QWidget* parent)
{
    QString current = path;
    bool withDemo = true; // only the workspace asked for at startup gets the demo inventory
    for (;;) {
        auto opened = openOrCreate(current, withDemo);
        if (opened) {
            QSettings().setValue(QStringLiteral("workspace/last"), opened.value()->path());
            return std::move(opened.value());
        }
        StartupErrorDialog dialog(
            QDir::toNativeSeparators(QFileInfo(current).absoluteFilePath()), opened.errorString(), parent);
        dialog.exec();
        if (dialog.choice() == StartupErrorDialog::Choice::Quit) {
            return nullptr;
        }
        const bool create = dialog.choice() == StartupErrorDialog::Choice::CreateNew;
        const QString chosen = chooseWorkspaceFile(parent, create);
        if (!chosen.isEmpty()) {
            current = chosen;
            withDemo = false;
        }
    }
}

void Startup::setFileChooser(FileChooser chooser)
{
    g_fileChooser = std::move(chooser);
}

QString Startup::chooseWorkspaceFile(QWidget* parent, bool create)
{
    if (g_fileChooser) {
        return g_fileChooser(parent, create);
    }
    const QString filter = tr("OpsDeck workspaces (*.opsdeck);;All files (*)");
    const QString dir = QFileInfo(Workspace::defaultPath()).absolutePath();
    if (create) {
        QFileDialog dialog(parent, tr("Create Workspace"), dir, filter);
        dialog.setAcceptMode(QFileDialog::AcceptSave);
        dialog.setDefaultSuffix(QStringLiteral("opsdeck"));
        // An existing file is opened (or refused), never replaced: no "overwrite?" question that would lie.
        dialog.setOption(QFileDialog::DontConfirmOverwrite);
        return dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty() ? dialog.selectedFiles().first()
                                                                                       : QString();
    }
    return QFileDialog::getOpenFileName(parent, tr("Open Workspace"), dir, filter);
}
