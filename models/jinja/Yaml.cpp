// yaml.dump() as PyYAML's SafeDumper writes it: a port of the parts of PyYAML's Emitter that plain data needs
// (scalar analysis and style choice, plain/single/double quoting with line folding at 80 columns, block and
// flow collections, indentless sequences in mappings), so that to_yaml/to_nice_yaml match Ansible byte for byte.
#include "core/VarCodec.h"
#include "jinja/Interpreter.h"
#include "jinja/Json.h"

#include <QRegularExpression>
#include <cmath>

namespace Jinja {

namespace {

bool isBreak(QChar c)
{
    const char16_t u = c.unicode();
    return u == '\n' || u == 0x85 || u == 0x2028 || u == 0x2029;
}

bool isWsOrNull(QChar c)
{
    const char16_t u = c.unicode();
    return u == 0 || u == ' ' || u == '\t' || u == '\r' || isBreak(c);
}

struct Analysis {
    bool empty = false;
    bool multiline = false;
    bool allowFlowPlain = true;
    bool allowBlockPlain = true;
    bool allowSingleQuoted = true;
    bool allowDoubleQuoted = true;
};

Analysis analyze(const QString& s)
{
    Analysis a;
    if (s.isEmpty()) {
        a.empty = true;
        a.allowFlowPlain = false;
        return a;
    }
    bool blockIndicators = false;
    bool flowIndicators = false;
    bool lineBreaks = false;
    bool special = false;
    bool leadingSpace = false;
    bool leadingBreak = false;
    bool trailingSpace = false;
    bool trailingBreak = false;
    bool breakSpace = false;
    bool spaceBreak = false;
    if (s.startsWith(QLatin1String("---")) || s.startsWith(QLatin1String("..."))) {
        blockIndicators = true;
        flowIndicators = true;
    }
    bool precededByWs = true;
    bool followedByWs = s.size() == 1 || isWsOrNull(s.at(1));
    bool previousSpace = false;
    bool previousBreak = false;
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar ch = s.at(i);
        const char16_t u = ch.unicode();
        if (i == 0) {
            if (QStringView(u"#,[]{}&*!|>'\"%@`").contains(ch)) {
                flowIndicators = true;
                blockIndicators = true;
            }
            if (ch == QLatin1Char('?') || ch == QLatin1Char(':')) {
                flowIndicators = true;
                if (followedByWs) {
                    blockIndicators = true;
                }
            }
            if (ch == QLatin1Char('-') && followedByWs) {
                flowIndicators = true;
                blockIndicators = true;
            }
        } else {
            if (QStringView(u",?[]{}").contains(ch)) {
                flowIndicators = true;
            }
            if (ch == QLatin1Char(':')) {
                flowIndicators = true;
                if (followedByWs) {
                    blockIndicators = true;
                }
            }
            if (ch == QLatin1Char('#') && precededByWs) {
                flowIndicators = true;
                blockIndicators = true;
            }
        }
        if (isBreak(ch)) {
            lineBreaks = true;
        }
        if (!(u == '\n' || (u >= 0x20 && u <= 0x7e))) {
            // Characters beyond U+FFFF (surrogate pairs here) count as not printable, as in libyaml, whose emitter
            // Ansible's filters use: such strings are double-quoted with \U escapes.
            const bool printable
                = (u == 0x85 || (u >= 0xa0 && u <= 0xd7ff) || (u >= 0xe000 && u <= 0xfffd)) && u != 0xfeff;
            if (!printable) {
                special = true;
            }
        }
        if (u == ' ') {
            if (i == 0) {
                leadingSpace = true;
            }
            if (i == n - 1) {
                trailingSpace = true;
            }
            if (previousBreak) {
                breakSpace = true;
            }
            previousSpace = true;
            previousBreak = false;
        } else if (isBreak(ch)) {
            if (i == 0) {
                leadingBreak = true;
            }
            if (i == n - 1) {
                trailingBreak = true;
            }
            if (previousSpace) {
                spaceBreak = true;
            }
            previousSpace = false;
            previousBreak = true;
        } else {
            previousSpace = false;
            previousBreak = false;
        }
        precededByWs = isWsOrNull(ch);
        followedByWs = i + 2 >= n || isWsOrNull(s.at(i + 2));
    }
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
        a.allowFlowPlain = a.allowBlockPlain = false;
    }
    if (breakSpace) {
        a.allowFlowPlain = a.allowBlockPlain = a.allowSingleQuoted = false;
    }
    if (spaceBreak || special) {
        a.allowFlowPlain = a.allowBlockPlain = a.allowSingleQuoted = false;
    }
    if (lineBreaks) {
        a.allowFlowPlain = a.allowBlockPlain = false;
    }
    if (flowIndicators) {
        a.allowFlowPlain = false;
    }
    if (blockIndicators) {
        a.allowBlockPlain = false;
    }
    a.multiline = lineBreaks;
    return a;
}

