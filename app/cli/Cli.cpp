#include "Cli.h"

#include "CliFacts.h"
#include "CliGroup.h"
#include "CliJobs.h"
#include "CliPublish.h"
#include "CliRun.h"
#include "CliSchedule.h"
#include "CliScheduleRemote.h"
#include "CliScript.h"
#include "CliServer.h"
#include "CliTemplate.h"
#include "CliTemplateLibrary.h"
#include "CliWorkflow.h"
#include "CliWorkflowRemote.h"
#include "core/VarCodec.h"
#include "facts/FactLayer.h"
#include "inventory/HostQuery.h"
#include "inventory/InventoryImport.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/AnsibleVault.h"
#include "store/Workspace.h"
#include "templates/TemplatePreview.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace Cli {

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

const char* const kMainHelp = R"(Usage: opsdeck-cli [--workspace PATH | --server URL --token-file FILE] COMMAND [ARGS]

OpsDeck from the command line: the same workspace and inventory as the console, or a control server.

Global options:
  -w, --workspace PATH   the workspace file (default: %1)
  --server URL           a control server (http:// or https://; env OPSDECK_SERVER): the commands
                         below work on its inventory, library and job history
  --token-file FILE      the file holding the server's token (env OPSDECK_TOKEN_FILE)
  --vault-password-file FILE, --vault-id [ID@]FILE
                         Ansible Vault passwords (as ansible-inventory takes them; repeatable): encrypted
                         inventory and vars files are decrypted on import, !vault values (kept encrypted in
                         the workspace) where a host's variables are shown or rendered
  -h, --help             help for opsdeck-cli or for a command (opsdeck-cli COMMAND --help)
  -v, --version          print the version

Commands:
  inventory import FILE_OR_DIR [--replace] [--dry-run]
                         merge an Ansible inventory (INI or YAML, with group_vars/ and host_vars/) into the
                         workspace, printing what changes; --replace replaces it, --dry-run writes nothing
  inventory list [--json]
                         the inventory; --json prints what `ansible-inventory --list` prints
  inventory export --format ini|yaml [--output DIR]
                         an Ansible inventory on stdout, or a directory with group_vars/ and host_vars/
  inventory query QUERY  names of matching hosts, one a line (syntax: docs/query-syntax.md;
                         expr:(JINJA2 EXPRESSION) over `host` is one of its terms)
  group add-dynamic NAME EXPR | members NAME
                         a dynamic group whose members are the hosts where EXPR is true
                         ("host.idc == 'js' and 'mongodb' in host.tags"); the members of a group
  vars HOST [--json] [--provenance]
                         the resolved variables of a host, and with --provenance where each came from
  template render FILE|NAME [--vars VARS.yml | --host HOST] [--job-vars FILE] [--var KEY=VALUE]...
                   [--undefined strict|lenient|chainable] [--no-trim-blocks] [--lstrip-blocks]
                         render a Jinja2 template (a file, or a stored template) to stdout exactly; with
                         --host, from that host's variables in the workspace (plus inventory_hostname,
                         group_names), with job variables on top
  template add|list|show|versions|diff ...
                         the template library: add files (new versions under an existing name) with
                         destination, mode and owner, list, show a version, versions, diff two versions
                         (opsdeck-cli template --help)
  script add|list|show|tag|versions|diff|check ...
                         the script library: add files (new versions under an existing name), list by
                         tags, show a version, tag, versions, diff two versions, check for dangerous
                         commands and ShellCheck findings (opsdeck-cli script --help)
  workflow import|export|list|show|validate|versions|diff ...
                         workflows: import and export .yml files, list, show, validate with every
                         problem's node and field, versions, diff two versions (opsdeck-cli workflow --help)
  jobs list|show|events|output|pause|resume|cancel|confirm|retry-failed|rerun ...
                         the job history: list and search jobs, show one (status, counts, hosts),
                         print its stored events as JSON lines or a host's output; interventions
                         (opsdeck-cli jobs --help)
  facts gather --hosts QUERY [SSH/BATCH OPTIONS] | facts show HOST [--json] | facts list
                         gather the hosts' facts over SSH (one script per host, nothing installed) and
                         store them; show a host's facts under Ansible's names (opsdeck-cli facts --help)
  run --hosts QUERY (--script NAME_OR_FILE | -- COMMAND...) [--account U] [--param V]...
      [--batch PLAN] [--pause S] [--fail-at N|x%] [--timeout S] [--concurrency N] [--handshakes N]
      [--accept-new-host-keys] [--known-hosts FILE] [--acknowledge-danger] [--json]
                         run a script on hosts over SSH, streaming `HOST: LINE` output (run --help)
  push SRC DEST --hosts QUERY [--mode 0644] [--owner U:G] [SSH/BATCH OPTIONS]
                         copy a file to hosts over SFTP (skipped where unchanged) (push --help)
  push-template NAME_OR_FILE --hosts QUERY [--dest PATH] [--mode 0644] [--owner U:G] [...]
                         render a Jinja2 template per host and push it (push-template --help)
  schedule next 'EXPR' --tz ZONE [--from 'YYYY-MM-DD HH:MM'] [--count N] [--utc]
                         the next fire times of a cron expression in an IANA time zone, one ISO 8601
                         time a line; daylight-saving days as cronie (opsdeck-cli schedule --help)
  schedule add|list|show|rm|pause|resume ...   (with --server)
                         the control server's schedules: a script job or a workflow run by cron or
                         once, in a zone; history of runs (opsdeck-cli schedule add --help)

  publish [--dry-run] [--diff] [--only PARTS] [--overwrite KEY]...
                         with --workspace and --server: the workspace's new and changed scripts,
                         templates and inventory to the server; conflicts reported, never overwritten
                         unless named (publish --help)

