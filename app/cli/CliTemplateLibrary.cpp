#include "CliTemplateLibrary.h"

#include "CliArgs.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using CliArgs::Args;
using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

const char* const kUsageText = R"(Usage: opsdeck-cli [--workspace W] template COMMAND ...

The template library of the workspace (docs/templates.md).

Commands:
  template add FILE... [--name N] [--dest PATH] [--mode 0644] [--owner U:G] [--description D] [--message M]
                         add files as templates (named after the file without .j2); a file whose name
                         exists makes a new version of that template
  template list [--json] name, destination, mode, owner, version
  template show NAME [--version V]
                         the content of a template (its current or an older version), exactly
  template versions NAME one version a line: number, time (UTC), author, message
  template diff NAME V1 V2
                         a unified diff between two versions
  template render FILE|NAME [--host H | --vars VARS.yml] ...
                         render a file or a stored template (template render --help)
)";

bool parse(const QStringList& in, const QStringList& valued, const QStringList& flags, Args* out, QTextStream& err)
{
    return CliArgs::parse(in, valued, flags, QStringLiteral("template"), out, err);
}

using Library = CliArgs::Library<TemplateStore>;

Result<Library> openLibrary(const QString& path, Workspace::OpenMode mode)
{
    return CliArgs::openLibrary<TemplateStore>(path, mode);
}

// The file's name without a trailing ".j2"/".jinja2": "nginx.conf.j2" → "nginx.conf".
QString templateNameOf(const QString& file)
{
    QString name = QFileInfo(file).fileName();
    for (const QLatin1String suffix : { QLatin1String(".j2"), QLatin1String(".jinja2") }) {
        if (name.endsWith(suffix) && name.size() > suffix.size()) {
            name.chop(suffix.size());
        }
    }
    return name;
}

Result<QString> readText(const QString& file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        return Error(QStringLiteral("cannot read: %1").arg(f.errorString()), { file });
    }
    const QByteArray bytes = f.readAll();
    if (bytes.contains('\0')) {
        return Error(QStringLiteral("refused: binary file (a template is text)"), { file });
    }
    QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() != bytes) {
        return Error(QStringLiteral("refused: not valid UTF-8 (convert it first: iconv -t utf-8)"), { file });
    }
    return text;
}

int add(const QStringList& words, const QString& wsPath, QTextStream& err)
{
    Args a;
    const QStringList valued { QStringLiteral("name"), QStringLiteral("dest"), QStringLiteral("mode"),
        QStringLiteral("owner"), QStringLiteral("description"), QStringLiteral("message") };
    if (!parse(words, valued, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.isEmpty()) {
        return fail(err, QStringLiteral("template add needs a FILE (see template --help)"), kUsage);
    }
    if (a.options.contains(QStringLiteral("name")) && a.positional.size() > 1) {
        return fail(err, QStringLiteral("--name names one template: give one FILE with it"), kUsage);
    }
    ConfigTemplate given;
    given.destination = a.options.value(QStringLiteral("dest"));
    given.mode = a.options.value(QStringLiteral("mode"));
    given.owner = a.options.value(QStringLiteral("owner"));
    given.description = a.options.value(QStringLiteral("description"));
    for (const QString& problem : { ConfigTemplate::destinationProblem(given.destination),
             ConfigTemplate::modeProblem(given.mode), ConfigTemplate::ownerProblem(given.owner) }) {
        if (!problem.isEmpty()) {
            return fail(err, problem, kUsage);
        }
    }
    // Read every file first: a bad one means nothing is added.
    QList<ConfigTemplate> templates;
    for (const QString& file : std::as_const(a.positional)) {
        auto text = readText(file);
        if (!text) {
            return fail(err, text.errorString());
        }
        ConfigTemplate t = given;
        t.name = a.options.contains(QStringLiteral("name")) ? a.options.value(QStringLiteral("name"))
                                                            : templateNameOf(file);
        t.content = *text;
        if (const QString problem = ConfigTemplate::nameProblem(t.name); !problem.isEmpty()) {
            return fail(err, Error(problem, { file }).toString());
        }
        templates.append(t);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::CreateIfMissing);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    Result<void> all = lib->workspace->inTransaction([&]() -> Result<void> {
        for (const ConfigTemplate& t : std::as_const(templates)) {
            bool isNew = false;
            auto saved = lib->store->addOrUpdate(t, a.options.value(QStringLiteral("message")), &isNew);
            if (!saved) {
                return saved.error();
            }
            err << (isNew ? "added " : "updated ") << saved->name << " (version " << saved->version << ")\n";
        }
        return {};
    });
    return all ? kOk : fail(err, all.error().toString());
}

int list(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, { QStringLiteral("json") }, &a, err)) {
        return kUsage;
    }
    if (!a.positional.isEmpty()) {
        return fail(
            err, QStringLiteral("unexpected argument '%1' (see template --help)").arg(a.positional.first()), kUsage);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto templates = lib->store->loadAll();
    if (!templates) {
        return fail(err, templates.error().toString());
    }
    if (!a.flags.contains(QStringLiteral("json"))) {
        for (const ConfigTemplate& t : std::as_const(*templates)) {
            out << t.name << '\t' << t.destination << '\t' << t.mode << '\t' << t.owner << "\tv" << t.version << '\n';
        }
        return kOk;
    }
    QJsonArray array;
    for (const ConfigTemplate& t : std::as_const(*templates)) {
        QJsonObject o = t.toJson();
        o.remove(QStringLiteral("id"));
        o.remove(QStringLiteral("content"));
        o.insert(QStringLiteral("updated"), t.updatedAt.toString(Qt::ISODate));
        o.insert(QStringLiteral("author"), t.author);
        array.append(o);
    }
    out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    return kOk;
}

