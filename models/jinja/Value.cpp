#include "Value.h"

#include "jinja/Builtins.h"

#include "core/VarCodec.h"

#include <QHash>
#include <charconv>
#include <cmath>
#include <cstring>

namespace Jinja {

void raise(const QString& message, int line, int column)
{
    throw RenderError { message, line, column };
}

qint64 truncateToInt(double d)
{
    if (std::isnan(d)) {
        raise(QStringLiteral("cannot convert float NaN to integer"));
    }
    if (std::isinf(d)) {
        raise(QStringLiteral("cannot convert float infinity to integer"));
    }
    if (!(d > -9223372036854775808.0 && d < 9223372036854775808.0)) {
        raise(QStringLiteral("integer result too large (OpsDeck integers are 64-bit)"));
    }
    return qint64(d);
}

namespace {
// Containers can contain themselves (`l.append(l)`) or nest very deeply; printing, comparing and converting them
// recurse, so the depth is bounded (Python prints [...] for a self-reference; we report an error).
constexpr int kMaxValueDepth = 200;
thread_local int t_valueDepth = 0;
struct ValueDepth {
    ValueDepth()
    {
        if (++t_valueDepth > kMaxValueDepth) {
            --t_valueDepth;
            raise(QStringLiteral("maximum recursion depth exceeded (a container nested too deeply or inside itself)"));
        }
    }
    ~ValueDepth() { --t_valueDepth; }
    ValueDepth(const ValueDepth&) = delete;
    ValueDepth& operator=(const ValueDepth&) = delete;
};
} // namespace

Value Value::list(ValueList items)
{
    Value v;
    v.m_type = Type::List;
    auto obj = std::make_shared<ListObject>();
    obj->items = std::move(items);
    v.m_obj = std::move(obj);
    return v;
}

Value Value::tuple(ValueList items)
{
    Value v = list(std::move(items));
    v.m_type = Type::Tuple;
    return v;
}

Value Value::dict()
{
    Value v;
    v.m_type = Type::Dict;
    v.m_obj = std::make_shared<DictObject>();
    return v;
}

Value Value::namespaceObject()
{
    Value v = dict();
    v.m_type = Type::Namespace;
    return v;
}

Value Value::callable(std::shared_ptr<CallableObject> c)
{
    Value v;
    v.m_type = Type::Callable;
    v.m_obj = std::move(c);
    return v;
}

ListObject* Value::listObject() const
{
    return static_cast<ListObject*>(m_obj.get());
}

DictObject* Value::dictObject() const
{
    auto* d = static_cast<DictObject*>(m_obj.get());
    if (d->lazy) [[unlikely]] {
        d->loadLazy();
    }
    return d;
}

void DictObject::loadLazy()
{
    const std::unique_ptr<LazyMapping> source = std::move(lazy);
    Value loaded = Value::fromVariant(source->value());
    items = std::move(loaded.dictObject()->items);
    buildIndex();
}

CallableObject* Value::callableObject() const
{
    return static_cast<CallableObject*>(m_obj.get());
}

qsizetype pyLength(const QString& s)
{
    qsizetype n = s.size();
    for (qsizetype i = 0; i + 1 < s.size(); ++i) {
        if (s.at(i).isHighSurrogate() && s.at(i + 1).isLowSurrogate()) {
            --n;
            ++i;
        }
    }
    return n;
}

std::vector<QStringView> pyChars(const QString& s)
{
    std::vector<QStringView> out;
    out.reserve(size_t(s.size()));
    for (qsizetype i = 0; i < s.size(); ++i) {
        const bool pair = s.at(i).isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate();
        out.push_back(QStringView(s).mid(i, pair ? 2 : 1));
        i += pair ? 1 : 0;
    }
    return out;
}

QString pyLeft(const QString& s, qsizetype n)
{
    if (n <= 0) {
        return QString();
    }
    qsizetype units = 0;
    for (qsizetype seen = 0; units < s.size() && seen < n; ++seen) {
        units += s.at(units).isHighSurrogate() && units + 1 < s.size() && s.at(units + 1).isLowSurrogate() ? 2 : 1;
    }
    return s.left(units);
}

QString Value::undefinedHint() const
{
    switch (m_hint) {
    case Hint::Text:
        break;
    case Hint::NoAttribute:
        return QStringLiteral("%1 has no attribute %2")
            .arg(pythonStringRepr(objectTypeRepr(m_hintType)), pythonStringRepr(m_str));
    case Hint::NotDefined:
        return QStringLiteral("%1 is undefined").arg(pythonStringRepr(m_str));
    }
    return m_str;
}

void Value::failUndefined() const
{
    QString hint = undefinedHint();
    if (m_hint == Hint::NotDefined) {
        if (const QString advice = ansibleUndefinedAdvice(m_str); !advice.isEmpty()) {
            hint += QStringLiteral(" (%1)").arg(advice);
        }
    }
    raise(hint.isEmpty() ? QStringLiteral("value is undefined") : hint, undefinedLine(), undefinedColumn());
}

bool Value::truthy() const
{
    switch (m_type) {
    case Type::Undefined:
        checkUndefined();
        return false;
    case Type::None:
        return false;
    case Type::Bool:
        return m_b;
    case Type::Int:
        return m_i != 0;
    case Type::Float:
        return m_f != 0.0;
    case Type::String:
    case Type::Markup:
        return !m_str.isEmpty();
    case Type::List:
    case Type::Tuple:
        return !listObject()->items.empty();
    case Type::Dict:
        return dictObject()->size() > 0;
    case Type::Callable:
    case Type::Namespace:
        return true;
    }
    return false;
}

QString pythonStringRepr(const QString& s)
{
    // Python picks single quotes unless the text has a single quote and no double quote.
    const bool useDouble = s.contains(QLatin1Char('\'')) && !s.contains(QLatin1Char('"'));
    const QChar quote = useDouble ? QLatin1Char('"') : QLatin1Char('\'');
    QString out;
    out.reserve(s.size() + 2);
    out += quote;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        const char16_t u = c.unicode();
        if (c == quote || c == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
            out += c;
        } else if (u == '\n') {
            out += QLatin1String("\\n");
        } else if (u == '\r') {
            out += QLatin1String("\\r");
        } else if (u == '\t') {
            out += QLatin1String("\\t");
        } else if (u < 0x20 || u == 0x7f) {
            out += QLatin1String("\\x") + QString::number(u, 16).rightJustified(2, QLatin1Char('0'));
        } else if (u < 0x7f) {
            out += c;
        } else if (c.isHighSurrogate() && i + 1 < s.size() && s.at(i + 1).isLowSurrogate()) {
            const char32_t cp = QChar::surrogateToUcs4(c, s.at(i + 1));
            if (QChar::isPrint(cp)) {
                out += c;
                out += s.at(i + 1);
            } else {
                out += QLatin1String("\\U") + QString::number(cp, 16).rightJustified(8, QLatin1Char('0'));
            }
            ++i;
        } else if (QChar::isPrint(u) && !c.isSurrogate()) {
            out += c;
        } else if (u <= 0xff) {
            out += QLatin1String("\\x") + QString::number(u, 16).rightJustified(2, QLatin1Char('0'));
        } else {
            out += QLatin1String("\\u") + QString::number(u, 16).rightJustified(4, QLatin1Char('0'));
        }
    }
    out += quote;
    return out;
}

