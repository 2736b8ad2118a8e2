#pragma once

#include "core/Result.h"
#include "jinja/Options.h"

#include <QVariant>
#include <QVariantMap>
#include <memory>

// A Jinja2 expression on its own (`host.idc == 'js' and 'mongodb' in host.tags`): the one condition language of
// dynamic groups, workflow edges and the search box. Parsed once, evaluated against many contexts.
namespace Jinja {

struct ExpressionData;

class Expression {
public:
    static Result<Expression> parse(const QString& text, const QString& name = {});
    // The value as a QVariant tree (None -> null QVariant of type nullptr_t, tuples -> lists).
    Result<QVariant> evaluate(const QVariantMap& context, const Options& options = {}) const;
    // Python truthiness of the value, as `{% if expr %}` decides.
    Result<bool> isTrue(const QVariantMap& context, const Options& options = {}) const;
    QString text() const;
    // The whole expression is one string literal (`'host.idc == "js"'`): true for every non-empty string, which is
    // nearly always an expression quoted once too often.
    bool isStringLiteral() const;

private:
    std::shared_ptr<const ExpressionData> m_data;
};

} // namespace Jinja
