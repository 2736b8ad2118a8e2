#include "AnsibleInventory.h"

#include "core/VarCodec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QStringDecoder>
#include <cmath>
#include <limits>
#include <vector>
#include <yaml-cpp/yaml.h>

// Every rule below is ansible-core 2.14's; the Python function it copies is named in the comment above it, so a
// reader can check one against the other.

namespace {

using Tr = AnsibleInventory;

const QString kAll = QStringLiteral("all");
const QString kUngrouped = QStringLiteral("ungrouped");
const QString kPriority = QStringLiteral("ansible_group_priority");
const QString kPort = QStringLiteral("ansible_port");

// cli/inventory.py INTERNAL_VARS: removed from every host's variables by `ansible-inventory --list`.
const QSet<QString>& internalVars()
{
    static const QSet<QString> s { QStringLiteral("ansible_diff_mode"), QStringLiteral("ansible_config_file"),
        QStringLiteral("ansible_facts"), QStringLiteral("ansible_forks"), QStringLiteral("ansible_inventory_sources"),
        QStringLiteral("ansible_limit"), QStringLiteral("ansible_playbook_python"), QStringLiteral("ansible_run_tags"),
        QStringLiteral("ansible_skip_tags"), QStringLiteral("ansible_verbosity"), QStringLiteral("ansible_version"),
        QStringLiteral("inventory_dir"), QStringLiteral("inventory_file"), QStringLiteral("inventory_hostname"),
        QStringLiteral("inventory_hostname_short"), QStringLiteral("groups"), QStringLiteral("group_names"),
        QStringLiteral("omit"), QStringLiteral("playbook_dir") };
    return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Python helpers

// Python's str.isspace() for the characters that matter (str.strip() in the ini plugin).
bool pyIsSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x1f) || u == 0x85 || c.isSpace();
}

QStringView pyStrip(QStringView s)
{
    qsizetype b = 0;
    qsizetype e = s.size();
    while (b < e && pyIsSpace(s[b])) {
        ++b;
    }
    while (e > b && pyIsSpace(s[e - 1])) {
        --e;
    }
    return s.mid(b, e - b);
}

// Python's str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029.
bool isPyLineBreak(char16_t u)
{
    return u == u'\n' || u == u'\r' || u == 0x0b || u == 0x0c || (u >= 0x1c && u <= 0x1e) || u == 0x85 || u == 0x2028
        || u == 0x2029;
}

// Python's int(str): surrounding whitespace, an optional sign, digits with single underscores between them.
std::optional<qlonglong> pyInt(QStringView text)
{
    const QStringView s = pyStrip(text);
    qsizetype i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == u'+' || s[i] == u'-')) {
        negative = s[i] == u'-';
        ++i;
    }
    if (i >= s.size()) {
        return std::nullopt;
    }
    qlonglong value = 0;
    bool lastDigit = false;
    for (; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c >= u'0' && c <= u'9') {
            if (value > (std::numeric_limits<qlonglong>::max() - (c - u'0')) / 10) {
                return std::nullopt;
            }
            value = value * 10 + (c - u'0');
            lastDigit = true;
        } else if (c == u'_' && lastDigit && i + 1 < s.size() && s[i + 1].isDigit()) {
            lastDigit = false;
        } else {
            return std::nullopt;
        }
    }
    return negative ? -value : value;
}

// How the value of a Python literal relates to json.dumps(): dict keys become strings this way.
QString jsonKey(const QVariant& key)
{
    switch (key.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return QStringLiteral("null");
    case QMetaType::Bool:
        return key.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = key.toDouble();
        if (std::isnan(d)) {
            return QStringLiteral("NaN");
        }
        if (std::isinf(d)) {
            return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
        }
        return VarCodec::pythonFloat(d);
    }
    default:
        return key.toString();
    }
}

// Strict equality of variable values: 1, 1.0 and True differ (as they do in Ansible's JSON).
enum class Kind { Null, Bool, Int, Float, String, List, Map, Other };
Kind kindOf(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return Kind::Null;
    case QMetaType::Bool:
        return Kind::Bool;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return Kind::Int;
    case QMetaType::Double:
    case QMetaType::Float:
        return Kind::Float;
    case QMetaType::QString:
    case QMetaType::QByteArray:
        return Kind::String;
    case QMetaType::QVariantList:
    case QMetaType::QStringList:
        return Kind::List;
    case QMetaType::QVariantMap:
    case QMetaType::QVariantHash:
        return Kind::Map;
    default:
        return Kind::Other;
    }
}

bool strictEqual(const QVariant& a, const QVariant& b)
{
    const Kind k = kindOf(a);
    if (k != kindOf(b)) {
        return false;
    }
    switch (k) {
    case Kind::Null:
        return true;
    case Kind::Bool:
        return a.toBool() == b.toBool();
    case Kind::Int:
        return a.toLongLong() == b.toLongLong();
    case Kind::Float: {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x == y || (std::isnan(x) && std::isnan(y));
    }
    case Kind::String:
        return a.toString() == b.toString();
    case Kind::List: {
        const QVariantList x = a.toList();
        const QVariantList y = b.toList();
        if (x.size() != y.size()) {
            return false;
        }
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!strictEqual(x[i], y[i])) {
                return false;
            }
        }
        return true;
    }
    case Kind::Map: {
        const QVariantMap x = a.toMap();
        const QVariantMap y = b.toMap();
        if (x.size() != y.size()) {
            return false;
        }
        for (auto it = x.cbegin(), jt = y.cbegin(); it != x.cend(); ++it, ++jt) {
            if (it.key() != jt.key() || !strictEqual(it.value(), jt.value())) {
                return false;
            }
        }
        return true;
    }
    case Kind::Other:
        break;
    }
    return a == b;
}

// ---------------------------------------------------------------------------------------------------------------
// ast.literal_eval(), as plugins/inventory/ini.py _parse_value() applies it.

class PyLiteral {
public:
    enum class Outcome { Value, NotLiteral, TypeError };

    explicit PyLiteral(QStringView s)
        : m_s(s)
    {
    }

    Outcome run(QVariant* out)
    {
        // literal_eval() strips leading spaces and tabs, then parses one expression (a tuple if it has commas).
        while (m_i < m_s.size() && (m_s[m_i] == u' ' || m_s[m_i] == u'\t')) {
            ++m_i;
        }
        auto v = parseExpressionList(QChar());
        if (!v) {
            return Outcome::NotLiteral;
        }
        skipSpace();
        if (m_i < m_s.size() && m_s[m_i] == u'#') {
            m_i = m_s.size();
        }
        if (m_i != m_s.size()) {
            return Outcome::NotLiteral;
        }
        if (m_typeError) {
            return Outcome::TypeError;
        }
        *out = v->value;
        return Outcome::Value;
    }

private:
    struct Val {
        QVariant value;
        bool number = false; // a numeric constant node (what a unary +/- may apply to)
        bool hashable = true;
        bool tuple = false;
    };