void Value::appendStr(QString& out) const
{
    switch (m_type) {
    case Type::Undefined:
        checkUndefined();
        return;
    case Type::String:
    case Type::Markup:
        appendText(out, m_str);
        return;
    default:
        appendRepr(out);
    }
}

QString Value::str() const
{
    if (m_type == Type::String || m_type == Type::Markup) {
        return m_str;
    }
    QString out;
    appendStr(out);
    return out;
}

QString Value::repr() const
{
    QString out;
    appendRepr(out);
    return out;
}

void Value::appendRepr(QString& out) const
{
    switch (m_type) {
    case Type::Undefined:
        checkUndefined();
        return; // Undefined's repr is 'Undefined' in Python; inside containers it cannot occur from data
    case Type::None:
        out += QLatin1String("None");
        return;
    case Type::Bool:
        out += m_b ? QLatin1String("True") : QLatin1String("False");
        return;
    case Type::Int: {
        char buf[24];
        const auto end = std::to_chars(buf, buf + sizeof buf, m_i).ptr;
        QChar wide[24];
        const qsizetype len = qsizetype(end - buf);
        for (qsizetype i = 0; i < len; ++i) {
            wide[i] = QLatin1Char(buf[i]);
        }
        appendText(out, wide, len);
        return;
    }
    case Type::Float: {
        // Common magnitudes print in positional notation with the shortest digits that round-trip, which is what
        // std::to_chars gives in fixed format; VarCodec::pythonFloat handles the rest (exponents, nan, -0.0 …).
        const double magnitude = std::fabs(m_f);
        if (magnitude >= 1e-4 && magnitude < 1e15) {
            char buf[48];
            const auto res = std::to_chars(buf, buf + sizeof buf, m_f, std::chars_format::fixed);
            if (res.ec == std::errc()) {
                QChar wide[50];
                qsizetype len = 0;
                bool point = false;
                for (const char* p = buf; p != res.ptr; ++p) {
                    point = point || *p == '.';
                    wide[len++] = QLatin1Char(*p);
                }
                if (!point) {
                    wide[len++] = QLatin1Char('.');
                    wide[len++] = QLatin1Char('0');
                }
                appendText(out, wide, len);
                return;
            }
        }
        out += VarCodec::pythonFloat(m_f);
        return;
    }
    case Type::String:
        out += pythonStringRepr(m_str);
        return;
    case Type::Markup:
        out += QLatin1String("Markup(") + pythonStringRepr(m_str) + QLatin1Char(')');
        return;
    case Type::List:
    case Type::Tuple: {
        if (listObject()->isRange) {
            const ListObject* r = listObject();
            out += QStringLiteral("range(%1, %2").arg(r->rangeStart).arg(r->rangeStop);
            if (r->rangeStep != 1) {
                out += QStringLiteral(", %1").arg(r->rangeStep);
            }
            out += QLatin1Char(')');
            return;
        }
        const ValueDepth depth;
        const auto& items = listObject()->items;
        if (listObject()->view) {
            out += QLatin1String(listObject()->view) + QLatin1Char('(');
        }
        out += m_type == Type::List ? QLatin1Char('[') : QLatin1Char('(');
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) {
                out += QLatin1String(", ");
            }
            items[i].appendRepr(out);
        }
        if (m_type == Type::Tuple && items.size() == 1) {
            out += QLatin1Char(',');
        }
        out += m_type == Type::List ? QLatin1Char(']') : QLatin1Char(')');
        if (listObject()->view) {
            out += QLatin1Char(')');
        }
        return;
    }
    case Type::Dict:
    case Type::Namespace: {
        const ValueDepth depth;
        if (m_type == Type::Namespace) {
            out += QLatin1String("<Namespace ");
        }
        out += QLatin1Char('{');
        bool first = true;
        for (const auto& [k, v] : dictObject()->items) {
            if (!first) {
                out += QLatin1String(", ");
            }
            first = false;
            k.appendRepr(out);
            out += QLatin1String(": ");
            v.appendRepr(out);
        }
        out += QLatin1Char('}');
        if (m_type == Type::Namespace) {
            out += QLatin1Char('>');
        }
        return;
    }
    case Type::Callable:
        out += callableObject()->reprString();
        return;
    }
}

