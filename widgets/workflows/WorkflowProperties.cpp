#include "WorkflowProperties.h"

#include "Theme.h"
#include "WorkflowDocument.h"
#include "WorkflowText.h"
#include "inventory/HostQuery.h"
#include "inventory/Inventory.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSet>
#include <QSpinBox>

namespace {

QString joinList(const QStringList& items)
{
    return items.join(QStringLiteral(", "));
}

QStringList splitList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString t = part.trimmed(); !t.isEmpty()) {
            out.append(t);
        }
    }
    return out;
}

} // namespace

WorkflowProperties::WorkflowProperties(WorkflowDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("workflowProperties"));
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
}

void WorkflowProperties::showNode(const QString& id)
{
    m_node = id;
    m_edge = -1;
    rebuild();
}

void WorkflowProperties::showEdge(int index)
{
    m_node.clear();
    m_edge = index;
    rebuild();
}

void WorkflowProperties::showWorkflow()
{
    m_node.clear();
    m_edge = -1;
    rebuild();
}

void WorkflowProperties::refresh(const QList<WorkflowProblem>& problems)
{
    m_problems = problems;
    const Workflow& w = m_document->workflow();
    if (!m_node.isEmpty() && (!w.node(m_node) || w.node(m_node)->kind != m_builtKind)) {
        if (!w.node(m_node)) {
            m_node.clear();
        }
        rebuild();
        return;
    }
    if (m_edge >= w.edges.size()) {
        m_edge = -1;
        rebuild();
        return;
    }
    for (const Binding& b : std::as_const(m_bindings)) {
        if (!b.widget->hasFocus()) {
            b.load();
        }
    }
    for (auto it = m_problemLabels.constBegin(); it != m_problemLabels.constEnd(); ++it) {
        QStringList messages;
        for (const WorkflowProblem& p : std::as_const(m_problems)) {
            const bool mine = m_edge >= 0
                ? p.edge == m_edge
                : (!m_node.isEmpty() ? p.node == m_node && p.edge < 0 : p.node.isEmpty() && p.edge < 0);
            if (mine && p.field == it.key()) {
                messages.append(p.column > 0 ? tr("column %1: %2").arg(p.column).arg(p.message) : p.message);
            }
        }
        it.value()->setText(messages.join(QLatin1Char('\n')));
        it.value()->setVisible(!messages.isEmpty());
    }
}

void WorkflowProperties::clearForm()
{
    m_bindings.clear();
    m_problemLabels.clear();
    while (m_form->rowCount() > 0) {
        m_form->removeRow(0);
    }
}

void WorkflowProperties::rebuild()
{
    clearForm();
    const Workflow& w = m_document->workflow();
    if (const WorkflowNode* n = m_node.isEmpty() ? nullptr : w.node(m_node)) {
        m_builtKind = n->kind;
        buildNode(*n);
    } else if (m_edge >= 0 && m_edge < w.edges.size()) {
        buildEdge();
    } else {
        m_node.clear();
        m_edge = -1;
        buildWorkflow();
    }
    refresh(m_problems);
}

void WorkflowProperties::addSection(const QString& title)
{
    auto* label = new QLabel(title, this);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    m_form->addRow(label);
}

void WorkflowProperties::addProblemLabel(const QString& field)
{
    auto* label = new QLabel(this);
    label->setObjectName(QStringLiteral("problem_") + field);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1").arg(Theme::color(QStringLiteral("syntax.error")).name()));
    label->hide();
    m_form->addRow(QString(), label);
    m_problemLabels.insert(field, label);
}

void WorkflowProperties::editNode(const QString& field, const std::function<void(WorkflowNode&)>& change)
{
    Workflow after = m_document->workflow();
    WorkflowNode* n = after.node(m_node);
    if (!n) {
        return;
    }
    change(*n);
    m_document->apply(after, tr("Edit %1 of %2").arg(field, m_node), QStringLiteral("node:%1:%2").arg(m_node, field));
}