    QChar peek(qsizetype ahead = 0) const { return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : QChar(); }
    void skipSpace()
    {
        while (m_i < m_s.size() && (m_s[m_i] == u' ' || m_s[m_i] == u'\t' || m_s[m_i] == u'\f')) {
            ++m_i;
        }
    }
    static bool isIdentChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c.unicode() > 0x7f; }

    // expression (',' expression)* [','] -- a tuple when there is a comma.
    std::optional<Val> parseExpressionList(QChar closer)
    {
        skipSpace();
        auto first = parseExpression();
        if (!first) {
            return std::nullopt;
        }
        skipSpace();
        if (peek() != u',') {
            return first;
        }
        Val tuple;
        tuple.tuple = true;
        QVariantList items { first->value };
        tuple.hashable = first->hashable;
        while (peek() == u',') {
            ++m_i;
            skipSpace();
            const QChar c = peek();
            if (c.isNull() || c == u'#' || (!closer.isNull() && c == closer)) {
                break;
            }
            auto next = parseExpression();
            if (!next) {
                return std::nullopt;
            }
            items.append(next->value);
            tuple.hashable = tuple.hashable && next->hashable;
            skipSpace();
        }
        tuple.value = items;
        return tuple;
    }

    std::optional<Val> parseExpression()
    {
        skipSpace();
        const QChar c = peek();
        if (c == u'+' || c == u'-') {
            // literal_eval accepts a sign only directly on a numeric constant: -1, -(1), but not --1 or -True.
            ++m_i;
            skipSpace();
            auto operand = parseAtom();
            if (!operand || !operand->number) {
                return std::nullopt;
            }
            Val v;
            if (c == u'-') {
                if (VarCodec::isInteger(operand->value)) {
                    v.value = QVariant(-operand->value.toLongLong());
                } else {
                    v.value = QVariant(-operand->value.toDouble());
                }
            } else {
                v.value = operand->value;
            }
            return v;
        }
        return parseAtom();
    }

    std::optional<Val> parseAtom()
    {
        skipSpace();
        const QChar c = peek();
        if (c.isNull()) {
            return std::nullopt;
        }
        if ((c >= u'0' && c <= u'9') || (c == u'.' && peek(1) >= u'0' && peek(1) <= u'9')) {
            return parseNumber();
        }
        if (c == u'(') {
            ++m_i;
            skipSpace();
            if (peek() == u')') {
                ++m_i;
                Val v;
                v.value = QVariantList();
                v.tuple = true;
                return v;
            }
            auto inner = parseExpressionList(QLatin1Char(')'));
            skipSpace();
            if (!inner || peek() != u')') {
                return std::nullopt;
            }
            ++m_i;
            return inner;
        }
        if (c == u'[') {
            ++m_i;
            QVariantList items;
            skipSpace();
            while (peek() != u']') {
                auto item = parseExpression();
                if (!item) {
                    return std::nullopt;
                }
                items.append(item->value);
                skipSpace();
                if (peek() == u',') {
                    ++m_i;
                    skipSpace();
                } else if (peek() != u']') {
                    return std::nullopt;
                }
            }
            ++m_i;
            Val v;
            v.value = items;
            v.hashable = false;
            return v;
        }
        if (c == u'{') {
            return parseBrace();
        }
        if (c == u'\'' || c == u'"' || c.isLetter() || c == u'_' || c.unicode() > 0x7f) {
            if (startsString()) {
                return parseStrings();
            }
            const qsizetype start = m_i;
            while (m_i < m_s.size() && isIdentChar(m_s[m_i])) {
                ++m_i;
            }
            const QStringView word = m_s.mid(start, m_i - start);
            Val v;
            if (word == u"True") {
                v.value = true;
            } else if (word == u"False") {
                v.value = false;
            } else if (word == u"None") {
                v.value = QVariant::fromValue(nullptr);
            } else {
                return std::nullopt; // a name: literal_eval raises ValueError
            }
            return v;
        }
        return std::nullopt;
    }

    std::optional<Val> parseBrace()
    {
        ++m_i; // '{'
        skipSpace();
        Val v;
        v.hashable = false;
        QVariantMap map;
        if (peek() == u'}') {
            ++m_i;
            v.value = map;
            return v;
        }
        while (peek() != u'}') {
            auto key = parseExpression();
            if (!key) {
                return std::nullopt;
            }
            skipSpace();
            if (peek() != u':') {
                // {a, b} is a set: json.dumps cannot print one, so Ansible fails later; not a value for us.
                return std::nullopt;
            }
            ++m_i;
            auto value = parseExpression();
            if (!value) {
                return std::nullopt;
            }
            if (!key->hashable) {
                m_typeError = true; // dict(zip(...)) raises TypeError: unhashable type
            }
            if (key->tuple) {
                return std::nullopt; // json.dumps cannot write tuple keys
            }
            map.insert(jsonKey(key->value), value->value);
            skipSpace();
            if (peek() == u',') {
                ++m_i;
                skipSpace();
            } else if (peek() != u'}') {
                return std::nullopt;
            }
        }
        ++m_i;
        v.value = map;
        return v;
    }

    // A string literal starts here: optional prefix (r, u, b, f and their pairs) then a quote.
    bool startsString() const
    {
        qsizetype j = m_i;
        int letters = 0;
        while (j < m_s.size() && letters < 3) {
            const char16_t u = m_s[j].unicode();
            if (u == u'\'' || u == u'"') {
                break;
            }
            if (QStringView(u"rRuUbBfF").contains(QChar(u))) {
                ++letters;
                ++j;
                continue;
            }
            return false;
        }
        if (j >= m_s.size() || (m_s[j] != u'\'' && m_s[j] != u'"')) {
            return false;
        }
        const QString prefix = m_s.mid(m_i, j - m_i).toString().toLower();
        static const QStringList valid { QString(), QStringLiteral("r"), QStringLiteral("u"), QStringLiteral("b"),
            QStringLiteral("f"), QStringLiteral("br"), QStringLiteral("rb"), QStringLiteral("fr"),
            QStringLiteral("rf") };
        return valid.contains(prefix);
    }

    // One or more adjacent string literals (implicitly concatenated).
    std::optional<Val> parseStrings()
    {
        QString text;
        int kind = -1; // 0 str, 1 bytes
        while (true) {
            skipSpace();
            if (!startsString()) {
                break;
            }
            bool raw = false;
            bool bytes = false;
            while (m_s[m_i] != u'\'' && m_s[m_i] != u'"') {
                const char16_t p = m_s[m_i].toLower().unicode();
                raw = raw || p == u'r';
                bytes = bytes || p == u'b';
                if (p == u'f') {
                    return std::nullopt; // an f-string is a JoinedStr node: ValueError
                }
                ++m_i;
            }
            if (kind >= 0 && kind != int(bytes)) {
                return std::nullopt; // cannot mix bytes and nonbytes literals
            }
            kind = int(bytes);
            if (!parseOneString(raw, bytes, text)) {
                return std::nullopt;
            }
        }
        Val v;
        // Bytes hold code points 0..255 here; to_text() decodes them as UTF-8.
        v.value = kind == 1 ? QString::fromUtf8(text.toLatin1()) : text;
        return v;
    }

    bool parseOneString(bool raw, bool bytes, QString& out)
    {
        const QChar q = m_s[m_i];
        const bool triple = peek(1) == q && peek(2) == q;
        m_i += triple ? 3 : 1;
        while (true) {
            if (m_i >= m_s.size()) {
                return false;
            }
            const QChar c = m_s[m_i];
            if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
                m_i += triple ? 3 : 1;
                return true;
            }
            if (c == u'\n' && !triple) {
                return false;
            }
            if (bytes && c.unicode() > 0x7f) {
                return false; // bytes can only contain ASCII literal characters
            }
            if (c != u'\\') {
                out += c;
                ++m_i;
                continue;
            }
            if (m_i + 1 >= m_s.size()) {
                return false;
            }
            const QChar d = m_s[m_i + 1];
            if (raw) {
                out += c;
                out += d;
                m_i += 2;
                continue;
            }
            m_i += 2;
            switch (d.unicode()) {
            case u'\n':
                break;
            case u'\\':
            case u'\'':
            case u'"':
                out += d;
                break;
            case u'a':
                out += QChar(0x07);
                break;
            case u'b':
                out += QChar(0x08);
                break;
            case u'f':
                out += QChar(0x0c);
                break;
            case u'n':
                out += QChar(0x0a);
                break;
            case u'r':
                out += QChar(0x0d);
                break;
            case u't':
                out += QChar(0x09);
                break;
            case u'v':
                out += QChar(0x0b);
                break;
            case u'x': {
                const std::optional<uint> v = hex(2);
                if (!v) {
                    return false;
                }
                out += QChar(char16_t(*v));
                break;
            }
            case u'u':
            case u'U': {
                if (bytes) {
                    out += c;
                    out += d;
                    break;
                }
                const std::optional<uint> v = hex(d == u'u' ? 4 : 8);
                if (!v || *v > 0x10ffff) {
                    return false;
                }
                const char32_t cp = *v;
                out += QString::fromUcs4(&cp, 1);
                break;
            }
            case u'N':
                if (bytes) {
                    out += c;
                    out += d;
                    break;
                }
                return false; // \N{NAME}: we do not carry the Unicode name table; keep the text as Ansible would not
            default:
                if (d >= u'0' && d <= u'7') {
                    uint v = d.unicode() - u'0';
                    for (int k = 0; k < 2 && m_i < m_s.size() && m_s[m_i] >= u'0' && m_s[m_i] <= u'7'; ++k) {
                        v = v * 8 + (m_s[m_i].unicode() - u'0');
                        ++m_i;
                    }
                    if (bytes && v > 0xff) {
                        return false;
                    }
                    out += QChar(char16_t(v));
                } else {
                    out += c;
                    out += d;
                }
            }
        }
    }

    // Exactly `len` hex digits (\\xhh, \\uXXXX, \\UXXXXXXXX), consumed.
    std::optional<uint> hex(int len)
    {
        if (m_i + len > m_s.size()) {
            return std::nullopt;
        }
        uint v = 0;
        for (int k = 0; k < len; ++k) {
            const int digit = QStringView(u"0123456789abcdef").indexOf(m_s[m_i + k].toLower());
            if (digit < 0) {
                return std::nullopt;
            }
            v = v * 16 + uint(digit);
        }
        m_i += len;
        return v;
    }

    // Python number literals: 0x1f, 0o17, 0b101, 1_000, 1.5, .5, 1., 1e3, 1.5E-3 (imaginary: not a value here).
    std::optional<Val> parseNumber()
    {
        const auto isDigitIn = [](QChar c, int base) {
            const char16_t u = c.unicode();
            if (base == 16) {
                return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
            }
            return u >= u'0' && u < u'0' + base;
        };
        // digit (["_"] digit)*
        const auto digits = [&](int base, QString& into) {
            if (!isDigitIn(peek(), base)) {
                return false;
            }
            while (true) {
                if (isDigitIn(peek(), base)) {
                    into += peek();
                    ++m_i;
                } else if (peek() == u'_' && isDigitIn(peek(1), base)) {
                    ++m_i;
                } else {
                    return true;
                }
            }
        };
        Val v;
        v.number = true;
        const QChar p = peek(1).toLower();
        if (peek() == u'0' && (p == u'x' || p == u'o' || p == u'b')) {
            const int base = p == u'x' ? 16 : (p == u'o' ? 8 : 2);
            m_i += 2;
            if (peek() == u'_') {
                ++m_i;
            }
            QString d;
            if (!digits(base, d) || isIdentChar(peek()) || peek() == u'.') {
                return std::nullopt;
            }
            bool ok = false;
            const qlonglong n = d.toLongLong(&ok, base);
            if (!ok) {
                return std::nullopt; // beyond 64 bits
            }
            v.value = QVariant(n);
            return v;
        }
        QString intPart;
        QString fraction;
        QString exponent;
        bool isFloat = false;
        if (peek() != u'.') {
            digits(10, intPart);
        }
        if (peek() == u'.') {
            ++m_i;
            isFloat = true;
            if (isDigitIn(peek(), 10)) {
                digits(10, fraction);
            } else if (intPart.isEmpty()) {
                return std::nullopt;
            }
        }
        if ((peek() == u'e' || peek() == u'E')
            && (isDigitIn(peek(1), 10) || ((peek(1) == u'+' || peek(1) == u'-') && isDigitIn(peek(2), 10)))) {
            ++m_i;
            if (peek() == u'+' || peek() == u'-') {
                exponent += peek();
                ++m_i;
            }
            digits(10, exponent);
            isFloat = true;
        }
        if (peek() == u'j' || peek() == u'J') {
            return std::nullopt; // complex: json.dumps cannot print it
        }
        if (isIdentChar(peek()) || peek() == u'.') {
            return std::nullopt;
        }
        if (!isFloat) {
            // Decimal integers may not have leading zeros ("0755" is a SyntaxError), except all-zero ones.
            if (intPart.size() > 1 && intPart.startsWith(QLatin1Char('0'))) {
                for (const QChar c : intPart) {
                    if (c != u'0') {
                        return std::nullopt;
                    }
                }
            }
            bool ok = false;
            const qlonglong n = intPart.toLongLong(&ok);
            if (!ok) {
                return std::nullopt; // beyond 64 bits
            }
            v.value = QVariant(n);
            return v;
        }
        QByteArray text = (intPart.isEmpty() ? QStringLiteral("0") : intPart).toLatin1();
        text += '.' + (fraction.isEmpty() ? QByteArray("0") : fraction.toLatin1());
        if (!exponent.isEmpty()) {
            text += 'e' + exponent.toLatin1();
        }
        bool ok = false;
        double d = text.toDouble(&ok);
        if (!ok) {
            // Overflow: Python gives inf (1e999); underflow gives 0.0.
            d = exponent.startsWith(QLatin1Char('-')) ? 0.0 : std::numeric_limits<double>::infinity();
        }
        v.value = QVariant(d);
        return v;
    }

    QStringView m_s;
    qsizetype m_i = 0;
    bool m_typeError = false;
};

// ---------------------------------------------------------------------------------------------------------------
// shlex.split(line, comments=True) in POSIX mode (utils/shlex.py shlex_split; Python's shlex.read_token).

std::optional<QStringList> shlexSplitImpl(QStringView s, QString* error)
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

// ---------------------------------------------------------------------------------------------------------------
// Host patterns: parsing/utils/addresses.py parse_address() and plugins/inventory/__init__.py
// expand_hostname_range().

struct AddressPatterns {
    QRegularExpression bracketedHostPort;
    QRegularExpression hostPort;
    QRegularExpression ipv4;
    QRegularExpression ipv6;
    QRegularExpression hostname;

    AddressPatterns()
    {
        const QString numericRange = QStringLiteral(R"(\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\])");
        const QString hexRange = QStringLiteral(R"(\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\])");
        const QString alnumRange = QStringLiteral(R"(\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\])");
        const QString i6 = QStringLiteral("(?:[0-9a-f]{1,4}|%1)").arg(hexRange);
        const QString i4 = QStringLiteral("(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|%1)").arg(numericRange);
        const QString label = QStringLiteral(R"((?:[\w]|%1)(?:[\w_-]|%1)*(?<![_-]))").arg(alnumRange);
        const auto opts = QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption;
        bracketedHostPort = QRegularExpression(QStringLiteral(R"(^\[(.+)\]:([0-9]+)$)"));
        hostPort = QRegularExpression(QStringLiteral(R"(^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$)"));
        ipv4 = QRegularExpression(QStringLiteral(R"(^(?:%1\.){3}%1$)").arg(i4), opts);
        // Python's pattern is "^alt1|alt2|...|altN$": re.match anchors every alternative at the start, but "$"
        // binds to the last alternative only. Kept as is, since that decides which names Ansible accepts.
        const QString v6 = QStringLiteral(
            "^(?:(?:{0}:){7}{0}|(?:{0}:){1,6}:|(?:{0}:)(?::{0}){1,6}|(?:{0}:){2}(?::{0}){1,5}"
            "|(?:{0}:){3}(?::{0}){1,4}|(?:{0}:){4}(?::{0}){1,3}|(?:{0}:){5}(?::{0}){1,2}|(?:{0}:){6}(?::{0})"
            "|:(?::{0}){1,6}|{0}?::|(?:0:){6}(?:{0}\\.){3}{0}|::(?:ffff:)?(?:{0}\\.){3}{0}"
            "|(?:0:){5}ffff:(?:{0}\\.){3}{0}$)");
        ipv6 = QRegularExpression(QString(v6).replace(QStringLiteral("{0}"), i6), opts);
        hostname = QRegularExpression(QStringLiteral(R"(^%1(?:\.%1)*$)").arg(label), opts);
    }
};

const AddressPatterns& addressPatterns()
{
    static const AddressPatterns p;
    return p;
}

// parse_address(address, allow_ranges=True): host and port, or nullopt where Python raises.
std::optional<QString> parseAddress(const QString& input, int* port)
{
    const AddressPatterns& p = addressPatterns();
    QString address = input;
    *port = 0;
    // Both patterns are tried one after the other on what is left ("continue", not "break", in Python).
    for (const QRegularExpression* re : { &p.bracketedHostPort, &p.hostPort }) {
        const QRegularExpressionMatch m = re->match(address);
        if (m.hasMatch()) {
            address = m.captured(1);
            bool ok = false;
            *port = m.captured(2).toInt(&ok);
            if (!ok) {
                return std::nullopt;
            }
        }
    }
    for (const QRegularExpression* re : { &p.ipv4, &p.ipv6, &p.hostname }) {
        if (re->match(address).hasMatch()) {
            return address;
        }
    }
    return std::nullopt;
}

const qsizetype kMaxExpandedHosts = 10'000'000;

