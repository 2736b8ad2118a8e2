// The script editor (lexers, findings as markers/underlines/tooltips, zoom, theme), the find/replace bar, go to
// line and the side-by-side diff view, driven as real widgets on the offscreen platform.
#include "DiffView.h"
#include "FindReplaceBar.h"
#include "ScriptEditor.h"
#include "Startup.h"
#include "Theme.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHelpEvent>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerperl.h>
#include <Qsci/qscilexerpython.h>

namespace {

using Severity = ScriptFinding::Severity;
using Source = ScriptFinding::Source;

ScriptFinding finding(
    Source source, Severity severity, int line, int column, int length, const QString& code, const QString& message)
{
    ScriptFinding f;
    f.source = source;
    f.severity = severity;
    f.line = line;
    f.column = column;
    f.length = length;
    f.code = code;
    f.message = message;
    if (source == Source::ShellCheck) {
        f.url = QStringLiteral("https://www.shellcheck.net/wiki/") + code;
    }
    return f;
}

bool indicatorAt(const ScriptEditor& editor, int indicator, int position)
{
    return editor.SendScintilla(QsciScintillaBase::SCI_INDICATORVALUEAT, indicator, position) != 0;
}

QColor styleBack(const ScriptEditor& editor, int style)
{
    const long bgr = editor.SendScintilla(QsciScintillaBase::SCI_STYLEGETBACK, style);
    return QColor(int(bgr & 0xff), int((bgr >> 8) & 0xff), int((bgr >> 16) & 0xff));
}

QColor styleFore(const ScriptEditor& editor, int style)
{
    const long bgr = editor.SendScintilla(QsciScintillaBase::SCI_STYLEGETFORE, style);
    return QColor(int(bgr & 0xff), int((bgr >> 8) & 0xff), int((bgr >> 16) & 0xff));
}

QString marginText(const ScriptEditor& pane, int line)
{
    const long length = pane.SendScintilla(
        QsciScintillaBase::SCI_MARGINGETTEXT, static_cast<unsigned long>(line), static_cast<void*>(nullptr));
    QByteArray text(length + 1, '\0');
    pane.SendScintilla(
        QsciScintillaBase::SCI_MARGINGETTEXT, static_cast<unsigned long>(line), static_cast<void*>(text.data()));
    text.truncate(length);
    return QString::fromUtf8(text);
}

// A script whose second line has Chinese text and an emoji (a surrogate pair) before the finding.
const char* const sampleScript = "#!/bin/bash\n"
                                 "echo \"部署 🚀 完成\" && rm -rf $TARGET/\n"
                                 "for h in $HOSTS; do\n"
                                 "  ssh $h uptime\n"
                                 "done\n";

} // namespace

class TestScriptEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void lexerPerLanguage();
    void lineNumberMarginGrows();
    void findingsMarkersAndIndicators();
    void findingsToolTip();
    void toolTipOnHover();
    void replacingOneSourceKeepsTheOther();
    void findNavigationAndCounter();
    void replaceAllWithCaptureGroupIsOneUndoStep();
    void replaceCurrent();
    void wholeWordAndCase();
    void nonAsciiMatchSelection();
    void invalidRegexShowsError();
    void keyboard();
    void zoom();
    void goToLine();
    void diffViewAlignment();
    void diffViewNavigation();
    void largeDocument();
    void paletteChangeRecolours();
    void screenshots();
};

void TestScriptEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    Startup::installTranslators(QStringLiteral("en")); // English plurals ("1 match", "2 matches") come from a .qm
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

void TestScriptEditor::lexerPerLanguage()
{
    ScriptEditor editor;
    QVERIFY(qobject_cast<QsciLexerBash*>(editor.lexer())); // the default
    editor.setLanguage(ScriptLanguage::Python);
    QVERIFY(qobject_cast<QsciLexerPython*>(editor.lexer()));
    QCOMPARE(editor.language(), ScriptLanguage::Python);
    editor.setLanguage(ScriptLanguage::Perl);
    QVERIFY(qobject_cast<QsciLexerPerl*>(editor.lexer()));
    editor.setLanguage(ScriptLanguage::Sh);
    QVERIFY(qobject_cast<QsciLexerBash*>(editor.lexer()));
    editor.setLanguage(ScriptLanguage::Bash);
    QVERIFY(qobject_cast<QsciLexerBash*>(editor.lexer()));
    QVERIFY(editor.isUtf8());
    QVERIFY(editor.autoIndent());
    QCOMPARE(editor.braceMatching(), QsciScintilla::SloppyBraceMatch);
    QVERIFY(editor.indentationGuides());
    QCOMPARE(editor.folding(), QsciScintilla::BoxedTreeFoldStyle);

    // The lexer really styles: the keyword "for" gets the keyword style.
    editor.setText(QStringLiteral("for x in 1 2; do echo $x; done\n"));
    editor.SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
    QCOMPARE(int(editor.SendScintilla(QsciScintillaBase::SCI_GETSTYLEAT, 0)), int(QsciLexerBash::Keyword));
    QCOMPARE(styleFore(editor, QsciLexerBash::Keyword), Theme::color(QStringLiteral("syntax.keyword")));
}

