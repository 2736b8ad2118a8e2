// The application shell: command palette, navigation, themes, layout restore, refused workspaces, translations.
#include "BackendInfo.h"
#include "MainWindow.h"
#include "Startup.h"
#include "Theme.h"
#include "common/CommandPalette.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "common/StartupErrorDialog.h"
#include "inventory/ImportDialog.h"
#include "inventory/InventoryPage.h"
#include "jobs/RunDialog.h"
#include "scripts/ScriptsPage.h"
#include "store/Workspace.h"
#include "templates/TemplatesPage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QSqlQuery>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>
#include <functional>

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void importIntoDemoWorkspaceKeepsVariables();
    void initTestCase();
    void init();
    void cleanup();

    void newWorkspaceGetsDemoInventory();
    void paletteOpensFiltersAndRuns();
    void paletteArrowsAndEscape();
    void paletteShowsDisabledActionsNotRunnable();
    void paletteShortcutWorksFromLineEdit();
    void paletteMatchScores();
    void navigationShortcuts();
    void pageShortcutsAfterSidebarClick();
    void runSettingsRemembered();
    void themeSwitchChangesPalette();
    void layoutRestored();
    void refusedWorkspaceShowsErrorAndKeepsFile();
    void refusedWorkspaceOpenAnother();
    void openWorkspaceFromMenu();
    void chineseTranslationLoads();
    void languageSwitchesLive();
    void statusBarShowsBackendAndWorkspace();

private:
    std::unique_ptr<MainWindow> makeWindow();
    QString workspacePath() const { return m_dir->filePath(QStringLiteral("test.opsdeck")); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

// Answers the next modal StartupErrorDialog: records its error text and presses the button for `choice`.
void answerStartupDialog(StartupErrorDialog::Choice choice, QString* errorText)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, choice, errorText] {
        auto* dialog = qobject_cast<StartupErrorDialog*>(QApplication::activeModalWidget());
        if (!dialog) {
            return;
        }
        *errorText = dialog->errorText();
        if (const QString dir = qEnvironmentVariable("OPSDECK_TEST_SCREENSHOTS"); !dir.isEmpty()) {
            dialog->grab().save(dir + QLatin1String("/startup-error.png"));
        }
        timer->stop();
        timer->deleteLater();
        dialog->button(choice)->click();
    });
    timer->start();
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Startup::installTranslators(QStringLiteral("en"));
    Startup::setFileChooser({});
}

void TestMainWindow::cleanup()
{
    Startup::setFileChooser({});
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow()
{
    auto opened = Startup::openOrCreate(workspacePath(), true);
    if (!opened) {
        qWarning("%s", qPrintable(opened.errorString()));
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(std::move(opened.value()));
    window->show();
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window.get())) {
        qWarning("window did not become active");
    }
    return window;
}

void TestMainWindow::newWorkspaceGetsDemoInventory()
{
    {
        auto opened = Startup::openOrCreate(workspacePath(), true);
        QVERIFY2(opened.ok(), qPrintable(opened.errorString()));
        QCOMPARE(opened.value()->setting(QStringLiteral("demo")), QStringLiteral("1"));
        auto inventory = opened.value()->loadInventory();
        QVERIFY(inventory.ok());
        QVERIFY(inventory->hosts().size() >= 40);
    }
    // Opening it again must not add the demo a second time or touch the marker.
    auto again = Startup::openOrCreate(workspacePath(), true);
    QVERIFY(again.ok());
    const int hosts = again.value()->loadInventory()->hosts().size();
    again = Startup::openOrCreate(workspacePath(), true);
    QCOMPARE(again.value()->loadInventory()->hosts().size(), hosts);

    // An explicitly new workspace starts empty.
    const QString empty = m_dir->filePath(QStringLiteral("empty.opsdeck"));
    auto fresh = Startup::openOrCreate(empty, false);
    QVERIFY(fresh.ok());
    QVERIFY(fresh.value()->loadInventory()->hosts().isEmpty());
    QVERIFY(fresh.value()->setting(QStringLiteral("demo")).isEmpty());
}

