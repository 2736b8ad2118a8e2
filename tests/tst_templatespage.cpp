// The template library and editor in the real main window: type into the editor and see the preview follow, an
// error underlined at its line and column with its message, the undefined variables for the host, hover text with
// the value's layer, two hosts' outputs side by side, save and history, unsaved tabs and drafts. With
// OPSDECK_SCREENSHOT_DIR set it also writes screenshots in both themes and both languages.
#include "DiffView.h"
#include "MainWindow.h"
#include "ScriptEditor.h"
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "inventory/InventoryPage.h"
#include "jobs/RunDialog.h"
#include "store/Workspace.h"
#include "templates/TemplateEditorTab.h"
#include "templates/TemplateHistoryDialog.h"
#include "templates/TemplateListModel.h"
#include "templates/TemplateStore.h"
#include "templates/TemplatesPage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolTip>
#include <QTreeWidget>

class TestTemplatesPage : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void demoLibraryIsListed();
    void typingUpdatesThePreview();
    void errorIsUnderlinedAtItsPlace();
    void undefinedVariablesAreListed();
    void hoverShowsValueAndLayer();
    void twoHostsSideBySide();
    void jobVariablesFillThePreview();
    void ctrlROnUnsavedTemplate();
    void largeTemplateRendersOnAWorker();
    void saveVersionsAndHistory();
    void unsavedTabAsksBeforeClosing();
    void draftsSurviveACrash();
    void screenshots();

private:
    std::unique_ptr<MainWindow> makeWindow();
    TemplatesPage* page() const { return m_window->templatesPage(); }
    QString wsPath() const { return m_dir->filePath(QStringLiteral("ws.opsdeck")); }
    TemplateEditorTab* openNamed(const QString& name);
    // Types at the end of the template and waits for the preview that follows.
    void typeAtEnd(TemplateEditorTab* tab, const QString& text);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestTemplatesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setOrganizationName(QStringLiteral("OpsDeckTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_templatespage"));
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestTemplatesPage::init()
{
    QSettings().clear();
    Startup::installTranslators(QStringLiteral("en"));
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    {
        auto ws = Workspace::open(wsPath(), Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws.ok());
        QVERIFY((*ws)->saveInventory(DemoInventory::make()).ok());
        QVERIFY(DemoTemplates::addTo(**ws).ok());
    }
    m_window = makeWindow();
    QVERIFY(m_window);
    m_window->setCurrentPage(MainWindow::TemplatesPage);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!page()->inventory().hosts().isEmpty(), 20000);
}