void TestScriptEditor::lineNumberMarginGrows()
{
    ScriptEditor editor;
    editor.setText(QStringLiteral("a\nb\n"));
    const int small = editor.marginWidth(ScriptEditor::LineNumberMargin);
    QVERIFY(small > 0);
    editor.setText(QString(QStringLiteral("x\n")).repeated(100000));
    QVERIFY(editor.marginWidth(ScriptEditor::LineNumberMargin) > small);
}

void TestScriptEditor::findingsMarkersAndIndicators()
{
    ScriptEditor editor;
    const QString text = QString::fromUtf8(sampleScript);
    editor.setText(text);
    const QString line2 = text.split(QLatin1Char('\n')).at(1);
    const int rmColumn = int(line2.indexOf(QLatin1String("rm -rf"))) + 1; // 1-based QString column
    const int targetColumn = int(line2.indexOf(QLatin1String("$TARGET"))) + 1;
    editor.setFindings(Source::Danger,
        { finding(Source::Danger, Severity::Block, 2, rmColumn, 6, QStringLiteral("rm-recursive"),
            QStringLiteral("Recursive delete of a variable path")) });
    editor.setFindings(Source::ShellCheck,
        { finding(Source::ShellCheck, Severity::Info, 2, targetColumn, 7, QStringLiteral("SC2086"),
              QStringLiteral("Double quote to prevent globbing and word splitting.")),
            finding(Source::ShellCheck, Severity::Warning, 4, 7, 2, QStringLiteral("SC2029"),
                QStringLiteral("Note that, unescaped, this expands on the client side.")) });
    QCOMPARE(editor.findingCount(Source::Danger), 1);
    QCOMPARE(editor.findingCount(Source::ShellCheck), 2);

    // Markers on the right lines (0-based 1 and 3), none elsewhere.
    QVERIFY(editor.markersAtLine(1) & (1u << ScriptEditor::markerFor(Severity::Block)));
    QVERIFY(editor.markersAtLine(1) & (1u << ScriptEditor::markerFor(Severity::Info)));
    QVERIFY(editor.markersAtLine(3) & (1u << ScriptEditor::markerFor(Severity::Warning)));
    QCOMPARE(editor.markersAtLine(0), 0u);
    QCOMPARE(editor.markersAtLine(2), 0u);

    // The underline covers exactly "rm -rf": byte positions, after the multi-byte text before it.
    const int lineStart = int(editor.SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, 1));
    const int rmByte = lineStart + int(line2.left(rmColumn - 1).toUtf8().size());
    QVERIFY(rmByte > lineStart + rmColumn - 1); // the prefix really is multi-byte
    QCOMPARE(editor.positionFromLineColumn(2, rmColumn), rmByte);
    const int block = ScriptEditor::indicatorFor(Source::Danger, Severity::Block);
    QVERIFY(!indicatorAt(editor, block, rmByte - 1));
    QVERIFY(indicatorAt(editor, block, rmByte));
    QVERIFY(indicatorAt(editor, block, rmByte + 5));
    QVERIFY(!indicatorAt(editor, block, rmByte + 6));
    QCOMPARE(int(editor.SendScintilla(QsciScintillaBase::SCI_INDICATOREND, block, rmByte)), rmByte + 6);
    // What the indicator covers is the text the finding names.
    editor.SendScintilla(QsciScintillaBase::SCI_SETSEL, rmByte, rmByte + 6);
    QCOMPARE(editor.selectedText(), QStringLiteral("rm -rf"));
    const int info = ScriptEditor::indicatorFor(Source::ShellCheck, Severity::Info);
    const int targetByte = editor.positionFromLineColumn(2, targetColumn);
    QVERIFY(indicatorAt(editor, info, targetByte));
    QCOMPARE(int(editor.SendScintilla(QsciScintillaBase::SCI_INDICATOREND, info, targetByte)), targetByte + 7);

    // A column inside the emoji's surrogate pair means the whole emoji.
    const int emojiColumn = int(line2.indexOf(QString::fromUtf8("🚀"))) + 1;
    QCOMPARE(editor.positionFromLineColumn(2, emojiColumn + 1) - editor.positionFromLineColumn(2, emojiColumn), 4);

    // Findings on lines that no longer exist are kept but not placed.
    editor.setFindings(Source::Danger,
        { finding(Source::Danger, Severity::Warning, 99, 1, 1, QStringLiteral("x"), QStringLiteral("stale")) });
    QCOMPARE(editor.findingCount(Source::Danger), 1);
    QVERIFY(!(editor.markersAtLine(1) & (1u << ScriptEditor::markerFor(Severity::Block))));
    QVERIFY(!indicatorAt(editor, block, rmByte));
}

