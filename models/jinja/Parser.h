#pragma once

#include "jinja/Ast.h"
#include "jinja/Lexer.h"

#include <QHash>
#include <vector>

// A recursive-descent parser that follows Jinja2's parser.py rule by rule, so that operator precedence and the
// odd corners (filters binding tighter than unary minus, `is` tests taking one bare argument …) match.
namespace Jinja {

class Parser {
public:
    Parser(std::vector<Token> tokens, NodeArena& arena);
    // Both throw RenderError with the place of the syntax error.
    std::vector<Node*> parseTemplate();
    Node* parseStandaloneExpression();

private:
    std::vector<Token> m_tokens;
    size_t m_pos = 0;
    NodeArena& m_arena;
    int m_depth = 0;
    std::vector<QString> m_tagStack;
    std::vector<std::vector<QString>> m_endTokenStack;
    QHash<QString, int> m_locals;

    const Token& cur() const { return checked(m_tokens[m_pos]); }
    const Token& look() const { return checked(m_tokens[std::min(m_pos + 1, m_tokens.size() - 1)]); }
    // Raises the lexing error an Error token carries, once the parse gets there.
    static const Token& checked(const Token& t)
    {
        if (t.type == TokenType::Error) {
            raise(t.text, t.line, t.column);
        }
        return t;
    }
    const Token& next();
    bool isOp(const char* op) const;
    bool isName(const char* name) const;
    bool skipOp(const char* op);
    bool skipName(const char* name);
    const Token& expectOp(const char* op);
    const Token& expectName(const char* name = nullptr);
    void expectType(TokenType type);
    [[noreturn]] void fail(const QString& msg, const Token& at) const;
    [[noreturn]] void failUnexpected(const Token& t, const QString& expected) const;
    [[noreturn]] void failEof(const std::vector<QString>& endTokens) const;
    static QString describe(const Token& t);
    Node* make(NodeKind kind, const Token& at) { return m_arena.make(kind, at.line, at.column); }
    // Name and NSRef nodes: the interned slot (scopes) and the template-local index (context cache).
    void setName(Node* n, const QString& name);

    struct DepthGuard {
        explicit DepthGuard(Parser* p);
        ~DepthGuard() { --m_p->m_depth; }
        Parser* m_p;
    };

    std::vector<Node*> subparse(const std::vector<QString>& endTokens);
    std::vector<Node*> parseStatements(const std::vector<QString>& endTokens, bool dropNeedle);
    Node* parseStatement();
    Node* parseSet();
    Node* parseFor();
    Node* parseIf();
    Node* parseWith();
    Node* parseMacro();
    Node* parseCallBlock();
    Node* parseFilterBlock();
    Node* parseBlock();
    Node* parsePrint();
    void parseSignature(Node* node);
    Node* parseAssignTarget(bool withTuple, bool nameOnly, const std::vector<QString>& extraEnd, bool withNamespace);

    Node* parseExpression(bool withCondexpr = true);
    Node* parseCondexpr();
    Node* parseOr();
    Node* parseAnd();
    Node* parseNot();
    Node* parseCompare();
    Node* parseMath1();
    Node* parseConcat();
    Node* parseMath2();
    Node* parsePow();
    Node* parseUnary(bool withFilter = true);
    Node* parsePrimary();
    Node* parseTuple(
        bool simplified, bool withCondexpr, const std::vector<QString>& extraEnd, bool explicitParentheses);
    bool isTupleEnd(const std::vector<QString>& extraEnd) const;
    Node* parseList();
    Node* parseDict();
    Node* parsePostfix(Node* node);
    Node* parseFilterExpr(Node* node);
    Node* parseSubscript(Node* node);
    Node* parseSubscribed();
    void parseCallArgs(Node* node);
    Node* parseCall(Node* node);
    Node* parseFilter(Node* node, bool startInline);
    Node* parseTest(Node* node);
    void markMacroUsage(Node* macro);
};

} // namespace Jinja