void TestTemplatesPage::cleanup()
{
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

std::unique_ptr<MainWindow> TestTemplatesPage::makeWindow()
{
    auto ws = Workspace::open(wsPath(), Workspace::OpenMode::OpenExisting);
    if (!ws) {
        qWarning("%s", qPrintable(ws.errorString()));
        return nullptr;
    }
    auto window = std::make_unique<MainWindow>(std::move(*ws));
    window->resize(1500, 900);
    return window;
}

TemplateEditorTab* TestTemplatesPage::openNamed(const QString& name)
{
    for (const ConfigTemplate& t : page()->model()->templates()) {
        if (t.name == name) {
            return page()->openTemplate(t.id);
        }
    }
    return nullptr;
}

void TestTemplatesPage::typeAtEnd(TemplateEditorTab* tab, const QString& text)
{
    tab->editor()->setFocus();
    const int last = tab->editor()->lines() - 1;
    tab->editor()->setCursorPosition(last, int(tab->editor()->text(last).size()));
    QTest::keyClicks(tab->editor(), text);
}

void TestTemplatesPage::demoLibraryIsListed()
{
    QCOMPARE(page()->model()->rowCount(), 4);
    QTest::keyClicks(page()->searchField(), QStringLiteral("mongo"));
    QCOMPARE(page()->table()->model()->rowCount(), 1);
    page()->table()->setCurrentIndex(page()->table()->model()->index(0, 0));
    page()->action(QStringLiteral("templates.open"))->trigger();
    QVERIFY(page()->currentTab());
    QCOMPARE(page()->currentTab()->stored().name, QStringLiteral("mongod.conf"));
}

void TestTemplatesPage::typingUpdatesThePreview()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("hosts"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-01"));
    tab->renderNow();
    QVERIFY2(tab->lastOutcome().ok, qPrintable(tab->lastOutcome().error.toString()));
    QVERIFY(tab->previewView()->text().contains(QStringLiteral("web-js-01")));
    QSignalSpy updated(tab, &TemplateEditorTab::previewUpdated);
    QElapsedTimer timer;
    timer.start();
    typeAtEnd(tab, QStringLiteral("# idc {{ idc }}"));
    // The preview follows typing after the 30 ms pause; "within 50 ms" is measured in bench_template_preview, here
    // only that it arrives without any explicit refresh.
    QTRY_VERIFY_WITH_TIMEOUT(tab->previewView()->text().contains(QStringLiteral("# idc js")), 5000);
    QVERIFY(updated.count() >= 1);
    QVERIFY(tab->isModified());
    QVERIFY(page()->tabs()->tabText(page()->tabs()->currentIndex()).endsWith(QStringLiteral(" ●")));
    QVERIFY(tab->statusLabel()->text().contains(QStringLiteral("web-js-01")));
    // Another host: the preview re-renders with its variables.
    tab->setHost(QStringLiteral("web-bj-01"));
    QTRY_VERIFY(tab->previewView()->text().contains(QStringLiteral("# idc bj")));
}

void TestTemplatesPage::errorIsUnderlinedAtItsPlace()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("chrony.conf"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-01"));
    tab->editor()->setText(QStringLiteral("ok\nport {{ 1 // 0 }}\n"));
    tab->renderNow();
    QVERIFY(!tab->lastOutcome().ok);
    const ScriptFindings findings = tab->editor()->findings(ScriptFinding::Source::Template);
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().line, 2);
    // The whole tag is underlined: "{{ 1 // 0 }}" starts at column 6.
    QCOMPARE(findings.first().column, 6);
    QCOMPARE(findings.first().length, 12);
    QVERIFY(findings.first().message.contains(QStringLiteral("division")));
    // The underline is really there at that place in the document.
    const int position = tab->editor()->positionFromLineColumn(2, 8);
    const int indicator = ScriptEditor::indicatorFor(ScriptFinding::Source::Template, ScriptFinding::Severity::Error);
    QVERIFY(tab->editor()->SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, indicator, position) != 0);
    QVERIFY(tab->editor()->SendScintilla(
                QsciScintillaBase::SCI_INDICATORVALUEAT, indicator, tab->editor()->positionFromLineColumn(2, 2))
        == 0);
    // Tooltip at the place and the status line say it.
    QVERIFY(tab->editor()->hoverTextAt(2, 8).contains(QStringLiteral("division")));
    QVERIFY(tab->statusLabel()->text().startsWith(QStringLiteral("Line 2, column")));
    // A syntax error in an unclosed block: on its line.
    tab->editor()->setText(QStringLiteral("a\nb\n{% if x %}\nc\n"));
    tab->renderNow();
    QVERIFY(!tab->lastOutcome().ok);
    QVERIFY(tab->statusLabel()->text().contains(QStringLiteral("endif")));
    // A {{ being typed, not closed yet: the message names where it was opened.
    tab->editor()->setText(QStringLiteral("listen {{ port\nserver_name example;\n"));
    tab->renderNow();
    QVERIFY(!tab->lastOutcome().ok);
    QVERIFY2(tab->statusLabel()->text().contains(QStringLiteral("the '{{' at line 1, column 8 is not closed")),
        qPrintable(tab->statusLabel()->text()));
    // Fixing it clears the mark.
    tab->editor()->setText(QStringLiteral("a\n"));
    tab->renderNow();
    QVERIFY(tab->lastOutcome().ok);
    QCOMPARE(tab->editor()->findingCount(ScriptFinding::Source::Template), 0);
}

