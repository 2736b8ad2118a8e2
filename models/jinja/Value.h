#pragma once

#include "jinja/LazyMapping.h"

#include <QString>
#include <QVariant>
#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

// The value model of the template engine: a small tagged value that behaves like the Python objects Jinja2
// templates see (None, bool, int, float, str, Markup, list, tuple, dict, callables, Undefined). Containers are
// shared like Python references, so `ns.items.append(x)` mutates the one list every name sees. QVariant is only
// used at the edges (context input, expression results) because it is slow to copy and cannot keep dict order.
namespace Jinja {

enum class UndefinedMode : quint8 { Strict, Lenient, Chainable };

class Value;
class Arena;
struct Object;
struct ListObject;
struct DictObject;
struct CallableObject;

// A bump allocator for the list and dict objects (with their shared_ptr control blocks) of a converted context:
// converting a host's variables makes dozens of small containers, and allocating and freeing each of them one by
// one was a good part of the cost of a Context. Memory is only given back when the arena goes, so the arena must
// outlive every value made in it (Jinja::Context owns the arena and its values; renders do not keep values).
// The items of its containers are allocated there too (ItemAllocator); a container that grows in a render takes
// its new storage from the arena again and leaves the old one to it.
class Arena {
public:
    Arena() = default;
    ~Arena();
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    void* allocate(size_t size, size_t align)
    {
        size_t pad = (align - (reinterpret_cast<std::uintptr_t>(m_cur) & (align - 1))) & (align - 1);
        if (size + pad > m_left) {
            grow(size + align);
            pad = (align - (reinterpret_cast<std::uintptr_t>(m_cur) & (align - 1))) & (align - 1);
        }
        char* p = m_cur + pad;
        m_cur = p + size;
        m_left -= size + pad;
        return p;
    }

private:
    void grow(size_t atLeast);
    std::vector<std::pair<std::unique_ptr<char[]>, size_t>> m_chunks; // with their sizes
    char* m_cur = nullptr;
    size_t m_left = 0;
};

template <typename T> struct ArenaAllocator {
    using value_type = T;
    explicit ArenaAllocator(Arena* a)
        : arena(a)
    {
    }
    template <typename U>
    ArenaAllocator(const ArenaAllocator<U>& other) // NOLINT(google-explicit-constructor): rebinding
        : arena(other.arena)
    {
    }
    T* allocate(size_t n) { return static_cast<T*>(arena->allocate(n * sizeof(T), alignof(T))); }
    void deallocate(T*, size_t) { }
    template <typename U> bool operator==(const ArenaAllocator<U>& other) const { return arena == other.arena; }
    Arena* arena;
};

// The allocator of the items of lists, tuples and dicts (and of the vectors of values built on the way): the heap,
// or an arena for the containers of a converted context. A copy of a container goes to the heap; moving a vector
// takes its storage (and allocator) along.
template <typename T> struct ItemAllocator {
    using value_type = T;
    using propagate_on_container_move_assignment = std::true_type;
    using propagate_on_container_swap = std::true_type;
    using is_always_equal = std::false_type;
    ItemAllocator() noexcept = default;
    explicit ItemAllocator(Arena* a) noexcept
        : arena(a)
    {
    }
    template <typename U>
    ItemAllocator(const ItemAllocator<U>& other) noexcept // NOLINT(google-explicit-constructor): rebinding
        : arena(other.arena)
    {
    }
    T* allocate(size_t n)
    {
        return arena ? static_cast<T*>(arena->allocate(n * sizeof(T), alignof(T))) : std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, size_t n) noexcept
    {
        if (!arena) {
            std::allocator<T>().deallocate(p, n);
        }
    }
    ItemAllocator select_on_container_copy_construction() const { return ItemAllocator(); }
    template <typename U> bool operator==(const ItemAllocator<U>& other) const noexcept { return arena == other.arena; }
    Arena* arena = nullptr;
};

using ValueList = std::vector<Value, ItemAllocator<Value>>;
using DictItems = std::vector<std::pair<Value, Value>, ItemAllocator<std::pair<Value, Value>>>;

// An error raised while rendering; carries the place when known (0 = not known, the renderer fills it in).
struct RenderError {
    QString message;
    int line = 0;
    int column = 0;
};

[[noreturn]] void raise(const QString& message, int line = 0, int column = 0);
// int(float) as Python truncates it; raises where the result does not fit our 64-bit integers.
qint64 truncateToInt(double d);

class Value {
public:
    enum class Type : quint8 {
        Undefined,
        None,
        Bool,
        Int,
        Float,
        String,
        Markup, // a string marked safe (escape/safe/tojson); prints like a string
        List,
        Tuple,
        Dict,
        Callable, // macros, builtins, bound methods, loop, cycler …
        Namespace, // namespace(): a dict with attribute assignment
    };

