#include "VarCodec.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>
#include <cmath>
#include <cstring>
#include <yaml-cpp/yaml.h>

namespace VarCodec {

bool isInteger(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return true;
    default:
        return false;
    }
}

bool isFloat(const QVariant& v)
{
    return v.typeId() == QMetaType::Double || v.typeId() == QMetaType::Float;
}

bool isString(const QVariant& v)
{
    return v.typeId() == QMetaType::QString || v.typeId() == QMetaType::QByteArray;
}

QString pythonFloat(double d)
{
    if (std::isnan(d)) {
        return QStringLiteral("nan");
    }
    if (std::isinf(d)) {
        return d > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    }
    if (d == 0) {
        return std::signbit(d) ? QStringLiteral("-0.0") : QStringLiteral("0.0");
    }
    // Shortest digits that round-trip, then laid out with Python's repr rules: positional notation when
    // -4 <= exponent < 16, scientific otherwise.
    QString e = QString::number(d, 'e', QLocale::FloatingPointShortest); // e.g. "1.2345e+02"
    const bool negative = e.startsWith(QLatin1Char('-'));
    if (negative) {
        e.remove(0, 1);
    }
    const qsizetype epos = e.indexOf(QLatin1Char('e'));
    QString mantissa = e.left(epos);
    const int exponent = e.mid(epos + 1).toInt();
    QString digits = mantissa;
    digits.remove(QLatin1Char('.'));
    QString out;
    if (exponent >= -4 && exponent < 16) {
        if (exponent < 0) {
            out = QStringLiteral("0.") + QString(-exponent - 1, QLatin1Char('0')) + digits;
        } else if (digits.size() <= exponent + 1) {
            out = digits + QString(exponent + 1 - digits.size(), QLatin1Char('0')) + QStringLiteral(".0");
        } else {
            out = digits.left(exponent + 1) + QLatin1Char('.') + digits.mid(exponent + 1);
        }
    } else {
        QString m = digits.left(1);
        if (digits.size() > 1) {
            m += QLatin1Char('.') + digits.mid(1);
        }
        out = m + QLatin1Char('e') + (exponent < 0 ? QLatin1Char('-') : QLatin1Char('+'))
            + QString::number(std::abs(exponent)).rightJustified(2, QLatin1Char('0'));
    }
    return negative ? QLatin1Char('-') + out : out;
}

namespace {

bool loneSurrogate(const QString& s, qsizetype i)
{
    const char16_t u = s[i].unicode();
    if (QChar::isHighSurrogate(u)) {
        return !(i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode()));
    }
    if (QChar::isLowSurrogate(u)) {
        return !(i > 0 && QChar::isHighSurrogate(s[i - 1].unicode()));
    }
    return false;
}

void appendJsonString(QByteArray& out, const QString& s, Ascii ascii = Ascii::Escape)
{
    out += '"';
    QString plain; // a run of characters written as UTF-8 (Ascii::Keep)
    const auto flush = [&]() {
        if (!plain.isEmpty()) {
            out += plain.toUtf8();
            plain.clear();
        }
    };
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        const char* esc = nullptr;
        switch (u) {
        case u'"':
            esc = "\\\"";
            break;
        case u'\\':
            esc = "\\\\";
            break;
        case u'\n':
            esc = "\\n";
            break;
        case u'\r':
            esc = "\\r";
            break;
        case u'\t':
            esc = "\\t";
            break;
        case u'\b':
            esc = "\\b";
            break;
        case u'\f':
            esc = "\\f";
            break;
        default:
            break;
        }
        if (esc) {
            flush();
            out += esc;
        } else if (u < 0x20 || (ascii == Ascii::Escape && u > 0x7e) || loneSurrogate(s, i)) {
            flush();
            out += "\\u" + QByteArray::number(u, 16).rightJustified(4, '0');
        } else if (u < 0x80) {
            flush();
            out += char(u);
        } else {
            plain += QChar(u);
        }
    }
    flush();
    out += '"';
}

