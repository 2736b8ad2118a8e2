#include "ScriptEditor.h"

#include "JinjaLexer.h"
#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QHelpEvent>
#include <QInputDialog>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QToolTip>
#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerperl.h>
#include <Qsci/qscilexerpython.h>
#include <algorithm>
#include <utility>

namespace {

using Severity = ScriptFinding::Severity;
using Source = ScriptFinding::Source;

constexpr std::array<Severity, 4> allSeverities { Severity::Info, Severity::Warning, Severity::Error, Severity::Block };
constexpr std::array<Source, 3> allSources { Source::Danger, Source::ShellCheck, Source::Template };

QString severityRole(Severity severity)
{
    switch (severity) {
    case Severity::Block:
        return QStringLiteral("status.offline");
    case Severity::Error:
        return QStringLiteral("syntax.error");
    case Severity::Warning:
        return QStringLiteral("status.maintenance");
    case Severity::Info:
        break;
    }
    return QStringLiteral("status.deploying");
}

// The findings margin's symbols: a stop sign for a blocking danger, a triangle for a warning, a round badge for
// errors and notes. Painted rather than drawn by Scintilla so that each severity has a shape of its own (not only a
// colour) and the theme's colours.
QPixmap markerPixmap(Severity severity, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor colour = Theme::color(severityRole(severity));
    const qreal s = size;
    const qreal stroke = std::max(1.5, s / 7.0);
    QPen glyph(severity == Severity::Warning ? QColor(0x1f, 0x23, 0x28) : QColor(Qt::white), stroke, Qt::SolidLine,
        Qt::RoundCap);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    switch (severity) {
    case Severity::Block: {
        QPainterPath octagon;
        const qreal c = s * 0.29;
        octagon.moveTo(c, 0.5);
        octagon.lineTo(s - c, 0.5);
        octagon.lineTo(s - 0.5, c);
        octagon.lineTo(s - 0.5, s - c);
        octagon.lineTo(s - c, s - 0.5);
        octagon.lineTo(c, s - 0.5);
        octagon.lineTo(0.5, s - c);
        octagon.lineTo(0.5, c);
        octagon.closeSubpath();
        painter.drawPath(octagon);
        painter.setPen(glyph);
        painter.drawLine(QPointF(s * 0.28, s / 2), QPointF(s * 0.72, s / 2));
        break;
    }
    case Severity::Warning: {
        QPainterPath triangle;
        triangle.moveTo(s / 2, 0.5);
        triangle.lineTo(s - 0.5, s - 0.5);
        triangle.lineTo(0.5, s - 0.5);
        triangle.closeSubpath();
        painter.drawPath(triangle);
        painter.setPen(glyph);
        painter.drawLine(QPointF(s / 2, s * 0.38), QPointF(s / 2, s * 0.62));
        painter.drawPoint(QPointF(s / 2, s * 0.81));
        break;
    }
    case Severity::Error:
        painter.drawEllipse(QRectF(0.5, 0.5, s - 1, s - 1));
        painter.setPen(glyph);
        painter.drawLine(QPointF(s / 2, s * 0.24), QPointF(s / 2, s * 0.56));
        painter.drawPoint(QPointF(s / 2, s * 0.76));
        break;
    case Severity::Info:
        painter.drawEllipse(QRectF(0.5, 0.5, s - 1, s - 1));
        painter.setPen(glyph);
        painter.drawPoint(QPointF(s / 2, s * 0.26));
        painter.drawLine(QPointF(s / 2, s * 0.45), QPointF(s / 2, s * 0.76));
        break;
    }
    return pixmap;
}

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Block:
        return ScriptEditor::tr("Blocked");
    case Severity::Error:
        return ScriptEditor::tr("Error");
    case Severity::Warning:
        return ScriptEditor::tr("Warning");
    case Severity::Info:
        break;
    }
    return ScriptEditor::tr("Info");
}