// expand_hostname_range(): "db[01:10:3]node-[a:c]" and friends, exactly as Python slices and counts.
Result<QStringList> expandHostnameRange(const QString& line)
{
    QStringList out;
    if (line.isEmpty()) {
        return out;
    }
    QString replaced = line;
    const qsizetype open = replaced.indexOf(QLatin1Char('['));
    if (open >= 0) {
        replaced[open] = QLatin1Char('|');
    }
    const qsizetype close = replaced.indexOf(QLatin1Char(']'));
    if (close >= 0) {
        replaced[close] = QLatin1Char('|');
    }
    const QStringList parts = replaced.split(QLatin1Char('|'));
    if (parts.size() != 3) {
        return Error(Tr::tr("host pattern '%1' has a '[' without a matching ']' (or a '|')").arg(line));
    }
    const QString& head = parts[0];
    const QString& tail = parts[2];
    const QStringList bounds = parts[1].split(QLatin1Char(':'));
    if (bounds.size() != 2 && bounds.size() != 3) {
        return Error(Tr::tr("host range must be begin:end or begin:end:step, got [%1]").arg(parts[1]));
    }
    QString beg = bounds[0];
    const QString end = bounds[1];
    const QString step = bounds.size() == 3 ? bounds[2] : QStringLiteral("1");
    if (beg.isEmpty()) {
        beg = QStringLiteral("0");
    }
    if (end.isEmpty()) {
        return Error(Tr::tr("host range must specify end value, got [%1]").arg(parts[1]));
    }
    int width = 0;
    if (beg.startsWith(QLatin1Char('0')) && beg.size() > 1) {
        width = int(beg.size());
        if (width != end.size()) {
            return Error(Tr::tr("host range must specify equal-length begin and end formats, got [%1]").arg(parts[1]));
        }
    }
    QStringList seq;
    static const QString letters = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
    const qsizetype iBeg = letters.indexOf(beg);
    const qsizetype iEnd = letters.indexOf(end);
    const std::optional<qlonglong> stepValue = pyInt(step);
    bool alpha = false;
    if (iBeg >= 0 && iEnd >= 0) {
        // string.ascii_letters.index() finds substrings too, so "ab" is a valid begin; Python slices from there.
        if (iBeg > iEnd) {
            return Error(Tr::tr("host range must have begin <= end, got [%1]").arg(parts[1]));
        }
        if (stepValue && *stepValue != 0) {
            alpha = true;
            if (*stepValue > 0) {
                for (qsizetype k = iBeg; k <= iEnd; k += *stepValue) {
                    seq.append(letters.at(k));
                }
            }
        }
    }
    if (!alpha) {
        const std::optional<qlonglong> b = pyInt(beg);
        const std::optional<qlonglong> e = pyInt(end);
        if (!b || !e || !stepValue) {
            return Error(Tr::tr("host range [%1] is neither numeric nor a letter range").arg(parts[1]));
        }
        if (*stepValue == 0) {
            return Error(Tr::tr("host range step must not be zero, got [%1]").arg(parts[1]));
        }
        const qlonglong last = *e + 1;
        const qlonglong s = *stepValue;
        const qlonglong count
            = s > 0 ? (last > *b ? (last - *b + s - 1) / s : 0) : (*b > last ? (*b - last - s - 1) / -s : 0);
        if (count > kMaxExpandedHosts) {
            return Error(Tr::tr("host range [%1] expands to too many hosts").arg(parts[1]));
        }
        for (qlonglong k = 0; k < count; ++k) {
            const qlonglong x = *b + k * s;
            QString text = QString::number(std::llabs(x));
            if (width > 0) {
                // str(x).zfill(width): zeros go after the sign.
                const int digitsWidth = x < 0 ? width - 1 : width;
                text = text.rightJustified(digitsWidth, QLatin1Char('0'));
            }
            seq.append(x < 0 ? QLatin1Char('-') + text : text);
        }
    }
    for (const QString& r : seq) {
        const QString name = head + r + tail;
        if (name.contains(QLatin1Char('['))) {
            auto more = expandHostnameRange(name);
            if (!more) {
                return more.error();
            }
            out.append(*more);
        } else {
            out.append(name);
        }
        if (out.size() > kMaxExpandedHosts) {
            return Error(Tr::tr("host pattern '%1' expands to too many hosts").arg(line));
        }
    }
    return out;
}

// BaseInventoryPlugin._expand_hostpattern(): port split off when the pattern parses as an address, then ranges.
Result<QStringList> expandPattern(const QString& pattern, int* port)
{
    *port = 0;
    QString host = pattern;
    // Fast path: without ':' and '[' parse_address() cannot change anything.
    if (pattern.contains(QLatin1Char(':')) || pattern.contains(QLatin1Char('['))) {
        int p = 0;
        if (auto parsed = parseAddress(pattern, &p)) {
            host = *parsed;
            *port = p;
        }
    }
    if (host.contains(QLatin1Char('['))) {
        return expandHostnameRange(host);
    }
    return QStringList { host };
}

// ---------------------------------------------------------------------------------------------------------------
// InventoryData (inventory/data.py, group.py, host.py) as far as the file plugins use it.

struct BGroup {
    QString name;
    std::optional<Group::Kind> kind; // from an "# opsdeck: kind=…" comment (OpsDeck's own, Ansible ignores it)
    QString rule; // a dynamic group's rule, from "# opsdeck: rule=\"…\""
    QVariantMap vars;
    QVariantMap fileVars;
    int priority = 1;
    QStringList children;
    QSet<QString> childSet;
    QStringList parents;
    QStringList hosts;
    QSet<QString> hostSet;
};

struct BHost {
    QString name;
    QVariantMap vars;
    QVariantMap fileVars;
    QList<int> groups; // direct groups, indexes into Builder::groups
};

// OpsDeck's group kind rides along in Ansible files as a comment on the group's line: "[web] # opsdeck: kind=idc"
// in INI, "web: # opsdeck: kind=idc" in YAML.
std::optional<Group::Kind> kindFromComment(QStringView line)
{
    static const QRegularExpression re(QStringLiteral(R"(#\s*opsdeck:\s*kind=(\w+))"));
    const QRegularExpressionMatch m = re.match(line.toString());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    bool ok = false;
    const Group::Kind k = Group::kindFromName(m.captured(1), &ok);
    return ok ? std::optional<Group::Kind>(k) : std::nullopt;
}