// PyYAML resolvers that VarCodec does not model because they never matter for reading variables: timestamps,
// the merge key and the value key. A string matching them must be quoted.
bool resolvesToOtherTag(const QString& s)
{
    static const QRegularExpression timestamp(QStringLiteral(
        "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)"
        "[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"));
    return s == QLatin1String("<<") || s == QLatin1String("=") || timestamp.match(s).hasMatch();
}

class Emitter {
public:
    Emitter(Interpreter& interp, const YamlOptions& o)
        : m_interp(interp)
        , m_o(o)
    {
    }

    QString run(const Value& root)
    {
        m_rootContext = true;
        node(root, false, false, false);
        writeIndent(); // document end; this PyYAML writes no "..." after an open-ended root scalar
        return m_out;
    }

private:
    Interpreter& m_interp;
    const YamlOptions& m_o;
    QString m_out;
    int m_column = 0;
    int m_indent = -1; // -1 = None
    std::vector<int> m_indents;
    bool m_whitespace = true;
    bool m_indention = true;
    bool m_openEnded = false;
    bool m_rootContext = false;
    bool m_simpleKey = false;
    bool m_mappingContext = false;
    int m_flowLevel = 0;
    int m_depth = 0;

    void write(const QString& s)
    {
        m_out += s;
        m_interp.checkStringSize(m_out.size());
    }

    void increaseIndent(bool flow, bool indentless)
    {
        m_indents.push_back(m_indent);
        if (m_indent < 0) {
            m_indent = flow ? m_o.indent : 0;
        } else if (!indentless) {
            m_indent += m_o.indent;
        }
    }

    void popIndent()
    {
        m_indent = m_indents.back();
        m_indents.pop_back();
    }

    void writeLineBreak()
    {
        m_whitespace = true;
        m_indention = true;
        m_column = 0;
        write(QStringLiteral("\n"));
    }

    void writeIndent()
    {
        const int indent = m_indent < 0 ? 0 : m_indent;
        if (!m_indention || m_column > indent || (m_column == indent && !m_whitespace)) {
            writeLineBreak();
        }
        if (m_column < indent) {
            m_whitespace = true;
            write(QString(indent - m_column, QLatin1Char(' ')));
            m_column = indent;
        }
    }

    void writeIndicator(const QString& indicator, bool needWhitespace, bool whitespace = false, bool indention = false)
    {
        const QString data = (m_whitespace || !needWhitespace) ? indicator : QLatin1Char(' ') + indicator;
        m_whitespace = whitespace;
        m_indention = m_indention && indention;
        m_column += int(data.size());
        m_openEnded = false;
        write(data);
    }

    // (A range is not one: YAML cannot represent it, as PyYAML cannot.)
    static bool isCollection(const Value& v) { return (v.isSequence() && !v.isRange()) || v.isDict(); }

    bool flowStyle(const Value& v) const
    {
        const bool empty = v.isDict() ? v.dictObject()->size() == 0 : v.listObject()->items.empty();
        if (empty) {
            return true;
        }
        if (!m_o.defaultFlowStyleNone) {
            return false;
        }
        // default_flow_style=None: flow only when every item is a plain (unstyled) scalar.
        if (v.isDict()) {
            for (const auto& kv : v.dictObject()->items) {
                if (isCollection(kv.first) || isCollection(kv.second)) {
                    return false;
                }
            }
        } else {
            for (const Value& item : v.listObject()->items) {
                if (isCollection(item)) {
                    return false;
                }
            }
        }
        return true;
    }