QString Value::typeName() const
{
    return isRange() ? QStringLiteral("range") : typeName(m_type);
}

bool Value::isRange() const
{
    return m_type == Type::List && listObject()->isRange;
}

Value Value::range(qint64 start, qint64 stop, qint64 step)
{
    ValueList items;
    for (qint64 i = start; step > 0 ? i < stop : i > stop;) {
        items.emplace_back(i);
        if (__builtin_add_overflow(i, step, &i)) { // past the last number that fits: past stop too
            break;
        }
    }
    Value v = list(std::move(items));
    ListObject* r = v.listObject();
    r->isRange = true;
    r->rangeStart = start;
    r->rangeStop = stop;
    r->rangeStep = step;
    return v;
}

QString Value::typeName(Type type)
{
    switch (type) {
    case Type::Undefined:
        return QStringLiteral("Undefined");
    case Type::None:
        return QStringLiteral("NoneType");
    case Type::Bool:
        return QStringLiteral("bool");
    case Type::Int:
        return QStringLiteral("int");
    case Type::Float:
        return QStringLiteral("float");
    case Type::String:
        return QStringLiteral("str");
    case Type::Markup:
        return QStringLiteral("Markup");
    case Type::List:
        return QStringLiteral("list");
    case Type::Tuple:
        return QStringLiteral("tuple");
    case Type::Dict:
        return QStringLiteral("dict");
    case Type::Namespace:
        return QStringLiteral("Namespace");
    case Type::Callable:
        return QStringLiteral("function");
    }
    return QString();
}

