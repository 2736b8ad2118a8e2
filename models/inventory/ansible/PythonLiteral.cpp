#include "PythonLiteral.h"

#include "core/VarCodec.h"
#include "inventory/ansible/PythonStr.h"
#include "inventory/ansible/PythonValue.h"

#include <cmath>
#include <limits>

using PythonValue::Kind;
using PythonValue::kindOf;

PythonLiteral::PythonLiteral(QStringView s)
    : m_s(s)
{
}

PythonLiteral::Outcome PythonLiteral::run(QVariant* out)
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

QChar PythonLiteral::peek(qsizetype ahead) const
{
    return m_i + ahead < m_s.size() ? m_s[m_i + ahead] : QChar();
}

void PythonLiteral::skipSpace()
{
    while (m_i < m_s.size() && (m_s[m_i] == u' ' || m_s[m_i] == u'\t' || m_s[m_i] == u'\f')) {
        ++m_i;
    }
}

bool PythonLiteral::isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c.unicode() > 0x7f;
}

// expression (',' expression)* [','] -- a tuple when there is a comma.
std::optional<PythonLiteral::Val> PythonLiteral::parseExpressionList(QChar closer)
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

std::optional<PythonLiteral::Val> PythonLiteral::parseExpression()
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

std::optional<PythonLiteral::Val> PythonLiteral::parseAtom()
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

std::optional<PythonLiteral::Val> PythonLiteral::parseBrace()
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
        map.insert(PythonValue::jsonKey(key->value), value->value);
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
bool PythonLiteral::startsString() const
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
        QStringLiteral("f"), QStringLiteral("br"), QStringLiteral("rb"), QStringLiteral("fr"), QStringLiteral("rf") };
    return valid.contains(prefix);
}

// One or more adjacent string literals (implicitly concatenated).
std::optional<PythonLiteral::Val> PythonLiteral::parseStrings()
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

bool PythonLiteral::parseOneString(bool raw, bool bytes, QString& out)
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
std::optional<uint> PythonLiteral::hex(int len)
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
std::optional<PythonLiteral::Val> PythonLiteral::parseNumber()
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

std::optional<QVariant> PythonLiteral::value(QStringView text)
{
    QVariant v;
    if (PythonLiteral(text).run(&v) == PythonLiteral::Outcome::Value) {
        return v;
    }
    return std::nullopt;
}

QString PythonLiteral::repr(const QVariant& v)
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
            items.append(PythonLiteral::repr(item));
        }
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    case Kind::Map: {
        QStringList items;
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            items.append(PythonLiteral::repr(it.key()) + QStringLiteral(": ") + PythonLiteral::repr(it.value()));
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
        } else if (u == 0x2028 || u == 0x2029 || QChar::isSurrogate(u) || PythonStr::isSpace(QChar(u))) {
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