    DictItems mappingItems(const Value& v)
    {
        DictItems items = v.dictObject()->items;
        if (m_o.sortKeys) {
            std::stable_sort(
                items.begin(), items.end(), [](const auto& a, const auto& b) { return lessThan(a.first, b.first); });
        }
        return items;
    }

    void node(const Value& v, bool sequence, bool mapping, bool simpleKey)
    {
        if (++m_depth > 200) {
            m_interp.fail(QStringLiteral("maximum recursion depth exceeded while dumping YAML"));
        }
        const bool savedRoot = m_rootContext;
        m_mappingContext = mapping;
        m_simpleKey = simpleKey;
        Q_UNUSED(sequence)
        if (isCollection(v)) {
            m_rootContext = false;
            if (m_flowLevel > 0 || flowStyle(v)) {
                if (v.isDict()) {
                    flowMapping(v);
                } else {
                    flowSequence(v);
                }
            } else if (v.isDict()) {
                blockMapping(v);
            } else {
                blockSequence(v);
            }
        } else {
            scalar(v);
        }
        m_rootContext = savedRoot && false;
        --m_depth;
    }

    void flowSequence(const Value& v)
    {
        writeIndicator(QStringLiteral("["), true, true);
        ++m_flowLevel;
        increaseIndent(true, false);
        bool first = true;
        for (const Value& item : v.listObject()->items) {
            if (!first) {
                writeIndicator(QStringLiteral(","), false);
            }
            first = false;
            if (m_column > m_o.width) {
                writeIndent();
            }
            node(item, true, false, false);
        }
        popIndent();
        --m_flowLevel;
        writeIndicator(QStringLiteral("]"), false);
    }

    void flowMapping(const Value& v)
    {
        writeIndicator(QStringLiteral("{"), true, true);
        ++m_flowLevel;
        increaseIndent(true, false);
        bool first = true;
        for (const auto& [k, val] : mappingItems(v)) {
            if (!first) {
                writeIndicator(QStringLiteral(","), false);
            }
            first = false;
            if (m_column > m_o.width) {
                writeIndent();
            }
            node(k, false, true, true);
            writeIndicator(QStringLiteral(":"), false);
            node(val, false, true, false);
        }
        popIndent();
        --m_flowLevel;
        writeIndicator(QStringLiteral("}"), false);
    }

    void blockSequence(const Value& v)
    {
        const bool indentless = m_mappingContext && !m_indention;
        increaseIndent(false, indentless);
        for (const Value& item : v.listObject()->items) {
            writeIndent();
            writeIndicator(QStringLiteral("-"), true, false, true);
            node(item, true, false, false);
        }
        popIndent();
    }

    void blockMapping(const Value& v)
    {
        increaseIndent(false, false);
        for (const auto& [k, val] : mappingItems(v)) {
            writeIndent();
            node(k, false, true, true);
            writeIndicator(QStringLiteral(":"), false);
            node(val, false, true, false);
        }
        popIndent();
    }

