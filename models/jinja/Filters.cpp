// The built-in filters of Jinja2 3.x (jinja2/filters.py), with the same argument names and defaults.
#include "jinja/Builtins.h"
#include "jinja/Interpreter.h"
#include "jinja/Json.h"

#include <QHash>
#include <QRegularExpression>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace Jinja {

namespace {

using F = Value (*)(Interpreter&, const Value&, CallArgs&);

bool isPySpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x1f) || (u > 0x7f && c.isSpace());
}

QString htmlEscape(const QString& s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&#34;");
            break;
        case '\'':
            out += QLatin1String("&#39;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

// std::stable_sort, without its temporary buffer for the short lists templates usually sort (insertion sort).
template <typename It, typename Less> void stableSort(It first, It last, const Less& less)
{
    if (last - first > 32) {
        std::stable_sort(first, last, less);
        return;
    }
    for (It i = first; i != last; ++i) {
        auto moving = std::move(*i);
        It j = i;
        for (; j != first && less(moving, *(j - 1)); --j) {
            *j = std::move(*(j - 1));
        }
        *j = std::move(moving);
    }
}

Value escapeValue(const Value& v)
{
    if (v.isMarkup()) {
        return v;
    }
    return Value::markup(htmlEscape(v.str()));
}

// Jinja2's ignore_case postprocessor: lower-case strings only.
Value ignoreCase(const Value& v)
{
    if (!v.isString()) {
        return v;
    }
    // ASCII text (the usual key) is lowered here: QString::toLower looks every character up in the Unicode
    // tables. Anything else goes to toLower, as Python's str.lower() does full Unicode case mapping.
    const QString& s = v.stringValue();
    const char16_t* data = reinterpret_cast<const char16_t*>(s.constData());
    const qsizetype n = s.size();
    qsizetype firstUpper = -1;
    for (qsizetype i = 0; i < n; ++i) {
        if (data[i] >= 0x80) {
            return Value(s.toLower());
        }
        if (firstUpper < 0 && data[i] >= u'A' && data[i] <= u'Z') {
            firstUpper = i;
        }
    }
    if (firstUpper < 0) {
        return Value(s); // shares the text
    }
    QString lowered = s;
    char16_t* out = reinterpret_cast<char16_t*>(lowered.data()); // detaches once
    for (qsizetype i = firstUpper; i < n; ++i) {
        if (out[i] >= u'A' && out[i] <= u'Z') {
            out[i] = char16_t(out[i] + (u'a' - u'A'));
        }
    }
    return Value(lowered);
}

Value attrOrSelf(
    Interpreter& interp, const Value& item, const Value& attribute, bool caseSensitive, const Value& fallback = Value())
{
    Value v = attribute.isNone() || attribute.isUndefined() ? item : interp.getPath(item, attribute);
    if (v.isUndefined() && !fallback.isUndefined()) {
        v = fallback;
    }
    return caseSensitive ? v : ignoreCase(v);
}

Value fAbs(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("abs"), args, {});
    v.checkUndefined();
    if (v.isFloat()) {
        return Value(std::fabs(v.floatValue()));
    }
    if (v.isIntegral()) {
        if (v.intValue() == std::numeric_limits<qint64>::min()) {
            interp.fail(QStringLiteral("integer result too large"));
        }
        return Value(qint64(std::llabs(v.intValue())));
    }
    interp.fail(QStringLiteral("bad operand type for abs(): '%1'").arg(v.typeName()));
}

Value fAttr(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("attr"), args, { "name" });
    const QString name = p.required(0).str();
    if (v.isDict()) {
        // getattr() on a dict finds methods, never keys.
        return hasMethod(v, name) ? boundMethod(v, name) : interp.undefinedAttribute(v, Value(name));
    }
    return interp.getattr(v, name);
}

Value fBatch(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("batch"), args, { "linecount", "fill_with" });
    const qint64 count = p.integer(0, 0);
    const Value fill = p.get(1, Value::none());
    if (!fill.isNone()) {
        interp.checkStringSize(count);
    }
    ValueList out;
    ValueList tmp;
    for (const Value& item : interp.iterate(v)) {
        if (qint64(tmp.size()) == count) {
            out.push_back(Value::list(std::move(tmp)));
            tmp.clear();
        }
        tmp.push_back(item);
    }
    if (!tmp.empty()) {
        if (!fill.isNone()) {
            while (qint64(tmp.size()) < count) {
                tmp.push_back(fill);
            }
        }
        out.push_back(Value::list(std::move(tmp)));
    }
    return Value::list(std::move(out));
}

Value fCapitalize(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("capitalize"), args, {});
    const QString s = v.str();
    return Value(s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1).toLower());
}

Value fCenter(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("center"), args, { "width" });
    const qint64 width = p.integer(0, 80);
    interp.checkStringSize(width);
    const QString s = v.str();
    const qsizetype length = pyLength(s);
    if (length >= width) {
        return Value(s);
    }
    const qsizetype marg = width - length;
    const qsizetype left = marg / 2 + (marg & width & 1);
    return Value(QString(left, QLatin1Char(' ')) + s + QString(marg - left, QLatin1Char(' ')));
}

Value fDefault(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("default"), args, { "default_value", "boolean" });
    if (v.isUndefined() || (p.boolean(1, false) && !v.truthy())) {
        return p.get(0, Value(QString()));
    }
    return v;
}

Value fDictsort(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("dictsort"), args, { "case_sensitive", "by", "reverse" });
    const bool cs = p.boolean(0, false);
    const QString by = p.string(1, QStringLiteral("key"));
    const bool rev = p.boolean(2, false);
    int pos = 0;
    if (by == QLatin1String("value")) {
        pos = 1;
    } else if (by != QLatin1String("key")) {
        interp.fail(QStringLiteral("You can only sort by either \"key\" or \"value\""));
    }
    v.checkUndefined();
    if (!v.isDict()) {
        interp.fail(QStringLiteral("'%1' object has no attribute 'items'").arg(v.typeName()));
    }
    // The sort key of each item is computed once, as Python's sorted(key=…) does.
    const auto& dictItems = v.dictObject()->items;
    std::vector<std::pair<Value, size_t>> keyed;
    keyed.reserve(dictItems.size());
    for (size_t i = 0; i < dictItems.size(); ++i) {
        const Value& k = pos == 0 ? dictItems[i].first : dictItems[i].second;
        keyed.emplace_back(cs ? k : ignoreCase(k), i);
    }
    stableSort(keyed.begin(), keyed.end(),
        [&](const auto& a, const auto& b) { return rev ? lessThan(b.first, a.first) : lessThan(a.first, b.first); });
    ValueList items;
    items.reserve(keyed.size());
    for (const auto& [key, i] : keyed) {
        items.push_back(Value::tuple({ dictItems[i].first, dictItems[i].second }));
    }
    return Value::list(std::move(items));
}

Value fEscape(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("escape"), args, {});
    return escapeValue(v);
}

Value fForceescape(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("forceescape"), args, {});
    return Value::markup(htmlEscape(v.str()));
}