void TestScriptEditor::findingsToolTip()
{
    ScriptEditor editor;
    editor.setText(QString::fromUtf8(sampleScript));
    editor.setFindings(Source::Danger,
        { finding(Source::Danger, Severity::Block, 2, 20, 6, QStringLiteral("rm-recursive"),
            QStringLiteral("Recursive delete of <a variable> path")) });
    editor.setFindings(Source::ShellCheck,
        { finding(Source::ShellCheck, Severity::Info, 2, 27, 7, QStringLiteral("SC2086"),
            QStringLiteral("Double quote to prevent globbing.")) });

    const QString onRm = editor.findingsToolTipAt(2, 21);
    QVERIFY2(onRm.contains(QLatin1String("rm-recursive")), qPrintable(onRm));
    QVERIFY(onRm.contains(QLatin1String("Recursive delete of &lt;a variable&gt; path"))); // escaped
    QVERIFY(onRm.contains(QLatin1String("Blocked")));
    QVERIFY(!onRm.contains(QLatin1String("SC2086")));

    const QString onTarget = editor.findingsToolTipAt(2, 27);
    QVERIFY(onTarget.contains(QLatin1String("SC2086")));
    QVERIFY2(onTarget.contains(QString::fromUtf8("SC2086 — see shellcheck.net/wiki/SC2086")), qPrintable(onTarget));
    QVERIFY(onTarget.contains(QLatin1String("Info")));

    // The margin (column 0): everything on the line, worst first.
    const QString margin = editor.findingsToolTipAt(2, 0);
    QVERIFY(margin.contains(QLatin1String("rm-recursive")) && margin.contains(QLatin1String("SC2086")));
    QVERIFY(margin.indexOf(QLatin1String("rm-recursive")) < margin.indexOf(QLatin1String("SC2086")));

    QVERIFY(editor.findingsToolTipAt(2, 1).isEmpty());
    QVERIFY(editor.findingsToolTipAt(3, 0).isEmpty());

    // Markers move with editing, and so does the tooltip.
    editor.insertAt(QStringLiteral("# new first line\n"), 0, 0);
    QVERIFY(editor.findingsToolTipAt(2, 0).isEmpty());
    QVERIFY(editor.findingsToolTipAt(3, 0).contains(QLatin1String("rm-recursive")));
}

void TestScriptEditor::toolTipOnHover()
{
    ScriptEditor editor;
    editor.resize(700, 300);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setText(QString::fromUtf8(sampleScript));
    editor.setFindings(Source::ShellCheck,
        { finding(Source::ShellCheck, Severity::Warning, 4, 7, 2, QStringLiteral("SC2029"),
            QStringLiteral("Expands on the client side.")) });
    const int position = editor.positionFromLineColumn(4, 8);
    const QPoint onText(int(editor.SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, position)) + 2,
        int(editor.SendScintilla(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0, position)) + 4);
    QHelpEvent overText(QEvent::ToolTip, onText, editor.viewport()->mapToGlobal(onText));
    QApplication::sendEvent(editor.viewport(), &overText);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QLatin1String("SC2029")), qPrintable(QToolTip::text()));
    QToolTip::hideText();

    // The findings margin.
    int x = 0;
    for (int m = 0; m < ScriptEditor::FindingMargin; ++m) {
        x += editor.marginWidth(m);
    }
    const QPoint onMargin(x + 3, onText.y());
    QHelpEvent overMargin(QEvent::ToolTip, onMargin, editor.viewport()->mapToGlobal(onMargin));
    QApplication::sendEvent(editor.viewport(), &overMargin);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY(QToolTip::text().contains(QLatin1String("SC2029")));
    QToolTip::hideText();
}

void TestScriptEditor::replacingOneSourceKeepsTheOther()
{
    ScriptEditor editor;
    editor.setText(QString::fromUtf8(sampleScript));
    editor.setFindings(Source::Danger,
        { finding(Source::Danger, Severity::Block, 2, 20, 6, QStringLiteral("rm-recursive"), QStringLiteral("m")),
            finding(Source::Danger, Severity::Warning, 4, 3, 3, QStringLiteral("ssh-loop"), QStringLiteral("m")) });
    editor.setFindings(Source::ShellCheck,
        { finding(Source::ShellCheck, Severity::Error, 3, 10, 6, QStringLiteral("SC1000"), QStringLiteral("m")),
            finding(Source::ShellCheck, Severity::Info, 4, 7, 2, QStringLiteral("SC2086"), QStringLiteral("m")) });
    const int dangerWarning = ScriptEditor::indicatorFor(Source::Danger, Severity::Warning);
    const int checkError = ScriptEditor::indicatorFor(Source::ShellCheck, Severity::Error);
    const int checkInfo = ScriptEditor::indicatorFor(Source::ShellCheck, Severity::Info);
    QVERIFY(indicatorAt(editor, checkError, editor.positionFromLineColumn(3, 10)));

    // A new ShellCheck run: one finding left. The danger findings and their underlines stay.
    editor.setFindings(Source::ShellCheck,
        { finding(Source::ShellCheck, Severity::Info, 4, 7, 2, QStringLiteral("SC2086"), QStringLiteral("m")) });
    QCOMPARE(editor.findingCount(Source::Danger), 2);
    QCOMPARE(editor.findingCount(Source::ShellCheck), 1);
    QVERIFY(!indicatorAt(editor, checkError, editor.positionFromLineColumn(3, 10)));
    QCOMPARE(editor.markersAtLine(2), 0u);
    QVERIFY(indicatorAt(editor, checkInfo, editor.positionFromLineColumn(4, 7)));
    QVERIFY(indicatorAt(editor, dangerWarning, editor.positionFromLineColumn(4, 3)));
    QVERIFY(editor.markersAtLine(1) & (1u << ScriptEditor::markerFor(Severity::Block)));

    // And the other way round.
    editor.setFindings(Source::Danger, {});
    QCOMPARE(editor.findingCount(Source::Danger), 0);
    QCOMPARE(editor.findingCount(Source::ShellCheck), 1);
    QVERIFY(!indicatorAt(editor, dangerWarning, editor.positionFromLineColumn(4, 3)));
    QCOMPARE(editor.markersAtLine(1), 0u);
    QVERIFY(indicatorAt(editor, checkInfo, editor.positionFromLineColumn(4, 7)));
    QCOMPARE(editor.findings(Source::ShellCheck).first().code, QStringLiteral("SC2086"));
}

