// The Ansible filters operators use most (ansible/plugins/filter/core.py), with Ansible's defaults.
#include "core/VarCodec.h"
#include "jinja/Builtins.h"
#include "jinja/Interpreter.h"
#include "jinja/Json.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <cmath>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace Jinja {

namespace {

JsonOptions jsonOptionsFrom(Interpreter& interp, CallArgs& args, JsonOptions o)
{
    for (const auto& [name, v] : args.keywords) {
        if (name == QLatin1String("indent")) {
            o.indent = v.isNone() ? -1 : int(v.intValue());
        } else if (name == QLatin1String("sort_keys")) {
            o.sortKeys = v.truthy();
        } else if (name == QLatin1String("ensure_ascii")) {
            o.ensureAscii = v.truthy();
        } else if (name == QLatin1String("separators")) {
            const ValueList seps = interp.iterate(v);
            if (seps.size() != 2) {
                interp.fail(QStringLiteral("separators must be a pair"));
            }
            o.itemSeparator = seps[0].str();
            o.keySeparator = seps[1].str();
        } else if (name != QLatin1String("vault_to_text") && name != QLatin1String("preprocess_unsafe")) {
            interp.fail(QStringLiteral("to_json got an unexpected keyword argument '%1'").arg(name));
        }
    }
    if (!args.positional.empty()) {
        interp.fail(QStringLiteral("to_json takes no positional arguments"));
    }
    return o;
}

Value aToJson(Interpreter& interp, const Value& v, CallArgs& args)
{
    return Value(toJson(interp, v, jsonOptionsFrom(interp, args, JsonOptions {})));
}

Value aToNiceJson(Interpreter& interp, const Value& v, CallArgs& args)
{
    JsonOptions o;
    o.indent = 4;
    o.sortKeys = true;
    o.itemSeparator = QStringLiteral(",");
    o.keySeparator = QStringLiteral(": ");
    if (!args.positional.empty()) {
        o.indent = int(args.positional[0].intValue());
        args.positional.erase(args.positional.begin());
    }
    if (!args.positional.empty()) {
        o.sortKeys = args.positional[0].truthy();
        args.positional.erase(args.positional.begin());
    }
    return Value(toJson(interp, v, jsonOptionsFrom(interp, args, o)));
}

YamlOptions yamlOptionsFrom(Interpreter& interp, CallArgs& args, YamlOptions o)
{
    for (const auto& [name, v] : args.keywords) {
        if (name == QLatin1String("indent")) {
            o.indent = int(v.intValue());
            if (o.indent < 2 || o.indent > 9) {
                o.indent = 2; // PyYAML ignores indents outside 2..9
            }
        } else if (name == QLatin1String("default_flow_style")) {
            if (v.isNone()) {
                o.defaultFlowStyleNone = true;
            } else if (!v.truthy()) {
                o.defaultFlowStyleNone = false;
            } else {
                interp.fail(QStringLiteral("default_flow_style=True is not supported"));
            }
        } else if (name == QLatin1String("width")) {
            o.width = int(v.intValue());
            if (o.width <= o.indent * 2) {
                o.width = 80;
            }
        } else if (name == QLatin1String("sort_keys")) {
            o.sortKeys = v.truthy();
        } else if (name != QLatin1String("explicit_start") || v.truthy()) {
            interp.fail(QStringLiteral("to_yaml: unsupported argument '%1'").arg(name));
        }
    }
    if (!args.positional.empty()) {
        interp.fail(QStringLiteral("to_yaml takes no positional arguments"));
    }
    return o;
}

Value aToYaml(Interpreter& interp, const Value& v, CallArgs& args)
{
    return Value(toYaml(interp, v, yamlOptionsFrom(interp, args, YamlOptions {})));
}

Value aToNiceYaml(Interpreter& interp, const Value& v, CallArgs& args)
{
    YamlOptions o;
    o.indent = 4;
    o.defaultFlowStyleNone = false;
    if (!args.positional.empty()) {
        o.indent = int(args.positional[0].intValue());
        args.positional.erase(args.positional.begin());
    }
    o = yamlOptionsFrom(interp, args, o);
    o.defaultFlowStyleNone = false;
    return Value(toYaml(interp, v, o));
}

Value aB64encode(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("b64encode"), args, { "encoding" });
    return Value(QString::fromLatin1(v.str().toUtf8().toBase64()));
}

Value aB64decode(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("b64decode"), args, { "encoding" });
    QByteArray in = v.str().toUtf8();
    QByteArray clean;
    for (const char c : in) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
            || c == '=') {
            clean += c;
        }
    }
    const qsizetype firstPad = clean.indexOf('=');
    const qsizetype data = firstPad < 0 ? clean.size() : firstPad;
    const qsizetype pads = clean.size() - data;
    if (data % 4 == 1) {
        interp.fail(QStringLiteral("Invalid base64-encoded string: number of data characters (%1) cannot be 1 more "
                                   "than a multiple of 4")
                        .arg(data));
    }
    if (data % 4 != 0 && pads < 4 - data % 4) {
        interp.fail(QStringLiteral("Incorrect padding"));
    }
    clean.truncate(data);
    const QByteArray bytes = QByteArray::fromBase64(clean);
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes) {
        interp.fail(QStringLiteral("'utf-8' codec can't decode the decoded bytes"));
    }
    return Value(text);
}

QRegularExpression compilePython(Interpreter& interp, const QString& pattern, bool ignorecase, bool multiline)
{
    QRegularExpression::PatternOptions opts = QRegularExpression::UseUnicodePropertiesOption;
    if (ignorecase) {
        opts |= QRegularExpression::CaseInsensitiveOption;
    }
    if (multiline) {
        opts |= QRegularExpression::MultilineOption;
    }
    // Python's named groups (?P<name>…) are PCRE syntax too; \Z is Python's end of string, PCRE's \z.
    QString pcre = pattern;
    pcre.replace(QLatin1String("\\Z"), QLatin1String("\\z"));
    QRegularExpression re(pcre, opts);
    if (!re.isValid()) {
        interp.fail(
            QStringLiteral("invalid regular expression %1: %2").arg(pythonStringRepr(pattern), re.errorString()));
    }
    return re;
}

// Expands a Python re.sub replacement template (\1, \g<1>, \g<name>, \n …) for one match.
QString expandReplacement(Interpreter& interp, const QString& repl, const QRegularExpressionMatch& m)
{
    QString out;
    for (qsizetype i = 0; i < repl.size(); ++i) {
        const QChar c = repl.at(i);
        if (c != QLatin1Char('\\') || i + 1 >= repl.size()) {
            if (c == QLatin1Char('\\')) {
                interp.fail(QStringLiteral("bad escape (end of pattern)"));
            }
            out += c;
            continue;
        }
        const QChar e = repl.at(++i);
        if (e.isDigit()) {
            int group = e.digitValue();
            if (i + 1 < repl.size() && repl.at(i + 1).isDigit()) {
                group = group * 10 + repl.at(++i).digitValue();
            }
            if (group > m.lastCapturedIndex() && group >= m.regularExpression().captureCount() + 1) {
                interp.fail(QStringLiteral("invalid group reference %1").arg(group));
            }
            out += m.captured(group);
        } else if (e == QLatin1Char('g')) {
            const qsizetype close = repl.indexOf(QLatin1Char('>'), i);
            if (i + 1 >= repl.size() || repl.at(i + 1) != QLatin1Char('<') || close < 0) {
                interp.fail(QStringLiteral("missing group name"));
            }
            const QString name = repl.mid(i + 2, close - i - 2);
            bool isNum = false;
            const int group = name.toInt(&isNum);
            out += isNum ? m.captured(group) : m.captured(name);
            i = close;
        } else if (e == QLatin1Char('n')) {
            out += QLatin1Char('\n');
        } else if (e == QLatin1Char('t')) {
            out += QLatin1Char('\t');
        } else if (e == QLatin1Char('r')) {
            out += QLatin1Char('\r');
        } else if (e == QLatin1Char('\\')) {
            out += QLatin1Char('\\');
        } else if (e.isLetter()) {
            interp.fail(QStringLiteral("bad escape \\%1").arg(e));
        } else {
            out += QLatin1Char('\\');
            out += e;
        }
    }
    return out;
}

Value aRegexReplace(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("regex_replace"), args, { "pattern", "replacement", "ignorecase", "multiline" });
    const QString value = v.isUndefined() ? (v.checkUndefined(), QString()) : v.str();
    const QRegularExpression re = compilePython(interp, p.string(0), p.boolean(2, false), p.boolean(3, false));
    const QString repl = p.string(1);
    QString out;
    qsizetype last = 0;
    auto it = re.globalMatch(value);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(value).mid(last, m.capturedStart() - last);
        out += expandReplacement(interp, repl, m);
        last = m.capturedEnd();
        interp.checkStringSize(out.size());
    }
    out += QStringView(value).mid(last);
    return Value(out);
}

