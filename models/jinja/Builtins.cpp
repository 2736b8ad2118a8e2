#include "Builtins.h"

#include "core/VarCodec.h"
#include "jinja/Interpreter.h"

#include <QHash>
#include <QRandomGenerator>
#include <cmath>

namespace Jinja {

// --- Params ---

Params::Params(Interpreter& interp, const QString& function, CallArgs& args, std::initializer_list<const char*> names,
    int positionalOffset)
    : m_interp(interp)
    , m_function(function)
{
    Q_UNUSED(positionalOffset)
    Q_ASSERT(names.size() <= size_t(kMaxParams));
    for (const char* n : names) {
        m_names[m_count++] = n;
    }
    if (args.positional.size() > size_t(m_count)) {
        interp.fail(QStringLiteral("%1() takes at most %2 argument(s) (%3 given)")
                        .arg(function)
                        .arg(m_count)
                        .arg(args.positional.size()));
    }
    for (size_t i = 0; i < args.positional.size(); ++i) {
        m_bound[i] = &args.positional[i];
    }
    for (const auto& kw : args.keywords) {
        bool found = false;
        for (int i = 0; i < m_count; ++i) {
            if (kw.first == QLatin1String(m_names[i])) {
                if (m_bound[i]) {
                    interp.fail(QStringLiteral("%1() got multiple values for argument '%2'").arg(function, kw.first));
                }
                m_bound[i] = &kw.second;
                found = true;
            }
        }
        if (!found) {
            interp.fail(QStringLiteral("%1() got an unexpected keyword argument '%2'").arg(function, kw.first));
        }
    }
}

bool Params::has(int index) const
{
    return m_bound[index] != nullptr;
}

Value Params::get(int index, const Value& fallback) const
{
    const Value* v = m_bound[index];
    return v ? *v : fallback;
}

Value Params::required(int index) const
{
    const Value* v = m_bound[index];
    if (!v) {
        m_interp.fail(
            QStringLiteral("%1() missing required argument: '%2'").arg(m_function, QLatin1String(m_names[index])));
    }
    return *v;
}

QString Params::string(int index, const QString& fallback) const
{
    const Value* v = m_bound[index];
    return v ? v->str() : fallback;
}

qint64 Params::integer(int index, qint64 fallback) const
{
    const Value* v = m_bound[index];
    if (!v) {
        return fallback;
    }
    if (v->isIntegral()) {
        return v->intValue();
    }
    if (v->isFloat()) {
        return truncateToInt(v->floatValue());
    }
    m_interp.fail(QStringLiteral("%1(): '%2' must be an integer, not %3")
                      .arg(m_function, QLatin1String(m_names[index]), v->typeName()));
}

bool Params::boolean(int index, bool fallback) const
{
    const Value* v = m_bound[index];
    return v ? v->truthy() : fallback;
}

// --- globals ---

namespace {

struct BuiltinFunction : CallableObject {
    using Fn = Value (*)(Interpreter&, CallArgs&);
    QString name;
    Fn fn = nullptr;
    Value call(Interpreter& interp, CallArgs& args) override { return fn(interp, args); }
    QString reprString() const override { return QStringLiteral("<built-in function %1>").arg(name); }
};

Value globalRange(Interpreter& interp, CallArgs& args)
{
    if (!args.keywords.empty()) {
        interp.fail(QStringLiteral("range() takes no keyword arguments"));
    }
    if (args.positional.empty() || args.positional.size() > 3) {
        interp.fail(QStringLiteral("range expected at most 3 arguments, got %1").arg(args.positional.size()));
    }
    for (const Value& v : args.positional) {
        v.checkUndefined();
        if (!v.isIntegral()) {
            interp.fail(QStringLiteral("'%1' object cannot be interpreted as an integer").arg(v.typeName()));
        }
    }
    qint64 start = 0;
    qint64 stop = 0;
    qint64 step = 1;
    if (args.positional.size() == 1) {
        stop = args.positional[0].intValue();
    } else {
        start = args.positional[0].intValue();
        stop = args.positional[1].intValue();
        if (args.positional.size() == 3) {
            step = args.positional[2].intValue();
        }
    }
    if (step == 0) {
        interp.fail(QStringLiteral("range() arg 3 must not be zero"));
    }
    const double count = step > 0 ? std::ceil((double(stop) - double(start)) / double(step))
                                  : std::ceil((double(start) - double(stop)) / double(-step));
    if (count > double(interp.options().limits.maxRangeSize)) {
        interp.fail(QStringLiteral("range too big, max range is %1").arg(interp.options().limits.maxRangeSize));
    }
    return Value::range(start, stop, step);
}

Value globalDict(Interpreter& interp, CallArgs& args)
{
    Value d = Value::dict();
    if (args.positional.size() > 1) {
        interp.fail(QStringLiteral("dict expected at most 1 argument, got %1").arg(args.positional.size()));
    }
    if (!args.positional.empty()) {
        const Value& src = args.positional.front();
        if (src.isDict()) {
            for (const auto& kv : src.dictObject()->items) {
                d.dictObject()->insert(kv.first, kv.second);
            }
        } else {
            for (const Value& pair : interp.iterate(src)) {
                const ValueList kv = interp.iterate(pair);
                if (kv.size() != 2) {
                    interp.fail(QStringLiteral("dictionary update sequence element has length %1; 2 is required")
                                    .arg(kv.size()));
                }
                d.dictObject()->insert(kv[0], kv[1]);
            }
        }
    }
    for (const auto& kw : args.keywords) {
        d.dictObject()->insert(Value(kw.first), kw.second);
    }
    return d;
}

Value globalNamespace(Interpreter& interp, CallArgs& args)
{
    Value ns = Value::namespaceObject();
    const Value d = globalDict(interp, args);
    for (const auto& kv : d.dictObject()->items) {
        ns.dictObject()->insert(kv.first, kv.second);
    }
    return ns;
}

struct Cycler : CallableObject {
    ValueList items;
    size_t pos = 0;
    Value call(Interpreter& interp, CallArgs&) override
    {
        interp.fail(QStringLiteral("'Cycler' object is not callable"));
    }
    QString reprString() const override { return QStringLiteral("<jinja2.utils.Cycler object>"); }
    bool getAttribute(const QString& name, Value* out) const override
    {
        if (name == QLatin1String("current")) {
            *out = items[pos];
            return true;
        }
        return false;
    }
};

struct CyclerMethod : CallableObject {
    std::shared_ptr<Cycler> cycler;
    bool reset = false;
    Value call(Interpreter&, CallArgs&) override
    {
        if (reset) {
            cycler->pos = 0;
            return Value::none();
        }
        const Value v = cycler->items[cycler->pos];
        cycler->pos = (cycler->pos + 1) % cycler->items.size();
        return v;
    }
    QString reprString() const override { return QStringLiteral("<bound method Cycler>"); }
};

struct CyclerObject : Cycler {
    std::weak_ptr<Cycler> self;
    bool getAttribute(const QString& name, Value* out) const override
    {
        if (name == QLatin1String("next") || name == QLatin1String("reset")) {
            auto m = std::make_shared<CyclerMethod>();
            m->cycler = self.lock();
            m->reset = name == QLatin1String("reset");
            *out = Value::callable(std::move(m));
            return true;
        }
        return Cycler::getAttribute(name, out);
    }
};

Value globalCycler(Interpreter& interp, CallArgs& args)
{
    if (args.positional.empty()) {
        interp.fail(QStringLiteral("at least one item has to be provided"));
    }
    auto c = std::make_shared<CyclerObject>();
    c->items = args.positional;
    c->self = c;
    return Value::callable(std::move(c));
}

struct Joiner : CallableObject {
    QString sep;
    bool used = false;
    Value call(Interpreter&, CallArgs&) override
    {
        if (!used) {
            used = true;
            return Value(QString());
        }
        return Value(sep);
    }
    QString reprString() const override { return QStringLiteral("<jinja2.utils.Joiner object>"); }
};

Value globalJoiner(Interpreter& interp, CallArgs& args)
{
    Params p(interp, QStringLiteral("joiner"), args, { "sep" });
    auto j = std::make_shared<Joiner>();
    j->sep = p.string(0, QStringLiteral(", "));
    return Value::callable(std::move(j));
}

// lipsum(n=5, html=True, min=20, max=100): Jinja2's placeholder text, built the way Jinja2 builds it (a word not
// repeated twice in a row, a comma every 3–8 words, a sentence every 10–20, each paragraph ending with a full
// stop) from a Latin filler vocabulary. Random, as in Jinja2; only its shape can be relied on.
Value globalLipsum(Interpreter& interp, CallArgs& args)
{
    static const QStringList words = QStringLiteral(
        "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore "
        "magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ex ea commodo "
        "consequat duis aute irure in reprehenderit voluptate velit esse cillum eu fugiat nulla pariatur excepteur "
        "sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum curabitur "
        "pretium tincidunt lacus nunc pulvinar sapien ligula faucibus orci luctus ultrices posuere cubilia curae "
        "vestibulum ante primis mauris blandit aliquet pellentesque habitant morbi tristique senectus netus "
        "malesuada fames turpis egestas integer feugiat scelerisque varius")
                                         .split(QLatin1Char(' '));
    Params p(interp, QStringLiteral("lipsum"), args, { "n", "html", "min", "max" });
    const qint64 n = p.integer(0, 5);
    const bool html = p.boolean(1, true);
    const qint64 low = p.integer(2, 20);
    const qint64 high = p.integer(3, 100);
    if (high <= low && n > 0) {
        interp.fail(QStringLiteral("empty range for randrange() (%1, %2, %3)").arg(low).arg(high).arg(high - low));
    }
    QRandomGenerator* random = QRandomGenerator::global();
    const auto between = [&](qint64 a, qint64 b) { return a + qint64(random->bounded(quint64(b - a))); };
    QStringList paragraphs;
    qsizetype size = 0;
    for (qint64 i = 0; i < n; ++i) {
        QStringList paragraph;
        bool capitalize = true;
        qint64 lastComma = 0;
        qint64 lastStop = 0;
        QString last;
        const qint64 count = between(low, high);
        interp.countIterations(std::max<qint64>(count, 1));
        for (qint64 k = 0; k < count; ++k) {
            QString word;
            do {
                word = words.at(random->bounded(int(words.size())));
            } while (word == last);
            last = word;
            if (capitalize) {
                word[0] = word[0].toUpper();
                capitalize = false;
            }
            if (k - between(3, 8) > lastComma) {
                lastComma = k;
                lastStop += 2;
                word += QLatin1Char(',');
            }
            if (k - between(10, 20) > lastStop) {
                lastComma = lastStop = k;
                word += QLatin1Char('.');
                capitalize = true;
            }
            paragraph << word;
        }
        QString text = paragraph.join(QLatin1Char(' '));
        if (text.endsWith(QLatin1Char(','))) {
            text.chop(1);
        }
        if (!text.endsWith(QLatin1Char('.'))) {
            text += QLatin1Char('.');
        }
        size += text.size() + 8;
        interp.checkStringSize(size);
        paragraphs << (html ? QStringLiteral("<p>%1</p>").arg(text) : text);
    }
    return html ? Value::markup(paragraphs.join(QLatin1Char('\n'))) : Value(paragraphs.join(QStringLiteral("\n\n")));
}

} // namespace

bool findGlobal(const QString& name, Value* out)
{
    static const QHash<QString, BuiltinFunction::Fn> globals = {
        { QStringLiteral("range"), &globalRange },
        { QStringLiteral("dict"), &globalDict },
        { QStringLiteral("namespace"), &globalNamespace },
        { QStringLiteral("cycler"), &globalCycler },
        { QStringLiteral("joiner"), &globalJoiner },
        { QStringLiteral("lipsum"), &globalLipsum },
    };
    const auto it = globals.constFind(name);
    if (it == globals.cend()) {
        return false;
    }
    auto f = std::make_shared<BuiltinFunction>();
    f->name = name;
    f->fn = it.value();
    *out = Value::callable(std::move(f));
    return true;
}

// --- printf-style formatting ---

namespace {

QString formatFloatFixed(double d, int precision)
{
    if (std::isnan(d)) {
        return QStringLiteral("nan");
    }
    if (std::isinf(d)) {
        return d > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    }
    return QString::asprintf("%.*f", precision, d);
}

QString formatNumberSpec(
    Interpreter& interp, const Value& v, QChar conv, int precision, bool plus, bool space, bool alt)
{
    v.checkUndefined();
    QString body;
    const char c = char(conv.unicode());
    if (c == 'd' || c == 'i' || c == 'u' || c == 'x' || c == 'X' || c == 'o') {
        qint64 i = 0;
        if (v.isIntegral()) {
            i = v.intValue();
        } else if (v.isFloat() && (c == 'd' || c == 'i' || c == 'u')) {
            i = truncateToInt(v.floatValue());
        } else {
            interp.fail(QStringLiteral("%%%1 format: a number is required, not %2").arg(conv).arg(v.typeName()));
        }
        const int base = (c == 'x' || c == 'X') ? 16 : c == 'o' ? 8 : 10;
        body = QString::number(i < 0 ? -i : i, base);
        if (c == 'X') {
            body = body.toUpper();
        }
        if (alt && base != 10) {
            body
                = (base == 16 ? (c == 'X' ? QStringLiteral("0X") : QStringLiteral("0x")) : QStringLiteral("0o")) + body;
        }
        if (precision >= 0 && body.size() < precision) {
            body = QString(precision - body.size(), QLatin1Char('0')) + body;
        }
        if (i < 0) {
            body.prepend(QLatin1Char('-'));
        } else if (plus) {
            body.prepend(QLatin1Char('+'));
        } else if (space) {
            body.prepend(QLatin1Char(' '));
        }
        return body;
    }
    if (!v.isNumber()) {
        interp.fail(QStringLiteral("must be real number, not %1").arg(v.typeName()));
    }
    const double d = v.floatValue();
    const int prec = precision < 0 ? 6 : precision;
    switch (c) {
    case 'f':
    case 'F':
        body = formatFloatFixed(d, prec);
        break;
    case 'e':
    case 'E':
        body = QString::asprintf(c == 'e' ? "%.*e" : "%.*E", prec, d);
        break;
    case 'g':
    case 'G':
        body = QString::asprintf(
            c == 'g' ? (alt ? "%#.*g" : "%.*g") : (alt ? "%#.*G" : "%.*G"), prec == 0 ? 1 : prec, d);
        break;
    default:
        break;
    }
    if (c == 'F') {
        body = body.toUpper();
    }
    if (!body.startsWith(QLatin1Char('-'))) {
        if (plus) {
            body.prepend(QLatin1Char('+'));
        } else if (space) {
            body.prepend(QLatin1Char(' '));
        }
    }
    return body;
}

} // namespace

QString percentFormat(Interpreter& interp, const QString& format, const Value& args)
{
    if (args.isTuple()) {
        const ValueList& items = args.listObject()->items;
        return percentFormat(interp, format, items.data(), items.size(), true, args);
    }
    return percentFormat(interp, format, &args, 1, false, args);
}

QString percentFormat(
    Interpreter& interp, const QString& format, const Value* positional, size_t count, bool isTuple, const Value& args)
{
    QString out;
    out.reserve(format.size() + 16);
    percentFormatInto(interp, format, positional, count, isTuple, args, out);
    return out;
}

void percentFormatInto(Interpreter& interp, const QString& format, const Value* positional, size_t count, bool isTuple,
    const Value& args, QString& out)
{
    size_t next = 0;
    bool usedMapping = false;
    const qsizetype n = format.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (format.at(i) != QLatin1Char('%')) {
            qsizetype end = format.indexOf(QLatin1Char('%'), i);
            if (end < 0) {
                end = n;
            }
            out += QStringView(format).mid(i, end - i);
            i = end - 1;
            continue;
        }
        if (++i >= n) {
            interp.fail(QStringLiteral("incomplete format"));
        }
        const Value* arg = nullptr;
        if (format.at(i) == QLatin1Char('(')) {
            const qsizetype close = format.indexOf(QLatin1Char(')'), i);
            if (close < 0) {
                interp.fail(QStringLiteral("incomplete format key"));
            }
            if (!args.isDict()) {
                interp.fail(QStringLiteral("format requires a mapping"));
            }
            const Value* v = args.dictObject()->find(format.mid(i + 1, close - i - 1));
            if (!v) {
                interp.fail(pythonStringRepr(format.mid(i + 1, close - i - 1)));
            }
            arg = v;
            usedMapping = true;
            i = close + 1;
        }
        bool left = false;
        bool zero = false;
        bool plus = false;
        bool space = false;
        bool alt = false;
        for (; i < n; ++i) {
            const QChar f = format.at(i);
            if (f == QLatin1Char('-')) {
                left = true;
            } else if (f == QLatin1Char('0')) {
                zero = true;
            } else if (f == QLatin1Char('+')) {
                plus = true;
            } else if (f == QLatin1Char(' ')) {
                space = true;
            } else if (f == QLatin1Char('#')) {
                alt = true;
            } else {
                break;
            }
        }
        const auto takeNumber = [&](int* outNum) {
            if (i < n && format.at(i) == QLatin1Char('*')) {
                if (next >= count) {
                    interp.fail(QStringLiteral("not enough arguments for format string"));
                }
                const qint64 n = positional[next++].intValue();
                interp.checkStringSize(std::abs(n));
                *outNum = int(n);
                ++i;
                return;
            }
            int num = -1;
            // ASCII digits only, as Python's printf-style formatting reads them.
            while (i < n && format.at(i).unicode() >= u'0' && format.at(i).unicode() <= u'9') {
                num = (num < 0 ? 0 : num) * 10 + int(format.at(i).unicode() - u'0');
                if (num > 100000) {
                    interp.fail(QStringLiteral("width too big"));
                }
                ++i;
            }
            *outNum = num;
        };
        int width = -1;
        takeNumber(&width);
        int precision = -1;
        if (i < n && format.at(i) == QLatin1Char('.')) {
            ++i;
            takeNumber(&precision);
            if (precision < 0) {
                precision = 0;
            }
        }
        while (i < n && (format.at(i) == QLatin1Char('l') || format.at(i) == QLatin1Char('h'))) {
            ++i;
        }
        if (i >= n) {
            interp.fail(QStringLiteral("incomplete format"));
        }
        const QChar conv = format.at(i);
        if (conv == QLatin1Char('%')) {
            out += QLatin1Char('%');
            continue;
        }
        if (!arg) {
            if (next >= count) {
                interp.fail(QStringLiteral("not enough arguments for format string"));
            }
            arg = &positional[next++];
        }
        QString body;
        const QString* text = &body; // what is printed: `body` or the string argument itself
        switch (conv.unicode()) {
        case 's':
            if (arg->isString() && precision < 0) {
                text = &arg->stringValue();
                break;
            }
            body = arg->str();
            if (precision >= 0) {
                body.truncate(precision);
            }
            break;
        case 'r':
        case 'a':
            body = arg->repr();
            if (precision >= 0) {
                body.truncate(precision);
            }
            break;
        case 'c':
            if (arg->isIntegral()) {
                body = QString(QChar(char16_t(arg->intValue())));
            } else {
                body = arg->str().left(1);
            }
            break;
        case 'd':
        case 'i':
        case 'u':
        case 'x':
        case 'X':
        case 'o':
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
            body = formatNumberSpec(interp, *arg, conv, precision, plus, space, alt);
            if (zero && !left && width > 0 && body.size() < width) {
                const bool sign = body.startsWith(QLatin1Char('-')) || body.startsWith(QLatin1Char('+'))
                    || body.startsWith(QLatin1Char(' '));
                const QString digits = sign ? body.mid(1) : body;
                body = (sign ? body.left(1) : QString()) + QString(width - body.size(), QLatin1Char('0')) + digits;
            }
            break;
        default:
            interp.fail(QStringLiteral("unsupported format character '%1' (0x%2) at index %3")
                            .arg(conv)
                            .arg(conv.unicode(), 0, 16)
                            .arg(i));
        }
        const qsizetype pad = std::max<qsizetype>(0, width - pyLength(*text));
        if (left) {
            appendText(out, *text);
        }
        appendFill(out, pad, QLatin1Char(' '));
        if (!left) {
            appendText(out, *text);
        }
        interp.checkStringSize(out.size());
    }
    if (!usedMapping && isTuple && next < count) {
        interp.fail(QStringLiteral("not all arguments converted during string formatting"));
    }
    if (!usedMapping && !isTuple && !args.isDict() && next == 0) {
        interp.fail(QStringLiteral("not all arguments converted during string formatting"));
    }
}

