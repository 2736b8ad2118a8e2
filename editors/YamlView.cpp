#include "YamlView.h"

#include "Theme.h"

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>
#include <QPalette>
#include <Qsci/qscilexeryaml.h>
#include <Qsci/qscistyle.h>
#include <algorithm>

namespace {
constexpr int kProblemIndicator = 8; // 0-7 belong to lexers
} // namespace

YamlView::YamlView(QWidget* parent)
    : QsciScintilla(parent)
    , m_lexer(new QsciLexerYAML(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_lexer->setDefaultFont(mono);
    m_lexer->setFont(mono);
    setLexer(m_lexer);
    setUtf8(true);
    setMarginType(0, QsciScintilla::NumberMargin);
    setMarginWidth(0, QStringLiteral("0000"));
    setFolding(QsciScintilla::BoxedTreeFoldStyle);
    setIndentationsUseTabs(false);
    setIndentationWidth(2);
    setTabWidth(2);
    setWrapMode(QsciScintilla::WrapNone);
    indicatorDefine(QsciScintilla::SquiggleIndicator, kProblemIndicator);
    setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    applyPalette();
}

void YamlView::showProblem(int line, int column, const QString& message)
{
    clearProblem();
    const int l = std::clamp(line - 1, 0, std::max(0, lines() - 1));
    QString lineText = text(l);
    while (lineText.endsWith(QLatin1Char('\n')) || lineText.endsWith(QLatin1Char('\r'))) {
        lineText.chop(1);
    }
    const int length = int(lineText.size());
    const int from = std::clamp(column - 1, 0, std::max(0, length - 1));
    fillIndicatorRange(l, from, l, std::max(length, from + 1), kProblemIndicator);
    const QColor error = Theme::color(QStringLiteral("syntax.error"));
    QFont font = m_lexer->defaultFont(0);
    font.setItalic(true);
    annotate(l, QStringLiteral("%1:%2: %3").arg(line).arg(column).arg(message),
        QsciStyle(-1, QStringLiteral("problem"), error, QApplication::palette().color(QPalette::Base), font));
    m_problem = message;
    m_problemLine = l;
}

void YamlView::clearProblem()
{
    if (m_problemLine < 0) {
        return;
    }
    clearIndicatorRange(0, 0, std::max(0, lines() - 1), int(text(std::max(0, lines() - 1)).size()), kProblemIndicator);
    clearAnnotations();
    m_problem.clear();
    m_problemLine = -1;
}

void YamlView::setYaml(const QString& text)
{
    const bool ro = isReadOnly();
    setReadOnly(false);
    setText(text);
    setReadOnly(ro);
}

void YamlView::changeEvent(QEvent* event)
{
    QsciScintilla::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange) {
        applyPalette();
    }
}

void YamlView::applyPalette()
{
    const QPalette pal = QApplication::palette();
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    m_lexer->setDefaultPaper(base);
    m_lexer->setPaper(base);
    m_lexer->setDefaultColor(text);
    m_lexer->setColor(text);
    // Syntax colours are theme roles, chosen per theme for contrast on its base colour.
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.identifier")), QsciLexerYAML::Identifier);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.comment")), QsciLexerYAML::Comment);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.number")), QsciLexerYAML::Number);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.keyword")), QsciLexerYAML::Keyword);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.reference")), QsciLexerYAML::Reference);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.document")), QsciLexerYAML::DocumentDelimiter);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.string")), QsciLexerYAML::TextBlockMarker);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.operator")), QsciLexerYAML::Operator);
    m_lexer->setColor(Theme::color(QStringLiteral("syntax.error")), QsciLexerYAML::SyntaxErrorMarker);
    setMarginsBackgroundColor(pal.color(QPalette::Window));
    setMarginsForegroundColor(pal.color(QPalette::PlaceholderText));
    setCaretForegroundColor(text);
    setSelectionBackgroundColor(pal.color(QPalette::Highlight));
    setSelectionForegroundColor(pal.color(QPalette::HighlightedText));
    setFoldMarginColors(pal.color(QPalette::Window), pal.color(QPalette::Window));
    setIndicatorForegroundColor(Theme::color(QStringLiteral("syntax.error")), kProblemIndicator);
}