void TestTemplatesPage::undefinedVariablesAreListed()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("chrony.conf"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-01"));
    tab->editor()->setText(QStringLiteral("{{ region.id }} {{ nope }} {{ also_missing }}\n"));
    tab->renderNow();
    QCOMPARE(tab->undefinedList()->count(), 2);
    QCOMPARE(tab->undefinedList()->item(0)->text(), QStringLiteral("also_missing"));
    QCOMPARE(tab->undefinedList()->item(1)->text(), QStringLiteral("nope"));
    // Names a template brought over from Ansible expects say why they are missing.
    tab->editor()->setText(QStringLiteral("{{ playbook_dir }} {{ ansible_default_ipv4.address }} "
                                          "{{ hostvars[inventory_hostname].inventory_hostname }}\n"));
    tab->renderNow();
    QCOMPARE(tab->undefinedList()->count(), 2);
    QVERIFY(tab->undefinedList()->item(1)->toolTip().contains(QStringLiteral("Ansible play")));
    QVERIFY(tab->undefinedList()->item(0)->toolTip().contains(QStringLiteral("Ansible fact")));
    QVERIFY(tab->statusLabel()->text().contains(QStringLiteral("Ansible play")));
    tab->editor()->setText(QStringLiteral("{{ region.id }} {{ nope }} {{ also_missing }}\n"));
    tab->renderNow();
    // Lenient: renders, and still lists them.
    tab->setUndefinedMode(Jinja::UndefinedMode::Lenient);
    tab->renderNow();
    QVERIFY(tab->lastOutcome().ok);
    QCOMPARE(tab->previewView()->text(), QStringLiteral("js  \n"));
    QCOMPARE(tab->undefinedList()->count(), 2);
}

void TestTemplatesPage::hoverShowsValueAndLayer()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("nginx.conf"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-02"));
    tab->editor()->setText(QStringLiteral("level {{ log_level }}\nresolver {{ region.dns | join(' ') }};\n"
                                          "{{ inventory_hostname }} {{ http_port }}\n"));
    tab->renderNow();
    // log_level: set in all, overridden by prod, then canary (web-js-02 is not a canary: prod wins).
    const QString level = tab->variableHoverText(1, 10);
    QVERIFY2(level.contains(QStringLiteral("log_level")), qPrintable(level));
    QVERIFY2(level.contains(QStringLiteral("group prod")), qPrintable(level));
    QVERIFY2(level.contains(QStringLiteral("overrides group all")), qPrintable(level));
    QVERIFY2(level.contains(QStringLiteral("warning")), qPrintable(level));
    const QString dns = tab->variableHoverText(2, 20);
    QVERIFY2(dns.contains(QStringLiteral("region.dns")) && dns.contains(QStringLiteral("10.1.0.53"))
            && dns.contains(QStringLiteral("group idc_js")),
        qPrintable(dns));
    QVERIFY(tab->variableHoverText(3, 6).contains(QStringLiteral("set by OpsDeck")));
    // http_port: the host's own value (8080 for even web hosts) over the web group's 80.
    const QString port = tab->variableHoverText(3, 30);
    QVERIFY2(
        port.contains(QStringLiteral("8080")) && port.contains(QStringLiteral("host web-js-02")), qPrintable(port));
    // The editor's hover uses the same text (as its tooltip shows it).
    QVERIFY(tab->editor()->hoverTextAt(1, 10).contains(QStringLiteral("group prod")));
    QVERIFY(tab->variableHoverText(1, 2).isEmpty());
}

void TestTemplatesPage::twoHostsSideBySide()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("hosts"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-01"));
    tab->setCompareHost(QStringLiteral("web-bj-01"));
    tab->previewTabs()->setCurrentWidget(tab->compareView());
    tab->renderNow();
    DiffView* diff = tab->compareView();
    QVERIFY(diff->changeCount() >= 1);
    QVERIFY(diff->oldEditor()->text().contains(QStringLiteral("web-js-01")));
    QVERIFY(diff->newEditor()->text().contains(QStringLiteral("web-bj-01")));
    // Typing updates the comparison too.
    typeAtEnd(tab, QStringLiteral("# {{ idc }}"));
    QTRY_VERIFY(diff->newEditor()->text().contains(QStringLiteral("# bj")));
    QVERIFY(diff->oldEditor()->text().contains(QStringLiteral("# js")));
}