Value aRegexSearch(Interpreter& interp, const Value& v, CallArgs& args)
{
    const QString value = v.str();
    if (args.positional.empty()) {
        interp.fail(QStringLiteral("regex_search() missing required argument: 'regex'"));
    }
    const QString pattern = args.positional[0].str();
    std::vector<QString> groups;
    for (size_t i = 1; i < args.positional.size(); ++i) {
        const QString a = args.positional[i].str();
        if (a.startsWith(QLatin1String("\\g"))) {
            static const QRegularExpression named(QStringLiteral("^\\\\g<(\\S+)>"));
            groups.push_back(named.match(a).captured(1));
        } else if (a.startsWith(QLatin1Char('\\'))) {
            static const QRegularExpression num(QStringLiteral("^\\\\(\\d+)"));
            groups.push_back(num.match(a).captured(1));
        } else {
            interp.fail(QStringLiteral("Unknown argument"));
        }
    }
    bool ignorecase = false;
    bool multiline = false;
    for (const auto& [name, val] : args.keywords) {
        if (name == QLatin1String("ignorecase")) {
            ignorecase = val.truthy();
        } else if (name == QLatin1String("multiline")) {
            multiline = val.truthy();
        }
    }
    const QRegularExpression re = compilePython(interp, pattern, ignorecase, multiline);
    const QRegularExpressionMatch m = re.match(value);
    if (!m.hasMatch()) {
        return Value::none();
    }
    if (groups.empty()) {
        return Value(m.captured(0));
    }
    ValueList out;
    for (const QString& g : groups) {
        bool isNum = false;
        const int n = g.toInt(&isNum);
        const QString cap = isNum ? m.captured(n) : m.captured(g);
        const bool matched = isNum ? m.capturedStart(n) >= 0 : m.capturedStart(g) >= 0;
        out.push_back(matched ? Value(cap) : Value::none());
    }
    return Value::list(std::move(out));
}

Value aRegexFindall(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("regex_findall"), args, { "regex", "multiline", "ignorecase" });
    const QRegularExpression re = compilePython(interp, p.string(0), p.boolean(2, false), p.boolean(1, false));
    ValueList out;
    auto it = re.globalMatch(v.str());
    const int groups = re.captureCount();
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (groups == 0) {
            out.emplace_back(m.captured(0));
        } else if (groups == 1) {
            out.emplace_back(m.captured(1));
        } else {
            ValueList t;
            for (int g = 1; g <= groups; ++g) {
                t.emplace_back(m.captured(g));
            }
            out.push_back(Value::tuple(std::move(t)));
        }
    }
    return Value::list(std::move(out));
}

Value aRegexEscape(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("regex_escape"), args, { "re_type" });
    const QString s = v.str();
    QString out;
    static const QString special = QStringLiteral("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");
    for (const QChar c : s) {
        if (special.contains(c)) {
            out += QLatin1Char('\\');
        }
        out += c;
    }
    return Value(out);
}

Value aTernary(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("ternary"), args, { "true_val", "false_val", "none_val" });
    const Value noneVal = p.get(2, Value::none());
    if (v.isNone() && !noneVal.isNone()) {
        return noneVal;
    }
    return v.truthy() ? p.required(0) : p.required(1);
}

void checkDefined(const Value& v)
{
    if (v.isUndefined()) {
        v.failUndefined();
    }
    if (v.isSequence()) {
        for (const Value& item : v.listObject()->items) {
            checkDefined(item);
        }
    } else if (v.isDict()) {
        for (const auto& kv : v.dictObject()->items) {
            checkDefined(kv.second);
        }
    }
}

Value copyDict(const Value& d)
{
    Value c = Value::dict();
    c.dictObject()->items = d.dictObject()->items;
    return c;
}

Value mergeHash(Interpreter& interp, const Value& x, const Value& y, bool recursive, const QString& listMerge)
{
    if (!x.isDict() || !y.isDict()) {
        interp.fail(QStringLiteral("failed to combine variables, expected dicts but got '%1' and '%2'")
                        .arg(x.typeName(), y.typeName()));
    }
    if (x.dictObject()->size() == 0 || x == y) {
        return copyDict(y);
    }
    Value out = copyDict(x);
    DictObject* o = out.dictObject();
    for (const auto& [key, yv] : y.dictObject()->items) {
        const Value* xvp = o->find(key);
        if (!xvp) {
            o->insert(key, yv);
            continue;
        }
        const Value xv = *xvp;
        if (xv.isDict() && yv.isDict()) {
            o->insert(key, recursive ? mergeHash(interp, xv, yv, recursive, listMerge) : yv);
            continue;
        }
        if (xv.isList() && yv.isList()) {
            const auto& xs = xv.listObject()->items;
            const auto& ys = yv.listObject()->items;
            ValueList r;
            if (listMerge == QLatin1String("replace")) {
                r = ys;
            } else if (listMerge == QLatin1String("keep")) {
                r = xs;
            } else if (listMerge == QLatin1String("append")) {
                r = xs;
                r.insert(r.end(), ys.begin(), ys.end());
            } else if (listMerge == QLatin1String("prepend")) {
                r = ys;
                r.insert(r.end(), xs.begin(), xs.end());
            } else {
                const auto in = [](const ValueList& list, const Value& z) {
                    return std::find(list.begin(), list.end(), z) != list.end();
                };
                ValueList kept;
                for (const Value& z : xs) {
                    if (!in(ys, z)) {
                        kept.push_back(z);
                    }
                }
                if (listMerge == QLatin1String("append_rp")) {
                    r = kept;
                    r.insert(r.end(), ys.begin(), ys.end());
                } else {
                    r = ys;
                    r.insert(r.end(), kept.begin(), kept.end());
                }
            }
            o->insert(key, Value::list(std::move(r)));
            continue;
        }
        o->insert(key, yv);
    }
    return out;
}

Value aCombine(Interpreter& interp, const Value& v, CallArgs& args)
{
    bool recursive = false;
    QString listMerge = QStringLiteral("replace");
    for (const auto& [name, val] : args.keywords) {
        if (name == QLatin1String("recursive")) {
            recursive = val.truthy();
        } else if (name == QLatin1String("list_merge")) {
            listMerge = val.str();
        } else {
            interp.fail(QStringLiteral("'recursive' and 'list_merge' are the only valid keyword arguments"));
        }
    }
    static const QStringList modes = { QStringLiteral("replace"), QStringLiteral("keep"), QStringLiteral("append"),
        QStringLiteral("prepend"), QStringLiteral("append_rp"), QStringLiteral("prepend_rp") };
    if (!modes.contains(listMerge)) {
        interp.fail(QStringLiteral("merge_hash: 'list_merge' argument can only be equal to 'replace', 'keep', "
                                   "'append', 'prepend', 'append_rp' or 'prepend_rp'"));
    }
    ValueList terms { v };
    terms.insert(terms.end(), args.positional.begin(), args.positional.end());
    ValueList dicts;
    for (const Value& t : terms) {
        if (t.isSequence()) {
            for (const Value& item : t.listObject()->items) {
                if (!(item.isNone()
                        || (item.isString()
                            && (item.stringValue() == QLatin1String("None")
                                || item.stringValue() == QLatin1String("null"))))) {
                    dicts.push_back(item);
                }
            }
        } else if (!(t.isNone()
                       || (t.isString()
                           && (t.stringValue() == QLatin1String("None")
                               || t.stringValue() == QLatin1String("null"))))) {
            dicts.push_back(t);
        }
    }
    for (const Value& d : dicts) {
        checkDefined(d);
    }
    if (dicts.empty()) {
        return Value::dict();
    }
    if (dicts.size() == 1) {
        return dicts.front();
    }
    Value result = dicts.back();
    for (auto it = dicts.rbegin() + 1; it != dicts.rend(); ++it) {
        result = mergeHash(interp, *it, result, recursive, listMerge);
    }
    return result;
}

Value aDict2items(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("dict2items"), args, { "key_name", "value_name" });
    const Value keyName(p.string(0, QStringLiteral("key")));
    const Value valueName(p.string(1, QStringLiteral("value")));
    if (!v.isDict()) {
        v.checkUndefined();
        interp.fail(QStringLiteral("dict2items requires a dictionary, got <class '%1'> instead.").arg(v.typeName()));
    }
    ValueList out;
    for (const auto& [k, val] : v.dictObject()->items) {
        Value d = Value::dict();
        d.dictObject()->insert(keyName, k);
        d.dictObject()->insert(valueName, val);
        out.push_back(d);
    }
    return Value::list(std::move(out));
}

Value aItems2dict(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("items2dict"), args, { "key_name", "value_name" });
    const Value keyName(p.string(0, QStringLiteral("key")));
    const Value valueName(p.string(1, QStringLiteral("value")));
    if (!v.isSequence()) {
        v.checkUndefined();
        interp.fail(QStringLiteral("items2dict requires a list, got <class '%1'> instead.").arg(v.typeName()));
    }
    Value out = Value::dict();
    for (const Value& item : v.listObject()->items) {
        if (!item.isDict()) {
            interp.fail(QStringLiteral("items2dict requires a list of dictionaries, got %1 instead.").arg(v.repr()));
        }
        const Value* k = item.dictObject()->find(keyName);
        const Value* val = item.dictObject()->find(valueName);
        if (!k || !val) {
            interp.fail(QStringLiteral("items2dict requires each dictionary in the list to contain the keys '%1' and "
                                       "'%2', got %3 instead.")
                            .arg(keyName.str(), valueName.str(), v.repr()));
        }
        out.dictObject()->insert(*k, *val);
    }
    return out;
}

Value aMandatory(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("mandatory"), args, { "msg" });
    if (v.isUndefined()) {
        const Value msg = p.get(0, Value::none());
        if (!msg.isNone()) {
            interp.fail(msg.str());
        }
        QString name;
        const QString hint = v.undefinedHint();
        if (v.undefinedNamed() && hint.endsWith(QLatin1String(" is undefined"))) {
            name = hint.chopped(13) + QLatin1Char(' ');
        }
        interp.fail(QStringLiteral("Mandatory variable %1not defined.").arg(name));
    }
    return v;
}

