#pragma once

#include "jinja/Value.h"

#include <QString>
#include <vector>

// Splits template source into tokens exactly as Jinja2's lexer does: data between tags, whitespace control
// (`-`, `+`), trim_blocks / lstrip_blocks, comments, raw blocks and the tokens inside {{ }} and {% %}.
namespace Jinja {

enum class TokenType : quint8 {
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
    Error, // a lexing error (text = message) that the parser raises when it reaches it
};

struct Token {
    TokenType type = TokenType::Eof;
    QString text; // data, name, operator or the decoded string
    Value number; // Integer / Float; Eof after an unclosed tag: its opener's place, (line << 32) | column
    // (text is then the opener, "{{" or "{%")
    int line = 1;
    int column = 1;
};

struct LexerOptions {
    bool trimBlocks = true;
    bool lstripBlocks = false;
    bool keepTrailingNewline = true;
};

class Lexer {
public:
    // Throws RenderError (a syntax error with line/column) on malformed input.
    static std::vector<Token> tokenize(const QString& source, const LexerOptions& options);
    // Only the tokens of an expression (as inside {{ }}), ending with Eof.
    static std::vector<Token> tokenizeExpression(const QString& source);
};

} // namespace Jinja