void TestScriptEditor::findNavigationAndCounter()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    editor->setText(QStringLiteral("host-01 a\nhost-02 b\nweb-03 host\n"));
    editor->setCursorPosition(0, 0);
    bar->showFind();
    QVERIFY(bar->isVisible());
    QVERIFY(!bar->isReplaceMode());
    bar->setFindText(QStringLiteral("host"));
    QCOMPARE(bar->matchCount(), 3);
    // Incremental search selected the first match already.
    QCOMPARE(bar->currentMatch(), 0);
    QCOMPARE(bar->counterText(), QStringLiteral("1 of 3"));
    QVERIFY(bar->findNext());
    QCOMPARE(bar->counterText(), QStringLiteral("2 of 3"));
    QVERIFY(bar->findNext());
    QCOMPARE(bar->counterText(), QStringLiteral("3 of 3"));
    QCOMPARE(editor->selectedText(), QStringLiteral("host"));
    int line = 0;
    int index = 0;
    editor->getCursorPosition(&line, &index);
    QCOMPARE(line, 2);
    QVERIFY(bar->findNext()); // wraps
    QCOMPARE(bar->counterText(), QStringLiteral("1 of 3"));
    QVERIFY(bar->findPrevious()); // wraps back
    QCOMPARE(bar->counterText(), QStringLiteral("3 of 3"));

    // Editing the text updates the count.
    editor->append(QStringLiteral("host\n"));
    QTRY_COMPARE(bar->matchCount(), 4);

    bar->setFindText(QStringLiteral("web"));
    QCOMPARE(bar->counterText(), QStringLiteral("1 of 1"));
    editor->setCursorPosition(0, 0);
    QTRY_COMPARE(bar->counterText(), QStringLiteral("1 match"));
    bar->setFindText(QStringLiteral("nothing-like-this"));
    QCOMPARE(bar->matchCount(), 0);
    QCOMPARE(bar->counterText(), QStringLiteral("No matches"));
    QVERIFY(!bar->findNext());
}

void TestScriptEditor::replaceAllWithCaptureGroupIsOneUndoStep()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    const QString original = QStringLiteral("host-01\nhost-02\nweb-03\n# 中文-99\n");
    editor->setText(original);
    bar->showReplace();
    QVERIFY(bar->isReplaceMode());
    QVERIFY(bar->replaceField()->isVisible());
    bar->setRegularExpression(true);
    bar->setFindText(QStringLiteral("(\\w+)-(\\d+)"));
    QCOMPARE(bar->matchCount(), 4);
    bar->setReplaceText(QStringLiteral("\\2_\\1"));
    QCOMPARE(bar->replaceAll(), 4);
    QCOMPARE(editor->text(), QStringLiteral("01_host\n02_host\n03_web\n# 99_中文\n"));
    QCOMPARE(bar->counterText(), QStringLiteral("Replaced 4"));
    editor->undo();
    QCOMPARE(editor->text(), original);
    editor->redo();
    QCOMPARE(editor->text(), QStringLiteral("01_host\n02_host\n03_web\n# 99_中文\n"));

    // "^" matches empty at each line start: comment every line out.
    editor->setText(QStringLiteral("a\nb\n"));
    bar->setFindText(QStringLiteral("^(?=.)"));
    bar->setReplaceText(QStringLiteral("# "));
    QCOMPARE(bar->replaceAll(), 2);
    QCOMPARE(editor->text(), QStringLiteral("# a\n# b\n"));
}

void TestScriptEditor::replaceCurrent()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    editor->setText(QStringLiteral("x x x\n"));
    editor->setCursorPosition(0, 0);
    bar->showReplace();
    bar->setFindText(QStringLiteral("x"));
    bar->setReplaceText(QStringLiteral("xx"));
    QCOMPARE(bar->currentMatch(), 0);
    QVERIFY(bar->replaceCurrent());
    QCOMPARE(editor->text(), QStringLiteral("xx x x\n"));
    // The replacement itself is not matched again: the next match is the second original x.
    QCOMPARE(bar->counterText(), QStringLiteral("3 of 4"));
    QVERIFY(bar->replaceCurrent());
    QCOMPARE(editor->text(), QStringLiteral("xx xx x\n"));
}