void writeJson(QByteArray& out, const QVariant& v, int indent, int level, bool storage, Ascii ascii)
{
    const auto newline = [&](int lvl) {
        if (indent > 0) {
            out += '\n';
            out += QByteArray(indent * lvl, ' ');
        }
    };
    const char* itemSep = indent > 0 ? "," : (storage ? "," : ", ");
    const char* keySep = storage ? ":" : ": ";
    switch (v.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        out += "null";
        return;
    case QMetaType::Bool:
        out += v.toBool() ? "true" : "false";
        return;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
        out += QByteArray::number(v.toLongLong());
        return;
    case QMetaType::ULongLong:
        out += QByteArray::number(v.toULongLong());
        return;
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isnan(d)) {
            out += "NaN";
        } else if (std::isinf(d)) {
            out += d > 0 ? "Infinity" : "-Infinity";
        } else {
            out += pythonFloat(d).toLatin1();
        }
        return;
    }
    case QMetaType::QVariantList:
    case QMetaType::QStringList: {
        const QVariantList list = v.toList();
        if (list.isEmpty()) {
            out += "[]";
            return;
        }
        out += '[';
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i) {
                out += itemSep;
            }
            newline(level + 1);
            writeJson(out, list[i], indent, level + 1, storage, ascii);
        }
        newline(level);
        out += ']';
        return;
    }
    case QMetaType::QVariantMap: {
        const QVariantMap map = v.toMap();
        if (map.isEmpty()) {
            out += "{}";
            return;
        }
        out += '{';
        bool first = true;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            if (!first) {
                out += itemSep;
            }
            first = false;
            newline(level + 1);
            appendJsonString(out, it.key(), ascii);
            out += keySep;
            writeJson(out, it.value(), indent, level + 1, storage, ascii);
        }
        newline(level);
        out += '}';
        return;
    }
    case QMetaType::QByteArray:
        appendJsonString(out, QString::fromUtf8(v.toByteArray()), ascii);
        return;
    default:
        appendJsonString(out, v.toString(), ascii);
    }
}

} // namespace

QByteArray toJson(const QVariant& value, int indent, Ascii ascii)
{
    QByteArray out;
    writeJson(out, value, indent, 0, false, ascii);
    return out;
}

QByteArray toStorageJson(const QVariant& value)
{
    QByteArray out;
    writeJson(out, value, -1, 0, true, Ascii::Keep);
    return out;
}

namespace {

// A small JSON reader: QJsonDocument turns "1.0" into an integer, and the int/float distinction is part of an
// operator's data (Ansible prints 1.0 and 1 differently). Also accepts NaN/Infinity as Python's json does.
class JsonReader {
public:
    JsonReader(const QByteArray& text, const QString& file)
        : m_s(text)
        , m_file(file)
    {
    }