Exit status: 0 on success, 1 when the command failed, 2 when it was called wrongly.
)";

const char* const kInventoryHelp = R"(Usage: opsdeck-cli [--workspace PATH] inventory COMMAND [ARGS]

The inventory of the workspace (docs/cli.md).

Commands:
  import FILE_OR_DIR [--replace] [--dry-run]
                         merge an Ansible inventory (INI or YAML, with group_vars/ and host_vars/) into the
                         workspace, printing what changes; --replace replaces it, --dry-run writes nothing
  list [--json]          the inventory; --json prints what `ansible-inventory --list` prints
  export --format ini|yaml [--output DIR]
                         an Ansible inventory on stdout, or a directory with group_vars/ and host_vars/
  query QUERY            names of matching hosts, one a line (syntax: docs/query-syntax.md)

opsdeck-cli inventory COMMAND --help prints the options of one command.
)";

struct Context {
    QTextStream& out;
    QTextStream& err;
    QString workspacePath;
    // --vault-password-file / --vault-id: decrypt vault-encrypted inventory files on import, and `!vault` values
    // where they are used (vars, template render --host).
    AnsibleVault::Secrets vaultSecrets;
};

int fail(Context& ctx, const QString& message, int code = kFailed)
{
    ctx.err << "opsdeck-cli: " << message << Qt::endl;
    return code;
}

int fail(Context& ctx, const Error& error)
{
    return fail(ctx, error.toString());
}

// Parses the options of one command. Returns false (and prints) on --help or a usage error; `code` says which.
bool parseCommand(Context& ctx, QCommandLineParser& parser, const QStringList& args, const QString& usage,
    const QString& description, int* code)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        *code = fail(ctx, parser.errorText() + QStringLiteral(" (see --help)"), kUsage);
        return false;
    }
    if (parser.isSet(help)) {
        ctx.out << "Usage: opsdeck-cli [--workspace PATH] " << usage << "\n\n" << description << "\n\n";
        QString text = parser.helpText();
        // Drop Qt's own "Usage:" line and description: ours is above.
        const qsizetype opts = text.indexOf(QLatin1String("Options:"));
        ctx.out << (opts >= 0 ? text.mid(opts) : text);
        *code = kOk;
        return false;
    }
    return true;
}

Result<std::unique_ptr<Workspace>> openWorkspace(const Context& ctx, Workspace::OpenMode mode)
{
    return Workspace::open(ctx.workspacePath, mode);
}