// --- str.format ---

namespace {

QString applyFormatSpec(Interpreter& interp, const Value& v, const QString& spec)
{
    // [[fill]align][sign][#][0][width][,][.precision][type]
    QChar fill = QLatin1Char(' ');
    QChar align;
    qsizetype i = 0;
    const auto isAlign = [](QChar c) {
        return c == QLatin1Char('<') || c == QLatin1Char('>') || c == QLatin1Char('^') || c == QLatin1Char('=');
    };
    if (spec.size() >= 2 && isAlign(spec.at(1))) {
        fill = spec.at(0);
        align = spec.at(1);
        i = 2;
    } else if (!spec.isEmpty() && isAlign(spec.at(0))) {
        align = spec.at(0);
        i = 1;
    }
    QChar sign;
    if (i < spec.size()
        && (spec.at(i) == QLatin1Char('+') || spec.at(i) == QLatin1Char('-') || spec.at(i) == QLatin1Char(' '))) {
        sign = spec.at(i++);
    }
    bool alt = false;
    if (i < spec.size() && spec.at(i) == QLatin1Char('#')) {
        alt = true;
        ++i;
    }
    if (i < spec.size() && spec.at(i) == QLatin1Char('0')) {
        if (align.isNull()) {
            fill = QLatin1Char('0');
            align = QLatin1Char('=');
        }
        ++i;
    }
    int width = 0;
    while (i < spec.size() && spec.at(i).isDigit()) {
        width = width * 10 + spec.at(i++).digitValue();
        if (width > 100000) {
            interp.fail(QStringLiteral("Too many decimal digits in format string"));
        }
    }
    bool grouping = false;
    if (i < spec.size() && (spec.at(i) == QLatin1Char(',') || spec.at(i) == QLatin1Char('_'))) {
        grouping = true;
        ++i;
    }
    int precision = -1;
    if (i < spec.size() && spec.at(i) == QLatin1Char('.')) {
        ++i;
        precision = 0;
        while (i < spec.size() && spec.at(i).isDigit()) {
            precision = precision * 10 + spec.at(i++).digitValue();
            if (precision > 100000) {
                interp.fail(QStringLiteral("Too many decimal digits in format string"));
            }
        }
    }
    QChar type;
    if (i < spec.size()) {
        type = spec.at(i++);
    }
    if (i != spec.size()) {
        interp.fail(QStringLiteral("Invalid format specifier"));
    }
    v.checkUndefined();
    QString body;
    const bool numeric = v.isNumber();
    if (type.isNull() && !numeric) {
        body = v.str();
        if (precision >= 0) {
            body.truncate(precision);
        }
    } else if (type == QLatin1Char('s')) {
        if (!v.isString()) {
            interp.fail(QStringLiteral("Unknown format code 's' for object of type '%1'").arg(v.typeName()));
        }
        body = v.str();
        if (precision >= 0) {
            body.truncate(precision);
        }
    } else {
        if (!numeric) {
            interp.fail(QStringLiteral("Unknown format code '%1' for object of type '%2'").arg(type).arg(v.typeName()));
        }
        QChar t = type;
        if (t.isNull()) {
            if (v.isIntegral()) {
                t = QLatin1Char('d');
            } else {
                body = precision >= 0 ? QString::asprintf("%.*g", precision, v.floatValue())
                                      : VarCodec::pythonFloat(v.floatValue());
            }
        }
        if (t == QLatin1Char('n')) {
            t = v.isIntegral() ? QLatin1Char('d') : QLatin1Char('g');
        }
        if (!t.isNull()) {
            if (v.isFloat()
                && (t == QLatin1Char('d') || t == QLatin1Char('x') || t == QLatin1Char('o') || t == QLatin1Char('X')
                    || t == QLatin1Char('b'))) {
                interp.fail(QStringLiteral("Unknown format code '%1' for object of type 'float'").arg(t));
            }
            if (t == QLatin1Char('b')) {
                body = QString::number(std::abs(v.intValue()), 2);
                if (alt) {
                    body.prepend(QStringLiteral("0b"));
                }
                if (v.intValue() < 0) {
                    body.prepend(QLatin1Char('-'));
                }
            } else if (t == QLatin1Char('%')) {
                body = formatFloatFixed(v.floatValue() * 100, precision < 0 ? 6 : precision) + QLatin1Char('%');
            } else {
                body = formatNumberSpec(interp, v, t, precision, false, false, alt);
            }
        }
        if (grouping) {
            const bool neg = body.startsWith(QLatin1Char('-'));
            QString digits = neg ? body.mid(1) : body;
            qsizetype end = 0;
            while (end < digits.size() && digits.at(end).isDigit()) {
                ++end;
            }
            QString intPart = digits.left(end);
            for (qsizetype p = intPart.size() - 3; p > 0; p -= 3) {
                intPart.insert(p, QLatin1Char(','));
            }
            body = (neg ? QStringLiteral("-") : QString()) + intPart + digits.mid(end);
        }
        if (!body.startsWith(QLatin1Char('-'))) {
            if (sign == QLatin1Char('+')) {
                body.prepend(QLatin1Char('+'));
            } else if (sign == QLatin1Char(' ')) {
                body.prepend(QLatin1Char(' '));
            }
        }
    }
    const qsizetype length = pyLength(body);
    if (length >= width) {
        return body;
    }
    const qsizetype pad = width - length;
    if (align.isNull()) {
        align = numeric ? QLatin1Char('>') : QLatin1Char('<');
    }
    if (align == QLatin1Char('<')) {
        return body + QString(pad, fill);
    }
    if (align == QLatin1Char('>')) {
        return QString(pad, fill) + body;
    }
    if (align == QLatin1Char('^')) {
        return QString(pad / 2, fill) + body + QString(pad - pad / 2, fill);
    }
    // '=': padding after the sign
    const bool hasSign
        = body.startsWith(QLatin1Char('-')) || body.startsWith(QLatin1Char('+')) || body.startsWith(QLatin1Char(' '));
    return hasSign ? QString(body.left(1) + QString(pad, fill) + body.mid(1)) : QString(QString(pad, fill) + body);
}

} // namespace

