#include "PythonValue.h"

#include "core/VarCodec.h"

#include <cmath>

QString PythonValue::jsonKey(const QVariant& key)
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

PythonValue::Kind PythonValue::kindOf(const QVariant& v)
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

bool PythonValue::strictEqual(const QVariant& a, const QVariant& b)
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
            if (!PythonValue::strictEqual(x[i], y[i])) {
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
            if (it.key() != jt.key() || !PythonValue::strictEqual(it.value(), jt.value())) {
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
