#include "WorkflowsPage.h"

#include "WorkflowCanvas.h"
#include "WorkflowEditor.h"
#include "common/Dialogs.h"
#include "inventory/Inventory.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplateStore.h"
#include "workflows/WorkflowStore.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

WorkflowsPage::WorkflowsPage(Workspace* workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_new(new QPushButton(this))
    , m_editor(new WorkflowEditor(this))
    , m_status(new QLabel(this))
    , m_hint(new QLabel(this))
{
    setObjectName(QStringLiteral("workflowsPage"));
    m_list->setObjectName(QStringLiteral("workflowList"));
    m_new->setObjectName(QStringLiteral("newWorkflow"));
    m_status->setObjectName(QStringLiteral("workflowStatus"));
    m_status->setWordWrap(true);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    auto* split = new QSplitter(this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_new);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addWidget(m_hint);
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_editor, 1);
    rightLayout->addWidget(m_status);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({ 220, 1000 });
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    m_editor->setInventory([this]() -> const Inventory* {
        if (!m_inventory && m_workspace) {
            auto loaded = m_workspace->loadInventory();
            m_inventory = std::make_unique<Inventory>(loaded ? *loaded : Inventory());
        }
        return m_inventory.get();
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_switching || row == m_shownRow) {
            return;
        }
        if (!maySwitchAway()) {
            m_switching = true;
            m_list->setCurrentRow(m_shownRow);
            m_switching = false;
            return;
        }
        showCurrent();
    });
    connect(m_new, &QPushButton::clicked, this, &WorkflowsPage::newWorkflow);
    connect(m_editor, &WorkflowEditor::saveRequested, this, &WorkflowsPage::save);
    connect(m_editor, &WorkflowEditor::modifiedChanged, this, [this](bool modified) {
        if (modified) {
            m_status->setText(tr("Unsaved changes: Ctrl+S saves a new version."));
        }
    });
    retranslate();
    reload();
}

WorkflowsPage::~WorkflowsPage() = default;

QTreeWidget* WorkflowsPage::problems() const
{
    return m_editor->problems();
}

void WorkflowsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        const bool modified = m_editor->isModified();
        m_switching = true;
        reload();
        m_switching = false;
        if (modified) {
            m_status->setText(tr("Unsaved changes: Ctrl+S saves a new version."));
        }
    }
    QWidget::changeEvent(event);
}

void WorkflowsPage::retranslate()
{
    m_new->setText(tr("New Workflow"));
    m_hint->setText(tr("Also from a shell: opsdeck-cli workflow import FILE.yml | export NAME | validate FILE.yml."));
}

void WorkflowsPage::refreshLookup()
{
    QSet<QString> scripts;
    QSet<QString> templates;
    QSet<QString> workflows;
    WorkflowProperties::Names names;
    if (auto s = ScriptStore(*m_workspace).loadAll()) {
        for (const Script& x : *s) {
            scripts.insert(x.name);
            names.scripts.append(x.name);
        }
    }
    if (auto t = TemplateStore(*m_workspace).loadAll()) {
        for (const ConfigTemplate& x : *t) {
            templates.insert(x.name);
            names.templates.append(x.name);
        }
    }
    if (auto all = WorkflowStore(*m_workspace).loadAll()) {
        for (const StoredWorkflow& x : *all) {
            workflows.insert(x.workflow.name);
            names.workflows.append(x.workflow.name);
        }
    }
    const WorkflowLookup lookup { [scripts](const QString& n) { return scripts.contains(n); },
        [templates](const QString& n) { return templates.contains(n); },
        [workflows](const QString& n) { return workflows.contains(n); } };
    m_editor->setLookup(lookup, names);
}