int inventoryImport(Context& ctx, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE_OR_DIR"), QStringLiteral("An Ansible inventory file or directory."));
    const QCommandLineOption replace(QStringLiteral("replace"),
        QStringLiteral("Replace the workspace's inventory with the imported one (hosts and groups the file does not "
                       "have are removed) instead of merging into it."));
    const QCommandLineOption dryRun(
        QStringLiteral("dry-run"), QStringLiteral("Print what would change and write nothing."));
    p.addOption(replace);
    p.addOption(dryRun);
    int code = kOk;
    if (!parseCommand(ctx, p, args, QStringLiteral("inventory import FILE_OR_DIR [--replace] [--dry-run]"),
            QStringLiteral("Imports an Ansible inventory (INI or YAML, group_vars/ and host_vars/ beside it) into the "
                           "workspace, creating the workspace if it does not exist. Into an existing inventory it "
                           "merges as Ansible merges a second inventory source: hosts and groups are added, "
                           "variables combined key by key with the imported value winning, nothing removed. It "
                           "prints what changes, per group and host, before writing. Nothing is imported when the "
                           "inventory has an error."),
            &code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1) {
        return fail(ctx, QStringLiteral("inventory import needs one FILE_OR_DIR (see --help)"), kUsage);
    }
    const QString source = p.positionalArguments().first();
    if (!QFileInfo::exists(source)) {
        return fail(ctx, Error(QStringLiteral("no such file or directory"), { source }));
    }
    auto imported = AnsibleInventory::importPath(source, {}, ctx.vaultSecrets);
    if (!imported) {
        return fail(ctx, imported.error());
    }
    const bool dry = p.isSet(dryRun);
    if (dry && !QFileInfo::exists(ctx.workspacePath)) {
        // A dry run writes nothing, not even a new workspace: compare against an empty one.
        auto plan = InventoryImportPlan::make(Inventory(), *imported, InventoryImportPlan::Mode::Replace);
        if (!plan) {
            return fail(ctx, plan.error());
        }
        ctx.out << plan->toText();
        ctx.err << "dry run: " << plan->diff.summaryLine() << "; the workspace " << ctx.workspacePath
                << " does not exist and nothing was written" << Qt::endl;
        return kOk;
    }
    auto ws = openWorkspace(ctx, Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        return fail(ctx, ws.error());
    }
    auto current = (*ws)->loadInventory();
    if (!current) {
        return fail(ctx, current.error());
    }
    const auto mode = p.isSet(replace) ? InventoryImportPlan::Mode::Replace : InventoryImportPlan::Mode::Merge;
    auto plan = InventoryImportPlan::make(*current, *imported, mode);
    if (!plan) {
        return fail(ctx, plan.error());
    }
    ctx.out << plan->toText();
    ctx.out.flush();
    const QString how
        = mode == InventoryImportPlan::Mode::Replace ? QStringLiteral("replace") : QStringLiteral("merge");
    if (dry) {
        ctx.err << "dry run (" << how << "): " << plan->diff.summaryLine() << "; nothing was written" << Qt::endl;
        return kOk;
    }
    if (plan->diff.isEmpty()) {
        ctx.err << "nothing to import: " << (*ws)->path() << " already holds everything in " << source << Qt::endl;
        return kOk;
    }
    if (auto saved = (*ws)->saveInventory(plan->after); !saved) {
        return fail(ctx, saved.error());
    }
    ctx.err << "imported " << plan->importedHosts << " hosts and " << plan->importedGroups << " groups into "
            << (*ws)->path() << " (" << how << "): " << plan->diff.summaryLine() << Qt::endl;
    return kOk;
}

// With the facts: the gathered facts as the lowest variable layer (vars, templates, fact:/drift: queries, rules).
Result<Inventory> loadInventory(const Context& ctx, bool withFacts = false)
{
    auto ws = openWorkspace(ctx, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        return ws.error();
    }
    auto inv = (*ws)->loadInventory();
    if (inv && withFacts) {
        if (auto applied = FactLayer::apply(**ws, *inv); !applied) {
            return applied.error();
        }
    }
    return inv;
}

int inventoryList(Context& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print what `ansible-inventory --list` prints."));
    p.addOption(json);
    int code = kOk;
    if (!parseCommand(ctx, p, args, QStringLiteral("inventory list [--json]"),
            QStringLiteral(
                "Lists the inventory: groups with their hosts, or with --json the JSON of "
                "`ansible-inventory --list` (groups, children, and _meta.hostvars with resolved variables)."),
            &code)) {
        return code;
    }
    auto inv = loadInventory(ctx);
    if (!inv) {
        return fail(ctx, inv.error());
    }
    if (p.isSet(json)) {
        ctx.out << QString::fromUtf8(AnsibleInventory::toAnsibleListJson(*inv)); // ends with a newline, as Ansible's
        return kOk;
    }
    // Text: the group tree with direct hosts, like `ansible-inventory --graph`.
    std::function<void(const QString&, int)> print = [&](const QString& name, int depth) {
        const QString indent(depth * 2, QLatin1Char(' '));
        ctx.out << indent << "@" << name << ":\n";
        QStringList children;
        QStringList hosts;
        if (name == QLatin1String("all")) {
            children = inv->topLevelGroups();
        } else if (name == QLatin1String("ungrouped")) {
            hosts = inv->ungroupedHosts();
        } else if (const Group* g = inv->group(name)) {
            children = g->children;
            hosts = g->hosts;
        }
        if (depth > 64) {
            return;
        }
        for (const QString& c : children) {
            print(c, depth + 1);
        }
        for (const QString& h : hosts) {
            ctx.out << indent << "  " << h << "\n";
        }
    };
    print(QStringLiteral("all"), 0);
    return kOk;
}

int inventoryExport(Context& ctx, const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("ini or yaml."), QStringLiteral("FORMAT"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("Write an inventory directory (hosts file, group_vars/, host_vars/) instead of stdout."),
        QStringLiteral("DIR"));
    p.addOption(format);
    p.addOption(output);
    int code = kOk;
    if (!parseCommand(ctx, p, args, QStringLiteral("inventory export --format ini|yaml [--output DIR]"),
            QStringLiteral("Exports the inventory as an Ansible inventory that ansible-inventory reads back to the "
                           "same groups, memberships and host variables."),
            &code)) {
        return code;
    }
    const QString fmt = p.value(format).toLower();
    if (fmt != QLatin1String("ini") && fmt != QLatin1String("yaml") && fmt != QLatin1String("yml")) {
        return fail(ctx, QStringLiteral("--format must be ini or yaml"), kUsage);
    }
    auto inv = loadInventory(ctx);
    if (!inv) {
        return fail(ctx, inv.error());
    }
    const auto kind = fmt == QLatin1String("ini") ? AnsibleInventory::Format::Ini : AnsibleInventory::Format::Yaml;
    if (p.isSet(output)) {
        auto written = AnsibleInventory::exportToDirectory(*inv, p.value(output), kind);
        if (!written) {
            return fail(ctx, written.error());
        }
        return kOk;
    }
    const QByteArray text = kind == AnsibleInventory::Format::Ini ? AnsibleInventory::exportIni(*inv)
                                                                  : AnsibleInventory::exportYaml(*inv);
    ctx.out << QString::fromUtf8(text);
    return kOk;
}

int inventoryQuery(Context& ctx, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(
        QStringLiteral("QUERY"), QStringLiteral("A search, e.g. 'idc:js tag:mongodb -tag:canary'."));
    int code = kOk;
    if (!parseCommand(ctx, p, args, QStringLiteral("inventory query QUERY"),
            QStringLiteral("Prints the names of the hosts matching QUERY, one a line, in inventory order. Syntax: "
                           "free text, IP globs (10.1.*), idc:, tag:, group:, status:, env:, biz:, name:, ip:, "
                           "expr:(Jinja2 expression over host), fact:KEY=VALUE, drift:PACKAGE; "
                           "-term negates; a,b inside a value is OR; terms side by side are AND."),
            &code)) {
        return code;
    }
    if (p.positionalArguments().isEmpty()) {
        return fail(ctx, QStringLiteral("inventory query needs a QUERY (see --help)"), kUsage);
    }
    const QString text = p.positionalArguments().join(QLatin1Char(' '));
    auto query = HostQuery::parse(text);
    if (!query) {
        return fail(ctx, query.error());
    }
    auto inv = loadInventory(ctx, true);
    if (!inv) {
        return fail(ctx, inv.error());
    }
    query->bind(*inv);
    for (int i : query->filter(*inv)) {
        ctx.out << inv->hosts()[i].name << "\n";
    }
    return kOk;
}

QString inlineValue(const QVariant& v)
{
    return QString::fromUtf8(VarCodec::toJson(v));
}

int vars(Context& ctx, const QStringList& args)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("HOST"), QStringLiteral("A host name."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption provenance(QStringLiteral("provenance"),
        QStringLiteral("Say for each variable which layer supplied it and which layers it overrode."));
    p.addOption(json);
    p.addOption(provenance);
    int code = kOk;
    if (!parseCommand(ctx, p, args, QStringLiteral("vars HOST [--json] [--provenance]"),
            QStringLiteral("Prints the variables of HOST resolved with Ansible's precedence (all < parent groups < "
                           "child groups, ties by ansible_group_priority then name; group_vars/ files after the "
                           "inventory's own group vars; host variables last), the gathered facts (ansible_facts, "
                           "ansible_distribution …) below them all."),
            &code)) {
        return code;
    }
    if (p.positionalArguments().size() != 1) {
        return fail(ctx, QStringLiteral("vars needs one HOST (see --help)"), kUsage);
    }
    const QString hostName = p.positionalArguments().first();
    auto inv = loadInventory(ctx, true);
    if (!inv) {
        return fail(ctx, inv.error());
    }
    if (!inv->host(hostName)) {
        return fail(ctx, QStringLiteral("no host named '%1' in %2").arg(hostName, ctx.workspacePath));
    }
    if (!p.isSet(provenance)) {
        QVariantMap resolved = inv->resolveVars(hostName);
        if (!ctx.vaultSecrets.isEmpty()) {
            if (auto r = AnsibleVault::reveal(resolved, ctx.vaultSecrets, hostName); !r) {
                return fail(ctx, r.error());
            }
        }
        ctx.out << QString::fromUtf8(p.isSet(json) ? VarCodec::toJson(resolved, 4) + '\n' : VarCodec::toYaml(resolved));
        return kOk;
    }
    const QList<ResolvedVar> resolved = inv->resolveVarsWithProvenance(hostName);
    if (p.isSet(json)) {
        QVariantMap out;
        for (const ResolvedVar& r : resolved) {
            QVariantList overridden;
            for (const auto& [layer, value] : r.overridden) {
                overridden.append(
                    QVariantMap { { QStringLiteral("layer"), layer.toString() }, { QStringLiteral("value"), value } });
            }
            out.insert(r.key,
                QVariantMap { { QStringLiteral("value"), r.value }, { QStringLiteral("source"), r.source.toString() },
                    { QStringLiteral("overridden"), overridden } });
        }
        ctx.out << QString::fromUtf8(VarCodec::toJson(out, 4)) << "\n";
        return kOk;
    }
    for (const ResolvedVar& r : resolved) {
        ctx.out << r.key << " = " << inlineValue(r.value) << "    # " << r.source.toString();
        if (!r.overridden.isEmpty()) {
            QStringList was;
            for (auto it = r.overridden.crbegin(); it != r.overridden.crend(); ++it) {
                was.append(it->first.toString() + QStringLiteral(" had ") + inlineValue(it->second));
            }
            ctx.out << "; overrides " << was.join(QStringLiteral(", "));
        }
        ctx.out << "\n";
    }
    return kOk;
}

int templateRender(Context& ctx, QStringList args)
{
    const qsizetype hostAt = args.indexOf(QStringLiteral("--host"));
    if (hostAt < 0) {
        return runTemplateRender(args, ctx.out, ctx.err, ctx.workspacePath);
    }
    if (hostAt + 1 >= args.size()) {
        return fail(ctx, QStringLiteral("--host needs a HOST"), kUsage);
    }
    if (args.contains(QStringLiteral("--vars"))) {
        return fail(ctx, QStringLiteral("--vars and --host exclude each other"), kUsage);
    }
    const QString hostName = args.at(hostAt + 1);
    args.remove(hostAt, 2);
    auto inv = loadInventory(ctx, true);
    if (!inv) {
        return fail(ctx, inv.error());
    }
    if (!inv->host(hostName)) {
        return fail(ctx, QStringLiteral("no host named '%1' in %2").arg(hostName, ctx.workspacePath));
    }
    QVariantMap context = hostTemplateContext(*inv, hostName);
    if (!ctx.vaultSecrets.isEmpty()) {
        if (auto r = AnsibleVault::reveal(context, ctx.vaultSecrets, hostName); !r) {
            return fail(ctx, r.error());
        }
    }
    return runTemplateRenderWithContext(args, context, ctx.out, ctx.err, ctx.workspacePath);
}

} // namespace