void TestMainWindow::paletteOpensFiltersAndRuns()
{
    auto window = makeWindow();
    QVERIFY(window);
    CommandPalette* palette = window->commandPalette();
    QVERIFY(!palette->isVisible());

    QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(palette->isVisible());
    const QStringList all = palette->visibleLabels();
    // Every menu action is there, including the navigation, theme, language, quit and undo/redo.
    for (const char* expected : { "Go to Jobs", "Go to Scripts", "View › Theme: Dark", "View › Language: English",
             "File: Quit", "Edit: Undo", "Edit: Redo", "File: Open Workspace…", "Help: About OpsDeck" }) {
        QVERIFY2(all.contains(QString::fromUtf8(expected)), expected);
    }

    QTest::keyClicks(palette->lineEdit(), QStringLiteral("go jobs"));
    const QStringList filtered = palette->visibleLabels();
    if (const QString dir = qEnvironmentVariable("OPSDECK_TEST_SCREENSHOTS"); !dir.isEmpty()) {
        // For looking at the palette (a separate popup window) during development.
        palette->grab().save(dir + QLatin1String("/palette.png"));
    }
    QVERIFY(filtered.size() < all.size());
    QCOMPARE(filtered.value(0), QStringLiteral("Go to Jobs"));
    // The shortcut is shown beside the label.
    QCOMPARE(palette->list()->topLevelItem(0)->text(1),
        QKeySequence(Qt::CTRL | Qt::Key_5).toString(QKeySequence::NativeText));

    QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
    QTRY_COMPARE(window->currentPage(), int(MainWindow::JobsPage));
    QVERIFY(!palette->isVisible());

    // The second shortcut opens it as well, with an empty query.
    QTest::keyClick(window.get(), Qt::Key_P, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(palette->isVisible());
    QVERIFY(palette->lineEdit()->text().isEmpty());
    QCOMPARE(palette->visibleLabels().size(), all.size());
    QTest::keyClick(palette->lineEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!palette->isVisible());
}

void TestMainWindow::paletteArrowsAndEscape()
{
    auto window = makeWindow();
    QVERIFY(window);
    CommandPalette* palette = window->commandPalette();
    QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(palette->isVisible());
    // Substring "Go to" matches the five pages, in menu order.
    QTest::keyClicks(palette->lineEdit(), QStringLiteral("Go to"));
    QCOMPARE(palette->visibleLabels().mid(0, 2),
        QStringList({ QStringLiteral("Go to Inventory"), QStringLiteral("Go to Scripts") }));
    QTest::keyClick(palette->lineEdit(), Qt::Key_Down);
    QTest::keyClick(palette->lineEdit(), Qt::Key_Down);
    QCOMPARE(palette->list()->currentItem()->text(0), QStringLiteral("Go to Templates"));
    QTest::keyClick(palette->lineEdit(), Qt::Key_Up);
    QCOMPARE(palette->list()->currentItem()->text(0), QStringLiteral("Go to Scripts"));
    QTest::keyClick(palette->lineEdit(), Qt::Key_Enter);
    QTRY_COMPARE(window->currentPage(), int(MainWindow::ScriptsPage));

    // Escape closes without running anything.
    QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(palette->isVisible());
    QTest::keyClicks(palette->lineEdit(), QStringLiteral("workflows"));
    QTest::keyClick(palette->lineEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!palette->isVisible());
    QTest::qWait(50);
    QCOMPARE(window->currentPage(), int(MainWindow::ScriptsPage));
}

void TestMainWindow::paletteShowsDisabledActionsNotRunnable()
{
    auto window = makeWindow();
    QVERIFY(window);
    QVERIFY(!window->undoStack()->canUndo());
    CommandPalette* palette = window->commandPalette();
    QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(palette->isVisible());
    QTest::keyClicks(palette->lineEdit(), QStringLiteral("edit undo"));
    QCOMPARE(palette->visibleLabels().value(0), QStringLiteral("Edit: Undo"));
    QTreeWidgetItem* undo = palette->list()->topLevelItem(0);
    QVERIFY(!(undo->flags() & Qt::ItemIsEnabled));
    QSignalSpy chosen(palette, &CommandPalette::actionChosen);
    QTest::keyClick(palette->lineEdit(), Qt::Key_Return);
    QCOMPARE(chosen.count(), 0);
    QVERIFY(palette->isVisible());
    QTest::keyClick(palette->lineEdit(), Qt::Key_Escape);
}

void TestMainWindow::paletteShortcutWorksFromLineEdit()
{
    auto window = makeWindow();
    QVERIFY(window);
    // A line edit would take Ctrl+K for itself (delete to end of line); the window must still get it.
    QLineEdit* edit = nullptr;
    for (QLineEdit* candidate : window->findChildren<QLineEdit*>()) {
        if (candidate->isVisible() && candidate->window() == window.get()) {
            edit = candidate;
            break;
        }
    }
    if (!edit) {
        QSKIP("no visible line edit on the first page");
    }
    edit->setFocus();
    QTRY_VERIFY(edit->hasFocus());
    edit->setText(QStringLiteral("abc"));
    edit->setCursorPosition(0);
    QTest::keyClick(edit, Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(window->commandPalette()->isVisible());
    QCOMPARE(edit->text(), QStringLiteral("abc"));
    QTest::keyClick(window->commandPalette()->lineEdit(), Qt::Key_Escape);
}

void TestMainWindow::paletteMatchScores()
{
    QVERIFY(CommandPalette::matchScore(QStringLiteral("jobs"), QStringLiteral("Go to Jobs")) > 0);
    QVERIFY(CommandPalette::matchScore(QStringLiteral("gtj"), QStringLiteral("Go to Jobs")) > 0);
    QCOMPARE(CommandPalette::matchScore(QStringLiteral("xyz"), QStringLiteral("Go to Jobs")), -1);
    QCOMPARE(CommandPalette::matchScore(QStringLiteral("jobs dark"), QStringLiteral("Go to Jobs")), -1);
    // Prefix beats word start beats inside; substring beats fuzzy.
    QVERIFY(CommandPalette::matchScore(QStringLiteral("go"), QStringLiteral("Go to Jobs"))
        > CommandPalette::matchScore(QStringLiteral("go"), QStringLiteral("View: Go")));
    QVERIFY(CommandPalette::matchScore(QStringLiteral("dark"), QStringLiteral("Theme: Dark"))
        > CommandPalette::matchScore(QStringLiteral("dark"), QStringLiteral("Theme: d-a-r-k")));
}

void TestMainWindow::navigationShortcuts()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto* navigation = window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    for (int i = MainWindow::PageCount - 1; i >= 0; --i) {
        QTest::keyClick(window.get(), Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
        QCOMPARE(window->currentPage(), i);
        QCOMPARE(navigation->currentRow(), i);
    }
    // Clicking the sidebar switches as well.
    const QRect rect = navigation->visualItemRect(navigation->item(MainWindow::WorkflowsPage));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
    QCOMPARE(window->currentPage(), int(MainWindow::WorkflowsPage));
    QCOMPARE(window->pages()->currentWidget()->objectName(), QStringLiteral("workflowsPage"));
}

void TestMainWindow::pageShortcutsAfterSidebarClick()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto* navigation = window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    const auto click = [&](int page) {
        const QRect rect = navigation->visualItemRect(navigation->item(page));
        QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window->currentPage(), page);
    };
    // The sidebar keeps the focus after a click; the page's shortcuts (whose context is the page) must still act.
    click(MainWindow::ScriptsPage);
    QVERIFY(navigation->hasFocus());
    const int scriptTabs = window->scriptsPage()->tabs()->count();
    QTest::keyClick(navigation, Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE(window->scriptsPage()->tabs()->count(), scriptTabs + 1);

    click(MainWindow::TemplatesPage);
    QVERIFY(navigation->hasFocus());
    const int templateTabs = window->templatesPage()->tabs()->count();
    QTest::keyClick(navigation, Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE(window->templatesPage()->tabs()->count(), templateTabs + 1);
    QCOMPARE(window->scriptsPage()->tabs()->count(), scriptTabs + 1); // only the current page's action ran

    click(MainWindow::InventoryPageIndex);
    QVERIFY(navigation->hasFocus());
    QTest::keyClick(navigation, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window->inventoryPage()->searchEdit()->hasFocus());

    // With nothing focused at all, the current page still gets its shortcuts.
    click(MainWindow::ScriptsPage);
    navigation->clearFocus();
    QTRY_VERIFY(!QApplication::focusWidget() || QApplication::focusWidget() == window.get());
    QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
    QTRY_COMPARE(window->scriptsPage()->tabs()->count(), scriptTabs + 2);

    for (LibraryPage* page :
        { static_cast<LibraryPage*>(window->scriptsPage()), static_cast<LibraryPage*>(window->templatesPage()) }) {
        for (int i = page->tabs()->count() - 1; i >= 0; --i) {
            Dialogs::setNextAnswer(QMessageBox::Discard);
            page->closeTab(i);
        }
    }
    Dialogs::setNextAnswer(QMessageBox::NoButton);
}

// The run dialog starts from the last plan, pause, policy, timeout and concurrency: after it was closed, and after a
// restart (they are kept in the workspace, so another workspace starts from the defaults).
void TestMainWindow::runSettingsRemembered()
{
    // Opens the run dialog, lets `use` read or change it, and closes it.
    const auto withRunDialog = [this](MainWindow* window, const std::function<void(RunDialog*)>& use) {
        bool shown = false;
        QTimer::singleShot(0, this, [&] {
            QTRY_VERIFY(qobject_cast<RunDialog*>(QApplication::activeModalWidget()));
            auto* dialog = qobject_cast<RunDialog*>(QApplication::activeModalWidget());
            shown = true;
            use(dialog);
            dialog->reject();
        });
        window->findChild<QAction*>(QStringLiteral("action.run"))->trigger();
        QVERIFY(shown);
    };
    const auto remembered = [](RunDialog* dialog) {
        QCOMPARE(dialog->planEdit()->text(), QStringLiteral("1 25% 100%"));
        QCOMPARE(dialog->failEdit()->text(), QStringLiteral("2"));
        QCOMPARE(dialog->pauseCombo()->currentIndex(), 2);
        QCOMPARE(dialog->timeoutBox()->value(), 120);
        QCOMPARE(dialog->concurrencyBox()->value(), 5);
    };
    {
        auto window = makeWindow();
        QVERIFY(window);
        withRunDialog(window.get(), [](RunDialog* dialog) {
            QCOMPARE(dialog->planEdit()->text(), QString()); // the defaults at first
            dialog->planEdit()->clear();
            QTest::keyClicks(dialog->planEdit(), QStringLiteral("1 25% 100%"));
            dialog->failEdit()->clear();
            QTest::keyClicks(dialog->failEdit(), QStringLiteral("2"));
            dialog->pauseCombo()->setCurrentIndex(2);
            dialog->timeoutBox()->setValue(120);
            dialog->concurrencyBox()->setValue(5);
        });
        withRunDialog(window.get(), remembered);
    }
    // A restart: a new window on the same workspace.
    auto window = makeWindow();
    QVERIFY(window);
    withRunDialog(window.get(), remembered);
    // Another workspace starts from the defaults.
    auto other = Startup::openOrCreate(m_dir->filePath(QStringLiteral("other.opsdeck")), true);
    QVERIFY(other.ok());
    window->setWorkspace(std::move(other.value()));
    withRunDialog(window.get(), [](RunDialog* dialog) {
        QCOMPARE(dialog->planEdit()->text(), QString());
        QCOMPARE(dialog->timeoutBox()->value(), 600);
    });
}

void TestMainWindow::themeSwitchChangesPalette()
{
    auto window = makeWindow();
    QVERIFY(window);
    QSignalSpy changed(Theme::instance(), &Theme::changed);
    auto* dark = window->findChild<QAction*>(QStringLiteral("action.theme.dark"));
    auto* light = window->findChild<QAction*>(QStringLiteral("action.theme.light"));
    QVERIFY(dark && light);

    dark->trigger();
    QVERIFY(Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() < 80);
    QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 180);
    QTRY_COMPARE(window->palette().color(QPalette::Window), Theme::color(QStringLiteral("window")));
    QCOMPARE(QSettings().value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
    QCOMPARE(changed.count(), 1);
    const QColor darkOnline = Theme::color(QStringLiteral("status.online"));
    if (const QString dir = qEnvironmentVariable("OPSDECK_TEST_SCREENSHOTS"); !dir.isEmpty()) {
        QTest::qWait(100);
        window->grab().save(dir + QLatin1String("/live-dark.png"));
    }

    light->trigger();
    QVERIFY(!Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Base).lightness() > 200);
    QVERIFY(Theme::color(QStringLiteral("status.online")) != darkOnline);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    QCOMPARE(changed.count(), 2);
}

void TestMainWindow::layoutRestored()
{
    QHash<QString, QList<int>> splitterSizes;
    QRect geometry;
    {
        auto window = makeWindow();
        QVERIFY(window);
        window->setGeometry(QRect(40, 50, 1100, 700));
        auto* main = window->findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        QVERIFY(main);
        main->setSizes({ 260, 840 });
        QTRY_COMPARE(main->sizes().value(0), 260);
        // The inventory page's own splitters (if any) are restored generically.
        for (QSplitter* splitter : window->findChildren<QSplitter*>()) {
            if (splitter != main && !splitter->objectName().isEmpty() && splitter->count() == 2) {
                const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
                splitter->setSizes({ total / 3, total - total / 3 });
            }
        }
        window->setCurrentPage(MainWindow::TemplatesPage);
        for (QSplitter* splitter : window->findChildren<QSplitter*>()) {
            // The main splitter and the inventory page's (shown at start); other pages' splitters were never laid
            // out in this test.
            if (!splitter->objectName().isEmpty()
                && (splitter == main || window->inventoryPage()->isAncestorOf(splitter))) {
                splitterSizes.insert(splitter->objectName(), splitter->sizes());
            }
        }
        geometry = window->geometry();
        window->close();
    }
    auto window = makeWindow();
    QVERIFY(window);
    QCOMPARE(window->currentPage(), int(MainWindow::TemplatesPage));
    QCOMPARE(window->geometry().size(), geometry.size());
    QVERIFY(splitterSizes.contains(QStringLiteral("mainSplitter")));
    for (auto it = splitterSizes.cbegin(); it != splitterSizes.cend(); ++it) {
        auto* splitter = window->findChild<QSplitter*>(it.key());
        QVERIFY2(splitter, qPrintable(it.key()));
        if (splitter->isVisible()) {
            QCOMPARE(splitter->sizes(), it.value());
        }
    }
    // A splitter of a page not shown yet gets its sizes when it is.
    window->setCurrentPage(MainWindow::InventoryPageIndex);
    for (auto it = splitterSizes.cbegin(); it != splitterSizes.cend(); ++it) {
        auto* splitter = window->findChild<QSplitter*>(it.key());
        QTRY_COMPARE(splitter->sizes(), it.value());
    }
}

void TestMainWindow::refusedWorkspaceShowsErrorAndKeepsFile()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.txt"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("These are my notes, not a workspace.\n");
    }
    const QByteArray before = fileHash(path);
    const QDateTime modified = QFileInfo(path).lastModified();

    QString shownError;
    answerStartupDialog(StartupErrorDialog::Choice::Quit, &shownError);
    std::unique_ptr<Workspace> workspace = Startup::openInteractively(path);
    QVERIFY(!workspace);
    QVERIFY2(shownError.contains(QLatin1String("not an OpsDeck workspace")), qPrintable(shownError));
    QVERIFY(shownError.contains(QFileInfo(path).absoluteFilePath()));
    QCOMPARE(fileHash(path), before);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
    QVERIFY(!QFile::exists(path + QLatin1String("-wal")));
    QVERIFY(!QFile::exists(path + QLatin1String("-journal")));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files), QStringList { QStringLiteral("notes.txt") });
}

