// Methods of Python's str, list and dict that templates call (`name.split('.')`, `d.items()` …).
#include "jinja/Builtins.h"
#include "jinja/Interpreter.h"

#include <QHash>

namespace Jinja {

namespace {

bool isPySpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == ' ' || (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x1f) || (u > 0x7f && c.isSpace());
}

// Method names are checked on every attribute access of a str/list/dict (attributes win over dict keys in
// Jinja2), so the check is a length switch over string literals rather than a hash lookup.
template <size_t N> bool oneOf(QStringView name, const char* const (&names)[N])
{
    for (const char* n : names) {
        if (name == QLatin1String(n)) {
            return true;
        }
    }
    return false;
}

bool isStringMethod(QStringView n)
{
    static const char* const names[] = { "split", "rsplit", "splitlines", "startswith", "endswith", "strip", "lstrip",
        "rstrip", "lower", "upper", "title", "capitalize", "replace", "join", "format", "count", "find", "rfind",
        "index", "rindex", "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal",
        "zfill", "center", "ljust", "rjust", "partition", "rpartition", "swapcase", "casefold", "removeprefix",
        "removesuffix", "istitle", "isidentifier", "expandtabs", "format_map" };
    return n.size() >= 4 && n.size() <= 12 && oneOf(n, names);
}

bool isListMethod(QStringView n)
{
    static const char* const names[]
        = { "append", "extend", "insert", "pop", "remove", "index", "count", "reverse", "sort", "copy", "clear" };
    return n.size() >= 3 && n.size() <= 7 && oneOf(n, names);
}

bool isTupleMethod(QStringView n)
{
    return n == QLatin1String("index") || n == QLatin1String("count");
}

bool isDictMethod(QStringView n)
{
    static const char* const names[]
        = { "items", "keys", "values", "get", "update", "pop", "copy", "setdefault", "clear", "popitem" };
    return n.size() >= 3 && n.size() <= 10 && oneOf(n, names);
}

struct BoundMethod : CallableObject {
    Value self;
    QString name;
    Value call(Interpreter& interp, CallArgs& args) override { return callMethod(interp, self, name, args); }
    QString reprString() const override
    {
        return QStringLiteral("<built-in method %1 of %2 object>").arg(name, self.typeName());
    }
};

QString stripChars(const QString& s, const Value& chars, bool left, bool right)
{
    qsizetype b = 0;
    qsizetype e = s.size();
    const bool ws = chars.isNone() || chars.isUndefined();
    const QString set = ws ? QString() : chars.str();
    const auto strip = [&](QChar c) { return ws ? isPySpace(c) : set.contains(c); };
    if (left) {
        while (b < e && strip(s.at(b))) {
            ++b;
        }
    }
    if (right) {
        while (e > b && strip(s.at(e - 1))) {
            --e;
        }
    }
    return s.mid(b, e - b);
}

// Python's str.split / rsplit.
ValueList splitString(Interpreter& interp, const QString& s, const Value& sepValue, qint64 maxsplit, bool fromRight)
{
    ValueList parts; // built as values in place: no list of strings to convert after
    parts.reserve(4);
    if (sepValue.isNone() || sepValue.isUndefined()) {
        // Runs of whitespace separate; leading/trailing whitespace ignored.
        if (!fromRight) {
            qsizetype i = 0;
            const qsizetype n = s.size();
            qint64 splits = 0;
            while (i < n) {
                while (i < n && isPySpace(s.at(i))) {
                    ++i;
                }
                if (i >= n) {
                    break;
                }
                if (maxsplit >= 0 && splits >= maxsplit) {
                    qsizetype e = n;
                    while (e > i && isPySpace(s.at(e - 1))) {
                        --e;
                    }
                    parts.emplace_back(s.mid(i, e - i));
                    break;
                }
                qsizetype j = i;
                while (j < n && !isPySpace(s.at(j))) {
                    ++j;
                }
                parts.emplace_back(s.mid(i, j - i));
                ++splits;
                i = j;
            }
        } else {
            qsizetype i = s.size();
            qint64 splits = 0;
            while (i > 0) {
                while (i > 0 && isPySpace(s.at(i - 1))) {
                    --i;
                }
                if (i <= 0) {
                    break;
                }
                if (maxsplit >= 0 && splits >= maxsplit) {
                    qsizetype b = 0;
                    while (b < i && isPySpace(s.at(b))) {
                        ++b;
                    }
                    parts.insert(parts.begin(), Value(s.mid(b, i - b)));
                    break;
                }
                qsizetype j = i;
                while (j > 0 && !isPySpace(s.at(j - 1))) {
                    --j;
                }
                parts.insert(parts.begin(), Value(s.mid(j, i - j)));
                ++splits;
                i = j;
            }
        }
    } else {
        const QString sep = sepValue.str();
        if (sep.isEmpty()) {
            interp.fail(QStringLiteral("empty separator"));
        }
        if (!fromRight) {
            qsizetype start = 0;
            qint64 splits = 0;
            while (maxsplit < 0 || splits < maxsplit) {
                const qsizetype p = s.indexOf(sep, start);
                if (p < 0) {
                    break;
                }
                parts.emplace_back(s.mid(start, p - start));
                start = p + sep.size();
                ++splits;
            }
            parts.emplace_back(s.mid(start));
        } else {
            qsizetype end = s.size();
            qint64 splits = 0;
            while (maxsplit < 0 || splits < maxsplit) {
                if (end - sep.size() < 0) {
                    break;
                }
                const qsizetype p = s.lastIndexOf(sep, end - sep.size());
                if (p < 0) {
                    break;
                }
                parts.insert(parts.begin(), Value(s.mid(p + sep.size(), end - p - sep.size())));
                end = p;
                ++splits;
            }
            parts.insert(parts.begin(), Value(s.left(end)));
        }
    }
    return parts;
}

bool matchesAffix(Interpreter& interp, const QString& s, const Value& affix, bool prefix)
{
    if (affix.isTuple()) {
        for (const Value& a : affix.listObject()->items) {
            if (matchesAffix(interp, s, a, prefix)) {
                return true;
            }
        }
        return false;
    }
    if (!affix.isString()) {
        affix.checkUndefined();
        interp.fail(QStringLiteral("%1 first arg must be str or a tuple of str, not %2")
                        .arg(prefix ? QStringLiteral("startswith") : QStringLiteral("endswith"), affix.typeName()));
    }
    return prefix ? s.startsWith(affix.stringValue()) : s.endsWith(affix.stringValue());
}

QString pyTitle(const QString& s)
{
    QString out;
    out.reserve(s.size());
    bool prevCased = false;
    for (const QChar c : s) {
        if (c.isLetter()) {
            out += prevCased ? c.toLower() : c.toUpper();
            prevCased = true;
        } else {
            out += c;
            prevCased = false;
        }
    }
    return out;
}

Value stringMethod(Interpreter& interp, const Value& self, const QString& name, CallArgs& args)
{
    const QString& s = self.stringValue();
    const auto strArg = [&](int i) {
        if (size_t(i) >= args.positional.size()) {
            interp.fail(QStringLiteral("%1() missing required argument").arg(name));
        }
        const Value& v = args.positional[size_t(i)];
        v.checkUndefined();
        if (!v.isString()) {
            interp.fail(QStringLiteral("must be str, not %1").arg(v.typeName()));
        }
        return v.stringValue();
    };
    if (name == QLatin1String("format")) {
        return Value(strFormat(interp, s, args));
    }
    if (name == QLatin1String("format_map")) { // str.format(**mapping)
        if (args.positional.size() != 1 || !args.keywords.empty()) {
            interp.fail(QStringLiteral("format_map() takes exactly one argument (%1 given)")
                            .arg(args.positional.size() + args.keywords.size()));
        }
        const Value mapping = args.positional.front();
        mapping.checkUndefined();
        if (!mapping.isDict()) {
            interp.fail(QStringLiteral("'%1' object is not a mapping").arg(mapping.typeName()));
        }
        CallArgs named;
        for (const auto& [k, v] : mapping.dictObject()->items) {
            named.keywords.emplace_back(k.str(), v);
        }
        return Value(strFormat(interp, s, named));
    }
    if (name == QLatin1String("expandtabs")) { // tabs to spaces, columns restarting after each line break
        Params p(interp, name, args, { "tabsize" });
        const qint64 size = p.integer(0, 8);
        QString out;
        qint64 column = 0;
        for (const QChar c : s) {
            if (c == QLatin1Char('\t')) {
                const qint64 pad = size > 0 ? size - column % size : 0;
                interp.checkStringSize(out.size() + pad);
                out += QString(qsizetype(pad), QLatin1Char(' '));
                column += pad;
            } else {
                out += c;
                column = c == QLatin1Char('\n') || c == QLatin1Char('\r') ? 0 : column + (c.isLowSurrogate() ? 0 : 1);
            }
        }
        return Value(out);
    }
    if (name == QLatin1String("split") || name == QLatin1String("rsplit")) {
        Params p(interp, name, args, { "sep", "maxsplit" });
        return Value::list(
            splitString(interp, s, p.get(0, Value::none()), p.integer(1, -1), name == QLatin1String("rsplit")));
    }
    if (name == QLatin1String("splitlines")) {
        Params p(interp, name, args, { "keepends" });
        const bool keep = p.boolean(0, false);
        ValueList lines;
        qsizetype start = 0;
        for (qsizetype i = 0; i < s.size(); ++i) {
            const char16_t u = s.at(i).unicode();
            if (u == '\n' || u == '\r' || u == 0x0b || u == 0x0c || u == 0x1c || u == 0x1d || u == 0x1e || u == 0x85
                || u == 0x2028 || u == 0x2029) {
                qsizetype e = i + 1;
                if (u == '\r' && i + 1 < s.size() && s.at(i + 1) == QLatin1Char('\n')) {
                    ++e;
                }
                lines.emplace_back(s.mid(start, (keep ? e : i) - start));
                start = e;
                i = e - 1;
            }
        }
        if (start < s.size()) {
            lines.emplace_back(s.mid(start));
        }
        return Value::list(std::move(lines));
    }
    if (name == QLatin1String("startswith") || name == QLatin1String("endswith")) {
        if (args.positional.empty()) {
            interp.fail(QStringLiteral("%1() takes at least 1 argument (0 given)").arg(name));
        }
        QString sub = s;
        if (args.positional.size() > 1) {
            qint64 b = args.positional[1].intValue();
            qint64 e = args.positional.size() > 2 ? args.positional[2].intValue() : s.size();
            b = b < 0 ? std::max<qint64>(0, b + s.size()) : std::min<qint64>(b, s.size());
            e = e < 0 ? std::max<qint64>(0, e + s.size()) : std::min<qint64>(e, s.size());
            sub = e > b ? s.mid(b, e - b) : QString();
        }
        return Value(matchesAffix(interp, sub, args.positional[0], name == QLatin1String("startswith")));
    }
    if (name == QLatin1String("strip") || name == QLatin1String("lstrip") || name == QLatin1String("rstrip")) {
        Params p(interp, name, args, { "chars" });
        return Value(
            stripChars(s, p.get(0, Value::none()), name != QLatin1String("rstrip"), name != QLatin1String("lstrip")));
    }
    if (name == QLatin1String("lower") || name == QLatin1String("casefold")) {
        return Value(s.toLower());
    }
    if (name == QLatin1String("upper")) {
        return Value(s.toUpper());
    }
    if (name == QLatin1String("swapcase")) {
        QString out = s;
        for (QChar& c : out) {
            c = c.isUpper() ? c.toLower() : c.toUpper();
        }
        return Value(out);
    }
    if (name == QLatin1String("title")) {
        return Value(pyTitle(s));
    }
    if (name == QLatin1String("capitalize")) {
        return Value(s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1).toLower());
    }
    if (name == QLatin1String("replace")) {
        const QString from = strArg(0);
        const QString to = strArg(1);
        const qint64 count = args.positional.size() > 2 ? args.positional[2].intValue() : -1;
        QString out;
        if (from.isEmpty()) {
            qint64 done = 0;
            for (qsizetype i = 0; i <= s.size(); ++i) {
                if (count < 0 || done < count) {
                    out += to;
                    ++done;
                }
                if (i < s.size()) {
                    out += s.at(i);
                }
            }
        } else {
            qsizetype start = 0;
            qint64 done = 0;
            while (count < 0 || done < count) {
                const qsizetype p = s.indexOf(from, start);
                if (p < 0) {
                    break;
                }
                out += QStringView(s).mid(start, p - start);
                out += to;
                start = p + from.size();
                ++done;
            }
            out += QStringView(s).mid(start);
        }
        interp.checkStringSize(out.size());
        return Value(out);
    }
    if (name == QLatin1String("join")) {
        if (args.positional.size() != 1) {
            interp.fail(QStringLiteral("join() takes exactly one argument"));
        }
        QString out;
        bool first = true;
        for (const Value& v : interp.iterate(args.positional[0])) {
            if (!v.isString()) {
                interp.fail(QStringLiteral("sequence item: expected str instance, %1 found").arg(v.typeName()));
            }
            if (!first) {
                out += s;
            }
            first = false;
            out += v.stringValue();
        }
        return Value(out);
    }
    if (name == QLatin1String("count") || name == QLatin1String("find") || name == QLatin1String("index")
        || name == QLatin1String("rfind") || name == QLatin1String("rindex")) {
        // sub[, start[, end]]: start and end as slice bounds (None = open), positions counted in characters as
        // Python counts them (a character beyond U+FFFF is one).
        if (args.positional.size() > 3 || !args.keywords.empty()) {
            interp.fail(QStringLiteral("%1() takes at most 3 arguments").arg(name));
        }
        const QString sub = strArg(0);
        // offsets[c]: the UTF-16 unit where character c starts (offsets[length] = the end).
        std::vector<qsizetype> offsets;
        if (hasSurrogates(s)) {
            for (const QStringView c : pyChars(s)) {
                offsets.push_back(c.data() - s.constData());
            }
            offsets.push_back(s.size());
        }
        const qint64 length = offsets.empty() ? qint64(s.size()) : qint64(offsets.size()) - 1;
        const auto unitOf = [&](qint64 c) { return offsets.empty() ? qsizetype(c) : offsets[size_t(c)]; };
        const auto charOf = [&](qsizetype unit) {
            return offsets.empty() ? qint64(unit)
                                   : qint64(std::lower_bound(offsets.begin(), offsets.end(), unit) - offsets.begin());
        };
        const auto bound = [&](size_t i, qint64 fallback) {
            if (i >= args.positional.size() || args.positional[i].isNone()) {
                return fallback;
            }
            const Value& v = args.positional[i];
            v.checkUndefined();
            if (!v.isIntegral()) {
                interp.fail(QStringLiteral("slice indices must be integers or None or have an __index__ method"));
            }
            const qint64 x = v.intValue();
            return x < 0 ? std::max<qint64>(0, x + length) : x;
        };
        const qint64 start = bound(1, 0);
        const qint64 end = std::min(bound(2, length), length);
        const bool isCount = name == QLatin1String("count");
        const bool mustFind = name.endsWith(QLatin1String("index"));
        qint64 found = -1;
        qint64 count = 0;
        // Python: a start past the end finds nothing, not even the empty string.
        if (start <= length && start <= end) {
            const qsizetype from = unitOf(start);
            const QStringView slice = QStringView(s).mid(from, unitOf(end) - from);
            if (isCount) {
                if (sub.isEmpty()) {
                    count = end - start + 1;
                } else {
                    for (qsizetype q = slice.indexOf(sub); q >= 0; q = slice.indexOf(sub, q + sub.size())) {
                        ++count;
                    }
                }
            } else {
                qsizetype q = -1;
                if (!name.startsWith(QLatin1Char('r'))) {
                    q = slice.indexOf(sub);
                } else if (sub.isEmpty()) {
                    q = slice.size();
                } else if (slice.size() >= sub.size()) {
                    // On the whole string: Qt 6.4's QStringView::lastIndexOf reads past the end of the view.
                    const qsizetype at = s.lastIndexOf(sub, from + slice.size() - sub.size());
                    q = at >= from ? at - from : -1;
                }
                found = q < 0 ? -1 : charOf(from + q);
            }
        }
        if (isCount) {
            return Value(count);
        }
        if (found < 0 && mustFind) {
            interp.fail(QStringLiteral("substring not found"));
        }
        return Value(found);
    }
    const auto allChars = [&](auto pred) {
        if (s.isEmpty()) {
            return Value(false);
        }
        for (const QChar c : s) {
            if (!pred(c)) {
                return Value(false);
            }
        }
        return Value(true);
    };
    if (name == QLatin1String("isdigit") || name == QLatin1String("isnumeric") || name == QLatin1String("isdecimal")) {
        return allChars([](QChar c) { return c.isDigit(); });
    }
    if (name == QLatin1String("isalpha")) {
        return allChars([](QChar c) { return c.isLetter(); });
    }
    if (name == QLatin1String("isalnum")) {
        return allChars([](QChar c) { return c.isLetterOrNumber(); });
    }
    if (name == QLatin1String("isspace")) {
        return allChars([](QChar c) { return isPySpace(c); });
    }
    if (name == QLatin1String("islower") || name == QLatin1String("isupper")) {
        const bool lower = name == QLatin1String("islower");
        bool cased = false;
        for (const QChar c : s) {
            if (c.isUpper() || c.isTitleCase()) {
                if (lower) {
                    return Value(false);
                }
                cased = true;
            } else if (c.isLower()) {
                if (!lower) {
                    return Value(false);
                }
                cased = true;
            }
        }
        return Value(cased);
    }
    if (name == QLatin1String("istitle")) {
        return Value(!s.isEmpty() && pyTitle(s) == s && s.toLower() != s);
    }
    if (name == QLatin1String("isidentifier")) {
        bool ok = !s.isEmpty() && (s.at(0).isLetter() || s.at(0) == QLatin1Char('_'));
        for (const QChar c : s) {
            ok = ok && (c.isLetterOrNumber() || c == QLatin1Char('_'));
        }
        return Value(ok);
    }
    if (name == QLatin1String("zfill")) {
        const qint64 width = args.positional.empty() ? 0 : args.positional[0].intValue();
        interp.checkStringSize(width);
        if (s.size() >= width) {
            return Value(s);
        }
        const bool sign = s.startsWith(QLatin1Char('-')) || s.startsWith(QLatin1Char('+'));
        const QString zeros(width - s.size(), QLatin1Char('0'));
        return Value(sign ? QString(s.left(1) + zeros + s.mid(1)) : QString(zeros + s));
    }
    if (name == QLatin1String("center") || name == QLatin1String("ljust") || name == QLatin1String("rjust")) {
        Params p(interp, name, args, { "width", "fillchar" });
        const qint64 width = p.integer(0, 0);
        interp.checkStringSize(width);
        const QString fillStr = p.string(1, QStringLiteral(" "));
        if (fillStr.size() != 1) {
            interp.fail(QStringLiteral("The fill character must be exactly one character long"));
        }
        const QChar fill = fillStr.at(0);
        const qsizetype length = pyLength(s);
        if (length >= width) {
            return Value(s);
        }
        const qsizetype marg = width - length;
        if (name == QLatin1String("ljust")) {
            return Value(s + QString(marg, fill));
        }
        if (name == QLatin1String("rjust")) {
            return Value(QString(marg, fill) + s);
        }
        const qsizetype left = marg / 2 + (marg & width & 1);
        return Value(QString(left, fill) + s + QString(marg - left, fill));
    }
    if (name == QLatin1String("partition") || name == QLatin1String("rpartition")) {
        const QString sep = strArg(0);
        if (sep.isEmpty()) {
            interp.fail(QStringLiteral("empty separator"));
        }
        const bool rev = name == QLatin1String("rpartition");
        const qsizetype p = rev ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (p < 0) {
            return rev ? Value::tuple({ Value(QString()), Value(QString()), Value(s) })
                       : Value::tuple({ Value(s), Value(QString()), Value(QString()) });
        }
        return Value::tuple({ Value(s.left(p)), Value(sep), Value(s.mid(p + sep.size())) });
    }
    if (name == QLatin1String("removeprefix")) {
        const QString a = strArg(0);
        return Value(s.startsWith(a) ? s.mid(a.size()) : s);
    }
    if (name == QLatin1String("removesuffix")) {
        const QString a = strArg(0);
        return Value(!a.isEmpty() && s.endsWith(a) ? s.left(s.size() - a.size()) : s);
    }
    interp.fail(QStringLiteral("'str' object has no attribute '%1'").arg(name));
}

