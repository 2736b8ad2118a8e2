#pragma once

#include "jinja/Value.h"

#include <QString>
#include <atomic>
#include <memory>
#include <vector>

// The syntax tree of a parsed template. One "fat" node type keeps the parser and the interpreter short: each
// kind documents which fields it uses. Nodes live in an arena owned by the parsed template and never change
// after parsing, so one template can be rendered from several threads at once.
namespace Jinja {

class Interpreter;
struct Node;

using FilterFn = Value (*)(Interpreter& interp, const Value& subject, CallArgs& args);
using TestFn = bool (*)(Interpreter& interp, const Value& subject, CallArgs& args);
// A filter whose result is a string, writing it straight into the output (`{{ names | join(' ') }}`): the same
// text as appending str() of the filter's value, without building that value.
using AppendFilterFn = void (*)(Interpreter& interp, const Value& subject, CallArgs& args, QString& out);

enum class NodeKind : quint8 {
    // expressions
    Const, // value
    Name, // name, slot
    Tuple, // children
    List, // children
    Dict, // children = keys, children2 = values
    Getattr, // a = object, name = attribute
    Getitem, // a = object, b = key (or Slice)
    Slice, // a = start, b = stop, c = step (each may be null)
    Call, // a = callee, children = positional, kwNames/kwValues, c = *args, d = **kwargs
    Filter, // a = subject (null in filter blocks), name, fn, args as Call
    Test, // a = subject, name, fn, args as Call
    CondExpr, // a = test, b = then, c = else (may be null)
    And, // a, b
    Or, // a, b
    Not, // a
    Neg, // a
    Pos, // a
    BinOp, // a, b, op = BinaryOp
    Concat, // children
    Compare, // a = first, children = operands, ops = CompareOp per operand
    NSRef, // name = namespace variable, slot, attr = attribute (assignment target only)
    // statements
    Output, // children: Data or expressions
    Data, // name = text
    If, // a = test, children = body, children2 = else
    For, // a = target, b = iterable, c = filter test, children = body, children2 = else, flags & Recursive
    Set, // a = target, b = value
    SetBlock, // a = target, d = filter chain, children = body
    Macro, // name, slot, params (Name), children2 = defaults (aligned right), children = body, flags
    CallBlock, // a = Call, params, children2 = defaults, children = body, flags
    FilterBlock, // d = filter chain whose innermost subject is null, children = body
    With, // params = targets, children2 = values, children = body
    Scope, // children = body (named blocks)
    Unsupported, // name = tag (include, extends, import …): fails when rendered
};

enum class BinaryOp : quint8 { Add, Sub, Mul, Div, FloorDiv, Mod, Pow };
enum class CompareOp : quint8 { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn };

enum NodeFlag : quint8 {
    Recursive = 1,
    UsesCaller = 2,
    UsesVarargs = 4,
    UsesKwargs = 8,
    LoopUnused = 16, // For: the body never names `loop`, so no loop object is made
    SafeArgs = 32, // Filter: evaluating the arguments calls nothing, so it cannot change the subject
};

struct Node {
    NodeKind kind = NodeKind::Const;
    quint8 op = 0;
    quint8 flags = 0;
    int line = 0;
    int column = 0;
    int slot = -1; // interned name
    int local = -1; // Name/NSRef: index of the name among the names of this template (context cache slot)
    quint8 methods = 0; // Getattr: which built-in types have a method of this name (methodMask())
    // Getattr: where the key was found in the last dict looked into (DictObject::indexOf). Renders on several
    // threads may update it at once: it is only a guess, so relaxed atomic access is enough.
    mutable std::atomic<qint32> hint { 0 };
    QString name;
    QString attr;
    Value value;
    Node* a = nullptr;
    Node* b = nullptr;
    Node* c = nullptr;
    Node* d = nullptr;
    std::vector<Node*> children;
    std::vector<Node*> children2;
    std::vector<Node*> params;
    std::vector<QString> kwNames;
    std::vector<Node*> kwValues;
    std::vector<quint8> ops;
    FilterFn filter = nullptr;
    AppendFilterFn appendFilter = nullptr; // Filter: the same filter writing into the output, where there is one
    TestFn test = nullptr;
};

// Owns the nodes of one parsed template or expression.
struct NodeArena {
    std::vector<std::unique_ptr<Node>> nodes;
    int nameCount = 0; // distinct names of Name/NSRef nodes (Node::local)
    Node* make(NodeKind kind, int line, int column)
    {
        nodes.push_back(std::make_unique<Node>());
        Node* n = nodes.back().get();
        n->kind = kind;
        n->line = line;
        n->column = column;
        return n;
    }
};

// Bits of Node::methods: the types that have a method of a given name (str.split, list.append, dict.items …).
enum MethodBit : quint8 { StrMethod = 1, ListMethod = 2, TupleMethod = 4, DictMethod = 8 };
quint8 methodMask(QStringView name);

// Names are interned process-wide so that scopes compare integers, not strings.
int internName(const QString& name);
QString internedName(int slot);

} // namespace Jinja