// "shellcheck.net/wiki/SC2086": the page name a person can type, from the finding's URL or its code.
QString wikiPageName(const ScriptFinding& finding)
{
    QString page = finding.url;
    for (const QLatin1String prefix : { QLatin1String("https://"), QLatin1String("http://"), QLatin1String("www.") }) {
        if (page.startsWith(prefix)) {
            page = page.mid(prefix.size());
        }
    }
    if (page.isEmpty()) {
        page = QLatin1String("shellcheck.net/wiki/") + finding.code;
    }
    return page;
}

// A line's text without its end-of-line characters.
QString withoutEol(QString text)
{
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r'))) {
        text.chop(1);
    }
    return text;
}

} // namespace

ScriptEditor::ScriptEditor(QWidget* parent)
    : QsciScintilla(parent)
{
    setUtf8(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setFont(mono);
    setMarginsFont(mono);

    setMarginType(LineNumberMargin, QsciScintilla::NumberMargin);
    setMarginMarkerMask(LineNumberMargin, 0);
    setMarginType(FindingMargin, QsciScintilla::SymbolMargin);
    setMarginWidth(FindingMargin, QFontMetrics(mono).height());
    int findingMask = 0;
    for (const Severity severity : allSeverities) {
        findingMask |= 1 << markerFor(severity);
    }
    setMarginMarkerMask(FindingMargin, findingMask);
    setFolding(QsciScintilla::BoxedTreeFoldStyle, FoldMargin);

    setBraceMatching(QsciScintilla::SloppyBraceMatch);
    setAutoIndent(true);
    setIndentationGuides(true);
    setIndentationsUseTabs(false);
    setIndentationWidth(4);
    setTabWidth(4);
    setBackspaceUnindents(true);
    setCaretLineVisible(true);
    setWrapMode(QsciScintilla::WrapNone);
    // A horizontal scroll bar only when some line is wider than the view (Scintilla assumes 2000 px otherwise).
    SendScintilla(SCI_SETSCROLLWIDTH, 1);
    SendScintilla(SCI_SETSCROLLWIDTHTRACKING, true);

    for (const Source source : allSources) {
        for (const Severity severity : allSeverities) {
            const int number = indicatorFor(source, severity);
            indicatorDefine(severity == Severity::Block ? QsciScintilla::StraightBoxIndicator
                    : severity == Severity::Info        ? QsciScintilla::DotsIndicator
                                                        : QsciScintilla::SquiggleIndicator,
                number);
            // Drawn under the text so that a filled box does not wash the characters out.
            SendScintilla(SCI_INDICSETUNDER, number, true);
        }
    }

    connect(this, &QsciScintilla::linesChanged, this, &ScriptEditor::updateLineNumberMarginWidth);
    connect(this, &QsciScintillaBase::SCN_ZOOM, this, [this] {
        m_lineNumberDigits = 0;
        updateLineNumberMarginWidth();
    });
    connect(this, &QsciScintilla::textChanged, this, &ScriptEditor::updateLargeDocumentMode);
    connect(Theme::instance(), &Theme::changed, this, &ScriptEditor::applyTheme);

    setLanguage(ScriptLanguage::Bash);
}

void ScriptEditor::setTemplateSyntax(JinjaSyntax::FileSyntax syntax)
{
    if (auto* jinja = qobject_cast<JinjaLexer*>(m_lexer); jinja && m_template) {
        jinja->setFileSyntax(syntax);
        return;
    }
    auto* lexer = new JinjaLexer(this);
    lexer->setFileSyntax(syntax);
    m_template = true;
    installLexer(lexer);
}

void ScriptEditor::installLexer(QsciLexer* lexer)
{
    QsciLexer* old = m_lexer;
    m_lexer = lexer;
    applyLexerColours();
    setLexer(m_lexer);
    delete old;
    // setLexer() resets the styles the margins, braces and caret use.
    applyTheme();
}

void ScriptEditor::setHoverTextProvider(std::function<QString(int, int)> provider)
{
    m_hoverText = std::move(provider);
}

void ScriptEditor::setLanguage(ScriptLanguage language)
{
    m_language = language;
    m_template = false;
    QsciLexer* lexer = nullptr;
    switch (language) {
    case ScriptLanguage::Bash:
    case ScriptLanguage::Sh: {
        auto* bash = new QsciLexerBash(this);
        bash->setFoldComments(true);
        bash->setFoldCompact(false);
        lexer = bash;
        break;
    }
    case ScriptLanguage::Python: {
        auto* python = new QsciLexerPython(this);
        python->setFoldComments(true);
        python->setFoldCompact(false);
        python->setFoldQuotes(true);
        lexer = python;
        break;
    }
    case ScriptLanguage::Perl: {
        auto* perl = new QsciLexerPerl(this);
        perl->setFoldComments(true);
        perl->setFoldCompact(false);
        lexer = perl;
        break;
    }
    }
    installLexer(lexer);
}

void ScriptEditor::applyLexerColours()
{
    if (!m_lexer) {
        return;
    }
    const QPalette pal = QApplication::palette();
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultFont(mono);
    m_lexer->setFont(mono); // every style: the Python lexer's defaults mix in proportional fonts
    m_lexer->setDefaultPaper(pal.color(QPalette::Base));
    m_lexer->setPaper(pal.color(QPalette::Base));
    m_lexer->setDefaultColor(pal.color(QPalette::Text));
    m_lexer->setColor(pal.color(QPalette::Text));

    // Syntax colours are theme roles, chosen per theme for contrast on its base colour. Plain words (commands,
    // names) stay in the text colour: colouring every word of a shell script makes nothing stand out.
    const QString keyword = QStringLiteral("syntax.keyword");
    const QString string = QStringLiteral("syntax.string");
    const QString comment = QStringLiteral("syntax.comment");
    const QString number = QStringLiteral("syntax.number");
    const QString identifier = QStringLiteral("syntax.identifier");
    const QString op = QStringLiteral("syntax.operator");
    const QString variable = QStringLiteral("syntax.variable");
    const QString error = QStringLiteral("syntax.error");
    const QString reference = QStringLiteral("syntax.reference");
    const QString document = QStringLiteral("syntax.document");
    QList<std::pair<int, QString>> styles;
    if (m_template) {
        // Tags on a faint tint of their own, so that the template's logic stands apart from the file's text.
        const QColor tag = Theme::color(QStringLiteral("syntax.template"));
        QFont bold = mono;
        bold.setBold(true);
        QFont italic = mono;
        italic.setItalic(true);
        for (int style = 0; style < JinjaLexer::StyleCount; ++style) {
            if (JinjaLexer::isTagStyle(style)) {
                m_lexer->setPaper(tag, style);
            }
            if (JinjaLexer::isBoldStyle(style)) {
                m_lexer->setFont(bold, style);
            }
        }
        m_lexer->setFont(italic, int(JinjaSyntax::Kind::Comment));
        m_lexer->setFont(italic, int(JinjaSyntax::Kind::FileComment));
        for (const auto& [style, role] : JinjaLexer::styleRoles()) {
            m_lexer->setColor(Theme::color(role), style);
        }
        return;
    }
    switch (m_language) {
    case ScriptLanguage::Bash:
    case ScriptLanguage::Sh:
        styles = { { QsciLexerBash::Error, error }, { QsciLexerBash::Comment, comment },
            { QsciLexerBash::Number, number }, { QsciLexerBash::Keyword, keyword },
            { QsciLexerBash::DoubleQuotedString, string }, { QsciLexerBash::SingleQuotedString, string },
            { QsciLexerBash::Operator, op }, { QsciLexerBash::Scalar, variable },
            { QsciLexerBash::ParameterExpansion, variable }, { QsciLexerBash::Backticks, reference },
            { QsciLexerBash::HereDocumentDelimiter, keyword }, { QsciLexerBash::SingleQuotedHereDocument, string } };
        break;
    case ScriptLanguage::Python:
        styles = { { QsciLexerPython::Comment, comment }, { QsciLexerPython::CommentBlock, comment },
            { QsciLexerPython::Number, number }, { QsciLexerPython::Keyword, keyword },
            { QsciLexerPython::DoubleQuotedString, string }, { QsciLexerPython::SingleQuotedString, string },
            { QsciLexerPython::TripleSingleQuotedString, string },
            { QsciLexerPython::TripleDoubleQuotedString, string }, { QsciLexerPython::DoubleQuotedFString, string },
            { QsciLexerPython::SingleQuotedFString, string }, { QsciLexerPython::TripleSingleQuotedFString, string },
            { QsciLexerPython::TripleDoubleQuotedFString, string }, { QsciLexerPython::ClassName, identifier },
            { QsciLexerPython::FunctionMethodName, identifier }, { QsciLexerPython::Operator, op },
            { QsciLexerPython::UnclosedString, error }, { QsciLexerPython::HighlightedIdentifier, variable },
            { QsciLexerPython::Decorator, reference } };
        break;
    case ScriptLanguage::Perl:
        styles = { { QsciLexerPerl::Error, error }, { QsciLexerPerl::Comment, comment },
            { QsciLexerPerl::POD, document }, { QsciLexerPerl::PODVerbatim, document },
            { QsciLexerPerl::Number, number }, { QsciLexerPerl::Keyword, keyword },
            { QsciLexerPerl::DoubleQuotedString, string }, { QsciLexerPerl::SingleQuotedString, string },
            { QsciLexerPerl::QuotedStringQ, string }, { QsciLexerPerl::QuotedStringQQ, string },
            { QsciLexerPerl::QuotedStringQW, string }, { QsciLexerPerl::DoubleQuotedStringVar, string },
            { QsciLexerPerl::QuotedStringQQVar, string }, { QsciLexerPerl::SingleQuotedHereDocument, string },
            { QsciLexerPerl::DoubleQuotedHereDocument, string }, { QsciLexerPerl::DoubleQuotedHereDocumentVar, string },
            { QsciLexerPerl::FormatBody, string }, { QsciLexerPerl::Operator, op }, { QsciLexerPerl::Scalar, variable },
            { QsciLexerPerl::Array, variable }, { QsciLexerPerl::Hash, variable },
            { QsciLexerPerl::SymbolTable, variable }, { QsciLexerPerl::Regex, reference },
            { QsciLexerPerl::RegexVar, reference }, { QsciLexerPerl::Substitution, reference },
            { QsciLexerPerl::SubstitutionVar, reference }, { QsciLexerPerl::QuotedStringQR, reference },
            { QsciLexerPerl::QuotedStringQRVar, reference }, { QsciLexerPerl::Translation, reference },
            { QsciLexerPerl::Backticks, reference }, { QsciLexerPerl::BackticksVar, reference },
            { QsciLexerPerl::QuotedStringQX, reference }, { QsciLexerPerl::QuotedStringQXVar, reference },
            { QsciLexerPerl::BacktickHereDocument, reference }, { QsciLexerPerl::BacktickHereDocumentVar, reference },
            { QsciLexerPerl::HereDocumentDelimiter, keyword }, { QsciLexerPerl::DataSection, document },
            { QsciLexerPerl::SubroutinePrototype, identifier }, { QsciLexerPerl::FormatIdentifier, identifier } };
        break;
    }
    for (const auto& [style, role] : styles) {
        m_lexer->setColor(Theme::color(role), style);
    }
}

void ScriptEditor::applyTheme()
{
    if (m_applyingTheme) {
        return;
    }
    // Setting colours can itself post palette-change events; one pass is enough.
    m_applyingTheme = true;
    const QPalette pal = QApplication::palette();
    applyLexerColours();
    setPaper(pal.color(QPalette::Base));
    setColor(pal.color(QPalette::Text));
    setMarginsBackgroundColor(pal.color(QPalette::Window));
    setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    for (int marker = int(SC_MARKNUM_FOLDEREND); marker <= int(SC_MARKNUM_FOLDEROPEN); ++marker) {
        setMarkerForegroundColor(pal.color(QPalette::Window), marker);
        setMarkerBackgroundColor(pal.color(QPalette::PlaceholderText), marker);
    }
    setCaretForegroundColor(pal.color(QPalette::Text));
    setCaretLineBackgroundColor(pal.color(QPalette::AlternateBase));
    // A light tint of the highlight colour under unchanged syntax colours: a solid highlight with its own text colour
    // would hide what the selected code is.
    const QColor highlight = pal.color(QPalette::Highlight);
    const QColor base = pal.color(QPalette::Base);
    const auto mix = [](int a, int b) { return (a * 40 + b * 60) / 100; };
    setSelectionBackgroundColor(QColor(
        mix(highlight.red(), base.red()), mix(highlight.green(), base.green()), mix(highlight.blue(), base.blue())));
    resetSelectionForegroundColor();
    setIndentationGuidesForegroundColor(pal.color(QPalette::Mid));
    setIndentationGuidesBackgroundColor(pal.color(QPalette::Base));
    setMatchedBraceBackgroundColor(Theme::color(QStringLiteral("search.match")));
    setMatchedBraceForegroundColor(pal.color(QPalette::Text));
    setUnmatchedBraceBackgroundColor(pal.color(QPalette::Base));
    setUnmatchedBraceForegroundColor(Theme::color(QStringLiteral("syntax.error")));

    for (const Source source : allSources) {
        for (const Severity severity : allSeverities) {
            const int number = indicatorFor(source, severity);
            QColor colour = Theme::color(severityRole(severity));
            if (severity == Severity::Block) {
                colour.setAlpha(70); // a tinted box behind the text
                setIndicatorOutlineColor(Theme::color(severityRole(severity)), number);
                SendScintilla(SCI_INDICSETOUTLINEALPHA, number, 200);
            }
            setIndicatorForegroundColor(colour, number);
        }
    }
    defineFindingMarkers();
    m_lineNumberDigits = 0;
    updateLineNumberMarginWidth();
    m_applyingTheme = false;
}

void ScriptEditor::defineFindingMarkers()
{
    // Sized to the text so that the symbol fills its margin without touching the next line's.
    const int size = std::clamp(QFontMetrics(font()).height() - 3, 9, 24);
    for (const Severity severity : allSeverities) {
        markerDefine(markerPixmap(severity, size), markerFor(severity));
    }
    if (marginWidth(FindingMargin) > 0) { // hidden by the diff view
        setMarginWidth(FindingMargin, size + 4);
    }
}

void ScriptEditor::updateLineNumberMarginWidth()
{
    if (marginType(LineNumberMargin) != QsciScintilla::NumberMargin) {
        return; // a user of the editor (the diff view) writes its own line numbers
    }
    const int digits = int(QString::number(std::max(lines(), 1)).size());
    if (digits == m_lineNumberDigits) {
        return;
    }
    m_lineNumberDigits = digits;
    // One digit of slack so that the numbers do not touch the markers.
    setMarginWidth(LineNumberMargin, QString(digits + 1, QLatin1Char('9')));
}

void ScriptEditor::updateLargeDocumentMode()
{
    const bool large = SendScintilla(SCI_GETTEXTLENGTH) > LargeDocumentBytes;
    if (large == m_largeDocument) {
        return;
    }
    m_largeDocument = large;
    // Brace matching looks for the partner brace on every caret move; next to an unmatched one it scans to the end
    // of the document. Measured on a 5 MB script: 60 ms per caret move with it, 4 ms without. The lexer and folding
    // need no such limit: Scintilla styles (and computes fold levels) lazily, up to the visible lines only
    // (5 MB: load and paint under 0.2 s, typing a character under 0.1 s with or without folding).
    setBraceMatching(large ? QsciScintilla::NoBraceMatch : QsciScintilla::SloppyBraceMatch);
}

void ScriptEditor::resetZoom()
{
    zoomTo(0);
}

void ScriptEditor::changeEvent(QEvent* event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        applyTheme();
    }
}