void TestScriptEditor::wholeWordAndCase()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    editor->setText(QStringLiteral("Host host hostname $host\n"));
    bar->showFind();
    bar->setFindText(QStringLiteral("host"));
    QCOMPARE(bar->matchCount(), 4);
    bar->setWholeWord(true);
    QCOMPARE(bar->matchCount(), 3);
    bar->setCaseSensitive(true);
    QCOMPARE(bar->matchCount(), 2);
    // A "word" starting with a non-word character.
    bar->setFindText(QStringLiteral("$host"));
    QCOMPARE(bar->matchCount(), 1);
    // A literal search treats regex characters literally.
    bar->setWholeWord(false);
    bar->setFindText(QStringLiteral("h.st"));
    QCOMPARE(bar->matchCount(), 0);
    bar->setRegularExpression(true);
    QCOMPARE(bar->matchCount(), 3);
}

void TestScriptEditor::nonAsciiMatchSelection()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    editor->setText(QString::fromUtf8("echo 🚀 部署 ok\necho 部署\n"));
    editor->setCursorPosition(0, 0);
    bar->showFind();
    bar->setFindText(QString::fromUtf8("部署"));
    QCOMPARE(bar->matchCount(), 2);
    QCOMPARE(editor->selectedText(), QString::fromUtf8("部署"));
    QVERIFY(bar->findNext());
    QCOMPARE(editor->selectedText(), QString::fromUtf8("部署"));
    int line = 0;
    int index = 0;
    editor->getCursorPosition(&line, &index);
    QCOMPARE(line, 1);
    QCOMPARE(bar->counterText(), QStringLiteral("2 of 2"));
}

void TestScriptEditor::invalidRegexShowsError()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    editor->setText(QStringLiteral("a(b\n"));
    bar->showReplace();
    bar->setRegularExpression(true);
    bar->setFindText(QStringLiteral("a(b"));
    QVERIFY(!bar->errorText().isEmpty());
    QVERIFY2(bar->errorText().contains(QLatin1String("at character")), qPrintable(bar->errorText()));
    QCOMPARE(bar->matchCount(), 0);
    QVERIFY(bar->counterText().isEmpty());
    QVERIFY(!bar->findNext());
    bar->setReplaceText(QStringLiteral("x"));
    QCOMPARE(bar->replaceAll(), 0);
    QCOMPARE(editor->text(), QStringLiteral("a(b\n"));
    const QList<QLabel*> labels = bar->findChildren<QLabel*>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
        [bar](QLabel* label) { return label->isVisible() && label->text() == bar->errorText(); }));
    // The same text as a literal search is fine.
    bar->setRegularExpression(false);
    QVERIFY(bar->errorText().isEmpty());
    QCOMPARE(bar->matchCount(), 1);
}