void TestMainWindow::refusedWorkspaceOpenAnother()
{
    const QString path = m_dir->filePath(QStringLiteral("future.opsdeck"));
    {
        // A workspace from a newer OpsDeck: refused, and left as it is.
        QVERIFY(Workspace::createAtVersion(path, Workspace::kSchemaVersion).ok());
        auto opened = Workspace::open(path);
        QVERIFY(opened.ok());
        QSqlQuery(opened.value()->database())
            .exec(QStringLiteral("PRAGMA user_version=%1").arg(Workspace::kSchemaVersion + 5));
    }
    const QByteArray before = fileHash(path);
    const QString other = m_dir->filePath(QStringLiteral("other.opsdeck"));
    int asked = 0;
    Startup::setFileChooser([&asked, other](QWidget*, bool create) {
        ++asked;
        return create ? other : QString();
    });
    QString shownError;
    answerStartupDialog(StartupErrorDialog::Choice::CreateNew, &shownError);
    std::unique_ptr<Workspace> workspace = Startup::openInteractively(path);
    QVERIFY(workspace);
    QCOMPARE(asked, 1);
    QVERIFY2(shownError.contains(QLatin1String("newer OpsDeck")), qPrintable(shownError));
    QCOMPARE(QFileInfo(workspace->path()).absoluteFilePath(), QFileInfo(other).absoluteFilePath());
    QCOMPARE(fileHash(path), before);
    QCOMPARE(QSettings().value(QStringLiteral("workspace/last")).toString(), workspace->path());
}