void WorkflowProperties::nodeLine(const QString& label, const QString& field, NodeGet get, NodeSet set,
    const QString& hint, std::function<QString(const QString&)> check)
{
    auto* edit = new QLineEdit(this);
    edit->setObjectName(QStringLiteral("field_") + field);
    edit->setPlaceholderText(hint);
    m_form->addRow(label, edit);
    const QString id = m_node;
    m_bindings.append({ edit, [this, edit, get, id] {
                           if (const WorkflowNode* n = m_document->workflow().node(id); n && edit->text() != get(*n)) {
                               edit->setText(get(*n));
                           }
                       } });
    addProblemLabel(field);
    connect(edit, &QLineEdit::textEdited, this, [this, field, set, edit, check] {
        editNode(field, [&](WorkflowNode& n) { set(n, edit->text()); });
        if (check) {
            QLabel* problem = m_problemLabels.value(field);
            const QString why = check(edit->text());
            problem->setText(why);
            problem->setVisible(!why.isEmpty());
        }
    });
}

void WorkflowProperties::nodeText(const QString& label, const QString& field, NodeGet get, NodeSet set)
{
    auto* edit = new QPlainTextEdit(this);
    edit->setObjectName(QStringLiteral("field_") + field);
    edit->setTabChangesFocus(true);
    edit->setFont(QFont(QStringLiteral("monospace")));
    edit->setMaximumHeight(120);
    m_form->addRow(label, edit);
    const QString id = m_node;
    m_bindings.append({ edit, [this, edit, get, id] {
                           if (const WorkflowNode* n = m_document->workflow().node(id);
                               n && edit->toPlainText() != get(*n)) {
                               edit->setPlainText(get(*n));
                           }
                       } });
    connect(edit, &QPlainTextEdit::textChanged, this, [this, field, set, edit] {
        if (edit->hasFocus()) {
            editNode(field, [&](WorkflowNode& n) { set(n, edit->toPlainText()); });
        }
    });
    addProblemLabel(field);
}

void WorkflowProperties::nodeNumber(const QString& label, const QString& field, int min, int max, const QString& suffix,
    std::function<int(const WorkflowNode&)> get, std::function<void(WorkflowNode&, int)> set)
{
    auto* spin = new QSpinBox(this);
    spin->setObjectName(QStringLiteral("field_") + field);
    spin->setRange(min, max);
    spin->setSuffix(suffix);
    m_form->addRow(label, spin);
    const QString id = m_node;
    m_bindings.append({ spin, [this, spin, get, id] {
                           if (const WorkflowNode* n = m_document->workflow().node(id); n && spin->value() != get(*n)) {
                               const QSignalBlocker block(spin);
                               spin->setValue(get(*n));
                           }
                       } });
    connect(spin, &QSpinBox::valueChanged, this,
        [this, field, set](int v) { editNode(field, [&](WorkflowNode& n) { set(n, v); }); });
    addProblemLabel(field);
}

void WorkflowProperties::nodeChoice(const QString& label, const QString& field,
    const QList<QPair<QString, QString>>& choices, NodeGet get, NodeSet set, bool editable)
{
    auto* combo = new QComboBox(this);
    combo->setObjectName(QStringLiteral("field_") + field);
    combo->setEditable(editable);
    for (const auto& [value, text] : choices) {
        combo->addItem(text, value);
    }
    m_form->addRow(label, combo);
    const QString id = m_node;
    m_bindings.append({ combo, [this, combo, get, id] {
                           const WorkflowNode* n = m_document->workflow().node(id);
                           if (!n) {
                               return;
                           }
                           const QSignalBlocker block(combo);
                           const int at = combo->findData(get(*n));
                           if (at >= 0) {
                               combo->setCurrentIndex(at);
                           } else if (combo->isEditable()) {
                               combo->setEditText(get(*n));
                           }
                       } });
    connect(combo, &QComboBox::activated, this, [this, field, set, combo](int index) {
        editNode(field, [&](WorkflowNode& n) { set(n, combo->itemData(index).toString()); });
    });
    if (editable) {
        connect(combo->lineEdit(), &QLineEdit::textEdited, this,
            [this, field, set](const QString& text) { editNode(field, [&](WorkflowNode& n) { set(n, text); }); });
    }
    addProblemLabel(field);
}