Value fFirst(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("first"), args, {});
    const ValueList items = interp.iterate(v);
    if (items.empty()) {
        return interp.makeUndefined(QStringLiteral("No first item, sequence was empty."));
    }
    return items.front();
}

Value fLast(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("last"), args, {});
    if (v.isUndefined()) {
        v.failUndefined(); // reversed(Undefined) fails in every mode
    }
    const ValueList items = interp.iterate(v);
    if (items.empty()) {
        return interp.makeUndefined(QStringLiteral("No last item, sequence was empty."));
    }
    return items.back();
}

// Python's float(str): surrounding whitespace, underscores between digits, inf/nan words.
bool parsePyFloat(const QString& text, double* out)
{
    QString s = text.trimmed();
    if (s.isEmpty()) {
        return false;
    }
    const QString lower = s.toLower();
    const QString body
        = (lower.startsWith(QLatin1Char('-')) || lower.startsWith(QLatin1Char('+'))) ? lower.mid(1) : lower;
    const bool neg = lower.startsWith(QLatin1Char('-'));
    if (body == QLatin1String("inf") || body == QLatin1String("infinity")) {
        *out = neg ? -INFINITY : INFINITY;
        return true;
    }
    if (body == QLatin1String("nan")) {
        *out = NAN;
        return true;
    }
    static const QRegularExpression re(
        QStringLiteral("^[+-]?((\\d(_?\\d)*)?\\.?\\d(_?\\d)*|\\d(_?\\d)*\\.)([eE][+-]?\\d(_?\\d)*)?$"));
    if (!re.match(s).hasMatch()) {
        return false;
    }
    s.remove(QLatin1Char('_'));
    bool ok = false;
    *out = s.toDouble(&ok);
    return ok;
}

// Python's int(str, base).
bool parsePyInt(const QString& text, int base, qint64* out)
{
    QString s = text.trimmed();
    bool neg = false;
    if (s.startsWith(QLatin1Char('-')) || s.startsWith(QLatin1Char('+'))) {
        neg = s.startsWith(QLatin1Char('-'));
        s = s.mid(1);
    }
    const QString lower = s.toLower();
    if (base == 0) {
        if (lower.startsWith(QLatin1String("0x"))) {
            base = 16;
            s = s.mid(2);
        } else if (lower.startsWith(QLatin1String("0o"))) {
            base = 8;
            s = s.mid(2);
        } else if (lower.startsWith(QLatin1String("0b"))) {
            base = 2;
            s = s.mid(2);
        } else {
            base = 10;
            if (s.size() > 1 && s.startsWith(QLatin1Char('0')) && s.count(QLatin1Char('0')) != s.size()) {
                return false;
            }
        }
    } else if ((base == 16 && lower.startsWith(QLatin1String("0x")))
        || (base == 8 && lower.startsWith(QLatin1String("0o")))
        || (base == 2 && lower.startsWith(QLatin1String("0b")))) {
        s = s.mid(2);
        if (s.startsWith(QLatin1Char('_'))) {
            s = s.mid(1);
        }
    }
    if (s.isEmpty() || s.startsWith(QLatin1Char('_')) || s.endsWith(QLatin1Char('_'))
        || s.contains(QLatin1String("__"))) {
        return false;
    }
    s.remove(QLatin1Char('_'));
    for (const QChar c : s) {
        if (!c.isLetterOrNumber() || c.unicode() > 0x7f) {
            return false;
        }
    }
    bool ok = false;
    const qint64 v = s.toLongLong(&ok, base);
    if (!ok) {
        return false;
    }
    *out = neg ? -v : v;
    return true;
}

Value fFloat(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("float"), args, { "default" });
    if (v.isNumber()) {
        return Value(v.floatValue());
    }
    if (v.isString()) {
        double d = 0;
        if (parsePyFloat(v.stringValue(), &d)) {
            return Value(d);
        }
    }
    v.checkUndefined();
    return p.get(0, Value(0.0));
}

Value fInt(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("int"), args, { "default", "base" });
    const int base = int(p.integer(1, 10));
    if (v.isIntegral()) {
        return Value(v.intValue());
    }
    if (v.isFloat()) {
        const double d = v.floatValue();
        if (std::isnan(d)) {
            return p.get(0, Value(qint64(0)));
        }
        if (std::isinf(d) || std::fabs(d) > 9.2e18) {
            interp.fail(QStringLiteral("cannot convert float infinity to integer"));
        }
        return Value(truncateToInt(d));
    }
    if (v.isString()) {
        qint64 i = 0;
        if (parsePyInt(v.stringValue(), base, &i)) {
            return Value(i);
        }
        double d = 0;
        if (parsePyFloat(v.stringValue(), &d)) {
            if (std::isinf(d)) {
                interp.fail(QStringLiteral("cannot convert float infinity to integer"));
            }
            if (!std::isnan(d)) {
                return Value(truncateToInt(d));
            }
        }
    }
    v.checkUndefined();
    return p.get(0, Value(qint64(0)));
}

void appendFormat(Interpreter& interp, const Value& v, CallArgs& args, QString& out)
{
    if (!args.positional.empty() && !args.keywords.empty()) {
        interp.fail(QStringLiteral("can't handle positional and keyword arguments at the same time"));
    }
    const QString format = v.str();
    if (!args.keywords.empty()) {
        Value d = Value::dict();
        for (const auto& kw : args.keywords) {
            d.dictObject()->insert(Value(kw.first), kw.second);
        }
        percentFormatInto(interp, format, &d, 1, false, d, out);
        return;
    }
    percentFormatInto(interp, format, args.positional.data(), args.positional.size(), true, Value(), out);
}

Value fFormat(Interpreter& interp, const Value& v, CallArgs& args)
{
    QString out;
    appendFormat(interp, v, args, out);
    return Value(out);
}

struct GroupKeyLess {
    bool operator()(const Value& a, const Value& b) const { return lessThan(a, b); }
};

Value fGroupby(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("groupby"), args, { "attribute", "default", "case_sensitive" });
    const Value attribute = p.required(0);
    const Value fallback = p.get(1, Value());
    const bool cs = p.boolean(2, false);
    ValueList items = interp.iterate(v);
    DictItems keyed;
    for (const Value& item : items) {
        Value key = interp.getPath(item, attribute, &fallback);
        key.checkUndefined();
        keyed.emplace_back(cs ? key : ignoreCase(key), item);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
        [](const std::pair<Value, Value>& a, const std::pair<Value, Value>& b) { return lessThan(a.first, b.first); });
    ValueList out;
    for (size_t i = 0; i < keyed.size();) {
        size_t j = i;
        ValueList group;
        while (j < keyed.size() && keyed[j].first == keyed[i].first) {
            group.push_back(keyed[j].second);
            ++j;
        }
        Value grouper = keyed[i].first;
        if (!cs) {
            grouper = interp.getPath(group.front(), attribute, &fallback);
        }
        Value t = Value::tuple({ grouper, Value::list(std::move(group)) });
        t.listObject()->groupTuple = true;
        out.push_back(t);
        i = j;
    }
    return Value::list(std::move(out));
}