void TestScriptEditor::keyboard()
{
    QWidget window;
    auto* editor = new ScriptEditor(&window);
    auto* bar = new FindReplaceBar(editor, &window);
    auto* layout = new QVBoxLayout(&window);
    layout->addWidget(editor);
    layout->addWidget(bar);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    editor->setText(QStringLiteral("one two one two one\n"));
    editor->setCursorPosition(0, 0);
    editor->setFocus();
    QTRY_VERIFY(editor->hasFocus());

    QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QTRY_VERIFY(bar->findField()->hasFocus());
    QTest::keyClicks(bar->findField(), QStringLiteral("one"));
    QCOMPARE(bar->counterText(), QStringLiteral("1 of 3"));
    QTest::keyClick(bar->findField(), Qt::Key_Return);
    QCOMPARE(bar->counterText(), QStringLiteral("2 of 3"));
    QTest::keyClick(bar->findField(), Qt::Key_F3);
    QCOMPARE(bar->counterText(), QStringLiteral("3 of 3"));
    QTest::keyClick(bar->findField(), Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(bar->counterText(), QStringLiteral("2 of 3"));
    QTest::keyClick(bar->findField(), Qt::Key_F3, Qt::ShiftModifier);
    QCOMPARE(bar->counterText(), QStringLiteral("1 of 3"));

    QTest::keyClick(bar->findField(), Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QTRY_VERIFY(editor->hasFocus());
    // F3 from the editor keeps searching with the closed bar's pattern.
    QTest::keyClick(editor, Qt::Key_F3);
    QCOMPARE(bar->currentMatch(), 1);

    QTest::keyClick(editor, Qt::Key_H, Qt::ControlModifier);
    QVERIFY(bar->isVisible());
    QVERIFY(bar->isReplaceMode());
    QCOMPARE(bar->findText(), QStringLiteral("one")); // the selection
    // Esc in the editor closes the open bar too.
    editor->setFocus();
    QTest::keyClick(editor, Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
}

void TestScriptEditor::zoom()
{
    ScriptEditor editor;
    editor.setText(QString(QStringLiteral("line\n")).repeated(500));
    const auto zoomLevel = [&editor] { return int(editor.SendScintilla(QsciScintillaBase::SCI_GETZOOM)); };
    QCOMPARE(zoomLevel(), 0);
    const int margin = editor.marginWidth(ScriptEditor::LineNumberMargin);
    QTest::keyClick(&editor, Qt::Key_Plus, Qt::ControlModifier);
    QCOMPARE(zoomLevel(), 1);
    QTest::keyClick(&editor, Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(zoomLevel(), 2);
    QTest::keyClick(&editor, Qt::Key_Plus, Qt::ControlModifier | Qt::ShiftModifier); // "+" on a US layout
    QCOMPARE(zoomLevel(), 3);
    QTest::keyClick(&editor, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(zoomLevel(), 2);
    // The line numbers margin follows the zoomed font.
    QVERIFY(editor.marginWidth(ScriptEditor::LineNumberMargin) > margin);
    QTest::keyClick(&editor, Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(zoomLevel(), 1);
    QTest::keyClick(&editor, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(zoomLevel(), 0);
    editor.zoomOut();
    QCOMPARE(zoomLevel(), -1);
    editor.resetZoom();
    QCOMPARE(zoomLevel(), 0);
    QCOMPARE(editor.marginWidth(ScriptEditor::LineNumberMargin), margin);
    QCOMPARE(editor.text(), QString(QStringLiteral("line\n")).repeated(500)); // no key went into the text
}

void TestScriptEditor::goToLine()
{
    ScriptEditor editor;
    editor.resize(600, 200);
    editor.show();
    editor.setText(QString(QStringLiteral("line\n")).repeated(300));
    editor.goToLine(150);
    int line = 0;
    int index = 0;
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, 149);
    QVERIFY(editor.firstVisibleLine() <= 149);
    QVERIFY(editor.firstVisibleLine() + editor.SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN) > 149);
    editor.goToLine(100000); // clamped
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, editor.lines() - 1);

    // The dialog: answer it as a user would.
    QTimer::singleShot(0, this, [] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        QCOMPARE(dialog->intMaximum(), 301);
        dialog->setIntValue(42);
        dialog->accept();
    });
    QVERIFY(GoToLineDialog::ask(&editor, &editor));
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, 41);
    QTimer::singleShot(0, this, [] {
        auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->reject();
    });
    QVERIFY(!GoToLineDialog::ask(&editor, &editor));
    editor.getCursorPosition(&line, &index);
    QCOMPARE(line, 41);
}

void TestScriptEditor::diffViewAlignment()
{
    using Row = TextDiff::SideBySideRow;
    DiffView view;
    const QString oldText = QStringLiteral("#!/bin/bash\nset -e\nfor h in $HOSTS; do\n  ssh $h uptime\ndone\nexit 0\n");
    const QString newText
        = QStringLiteral("#!/bin/bash\nset -euo pipefail\nfor h in $HOSTS; do\n  ssh \"$h\" uptime\n  sleep 1\ndone\n");
    view.setTexts(oldText, newText, ScriptLanguage::Bash, QStringLiteral("Version 3 — 2026-11-22 10:14 — alice"),
        QStringLiteral("Version 4 — 2026-11-23 09:02 — bob"));
    // Changes: line 2 changed; line 4 changed + "sleep 1" added; "exit 0" removed.
    QCOMPARE(view.changeCount(), 3);
    const QList<Row> expected { { 0, 0, Row::Same }, { 1, 1, Row::Changed }, { 2, 2, Row::Same },
        { 3, 3, Row::Changed }, { -1, 4, Row::Added }, { 4, 5, Row::Same }, { 5, -1, Row::Removed } };
    QCOMPARE(view.rows(), expected);
    QCOMPARE(view.changeRows(), (QList<int> { 1, 3, 6 }));

    // Both panes have one line per row; fillers are blank.
    ScriptEditor* left = view.oldEditor();
    ScriptEditor* right = view.newEditor();
    QCOMPARE(left->lines(), 7);
    QCOMPARE(right->lines(), 7);
    QCOMPARE(left->text(4), QStringLiteral("\n"));
    QCOMPARE(right->text(4), QStringLiteral("  sleep 1\n"));
    QCOMPARE(left->text(6), QStringLiteral("exit 0"));
    QCOMPARE(right->text(6), QString());
    QVERIFY(left->isReadOnly() && right->isReadOnly());
    QCOMPARE(left->lexer()->metaObject()->className(), "QsciLexerBash");

    // Background markers.
    const auto has = [](ScriptEditor* pane, int line, int marker) { return (pane->markersAtLine(line) >> marker) & 1; };
    QVERIFY(has(left, 1, DiffView::ChangedMarker) && has(right, 1, DiffView::ChangedMarker));
    QVERIFY(has(left, 4, DiffView::FillerMarker) && has(right, 4, DiffView::AddedMarker));
    QVERIFY(has(left, 6, DiffView::RemovedMarker) && has(right, 6, DiffView::FillerMarker));
    QCOMPARE(left->markersAtLine(0), 0u);
    QCOMPARE(right->markersAtLine(5), 0u);

    // Line numbers are the files' own; fillers have none.
    QCOMPARE(marginText(*left, 5), QStringLiteral("5 "));
    QCOMPARE(marginText(*right, 5), QStringLiteral("6 "));
    QCOMPARE(marginText(*left, 4), QString());

    const QList<QLabel*> labels = view.findChildren<QLabel*>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
        [](QLabel* l) { return l->text() == QStringLiteral("Version 3 — 2026-11-22 10:14 — alice"); }));

    view.setTexts(oldText, oldText, ScriptLanguage::Python, QString(), QString());
    QCOMPARE(view.changeCount(), 0);
    QVERIFY(!view.nextChange());
    QCOMPARE(left->lexer()->metaObject()->className(), "QsciLexerPython");
}