void WorkflowProperties::nodeCheck(const QString& label, const QString& field,
    std::function<bool(const WorkflowNode&)> get, std::function<void(WorkflowNode&, bool)> set)
{
    auto* check = new QCheckBox(label, this);
    check->setObjectName(QStringLiteral("field_") + field);
    m_form->addRow(QString(), check);
    const QString id = m_node;
    m_bindings.append({ check, [this, check, get, id] {
                           if (const WorkflowNode* n = m_document->workflow().node(id)) {
                               const QSignalBlocker block(check);
                               check->setChecked(get(*n));
                           }
                       } });
    connect(check, &QCheckBox::toggled, this,
        [this, field, set](bool on) { editNode(field, [&](WorkflowNode& n) { set(n, on); }); });
    addProblemLabel(field);
}

void WorkflowProperties::buildNode(const WorkflowNode& node)
{
    using K = WorkflowNode::Kind;
    addSection(WorkflowText::kindLabel(node.kind));
    auto* about = new QLabel(WorkflowText::kindDescription(node.kind), this);
    about->setWordWrap(true);
    about->setEnabled(false);
    m_form->addRow(about);

    // The id: renamed (with every reference) when the field is left with a valid, unused id.
    auto* id = new QLineEdit(node.id, this);
    id->setObjectName(QStringLiteral("field_id"));
    m_form->addRow(tr("Id"), id);
    addProblemLabel(QStringLiteral("id"));
    connect(id, &QLineEdit::editingFinished, this, [this, id] {
        const QString to = id->text().trimmed();
        if (to == m_node) {
            return;
        }
        Workflow after = m_document->workflow();
        QLabel* problem = m_problemLabels.value(QStringLiteral("id"));
        if (const QString why = WorkflowNode::idProblem(to); !why.isEmpty() || after.node(to)) {
            problem->setText(why.isEmpty() ? tr("another node has the id '%1'").arg(to) : why);
            problem->show();
            return;
        }
        const QString from = m_node;
        after.renameNode(from, to);
        m_node = to;
        m_document->apply(after, tr("Rename %1 to %2").arg(from, to));
        emit nodeRenamed(from, to);
    });
    nodeLine(
        tr("Title"), QStringLiteral("title"), [](const WorkflowNode& n) { return n.title; },
        [](WorkflowNode& n, const QString& v) { n.title = v; }, node.id);

    switch (node.kind) {
    case K::RunScript: {
        QList<QPair<QString, QString>> scripts { { QString(), tr("(inline script below)") } };
        for (const QString& s : std::as_const(m_names.scripts)) {
            scripts.append({ s, s });
        }
        nodeChoice(
            tr("Script"), QStringLiteral("script"), scripts, [](const WorkflowNode& n) { return n.script.script; },
            [](WorkflowNode& n, const QString& v) { n.script.script = v; });
        nodeText(
            tr("Inline"), QStringLiteral("inline"), [](const WorkflowNode& n) { return n.script.inlineText; },
            [](WorkflowNode& n, const QString& v) { n.script.inlineText = v; });
        nodeLine(
            tr("Interpreter"), QStringLiteral("interpreter"),
            [](const WorkflowNode& n) { return n.script.interpreter; },
            [](WorkflowNode& n, const QString& v) { n.script.interpreter = v; }, QStringLiteral("bash"));
        nodeLine(
            tr("Arguments"), QStringLiteral("args"), [](const WorkflowNode& n) { return joinList(n.script.args); },
            [](WorkflowNode& n, const QString& v) { n.script.args = splitList(v); }, tr("comma-separated"));
        nodeLine(
            tr("Run as"), QStringLiteral("account"), [](const WorkflowNode& n) { return n.script.account; },
            [](WorkflowNode& n, const QString& v) { n.script.account = v; }, tr("the login user"));
        break;
    }
    case K::PushFile:
        nodeLine(
            tr("Source"), QStringLiteral("source"), [](const WorkflowNode& n) { return n.push.source; },
            [](WorkflowNode& n, const QString& v) { n.push.source = v; }, tr("a local path"));
        nodeLine(
            tr("Destination"), QStringLiteral("dest"), [](const WorkflowNode& n) { return n.push.dest; },
            [](WorkflowNode& n, const QString& v) { n.push.dest = v; }, QStringLiteral("/etc/…"));
        nodeLine(
            tr("Mode"), QStringLiteral("mode"), [](const WorkflowNode& n) { return n.push.mode; },
            [](WorkflowNode& n, const QString& v) { n.push.mode = v; }, QStringLiteral("0644"));
        nodeLine(
            tr("Owner"), QStringLiteral("owner"), [](const WorkflowNode& n) { return n.push.owner; },
            [](WorkflowNode& n, const QString& v) { n.push.owner = v; }, QStringLiteral("user:group"));
        break;
    case K::PushTemplate: {
        QList<QPair<QString, QString>> templates { { QString(), tr("(choose a template)") } };
        for (const QString& t : std::as_const(m_names.templates)) {
            templates.append({ t, t });
        }
        nodeChoice(
            tr("Template"), QStringLiteral("template"), templates,
            [](const WorkflowNode& n) { return n.templ.templateName; },
            [](WorkflowNode& n, const QString& v) { n.templ.templateName = v; });
        nodeLine(
            tr("Destination"), QStringLiteral("dest"), [](const WorkflowNode& n) { return n.templ.dest; },
            [](WorkflowNode& n, const QString& v) { n.templ.dest = v; }, QStringLiteral("/etc/…"));
        nodeLine(
            tr("Mode"), QStringLiteral("mode"), [](const WorkflowNode& n) { return n.templ.mode; },
            [](WorkflowNode& n, const QString& v) { n.templ.mode = v; }, QStringLiteral("0644"));
        nodeLine(
            tr("Owner"), QStringLiteral("owner"), [](const WorkflowNode& n) { return n.templ.owner; },
            [](WorkflowNode& n, const QString& v) { n.templ.owner = v; }, QStringLiteral("user:group"));
        break;
    }
    case K::RunLocal:
        nodeText(
            tr("Command"), QStringLiteral("command"), [](const WorkflowNode& n) { return n.local.command; },
            [](WorkflowNode& n, const QString& v) { n.local.command = v; });
        break;
    case K::Approval:
        nodeText(
            tr("Message"), QStringLiteral("message"), [](const WorkflowNode& n) { return n.approval.message; },
            [](WorkflowNode& n, const QString& v) { n.approval.message = v; });
        nodeLine(
            tr("Approvers"), QStringLiteral("approvers"),
            [](const WorkflowNode& n) { return joinList(n.approval.approvers); },
            [](WorkflowNode& n, const QString& v) { n.approval.approvers = splitList(v); },
            tr("anyone who may run the workflow"));
        nodeNumber(
            tr("Time-out"), QStringLiteral("timeout"), 0, 7 * 24 * 3600, tr(" s"),
            [](const WorkflowNode& n) { return n.approval.timeoutSeconds; },
            [](WorkflowNode& n, int v) { n.approval.timeoutSeconds = v; });
        nodeChoice(
            tr("On time-out"), QStringLiteral("on_timeout"),
            { { QStringLiteral("fail"), tr("fail the node") }, { QStringLiteral("reject"), tr("reject") },
                { QStringLiteral("approve"), tr("approve") } },
            [](const WorkflowNode& n) { return WorkflowApprovalSettings::onTimeoutName(n.approval.onTimeout); },
            [](WorkflowNode& n, const QString& v) {
                n.approval.onTimeout = WorkflowApprovalSettings::onTimeoutFromName(v).value_or(n.approval.onTimeout);
            });
        nodeCheck(
            tr("A comment is required"), QStringLiteral("comment_required"),
            [](const WorkflowNode& n) { return n.approval.commentRequired; },
            [](WorkflowNode& n, bool v) { n.approval.commentRequired = v; });
        break;
    case K::Wait:
        nodeNumber(
            tr("Wait"), QStringLiteral("seconds"), 0, 7 * 24 * 3600, tr(" s"),
            [](const WorkflowNode& n) { return n.waitSeconds; }, [](WorkflowNode& n, int v) { n.waitSeconds = v; });
        break;
    case K::Probe:
        nodeChoice(
            tr("Probe"), QStringLiteral("probe"),
            { { QStringLiteral("tcp"), tr("TCP port open") }, { QStringLiteral("http"), tr("HTTP status") },
                { QStringLiteral("ssh"), tr("SSH reachable") } },
            [](const WorkflowNode& n) { return WorkflowProbeSettings::kindName(n.probe.kind); },
            [](WorkflowNode& n, const QString& v) {
                n.probe.kind = WorkflowProbeSettings::kindFromName(v).value_or(n.probe.kind);
            });
        nodeNumber(
            tr("Port"), QStringLiteral("port"), 0, 65535, QString(), [](const WorkflowNode& n) { return n.probe.port; },
            [](WorkflowNode& n, int v) { n.probe.port = v; });
        nodeLine(
            tr("URL"), QStringLiteral("url"), [](const WorkflowNode& n) { return n.probe.url; },
            [](WorkflowNode& n, const QString& v) { n.probe.url = v; }, QStringLiteral("http://{{ host }}/health"));
        nodeNumber(
            tr("Expected status"), QStringLiteral("expect_status"), 100, 599, QString(),
            [](const WorkflowNode& n) { return n.probe.expectStatus; },
            [](WorkflowNode& n, int v) { n.probe.expectStatus = v; });
        nodeNumber(
            tr("Every"), QStringLiteral("interval"), 1, 3600, tr(" s"),
            [](const WorkflowNode& n) { return n.probe.intervalSeconds; },
            [](WorkflowNode& n, int v) { n.probe.intervalSeconds = v; });
        nodeNumber(
            tr("Give up after"), QStringLiteral("deadline"), 1, 24 * 3600, tr(" s"),
            [](const WorkflowNode& n) { return n.probe.deadlineSeconds; },
            [](WorkflowNode& n, int v) { n.probe.deadlineSeconds = v; });
        break;
    case K::SubWorkflow: {
        QList<QPair<QString, QString>> workflows { { QString(), tr("(choose a workflow)") } };
        for (const QString& w : std::as_const(m_names.workflows)) {
            workflows.append({ w, w });
        }
        nodeChoice(
            tr("Workflow"), QStringLiteral("workflow"), workflows, [](const WorkflowNode& n) { return n.sub.workflow; },
            [](WorkflowNode& n, const QString& v) { n.sub.workflow = v; });
        break;
    }
    case K::Join:
        nodeChoice(
            tr("Fires when"), QStringLiteral("mode"),
            { { QStringLiteral("all"), tr("all incoming edges were taken") },
                { QStringLiteral("any"), tr("any incoming edge was taken") } },
            [](const WorkflowNode& n) { return WorkflowJoinSettings::modeName(n.join.mode); },
            [](WorkflowNode& n, const QString& v) {
                n.join.mode = WorkflowJoinSettings::modeFromName(v).value_or(n.join.mode);
            });
        nodeChoice(
            tr("Their nodes must have"), QStringLiteral("require"),
            { { QStringLiteral("succeeded"), tr("succeeded") },
                { QStringLiteral("completed"), tr("completed (succeeded or failed)") } },
            [](const WorkflowNode& n) { return WorkflowJoinSettings::requireName(n.join.require); },
            [](WorkflowNode& n, const QString& v) {
                n.join.require = WorkflowJoinSettings::requireFromName(v).value_or(n.join.require);
            });
        break;
    case K::GatherFacts: // the built-in gather script: only the host settings below
        break;
    }
    if (node.isHostTouching()) {
        buildHostSettings(node);
    }
}