QString strFormat(Interpreter& interp, const QString& format, CallArgs& args)
{
    QString out;
    size_t autoIndex = 0;
    const qsizetype n = format.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = format.at(i);
        if (c == QLatin1Char('}')) {
            if (i + 1 < n && format.at(i + 1) == QLatin1Char('}')) {
                out += c;
                ++i;
                continue;
            }
            interp.fail(QStringLiteral("Single '}' encountered in format string"));
        }
        if (c != QLatin1Char('{')) {
            out += c;
            continue;
        }
        if (i + 1 < n && format.at(i + 1) == QLatin1Char('{')) {
            out += c;
            ++i;
            continue;
        }
        const qsizetype close = format.indexOf(QLatin1Char('}'), i);
        if (close < 0) {
            interp.fail(QStringLiteral("expected '}' before end of string"));
        }
        QString field = format.mid(i + 1, close - i - 1);
        i = close;
        QString spec;
        QChar conversion;
        const qsizetype colon = field.indexOf(QLatin1Char(':'));
        if (colon >= 0) {
            spec = field.mid(colon + 1);
            field.truncate(colon);
        }
        const qsizetype bang = field.indexOf(QLatin1Char('!'));
        if (bang >= 0) {
            conversion = bang + 1 < field.size() ? field.at(bang + 1) : QChar();
            field.truncate(bang);
        }
        // field name: [arg_name]("." attr | "[" index "]")*
        qsizetype end = 0;
        while (end < field.size() && field.at(end) != QLatin1Char('.') && field.at(end) != QLatin1Char('[')) {
            ++end;
        }
        const QString head = field.left(end);
        Value v;
        bool isIndex = false;
        const qint64 index = head.toLongLong(&isIndex);
        if (head.isEmpty()) {
            if (autoIndex >= args.positional.size()) {
                interp.fail(
                    QStringLiteral("Replacement index %1 out of range for positional args tuple").arg(autoIndex));
            }
            v = args.positional[autoIndex++];
        } else if (isIndex) {
            if (index < 0 || size_t(index) >= args.positional.size()) {
                interp.fail(QStringLiteral("Replacement index %1 out of range for positional args tuple").arg(index));
            }
            v = args.positional[size_t(index)];
        } else {
            const Value* kw = args.keyword(head);
            if (!kw) {
                interp.fail(pythonStringRepr(head));
            }
            v = *kw;
        }
        QString rest = field.mid(end);
        while (!rest.isEmpty()) {
            if (rest.startsWith(QLatin1Char('.'))) {
                qsizetype e = 1;
                while (e < rest.size() && rest.at(e) != QLatin1Char('.') && rest.at(e) != QLatin1Char('[')) {
                    ++e;
                }
                v = interp.getattr(v, rest.mid(1, e - 1));
                rest = rest.mid(e);
            } else {
                const qsizetype e = rest.indexOf(QLatin1Char(']'));
                if (e < 0) {
                    interp.fail(QStringLiteral("Missing ']' in format string"));
                }
                const QString key = rest.mid(1, e - 1);
                bool ok = false;
                const qint64 k = key.toLongLong(&ok);
                v = ok ? interp.getitem(v, Value(k)) : interp.getitem(v, Value(key));
                rest = rest.mid(e + 1);
            }
        }
        if (conversion == QLatin1Char('r') || conversion == QLatin1Char('a')) {
            v = Value(v.repr());
        } else if (conversion == QLatin1Char('s')) {
            v = Value(v.str());
        }
        out += applyFormatSpec(interp, v, spec);
        interp.checkStringSize(out.size());
    }
    return out;
}

} // namespace Jinja
