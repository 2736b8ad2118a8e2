#pragma once

#include "Options.h"
#include "Result.h"

#include <QStringList>
#include <QVariantMap>
#include <memory>

// A parsed Jinja2 template. Parse once, render many times (from any number of threads: a parsed template is
// immutable). Rendering follows Python's Jinja2 3.x byte for byte; docs/templates.md lists the syntax, filters,
// tests and the few differences.
namespace Jinja {

struct TemplateData;

class Template {
public:
    // Errors name the template (`name`), line and column.
    static Result<Template> parse(const QString& source, const QString& name = {}, const Options& options = {});

    // The context is the whole set of variables the template sees. `undefinedNames`, when given, receives the
    // names of the undefined variables the render met (only possible in lenient/chainable mode, or the one that
    // stopped a strict render).
    Result<QString> render(const QVariantMap& context, QStringList* undefinedNames = nullptr) const;

    const Options& options() const;
    QString name() const;

private:
    std::shared_ptr<const TemplateData> m_data;
};

} // namespace Jinja