// A dynamic group is exported as a static group with its current members; its rule rides along in the same comment
// as a JSON string: "[mongo_js] # opsdeck: rule=\"host.idc == 'js'\"".
QString ruleFromComment(QStringView line)
{
    static const QRegularExpression re(QStringLiteral(R"re(#\s*opsdeck:.*\brule=("(?:[^"\\]|\\.)*"))re"));
    const QRegularExpressionMatch m = re.match(line.toString());
    if (!m.hasMatch()) {
        return {};
    }
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + m.captured(1).toUtf8() + QByteArray("]"));
    return doc.array().at(0).toString();
}

QString groupComment(const Group* g)
{
    QString comment;
    if (g && g->kind != Group::Kind::Custom) {
        comment += QStringLiteral(" kind=") + Group::kindName(g->kind);
    }
    if (g && g->isDynamic()) {
        const QByteArray json = QJsonDocument(QJsonArray { g->rule }).toJson(QJsonDocument::Compact);
        comment += QStringLiteral(" rule=") + QString::fromUtf8(json.mid(1, json.size() - 2));
    }
    return comment.isEmpty() ? QString() : QStringLiteral(" # opsdeck:") + comment;
}

class Builder {
public:
    QVector<BGroup> groups;
    QHash<QString, int> groupIndex;
    QVector<BHost> hosts;
    QHash<QString, int> hostIndex;

    Builder()
    {
        addGroup(kAll);
        addGroup(kUngrouped);
        (void)addChildGroup(0, 1);
    }

    int addGroup(const QString& name)
    {
        const int existing = groupIndex.value(name, -1);
        if (existing >= 0) {
            return existing;
        }
        BGroup g;
        g.name = name;
        groupIndex.insert(name, int(groups.size()));
        groups.append(g);
        return int(groups.size()) - 1;
    }

    // InventoryData.add_host(): the port only counts when the host is new.
    Result<int> addHost(const QString& name, int group, int port)
    {
        if (name.isEmpty()) {
            return Error(Tr::tr("invalid empty host name"));
        }
        int h = hostIndex.value(name, -1);
        if (h < 0) {
            BHost host;
            host.name = name;
            if (port > 0) {
                host.vars.insert(kPort, qlonglong(port));
            }
            h = int(hosts.size());
            hostIndex.insert(name, h);
            hosts.append(host);
        }
        if (group >= 0) {
            addHostToGroup(group, h);
        }
        return h;
    }

    void addHostToGroup(int g, int h)
    {
        BGroup& group = groups[g];
        const QString& name = hosts[h].name;
        if (!group.hostSet.contains(name)) {
            group.hostSet.insert(name);
            group.hosts.append(name);
            hosts[h].groups.append(g);
        }
    }

    void removeHostFromGroup(int g, int h)
    {
        BGroup& group = groups[g];
        const QString& name = hosts[h].name;
        if (group.hostSet.remove(name)) {
            group.hosts.removeOne(name);
            hosts[h].groups.removeOne(g);
        }
    }

    QSet<int> ancestors(int g) const
    {
        QSet<int> seen;
        QList<int> stack { g };
        while (!stack.isEmpty()) {
            const int cur = stack.takeLast();
            for (const QString& p : groups[cur].parents) {
                const int pi = groupIndex.value(p);
                if (!seen.contains(pi)) {
                    seen.insert(pi);
                    stack.append(pi);
                }
            }
        }
        return seen;
    }

    // Group.add_child_group(), with its loop checks.
    Result<void> addChildGroup(int parent, int child)
    {
        if (parent == child) {
            return Error(Tr::tr("can't add group '%1' to itself").arg(groups[parent].name));
        }
        BGroup& p = groups[parent];
        if (p.childSet.contains(groups[child].name)) {
            return {};
        }
        if (child == 0 || ancestors(parent).contains(child)) {
            return Error(Tr::tr("adding group '%1' as child to '%2' creates a recursive dependency loop")
                             .arg(groups[child].name, p.name));
        }
        p.childSet.insert(groups[child].name);
        p.children.append(groups[child].name);
        if (!groups[child].parents.contains(p.name)) {
            groups[child].parents.append(p.name);
        }
        return {};
    }

    // InventoryData.add_child(): a group or, failing that, a host.
    Result<void> addChild(int parent, const QString& child)
    {
        const int g = groupIndex.value(child, -1);
        if (g >= 0) {
            return addChildGroup(parent, g);
        }
        const int h = hostIndex.value(child, -1);
        if (h >= 0) {
            addHostToGroup(parent, h);
            return {};
        }
        return Error(Tr::tr("%1 is not a known host nor group").arg(child));
    }

    // Group.set_variable(): ansible_group_priority is consumed with Python's int(), whose failures are errors.
    Result<void> setGroupVar(int g, const QString& key, const QVariant& value)
    {
        if (key == kPriority) {
            std::optional<qlonglong> p;
            switch (kindOf(value)) {
            case Kind::Bool:
                p = value.toBool() ? 1 : 0;
                break;
            case Kind::Int:
                p = value.toLongLong();
                break;
            case Kind::Float:
                if (std::isfinite(value.toDouble())) {
                    p = qlonglong(std::trunc(value.toDouble()));
                }
                break;
            case Kind::String:
                p = pyInt(value.toString());
                break;
            default:
                break;
            }
            if (!p || *p < std::numeric_limits<int>::min() || *p > std::numeric_limits<int>::max()) {
                return Error(Tr::tr("ansible_group_priority of group '%1' must be an integer, got %2")
                                 .arg(groups[g].name, QString::fromUtf8(VarCodec::toJson(value))));
            }
            groups[g].priority = int(*p);
            return {};
        }
        groups[g].vars.insert(key, value);
        return {};
    }

    // InventoryData.reconcile_inventory(): parentless groups go under "all"; hosts without a group go to
    // "ungrouped"; hosts with a group leave "ungrouped".
    void reconcile()
    {
        for (int g = 1; g < groups.size(); ++g) {
            if (groups[g].parents.isEmpty()) {
                (void)addChildGroup(0, g);
            }
        }
        const int ungrouped = 1;
        // Groups whose members count as members of "ungrouped" (it and its descendants), and its other ancestors.
        QSet<int> underUngrouped { ungrouped };
        QList<int> stack { ungrouped };
        while (!stack.isEmpty()) {
            for (const QString& c : groups[stack.takeLast()].children) {
                const int ci = groupIndex.value(c);
                if (!underUngrouped.contains(ci)) {
                    underUngrouped.insert(ci);
                    stack.append(ci);
                }
            }
        }
        QSet<int> ungroupedAncestors = ancestors(ungrouped);
        ungroupedAncestors.remove(0);
        for (int h = 0; h < hosts.size(); ++h) {
            bool inUngrouped = false;
            bool other = false;
            for (const int g : std::as_const(hosts[h].groups)) {
                if (underUngrouped.contains(g)) {
                    inUngrouped = true;
                }
                if (g != 0 && g != ungrouped) {
                    other = true;
                }
            }
            if (inUngrouped) {
                if (other || !ungroupedAncestors.isEmpty()) {
                    removeHostFromGroup(ungrouped, h);
                }
            } else if (!other) {
                addHostToGroup(ungrouped, h);
            }
        }
    }
};

Error at(const QString& file, int line, const QString& message, int column = 0)
{
    return Error(message, SourceLocation { file, line, column });
}

Error at(const QString& file, int line, const Error& inner)
{
    return Error(inner.message, SourceLocation { file, line, 0 });
}

// ---------------------------------------------------------------------------------------------------------------
// The ini plugin (plugins/inventory/ini.py).

QString decodeText(const QByteArray& data, const QString& file, Error* error)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(data);
    if (!decoder.hasError()) {
        return text;
    }
    // Find the first line that is not valid UTF-8 for the message (Ansible tolerates it in comment lines only).
    int line = 1;
    qsizetype start = 0;
    while (start <= data.size()) {
        qsizetype end = data.indexOf('\n', start);
        if (end < 0) {
            end = data.size();
        }
        const QByteArray l = data.mid(start, end - start);
        QStringDecoder d(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        (void)d.decode(l);
        if (d.hasError()) {
            *error = at(file, line, Tr::tr("this line is not valid UTF-8"));
            return {};
        }
        ++line;
        start = end + 1;
    }
    *error = at(file, 0, Tr::tr("the file is not valid UTF-8"));
    return {};
}

class IniParser {
public:
    IniParser(Builder& builder, const QString& file, const AnsibleInventory::Progress& progress, qint64* doneKiB,
        int totalKiB)
        : m_b(builder)
        , m_file(file)
        , m_progress(progress)
        , m_done(doneKiB)
        , m_total(totalKiB)
    {
    }

    Result<void> parse(const QByteArray& data)
    {
        Error decodeError;
        const QString text = decodeText(data, m_file, &decodeError);
        if (!decodeError.message.isEmpty()) {
            // Ansible blanks non-UTF-8 comment lines; only other lines are errors. Retry that way.
            return parseNonUtf8(data, decodeError);
        }
        return parseText(text);
    }

private:
    struct Pending {
        int line = 0;
        bool vars = false; // else children
        QStringList parents;
    };

    Result<void> parseNonUtf8(const QByteArray& data, const Error& decodeError)
    {
        QStringList lines;
        const QList<QByteArray> raw = data.split('\n');
        for (qsizetype i = 0; i < raw.size(); ++i) {
            const QByteArray& l = raw[i];
            QStringDecoder d(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded = d.decode(l);
            if (d.hasError()) {
                if (!l.isEmpty() && (l[0] == '#' || l[0] == ';')) {
                    lines.append(QString());
                    continue;
                }
                return at(m_file, int(i) + 1, Tr::tr("this line is not valid UTF-8"));
            }
            lines.append(decoded);
        }
        Q_UNUSED(decodeError);
        return parseText(lines.join(QLatin1Char('\n')));
    }

    Result<void> parseText(const QString& text)
    {
        static const QRegularExpression section(QStringLiteral(R"(^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$)"),
            QRegularExpression::UseUnicodePropertiesOption);
        QString group = kUngrouped;
        int groupIdx = 1;
        QString state = QStringLiteral("hosts");
        QHash<QString, Pending> pending;
        QStringList pendingOrder;
        const QStringView all(text);
        qsizetype pos = 0;
        int lineNo = 0;
        qsizetype lastReport = 0;
        // str.splitlines(): a final line break does not start another line.
        while (pos < all.size()) {
            qsizetype end = pos;
            while (end < all.size() && !isPyLineBreak(all[end].unicode())) {
                ++end;
            }
            const QStringView rawLine = all.mid(pos, end - pos);
            pos = end + ((end + 1 < all.size() && all[end] == u'\r' && all[end + 1] == u'\n') ? 2 : 1);
            ++lineNo;
            m_line = lineNo;
            if (pos - lastReport > 65536 && m_progress) {
                *m_done += (pos - lastReport) / 1024;
                lastReport = pos;
                if (!m_progress(int(qMin<qint64>(*m_done, m_total)), m_total)) {
                    return Error(Tr::tr("import cancelled"));
                }
            }
            const QStringView line = pyStrip(rawLine);
            if (line.isEmpty() || line[0] == u'#' || line[0] == u';') {
                continue;
            }
            if (line[0] == u'[') {
                const QString lineText = line.toString();
                const QRegularExpressionMatch m = section.match(lineText);
                if (m.hasMatch()) {
                    group = m.captured(1);
                    const std::optional<Group::Kind> kind = kindFromComment(line);
                    state = m.captured(2).isEmpty() ? QStringLiteral("hosts") : m.captured(2);
                    if (state != QLatin1String("hosts") && state != QLatin1String("children")
                        && state != QLatin1String("vars")) {
                        return error(Tr::tr("section [%1:%2] has unknown type: %2 (expected hosts, children or vars)")
                                         .arg(group, state));
                    }
                    if (!m_b.groupIndex.contains(group)) {
                        // [g:vars] alone does not declare a group: [g] or [g:children] must follow somewhere.
                        if (state == QLatin1String("vars") && !pending.contains(group)) {
                            pending.insert(group, Pending { lineNo, true, {} });
                            pendingOrder.append(group);
                        }
                        m_b.addGroup(group);
                    }
                    groupIdx = m_b.groupIndex.value(group);
                    if (kind) {
                        m_b.groups[groupIdx].kind = kind;
                    }
                    if (const QString rule = ruleFromComment(line); !rule.isEmpty()) {
                        m_b.groups[groupIdx].rule = rule;
                    }
                    if (pending.contains(group) && state != QLatin1String("vars")) {
                        if (!pending.value(group).vars) {
                            if (auto r = addPendingChildren(group, pending); !r) {
                                return r;
                            }
                        } else {
                            pending.remove(group);
                        }
                    }
                    continue;
                }
                if (line.endsWith(u']')) {
                    return error(Tr::tr("invalid section entry: '%1'. Expected [group], [group:vars] or "
                                        "[group:children] with no spaces or other invalid characters")
                                     .arg(lineText));
                }
            }
            if (state == QLatin1String("hosts")) {
                if (auto r = parseHostLine(line, groupIdx); !r) {
                    return r;
                }
            } else if (state == QLatin1String("vars")) {
                const qsizetype eq = line.indexOf(u'=');
                if (eq < 0) {
                    return error(Tr::tr("expected key=value, got: %1").arg(line.toString()));
                }
                const QString key = pyStrip(line.left(eq)).toString();
                auto value = parseValue(pyStrip(line.mid(eq + 1)));
                if (!value) {
                    return value.error();
                }
                if (auto r = m_b.setGroupVar(groupIdx, key, *value); !r) {
                    return at(m_file, m_line, r.error());
                }
            } else {
                static const QRegularExpression groupName(
                    QStringLiteral(R"(^([^:\]\s]+)\s*(?:#.*)?$)"), QRegularExpression::UseUnicodePropertiesOption);
                const QRegularExpressionMatch m = groupName.match(line.toString());
                if (!m.hasMatch()) {
                    return error(Tr::tr("expected group name, got: %1").arg(line.toString()));
                }
                const QString child = m.captured(1);
                if (!m_b.groupIndex.contains(child)) {
                    // A child may be declared later in the file; it is attached when its section appears.
                    if (!pending.contains(child)) {
                        pending.insert(child, Pending { lineNo, false, { group } });
                        pendingOrder.append(child);
                    } else {
                        pending[child].parents.append(group);
                    }
                } else if (auto r = m_b.addChildGroup(groupIdx, m_b.groupIndex.value(child)); !r) {
                    return at(m_file, m_line, r.error());
                }
            }
        }
        if (m_progress) {
            *m_done += (all.size() - lastReport) / 1024;
        }
        for (const QString& name : std::as_const(pendingOrder)) {
            if (!pending.contains(name)) {
                continue;
            }
            const Pending& p = pending[name];
            if (p.vars) {
                return at(m_file, p.line,
                    Tr::tr("section [%1:vars] is not valid for undefined group %1 (expected a [%1] or "
                           "[%1:children] section too)")
                        .arg(name));
            }
            return at(m_file, p.line,
                Tr::tr("section [%1:children] includes undefined group %2 (expected a [%2] or [%2:children] "
                       "section)")
                    .arg(p.parents.last(), name));
        }
        return {};
    }

    Result<void> addPendingChildren(const QString& group, QHash<QString, Pending>& pending)
    {
        const QStringList parents = pending.value(group).parents;
        for (const QString& parent : parents) {
            const int pi = m_b.groupIndex.value(parent, -1);
            if (pi < 0) {
                return error(Tr::tr("%1 is not a known group").arg(parent));
            }
            if (auto r = m_b.addChildGroup(pi, m_b.groupIndex.value(group)); !r) {
                return at(m_file, m_line, r.error());
            }
            if (pending.contains(parent) && !pending.value(parent).vars) {
                if (auto r = addPendingChildren(parent, pending); !r) {
                    return r;
                }
            }
        }
        pending.remove(group);
        return {};
    }

    Error error(const QString& message) const { return at(m_file, m_line, message); }

    // _parse_value(): literal_eval, else the text itself. A TypeError (unhashable dict key) fails the file.
    Result<QVariant> parseValue(QStringView text) const
    {
        // Fast path: a word that is not True/False/None or a string prefix cannot be a literal.
        if (!text.isEmpty()) {
            const QChar c = text[0];
            if ((c.isLetter() || c == u'_') && c.unicode() < 0x80) {
                bool word = true;
                for (const QChar ch : text) {
                    if (!(ch.isLetterOrNumber() || ch == u'_' || ch == u'-' || ch == u'.' || ch == u'/')) {
                        word = false;
                        break;
                    }
                }
                if (word && text != u"True" && text != u"False" && text != u"None") {
                    return QVariant(text.toString());
                }
            }
        }
        QVariant v;
        switch (PyLiteral(text).run(&v)) {
        case PyLiteral::Outcome::Value:
            return v;
        case PyLiteral::Outcome::NotLiteral:
            return QVariant(text.toString());
        case PyLiteral::Outcome::TypeError:
            break;
        }
        return error(Tr::tr("unhashable type used as a dictionary key in value: %1").arg(text.toString()));
    }

    // _parse_host_definition() and _populate_host_vars().
    Result<void> parseHostLine(QStringView line, int group)
    {
        QString shlexError;
        const auto tokens = shlexSplitImpl(line, &shlexError);
        if (!tokens) {
            return error(Tr::tr("error parsing host definition '%1': %2").arg(line.toString(), shlexError));
        }
        if (tokens->isEmpty()) {
            return error(Tr::tr("expected a host name, got: %1").arg(line.toString()));
        }
        const QString& pattern = tokens->first();
        int port = 0;
        auto names = expandPattern(pattern, &port);
        if (!names) {
            return at(m_file, m_line, names.error());
        }
        // The ini plugin's extra checks in its own _expand_hostpattern().
        if (port == 0 && pyStrip(pattern).endsWith(u':')) {
            return error(Tr::tr("invalid host pattern '%1': ending in ':' is not allowed, this character is reserved "
                                "to provide a port")
                             .arg(pattern));
        }
        for (const QString& n : std::as_const(*names)) {
            if (pyStrip(n) == u"---") {
                return error(
                    Tr::tr("invalid host pattern '%1': '---' is normally a sign this is a YAML file").arg(pattern));
            }
        }
        QList<QPair<QString, QVariant>> vars;
        QHash<QString, qsizetype> varIndex;
        for (qsizetype i = 1; i < tokens->size(); ++i) {
            const QString& t = tokens->at(i);
            const qsizetype eq = t.indexOf(QLatin1Char('='));
            if (eq < 0) {
                return error(Tr::tr("expected key=value host variable assignment, got: %1").arg(t));
            }
            const QString key = t.left(eq);
            auto value = parseValue(QStringView(t).mid(eq + 1));
            if (!value) {
                return value.error();
            }
            if (varIndex.contains(key)) {
                vars[varIndex.value(key)].second = *value;
            } else {
                varIndex.insert(key, vars.size());
                vars.append({ key, *value });
            }
        }
        for (const QString& n : std::as_const(*names)) {
            auto h = m_b.addHost(n, group, port);
            if (!h) {
                return at(m_file, m_line, h.error());
            }
            BHost& host = m_b.hosts[*h];
            for (const auto& [k, v] : std::as_const(vars)) {
                host.vars.insert(k, v);
            }
        }
        return {};
    }

    Builder& m_b;
    QString m_file;
    const AnsibleInventory::Progress& m_progress;
    qint64* m_done;
    int m_total;
    int m_line = 0;
};

// ---------------------------------------------------------------------------------------------------------------
// YAML: the yaml plugin (plugins/inventory/yaml.py) over yaml-cpp, which keeps mapping order (Ansible's dicts do).

struct YamlReader {
    QString file;
    bool json = false; // the file is JSON: Ansible's loader reads it with json.loads(), which types numbers so

    SourceLocation where(const YAML::Node& n) const
    {
        const YAML::Mark m = n.Mark();
        if (m.line < 0) {
            return { file, 0, 0 };
        }
        return { file, m.line + 1, m.column + 1 };
    }

    QVariant scalar(const YAML::Node& n) const
    {
        if (!n.IsDefined() || n.IsNull()) {
            return QVariant::fromValue(nullptr);
        }
        const QString text = QString::fromStdString(n.Scalar());
        const std::string& tag = n.Tag();
        if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str" || tag == "!unsafe" || tag == "!vault") {
            return text;
        }
        if (json) {
            if (text == QLatin1String("true") || text == QLatin1String("false")) {
                return text == QLatin1String("true");
            }
            if (text == QLatin1String("null")) {
                return QVariant::fromValue(nullptr);
            }
            bool ok = false;
            if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e'))
                && !text.contains(QLatin1Char('E'))) {
                const qlonglong n = text.toLongLong(&ok);
                if (ok) {
                    return n;
                }
            }
            const double d = text.toDouble(&ok);
            if (ok) {
                return d;
            }
        }
        return VarCodec::resolvePlainYamlScalar(text);
    }

    Result<QVariant> value(const YAML::Node& n, int depth = 0) const
    {
        if (depth > 500) {
            return Error(Tr::tr("YAML nested too deeply"), where(n));
        }
        switch (n.Type()) {
        case YAML::NodeType::Sequence: {
            QVariantList list;
            list.reserve(qsizetype(n.size()));
            for (const auto& item : n) {
                auto v = value(item, depth + 1);
                if (!v) {
                    return v;
                }
                list.append(*v);
            }
            return QVariant(list);
        }
        case YAML::NodeType::Map: {
            QVariantMap map;
            // Merge keys (<<: *anchor), which PyYAML applies: merged entries first, explicit keys win.
            for (const auto& kv : n) {
                if (kv.first.IsScalar() && kv.first.Tag() == "?" && kv.first.Scalar() == "<<") {
                    const auto mergeOne = [&](const YAML::Node& m) -> Result<void> {
                        auto mv = value(m, depth + 1);
                        if (!mv) {
                            return mv.error();
                        }
                        const QVariantMap mm = mv->toMap();
                        for (auto it = mm.cbegin(); it != mm.cend(); ++it) {
                            if (!map.contains(it.key())) {
                                map.insert(it.key(), it.value());
                            }
                        }
                        return {};
                    };
                    if (kv.second.IsMap()) {
                        if (auto r = mergeOne(kv.second); !r) {
                            return r.error();
                        }
                    } else if (kv.second.IsSequence()) {
                        for (const auto& m : kv.second) {
                            if (auto r = mergeOne(m); !r) {
                                return r.error();
                            }
                        }
                    }
                }
            }
            QVariantMap explicitKeys;
            for (const auto& kv : n) {
                if (kv.first.IsScalar() && kv.first.Tag() == "?" && kv.first.Scalar() == "<<") {
                    continue;
                }
                if (!kv.first.IsScalar() && !kv.first.IsNull()) {
                    return Error(Tr::tr("a mapping key must be a scalar"), where(kv.first));
                }
                auto v = value(kv.second, depth + 1);
                if (!v) {
                    return v;
                }
                explicitKeys.insert(jsonKey(scalar(kv.first)), *v);
            }
            for (auto it = explicitKeys.cbegin(); it != explicitKeys.cend(); ++it) {
                map.insert(it.key(), it.value());
            }
            return QVariant(map);
        }
        default:
            return scalar(n);
        }
    }

    struct Entry {
        QVariant key;
        YAML::Node keyNode;
        YAML::Node value;
    };

    // A mapping's entries in document order, duplicate keys resolved as a Python dict does (first position,
    // last value).
    std::vector<Entry> entries(const YAML::Node& map) const
    {
        std::vector<Entry> out;
        QHash<QString, size_t> index;
        for (const auto& kv : map) {
            const QVariant key = scalar(kv.first);
            const QString id = QString::number(int(kindOf(key))) + QLatin1Char(':') + jsonKey(key);
            auto it = index.find(id);
            if (it != index.end()) {
                out[*it].value = kv.second;
                continue;
            }
            index.insert(id, out.size());
            out.push_back({ key, kv.first, kv.second });
        }
        return out;
    }

    bool isNone(const YAML::Node& n) const
    {
        return !n.IsDefined() || n.IsNull() || (n.IsScalar() && kindOf(scalar(n)) == Kind::Null);
    }
    bool isMapOrNone(const YAML::Node& n) const { return n.IsMap() || isNone(n); }
    bool isString(const YAML::Node& n) const { return n.IsScalar() && kindOf(scalar(n)) == Kind::String; }
    QString typeName(const YAML::Node& n) const
    {
        if (n.IsSequence()) {
            return QStringLiteral("list");
        }
        switch (kindOf(scalar(n))) {
        case Kind::Bool:
            return QStringLiteral("bool");
        case Kind::Int:
            return QStringLiteral("int");
        case Kind::Float:
            return QStringLiteral("float");
        default:
            return QStringLiteral("str");
        }
    }
};