void ScriptEditor::keyPressEvent(QKeyEvent* event)
{
    // Shift is ignored: on most layouts "+" needs it, so Ctrl++ arrives as Ctrl+Shift+Plus (and Ctrl+= works too).
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier);
    if (modifiers == Qt::ControlModifier) {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            event->accept();
            return;
        case Qt::Key_Minus:
            zoomOut();
            event->accept();
            return;
        case Qt::Key_0:
            resetZoom();
            event->accept();
            return;
        default:
            break;
        }
    }
    QsciScintilla::keyPressEvent(event);
}

bool ScriptEditor::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAtPoint(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    return QsciScintilla::viewportEvent(event);
}

QString ScriptEditor::toolTipAtPoint(const QPoint& point) const
{
    int marginsWidth = int(SendScintilla(SCI_GETMARGINLEFT));
    for (int margin = 0; margin < margins(); ++margin) {
        marginsWidth += marginWidth(margin);
    }
    if (point.x() < marginsWidth) {
        const int line = lineAt(point);
        return line < 0 ? QString() : findingsToolTipAt(line + 1, 0);
    }
    const long position = SendScintilla(SCI_CHARPOSITIONFROMPOINTCLOSE, point.x(), point.y());
    if (position < 0) {
        return {};
    }
    const int line = int(SendScintilla(SCI_LINEFROMPOSITION, position));
    const long byteOffset = position - SendScintilla(SCI_POSITIONFROMLINE, line);
    const int column = int(QString::fromUtf8(text(line).toUtf8().left(byteOffset)).size()) + 1;
    return hoverTextAt(line + 1, column);
}

