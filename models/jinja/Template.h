#pragma once

#include "core/Result.h"
#include "jinja/Options.h"

#include <QStringList>
#include <QVariantMap>
#include <memory>

// A parsed Jinja2 template. Parse once, render many times (from any number of threads: a parsed template is
// immutable). Rendering follows Python's Jinja2 3.x byte for byte; docs/templates.md lists the syntax, filters,
// tests and the few differences.
namespace Jinja {

struct TemplateData;
struct ContextData;

// The variables of a render converted once into the engine's values. Rendering several templates for one host
// (or one template several times) from a Context skips converting the QVariantMap on every render, which is a
// good part of the cost of a render. Like the dict passed to Python's `Template.render(**vars)`, the values are
// shared by the renders: a template that mutates one (`{{ x.append(1) }}`) is seen by the renders after it. A
// Context is cheap to copy (copies share the values); renders on several threads may share one as long as no
// template mutates it.
class Context {
public:
    // (No default constructor: `render({})` stays the empty QVariantMap. An empty Context is `Context({})`.)
    explicit Context(const QVariantMap& variables);
    // Adds or replaces one variable (converted now).
    void insert(const QString& name, const QVariant& value);
    bool contains(const QString& name) const;
    qsizetype size() const;

private:
    friend class Template;
    std::shared_ptr<ContextData> m_data;
};

// For an undefined name that Ansible would have given a template (hostvars, groups, lookup, item, gathered facts
// such as ansible_default_ipv4 …): why it is missing here and what to do instead (English, like the engine's other
// messages); empty for any other name. Render errors already carry it.
QString undefinedAdvice(const QString& name);

class Template {
public:
    // Errors name the template (`name`), line and column.
    static Result<Template> parse(const QString& source, const QString& name = {}, const Options& options = {});

    // The context is the whole set of variables the template sees. `undefinedNames`, when given, receives the
    // names of the undefined variables the render met (only possible in lenient/chainable mode, or the one that
    // stopped a strict render).
    Result<QString> render(const QVariantMap& context, QStringList* undefinedNames = nullptr) const;
    // The same from variables converted beforehand (see Context).
    Result<QString> render(const Context& context, QStringList* undefinedNames = nullptr) const;

    const Options& options() const;
    QString name() const;

private:
    std::shared_ptr<const TemplateData> m_data;
};

} // namespace Jinja