namespace {

// The hosts of a node's (or the workflow's) targets in the inventory now, in order: the query's, then the groups'
// and the named hosts not yet in. *error says why not (a query that does not parse).
QStringList targetHosts(const WorkflowTargets& t, const Inventory& inv, QString* error)
{
    QStringList hosts;
    QSet<QString> seen;
    const auto add = [&](const QString& h) {
        if (!seen.contains(h)) {
            seen.insert(h);
            hosts.append(h);
        }
    };
    if (!t.query.trimmed().isEmpty()) {
        auto q = HostQuery::parse(t.query);
        if (!q) {
            *error = q.error().toString();
            return {};
        }
        q->bind(inv);
        for (const int i : q->filter(inv)) {
            add(inv.hosts().at(i).name);
        }
    }
    for (const QString& g : t.groups) {
        for (const Host& h : inv.hosts()) {
            if (inv.hostGroupsAll(h.name).contains(g)) {
                add(h.name);
            }
        }
    }
    for (const QString& h : t.hosts) {
        if (inv.host(h)) {
            add(h);
        }
    }
    return hosts;
}

} // namespace

QString WorkflowProperties::targetSummary(const WorkflowTargets& targets) const
{
    if (targets.from != WorkflowTargets::From::None) {
        return targets.from == WorkflowTargets::From::Succeeded
            ? tr("the hosts that succeeded in %1").arg(targets.fromNode)
            : tr("the hosts that failed in %1").arg(targets.fromNode);
    }
    const WorkflowTargets& t = targets.isEmpty() ? m_document->workflow().targets : targets;
    const Inventory* inv = m_inventory ? m_inventory() : nullptr;
    if (!inv) {
        return {};
    }
    if (t.query.contains(QLatin1String("{{"))) {
        return tr("depends on the parameters given at launch");
    }
    QString error;
    const QStringList hosts = targetHosts(t, *inv, &error);
    if (!error.isEmpty()) {
        return tr("the query does not parse: %1").arg(error);
    }
    const QString count = tr("%n host(s)", "", int(hosts.size()));
    return targets.isEmpty() ? tr("the workflow's targets: %1").arg(count) : count;
}