    void scalar(const Value& v)
    {
        QString text;
        bool implicitPlain = true;
        switch (v.type()) {
        case Value::Type::None:
            text = QStringLiteral("null");
            break;
        case Value::Type::Bool:
            text = v.boolValue() ? QStringLiteral("true") : QStringLiteral("false");
            break;
        case Value::Type::Int:
            text = QString::number(v.intValue());
            break;
        case Value::Type::Float: {
            const double d = v.floatValue();
            if (std::isnan(d)) {
                text = QStringLiteral(".nan");
            } else if (std::isinf(d)) {
                text = d > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
            } else {
                text = VarCodec::pythonFloat(d).toLower();
                if (!text.contains(QLatin1Char('.')) && text.contains(QLatin1Char('e'))) {
                    text.replace(text.indexOf(QLatin1Char('e')), 1, QStringLiteral(".0e"));
                }
            }
            break;
        }
        case Value::Type::String:
        case Value::Type::Markup:
            text = v.stringValue();
            implicitPlain
                = VarCodec::resolvePlainYamlScalar(text).typeId() == QMetaType::QString && !resolvesToOtherTag(text);
            break;
        case Value::Type::Undefined:
            v.checkUndefined();
            m_interp.fail(QStringLiteral("cannot represent an object: Undefined"));
        default:
            m_interp.fail(QStringLiteral("cannot represent an object: %1").arg(v.repr()));
        }
        const Analysis a = analyze(text);
        QChar style = QLatin1Char('"');
        bool chosen = false;
        if (implicitPlain) {
            if (!(m_simpleKey && (a.empty || a.multiline))
                && ((m_flowLevel > 0 && a.allowFlowPlain) || (m_flowLevel == 0 && a.allowBlockPlain))) {
                style = QChar();
                chosen = true;
            }
        }
        if (!chosen && a.allowSingleQuoted && !(m_simpleKey && a.multiline)) {
            style = QLatin1Char('\'');
        }
        const bool split = !m_simpleKey;
        // PyYAML's expect_scalar writes every scalar one (flow) indentation level deeper.
        increaseIndent(true, false);
        if (style.isNull()) {
            writePlain(text, split);
        } else if (style == QLatin1Char('\'')) {
            writeSingleQuoted(text, split);
        } else {
            writeDoubleQuoted(text, split);
        }
        popIndent();
    }

    void writePlain(const QString& text, bool split)
    {
        if (m_rootContext) {
            m_openEnded = true;
        }
        if (text.isEmpty()) {
            return;
        }
        if (!m_whitespace) {
            m_column += 1;
            write(QStringLiteral(" "));
        }
        m_whitespace = false;
        m_indention = false;
        bool spaces = false;
        qsizetype start = 0;
        for (qsizetype end = 0; end <= text.size(); ++end) {
            const QChar ch = end < text.size() ? text.at(end) : QChar();
            const bool atEnd = end >= text.size();
            if (spaces) {
                if (atEnd || ch != QLatin1Char(' ')) {
                    if (start + 1 == end && m_column > m_o.width && split) {
                        writeIndent();
                        m_whitespace = false;
                        m_indention = false;
                    } else {
                        const QString data = text.mid(start, end - start);
                        m_column += int(data.size());
                        write(data);
                    }
                    start = end;
                }
            } else if (atEnd || ch == QLatin1Char(' ') || isBreak(ch)) {
                const QString data = text.mid(start, end - start);
                m_column += int(data.size());
                write(data);
                start = end;
            }
            if (!atEnd) {
                spaces = ch == QLatin1Char(' ');
            }
        }
    }

    void writeBreaks(const QString& text, qsizetype start, qsizetype end)
    {
        if (text.at(start) == QLatin1Char('\n')) {
            writeLineBreak();
        }
        for (qsizetype i = start; i < end; ++i) {
            if (text.at(i) == QLatin1Char('\n')) {
                writeLineBreak();
            } else {
                m_whitespace = true;
                m_indention = true;
                m_column = 0;
                write(QString(text.at(i)));
            }
        }
        writeIndent();
    }

    void writeSingleQuoted(const QString& text, bool split)
    {
        writeIndicator(QStringLiteral("'"), true);
        bool spaces = false;
        bool breaks = false;
        qsizetype start = 0;
        for (qsizetype end = 0; end <= text.size(); ++end) {
            const bool atEnd = end >= text.size();
            const QChar ch = atEnd ? QChar() : text.at(end);
            if (spaces) {
                if (atEnd || ch != QLatin1Char(' ')) {
                    if (start + 1 == end && m_column > m_o.width && split && start != 0 && end != text.size()) {
                        writeIndent();
                    } else {
                        const QString data = text.mid(start, end - start);
                        m_column += int(data.size());
                        write(data);
                    }
                    start = end;
                }
            } else if (breaks) {
                if (atEnd || !isBreak(ch)) {
                    writeBreaks(text, start, end);
                    start = end;
                }
            } else if (atEnd || ch == QLatin1Char(' ') || isBreak(ch) || ch == QLatin1Char('\'')) {
                if (start < end) {
                    const QString data = text.mid(start, end - start);
                    m_column += int(data.size());
                    write(data);
                    start = end;
                }
            }
            if (ch == QLatin1Char('\'')) {
                m_column += 2;
                write(QStringLiteral("''"));
                start = end + 1;
            }
            if (!atEnd) {
                spaces = ch == QLatin1Char(' ');
                breaks = isBreak(ch);
            }
        }
        writeIndicator(QStringLiteral("'"), false);
    }

