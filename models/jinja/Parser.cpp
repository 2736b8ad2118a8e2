#include "Parser.h"

#include "jinja/Builtins.h"

#include <QHash>
#include <QMutex>
#include <QStringList>
#include <algorithm>

namespace Jinja {

namespace {
constexpr int kMaxNesting = 150; // deeper templates are refused before they could exhaust the stack

// Whether `pred` holds for a node of the tree under `n` (`n` included). Iterative: expression chains such as
// `a ~ b ~ c …` can be deeper than the stack allows.
template <typename Pred> bool anyNode(const Node* n, const Pred& pred)
{
    std::vector<const Node*> todo;
    if (n) {
        todo.push_back(n);
    }
    while (!todo.empty()) {
        const Node* x = todo.back();
        todo.pop_back();
        if (pred(x)) {
            return true;
        }
        for (const Node* c : { x->a, x->b, x->c, x->d }) {
            if (c) {
                todo.push_back(c);
            }
        }
        for (const std::vector<Node*>* list : { &x->children, &x->children2, &x->params, &x->kwValues }) {
            todo.insert(todo.end(), list->begin(), list->end());
        }
    }
    return false;
}

struct InternTable {
    QMutex mutex;
    QHash<QString, int> ids;
    QStringList names;
};

InternTable& internTable()
{
    static InternTable table;
    return table;
}
} // namespace

int internName(const QString& name)
{
    InternTable& t = internTable();
    QMutexLocker lock(&t.mutex);
    const auto it = t.ids.constFind(name);
    if (it != t.ids.cend()) {
        return it.value();
    }
    const int id = int(t.names.size());
    t.names.append(name);
    t.ids.insert(name, id);
    return id;
}

QString internedName(int slot)
{
    InternTable& t = internTable();
    QMutexLocker lock(&t.mutex);
    return slot >= 0 && slot < t.names.size() ? t.names.at(slot) : QString();
}

void Parser::setName(Node* n, const QString& name)
{
    n->name = name;
    n->slot = internName(name);
    const auto it = m_locals.constFind(name);
    if (it != m_locals.cend()) {
        n->local = it.value();
    } else {
        n->local = m_arena.nameCount++;
        m_locals.insert(name, n->local);
    }
}

Parser::DepthGuard::DepthGuard(Parser* p)
    : m_p(p)
{
    if (++m_p->m_depth > kMaxNesting) {
        m_p->fail(QStringLiteral("template nesting is too deep (more than %1 levels)").arg(kMaxNesting), m_p->cur());
    }
}

Parser::Parser(std::vector<Token> tokens, NodeArena& arena)
    : m_tokens(std::move(tokens))
    , m_arena(arena)
{
    if (m_tokens.empty() || m_tokens.back().type != TokenType::Eof) {
        Token eof;
        m_tokens.push_back(eof);
    }
}

const Token& Parser::next()
{
    const Token& t = checked(m_tokens[m_pos]);
    if (m_pos + 1 < m_tokens.size()) {
        ++m_pos;
    }
    return t;
}

bool Parser::isOp(const char* op) const
{
    return cur().type == TokenType::Operator && cur().text == QLatin1String(op);
}

bool Parser::isName(const char* name) const
{
    return cur().type == TokenType::Name && cur().text == QLatin1String(name);
}

bool Parser::skipOp(const char* op)
{
    if (isOp(op)) {
        next();
        return true;
    }
    return false;
}

bool Parser::skipName(const char* name)
{
    if (isName(name)) {
        next();
        return true;
    }
    return false;
}

QString Parser::describe(const Token& t)
{
    switch (t.type) {
    case TokenType::Eof:
    case TokenType::Error:
        return QStringLiteral("end of template");
    case TokenType::BlockBegin:
        return QStringLiteral("begin of statement block");
    case TokenType::BlockEnd:
        return QStringLiteral("end of statement block");
    case TokenType::VariableBegin:
        return QStringLiteral("begin of print statement");
    case TokenType::VariableEnd:
        return QStringLiteral("end of print statement");
    case TokenType::Data:
        return QStringLiteral("template data / text");
    case TokenType::String:
        return QStringLiteral("string");
    case TokenType::Integer:
        return QStringLiteral("integer");
    case TokenType::Float:
        return QStringLiteral("float");
    case TokenType::Name:
    case TokenType::Operator:
        return t.text;
    }
    return QString();
}

void Parser::fail(const QString& msg, const Token& at) const
{
    const Token& eof = m_tokens.back();
    if (eof.type == TokenType::Eof && !eof.text.isEmpty()) {
        // The error is inside a tag that is never closed: name the opener, where the mistake usually is.
        const int line = int(eof.number.intValue() >> 32);
        const int column = int(eof.number.intValue() & 0xffffffff);
        if (at.line > line || (at.line == line && at.column >= column)) {
            raise(msg
                    + QStringLiteral(" (the '%1' at line %2, column %3 is not closed)")
                          .arg(eof.text)
                          .arg(line)
                          .arg(column),
                at.line, at.column);
        }
    }
    raise(msg, at.line, at.column);
}

void Parser::failUnexpected(const Token& t, const QString& expected) const
{
    if (t.type == TokenType::Eof) {
        fail(QStringLiteral("unexpected end of template, expected '%1'.").arg(expected), t);
    }
    fail(QStringLiteral("expected token '%1', got '%2'").arg(expected, describe(t)), t);
}

void Parser::failEof(const std::vector<QString>& endTokens) const
{
    QString msg = QStringLiteral("Unexpected end of template.");
    if (!endTokens.empty()) {
        QStringList names;
        for (const QString& e : endTokens) {
            names << QLatin1Char('\'') + e + QLatin1Char('\'');
        }
        msg += QStringLiteral(" Jinja was looking for the following tags: %1.").arg(names.join(QLatin1String(" or ")));
    }
    if (!m_tagStack.empty()) {
        msg += QStringLiteral(" The innermost block that needs to be closed is '%1'.").arg(m_tagStack.back());
    }
    fail(msg, cur());
}

const Token& Parser::expectOp(const char* op)
{
    if (!isOp(op)) {
        failUnexpected(cur(), QLatin1String(op));
    }
    return next();
}

const Token& Parser::expectName(const char* name)
{
    if (cur().type != TokenType::Name || (name && cur().text != QLatin1String(name))) {
        failUnexpected(cur(), name ? QLatin1String(name) : QStringLiteral("name"));
    }
    return next();
}

void Parser::expectType(TokenType type)
{
    if (cur().type != type) {
        Token t;
        t.type = type;
        failUnexpected(cur(), describe(t));
    }
    next();
}

std::vector<Node*> Parser::parseTemplate()
{
    std::vector<Node*> body = subparse({});
    if (cur().type != TokenType::Eof) {
        fail(QStringLiteral("unexpected '%1'").arg(describe(cur())), cur());
    }
    return body;
}

Node* Parser::parseStandaloneExpression()
{
    Node* n = parseTuple(false, true, {}, false);
    if (cur().type != TokenType::Eof) {
        fail(QStringLiteral("unexpected '%1' after the expression").arg(describe(cur())), cur());
    }
    return n;
}

std::vector<Node*> Parser::subparse(const std::vector<QString>& endTokens)
{
    DepthGuard guard(this);
    std::vector<Node*> body;
    Node* output = nullptr;
    const auto add = [&](Node* n, const Token& at) {
        if (!output) {
            output = make(NodeKind::Output, at);
            body.push_back(output);
        }
        output->children.push_back(n);
    };
    while (cur().type != TokenType::Eof) {
        const Token& t = cur();
        if (t.type == TokenType::Data) {
            Node* d = make(NodeKind::Data, t);
            d->name = t.text;
            add(d, t);
            next();
        } else if (t.type == TokenType::VariableBegin) {
            const Token& begin = next();
            add(parseTuple(false, true, {}, false), begin);
            expectType(TokenType::VariableEnd);
        } else if (t.type == TokenType::BlockBegin) {
            output = nullptr;
            next();
            if (!endTokens.empty() && cur().type == TokenType::Name) {
                for (const QString& e : endTokens) {
                    if (cur().text == e) {
                        return body;
                    }
                }
            }
            body.push_back(parseStatement());
            expectType(TokenType::BlockEnd);
        } else {
            fail(QStringLiteral("unexpected '%1'").arg(describe(t)), t);
        }
    }
    return body;
}

std::vector<Node*> Parser::parseStatements(const std::vector<QString>& endTokens, bool dropNeedle)
{
    skipOp(":");
    expectType(TokenType::BlockEnd);
    m_endTokenStack.push_back(endTokens);
    std::vector<Node*> result = subparse(endTokens);
    m_endTokenStack.pop_back();
    if (cur().type == TokenType::Eof) {
        failEof(endTokens);
    }
    if (dropNeedle) {
        next();
    }
    return result;
}

Node* Parser::parseStatement()
{
    const Token& t = cur();
    if (t.type != TokenType::Name) {
        fail(QStringLiteral("tag name expected"), t);
    }
    const QString tag = t.text;
    m_tagStack.push_back(tag);
    Node* result = nullptr;
    if (tag == QLatin1String("for")) {
        result = parseFor();
    } else if (tag == QLatin1String("if")) {
        result = parseIf();
    } else if (tag == QLatin1String("set")) {
        result = parseSet();
    } else if (tag == QLatin1String("macro")) {
        result = parseMacro();
    } else if (tag == QLatin1String("call")) {
        result = parseCallBlock();
    } else if (tag == QLatin1String("filter")) {
        result = parseFilterBlock();
    } else if (tag == QLatin1String("with")) {
        result = parseWith();
    } else if (tag == QLatin1String("block")) {
        result = parseBlock();
    } else if (tag == QLatin1String("print")) {
        result = parsePrint();
    } else if (tag == QLatin1String("include") || tag == QLatin1String("extends") || tag == QLatin1String("import")
        || tag == QLatin1String("from")) {
        // No template loader: these can never succeed, so say so at parse time rather than half-render.
        fail(QStringLiteral("'%1' is not supported: templates are rendered standalone, without a loader").arg(tag), t);
    } else {
        m_tagStack.pop_back();
        QString msg = QStringLiteral("Encountered unknown tag '%1'.").arg(tag);
        if (!m_endTokenStack.empty()) {
            QStringList names;
            for (const QString& e : m_endTokenStack.back()) {
                names << QLatin1Char('\'') + e + QLatin1Char('\'');
            }
            msg += QStringLiteral(" Jinja was looking for the following tags: %1.")
                       .arg(names.join(QLatin1String(" or ")));
            if (!m_tagStack.empty()) {
                msg += QStringLiteral(" The innermost block that needs to be closed is '%1'.").arg(m_tagStack.back());
            }
        }
        fail(msg, t);
    }
    m_tagStack.pop_back();
    return result;
}

Node* Parser::parseSet()
{
    const Token& t = next();
    Node* target = parseAssignTarget(true, false, {}, true);
    if (skipOp("=")) {
        Node* n = make(NodeKind::Set, t);
        n->a = target;
        n->b = parseTuple(false, true, {}, false);
        return n;
    }
    Node* n = make(NodeKind::SetBlock, t);
    n->a = target;
    n->d = parseFilter(nullptr, false);
    n->children = parseStatements({ QStringLiteral("endset") }, true);
    return n;
}

Node* Parser::parseFor()
{
    const Token& t = expectName("for");
    Node* n = make(NodeKind::For, t);
    n->a = parseAssignTarget(true, false, { QStringLiteral("in") }, false);
    expectName("in");
    n->b = parseTuple(false, false, { QStringLiteral("recursive") }, false);
    if (skipName("if")) {
        n->c = parseExpression();
    }
    if (skipName("recursive")) {
        n->flags |= Recursive;
    }
    n->children = parseStatements({ QStringLiteral("endfor"), QStringLiteral("else") }, false);
    if (next().text != QLatin1String("endfor")) {
        n->children2 = parseStatements({ QStringLiteral("endfor") }, true);
    }
    const auto namesLoop = [](const Node* x) {
        return (x->kind == NodeKind::Name || x->kind == NodeKind::NSRef) && x->name == QLatin1String("loop");
    };
    if (!(n->flags & Recursive)
        && std::none_of(n->children.begin(), n->children.end(), [&](const Node* c) { return anyNode(c, namesLoop); })) {
        n->flags |= LoopUnused;
    }
    return n;
}

Node* Parser::parseIf()
{
    const Token& t = expectName("if");
    Node* result = make(NodeKind::If, t);
    Node* node = result;
    while (true) {
        node->a = parseTuple(false, false, {}, false);
        node->children
            = parseStatements({ QStringLiteral("elif"), QStringLiteral("else"), QStringLiteral("endif") }, false);
        const Token& tok = next();
        if (tok.text == QLatin1String("elif")) {
            Node* elif = make(NodeKind::If, cur());
            node->children2.push_back(elif);
            node = elif;
            continue;
        }
        if (tok.text == QLatin1String("else")) {
            node->children2 = parseStatements({ QStringLiteral("endif") }, true);
        }
        break;
    }
    return result;
}

Node* Parser::parseWith()
{
    const Token& t = next();
    Node* n = make(NodeKind::With, t);
    while (cur().type != TokenType::BlockEnd) {
        if (!n->params.empty()) {
            expectOp(",");
        }
        Node* target = parseAssignTarget(true, false, {}, false);
        if (target->kind != NodeKind::Name) {
            fail(QStringLiteral("only names can be assigned in a with statement"), t);
        }
        n->params.push_back(target);
        expectOp("=");
        n->children2.push_back(parseExpression());
    }
    n->children = parseStatements({ QStringLiteral("endwith") }, true);
    return n;
}

Node* Parser::parseBlock()
{
    const Token& t = next();
    Node* n = make(NodeKind::Scope, t);
    n->name = expectName().text;
    skipName("scoped");
    skipName("required");
    n->children = parseStatements({ QStringLiteral("endblock") }, true);
    if (cur().type == TokenType::Name) {
        if (cur().text != n->name) {
            fail(QStringLiteral("'%1' is not the name of the block being closed ('%2')").arg(cur().text, n->name),
                cur());
        }
        next();
    }
    return n;
}

Node* Parser::parsePrint()
{
    const Token& t = next();
    Node* n = make(NodeKind::Output, t);
    while (cur().type != TokenType::BlockEnd) {
        if (!n->children.empty()) {
            expectOp(",");
        }
        n->children.push_back(parseExpression());
    }
    return n;
}

void Parser::parseSignature(Node* node)
{
    expectOp("(");
    while (!isOp(")")) {
        if (!node->params.empty()) {
            expectOp(",");
        }
        Node* arg = parseAssignTarget(true, true, {}, false);
        if (skipOp("=")) {
            node->children2.push_back(parseExpression());
        } else if (!node->children2.empty()) {
            fail(QStringLiteral("non-default argument follows default argument"), cur());
        }
        node->params.push_back(arg);
    }
    expectOp(")");
}

namespace {
void scanNames(const Node* n, quint8* flags, int depth)
{
    if (!n || depth > 400) {
        return;
    }
    if (n->kind == NodeKind::Name) {
        if (n->name == QLatin1String("caller")) {
            *flags |= UsesCaller;
        } else if (n->name == QLatin1String("varargs")) {
            *flags |= UsesVarargs;
        } else if (n->name == QLatin1String("kwargs")) {
            *flags |= UsesKwargs;
        }
    }
    // Names used inside nested macros/call blocks do not count for the outer macro, as in Jinja2.
    if (depth > 0 && (n->kind == NodeKind::Macro || n->kind == NodeKind::CallBlock)) {
        for (const Node* c : n->children2) {
            scanNames(c, flags, depth + 1);
        }
        if (n->kind == NodeKind::CallBlock) {
            scanNames(n->a, flags, depth + 1);
        }
        return;
    }
    for (const Node* c : { n->a, n->b, n->c, n->d }) {
        scanNames(c, flags, depth + 1);
    }
    for (const auto* list : { &n->children, &n->children2, &n->kwValues }) {
        for (const Node* c : *list) {
            scanNames(c, flags, depth + 1);
        }
    }
}
} // namespace

void Parser::markMacroUsage(Node* macro)
{
    quint8 flags = 0;
    for (const Node* c : macro->children) {
        scanNames(c, &flags, 1);
    }
    macro->flags |= flags;
}

Node* Parser::parseMacro()
{
    const Token& t = next();
    Node* n = make(NodeKind::Macro, t);
    Node* nameNode = parseAssignTarget(true, true, {}, false);
    n->name = nameNode->name;
    n->slot = nameNode->slot;
    parseSignature(n);
    n->children = parseStatements({ QStringLiteral("endmacro") }, true);
    markMacroUsage(n);
    return n;
}

Node* Parser::parseCallBlock()
{
    const Token& t = next();
    Node* n = make(NodeKind::CallBlock, t);
    if (isOp("(")) {
        parseSignature(n);
    }
    Node* call = parseExpression();
    if (call->kind != NodeKind::Call) {
        fail(QStringLiteral("expected call"), t);
    }
    n->a = call;
    n->children = parseStatements({ QStringLiteral("endcall") }, true);
    markMacroUsage(n);
    return n;
}

Node* Parser::parseFilterBlock()
{
    const Token& t = next();
    Node* n = make(NodeKind::FilterBlock, t);
    n->d = parseFilter(nullptr, true);
    n->children = parseStatements({ QStringLiteral("endfilter") }, true);
    return n;
}

Node* Parser::parseAssignTarget(bool withTuple, bool nameOnly, const std::vector<QString>& extraEnd, bool withNamespace)
{
    if (withNamespace && look().type == TokenType::Operator && look().text == QLatin1String(".")) {
        const Token& t = expectName();
        Node* n = make(NodeKind::NSRef, t);
        setName(n, t.text);
        next();
        n->attr = expectName().text;
        return n;
    }
    if (nameOnly) {
        const Token& t = expectName();
        Node* n = make(NodeKind::Name, t);
        setName(n, t.text);
        return n;
    }
    Node* target = withTuple ? parseTuple(true, true, extraEnd, false) : parsePrimary();
    // Names, and tuples of names or of such tuples (`for a, (b, c) in …`), as Jinja2's can_assign().
    const auto assignable = [](const Node* n, const auto& self) -> bool {
        if (n->kind == NodeKind::Name) {
            return !(n->name == QLatin1String("true") || n->name == QLatin1String("false")
                || n->name == QLatin1String("none") || n->name == QLatin1String("True")
                || n->name == QLatin1String("False") || n->name == QLatin1String("None"));
        }
        if (n->kind == NodeKind::Tuple) {
            return std::all_of(n->children.begin(), n->children.end(), [&](const Node* c) { return self(c, self); });
        }
        return false;
    };
    const bool ok = assignable(target, assignable);
    if (!ok) {
        const QString kind = target->kind == NodeKind::Const ? QStringLiteral("const")
            : target->kind == NodeKind::Tuple                ? QStringLiteral("tuple")
                                                             : QStringLiteral("expression");
        fail(QStringLiteral("can't assign to '%1'").arg(kind), m_tokens[m_pos > 0 ? m_pos - 1 : 0]);
    }
    return target;
}

Node* Parser::parseExpression(bool withCondexpr)
{
    DepthGuard guard(this);
    return withCondexpr ? parseCondexpr() : parseOr();
}

Node* Parser::parseCondexpr()
{
    Node* expr1 = parseOr();
    while (isName("if")) {
        const Token& t = next();
        Node* expr2 = parseOr();
        Node* expr3 = nullptr;
        if (skipName("else")) {
            expr3 = parseCondexpr();
        }
        Node* n = make(NodeKind::CondExpr, t);
        n->a = expr2;
        n->b = expr1;
        n->c = expr3;
        expr1 = n;
    }
    return expr1;
}

Node* Parser::parseOr()
{
    Node* left = parseAnd();
    while (isName("or")) {
        const Token& t = next();
        Node* n = make(NodeKind::Or, t);
        n->a = left;
        n->b = parseAnd();
        left = n;
    }
    return left;
}

Node* Parser::parseAnd()
{
    Node* left = parseNot();
    while (isName("and")) {
        const Token& t = next();
        Node* n = make(NodeKind::And, t);
        n->a = left;
        n->b = parseNot();
        left = n;
    }
    return left;
}

Node* Parser::parseNot()
{
    if (isName("not")) {
        DepthGuard guard(this);
        const Token& t = next();
        Node* n = make(NodeKind::Not, t);
        n->a = parseNot();
        return n;
    }
    return parseCompare();
}

Node* Parser::parseCompare()
{
    const Token& start = cur();
    Node* expr = parseMath1();
    Node* cmp = nullptr;
    while (true) {
        CompareOp op;
        if (isOp("==")) {
            op = CompareOp::Eq;
        } else if (isOp("!=")) {
            op = CompareOp::Ne;
        } else if (isOp("<")) {
            op = CompareOp::Lt;
        } else if (isOp("<=")) {
            op = CompareOp::Le;
        } else if (isOp(">")) {
            op = CompareOp::Gt;
        } else if (isOp(">=")) {
            op = CompareOp::Ge;
        } else if (isName("in")) {
            op = CompareOp::In;
        } else if (isName("not") && look().type == TokenType::Name && look().text == QLatin1String("in")) {
            next();
            op = CompareOp::NotIn;
        } else {
            break;
        }
        next();
        if (!cmp) {
            cmp = make(NodeKind::Compare, start);
            cmp->a = expr;
        }
        cmp->ops.push_back(quint8(op));
        cmp->children.push_back(parseMath1());
    }
    return cmp ? cmp : expr;
}

Node* Parser::parseMath1()
{
    Node* left = parseConcat();
    while (isOp("+") || isOp("-")) {
        const Token& t = next();
        Node* n = make(NodeKind::BinOp, t);
        n->op = quint8(t.text == QLatin1String("+") ? BinaryOp::Add : BinaryOp::Sub);
        n->a = left;
        n->b = parseConcat();
        left = n;
    }
    return left;
}

Node* Parser::parseConcat()
{
    const Token& start = cur();
    Node* first = parseMath2();
    if (!isOp("~")) {
        return first;
    }
    Node* n = make(NodeKind::Concat, start);
    n->children.push_back(first);
    while (skipOp("~")) {
        n->children.push_back(parseMath2());
    }
    return n;
}

Node* Parser::parseMath2()
{
    Node* left = parsePow();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%")) {
        const Token& t = next();
        Node* n = make(NodeKind::BinOp, t);
        n->op = quint8(t.text == QLatin1String("*") ? BinaryOp::Mul
                : t.text == QLatin1String("/")      ? BinaryOp::Div
                : t.text == QLatin1String("//")     ? BinaryOp::FloorDiv
                                                    : BinaryOp::Mod);
        n->a = left;
        n->b = parsePow();
        left = n;
    }
    return left;
}