QString Value::objectTypeRepr() const
{
    return isRange() ? QStringLiteral("range object") : objectTypeRepr(m_type);
}

QString Value::objectTypeRepr(Type type)
{
    if (type == Type::None) {
        return QStringLiteral("None");
    }
    if (type == Type::Undefined) {
        return QStringLiteral("jinja2.runtime.Undefined object");
    }
    return typeName(type) + QLatin1String(" object");
}

namespace {
// Chunks of the arenas that went, kept for the next arena of the thread (a context per host, one after another):
// a new chunk is a big allocation, which also makes malloc consolidate its free lists.
constexpr size_t kArenaChunk = 16384;
constexpr size_t kSpareChunks = 8;
thread_local bool t_spareChunksGone = false; // trivially destructible: still readable after the thread's cleanup
struct SpareChunks {
    std::vector<std::unique_ptr<char[]>> chunks;
    ~SpareChunks() { t_spareChunksGone = true; }
};
thread_local SpareChunks t_spareChunks;
} // namespace

void Arena::grow(size_t atLeast)
{
    if (atLeast <= kArenaChunk && !t_spareChunksGone && !t_spareChunks.chunks.empty()) {
        m_chunks.emplace_back(std::move(t_spareChunks.chunks.back()), kArenaChunk);
        t_spareChunks.chunks.pop_back();
        m_cur = m_chunks.back().first.get();
        m_left = kArenaChunk;
        return;
    }
    const size_t size = std::max(atLeast, kArenaChunk);
    m_chunks.emplace_back(std::make_unique_for_overwrite<char[]>(size), size);
    m_cur = m_chunks.back().first.get();
    m_left = size;
}

Arena::~Arena()
{
    // Only whole standard chunks are kept (a bigger one was made for one big object).
    for (auto& [chunk, size] : m_chunks) {
        if (size == kArenaChunk && !t_spareChunksGone && t_spareChunks.chunks.size() < kSpareChunks) {
            t_spareChunks.chunks.push_back(std::move(chunk));
        }
    }
}

Value Value::fromVariant(const QVariant& v, bool indexDicts, Arena* arena)
{
    Value out;
    assignVariant(out, v, indexDicts, arena);
    return out;
}