class YamlInventoryParser {
public:
    YamlInventoryParser(Builder& b, const YamlReader& reader)
        : m_b(b)
        , m_r(reader)
    {
    }

    Result<void> parse(const YAML::Node& root)
    {
        for (const auto& e : m_r.entries(root)) {
            auto r = parseGroup(e.key, e.keyNode, e.value);
            if (!r) {
                return r.error();
            }
        }
        return {};
    }

private:
    // _parse_group(); returns the group's name (or its key as text when it was skipped).
    Result<QString> parseGroup(const QVariant& key, const YAML::Node& keyNode, const YAML::Node& data)
    {
        if (!m_r.isMapOrNone(data)) {
            // Ansible warns "Skipping '...' as this is not a valid group definition" and goes on.
            return jsonKey(key);
        }
        if (kindOf(key) != Kind::String) {
            return Error(Tr::tr("invalid group name %1: expected a string").arg(jsonKey(key)), m_r.where(keyNode));
        }
        const QString name = key.toString();
        if (name.isEmpty()) {
            return Error(Tr::tr("invalid empty group name"), m_r.where(keyNode));
        }
        const int g = m_b.addGroup(name);
        if (m_r.isNone(data)) {
            return name;
        }
        const auto items = m_r.entries(data);
        // Sections given as one string mean {string: None}; anything else but a mapping is an error.
        for (const auto& e : items) {
            if (kindOf(e.key) != Kind::String) {
                continue;
            }
            const QString section = e.key.toString();
            if (section != QLatin1String("vars") && section != QLatin1String("children")
                && section != QLatin1String("hosts")) {
                continue;
            }
            if (!m_r.isString(e.value) && !m_r.isMapOrNone(e.value)) {
                return Error(Tr::tr("invalid \"%1\" entry for \"%2\" group: expected a mapping, found a %3")
                                 .arg(section, name, m_r.typeName(e.value)),
                    m_r.where(e.value));
            }
        }
        for (const auto& e : items) {
            const QString section = kindOf(e.key) == Kind::String ? e.key.toString() : QString();
            const bool known = section == QLatin1String("vars") || section == QLatin1String("children")
                || section == QLatin1String("hosts");
            std::vector<YamlReader::Entry> entries;
            if (known && m_r.isString(e.value)) {
                entries.push_back({ m_r.scalar(e.value), e.value, YAML::Node() });
            } else if (e.value.IsMap()) {
                entries = m_r.entries(e.value);
            } else {
                continue; // None, or not a mapping: Ansible skips it (with a warning for the latter)
            }
            if (section == QLatin1String("vars")) {
                for (const auto& v : entries) {
                    auto value = m_r.value(v.value);
                    if (!value) {
                        return value.error();
                    }
                    if (auto r = m_b.setGroupVar(g, jsonKey(v.key), *value); !r) {
                        return Error(r.error().message, m_r.where(v.keyNode));
                    }
                }
            } else if (section == QLatin1String("children")) {
                for (const auto& c : entries) {
                    auto child = parseGroup(c.key, c.keyNode, c.value);
                    if (!child) {
                        return child.error();
                    }
                    if (auto r = m_b.addChild(g, *child); !r) {
                        return Error(r.error().message, m_r.where(c.keyNode));
                    }
                }
            } else if (section == QLatin1String("hosts")) {
                for (const auto& h : entries) {
                    if (auto r = parseHost(g, h); !r) {
                        return r.error();
                    }
                }
            }
        }
        return name;
    }

    Result<void> parseHost(int group, const YamlReader::Entry& e)
    {
        if (kindOf(e.key) != Kind::String) {
            return Error(Tr::tr("host pattern %1 must be a string; enclose integers and floats in quotation marks")
                             .arg(jsonKey(e.key)),
                m_r.where(e.keyNode));
        }
        int port = 0;
        auto names = expandPattern(e.key.toString(), &port);
        if (!names) {
            return Error(names.error().message, m_r.where(e.keyNode));
        }
        QVariantMap vars;
        // `data or {}`: any false-ish value means no variables; a true-ish non-mapping is an error.
        if (e.value.IsMap()) {
            auto v = m_r.value(e.value);
            if (!v) {
                return v.error();
            }
            vars = v->toMap();
        } else if (e.value.IsSequence()) {
            if (e.value.size() > 0) {
                return Error(
                    Tr::tr("invalid variables for host %1: expected a mapping, got a list").arg(e.key.toString()),
                    m_r.where(e.value));
            }
        } else if (!m_r.isNone(e.value)) {
            const QVariant s = m_r.scalar(e.value);
            const bool falsy = (kindOf(s) == Kind::String && s.toString().isEmpty())
                || (kindOf(s) == Kind::Bool && !s.toBool()) || (kindOf(s) == Kind::Int && s.toLongLong() == 0)
                || (kindOf(s) == Kind::Float && s.toDouble() == 0);
            if (!falsy) {
                return Error(Tr::tr("invalid variables for host %1: expected a mapping, got: %2")
                                 .arg(e.key.toString(), s.toString()),
                    m_r.where(e.value));
            }
        }
        for (const QString& n : std::as_const(*names)) {
            auto h = m_b.addHost(n, group, port);
            if (!h) {
                return Error(h.error().message, m_r.where(e.keyNode));
            }
            BHost& host = m_b.hosts[*h];
            for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
                host.vars.insert(it.key(), it.value());
            }
        }
        return {};
    }

    Builder& m_b;
    const YamlReader& m_r;
};

// ---------------------------------------------------------------------------------------------------------------
// One inventory file: the plugin chain of inventory/manager.py parse_source() for the static plugins (host_list,
// script and auto are not run: we never execute files or load plugins).

struct FileParseContext {
    const AnsibleInventory::Progress& progress;
    qint64 doneKiB = 0;
    int totalKiB = 1;
};

bool looksLikeYamlKeyLine(const QByteArray& data, int line)
{
    const QList<QByteArray> lines = data.split('\n');
    if (line < 1 || line > lines.size()) {
        return false;
    }
    const QByteArray l = lines[line - 1].trimmed();
    return l.endsWith(':') || l.contains(": ") || l.startsWith("---");
}

bool firstLineIsIniSection(const QByteArray& data)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0) {
            end = data.size();
        }
        const QByteArray line = data.mid(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        static const QRegularExpression section(QStringLiteral(R"(^\[[^\]\[]*\]\s*(?:#.*)?$)"));
        return section.match(QString::fromUtf8(line)).hasMatch();
    }
    return false;
}

