#include "Lexer.h"

namespace Jinja {

namespace {

bool isPySpace(QChar c)
{
    // Python's str.isspace / \s for the characters templates contain.
    const char16_t u = c.unicode();
    return u == ' ' || (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x1f) || (u > 0x7f && c.isSpace());
}

class LexerImpl {
public:
    LexerImpl(const QString& src, const LexerOptions& opts)
        : m_opts(opts)
    {
        // Jinja2 normalises every line break to \n before lexing and drops one trailing newline unless told not to.
        m_src = src;
        m_src.replace(QLatin1String("\r\n"), QLatin1String("\n"));
        m_src.replace(QLatin1Char('\r'), QLatin1Char('\n'));
        if (!opts.keepTrailingNewline && m_src.endsWith(QLatin1Char('\n'))) {
            m_src.chop(1);
        }
        m_n = m_src.size();
    }

    std::vector<Token> run()
    {
        // A lexing error becomes an Error token where it happened, raised when the parser reaches it: like Jinja2's
        // lazy token stream, a syntax error the parser meets before it is the one reported.
        try {
            while (m_pos < m_n) {
                lexRoot();
            }
        } catch (const RenderError& e) {
            Token error;
            error.type = TokenType::Error;
            error.text = e.message;
            error.line = e.line;
            error.column = e.column;
            m_tokens.push_back(std::move(error));
        }
        // Jinja2's end-of-template token carries the line of the last token (errors at EOF name that line).
        const int lastLine = m_tokens.empty() ? 1 : m_tokens.back().line;
        const int lastColumn = m_tokens.empty() ? 1 : m_tokens.back().column;
        Token& eof = push(TokenType::Eof, QString(), m_pos);
        eof.line = lastLine;
        eof.column = lastColumn;
        if (m_unclosedAt >= 0) {
            int line = 1;
            int column = 1;
            locate(m_unclosedAt, &line, &column);
            eof.text = m_unclosedOpener;
            eof.number = Value((qint64(line) << 32) | qint64(column));
        }
        return std::move(m_tokens);
    }

    std::vector<Token> runExpression()
    {
        while (true) {
            skipSpace();
            if (m_pos >= m_n) {
                break;
            }
            lexTagToken();
        }
        if (!m_balance.empty()) {
            fail(QStringLiteral("unexpected end of expression, expected '%1'").arg(m_balance.back()), m_pos);
        }
        push(TokenType::Eof, QString(), m_pos);
        return std::move(m_tokens);
    }

private:
    const LexerOptions& m_opts;
    QString m_src;
    qsizetype m_unclosedAt = -1; // a {{ or {% that the template does not close
    QString m_unclosedOpener;
    qsizetype m_n = 0;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0; // position of the first char of m_line
    qsizetype m_linePos = 0; // position up to which m_line/m_lineStart are computed
    std::vector<Token> m_tokens;
    std::vector<QChar> m_balance;

    void locate(qsizetype pos, int* line, int* column)
    {
        // Positions only move forward except when reporting; recompute from scratch if asked to go back.
        if (pos < m_linePos) {
            m_line = 1;
            m_lineStart = 0;
            m_linePos = 0;
        }
        for (qsizetype i = m_linePos; i < pos && i < m_n; ++i) {
            if (m_src.at(i) == QLatin1Char('\n')) {
                ++m_line;
                m_lineStart = i + 1;
            }
        }
        m_linePos = pos;
        *line = m_line;
        *column = int(pos - m_lineStart) + 1;
    }

    [[noreturn]] void fail(const QString& msg, qsizetype pos)
    {
        int line = 0;
        int col = 0;
        locate(pos, &line, &col);
        raise(msg, line, col);
    }

    Token& push(TokenType type, QString text, qsizetype pos)
    {
        Token t;
        t.type = type;
        t.text = std::move(text);
        locate(pos, &t.line, &t.column);
        m_tokens.push_back(std::move(t));
        return m_tokens.back();
    }

    bool at(qsizetype p, const char* s) const
    {
        for (qsizetype i = 0; s[i]; ++i) {
            if (p + i >= m_n || m_src.at(p + i) != QLatin1Char(s[i])) {
                return false;
            }
        }
        return true;
    }