    void writeDoubleQuoted(const QString& text, bool split)
    {
        writeIndicator(QStringLiteral("\""), true);
        qsizetype start = 0;
        for (qsizetype end = 0; end <= text.size(); ++end) {
            const bool atEnd = end >= text.size();
            const QChar ch = atEnd ? QChar() : text.at(end);
            const char16_t u = ch.unicode();
            if (atEnd || u == '"' || u == '\\' || u == 0x85 || u == 0x2028 || u == 0x2029 || u == 0xfeff
                || !((u >= 0x20 && u <= 0x7e) || (u >= 0xa0 && u <= 0xd7ff) || (u >= 0xe000 && u <= 0xfffd))) {
                if (start < end) {
                    const QString data = text.mid(start, end - start);
                    m_column += int(data.size());
                    write(data);
                    start = end;
                }
                if (!atEnd) {
                    QString data;
                    switch (u) {
                    case 0:
                        data = QStringLiteral("\\0");
                        break;
                    case 0x07:
                        data = QStringLiteral("\\a");
                        break;
                    case 0x08:
                        data = QStringLiteral("\\b");
                        break;
                    case 0x09:
                        data = QStringLiteral("\\t");
                        break;
                    case 0x0a:
                        data = QStringLiteral("\\n");
                        break;
                    case 0x0b:
                        data = QStringLiteral("\\v");
                        break;
                    case 0x0c:
                        data = QStringLiteral("\\f");
                        break;
                    case 0x0d:
                        data = QStringLiteral("\\r");
                        break;
                    case 0x1b:
                        data = QStringLiteral("\\e");
                        break;
                    case '"':
                        data = QStringLiteral("\\\"");
                        break;
                    case '\\':
                        data = QStringLiteral("\\\\");
                        break;
                    case 0x85:
                        data = QStringLiteral("\\N");
                        break;
                    case 0xa0:
                        data = QStringLiteral("\\_");
                        break;
                    case 0x2028:
                        data = QStringLiteral("\\L");
                        break;
                    case 0x2029:
                        data = QStringLiteral("\\P");
                        break;
                    default:
                        if (ch.isHighSurrogate() && end + 1 < text.size() && text.at(end + 1).isLowSurrogate()) {
                            const char32_t code = QChar::surrogateToUcs4(ch, text.at(end + 1));
                            data = QStringLiteral("\\U")
                                + QString::number(uint(code), 16).toUpper().rightJustified(8, QLatin1Char('0'));
                            ++end; // the pair is one character
                        } else if (u <= 0xff) {
                            data = QStringLiteral("\\x")
                                + QString::number(u, 16).toUpper().rightJustified(2, QLatin1Char('0'));
                        } else {
                            data = QStringLiteral("\\u")
                                + QString::number(u, 16).toUpper().rightJustified(4, QLatin1Char('0'));
                        }
                    }
                    m_column += int(data.size());
                    write(data);
                    start = end + 1;
                }
            }
            if (end > 0 && end < text.size() - 1 && (ch == QLatin1Char(' ') || start >= end)
                && m_column + (end - start) > m_o.width && split) {
                QString data = text.mid(start, end - start) + QLatin1Char('\\');
                if (start < end) {
                    start = end;
                }
                m_column += int(data.size());
                write(data);
                writeIndent();
                m_whitespace = false;
                m_indention = false;
                if (text.at(start) == QLatin1Char(' ')) {
                    m_column += 1;
                    write(QStringLiteral("\\"));
                }
            }
        }
        writeIndicator(QStringLiteral("\""), false);
    }
};

} // namespace

QString toYaml(Interpreter& interp, const Value& value, const YamlOptions& options)
{
    Emitter e(interp, options);
    return e.run(value);
}

} // namespace Jinja