QVariantMap hostTemplateContext(const Inventory& inventory, const QString& host)
{
    return TemplatePreview::hostContext(inventory, host);
}

namespace {
int dispatch(Context& ctx, const CliServer& server, const QString& program, const QString& command, QStringList rest);
}

int run(const QStringList& arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = run(arguments, out, err);
    out.flush();
    err.flush();
    return code;
}

int run(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    Context ctx { out, err, Workspace::defaultPath(), {} };
    // Global options may come before the command; the command's own options after it.
    CliServer server = CliServer::fromEnvironment();
    QStringList rest;
    bool help = false;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--")) {
            // Everything after -- belongs to the command (run -- grep -w foo), never to opsdeck-cli.
            rest += arguments.mid(i);
            break;
        }
        if (a == QLatin1String("--workspace") || a == QLatin1String("-w")) {
            if (i + 1 >= arguments.size()) {
                return fail(ctx, QStringLiteral("--workspace needs a PATH"), kUsage);
            }
            ctx.workspacePath = arguments[++i];
        } else if (a.startsWith(QLatin1String("--workspace="))) {
            ctx.workspacePath = a.mid(12);
        } else if (a == QLatin1String("--server") || a == QLatin1String("--token-file")) {
            if (i + 1 >= arguments.size()) {
                return fail(ctx, QStringLiteral("%1 needs a value").arg(a), kUsage);
            }
            (a == QLatin1String("--server") ? server.url : server.tokenFile) = arguments[++i];
        } else if (a == QLatin1String("--vault-password-file") || a == QLatin1String("--vault-id")) {
            if (i + 1 >= arguments.size()) {
                return fail(ctx, QStringLiteral("%1 needs a value").arg(a), kUsage);
            }
            const QString value = arguments[++i];
            // --vault-password-file FILE is the vault id "default", as in Ansible; --vault-id takes ID@FILE.
            auto secret = AnsibleVault::readSecret(
                a == QLatin1String("--vault-id") ? value : QStringLiteral("default@") + value);
            if (!secret) {
                return fail(ctx, secret.error());
            }
            ctx.vaultSecrets.append(*secret);
        } else if (a.startsWith(QLatin1String("--server="))) {
            server.url = a.mid(9);
        } else if (a.startsWith(QLatin1String("--token-file="))) {
            server.tokenFile = a.mid(13);
        } else if ((a == QLatin1String("--help") || a == QLatin1String("-h")) && rest.isEmpty()) {
            help = true;
        } else if ((a == QLatin1String("--version") || a == QLatin1String("-v")) && rest.isEmpty()) {
            out << "opsdeck-cli " << OPSDECK_VERSION << "\n";
            return kOk;
        } else {
            rest.append(a);
        }
    }
    if (help || rest.isEmpty()) {
        (help ? out : err) << QString::fromUtf8(kMainHelp).arg(Workspace::defaultPath());
        return help ? kOk : kUsage;
    }
    const QString command = rest.takeFirst();
    const QString program = arguments.value(0, QStringLiteral("opsdeck-cli"));
    return dispatch(ctx, server, program, command, rest);
}

