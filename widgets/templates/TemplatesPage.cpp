#include "TemplatesPage.h"

#include "FindReplaceBar.h"
#include "ScriptEditor.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "store/Workspace.h"
#include "templates/TemplateEditorTab.h"
#include "templates/TemplateHistoryDialog.h"
#include "templates/TemplateListModel.h"
#include "templates/TemplateStore.h"

#include <QAction>
#include <QHeaderView>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace {

const char* const kNewTemplate = R"(# {{ inventory_hostname }}: managed by OpsDeck
{% for server in ntp_servers | default([]) %}
server {{ server }}
{% endfor %}
)";

} // namespace

TemplatesPage::TemplatesPage(Workspace* workspace, QWidget* parent)
    : LibraryPage(workspace, QStringLiteral("templates/draft/"), QStringLiteral("templates"), parent)
{
    if (m_workspace) {
        m_store = std::make_unique<TemplateStore>(*m_workspace);
    }
    buildUi();
    createActions();
    retranslateUi();
    reload();
    offerDrafts(tr("Unsaved template drafts from the last session were kept."));
}

TemplatesPage::~TemplatesPage() = default;

void TemplatesPage::buildUi()
{
    auto* library = new QWidget(this);
    auto* lib = new QVBoxLayout(library);
    lib->setContentsMargins(8, 8, 4, 8);
    m_search = new QLineEdit(library);
    m_search->setObjectName(QStringLiteral("templateSearch"));
    m_search->setClearButtonEnabled(true);
    lib->addWidget(m_search);
    m_table = new QTableView(library);
    m_table->setObjectName(QStringLiteral("templateTable"));
    m_model = new TemplateListModel(this);
    m_filter = new QSortFilterProxyModel(this);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(TemplateListModel::SearchTextRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TemplateListModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setColumnHidden(TemplateListModel::Updated, true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(TemplateListModel::Destination, QHeaderView::Stretch);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    lib->addWidget(m_table, 1);
    m_countLabel = new QLabel(library);
    m_countLabel->setObjectName(QStringLiteral("templateCount"));
    lib->addWidget(m_countLabel);

    buildFrame(library, QStringLiteral("templatesSplitter"), QStringLiteral("templateTabs"));
    m_splitter->setSizes({ 300, 1000 });
    openOnEnter(m_table);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setFilterFixedString(text);
        updateActions();
    });
    connect(m_table, &QTableView::doubleClicked, this,
        [this](const QModelIndex& index) { openTemplate(index.data(TemplateListModel::TemplateIdRole).toLongLong()); });
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (!m_table->indexAt(pos).isValid()) {
            return;
        }
        QMenu menu(this);
        menu.addAction(action(QStringLiteral("templates.open")));
        menu.addAction(action(QStringLiteral("templates.history")));
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
}

void TemplatesPage::createActions()
{
    const auto make = [this](const QString& name, const QKeySequence& shortcut, const std::function<void()>& handler) {
        makeAction(name, shortcut, handler);
    };
    make(QStringLiteral("templates.new"), QKeySequence::New, [this] { newTemplate(); });
    make(QStringLiteral("templates.open"), {}, [this] {
        if (const qint64 id = currentTemplateId(); id > 0) {
            openTemplate(id);
        }
    });
    make(QStringLiteral("templates.save"), QKeySequence::Save, [this] {
        if (TemplateEditorTab* tab = currentTab()) {
            saveTab(tab);
        }
    });
    make(QStringLiteral("templates.close"), QKeySequence(Qt::CTRL | Qt::Key_W), [this] {
        if (m_tabs->currentIndex() >= 0) {
            closeTab(m_tabs->currentIndex());
        }
    });
    make(QStringLiteral("templates.history"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), [this] {
        TemplateEditorTab* tab = currentTab();
        const bool fromTab = tab && !tab->isNew() && (m_tabs->isAncestorOf(focusWidget()) || currentTemplateId() <= 0);
        if (const qint64 id = fromTab ? tab->stored().id : currentTemplateId(); id > 0) {
            showHistory(id);
        }
    });
    make(QStringLiteral("templates.find"), QKeySequence::Find, [this] {
        if (TemplateEditorTab* tab = currentTab(); tab && !m_search->hasFocus()) {
            tab->findBar()->showFind();
        } else {
            m_search->setFocus();
            m_search->selectAll();
        }
    });
    make(QStringLiteral("templates.replace"), QKeySequence(Qt::CTRL | Qt::Key_H), [this] {
        if (TemplateEditorTab* tab = currentTab()) {
            tab->findBar()->showReplace();
        }
    });
    make(QStringLiteral("templates.searchLibrary"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    make(QStringLiteral("templates.refreshPreview"), QKeySequence(Qt::Key_F5), [this] {
        if (TemplateEditorTab* tab = currentTab()) {
            tab->renderNow();
        }
    });
}

void TemplatesPage::retranslateUi()
{
    const QList<QPair<const char*, QString>> texts {
        { "templates.new", tr("&New Template") },
        { "templates.open", tr("&Open Template") },
        { "templates.save", tr("&Save (New Version)") },
        { "templates.close", tr("&Close Tab") },
        { "templates.history", tr("&History and Diff…") },
        { "templates.find", tr("&Find…") },
        { "templates.replace", tr("&Replace…") },
        { "templates.searchLibrary", tr("Search the Li&brary") },
        { "templates.refreshPreview", tr("Render the &Preview Again") },
    };
    setActionTexts(texts);
    m_search->setPlaceholderText(tr("Search names, destinations and content"));
    m_emptyEditorLabel->setText(
        tr("Open a template from the library or create one with %1. The preview renders it for "
           "any host of the inventory as you type.")
            .arg(action(QStringLiteral("templates.new"))->shortcut().toString(QKeySequence::NativeText)));
    updateActions();
}

void TemplatesPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_search) {
        retranslateUi();
    }
}