void TestTemplatesPage::jobVariablesFillThePreview()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("chrony.conf"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-02"));
    tab->setCompareHost(QStringLiteral("web-bj-01"));
    tab->editor()->setText(QStringLiteral("release {{ release }} port {{ http_port }}\n"));
    tab->renderNow();
    QVERIFY(!tab->lastOutcome().ok); // strict: release is not defined for the host
    QCOMPARE(tab->undefinedList()->count(), 1);

    // The job layer, as the run dialog takes it: above the host's own http_port (8080).
    tab->setJobVariables(QStringLiteral("release: 2.4.1\nhttp_port: 9000\n"));
    tab->renderNow();
    QVERIFY2(tab->lastOutcome().ok, qPrintable(tab->lastOutcome().error.toString()));
    QCOMPARE(tab->previewView()->text(), QStringLiteral("release 2.4.1 port 9000\n"));
    QCOMPARE(tab->undefinedList()->count(), 0);
    QVERIFY(tab->jobVariablesStatus()->text().contains(QStringLiteral("http_port, release")));
    QCOMPARE(tab->previewTabs()->tabText(2), QStringLiteral("Job Variables (2)"));
    const QString hover = tab->variableHoverText(1, 12);
    QVERIFY2(
        hover.contains(QStringLiteral("2.4.1")) && hover.contains(QStringLiteral("job variables")), qPrintable(hover));
    const QString port = tab->variableHoverText(1, 31);
    QVERIFY2(port.contains(QStringLiteral("9000")) && port.contains(QStringLiteral("overrides host web-js-02: 8080")),
        qPrintable(port));
    // The second host renders with them too.
    tab->previewTabs()->setCurrentWidget(tab->compareView());
    tab->renderNow();
    QVERIFY(tab->compareView()->newEditor()->text().contains(QStringLiteral("release 2.4.1 port 9000")));
    tab->previewTabs()->setCurrentIndex(0);

    // Broken YAML: named with its place, ignored (the host's variables alone), nothing typed is lost.
    const QString broken = QStringLiteral("release: 2.4.1\nhttp_port: [9000\n");
    tab->setJobVariables(broken);
    tab->renderNow();
    QVERIFY(tab->jobVariables().isEmpty());
    QVERIFY2(tab->jobVariablesStatus()->text().contains(QStringLiteral("job variables:")),
        qPrintable(tab->jobVariablesStatus()->text()));
    QVERIFY(tab->jobVariablesStatus()->text().contains(QStringLiteral("ignores")));
    QVERIFY(!tab->previewTabs()->tabIcon(2).isNull());
    QVERIFY(!tab->lastOutcome().ok);
    QCOMPARE(tab->jobVariablesText(), broken);

    // Remembered for the template, in the workspace, when it is opened again (also in a new window).
    tab->setJobVariables(QStringLiteral("release: 3.0\n"));
    const qint64 chronyId = tab->stored().id;
    QCOMPARE(m_window->workspace()->setting(QStringLiteral("templates/previewJobVariables/%1").arg(chronyId)),
        QStringLiteral("release: 3.0\n"));
    tab->editor()->setText(tab->stored().content);
    Dialogs::setNextAnswer(QMessageBox::Discard);
    page()->closeTab(page()->tabs()->indexOf(tab));
    TemplateEditorTab* again = openNamed(QStringLiteral("chrony.conf"));
    QVERIFY(again);
    QCOMPARE(again->jobVariablesText(), QStringLiteral("release: 3.0\n"));
    QVERIFY(!again->isModified()); // restoring them is not an edit of the template
    again->editor()->setText(QStringLiteral("{{ release }}"));
    again->renderNow();
    QCOMPARE(again->previewView()->text(), QStringLiteral("3.0")); // a YAML float, printed as Python prints it

    // A new template's job variables are kept from its first save on; cleared ones are dropped.
    TemplateEditorTab* fresh = page()->newTemplate();
    fresh->nameEdit()->setText(QStringLiteral("fresh.conf"));
    fresh->destinationEdit()->setText(QStringLiteral("/etc/fresh.conf"));
    fresh->setJobVariables(QStringLiteral("tier: web\n"));
    QVERIFY(page()->saveTab(fresh));
    const QString freshKey = QStringLiteral("templates/previewJobVariables/%1").arg(fresh->stored().id);
    QCOMPARE(m_window->workspace()->setting(freshKey), QStringLiteral("tier: web\n"));
    fresh->setJobVariables(QString());
    QVERIFY(!m_window->workspace()->settingKeys(QStringLiteral("templates/previewJobVariables/")).contains(freshKey));
    page()->tabs()->setCurrentWidget(again);

    // Ctrl+R from here opens the run dialog on this template with the same job variables.
    again->editor()->setText(again->stored().content);
    QString dialogTemplate;
    QString dialogVariables;
    QTimer::singleShot(0, this, [&] {
        QTRY_VERIFY(qobject_cast<RunDialog*>(QApplication::activeModalWidget()));
        auto* dialog = qobject_cast<RunDialog*>(QApplication::activeModalWidget());
        dialogTemplate = dialog->destinationEdit()->text();
        dialogVariables = dialog->jobVariablesEdit()->toPlainText();
        dialog->reject();
    });
    m_window->findChild<QAction*>(QStringLiteral("action.run"))->trigger();
    QCOMPARE(dialogVariables, QStringLiteral("release: 3.0\n"));
    QCOMPARE(dialogTemplate, QStringLiteral("/etc/chrony/chrony.conf"));
}

