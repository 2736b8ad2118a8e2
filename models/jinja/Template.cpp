#include "Template.h"

#include "Interpreter.h"
#include "Parser.h"

#include <atomic>

namespace Jinja {

struct TemplateData {
    QString name;
    Options options;
    NodeArena arena;
    std::vector<Node*> body;
    // The size of the last output: reserving it up front saves the reallocations of a growing QString.
    mutable std::atomic<qsizetype> sizeHint { 0 };
};

Result<Template> Template::parse(const QString& source, const QString& name, const Options& options)
{
    auto data = std::make_shared<TemplateData>();
    data->name = name;
    data->options = options;
    try {
        LexerOptions lex;
        lex.trimBlocks = options.trimBlocks;
        lex.lstripBlocks = options.lstripBlocks;
        lex.keepTrailingNewline = options.keepTrailingNewline;
        Parser parser(Lexer::tokenize(source, lex), data->arena);
        data->body = parser.parseTemplate();
    } catch (const RenderError& e) {
        return Error(e.message, SourceLocation { name, e.line, e.column });
    }
    Template t;
    t.m_data = std::move(data);
    return t;
}

Result<QString> Template::render(const QVariantMap& context, QStringList* undefinedNames) const
{
    Interpreter interp(m_data->options, context, m_data->arena.nameCount);
    QString out;
    out.reserve(std::max<qsizetype>(m_data->sizeHint.load(std::memory_order_relaxed), 256));
    try {
        interp.renderTemplate(m_data->body, out);
    } catch (const RenderError& e) {
        if (undefinedNames) {
            *undefinedNames = interp.undefinedNames().values();
            undefinedNames->sort();
        }
        return Error(e.message, SourceLocation { m_data->name, e.line, e.column });
    }
    if (undefinedNames) {
        *undefinedNames = interp.undefinedNames().values();
        undefinedNames->sort();
    }
    m_data->sizeHint.store(out.size() + out.size() / 8, std::memory_order_relaxed);
    return out;
}

const Options& Template::options() const
{
    return m_data->options;
}

QString Template::name() const
{
    return m_data->name;
}

} // namespace Jinja