QStringList pySplitLines(const QString& s)
{
    QStringList lines;
    qsizetype start = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        if (u == '\n' || u == '\r' || u == 0x0b || u == 0x0c || u == 0x1c || u == 0x1d || u == 0x1e || u == 0x85
            || u == 0x2028 || u == 0x2029) {
            lines << s.mid(start, i - start);
            if (u == '\r' && i + 1 < s.size() && s.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            start = i + 1;
        }
    }
    if (start < s.size()) {
        lines << s.mid(start);
    }
    return lines;
}

Value fIndent(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("indent"), args, { "width", "first", "blank" });
    const Value width = p.get(0, Value(qint64(4)));
    QString indention;
    if (width.isString()) {
        indention = width.stringValue();
    } else {
        const qint64 n = width.isNumber() ? width.intValue() : 4;
        interp.checkStringSize(n);
        indention = QString(std::max<qint64>(0, n), QLatin1Char(' '));
    }
    const bool first = p.boolean(1, false);
    const bool blank = p.boolean(2, false);
    const QString s = v.str() + QLatin1Char('\n');
    QStringList lines = pySplitLines(s);
    QString rv;
    if (blank) {
        rv = lines.join(QLatin1Char('\n') + indention);
    } else {
        rv = lines.isEmpty() ? QString() : lines.takeFirst();
        if (!lines.isEmpty()) {
            QStringList indented;
            for (const QString& line : std::as_const(lines)) {
                indented << (line.isEmpty() ? line : indention + line);
            }
            rv += QLatin1Char('\n') + indented.join(QLatin1Char('\n'));
        }
    }
    if (first) {
        rv = indention + rv;
    }
    interp.checkStringSize(rv.size());
    return v.isMarkup() ? Value::markup(rv) : Value(rv);
}

Value fItems(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("items"), args, {});
    if (v.isUndefined()) {
        return Value::list();
    }
    if (!v.isDict()) {
        interp.fail(QStringLiteral("Can only get item pairs from a mapping."));
    }
    CallArgs none;
    return callMethod(interp, v, QStringLiteral("items"), none);
}

void appendJoin(Interpreter& interp, const Value& v, CallArgs& args, QString& out)
{
    Params p(interp, QStringLiteral("join"), args, { "d", "attribute" });
    const Value none = Value::none();
    const Value* sepValue = p.has(0) ? &p.ref(0) : nullptr;
    const QString sep = !sepValue ? QString() : sepValue->isString() ? sepValue->stringValue() : sepValue->str();
    const Value& attribute = p.has(1) ? p.ref(1) : none;
    // Lists and tuples are read in place: nothing below can change them.
    ValueList materialised;
    const ValueList* items = nullptr;
    if (v.isSequence()) {
        items = &v.listObject()->items;
    } else {
        materialised = interp.iterate(v);
        items = &materialised;
    }
    qsizetype size = out.size() + sep.size() * qsizetype(items->size());
    for (const Value& item : *items) {
        size += item.isString() ? item.stringValue().size() : 8;
    }
    if (out.capacity() < size) {
        out.reserve(std::max(size, out.capacity() + out.capacity() / 2));
    }
    bool first = true;
    for (const Value& item : *items) {
        if (!first) {
            appendText(out, sep);
        }
        first = false;
        if (attribute.isNone()) {
            item.appendStr(out);
        } else {
            interp.getPath(item, attribute).appendStr(out);
        }
        interp.checkStringSize(out.size());
    }
}

Value fJoin(Interpreter& interp, const Value& v, CallArgs& args)
{
    QString out;
    appendJoin(interp, v, args, out);
    return Value(out);
}

Value fLength(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("length"), args, {});
    return Value(qint64(interp.length(v)));
}

Value fList(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("list"), args, {});
    return Value::list(interp.iterate(v));
}

Value fLower(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("lower"), args, {});
    return Value(v.str().toLower());
}

Value fUpper(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("upper"), args, {});
    return Value(v.str().toUpper());
}

Value fMap(Interpreter& interp, const Value& v, CallArgs& args)
{
    ValueList out;
    const ValueList items = interp.iterate(v);
    if (args.positional.empty()) {
        const Value* attribute = args.keyword(QStringLiteral("attribute"));
        if (!attribute) {
            interp.fail(QStringLiteral("map requires a filter argument"));
        }
        const Value* fallback = args.keyword(QStringLiteral("default"));
        for (const auto& kw : args.keywords) {
            if (kw.first != QLatin1String("attribute") && kw.first != QLatin1String("default")) {
                interp.fail(QStringLiteral("Unexpected keyword argument %1").arg(pythonStringRepr(kw.first)));
            }
        }
        for (const Value& item : items) {
            out.push_back(interp.getPath(item, *attribute, fallback));
        }
        return Value::list(std::move(out));
    }
    const QString name = args.positional.front().str();
    CallArgs rest;
    rest.positional.assign(args.positional.begin() + 1, args.positional.end());
    rest.keywords = args.keywords;
    const FilterFn fn = findFilter(name);
    if (!fn) {
        interp.fail(QStringLiteral("No filter named '%1'.").arg(name));
    }
    for (const Value& item : items) {
        CallArgs a = rest;
        out.push_back(fn(interp, item, a));
    }
    return Value::list(std::move(out));
}

Value minMax(Interpreter& interp, const Value& v, CallArgs& args, bool max)
{
    Params p(interp, max ? QStringLiteral("max") : QStringLiteral("min"), args, { "case_sensitive", "attribute" });
    const bool cs = p.boolean(0, false);
    const Value attribute = p.get(1, Value::none());
    const ValueList items = interp.iterate(v);
    if (items.empty()) {
        return interp.makeUndefined(QStringLiteral("No aggregated item, sequence was empty."));
    }
    size_t best = 0;
    Value bestKey = attrOrSelf(interp, items[0], attribute, cs);
    for (size_t i = 1; i < items.size(); ++i) {
        const Value key = attrOrSelf(interp, items[i], attribute, cs);
        if (max ? lessThan(bestKey, key) : lessThan(key, bestKey)) {
            best = i;
            bestKey = key;
        }
    }
    return items[best];
}

Value fMax(Interpreter& interp, const Value& v, CallArgs& args)
{
    return minMax(interp, v, args, true);
}

Value fMin(Interpreter& interp, const Value& v, CallArgs& args)
{
    return minMax(interp, v, args, false);
}

// Python's pprint.pformat (what Jinja2's pprint filter prints): dicts with their keys sorted, and anything whose
// repr does not fit in 80 columns laid out one item a line, long strings cut into adjacent literals at spaces.
class PrettyPrinter {
public:
    QString format(const Value& v)
    {
        write(v, 0, 0, 1);
        return m_out;
    }

private:
    static constexpr qsizetype kWidth = 80;
    static constexpr int kMaxDepth = 200;