Value listMethod(Interpreter& interp, const Value& self, const QString& name, CallArgs& args)
{
    auto& items = self.listObject()->items;
    const auto arg = [&](size_t i) -> const Value& {
        if (i >= args.positional.size()) {
            interp.fail(QStringLiteral("%1() missing required argument").arg(name));
        }
        return args.positional[i];
    };
    if (name == QLatin1String("index") || name == QLatin1String("count")) {
        const Value& needle = arg(0);
        qint64 count = 0;
        for (size_t i = 0; i < items.size(); ++i) {
            if (items[i] == needle) {
                if (name == QLatin1String("index")) {
                    return Value(qint64(i));
                }
                ++count;
            }
        }
        if (name == QLatin1String("index")) {
            interp.fail(QStringLiteral("%1 is not in list").arg(needle.repr()));
        }
        return Value(count);
    }
    if (self.isTuple()) {
        interp.fail(QStringLiteral("'tuple' object has no attribute '%1'").arg(name));
    }
    if (name == QLatin1String("append")) {
        interp.checkStringSize(qsizetype(items.size() + 1));
        items.push_back(arg(0));
        return Value::none();
    }
    if (name == QLatin1String("extend")) {
        const ValueList more = interp.iterate(arg(0));
        interp.checkStringSize(qsizetype(items.size() + more.size()));
        items.insert(items.end(), more.begin(), more.end());
        return Value::none();
    }
    if (name == QLatin1String("insert")) {
        qint64 i = arg(0).intValue();
        const qint64 n = qint64(items.size());
        i = i < 0 ? std::max<qint64>(0, i + n) : std::min(i, n);
        items.insert(items.begin() + i, arg(1));
        return Value::none();
    }
    if (name == QLatin1String("pop")) {
        if (items.empty()) {
            interp.fail(QStringLiteral("pop from empty list"));
        }
        qint64 i = args.positional.empty() ? -1 : args.positional[0].intValue();
        if (i < 0) {
            i += qint64(items.size());
        }
        if (i < 0 || i >= qint64(items.size())) {
            interp.fail(QStringLiteral("pop index out of range"));
        }
        const Value v = items[size_t(i)];
        items.erase(items.begin() + i);
        return v;
    }
    if (name == QLatin1String("remove")) {
        const Value& needle = arg(0);
        for (size_t i = 0; i < items.size(); ++i) {
            if (items[i] == needle) {
                items.erase(items.begin() + qsizetype(i));
                return Value::none();
            }
        }
        interp.fail(QStringLiteral("list.remove(x): x not in list"));
    }
    if (name == QLatin1String("reverse")) {
        std::reverse(items.begin(), items.end());
        return Value::none();
    }
    if (name == QLatin1String("sort")) {
        Params p(interp, name, args, { "reverse" });
        const bool rev = p.boolean(0, false);
        // Sort a copy: a comparison that raises must not leave the list half-moved.
        ValueList sorted = items;
        std::stable_sort(sorted.begin(), sorted.end(),
            [&](const Value& a, const Value& b) { return rev ? lessThan(b, a) : lessThan(a, b); });
        items = std::move(sorted);
        return Value::none();
    }
    if (name == QLatin1String("copy")) {
        return Value::list(items);
    }
    if (name == QLatin1String("clear")) {
        items.clear();
        return Value::none();
    }
    interp.fail(QStringLiteral("'list' object has no attribute '%1'").arg(name));
}