void TestScriptEditor::diffViewNavigation()
{
    DiffView view;
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStringList a;
    for (int i = 0; i < 400; ++i) {
        a.append(QStringLiteral("echo line %1").arg(i));
    }
    QStringList b = a;
    b[100] = QStringLiteral("echo changed");
    b[300] = QStringLiteral("echo changed too");
    view.setTexts(a.join(QLatin1Char('\n')), b.join(QLatin1Char('\n')), ScriptLanguage::Bash, QStringLiteral("old"),
        QStringLiteral("new"));
    QCOMPARE(view.changeCount(), 2);
    QCOMPARE(view.currentChange(), -1);
    QVERIFY(view.nextChange());
    QCOMPARE(view.currentChange(), 0);
    const auto visible = [](ScriptEditor* pane, int line) {
        return pane->firstVisibleLine() <= line
            && line < pane->firstVisibleLine() + pane->SendScintilla(QsciScintillaBase::SCI_LINESONSCREEN);
    };
    QVERIFY(visible(view.oldEditor(), 100) && visible(view.newEditor(), 100));
    QVERIFY(view.nextChange());
    QCOMPARE(view.currentChange(), 1);
    QVERIFY(visible(view.oldEditor(), 300) && visible(view.newEditor(), 300));
    QVERIFY(view.nextChange()); // wraps
    QCOMPARE(view.currentChange(), 0);
    QVERIFY(view.previousChange()); // wraps back
    QCOMPARE(view.currentChange(), 1);

    // Scrolling one pane scrolls the other, vertically and horizontally; zoom too.
    view.oldEditor()->verticalScrollBar()->setValue(37);
    QCOMPARE(view.newEditor()->firstVisibleLine(), 37);
    view.newEditor()->verticalScrollBar()->setValue(12);
    QCOMPARE(view.oldEditor()->firstVisibleLine(), 12);
    view.oldEditor()->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 3000);
    view.newEditor()->SendScintilla(QsciScintillaBase::SCI_SETSCROLLWIDTH, 3000);
    view.newEditor()->horizontalScrollBar()->setValue(40);
    QCOMPARE(view.oldEditor()->horizontalScrollBar()->value(), 40);
    view.oldEditor()->zoomIn();
    QCOMPARE(int(view.newEditor()->SendScintilla(QsciScintillaBase::SCI_GETZOOM)), 1);
}

void TestScriptEditor::largeDocument()
{
    // About 5 MB of shell script.
    QString script;
    script.reserve(5 * 1024 * 1024 + 200);
    for (int i = 0; script.size() < 5 * 1024 * 1024; ++i) {
        script += QStringLiteral("if [ -f \"/etc/host-%1.conf\" ]; then echo \"found %1\" # check %1\nfi\n").arg(i);
    }
    ScriptEditor editor;
    editor.resize(800, 600);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QElapsedTimer timer;
    timer.start();
    editor.setText(script);
    editor.grab(); // paints, so the visible part is styled
    const qint64 loadMs = timer.elapsed();
    QVERIFY(editor.isLargeDocumentMode());

    // Jumping to the middle styles everything above it once (Scintilla lexes from the last styled position).
    timer.restart();
    editor.goToLine(editor.lines() / 2);
    editor.grab();
    const qint64 jumpMs = timer.elapsed();
    timer.restart();
    QTest::keyClick(&editor, Qt::Key_X);
    editor.grab();
    const qint64 typeMs = timer.elapsed();
    timer.restart();
    editor.setLanguage(ScriptLanguage::Python);
    editor.grab();
    const qint64 relexMs = timer.elapsed();
    qInfo("5 MB: load+paint %lld ms, jump to the middle+paint %lld ms, type+paint %lld ms, change language %lld ms",
        loadMs, jumpMs, typeMs, relexMs);
    QCOMPARE(editor.SendScintilla(QsciScintillaBase::SCI_GETTEXTLENGTH), long(script.toUtf8().size() + 1));
    // Generous bounds: a sanitizer build on a shared machine. A release build takes a fraction of this.
    QVERIFY2(loadMs < 10000, qPrintable(QString::number(loadMs)));
    QVERIFY2(jumpMs < 5000, qPrintable(QString::number(jumpMs)));
    QVERIFY2(typeMs < 1000, qPrintable(QString::number(typeMs)));
    QVERIFY2(relexMs < 5000, qPrintable(QString::number(relexMs)));

    QCOMPARE(editor.braceMatching(), QsciScintilla::NoBraceMatch);
    QCOMPARE(editor.folding(), QsciScintilla::BoxedTreeFoldStyle);
    // Back under the threshold: brace matching returns.
    editor.setText(QStringLiteral("echo small\n"));
    QVERIFY(!editor.isLargeDocumentMode());
    QCOMPARE(editor.braceMatching(), QsciScintilla::SloppyBraceMatch);
}

