#include "JinjaLexer.h"

#include <Qsci/qsciscintilla.h>

using JinjaSyntax::Kind;
using JinjaSyntax::State;

JinjaLexer::JinjaLexer(QObject* parent)
    : QsciLexerCustom(parent)
{
}

void JinjaLexer::setFileSyntax(JinjaSyntax::FileSyntax syntax)
{
    m_syntax = syntax;
    if (QsciScintilla* e = editor()) {
        e->SendScintilla(QsciScintillaBase::SCI_COLOURISE, 0, -1);
    }
}

const char* JinjaLexer::language() const
{
    return "Jinja";
}

QString JinjaLexer::description(int style) const
{
    switch (style) {
    case int(Kind::Text):
        return tr("Text");
    case int(Kind::FileComment):
        return tr("File comment");
    case int(Kind::FileKey):
        return tr("Key");
    case int(Kind::FileSection):
        return tr("Section");
    case int(Kind::Delimiter):
        return tr("Tag delimiter");
    case int(Kind::Keyword):
        return tr("Keyword");
    case int(Kind::Variable):
        return tr("Variable");
    case int(Kind::Attribute):
        return tr("Attribute");
    case int(Kind::Filter):
        return tr("Filter");
    case int(Kind::Test):
        return tr("Test");
    case int(Kind::String):
        return tr("String");
    case int(Kind::Number):
        return tr("Number");
    case int(Kind::Operator):
        return tr("Operator");
    case int(Kind::Comment):
        return tr("Template comment");
    case TagSpace:
        return tr("Inside a tag");
    default:
        break;
    }
    return {};
}

QList<std::pair<int, QString>> JinjaLexer::styleRoles()
{
    return { { int(Kind::FileComment), QStringLiteral("syntax.comment") },
        { int(Kind::FileKey), QStringLiteral("syntax.identifier") },
        { int(Kind::FileSection), QStringLiteral("syntax.keyword") },
        { int(Kind::Delimiter), QStringLiteral("syntax.reference") },
        { int(Kind::Keyword), QStringLiteral("syntax.keyword") },
        { int(Kind::Variable), QStringLiteral("syntax.variable") },
        { int(Kind::Attribute), QStringLiteral("syntax.variable") },
        { int(Kind::Filter), QStringLiteral("syntax.reference") },
        { int(Kind::Test), QStringLiteral("syntax.reference") }, { int(Kind::String), QStringLiteral("syntax.string") },
        { int(Kind::Number), QStringLiteral("syntax.number") },
        { int(Kind::Operator), QStringLiteral("syntax.operator") },
        { int(Kind::Comment), QStringLiteral("syntax.document") } };
}

bool JinjaLexer::isTagStyle(int style)
{
    return style >= int(Kind::Delimiter) && style != int(Kind::Comment);
}

bool JinjaLexer::isBoldStyle(int style)
{
    return style == int(Kind::Delimiter) || style == int(Kind::Keyword) || style == int(Kind::FileSection);
}

void JinjaLexer::styleText(int start, int end)
{
    QsciScintilla* e = editor();
    if (!e) {
        return;
    }
    const int lineCount = e->lines();
    int line = int(e->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, start));
    const int lastLine = int(e->SendScintilla(QsciScintillaBase::SCI_LINEFROMPOSITION, end));
    auto state = State(line > 0 ? e->SendScintilla(QsciScintillaBase::SCI_GETLINESTATE, line - 1) : 0);
    startStyling(e->SendScintilla(QsciScintillaBase::SCI_POSITIONFROMLINE, line));
    for (; line < lineCount; ++line) {
        const QString full = e->text(line);
        QString text = full;
        while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r'))) {
            text.chop(1);
        }
        bool inTag = state == State::Expression || state == State::Statement;
        State next = State::Text;
        const QList<JinjaSyntax::Token> tokens = JinjaSyntax::scanLine(text, state, m_syntax, &next);
        int at = 0;
        for (const JinjaSyntax::Token& t : tokens) {
            if (t.start > at) {
                setStyling(int(QStringView(text).mid(at, t.start - at).toUtf8().size()), inTag ? TagSpace : 0);
            }
            setStyling(int(QStringView(text).mid(t.start, t.length).toUtf8().size()), int(t.kind));
            if (t.kind == Kind::Delimiter) {
                inTag = text.at(t.start) == QLatin1Char('{');
            }
            at = t.start + t.length;
        }
        if (at < text.size()) {
            setStyling(int(QStringView(text).mid(at).toUtf8().size()), inTag ? TagSpace : 0);
        }
        const int eol = int(full.toUtf8().size() - text.toUtf8().size());
        if (eol > 0) {
            setStyling(eol, next == State::Comment ? int(Kind::Comment) : inTag ? TagSpace : 0);
        }
        const auto previous = State(e->SendScintilla(QsciScintillaBase::SCI_GETLINESTATE, line));
        e->SendScintilla(QsciScintillaBase::SCI_SETLINESTATE, line, int(next));
        state = next;
        // Past the requested range, go on only while the carried state differs from what the next line assumed.
        if (line >= lastLine && previous == next) {
            break;
        }
    }
}