Value aQuote(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("quote"), args, {});
    const QString s = v.isNone() ? QString() : v.str();
    if (s.isEmpty()) {
        return Value(QStringLiteral("''"));
    }
    bool safe = true;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (!((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
                || QStringView(u"_@%+=:,./-").contains(c))) {
            safe = false;
            break;
        }
    }
    if (safe) {
        return Value(s);
    }
    QString escaped = s;
    escaped.replace(QLatin1String("'"), QLatin1String("'\"'\"'"));
    return Value(QLatin1Char('\'') + escaped + QLatin1Char('\''));
}

Value aBool(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("bool"), args, {});
    if (v.isBool() || v.isNone()) {
        return v; // Ansible's to_bool passes None through
    }
    if (v.isString()) {
        const QString s = v.stringValue().toLower();
        return Value(s == QLatin1String("yes") || s == QLatin1String("on") || s == QLatin1String("1")
            || s == QLatin1String("true"));
    }
    if (v.isNumber()) {
        return Value(v.floatValue() == 1.0);
    }
    v.checkUndefined();
    return Value(false);
}

void flattenInto(ValueList& out, const Value& list, qint64 levels, bool skipNulls)
{
    for (const Value& e : list.listObject()->items) {
        if (skipNulls
            && (e.isNone()
                || (e.isString()
                    && (e.stringValue() == QLatin1String("None") || e.stringValue() == QLatin1String("null"))))) {
            continue;
        }
        if (e.isSequence()) {
            if (levels < 0) {
                flattenInto(out, e, -1, skipNulls);
            } else if (levels >= 1) {
                flattenInto(out, e, levels - 1, skipNulls);
            } else {
                out.push_back(e);
            }
        } else {
            out.push_back(e);
        }
    }
}

Value aFlatten(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("flatten"), args, { "levels", "skip_nulls" });
    const Value levels = p.get(0, Value::none());
    ValueList out;
    const Value list = v.isSequence() ? v : Value::list(interp.iterate(v));
    flattenInto(out, list, levels.isNone() ? -1 : levels.intValue(), p.boolean(1, true));
    return Value::list(std::move(out));
}

Value aBasename(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("basename"), args, {});
    const QString s = v.str();
    return Value(s.mid(s.lastIndexOf(QLatin1Char('/')) + 1));
}

Value aDirname(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("dirname"), args, {});
    const QString s = v.str();
    QString head = s.left(s.lastIndexOf(QLatin1Char('/')) + 1);
    if (!head.isEmpty() && head != QString(head.size(), QLatin1Char('/'))) {
        while (head.endsWith(QLatin1Char('/'))) {
            head.chop(1);
        }
    }
    return Value(head);
}

Value hashWith(Interpreter& interp, const Value& v, const QString& type)
{
    QCryptographicHash::Algorithm algo;
    if (type == QLatin1String("md5")) {
        algo = QCryptographicHash::Md5;
    } else if (type == QLatin1String("sha1")) {
        algo = QCryptographicHash::Sha1;
    } else if (type == QLatin1String("sha224")) {
        algo = QCryptographicHash::Sha224;
    } else if (type == QLatin1String("sha256")) {
        algo = QCryptographicHash::Sha256;
    } else if (type == QLatin1String("sha384")) {
        algo = QCryptographicHash::Sha384;
    } else if (type == QLatin1String("sha512")) {
        algo = QCryptographicHash::Sha512;
    } else {
        interp.fail(QStringLiteral("unsupported hash type %1").arg(type));
    }
    return Value(QString::fromLatin1(QCryptographicHash::hash(v.str().toUtf8(), algo).toHex()));
}

Value aHash(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("hash"), args, { "hashtype" });
    return hashWith(interp, v, p.string(0, QStringLiteral("sha1")));
}

Value aMd5(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("md5"), args, {});
    return hashWith(interp, v, QStringLiteral("md5"));
}

Value aSha1(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("sha1"), args, {});
    return hashWith(interp, v, QStringLiteral("sha1"));
}

// Python's random.Random: the Mersenne Twister (MT19937) seeded as CPython seeds it, so that
// `{{ 59 | random(seed=inventory_hostname) }}` gives the minute Ansible gives for that host.
class PyRandom {
public:
    // Random(seed) for a str seed (version 2: the UTF-8 bytes followed by their SHA-512, as one big integer).
    static PyRandom fromString(const QString& seed)
    {
        QByteArray bytes = seed.toUtf8();
        bytes += QCryptographicHash::hash(bytes, QCryptographicHash::Sha512);
        return PyRandom(wordsOfBigEndian(bytes));
    }
    // Random(seed) for an int seed (its absolute value).
    static PyRandom fromInt(qint64 seed)
    {
        quint64 n = seed < 0 ? quint64(0) - quint64(seed) : quint64(seed);
        QByteArray bytes;
        for (int i = 7; i >= 0; --i) {
            bytes += char((n >> (8 * i)) & 0xff);
        }
        return PyRandom(wordsOfBigEndian(bytes));
    }
    // random.randrange(start, stop, step) with `below` drawing an integer in [0, n); raises ValueError's messages.
    template <typename Below> static qint64 randrange(qint64 start, qint64 stop, qint64 step, const Below& below)
    {
        const qint64 width = stop - start;
        if (step == 1) {
            if (width > 0) {
                return start + below(width);
            }
            raise(QStringLiteral("empty range for randrange() (%1, %2, %3)").arg(start).arg(stop).arg(width));
        }
        if (step == 0) {
            raise(QStringLiteral("zero step for randrange()"));
        }
        const qint64 n = step > 0 ? floorDiv(width + step - 1, step) : floorDiv(width + step + 1, step);
        if (n <= 0) {
            raise(QStringLiteral("empty range for randrange()"));
        }
        return start + step * below(n);
    }
    // _randbelow_with_getrandbits(n), n >= 1.
    qint64 below(qint64 n)
    {
        int k = 0;
        while (k < 63 && (quint64(1) << k) <= quint64(n)) {
            ++k;
        }
        quint64 r = bits(k);
        while (r >= quint64(n)) {
            r = bits(k);
        }
        return qint64(r);
    }

private:
    static constexpr int kN = 624;
    static constexpr int kM = 397;

    explicit PyRandom(const std::vector<quint32>& key) { initByArray(key); }

    static qint64 floorDiv(qint64 a, qint64 b)
    {
        const qint64 q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }
    // The 32-bit words of a big-endian integer, least significant first, without leading zero words (CPython's
    // random_seed: at least one word).
    static std::vector<quint32> wordsOfBigEndian(const QByteArray& bytes)
    {
        std::vector<quint32> words;
        for (qsizetype end = bytes.size(); end > 0; end -= 4) {
            quint32 w = 0;
            for (qsizetype i = std::max<qsizetype>(0, end - 4); i < end; ++i) {
                w = (w << 8) | quint8(bytes.at(i));
            }
            words.push_back(w);
        }
        while (words.size() > 1 && words.back() == 0) {
            words.pop_back();
        }
        if (words.empty()) {
            words.push_back(0);
        }
        return words;
    }
    void initGenrand(quint32 s)
    {
        m_mt[0] = s;
        for (m_index = 1; m_index < kN; ++m_index) {
            m_mt[m_index] = 1812433253U * (m_mt[m_index - 1] ^ (m_mt[m_index - 1] >> 30)) + quint32(m_index);
        }
    }
    void initByArray(const std::vector<quint32>& key)
    {
        initGenrand(19650218U);
        int i = 1;
        size_t j = 0;
        for (size_t k = std::max<size_t>(kN, key.size()); k; --k) {
            m_mt[i] = (m_mt[i] ^ ((m_mt[i - 1] ^ (m_mt[i - 1] >> 30)) * 1664525U)) + key[j] + quint32(j);
            ++i;
            ++j;
            if (i >= kN) {
                m_mt[0] = m_mt[kN - 1];
                i = 1;
            }
            if (j >= key.size()) {
                j = 0;
            }
        }
        for (int k = kN - 1; k; --k) {
            m_mt[i] = (m_mt[i] ^ ((m_mt[i - 1] ^ (m_mt[i - 1] >> 30)) * 1566083941U)) - quint32(i);
            ++i;
            if (i >= kN) {
                m_mt[0] = m_mt[kN - 1];
                i = 1;
            }
        }
        m_mt[0] = 0x80000000U;
    }
    quint32 next32()
    {
        const auto twist = [this](int kk, int other) {
            const quint32 y = (m_mt[kk] & 0x80000000U) | (m_mt[kk + 1 == kN ? 0 : kk + 1] & 0x7fffffffU);
            m_mt[kk] = m_mt[other] ^ (y >> 1) ^ ((y & 1U) ? 0x9908b0dfU : 0U);
        };
        if (m_index >= kN) {
            int kk = 0;
            for (; kk < kN - kM; ++kk) {
                twist(kk, kk + kM);
            }
            for (; kk < kN - 1; ++kk) {
                twist(kk, kk + (kM - kN));
            }
            twist(kN - 1, kM - 1);
            m_index = 0;
        }
        quint32 y = m_mt[m_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }
    // getrandbits(k) for 1 <= k <= 64: the first word is the least significant.
    quint64 bits(int k)
    {
        if (k <= 32) {
            return next32() >> (32 - k);
        }
        const quint64 low = next32();
        const quint64 high = next32() >> (64 - k);
        return low | (high << 32);
    }

    quint32 m_mt[kN] = {};
    int m_index = kN + 1;
};

// Ansible's random filter (core.py rand): an integer below `end` (from `start`, by `step`) or an item of a list or
// string; with `seed` the choice is repeatable (Python's Random(seed)), without it from the system's generator.
Value aRandom(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("random"), args, { "start", "step", "seed" });
    const Value start = p.get(0, Value::none());
    const Value step = p.get(1, Value::none());
    const Value seed = p.get(2, Value::none());
    v.checkUndefined();
    std::optional<PyRandom> seeded;
    if (seed.isString()) {
        seeded = PyRandom::fromString(seed.stringValue());
    } else if (seed.isIntegral()) {
        seeded = PyRandom::fromInt(seed.intValue());
    } else if (!seed.isNone()) {
        seed.checkUndefined();
        interp.fail(QStringLiteral("random: seed must be a string or an integer, not %1").arg(seed.typeName()));
    }
    const auto below = [&](qint64 n) -> qint64 {
        if (seeded) {
            return seeded->below(n);
        }
        return qint64(QRandomGenerator::system()->bounded(quint64(n)));
    };
    if (v.isIntegral()) {
        const qint64 from = start.truthy() ? start.intValue() : 0;
        const qint64 by = step.truthy() ? step.intValue() : 1;
        return Value(PyRandom::randrange(from, v.intValue(), by, below));
    }
    if (v.isSequence() || v.isString()) {
        if (start.truthy() || step.truthy()) {
            interp.fail(QStringLiteral("start and step can only be used with integer values"));
        }
        const ValueList items = interp.iterate(v);
        if (items.empty()) {
            interp.fail(QStringLiteral("Cannot choose from an empty sequence"));
        }
        return items[size_t(below(qint64(items.size())))];
    }
    interp.fail(QStringLiteral("random can only be used on sequences and integers"));
}