Result<void> parseInventoryData(Builder& b, const QByteArray& data, const QString& file, FileParseContext& ctx)
{
    // os.path.splitext(): the extension starts at the last dot that is not leading.
    QString base = QFileInfo(file).fileName();
    qsizetype lead = 0;
    while (lead < base.size() && base[lead] == u'.') {
        ++lead;
    }
    const qsizetype dot = base.lastIndexOf(QLatin1Char('.'));
    const QString ext = dot > lead ? base.mid(dot) : QString();
    // The yaml plugin only looks at files without extension or ending .yaml, .yml or .json (case-sensitive).
    const bool yamlCandidate = ext.isEmpty() || ext == QLatin1String(".yml") || ext == QLatin1String(".yaml")
        || ext == QLatin1String(".json");
    std::optional<Error> yamlError;
    if (yamlCandidate && firstLineIsIniSection(data)) {
        // A complete "[...]" first line followed by anything is never a YAML mapping (and a lone one is a list):
        // the yaml plugin fails on it, so skip running a YAML parser over a large INI file.
        yamlError = Error(Tr::tr("not a YAML mapping"), SourceLocation { file, 1, 1 });
    } else if (yamlCandidate) {
        YamlReader reader { file };
        // Ansible's loader tries json.loads() first, which types numbers like JSON does.
        const auto json = VarCodec::fromJson(data, file);
        reader.json = json.ok() && json->typeId() == QMetaType::QVariantMap;
        YAML::Node root;
        bool parsed = false;
        try {
            root = YAML::Load(data.toStdString());
            parsed = true;
        } catch (const YAML::Exception& e) {
            yamlError = Error(Tr::tr("malformed YAML: %1").arg(QString::fromStdString(e.msg)),
                SourceLocation {
                    file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
        }
        if (parsed && root.IsMap() && root.size() > 0) {
            for (const auto& kv : root) {
                if (kv.first.IsScalar() && kv.first.Scalar() == "plugin") {
                    const QVariant pv = reader.scalar(kv.second);
                    if (kv.second.IsMap() || kv.second.IsSequence()
                        || (kindOf(pv) != Kind::Null && !(kindOf(pv) == Kind::String && pv.toString().isEmpty()))) {
                        return Error(Tr::tr("this is an inventory plugin configuration, not an inventory: dynamic "
                                            "inventory plugins are not supported"),
                            reader.where(kv.first));
                    }
                }
            }
            YamlInventoryParser parser(b, reader);
            if (auto r = parser.parse(root); !r) {
                return r;
            }
            // yaml-cpp drops comments: find "NAME: # opsdeck: kind=…" lines in the text for the groups.
            static const QRegularExpression kindLine(
                QStringLiteral(R"re(^[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s:#'"][^:#]*?))[ \t]*:[ \t]*#)re"),
                QRegularExpression::MultilineOption);
            if (data.contains("opsdeck:")) {
                const QString text = QString::fromUtf8(data);
                for (auto it = kindLine.globalMatch(text); it.hasNext();) {
                    const QRegularExpressionMatch m = it.next();
                    const qsizetype eol = text.indexOf(QLatin1Char('\n'), m.capturedEnd(0));
                    const auto kind = kindFromComment(QStringView(text).mid(
                        m.capturedEnd(0) - 1, (eol < 0 ? text.size() : eol) - m.capturedEnd(0) + 1));
                    const QString name = m.captured(1) + m.captured(2) + m.captured(3);
                    if (kind && b.groupIndex.contains(name)) {
                        b.groups[b.groupIndex.value(name)].kind = kind;
                    }
                    const QString rule = ruleFromComment(QStringView(text).mid(
                        m.capturedEnd(0) - 1, (eol < 0 ? text.size() : eol) - m.capturedEnd(0) + 1));
                    if (!rule.isEmpty() && b.groupIndex.contains(name)) {
                        b.groups[b.groupIndex.value(name)].rule = rule;
                    }
                }
            }
            ctx.doneKiB += data.size() / 1024;
            return {};
        }
        if (parsed && !yamlError) {
            yamlError = Error(Tr::tr("a YAML inventory must be a mapping of groups"), SourceLocation { file, 1, 1 });
        }
    }
    IniParser ini(b, file, ctx.progress, &ctx.doneKiB, ctx.totalKiB);
    auto r = ini.parse(data);
    if (!r) {
        // Both plugins failed. Name the failure the author most likely meant to fix.
        if (yamlError && (!ext.isEmpty() || looksLikeYamlKeyLine(data, r.error().where.line))) {
            return *yamlError;
        }
        return r;
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------------------
// Sources and vars files.

// inventory/manager.py IGNORED: hidden entries, group_vars/host_vars/vars_plugins, INVENTORY_IGNORE_EXTS.
bool ignoredInDirectory(const QString& name)
{
    static const QStringList exts { QStringLiteral(".pyc"), QStringLiteral(".pyo"), QStringLiteral(".swp"),
        QStringLiteral(".bak"), QStringLiteral("~"), QStringLiteral(".rpm"), QStringLiteral(".md"),
        QStringLiteral(".txt"), QStringLiteral(".rst"), QStringLiteral(".orig"), QStringLiteral(".ini"),
        QStringLiteral(".cfg"), QStringLiteral(".retry") };
    if (name.startsWith(QLatin1Char('.')) || name == QLatin1String("host_vars") || name == QLatin1String("group_vars")
        || name == QLatin1String("vars_plugins")) {
        return true;
    }
    for (const QString& e : exts) {
        if (name.endsWith(e)) {
            return true;
        }
    }
    return false;
}

QStringList sortedEntries(const QString& dir)
{
    QStringList names
        = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::NoSort);
    std::sort(names.begin(), names.end());
    return names;
}

void collectSources(const QString& path, QStringList& files)
{
    const QFileInfo fi(path);
    if (fi.isDir()) {
        for (const QString& name : sortedEntries(path)) {
            if (!ignoredInDirectory(name)) {
                collectSources(path + QLatin1Char('/') + name, files);
            }
        }
    } else {
        files.append(path);
    }
}

// A group_vars/ or host_vars/ directory, listed once (100,000 hosts must not mean 400,000 stat calls).
class VarsDir {
public:
    explicit VarsDir(const QString& path)
        : m_path(path)
    {
        const QFileInfo fi(path);
        m_exists = fi.isDir();
        if (m_exists) {
            const QFileInfoList list
                = QDir(path).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
            for (const QFileInfo& e : list) {
                m_entries.insert(e.fileName(), e.isDir());
            }
        }
    }

    // DataLoader.find_vars_files(): NAME, NAME.yml, NAME.yaml, NAME.json -- the first that exists; a directory
    // contributes its files recursively in sorted order.
    QStringList filesFor(const QString& name) const
    {
        QStringList found;
        if (!m_exists || name.startsWith(QLatin1Char('/'))) {
            return found;
        }
        for (const QString& ext :
            { QString(), QStringLiteral(".yml"), QStringLiteral(".yaml"), QStringLiteral(".json") }) {
            const QString candidate = name + ext;
            bool exists = false;
            bool isDir = false;
            if (candidate.contains(QLatin1Char('/'))) {
                const QFileInfo fi(m_path + QLatin1Char('/') + candidate);
                exists = fi.exists();
                isDir = fi.isDir();
            } else if (m_entries.contains(candidate)) {
                exists = true;
                isDir = m_entries.value(candidate);
            }
            if (!exists) {
                continue;
            }
            if (isDir) {
                dirFiles(m_path + QLatin1Char('/') + candidate, found);
            } else {
                found.append(m_path + QLatin1Char('/') + candidate);
            }
            break;
        }
        return found;
    }

private:
    static void dirFiles(const QString& dir, QStringList& found)
    {
        for (const QString& name : sortedEntries(dir)) {
            if (name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1Char('~'))) {
                continue;
            }
            const QFileInfo fi(dir + QLatin1Char('/') + name);
            const QString ext
                = name.contains(QLatin1Char('.')) ? name.mid(name.lastIndexOf(QLatin1Char('.'))) : QString();
            if (fi.isDir() && ext.isEmpty()) {
                dirFiles(fi.filePath(), found);
            } else if (fi.isFile()
                && (ext.isEmpty() || ext == QLatin1String(".yml") || ext == QLatin1String(".yaml")
                    || ext == QLatin1String(".json"))) {
                found.append(fi.filePath());
            }
        }
    }

    QString m_path;
    bool m_exists = false;
    QHash<QString, bool> m_entries;
};

Result<QVariantMap> loadVarsFiles(const QStringList& files)
{
    QVariantMap out;
    for (const QString& path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return Error(Tr::tr("cannot read variables file: %1").arg(f.errorString()), SourceLocation { path });
        }
        const QByteArray data = f.readAll();
        QVariant v;
        // DataLoader.load(): json.loads() first, then YAML.
        auto json = VarCodec::fromJson(data, path);
        if (json.ok() && json->typeId() == QMetaType::QVariantMap) {
            v = *json;
        } else {
            YamlReader reader { path };
            try {
                const YAML::Node root = YAML::Load(data.toStdString());
                auto r = reader.value(root);
                if (!r) {
                    return r.error();
                }
                v = *r;
            } catch (const YAML::Exception& e) {
                return Error(Tr::tr("malformed YAML: %1").arg(QString::fromStdString(e.msg)),
                    SourceLocation {
                        path, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
            }
        }
        // `if new_data:` -- empty files (and other false-ish documents) are skipped.
        const Kind k = kindOf(v);
        const bool falsy = k == Kind::Null || (k == Kind::Map && v.toMap().isEmpty())
            || (k == Kind::List && v.toList().isEmpty()) || (k == Kind::String && v.toString().isEmpty())
            || (k == Kind::Bool && !v.toBool()) || (k == Kind::Int && v.toLongLong() == 0)
            || (k == Kind::Float && v.toDouble() == 0);
        if (falsy) {
            continue;
        }
        if (k != Kind::Map) {
            return Error(Tr::tr("a variables file must hold a mapping of variable names to values"),
                SourceLocation { path, 1, 1 });
        }
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

// The builder's result as our model: groups in Ansible's creation order, "all"'s explicit children only, the
// hosts in creation order except that the ungrouped ones are put in the order Ansible lists them.
Inventory toInventory(Builder& b, const QStringList& explicitAllChildren)
{
    Inventory inv;
    const BGroup& ungrouped = b.groups[1];
    QSet<QString> ungroupedSet(ungrouped.hosts.cbegin(), ungrouped.hosts.cend());
    qsizetype nextUngrouped = 0;
    for (const BHost& bh : std::as_const(b.hosts)) {
        const BHost& src
            = ungroupedSet.contains(bh.name) ? b.hosts[b.hostIndex.value(ungrouped.hosts[nextUngrouped++])] : bh;
        Host h;
        h.name = src.name;
        h.setInventoryVars(src.vars);
        h.fileVars = src.fileVars;
        inv.upsertHost(h);
    }
    for (const BGroup& bg : std::as_const(b.groups)) {
        if (bg.name == kAll) {
            Group* all = inv.mutableGroup(kAll);
            all->setInventoryVars(bg.vars);
            all->priority = bg.priority;
            all->kind = bg.kind.value_or(Group::Kind::Custom);
            all->fileVars = bg.fileVars;
            all->children = explicitAllChildren;
            continue;
        }
        Group g;
        g.name = bg.name;
        g.setInventoryVars(bg.vars);
        g.priority = bg.priority;
        g.kind = bg.kind.value_or(Group::Kind::Custom);
        g.rule = bg.rule;
        g.fileVars = bg.fileVars;
        g.children = bg.children;
        if (bg.name == kUngrouped) {
            if (bg.vars.isEmpty() && bg.fileVars.isEmpty() && bg.children.isEmpty() && bg.priority == 1 && !bg.kind) {
                continue; // implied: Inventory derives "ungrouped" itself
            }
        } else {
            g.hosts = bg.hosts;
        }
        inv.upsertGroup(g);
    }
    return inv;
}

Result<Inventory> importSources(const QString& source, const QStringList& files, const QString& baseDir,
    const QHash<QString, QByteArray>& inMemory, const AnsibleInventory::Progress& progress)
{
    Builder b;
    qint64 totalBytes = 0;
    for (const QString& f : files) {
        totalBytes += inMemory.contains(f) ? inMemory.value(f).size() : QFileInfo(f).size();
    }
    FileParseContext ctx { progress };
    ctx.totalKiB = int(qMin<qint64>(totalBytes / 1024 + 1, std::numeric_limits<int>::max()));
    if (progress && !progress(0, ctx.totalKiB)) {
        return Error(Tr::tr("import cancelled"));
    }
    for (const QString& file : files) {
        QByteArray data;
        if (inMemory.contains(file)) {
            data = inMemory.value(file);
        } else {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                return Error(Tr::tr("cannot read inventory file: %1").arg(f.errorString()), SourceLocation { file });
            }
            data = f.readAll();
        }
        if (auto r = parseInventoryData(b, data, file, ctx); !r) {
            return r.error();
        }
        if (progress && !progress(int(qMin<qint64>(ctx.doneKiB, ctx.totalKiB)), ctx.totalKiB)) {
            return Error(Tr::tr("import cancelled"));
        }
    }
    QStringList explicitAllChildren = b.groups[0].children;
    explicitAllChildren.removeAll(kUngrouped);
    b.reconcile();

    if (!baseDir.isEmpty()) {
        // plugins/vars/host_group_vars.py for every group and host.
        const VarsDir groupVars(baseDir + QStringLiteral("/group_vars"));
        const VarsDir hostVars(baseDir + QStringLiteral("/host_vars"));
        for (BGroup& g : b.groups) {
            auto vars = loadVarsFiles(groupVars.filesFor(g.name));
            if (!vars) {
                return vars.error();
            }
            g.fileVars = *vars;
        }
        for (BHost& h : b.hosts) {
            auto vars = loadVarsFiles(hostVars.filesFor(h.name));
            if (!vars) {
                return vars.error();
            }
            h.fileVars = *vars;
        }
    }
    Q_UNUSED(source);
    Inventory inv = toInventory(b, explicitAllChildren);
    if (progress) {
        progress(ctx.totalKiB, ctx.totalKiB);
    }
    return inv;
}

// The hosts Ansible lists under "ungrouped": explicit members that have no other group, then every host
// without a group, in inventory order.
QStringList ungroupedList(const Inventory& inv)
{
    QStringList out;
    QSet<QString> seen;
    if (const Group* u = inv.group(kUngrouped)) {
        for (const QString& h : u->hosts) {
            QStringList direct = inv.hostGroupsDirect(h);
            direct.removeAll(kUngrouped);
            if (inv.host(h) && direct.isEmpty() && !seen.contains(h)) {
                seen.insert(h);
                out.append(h);
            }
        }
    }
    for (const QString& h : inv.ungroupedHosts()) {
        if (!seen.contains(h)) {
            seen.insert(h);
            out.append(h);
        }
    }
    return out;
}

// all's children as Ansible orders them: "ungrouped", the explicit children, then the other parentless groups
// in creation order.
QStringList allChildren(const Inventory& inv)
{
    QStringList out { kUngrouped };
    QSet<QString> seen { kUngrouped };
    for (const QString& c : inv.group(kAll)->children) {
        if (inv.group(c) && !seen.contains(c)) {
            seen.insert(c);
            out.append(c);
        }
    }
    for (const Group& g : inv.groups()) {
        if (g.name == kAll || seen.contains(g.name)) {
            continue;
        }
        const QStringList parents = inv.parentsOf(g.name);
        if (parents.isEmpty() || (parents.size() == 1 && parents.first() == kAll)) {
            seen.insert(g.name);
            out.append(g.name);
        }
    }
    return out;
}

QStringList childrenOf(const Inventory& inv, const QString& name)
{
    if (name == kAll) {
        return allChildren(inv);
    }
    QStringList out;
    QSet<QString> seen;
    if (const Group* g = inv.group(name)) {
        for (const QString& c : g->children) {
            if (inv.group(c) && c != kAll && !seen.contains(c)) {
                seen.insert(c);
                out.append(c);
            }
        }
    }
    return out;
}

QStringList hostsOf(const Inventory& inv, const QString& name)
{
    if (name == kUngrouped) {
        return ungroupedList(inv);
    }
    QStringList out;
    QSet<QString> seen;
    if (const Group* g = inv.group(name)) {
        for (const QString& h : g->hosts) {
            if (inv.host(h) && !seen.contains(h)) {
                seen.insert(h);
                out.append(h);
            }
        }
    }
    return out;
}

QVariantMap listedHostVars(const Inventory& inv, const QString& host)
{
    QVariantMap vars = inv.resolveVars(host);
    for (const QString& k : internalVars()) {
        vars.remove(k);
    }
    return vars;
}

// ---------------------------------------------------------------------------------------------------------------
// Export.

// Python source for a value that ast.literal_eval() reads back to the same value.
QString pyRepr(const QVariant& v)
{
    switch (kindOf(v)) {
    case Kind::Null:
        return QStringLiteral("None");
    case Kind::Bool:
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case Kind::Int:
        return QString::number(v.toLongLong());
    case Kind::Float: {
        const double d = v.toDouble();
        if (std::isinf(d)) {
            return d > 0 ? QStringLiteral("1e999") : QStringLiteral("-1e999");
        }
        if (std::isnan(d)) {
            return QStringLiteral("'nan'"); // no Python literal is NaN: written as a string (documented loss)
        }
        return VarCodec::pythonFloat(d);
    }
    case Kind::List: {
        QStringList items;
        for (const QVariant& item : v.toList()) {
            items.append(pyRepr(item));
        }
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Kind::Map: {
        QStringList items;
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            items.append(pyRepr(it.key()) + QStringLiteral(": ") + pyRepr(it.value()));
        }
        return QLatin1Char('{') + items.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    case Kind::String:
    case Kind::Other:
        break;
    }
    const QString s = v.toString();
    QString out = QStringLiteral("'");
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        if (u == u'\\') {
            out += QStringLiteral("\\\\");
        } else if (u == u'\'') {
            out += QStringLiteral("\\'");
        } else if (u == u'\n') {
            out += QStringLiteral("\\n");
        } else if (u == u'\r') {
            out += QStringLiteral("\\r");
        } else if (u == u'\t') {
            out += QStringLiteral("\\t");
        } else if (u < 0x20 || u == 0x7f || u == 0x85) {
            out += QStringLiteral("\\x") + QString::number(u, 16).rightJustified(2, QLatin1Char('0'));
        } else if (u == 0x2028 || u == 0x2029 || QChar::isSurrogate(u) || pyIsSpace(QChar(u))) {
            // Line separators would split the INI line; other spaces could be stripped; lone surrogates.
            if (QChar::isHighSurrogate(u) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
                out += s[i];
                out += s[i + 1];
                ++i;
            } else {
                out += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, QLatin1Char('0'));
            }
        } else {
            out += QChar(u);
        }
    }
    return out + QLatin1Char('\'');
}

bool hasLineBreakOrEdgeSpace(const QString& s)
{
    for (const QChar c : s) {
        if (isPyLineBreak(c.unicode())) {
            return true;
        }
    }
    return !s.isEmpty() && (pyIsSpace(s.front()) || pyIsSpace(s.back()));
}

// Single-quotes a token for shlex unless it is plainly safe.
QString shellQuote(const QString& token)
{
    bool safe = !token.isEmpty();
    for (const QChar c : token) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || QStringView(u"_@%+=:,./-[]{}()!?*$&<>^|`~").contains(c)
            || (u > 0x7f && !c.isSpace() && !isPyLineBreak(u));
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

QString iniValueImpl(const QVariant& value, bool inlineHostVar)
{
    if (kindOf(value) == Kind::String) {
        const QString s = value.toString();
        QVariant parsed;
        const bool literal = PyLiteral(s).run(&parsed) != PyLiteral::Outcome::NotLiteral;
        // Text that is no Python literal is kept as is by Ansible: write it bare when nothing else could bite.
        if (!literal && !s.isEmpty() && !hasLineBreakOrEdgeSpace(s) && (inlineHostVar || s == pyStrip(s))) {
            return s;
        }
    }
    return pyRepr(value);
}

// Things INI cannot carry: which keys and names are representable.
bool iniVarKeyOk(const QString& key)
{
    if (key.contains(QLatin1Char('=')) || key != pyStrip(key) || hasLineBreakOrEdgeSpace(key)) {
        return false;
    }
    return key.isEmpty() || (key[0] != u'#' && key[0] != u';' && key[0] != u'[');
}

bool iniGroupNameOk(const QString& name)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^[^:\]\s#;]+$)"), QRegularExpression::UseUnicodePropertiesOption);
    for (const QChar c : name) {
        if (isPyLineBreak(c.unicode())) {
            return false;
        }
    }
    return re.match(name).hasMatch();
}

bool hostNameRoundTrips(const QString& name)
{
    int port = 0;
    auto names = expandPattern(name, &port);
    return names && port == 0 && names->size() == 1 && names->first() == name && !name.isEmpty()
        && pyStrip(name) != u"---" && !name.endsWith(QLatin1Char(':'));
}

// What a single exported file cannot carry, and what happens instead:
// - The group_vars/host_vars layers as layers: they are folded into the inventory layer, and wherever that would
//   change a host's resolved value (a group_vars file beats a deeper group's inline vars), the value is pinned on
//   the host. Resolved variables stay identical; provenance is flattened. exportToDirectory() keeps both layers.
// - ansible_group_priority in a group_vars file is an ordinary variable there but would be consumed inline: it is
//   not folded into the group; the pin puts it on the hosts.
// - INI only: variable names containing '=' (dropped, they cannot be written as key=value); group variable names
//   that start with '#', ';' or '[' or have surrounding spaces (pinned on the hosts instead); group names with
//   ':', ']', '#', ';' or whitespace (the group is left out); NaN (written as the string 'nan').
// - Both formats: host names that Ansible would read as a pattern (a '[' range, a trailing ":PORT") are left out.
// The export copy of the inventory: file layers folded into the inventory layer when `fold`, keys the format
// cannot carry dropped; then every host whose resolved variables changed by that gets the differences pinned
// as host variables (host variables are applied last, so this always restores the resolved result).
using FoldPredicate = std::function<bool(const QString& name)>;

Inventory prepareForExport(const Inventory& original, const FoldPredicate& foldGroup, const FoldPredicate& foldHost,
    AnsibleInventory::Format format)
{
    Inventory out = original;
    bool changed = false;
    const bool ini = format == AnsibleInventory::Format::Ini;
    const auto filter = [&](QVariantMap vars, bool group) {
        for (auto it = vars.begin(); it != vars.end();) {
            const bool bad = ini && !(group ? iniVarKeyOk(it.key()) : !it.key().contains(QLatin1Char('=')));
            if (bad) {
                it = vars.erase(it);
                changed = true;
            } else {
                ++it;
            }
        }
        return vars;
    };
    for (const Group& g : original.groups()) {
        Group* mine = out.mutableGroup(g.name);
        QVariantMap vars = g.inventoryVars();
        if (!g.fileVars.isEmpty() && foldGroup(g.name)) {
            changed = true;
            for (auto it = g.fileVars.cbegin(); it != g.fileVars.cend(); ++it) {
                // From a group_vars file ansible_group_priority is an ordinary variable; inline it would be consumed.
                if (it.key() != kPriority) {
                    vars.insert(it.key(), it.value());
                }
            }
            mine->fileVars.clear();
        }
        const int priority = g.priority;
        mine->setInventoryVars(filter(vars, true));
        mine->priority = priority;
    }
    for (const Host& h : original.hosts()) {
        Host* mine = out.mutableHost(h.name);
        QVariantMap vars = h.inventoryVars();
        if (!h.fileVars.isEmpty() && foldHost(h.name)) {
            for (auto it = h.fileVars.cbegin(); it != h.fileVars.cend(); ++it) {
                vars.insert(it.key(), it.value());
            }
            mine->fileVars.clear();
        }
        mine->setInventoryVars(filter(vars, false));
    }
    if (!changed) {
        return out;
    }
    // Collect first, apply afterwards: Inventory::mutableHost() invalidates the derived structure that
    // resolveVars() needs, and rebuilding it per host would make this quadratic.
    QHash<QString, QVariantMap> pinsByHost;
    const Inventory& folded = out;
    for (const Host& h : original.hosts()) {
        const QVariantMap expected = original.resolveVars(h.name);
        const QVariantMap got = folded.resolveVars(h.name);
        QVariantMap pins;
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            auto g = got.find(it.key());
            if (g == got.end() || !strictEqual(*g, it.value())) {
                pins.insert(it.key(), it.value());
            }
        }
        if (!pins.isEmpty()) {
            pinsByHost.insert(h.name, pins);
        }
    }
    for (auto p = pinsByHost.cbegin(); p != pinsByHost.cend(); ++p) {
        Host* mine = out.mutableHost(p.key());
        QVariantMap vars = mine->inventoryVars();
        for (auto it = p->cbegin(); it != p->cend(); ++it) {
            if (!ini || !it.key().contains(QLatin1Char('='))) {
                vars.insert(it.key(), it.value());
            }
        }
        mine->setInventoryVars(vars);
    }
    return out;
}

// Groups in creation order without "all" (and "ungrouped" only when it carries something).
QStringList exportGroups(const Inventory& inv)
{
    QStringList out;
    for (const Group& g : inv.groups()) {
        if (g.name != kAll) {
            out.append(g.name);
        }
    }
    return out;
}

QByteArray writeIni(const Inventory& inv)
{
    QString out;
    out += QStringLiteral("# Ansible inventory written by OpsDeck.\n");
    QSet<QString> written;
    const auto hostLine = [&](const QString& name) -> QString {
        QString line = shellQuote(name);
        if (!written.contains(name)) {
            written.insert(name);
            if (const Host* h = inv.host(name)) {
                const QVariantMap vars = h->inventoryVars();
                for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
                    line += QLatin1Char(' ') + shellQuote(it.key() + QLatin1Char('=') + iniValueImpl(it.value(), true));
                }
            }
        }
        return line + QLatin1Char('\n');
    };
    // Starting with a section header also keeps Ansible's yaml plugin from reading the file as YAML.
    out += QStringLiteral("[ungrouped]\n");
    for (const QString& h : ungroupedList(inv)) {
        if (hostNameRoundTrips(h)) {
            out += hostLine(h);
        }
    }
    const QStringList groups = exportGroups(inv);
    // Every group's section in creation order first, so that [x:children] below never waits for a later
    // declaration (which would change the order of children).
    for (const QString& name : groups) {
        if (name == kUngrouped || !iniGroupNameOk(name)) {
            continue;
        }
        out += QLatin1Char('[') + name + QLatin1Char(']') + groupComment(inv.group(name)) + QLatin1Char('\n');
        for (const QString& h : hostsOf(inv, name)) {
            if (hostNameRoundTrips(h)) {
                out += hostLine(h);
            }
        }
    }
    QStringList withChildren;
    if (!inv.group(kAll)->children.isEmpty()) {
        withChildren.append(kAll);
    }
    withChildren.append(groups);
    for (const QString& name : std::as_const(withChildren)) {
        if (!iniGroupNameOk(name)) {
            continue;
        }
        QStringList children = name == kAll ? inv.group(kAll)->children : childrenOf(inv, name);
        children.removeAll(kUngrouped);
        QString section;
        for (const QString& c : std::as_const(children)) {
            if (iniGroupNameOk(c) && inv.group(c)) {
                section += c + QLatin1Char('\n');
            }
        }
        if (!section.isEmpty()) {
            out += QLatin1Char('[') + name + QStringLiteral(":children]\n") + section;
        }
    }
    QStringList withVars { kAll };
    withVars.append(groups);
    for (const QString& name : std::as_const(withVars)) {
        const Group* g = inv.group(name);
        if (!g || !iniGroupNameOk(name)) {
            continue;
        }
        const QVariantMap vars = g->inventoryVars();
        if (vars.isEmpty()) {
            continue;
        }
        out += QLatin1Char('[') + name + QStringLiteral(":vars]\n");
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            out += it.key() + QLatin1Char('=') + iniValueImpl(it.value(), false) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}

// YAML scalars and flow collections that PyYAML (YAML 1.1) reads back to exactly the value.
void yamlString(QString& out, const QString& s)
{
    out += QLatin1Char('"');
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        if (u == u'"') {
            out += QStringLiteral("\\\"");
        } else if (u == u'\\') {
            out += QStringLiteral("\\\\");
        } else if (u == u'\n') {
            out += QStringLiteral("\\n");
        } else if (u == u'\t') {
            out += QStringLiteral("\\t");
        } else if (QChar::isHighSurrogate(u) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
            out += s[i];
            out += s[i + 1];
            ++i;
        } else if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029 || u == 0xfeff || u >= 0xfffe
            || QChar::isSurrogate(u)) {
            out += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, QLatin1Char('0'));
        } else {
            out += QChar(u);
        }
    }
    out += QLatin1Char('"');
}

