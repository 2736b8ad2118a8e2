#include "CliGroup.h"

#include "CliArgs.h"
#include "facts/FactLayer.h"
#include "inventory/HostExpression.h"
#include "store/Workspace.h"

#include <optional>

using CliArgs::fail;
using CliArgs::kFailed;
using CliArgs::kOk;
using CliArgs::kUsage;

namespace {

const char* const kUsageText = R"(Usage: opsdeck-cli [--workspace PATH] group COMMAND [ARGS]

Commands:
  add-dynamic NAME EXPR [--parent GROUP] [--replace]
                   a dynamic group: its members are the hosts for which the Jinja2 expression EXPR over `host`
                   is true (e.g. "host.idc == 'js' and 'mongodb' in host.tags"), recomputed as hosts change.
                   --replace changes the rule of an existing dynamic group. A rule that does not parse exits 1
                   with EXPR:1:COLUMN: message and writes nothing.
  members NAME     the hosts of a group (with those of its subgroups), one a line
)";

struct Opened {
    std::unique_ptr<Workspace> workspace;
    Inventory inventory;
};

// The workspace and its inventory, or the exit status of the failure (printed).
std::optional<Opened> open(const QString& workspacePath, QTextStream& err, int* code)
{
    auto ws = Workspace::open(workspacePath, Workspace::OpenMode::OpenExisting);
    if (!ws) {
        *code = fail(err, ws.errorString());
        return std::nullopt;
    }
    auto inv = (*ws)->loadInventory();
    if (!inv) {
        *code = fail(err, inv.errorString());
        return std::nullopt;
    }
    if (auto facts = FactLayer::apply(**ws, *inv); !facts) { // rules may read host.facts
        *code = fail(err, facts.errorString());
        return std::nullopt;
    }
    return Opened { std::move(*ws), std::move(*inv) };
}

void warnAboutRule(const Inventory& inv, const QString& group, QTextStream& err)
{
    if (const QString problem = inv.dynamicGroupProblem(group); !problem.isEmpty()) {
        err << "opsdeck-cli: warning: " << problem << Qt::endl;
    }
}

int addDynamic(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    CliArgs::Args a;
    if (!CliArgs::parse(args, { QStringLiteral("parent") }, { QStringLiteral("replace") },
            QStringLiteral("group add-dynamic"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 2) {
        return fail(err, QStringLiteral("group add-dynamic needs NAME and EXPR (see group --help)"), kUsage);
    }
    const QString name = a.positional[0].trimmed();
    const QString ruleText = a.positional[1];
    if (name.isEmpty() || name.contains(QLatin1Char(' ')) || name == QLatin1String("all")
        || name == QLatin1String("ungrouped")) {
        return fail(err, QStringLiteral("'%1' cannot be a group name").arg(name));
    }
    // The rule is checked before the workspace is opened: a bad rule writes nothing.
    if (auto rule = HostExpression::parse(ruleText, QStringLiteral("expr")); !rule) {
        return fail(err, rule.errorString());
    }
    int code = kOk;
    auto opened = open(workspacePath, err, &code);
    if (!opened) {
        return code;
    }
    Inventory& inv = opened->inventory;
    Group group;
    if (const Group* existing = inv.group(name)) {
        if (!existing->isDynamic()) {
            return fail(err, QStringLiteral("group %1 exists and is static").arg(name));
        }
        if (!a.flags.contains(QStringLiteral("replace"))) {
            return fail(err, QStringLiteral("group %1 exists (use --replace to change its rule)").arg(name));
        }
        group = *existing;
    }
    const QString parentName = a.options.value(QStringLiteral("parent"));
    const bool underParent = !parentName.isEmpty() && parentName != QLatin1String("all");
    if (underParent && !inv.group(parentName)) {
        return fail(err, QStringLiteral("no group named %1").arg(parentName));
    }
    group.name = name;
    group.rule = ruleText;
    group.hosts.clear();
    Workspace& ws = *opened->workspace;
    const Result<void> saved = ws.inTransaction([&]() -> Result<void> {
        if (auto r = ws.saveGroup(group); !r) {
            return r;
        }
        Group parent = underParent ? *inv.group(parentName) : Group {};
        if (!underParent || parent.children.contains(name)) {
            return {};
        }
        parent.children.append(name);
        return ws.saveGroup(parent);
    });
    if (!saved) {
        return fail(err, saved.errorString());
    }
    inv.upsertGroup(group);
    out << QStringLiteral("%1: %2 host(s) match").arg(name).arg(inv.group(name)->hosts.size()) << "\n";
    warnAboutRule(inv, name, err);
    return kOk;
}

int members(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    CliArgs::Args a;
    if (!CliArgs::parse(args, {}, {}, QStringLiteral("group members"), &a, err)) {
        return kUsage;
    }
    if (a.positional.size() != 1) {
        return fail(err, QStringLiteral("group members needs NAME (see group --help)"), kUsage);
    }
    const QString name = a.positional.first();
    int code = kOk;
    auto opened = open(workspacePath, err, &code);
    if (!opened) {
        return code;
    }
    const Inventory& inv = opened->inventory;
    if (!inv.group(name) && name != QLatin1String("ungrouped")) {
        return fail(err, QStringLiteral("no group named %1").arg(name), kFailed);
    }
    for (int i : inv.membersRecursive(name)) {
        out << inv.hosts()[i].name << "\n";
    }
    warnAboutRule(inv, name, err);
    return kOk;
}

} // namespace

int runGroupCommand(const QStringList& args, const QString& workspacePath, QTextStream& out, QTextStream& err)
{
    return CliArgs::dispatch(args, kUsageText, QStringLiteral("group"),
        {
            { QLatin1String("add-dynamic"),
                [&](const QStringList& rest) { return addDynamic(rest, workspacePath, out, err); } },
            { QLatin1String("members"),
                [&](const QStringList& rest) { return members(rest, workspacePath, out, err); } },
        },
        out, err);
}