QString ScriptEditor::hoverTextAt(int line, int column) const
{
    QString findings = findingsToolTipAt(line, column);
    const QString extra = m_hoverText ? m_hoverText(line, column) : QString();
    if (extra.isEmpty()) {
        return findings;
    }
    if (findings.isEmpty()) {
        return QLatin1String("<qt>") + extra + QLatin1String("</qt>");
    }
    findings.chop(5); // "</qt>"
    return findings + QLatin1String("<hr/>") + extra + QLatin1String("</qt>");
}

int ScriptEditor::markerFor(ScriptFinding::Severity severity)
{
    // Higher severities get higher numbers: Scintilla paints higher-numbered markers on top, so the worst finding
    // on a line is the one that shows.
    return FirstFindingMarker + int(severity);
}

int ScriptEditor::indicatorFor(ScriptFinding::Source source, ScriptFinding::Severity severity)
{
    return FirstFindingIndicator + int(source) * 4 + int(severity);
}

QList<ScriptEditor::Placed>& ScriptEditor::placed(ScriptFinding::Source source)
{
    return m_findings[size_t(source)];
}

const QList<ScriptEditor::Placed>& ScriptEditor::placed(ScriptFinding::Source source) const
{
    return m_findings[size_t(source)];
}

void ScriptEditor::setFindings(ScriptFinding::Source source, const ScriptFindings& findings)
{
    clearFindings(source);
    QList<Placed>& list = placed(source);
    list.reserve(findings.size());
    for (const ScriptFinding& finding : findings) {
        Placed p { finding, -1 };
        p.finding.source = source;
        placeFinding(p);
        list.append(p);
    }
}