void TestMainWindow::openWorkspaceFromMenu()
{
    auto window = makeWindow();
    QVERIFY(window);
    const QString original = window->workspace()->path();

    // A refused file: the message bar says why, the open workspace stays, the file is untouched.
    const QString notes = m_dir->filePath(QStringLiteral("notes.txt"));
    {
        QFile f(notes);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a workspace\n");
    }
    const QByteArray before = fileHash(notes);
    QString next = notes;
    Startup::setFileChooser([&next](QWidget*, bool) { return next; });
    auto* open = window->findChild<QAction*>(QStringLiteral("action.openWorkspace"));
    QVERIFY(open);
    open->trigger();
    QVERIFY(window->messageBar()->isVisible());
    QVERIFY2(window->messageBar()->text().contains(QLatin1String("not an OpsDeck workspace")),
        qPrintable(window->messageBar()->text()));
    QCOMPARE(window->workspace()->path(), original);
    QCOMPARE(fileHash(notes), before);

    // A good one replaces the workspace and the inventory page; the undo history starts afresh.
    next = m_dir->filePath(QStringLiteral("second.opsdeck"));
    QVERIFY(Startup::openOrCreate(next, false).ok());
    open->trigger();
    QCOMPARE(QFileInfo(window->workspace()->path()).fileName(), QStringLiteral("second.opsdeck"));
    QVERIFY(!window->messageBar()->isVisible());
    QCOMPARE(window->undoStack()->count(), 0);
    QVERIFY(window->findChild<QWidget*>(QStringLiteral("inventoryPage")));
    QVERIFY(window->findChild<QLabel*>(QStringLiteral("statusWorkspace"))
                ->toolTip()
                .endsWith(QLatin1String("second.opsdeck")));
}