QString WorkflowProperties::planSummary(const WorkflowNode& node) const
{
    if (node.plan.toString().isEmpty()) {
        return tr("all hosts at once");
    }
    // The batch sizes for the targets counted now (the hosts of earlier nodes are not known before a run).
    const Inventory* inv = m_inventory ? m_inventory() : nullptr;
    const WorkflowTargets& t = node.targets.isEmpty() ? m_document->workflow().targets : node.targets;
    if (!inv || node.targets.from != WorkflowTargets::From::None || t.query.contains(QLatin1String("{{"))) {
        return node.plan.toString();
    }
    QString error;
    QStringList sizes;
    for (const QStringList& batch : node.plan.split(targetHosts(t, *inv, &error))) {
        sizes.append(QString::number(batch.size()));
    }
    return sizes.isEmpty() ? node.plan.toString() : tr("batches of %1").arg(sizes.join(QStringLiteral(", ")));
}

void WorkflowProperties::buildHostSettings(const WorkflowNode& node)
{
    addSection(tr("Hosts"));
    QList<QPair<QString, QString>> from { { QString(), tr("the query, groups and hosts below") } };
    for (const WorkflowNode& other : m_document->workflow().nodes) {
        if (other.id != node.id && other.isHostTouching()) {
            from.append({ QStringLiteral("succeeded:") + other.id, tr("hosts that succeeded in %1").arg(other.id) });
            from.append({ QStringLiteral("failed:") + other.id, tr("hosts that failed in %1").arg(other.id) });
        }
    }
    nodeChoice(
        tr("Targets"), QStringLiteral("targets"), from,
        [](const WorkflowNode& n) {
            return n.targets.from == WorkflowTargets::From::None
                ? QString()
                : WorkflowTargets::fromName(n.targets.from) + QLatin1Char(':') + n.targets.fromNode;
        },
        [](WorkflowNode& n, const QString& v) {
            if (v.isEmpty()) {
                n.targets.from = WorkflowTargets::From::None;
                n.targets.fromNode.clear();
                return;
            }
            n.targets = {};
            n.targets.from = WorkflowTargets::fromFromName(v.section(QLatin1Char(':'), 0, 0))
                                 .value_or(WorkflowTargets::From::Succeeded);
            n.targets.fromNode = v.section(QLatin1Char(':'), 1);
        });
    nodeLine(
        tr("Query"), QStringLiteral("query"), [](const WorkflowNode& n) { return n.targets.query; },
        [](WorkflowNode& n, const QString& v) { n.targets.query = v; }, tr("empty: the workflow's targets"));
    nodeLine(
        tr("Groups"), QStringLiteral("groups"), [](const WorkflowNode& n) { return joinList(n.targets.groups); },
        [](WorkflowNode& n, const QString& v) { n.targets.groups = splitList(v); }, tr("comma-separated"));
    auto* count = new QLabel(this);
    count->setObjectName(QStringLiteral("targetCount"));
    count->setEnabled(false);
    m_form->addRow(QString(), count);
    const QString id = node.id;
    m_bindings.append({ count, [this, count, id] {
                           if (const WorkflowNode* n = m_document->workflow().node(id)) {
                               count->setText(targetSummary(n->targets));
                           }
                       } });
    addSection(tr("Rolling"));
    nodeLine(
        tr("Batches"), QStringLiteral("plan"), [](const WorkflowNode& n) { return n.plan.toString(); },
        [](WorkflowNode& n, const QString& v) {
            if (auto p = RollingPlan::parse(v)) {
                n.plan = *p;
            }
        },
        QStringLiteral("1 50% 100%"),
        [](const QString& v) {
            auto p = RollingPlan::parse(v);
            return p ? QString() : p.error().toString();
        });
    auto* batches = new QLabel(this);
    batches->setObjectName(QStringLiteral("batchPreview"));
    batches->setEnabled(false);
    m_form->addRow(QString(), batches);
    m_bindings.append({ batches, [this, batches, id] {
                           if (const WorkflowNode* n = m_document->workflow().node(id)) {
                               batches->setText(planSummary(*n));
                           }
                       } });
    nodeLine(
        tr("Stop at"), QStringLiteral("fail_at"), [](const WorkflowNode& n) { return n.failurePolicy.toString(); },
        [](WorkflowNode& n, const QString& v) {
            if (auto p = FailurePolicy::parse(v)) {
                n.failurePolicy = *p;
            }
        },
        tr("first, 3, 10%, continue"),
        [](const QString& v) {
            auto p = FailurePolicy::parse(v);
            return p ? QString() : p.error().toString();
        });
    nodeNumber(
        tr("Time-out per host"), QStringLiteral("timeout"), 0, 24 * 3600, tr(" s"),
        [](const WorkflowNode& n) { return n.timeoutSeconds; }, [](WorkflowNode& n, int v) { n.timeoutSeconds = v; });
    nodeNumber(
        tr("Hosts at once"), QStringLiteral("concurrency"), 0, 10000, QString(),
        [](const WorkflowNode& n) { return n.concurrency; }, [](WorkflowNode& n, int v) { n.concurrency = v; });
    nodeNumber(
        tr("Retries"), QStringLiteral("retries"), 0, 100, QString(),
        [](const WorkflowNode& n) { return n.retries.count; }, [](WorkflowNode& n, int v) { n.retries.count = v; });
    nodeNumber(
        tr("Between retries"), QStringLiteral("retry_delay"), 0, 3600, tr(" s"),
        [](const WorkflowNode& n) { return n.retries.delaySeconds; },
        [](WorkflowNode& n, int v) { n.retries.delaySeconds = v; });
}