    // Jinja2's OptionalLStrip: whitespace control of the text before a tag.
    QString stripBefore(QString text, QChar sign, bool isVariable, qsizetype textStart)
    {
        if (sign == QLatin1Char('-')) {
            qsizetype end = text.size();
            while (end > 0 && isPySpace(text.at(end - 1))) {
                --end;
            }
            text.truncate(end);
        } else if (sign != QLatin1Char('+') && m_opts.lstripBlocks && !isVariable) {
            const qsizetype lpos = text.lastIndexOf(QLatin1Char('\n')) + 1;
            const bool lineStarting = textStart == 0 || m_src.at(textStart - 1) == QLatin1Char('\n');
            if (lpos > 0 || lineStarting) {
                bool allSpace = lpos < text.size();
                for (qsizetype i = lpos; i < text.size(); ++i) {
                    if (!isPySpace(text.at(i))) {
                        allSpace = false;
                        break;
                    }
                }
                if (allSpace) {
                    text.truncate(lpos);
                }
            }
        }
        return text;
    }

    // After a block/comment end: `-` swallows all whitespace, trim_blocks one newline unless `+`.
    void afterTagEnd(QChar sign, bool trimmable)
    {
        if (sign == QLatin1Char('-')) {
            while (m_pos < m_n && isPySpace(m_src.at(m_pos))) {
                ++m_pos;
            }
        } else if (sign != QLatin1Char('+') && trimmable && m_opts.trimBlocks && m_pos < m_n
            && m_src.at(m_pos) == QLatin1Char('\n')) {
            ++m_pos;
        }
    }

    bool matchRawBegin(qsizetype p, qsizetype* end)
    {
        // {%(-|+|)\s*raw\s*(-%}\s*|%})
        qsizetype q = p + 2;
        if (q < m_n && (m_src.at(q) == QLatin1Char('-') || m_src.at(q) == QLatin1Char('+'))) {
            ++q;
        }
        while (q < m_n && isPySpace(m_src.at(q))) {
            ++q;
        }
        if (!at(q, "raw")) {
            return false;
        }
        q += 3;
        while (q < m_n && isPySpace(m_src.at(q))) {
            ++q;
        }
        if (at(q, "-%}")) {
            q += 3;
            while (q < m_n && isPySpace(m_src.at(q))) {
                ++q;
            }
        } else if (at(q, "%}")) {
            q += 2;
        } else {
            return false;
        }
        *end = q;
        return true;
    }

    void lexRoot()
    {
        // Find the earliest tag opener.
        qsizetype p = m_pos;
        qsizetype tag = -1;
        while (true) {
            p = m_src.indexOf(QLatin1Char('{'), p);
            if (p < 0 || p + 1 >= m_n) {
                break;
            }
            const QChar c = m_src.at(p + 1);
            if (c == QLatin1Char('{') || c == QLatin1Char('%') || c == QLatin1Char('#')) {
                tag = p;
                break;
            }
            ++p;
        }
        if (tag < 0) {
            push(TokenType::Data, m_src.mid(m_pos), m_pos);
            m_pos = m_n;
            return;
        }
        const QChar kind = m_src.at(tag + 1);
        QChar sign;
        if (tag + 2 < m_n && (m_src.at(tag + 2) == QLatin1Char('-') || m_src.at(tag + 2) == QLatin1Char('+'))) {
            sign = m_src.at(tag + 2);
        }
        const qsizetype textStart = m_pos;
        QString text = m_src.mid(m_pos, tag - m_pos);
        qsizetype rawEnd = 0;
        const bool raw = kind == QLatin1Char('%') && matchRawBegin(tag, &rawEnd);
        text = stripBefore(text, sign, kind == QLatin1Char('{'), textStart);
        if (!text.isEmpty()) {
            push(TokenType::Data, text, textStart);
        }
        if (raw) {
            m_pos = rawEnd;
            lexRaw(tag);
            return;
        }
        m_pos = tag + 2 + (sign.isNull() ? 0 : 1);
        if (kind == QLatin1Char('#')) {
            lexComment(tag);
        } else if (kind == QLatin1Char('{')) {
            push(TokenType::VariableBegin, QString(), tag);
            lexTag(false);
        } else {
            push(TokenType::BlockBegin, QString(), tag);
            lexTag(true);
        }
    }