    // Python's sorted(key=_safe_key): values that compare by `<`, else by their type's name.
    static bool safeLess(const Value& a, const Value& b)
    {
        try {
            return lessThan(a, b);
        } catch (const RenderError&) {
            return a.typeName() < b.typeName();
        }
    }
    static DictItems sortedItems(const Value& v)
    {
        DictItems items = v.dictObject()->items;
        std::stable_sort(
            items.begin(), items.end(), [](const auto& x, const auto& y) { return safeLess(x.first, y.first); });
        return items;
    }
    // repr() with sorted dict keys at every depth (pprint's _safe_repr). A container inside itself, or nested
    // beyond the engine's depth, is an error as it is for repr().
    static QString repr(const Value& v, int depth = 0)
    {
        if (depth > kMaxDepth) {
            raise(QStringLiteral("maximum recursion depth exceeded (a container nested too deeply or inside itself)"));
        }
        if (v.isDict()) {
            QString out = QStringLiteral("{");
            bool first = true;
            for (const auto& [k, val] : sortedItems(v)) {
                out += first ? QString() : QStringLiteral(", ");
                out += repr(k, depth + 1) + QStringLiteral(": ") + repr(val, depth + 1);
                first = false;
            }
            return out + QLatin1Char('}');
        }
        if (v.isSequence() && !v.isRange()) {
            const auto& items = v.listObject()->items;
            QString out = v.isTuple() ? QStringLiteral("(") : QStringLiteral("[");
            for (size_t i = 0; i < items.size(); ++i) {
                out += (i ? QStringLiteral(", ") : QString()) + repr(items[i], depth + 1);
            }
            if (v.isTuple() && items.size() == 1) {
                out += QLatin1Char(',');
            }
            return out + (v.isTuple() ? QLatin1Char(')') : QLatin1Char(']'));
        }
        return v.repr();
    }
    void write(const Value& v, qsizetype indent, qsizetype allowance, int level)
    {
        const QString rep = repr(v);
        if (pyLength(rep) <= kWidth - indent - allowance) {
            m_out += rep;
            return;
        }
        if (v.isDict() && v.dictObject()->size() > 0) {
            m_out += QLatin1Char('{');
            const DictItems items = sortedItems(v);
            const qsizetype inner = indent + 1;
            for (size_t i = 0; i < items.size(); ++i) {
                const bool last = i + 1 == items.size();
                const QString key = repr(items[i].first);
                m_out += key + QStringLiteral(": ");
                write(items[i].second, inner + pyLength(key) + 2, last ? allowance + 1 : 1, level + 1);
                if (!last) {
                    m_out += QStringLiteral(",\n") + QString(inner, QLatin1Char(' '));
                }
            }
            m_out += QLatin1Char('}');
        } else if (v.isSequence() && !v.isRange() && !v.listObject()->items.empty()) {
            const auto& items = v.listObject()->items;
            const bool tuple = v.isTuple();
            const QString end
                = tuple ? (items.size() == 1 ? QStringLiteral(",)") : QStringLiteral(")")) : QStringLiteral("]");
            m_out += tuple ? QLatin1Char('(') : QLatin1Char('[');
            const qsizetype inner = indent + 1;
            for (size_t i = 0; i < items.size(); ++i) {
                const bool last = i + 1 == items.size();
                if (i) {
                    m_out += QStringLiteral(",\n") + QString(inner, QLatin1Char(' '));
                }
                write(items[i], inner, last ? allowance + end.size() : 1, level + 1);
            }
            m_out += end;
        } else if (v.isString() && !v.stringValue().isEmpty()) {
            writeString(v.stringValue(), indent, allowance, level);
        } else {
            m_out += rep;
        }
    }
    void writeString(const QString& s, qsizetype indent, qsizetype allowance, int level)
    {
        if (level == 1) {
            ++indent;
            ++allowance;
        }
        QStringList lines; // splitlines(keepends=True) for \n, \r\n and \r
        qsizetype start = 0;
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s.at(i) == QLatin1Char('\n') || s.at(i) == QLatin1Char('\r')) {
                if (s.at(i) == QLatin1Char('\r') && i + 1 < s.size() && s.at(i + 1) == QLatin1Char('\n')) {
                    ++i;
                }
                lines << s.mid(start, i + 1 - start);
                start = i + 1;
            }
        }
        if (start < s.size()) {
            lines << s.mid(start);
        }
        QStringList chunks;
        const qsizetype maxWidth = kWidth - indent;
        QString lastRep;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString& line = lines.at(i);
            lastRep = pythonStringRepr(line);
            const bool lastLine = i == lines.size() - 1;
            if (pyLength(lastRep) <= maxWidth - (lastLine ? allowance : 0)) {
                chunks << lastRep;
                continue;
            }
            // Alternating runs of non-space and space, as re.findall(r'\S*\s*', line) without its empty tail.
            QStringList parts;
            static const QRegularExpression re(QStringLiteral("\\S*\\s*"));
            for (auto it = re.globalMatch(line); it.hasNext();) {
                const QString part = it.next().captured();
                if (!part.isEmpty()) {
                    parts << part;
                }
            }
            QString current;
            for (qsizetype j = 0; j < parts.size(); ++j) {
                const QString candidate = current + parts.at(j);
                const qsizetype limit = maxWidth - (j == parts.size() - 1 && lastLine ? allowance : 0);
                if (pyLength(pythonStringRepr(candidate)) > limit) {
                    if (!current.isEmpty()) {
                        chunks << pythonStringRepr(current);
                    }
                    current = parts.at(j);
                } else {
                    current = candidate;
                }
            }
            if (!current.isEmpty()) {
                chunks << pythonStringRepr(current);
            }
        }
        if (chunks.size() == 1) {
            m_out += lastRep;
            return;
        }
        if (level == 1) {
            m_out += QLatin1Char('(');
        }
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            if (i > 0) {
                m_out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
            }
            m_out += chunks.at(i);
        }
        if (level == 1) {
            m_out += QLatin1Char(')');
        }
    }

    QString m_out;
};