ScriptFindings ScriptEditor::findings(ScriptFinding::Source source) const
{
    ScriptFindings result;
    for (const Placed& p : placed(source)) {
        result.append(p.finding);
    }
    return result;
}

int ScriptEditor::findingCount(ScriptFinding::Source source) const
{
    return int(placed(source).size());
}

void ScriptEditor::clearFindings(ScriptFinding::Source source)
{
    for (const Placed& p : std::as_const(placed(source))) {
        if (p.markerHandle >= 0) {
            markerDeleteHandle(p.markerHandle);
        }
    }
    placed(source).clear();
    const long length = SendScintilla(SCI_GETTEXTLENGTH);
    for (const Severity severity : allSeverities) {
        SendScintilla(SCI_SETINDICATORCURRENT, indicatorFor(source, severity));
        SendScintilla(SCI_INDICATORCLEARRANGE, 0, length);
    }
}

void ScriptEditor::placeFinding(Placed& p)
{
    const ScriptFinding& f = p.finding;
    if (f.line < 1 || f.line > lines()) {
        return; // stale: the text changed under the check
    }
    p.markerHandle = markerAdd(f.line - 1, markerFor(f.severity));
    const int start = positionFromLineColumn(f.line, f.column);
    const int end = positionFromLineColumn(f.line, f.column + std::max(1, f.length));
    if (end > start) {
        SendScintilla(SCI_SETINDICATORCURRENT, indicatorFor(f.source, f.severity));
        SendScintilla(SCI_INDICATORFILLRANGE, start, end - start);
    }
}