Value dictMethod(Interpreter& interp, const Value& self, const QString& name, CallArgs& args)
{
    DictObject* d = self.dictObject();
    if (name == QLatin1String("items") || name == QLatin1String("keys") || name == QLatin1String("values")) {
        ValueList out;
        out.reserve(d->items.size());
        for (const auto& [k, v] : d->items) {
            if (name == QLatin1String("items")) {
                out.push_back(Value::tuple({ k, v }));
            } else {
                out.push_back(name == QLatin1String("keys") ? k : v);
            }
        }
        Value view = Value::list(std::move(out));
        view.listObject()->view = name == QLatin1String("items") ? "dict_items"
            : name == QLatin1String("keys")                      ? "dict_keys"
                                                                 : "dict_values";
        return view;
    }
    if (name == QLatin1String("get")) {
        if (args.positional.empty() || args.positional.size() > 2) {
            interp.fail(QStringLiteral("get expected 1 or 2 arguments, got %1").arg(args.positional.size()));
        }
        const Value* v = d->find(args.positional[0]);
        return v ? *v : (args.positional.size() > 1 ? args.positional[1] : Value::none());
    }
    if (name == QLatin1String("update")) {
        if (!args.positional.empty()) {
            const Value& src = args.positional[0];
            if (src.isDict()) {
                for (const auto& kv : src.dictObject()->items) {
                    d->insert(kv.first, kv.second);
                }
            } else {
                for (const Value& pair : interp.iterate(src)) {
                    const ValueList kv = interp.iterate(pair);
                    if (kv.size() != 2) {
                        interp.fail(QStringLiteral("dictionary update sequence element has length %1; 2 is required")
                                        .arg(kv.size()));
                    }
                    d->insert(kv[0], kv[1]);
                }
            }
        }
        for (const auto& kw : args.keywords) {
            d->insert(Value(kw.first), kw.second);
        }
        return Value::none();
    }
    if (name == QLatin1String("pop")) {
        if (args.positional.empty()) {
            interp.fail(QStringLiteral("pop expected at least 1 argument, got 0"));
        }
        const Value* v = d->find(args.positional[0]);
        if (!v) {
            if (args.positional.size() > 1) {
                return args.positional[1];
            }
            interp.fail(args.positional[0].repr());
        }
        const Value out = *v;
        d->remove(args.positional[0]);
        return out;
    }
    if (name == QLatin1String("setdefault")) {
        if (args.positional.empty()) {
            interp.fail(QStringLiteral("setdefault expected at least 1 argument, got 0"));
        }
        if (const Value* v = d->find(args.positional[0])) {
            return *v;
        }
        const Value def = args.positional.size() > 1 ? args.positional[1] : Value::none();
        d->insert(args.positional[0], def);
        return def;
    }
    if (name == QLatin1String("copy")) {
        Value c = Value::dict();
        c.dictObject()->items = d->items;
        return c;
    }
    if (name == QLatin1String("clear")) {
        d->items.clear();
        d->remove(Value(QString())); // drops the index
        return Value::none();
    }
    if (name == QLatin1String("popitem")) {
        if (d->items.empty()) {
            interp.fail(QStringLiteral("'popitem(): dictionary is empty'"));
        }
        const auto last = d->items.back();
        d->remove(last.first);
        return Value::tuple({ last.first, last.second });
    }
    interp.fail(QStringLiteral("'dict' object has no attribute '%1'").arg(name));
}

} // namespace