void Value::assignVariant(Value& out, const QVariant& v, bool indexDicts, Arena* arena)
{
    // `out` is a fresh Undefined value: the fields are set in place (containers fill their default-constructed
    // items the same way), which saves moving every value of a big context once more. The common types are read
    // in place: QVariant's toBool()/toLongLong()/toDouble() go through Qt's general conversion code.
    switch (v.typeId()) {
    case QMetaType::UnknownType:
    case QMetaType::Nullptr:
        out.m_type = Type::None;
        return;
    case QMetaType::Bool:
        out.m_type = Type::Bool;
        out.m_b = *static_cast<const bool*>(v.constData());
        return;
    case QMetaType::Int:
        out.m_type = Type::Int;
        out.m_i = qint64(*static_cast<const int*>(v.constData()));
        return;
    case QMetaType::LongLong:
        out.m_type = Type::Int;
        out.m_i = qint64(*static_cast<const qlonglong*>(v.constData()));
        return;
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
        out.m_type = Type::Int;
        out.m_i = qint64(v.toLongLong());
        return;
    case QMetaType::ULongLong:
        out.m_type = Type::Int;
        out.m_i = qint64(v.toULongLong());
        return;
    case QMetaType::Double:
        out.m_type = Type::Float;
        out.m_f = *static_cast<const double*>(v.constData());
        return;
    case QMetaType::Float:
        out.m_type = Type::Float;
        out.m_f = v.toDouble();
        return;
    case QMetaType::QString:
        out.m_type = Type::String;
        out.m_str = QString(*static_cast<const QString*>(v.constData())); // copy + move: inline, unlike operator=
        return;
    case QMetaType::QByteArray:
        out.m_type = Type::String;
        out.m_str = QString::fromUtf8(v.toByteArray());
        return;
    case QMetaType::QStringList: {
        const QStringList list = v.toStringList();
        ValueList items { ItemAllocator<Value>(arena) };
        items.reserve(size_t(list.size()));
        for (const QString& s : list) {
            items.emplace_back(s);
        }
        out = listIn(arena, std::move(items));
        return;
    }
    case QMetaType::QVariantList: {
        const QVariantList& list = *static_cast<const QVariantList*>(v.constData());
        ValueList items { ItemAllocator<Value>(arena) };
        items.resize(size_t(list.size()));
        for (qsizetype i = 0; i < list.size(); ++i) {
            assignVariant(items[size_t(i)], list.at(i), indexDicts, arena);
        }
        out = listIn(arena, std::move(items));
        return;
    }
    case QMetaType::QVariantMap: {
        const QVariantMap& map = *static_cast<const QVariantMap*>(v.constData());
        // A value encrypted with Ansible Vault (the inventory keeps `!vault` values as this one-entry map, which is
        // what ansible-inventory's JSON shows) is never rendered as data: any use of it fails, whatever the
        // undefined mode, unless it was decrypted into the context first (inventory/ansible/AnsibleVault.h).
        if (map.size() == 1 && map.cbegin().key() == QLatin1String("__ansible_vault")
            && map.cbegin().value().typeId() == QMetaType::QString) {
            out = undefined(QStringLiteral("the value is encrypted with Ansible Vault and no vault password opens "
                                           "it here (give one with --vault-password-file or --vault-id)"),
                UndefinedMode::Strict, 0, 0, false);
            return;
        }
        out = dictIn(arena);
        auto& items = out.dictObject()->items;
        items.resize(size_t(map.size()));
        size_t i = 0;
        for (auto it = map.cbegin(); it != map.cend(); ++it, ++i) {
            Value& key = items[i].first;
            key.m_type = Type::String;
            key.m_str = QString(it.key());
            assignVariant(items[i].second, it.value(), indexDicts, arena);
        }
        if (indexDicts) {
            out.dictObject()->buildIndex();
        }
        return;
    }
    case QMetaType::QVariantHash: {
        const QVariantHash hash = v.toHash();
        QStringList keys = hash.keys();
        keys.sort();
        out = dictIn(arena);
        for (const QString& k : keys) {
            out.dictObject()->items.emplace_back(Value(k), fromVariant(hash.value(k), indexDicts, arena));
        }
        if (indexDicts) {
            out.dictObject()->buildIndex();
        }
        return;
    }
    default:
        if (v.metaType() == QMetaType::fromType<LazyMapping>()) {
            out = dictIn(arena);
            static_cast<DictObject*>(out.m_obj.get())->lazy
                = std::make_unique<LazyMapping>(*static_cast<const LazyMapping*>(v.constData()));
            return;
        }
        if (v.canConvert<QString>()) {
            out.m_type = Type::String;
            out.m_str = v.toString();
        } else {
            out.m_type = Type::None;
        }
        return;
    }
}