    Value() = default; // Undefined without a name
    static Value none()
    {
        Value v;
        v.m_type = Type::None;
        return v;
    }
    static Value undefined(const QString& hint, UndefinedMode mode, int line = 0, int column = 0, bool named = true)
    {
        Value v;
        v.m_str = hint;
        v.m_mode = mode;
        v.m_named = named;
        v.m_i = (qint64(line) << 32) | qint64(quint32(column));
        return v;
    }
    // Undefined values whose message is only formatted when it is needed (`x is defined` on a missing key is
    // common and never prints the message).
    enum class Hint : quint8 {
        Text, // the hint is the text given
        NoAttribute, // "'<type> object' has no attribute '<text>'" (the type of the object looked into)
        NotDefined, // "'<text>' is undefined"
    };
    static Value undefinedHint(Hint kind, const QString& text, Type objectType, UndefinedMode mode, int line = 0,
        int column = 0, bool named = true)
    {
        Value v = undefined(text, mode, line, column, named);
        v.m_hint = kind;
        v.m_hintType = objectType;
        return v;
    }
    Value(bool b)
        : m_type(Type::Bool)
        , m_b(b)
    {
    }
    Value(int i)
        : m_type(Type::Int)
        , m_i(i)
    {
    }
    Value(qint64 i)
        : m_type(Type::Int)
        , m_i(i)
    {
    }
    Value(double d)
        : m_type(Type::Float)
        , m_f(d)
    {
    }
    Value(QString s)
        : m_type(Type::String)
        , m_str(std::move(s))
    {
    }
    Value(const char*) = delete;
    static Value markup(QString s)
    {
        Value v(std::move(s));
        v.m_type = Type::Markup;
        return v;
    }
    static Value list(ValueList items = {});
    static Value tuple(ValueList items = {});
    static Value dict();
    static Value namespaceObject();
    static Value callable(std::shared_ptr<CallableObject> c);
    // Python's range(start, stop, step) (step != 0), its numbers materialised (the caller bounds the count).
    static Value range(qint64 start, qint64 stop, qint64 step);
    bool isRange() const;

    Type type() const { return m_type; }
    bool isUndefined() const { return m_type == Type::Undefined; }
    bool isNone() const { return m_type == Type::None; }
    bool isBool() const { return m_type == Type::Bool; }
    bool isInt() const { return m_type == Type::Int; } // not bool
    bool isIntegral() const { return m_type == Type::Int || m_type == Type::Bool; } // Python int incl. bool
    bool isFloat() const { return m_type == Type::Float; }
    bool isNumber() const { return isIntegral() || isFloat(); }
    bool isString() const { return m_type == Type::String || m_type == Type::Markup; }
    bool isMarkup() const { return m_type == Type::Markup; }
    bool isList() const { return m_type == Type::List; }
    bool isTuple() const { return m_type == Type::Tuple; }
    bool isSequence() const { return m_type == Type::List || m_type == Type::Tuple; }
    bool isDict() const { return m_type == Type::Dict; }
    bool isNamespace() const { return m_type == Type::Namespace; }
    bool isMapping() const { return m_type == Type::Dict; }
    bool isCallable() const { return m_type == Type::Callable; }

    bool boolValue() const { return m_b; }
    qint64 intValue() const { return m_type == Type::Bool ? qint64(m_b) : m_i; }
    double floatValue() const { return m_type == Type::Float ? m_f : double(intValue()); }
    const QString& stringValue() const { return m_str; }

