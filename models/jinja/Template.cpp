#include "Template.h"

#include "jinja/Builtins.h"
#include "jinja/Interpreter.h"
#include "jinja/Parser.h"

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

struct ContextData {
    Arena arena; // holds the containers of `vars`: declared first, so that it goes last
    Value vars = Value::dict();
};

Context::Context(const QVariantMap& variables)
    : m_data(std::make_shared<ContextData>())
{
    // Dicts get their key index now, so that renders on several threads only read them.
    m_data->vars = Value::fromVariant(QVariant(variables), true, &m_data->arena);
}

void Context::insert(const QString& name, const QVariant& value)
{
    m_data->vars.dictObject()->insert(Value(name), Value::fromVariant(value, true, &m_data->arena));
    m_data->vars.dictObject()->buildIndex();
}

bool Context::contains(const QString& name) const
{
    return m_data->vars.dictObject()->find(name) != nullptr;
}

qsizetype Context::size() const
{
    return m_data->vars.dictObject()->size();
}

namespace {

Result<QString> renderWith(const TemplateData& data, Interpreter& interp, QStringList* undefinedNames)
{
    QString out;
    out.reserve(std::max<qsizetype>(data.sizeHint.load(std::memory_order_relaxed), 256));
    const auto collectNames = [&]() {
        if (undefinedNames) {
            *undefinedNames = interp.undefinedNames().values();
            undefinedNames->sort();
        }
    };
    try {
        interp.renderTemplate(data.body, out);
    } catch (const RenderError& e) {
        collectNames();
        return Error(e.message, SourceLocation { data.name, e.line, e.column });
    }
    collectNames();
    data.sizeHint.store(out.size() + out.size() / 8, std::memory_order_relaxed);
    return out;
}

} // namespace

Result<QString> Template::render(const QVariantMap& context, QStringList* undefinedNames) const
{
    Interpreter interp(m_data->options, context, m_data->arena.nameCount);
    return renderWith(*m_data, interp, undefinedNames);
}

Result<QString> Template::render(const Context& context, QStringList* undefinedNames) const
{
    Interpreter interp(m_data->options, *context.m_data->vars.dictObject(), m_data->arena.nameCount);
    return renderWith(*m_data, interp, undefinedNames);
}

QString undefinedAdvice(const QString& name)
{
    return ansibleUndefinedAdvice(name);
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