namespace {
int dispatch(Context& ctx, const CliServer& server, const QString& program, const QString& command, QStringList rest)
{
    QTextStream& out = ctx.out;
    QTextStream& err = ctx.err;
    CliJob::setVaultSecrets(ctx.vaultSecrets); // for the jobs the command runs
    if (command == QLatin1String("publish")) {
        return CliPublish::runPublishCommand(rest, ctx.workspacePath, server, out, err);
    }
    if (command == QLatin1String("workflow") && server.active() && !rest.isEmpty()
        && rest.first() != QLatin1String("--help") && rest.first() != QLatin1String("-h")) {
        return runWorkflowServerCommand(rest, server, out, err);
    }
    if (command == QLatin1String("schedule") && isScheduleServerCommand(rest.value(0))) {
        return runScheduleServerCommand(rest, server, out, err);
    }
    // `schedule next` computes locally, with or without a server.
    static const QStringList serverCommands { QStringLiteral("jobs"), QStringLiteral("run"), QStringLiteral("push"),
        QStringLiteral("push-template"), QStringLiteral("schedule") };
    static const QStringList mirrorCommands { QStringLiteral("inventory"), QStringLiteral("vars"),
        QStringLiteral("group"), QStringLiteral("script"), QStringLiteral("template") };
    if (server.active() && !serverCommands.contains(command)) {
        if (!mirrorCommands.contains(command)) {
            return fail(ctx, CliServer::notYet(command));
        }
        const QString sub = rest.value(0);
        if ((command == QLatin1String("script") || command == QLatin1String("template"))
            && (sub == QLatin1String("versions") || sub == QLatin1String("diff"))) {
            return CliPublish::runServerVersions(command, rest, server, out, err);
        }
        const bool writes = (command == QLatin1String("inventory") && sub == QLatin1String("import")
                                && !rest.contains(QStringLiteral("--dry-run")))
            || (command == QLatin1String("group") && sub == QLatin1String("add-dynamic"))
            || (command == QLatin1String("script") && (sub == QLatin1String("add") || sub == QLatin1String("tag")))
            || (command == QLatin1String("template") && sub == QLatin1String("add"));
        return CliPublish::runOnMirror(
            server, writes,
            [&](const QString& path) {
                Context mirror { out, err, path, ctx.vaultSecrets };
                return dispatch(mirror, CliServer {}, program, command, rest);
            },
            out, err);
    }
    if (command == QLatin1String("inventory")) {
        if (rest.isEmpty()) {
            return fail(ctx, QStringLiteral("inventory needs a subcommand: import, list, export or query"), kUsage);
        }
        const QString sub = rest.takeFirst();
        if (sub == QLatin1String("--help") || sub == QLatin1String("-h") || sub == QLatin1String("help")) {
            out << kInventoryHelp;
            return kOk;
        }
        rest.prepend(program);
        if (sub == QLatin1String("import")) {
            return inventoryImport(ctx, rest);
        }
        if (sub == QLatin1String("list")) {
            return inventoryList(ctx, rest);
        }
        if (sub == QLatin1String("export")) {
            return inventoryExport(ctx, rest);
        }
        if (sub == QLatin1String("query")) {
            return inventoryQuery(ctx, rest);
        }
        return fail(
            ctx, QStringLiteral("unknown inventory subcommand '%1' (import, list, export, query)").arg(sub), kUsage);
    }
    if (command == QLatin1String("template")) {
        if (!rest.isEmpty() && rest.first() == QLatin1String("render")) {
            rest.removeFirst();
            return templateRender(ctx, rest);
        }
        return runTemplateLibraryCommand(rest, ctx.workspacePath, out, err);
    }
    if (command == QLatin1String("script")) {
        return runScriptCommand(rest, ctx.workspacePath, out, err);
    }
    if (command == QLatin1String("workflow")) {
        return runWorkflowCommand(rest, ctx.workspacePath, out, err);
    }
    if (command == QLatin1String("jobs")) {
        return runJobsCommand(rest, ctx.workspacePath, server, out, err);
    }
    if (command == QLatin1String("run")) {
        return runRunCommand(rest, ctx.workspacePath, server, out, err);
    }
    if (command == QLatin1String("push")) {
        return runPushCommand(rest, ctx.workspacePath, server, out, err);
    }
    if (command == QLatin1String("push-template")) {
        return runPushTemplateCommand(rest, ctx.workspacePath, server, out, err);
    }
    if (command == QLatin1String("facts")) {
        return runFactsCommand(rest, ctx.workspacePath, out, err);
    }
    if (command == QLatin1String("group")) {
        return runGroupCommand(rest, ctx.workspacePath, out, err);
    }
    if (command == QLatin1String("schedule")) {
        return runScheduleCommand(rest, out, err);
    }
    if (command == QLatin1String("vars")) {
        rest.prepend(program);
        return vars(ctx, rest);
    }
    return fail(ctx, QStringLiteral("unknown command '%1' (see --help)").arg(command), kUsage);
}

} // namespace

} // namespace Cli