    ListObject* listObject() const; // List or Tuple
    DictObject* dictObject() const; // Dict or Namespace
    CallableObject* callableObject() const;
    const std::shared_ptr<Object>& object() const { return m_obj; }

    // Undefined details.
    UndefinedMode undefinedMode() const { return m_mode; }
    QString undefinedHint() const;
    bool undefinedNamed() const { return m_named; }
    int undefinedLine() const { return int(m_i >> 32); }
    int undefinedColumn() const { return int(quint32(m_i & 0xffffffff)); }
    [[noreturn]] void failUndefined() const;
    // Lenient and chainable undefined act like empty values in some places; strict raises.
    void checkUndefined() const
    {
        if (m_type == Type::Undefined && m_mode == UndefinedMode::Strict) {
            failUndefined();
        }
    }

    // Python semantics. All of these raise RenderError where Python would raise.
    bool truthy() const;
    QString str() const; // str(x)
    QString repr() const; // repr(x)
    void appendStr(QString& out) const;
    void appendRepr(QString& out) const;
    QString typeName() const; // Python's type name: 'str', 'int', 'dict' …
    QString objectTypeRepr() const; // Jinja2's object_type_repr: "dict object", "None" …
    static QString typeName(Type type);
    static QString objectTypeRepr(Type type);

    // Conversion at the edges.
    // `indexDicts`: give big dicts their key index now (see DictObject::buildIndex). `arena`, when given, holds
    // the list and dict objects made (see Arena); it must outlive every copy of the result.
    static Value fromVariant(const QVariant& v, bool indexDicts = false, Arena* arena = nullptr);
    QVariant toVariant() const;

private:
    static void assignVariant(Value& out, const QVariant& v, bool indexDicts, Arena* arena);
    static Value listIn(Arena* arena, ValueList items);
    static Value dictIn(Arena* arena);