    void lexComment(qsizetype start)
    {
        for (qsizetype p = m_pos; p < m_n; ++p) {
            const QChar c = m_src.at(p);
            if ((c == QLatin1Char('+') || c == QLatin1Char('-')) && at(p + 1, "#}")) {
                m_pos = p + 3;
                afterTagEnd(c, true);
                return;
            }
            if (c == QLatin1Char('#') && at(p + 1, "}")) {
                m_pos = p + 2;
                afterTagEnd(QChar(), true);
                return;
            }
        }
        fail(QStringLiteral("Missing end of comment tag"), start);
    }

    void lexRaw(qsizetype start)
    {
        // (.*?)({%(-|+|)\s*endraw\s*(+%}|-%}\s*|%}\n?))
        for (qsizetype p = m_src.indexOf(QLatin1String("{%"), m_pos); p >= 0;
             p = m_src.indexOf(QLatin1String("{%"), p + 1)) {
            qsizetype q = p + 2;
            QChar sign;
            if (q < m_n && (m_src.at(q) == QLatin1Char('-') || m_src.at(q) == QLatin1Char('+'))) {
                sign = m_src.at(q);
                ++q;
            }
            while (q < m_n && isPySpace(m_src.at(q))) {
                ++q;
            }
            if (!at(q, "endraw")) {
                continue;
            }
            q += 6;
            while (q < m_n && isPySpace(m_src.at(q))) {
                ++q;
            }
            QChar endSign;
            if (at(q, "+%}") || at(q, "-%}")) {
                endSign = m_src.at(q);
                q += 3;
            } else if (at(q, "%}")) {
                q += 2;
            } else {
                continue;
            }
            const QString text = stripBefore(m_src.mid(m_pos, p - m_pos), sign, false, m_pos);
            if (!text.isEmpty()) {
                push(TokenType::Data, text, m_pos);
            }
            m_pos = q;
            afterTagEnd(endSign, true);
            return;
        }
        fail(QStringLiteral("Missing end of raw directive"), start);
    }

    void skipSpace()
    {
        while (m_pos < m_n && isPySpace(m_src.at(m_pos))) {
            ++m_pos;
        }
    }

    void lexTag(bool block)
    {
        const qsizetype start = m_pos;
        while (true) {
            if (m_pos >= m_n) {
                // Unclosed to the end: the parser reports the first token that cannot belong to the tag (as
                // Jinja2 does: `{{ b` then a newline and `c` fails at `c`), or the end of the template; the end
                // token remembers the opener so that the message can name it.
                const char* opener = block ? "{%" : "{{";
                m_unclosedAt = at(start - 2, opener) ? start - 2 : start - 3;
                m_unclosedOpener = QString::fromLatin1(opener);
                return;
            }
            if (m_balance.empty()) {
                const char* end = block ? "%}" : "}}";
                const QChar c = m_src.at(m_pos);
                if (c == QLatin1Char('-') && at(m_pos + 1, end)) {
                    push(block ? TokenType::BlockEnd : TokenType::VariableEnd, QString(), m_pos);
                    m_pos += 3;
                    afterTagEnd(c, true);
                    return;
                }
                if (block && c == QLatin1Char('+') && at(m_pos + 1, end)) {
                    push(TokenType::BlockEnd, QString(), m_pos);
                    m_pos += 3;
                    return;
                }
                if (at(m_pos, end)) {
                    push(block ? TokenType::BlockEnd : TokenType::VariableEnd, QString(), m_pos);
                    m_pos += 2;
                    afterTagEnd(QChar(), block);
                    return;
                }
            }
            if (isPySpace(m_src.at(m_pos))) {
                ++m_pos;
                continue;
            }
            lexTagToken();
        }
    }

    static bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

    // (\d+_)*\d+ starting at p; returns the end or p when nothing matched.
    qsizetype digitRun(qsizetype p) const
    {
        qsizetype q = p;
        if (q >= m_n || !isDigit(m_src.at(q))) {
            return p;
        }
        while (q < m_n) {
            if (isDigit(m_src.at(q))) {
                ++q;
            } else if (m_src.at(q) == QLatin1Char('_') && q + 1 < m_n && isDigit(m_src.at(q + 1))) {
                ++q;
            } else {
                break;
            }
        }
        return q;
    }

