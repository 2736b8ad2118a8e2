#include "CliScript.h"

#include "CliArgs.h"

#include "scripts/DangerRules.h"
#include "scripts/ScriptStore.h"
#include "scripts/ShellCheck.h"
#include "store/Workspace.h"

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

const char* const kUsageText = R"(Usage: opsdeck-cli [--workspace W] script COMMAND ...

The script library of the workspace (docs/scripts.md).

Commands:
  script add FILE... [--name N] [--tag T]... [--kind system|user] [--language L] [--message M]
                         add files as scripts (language from the shebang or extension); a file whose name
                         exists makes a new version of that script
  script list [--tag T]... [--json]
                         scripts carrying every given tag: name, language, kind, version, tags
  script show NAME [--version V]
                         the content of a script (its current or an older version), exactly
  script tag NAME +T... -T...
                         add (+T) and remove (-T) tags
  script versions NAME   one version a line: number, time (UTC), author, message
  script diff NAME V1 V2 a unified diff between two versions
  script check FILE [--language L]
                         danger rules (and ShellCheck's findings, when it is installed) as
                         FILE:LINE:COL: severity: message; exit 1 when a blocking rule matches
)";

bool parse(const QStringList& in, const QStringList& valued, const QStringList& flags, Args* out, QTextStream& err)
{
    return CliArgs::parse(in, valued, flags, QStringLiteral("script"), out, err);
}

using Library = CliArgs::Library<ScriptStore>;

Result<Library> openLibrary(const QString& path, Workspace::OpenMode mode)
{
    return CliArgs::openLibrary<ScriptStore>(path, mode);
}

Result<Script> scriptNamed(ScriptStore& store, const QString& name)
{
    auto found = store.findByName(name);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return Error(QStringLiteral("no script named '%1' (see `script list`)").arg(name));
    }
    return **found;
}

struct NamedScript {
    Library library;
    Script script;
    ScriptStore* store() const { return library.store.get(); }
};

// Opens the workspace (which must exist) and finds the script of that name.
Result<NamedScript> openNamed(const QString& wsPath, const QString& name)
{
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return lib.error();
    }
    auto s = scriptNamed(*lib->store, name);
    if (!s) {
        return s.error();
    }
    return NamedScript { std::move(*lib), *s };
}

Result<int> versionNumber(const QString& text)
{
    int v = 0;
    QString problem;
    if (!CliArgs::versionNumber(text, &v, &problem)) {
        return Error(problem);
    }
    return v;
}

Result<std::optional<ScriptLanguage>> languageOption(const Args& a)
{
    if (!a.options.contains(QStringLiteral("language"))) {
        return std::optional<ScriptLanguage>();
    }
    const QString name = a.options.value(QStringLiteral("language"));
    const auto language = ScriptLanguages::fromName(name);
    if (!language) {
        return Error(QStringLiteral("--language must be bash, sh, python or perl, not '%1'").arg(name));
    }
    return std::optional<ScriptLanguage>(*language);
}