// urlize: Jinja2's utils.urlize (3.1) with the filter's defaults (rel="noopener"): http(s)://, www. and bare
// domains with a common TLD become links, e-mail addresses mailto: links; surrounding punctuation stays outside.
Value fUrlize(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(
        interp, QStringLiteral("urlize"), args, { "trim_url_limit", "nofollow", "target", "rel", "extra_schemes" });
    const Value limitValue = p.get(0, Value::none());
    const bool nofollow = p.boolean(1, false);
    const Value target = p.get(2, Value::none());
    const Value relValue = p.get(3, Value::none());
    const Value schemesValue = p.get(4, Value::none());
    QStringList relParts = (relValue.isNone() ? QString() : relValue.str()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (nofollow) {
        relParts << QStringLiteral("nofollow");
    }
    relParts << QStringLiteral("noopener");
    relParts.sort();
    relParts.removeDuplicates();
    QStringList schemes;
    if (!schemesValue.isNone()) {
        static const QRegularExpression schemeRe(
            QStringLiteral("^[\\w.+-]{2,}:(/){0,2}$"), QRegularExpression::UseUnicodePropertiesOption);
        for (const Value& scheme : interp.iterate(schemesValue)) {
            if (!schemeRe.match(scheme.str()).hasMatch()) {
                interp.fail(QStringLiteral("%1 is not a valid URI scheme prefix.").arg(scheme.repr()));
            }
            schemes << scheme.str();
        }
    }
    const auto trim = [&](const QString& x) -> QString {
        if (!limitValue.isNone() && pyLength(x) > limitValue.intValue()) {
            return pyLeft(x, limitValue.intValue()) + QStringLiteral("...");
        }
        return x;
    };
    const QString relAttr = QStringLiteral(" rel=\"%1\"").arg(htmlEscape(relParts.join(QLatin1Char(' '))));
    const QString targetAttr = target.isNone() || !target.truthy()
        ? QString()
        : QStringLiteral(" target=\"%1\"").arg(htmlEscape(target.str()));
    static const QRegularExpression httpRe(
        QStringLiteral(
            "^(?:(?:https?://|www\\.)(?:(?:[\\w%-]+\\.)+)?(?:[a-z]{2,63}|xn--[\\w%]{2,59})"
            "|(?:[\\w%-]{2,63}\\.)+(?:com|net|int|edu|gov|org|info|mil)"
            "|(?:https?://)(?:(?:\\d{1,3})(?:\\.\\d{1,3}){3}|\\[(?:[\\da-f]{0,4}:){2}(?:[\\da-f]{0,4}:?){1,6}\\]))"
            "(?::\\d{1,5})?(?:[/?#]\\S*)?$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression emailRe(
        QStringLiteral("^\\S+@\\w[\\w.-]*\\.\\w+$"), QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression spaces(QStringLiteral("\\s+"), QRegularExpression::UseUnicodePropertiesOption);
    static const QRegularExpression lead(QStringLiteral("^(?:[(<]|&lt;)+"));
    static const QRegularExpression trail(QStringLiteral("(?:[)>.,\\n]|&gt;)+$"));
    const QString text = htmlEscape(v.str());
    QString out;
    qsizetype pos = 0;
    const auto linkWord = [&](QString middle) -> QString {
        QString head;
        QString tail;
        if (const auto m = lead.match(middle); m.hasMatch()) {
            head = m.captured();
            middle = middle.mid(m.capturedEnd());
        }
        if (middle.endsWith(QLatin1Char(')')) || middle.endsWith(QLatin1Char('>')) || middle.endsWith(QLatin1Char('.'))
            || middle.endsWith(QLatin1Char(',')) || middle.endsWith(QLatin1Char('\n'))
            || middle.endsWith(QLatin1String("&gt;"))) {
            if (const auto m = trail.match(middle); m.hasMatch()) {
                tail = m.captured();
                middle = middle.left(m.capturedStart());
            }
        }
        // Prefer balancing parentheses in URLs to leaving a closing one outside.
        for (const auto& [open, close] : { std::pair { QStringLiteral("("), QStringLiteral(")") },
                 std::pair { QStringLiteral("<"), QStringLiteral(">") },
                 std::pair { QStringLiteral("&lt;"), QStringLiteral("&gt;") } }) {
            const qsizetype opens = middle.count(open);
            if (opens <= middle.count(close)) {
                continue;
            }
            for (qsizetype k = std::min(opens, tail.count(close)); k > 0; --k) {
                const qsizetype endIndex = tail.indexOf(close) + close.size();
                middle += tail.left(endIndex);
                tail = tail.mid(endIndex);
            }
        }
        if (httpRe.match(middle).hasMatch()) {
            const QString href
                = middle.startsWith(QLatin1String("https://")) || middle.startsWith(QLatin1String("http://"))
                ? middle
                : QStringLiteral("https://") + middle;
            middle = QStringLiteral("<a href=\"%1\"%2%3>%4</a>").arg(href, relAttr, targetAttr, trim(middle));
        } else if (middle.startsWith(QLatin1String("mailto:")) && emailRe.match(middle.mid(7)).hasMatch()) {
            middle = QStringLiteral("<a href=\"%1\">%2</a>").arg(middle, middle.mid(7));
        } else if (middle.contains(QLatin1Char('@')) && !middle.startsWith(QLatin1String("www."))
            && !middle.contains(QLatin1Char(':')) && emailRe.match(middle).hasMatch()) {
            middle = QStringLiteral("<a href=\"mailto:%1\">%1</a>").arg(middle);
        } else {
            for (const QString& scheme : std::as_const(schemes)) {
                if (middle != scheme && middle.startsWith(scheme)) {
                    middle = QStringLiteral("<a href=\"%1\"%2%3>%1</a>").arg(middle, relAttr, targetAttr);
                }
            }
        }
        return head + middle + tail;
    };
    for (auto it = spaces.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        out += linkWord(text.mid(pos, m.capturedStart() - pos));
        out += m.captured();
        pos = m.capturedEnd();
    }
    out += linkWord(text.mid(pos));
    interp.checkStringSize(out.size());
    return Value(out);
}

Value fPprint(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("pprint"), args, {});
    v.checkUndefined();
    return Value(PrettyPrinter().format(v));
}

Value selectOrReject(Interpreter& interp, const Value& v, CallArgs& args, bool select, bool byAttr)
{
    ValueList out;
    size_t next = 0;
    Value attribute;
    if (byAttr) {
        if (args.positional.empty()) {
            interp.fail(QStringLiteral("Missing parameter for attribute name"));
        }
        attribute = args.positional[next++];
    }
    QString testName;
    CallArgs testArgs;
    if (next < args.positional.size()) {
        testName = args.positional[next++].str();
        testArgs.positional.assign(args.positional.begin() + qsizetype(next), args.positional.end());
        testArgs.keywords = args.keywords;
    }
    TestFn test = nullptr;
    if (!testName.isEmpty()) {
        test = findTest(testName);
        if (!test) {
            interp.fail(QStringLiteral("No test named '%1'.").arg(testName));
        }
    }
    for (const Value& item : interp.iterate(v)) {
        const Value x = byAttr ? interp.getPath(item, attribute) : item;
        bool ok;
        if (test) {
            CallArgs a = testArgs;
            ok = test(interp, x, a);
        } else {
            ok = x.truthy();
        }
        if (ok == select) {
            out.push_back(item);
        }
    }
    return Value::list(std::move(out));
}

Value fSelect(Interpreter& interp, const Value& v, CallArgs& args)
{
    return selectOrReject(interp, v, args, true, false);
}

Value fReject(Interpreter& interp, const Value& v, CallArgs& args)
{
    return selectOrReject(interp, v, args, false, false);
}

Value fSelectattr(Interpreter& interp, const Value& v, CallArgs& args)
{
    return selectOrReject(interp, v, args, true, true);
}

Value fRejectattr(Interpreter& interp, const Value& v, CallArgs& args)
{
    return selectOrReject(interp, v, args, false, true);
}

Value fReplace(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("replace"), args, { "old", "new", "count" });
    const Value count = p.get(2, Value::none());
    if (count.isNone()) { // every occurrence, left to right, as str.replace does; Qt's replace is the same
        const QString from = p.required(0).str();
        if (!from.isEmpty()) {
            QString text = v.str();
            const QString to = p.required(1).str();
            if (to.size() > from.size()) { // the size it grows to is checked before any of it is built
                interp.checkStringSize(text.size() + text.count(from) * (to.size() - from.size()));
            }
            text.replace(from, to);
            return Value(text);
        }
    }
    CallArgs a;
    a.positional = { Value(p.required(0).str()), Value(p.required(1).str()) };
    if (!count.isNone()) {
        a.positional.push_back(count);
    }
    return callMethod(interp, Value(v.str()), QStringLiteral("replace"), a);
}

Value fReverse(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("reverse"), args, {});
    if (v.isString()) {
        std::vector<QStringView> chars = pyChars(v.stringValue()); // surrogate pairs stay in order
        std::reverse(chars.begin(), chars.end());
        QString s;
        s.reserve(v.stringValue().size());
        for (const QStringView c : chars) {
            s += c;
        }
        return Value(s);
    }
    ValueList items = interp.iterate(v);
    std::reverse(items.begin(), items.end());
    return Value::list(std::move(items));
}

