#include "CliTemplate.h"

#include "CliArgs.h"

#include "core/VarCodec.h"
#include "jinja/Template.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"

#include <QFile>
#include <QFileInfo>

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

const char* const kUsageText
    = R"(Usage: opsdeck-cli [--workspace W] template render FILE|NAME [--vars VARS.yml | --host HOST]
                        [--job-vars FILE] [--var KEY=VALUE]... [--undefined strict|lenient|chainable]
                        [--no-trim-blocks] [--lstrip-blocks]

Renders a Jinja2 template as Ansible's template module does (trim_blocks on, lstrip_blocks off, trailing newline
kept) and writes the result to stdout exactly. With --vars, the YAML mapping is the whole context; with --host, the
host's variables in the workspace; job variables go on top of either, as a push with them renders. A FILE that does not exist is looked up as a stored template NAME in the
workspace (template list).

Options:
  --vars FILE           variables (a YAML mapping)
  --job-vars FILE       job variables (a YAML mapping), above the host's or --vars' variables
  --var KEY=VALUE       one job variable (a string), over --job-vars; repeat for more
  --undefined MODE      strict (default: an undefined variable is an error), lenient (renders empty) or chainable
  --no-trim-blocks      keep the newline after a block tag
  --lstrip-blocks       strip spaces and tabs before a block tag at the start of a line
)";

struct Parsed {
    QString file;
    QString vars;
    QString jobVars;
    QStringList assignments; // --var KEY=VALUE
    Jinja::Options options;
    bool help = false;
};

bool parseArgs(const QStringList& args, bool allowVars, Parsed* p, QTextStream& err)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        const auto value = [&](QString* out) {
            if (i + 1 >= args.size()) {
                err << "opsdeck-cli: " << a << " needs a value (see --help)\n";
                return false;
            }
            *out = args.at(++i);
            return true;
        };
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            p->help = true;
        } else if (a == QLatin1String("--vars") && allowVars) {
            if (!value(&p->vars)) {
                return false;
            }
        } else if (a == QLatin1String("--job-vars")) {
            if (!value(&p->jobVars)) {
                return false;
            }
        } else if (a == QLatin1String("--var")) {
            QString assignment;
            if (!value(&assignment)) {
                return false;
            }
            p->assignments << assignment;
        } else if (a == QLatin1String("--undefined")) {
            QString mode;
            if (!value(&mode)) {
                return false;
            }
            if (mode == QLatin1String("strict")) {
                p->options.undefined = Jinja::UndefinedMode::Strict;
            } else if (mode == QLatin1String("lenient")) {
                p->options.undefined = Jinja::UndefinedMode::Lenient;
            } else if (mode == QLatin1String("chainable")) {
                p->options.undefined = Jinja::UndefinedMode::Chainable;
            } else {
                err << "opsdeck-cli: --undefined must be strict, lenient or chainable, not '" << mode << "'\n";
                return false;
            }
        } else if (a == QLatin1String("--no-trim-blocks")) {
            p->options.trimBlocks = false;
        } else if (a == QLatin1String("--lstrip-blocks")) {
            p->options.lstripBlocks = true;
        } else if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            err << "opsdeck-cli: unknown option '" << a << "' (see --help)\n";
            return false;
        } else if (p->file.isEmpty()) {
            p->file = a;
        } else {
            err << "opsdeck-cli: unexpected argument '" << a << "' (see --help)\n";
            return false;
        }
    }
    if (!p->help && p->file.isEmpty()) {
        err << "opsdeck-cli: template render needs a FILE (see --help)\n";
        return false;
    }
    return true;
}

// The template's text and the name its errors carry: the file FILE, or else the stored template named FILE in the
// workspace (when there is one).
Result<QPair<QString, QString>> templateSource(const QString& file, const QString& workspacePath)
{
    QFile f(file);
    if (!QFileInfo::exists(file) && !workspacePath.isEmpty() && QFileInfo::exists(workspacePath)) {
        auto ws = Workspace::open(workspacePath);
        if (!ws) {
            return ws.error();
        }
        auto stored = TemplateStore(**ws).findByName(file);
        if (!stored) {
            return stored.error();
        }
        if (stored->has_value()) {
            return QPair<QString, QString>((*stored)->content, (*stored)->name);
        }
        return Error(QStringLiteral("cannot read %1: %2, and the workspace has no template of that name (see "
                                    "`template list`)")
                         .arg(file, QStringLiteral("no such file")));
    }
    if (!f.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("cannot read %1: %2").arg(file, f.errorString()));
    }
    return QPair<QString, QString>(QString::fromUtf8(f.readAll()), file);
}

int render(const Parsed& p, const QString& workspacePath, QVariantMap context, QTextStream& out, QTextStream& err)
{
    if (!p.jobVars.isEmpty() || !p.assignments.isEmpty()) {
        const auto jobVars = CliArgs::jobVariables(p.jobVars, p.assignments);
        if (!jobVars) {
            err << "opsdeck-cli: " << jobVars.error().toString() << '\n';
            return kFailed;
        }
        for (auto it = jobVars->cbegin(); it != jobVars->cend(); ++it) {
            context.insert(it.key(), it.value());
        }
    }
    const auto source = templateSource(p.file, workspacePath);
    if (!source) {
        err << "opsdeck-cli: " << source.errorString() << '\n';
        return kFailed;
    }
    const Result<Jinja::Template> tmpl = Jinja::Template::parse(source->first, source->second, p.options);
    if (!tmpl.ok()) {
        err << tmpl.errorString() << '\n';
        return kFailed;
    }
    const Result<QString> text = tmpl->render(context);
    if (!text.ok()) {
        err << text.errorString() << '\n';
        return kFailed;
    }
    out << *text;
    out.flush();
    return kOk;
}

} // namespace

int runTemplateRenderWithContext(const QStringList& args, const QVariantMap& context, QTextStream& out,
    QTextStream& err, const QString& workspacePath)
{
    Parsed p;
    if (!parseArgs(args, false, &p, err)) {
        return kUsage;
    }
    if (p.help) {
        out << kUsageText;
        return kOk;
    }
    return render(p, workspacePath, context, out, err);
}

int runTemplateRender(const QStringList& args, QTextStream& out, QTextStream& err, const QString& workspacePath)
{
    Parsed p;
    if (!parseArgs(args, true, &p, err)) {
        return kUsage;
    }
    if (p.help) {
        out << kUsageText;
        return kOk;
    }
    QVariantMap context;
    if (!p.vars.isEmpty()) {
        QFile vf(p.vars);
        if (!vf.open(QIODevice::ReadOnly)) {
            err << "opsdeck-cli: cannot read " << p.vars << ": " << vf.errorString() << '\n';
            return kFailed;
        }
        const Result<QVariant> vars = VarCodec::fromYaml(vf.readAll(), p.vars);
        if (!vars.ok()) {
            err << vars.errorString() << '\n';
            return kFailed;
        }
        if (vars->typeId() == QMetaType::QVariantMap) {
            context = vars->toMap();
        } else if (!vars->isNull() && vars->typeId() != QMetaType::Nullptr) {
            err << p.vars << ": the variables must be a YAML mapping\n";
            return kFailed;
        }
    }
    return render(p, workspacePath, context, out, err);
}