bool yamlPlainOk(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]*$"));
    return re.match(s).hasMatch() && VarCodec::resolvePlainYamlScalar(s).typeId() == QMetaType::QString;
}

QString yamlKey(const QString& s)
{
    if (yamlPlainOk(s)) {
        return s;
    }
    QString out;
    yamlString(out, s);
    return out;
}

void yamlFlow(QString& out, const QVariant& v)
{
    switch (kindOf(v)) {
    case Kind::Null:
        out += QStringLiteral("null");
        return;
    case Kind::Bool:
        out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return;
    case Kind::Int:
        out += QString::number(v.toLongLong());
        return;
    case Kind::Float: {
        const double d = v.toDouble();
        if (std::isnan(d)) {
            out += QStringLiteral(".nan");
        } else if (std::isinf(d)) {
            out += d > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
        } else {
            // YAML 1.1 floats need a '.': 1e+16 would be read as a string.
            QString f = VarCodec::pythonFloat(d);
            if (!f.contains(QLatin1Char('.'))) {
                const qsizetype e = f.indexOf(QLatin1Char('e'));
                f.insert(e < 0 ? f.size() : e, QStringLiteral(".0"));
            }
            out += f;
        }
        return;
    }
    case Kind::List: {
        out += QLatin1Char('[');
        bool first = true;
        for (const QVariant& item : v.toList()) {
            if (!first) {
                out += QStringLiteral(", ");
            }
            first = false;
            yamlFlow(out, item);
        }
        out += QLatin1Char(']');
        return;
    }
    case Kind::Map: {
        out += QLatin1Char('{');
        bool first = true;
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (!first) {
                out += QStringLiteral(", ");
            }
            first = false;
            yamlString(out, it.key());
            out += QStringLiteral(": ");
            yamlFlow(out, it.value());
        }
        out += QLatin1Char('}');
        return;
    }
    case Kind::String:
    case Kind::Other:
        yamlString(out, v.toString());
        return;
    }
}