void WorkflowProperties::buildEdge()
{
    const int index = m_edge;
    const WorkflowEdge& e = m_document->workflow().edges.at(index);
    addSection(tr("Edge %1 → %2").arg(e.from, e.to));
    const auto editEdge = [this, index](const QString& field, const std::function<void(WorkflowEdge&)>& change) {
        Workflow after = m_document->workflow();
        if (index >= after.edges.size()) {
            return;
        }
        change(after.edges[index]);
        m_document->apply(after, tr("Edit edge %1").arg(index + 1), QStringLiteral("edge:%1:%2").arg(index).arg(field));
    };
    auto* kind = new QComboBox(this);
    kind->setObjectName(QStringLiteral("field_kind"));
    for (const auto k : { WorkflowEdge::Kind::OnSuccess, WorkflowEdge::Kind::OnFailure, WorkflowEdge::Kind::Always }) {
        kind->addItem(WorkflowText::edgeKindLabel(k), WorkflowEdge::kindName(k));
    }
    m_form->addRow(tr("Taken"), kind);
    m_bindings.append({ kind, [this, kind, index] {
                           if (index < m_document->workflow().edges.size()) {
                               const QSignalBlocker block(kind);
                               kind->setCurrentIndex(
                                   kind->findData(WorkflowEdge::kindName(m_document->workflow().edges.at(index).kind)));
                           }
                       } });
    connect(kind, &QComboBox::activated, this, [editEdge, kind](int i) {
        editEdge(QStringLiteral("kind"), [&](WorkflowEdge& e) {
            e.kind = WorkflowEdge::kindFromName(kind->itemData(i).toString()).value_or(e.kind);
        });
    });
    auto* condition = new QLineEdit(this);
    condition->setObjectName(QStringLiteral("field_when"));
    condition->setPlaceholderText(QStringLiteral("nodes.precheck.failed_hosts | length == 0"));
    m_form->addRow(tr("When"), condition);
    m_bindings.append({ condition, [this, condition, index] {
                           if (index < m_document->workflow().edges.size()
                               && condition->text() != m_document->workflow().edges.at(index).condition) {
                               condition->setText(m_document->workflow().edges.at(index).condition);
                           }
                       } });
    connect(condition, &QLineEdit::textEdited, this, [editEdge](const QString& text) {
        editEdge(QStringLiteral("when"), [&](WorkflowEdge& e) { e.condition = text; });
    });
    addProblemLabel(QStringLiteral("when"));
    auto* help = new QLabel(tr("A Jinja2 expression over params.NAME and nodes.ID (succeeded, failed, "
                               "succeeded_hosts, failed_hosts); empty: always true."),
        this);
    help->setWordWrap(true);
    help->setEnabled(false);
    m_form->addRow(help);
}