int add(const QStringList& words, const QString& wsPath, QTextStream& err)
{
    Args a;
    if (!parse(words,
            { QStringLiteral("name"), QStringLiteral("tag"), QStringLiteral("kind"), QStringLiteral("language"),
                QStringLiteral("message") },
            {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.isEmpty()) {
        return fail(err, QStringLiteral("script add needs a FILE (see script --help)"), kUsage);
    }
    if (a.options.contains(QStringLiteral("name")) && a.positional.size() > 1) {
        return fail(err, QStringLiteral("--name names one script: give one FILE with it"), kUsage);
    }
    std::optional<Script::Kind> kind;
    if (a.options.contains(QStringLiteral("kind"))) {
        kind = Script::kindFromName(a.options.value(QStringLiteral("kind")));
        if (!kind) {
            return fail(err, QStringLiteral("--kind must be system or user"), kUsage);
        }
    }
    auto language = languageOption(a);
    if (!language) {
        return fail(err, language.error().toString(), kUsage);
    }
    const QStringList tags = a.list(QStringLiteral("tag"));
    for (const QString& t : tags) {
        if (const QString problem = Script::tagProblem(t); !problem.isEmpty()) {
            return fail(err, problem, kUsage);
        }
    }
    // Read every file first: a bad one means nothing is added.
    QList<Script> scripts;
    for (const QString& file : std::as_const(a.positional)) {
        QString note;
        auto s = Script::fromFile(file, *language, &note);
        if (!s) {
            return fail(err, s.error().toString());
        }
        if (!note.isEmpty()) {
            err << file << ": " << note << "\n";
        }
        if (a.options.contains(QStringLiteral("name"))) {
            s->name = a.options.value(QStringLiteral("name"));
        }
        if (const QString problem = Script::nameProblem(s->name); !problem.isEmpty()) {
            return fail(err, Error(problem, { file }).toString());
        }
        s->tags = tags;
        if (kind) {
            s->kind = *kind;
        }
        scripts.append(*s);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::CreateIfMissing);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    Result<void> all = lib->workspace->inTransaction([&]() -> Result<void> {
        for (const Script& s : std::as_const(scripts)) {
            bool isNew = false;
            auto saved = lib->store->addOrUpdate(s, a.options.value(QStringLiteral("message")), &isNew);
            if (!saved) {
                return saved.error();
            }
            if (kind && saved->kind != *kind) {
                Script k = *saved;
                k.kind = *kind;
                if (auto r = lib->store->save(k, QStringLiteral("kind set to %1").arg(Script::kindName(*kind))); !r) {
                    return r.error();
                }
            }
            err << (isNew ? "added " : "updated ") << saved->name << " (version " << saved->version << ")\n";
        }
        return {};
    });
    if (!all) {
        return fail(err, all.error().toString());
    }
    return kOk;
}

int list(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, { QStringLiteral("tag") }, { QStringLiteral("json") }, &a, err)) {
        return kUsage;
    }
    if (!a.positional.isEmpty()) {
        return fail(
            err, QStringLiteral("unexpected argument '%1' (see script --help)").arg(a.positional.first()), kUsage);
    }
    auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    auto scripts = lib->store->loadAll();
    if (!scripts) {
        return fail(err, scripts.error().toString());
    }
    const QStringList tags = a.list(QStringLiteral("tag"));
    const bool json = a.flags.contains(QStringLiteral("json"));
    QJsonArray array;
    for (const Script& s : std::as_const(*scripts)) {
        if (!std::all_of(tags.cbegin(), tags.cend(), [&](const QString& t) { return s.tags.contains(t); })) {
            continue;
        }
        if (json) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), s.name);
            o.insert(QStringLiteral("language"), ScriptLanguages::name(s.language));
            o.insert(QStringLiteral("kind"), Script::kindName(s.kind));
            o.insert(QStringLiteral("version"), s.version);
            o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(s.tags));
            o.insert(QStringLiteral("description"), s.description);
            o.insert(QStringLiteral("run_as"), s.runAs);
            o.insert(QStringLiteral("updated"), s.updatedAt.toString(Qt::ISODate));
            o.insert(QStringLiteral("author"), s.author);
            array.append(o);
        } else {
            out << s.name << '\t' << ScriptLanguages::name(s.language) << '\t' << Script::kindName(s.kind) << "\tv"
                << s.version << '\t' << s.tags.join(QLatin1Char(',')) << '\n';
        }
    }
    if (json) {
        out << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    }
    return kOk;
}

int show(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, { QStringLiteral("version") }, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("script show needs one NAME (see script --help)"), kUsage);
    }
    auto lib = openNamed(wsPath, a.positional.first());
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    const Script* s = &lib->script;
    if (a.options.contains(QStringLiteral("version"))) {
        auto number = versionNumber(a.options.value(QStringLiteral("version")));
        if (!number) {
            return fail(err, number.error().toString(), kUsage);
        }
        auto v = lib->store()->version(s->id, *number);
        if (!v) {
            return fail(err, v.error().message);
        }
        out << v->script.content;
        return kOk;
    }
    out << s->content;
    return kOk;
}

int tag(const QStringList& words, const QString& wsPath, QTextStream& err)
{
    // Not parse(): "-T" removes a tag here, it is not an option.
    if (words.size() < 2) {
        return fail(err, QStringLiteral("script tag needs a NAME and +TAG/-TAG words (see script --help)"), kUsage);
    }
    QStringList add;
    QStringList remove;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& w = words.at(i);
        const QString t = w.mid(1);
        if ((!w.startsWith(QLatin1Char('+')) && !w.startsWith(QLatin1Char('-')))) {
            return fail(err, QStringLiteral("'%1': write +TAG to add or -TAG to remove a tag").arg(w), kUsage);
        }
        if (const QString problem = Script::tagProblem(t); !problem.isEmpty()) {
            return fail(err, problem, kUsage);
        }
        (w.startsWith(QLatin1Char('+')) ? add : remove).append(t);
    }
    auto lib = openNamed(wsPath, words.first());
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    const Script* s = &lib->script;
    QStringList tags = s->tags + add;
    for (const QString& t : std::as_const(remove)) {
        tags.removeAll(t);
    }
    if (auto r = lib->store()->setTags(s->id, tags); !r) {
        return fail(err, r.error().toString());
    }
    return kOk;
}

