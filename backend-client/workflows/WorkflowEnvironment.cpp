#include "WorkflowEnvironment.h"

#include "facts/FactLayer.h"
#include "facts/FactStore.h"
#include "inventory/HostQuery.h"
#include "inventory/Inventory.h"
#include "scripts/ScriptLanguage.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowStore.h"

#include <QSet>

namespace WorkflowEnvironment {

Result<QStringList> resolve(const Inventory& inventory, const WorkflowTargets& targets)
{
    QSet<QString> chosen;
    QStringList queries;
    if (!targets.query.trimmed().isEmpty()) {
        queries.append(targets.query);
    }
    for (const QString& g : targets.groups) {
        queries.append(QStringLiteral("group:") + g);
    }
    for (const QString& q : queries) {
        auto query = HostQuery::parse(q);
        if (!query) {
            return Error(QStringLiteral("'%1': %2").arg(q, query.error().message));
        }
        query->bind(inventory);
        for (int i : query->filter(inventory)) {
            chosen.insert(inventory.hosts()[i].name);
        }
    }
    for (const QString& h : targets.hosts) {
        if (!inventory.host(h)) {
            return Error(QStringLiteral("no host named '%1' in the inventory").arg(h));
        }
        chosen.insert(h);
    }
    QStringList out;
    for (const Host& h : inventory.hosts()) {
        if (chosen.contains(h.name)) {
            out.append(h.name);
        }
    }
    return out;
}

WorkflowEngine::Environment forWorkspace(Workspace& ws, std::shared_ptr<const Inventory> inventory)
{
    return forWorkspace(ws, std::make_shared<RunInventory>(std::move(inventory)));
}

WorkflowEngine::Environment forWorkspace(Workspace& ws, std::shared_ptr<RunInventory> inventory)
{
    WorkflowEngine::Environment env;
    env.resolveTargets = [inventory](const WorkflowTargets& t) { return resolve(*inventory->current(), t); };
    env.facts = std::make_shared<FactStore>(ws);
    env.factsChanged = [&ws, inventory] {
        auto next = std::make_shared<Inventory>(*inventory->current());
        if (auto r = FactLayer::apply(ws, *next); !r) {
            qWarning("workflow: the gathered facts cannot be read again: %s", qPrintable(r.error().message));
            return;
        }
        inventory->replace(std::move(next));
    };
    env.script = [&ws](const QString& name) -> Result<RunScript> {
        auto found = ScriptStore(ws).findByName(name);
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return Error(QStringLiteral("no script named '%1' in the library").arg(name));
        }
        RunScript run;
        run.interpreter = ScriptLanguages::interpreter((*found)->language);
        run.script = (*found)->content;
        return run;
    };
    env.templateText = [&ws](const QString& name) -> Result<QString> {
        auto found = TemplateStore(ws).findByName(name);
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return Error(QStringLiteral("no template named '%1' in the library").arg(name));
        }
        return (*found)->content;
    };
    env.workflow = [&ws](const QString& name) -> Result<Workflow> {
        auto found = WorkflowStore(ws).findByName(name);
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return Error(QStringLiteral("no workflow named '%1' in the workspace").arg(name));
        }
        return (*found)->workflow;
    };
    env.address = [inventory](const QString& host) {
        const Host* h = inventory->current()->host(host);
        return h && !h->address.isEmpty() ? h->address : host;
    };
    env.sshPort = [inventory](const QString& host) {
        const Host* h = inventory->current()->host(host);
        return h && h->port > 0 ? h->port : 22;
    };
    return env;
}

} // namespace WorkflowEnvironment