Node* Parser::parsePow()
{
    Node* left = parseUnary();
    while (isOp("**")) {
        const Token& t = next();
        Node* n = make(NodeKind::BinOp, t);
        n->op = quint8(BinaryOp::Pow);
        n->a = left;
        n->b = parseUnary();
        left = n;
    }
    return left;
}

Node* Parser::parseUnary(bool withFilter)
{
    DepthGuard guard(this);
    Node* node;
    if (isOp("-") || isOp("+")) {
        const Token& t = next();
        node = make(t.text == QLatin1String("-") ? NodeKind::Neg : NodeKind::Pos, t);
        node->a = parseUnary(false);
    } else {
        node = parsePrimary();
    }
    node = parsePostfix(node);
    if (withFilter) {
        node = parseFilterExpr(node);
    }
    return node;
}

Node* Parser::parsePrimary()
{
    DepthGuard guard(this);
    const Token& t = cur();
    Node* node = nullptr;
    if (t.type == TokenType::Name) {
        if (t.text == QLatin1String("true") || t.text == QLatin1String("True") || t.text == QLatin1String("false")
            || t.text == QLatin1String("False")) {
            node = make(NodeKind::Const, t);
            node->value = Value(t.text == QLatin1String("true") || t.text == QLatin1String("True"));
        } else if (t.text == QLatin1String("none") || t.text == QLatin1String("None")) {
            node = make(NodeKind::Const, t);
            node->value = Value::none();
        } else {
            node = make(NodeKind::Name, t);
            setName(node, t.text);
        }
        next();
    } else if (t.type == TokenType::String) {
        node = make(NodeKind::Const, t);
        QString s = t.text;
        next();
        while (cur().type == TokenType::String) {
            s += cur().text;
            next();
        }
        node->value = Value(s);
    } else if (t.type == TokenType::Integer || t.type == TokenType::Float) {
        node = make(NodeKind::Const, t);
        node->value = t.number;
        next();
    } else if (isOp("(")) {
        next();
        node = parseTuple(false, true, {}, true);
        expectOp(")");
    } else if (isOp("[")) {
        node = parseList();
    } else if (isOp("{")) {
        node = parseDict();
    } else {
        if (t.type == TokenType::Eof) {
            fail(QStringLiteral("unexpected end of template"), t);
        }
        fail(QStringLiteral("unexpected '%1'").arg(describe(t)), t);
    }
    return node;
}