Value Value::listIn(Arena* arena, ValueList items)
{
    if (!arena) {
        return list(std::move(items));
    }
    Value v;
    v.m_type = Type::List;
    auto obj = std::allocate_shared<ListObject>(ArenaAllocator<ListObject>(arena));
    obj->items = std::move(items);
    v.m_obj = std::move(obj);
    return v;
}

Value Value::dictIn(Arena* arena)
{
    if (!arena) {
        return dict();
    }
    Value v;
    v.m_type = Type::Dict;
    auto obj = std::allocate_shared<DictObject>(ArenaAllocator<DictObject>(arena));
    obj->items = DictItems(ItemAllocator<std::pair<Value, Value>>(arena));
    v.m_obj = std::move(obj);
    return v;
}

QVariant Value::toVariant() const
{
    switch (m_type) {
    case Type::Undefined:
        return QVariant();
    case Type::None:
        return QVariant::fromValue(nullptr);
    case Type::Bool:
        return QVariant(m_b);
    case Type::Int:
        return QVariant(qlonglong(m_i));
    case Type::Float:
        return QVariant(m_f);
    case Type::String:
    case Type::Markup:
        return QVariant(m_str);
    case Type::List:
    case Type::Tuple: {
        const ValueDepth depth;
        QVariantList list;
        for (const Value& item : listObject()->items) {
            list.append(item.toVariant());
        }
        return list;
    }
    case Type::Dict:
    case Type::Namespace: {
        const ValueDepth depth;
        QVariantMap map;
        for (const auto& [k, val] : dictObject()->items) {
            map.insert(k.str(), val.toVariant());
        }
        return map;
    }
    case Type::Callable:
        return QVariant(repr());
    }
    return QVariant();
}

bool operator==(const Value& a, const Value& b)
{
    using T = Value::Type;
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            return a.floatValue() == b.floatValue();
        }
        return a.intValue() == b.intValue();
    }
    if (a.isString() && b.isString()) {
        return a.stringValue() == b.stringValue();
    }
    if (a.isUndefined() || b.isUndefined()) {
        a.checkUndefined();
        b.checkUndefined();
        return a.isUndefined() && b.isUndefined();
    }
    if (a.type() != b.type() || a.isRange() != b.isRange()) { // range(3) != [0, 1, 2], as in Python
        return false;
    }
    if (a.object() && a.object() == b.object()) {
        return true;
    }
    const ValueDepth depth;
    switch (a.type()) {
    case T::None:
        return true;
    case T::List:
    case T::Tuple: {
        const auto& x = a.listObject()->items;
        const auto& y = b.listObject()->items;
        if (x.size() != y.size()) {
            return false;
        }
        for (size_t i = 0; i < x.size(); ++i) {
            if (!(x[i] == y[i])) {
                return false;
            }
        }
        return true;
    }
    case T::Dict: {
        const DictObject* x = a.dictObject();
        const DictObject* y = b.dictObject();
        if (x->size() != y->size()) {
            return false;
        }
        for (const auto& [k, v] : x->items) {
            const Value* other = y->find(k);
            if (!other || !(*other == v)) {
                return false;
            }
        }
        return true;
    }
    default:
        return a.object() == b.object();
    }
}

namespace {
[[noreturn]] void notSupported(const char* op, const Value& a, const Value& b)
{
    raise(QStringLiteral("'%1' not supported between instances of '%2' and '%3'")
              .arg(QLatin1String(op), a.typeName(), b.typeName()));
}
} // namespace