void TemplatesPage::setInventory(const Inventory& inventory)
{
    m_inventory = inventory;
    for (int i = 0; i < m_tabs->count(); ++i) {
        tabAt(i)->inventoryChanged();
    }
}

void TemplatesPage::reload()
{
    if (!m_store) {
        return;
    }
    auto all = m_store->loadAll();
    if (!all) {
        showError(tr("Cannot read the template library: %1").arg(all.errorString()));
        return;
    }
    const qint64 current = currentTemplateId();
    m_model->setTemplates(*all);
    if (current > 0) {
        m_table->setCurrentIndex(m_filter->mapFromSource(m_model->index(m_model->rowOfId(current), 0)));
    }
    updateActions();
}

void TemplatesPage::updateActions()
{
    const bool hasTab = currentTab() != nullptr;
    const bool hasSelection = currentTemplateId() > 0;
    for (const char* name : { "templates.save", "templates.close", "templates.replace", "templates.refreshPreview" }) {
        action(QLatin1String(name))->setEnabled(hasTab && m_workspace);
    }
    action(QStringLiteral("templates.new"))->setEnabled(m_workspace);
    action(QStringLiteral("templates.open"))->setEnabled(hasSelection);
    action(QStringLiteral("templates.history"))->setEnabled(hasSelection || (hasTab && !currentTab()->isNew()));
    m_countLabel->setText(m_filter->rowCount() == m_model->rowCount()
            ? tr("Templates: %1").arg(m_model->rowCount())
            : tr("Showing %1 of %n template(s)", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
    updateTabsVisibility();
}

qint64 TemplatesPage::currentTemplateId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(TemplateListModel::TemplateIdRole).toLongLong() : 0;
}

TemplateEditorTab* TemplatesPage::currentTab() const
{
    return qobject_cast<TemplateEditorTab*>(m_tabs->currentWidget());
}

TemplateEditorTab* TemplatesPage::tabAt(int index) const
{
    return qobject_cast<TemplateEditorTab*>(m_tabs->widget(index));
}

TemplateEditorTab* TemplatesPage::openTemplate(qint64 id)
{
    if (auto* open = qobject_cast<TemplateEditorTab*>(showOpenTab(id))) {
        open->editor()->setFocus();
        return open;
    }
    if (!m_store) {
        return nullptr;
    }
    auto tmpl = m_store->load(id);
    if (!tmpl) {
        showError(tmpl.errorString());
        return nullptr;
    }
    auto* tab = new TemplateEditorTab(*tmpl, &m_inventory, m_tabs);
    if (m_workspace) {
        tab->setJobVariables(m_workspace->setting(jobVariablesKey(id)));
    }
    keepJobVariables(tab);
    addLibraryTab(tab);
    tab->editor()->setFocus();
    return tab;
}

QString TemplatesPage::jobVariablesKey(qint64 id)
{
    return QStringLiteral("templates/previewJobVariables/%1").arg(id);
}

void TemplatesPage::keepJobVariables(TemplateEditorTab* tab)
{
    connect(tab, &TemplateEditorTab::jobVariablesChanged, this, [this, tab] { storeJobVariables(tab); });
}

void TemplatesPage::storeJobVariables(TemplateEditorTab* tab)
{
    if (!m_workspace || tab->isNew()) {
        return;
    }
    const QString key = jobVariablesKey(tab->stored().id);
    const QString text = tab->jobVariablesText();
    if (text == m_workspace->setting(key)) {
        return;
    }
    // Not worth an error dialog while typing: the text stays in the tab either way.
    const Result<void> written
        = text.trimmed().isEmpty() ? m_workspace->removeSetting(key) : m_workspace->setSetting(key, text);
    if (!written) {
        emit statusMessage(tr("The job variables could not be kept in the workspace: %1").arg(written.errorString()));
    }
}

TemplateEditorTab* TemplatesPage::newTemplate()
{
    ConfigTemplate t;
    t.name = tr("untitled-%1").arg(++m_untitledCounter);
    t.mode = QStringLiteral("0644");
    t.owner = QStringLiteral("root:root");
    t.content = QString::fromUtf8(kNewTemplate);
    auto* tab = new TemplateEditorTab(t, &m_inventory, m_tabs);
    keepJobVariables(tab);
    addLibraryTab(tab);
    tab->nameEdit()->setFocus();
    tab->nameEdit()->selectAll();
    return tab;
}

bool TemplatesPage::saveTab(TemplateEditorTab* tab)
{
    if (!tab || !m_store) {
        return false;
    }
    if (const QString problem = tab->validationProblem(); !problem.isEmpty()) {
        showError(problem);
        return false;
    }
    const ConfigTemplate edited = tab->edited();
    const bool wasNew = tab->isNew();
    Result<ConfigTemplate> saved
        = wasNew ? m_store->create(edited, tab->changeNote()) : m_store->save(edited, tab->changeNote());
    if (!saved) {
        showError(tr("Cannot save “%1”: %2").arg(edited.name, saved.errorString()));
        return false;
    }
    const bool newVersion = wasNew || saved->version != tab->stored().version;
    dropDraft(tab);
    tab->setStored(*saved);
    if (wasNew) {
        storeJobVariables(tab); // typed before the template had an id
    }
    tab->clearChangeNote();
    m_model->upsert(*saved);
    updateActions();
    m_messageBar->hide();
    emit statusMessage(newVersion ? tr("Saved “%1” as version %2").arg(saved->name).arg(saved->version)
                                  : tr("“%1” has no changes to save").arg(saved->name));
    return true;
}

bool TemplatesPage::saveLibraryTab(LibraryTab* tab)
{
    return saveTab(qobject_cast<TemplateEditorTab*>(tab));
}

QString TemplatesPage::newTabToolTip() const
{
    return tr("New template, not saved yet");
}

void TemplatesPage::openCurrent()
{
    if (const qint64 id = currentTemplateId(); id > 0) {
        openTemplate(id);
    }
}

void TemplatesPage::showHistory(qint64 id)
{
    if (!m_store) {
        return;
    }
    TemplateHistoryDialog dialog(m_store.get(), id, this);
    connect(&dialog, &TemplateHistoryDialog::restored, this, [this](const ConfigTemplate& tmpl) {
        m_model->upsert(tmpl);
        if (const int index = tabIndexOfId(tmpl.id); index >= 0 && !tabAt(index)->isModified()) {
            // The open tab follows the restore; a tab with unsaved edits keeps them.
            TemplateEditorTab* tab = tabAt(index);
            tab->loadDraft(tmpl);
            tab->setStored(tmpl);
        }
        emit statusMessage(tr("Restored as version %1 of “%2”").arg(tmpl.version).arg(tmpl.name));
    });
    dialog.exec();
}

LibraryTab* TemplatesPage::recoverDraft(const QJsonObject& json, const QString& key)
{
    auto draft = ConfigTemplate::fromJson(json);
    if (!draft) {
        showError(tr("A draft could not be read and was kept in the workspace (%1): %2").arg(key, draft.errorString()));
        return nullptr;
    }
    if (draft->id > 0 && m_model->templateById(draft->id)) {
        TemplateEditorTab* tab = openTemplate(draft->id);
        if (tab) {
            tab->loadDraft(*draft);
        }
        return tab;
    }
    ConfigTemplate t = *draft;
    t.id = 0;
    t.version = 0;
    auto* tab = new TemplateEditorTab(t, &m_inventory, m_tabs);
    keepJobVariables(tab);
    addLibraryTab(tab);
    return tab;
}