Value fRound(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("round"), args, { "precision", "method" });
    const qint64 precision = p.integer(0, 0);
    const QString method = p.string(1, QStringLiteral("common"));
    if (method != QLatin1String("common") && method != QLatin1String("ceil") && method != QLatin1String("floor")) {
        interp.fail(QStringLiteral("method must be common, ceil or floor"));
    }
    v.checkUndefined();
    if (!v.isNumber()) {
        interp.fail(QStringLiteral("type %1 doesn't define __round__ method").arg(v.typeName()));
    }
    const double d = v.floatValue();
    if (method == QLatin1String("common")) {
        if (v.isIntegral()) {
            // round(int, n) stays an int in Python; negative n rounds half to even on the exact integer.
            if (precision >= 0) {
                return Value(v.intValue());
            }
            if (precision < -18) {
                return Value(qint64(0));
            }
            qint64 scale = 1;
            for (qint64 i = 0; i < -precision; ++i) {
                scale *= 10;
            }
            const qint64 x = v.intValue();
            qint64 q = x / scale;
            qint64 r = x % scale;
            if (r < 0) {
                r += scale;
                --q;
            }
            if (r * 2 > scale || (r * 2 == scale && (q & 1))) {
                ++q;
            }
            return Value(q * scale);
        }
        if (std::isnan(d) || std::isinf(d)) {
            return Value(d);
        }
        if (precision > 300) {
            return Value(d);
        }
        if (precision >= 0) {
            // glibc's printf rounds the exact binary value half to even, as Python's round() does.
            char buf[512];
            std::snprintf(buf, sizeof buf, "%.*f", int(precision), d);
            return Value(std::strtod(buf, nullptr));
        }
        if (precision < -308) {
            return Value(0.0 * d);
        }
        const double scale = std::pow(10.0, double(-precision));
        return Value(std::nearbyint(d / scale) * scale);
    }
    const double scale = std::pow(10.0, double(precision));
    const double r = method == QLatin1String("ceil") ? std::ceil(d * scale) : std::floor(d * scale);
    return Value(r / scale);
}

Value fSafe(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("safe"), args, {});
    return Value::markup(v.str());
}

Value fSlice(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("slice"), args, { "slices", "fill_with" });
    const qint64 slices = p.integer(0, 1);
    const Value fill = p.get(1, Value::none());
    const ValueList seq = interp.iterate(v);
    const qint64 length = qint64(seq.size());
    if (slices <= 0) {
        interp.fail(QStringLiteral("integer division or modulo by zero"));
    }
    interp.checkStringSize(slices);
    const qint64 per = length / slices;
    const qint64 extra = length % slices;
    qint64 offset = 0;
    ValueList out;
    for (qint64 n = 0; n < slices; ++n) {
        const qint64 start = offset + n * per;
        if (n < extra) {
            ++offset;
        }
        const qint64 end = offset + (n + 1) * per;
        ValueList tmp(seq.begin() + start, seq.begin() + end);
        if (!fill.isNone() && n >= extra) {
            tmp.push_back(fill);
        }
        out.push_back(Value::list(std::move(tmp)));
    }
    return Value::list(std::move(out));
}

Value fSort(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("sort"), args, { "reverse", "case_sensitive", "attribute" });
    const bool rev = p.boolean(0, false);
    const bool cs = p.boolean(1, false);
    const Value attribute = p.get(2, Value::none());
    ValueList items = interp.iterate(v);
    ValueList attrs;
    if (attribute.isString() && attribute.stringValue().contains(QLatin1Char(','))) {
        for (const QString& part : attribute.stringValue().split(QLatin1Char(','))) {
            attrs.emplace_back(part.trimmed());
        }
    } else {
        attrs.push_back(attribute);
    }
    // The keys of all items in one flat array (attrs.size() per item); items are sorted as indices.
    const size_t width = attrs.size();
    ValueList keys;
    keys.reserve(items.size() * width);
    for (const Value& item : items) {
        for (const Value& a : attrs) {
            keys.push_back(attrOrSelf(interp, item, a, cs));
        }
    }
    const auto less = [&](size_t a, size_t b) {
        for (size_t i = 0; i < width; ++i) {
            const Value& x = keys[a * width + i];
            const Value& y = keys[b * width + i];
            if (lessThan(x, y)) {
                return true;
            }
            if (lessThan(y, x)) {
                return false;
            }
        }
        return false;
    };
    std::vector<size_t> order(items.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    stableSort(order.begin(), order.end(), [&](size_t a, size_t b) { return rev ? less(b, a) : less(a, b); });
    ValueList out;
    out.reserve(items.size());
    for (const size_t i : order) {
        out.push_back(std::move(items[i]));
    }
    return Value::list(std::move(out));
}

Value fString(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("string"), args, {});
    if (v.isMarkup()) {
        return v;
    }
    return Value(v.str());
}

QString unescapeEntities(const QString& s)
{
    static const QRegularExpression entity(QStringLiteral("&(#\\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);"));
    static const QHash<QString, QString> named
        = { { QStringLiteral("amp"), QStringLiteral("&") }, { QStringLiteral("lt"), QStringLiteral("<") },
              { QStringLiteral("gt"), QStringLiteral(">") }, { QStringLiteral("quot"), QStringLiteral("\"") },
              { QStringLiteral("apos"), QStringLiteral("'") }, { QStringLiteral("nbsp"), QString(QChar(0xa0)) } };
    QString out;
    qsizetype last = 0;
    auto it = entity.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        out += QStringView(s).mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        if (name.startsWith(QLatin1Char('#'))) {
            bool ok = false;
            const uint cp
                = name.at(1).toLower() == QLatin1Char('x') ? name.mid(2).toUInt(&ok, 16) : name.mid(1).toUInt(&ok);
            if (ok && cp <= 0x10ffff) {
                out += QString::fromUcs4(reinterpret_cast<const char32_t*>(&cp), 1);
            } else {
                out += m.captured(0);
            }
        } else if (named.contains(name)) {
            out += named.value(name);
        } else {
            out += m.captured(0);
        }
        last = m.capturedEnd();
    }
    out += QStringView(s).mid(last);
    return out;
}