// shuffle (core.py randomize_list): with a seed, Python's Random(seed).shuffle order; a bad input comes back as it was.
Value aShuffle(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("shuffle"), args, { "seed" });
    const Value seed = p.get(0, Value::none());
    v.checkUndefined();
    if (!v.isSequence() && !v.isString() && !v.isDict()) {
        return v;
    }
    ValueList items = interp.iterate(v);
    std::optional<PyRandom> seeded;
    if (seed.isString() && !seed.stringValue().isEmpty()) {
        seeded = PyRandom::fromString(seed.stringValue());
    } else if (seed.isIntegral() && seed.intValue() != 0) {
        seeded = PyRandom::fromInt(seed.intValue());
    }
    for (qsizetype i = qsizetype(items.size()) - 1; i >= 1; --i) {
        const qint64 j = seeded ? seeded->below(i + 1) : qint64(QRandomGenerator::system()->bounded(quint64(i + 1)));
        std::swap(items[size_t(i)], items[size_t(j)]);
    }
    return Value::list(std::move(items));
}

// mathstuff's unique(…, True): Jinja2's unique, case-sensitive; where that fails (unhashable items: dicts,
// lists), Ansible's own, which keeps the first of equal items.
ValueList uniqueOf(Interpreter& interp, const Value& list)
{
    CallArgs args;
    args.keywords.emplace_back(QStringLiteral("case_sensitive"), Value(true));
    try {
        return interp.iterate(interp.applyFilter(QStringLiteral("unique"), list, args));
    } catch (const RenderError&) {
        ValueList out;
        for (const Value& x : list.listObject()->items) {
            if (std::find(out.begin(), out.end(), x) == out.end()) {
                out.push_back(x);
            }
        }
        return out;
    }
}

ValueList setOperand(Interpreter& interp, const QString& filter, const Value& v)
{
    v.checkUndefined();
    if (!v.isSequence()) {
        interp.fail(QStringLiteral("%1: expects lists, got %2").arg(filter, v.typeName()));
    }
    return v.listObject()->items;
}

// union / intersect / difference / symmetric_difference on lists (mathstuff.py): first occurrences, in order.
Value aUnion(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("union"), args, { "b" });
    ValueList all = setOperand(interp, QStringLiteral("union"), v);
    const ValueList more = setOperand(interp, QStringLiteral("union"), p.required(0));
    all.insert(all.end(), more.begin(), more.end());
    return Value::list(uniqueOf(interp, Value::list(std::move(all))));
}

ValueList intersectionOf(Interpreter& interp, const Value& a, const Value& b, bool keepCommon)
{
    ValueList kept;
    for (const Value& x : setOperand(interp, QStringLiteral("intersect"), a)) {
        if (interp.contains(b, x) == keepCommon) {
            kept.push_back(x);
        }
    }
    return uniqueOf(interp, Value::list(std::move(kept)));
}

Value aIntersect(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("intersect"), args, { "b" });
    const Value b = p.required(0);
    setOperand(interp, QStringLiteral("intersect"), b);
    return Value::list(intersectionOf(interp, v, b, true));
}

Value aDifference(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("difference"), args, { "b" });
    const Value b = p.required(0);
    setOperand(interp, QStringLiteral("difference"), b);
    return Value::list(intersectionOf(interp, v, b, false));
}

Value aSymmetricDifference(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("symmetric_difference"), args, { "b" });
    const Value b = p.required(0);
    const Value common = Value::list(intersectionOf(interp, v, b, true));
    ValueList all = setOperand(interp, QStringLiteral("symmetric_difference"), v);
    const ValueList more = setOperand(interp, QStringLiteral("symmetric_difference"), b);
    all.insert(all.end(), more.begin(), more.end());
    ValueList out;
    for (const Value& x : uniqueOf(interp, Value::list(std::move(all)))) {
        if (!interp.contains(common, x)) {
            out.push_back(x);
        }
    }
    return Value::list(std::move(out));
}

// zip / zip_longest (Python's builtins, as lists of tuples): the subject and the arguments side by side.
Value zipLists(Interpreter& interp, const Value& v, CallArgs& args, bool longest)
{
    std::vector<ValueList> lists { interp.iterate(v) };
    Value fill = Value::none();
    for (const Value& a : args.positional) {
        lists.push_back(interp.iterate(a));
    }
    for (const auto& [name, value] : args.keywords) {
        if (!longest || name != QLatin1String("fillvalue")) {
            interp.fail(
                QStringLiteral("%1() got an unexpected keyword argument %2")
                    .arg(longest ? QStringLiteral("zip_longest") : QStringLiteral("zip"), pythonStringRepr(name)));
        }
        fill = value;
    }
    size_t n = longest ? 0 : lists.front().size();
    for (const ValueList& l : lists) {
        n = longest ? std::max(n, l.size()) : std::min(n, l.size());
    }
    interp.countIterations(qint64(n));
    ValueList out;
    out.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        ValueList row;
        for (const ValueList& l : lists) {
            row.push_back(i < l.size() ? l[i] : fill);
        }
        out.push_back(Value::tuple(std::move(row)));
    }
    return Value::list(std::move(out));
}

Value aZip(Interpreter& interp, const Value& v, CallArgs& args)
{
    return zipLists(interp, v, args, false);
}

Value aZipLongest(Interpreter& interp, const Value& v, CallArgs& args)
{
    return zipLists(interp, v, args, true);
}

// extract: container[item], then [key] for each of morekeys (`groups.web | map('extract', hostvars, 'ansible_host')`).
Value aExtract(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("extract"), args, { "container", "morekeys" });
    Value value = interp.getitem(p.required(0), v);
    const Value more = p.get(1, Value::none());
    if (more.isList()) {
        for (const Value& key : more.listObject()->items) {
            value = interp.getitem(value, key);
        }
    } else if (!more.isNone()) {
        value = interp.getitem(value, more);
    }
    return value;
}