bool Parser::isTupleEnd(const std::vector<QString>& extraEnd) const
{
    const Token& t = cur();
    if (t.type == TokenType::VariableEnd || t.type == TokenType::BlockEnd || t.type == TokenType::Eof
        || (t.type == TokenType::Operator && t.text == QLatin1String(")"))) {
        return true;
    }
    if (t.type == TokenType::Name) {
        for (const QString& e : extraEnd) {
            if (t.text == e) {
                return true;
            }
        }
    }
    return false;
}

Node* Parser::parseTuple(
    bool simplified, bool withCondexpr, const std::vector<QString>& extraEnd, bool explicitParentheses)
{
    const Token& start = cur();
    std::vector<Node*> args;
    bool isTuple = false;
    while (true) {
        if (!args.empty()) {
            expectOp(",");
        }
        if (isTupleEnd(extraEnd)) {
            break;
        }
        args.push_back(simplified ? parsePrimary() : parseExpression(withCondexpr));
        if (isOp(",")) {
            isTuple = true;
        } else {
            break;
        }
    }
    if (!isTuple) {
        if (!args.empty()) {
            return args.front();
        }
        if (!explicitParentheses) {
            fail(QStringLiteral("Expected an expression, got '%1'").arg(describe(cur())), cur());
        }
    }
    Node* n = make(NodeKind::Tuple, start);
    n->children = std::move(args);
    return n;
}

