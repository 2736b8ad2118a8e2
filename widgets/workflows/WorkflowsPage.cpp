#include "WorkflowsPage.h"

#include "YamlView.h"
#include "scripts/ScriptStore.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowStore.h"
#include "workflows/WorkflowValidation.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSet>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

WorkflowsPage::WorkflowsPage(Workspace* workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_title(new QLabel(this))
    , m_description(new QLabel(this))
    , m_problemsTitle(new QLabel(this))
    , m_problems(new QTreeWidget(this))
    , m_yaml(new YamlView(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("workflowsPage"));
    m_list->setObjectName(QStringLiteral("workflowList"));
    m_problems->setObjectName(QStringLiteral("workflowProblems"));
    m_problems->setRootIsDecorated(false);
    m_problems->setColumnCount(3);
    m_problems->header()->setStretchLastSection(true);
    m_description->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(m_title);
    rightLayout->addWidget(m_description);
    rightLayout->addWidget(m_problemsTitle);
    rightLayout->addWidget(m_problems);
    rightLayout->addWidget(m_yaml, 1);
    auto* split = new QSplitter(this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_hint);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({ 280, 800 });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] { showCurrent(); });
    retranslate();
    reload();
}

void WorkflowsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        reload();
    }
    QWidget::changeEvent(event);
}

void WorkflowsPage::retranslate()
{
    m_problems->setHeaderLabels({ tr("Node"), tr("Field"), tr("Problem") });
    m_hint->setText(tr("Workflows are written in YAML for now: opsdeck-cli workflow import FILE.yml (docs/"
                       "workflows.md). The canvas builder and running them come next."));
}

void WorkflowsPage::reload()
{
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
    m_list->clear();
    auto all = WorkflowStore(*m_workspace).loadAll();
    if (!all) {
        m_title->setText(tr("The workflows cannot be read: %1").arg(all.error().toString()));
        return;
    }
    int select = 0;
    for (const StoredWorkflow& w : *all) {
        auto* item = new QListWidgetItem(
            tr("%1\n%n step(s) · version %2", "", int(w.workflow.nodes.size())).arg(w.workflow.name).arg(w.version),
            m_list);
        item->setData(Qt::UserRole, w.workflow.name);
        if (w.workflow.name == current) {
            select = m_list->count() - 1;
        }
    }
    if (m_list->count() > 0) {
        m_list->setCurrentRow(select);
    }
    showCurrent();
}

void WorkflowsPage::showCurrent()
{
    m_problems->clear();
    const QListWidgetItem* item = m_list->currentItem();
    if (!item) {
        m_title->setText(tr("No workflows yet"));
        m_description->clear();
        m_problemsTitle->clear();
        m_problems->hide();
        m_yaml->setYaml({});
        return;
    }
    auto stored = WorkflowStore(*m_workspace).findByName(item->data(Qt::UserRole).toString());
    if (!stored || !*stored) {
        return;
    }
    const Workflow& w = (*stored)->workflow;
    m_title->setText(w.name);
    m_description->setText(w.description);
    m_yaml->setYaml((*stored)->yaml);

    QSet<QString> scripts;
    QSet<QString> templates;
    QSet<QString> workflows;
    if (auto s = ScriptStore(*m_workspace).loadAll()) {
        for (const Script& x : *s) {
            scripts.insert(x.name);
        }
    }
    if (auto t = TemplateStore(*m_workspace).loadAll()) {
        for (const ConfigTemplate& x : *t) {
            templates.insert(x.name);
        }
    }
    if (auto all = WorkflowStore(*m_workspace).loadAll()) {
        for (const StoredWorkflow& x : *all) {
            workflows.insert(x.workflow.name);
        }
    }
    const WorkflowLookup lookup { [&](const QString& n) { return scripts.contains(n); },
        [&](const QString& n) { return templates.contains(n); },
        [&](const QString& n) { return workflows.contains(n); } };
    const QList<WorkflowProblem> problems = validateWorkflow(w, lookup);
    m_problemsTitle->setText(problems.isEmpty() ? tr("No problems: every node, edge and reference checks out.")
                                                : tr("%n problem(s):", "", int(problems.size())));
    for (const WorkflowProblem& p : problems) {
        auto* row = new QTreeWidgetItem(m_problems);
        row->setText(0, p.node);
        row->setText(1, p.field);
        row->setText(2, p.message);
    }
    m_problems->setVisible(!problems.isEmpty());
}
