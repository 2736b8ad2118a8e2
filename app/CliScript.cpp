#include "CliScript.h"

#include "DangerRules.h"
#include "ScriptStore.h"
#include "ShellCheck.h"
#include "TextDiff.h"
#include "Workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

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

struct Args {
    QStringList positional;
    QMultiHash<QString, QString> options; // option → values, in order given (values() is reversed: use list())
    QStringList flags;
    QStringList list(const QString& o) const
    {
        QStringList v = options.values(o);
        std::reverse(v.begin(), v.end());
        return v;
    }
};

// Parses `--opt VALUE`, `--opt=VALUE` and `--flag`; `valued` lists the options that take a value.
bool parse(const QStringList& in, const QStringList& valued, const QStringList& flags, Args* out, QTextStream& err)
{
    for (qsizetype i = 0; i < in.size(); ++i) {
        QString a = in.at(i);
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
                        err << "opsdeck-cli: " << a << " needs a value (see script --help)\n";
                        return false;
                    }
                    value = in.at(++i);
                }
                out->options.insert(name, value);
            } else if (flags.contains(name) && !hasValue) {
                out->flags.append(name);
            } else {
                err << "opsdeck-cli: unknown option '" << a << "' (see script --help)\n";
                return false;
            }
        } else {
            out->positional.append(a);
        }
    }
    return true;
}

int fail(QTextStream& err, const QString& message, int code = kFailed)
{
    err << "opsdeck-cli: " << message << Qt::endl;
    return code;
}

struct Library {
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<ScriptStore> store;
};

Result<Library> openLibrary(const QString& path, Workspace::OpenMode mode)
{
    auto ws = Workspace::open(path, mode);
    if (!ws) {
        return ws.error();
    }
    Library lib;
    lib.workspace = std::move(*ws);
    lib.store = std::make_unique<ScriptStore>(*lib.workspace);
    return lib;
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
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < 1) {
        return Error(QStringLiteral("'%1' is not a version number (1, 2, 3 …)").arg(text));
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
        out << v.version << '\t' << v.createdAt.toString(Qt::ISODate) << '\t' << v.author << '\t'
            << QString(v.message).replace(QLatin1Char('\n'), QLatin1Char(' ')) << '\n';
    }
    return kOk;
}

int diff(const QStringList& words, const QString& wsPath, QTextStream& out, QTextStream& err)
{
    Args a;
    if (!parse(words, {}, {}, &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 3) {
        return fail(err, QStringLiteral("script diff needs NAME V1 V2 (see script --help)"), kUsage);
    }
    auto v1 = versionNumber(a.positional.at(1));
    auto v2 = versionNumber(a.positional.at(2));
    if (!v1 || !v2) {
        return fail(err, (!v1 ? v1.error() : v2.error()).toString(), kUsage);
    }
    auto lib = openNamed(wsPath, a.positional.first());
    if (!lib) {
        return fail(err, lib.error().toString());
    }
    const Script* s = &lib->script;
    auto old = lib->store()->version(s->id, *v1);
    auto now = lib->store()->version(s->id, *v2);
    if (!old || !now) {
        return fail(err, (!old ? old.error() : now.error()).message);
    }
    out << TextDiff::unified(old->script.content, now->script.content, QStringLiteral("%1@%2").arg(s->name).arg(*v1),
        QStringLiteral("%1@%2").arg(s->name).arg(*v2));
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
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        (args.isEmpty() ? err : out) << kUsageText;
        return args.isEmpty() ? kUsage : kOk;
    }
    const QString sub = args.first();
    const QStringList rest = args.mid(1);
    if (rest.contains(QStringLiteral("--help")) || rest.contains(QStringLiteral("-h"))) {
        out << kUsageText;
        return kOk;
    }
    if (sub == QLatin1String("add")) {
        return add(rest, workspacePath, err);
    }
    if (sub == QLatin1String("list")) {
        return list(rest, workspacePath, out, err);
    }
    if (sub == QLatin1String("show")) {
        return show(rest, workspacePath, out, err);
    }
    if (sub == QLatin1String("tag")) {
        return tag(rest, workspacePath, err);
    }
    if (sub == QLatin1String("versions")) {
        return versions(rest, workspacePath, out, err);
    }
    if (sub == QLatin1String("diff")) {
        return diff(rest, workspacePath, out, err);
    }
    if (sub == QLatin1String("check")) {
        return check(rest, workspacePath, out, err);
    }
    return fail(err,
        QStringLiteral("unknown script subcommand '%1' (add, list, show, tag, versions, diff, check)").arg(sub),
        kUsage);
}
