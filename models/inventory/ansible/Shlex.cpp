#include "Shlex.h"

#include "inventory/ansible/PythonStr.h"

std::optional<QStringList> Shlex::split(QStringView s, QString* error)
{
    QStringList out;
    // Fast path for the common host line: no quotes, escapes or comments.
    bool special = false;
    for (const QChar c : s) {
        if (c == u'\'' || c == u'"' || c == u'\\' || c == u'#') {
            special = true;
            break;
        }
    }
    const auto isWs = [](QChar c) { return c == u' ' || c == u'\t' || c == u'\r' || c == u'\n'; };
    if (!special) {
        qsizetype i = 0;
        while (i < s.size()) {
            while (i < s.size() && isWs(s[i])) {
                ++i;
            }
            const qsizetype start = i;
            while (i < s.size() && !isWs(s[i])) {
                ++i;
            }
            if (i > start) {
                out.append(s.mid(start, i - start).toString());
            }
        }
        return out;
    }

    const char16_t kNone = 0;
    char16_t state = u' ';
    qsizetype i = 0;
    while (true) {
        QString token;
        bool quoted = false;
        char16_t escapedState = u' ';
        while (true) {
            const bool eof = i >= s.size();
            const char16_t c = eof ? 0 : s[i++].unicode();
            if (state == kNone) {
                token.clear();
                break;
            } else if (state == u' ') {
                if (eof) {
                    state = kNone;
                    break;
                } else if (isWs(QChar(c))) {
                    if (!token.isEmpty() || quoted) {
                        break;
                    }
                } else if (c == u'#') {
                    i = s.size(); // the rest of the line is a comment
                } else if (c == u'\\') {
                    escapedState = u'a';
                    state = c;
                } else if (c == u'\'' || c == u'"') {
                    state = c;
                } else {
                    token = QChar(c);
                    state = u'a';
                }
            } else if (state == u'\'' || state == u'"') {
                quoted = true;
                if (eof) {
                    if (error) {
                        *error = QStringLiteral("No closing quotation");
                    }
                    return std::nullopt;
                }
                if (c == state) {
                    state = u'a';
                } else if (c == u'\\' && state == u'"') {
                    escapedState = state;
                    state = c;
                } else {
                    token += QChar(c);
                }
            } else if (state == u'\\') {
                if (eof) {
                    if (error) {
                        *error = QStringLiteral("No escaped character");
                    }
                    return std::nullopt;
                }
                // Inside quotes only the quote itself or the escape character may be escaped.
                if ((escapedState == u'\'' || escapedState == u'"') && c != state && c != escapedState) {
                    token += QChar(state);
                }
                token += QChar(c);
                state = escapedState;
            } else { // 'a': in a word
                if (eof) {
                    state = kNone;
                    break;
                } else if (isWs(QChar(c))) {
                    state = u' ';
                    if (!token.isEmpty() || quoted) {
                        break;
                    }
                } else if (c == u'#') {
                    i = s.size();
                    state = u' ';
                    if (!token.isEmpty() || quoted) {
                        break;
                    }
                } else if (c == u'\'' || c == u'"') {
                    state = c;
                } else if (c == u'\\') {
                    escapedState = u'a';
                    state = c;
                } else {
                    token += QChar(c);
                }
            }
        }
        if (!quoted && token.isEmpty()) {
            return out; // shlex's end of input
        }
        out.append(token);
    }
}

QString Shlex::quote(const QString& token)
{
    bool safe = !token.isEmpty();
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || QStringView(u"_@%+=:,./-[]{}()!?*$&<>^|`~").contains(c)
            || (u > 0x7f && !c.isSpace() && !PythonStr::isLineBreak(u));
        if (!ok) {
            safe = false;
            break;
        }
    }
    if (safe) {
        return token;
    }
    QString out = token;
    out.replace(QLatin1Char('\''), QStringLiteral("'\"'\"'"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}