bool lessThan(const Value& a, const Value& b)
{
    a.checkUndefined();
    b.checkUndefined();
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            return a.floatValue() < b.floatValue();
        }
        return a.intValue() < b.intValue();
    }
    if (a.isString() && b.isString()) {
        return a.stringValue() < b.stringValue();
    }
    if (a.type() == b.type() && a.isSequence()) {
        const ValueDepth depth;
        const auto& x = a.listObject()->items;
        const auto& y = b.listObject()->items;
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (!(x[i] == y[i])) {
                return lessThan(x[i], y[i]);
            }
        }
        return x.size() < y.size();
    }
    notSupported("<", a, b);
}

int compare(const Value& a, const Value& b)
{
    if (lessThan(a, b)) {
        return -1;
    }
    if (lessThan(b, a)) {
        return 1;
    }
    return 0;
}

// --- DictObject ---

namespace {
constexpr size_t kIndexThreshold = 12;
}

void DictObject::rebuildIndex() const
{
    m_index = std::make_unique<QHash<QString, qsizetype>>();
    m_index->reserve(qsizetype(items.size()));
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].first.isString()) {
            m_index->insert(items[i].first.stringValue(), qsizetype(i));
        }
    }
}

void DictObject::buildIndex() const
{
    if (items.size() >= kIndexThreshold && (!m_index || m_index->size() > qsizetype(items.size()))) {
        rebuildIndex();
    }
}

namespace {
bool sameText(const QString& a, const QChar* data, qsizetype size)
{
    if (a.size() != size) {
        return false;
    }
    const QChar* other = a.constData();
    if (other == data) {
        return true;
    }
    for (qsizetype i = 0; i < size; ++i) {
        if (other[i] != data[i]) {
            return false;
        }
    }
    return true;
}
} // namespace

qsizetype DictObject::indexOf(const QString& key) const
{
    if (items.size() >= kIndexThreshold) {
        if (!m_index || m_index->size() > qsizetype(items.size())) {
            rebuildIndex();
        }
        const auto it = m_index->constFind(key);
        return it == m_index->cend() ? -1 : it.value();
    }
    // Attribute names are short: compare sizes and the UTF-16 units inline instead of calling into Qt.
    const qsizetype size = key.size();
    const QChar* data = key.constData();
    for (size_t i = 0; i < items.size(); ++i) {
        const Value& k = items[i].first;
        if (k.isString() && sameText(k.stringValue(), data, size)) {
            return qsizetype(i);
        }
    }
    return -1;
}

qsizetype DictObject::indexOf(const QString& key, qsizetype guess) const
{
    if (guess >= 0 && size_t(guess) < items.size()) {
        const Value& k = items[size_t(guess)].first;
        if (k.isString() && sameText(k.stringValue(), key.constData(), key.size())) {
            return guess;
        }
    }
    return indexOf(key);
}

qsizetype DictObject::indexOf(const Value& key) const
{
    if (key.isString()) {
        return indexOf(key.stringValue());
    }
    for (size_t i = 0; i < items.size(); ++i) {
        if (items[i].first == key) {
            return qsizetype(i);
        }
    }
    return -1;
}

const Value* DictObject::find(const Value& key) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullptr : &items[size_t(i)].second;
}

const Value* DictObject::find(const QString& key) const
{
    const qsizetype i = indexOf(key);
    return i < 0 ? nullptr : &items[size_t(i)].second;
}

void DictObject::insert(const Value& key, const Value& value)
{
    const qsizetype i = indexOf(key);
    if (i >= 0) {
        items[size_t(i)].second = value;
        return;
    }
    items.emplace_back(key, value);
    if (m_index && key.isString()) {
        m_index->insert(key.stringValue(), qsizetype(items.size() - 1));
    }
}

bool DictObject::remove(const Value& key)
{
    const qsizetype i = indexOf(key);
    if (i < 0) {
        return false;
    }
    items.erase(items.begin() + i);
    m_index.reset();
    return true;
}

} // namespace Jinja
