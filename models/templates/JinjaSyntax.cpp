#include "JinjaSyntax.h"

#include <QFileInfo>
#include <QSet>

namespace JinjaSyntax {

namespace {

const QSet<QString>& keywords()
{
    static const QSet<QString> words {
        QStringLiteral("if"),
        QStringLiteral("elif"),
        QStringLiteral("else"),
        QStringLiteral("endif"),
        QStringLiteral("for"),
        QStringLiteral("endfor"),
        QStringLiteral("in"),
        QStringLiteral("not"),
        QStringLiteral("and"),
        QStringLiteral("or"),
        QStringLiteral("is"),
        QStringLiteral("set"),
        QStringLiteral("endset"),
        QStringLiteral("macro"),
        QStringLiteral("endmacro"),
        QStringLiteral("call"),
        QStringLiteral("endcall"),
        QStringLiteral("filter"),
        QStringLiteral("endfilter"),
        QStringLiteral("with"),
        QStringLiteral("endwith"),
        QStringLiteral("block"),
        QStringLiteral("endblock"),
        QStringLiteral("raw"),
        QStringLiteral("endraw"),
        QStringLiteral("recursive"),
        QStringLiteral("print"),
        QStringLiteral("true"),
        QStringLiteral("false"),
        QStringLiteral("none"),
        QStringLiteral("True"),
        QStringLiteral("False"),
        QStringLiteral("None"),
        QStringLiteral("include"),
        QStringLiteral("import"),
        QStringLiteral("from"),
        QStringLiteral("as"),
        QStringLiteral("extends"),
    };
    return words;
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

// The file-level ranges of a line that starts outside any tag: [commentFrom, end), [keyFrom, keyTo), or a section.
struct FileRanges {
    int commentFrom = -1;
    int keyFrom = -1;
    int keyTo = -1;
    Kind keyKind = Kind::FileKey;
};

FileRanges fileRanges(const QString& line, FileSyntax syntax)
{
    FileRanges r;
    if (syntax == FileSyntax::Plain) {
        return r;
    }
    int ws = 0;
    while (ws < line.size() && line.at(ws).isSpace()) {
        ++ws;
    }
    if (ws >= line.size()) {
        return r;
    }
    const QChar first = line.at(ws);
    if (first == QLatin1Char('#') || (syntax == FileSyntax::KeyValue && first == QLatin1Char(';'))) {
        r.commentFrom = ws;
        return r;
    }
    const auto stop = [](QChar c) { return c == QLatin1Char('{') || c == QLatin1Char('}'); };
    switch (syntax) {
    case FileSyntax::KeyValue: {
        if (first == QLatin1Char('[') && line.trimmed().endsWith(QLatin1Char(']'))) {
            r.keyFrom = ws;
            r.keyTo = int(line.size());
            r.keyKind = Kind::FileSection;
            return r;
        }
        int end = ws;
        while (end < line.size() && !line.at(end).isSpace() && line.at(end) != QLatin1Char('=')
            && line.at(end) != QLatin1Char(':') && line.at(end) != QLatin1Char(';') && !stop(line.at(end))) {
            ++end;
        }
        if (end > ws) {
            r.keyFrom = ws;
            r.keyTo = end;
        }
        break;
    }
    case FileSyntax::Yaml: {
        int start = ws;
        if (line.mid(start, 2) == QLatin1String("- ")) {
            start += 2;
        }
        const qsizetype colon = line.indexOf(QLatin1Char(':'), start);
        if (colon > start && (colon + 1 == line.size() || line.at(colon + 1).isSpace())) {
            const QString key = line.mid(start, colon - start);
            if (!key.contains(QLatin1Char('{')) && !key.contains(QLatin1Char('#'))) {
                r.keyFrom = start;
                r.keyTo = int(colon);
            }
        }
        break;
    }
    case FileSyntax::Shell: {
        int start = ws;
        if (line.mid(start, 7) == QLatin1String("export ")) {
            start += 7;
        }
        int end = start;
        while (end < line.size() && isNameChar(line.at(end))) {
            ++end;
        }
        if (end > start && end < line.size() && line.at(end) == QLatin1Char('=') && isNameStart(line.at(start))) {
            r.keyFrom = start;
            r.keyTo = end;
        }
        break;
    }
    case FileSyntax::Plain:
        break;
    }
    return r;
}

void appendText(QList<Token>& out, int from, int to, const FileRanges& ranges)
{
    // Split [from, to) at the range boundaries.
    int pos = from;
    while (pos < to) {
        Kind kind = Kind::Text;
        int end = to;
        if (ranges.commentFrom >= 0 && pos >= ranges.commentFrom) {
            kind = Kind::FileComment;
        } else if (ranges.keyFrom >= 0 && pos >= ranges.keyFrom && pos < ranges.keyTo) {
            kind = ranges.keyKind;
            end = std::min(to, ranges.keyTo);
        } else {
            if (ranges.commentFrom > pos) {
                end = std::min(end, ranges.commentFrom);
            }
            if (ranges.keyFrom > pos) {
                end = std::min(end, ranges.keyFrom);
            }
        }
        out.append({ pos, end - pos, kind });
        pos = end;
    }
}

// The end of a tag at `pos` ("}}", "-}}", "+%}" …), or 0 when there is none.
int closerLength(const QString& line, int pos, State state)
{
    const QLatin1String closer = state == State::Expression ? QLatin1String("}}") : QLatin1String("%}");
    if (QStringView(line).mid(pos).startsWith(closer)) {
        return 2;
    }
    if ((line.at(pos) == QLatin1Char('-') || line.at(pos) == QLatin1Char('+'))
        && QStringView(line).mid(pos + 1).startsWith(closer)) {
        return 3;
    }
    return 0;
}

} // namespace

FileSyntax fileSyntaxFor(const QString& destination)
{
    const QFileInfo info(destination);
    QString name = info.fileName().toLower();
    if (name.endsWith(QLatin1String(".j2"))) {
        name.chop(3);
    } else if (name.endsWith(QLatin1String(".jinja2"))) {
        name.chop(7);
    }
    const QString suffix = name.section(QLatin1Char('.'), -1);
    if (name.contains(QLatin1Char('.'))) {
        if (suffix == QLatin1String("yml") || suffix == QLatin1String("yaml")) {
            return FileSyntax::Yaml;
        }
        if (suffix == QLatin1String("sh") || suffix == QLatin1String("bash") || suffix == QLatin1String("env")) {
            return FileSyntax::Shell;
        }
        for (const char* s : { "conf", "cnf", "cfg", "ini", "properties", "service", "timer", "socket", "repo", "toml",
                 "rules", "list" }) {
            if (suffix == QLatin1String(s)) {
                return FileSyntax::KeyValue;
            }
        }
    }
    // Files under /etc without an extension (hosts, fstab, sysctl.d entries …) are mostly "# comment" and "key value".
    if (destination.startsWith(QLatin1String("/etc/")) || name == QLatin1String("hosts")) {
        return FileSyntax::KeyValue;
    }
    return FileSyntax::Plain;
}

QList<Token> scanLine(const QString& line, State state, FileSyntax syntax, State* endState)
{
    QList<Token> out;
    const int n = int(line.size());
    const FileRanges ranges = state == State::Text ? fileRanges(line, syntax) : FileRanges {};
    int pos = 0;
    QString previousWord; // the last name or operator inside the current tag
    while (pos < n) {
        if (state == State::Text) {
            int open = pos;
            while (open + 1 < n
                && !(line.at(open) == QLatin1Char('{')
                    && (line.at(open + 1) == QLatin1Char('{') || line.at(open + 1) == QLatin1Char('%')
                        || line.at(open + 1) == QLatin1Char('#')))) {
                ++open;
            }
            if (open + 1 >= n) {
                open = n;
            }
            if (open > pos) {
                appendText(out, pos, open, ranges);
            }
            if (open >= n) {
                break;
            }
            const QChar kind = line.at(open + 1);
            int length = 2;
            if (open + 2 < n && (line.at(open + 2) == QLatin1Char('-') || line.at(open + 2) == QLatin1Char('+'))) {
                length = 3;
            }
            if (kind == QLatin1Char('#')) {
                const qsizetype close = line.indexOf(QLatin1String("#}"), open + 2);
                const int end = close < 0 ? n : int(close) + 2;
                out.append({ open, end - open, Kind::Comment });
                state = close < 0 ? State::Comment : State::Text;
                pos = end;
                continue;
            }
            out.append({ open, length, Kind::Delimiter });
            state = kind == QLatin1Char('{') ? State::Expression : State::Statement;
            previousWord.clear();
            pos = open + length;
            continue;
        }
        if (state == State::Comment) {
            const qsizetype close = line.indexOf(QLatin1String("#}"), pos);
            const int end = close < 0 ? n : int(close) + 2;
            out.append({ pos, end - pos, Kind::Comment });
            state = close < 0 ? State::Comment : State::Text;
            pos = end;
            continue;
        }
        // Inside {{ }} or {% %}.
        const QChar c = line.at(pos);
        if (c.isSpace()) {
            ++pos;
            continue;
        }
        if (const int closer = closerLength(line, pos, state); closer > 0) {
            out.append({ pos, closer, Kind::Delimiter });
            pos += closer;
            state = State::Text;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            int end = pos + 1;
            while (end < n && line.at(end) != c) {
                end += line.at(end) == QLatin1Char('\\') ? 2 : 1;
            }
            end = std::min(end + 1, n);
            out.append({ pos, end - pos, Kind::String });
            previousWord.clear();
            pos = end;
            continue;
        }
        if (c.isDigit()) {
            int end = pos + 1;
            while (end < n
                && (line.at(end).isLetterOrNumber() || line.at(end) == QLatin1Char('_')
                    || (line.at(end) == QLatin1Char('.') && end + 1 < n && line.at(end + 1).isDigit()))) {
                ++end;
            }
            out.append({ pos, end - pos, Kind::Number });
            previousWord.clear();
            pos = end;
            continue;
        }
        if (isNameStart(c)) {
            int end = pos + 1;
            while (end < n && isNameChar(line.at(end))) {
                ++end;
            }
            const QString word = line.mid(pos, end - pos);
            Kind kind = Kind::Variable;
            if (previousWord == QLatin1String("|")) {
                kind = Kind::Filter;
            } else if (previousWord == QLatin1String(".")) {
                kind = Kind::Attribute;
            } else if ((previousWord == QLatin1String("is") || previousWord == QLatin1String("is not"))
                && word != QLatin1String("not")) {
                kind = Kind::Test;
            } else if (keywords().contains(word)) {
                kind = Kind::Keyword;
            }
            out.append({ pos, end - pos, kind });
            previousWord = (previousWord == QLatin1String("is") && word == QLatin1String("not"))
                ? QStringLiteral("is not")
                : word;
            pos = end;
            continue;
        }
        out.append({ pos, 1, Kind::Operator });
        previousWord = QString(c);
        pos += 1;
    }
    if (endState) {
        *endState = state;
    }
    return out;
}

std::optional<VariableRef> variableAt(const QString& source, int line, int column)
{
    State state = State::Text;
    int number = 0;
    qsizetype from = 0;
    while (from <= source.size()) {
        qsizetype eol = source.indexOf(QLatin1Char('\n'), from);
        if (eol < 0) {
            eol = source.size();
        }
        ++number;
        QString text = source.mid(from, eol - from);
        if (text.endsWith(QLatin1Char('\r'))) {
            text.chop(1);
        }
        State next = State::Text;
        const QList<Token> tokens = scanLine(text, state, FileSyntax::Plain, &next);
        if (number == line) {
            for (qsizetype i = 0; i < tokens.size(); ++i) {
                const Token& t = tokens.at(i);
                if (column - 1 < t.start || column - 1 >= t.start + t.length) {
                    continue;
                }
                if (t.kind != Kind::Variable && t.kind != Kind::Attribute) {
                    return std::nullopt;
                }
                // Walk back over ".name" pairs to the root variable.
                QStringList parts { text.mid(t.start, t.length) };
                qsizetype j = i;
                while (tokens.at(j).kind == Kind::Attribute && j >= 2 && tokens.at(j - 1).kind == Kind::Operator
                    && text.at(tokens.at(j - 1).start) == QLatin1Char('.')) {
                    j -= 2;
                    if (tokens.at(j).kind != Kind::Variable && tokens.at(j).kind != Kind::Attribute) {
                        return std::nullopt; // "(x).y", "'a'.upper": not a variable of the context
                    }
                    parts.prepend(text.mid(tokens.at(j).start, tokens.at(j).length));
                }
                if (tokens.at(j).kind != Kind::Variable) {
                    return std::nullopt;
                }
                return VariableRef { parts.first(), parts.join(QLatin1Char('.')), line, t.start + 1, t.length };
            }
            return std::nullopt;
        }
        state = next;
        from = eol + 1;
    }
    return std::nullopt;
}

} // namespace JinjaSyntax
