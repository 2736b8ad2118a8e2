#include "Json.h"

#include "core/VarCodec.h"
#include "jinja/Interpreter.h"

#include <cmath>

namespace Jinja {

namespace {

void appendJsonString(QString& out, const QString& s, bool ensureAscii)
{
    out += QLatin1Char('"');
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case '"':
            out += QLatin1String("\\\"");
            break;
        case '\\':
            out += QLatin1String("\\\\");
            break;
        case '\n':
            out += QLatin1String("\\n");
            break;
        case '\r':
            out += QLatin1String("\\r");
            break;
        case '\t':
            out += QLatin1String("\\t");
            break;
        case '\b':
            out += QLatin1String("\\b");
            break;
        case '\f':
            out += QLatin1String("\\f");
            break;
        default:
            if (u < 0x20 || (ensureAscii && u > 0x7e)) {
                out += QLatin1String("\\u") + QString::number(u, 16).rightJustified(4, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
    }
    out += QLatin1Char('"');
}

QString floatJson(double d)
{
    if (std::isnan(d)) {
        return QStringLiteral("NaN");
    }
    if (std::isinf(d)) {
        return d > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity");
    }
    return VarCodec::pythonFloat(d);
}

struct JsonWriter {
    Interpreter& interp;
    const JsonOptions& o;
    QString itemSep;
    QString keySep;
    QString out;
    int depth = 0;

    void newline(int level)
    {
        if (o.indent >= 0) {
            out += QLatin1Char('\n');
            out += QString(qsizetype(o.indent) * level, QLatin1Char(' '));
        }
    }

    QString keyString(const Value& k)
    {
        switch (k.type()) {
        case Value::Type::String:
        case Value::Type::Markup:
            return k.stringValue();
        case Value::Type::Int:
            return QString::number(k.intValue());
        case Value::Type::Float:
            return floatJson(k.floatValue());
        case Value::Type::Bool:
            return k.boolValue() ? QStringLiteral("true") : QStringLiteral("false");
        case Value::Type::None:
            return QStringLiteral("null");
        default:
            interp.fail(QStringLiteral("keys must be str, int, float, bool or None, not %1").arg(k.typeName()));
        }
    }

    void write(const Value& v, int level)
    {
        if (++depth > 200) {
            interp.fail(QStringLiteral("maximum recursion depth exceeded while encoding a JSON object"));
        }
        switch (v.type()) {
        case Value::Type::None:
            out += QLatin1String("null");
            break;
        case Value::Type::Bool:
            out += v.boolValue() ? QLatin1String("true") : QLatin1String("false");
            break;
        case Value::Type::Int:
            out += QString::number(v.intValue());
            break;
        case Value::Type::Float:
            out += floatJson(v.floatValue());
            break;
        case Value::Type::String:
        case Value::Type::Markup:
            appendJsonString(out, v.stringValue(), o.ensureAscii);
            break;
        case Value::Type::List:
        case Value::Type::Tuple: {
            if (v.isRange()) {
                interp.fail(QStringLiteral("Object of type range is not JSON serializable"));
            }
            const auto& items = v.listObject()->items;
            if (items.empty()) {
                out += QLatin1String("[]");
                break;
            }
            out += QLatin1Char('[');
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) {
                    out += itemSep;
                }
                newline(level + 1);
                write(items[i], level + 1);
            }
            newline(level);
            out += QLatin1Char(']');
            break;
        }
        case Value::Type::Dict: {
            DictItems items = v.dictObject()->items;
            if (items.empty()) {
                out += QLatin1String("{}");
                break;
            }
            if (o.sortKeys) {
                std::stable_sort(items.begin(), items.end(),
                    [](const auto& a, const auto& b) { return lessThan(a.first, b.first); });
            }
            out += QLatin1Char('{');
            bool first = true;
            for (const auto& [k, val] : items) {
                if (!first) {
                    out += itemSep;
                }
                first = false;
                newline(level + 1);
                appendJsonString(out, keyString(k), o.ensureAscii);
                out += keySep;
                write(val, level + 1);
            }
            newline(level);
            out += QLatin1Char('}');
            break;
        }
        case Value::Type::Undefined:
            v.checkUndefined();
            interp.fail(QStringLiteral("Object of type Undefined is not JSON serializable"));
        default:
            interp.fail(QStringLiteral("Object of type %1 is not JSON serializable").arg(v.typeName()));
        }
        interp.checkStringSize(out.size());
        --depth;
    }
};

} // namespace

QString toJson(Interpreter& interp, const Value& value, const JsonOptions& options)
{
    JsonWriter w { interp, options, {}, {}, {} };
    w.itemSep = !options.itemSeparator.isNull() ? options.itemSeparator
        : options.indent >= 0                   ? QStringLiteral(",")
                                                : QStringLiteral(", ");
    w.keySep = !options.keySeparator.isNull() ? options.keySeparator : QStringLiteral(": ");
    w.write(value, 0);
    return w.out;
}

} // namespace Jinja