Value fStriptags(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("striptags"), args, {});
    QString s = v.str();
    // markupsafe: remove comments, then tags, collapse whitespace, unescape entities.
    static const QRegularExpression comments(
        QStringLiteral("<!--.*?-->"), QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(QStringLiteral("<.*?>"), QRegularExpression::DotMatchesEverythingOption);
    s.remove(comments);
    s.remove(tags);
    QStringList words;
    for (const QString& w : s.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
        words << w;
    }
    return Value(unescapeEntities(words.join(QLatin1Char(' '))));
}

Value fSum(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("sum"), args, { "attribute", "start" });
    const Value attribute = p.get(0, Value::none());
    Value total = p.get(1, Value(qint64(0)));
    for (const Value& item : interp.iterate(v)) {
        const Value x = attribute.isNone() ? item : interp.getPath(item, attribute);
        total = interp.binary(BinaryOp::Add, total, x);
    }
    return total;
}

Value fTitle(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("title"), args, {});
    // Jinja2 splits on runs of [-\s({[<] and capitalises each piece.
    const QString s = v.str();
    QString out;
    out.reserve(s.size());
    const auto isSep = [](QChar c) {
        return c == QLatin1Char('-') || isPySpace(c) || c == QLatin1Char('(') || c == QLatin1Char('{')
            || c == QLatin1Char('[') || c == QLatin1Char('<');
    };
    bool start = true;
    for (const QChar c : s) {
        if (isSep(c)) {
            out += c;
            start = true;
        } else {
            out += start ? c.toUpper() : c.toLower();
            start = false;
        }
    }
    return Value(out);
}

Value fTojson(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("tojson"), args, { "indent" });
    JsonOptions o;
    o.sortKeys = true;
    const Value indent = p.get(0, Value::none());
    o.indent = indent.isIntegral() ? int(indent.intValue()) : -1;
    QString s = toJson(interp, v, o);
    s.replace(QLatin1Char('<'), QLatin1String("\\u003c"));
    s.replace(QLatin1Char('>'), QLatin1String("\\u003e"));
    s.replace(QLatin1Char('&'), QLatin1String("\\u0026"));
    s.replace(QLatin1Char('\''), QLatin1String("\\u0027"));
    return Value::markup(s);
}

Value fTrim(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("trim"), args, { "chars" });
    CallArgs a;
    if (p.has(0)) {
        a.positional.push_back(p.get(0));
    }
    return callMethod(interp, Value(v.str()), QStringLiteral("strip"), a);
}

Value fTruncate(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("truncate"), args, { "length", "killwords", "end", "leeway" });
    const qint64 length = p.integer(0, 255);
    const bool killwords = p.boolean(1, false);
    const QString end = p.string(2, QStringLiteral("..."));
    const Value leewayValue = p.get(3, Value::none());
    const qint64 leeway = leewayValue.isNone() ? 5 : leewayValue.intValue();
    const QString s = v.str();
    if (length < end.size()) {
        interp.fail(QStringLiteral("expected length >= %1, got %2").arg(end.size()).arg(length));
    }
    if (leeway < 0) {
        interp.fail(QStringLiteral("expected leeway >= 0, got %1").arg(leeway));
    }
    if (pyLength(s) <= length + leeway) {
        return Value(s);
    }
    if (killwords) {
        return Value(pyLeft(s, length - end.size()) + end);
    }
    QString result = pyLeft(s, length - end.size());
    const qsizetype space = result.lastIndexOf(QLatin1Char(' '));
    if (space >= 0) {
        result.truncate(space);
    }
    return Value(result + end);
}

Value fUnique(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("unique"), args, { "case_sensitive", "attribute" });
    const bool cs = p.boolean(0, false);
    const Value attribute = p.get(1, Value::none());
    ValueList seen;
    ValueList out;
    for (const Value& item : interp.iterate(v)) {
        const Value key = attrOrSelf(interp, item, attribute, cs);
        if (key.isList() || key.isDict()) {
            interp.fail(QStringLiteral("unhashable type: '%1'").arg(key.typeName()));
        }
        bool dup = false;
        for (const Value& s : seen) {
            if (s == key) {
                dup = true;
                break;
            }
        }
        if (!dup) {
            seen.push_back(key);
            out.push_back(item);
        }
    }
    return Value::list(std::move(out));
}

QString urlQuote(const Value& v, bool forQs)
{
    const QByteArray bytes = v.str().toUtf8();
    QString out;
    for (const char ch : bytes) {
        const uchar c = uchar(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
            || c == '-' || c == '~' || (!forQs && c == '/')) {
            out += QLatin1Char(char(c));
        } else {
            out += QLatin1Char('%') + QString::number(c, 16).toUpper().rightJustified(2, QLatin1Char('0'));
        }
    }
    if (forQs) {
        out.replace(QLatin1String("%20"), QLatin1String("+"));
    }
    return out;
}

Value fUrlencode(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("urlencode"), args, {});
    if (v.isString()) {
        return Value(urlQuote(v, false));
    }
    QStringList parts;
    if (v.isDict()) {
        for (const auto& [k, val] : v.dictObject()->items) {
            parts << urlQuote(k, true) + QLatin1Char('=') + urlQuote(val, true);
        }
    } else {
        for (const Value& item : interp.iterate(v)) {
            const ValueList kv = interp.iterate(item);
            if (kv.size() != 2) {
                interp.fail(QStringLiteral("expected pairs to urlencode"));
            }
            parts << urlQuote(kv[0], true) + QLatin1Char('=') + urlQuote(kv[1], true);
        }
    }
    return Value(parts.join(QLatin1Char('&')));
}

Value fWordcount(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("wordcount"), args, {});
    const QString s = v.str();
    qint64 n = 0;
    bool in = false;
    for (const QChar c : s) {
        const bool word = c.isLetterOrNumber() || c == QLatin1Char('_') || c.isMark();
        if (word && !in) {
            ++n;
        }
        in = word;
    }
    return Value(n);
}