void TestMainWindow::chineseTranslationLoads()
{
    QVERIFY(Startup::installTranslators(QStringLiteral("zh_CN")));
    QCOMPARE(Startup::currentLanguage(), QStringLiteral("zh_CN"));
    QCOMPARE(QCoreApplication::translate("MainWindow", "Inventory"), QStringLiteral("主机清单"));
    // Qt's own strings (standard buttons) come from the system's qtbase catalogue when it is installed.
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QLatin1String("/qtbase_zh_CN.qm"))) {
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    }
    auto window = makeWindow();
    QVERIFY(window);
    auto* navigation = window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QCOMPARE(navigation->item(MainWindow::InventoryPageIndex)->text(), QStringLiteral("主机清单"));
    QCOMPARE(navigation->item(MainWindow::JobsPage)->text(), QStringLiteral("作业"));
    // The palette searches the translated labels.
    QTest::keyClick(window.get(), Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(window->commandPalette()->isVisible());
    // Chinese is typed through an input method, which delivers committed text rather than key presses.
    window->commandPalette()->lineEdit()->setText(QStringLiteral("作业"));
    QVERIFY(window->commandPalette()->visibleLabels().contains(QStringLiteral("转到作业")));
    QTest::keyClick(window->commandPalette()->lineEdit(), Qt::Key_Escape);
    QVERIFY(Startup::installTranslators(QStringLiteral("en")));
    QTRY_COMPARE(navigation->item(MainWindow::InventoryPageIndex)->text(), QStringLiteral("Inventory"));
}