// Ctrl+R on a template with unsaved changes asks first: push the editor's text (with the Job Variables tab's
// variables), save a new version and push that, or nothing at all. Never the stored version silently.
void TestTemplatesPage::ctrlROnUnsavedTemplate()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("chrony.conf"));
    QVERIFY(tab);
    const int version = tab->stored().version;
    tab->setJobVariables(QStringLiteral("release: 2.4.1\n"));
    const QString edited = QStringLiteral("# release {{ release }}\n") + tab->stored().content;
    tab->editor()->setText(edited);
    QVERIFY(tab->isModified());
    struct Seen {
        bool shown = false;
        QString combo;
        QString templateText;
        QString variables;
        QString rendered;
    };
    // Presses Ctrl+R in the editor; the run dialog, if it opens, is read and cancelled.
    const auto pressCtrlR = [&]() {
        auto seen = std::make_shared<Seen>();
        // Looks for the dialog while it runs its own event loop (no dialog: the timer is stopped afterwards).
        auto* timer = new QTimer(this);
        timer->setInterval(10);
        connect(timer, &QTimer::timeout, this, [seen, timer] {
            auto* dialog = qobject_cast<RunDialog*>(QApplication::activeModalWidget());
            if (!dialog) {
                return;
            }
            timer->stop();
            seen->shown = true;
            seen->combo = dialog->templateCombo()->currentText();
            seen->templateText = std::get<PushTemplate>(dialog->spec().steps.first().action).templateText;
            seen->variables = dialog->jobVariablesEdit()->toPlainText();
            dialog->queryEdit()->setText(QStringLiteral("web-js-01"));
            seen->rendered = dialog->renderedView()->text();
            dialog->reject();
        });
        // The window is active again once the last dialog has gone (shortcuts need it).
        m_window->activateWindow();
        (void)QTest::qWaitForWindowActive(m_window.get());
        timer->start();
        tab->editor()->setFocus();
        QTest::keyClick(tab->editor(), Qt::Key_R, Qt::ControlModifier);
        QTest::qWait(30);
        delete timer;
        return seen;
    };

    // Push the editor's text: the dialog pushes exactly it, with the job variables, and says it is unsaved.
    const int asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Apply);
    auto seen = pressCtrlR();
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QVERIFY(seen->shown);
    QCOMPARE(seen->templateText, edited);
    QCOMPARE(seen->variables, QStringLiteral("release: 2.4.1\n"));
    QVERIFY2(seen->combo.contains(QLatin1String("unsaved")), qPrintable(seen->combo));
    QVERIFY2(seen->rendered.startsWith(QLatin1String("# release 2.4.1\n")), qPrintable(seen->rendered));
    QVERIFY(tab->isModified());
    QCOMPARE(tab->stored().version, version);

    // Cancel: no dialog, nothing saved.
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    seen = pressCtrlR();
    QVERIFY(!seen->shown);
    QVERIFY(tab->isModified());
    QVERIFY(!QApplication::activeModalWidget());

    // Save and push: a new version, which the dialog pushes.
    Dialogs::setNextAnswer(QMessageBox::Save);
    seen = pressCtrlR();
    QVERIFY2(seen->shown, qPrintable(page()->messageBar()->text()));
    QCOMPARE(tab->stored().version, version + 1);
    QVERIFY(!tab->isModified());
    QCOMPARE(seen->templateText, edited);
    QVERIFY2(seen->combo.contains(QStringLiteral("(v%1)").arg(version + 1)), qPrintable(seen->combo));
    QCOMPARE(seen->variables, QStringLiteral("release: 2.4.1\n"));

    // Saved and unchanged: no question.
    const int before = Dialogs::askedCount();
    seen = pressCtrlR();
    QVERIFY(seen->shown);
    QCOMPARE(Dialogs::askedCount(), before);

    // A template never saved can be pushed from its editor too.
    TemplateEditorTab* fresh = page()->newTemplate();
    fresh->nameEdit()->setText(QStringLiteral("fresh.conf"));
    fresh->destinationEdit()->setText(QStringLiteral("/etc/fresh.conf"));
    fresh->editor()->setText(QStringLiteral("fresh {{ inventory_hostname }}\n"));
    tab = fresh;
    Dialogs::setNextAnswer(QMessageBox::Apply);
    seen = pressCtrlR();
    QVERIFY(seen->shown);
    QCOMPARE(seen->templateText, QStringLiteral("fresh {{ inventory_hostname }}\n"));
    QVERIFY(fresh->isNew());
}