    qsizetype matchFloat(qsizetype p) const
    {
        if (p > 0 && m_src.at(p - 1) == QLatin1Char('.')) {
            return p;
        }
        const qsizetype intEnd = digitRun(p);
        if (intEnd == p) {
            return p;
        }
        qsizetype q = intEnd;
        bool frac = false;
        if (q < m_n && m_src.at(q) == QLatin1Char('.')) {
            const qsizetype f = digitRun(q + 1);
            if (f > q + 1) {
                q = f;
                frac = true;
            }
        }
        if (q < m_n && (m_src.at(q) == QLatin1Char('e') || m_src.at(q) == QLatin1Char('E'))) {
            qsizetype e = q + 1;
            if (e < m_n && (m_src.at(e) == QLatin1Char('+') || m_src.at(e) == QLatin1Char('-'))) {
                ++e;
            }
            const qsizetype ee = digitRun(e);
            if (ee > e) {
                return ee;
            }
        }
        return frac ? q : p;
    }

    qsizetype matchInteger(qsizetype p, int* base) const
    {
        *base = 10;
        const auto prefixed = [&](char letter, int b) -> qsizetype {
            if (!(m_src.at(p) == QLatin1Char('0') && p + 1 < m_n && m_src.at(p + 1).toLower() == QLatin1Char(letter))) {
                return -1;
            }
            qsizetype q = p + 2;
            qsizetype last = -1;
            while (q < m_n) {
                qsizetype r = q;
                if (m_src.at(r) == QLatin1Char('_')) {
                    ++r;
                }
                if (r >= m_n) {
                    break;
                }
                const QChar c = m_src.at(r).toLower();
                const bool ok = b == 2 ? (c == QLatin1Char('0') || c == QLatin1Char('1'))
                    : b == 8           ? (c >= QLatin1Char('0') && c <= QLatin1Char('7'))
                                       : (isDigit(c) || (c >= QLatin1Char('a') && c <= QLatin1Char('f')));
                if (!ok) {
                    break;
                }
                q = r + 1;
                last = q;
            }
            if (last < 0) {
                return -1;
            }
            *base = b;
            return last;
        };
        for (const auto& [letter, b] : { std::pair<char, int> { 'b', 2 }, { 'o', 8 }, { 'x', 16 } }) {
            const qsizetype e = prefixed(letter, b);
            if (e >= 0) {
                return e;
            }
        }
        if (m_src.at(p) == QLatin1Char('0')) {
            qsizetype q = p + 1;
            while (q < m_n) {
                if (m_src.at(q) == QLatin1Char('0')) {
                    ++q;
                } else if (m_src.at(q) == QLatin1Char('_') && q + 1 < m_n && m_src.at(q + 1) == QLatin1Char('0')) {
                    q += 2;
                } else {
                    break;
                }
            }
            return q;
        }
        if (isDigit(m_src.at(p))) {
            return digitRun(p);
        }
        return p;
    }