void TestMainWindow::languageSwitchesLive()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto* navigation = window->findChild<QListWidget*>(QStringLiteral("navigation"));
    QCOMPARE(navigation->item(MainWindow::ScriptsPage)->text(), QStringLiteral("Scripts"));
    window->findChild<QAction*>(QStringLiteral("action.language.zh_CN"))->trigger();
    QTRY_COMPARE(navigation->item(MainWindow::ScriptsPage)->text(), QStringLiteral("脚本"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));
    QCOMPARE(Startup::resolveLanguage(QString()), QStringLiteral("zh_CN"));
    window->findChild<QAction*>(QStringLiteral("action.language.en"))->trigger();
    QTRY_COMPARE(navigation->item(MainWindow::ScriptsPage)->text(), QStringLiteral("Scripts"));
}

void TestMainWindow::statusBarShowsBackendAndWorkspace()
{
    auto window = makeWindow();
    QVERIFY(window);
    auto* backend = window->findChild<QLabel*>(QStringLiteral("statusBackend"));
    auto* workspace = window->findChild<QLabel*>(QStringLiteral("statusWorkspace"));
    QVERIFY(backend && workspace);
    QVERIFY(backend->text().contains(QLatin1String("Direct SSH")));
    QCOMPARE(workspace->toolTip(), QDir::toNativeSeparators(QFileInfo(workspacePath()).absoluteFilePath()));
    window->backendInfo()->setServer(QStringLiteral("https://ops.example:8443"));
    QVERIFY(backend->text().contains(QLatin1String("https://ops.example:8443")));
    auto* hosts = window->findChild<QLabel*>(QStringLiteral("statusHosts"));
    QVERIFY(hosts);
    QTRY_VERIFY(hosts->text().contains(QLatin1String(" hosts")));
}