void TestTemplatesPage::largeTemplateRendersOnAWorker()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("hosts"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-01"));
    tab->renderNow();
    const QString big = QStringLiteral("{{ inventory_hostname }}\n")
        + QString(int(TemplateEditorTab::kAsyncChars), QLatin1Char('a')) + QStringLiteral("\n");
    QStringList shown;
    connect(tab, &TemplateEditorTab::previewUpdated, this,
        [&shown, tab] { shown.append(tab->previewView()->text().right(20)); });
    tab->editor()->setText(big);
    tab->renderNow();
    QVERIFY(tab->isRendering()); // on a worker: the GUI thread is free
    // More typing before the worker is done: its result is stale and never shown.
    tab->editor()->setText(big + QStringLiteral("idc {{ idc }}\n"));
    tab->renderNow();
    QTRY_VERIFY_WITH_TIMEOUT(!tab->isRendering() && !shown.isEmpty(), 10000);
    QTRY_VERIFY(tab->previewView()->text().endsWith(QStringLiteral("idc js\n")));
    for (const QString& text : std::as_const(shown)) {
        QVERIFY2(text.endsWith(QStringLiteral("idc js\n")), qPrintable(text));
    }
}

void TestTemplatesPage::saveVersionsAndHistory()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("hosts"));
    QVERIFY(tab);
    typeAtEnd(tab, QStringLiteral("# saved"));
    QTRY_VERIFY(tab->isModified());
    tab->editor()->setFocus();
    page()->action(QStringLiteral("templates.save"))->trigger();
    QVERIFY(!tab->isModified());
    QCOMPARE(tab->stored().version, 3);
    TemplateStore store(*m_window->workspace());
    TemplateHistoryDialog dialog(&store, tab->stored().id, page());
    QCOMPARE(dialog.versionList()->topLevelItemCount(), 3);
    QVERIFY(dialog.diffView()->changeCount() >= 1);
    dialog.selectVersions(1);
    QSignalSpy restored(&dialog, &TemplateHistoryDialog::restored);
    QVERIFY(dialog.restoreSelected());
    QCOMPARE(restored.count(), 1);
    QCOMPARE(dialog.versionList()->topLevelItemCount(), 4);
    // A new template saved from the page.
    page()->action(QStringLiteral("templates.new"))->trigger();
    TemplateEditorTab* fresh = page()->currentTab();
    fresh->nameEdit()->setText(QStringLiteral("motd"));
    fresh->destinationEdit()->setText(QStringLiteral("relative/path"));
    QVERIFY(!page()->saveTab(fresh));
    fresh->destinationEdit()->setText(QStringLiteral("/etc/motd"));
    QVERIFY(page()->saveTab(fresh));
    QCOMPARE(fresh->stored().version, 1);
    QCOMPARE(page()->model()->rowCount(), 5);
}