    Type m_type = Type::Undefined;
    UndefinedMode m_mode = UndefinedMode::Strict;
    bool m_named = true;
    Hint m_hint = Hint::Text;
    Type m_hintType = Type::Undefined;
    union {
        bool m_b;
        qint64 m_i = 0;
        double m_f;
    };
    QString m_str;
    std::shared_ptr<Object> m_obj;
};

bool operator==(const Value& a, const Value& b); // Python ==
inline bool operator!=(const Value& a, const Value& b)
{
    return !(a == b);
}
// Python's < for sortable values; raises TypeError-like RenderError for mixed types.
bool lessThan(const Value& a, const Value& b);
int compare(const Value& a, const Value& b); // -1/0/1 via lessThan

struct Object {
    virtual ~Object() = default;
};

struct ListObject : Object {
    ValueList items;
    // dict.items()/keys()/values() return views that print as dict_items([...]) etc.; we materialise them as lists
    // that remember the view's name for printing.
    const char* view = nullptr;
    bool groupTuple = false; // groupby's (grouper, list) named tuple
    // range(): a list of its numbers that prints, compares and slices as Python's range object does.
    bool isRange = false;
    qint64 rangeStart = 0;
    qint64 rangeStop = 0;
    qint64 rangeStep = 1;
};

// Insertion-ordered dict like Python 3.7+. Small dicts use a linear scan; big ones get a string-key index.
struct DictObject : Object {
    DictItems items;
    // A dict made from a LazyMapping: its items are loaded by Value::dictObject() on first use.
    std::unique_ptr<LazyMapping> lazy;
    void loadLazy();
    const Value* find(const Value& key) const;
    const Value* find(const QString& key) const;
    // The index of a string key, -1 when missing; the item at `guess` is tried first (an attribute node remembers
    // where it found its key: the dicts of a list usually have the same keys in the same order).
    qsizetype indexOf(const QString& key, qsizetype guess) const;
    void insert(const Value& key, const Value& value);
    bool remove(const Value& key);
    qsizetype size() const { return qsizetype(items.size()); }
    // Builds the key index of a big dict now rather than on the first lookup, so that a dict shared by several
    // threads is only read by them.
    void buildIndex() const;

private:
    qsizetype indexOf(const Value& key) const;
    qsizetype indexOf(const QString& key) const;
    void rebuildIndex() const;
    mutable std::unique_ptr<QHash<QString, qsizetype>> m_index;
};

class Interpreter;

// Arguments of a call as Python passes them.
struct CallArgs {
    ValueList positional;
    std::vector<std::pair<QString, Value>> keywords;
    const Value* keyword(const QString& name) const
    {
        for (const auto& kw : keywords) {
            if (kw.first == name) {
                return &kw.second;
            }
        }
        return nullptr;
    }
};

struct CallableObject : Object {
    virtual Value call(Interpreter& interp, CallArgs& args) = 0;
    virtual QString reprString() const = 0;
    // Attribute access on the callable itself (macro.name, loop.index …); Undefined when there is none.
    virtual bool getAttribute(const QString& name, Value* out) const
    {
        Q_UNUSED(name)
        Q_UNUSED(out)
        return false;
    }
};

QString pythonStringRepr(const QString& s);

// Python measures, indexes and slices strings by code point, QString by UTF-16 unit. The two differ only for
// characters beyond U+FFFF (emoji, CJK extension B …), two units each; these helpers count and cut by code point.
inline bool hasSurrogates(const QString& s)
{
    for (const QChar c : s) {
        if (c.isSurrogate()) {
            return true;
        }
    }
    return false;
}
// The character of a one-letter escape shared by Python string literals and JSON (\b \f \n \r \t), or a null
// QChar for any other letter.
inline QChar letterEscape(QChar e)
{
    switch (e.unicode()) {
    case 'b':
        return QChar(8);
    case 'f':
        return QChar(12);
    case 'n':
        return QLatin1Char('\n');
    case 'r':
        return QLatin1Char('\r');
    case 't':
        return QLatin1Char('\t');
    default:
        return QChar();
    }
}
// Python's len() of a string.
qsizetype pyLength(const QString& s);
// The characters of `s` as Python sees them (one unit, or a surrogate pair), viewing `s`.
std::vector<QStringView> pyChars(const QString& s);
// The first `n` characters of `s` as Python counts them (s[:n]).
QString pyLeft(const QString& s, qsizetype n);

// Appends to a string that is built up piece by piece (render output, join …). QString::append goes through
// Qt's general growth code on every call; when the string owns enough room (it is reserved up front) this copies
// inline. Qt allocates room for the terminating null beyond the capacity, so writing it is safe, as Qt does.
inline void appendText(QString& out, const QChar* text, qsizetype size)
{
    auto& d = out.data_ptr();
    if (size > 0 && !d.needsDetach() && d.freeSpaceAtEnd() >= size) {
        char16_t* end = d.data() + d.size;
        // Most pieces are short (a name, a port, a separator): two overlapping fixed-size copies instead of a call
        // into memcpy.
        const auto* from = reinterpret_cast<const char*>(text);
        auto* to = reinterpret_cast<char*>(end);
        const size_t bytes = size_t(size) * sizeof(char16_t);
        if (bytes <= 16) {
            if (bytes >= 8) {
                std::memcpy(to, from, 8);
                std::memcpy(to + bytes - 8, from + bytes - 8, 8);
            } else if (bytes >= 4) {
                std::memcpy(to, from, 4);
                std::memcpy(to + bytes - 4, from + bytes - 4, 4);
            } else {
                std::memcpy(to, from, 2);
            }
        } else if (bytes <= 32) {
            std::memcpy(to, from, 16);
            std::memcpy(to + bytes - 16, from + bytes - 16, 16);
        } else {
            std::memcpy(to, from, bytes);
        }
        d.size += size;
        d.data()[d.size] = u'\0';
    } else {
        out.append(text, size);
    }
}
inline void appendText(QString& out, const QString& text)
{
    if (out.isEmpty() && out.capacity() == 0) {
        out = text; // shares the data, as QString::append does
        return;
    }
    appendText(out, text.constData(), text.size());
}

} // namespace Jinja