// The data-loss report, through the window: a new default workspace (the demo inventory, whose "all" holds
// ansible_user and ntp_servers), Ctrl+I, a file with one group and one host. The preview shows the change, the
// import merges, and one Ctrl+Z takes it back.
void TestMainWindow::importIntoDemoWorkspaceKeepsVariables()
{
    const QString file = m_dir->filePath(QStringLiteral("small.ini"));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[farm]\nfarm-01 ansible_host=10.9.0.1\n");
    }
    auto window = makeWindow();
    QVERIFY(window);
    InventoryPage* page = window->inventoryPage();
    QTRY_VERIFY_WITH_TIMEOUT(
        !page->isLoading() && page->currentInventory().host(QStringLiteral("mongodb-js-01")), 20000);
    const QVariantMap before = page->currentInventory().resolveVars(QStringLiteral("mongodb-js-01"));
    QCOMPARE(before.value(QStringLiteral("ansible_user")).toString(), QStringLiteral("ops"));
    QVERIFY(before.contains(QStringLiteral("ntp_servers")));
    const int hosts = int(page->currentInventory().hosts().size());

    page->hostView()->setFocus();
    QTRY_VERIFY(page->hostView()->hasFocus());
    QTest::keyClick(page->hostView(), Qt::Key_I, Qt::ControlModifier);
    ImportDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = page->findChild<ImportDialog*>()) != nullptr);
    dialog->setPath(file);
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReviewing(), 20000);
    QCOMPARE(dialog->plan()->diff.vars(InventoryDiff::VarChange::Kind::Removed), 0);
    QCOMPARE(dialog->changesView()->topLevelItemCount(), 2); // group farm, host farm-01: "all" is untouched
    if (const QString shots = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !shots.isEmpty()) {
        dialog->resize(860, 460);
        const auto shoot = [&](const QString& name) {
            QApplication::processEvents();
            QTest::qWait(100);
            QVERIFY(dialog->grab().save(shots + QLatin1Char('/') + name));
        };
        shoot(QStringLiteral("import-preview-light-en.png"));
        Theme::instance()->setMode(Theme::Mode::Dark);
        Startup::installTranslators(QStringLiteral("zh_CN"));
        dialog->setMode(InventoryImportPlan::Mode::Replace);
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->isReviewing() && dialog->plan()->mode == InventoryImportPlan::Mode::Replace, 20000);
        shoot(QStringLiteral("import-replace-dark-zh.png"));
        Startup::installTranslators(QStringLiteral("en"));
        Theme::instance()->setMode(Theme::Mode::Light);
        dialog->setMode(InventoryImportPlan::Mode::Merge);
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog->isReviewing() && dialog->plan()->mode == InventoryImportPlan::Mode::Merge, 20000);
    }
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(page->currentInventory().host(QStringLiteral("farm-01")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 20000);
    const QVariantMap after = page->currentInventory().resolveVars(QStringLiteral("mongodb-js-01"));
    QCOMPARE(after, before);
    QCOMPARE(int(page->currentInventory().hosts().size()), hosts + 1);

    QVERIFY(window->undoStack()->canUndo());
    QApplication::setActiveWindow(window.get());
    page->hostView()->setFocus();
    QTRY_VERIFY(page->hostView()->hasFocus());
    QTest::keyClick(page->hostView(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(!page->currentInventory().host(QStringLiteral("farm-01")), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isLoading(), 20000);
    QCOMPARE(int(page->currentInventory().hosts().size()), hosts);
    auto reopened = Workspace::open(workspacePath());
    QVERIFY(reopened);
    auto stored = (*reopened)->loadInventory();
    QVERIFY(stored);
    QVERIFY(!stored->host(QStringLiteral("farm-01")));
    QVERIFY(!stored->group(QStringLiteral("farm")));
    QCOMPARE(stored->resolveVars(QStringLiteral("mongodb-js-01")), before);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