void TestTemplatesPage::unsavedTabAsksBeforeClosing()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("hosts"));
    QVERIFY(tab);
    typeAtEnd(tab, QStringLiteral("x"));
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!page()->closeTab(page()->tabs()->indexOf(tab)));
    QCOMPARE(page()->tabs()->count(), 1);
    Dialogs::setNextAnswer(QMessageBox::Save);
    QVERIFY(page()->closeTab(page()->tabs()->indexOf(tab)));
    QCOMPARE(page()->tabs()->count(), 0);
    auto saved = TemplateStore(*m_window->workspace()).byName(QStringLiteral("hosts"));
    QVERIFY(saved.ok());
    QCOMPARE(saved->version, 3);
    QVERIFY(saved->content.endsWith(QStringLiteral("x")));
}

void TestTemplatesPage::draftsSurviveACrash()
{
    TemplateEditorTab* tab = openNamed(QStringLiteral("hosts"));
    QVERIFY(tab);
    typeAtEnd(tab, QStringLiteral("# draft line"));
    page()->action(QStringLiteral("templates.new"))->trigger();
    page()->currentTab()->nameEdit()->setText(QStringLiteral("brand-new"));
    page()->saveDrafts();
    // "Crash": the window goes without asking; the drafts stay in the workspace.
    for (int i = page()->tabs()->count() - 1; i >= 0; --i) {
        page()->tabs()->widget(i)->deleteLater();
        page()->tabs()->removeTab(i);
    }
    m_window.reset();
    m_window = makeWindow();
    m_window->setCurrentPage(MainWindow::TemplatesPage);
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(!page()->inventory().hosts().isEmpty(), 20000);
    QCOMPARE(page()->recoverDrafts(), 2);
    QCOMPARE(page()->tabs()->count(), 2);
    bool sawHosts = false;
    bool sawNew = false;
    for (int i = 0; i < page()->tabs()->count(); ++i) {
        TemplateEditorTab* t = page()->tabAt(i);
        QVERIFY(t->isModified());
        sawHosts = sawHosts
            || (t->stored().name == QLatin1String("hosts")
                && t->editor()->text().contains(QStringLiteral("# draft line")));
        sawNew = sawNew || (t->isNew() && t->title() == QLatin1String("brand-new"));
    }
    QVERIFY(sawHosts);
    QVERIFY(sawNew);
}

