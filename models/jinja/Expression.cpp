#include "Expression.h"

#include "jinja/Interpreter.h"
#include "jinja/Parser.h"

namespace Jinja {

struct ExpressionData {
    QString name;
    QString text;
    NodeArena arena;
    Node* root = nullptr;
};

Result<Expression> Expression::parse(const QString& text, const QString& name)
{
    auto data = std::make_shared<ExpressionData>();
    data->name = name;
    data->text = text;
    try {
        Parser parser(Lexer::tokenizeExpression(text), data->arena);
        data->root = parser.parseStandaloneExpression();
    } catch (const RenderError& e) {
        return Error(e.message, SourceLocation { name, e.line, e.column });
    }
    Expression x;
    x.m_data = std::move(data);
    return x;
}

Result<QVariant> Expression::evaluate(const QVariantMap& context, const Options& options) const
{
    Interpreter interp(options, context, m_data->arena.nameCount);
    try {
        const Value v = interp.evaluate(m_data->root);
        v.checkUndefined();
        return v.toVariant();
    } catch (const RenderError& e) {
        return Error(e.message, SourceLocation { m_data->name, e.line, e.column });
    }
}

Result<bool> Expression::isTrue(const QVariantMap& context, const Options& options) const
{
    Interpreter interp(options, context, m_data->arena.nameCount);
    try {
        return interp.evaluate(m_data->root).truthy();
    } catch (const RenderError& e) {
        return Error(e.message, SourceLocation { m_data->name, e.line, e.column });
    }
}

QString Expression::text() const
{
    return m_data->text;
}

bool Expression::isStringLiteral() const
{
    return m_data->root && m_data->root->kind == NodeKind::Const && m_data->root->value.isString();
}

} // namespace Jinja