// comment: text as a comment block in a given style (`{{ ansible_managed | comment }}`), core.py's algorithm.
Value aComment(Interpreter& interp, const Value& v, CallArgs& args)
{
    // Any keyword overrides a part of the style (decoration, prefix, prefix_count, postfix, beginning, end …).
    if (args.positional.size() > 1) {
        interp.fail(QStringLiteral("comment() takes from 1 to 2 positional arguments but %1 were given")
                        .arg(args.positional.size() + 1));
    }
    const Value* styleArg = args.positional.empty() ? args.keyword(QStringLiteral("style")) : &args.positional[0];
    const QString style = styleArg ? styleArg->str() : QStringLiteral("plain");
    QHash<QString, QString> params { { QStringLiteral("newline"), QStringLiteral("\n") },
        { QStringLiteral("beginning"), QString() }, { QStringLiteral("decoration"), QString() },
        { QStringLiteral("end"), QString() } };
    QString decoration;
    if (style == QLatin1String("plain")) {
        decoration = QStringLiteral("# ");
    } else if (style == QLatin1String("erlang")) {
        decoration = QStringLiteral("% ");
    } else if (style == QLatin1String("c")) {
        decoration = QStringLiteral("// ");
    } else if (style == QLatin1String("cblock")) {
        decoration = QStringLiteral(" * ");
        params[QStringLiteral("beginning")] = QStringLiteral("/*");
        params[QStringLiteral("end")] = QStringLiteral(" */");
    } else if (style == QLatin1String("xml")) {
        decoration = QStringLiteral(" - ");
        params[QStringLiteral("beginning")] = QStringLiteral("<!--");
        params[QStringLiteral("end")] = QStringLiteral("-->");
    } else {
        interp.fail(
            QStringLiteral("comment: unknown style %1 (plain, erlang, c, cblock, xml)").arg(pythonStringRepr(style)));
    }
    if (const Value* d = args.keyword(QStringLiteral("decoration"))) {
        decoration = d->str();
    }
    // Python's rstrip(): trailing whitespace only.
    QString stripped = decoration;
    while (!stripped.isEmpty() && stripped.back().isSpace()) {
        stripped.chop(1);
    }
    params[QStringLiteral("prefix")] = stripped;
    params[QStringLiteral("postfix")] = stripped;
    params[QStringLiteral("decoration")] = decoration;
    qint64 prefixCount = 1;
    qint64 postfixCount = 1;
    for (const auto& [name, value] : args.keywords) {
        if (name == QLatin1String("prefix_count")) {
            prefixCount = value.isString() ? value.stringValue().toLongLong() : value.intValue();
        } else if (name == QLatin1String("postfix_count")) {
            postfixCount = value.isString() ? value.stringValue().toLongLong() : value.intValue();
        } else if (name != QLatin1String("style")) {
            params[name] = value.str();
        }
    }
    const QString& nl = params[QStringLiteral("newline")];
    // The repeated parts are bounded before they are built (prefix_count=10**9 must not exhaust memory first).
    const qint64 prefixSize = params[QStringLiteral("prefix")].size() + nl.size();
    const qint64 postfixSize = params[QStringLiteral("postfix")].size() + nl.size();
    if ((prefixCount > 0 && prefixCount > interp.options().limits.maxOutputSize / std::max<qint64>(prefixSize, 1))
        || (postfixCount > 0
            && postfixCount > interp.options().limits.maxOutputSize / std::max<qint64>(postfixSize, 1))) {
        interp.checkStringSize(interp.options().limits.maxOutputSize + 1);
    }
    interp.checkStringSize(
        qsizetype(std::max<qint64>(prefixCount, 0) * prefixSize + std::max<qint64>(postfixCount, 0) * postfixSize));
    const QString& deco = params[QStringLiteral("decoration")];
    const QString text = v.str();
    QString out;
    if (!params[QStringLiteral("beginning")].isEmpty()) {
        out += params[QStringLiteral("beginning")] + nl;
    }
    const QString& prefix = params[QStringLiteral("prefix")];
    if (!prefix.isEmpty()) {
        for (qint64 i = 0; i < prefixCount; ++i) {
            out += prefix != nl ? prefix + nl : nl;
        }
    }
    QString decoRstripped = deco;
    while (!decoRstripped.isEmpty() && decoRstripped.back().isSpace()) {
        decoRstripped.chop(1);
    }
    QString body = deco + QString(text).replace(nl, nl + deco);
    body.replace(deco + nl, decoRstripped + nl);
    out += body;
    for (qint64 i = 0; i < postfixCount; ++i) {
        out += nl + params[QStringLiteral("postfix")];
    }
    if (!params[QStringLiteral("end")].isEmpty()) {
        out += nl + params[QStringLiteral("end")];
    }
    return Value(out);
}

// path_join: os.path.join of a list of paths (or one path).
Value aPathJoin(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("path_join"), args, {});
    v.checkUndefined();
    if (v.isString()) {
        return v;
    }
    if (!v.isSequence()) {
        interp.fail(QStringLiteral("|path_join expects string or sequence, got %1 instead.").arg(v.typeName()));
    }
    const ValueList& parts = v.listObject()->items;
    if (parts.empty()) {
        interp.fail(QStringLiteral("join() missing 1 required positional argument: 'a'"));
    }
    QString path;
    bool first = true;
    for (const Value& part : parts) {
        if (!part.isString()) {
            interp.fail(QStringLiteral("join() argument must be str, bytes, or os.PathLike object, not '%1'")
                            .arg(part.typeName()));
        }
        const QString& b = part.stringValue();
        if (first) {
            path = b;
        } else if (b.startsWith(QLatin1Char('/'))) {
            path = b;
        } else if (path.isEmpty() || path.endsWith(QLatin1Char('/'))) {
            path += b;
        } else {
            path += QLatin1Char('/') + b;
        }
        first = false;
    }
    return Value(path);
}

// splitext: os.path.splitext, as a (root, ext) tuple.
Value aSplitext(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("splitext"), args, {});
    const QString s = v.str();
    const qsizetype sep = s.lastIndexOf(QLatin1Char('/'));
    const qsizetype dot = s.lastIndexOf(QLatin1Char('.'));
    if (dot > sep) {
        for (qsizetype i = sep + 1; i < dot; ++i) {
            if (s.at(i) != QLatin1Char('.')) {
                return Value::tuple({ Value(s.left(dot)), Value(s.mid(dot)) });
            }
        }
    }
    return Value::tuple({ Value(s), Value(QString()) });
}

// split: str.split(sep=None, maxsplit=-1).
Value aSplit(Interpreter& interp, const Value& v, CallArgs& args)
{
    v.checkUndefined();
    if (!v.isString()) {
        interp.fail(
            QStringLiteral("descriptor 'split' for 'str' objects doesn't apply to a '%1' object").arg(v.typeName()));
    }
    return callMethod(interp, v, QStringLiteral("split"), args);
}

// type_debug: the Python class name of the value.
Value aTypeDebug(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("type_debug"), args, {});
    if (v.isUndefined()) {
        switch (v.undefinedMode()) {
        case UndefinedMode::Strict:
            return Value(QStringLiteral("StrictUndefined"));
        case UndefinedMode::Lenient:
            return Value(QStringLiteral("Undefined"));
        case UndefinedMode::Chainable:
            return Value(QStringLiteral("ChainableUndefined"));
        }
    }
    return Value(v.typeName());
}

// to_uuid: uuid5 of the text in Ansible's namespace (or the one given).
Value aToUuid(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("to_uuid"), args, { "namespace" });
    const QString nsText = p.string(0, QStringLiteral("361E6D51-FAEC-444A-9079-341386DA8E2E"));
    QString hex = nsText.trimmed();
    if (hex.startsWith(QLatin1String("urn:"), Qt::CaseInsensitive)) {
        hex = hex.mid(4);
    }
    if (hex.startsWith(QLatin1String("uuid:"), Qt::CaseInsensitive)) {
        hex = hex.mid(5);
    }
    hex.remove(QLatin1Char('{')).remove(QLatin1Char('}')).remove(QLatin1Char('-'));
    const QByteArray ns = QByteArray::fromHex(hex.toLatin1());
    static const QRegularExpression hex32(QStringLiteral("^[0-9A-Fa-f]{32}$"));
    if (!hex32.match(hex).hasMatch() || ns.size() != 16) {
        interp.fail(
            QStringLiteral("Invalid value '%1' for 'namespace': badly formed hexadecimal UUID string").arg(nsText));
    }
    QByteArray digest = QCryptographicHash::hash(QByteArray(ns + v.str().toUtf8()), QCryptographicHash::Sha1).left(16);
    digest[6] = char((quint8(digest[6]) & 0x0f) | 0x50);
    digest[8] = char((quint8(digest[8]) & 0x3f) | 0x80);
    const QByteArray h = digest.toHex();
    return Value(QString::fromLatin1(
        h.mid(0, 8) + '-' + h.mid(8, 4) + '-' + h.mid(12, 4) + '-' + h.mid(16, 4) + '-' + h.mid(20)));
}