    Result<QVariant> parseDocument()
    {
        QVariant v;
        if (!parseValue(v, 0)) {
            return error();
        }
        skipSpace();
        if (m_pos != m_s.size()) {
            m_message = QStringLiteral("unexpected text after the JSON value");
            return error();
        }
        return v;
    }

private:
    Error error() const
    {
        int line = 1;
        int col = 1;
        for (qsizetype i = 0; i < m_pos && i < m_s.size(); ++i) {
            if (m_s[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        return Error(QStringLiteral("invalid JSON: %1").arg(m_message), { m_file, line, col });
    }
    void skipSpace()
    {
        while (m_pos < m_s.size()
            && (m_s[m_pos] == ' ' || m_s[m_pos] == '\n' || m_s[m_pos] == '\r' || m_s[m_pos] == '\t')) {
            ++m_pos;
        }
    }
    bool fail(const char* message)
    {
        m_message = QString::fromLatin1(message);
        return false;
    }
    bool literal(const char* word)
    {
        const qsizetype n = qsizetype(strlen(word));
        if (m_s.mid(m_pos, n) == word) {
            m_pos += n;
            return true;
        }
        return false;
    }
    bool parseValue(QVariant& out, int depth)
    {
        if (depth > 512) {
            return fail("nested too deeply");
        }
        skipSpace();
        if (m_pos >= m_s.size()) {
            return fail("unexpected end of input");
        }
        const char c = m_s[m_pos];
        if (c == '{') {
            ++m_pos;
            QVariantMap map;
            skipSpace();
            if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                ++m_pos;
                out = map;
                return true;
            }
            while (true) {
                skipSpace();
                QString key;
                if (m_pos >= m_s.size() || m_s[m_pos] != '"') {
                    return fail("expected a string key");
                }
                if (!parseString(key)) {
                    return false;
                }
                skipSpace();
                if (m_pos >= m_s.size() || m_s[m_pos] != ':') {
                    return fail("expected ':'");
                }
                ++m_pos;
                QVariant value;
                if (!parseValue(value, depth + 1)) {
                    return false;
                }
                map.insert(key, value);
                skipSpace();
                if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_s.size() && m_s[m_pos] == '}') {
                    ++m_pos;
                    out = map;
                    return true;
                }
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++m_pos;
            QVariantList list;
            skipSpace();
            if (m_pos < m_s.size() && m_s[m_pos] == ']') {
                ++m_pos;
                out = list;
                return true;
            }
            while (true) {
                QVariant value;
                if (!parseValue(value, depth + 1)) {
                    return false;
                }
                list.append(value);
                skipSpace();
                if (m_pos < m_s.size() && m_s[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_s.size() && m_s[m_pos] == ']') {
                    ++m_pos;
                    out = list;
                    return true;
                }
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            QString s;
            if (!parseString(s)) {
                return false;
            }
            out = s;
            return true;
        }
        if (literal("true")) {
            out = true;
            return true;
        }
        if (literal("false")) {
            out = false;
            return true;
        }
        if (literal("null")) {
            out = QVariant::fromValue(nullptr);
            return true;
        }
        if (literal("NaN")) {
            out = double(NAN);
            return true;
        }
        if (literal("Infinity")) {
            out = double(INFINITY);
            return true;
        }
        if (literal("-Infinity")) {
            out = -double(INFINITY);
            return true;
        }
        return parseNumber(out);
    }
    bool parseNumber(QVariant& out)
    {
        const qsizetype start = m_pos;
        bool isFloat = false;
        if (m_pos < m_s.size() && m_s[m_pos] == '-') {
            ++m_pos;
        }
        const qsizetype digitsStart = m_pos;
        while (m_pos < m_s.size()) {
            const char c = m_s[m_pos];
            if (c >= '0' && c <= '9') {
                ++m_pos;
            } else if (c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && isFloat)) {
                isFloat = true;
                ++m_pos;
            } else {
                break;
            }
        }
        if (m_pos == digitsStart) {
            return fail("expected a value");
        }
        const QByteArray text = m_s.mid(start, m_pos - start);
        bool ok = false;
        if (!isFloat) {
            const qlonglong n = text.toLongLong(&ok);
            if (ok) {
                out = n;
                return true;
            }
        }
        const double d = text.toDouble(&ok);
        if (!ok) {
            m_pos = start;
            return fail("malformed number");
        }
        out = d;
        return true;
    }
    bool parseString(QString& out)
    {
        ++m_pos; // opening quote
        QByteArray raw;
        while (true) {
            if (m_pos >= m_s.size()) {
                return fail("unterminated string");
            }
            const char c = m_s[m_pos++];
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                raw += c;
                continue;
            }
            if (m_pos >= m_s.size()) {
                return fail("unterminated string");
            }
            const char e = m_s[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                raw += e;
                break;
            case 'n':
                raw += '\n';
                break;
            case 't':
                raw += '\t';
                break;
            case 'r':
                raw += '\r';
                break;
            case 'b':
                raw += '\b';
                break;
            case 'f':
                raw += '\f';
                break;
            case 'u': {
                uint code = 0;
                if (!hex4(code)) {
                    return false;
                }
                if (code >= 0xD800 && code < 0xDC00 && m_s.mid(m_pos, 2) == "\\u") {
                    m_pos += 2;
                    uint low = 0;
                    if (!hex4(low)) {
                        return false;
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                }
                const char32_t cp = char32_t(code);
                raw += QString::fromUcs4(&cp, 1).toUtf8();
                break;
            }
            default:
                --m_pos;
                return fail("invalid escape in string");
            }
        }
        out = QString::fromUtf8(raw);
        return true;
    }
    bool hex4(uint& code)
    {
        if (m_pos + 4 > m_s.size()) {
            return fail("truncated \\u escape");
        }
        bool ok = false;
        code = m_s.mid(m_pos, 4).toUInt(&ok, 16);
        if (!ok) {
            return fail("invalid \\u escape");
        }
        m_pos += 4;
        return true;
    }

    const QByteArray& m_s;
    QString m_file;
    qsizetype m_pos = 0;
    QString m_message;
};

} // namespace

Result<QVariant> fromJson(const QByteArray& json, const QString& fileName)
{
    JsonReader reader(json, fileName);
    return reader.parseDocument();
}

QVariant resolvePlainYamlScalar(const QString& text)
{
    // The implicit resolvers of PyYAML's SafeLoader (YAML 1.1), which Ansible uses.
    static const QRegularExpression boolRe(
        QStringLiteral("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"));
    static const QRegularExpression intRe(QStringLiteral("^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)"
                                                         "|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"));
    static const QRegularExpression floatRe(
        QStringLiteral("^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                       "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"));
    if (text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null") || text == QLatin1String("Null")
        || text == QLatin1String("NULL")) {
        return QVariant::fromValue(nullptr);
    }
    if (boolRe.match(text).hasMatch()) {
        const QString l = text.toLower();
        return QVariant(l == QLatin1String("yes") || l == QLatin1String("true") || l == QLatin1String("on"));
    }
    if (intRe.match(text).hasMatch()) {
        QString t = text;
        t.remove(QLatin1Char('_'));
        int sign = 1;
        if (t.startsWith(QLatin1Char('-'))) {
            sign = -1;
            t.remove(0, 1);
        } else if (t.startsWith(QLatin1Char('+'))) {
            t.remove(0, 1);
        }
        bool ok = false;
        qlonglong n = 0;
        if (t == QLatin1String("0")) {
            return QVariant(qlonglong(0));
        } else if (t.startsWith(QLatin1String("0b"))) {
            n = t.mid(2).toLongLong(&ok, 2);
        } else if (t.startsWith(QLatin1String("0x"))) {
            n = t.mid(2).toLongLong(&ok, 16);
        } else if (t.startsWith(QLatin1Char('0'))) {
            n = t.toLongLong(&ok, 8);
        } else if (t.contains(QLatin1Char(':'))) {
            ok = true;
            for (const QString& part : t.split(QLatin1Char(':'))) {
                n = n * 60 + part.toLongLong();
            }
        } else {
            n = t.toLongLong(&ok, 10);
        }
        if (ok) {
            return QVariant(sign * n);
        }
        return text; // out of 64-bit range: keep the text rather than a wrong number
    }
    if (floatRe.match(text).hasMatch()) {
        QString t = text;
        t.remove(QLatin1Char('_'));
        const QString l = t.toLower();
        if (l.endsWith(QLatin1String(".inf"))) {
            return QVariant(l.startsWith(QLatin1Char('-')) ? -INFINITY : INFINITY);
        }
        if (l == QLatin1String(".nan")) {
            return QVariant(double(NAN));
        }
        if (t.contains(QLatin1Char(':'))) {
            int sign = 1;
            if (t.startsWith(QLatin1Char('-'))) {
                sign = -1;
                t.remove(0, 1);
            } else if (t.startsWith(QLatin1Char('+'))) {
                t.remove(0, 1);
            }
            double value = 0;
            for (const QString& part : t.split(QLatin1Char(':'))) {
                value = value * 60 + part.toDouble();
            }
            return QVariant(sign * value);
        }
        return QVariant(t.toDouble());
    }
    return text;
}

namespace {

struct YamlConverter {
    QString fileName;
    int depth = 0;

    Result<QVariant> convert(const YAML::Node& node)
    {
        if (++depth > 200) {
            return Error(QStringLiteral("YAML nested too deeply"), where(node));
        }
        struct Guard {
            int& d;
            ~Guard() { --d; }
        } guard { depth };
        switch (node.Type()) {
        case YAML::NodeType::Null:
            return QVariant::fromValue(nullptr);
        case YAML::NodeType::Scalar: {
            const QString text = QString::fromStdString(node.Scalar());
            if (node.Tag() == "!") { // quoted or block scalar: always a string
                return QVariant(text);
            }
            if (node.Tag() == "tag:yaml.org,2002:str" || node.Tag() == "!!str" || node.Tag() == "!unsafe") {
                return QVariant(text);
            }
            return resolvePlainYamlScalar(text);
        }
        case YAML::NodeType::Sequence: {
            QVariantList list;
            list.reserve(qsizetype(node.size()));
            for (const auto& item : node) {
                auto r = convert(item);
                if (!r) {
                    return r.error();
                }
                list.append(*r);
            }
            return QVariant(list);
        }
        case YAML::NodeType::Map: {
            QVariantMap map;
            for (const auto& kv : node) {
                auto key = convert(kv.first);
                if (!key) {
                    return key.error();
                }
                if (key->typeId() == QMetaType::QVariantMap || key->typeId() == QMetaType::QVariantList) {
                    return Error(QStringLiteral("a mapping key must be a scalar"), where(kv.first));
                }
                auto value = convert(kv.second);
                if (!value) {
                    return value.error();
                }
                QString k = key->typeId() == QMetaType::Nullptr ? QStringLiteral("None")
                    : key->typeId() == QMetaType::Bool
                    ? (key->toBool() ? QStringLiteral("True") : QStringLiteral("False"))
                    : isFloat(*key) ? pythonFloat(key->toDouble())
                                    : key->toString();
                map.insert(k, *value);
            }
            return QVariant(map);
        }
        case YAML::NodeType::Undefined:
            break;
        }
        return QVariant::fromValue(nullptr);
    }

    SourceLocation where(const YAML::Node& node) const
    {
        const YAML::Mark m = node.Mark();
        return { fileName, m.line + 1, m.column + 1 };
    }
};

bool needsQuoting(const QString& s)
{
    if (s.isEmpty()) {
        return true;
    }
    if (resolvePlainYamlScalar(s).typeId() != QMetaType::QString) {
        return true; // would be read back as a number, boolean or null
    }
    static const QRegularExpression plainSafe(QStringLiteral("^[A-Za-z0-9_./][A-Za-z0-9_./ @()+-]*$"));
    if (!plainSafe.match(s).hasMatch() || s.endsWith(QLatin1Char(' '))) {
        return true;
    }
    return false;
}

QByteArray yamlScalar(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        return "null";
    case QMetaType::Bool:
        return v.toBool() ? "true" : "false";
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return QByteArray::number(v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = v.toDouble();
        if (std::isnan(d)) {
            return ".nan";
        }
        if (std::isinf(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        // PyYAML needs a '.' for a float; "1e+16" alone would not resolve as one.
        QString f = pythonFloat(d);
        if (!f.contains(QLatin1Char('.'))) {
            const qsizetype e = f.indexOf(QLatin1Char('e'));
            f.insert(e, QStringLiteral(".0"));
        }
        return f.toUtf8();
    }
    default: {
        const QString s = v.toString();
        if (!needsQuoting(s)) {
            return s.toUtf8();
        }
        // JSON string syntax is valid YAML double-quoted syntax.
        QByteArray out;
        appendJsonString(out, s);
        return out;
    }
    }
}

void writeYaml(QByteArray& out, const QVariant& v, int indent, int level)
{
    const QByteArray pad(indent * level, ' ');
    if (v.typeId() == QMetaType::QVariantMap) {
        const QVariantMap map = v.toMap();
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            out += pad + yamlScalar(it.key()) + ':';
            const QVariant& child = it.value();
            const bool isMap = child.typeId() == QMetaType::QVariantMap && !child.toMap().isEmpty();
            const bool isList = (child.typeId() == QMetaType::QVariantList || child.typeId() == QMetaType::QStringList)
                && !child.toList().isEmpty();
            if (isMap) {
                out += '\n';
                writeYaml(out, child, indent, level + 1);
            } else if (isList) {
                out += '\n';
                writeYaml(out, child, indent, level + 1);
            } else if (child.typeId() == QMetaType::QVariantMap) {
                out += " {}\n";
            } else if (child.typeId() == QMetaType::QVariantList || child.typeId() == QMetaType::QStringList) {
                out += " []\n";
            } else {
                out += ' ' + yamlScalar(child) + '\n';
            }
        }
        return;
    }
    if (v.typeId() == QMetaType::QVariantList || v.typeId() == QMetaType::QStringList) {
        for (const QVariant& item : v.toList()) {
            const bool nested = (item.typeId() == QMetaType::QVariantMap && !item.toMap().isEmpty())
                || ((item.typeId() == QMetaType::QVariantList || item.typeId() == QMetaType::QStringList)
                    && !item.toList().isEmpty());
            if (nested) {
                // "- " then the nested block one level deeper: first line joins the dash.
                QByteArray inner;
                writeYaml(inner, item, indent, level + 1);
                const QByteArray innerPad(indent * (level + 1), ' ');
                out += pad + "- " + inner.mid(innerPad.size());
            } else if (item.typeId() == QMetaType::QVariantMap) {
                out += pad + "- {}\n";
            } else if (item.typeId() == QMetaType::QVariantList || item.typeId() == QMetaType::QStringList) {
                out += pad + "- []\n";
            } else {
                out += pad + "- " + yamlScalar(item) + '\n';
            }
        }
        return;
    }
    out += pad + yamlScalar(v) + '\n';
}

} // namespace

Result<QVariant> fromYaml(const QByteArray& yaml, const QString& fileName)
{
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        YamlConverter converter { fileName };
        return converter.convert(root);
    } catch (const YAML::ParserException& e) {
        return Error(QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)),
            { fileName, e.mark.line + 1, e.mark.column + 1 });
    } catch (const YAML::Exception& e) {
        return Error(QStringLiteral("malformed YAML: %1").arg(QString::fromStdString(e.msg)),
            { fileName, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
    }
}

Result<QVariantMap> fromYamlMapping(const QByteArray& yaml, const QString& fileName)
{
    if (yaml.trimmed().isEmpty()) {
        return QVariantMap {};
    }
    auto parsed = fromYaml(yaml, fileName);
    if (!parsed) {
        return parsed.error();
    }
    if (parsed->typeId() == QMetaType::QVariantMap) {
        return parsed->toMap();
    }
    if (parsed->typeId() == QMetaType::Nullptr) {
        return QVariantMap {};
    }
    return Error(QCoreApplication::translate("VarCodec", "write a mapping of names to values, e.g. http_port: 8080"),
        { fileName, 1, 1 });
}

QByteArray toYaml(const QVariant& value, int indent)
{
    QByteArray out;
    if ((value.typeId() == QMetaType::QVariantMap && value.toMap().isEmpty())) {
        return "{}\n";
    }
    writeYaml(out, value, indent, 0);
    return out;
}

} // namespace VarCodec
