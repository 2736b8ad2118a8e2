#include "CliArgs.h"

#include "core/TextDiff.h"
#include "core/VarCodec.h"

#include <QDateTime>
#include <QFile>

namespace CliArgs {

QStringList Args::list(const QString& option) const
{
    QStringList v = options.values(option);
    std::reverse(v.begin(), v.end());
    return v;
}

bool parse(const QStringList& in, const QStringList& valued, const QStringList& flags, const QString& command,
    Args* out, QTextStream& err)
{
    for (qsizetype i = 0; i < in.size(); ++i) {
        QString a = in.at(i);
        if (a == QLatin1String("--")) {
            out->hasCommand = true;
            out->command = in.mid(i + 1);
            return true;
        }
        if (a.startsWith(QLatin1String("--")) && a.size() > 2) {
            QString value;
            bool hasValue = false;
            if (const qsizetype eq = a.indexOf(QLatin1Char('=')); eq > 0) {
                value = a.mid(eq + 1);
                a = a.left(eq);
                hasValue = true;
            }
            const QString name = a.mid(2);
            if (valued.contains(name)) {
                if (!hasValue) {
                    if (i + 1 >= in.size()) {
                        err << "opsdeck-cli: " << a << " needs a value (see " << command << " --help)\n";
                        return false;
                    }
                    value = in.at(++i);
                }
                out->options.insert(name, value);
            } else if (flags.contains(name) && !hasValue) {
                out->flags.append(name);
            } else {
                err << "opsdeck-cli: unknown option '" << a << "' (see " << command << " --help)\n";
                return false;
            }
        } else {
            out->positional.append(a);
        }
    }
    return true;
}

Result<QVariantMap> jobVariables(const QString& file, const QStringList& assignments)
{
    QVariantMap vars;
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            return Error(QStringLiteral("--job-vars: cannot read %1: %2").arg(file, f.errorString()));
        }
        auto parsed = VarCodec::fromYamlMapping(f.readAll(), file);
        if (!parsed) {
            return parsed.error();
        }
        vars = *parsed;
    }
    for (const QString& assignment : assignments) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            return Error(QStringLiteral("--var '%1': give KEY=VALUE").arg(assignment));
        }
        vars.insert(assignment.left(eq).trimmed(), assignment.mid(eq + 1));
    }
    return vars;
}

int fail(QTextStream& err, const QString& message, int code)
{
    err << "opsdeck-cli: " << message << Qt::endl;
    return code;
}

bool versionNumber(const QString& text, int* number, QString* error)
{
    bool ok = false;
    *number = text.toInt(&ok);
    if (!ok || *number < 1) {
        *error = QStringLiteral("'%1' is not a version number (1, 2, 3 …)").arg(text);
        return false;
    }
    return true;
}

int diffArgs(const QStringList& words, const QString& command, QString* name, int* v1, int* v2, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, {}, command, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 3) {
        return fail(err, QStringLiteral("%1 diff needs NAME V1 V2 (see %1 --help)").arg(command), kUsage);
    }
    QString problem;
    if (!versionNumber(a.positional.at(1), v1, &problem) || !versionNumber(a.positional.at(2), v2, &problem)) {
        return fail(err, problem, kUsage);
    }
    *name = a.positional.first();
    return kOk;
}

void printVersionLine(
    QTextStream& out, int version, const QDateTime& createdAt, const QString& author, const QString& message)
{
    out << version << '\t' << createdAt.toString(Qt::ISODate) << '\t' << author << '\t'
        << QString(message).replace(QLatin1Char('\n'), QLatin1Char(' ')) << '\n';
}

void printDiff(QTextStream& out, const QString& name, int v1, const QString& text1, int v2, const QString& text2)
{
    out << TextDiff::unified(
        text1, text2, QStringLiteral("%1@%2").arg(name).arg(v1), QStringLiteral("%1@%2").arg(name).arg(v2));
}

int dispatch(const QStringList& args, const char* usage, const QString& command, const QList<Subcommand>& subcommands,
    QTextStream& out, QTextStream& err)
{
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        (args.isEmpty() ? err : out) << usage;
        return args.isEmpty() ? kUsage : kOk;
    }
    const QStringList rest = args.mid(1);
    if (rest.contains(QStringLiteral("--help")) || rest.contains(QStringLiteral("-h"))) {
        out << usage;
        return kOk;
    }
    QStringList names;
    for (const Subcommand& sub : subcommands) {
        if (args.first() == sub.name) {
            return sub.run(rest);
        }
        names << sub.name;
    }
    return fail(err,
        QStringLiteral("unknown %1 subcommand '%2' (%3)").arg(command, args.first(), names.join(QStringLiteral(", "))),
        kUsage);
}

} // namespace CliArgs