void WorkflowProperties::buildWorkflow()
{
    addSection(tr("Workflow"));
    const auto editWorkflow = [this](const QString& field, const std::function<void(Workflow&)>& change) {
        Workflow after = m_document->workflow();
        change(after);
        m_document->apply(after, tr("Edit %1").arg(field), QStringLiteral("workflow:") + field);
    };
    const auto line
        = [this, editWorkflow](const QString& label, const QString& field, std::function<QString(const Workflow&)> get,
              std::function<void(Workflow&, const QString&)> set, const QString& hint) {
              auto* edit = new QLineEdit(this);
              edit->setObjectName(QStringLiteral("field_") + field);
              edit->setPlaceholderText(hint);
              m_form->addRow(label, edit);
              m_bindings.append({ edit, [this, edit, get] {
                                     if (edit->text() != get(m_document->workflow())) {
                                         edit->setText(get(m_document->workflow()));
                                     }
                                 } });
              connect(edit, &QLineEdit::textEdited, this, [editWorkflow, field, set](const QString& text) {
                  editWorkflow(field, [&](Workflow& w) { set(w, text); });
              });
              addProblemLabel(field);
          };
    line(
        tr("Name"), QStringLiteral("name"), [](const Workflow& w) { return w.name; },
        [](Workflow& w, const QString& v) { w.name = v; }, QString());
    line(
        tr("Description"), QStringLiteral("description"), [](const Workflow& w) { return w.description; },
        [](Workflow& w, const QString& v) { w.description = v; }, QString());
    line(
        tr("Targets"), QStringLiteral("query"), [](const Workflow& w) { return w.targets.query; },
        [](Workflow& w, const QString& v) { w.targets.query = v; }, QStringLiteral("tag:nginx env:{{ params.env }}"));
    line(
        tr("Groups"), QStringLiteral("groups"), [](const Workflow& w) { return joinList(w.targets.groups); },
        [](Workflow& w, const QString& v) { w.targets.groups = splitList(v); }, tr("comma-separated"));
    auto* count = new QLabel(this);
    count->setObjectName(QStringLiteral("targetCount"));
    count->setEnabled(false);
    m_form->addRow(QString(), count);
    m_bindings.append({ count, [this, count] { count->setText(targetSummary(m_document->workflow().targets)); } });
    auto* params = new QLabel(this);
    params->setWordWrap(true);
    params->setEnabled(false);
    m_form->addRow(tr("Parameters"), params);
    m_bindings.append({ params, [this, params] {
                           QStringList names;
                           for (const WorkflowParam& p : m_document->workflow().params) {
                               names.append(QStringLiteral("%1 (%2)").arg(p.name, WorkflowParam::typeName(p.type)));
                           }
                           params->setText(names.isEmpty() ? tr("none (add them in the YAML tab)")
                                                           : joinList(names) + tr(" — edit them in the YAML tab"));
                       } });
    auto* hint = new QLabel(tr("Drag a step from the palette onto the canvas; drag from a step's coloured port onto "
                               "another step to connect them (green: on success, red: on failure, grey: always)."),
        this);
    hint->setWordWrap(true);
    hint->setEnabled(false);
    m_form->addRow(hint);
}