Node* Parser::parseList()
{
    const Token& t = expectOp("[");
    Node* n = make(NodeKind::List, t);
    while (!isOp("]")) {
        if (!n->children.empty()) {
            expectOp(",");
        }
        if (isOp("]")) {
            break;
        }
        n->children.push_back(parseExpression());
    }
    expectOp("]");
    return n;
}

Node* Parser::parseDict()
{
    const Token& t = expectOp("{");
    Node* n = make(NodeKind::Dict, t);
    while (!isOp("}")) {
        if (!n->children.empty()) {
            expectOp(",");
        }
        if (isOp("}")) {
            break;
        }
        n->children.push_back(parseExpression());
        expectOp(":");
        n->children2.push_back(parseExpression());
    }
    expectOp("}");
    return n;
}

Node* Parser::parsePostfix(Node* node)
{
    while (true) {
        if (isOp(".") || isOp("[")) {
            node = parseSubscript(node);
        } else if (isOp("(")) {
            node = parseCall(node);
        } else {
            break;
        }
    }
    return node;
}

Node* Parser::parseFilterExpr(Node* node)
{
    while (true) {
        if (isOp("|")) {
            node = parseFilter(node, false);
        } else if (isName("is")) {
            node = parseTest(node);
        } else if (isOp("(")) {
            node = parseCall(node);
        } else {
            break;
        }
    }
    return node;
}