int ScriptEditor::positionFromLineColumn(int line, int column) const
{
    const int l = std::clamp(line - 1, 0, std::max(lines() - 1, 0));
    const QString lineText = withoutEol(text(l));
    qsizetype chars = std::clamp(qsizetype(column - 1), qsizetype(0), lineText.size());
    // Never split a surrogate pair: a column inside an emoji means the emoji.
    if (chars > 0 && chars < lineText.size() && lineText.at(chars - 1).isHighSurrogate()) {
        ++chars;
    }
    // Scintilla positions are byte offsets into the UTF-8 document.
    return int(SendScintilla(SCI_POSITIONFROMLINE, l)) + int(lineText.left(chars).toUtf8().size());
}

int ScriptEditor::currentLine(const Placed& p) const
{
    if (p.markerHandle >= 0) {
        const int line = int(SendScintilla(SCI_MARKERLINEFROMHANDLE, p.markerHandle));
        if (line >= 0) {
            return line;
        }
    }
    return p.finding.line - 1;
}

QString ScriptEditor::findingsToolTipAt(int line, int column) const
{
    QList<const Placed*> here;
    for (const QList<Placed>& list : m_findings) {
        for (const Placed& p : list) {
            if (currentLine(p) != line - 1) {
                continue;
            }
            const ScriptFinding& f = p.finding;
            if (column == 0 || (column >= f.column && column < f.column + std::max(1, f.length))) {
                here.append(&p);
            }
        }
    }
    if (here.isEmpty()) {
        return {};
    }
    // Worst first; within a severity in the order of the text.
    std::stable_sort(here.begin(), here.end(), [](const Placed* a, const Placed* b) {
        if (a->finding.severity != b->finding.severity) {
            return a->finding.severity > b->finding.severity;
        }
        return a->finding.column < b->finding.column;
    });
    QStringList paragraphs;
    for (const Placed* p : std::as_const(here)) {
        const ScriptFinding& f = p->finding;
        const QString source = f.source == Source::ShellCheck ? tr("ShellCheck")
            : f.source == Source::Template                    ? tr("Template")
                                                              : tr("Danger rule");
        QString paragraph = tr("<b>%1</b> · %2 %3").arg(severityText(f.severity), source, f.code.toHtmlEscaped())
            + QLatin1String("<br/>") + f.message.toHtmlEscaped();
        if (f.source == Source::ShellCheck) {
            paragraph += QLatin1String("<br/><i>")
                + tr("%1 — see %2").arg(f.code.toHtmlEscaped(), wikiPageName(f).toHtmlEscaped())
                + QLatin1String("</i>");
        }
        paragraphs.append(QLatin1String("<p>") + paragraph + QLatin1String("</p>"));
    }
    return QLatin1String("<qt>") + paragraphs.join(QString()) + QLatin1String("</qt>");
}

void ScriptEditor::goToLine(int line)
{
    const int target = std::clamp(line - 1, 0, std::max(lines() - 1, 0));
    ensureLineVisible(target); // unfolds it
    setCursorPosition(target, 0);
    // Put the line near the middle rather than at the edge where ensureLineVisible leaves it.
    const int onScreen = int(SendScintilla(SCI_LINESONSCREEN));
    SendScintilla(SCI_SETFIRSTVISIBLELINE, std::max(0, target - onScreen / 3));
    setFocus();
}

bool GoToLineDialog::ask(QWidget* parent, ScriptEditor* editor)
{
    int line = 0;
    int index = 0;
    editor->getCursorPosition(&line, &index);
    const int count = std::max(editor->lines(), 1);
    bool ok = false;
    const int chosen
        = QInputDialog::getInt(parent, tr("Go to Line"), tr("Line (1–%1):").arg(count), line + 1, 1, count, 1, &ok);
    if (ok) {
        editor->goToLine(chosen);
    }
    return ok;
}
