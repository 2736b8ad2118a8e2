// The built-in tests of Jinja2 3.x (jinja2/tests.py): `x is defined`, `n is divisibleby 3` …
#include "jinja/Builtins.h"
#include "jinja/Interpreter.h"

#include <QHash>
#include <cmath>

namespace Jinja {

namespace {

const Value& arg(Interpreter& interp, CallArgs& args, const char* name)
{
    if (!args.positional.empty()) {
        return args.positional.front();
    }
    if (const Value* v = args.keyword(QLatin1String(name))) {
        return *v;
    }
    interp.fail(QStringLiteral("test is missing the argument '%1'").arg(QLatin1String(name)));
}

bool tBoolean(Interpreter&, const Value& v, CallArgs&)
{
    return v.isBool();
}

bool tCallable(Interpreter&, const Value& v, CallArgs&)
{
    return v.isCallable();
}

bool tDefined(Interpreter&, const Value& v, CallArgs&)
{
    return !v.isUndefined();
}

bool tUndefined(Interpreter&, const Value& v, CallArgs&)
{
    return v.isUndefined();
}

bool tDivisibleby(Interpreter& interp, const Value& v, CallArgs& args)
{
    const Value& n = arg(interp, args, "num");
    const Value r = interp.binary(BinaryOp::Mod, v, n);
    return r.isNumber() && r.floatValue() == 0;
}

bool tEq(Interpreter& interp, const Value& v, CallArgs& args)
{
    return v == arg(interp, args, "other");
}

bool tNe(Interpreter& interp, const Value& v, CallArgs& args)
{
    return !(v == arg(interp, args, "other"));
}

bool tLt(Interpreter& interp, const Value& v, CallArgs& args)
{
    return interp.compareOp(CompareOp::Lt, v, arg(interp, args, "other"));
}

bool tLe(Interpreter& interp, const Value& v, CallArgs& args)
{
    return interp.compareOp(CompareOp::Le, v, arg(interp, args, "other"));
}

bool tGt(Interpreter& interp, const Value& v, CallArgs& args)
{
    return interp.compareOp(CompareOp::Gt, v, arg(interp, args, "other"));
}

bool tGe(Interpreter& interp, const Value& v, CallArgs& args)
{
    return interp.compareOp(CompareOp::Ge, v, arg(interp, args, "other"));
}

bool tIn(Interpreter& interp, const Value& v, CallArgs& args)
{
    return interp.contains(arg(interp, args, "seq"), v);
}

bool tEscaped(Interpreter&, const Value& v, CallArgs&)
{
    return v.isMarkup();
}

bool tEven(Interpreter& interp, const Value& v, CallArgs&)
{
    v.checkUndefined();
    if (v.isIntegral()) {
        return v.intValue() % 2 == 0;
    }
    if (v.isFloat()) {
        return std::fmod(v.floatValue(), 2.0) == 0;
    }
    if (v.isUndefined()) {
        v.failUndefined();
    }
    interp.fail(QStringLiteral("unsupported operand type(s) for %: '%1' and 'int'").arg(v.typeName()));
}

bool tOdd(Interpreter& interp, const Value& v, CallArgs& args)
{
    v.checkUndefined();
    if (v.isFloat()) {
        const double m = std::fmod(v.floatValue(), 2.0);
        return m == 1 || m == -1;
    }
    return !tEven(interp, v, args);
}

bool tFalse(Interpreter&, const Value& v, CallArgs&)
{
    return v.isBool() && !v.boolValue();
}

bool tTrue(Interpreter&, const Value& v, CallArgs&)
{
    return v.isBool() && v.boolValue();
}

bool tFilter(Interpreter&, const Value& v, CallArgs&)
{
    return v.isString() && findFilter(v.stringValue()) != nullptr;
}

bool tTest(Interpreter&, const Value& v, CallArgs&)
{
    return v.isString() && findTest(v.stringValue()) != nullptr;
}

bool tFloat(Interpreter&, const Value& v, CallArgs&)
{
    return v.isFloat();
}

bool tInteger(Interpreter&, const Value& v, CallArgs&)
{
    return v.isInt();
}

bool tIterable(Interpreter&, const Value& v, CallArgs&)
{
    v.checkUndefined();
    return v.isString() || v.isSequence() || v.isDict() || v.isUndefined();
}

bool tLower(Interpreter&, const Value& v, CallArgs&)
{
    const QString s = v.str();
    bool cased = false;
    for (const QChar c : s) {
        if (c.isUpper() || c.isTitleCase()) {
            return false;
        }
        cased = cased || c.isLower();
    }
    return cased;
}

bool tUpper(Interpreter&, const Value& v, CallArgs&)
{
    const QString s = v.str();
    bool cased = false;
    for (const QChar c : s) {
        if (c.isLower() || c.isTitleCase()) {
            return false;
        }
        cased = cased || c.isUpper();
    }
    return cased;
}

bool tMapping(Interpreter&, const Value& v, CallArgs&)
{
    return v.isDict();
}

bool tNone(Interpreter&, const Value& v, CallArgs&)
{
    return v.isNone();
}

bool tNumber(Interpreter&, const Value& v, CallArgs&)
{
    return v.isNumber();
}

bool tSequence(Interpreter&, const Value& v, CallArgs&)
{
    v.checkUndefined();
    return v.isString() || v.isSequence() || v.isDict();
}

bool tString(Interpreter&, const Value& v, CallArgs&)
{
    return v.isString();
}

bool tSameas(Interpreter& interp, const Value& v, CallArgs& args)
{
    const Value& other = arg(interp, args, "other");
    if (v.type() != other.type()) {
        return false;
    }
    switch (v.type()) {
    case Value::Type::None:
        return true;
    case Value::Type::Bool:
        return v.boolValue() == other.boolValue();
    case Value::Type::Int:
        // CPython caches the small integers; larger equal ints are distinct objects.
        return v.intValue() == other.intValue() && v.intValue() >= -5 && v.intValue() <= 256;
    case Value::Type::List:
    case Value::Type::Tuple:
    case Value::Type::Dict:
    case Value::Type::Namespace:
    case Value::Type::Callable:
        return v.object() == other.object();
    case Value::Type::String:
        return v.stringValue() == other.stringValue() && v.stringValue().size() <= 1;
    default:
        return false;
    }
}

} // namespace

TestFn findTest(const QString& name)
{
    static const QHash<QString, TestFn> tests = [] {
        QHash<QString, TestFn> t = {
            { QStringLiteral("boolean"), &tBoolean },
            { QStringLiteral("callable"), &tCallable },
            { QStringLiteral("defined"), &tDefined },
            { QStringLiteral("divisibleby"), &tDivisibleby },
            { QStringLiteral("eq"), &tEq },
            { QStringLiteral("equalto"), &tEq },
            { QStringLiteral("=="), &tEq },
            { QStringLiteral("escaped"), &tEscaped },
            { QStringLiteral("even"), &tEven },
            { QStringLiteral("false"), &tFalse },
            { QStringLiteral("filter"), &tFilter },
            { QStringLiteral("float"), &tFloat },
            { QStringLiteral("ge"), &tGe },
            { QStringLiteral(">="), &tGe },
            { QStringLiteral("gt"), &tGt },
            { QStringLiteral(">"), &tGt },
            { QStringLiteral("greaterthan"), &tGt },
            { QStringLiteral("in"), &tIn },
            { QStringLiteral("integer"), &tInteger },
            { QStringLiteral("iterable"), &tIterable },
            { QStringLiteral("le"), &tLe },
            { QStringLiteral("<="), &tLe },
            { QStringLiteral("lower"), &tLower },
            { QStringLiteral("lt"), &tLt },
            { QStringLiteral("<"), &tLt },
            { QStringLiteral("lessthan"), &tLt },
            { QStringLiteral("mapping"), &tMapping },
            { QStringLiteral("ne"), &tNe },
            { QStringLiteral("!="), &tNe },
            { QStringLiteral("none"), &tNone },
            { QStringLiteral("number"), &tNumber },
            { QStringLiteral("odd"), &tOdd },
            { QStringLiteral("sameas"), &tSameas },
            { QStringLiteral("sequence"), &tSequence },
            { QStringLiteral("string"), &tString },
            { QStringLiteral("test"), &tTest },
            { QStringLiteral("true"), &tTrue },
            { QStringLiteral("undefined"), &tUndefined },
            { QStringLiteral("upper"), &tUpper },
        };
        registerAnsibleTests(t);
        return t;
    }();
    return tests.value(name, nullptr);
}

} // namespace Jinja
