// The script library and editor as an operator uses them: type into the editor, tag, save two versions, open the
// history diff, see danger and ShellCheck marks, import files, recover drafts after a crash, edit danger rules —
// inside the real main window. With OPSDECK_SCREENSHOT_DIR set it also writes screenshots in both themes and
// both languages.
#include "DiffView.h"
#include "FindReplaceBar.h"
#include "MainWindow.h"
#include "ScriptEditor.h"
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "scripts/DangerRulesDialog.h"
#include "scripts/ScriptEditorTab.h"
#include "scripts/ScriptHistoryDialog.h"
#include "scripts/ScriptListModel.h"
#include "scripts/ScriptStore.h"
#include "scripts/ScriptsPage.h"
#include "scripts/ShellCheck.h"
#include "store/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

class TestScriptsPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void typeTagSaveTwiceAndDiff();
    void dangerAndShellCheckMarks();
    void unsavedTabAsksBeforeClosing();
    void importFilesWithRefusals();
    void tagFilterAndSearch();
    void draftsSurviveACrash();
    void dangerRulesDialogValidatesAsTyped();
    void largeScriptStaysResponsive();
    void screenshots();

private:
    std::unique_ptr<MainWindow> makeWindow();
    ScriptsPage* page() const { return m_window->scriptsPage(); }
    QString wsPath() const { return m_dir->filePath(QStringLiteral("ws.opsdeck")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestScriptsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_scriptspage"));
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestScriptsPage::init()
{
    QSettings().clear();
    Startup::installTranslators(QStringLiteral("en"));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->setCurrentPage(MainWindow::ScriptsPage);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestScriptsPage::cleanup()
{
    Dialogs::setNextAnswer(QMessageBox::Discard);
    if (m_window) {
        for (int i = page()->tabs()->count() - 1; i >= 0; --i) {
            Dialogs::setNextAnswer(QMessageBox::Discard);
            page()->closeTab(i);
        }
    }
    Dialogs::setNextAnswer(QMessageBox::NoButton);
    m_window.reset();
    m_dir.reset();
}

std::unique_ptr<MainWindow> TestScriptsPage::makeWindow()
{
    auto ws = Workspace::open(wsPath(), Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        qWarning("%s", qPrintable(ws.errorString()));
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(std::move(*ws));
    window->resize(1400, 860);
    return window;
}

void TestScriptsPage::typeTagSaveTwiceAndDiff()
{
    page()->action(QStringLiteral("scripts.new"))->trigger();
    ScriptEditorTab* tab = page()->currentTab();
    QVERIFY(tab);
    QVERIFY(tab->isModified());
    QVERIFY(page()->tabs()->tabText(0).endsWith(QStringLiteral(" ●")));
    tab->nameEdit()->setText(QStringLiteral("rotate-logs"));
    tab->tagsEdit()->setText(QStringLiteral("logs maintenance"));
    tab->editor()->setFocus();
    tab->editor()->setCursorPosition(2, 0);
    QTest::keyClicks(tab->editor(), QStringLiteral("find /var/log -name '*.gz' -mtime +30 -delete"));
    QTest::keyClick(tab->editor(), Qt::Key_Return);
    QVERIFY(tab->editor()->text().contains(QLatin1String("-mtime +30")));
    QVERIFY(page()->saveTab(tab));
    QCOMPARE(tab->stored().version, 1);
    QVERIFY(!tab->isModified());
    QCOMPARE(page()->tabs()->tabText(0), QStringLiteral("rotate-logs"));

    // Second version: Ctrl+S from the editor, with a change note.
    QTest::keyClicks(tab->editor(), QStringLiteral("echo rotated"));
    QTest::keyClick(tab->editor(), Qt::Key_Return);
    QVERIFY(tab->isModified());
    tab->findChild<QLineEdit*>(QStringLiteral("changeNote"))->setText(QStringLiteral("say so"));
    QTest::keySequence(tab->editor(), QKeySequence::Save);
    QTRY_COMPARE(tab->stored().version, 2);
    QVERIFY(!tab->isModified());

    ScriptStore store(*m_window->workspace());
    auto versions = store.versions(tab->stored().id);
    QCOMPARE(versions->size(), 2);
    QCOMPARE(versions->at(1).message, QStringLiteral("say so"));
    QCOMPARE(
        store.load(tab->stored().id)->tags, (QStringList { QStringLiteral("logs"), QStringLiteral("maintenance") }));
    QCOMPARE(page()->model()->rowCount(), 1);

    ScriptHistoryDialog dialog(&store, tab->stored().id, page());
    QCOMPARE(dialog.versionList()->topLevelItemCount(), 2);
    dialog.selectVersions(1, 2);
    QCOMPARE(dialog.diffView()->changeCount(), 1);
    QVERIFY(dialog.restoreButton()->isEnabled() == false); // two selected
    dialog.selectVersions(1);
    QVERIFY(dialog.restoreButton()->isEnabled());
    QSignalSpy restored(&dialog, &ScriptHistoryDialog::restored);
    QVERIFY(dialog.restoreSelected());
    QCOMPARE(restored.size(), 1);
    QCOMPARE(store.versions(tab->stored().id)->size(), 3);
    QCOMPARE(dialog.versionList()->topLevelItemCount(), 3);
}

void TestScriptsPage::dangerAndShellCheckMarks()
{
    ScriptEditorTab* tab = page()->newScript();
    tab->nameEdit()->setText(QStringLiteral("cleanup"));
    tab->editor()->setText(QStringLiteral("#!/bin/bash\nDIR=$1\nrm -rf \"$DIR\"/\necho $DIR\n"));
    tab->checkNow();
    QCOMPARE(tab->dangerFindings().size(), 1);
    QCOMPARE(tab->dangerFindings().first().code, QStringLiteral("rm-empty-var"));
    QCOMPARE(tab->dangerFindings().first().line, 3);
    QVERIFY(tab->findingsLabel()->text().contains(QLatin1String("Blocking: 1 (must be acknowledged")));
    const QString tip = tab->editor()->findingsToolTipAt(3, 1);
    QVERIFY2(tip.contains(QLatin1String("rm-empty-var")), qPrintable(tip));
    if (!ShellCheck::available()) {
        QSKIP("shellcheck is not installed");
    }
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isShellChecking(), 20000);
    QVERIFY(!tab->shellCheckFindings().isEmpty());
    bool sc2086 = false;
    for (const ScriptFinding& f : tab->shellCheckFindings()) {
        sc2086 = sc2086 || (f.code == QLatin1String("SC2086") && f.line == 4);
    }
    QVERIFY(sc2086);
    QVERIFY(tab->editor()->findingsToolTipAt(4, 6).contains(QLatin1String("SC2086")));
    QVERIFY(tab->findingsLabel()->text().contains(QLatin1String("ShellCheck")));

    // Typing schedules a new check after a pause; fixing the line clears the danger mark.
    tab->editor()->setText(QStringLiteral("#!/bin/bash\nDIR=$1\nrm -rf \"${DIR:?}\"/\necho \"$DIR\"\n"));
    QTRY_VERIFY_WITH_TIMEOUT(tab->dangerFindings().isEmpty(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isShellChecking() && tab->shellCheckFindings().isEmpty(), 20000);
}

void TestScriptsPage::unsavedTabAsksBeforeClosing()
{
    ScriptEditorTab* tab = page()->newScript();
    tab->nameEdit()->setText(QStringLiteral("keepme"));
    const int asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!page()->closeTab(0));
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QCOMPARE(page()->tabs()->count(), 1);
    // Closing the window asks too, and Cancel keeps it open.
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    Dialogs::setNextAnswer(QMessageBox::Save);
    QVERIFY(page()->closeTab(0));
    QCOMPARE(page()->model()->rowCount(), 1);
    QCOMPARE(page()->tabs()->count(), 0);
}

void TestScriptsPage::importFilesWithRefusals()
{
    const auto write = [&](const QString& name, const QByteArray& bytes) {
        QFile f(m_dir->filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return f.fileName();
    };
    const QStringList files { write(QStringLiteral("a.sh"), "#!/bin/sh\necho a\n"),
        write(QStringLiteral("b.py"), "print('b')\n"), write(QStringLiteral("c.pl"), "print 'c';\n"),
        write(QStringLiteral("latin.sh"), "echo caf\xe9\n"),
        write(QStringLiteral("bin.sh"), QByteArray("\x7f\0\0", 3)) };
    QCOMPARE(page()->importFiles(files), 3);
    QCOMPARE(page()->model()->rowCount(), 3);
    QVERIFY(page()->messageBar()->isVisible());
    QVERIFY(page()->messageBar()->text().contains(QLatin1String("latin.sh")));
    QVERIFY(page()->messageBar()->text().contains(QLatin1String("bin.sh")));
    // The same file again is a new version, not a duplicate.
    write(QStringLiteral("a.sh"), "#!/bin/sh\necho a2\n");
    QCOMPARE(page()->importFiles({ files.first() }), 1);
    QCOMPARE(page()->model()->rowCount(), 3);
    const Script* a = nullptr;
    for (const Script& s : page()->model()->scripts()) {
        if (s.name == QLatin1String("a")) {
            a = &s;
        }
    }
    QVERIFY(a);
    QCOMPARE(a->version, 2);
    QCOMPARE(a->language, ScriptLanguage::Sh);

    // Dropping files on the page imports them.
    const QString dropped = write(QStringLiteral("dropped.pl"), "#!/usr/bin/perl\nprint 1;\n");
    QMimeData mime;
    mime.setUrls({ QUrl::fromLocalFile(dropped) });
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(page(), &drop);
    QCOMPARE(page()->model()->rowCount(), 4);

    // Clone the selected script, then export it to a file.
    const qint64 id = a->id;
    page()->table()->setCurrentIndex(
        page()->filter()->mapFromSource(page()->model()->index(page()->model()->rowOfId(id), 0)));
    Dialogs::setNextText(QStringLiteral("a-copy"));
    page()->action(QStringLiteral("scripts.clone"))->trigger();
    QCOMPARE(page()->model()->rowCount(), 5);
    QCOMPARE(page()->currentTab()->stored().name, QStringLiteral("a-copy"));
    const QString out = m_dir->filePath(QStringLiteral("exported.sh"));
    page()->exportScript(id, out);
    QFile exported(out);
    QVERIFY(exported.open(QIODevice::ReadOnly));
    QCOMPARE(exported.readAll(), QByteArray("#!/bin/sh\necho a2\n"));
    QVERIFY(QFileInfo(out).isExecutable());
}

void TestScriptsPage::tagFilterAndSearch()
{
    ScriptStore store(*m_window->workspace());
    const auto add = [&](const QString& name, const QStringList& tags, const QString& content) {
        Script s;
        s.name = name;
        s.tags = tags;
        s.content = content;
        QVERIFY(store.create(s).ok());
    };
    add(QStringLiteral("mongo-backup"), { QStringLiteral("db"), QStringLiteral("mongodb") },
        QStringLiteral("mongodump\n"));
    add(QStringLiteral("mysql-backup"), { QStringLiteral("db"), QStringLiteral("mysql") },
        QStringLiteral("mysqldump\n"));
    add(QStringLiteral("nginx-reload"), { QStringLiteral("web") }, QStringLiteral("nginx -s reload\n"));
    page()->reload();
    QCOMPARE(page()->tagList()->count(), 4);
    QCOMPARE(page()->tagList()->item(0)->text(), QStringLiteral("db (2)"));
    page()->setTagFilter({ QStringLiteral("db") });
    QCOMPARE(page()->filter()->rowCount(), 2);
    page()->setTagFilter({ QStringLiteral("db"), QStringLiteral("mysql") });
    QCOMPARE(page()->filter()->rowCount(), 1);
    page()->setTagFilter({});
    QTest::keyClicks(page()->searchField(), QStringLiteral("RELOAD"));
    QCOMPARE(page()->filter()->rowCount(), 1);
    QCOMPARE(page()->filter()->index(0, 0).data().toString(), QStringLiteral("nginx-reload"));
    page()->searchField()->clear();

    // Rename a tag from the library (the tag list's context menu).
    Dialogs::setNextText(QStringLiteral("database"));
    page()->renameTag(QStringLiteral("db"));
    QCOMPARE(page()->tagList()->item(0)->text(), QStringLiteral("database (2)"));
    QCOMPARE(store.tagCounts()->first(), (QPair<QString, int>(QStringLiteral("database"), 2)));
}

void TestScriptsPage::draftsSurviveACrash()
{
    ScriptEditorTab* tab = page()->newScript();
    tab->nameEdit()->setText(QStringLiteral("unsaved-work"));
    tab->editor()->setText(QStringLiteral("#!/bin/bash\necho precious\n"));
    page()->saveDrafts();
    // A crash: the window goes away without asking (the drafts are in the workspace already).
    m_window->scriptsPage()->tabs()->clear();
    m_window.reset();
    m_window = makeWindow();
    QVERIFY(m_window);
    QVERIFY(page()->messageBar()->isVisibleTo(page()));
    QCOMPARE(page()->recoverDrafts(), 1);
    ScriptEditorTab* back = page()->currentTab();
    QVERIFY(back);
    QCOMPARE(back->nameEdit()->text(), QStringLiteral("unsaved-work"));
    QVERIFY(back->editor()->text().contains(QLatin1String("precious")));
    QVERIFY(back->isModified());
    QVERIFY(page()->saveTab(back));
    QVERIFY(m_window->workspace()->settingKeys(QStringLiteral("scripts/draft/")).isEmpty());
}

void TestScriptsPage::dangerRulesDialogValidatesAsTyped()
{
    DangerRulesDialog dialog({}, page());
    QVERIFY(dialog.table()->rowCount() >= 10);
    const int row = dialog.addRule();
    QCOMPARE(dialog.table()->currentRow(), row);
    dialog.patternEdit()->clear();
    QTest::keyClicks(dialog.patternEdit(), QStringLiteral("yum\\h+(remove"));
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY2(
        dialog.patternError()->text().contains(QLatin1String("column 14")), qPrintable(dialog.patternError()->text()));
    QTest::keyClicks(dialog.patternEdit(), QStringLiteral(")"));
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(dialog.patternError()->text().isEmpty());
    QTest::keyClicks(dialog.sampleEdit(), QStringLiteral("yum remove httpd"));
    QVERIFY2(
        dialog.sampleResult()->text().contains(QLatin1String("Matches")), qPrintable(dialog.sampleResult()->text()));
    const QList<DangerRule> user = dialog.userRules();
    QCOMPARE(user.size(), 1);
    QCOMPARE(user.first().pattern, QStringLiteral("yum\\h+(remove)"));
    // An unchanged built-in rule is not stored; resetting a changed one drops its override.
    dialog.selectRule(0);
    dialog.patternEdit()->setText(dialog.patternEdit()->text() + QStringLiteral("x"));
    Q_EMIT dialog.patternEdit()->textEdited(dialog.patternEdit()->text());
    QCOMPARE(dialog.userRules().size(), 2);
    dialog.removeOrReset();
    QCOMPARE(dialog.userRules().size(), 1);
}

void TestScriptsPage::largeScriptStaysResponsive()
{
    QString big;
    big.reserve(5 * 1024 * 1024 + 100);
    big += QStringLiteral("#!/bin/bash\n");
    int i = 0;
    while (big.size() < 5 * 1024 * 1024) {
        big += QStringLiteral("echo \"line %1 of a generated script\" >> /tmp/out.log\n").arg(++i);
    }
    QElapsedTimer t;
    t.start();
    ScriptEditorTab* tab = page()->newScript();
    tab->editor()->setText(big);
    tab->checkNow();
    const qint64 open = t.elapsed();
    QVERIFY(tab->isDangerChecking()); // in the background: the GUI thread does not wait for it
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isDangerChecking(), 20000);
    QVERIFY(tab->dangerFindings().isEmpty());
    t.restart();
    tab->editor()->setCursorPosition(1000, 0);
    QTest::keyClicks(tab->editor(), QStringLiteral("x"));
    QApplication::processEvents();
    const qint64 key = t.elapsed();
    qInfo() << "5 MB script: open + check" << open << "ms, one keystroke" << key << "ms";
    QVERIFY2(open < 15000, qPrintable(QString::number(open)));
    QVERIFY2(key < 2000, qPrintable(QString::number(key)));
}

void TestScriptsPage::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the script library");
    }
    ScriptStore store(*m_window->workspace());
    const auto add = [&](const QString& name, Script::Kind kind, const QStringList& tags, const QString& description,
                         const QString& content) {
        Script s;
        s.name = name;
        s.kind = kind;
        s.tags = tags;
        s.description = description;
        s.content = content;
        return *store.create(s, QStringLiteral("imported"));
    };
    add(QStringLiteral("init-server"), Script::Kind::System, { QStringLiteral("init"), QStringLiteral("base") },
        QStringLiteral("Prepare a new server"),
        QStringLiteral("#!/bin/bash\nset -euo pipefail\nhostnamectl set-hostname \"$1\"\n"));
    add(QStringLiteral("mongo-backup"), Script::Kind::System, { QStringLiteral("db"), QStringLiteral("mongodb") },
        QStringLiteral("Nightly dump"), QStringLiteral("#!/bin/bash\nmongodump --out /backup\n"));
    add(QStringLiteral("nginx-reload"), Script::Kind::User, { QStringLiteral("web") }, QStringLiteral("Reload nginx"),
        QStringLiteral("#!/bin/sh\nnginx -t && nginx -s reload\n"));
    Script clean = add(QStringLiteral("clean-release"), Script::Kind::User,
        { QStringLiteral("release"), QStringLiteral("web") }, QStringLiteral("Remove an old release directory"),
        QStringLiteral("#!/bin/bash\n# Remove an old release of the web app.\nRELEASE_DIR=$1\n\ncd /srv/app\n"
                       "rm -rf \"$RELEASE_DIR\"/\nfor f in $(ls *.tar.gz); do\n    echo removing $f\n    rm $f\ndone\n"
                       "systemctl restart app\n"));
    clean.content.replace(QStringLiteral("systemctl restart app\n"), QStringLiteral("systemctl restart app\nreboot\n"));
    QVERIFY(store.save(clean, QStringLiteral("reboot after release")).ok());
    page()->reload();
    ScriptEditorTab* tab = page()->openScript(clean.id);
    QVERIFY(tab);
    tab->checkNow();
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isShellChecking(), 20000);
    tab->editor()->setCursorPosition(5, 10);
    const auto shoot = [&](const QString& name) {
        QApplication::processEvents();
        QTest::qWait(150);
        QVERIFY(m_window->grab().save(dir + QLatin1Char('/') + name));
    };
    shoot(QStringLiteral("scripts-editor.png"));
    Theme::instance()->setMode(Theme::Mode::Dark);
    shoot(QStringLiteral("scripts-editor-dark.png"));
    Startup::installTranslators(QStringLiteral("zh_CN"));
    shoot(QStringLiteral("scripts-editor-dark-zh.png"));
    Theme::instance()->setMode(Theme::Mode::Light);
    shoot(QStringLiteral("scripts-editor-zh.png"));
    {
        ScriptHistoryDialog dialog(&store, clean.id, page());
        dialog.show();
        QApplication::processEvents();
        QTest::qWait(150);
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/scripts-history-zh.png")));
    }
    Startup::installTranslators(QStringLiteral("en"));
    {
        ScriptHistoryDialog dialog(&store, clean.id, page());
        dialog.show();
        QApplication::processEvents();
        QTest::qWait(150);
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/scripts-history.png")));
        Theme::instance()->setMode(Theme::Mode::Dark);
        QApplication::processEvents();
        QTest::qWait(150);
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/scripts-history-dark.png")));
        Theme::instance()->setMode(Theme::Mode::Light);
    }
    {
        DangerRulesDialog dialog({}, page());
        dialog.addRule();
        dialog.patternEdit()->setText(QStringLiteral("yum\\h+(remove"));
        QTest::keyClicks(dialog.patternEdit(), QStringLiteral(" "));
        dialog.show();
        QApplication::processEvents();
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/scripts-danger-rules.png")));
    }
}

QTEST_MAIN(TestScriptsPage)
#include "tst_scriptspage.moc"