void TestScriptEditor::paletteChangeRecolours()
{
    ScriptEditor editor;
    DiffView view;
    editor.setText(QString::fromUtf8(sampleScript));
    Theme::instance()->setMode(Theme::Mode::Light);
    QCOMPARE(styleBack(editor, QsciLexerBash::Default), QApplication::palette().color(QPalette::Base));
    const QColor lightBase = QApplication::palette().color(QPalette::Base);

    Theme::instance()->setMode(Theme::Mode::Dark);
    QVERIFY(Theme::isDark());
    const QColor darkBase = QApplication::palette().color(QPalette::Base);
    QVERIFY(darkBase != lightBase);
    QCOMPARE(styleBack(editor, QsciLexerBash::Default), darkBase);
    QCOMPARE(styleBack(editor, QsciLexerBash::Comment), darkBase);
    QCOMPARE(styleFore(editor, QsciLexerBash::Default), QApplication::palette().color(QPalette::Text));
    QCOMPARE(styleFore(editor, QsciLexerBash::Keyword), Theme::color(QStringLiteral("syntax.keyword")));
    QCOMPARE(styleBack(editor, QsciScintillaBase::STYLE_LINENUMBER), QApplication::palette().color(QPalette::Window));
    QCOMPARE(styleBack(*view.oldEditor(), QsciLexerBash::Default), darkBase);

    // The language's lexer after a switch is themed too.
    editor.setLanguage(ScriptLanguage::Perl);
    QCOMPARE(styleBack(editor, QsciLexerPerl::Default), darkBase);
    QCOMPARE(styleFore(editor, QsciLexerPerl::Scalar), Theme::color(QStringLiteral("syntax.variable")));

    Theme::instance()->setMode(Theme::Mode::Light);
    QCOMPARE(styleBack(editor, QsciLexerPerl::Default), lightBase);
}

void TestScriptEditor::screenshots()
{
    // Set OPSDECK_SCREENSHOT_DIR to look at the editor and the diff view in both themes.
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("OPSDECK_SCREENSHOT_DIR not set");
    }
    QDir().mkpath(dir);
    const QString script = QString::fromUtf8("#!/bin/bash\n"
                                             "# Rotate logs on every web host\n"
                                             "set -euo pipefail\n"
                                             "TARGET=${1:-/var/log/app}\n"
                                             "for h in $HOSTS; do\n"
                                             "  echo \"部署 🚀 $h\"\n"
                                             "  ssh $h \"find $TARGET -mtime +7 -delete\"\n"
                                             "  rm -rf $TARGET/\n"
                                             "  count=$((count + 1))\n"
                                             "done\n"
                                             "cat <<EOF\n"
                                             "done: $count hosts\n"
                                             "EOF\n");
    const QString newScript
        = QString(script)
              .replace(QStringLiteral("rm -rf $TARGET/\n"), QStringLiteral("rm -rf \"${TARGET:?}\"/*\n"))
              .replace(QStringLiteral("set -euo pipefail\n"), QString())
              .replace(QStringLiteral("done\n"), QStringLiteral("  sleep 1\ndone\n"));
    for (const Theme::Mode mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
        Theme::instance()->setMode(mode);
        const QString name = Theme::effectiveName();
        QWidget window;
        auto* editor = new ScriptEditor(&window);
        auto* bar = new FindReplaceBar(editor, &window);
        auto* layout = new QVBoxLayout(&window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(editor);
        layout->addWidget(bar);
        window.resize(760, 360);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        editor->setText(script);
        const int rm = int(script.split(QLatin1Char('\n')).at(7).indexOf(QLatin1String("rm"))) + 1;
        editor->setFindings(Source::Danger,
            { finding(Source::Danger, Severity::Block, 8, rm, 6, QStringLiteral("rm-recursive"),
                  QStringLiteral("Recursive delete of a variable path")),
                finding(Source::Danger, Severity::Warning, 7, 3, 3, QStringLiteral("ssh-loop"),
                    QStringLiteral("Sequential ssh in a loop")) });
        editor->setFindings(Source::ShellCheck,
            { finding(Source::ShellCheck, Severity::Info, 5, 10, 6, QStringLiteral("SC2086"),
                  QStringLiteral("Double quote to prevent globbing and word splitting.")),
                finding(Source::ShellCheck, Severity::Error, 11, 1, 3, QStringLiteral("SC1000"), QStringLiteral("x")),
                finding(Source::ShellCheck, Severity::Warning, 7, 7, 2, QStringLiteral("SC2029"),
                    QStringLiteral("Note that, unescaped, this expands on the client side.")) });
        editor->setCursorPosition(4, 0);
        bar->showReplace();
        bar->setRegularExpression(true);
        bar->setFindText(QStringLiteral("\\$(\\w+)"));
        QVERIFY(window.grab().save(dir + QStringLiteral("/editor-%1.png").arg(name)));

        DiffView view;
        view.resize(1000, 330);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setTexts(script, newScript, ScriptLanguage::Bash, QStringLiteral("Version 3 — 2026-11-22 10:14 — alice"),
            QStringLiteral("Version 4 — 2026-11-23 09:02 — bob"));
        view.nextChange();
        QVERIFY(view.grab().save(dir + QStringLiteral("/diff-%1.png").arg(name)));
    }
    Theme::instance()->setMode(Theme::Mode::Light);
}

QTEST_MAIN(TestScriptEditor)
#include "tst_scripteditor.moc"
