#include "Interpreter.h"

#include "jinja/Builtins.h"

#include <cmath>

namespace Jinja {

namespace {

// A macro (or the caller of a call block) bound to the scope it was defined in.
struct MacroObject : CallableObject {
    const Node* node = nullptr;
    std::shared_ptr<Frame> closure;
    QString name;
    Value call(Interpreter& interp, CallArgs& args) override { return interp.renderMacro(node, closure, name, args); }
    QString reprString() const override { return QStringLiteral("<Macro %1>").arg(pythonStringRepr(name)); }
    bool getAttribute(const QString& attr, Value* out) const override
    {
        if (attr == QLatin1String("name")) {
            *out = Value(name);
            return true;
        }
        if (attr == QLatin1String("arguments")) {
            ValueList names;
            for (const Node* p : node->params) {
                names.emplace_back(p->name);
            }
            *out = Value::tuple(std::move(names));
            return true;
        }
        if (attr == QLatin1String("catch_kwargs")) {
            *out = Value(bool(node->flags & UsesKwargs));
            return true;
        }
        if (attr == QLatin1String("catch_varargs")) {
            *out = Value(bool(node->flags & UsesVarargs));
            return true;
        }
        if (attr == QLatin1String("caller")) {
            *out = Value(bool(node->flags & UsesCaller));
            return true;
        }
        return false;
    }
};

} // namespace

// The `loop` variable of a for loop; callable when the loop is recursive.
struct LoopObject : CallableObject {
    const ValueList* items = nullptr;
    qsizetype index0 = 0;
    int depth0 = 0;
    const Node* node = nullptr;
    bool hasLast = false;
    Value lastChanged;
    Value call(Interpreter& interp, CallArgs& args) override
    {
        if (!(node->flags & Recursive)) {
            interp.fail(QStringLiteral("'LoopContext' object is not callable"));
        }
        if (args.positional.size() != 1 || !args.keywords.empty()) {
            interp.fail(QStringLiteral("loop() takes exactly one argument"));
        }
        QString out;
        interp.renderLoopBody(node, args.positional.front(), depth0 + 1, out);
        return Value(out);
    }
    QString reprString() const override
    {
        return QStringLiteral("<LoopContext %1/%2>").arg(index0 + 1).arg(items ? qsizetype(items->size()) : 0);
    }
    bool getAttribute(const QString& attr, Value* out) const override
    {
        const qsizetype length = items ? qsizetype(items->size()) : 0; // a loop kept past its end has no items
        if (attr == QLatin1String("index")) {
            *out = Value(qint64(index0 + 1));
        } else if (attr == QLatin1String("index0")) {
            *out = Value(qint64(index0));
        } else if (attr == QLatin1String("revindex")) {
            *out = Value(qint64(length - index0));
        } else if (attr == QLatin1String("revindex0")) {
            *out = Value(qint64(length - index0 - 1));
        } else if (attr == QLatin1String("first")) {
            *out = Value(index0 == 0);
        } else if (attr == QLatin1String("last")) {
            *out = Value(index0 == length - 1);
        } else if (attr == QLatin1String("length")) {
            *out = Value(qint64(length));
        } else if (attr == QLatin1String("depth")) {
            *out = Value(qint64(depth0 + 1));
        } else if (attr == QLatin1String("depth0")) {
            *out = Value(qint64(depth0));
        } else {
            return false;
        }
        return true;
    }
};

namespace {
// Methods of the loop object need the interpreter (undefined mode) and mutate the loop state.
struct LoopMethod : CallableObject {
    std::shared_ptr<LoopObject> loop;
    bool changed = false; // else cycle
    Value call(Interpreter& interp, CallArgs& args) override
    {
        if (changed) {
            const Value v = args.positional.size() == 1 ? args.positional.front() : Value::tuple(args.positional);
            if (!loop->hasLast || !(loop->lastChanged == v)) {
                loop->hasLast = true;
                loop->lastChanged = v;
                return Value(true);
            }
            return Value(false);
        }
        if (args.positional.empty()) {
            interp.fail(QStringLiteral("no items for cycling given"));
        }
        return args.positional[size_t(loop->index0 % qsizetype(args.positional.size()))];
    }
    QString reprString() const override
    {
        return changed ? QStringLiteral("<bound method LoopContext.changed>")
                       : QStringLiteral("<bound method LoopContext.cycle>");
    }
};

} // namespace

// Call arguments are taken from a pool kept by the interpreter, so that a filter call does not allocate vectors.
struct ArgsLease {
    explicit ArgsLease(Interpreter& interp)
        : m_interp(interp)
    {
        if (interp.m_argsDepth >= interp.m_argsPool.size()) {
            interp.m_argsPool.push_back(std::make_unique<CallArgs>());
        }
        args = interp.m_argsPool[interp.m_argsDepth++].get();
    }
    ~ArgsLease()
    {
        args->positional.clear();
        args->keywords.clear();
        --m_interp.m_argsDepth;
    }
    ArgsLease(const ArgsLease&) = delete;
    ArgsLease& operator=(const ArgsLease&) = delete;
    Interpreter& m_interp;
    CallArgs* args = nullptr;
};

namespace {

struct DepthGuard {
    DepthGuard(Interpreter& interp, int& depth)
        : m_depth(depth)
    {
        if (++m_depth > interp.options().limits.maxRecursionDepth) {
            --m_depth;
            interp.fail(QStringLiteral("recursion limit (%1) exceeded").arg(interp.options().limits.maxRecursionDepth));
        }
    }
    ~DepthGuard() { --m_depth; }
    int& m_depth;
};

// Restores the innermost frame when a scope ends, also when an error unwinds it.
struct FrameScope {
    FrameScope(std::shared_ptr<Frame>& slot, std::shared_ptr<Frame> frame)
        : m_slot(slot)
        , m_saved(slot)
    {
        m_slot = std::move(frame);
    }
    ~FrameScope() { m_slot = std::move(m_saved); }
    std::shared_ptr<Frame>& m_slot;
    std::shared_ptr<Frame> m_saved;
};

} // namespace

namespace {
// The buffers of the last interpreter of the thread (call argument pool, context name cache), taken by the next
// one: a render per template and host, one after another, need not allocate them each time.
thread_local bool t_spareGone = false; // trivially destructible: still readable after the thread's cleanup
struct SpareBuffers {
    std::vector<std::unique_ptr<CallArgs>> argsPool;
    ValueList contextCache;
    std::vector<quint8> contextState;
    ~SpareBuffers() { t_spareGone = true; }
};
thread_local SpareBuffers t_spare;
} // namespace

Interpreter::Interpreter(const Options& options, int nameCount)
    : m_options(options)
    , m_root(std::make_shared<Frame>())
{
    if (!t_spareGone) {
        m_argsPool.swap(t_spare.argsPool);
        m_contextCache.swap(t_spare.contextCache);
        m_contextState.swap(t_spare.contextState);
    }
    // The spare buffers come back empty (with their capacity).
    m_contextCache.resize(size_t(std::max(nameCount, 0)));
    m_contextState.resize(size_t(std::max(nameCount, 0)), 0);
    m_frame = m_root;
}

Interpreter::Interpreter(const Options& options, const QVariantMap& context, int nameCount)
    : Interpreter(options, nameCount)
{
    m_variantContext = &context;
}

Interpreter::Interpreter(const Options& options, const DictObject& context, int nameCount)
    : Interpreter(options, nameCount)
{
    m_valueContext = &context;
}

Interpreter::~Interpreter()
{
    // A macro keeps the scope it was defined in alive, and that scope holds the macro: break these cycles.
    for (const std::weak_ptr<Frame>& weak : m_closures) {
        if (const std::shared_ptr<Frame> frame = weak.lock()) {
            std::vector<std::pair<int, Value>> vars;
            vars.swap(frame->vars);
        }
    }
    // Hand the buffers to the next interpreter of the thread, cleared (argument leases clear theirs on return).
    if (!t_spareGone && m_argsDepth == 0) {
        m_contextCache.clear();
        m_contextState.clear();
        t_spare.argsPool.swap(m_argsPool);
        t_spare.contextCache.swap(m_contextCache);
        t_spare.contextState.swap(m_contextState);
    }
}

void Interpreter::fail(const QString& message) const
{
    raise(message, m_node ? m_node->line : 0, m_node ? m_node->column : 0);
}

void Interpreter::countIterations(qint64 n)
{
    m_iterations += n;
    if (m_iterations > m_options.limits.maxLoopIterations) {
        fail(QStringLiteral("loop iteration limit (%1) exceeded").arg(m_options.limits.maxLoopIterations));
    }
}

void Interpreter::checkStringSize(qsizetype size) const
{
    if (size > m_options.limits.maxOutputSize) {
        fail(QStringLiteral("output size limit (%1 characters) exceeded").arg(m_options.limits.maxOutputSize));
    }
}

Value Interpreter::makeUndefined(const QString& hint) const
{
    return Value::undefined(hint, m_options.undefined, m_node ? m_node->line : 0, m_node ? m_node->column : 0, false);
}

Value Interpreter::undefinedAttribute(const Value& obj, const Value& name) const
{
    if (name.type() == Value::Type::String) {
        return Value::undefinedHint(Value::Hint::NoAttribute, name.stringValue(), obj.type(), m_options.undefined,
            m_node ? m_node->line : 0, m_node ? m_node->column : 0, false);
    }
    QString hint;
    if (name.isString()) {
        hint = QStringLiteral("%1 has no attribute %2").arg(pythonStringRepr(obj.objectTypeRepr()), name.repr());
    } else {
        hint = QStringLiteral("%1 has no element %2").arg(obj.objectTypeRepr(), name.repr());
    }
    return makeUndefined(hint);
}

void Interpreter::renderTemplate(const std::vector<Node*>& body, QString& out)
{
    m_out = &out;
    render(body, out);
}

void Interpreter::render(const std::vector<Node*>& body, QString& out)
{
    for (const Node* n : body) {
        renderNode(n, out);
    }
}

const Value* Interpreter::lookupRef(const Node* n, Value& tmp)
{
    for (Frame* f = m_frame.get(); f; f = f->parent.get()) {
        if (Value* v = f->find(n->slot)) {
            return v;
        }
    }
    if (n->local < 0) { // not made by the parser: look up without the cache
        if (findContext(n->name, &tmp)) {
            return &tmp;
        }
        m_undefinedNames.insert(n->name);
        tmp = Value::undefinedHint(
            Value::Hint::NotDefined, n->name, Value::Type::Undefined, m_options.undefined, n->line, n->column);
        return &tmp;
    }
    const size_t slot = size_t(n->local);
    if (slot >= m_contextState.size()) {
        m_contextState.resize(slot + 1, 0);
        m_contextCache.resize(slot + 1);
    }
    if (m_contextState[slot] == 0) {
        m_contextState[slot] = findContext(n->name, &m_contextCache[slot]) ? 1 : 2;
    }
    if (m_contextState[slot] == 1) {
        return &m_contextCache[slot];
    }
    m_undefinedNames.insert(n->name);
    tmp = Value::undefinedHint(
        Value::Hint::NotDefined, n->name, Value::Type::Undefined, m_options.undefined, n->line, n->column);
    return &tmp;
}

bool Interpreter::findContext(const QString& name, Value* out) const
{
    if (m_valueContext) {
        if (const Value* v = m_valueContext->find(name)) {
            *out = *v;
            return true;
        }
    } else {
        const auto it = m_variantContext->constFind(name);
        if (it != m_variantContext->cend()) {
            *out = Value::fromVariant(it.value());
            return true;
        }
    }
    return findGlobal(name, out);
}

Value Interpreter::lookup(const Node* n)
{
    Value tmp;
    return *lookupRef(n, tmp);
}

const Value* Interpreter::evalRef(const Node* n, Value& tmp)
{
    switch (n->kind) {
    case NodeKind::Const:
        return &n->value;
    case NodeKind::Name:
        return lookupRef(n, tmp);
    case NodeKind::Getattr: {
        Value objectTmp;
        const Value* object = evalRef(n->a, objectTmp);
        if (object->type() == Value::Type::Dict && !(n->methods & DictMethod)) {
            const DictObject* dict = object->dictObject();
            const qint32 guess = n->hint.load(std::memory_order_relaxed);
            const qsizetype i = dict->indexOf(n->name, guess);
            if (i >= 0) {
                if (i != guess) {
                    n->hint.store(qint32(i), std::memory_order_relaxed);
                }
                const Value* v = &dict->items[size_t(i)].second;
                if (object == &objectTmp) { // the dict lives only as long as objectTmp
                    tmp = *v;
                    return &tmp;
                }
                return v;
            }
        }
        if (object->type() == Value::Type::Callable && object->callableObject()->getAttribute(n->name, &tmp)) {
            return &tmp; // loop.index, macro.name …: straight into tmp
        }
        m_node = n;
        tmp = getattr(*object, n->name, n->methods);
        return &tmp;
    }
    default:
        tmp = eval(n);
        return &tmp;
    }
}

void Interpreter::renderNode(const Node* n, QString& out)
{
    switch (n->kind) {
    case NodeKind::Output:
        for (const Node* c : n->children) {
            if (c->kind == NodeKind::Data) {
                appendText(out, c->name);
            } else if (c->kind == NodeKind::Filter && c->appendFilter && c->a) {
                appendFilter(c, out);
            } else {
                Value tmp;
                const Value& v = *evalRef(c, tmp);
                m_node = c;
                if (v.isUndefined()) {
                    v.checkUndefined();
                } else {
                    v.appendStr(out);
                }
            }
        }
        checkStringSize(out.size());
        return;
    case NodeKind::If: {
        Value tmp;
        const bool test = evalRef(n->a, tmp)->truthy();
        m_node = n->a;
        if (test) {
            render(n->children, out);
        } else {
            render(n->children2, out);
        }
        return;
    }
    case NodeKind::For:
        renderFor(n, out);
        return;
    case NodeKind::Set:
        assign(n->a, eval(n->b));
        return;
    case NodeKind::SetBlock: {
        QString body;
        render(n->children, body);
        Value v(body);
        if (n->d) {
            const Value saved = m_blockSubject;
            m_blockSubject = v;
            v = eval(n->d);
            m_blockSubject = saved;
        }
        assign(n->a, v);
        return;
    }
    case NodeKind::Macro: {
        auto macro = std::make_shared<MacroObject>();
        macro->node = n;
        macro->closure = m_frame;
        macro->name = n->name;
        m_closures.push_back(m_frame);
        m_frame->set(n->slot, Value::callable(std::move(macro)));
        return;
    }
    case NodeKind::CallBlock: {
        auto caller = std::make_shared<MacroObject>();
        caller->node = n;
        caller->closure = m_frame;
        caller->name = QStringLiteral("caller");
        m_closures.push_back(m_frame);
        const Node* call = n->a;
        Value callee = eval(call->a);
        CallArgs args;
        buildArgs(call, args);
        args.keywords.emplace_back(QStringLiteral("caller"), Value::callable(std::move(caller)));
        m_node = call;
        const Value result = this->call(callee, args);
        m_node = call;
        result.appendStr(out);
        checkStringSize(out.size());
        return;
    }
    case NodeKind::FilterBlock: {
        QString body;
        {
            FrameScope scope(m_frame, std::make_shared<Frame>(Frame { {}, m_frame }));
            render(n->children, body);
        }
        const Value saved = m_blockSubject;
        m_blockSubject = Value(body);
        const Value v = eval(n->d);
        m_blockSubject = saved;
        m_node = n;
        v.appendStr(out);
        return;
    }
    case NodeKind::With: {
        auto frame = std::make_shared<Frame>(Frame { {}, m_frame });
        // Values are evaluated in the outer scope, as in Jinja2.
        for (size_t i = 0; i < n->params.size(); ++i) {
            frame->set(n->params[i]->slot, eval(n->children2[i]));
        }
        FrameScope scope(m_frame, frame);
        render(n->children, out);
        return;
    }
    case NodeKind::Scope: {
        FrameScope scope(m_frame, std::make_shared<Frame>(Frame { {}, m_frame }));
        render(n->children, out);
        return;
    }
    default:
        m_node = n;
        fail(QStringLiteral("unsupported statement"));
    }
}

void Interpreter::assign(const Node* target, const Value& value)
{
    m_node = target;
    if (target->kind == NodeKind::Name) {
        m_frame->set(target->slot, value);
    } else if (target->kind == NodeKind::Tuple) {
        // A list or tuple is unpacked in place (`for k, v in d | dictsort`); other iterables are materialised. The
        // value is held by the caller, and the targets are plain names or nested tuples: nothing below changes it.
        ValueList materialised;
        const ValueList* itemsRef = &materialised;
        if (value.isSequence()) {
            itemsRef = &value.listObject()->items;
        } else {
            materialised = iterate(value);
        }
        const ValueList& items = *itemsRef;
        const size_t want = target->children.size();
        if (items.size() < want) {
            fail(QStringLiteral("not enough values to unpack (expected %1, got %2)").arg(want).arg(items.size()));
        }
        if (items.size() > want) {
            fail(QStringLiteral("too many values to unpack (expected %1)").arg(want));
        }
        for (size_t i = 0; i < want; ++i) {
            assign(target->children[i], items[i]);
        }
    } else if (target->kind == NodeKind::NSRef) {
        const Value ns = lookup(target);
        m_node = target;
        if (!ns.isNamespace()) {
            fail(QStringLiteral("cannot assign attribute on non-namespace object"));
        }
        ns.dictObject()->insert(Value(target->attr), value);
    }
}

ValueList Interpreter::iterate(const Value& v)
{
    switch (v.type()) {
    case Value::Type::List:
    case Value::Type::Tuple:
        return v.listObject()->items;
    case Value::Type::Dict: {
        ValueList keys;
        keys.reserve(v.dictObject()->items.size());
        for (const auto& kv : v.dictObject()->items) {
            keys.push_back(kv.first);
        }
        return keys;
    }
    case Value::Type::String:
    case Value::Type::Markup: {
        ValueList chars;
        const QString& s = v.stringValue();
        chars.reserve(size_t(s.size()));
        for (qsizetype i = 0; i < s.size(); ++i) {
            if (s.at(i).isHighSurrogate() && i + 1 < s.size()) {
                chars.emplace_back(s.mid(i, 2));
                ++i;
            } else {
                chars.emplace_back(QString(s.at(i)));
            }
        }
        return chars;
    }
    case Value::Type::Undefined:
        v.checkUndefined();
        return {};
    default:
        fail(QStringLiteral("'%1' object is not iterable").arg(v.typeName()));
    }
}

qsizetype Interpreter::length(const Value& v)
{
    switch (v.type()) {
    case Value::Type::List:
    case Value::Type::Tuple:
        return qsizetype(v.listObject()->items.size());
    case Value::Type::Dict:
        return v.dictObject()->size();
    case Value::Type::String:
    case Value::Type::Markup:
        return pyLength(v.stringValue());
    case Value::Type::Undefined:
        v.checkUndefined();
        return 0;
    default:
        fail(QStringLiteral("object of type '%1' has no len()").arg(v.typeName()));
    }
}

void Interpreter::renderFor(const Node* n, QString& out)
{
    const Value iterable = eval(n->b);
    m_node = n->b;
    renderLoopBody(n, iterable, 0, out);
}

void Interpreter::renderLoopBody(const Node* n, const Value& iterable, int depth, QString& out)
{
    std::unique_ptr<DepthGuard> guard;
    if (depth > 0) {
        guard = std::make_unique<DepthGuard>(*this, m_depth);
    }
    // Lists and tuples are walked in place (no copy); everything else is materialised first.
    ValueList materialised;
    const ValueList* items = nullptr;
    if (iterable.isSequence() && !n->c) {
        items = &iterable.listObject()->items;
    } else {
        materialised = iterate(iterable);
        items = &materialised;
    }
    auto frame = std::make_shared<Frame>(Frame { {}, m_frame });
    frame->vars.reserve(2); // `loop` and the loop variable: one allocation, not one per growth
    FrameScope scope(m_frame, frame);
    if (n->c) {
        // The loop filter sees the loop variables but not `loop`; it decides what loop.length counts.
        ValueList kept;
        kept.reserve(materialised.size());
        for (const Value& item : materialised) {
            countIterations();
            frame->vars.clear();
            assign(n->a, item);
            const Value keep = eval(n->c);
            m_node = n->c;
            if (keep.truthy()) {
                kept.push_back(item);
            }
        }
        materialised = std::move(kept);
    }
    if (items->empty()) {
        frame->vars.clear();
        FrameScope elseScope(m_frame, frame->parent);
        render(n->children2, out);
        return;
    }
    // The loop object only exists when the body names `loop`.
    std::shared_ptr<LoopObject> loop;
    Value loopValue;
    if (!(n->flags & LoopUnused)) {
        loop = std::make_shared<LoopObject>();
        loop->items = items;
        loop->depth0 = depth;
        loop->node = n;
        loopValue = Value::callable(loop);
    }
    static const int loopSlot = internName(QStringLiteral("loop"));
    const qsizetype base = m_out && m_out != &out ? m_out->size() : 0;
    // The frame starts each iteration with `loop` (when used) and a plain loop variable in its first slots, which
    // are overwritten in place; names the body set are dropped. (Fewer copies of values per iteration.)
    frame->vars.clear();
    if (loop) {
        frame->vars.emplace_back(loopSlot, loopValue);
    }
    const bool plainTarget = n->a->kind == NodeKind::Name;
    const size_t itemSlot = frame->vars.size();
    if (plainTarget) {
        frame->vars.emplace_back(n->a->slot, Value());
    }
    const size_t fixed = frame->vars.size();
    for (size_t i = 0; i < items->size(); ++i) {
        countIterations();
        if (frame->vars.size() > fixed) {
            frame->vars.erase(frame->vars.begin() + qsizetype(fixed), frame->vars.end());
        }
        if (loop) {
            loop->index0 = qsizetype(i);
            if (frame->vars.front().second.object() != loopValue.object()) { // the body set `loop` itself
                frame->vars.front().second = loopValue;
            }
        }
        if (plainTarget) {
            m_node = n->a;
            // A copy, not a reference: the body may append to the list being walked.
            frame->vars[itemSlot].second = (*items)[i];
        } else {
            assign(n->a, (*items)[i]);
        }
        render(n->children, out);
        checkStringSize(out.size() + base);
    }
    if (loop) {
        loop->items = nullptr;
    }
}

Value Interpreter::renderMacro(
    const Node* macro, const std::shared_ptr<Frame>& closure, const QString& name, CallArgs& args)
{
    DepthGuard guard(*this, m_depth);
    countIterations(); // macro calls count against the same work budget as loop iterations
    auto frame = std::make_shared<Frame>(Frame { {}, closure });
    const size_t nparams = macro->params.size();
    const size_t ndefaults = macro->children2.size();
    const bool catchVarargs = macro->flags & UsesVarargs;
    const bool catchKwargs = macro->flags & UsesKwargs;
    const bool wantsCaller = macro->flags & UsesCaller;
    if (args.positional.size() > nparams && !catchVarargs) {
        fail(QStringLiteral("macro %1 takes not more than %2 argument(s)").arg(pythonStringRepr(name)).arg(nparams));
    }
    std::vector<bool> used(args.keywords.size(), false);
    FrameScope scope(m_frame, frame);
    for (size_t i = 0; i < nparams; ++i) {
        const Node* p = macro->params[i];
        const Value* kw = nullptr;
        for (size_t k = 0; k < args.keywords.size(); ++k) {
            if (args.keywords[k].first == p->name) {
                kw = &args.keywords[k].second;
                used[k] = true;
            }
        }
        if (i < args.positional.size()) {
            if (kw) {
                fail(QStringLiteral("macro %1 got multiple values for argument %2")
                         .arg(pythonStringRepr(name), pythonStringRepr(p->name)));
            }
            frame->set(p->slot, args.positional[i]);
        } else if (kw) {
            frame->set(p->slot, *kw);
        } else if (i >= nparams - ndefaults) {
            // Defaults are evaluated at call time and may refer to earlier parameters.
            frame->set(p->slot, eval(macro->children2[i - (nparams - ndefaults)]));
        } else {
            frame->set(p->slot,
                Value::undefined(QStringLiteral("parameter %1 was not provided").arg(pythonStringRepr(p->name)),
                    m_options.undefined, macro->line, macro->column, false));
        }
    }
    static const int callerSlot = internName(QStringLiteral("caller"));
    static const int varargsSlot = internName(QStringLiteral("varargs"));
    static const int kwargsSlot = internName(QStringLiteral("kwargs"));
    if (wantsCaller) {
        Value caller = makeUndefined(QStringLiteral("No caller defined"));
        for (size_t k = 0; k < args.keywords.size(); ++k) {
            if (args.keywords[k].first == QLatin1String("caller")) {
                caller = args.keywords[k].second;
                used[k] = true;
            }
        }
        frame->set(callerSlot, caller);
    }
    if (catchVarargs) {
        ValueList rest;
        for (size_t i = nparams; i < args.positional.size(); ++i) {
            rest.push_back(args.positional[i]);
        }
        frame->set(varargsSlot, Value::tuple(std::move(rest)));
    }
    Value kwargs = Value::dict();
    for (size_t k = 0; k < args.keywords.size(); ++k) {
        if (!used[k]) {
            if (!catchKwargs) {
                fail(QStringLiteral("macro %1 takes no keyword argument %2")
                         .arg(pythonStringRepr(name), pythonStringRepr(args.keywords[k].first)));
            }
            kwargs.dictObject()->insert(Value(args.keywords[k].first), args.keywords[k].second);
        }
    }
    if (catchKwargs) {
        frame->set(kwargsSlot, kwargs);
    }
    QString out;
    render(macro->children, out);
    return Value(out);
}

void Interpreter::buildArgs(const Node* n, CallArgs& args)
{
    if (args.positional.capacity() < n->children.size()) {
        args.positional.reserve(n->children.size());
    }
    for (const Node* c : n->children) {
        if (c->kind == NodeKind::Const) {
            args.positional.push_back(c->value);
        } else {
            args.positional.push_back(eval(c));
        }
    }
    for (size_t i = 0; i < n->kwNames.size(); ++i) {
        args.keywords.emplace_back(n->kwNames[i], eval(n->kwValues[i]));
    }
    if (n->c) {
        const Value extra = eval(n->c);
        m_node = n->c;
        for (const Value& v : iterate(extra)) {
            args.positional.push_back(v);
        }
    }
    if (n->d) {
        const Value extra = eval(n->d);
        m_node = n->d;
        if (!extra.isDict()) {
            fail(QStringLiteral("argument after ** must be a mapping, not %1").arg(extra.typeName()));
        }
        for (const auto& [k, v] : extra.dictObject()->items) {
            args.keywords.emplace_back(k.str(), v);
        }
    }
}

Value Interpreter::call(const Value& callee, CallArgs& args)
{
    if (callee.isCallable()) {
        return callee.callableObject()->call(*this, args);
    }
    if (callee.isUndefined()) {
        callee.failUndefined();
    }
    fail(QStringLiteral("'%1' object is not callable").arg(callee.typeName()));
}

Value Interpreter::evalCall(const Node* n)
{
    // obj.method(...) on str/list/dict calls the method directly instead of building a bound method first.
    if (n->a->kind == NodeKind::Getattr) {
        const Value obj = eval(n->a->a);
        if (n->a->methods && hasMethod(obj, n->a->methods)) {
            ArgsLease lease(*this);
            buildArgs(n, *lease.args);
            m_node = n;
            return callMethod(*this, obj, n->a->name, *lease.args);
        }
        m_node = n->a;
        const Value callee = getattr(obj, n->a->name, n->a->methods);
        ArgsLease lease(*this);
        buildArgs(n, *lease.args);
        m_node = n;
        return call(callee, *lease.args);
    }
    const Value callee = eval(n->a);
    ArgsLease lease(*this);
    buildArgs(n, *lease.args);
    m_node = n;
    return call(callee, *lease.args);
}

Value Interpreter::evalFilter(const Node* n)
{
    ArgsLease lease(*this);
    if (n->a && (n->flags & SafeArgs)) {
        // The subject is read in place: the arguments call nothing that could change it meanwhile.
        Value tmp;
        const Value* subject = evalRef(n->a, tmp);
        buildArgs(n, *lease.args);
        m_node = n;
        return n->filter(*this, *subject, *lease.args);
    }
    const Value subject = n->a ? eval(n->a) : m_blockSubject;
    buildArgs(n, *lease.args);
    m_node = n;
    return n->filter(*this, subject, *lease.args);
}

void Interpreter::appendFilter(const Node* n, QString& out)
{
    ArgsLease lease(*this);
    Value tmp;
    Value copy;
    const Value* subject = evalRef(n->a, tmp);
    if (!(n->flags & SafeArgs) && subject != &tmp) {
        copy = *subject;
        subject = &copy;
    }
    buildArgs(n, *lease.args);
    m_node = n;
    n->appendFilter(*this, *subject, *lease.args, out);
}

Value Interpreter::applyFilter(const QString& name, const Value& subject, CallArgs& args)
{
    const FilterFn fn = findFilter(name);
    if (!fn) {
        fail(QStringLiteral("No filter named '%1'.").arg(name));
    }
    return fn(*this, subject, args);
}

bool Interpreter::applyTest(const QString& name, const Value& subject, CallArgs& args)
{
    const TestFn fn = findTest(name);
    if (!fn) {
        fail(QStringLiteral("No test named '%1'.").arg(name));
    }
    return fn(*this, subject, args);
}

Value Interpreter::getattr(const Value& obj, const QString& name)
{
    return getattr(obj, name, methodMask(name));
}

Value Interpreter::getattr(const Value& obj, const QString& name, quint8 methods)
{
    switch (obj.type()) {
    case Value::Type::Dict:
        if (methods & DictMethod) {
            return boundMethod(obj, name);
        }
        if (const Value* v = obj.dictObject()->find(name)) {
            return *v;
        }
        break;
    case Value::Type::Namespace:
        if (const Value* v = obj.dictObject()->find(name)) {
            return *v;
        }
        break;
    case Value::Type::String:
    case Value::Type::Markup:
    case Value::Type::List:
    case Value::Type::Tuple:
        if (hasMethod(obj, methods)) {
            return boundMethod(obj, name);
        }
        if (obj.isTuple() && obj.listObject()->groupTuple) {
            if (name == QLatin1String("grouper")) {
                return obj.listObject()->items[0];
            }
            if (name == QLatin1String("list")) {
                return obj.listObject()->items[1];
            }
        }
        break;
    case Value::Type::Callable: {
        Value out;
        if (obj.callableObject()->getAttribute(name, &out)) {
            return out;
        }
        if (auto loop = std::dynamic_pointer_cast<LoopObject>(obj.object())) {
            if (name == QLatin1String("cycle") || name == QLatin1String("changed")) {
                auto method = std::make_shared<LoopMethod>();
                method->loop = loop;
                method->changed = name == QLatin1String("changed");
                return Value::callable(std::move(method));
            }
            if (name == QLatin1String("previtem") || name == QLatin1String("nextitem")) {
                const bool prev = name == QLatin1String("previtem");
                const qsizetype i = loop->index0 + (prev ? -1 : 1);
                if (loop->items && i >= 0 && i < qsizetype(loop->items->size())) {
                    return (*loop->items)[size_t(i)];
                }
                return makeUndefined(
                    prev ? QStringLiteral("there is no previous item") : QStringLiteral("there is no next item"));
            }
        }
        break;
    }
    case Value::Type::Undefined:
        if (obj.undefinedMode() == UndefinedMode::Chainable) {
            return obj;
        }
        obj.failUndefined();
    default:
        break;
    }
    return undefinedAttribute(obj, Value(name));
}

namespace {
qint64 normalizeIndex(qint64 i, qsizetype size)
{
    return i < 0 ? i + size : i;
}

// Python slice indices for a sequence of `size` items.
void sliceIndices(const Value& start, const Value& stop, const Value& step, qsizetype size, qint64* outStart,
    qint64* outStop, qint64* outStep, Interpreter& interp)
{
    qint64 st = 1;
    if (!step.isNone() && !step.isUndefined()) {
        if (!step.isIntegral()) {
            interp.fail(QStringLiteral("slice indices must be integers or None"));
        }
        st = step.intValue();
        if (st == 0) {
            interp.fail(QStringLiteral("slice step cannot be zero"));
        }
    }
    const auto clamp = [&](const Value& v, bool isStart) -> qint64 {
        if (v.isNone() || v.isUndefined()) {
            if (st > 0) {
                return isStart ? 0 : size;
            }
            return isStart ? size - 1 : -1;
        }
        if (!v.isIntegral()) {
            interp.fail(QStringLiteral("slice indices must be integers or None or have an __index__ method"));
        }
        qint64 i = v.intValue();
        if (i < 0) {
            i += size;
            if (i < 0) {
                i = st > 0 ? 0 : -1;
            }
        } else if (i >= size) {
            i = st > 0 ? size : size - 1;
        }
        return i;
    };
    *outStart = clamp(start, true);
    *outStop = clamp(stop, false);
    *outStep = st;
}
} // namespace

Value Interpreter::getitem(const Value& obj, const Value& key)
{
    switch (obj.type()) {
    case Value::Type::Dict:
        if (const Value* v = obj.dictObject()->find(key)) {
            return *v;
        }
        if (key.isString()) {
            return getattr(obj, key.stringValue());
        }
        return undefinedAttribute(obj, key);
    case Value::Type::List:
    case Value::Type::Tuple:
    case Value::Type::String:
    case Value::Type::Markup: {
        const bool isStr = obj.isString();
        if (isStr && key.isIntegral() && hasSurrogates(obj.stringValue())) {
            const std::vector<QStringView> chars = pyChars(obj.stringValue());
            const qint64 i = normalizeIndex(key.intValue(), qsizetype(chars.size()));
            if (i < 0 || i >= qsizetype(chars.size())) {
                return undefinedAttribute(obj, key);
            }
            return Value(chars[size_t(i)].toString());
        }
        const qsizetype size = isStr ? obj.stringValue().size() : qsizetype(obj.listObject()->items.size());
        if (key.isIntegral()) {
            const qint64 i = normalizeIndex(key.intValue(), size);
            if (i < 0 || i >= size) {
                return undefinedAttribute(obj, key);
            }
            return isStr ? Value(QString(obj.stringValue().at(i))) : obj.listObject()->items[size_t(i)];
        }
        if (key.isString()) {
            return getattr(obj, key.stringValue());
        }
        return undefinedAttribute(obj, key);
    }
    case Value::Type::Undefined:
        if (obj.undefinedMode() == UndefinedMode::Chainable) {
            return obj;
        }
        obj.failUndefined();
    default:
        if (key.isString()) {
            return getattr(obj, key.stringValue());
        }
        return undefinedAttribute(obj, key);
    }
}

Value Interpreter::getPath(const Value& obj, const Value& path, const Value* fallback)
{
    const bool substitute = fallback && !fallback->isNone() && !fallback->isUndefined();
    const auto step = [&](Value v) { return substitute && v.isUndefined() ? *fallback : v; };
    if (!path.isString()) {
        return step(getitem(obj, path));
    }
    const QString& text = path.stringValue();
    if (!text.isEmpty() && (text.front().isLetter() || text.front() == QLatin1Char('_'))
        && !text.contains(QLatin1Char('.'))) {
        return step(getitem(obj, path)); // one attribute name: nothing to split or to read as a number
    }
    Value cur = obj;
    for (const QString& part : text.split(QLatin1Char('.'))) {
        bool isInt = false;
        const qint64 i = part.toLongLong(&isInt);
        cur = step(isInt ? getitem(cur, Value(i)) : getitem(cur, Value(part)));
    }
    return cur;
}

bool Interpreter::contains(const Value& container, const Value& item)
{
    switch (container.type()) {
    case Value::Type::String:
    case Value::Type::Markup:
        if (!item.isString()) {
            item.checkUndefined();
            fail(QStringLiteral("'in <string>' requires string as left operand, not %1").arg(item.typeName()));
        }
        return container.stringValue().contains(item.stringValue());
    case Value::Type::List:
    case Value::Type::Tuple:
        for (const Value& v : container.listObject()->items) {
            if (v == item) {
                return true;
            }
        }
        return false;
    case Value::Type::Dict:
        return container.dictObject()->find(item) != nullptr;
    case Value::Type::Undefined:
        container.checkUndefined();
        return false;
    default:
        fail(QStringLiteral("argument of type '%1' is not iterable").arg(container.typeName()));
    }
}

bool Interpreter::compareOp(CompareOp op, const Value& a, const Value& b)
{
    switch (op) {
    case CompareOp::Eq:
        return a == b;
    case CompareOp::Ne:
        return !(a == b);
    case CompareOp::In:
        return contains(b, a);
    case CompareOp::NotIn:
        return !contains(b, a);
    default:
        break;
    }
    a.checkUndefined();
    b.checkUndefined();
    if (a.isUndefined() || b.isUndefined()) {
        (a.isUndefined() ? a : b).failUndefined();
    }
    const bool comparable
        = (a.isNumber() && b.isNumber()) || (a.isString() && b.isString()) || (a.isSequence() && a.type() == b.type());
    if (!comparable) {
        static const char* const names[] = { "==", "!=", "<", "<=", ">", ">=" };
        fail(QStringLiteral("'%1' not supported between instances of '%2' and '%3'")
                 .arg(QLatin1String(names[int(op)]), a.typeName(), b.typeName()));
    }
    switch (op) {
    case CompareOp::Lt:
        return lessThan(a, b);
    case CompareOp::Le:
        return !lessThan(b, a);
    case CompareOp::Gt:
        return lessThan(b, a);
    case CompareOp::Ge:
        return !lessThan(a, b);
    default:
        return false;
    }
}

namespace {
double floorMod(double a, double b)
{
    double m = std::fmod(a, b);
    if (m != 0 && ((b < 0) != (m < 0))) {
        m += b;
    }
    if (m == 0) {
        m = std::copysign(0.0, b);
    }
    return m;
}
} // namespace

Value Interpreter::binary(BinaryOp op, const Value& a, const Value& b)
{
    if (a.isUndefined()) {
        a.failUndefined();
    }
    if (b.isUndefined()) {
        b.failUndefined();
    }
    static const char* const symbols[] = { "+", "-", "*", "/", "//", "%", "** or pow()" };
    const auto unsupported = [&]() {
        fail(QStringLiteral("unsupported operand type(s) for %1: '%2' and '%3'")
                 .arg(QLatin1String(symbols[int(op)]), a.typeName(), b.typeName()));
    };
    const auto overflow = [&]() { fail(QStringLiteral("integer result too large (OpsDeck integers are 64-bit)")); };
    if (a.isNumber() && b.isNumber()) {
        const bool ints = a.isIntegral() && b.isIntegral();
        const qint64 x = a.intValue();
        const qint64 y = b.intValue();
        const double fx = a.floatValue();
        const double fy = b.floatValue();
        qint64 r = 0;
        switch (op) {
        case BinaryOp::Add:
            if (ints) {
                if (__builtin_add_overflow(x, y, &r)) {
                    overflow();
                }
                return Value(r);
            }
            return Value(fx + fy);
        case BinaryOp::Sub:
            if (ints) {
                if (__builtin_sub_overflow(x, y, &r)) {
                    overflow();
                }
                return Value(r);
            }
            return Value(fx - fy);
        case BinaryOp::Mul:
            if (ints) {
                if (__builtin_mul_overflow(x, y, &r)) {
                    overflow();
                }
                return Value(r);
            }
            return Value(fx * fy);
        case BinaryOp::Div:
            if (fy == 0) {
                fail(ints ? QStringLiteral("division by zero") : QStringLiteral("float division by zero"));
            }
            return Value(fx / fy);
        case BinaryOp::FloorDiv:
            if (ints) {
                if (y == 0) {
                    fail(QStringLiteral("integer division or modulo by zero"));
                }
                if (x == std::numeric_limits<qint64>::min() && y == -1) {
                    overflow();
                }
                qint64 q = x / y;
                if ((x % y != 0) && ((x < 0) != (y < 0))) {
                    --q;
                }
                return Value(q);
            }
            if (fy == 0) {
                fail(QStringLiteral("float floor division by zero"));
            }
            return Value(std::floor((fx - floorMod(fx, fy)) / fy + 0.5 - 0.5));
        case BinaryOp::Mod:
            if (ints) {
                if (y == 0) {
                    fail(QStringLiteral("integer division or modulo by zero"));
                }
                if (y == -1) {
                    return Value(qint64(0));
                }
                qint64 m = x % y;
                if (m != 0 && ((m < 0) != (y < 0))) {
                    m += y;
                }
                return Value(m);
            }
            if (fy == 0) {
                fail(QStringLiteral("float modulo"));
            }
            return Value(floorMod(fx, fy));
        case BinaryOp::Pow:
            if (ints && y >= 0) {
                qint64 result = 1;
                qint64 base = x;
                qint64 e = y;
                while (e > 0) {
                    if (e & 1) {
                        if (__builtin_mul_overflow(result, base, &result)) {
                            overflow();
                        }
                    }
                    e >>= 1;
                    if (e > 0 && __builtin_mul_overflow(base, base, &base)) {
                        overflow();
                    }
                }
                return Value(result);
            }
            if (fx == 0 && fy < 0) {
                fail(QStringLiteral("0.0 cannot be raised to a negative power"));
            }
            if (fx < 0 && std::floor(fy) != fy) {
                fail(QStringLiteral("complex results are not supported"));
            }
            {
                const double p = std::pow(fx, fy);
                if (std::isinf(p) && !std::isinf(fx)) {
                    fail(QStringLiteral("(34, 'Numerical result out of range')"));
                }
                return Value(p);
            }
        }
    }
    if (op == BinaryOp::Add) {
        if (a.isString() && b.isString()) {
            checkStringSize(a.stringValue().size() + b.stringValue().size());
            const QString s = a.stringValue() + b.stringValue();
            return a.isMarkup() || b.isMarkup() ? Value::markup(s) : Value(s);
        }
        if (a.isSequence() && a.type() == b.type() && !a.isRange() && !b.isRange()) {
            ValueList items = a.listObject()->items;
            const auto& more = b.listObject()->items;
            checkStringSize(qsizetype(items.size() + more.size()));
            items.insert(items.end(), more.begin(), more.end());
            return a.isList() ? Value::list(std::move(items)) : Value::tuple(std::move(items));
        }
    }
    if (op == BinaryOp::Mul) {
        const Value& seq = a.isIntegral() ? b : a;
        const Value& count = a.isIntegral() ? a : b;
        if (count.isIntegral() && (seq.isString() || seq.isSequence()) && !seq.isRange()) {
            const qint64 n = std::max<qint64>(0, count.intValue());
            if (seq.isString()) {
                const qsizetype len = seq.stringValue().size();
                if (len > 0 && n > m_options.limits.maxOutputSize / len) {
                    checkStringSize(m_options.limits.maxOutputSize + 1);
                }
                return Value(seq.stringValue().repeated(qsizetype(n)));
            }
            const auto& items = seq.listObject()->items;
            if (!items.empty() && n > m_options.limits.maxOutputSize / qint64(items.size())) {
                checkStringSize(m_options.limits.maxOutputSize + 1);
            }
            ValueList out;
            out.reserve(size_t(n) * items.size());
            for (qint64 i = 0; i < n; ++i) {
                out.insert(out.end(), items.begin(), items.end());
            }
            return seq.isList() ? Value::list(std::move(out)) : Value::tuple(std::move(out));
        }
    }
    if (op == BinaryOp::Mod && a.isString()) {
        return Value(percentFormat(*this, a.stringValue(), b));
    }
    unsupported();
    return Value();
}

Value Interpreter::eval(const Node* n)
{
    // Deep expressions inside deep macro recursion multiply; bound their product before the stack runs out.
    constexpr int kMaxEvalDepth = 1500;
    if (++m_evalDepth > kMaxEvalDepth) {
        m_evalDepth = 0; // the render ends here; leave room for the unwinding code
        m_node = n;
        fail(QStringLiteral("expression evaluation nested too deeply"));
    }
    struct Leave {
        int& depth;
        ~Leave() { depth = depth > 0 ? depth - 1 : 0; }
    } leave { m_evalDepth };
    return evalNode(n);
}

Value Interpreter::evalNode(const Node* n)
{
    switch (n->kind) {
    case NodeKind::Const:
        return n->value;
    case NodeKind::Name:
        return lookup(n);
    case NodeKind::Tuple:
    case NodeKind::List: {
        ValueList items;
        items.reserve(n->children.size());
        for (const Node* c : n->children) {
            items.push_back(eval(c));
        }
        return n->kind == NodeKind::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
    }
    case NodeKind::Dict: {
        Value d = Value::dict();
        for (size_t i = 0; i < n->children.size(); ++i) {
            const Value k = eval(n->children[i]);
            const Value v = eval(n->children2[i]);
            m_node = n->children[i];
            if (k.isSequence() && k.isList()) {
                fail(QStringLiteral("unhashable type: 'list'"));
            }
            if (k.isDict() || k.isUndefined()) {
                if (k.isUndefined()) {
                    k.checkUndefined();
                }
                fail(QStringLiteral("unhashable type: '%1'").arg(k.typeName()));
            }
            d.dictObject()->insert(k, v);
        }
        return d;
    }
    case NodeKind::Getattr: {
        Value tmp;
        const Value* v = evalRef(n, tmp);
        return v == &tmp ? std::move(tmp) : *v;
    }
    case NodeKind::Getitem: {
        const Value obj = eval(n->a);
        if (n->b->kind == NodeKind::Slice) {
            const Node* s = n->b;
            const Value start = s->a ? eval(s->a) : Value::none();
            const Value stop = s->b ? eval(s->b) : Value::none();
            const Value step = s->c ? eval(s->c) : Value::none();
            m_node = n;
            if (obj.isUndefined()) {
                if (obj.undefinedMode() == UndefinedMode::Chainable) {
                    return obj;
                }
                obj.failUndefined();
            }
            if (!obj.isString() && !obj.isSequence()) {
                return undefinedAttribute(obj, Value::none());
            }
            // Strings with characters beyond U+FFFF are cut by character, as Python does.
            const std::vector<QStringView> chars = obj.isString() && hasSurrogates(obj.stringValue())
                ? pyChars(obj.stringValue())
                : std::vector<QStringView>();
            const qsizetype size = !chars.empty() ? qsizetype(chars.size())
                : obj.isString()                  ? obj.stringValue().size()
                                                  : qsizetype(obj.listObject()->items.size());
            qint64 b = 0;
            qint64 e = 0;
            qint64 st = 1;
            sliceIndices(start, stop, step, size, &b, &e, &st, *this);
            if (obj.isString()) {
                QString out;
                for (qint64 i = b; st > 0 ? i < e : i > e; i += st) {
                    if (chars.empty()) {
                        out += obj.stringValue().at(i);
                    } else {
                        out += chars[size_t(i)];
                    }
                }
                return Value(out);
            }
            if (obj.isRange()) { // a slice of a range is a range: range(10)[2:5] is range(2, 5)
                const ListObject* r = obj.listObject();
                qint64 from = 0;
                qint64 to = 0;
                qint64 by = 0;
                if (__builtin_mul_overflow(b, r->rangeStep, &from) || __builtin_add_overflow(from, r->rangeStart, &from)
                    || __builtin_mul_overflow(e, r->rangeStep, &to) || __builtin_add_overflow(to, r->rangeStart, &to)
                    || __builtin_mul_overflow(st, r->rangeStep, &by)) {
                    fail(QStringLiteral("integer result too large (OpsDeck integers are 64-bit)"));
                }
                return Value::range(from, to, by);
            }
            ValueList out;
            for (qint64 i = b; st > 0 ? i < e : i > e; i += st) {
                out.push_back(obj.listObject()->items[size_t(i)]);
            }
            return obj.isList() ? Value::list(std::move(out)) : Value::tuple(std::move(out));
        }
        const Value key = eval(n->b);
        m_node = n;
        return getitem(obj, key);
    }
    case NodeKind::Call:
        return evalCall(n);
    case NodeKind::Filter:
        return evalFilter(n);
    case NodeKind::Test: {
        const Value subject = eval(n->a);
        ArgsLease lease(*this);
        buildArgs(n, *lease.args);
        m_node = n;
        return Value(n->test(*this, subject, *lease.args));
    }
    case NodeKind::CondExpr: {
        const Value test = eval(n->a);
        m_node = n->a;
        if (test.truthy()) {
            return eval(n->b);
        }
        if (n->c) {
            return eval(n->c);
        }
        // Jinja2 uses its plain (lenient) Undefined here whatever the environment's undefined class is.
        return Value::undefined(QStringLiteral("the inline if-expression on line %1 evaluated to false and no else "
                                               "section was defined.")
                                    .arg(n->line),
            UndefinedMode::Lenient, n->line, n->column, false);
    }
    case NodeKind::And: {
        const Value left = eval(n->a);
        m_node = n->a;
        return left.truthy() ? eval(n->b) : left;
    }
    case NodeKind::Or: {
        const Value left = eval(n->a);
        m_node = n->a;
        return left.truthy() ? left : eval(n->b);
    }
    case NodeKind::Not: {
        const Value v = eval(n->a);
        m_node = n;
        return Value(!v.truthy());
    }
    case NodeKind::Neg:
    case NodeKind::Pos: {
        const Value v = eval(n->a);
        m_node = n;
        if (v.isUndefined()) {
            v.failUndefined();
        }
        if (v.isFloat()) {
            return Value(n->kind == NodeKind::Neg ? -v.floatValue() : v.floatValue());
        }
        if (v.isIntegral()) {
            if (n->kind == NodeKind::Neg && v.intValue() == std::numeric_limits<qint64>::min()) {
                fail(QStringLiteral("integer result too large (OpsDeck integers are 64-bit)"));
            }
            return Value(n->kind == NodeKind::Neg ? -v.intValue() : v.intValue());
        }
        fail(QStringLiteral("bad operand type for unary %1: '%2'")
                 .arg(n->kind == NodeKind::Neg ? QLatin1Char('-') : QLatin1Char('+'))
                 .arg(v.typeName()));
    }
    case NodeKind::BinOp: {
        const Value a = eval(n->a);
        const Value b = eval(n->b);
        m_node = n;
        return binary(BinaryOp(n->op), a, b);
    }
    case NodeKind::Concat: {
        QString out;
        for (const Node* c : n->children) {
            const Value v = eval(c);
            m_node = c;
            v.appendStr(out);
        }
        checkStringSize(out.size());
        return Value(out);
    }
    case NodeKind::Compare: {
        Value left = eval(n->a);
        for (size_t i = 0; i < n->children.size(); ++i) {
            Value right = eval(n->children[i]);
            m_node = n;
            if (!compareOp(CompareOp(n->ops[i]), left, right)) {
                return Value(false);
            }
            left = std::move(right);
        }
        return Value(true);
    }
    case NodeKind::NSRef:
        return lookup(n);
    default:
        m_node = n;
        fail(QStringLiteral("unexpected statement in an expression"));
    }
}

} // namespace Jinja