// from_json: Python's json.loads — dicts keep the text's order (a repeated key keeps its first place and its last
// value), NaN and ±Infinity are accepted, integers are 64-bit here.
class JsonReader {
public:
    JsonReader(Interpreter& interp, const QString& text)
        : m_interp(interp)
        , m_text(text)
    {
    }
    Value document()
    {
        skipSpace();
        Value v = value(0);
        skipSpace();
        if (m_pos < m_text.size()) {
            fail(QStringLiteral("Extra data"));
        }
        return v;
    }

private:
    [[noreturn]] void fail(const QString& what) const
    {
        int line = 1;
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < m_pos && i < m_text.size(); ++i) {
            if (m_text.at(i) == QLatin1Char('\n')) {
                ++line;
                lineStart = i + 1;
            }
        }
        m_interp.fail(QStringLiteral("from_json: %1: line %2 column %3 (char %4)")
                          .arg(what)
                          .arg(line)
                          .arg(m_pos - lineStart + 1)
                          .arg(m_pos));
    }
    void skipSpace()
    {
        while (m_pos < m_text.size()
            && (m_text.at(m_pos) == QLatin1Char(' ') || m_text.at(m_pos) == QLatin1Char('\t')
                || m_text.at(m_pos) == QLatin1Char('\n') || m_text.at(m_pos) == QLatin1Char('\r'))) {
            ++m_pos;
        }
    }
    bool take(QLatin1String word)
    {
        if (QStringView(m_text).mid(m_pos).startsWith(word)) {
            m_pos += word.size();
            return true;
        }
        return false;
    }
    Value value(int depth)
    {
        if (depth > 200) {
            fail(QStringLiteral("nested too deeply"));
        }
        if (m_pos >= m_text.size()) {
            fail(QStringLiteral("Expecting value"));
        }
        const QChar c = m_text.at(m_pos);
        if (c == QLatin1Char('{')) {
            ++m_pos;
            Value dict = Value::dict();
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('}')) {
                ++m_pos;
                return dict;
            }
            while (true) {
                skipSpace();
                if (m_pos >= m_text.size() || m_text.at(m_pos) != QLatin1Char('"')) {
                    fail(QStringLiteral("Expecting property name enclosed in double quotes"));
                }
                const Value key(string());
                skipSpace();
                if (m_pos >= m_text.size() || m_text.at(m_pos) != QLatin1Char(':')) {
                    fail(QStringLiteral("Expecting ':' delimiter"));
                }
                ++m_pos;
                skipSpace();
                dict.dictObject()->insert(key, value(depth + 1));
                skipSpace();
                if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char(',')) {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char('}')) {
                    ++m_pos;
                    return dict;
                }
                fail(QStringLiteral("Expecting ',' delimiter"));
            }
        }
        if (c == QLatin1Char('[')) {
            ++m_pos;
            ValueList items;
            skipSpace();
            if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char(']')) {
                ++m_pos;
                return Value::list(std::move(items));
            }
            while (true) {
                skipSpace();
                items.push_back(value(depth + 1));
                m_interp.checkStringSize(qsizetype(items.size()));
                skipSpace();
                if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char(',')) {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text.at(m_pos) == QLatin1Char(']')) {
                    ++m_pos;
                    return Value::list(std::move(items));
                }
                fail(QStringLiteral("Expecting ',' delimiter"));
            }
        }
        if (c == QLatin1Char('"')) {
            return Value(string());
        }
        if (take(QLatin1String("true"))) {
            return Value(true);
        }
        if (take(QLatin1String("false"))) {
            return Value(false);
        }
        if (take(QLatin1String("null"))) {
            return Value::none();
        }
        if (take(QLatin1String("NaN"))) {
            return Value(std::nan(""));
        }
        if (take(QLatin1String("Infinity"))) {
            return Value(HUGE_VAL);
        }
        if (take(QLatin1String("-Infinity"))) {
            return Value(-HUGE_VAL);
        }
        static const QRegularExpression number(QStringLiteral("-?(?:0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?"));
        const auto m = number.match(
            m_text, m_pos, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
        if (!m.hasMatch()) {
            fail(QStringLiteral("Expecting value"));
        }
        m_pos = m.capturedEnd();
        if (m.captured(1).isEmpty() && m.captured(2).isEmpty()) {
            bool ok = false;
            const qint64 n = m.captured().toLongLong(&ok);
            if (!ok) {
                m_interp.fail(QStringLiteral("from_json: integer %1 does not fit in 64 bits").arg(m.captured()));
            }
            return Value(n);
        }
        return Value(m.captured().toDouble());
    }
    QString string()
    {
        ++m_pos; // the opening quote
        QString out;
        while (true) {
            if (m_pos >= m_text.size()) {
                fail(QStringLiteral("Unterminated string starting at"));
            }
            const QChar c = m_text.at(m_pos++);
            if (c == QLatin1Char('"')) {
                return out;
            }
            if (c.unicode() < 0x20) {
                --m_pos;
                fail(QStringLiteral("Invalid control character at"));
            }
            if (c != QLatin1Char('\\')) {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size()) {
                fail(QStringLiteral("Unterminated string starting at"));
            }
            const QChar e = m_text.at(m_pos++);
            switch (e.unicode()) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'u': {
                bool ok = false;
                const uint code = m_text.mid(m_pos, 4).toUInt(&ok, 16);
                if (!ok || m_pos + 4 > m_text.size()) {
                    fail(QStringLiteral("Invalid \\uXXXX escape"));
                }
                m_pos += 4;
                out += QChar(char16_t(code)); // surrogate pairs come as two escapes, as in Python
                break;
            }
            default:
                if (const QChar c = letterEscape(e); !c.isNull()) { // \b \f \n \r \t
                    out += c;
                    break;
                }
                --m_pos;
                fail(QStringLiteral("Invalid \\escape"));
            }
        }
    }

    Interpreter& m_interp;
    const QString& m_text;
    qsizetype m_pos = 0;
};

Value aFromJson(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("from_json"), args, {});
    v.checkUndefined();
    if (!v.isString()) {
        interp.fail(QStringLiteral("the JSON object must be str, bytes or bytearray, not %1").arg(v.typeName()));
    }
    const QString text = v.stringValue();
    return JsonReader(interp, text).document();
}

// from_yaml: PyYAML's safe loading with YAML 1.1 typing (VarCodec's), mappings in the text's order with typed keys;
// a value that is not a string passes through, as in Ansible.
Value yamlValue(Interpreter& interp, const YAML::Node& node, int depth)
{
    if (depth > 200) {
        interp.fail(QStringLiteral("from_yaml: nested too deeply"));
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return Value::none();
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" || node.Tag() == "!!str") {
            return Value(text);
        }
        return Value::fromVariant(VarCodec::resolvePlainYamlScalar(text));
    }
    case YAML::NodeType::Sequence: {
        ValueList items;
        for (const auto& item : node) {
            items.push_back(yamlValue(interp, item, depth + 1));
        }
        return Value::list(std::move(items));
    }
    case YAML::NodeType::Map: {
        Value dict = Value::dict();
        for (const auto& kv : node) {
            const Value key = yamlValue(interp, kv.first, depth + 1);
            if (key.isDict() || key.isList()) {
                interp.fail(QStringLiteral("from_yaml: a mapping key must be a scalar (unhashable type: '%1')")
                                .arg(key.typeName()));
            }
            dict.dictObject()->insert(key, yamlValue(interp, kv.second, depth + 1));
        }
        return dict;
    }
    }
    return Value::none();
}

Value aFromYaml(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("from_yaml"), args, {});
    v.checkUndefined();
    if (!v.isString()) {
        return v;
    }
    try {
        return yamlValue(interp, YAML::Load(v.stringValue().toStdString()), 0);
    } catch (const YAML::Exception& e) {
        interp.fail(QStringLiteral("from_yaml: line %1, column %2: %3")
                        .arg(e.mark.line + 1)
                        .arg(e.mark.column + 1)
                        .arg(QString::fromStdString(e.msg)));
    }
}

// ---- Ansible's tests (ansible/plugins/test/core.py, mathstuff.py, files.py) ----

// match / search / regex: re.match (anchored at the start), re.search, or `match_type` of regex.
bool regexTest(Interpreter& interp, const Value& v, CallArgs& args, const QString& name, const QString& fixedType)
{
    Params p(interp, name, args, { "pattern", "ignorecase", "multiline", "match_type" });
    const QString matchType = fixedType.isEmpty() ? p.string(3, QStringLiteral("search")) : fixedType;
    const QRegularExpression re = compilePython(interp, p.string(0), p.boolean(1, false), p.boolean(2, false));
    const QString value = v.str();
    if (matchType == QLatin1String("match")) {
        return re.match(value, 0, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption)
            .hasMatch();
    }
    if (matchType == QLatin1String("fullmatch")) {
        const QRegularExpression whole(QStringLiteral("(?:%1)\\z").arg(re.pattern()), re.patternOptions());
        return whole.match(value, 0, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption)
            .hasMatch();
    }
    return re.match(value).hasMatch(); // 'search', and Ansible's fallback for unknown types
}

bool tMatch(Interpreter& interp, const Value& v, CallArgs& args)
{
    return regexTest(interp, v, args, QStringLiteral("match"), QStringLiteral("match"));
}

bool tSearch(Interpreter& interp, const Value& v, CallArgs& args)
{
    return regexTest(interp, v, args, QStringLiteral("search"), QStringLiteral("search"));
}

bool tRegex(Interpreter& interp, const Value& v, CallArgs& args)
{
    return regexTest(interp, v, args, QStringLiteral("regex"), QString());
}

// distutils' LooseVersion as Ansible vendors it: runs of digits (numbers), of lower-case letters, and every other
// character, compared as Python compares lists (a number against a string raises).
ValueList looseVersion(const QString& text)
{
    ValueList parts;
    static const QRegularExpression component(
        QStringLiteral("(\\d+|[a-z]+|\\.)"), QRegularExpression::UseUnicodePropertiesOption);
    qsizetype pos = 0;
    const auto add = [&](const QString& piece) {
        if (piece.isEmpty() || piece == QLatin1String(".")) {
            return;
        }
        bool isInt = false;
        const qint64 n = piece.toLongLong(&isInt);
        parts.push_back(isInt ? Value(n) : Value(piece));
    };
    for (auto it = component.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        add(text.mid(pos, m.capturedStart() - pos));
        add(m.captured());
        pos = m.capturedEnd();
    }
    add(text.mid(pos));
    return parts;
}

// StrictVersion: N.N[.N][(a|b)N]; the version (patch 0 when left out) and the pre-release, if any.
struct StrictVersion {
    qint64 release[3] = { 0, 0, 0 };
    bool pre = false;
    QString preLetter;
    qint64 preNumber = 0;
};

StrictVersion strictVersion(Interpreter& interp, const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d+)\\.(\\d+)(\\.(\\d+))?(([ab])(\\d+))?$"));
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        interp.fail(QStringLiteral("Version comparison failed: invalid version number '%1'").arg(text));
    }
    StrictVersion v;
    v.release[0] = m.captured(1).toLongLong();
    v.release[1] = m.captured(2).toLongLong();
    v.release[2] = m.captured(4).isEmpty() ? 0 : m.captured(4).toLongLong();
    if (!m.captured(5).isEmpty()) {
        v.pre = true;
        v.preLetter = m.captured(6);
        v.preNumber = m.captured(7).toLongLong();
    }
    return v;
}

int compareStrict(const StrictVersion& a, const StrictVersion& b)
{
    for (int i = 0; i < 3; ++i) {
        if (a.release[i] != b.release[i]) {
            return a.release[i] < b.release[i] ? -1 : 1;
        }
    }
    if (a.pre != b.pre) {
        return a.pre ? -1 : 1; // a pre-release comes before its release
    }
    if (!a.pre) {
        return 0;
    }
    if (a.preLetter != b.preLetter) {
        return a.preLetter < b.preLetter ? -1 : 1;
    }
    return a.preNumber == b.preNumber ? 0 : (a.preNumber < b.preNumber ? -1 : 1);
}