Node* Parser::parseSubscript(Node* node)
{
    DepthGuard guard(this);
    const Token& t = next();
    if (t.text == QLatin1String(".")) {
        const Token& attr = cur();
        next();
        if (attr.type == TokenType::Name) {
            Node* n = make(NodeKind::Getattr, t);
            n->a = node;
            n->name = attr.text;
            n->methods = methodMask(attr.text);
            return n;
        }
        if (attr.type != TokenType::Integer) {
            fail(QStringLiteral("expected name or number"), attr);
        }
        Node* key = make(NodeKind::Const, attr);
        key->value = attr.number;
        Node* n = make(NodeKind::Getitem, t);
        n->a = node;
        n->b = key;
        return n;
    }
    std::vector<Node*> args;
    while (!isOp("]")) {
        if (!args.empty()) {
            expectOp(",");
        }
        args.push_back(parseSubscribed());
    }
    expectOp("]");
    Node* n = make(NodeKind::Getitem, t);
    n->a = node;
    if (args.size() == 1) {
        n->b = args.front();
    } else {
        Node* tuple = make(NodeKind::Tuple, t);
        tuple->children = std::move(args);
        n->b = tuple;
    }
    return n;
}

Node* Parser::parseSubscribed()
{
    const Token& start = cur();
    Node* first = nullptr;
    if (isOp(":")) {
        next();
    } else {
        first = parseExpression();
        if (!isOp(":")) {
            return first;
        }
        next();
    }
    Node* n = make(NodeKind::Slice, start);
    n->a = first;
    if (!isOp(":") && !isOp("]") && !isOp(",")) {
        n->b = parseExpression();
    }
    if (isOp(":")) {
        next();
        if (!isOp("]") && !isOp(",")) {
            n->c = parseExpression();
        }
    }
    return n;
}