quint8 methodMask(QStringView name)
{
    quint8 mask = 0;
    if (isStringMethod(name)) {
        mask |= StrMethod;
    }
    if (isListMethod(name)) {
        mask |= ListMethod;
    }
    if (isTupleMethod(name)) {
        mask |= TupleMethod;
    }
    if (isDictMethod(name)) {
        mask |= DictMethod;
    }
    return mask;
}

bool hasMethod(const Value& self, quint8 mask)
{
    switch (self.type()) {
    case Value::Type::String:
    case Value::Type::Markup:
        return mask & StrMethod;
    case Value::Type::List: // a range has the methods of a tuple (index, count)
        return self.isRange() ? (mask & TupleMethod) : (mask & ListMethod);
    case Value::Type::Tuple:
        return mask & TupleMethod;
    case Value::Type::Dict:
        return mask & DictMethod;
    default:
        return false;
    }
}

bool hasMethod(const Value& self, const QString& name)
{
    switch (self.type()) {
    case Value::Type::String:
    case Value::Type::Markup:
        return isStringMethod(name);
    case Value::Type::List:
        return self.isRange() ? isTupleMethod(name) : isListMethod(name);
    case Value::Type::Tuple:
        return isTupleMethod(name);
    case Value::Type::Dict:
        return isDictMethod(name);
    default:
        return false;
    }
}

Value boundMethod(const Value& self, const QString& name)
{
    auto m = std::make_shared<BoundMethod>();
    m->self = self;
    m->name = name;
    return Value::callable(std::move(m));
}

Value callMethod(Interpreter& interp, const Value& self, const QString& name, CallArgs& args)
{
    if (self.isString()) {
        return stringMethod(interp, self, name, args);
    }
    if (self.isSequence()) {
        return listMethod(interp, self, name, args);
    }
    return dictMethod(interp, self, name, args);
}

} // namespace Jinja
