#pragma once

#include "jinja/Ast.h"
#include "jinja/Value.h"

#include <algorithm>
#include <initializer_list>

// The built-in filters, tests, global functions and methods of Python objects that templates call, and a
// helper that binds call arguments to a Python-like signature.
namespace Jinja {

class Interpreter;

FilterFn findFilter(const QString& name);
// The filters that can also write their (string) result straight into the output; null for the others.
AppendFilterFn findAppendFilter(const QString& name);
TestFn findTest(const QString& name);
void registerAnsibleFilters(QHash<QString, FilterFn>& filters);
void registerAnsibleTests(QHash<QString, TestFn>& tests);
// What to do about an undefined name that Ansible would have given the template (hostvars, groups, lookup(),
// gathered facts such as ansible_default_ipv4, item …): a sentence to append to "'NAME' is undefined", or empty.
QString ansibleUndefinedAdvice(const QString& name);
// Global functions (range, dict, namespace, cycler, joiner, lipsum); null Value::Undefined when unknown.
bool findGlobal(const QString& name, Value* out);
// Methods of str, list, dict; false when the type has no such method.
bool hasMethod(const Value& self, const QString& name);
// The same with the name's methodMask() computed beforehand (at parse time).
bool hasMethod(const Value& self, quint8 mask);
Value callMethod(Interpreter& interp, const Value& self, const QString& name, CallArgs& args);
Value boundMethod(const Value& self, const QString& name);

// Python's printf-style `fmt % args` and str.format().
QString percentFormat(Interpreter& interp, const QString& format, const Value& args);
// The same with the arguments given as `count` values (a tuple when `isTuple`, else `args` itself is the one
// argument and may be a mapping); no tuple needs to be built.
QString percentFormat(
    Interpreter& interp, const QString& format, const Value* positional, size_t count, bool isTuple, const Value& args);
// The same appending to `out`.
void percentFormatInto(Interpreter& interp, const QString& format, const Value* positional, size_t count, bool isTuple,
    const Value& args, QString& out);
QString strFormat(Interpreter& interp, const QString& format, CallArgs& args);

// Appends `count` copies of `c` (padding), inline when the string has room as appendText does.
inline void appendFill(QString& out, qsizetype count, QChar c)
{
    if (count <= 0) {
        return;
    }
    auto& d = out.data_ptr();
    if (!d.needsDetach() && d.freeSpaceAtEnd() >= count) {
        char16_t* end = d.data() + d.size;
        std::fill(end, end + count, c.unicode());
        d.size += count;
        d.data()[d.size] = u'\0';
    } else {
        out.resize(out.size() + count, c);
    }
}

// Binds the arguments of one call to named parameters, raising Python's TypeError messages on misuse.
class Params {
public:
    Params(Interpreter& interp, const QString& function, CallArgs& args, std::initializer_list<const char*> names,
        int positionalOffset = 0);
    bool has(int index) const;
    Value get(int index, const Value& fallback = Value()) const;
    const Value& ref(int index) const { return *m_bound[index]; } // has(index) must be true
    Value required(int index) const;
    QString string(int index, const QString& fallback = QString()) const;
    qint64 integer(int index, qint64 fallback) const;
    bool boolean(int index, bool fallback) const;

private:
    static constexpr int kMaxParams = 8;
    Interpreter& m_interp;
    QString m_function; // QStringLiteral: copying is free
    const Value* m_bound[kMaxParams] = {};
    const char* m_names[kMaxParams] = {};
    int m_count = 0;
};

} // namespace Jinja