// Semantic Versioning 2.0.0 as Ansible's SemanticVersion parses it: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]; a
// pre-release comes before its release, its identifiers compare numerically or lexically (numbers first), build
// metadata does not count.
struct SemanticVersion {
    qint64 release[3] = { 0, 0, 0 };
    QStringList prerelease;
};

SemanticVersion semanticVersion(Interpreter& interp, const QString& text)
{
    static const QRegularExpression re(QStringLiteral(
        "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
        "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*))*))?"
        "(?:\\+[0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*)?$"));
    const auto m = re.match(text);
    bool ok = m.hasMatch();
    SemanticVersion v;
    for (int i = 0; ok && i < 3; ++i) {
        v.release[i] = m.captured(i + 1).toLongLong(&ok);
    }
    if (!ok) {
        interp.fail(QStringLiteral("Version comparison failed: invalid semantic version '%1'").arg(text));
    }
    if (!m.captured(4).isEmpty()) {
        v.prerelease = m.captured(4).split(QLatin1Char('.'));
    }
    return v;
}

int compareSemantic(const SemanticVersion& a, const SemanticVersion& b)
{
    for (int i = 0; i < 3; ++i) {
        if (a.release[i] != b.release[i]) {
            return a.release[i] < b.release[i] ? -1 : 1;
        }
    }
    if (a.prerelease.isEmpty() != b.prerelease.isEmpty()) {
        return a.prerelease.isEmpty() ? 1 : -1;
    }
    for (qsizetype i = 0; i < std::min(a.prerelease.size(), b.prerelease.size()); ++i) {
        const QString& x = a.prerelease.at(i);
        const QString& y = b.prerelease.at(i);
        bool xNumber = false;
        bool yNumber = false;
        const qulonglong xn = x.toULongLong(&xNumber);
        const qulonglong yn = y.toULongLong(&yNumber);
        if (xNumber && yNumber) {
            if (xn != yn) {
                return xn < yn ? -1 : 1;
            }
        } else if (xNumber != yNumber) {
            return xNumber ? -1 : 1;
        } else if (x != y) {
            return x < y ? -1 : 1;
        }
    }
    return a.prerelease.size() == b.prerelease.size() ? 0 : (a.prerelease.size() < b.prerelease.size() ? -1 : 1);
}

// PEP 440 versions as Python's packaging.version parses and orders them (Ansible's version_type='pep440'):
// [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], with the spellings PEP 440 normalises (alpha, beta, c, pre,
// preview, rev, r, separators, a leading v, case).
struct Pep440Version {
    qint64 epoch = 0;
    QList<qint64> release; // trailing zeros dropped, as in the sort key
    int preRank = 3; // 0 = a, 1 = b, 2 = rc; 3 = none (after any pre-release); -1 = none but a dev release only
    qint64 pre = 0;
    bool hasPost = false;
    qint64 post = 0;
    bool hasDev = false;
    qint64 dev = 0;
    bool hasLocal = false;
    QStringList local;
};

Pep440Version pep440Version(Interpreter& interp, const QString& text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)"
                                                      "([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?"
                                                      "((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?"
                                                      "([-_.]?(dev)[-_.]?([0-9]+)?)?)"
                                                      "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$"),
        QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text);
    if (!m.hasMatch()) {
        interp.fail(QStringLiteral("Version comparison failed: Invalid version: '%1'").arg(text));
    }
    Pep440Version v;
    v.epoch = m.captured(1).toLongLong();
    for (const QString& part : m.captured(2).split(QLatin1Char('.'))) {
        v.release << part.toLongLong();
    }
    while (!v.release.isEmpty() && v.release.constLast() == 0) {
        v.release.removeLast();
    }
    if (!m.captured(3).isEmpty()) {
        const QString letter = m.captured(4).toLower();
        v.preRank = letter.startsWith(QLatin1Char('a')) ? 0 : (letter.startsWith(QLatin1Char('b')) ? 1 : 2);
        v.pre = m.captured(5).toLongLong();
    }
    if (!m.captured(6).isEmpty()) {
        v.hasPost = true;
        v.post = (m.captured(7).isEmpty() ? m.captured(9) : m.captured(7)).toLongLong();
    }
    if (!m.captured(10).isEmpty()) {
        v.hasDev = true;
        v.dev = m.captured(12).toLongLong();
    }
    if (v.preRank == 3 && !v.hasPost && v.hasDev) {
        v.preRank = -1; // 1.0.dev1 sorts before 1.0a1
    }
    if (!m.captured(13).isEmpty()) {
        v.hasLocal = true;
        static const QRegularExpression separators(QStringLiteral("[-_.]"));
        v.local = m.captured(13).toLower().split(separators);
    }
    return v;
}

int comparePep440(const Pep440Version& a, const Pep440Version& b)
{
    const auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
    if (int c = cmp(a.epoch, b.epoch)) {
        return c;
    }
    for (qsizetype i = 0; i < std::min(a.release.size(), b.release.size()); ++i) {
        if (int c = cmp(a.release.at(i), b.release.at(i))) {
            return c;
        }
    }
    if (int c = cmp(a.release.size(), b.release.size())) {
        return c;
    }
    if (int c = cmp(a.preRank, b.preRank)) {
        return c;
    }
    if (a.preRank >= 0 && a.preRank < 3) {
        if (int c = cmp(a.pre, b.pre)) {
            return c;
        }
    }
    if (int c = cmp(a.hasPost, b.hasPost)) { // no post release sorts first
        return c;
    }
    if (int c = cmp(a.post, b.post)) {
        return c;
    }
    if (int c = cmp(!a.hasDev, !b.hasDev)) { // a dev release sorts before none
        return c;
    }
    if (int c = cmp(a.dev, b.dev)) {
        return c;
    }
    if (int c = cmp(a.hasLocal, b.hasLocal)) {
        return c;
    }
    // Local segments: numbers above words, numbers by value, words by text; then the longer one.
    for (qsizetype i = 0; i < std::min(a.local.size(), b.local.size()); ++i) {
        bool xNumber = false;
        bool yNumber = false;
        const qulonglong x = a.local.at(i).toULongLong(&xNumber);
        const qulonglong y = b.local.at(i).toULongLong(&yNumber);
        if (xNumber != yNumber) {
            return xNumber ? 1 : -1;
        }
        if (int c = xNumber ? cmp(x, y) : cmp(a.local.at(i), b.local.at(i))) {
            return c;
        }
    }
    return cmp(a.local.size(), b.local.size());
}

int compareLoose(Interpreter& interp, const ValueList& a, const ValueList& b)
{
    if (a == b) {
        return 0;
    }
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (a[i] == b[i]) {
            continue;
        }
        if (a[i].isInt() != b[i].isInt()) {
            interp.fail(
                QStringLiteral("Version comparison failed: '<' not supported between instances of '%1' and '%2'")
                    .arg(a[i].typeName(), b[i].typeName()));
        }
        return lessThan(a[i], b[i]) ? -1 : 1;
    }
    return a.size() < b.size() ? -1 : 1;
}

// version / version_compare: `ansible_distribution_version is version('12', '>=')`.
bool tVersion(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("version"), args, { "version", "operator", "strict", "version_type" });
    const Value strict = p.get(2, Value::none());
    const Value type = p.get(3, Value::none());
    if (!strict.isNone() && !type.isNone()) {
        interp.fail(QStringLiteral("Cannot specify both 'strict' and 'version_type'"));
    }
    v.checkUndefined();
    if (!v.truthy()) {
        interp.fail(QStringLiteral("Input version value cannot be empty"));
    }
    const Value against = p.required(0);
    if (!against.truthy()) {
        interp.fail(QStringLiteral("Version parameter to compare against cannot be empty"));
    }
    static const QHash<QString, QString> ops { { QStringLiteral("=="), QStringLiteral("eq") },
        { QStringLiteral("="), QStringLiteral("eq") }, { QStringLiteral("eq"), QStringLiteral("eq") },
        { QStringLiteral("<"), QStringLiteral("lt") }, { QStringLiteral("lt"), QStringLiteral("lt") },
        { QStringLiteral("<="), QStringLiteral("le") }, { QStringLiteral("le"), QStringLiteral("le") },
        { QStringLiteral(">"), QStringLiteral("gt") }, { QStringLiteral("gt"), QStringLiteral("gt") },
        { QStringLiteral(">="), QStringLiteral("ge") }, { QStringLiteral("ge"), QStringLiteral("ge") },
        { QStringLiteral("!="), QStringLiteral("ne") }, { QStringLiteral("<>"), QStringLiteral("ne") },
        { QStringLiteral("ne"), QStringLiteral("ne") } };
    const QString opText = p.string(1, QStringLiteral("eq"));
    if (!ops.contains(opText)) {
        interp.fail(
            QStringLiteral("Invalid operator type (%1). Must be one of ==, =, eq, <, lt, <=, le, >, gt, >=, ge, "
                           "!=, <>, ne")
                .arg(opText));
    }
    const QString op = ops.value(opText);
    const QString kind = !type.isNone() ? type.str()
        : strict.truthy()               ? QStringLiteral("strict")
                                        : QStringLiteral("loose");
    int c = 0;
    if (kind == QLatin1String("loose")) {
        c = compareLoose(interp, looseVersion(v.str()), looseVersion(against.str()));
    } else if (kind == QLatin1String("strict")) {
        c = compareStrict(strictVersion(interp, v.str()), strictVersion(interp, against.str()));
    } else if (kind == QLatin1String("semver") || kind == QLatin1String("semantic")) {
        c = compareSemantic(semanticVersion(interp, v.str()), semanticVersion(interp, against.str()));
    } else if (kind == QLatin1String("pep440")) {
        c = comparePep440(pep440Version(interp, v.str()), pep440Version(interp, against.str()));
    } else {
        interp.fail(QStringLiteral("Invalid version type (%1). Must be one of loose, strict, semver, semantic, pep440")
                        .arg(kind));
    }
    if (op == QLatin1String("eq")) {
        return c == 0;
    }
    if (op == QLatin1String("ne")) {
        return c != 0;
    }
    if (op == QLatin1String("lt")) {
        return c < 0;
    }
    if (op == QLatin1String("le")) {
        return c <= 0;
    }
    if (op == QLatin1String("gt")) {
        return c > 0;
    }
    return c >= 0;
}