// Opens the workspace and finds the template NAME (the first positional word).
Result<QPair<Library, ConfigTemplate>> openNamed(const QString& wsPath, const QString& name)
{
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return lib.error();
    }
    auto t = lib->store->byName(name);
    if (!t) {
        return Error(t.error().message);
    }
    return QPair<Library, ConfigTemplate>(std::move(*lib), *t);
}

int show(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, { QStringLiteral("version") }, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("template show needs one NAME (see template --help)"), kUsage);
    }
    int number = 0;
    QString problem;
    if (a.options.contains(QStringLiteral("version"))
        && !CliArgs::versionNumber(a.options.value(QStringLiteral("version")), &number, &problem)) {
        return fail(err, problem, kUsage);
    }
    auto named = openNamed(wsPath, a.positional.first());
    if (!named) {
        return fail(err, named.error().toString());
    }
    if (number == 0) {
        out << named->second.content;
        return kOk;
    }
    auto v = named->first.store->version(named->second.id, number);
    if (!v) {
        return fail(err, v.error().message);
    }
    out << v->snapshot.content;
    return kOk;
}

int versions(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("template versions needs one NAME (see template --help)"), kUsage);
    }
    auto named = openNamed(wsPath, a.positional.first());
    if (!named) {
        return fail(err, named.error().toString());
    }
    auto all = named->first.store->versions(named->second.id);
    if (!all) {
        return fail(err, all.error().toString());
    }
    for (const ConfigTemplateVersion& v : std::as_const(*all)) {
        CliArgs::printVersionLine(out, v.version, v.createdAt, v.author, v.message);
    }
    return kOk;
}

int diff(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    QString name;
    int v1 = 0;
    int v2 = 0;
    if (const int code = CliArgs::diffArgs(words, QStringLiteral("template"), &name, &v1, &v2, err); code != kOk) {
        return code;
    }
    auto named = openNamed(wsPath, name);
    if (!named) {
        return fail(err, named.error().toString());
    }
    const ConfigTemplate& t = named->second;
    auto old = named->first.store->version(t.id, v1);
    auto now = named->first.store->version(t.id, v2);
    if (!old || !now) {
        return fail(err, (!old ? old.error() : now.error()).message);
    }
    CliArgs::printDiff(out, t.name, v1, old->snapshot.content, v2, now->snapshot.content);
    return kOk;
}

} // namespace

int runTemplateLibraryCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    const QString& ws = workspacePath;
    return CliArgs::dispatch(args, kUsageText, QStringLiteral("template"),
        {
            { QLatin1String("add"), [&](const QStringList& rest) { return add(rest, ws, err); } },
            { QLatin1String("list"), [&](const QStringList& rest) { return list(rest, ws, out, err); } },
            { QLatin1String("show"), [&](const QStringList& rest) { return show(rest, ws, out, err); } },
            { QLatin1String("versions"), [&](const QStringList& rest) { return versions(rest, ws, out, err); } },
            { QLatin1String("diff"), [&](const QStringList& rest) { return diff(rest, ws, out, err); } },
        },
        out, err);
}
