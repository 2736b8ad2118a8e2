#pragma once

#include "jinja/Ast.h"
#include "jinja/Options.h"
#include "jinja/Value.h"

#include <QSet>
#include <QVariantMap>
#include <memory>
#include <vector>

// Walks the syntax tree of a template and writes the output. One Interpreter per render: it holds the scopes,
// the counters behind the limits and the names of undefined variables met on the way. Errors are thrown as
// RenderError and turned into Result values by Template::render.
namespace Jinja {

struct Frame {
    std::vector<std::pair<int, Value>> vars;
    std::shared_ptr<Frame> parent;
    Value* find(int slot)
    {
        for (auto& v : vars) {
            if (v.first == slot) {
                return &v.second;
            }
        }
        return nullptr;
    }
    void set(int slot, const Value& value)
    {
        if (Value* v = find(slot)) {
            *v = value;
        } else {
            vars.emplace_back(slot, value);
        }
    }
};

class Interpreter {
public:
    // `nameCount`: the number of distinct names of the parsed template (NodeArena::nameCount).
    Interpreter(const Options& options, const QVariantMap& context, int nameCount = 0);
    // The context already converted into values (Jinja::Context).
    Interpreter(const Options& options, const DictObject& context, int nameCount = 0);
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    void renderTemplate(const std::vector<Node*>& body, QString& out);
    Value evaluate(const Node* n) { return eval(n); }

    const Options& options() const { return m_options; }
    UndefinedMode undefinedMode() const { return m_options.undefined; }
    const QSet<QString>& undefinedNames() const { return m_undefinedNames; }

    // Services for filters, tests and methods.
    Value makeUndefined(const QString& hint) const;
    Value undefinedAttribute(const Value& obj, const Value& name) const;
    Value getattr(const Value& obj, const QString& name);
    // The same with the name's methodMask() known (Node::methods).
    Value getattr(const Value& obj, const QString& name, quint8 methods);
    Value getitem(const Value& obj, const Value& key);
    // Jinja2's make_attrgetter: "a.b.0" paths as used by map/sort/groupby attribute=. An undefined step becomes
    // `fallback` when one is given (and not None) before the next step is read, as in Jinja2.
    Value getPath(const Value& obj, const Value& path, const Value* fallback = nullptr);
    Value call(const Value& callee, CallArgs& args);
    ValueList iterate(const Value& v);
    qsizetype length(const Value& v);
    Value applyFilter(const QString& name, const Value& subject, CallArgs& args);
    bool applyTest(const QString& name, const Value& subject, CallArgs& args);
    Value renderMacro(const Node* macro, const std::shared_ptr<Frame>& closure, const QString& name, CallArgs& args);
    // Renders a for loop over `iterable` into `out` (depth > 0: a recursive loop() call).
    void renderLoopBody(const Node* forNode, const Value& iterable, int depth, QString& out);
    void countIterations(qint64 n = 1);
    void checkStringSize(qsizetype size) const;
    [[noreturn]] void fail(const QString& message) const;
    Value binary(BinaryOp op, const Value& a, const Value& b);
    bool contains(const Value& container, const Value& item);
    bool compareOp(CompareOp op, const Value& a, const Value& b);

private:
    Interpreter(const Options& options, int nameCount);

    const Options& m_options;
    const QVariantMap* m_variantContext = nullptr; // one of these two is set
    const DictObject* m_valueContext = nullptr;
    std::shared_ptr<Frame> m_root;
    std::shared_ptr<Frame> m_frame; // innermost
    ValueList m_contextCache;
    std::vector<quint8> m_contextState; // 0 = not looked up, 1 = found, 2 = missing
    QSet<QString> m_undefinedNames;
    const Node* m_node = nullptr; // for error places
    qint64 m_iterations = 0;
    int m_depth = 0;
    int m_evalDepth = 0; // nesting of eval() calls: bounds the native stack
    Value m_blockSubject;
    std::vector<std::unique_ptr<CallArgs>> m_argsPool; // reused by nested calls (ArgsLease)
    size_t m_argsDepth = 0;
    std::vector<std::weak_ptr<Frame>> m_closures; // scopes that macros closed over (see ~Interpreter)
    QString* m_out = nullptr;

    Value eval(const Node* n);
    Value evalNode(const Node* n);
    Value lookup(const Node* n);
    // A context variable (or else a global function) by name.
    bool findContext(const QString& name, Value* out) const;
    // The value of a name or attribute chain where it is stored (scope, context cache, container) without copying
    // it, or evaluated into `tmp`. Valid until the next assignment or container mutation.
    const Value* lookupRef(const Node* n, Value& tmp);
    const Value* evalRef(const Node* n, Value& tmp);
    void render(const std::vector<Node*>& body, QString& out);
    void renderNode(const Node* n, QString& out);
    void renderFor(const Node* n, QString& out);
    void assign(const Node* target, const Value& value);
    void buildArgs(const Node* n, CallArgs& args);
    Value evalCall(const Node* n);
    Value evalFilter(const Node* n);
    // A filter printed in {{ }} that writes its text straight into `out` (Node::appendFilter).
    void appendFilter(const Node* n, QString& out);
    friend struct LoopObject;
    friend struct DepthScope;
    friend struct ArgsLease;
};

} // namespace Jinja