// textwrap.wrap(line, width, expand_tabs=False, replace_whitespace=False, break_long_words, break_on_hyphens=False)
QStringList wrapLine(const QString& text, qint64 width, bool breakLong)
{
    // Chunks: runs of whitespace and runs of non-whitespace.
    QStringList chunks;
    for (qsizetype i = 0; i < text.size();) {
        const bool ws = isPySpace(text.at(i));
        qsizetype j = i;
        while (j < text.size() && isPySpace(text.at(j)) == ws) {
            ++j;
        }
        chunks << text.mid(i, j - i);
        i = j;
    }
    std::reverse(chunks.begin(), chunks.end());
    QStringList lines;
    while (!chunks.isEmpty()) {
        QStringList cur;
        qint64 curLen = 0;
        if (!lines.isEmpty() && chunks.last().trimmed().isEmpty() && isPySpace(chunks.last().at(0))) {
            chunks.removeLast();
        }
        while (!chunks.isEmpty()) {
            const qint64 l = chunks.last().size();
            if (curLen + l <= width) {
                cur << chunks.takeLast();
                curLen += l;
            } else {
                break;
            }
        }
        if (!chunks.isEmpty() && chunks.last().size() > width) {
            const qint64 spaceLeft = width < 1 ? 1 : width - curLen;
            if (breakLong) {
                QString& last = chunks.last();
                cur << last.left(spaceLeft);
                last = last.mid(spaceLeft);
                curLen += spaceLeft;
            } else if (cur.isEmpty()) {
                cur << chunks.takeLast();
            }
        }
        if (!cur.isEmpty() && isPySpace(cur.last().at(0)) && cur.last().trimmed().isEmpty()) {
            curLen -= cur.last().size();
            cur.removeLast();
        }
        if (!cur.isEmpty()) {
            lines << cur.join(QString());
        }
    }
    return lines;
}

Value fWordwrap(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(
        interp, QStringLiteral("wordwrap"), args, { "width", "break_long_words", "wrapstring", "break_on_hyphens" });
    const qint64 width = p.integer(0, 79);
    if (width <= 0) {
        interp.fail(QStringLiteral("invalid width %1 (must be > 0)").arg(width));
    }
    const bool breakLong = p.boolean(1, true);
    const Value wrapValue = p.get(2, Value::none());
    const QString wrap = wrapValue.isNone() ? QStringLiteral("\n") : wrapValue.str();
    QStringList out;
    for (const QString& line : pySplitLines(v.str())) {
        out << wrapLine(line, width, breakLong).join(wrap);
    }
    return Value(out.join(wrap));
}

Value fXmlattr(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("xmlattr"), args, { "autospace" });
    const bool autospace = p.boolean(0, true);
    if (!v.isDict()) {
        v.checkUndefined();
        interp.fail(QStringLiteral("'%1' object has no attribute 'items'").arg(v.typeName()));
    }
    QStringList parts;
    for (const auto& [k, val] : v.dictObject()->items) {
        if (val.isNone() || val.isUndefined()) {
            continue;
        }
        parts << htmlEscape(k.str()) + QStringLiteral("=\"") + htmlEscape(val.str()) + QLatin1Char('"');
    }
    QString rv = parts.join(QLatin1Char(' '));
    if (autospace && !rv.isEmpty()) {
        rv.prepend(QLatin1Char(' '));
    }
    return Value::markup(rv);
}

Value fFilesizeformat(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("filesizeformat"), args, { "binary" });
    const bool binary = p.boolean(0, false);
    double bytes = 0;
    if (v.isNumber()) {
        bytes = v.floatValue();
    } else if (!parsePyFloat(v.str(), &bytes)) {
        interp.fail(QStringLiteral("could not convert string to float: %1").arg(v.repr()));
    }
    const double base = binary ? 1024 : 1000;
    static const char* const dec[] = { "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
    static const char* const bin[] = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" };
    if (bytes == 1) {
        return Value(QStringLiteral("1 Byte"));
    }
    if (bytes < base) {
        return Value(QStringLiteral("%1 Bytes").arg(truncateToInt(bytes)));
    }
    double unit = base;
    for (int i = 0; i < 8; ++i) {
        unit = std::pow(base, i + 2);
        if (bytes < unit || i == 7) {
            return Value(QString::asprintf("%.1f ", base * bytes / unit) + QLatin1String(binary ? bin[i] : dec[i]));
        }
    }
    return Value(QString());
}

} // namespace

AppendFilterFn findAppendFilter(const QString& name)
{
    if (name == QLatin1String("join")) {
        return &appendJoin;
    }
    if (name == QLatin1String("format")) {
        return &appendFormat;
    }
    return nullptr;
}

FilterFn findFilter(const QString& name)
{
    static const QHash<QString, FilterFn> filters = [] {
        QHash<QString, FilterFn> f = {
            { QStringLiteral("abs"), &fAbs },
            { QStringLiteral("attr"), &fAttr },
            { QStringLiteral("batch"), &fBatch },
            { QStringLiteral("capitalize"), &fCapitalize },
            { QStringLiteral("center"), &fCenter },
            { QStringLiteral("default"), &fDefault },
            { QStringLiteral("d"), &fDefault },
            { QStringLiteral("dictsort"), &fDictsort },
            { QStringLiteral("escape"), &fEscape },
            { QStringLiteral("e"), &fEscape },
            { QStringLiteral("filesizeformat"), &fFilesizeformat },
            { QStringLiteral("first"), &fFirst },
            { QStringLiteral("float"), &fFloat },
            { QStringLiteral("forceescape"), &fForceescape },
            { QStringLiteral("format"), &fFormat },
            { QStringLiteral("groupby"), &fGroupby },
            { QStringLiteral("indent"), &fIndent },
            { QStringLiteral("int"), &fInt },
            { QStringLiteral("items"), &fItems },
            { QStringLiteral("join"), &fJoin },
            { QStringLiteral("last"), &fLast },
            { QStringLiteral("length"), &fLength },
            { QStringLiteral("count"), &fLength },
            { QStringLiteral("list"), &fList },
            { QStringLiteral("lower"), &fLower },
            { QStringLiteral("map"), &fMap },
            { QStringLiteral("max"), &fMax },
            { QStringLiteral("min"), &fMin },
            { QStringLiteral("pprint"), &fPprint },
            { QStringLiteral("reject"), &fReject },
            { QStringLiteral("rejectattr"), &fRejectattr },
            { QStringLiteral("replace"), &fReplace },
            { QStringLiteral("reverse"), &fReverse },
            { QStringLiteral("round"), &fRound },
            { QStringLiteral("safe"), &fSafe },
            { QStringLiteral("select"), &fSelect },
            { QStringLiteral("selectattr"), &fSelectattr },
            { QStringLiteral("slice"), &fSlice },
            { QStringLiteral("sort"), &fSort },
            { QStringLiteral("string"), &fString },
            { QStringLiteral("striptags"), &fStriptags },
            { QStringLiteral("sum"), &fSum },
            { QStringLiteral("title"), &fTitle },
            { QStringLiteral("tojson"), &fTojson },
            { QStringLiteral("trim"), &fTrim },
            { QStringLiteral("truncate"), &fTruncate },
            { QStringLiteral("unique"), &fUnique },
            { QStringLiteral("upper"), &fUpper },
            { QStringLiteral("urlize"), &fUrlize },
            { QStringLiteral("urlencode"), &fUrlencode },
            { QStringLiteral("wordcount"), &fWordcount },
            { QStringLiteral("wordwrap"), &fWordwrap },
            { QStringLiteral("xmlattr"), &fXmlattr },
        };
        registerAnsibleFilters(f);
        return f;
    }();
    return filters.value(name, nullptr);
}

} // namespace Jinja