int versions(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("script versions needs one NAME (see script --help)"), kUsage);
    }
    auto lib = openNamed(wsPath, a.positional.first());
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    const Script* s = &lib->script;
    auto all = lib->store()->versions(s->id);
    if (!all) {
        return fail(err, all.error().toString());
    }
    for (const ScriptVersion& v : std::as_const(*all)) {
        CliArgs::printVersionLine(out, v.version, v.createdAt, v.author, v.message);
    }
    return kOk;
}

int diff(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    QString name;
    int v1 = 0;
    int v2 = 0;
    if (const int code = CliArgs::diffArgs(words, QStringLiteral("script"), &name, &v1, &v2, err); code != kOk) {
        return code;
    }
    auto lib = openNamed(wsPath, name);
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    const Script* s = &lib->script;
    auto old = lib->store()->version(s->id, v1);
    auto now = lib->store()->version(s->id, v2);
    if (!old || !now) {
        return fail(err, (!old ? old.error() : now.error()).message);
    }
    CliArgs::printDiff(out, s->name, v1, old->script.content, v2, now->script.content);
    return kOk;
}

int check(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, { QStringLiteral("language") }, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.isEmpty()) {
        return fail(err, QStringLiteral("script check needs a FILE (see script --help)"), kUsage);
    }
    auto language = languageOption(a);
    if (!language) {
        return fail(err, language.error().toString(), kUsage);
    }
    // The workspace's own rules apply when it exists; otherwise the defaults (checking creates nothing).
    QList<DangerRule> rules = DangerRules::defaults();
    if (QFileInfo::exists(wsPath)) {
        auto lib = openLibrary(wsPath, Workspace::OpenMode::OpenExisting);
        if (!lib) {
            return fail(err, lib.error().toString());
        }
        auto effective = ScriptStore::effectiveDangerRules(*lib->workspace);
        if (!effective) {
            return fail(err, effective.error().toString());
        }
        rules = *effective;
    }
    bool blocked = false;
    bool hinted = false;
    for (const QString& file : std::as_const(a.positional)) {
        QString note;
        auto s = Script::fromFile(file, *language, &note);
        if (!s) {
            return fail(err, s.error().toString());
        }
        ScriptFindings findings = DangerRules::check(s->content, s->language, rules);
        if (s->language == ScriptLanguage::Bash || s->language == ScriptLanguage::Sh) {
            if (ShellCheck::available()) {
                auto sc = ShellCheck::run(s->content, s->language);
                if (!sc) {
                    err << file << ": shellcheck: " << sc.error().message << "\n";
                } else {
                    findings += *sc;
                }
            } else if (!hinted) {
                hinted = true;
                err << ShellCheck::installHint() << "\n";
            }
        }
        std::stable_sort(findings.begin(), findings.end(), [](const ScriptFinding& x, const ScriptFinding& y) {
            return std::pair(x.line, x.column) < std::pair(y.line, y.column);
        });
        for (const ScriptFinding& f : std::as_const(findings)) {
            out << file << ':' << f.line << ':' << f.column << ": " << ScriptFinding::severityName(f.severity) << ": "
                << f.message << " [" << f.code << "]\n";
            blocked = blocked || f.severity == ScriptFinding::Severity::Block;
        }
    }
    return blocked ? kFailed : kOk;
}

} // namespace

int runScriptCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    const QString& ws = workspacePath;
    return CliArgs::dispatch(args, kUsageText, QStringLiteral("script"),
        {
            { QLatin1String("add"), [&](const QStringList& rest) { return add(rest, ws, err); } },
            { QLatin1String("list"), [&](const QStringList& rest) { return list(rest, ws, out, err); } },
            { QLatin1String("show"), [&](const QStringList& rest) { return show(rest, ws, out, err); } },
            { QLatin1String("tag"), [&](const QStringList& rest) { return tag(rest, ws, err); } },
            { QLatin1String("versions"), [&](const QStringList& rest) { return versions(rest, ws, out, err); } },
            { QLatin1String("diff"), [&](const QStringList& rest) { return diff(rest, ws, out, err); } },
            { QLatin1String("check"), [&](const QStringList& rest) { return check(rest, ws, out, err); } },
        },
        out, err);
}