// subset / superset (set(a) <= set(b)); contains (the item is in the list); any / all.
bool tSubset(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("subset"), args, { "b" });
    const Value b = p.required(0);
    for (const Value& x : interp.iterate(v)) {
        if (!interp.contains(b, x)) {
            return false;
        }
    }
    return true;
}

bool tSuperset(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("superset"), args, { "b" });
    for (const Value& x : interp.iterate(p.required(0))) {
        if (!interp.contains(v, x)) {
            return false;
        }
    }
    return true;
}

bool tContains(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("contains"), args, { "value" });
    return interp.contains(v, p.required(0));
}

bool tAny(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("any"), args, {});
    for (const Value& x : interp.iterate(v)) {
        if (x.truthy()) {
            return true;
        }
    }
    return false;
}

bool tAll(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("all"), args, {});
    for (const Value& x : interp.iterate(v)) {
        if (!x.truthy()) {
            return false;
        }
    }
    return true;
}

// truthy / falsy, optionally reading strings as Ansible booleans ('yes', 'on', 't' …).
bool truthyOf(Interpreter& interp, const Value& v, CallArgs& args, const QString& name)
{
    Params p(interp, name, args, { "convert_bool" });
    if (!p.boolean(0, false)) {
        return v.truthy();
    }
    if (v.isBool()) {
        return v.boolValue();
    }
    if (v.isString()) {
        const QString s = v.stringValue().toLower().trimmed();
        return s == QLatin1String("y") || s == QLatin1String("yes") || s == QLatin1String("on")
            || s == QLatin1String("1") || s == QLatin1String("true") || s == QLatin1String("t");
    }
    if (v.isNumber()) {
        return v.floatValue() == 1.0;
    }
    v.checkUndefined();
    return false;
}

bool tTruthy(Interpreter& interp, const Value& v, CallArgs& args)
{
    return truthyOf(interp, v, args, QStringLiteral("truthy"));
}

bool tFalsy(Interpreter& interp, const Value& v, CallArgs& args)
{
    return !truthyOf(interp, v, args, QStringLiteral("falsy"));
}

bool tNan(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("nan"), args, {});
    return v.isFloat() && std::isnan(v.floatValue());
}

bool tAbs(Interpreter& interp, const Value& v, CallArgs& args)
{
    Params p(interp, QStringLiteral("abs"), args, {});
    return v.str().startsWith(QLatin1Char('/'));
}

} // namespace

void registerAnsibleTests(QHash<QString, TestFn>& t)
{
    t.insert(QStringLiteral("match"), &tMatch);
    t.insert(QStringLiteral("search"), &tSearch);
    t.insert(QStringLiteral("regex"), &tRegex);
    t.insert(QStringLiteral("version"), &tVersion);
    t.insert(QStringLiteral("version_compare"), &tVersion);
    t.insert(QStringLiteral("subset"), &tSubset);
    t.insert(QStringLiteral("issubset"), &tSubset);
    t.insert(QStringLiteral("superset"), &tSuperset);
    t.insert(QStringLiteral("issuperset"), &tSuperset);
    t.insert(QStringLiteral("contains"), &tContains);
    t.insert(QStringLiteral("any"), &tAny);
    t.insert(QStringLiteral("all"), &tAll);
    t.insert(QStringLiteral("truthy"), &tTruthy);
    t.insert(QStringLiteral("falsy"), &tFalsy);
    t.insert(QStringLiteral("nan"), &tNan);
    t.insert(QStringLiteral("isnan"), &tNan);
    t.insert(QStringLiteral("abs"), &tAbs);
    t.insert(QStringLiteral("is_abs"), &tAbs);
}

void registerAnsibleFilters(QHash<QString, FilterFn>& f)
{
    f.insert(QStringLiteral("random"), &aRandom);
    f.insert(QStringLiteral("from_json"), &aFromJson);
    f.insert(QStringLiteral("from_yaml"), &aFromYaml);
    f.insert(QStringLiteral("shuffle"), &aShuffle);
    f.insert(QStringLiteral("union"), &aUnion);
    f.insert(QStringLiteral("intersect"), &aIntersect);
    f.insert(QStringLiteral("difference"), &aDifference);
    f.insert(QStringLiteral("symmetric_difference"), &aSymmetricDifference);
    f.insert(QStringLiteral("zip"), &aZip);
    f.insert(QStringLiteral("zip_longest"), &aZipLongest);
    f.insert(QStringLiteral("extract"), &aExtract);
    f.insert(QStringLiteral("comment"), &aComment);
    f.insert(QStringLiteral("path_join"), &aPathJoin);
    f.insert(QStringLiteral("splitext"), &aSplitext);
    f.insert(QStringLiteral("split"), &aSplit);
    f.insert(QStringLiteral("type_debug"), &aTypeDebug);
    f.insert(QStringLiteral("to_uuid"), &aToUuid);
    f.insert(QStringLiteral("to_json"), &aToJson);
    f.insert(QStringLiteral("to_nice_json"), &aToNiceJson);
    f.insert(QStringLiteral("to_yaml"), &aToYaml);
    f.insert(QStringLiteral("to_nice_yaml"), &aToNiceYaml);
    f.insert(QStringLiteral("b64encode"), &aB64encode);
    f.insert(QStringLiteral("b64decode"), &aB64decode);
    f.insert(QStringLiteral("regex_replace"), &aRegexReplace);
    f.insert(QStringLiteral("regex_search"), &aRegexSearch);
    f.insert(QStringLiteral("regex_findall"), &aRegexFindall);
    f.insert(QStringLiteral("regex_escape"), &aRegexEscape);
    f.insert(QStringLiteral("ternary"), &aTernary);
    f.insert(QStringLiteral("combine"), &aCombine);
    f.insert(QStringLiteral("dict2items"), &aDict2items);
    f.insert(QStringLiteral("items2dict"), &aItems2dict);
    f.insert(QStringLiteral("mandatory"), &aMandatory);
    f.insert(QStringLiteral("quote"), &aQuote);
    f.insert(QStringLiteral("bool"), &aBool);
    f.insert(QStringLiteral("flatten"), &aFlatten);
    f.insert(QStringLiteral("basename"), &aBasename);
    f.insert(QStringLiteral("dirname"), &aDirname);
    f.insert(QStringLiteral("hash"), &aHash);
    f.insert(QStringLiteral("checksum"), &aSha1);
    f.insert(QStringLiteral("md5"), &aMd5);
    f.insert(QStringLiteral("sha1"), &aSha1);
}

QString ansibleUndefinedAdvice(const QString& name)
{
    if (name == QLatin1String("hostvars") || name == QLatin1String("groups") || name == QLatin1String("group_names")
        || name == QLatin1String("ansible_play_hosts") || name == QLatin1String("play_hosts")
        || name == QLatin1String("ansible_play_batch")) {
        return QStringLiteral("the fleet-wide names (hostvars, groups, group_names, ansible_play_hosts …) are given "
                              "when a template is rendered for an inventory host: the preview, a push, template "
                              "render --host; not with variables from a file alone");
    }
    if (name == QLatin1String("lookup") || name == QLatin1String("query") || name == QLatin1String("q")) {
        return QStringLiteral("Ansible lookup plugins run on the Ansible controller and do not exist here: put the "
                              "value into a variable: global, group, host, or a job variable given at launch");
    }
    if (name == QLatin1String("item")) {
        return QStringLiteral("'item' is the loop variable of an Ansible task loop; OpsDeck renders a template once "
                              "per host: give the values as a list variable and loop over it with {% for %}");
    }
    if (name == QLatin1String("omit")) {
        return QStringLiteral("Ansible's omit placeholder only means something in task arguments");
    }
    if (name == QLatin1String("playbook_dir") || name == QLatin1String("role_path")) {
        return QStringLiteral("it is a variable of an Ansible play, which OpsDeck does not run");
    }
    if (name == QLatin1String("inventory_dir") || name == QLatin1String("inventory_file")) {
        return QStringLiteral("it is set when the inventory was imported from one file (not a directory, several "
                              "sources or the server)");
    }
    static const QStringList connection { QStringLiteral("ansible_host"), QStringLiteral("ansible_port"),
        QStringLiteral("ansible_user"), QStringLiteral("ansible_connection"), QStringLiteral("ansible_password"),
        QStringLiteral("ansible_ssh_private_key_file"), QStringLiteral("ansible_ssh_common_args"),
        QStringLiteral("ansible_python_interpreter") };
    if (name.startsWith(QLatin1String("ansible_")) && !connection.contains(name)
        && !name.startsWith(QLatin1String("ansible_become"))) {
        return QStringLiteral(
            "it looks like an Ansible fact, and the host has no gathered fact of that name: gather its facts "
            "(opsdeck-cli facts gather --hosts NAME) or set it as a variable of the host or of a "
            "group");
    }
    return {};
}

} // namespace Jinja