    void lexTagToken()
    {
        const qsizetype p = m_pos;
        const QChar c = m_src.at(p);
        // float
        if (isDigit(c)) {
            const qsizetype f = matchFloat(p);
            if (f > p) {
                QString text = m_src.mid(p, f - p);
                text.remove(QLatin1Char('_'));
                bool ok = false;
                const double d = text.toDouble(&ok);
                Token& t = push(TokenType::Float, text, p);
                t.number = Value(ok ? d : 0.0);
                m_pos = f;
                return;
            }
            int base = 10;
            const qsizetype e = matchInteger(p, &base);
            QString text = m_src.mid(p, e - p);
            text.remove(QLatin1Char('_'));
            const QString digits = base == 10 ? text : text.mid(2);
            bool ok = false;
            const qint64 v = digits.toLongLong(&ok, base);
            if (!ok) {
                fail(QStringLiteral("integer literal too large: %1").arg(text), p);
            }
            Token& t = push(TokenType::Integer, text, p);
            t.number = Value(v);
            m_pos = e;
            return;
        }
        if (c == QLatin1Char('_') || c.isLetter()) {
            qsizetype q = p + 1;
            while (q < m_n && (m_src.at(q) == QLatin1Char('_') || m_src.at(q).isLetterOrNumber())) {
                ++q;
            }
            push(TokenType::Name, m_src.mid(p, q - p), p);
            m_pos = q;
            return;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            qsizetype q = p + 1;
            while (q < m_n && m_src.at(q) != c) {
                if (m_src.at(q) == QLatin1Char('\\')) {
                    ++q;
                }
                ++q;
            }
            if (q >= m_n) {
                fail(QStringLiteral("unexpected char %1 at %2").arg(pythonStringRepr(QString(c))).arg(p), p);
            }
            push(TokenType::String, unescape(m_src.mid(p + 1, q - p - 1), p), p);
            m_pos = q + 1;
            return;
        }
        static const char* const ops[] = { "//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]",
            "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";" };
        for (const char* op : ops) {
            if (at(p, op)) {
                const QString text = QLatin1String(op);
                if (text == QLatin1String("{") || text == QLatin1String("(") || text == QLatin1String("[")) {
                    m_balance.push_back(text == QLatin1String("{") ? QLatin1Char('}')
                            : text == QLatin1String("(")           ? QLatin1Char(')')
                                                                   : QLatin1Char(']'));
                } else if (text == QLatin1String("}") || text == QLatin1String(")") || text == QLatin1String("]")) {
                    if (m_balance.empty()) {
                        fail(QStringLiteral("unexpected '%1'").arg(text), p);
                    }
                    const QChar expected = m_balance.back();
                    m_balance.pop_back();
                    if (expected != text.at(0)) {
                        fail(QStringLiteral("unexpected '%1', expected '%2'").arg(text, QString(expected)), p);
                    }
                }
                push(TokenType::Operator, text, p);
                m_pos = p + qsizetype(strlen(op));
                return;
            }
        }
        fail(QStringLiteral("unexpected char %1 at %2").arg(pythonStringRepr(QString(c))).arg(p), p);
    }

    // Python's unicode-escape decoding, as Jinja2 applies it to string literals.
    QString unescape(const QString& s, qsizetype pos)
    {
        if (!s.contains(QLatin1Char('\\'))) {
            return s;
        }
        QString out;
        out.reserve(s.size());
        for (qsizetype i = 0; i < s.size(); ++i) {
            const QChar c = s.at(i);
            if (c != QLatin1Char('\\') || i + 1 >= s.size()) {
                out += c;
                continue;
            }
            const QChar e = s.at(++i);
            switch (e.unicode()) {
            case '\n':
                break;
            case '\\':
                out += QLatin1Char('\\');
                break;
            case '\'':
                out += QLatin1Char('\'');
                break;
            case '"':
                out += QLatin1Char('"');
                break;
            case 'a':
                out += QChar(7);
                break;
            case 'v':
                out += QChar(11);
                break;
            case 'x':
            case 'u':
            case 'U': {
                const int len = e == QLatin1Char('x') ? 2 : e == QLatin1Char('u') ? 4 : 8;
                const QString hex = s.mid(i + 1, len);
                bool ok = hex.size() == len;
                for (QChar h : hex) {
                    ok = ok && (isDigit(h) || (h.toLower() >= QLatin1Char('a') && h.toLower() <= QLatin1Char('f')));
                }
                const uint cp = ok ? hex.toUInt(nullptr, 16) : 0;
                if (!ok || cp > 0x10ffff) {
                    fail(QStringLiteral("truncated \\%1 escape")
                             .arg(e == QLatin1Char('x')      ? QStringLiteral("xXX")
                                     : e == QLatin1Char('u') ? QStringLiteral("uXXXX")
                                                             : QStringLiteral("UXXXXXXXX")),
                        pos);
                }
                if (cp > 0xffff) {
                    out += QChar(QChar::highSurrogate(cp));
                    out += QChar(QChar::lowSurrogate(cp));
                } else {
                    out += QChar(char16_t(cp));
                }
                i += len;
                break;
            }
            default:
                if (const QChar c = letterEscape(e); !c.isNull()) { // \b \f \n \r \t
                    out += c;
                } else if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                    uint cp = 0;
                    int n = 0;
                    while (n < 3 && i < s.size() && s.at(i) >= QLatin1Char('0') && s.at(i) <= QLatin1Char('7')) {
                        cp = cp * 8 + uint(s.at(i).unicode() - '0');
                        ++i;
                        ++n;
                    }
                    --i;
                    out += QChar(char16_t(cp));
                } else {
                    out += QLatin1Char('\\');
                    out += e;
                }
            }
        }
        return out;
    }
};

} // namespace

std::vector<Token> Lexer::tokenize(const QString& source, const LexerOptions& options)
{
    LexerImpl impl(source, options);
    return impl.run();
}

std::vector<Token> Lexer::tokenizeExpression(const QString& source)
{
    LexerOptions options;
    LexerImpl impl(source, options);
    return impl.runExpression();
}

} // namespace Jinja
