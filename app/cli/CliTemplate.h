#pragma once

#include <QStringList>
#include <QTextStream>
#include <QVariantMap>

// `opsdeck-cli template render FILE|NAME [--vars VARS.yml] [--undefined strict|lenient|chainable] [--no-trim-blocks]
// [--lstrip-blocks]`: renders a Jinja2 template to stdout exactly (no newline added). Exit 0 on success, 1 when
// the template or the variables fail (FILE:LINE:COL: message on stderr), 2 on a usage error.
//
// `args` are the words after `template render`. runTemplateRenderWithContext is the same with the context given
// by the caller (the `--workspace W --host H` form resolves a host's variables and passes them here); `args` may
// then contain the template options but not --vars.
// FILE may also name a template stored in the workspace at `workspacePath` (used when no such file exists).
int runTemplateRender(
    const QStringList& args, QTextStream& out, QTextStream& err, const QString& workspacePath = QString());
int runTemplateRenderWithContext(const QStringList& args, const QVariantMap& context, QTextStream& out,
    QTextStream& err, const QString& workspacePath = QString());