void WorkflowsPage::reload()
{
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : m_shown;
    m_inventory.reset();
    m_switching = true;
    m_list->clear();
    auto all = WorkflowStore(*m_workspace).loadAll();
    if (!all) {
        m_switching = false;
        m_status->setText(tr("The workflows cannot be read: %1").arg(all.error().toString()));
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
    m_switching = false;
    refreshLookup();
    if (!m_editor->isModified()) {
        showCurrent();
    } else {
        m_shownRow = m_list->currentRow();
    }
}

void WorkflowsPage::showCurrent()
{
    m_shownRow = m_list->currentRow();
    const QListWidgetItem* item = m_list->currentItem();
    if (!item) {
        m_shown.clear();
        m_editor->open(Workflow {});
        m_status->setText(tr("No workflows yet: New Workflow starts one; drag steps onto the canvas."));
        return;
    }
    auto stored = WorkflowStore(*m_workspace).findByName(item->data(Qt::UserRole).toString());
    if (!stored || !*stored) {
        m_status->setText(tr("The workflow cannot be read: %1").arg(stored ? QString() : stored.error().toString()));
        return;
    }
    m_shown = (*stored)->workflow.name;
    m_editor->open((*stored)->workflow);
    m_status->setText(
        tr("Version %1, saved %2 by %3.")
            .arg((*stored)->version)
            .arg(QLocale().toString((*stored)->updatedAt.toLocalTime(), QLocale::ShortFormat), (*stored)->author));
}

bool WorkflowsPage::maySwitchAway()
{
    if (!m_editor->isModified()) {
        return true;
    }
    const auto answer = Dialogs::question(this, tr("Unsaved Workflow"),
        tr("“%1” has unsaved changes. Save them as a new version?").arg(m_editor->workflow().name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) {
        return save();
    }
    if (answer == QMessageBox::Discard) {
        m_editor->markSaved();
        return true;
    }
    return false;
}

void WorkflowsPage::newWorkflow()
{
    if (!maySwitchAway()) {
        return;
    }
    QSet<QString> taken;
    for (int i = 0; i < m_list->count(); ++i) {
        taken.insert(m_list->item(i)->data(Qt::UserRole).toString());
    }
    Workflow w;
    w.name = tr("New workflow");
    for (int n = 2; taken.contains(w.name); ++n) {
        w.name = tr("New workflow %1").arg(n);
    }
    m_switching = true;
    m_list->clearSelection();
    m_list->setCurrentRow(-1);
    m_switching = false;
    m_shownRow = -1;
    m_shown.clear();
    m_editor->open(w);
    // Not saved yet: an edit away from "modified", so that leaving asks.
    m_status->setText(tr("A new workflow: drag steps from the palette onto the canvas, then Ctrl+S."));
}

bool WorkflowsPage::save()
{
    const Workflow w = m_editor->workflow();
    if (const QString why = Workflow::nameProblem(w.name); !why.isEmpty()) {
        m_status->setText(tr("Not saved: the name %1").arg(why));
        return false;
    }
    if (!m_shown.isEmpty() && m_shown != w.name) {
        // Renamed in the editor: saved under the new name (the old one stays, with its versions).
        if (auto existing = WorkflowStore(*m_workspace).findByName(w.name); existing && *existing) {
            m_status->setText(tr("Not saved: a workflow named “%1” exists already.").arg(w.name));
            return false;
        }
    }
    bool created = false;
    auto saved = WorkflowStore(*m_workspace).save(w, {}, &created);
    if (!saved) {
        m_status->setText(tr("Not saved: %1").arg(saved.error().toString()));
        return false;
    }
    m_editor->markSaved();
    m_shown = w.name;
    const int problems = int(m_editor->currentProblems().size());
    m_status->setText(problems == 0
            ? tr("Saved as version %1.").arg(saved->version)
            : tr("Saved as version %1, with %n problem(s) to fix before it can run.", "", problems)
                  .arg(saved->version));
    m_switching = true;
    reload();
    m_switching = false;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == w.name) {
            m_switching = true;
            m_list->setCurrentRow(i);
            m_switching = false;
            m_shownRow = i;
        }
    }
    Q_UNUSED(created);
    return true;
}