void Parser::parseCallArgs(Node* node)
{
    const Token& t = expectOp("(");
    bool requireComma = false;
    const auto ensure = [&](bool ok) {
        if (!ok) {
            fail(QStringLiteral("invalid syntax for function call expression"), t);
        }
    };
    while (!isOp(")")) {
        if (requireComma) {
            expectOp(",");
            if (isOp(")")) {
                break;
            }
        }
        if (isOp("*")) {
            ensure(!node->c && !node->d);
            next();
            node->c = parseExpression();
        } else if (isOp("**")) {
            ensure(!node->d);
            next();
            node->d = parseExpression();
        } else if (cur().type == TokenType::Name && look().type == TokenType::Operator
            && look().text == QLatin1String("=")) {
            ensure(!node->d);
            node->kwNames.push_back(cur().text);
            next();
            next();
            node->kwValues.push_back(parseExpression());
        } else {
            ensure(!node->c && !node->d && node->kwNames.empty());
            node->children.push_back(parseExpression());
        }
        requireComma = true;
    }
    expectOp(")");
}

Node* Parser::parseCall(Node* node)
{
    DepthGuard guard(this);
    Node* n = make(NodeKind::Call, cur());
    n->a = node;
    parseCallArgs(n);
    return n;
}

Node* Parser::parseFilter(Node* node, bool startInline)
{
    while (isOp("|") || startInline) {
        DepthGuard guard(this);
        if (!startInline) {
            next();
        }
        const Token& t = expectName();
        QString name = t.text;
        while (isOp(".")) {
            next();
            name += QLatin1Char('.') + expectName().text;
        }
        Node* n = make(NodeKind::Filter, t);
        n->a = node;
        n->name = name;
        n->filter = findFilter(name);
        if (!n->filter) {
            fail(QStringLiteral("No filter named '%1'.").arg(name), t);
        }
        n->appendFilter = findAppendFilter(name);
        if (isOp("(")) {
            parseCallArgs(n);
        }
        const auto calls = [](const Node* x) { return x->kind == NodeKind::Call; };
        const auto argCalls = [&](const Node* arg) { return anyNode(arg, calls); };
        if (!anyNode(n->c, calls) && !anyNode(n->d, calls)
            && std::none_of(n->children.begin(), n->children.end(), argCalls)
            && std::none_of(n->kwValues.begin(), n->kwValues.end(), argCalls)) {
            n->flags |= SafeArgs;
        }
        node = n;
        startInline = false;
    }
    return node;
}

Node* Parser::parseTest(Node* node)
{
    DepthGuard guard(this);
    const Token& t = next();
    const bool negated = skipName("not");
    const Token& nameTok = expectName();
    QString name = nameTok.text;
    while (isOp(".")) {
        next();
        name += QLatin1Char('.') + expectName().text;
    }
    Node* n = make(NodeKind::Test, t);
    n->a = node;
    n->name = name;
    n->test = findTest(name);
    if (!n->test) {
        fail(QStringLiteral("No test named '%1'.").arg(name), nameTok);
    }
    if (isOp("(")) {
        parseCallArgs(n);
    } else if ((cur().type == TokenType::Name || cur().type == TokenType::String || cur().type == TokenType::Integer
                   || cur().type == TokenType::Float || isOp("(") || isOp("[") || isOp("{"))
        && !isName("else") && !isName("or") && !isName("and")) {
        if (isName("is")) {
            fail(QStringLiteral("You cannot chain multiple tests with is"), cur());
        }
        Node* arg = parsePrimary();
        n->children.push_back(parsePostfix(arg));
    }
    if (negated) {
        Node* notNode = make(NodeKind::Not, t);
        notNode->a = n;
        return notNode;
    }
    return n;
}

} // namespace Jinja