void TestTemplatesPage::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the template editor");
    }
    TemplateEditorTab* tab = openNamed(QStringLiteral("nginx.conf"));
    QVERIFY(tab);
    tab->setHost(QStringLiteral("web-js-02"));
    // A good render first (the preview keeps it), then an error to underline: adding a string to a port number, and
    // an undefined variable in lenient mode.
    tab->setUndefinedMode(Jinja::UndefinedMode::Lenient);
    QString content = tab->editor()->text();
    content.replace(QStringLiteral("{{ log_level }}"), QStringLiteral("{{ log_level }} {{ error_log_format }}"));
    tab->editor()->setText(content);
    tab->renderNow();
    content.replace(QStringLiteral("listen {{ http_port }};"), QStringLiteral("listen {{ http_port + ':ssl' }};"));
    tab->editor()->setText(content);
    tab->renderNow();
    tab->editor()->setFocus();
    tab->editor()->setCursorPosition(3, 0);
    int hoverLine = 5; // over log_level
    int hoverColumn = 41;
    const auto shoot = [&](const QString& name) {
        QApplication::processEvents();
        QTest::qWait(200);
        tab->renderNow();
        // Hover over a variable: the tooltip is a window of its own, painted onto the grab where it appears.
        const int position = tab->editor()->positionFromLineColumn(hoverLine, hoverColumn);
        const QPoint at(int(tab->editor()->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, position)),
            int(tab->editor()->SendScintilla(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0, position)) + 4);
        QHelpEvent help(QEvent::ToolTip, at, tab->editor()->viewport()->mapToGlobal(at));
        QApplication::sendEvent(tab->editor()->viewport(), &help);
        QApplication::processEvents();
        QTest::qWait(300);
        QPixmap shot = m_window->grab();
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (w->isVisible() && QLatin1String(w->metaObject()->className()) == QLatin1String("QTipLabel")) {
                QPainter painter(&shot);
                painter.drawPixmap(w->mapToGlobal(QPoint()) - m_window->mapToGlobal(QPoint()), w->grab());
            }
        }
        QVERIFY(shot.save(dir + QLatin1Char('/') + name));
        QToolTip::hideText();
    };
    shoot(QStringLiteral("templates-preview.png"));
    Theme::instance()->setMode(Theme::Mode::Dark);
    shoot(QStringLiteral("templates-preview-dark.png"));
    Startup::installTranslators(QStringLiteral("zh_CN"));
    shoot(QStringLiteral("templates-preview-dark-zh.png"));
    Theme::instance()->setMode(Theme::Mode::Light);
    shoot(QStringLiteral("templates-preview-zh.png"));
    Startup::installTranslators(QStringLiteral("en"));
    content.replace(QStringLiteral("{{ http_port + ':ssl' }}"), QStringLiteral("{{ http_port }}"));
    tab->editor()->setText(content);
    tab->setCompareHost(QStringLiteral("web-bj-01"));
    tab->previewTabs()->setCurrentWidget(tab->compareView());
    QApplication::processEvents();
    shoot(QStringLiteral("templates-compare.png"));
    // A {{ left open while typing: the error names the opener.
    tab->setCompareHost(QString());
    tab->previewTabs()->setCurrentIndex(0);
    content.replace(QStringLiteral("listen {{ http_port }};"), QStringLiteral("listen {{ http_port;"));
    tab->editor()->setText(content);
    shoot(QStringLiteral("templates-unclosed.png"));
    Theme::instance()->setMode(Theme::Mode::Dark);
    Startup::installTranslators(QStringLiteral("zh_CN"));
    shoot(QStringLiteral("templates-unclosed-dark-zh.png"));
    Startup::installTranslators(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
    // Job variables: the preview renders with the layer a run gives at launch; hovering names it.
    content.replace(QStringLiteral("listen {{ http_port;"), QStringLiteral("listen {{ http_port }};"));
    content.replace(
        QStringLiteral("# Managed by OpsDeck:"), QStringLiteral("# Managed by OpsDeck, release {{ release }}:"));
    tab->editor()->setText(content);
    tab->setJobVariables(QStringLiteral("release: 2.4.1\nhttp_port: 9000\n"));
    hoverLine = 0;
    hoverColumn = 36;
    shoot(QStringLiteral("templates-job-variables-preview.png"));
    tab->previewTabs()->setCurrentIndex(2);
    shoot(QStringLiteral("templates-job-variables.png"));
    Theme::instance()->setMode(Theme::Mode::Dark);
    shoot(QStringLiteral("templates-job-variables-dark.png"));
    Startup::installTranslators(QStringLiteral("zh_CN"));
    shoot(QStringLiteral("templates-job-variables-dark-zh.png"));
    Theme::instance()->setMode(Theme::Mode::Light);
    shoot(QStringLiteral("templates-job-variables-zh.png"));
    Startup::installTranslators(QStringLiteral("en"));
}

QTEST_MAIN(TestTemplatesPage)
#include "tst_templatespage.moc"