void yamlVarsBlock(QString& out, const QVariantMap& vars, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
        out += pad + yamlKey(it.key()) + QStringLiteral(": ");
        yamlFlow(out, it.value());
        out += QLatin1Char('\n');
    }
}

QByteArray writeYaml(const Inventory& inv)
{
    QString out;
    out += QStringLiteral("# Ansible inventory written by OpsDeck.\n");
    QSet<QString> written;
    const auto hostsBlock = [&](const QStringList& hosts) -> QString {
        QString block;
        for (const QString& name : hosts) {
            if (!hostNameRoundTrips(name)) {
                continue;
            }
            block += QStringLiteral("    ") + yamlKey(name) + QLatin1Char(':');
            if (!written.contains(name)) {
                written.insert(name);
                const Host* h = inv.host(name);
                const QVariantMap vars = h ? h->inventoryVars() : QVariantMap();
                if (!vars.isEmpty()) {
                    block += QLatin1Char(' ');
                    yamlFlow(block, vars);
                }
            }
            block += QLatin1Char('\n');
        }
        return block.isEmpty() ? block : QStringLiteral("  hosts:\n") + block;
    };
    const auto groupBlock = [&](const QString& name, const QStringList& hosts, const QStringList& children) {
        QString block;
        block += hostsBlock(hosts);
        if (const Group* g = inv.group(name)) {
            const QVariantMap vars = g->inventoryVars();
            if (!vars.isEmpty()) {
                block += QStringLiteral("  vars:\n");
                yamlVarsBlock(block, vars, 4);
            }
        }
        if (!children.isEmpty()) {
            block += QStringLiteral("  children:\n");
            for (const QString& c : children) {
                block += QStringLiteral("    ") + yamlKey(c) + QStringLiteral(":\n");
            }
        }
        out += yamlKey(name) + QLatin1Char(':') + groupComment(inv.group(name))
            + (block.isEmpty() ? QStringLiteral("\n") : QLatin1Char('\n') + block);
    };
    QStringList allExplicit = inv.group(kAll)->children;
    allExplicit.removeAll(kUngrouped);
    groupBlock(kAll, {}, allExplicit);
    // Hosts without a group first (explicitly in "ungrouped": their order is kept), then each group.
    QStringList ungroupedChildren = childrenOf(inv, kUngrouped);
    groupBlock(kUngrouped, ungroupedList(inv), ungroupedChildren);
    for (const QString& name : exportGroups(inv)) {
        if (name == kUngrouped) {
            continue;
        }
        groupBlock(name, hostsOf(inv, name), childrenOf(inv, name));
    }
    return out.toUtf8();
}

QByteArray writeVarsFile(const QVariantMap& vars)
{
    QString out;
    out += QStringLiteral("---\n");
    yamlVarsBlock(out, vars, 0);
    return out.toUtf8();
}

bool fileNameOk(const QString& name)
{
    return !name.isEmpty() && !name.contains(QLatin1Char('/')) && name != QLatin1String(".")
        && name != QLatin1String("..") && !name.contains(QChar(0));
}

Result<void> writeFile(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        return Error(Tr::tr("cannot write file: %1").arg(f.errorString()), SourceLocation { path });
    }
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------

std::optional<QVariant> AnsibleInventory::pythonLiteral(QStringView text)
{
    QVariant v;
    if (PyLiteral(text).run(&v) == PyLiteral::Outcome::Value) {
        return v;
    }
    return std::nullopt;
}

std::optional<QStringList> AnsibleInventory::shlexSplit(QStringView line, QString* error)
{
    return shlexSplitImpl(line, error);
}

Result<QStringList> AnsibleInventory::expandHostPattern(const QString& pattern, int* port)
{
    int p = 0;
    auto r = expandPattern(pattern, &p);
    if (port) {
        *port = p;
    }
    return r;
}

QString AnsibleInventory::iniValue(const QVariant& value, bool inlineHostVar)
{
    return iniValueImpl(value, inlineHostVar);
}

Result<Inventory> AnsibleInventory::importPath(const QString& fileOrDir, const Progress& progress)
{
    const QFileInfo fi(fileOrDir);
    if (!fi.exists()) {
        return Error(tr("no such file or directory"), SourceLocation { fileOrDir });
    }
    QStringList files;
    collectSources(fileOrDir, files);
    // host_group_vars looks beside a file source, or inside a directory source.
    const QString baseDir = fi.isDir() ? fi.filePath() : fi.path();
    return importSources(fileOrDir, files, baseDir, {}, progress);
}

Result<Inventory> AnsibleInventory::importText(const QByteArray& text, const QString& fileName)
{
    return importSources(fileName, { fileName }, QString(), { { fileName, text } }, {});
}

QByteArray AnsibleInventory::toAnsibleListJson(const Inventory& inventory)
{
    // cli/inventory.py json_inventory(): groups from "all" down, empty "hosts"/"children" left out and groups
    // with neither left out entirely; hosts with no variables are not in _meta.hostvars.
    QVariantMap top;
    QSet<QString> seen;
    QStringList stack { kAll };
    while (!stack.isEmpty()) {
        const QString name = stack.takeLast();
        QVariantMap entry;
        if (name != kAll) {
            const QStringList hosts = hostsOf(inventory, name);
            if (!hosts.isEmpty()) {
                entry.insert(QStringLiteral("hosts"), hosts);
            }
        }
        const QStringList children = childrenOf(inventory, name);
        if (!children.isEmpty()) {
            entry.insert(QStringLiteral("children"), children);
        }
        if (!entry.isEmpty()) {
            top.insert(name, entry);
        }
        for (const QString& c : children) {
            if (!seen.contains(c)) {
                seen.insert(c);
                stack.append(c);
            }
        }
    }
    QVariantMap hostvars;
    for (const Host& h : inventory.hosts()) {
        const QVariantMap vars = listedHostVars(inventory, h.name);
        if (!vars.isEmpty()) {
            hostvars.insert(h.name, vars);
        }
    }
    top.insert(QStringLiteral("_meta"), QVariantMap { { QStringLiteral("hostvars"), hostvars } });
    // json.dumps(sort_keys=True, indent=4, ensure_ascii=False), as ansible-inventory prints it.
    return VarCodec::toJson(top, 4, VarCodec::Ascii::Keep) + '\n';
}

QByteArray AnsibleInventory::exportIni(const Inventory& inventory)
{
    const auto all = [](const QString&) { return true; };
    return writeIni(prepareForExport(inventory, all, all, Format::Ini));
}

QByteArray AnsibleInventory::exportYaml(const Inventory& inventory)
{
    const auto all = [](const QString&) { return true; };
    return writeYaml(prepareForExport(inventory, all, all, Format::Yaml));
}

Result<void> AnsibleInventory::exportToDirectory(const Inventory& inventory, const QString& dir, Format format)
{
    QDir d(dir);
    if (d.exists() && !d.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        return Error(tr("the directory is not empty; choose an empty or new directory"), SourceLocation { dir });
    }
    if (!QDir().mkpath(dir)) {
        return Error(tr("cannot create the directory"), SourceLocation { dir });
    }
    // Names that cannot be file names (a '/', "." or "..") keep their file layer folded into the inventory file;
    // every other file layer is written as group_vars/NAME.yml or host_vars/NAME.yml.
    const auto unwritable = [](const QString& name) { return !fileNameOk(name); };
    const Inventory prepared = prepareForExport(inventory, unwritable, unwritable, format);
    const QByteArray main = format == Format::Ini ? writeIni(prepared) : writeYaml(prepared);
    const QString mainName = format == Format::Ini ? QStringLiteral("hosts") : QStringLiteral("hosts.yml");
    if (auto r = writeFile(d.filePath(mainName), main); !r) {
        return r;
    }
    const auto writeVars = [&](const QString& sub, const QString& name, const QVariantMap& vars) -> Result<void> {
        if (vars.isEmpty()) {
            return {};
        }
        if (!QDir().mkpath(d.filePath(sub))) {
            return Error(tr("cannot create the directory"), SourceLocation { d.filePath(sub) });
        }
        return writeFile(d.filePath(sub + QLatin1Char('/') + name + QStringLiteral(".yml")), writeVarsFile(vars));
    };
    for (const Group& g : prepared.groups()) {
        if (auto r = writeVars(QStringLiteral("group_vars"), g.name, g.fileVars); !r) {
            return r;
        }
    }
    for (const Host& h : prepared.hosts()) {
        if (auto r = writeVars(QStringLiteral("host_vars"), h.name, h.fileVars); !r) {
            return r;
        }
    }
    return {};
}
