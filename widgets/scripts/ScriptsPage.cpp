#include "ScriptsPage.h"

#include "FindReplaceBar.h"
#include "ScriptEditor.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "scripts/DangerRulesDialog.h"
#include "scripts/ScriptEditorTab.h"
#include "scripts/ScriptHistoryDialog.h"
#include "scripts/ScriptListModel.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMimeData>
#include <QSaveFile>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

ScriptsPage::ScriptsPage(Workspace* workspace, QWidget* parent)
    : LibraryPage(workspace, QStringLiteral("scripts/draft/"), QStringLiteral("scripts"), parent)
{
    if (m_workspace) {
        m_store = std::make_unique<ScriptStore>(*m_workspace);
    }
    setAcceptDrops(true);
    buildUi();
    createActions();
    retranslateUi();
    loadRules();
    reload();
    offerDrafts(tr("Unsaved script drafts from the last session were kept."));
}

ScriptsPage::~ScriptsPage() = default;

void ScriptsPage::buildUi()
{
    auto* library = new QWidget(this);
    library->setObjectName(QStringLiteral("scriptLibrary"));
    auto* lib = new QVBoxLayout(library);
    lib->setContentsMargins(8, 8, 4, 8);
    auto* searchRow = new QHBoxLayout;
    m_search = new QLineEdit(library);
    m_search->setObjectName(QStringLiteral("scriptSearch"));
    m_search->setClearButtonEnabled(true);
    searchRow->addWidget(m_search, 1);
    m_kind = new QComboBox(library);
    m_kind->setObjectName(QStringLiteral("scriptKindFilter"));
    m_kind->addItem(QString(), -1);
    m_kind->addItem(QString(), int(Script::Kind::System));
    m_kind->addItem(QString(), int(Script::Kind::User));
    searchRow->addWidget(m_kind);
    lib->addLayout(searchRow);

    auto* libSplit = new QSplitter(Qt::Vertical, library);
    libSplit->setObjectName(QStringLiteral("scriptLibrarySplitter"));
    auto* tagBox = new QWidget(libSplit);
    auto* tagLayout = new QVBoxLayout(tagBox);
    tagLayout->setContentsMargins(0, 0, 0, 0);
    m_tagsTitle = new QLabel(tagBox);
    tagLayout->addWidget(m_tagsTitle);
    m_tagList = new QListWidget(tagBox);
    m_tagList->setObjectName(QStringLiteral("scriptTagList"));
    m_tagList->setContextMenuPolicy(Qt::CustomContextMenu);
    // Selecting tags filters (several: scripts carrying all of them); a click toggles, as with chips.
    m_tagList->setSelectionMode(QAbstractItemView::MultiSelection);
    tagLayout->addWidget(m_tagList);
    m_table = new QTableView(libSplit);
    m_table->setObjectName(QStringLiteral("scriptTable"));
    m_model = new ScriptListModel(this);
    m_filter = new ScriptFilterModel(this);
    m_filter->setSourceModel(m_model);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ScriptListModel::Name, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setAlternatingRowColors(true);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setColumnHidden(ScriptListModel::Kind, true);
    m_table->setColumnHidden(ScriptListModel::Updated, true);
    m_table->setColumnHidden(ScriptListModel::Description, true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ScriptListModel::Name, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    libSplit->setStretchFactor(0, 1);
    libSplit->setStretchFactor(1, 4);
    libSplit->setSizes({ 130, 600 });
    lib->addWidget(libSplit, 1);
    m_countLabel = new QLabel(library);
    m_countLabel->setObjectName(QStringLiteral("scriptCount"));
    lib->addWidget(m_countLabel);

    buildFrame(library, QStringLiteral("scriptsSplitter"), QStringLiteral("scriptTabs"));
    m_splitter->setSizes({ 420, 900 });
    openOnEnter(m_table);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_filter->setText(text);
        updateActions();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const int kind = m_kind->currentData().toInt();
        m_filter->setKind(kind < 0 ? std::nullopt : std::optional<Script::Kind>(Script::Kind(kind)));
        updateActions();
    });
    connect(m_tagList, &QListWidget::itemSelectionChanged, this, [this] {
        QStringList tags;
        for (int i = 0; i < m_tagList->count(); ++i) {
            if (m_tagList->item(i)->isSelected()) {
                tags << m_tagList->item(i)->data(Qt::UserRole).toString();
            }
        }
        m_filter->setTags(tags);
        updateActions();
    });
    connect(m_tagList, &QListWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QListWidgetItem* item = m_tagList->itemAt(pos);
        if (!item) {
            return;
        }
        const QString tag = item->data(Qt::UserRole).toString();
        QMenu menu(this);
        menu.addAction(tr("Rename Tag “%1”…").arg(tag), this, [this, tag] { renameTag(tag); });
        menu.addAction(tr("Remove Tag “%1” from Every Script…").arg(tag), this, [this, tag] { removeTag(tag); });
        menu.exec(m_tagList->viewport()->mapToGlobal(pos));
    });
    connect(m_table, &QTableView::doubleClicked, this,
        [this](const QModelIndex& index) { openScript(index.data(ScriptListModel::ScriptIdRole).toLongLong()); });
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint& pos) {
        if (!m_table->indexAt(pos).isValid()) {
            return;
        }
        QMenu menu(this);
        for (const char* name : { "scripts.open", "scripts.clone", "scripts.export", "scripts.history" }) {
            menu.addAction(action(QLatin1String(name)));
        }
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { updateActions(); });
}

void ScriptsPage::createActions()
{
    const auto make = [this](const QString& name, const QKeySequence& shortcut, const std::function<void()>& handler) {
        return makeAction(name, shortcut, handler);
    };
    make(QStringLiteral("scripts.new"), QKeySequence::New, [this] { newScript(); });
    make(QStringLiteral("scripts.open"), {}, [this] {
        if (const qint64 id = currentScriptId(); id > 0) {
            openScript(id);
        }
    });
    make(QStringLiteral("scripts.import"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] { importWithDialog(); });
    make(QStringLiteral("scripts.save"), QKeySequence::Save, [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            saveTab(tab);
        }
    });
    make(QStringLiteral("scripts.close"), QKeySequence(Qt::CTRL | Qt::Key_W), [this] {
        if (m_tabs->currentIndex() >= 0) {
            closeTab(m_tabs->currentIndex());
        }
    });
    make(QStringLiteral("scripts.clone"), {}, [this] { cloneCurrent(); });
    make(QStringLiteral("scripts.export"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [this] { exportCurrent(); });
    make(QStringLiteral("scripts.history"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), [this] {
        const qint64 id = currentTab() && !currentTab()->isNew() && m_tabs->isAncestorOf(focusWidget())
            ? currentTab()->stored().id
            : currentScriptId();
        if (id > 0) {
            showHistory(id);
        } else if (ScriptEditorTab* tab = currentTab(); tab && !tab->isNew()) {
            showHistory(tab->stored().id);
        }
    });
    make(QStringLiteral("scripts.find"), QKeySequence::Find, [this] {
        ScriptEditorTab* tab = currentTab();
        if (tab && (m_tabs->isAncestorOf(focusWidget()) || !m_search->hasFocus())) {
            tab->findBar()->showFind();
        } else {
            m_search->setFocus();
            m_search->selectAll();
        }
    });
    make(QStringLiteral("scripts.replace"), QKeySequence(Qt::CTRL | Qt::Key_H), [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            tab->findBar()->showReplace();
        }
    });
    make(QStringLiteral("scripts.searchLibrary"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    make(QStringLiteral("scripts.goToLine"), QKeySequence(Qt::CTRL | Qt::Key_G), [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            int line = 0;
            int index = 0;
            tab->editor()->getCursorPosition(&line, &index);
            bool ok = false;
            const int lines = tab->editor()->lines();
            const int target = QInputDialog::getInt(
                this, tr("Go to Line"), tr("Line (1 to %1):").arg(lines), line + 1, 1, std::max(1, lines), 1, &ok);
            if (ok) {
                tab->editor()->goToLine(target);
            }
        }
    });
    make(QStringLiteral("scripts.zoomIn"), QKeySequence::ZoomIn, [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            tab->editor()->zoomIn();
        }
    });
    make(QStringLiteral("scripts.zoomOut"), QKeySequence::ZoomOut, [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            tab->editor()->zoomOut();
        }
    });
    make(QStringLiteral("scripts.zoomReset"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            tab->editor()->resetZoom();
        }
    });
    make(QStringLiteral("scripts.details"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), [this] {
        if (ScriptEditorTab* tab = currentTab()) {
            tab->showDetails(!tab->findChild<QWidget*>(QStringLiteral("scriptDetails"))->isVisible());
        }
    });
    make(QStringLiteral("scripts.dangerRules"), {}, [this] { editDangerRules(); });
}

void ScriptsPage::retranslateUi()
{
    const QList<QPair<const char*, QString>> texts {
        { "scripts.new", tr("&New Script") },
        { "scripts.open", tr("&Open Script") },
        { "scripts.import", tr("&Import Scripts from Files…") },
        { "scripts.save", tr("&Save (New Version)") },
        { "scripts.close", tr("&Close Tab") },
        { "scripts.clone", tr("C&lone Script…") },
        { "scripts.export", tr("&Export Script to File…") },
        { "scripts.history", tr("&History and Diff…") },
        { "scripts.find", tr("&Find…") },
        { "scripts.replace", tr("&Replace…") },
        { "scripts.searchLibrary", tr("Search the Li&brary") },
        { "scripts.goToLine", tr("&Go to Line…") },
        { "scripts.zoomIn", tr("Zoom &In") },
        { "scripts.zoomOut", tr("Zoom &Out") },
        { "scripts.zoomReset", tr("R&eset Zoom") },
        { "scripts.details", tr("Show Script &Details") },
        { "scripts.dangerRules", tr("&Danger Rules…") },
    };
    setActionTexts(texts);
    m_search->setPlaceholderText(tr("Search names, descriptions and content"));
    m_kind->setItemText(0, tr("All kinds"));
    m_kind->setItemText(1, tr("System scripts"));
    m_kind->setItemText(2, tr("User scripts"));
    m_tagsTitle->setText(tr("Tags (click several to narrow down)"));
    m_emptyEditorLabel->setText(
        tr("Open a script from the library, create one with %1, or drop script files here "
           "to import them.")
            .arg(action(QStringLiteral("scripts.new"))->shortcut().toString(QKeySequence::NativeText)));
    refreshTags();
    updateActions();
}

void ScriptsPage::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange && m_search) {
        retranslateUi();
    }
}

void ScriptsPage::loadRules()
{
    m_rules = DangerRules::defaults();
    if (!m_workspace) {
        return;
    }
    auto rules = ScriptStore::effectiveDangerRules(*m_workspace);
    if (!rules) {
        showError(rules.errorString());
        return;
    }
    m_rules = *rules;
}

void ScriptsPage::reload()
{
    if (!m_store) {
        return;
    }
    auto all = m_store->loadAll();
    if (!all) {
        showError(tr("Cannot read the script library: %1").arg(all.errorString()));
        return;
    }
    const qint64 current = currentScriptId();
    m_model->setScripts(*all);
    refreshTags();
    if (current > 0) {
        const QModelIndex src = m_model->index(m_model->rowOfId(current), 0);
        m_table->setCurrentIndex(m_filter->mapFromSource(src));
    }
    updateActions();
}

void ScriptsPage::refreshTags()
{
    const QStringList checked = m_filter->tags();
    QSignalBlocker block(m_tagList);
    m_tagList->clear();
    for (const auto& [tag, count] : m_model->tagCounts()) {
        auto* item = new QListWidgetItem(tr("%1 (%2)").arg(tag).arg(count), m_tagList);
        item->setData(Qt::UserRole, tag);
        item->setSelected(checked.contains(tag));
    }
    // Tags that no script carries any more stop filtering.
    QStringList still;
    for (const QString& t : checked) {
        for (int i = 0; i < m_tagList->count(); ++i) {
            if (m_tagList->item(i)->data(Qt::UserRole).toString() == t) {
                still << t;
            }
        }
    }
    if (still != checked) {
        m_filter->setTags(still);
    }
}

void ScriptsPage::setTagFilter(const QStringList& tags)
{
    for (int i = 0; i < m_tagList->count(); ++i) {
        QListWidgetItem* item = m_tagList->item(i);
        item->setSelected(tags.contains(item->data(Qt::UserRole).toString()));
    }
}

void ScriptsPage::updateActions()
{
    const bool hasTab = currentTab() != nullptr;
    const bool hasSelection = currentScriptId() > 0;
    for (const char* name : { "scripts.save", "scripts.close", "scripts.find", "scripts.replace", "scripts.goToLine",
             "scripts.zoomIn", "scripts.zoomOut", "scripts.zoomReset", "scripts.details" }) {
        if (QAction* a = action(QLatin1String(name))) {
            a->setEnabled(hasTab || QLatin1String(name) == QLatin1String("scripts.find"));
        }
    }
    action(QStringLiteral("scripts.open"))->setEnabled(hasSelection);
    action(QStringLiteral("scripts.clone"))->setEnabled(hasSelection);
    action(QStringLiteral("scripts.export"))->setEnabled(hasSelection || hasTab);
    action(QStringLiteral("scripts.history"))->setEnabled(hasSelection || (hasTab && !currentTab()->isNew()));
    for (QAction* a : actions()) {
        if (a->objectName() != QLatin1String("scripts.dangerRules") && a->objectName() != QLatin1String("scripts.find")
            && a->objectName() != QLatin1String("scripts.searchLibrary") && !m_workspace) {
            a->setEnabled(false);
        }
    }
    m_countLabel->setText(m_filter->rowCount() == m_model->rowCount()
            ? tr("Scripts: %1").arg(m_model->rowCount())
            : tr("Showing %1 of %n script(s)", nullptr, m_model->rowCount()).arg(m_filter->rowCount()));
    updateTabsVisibility();
}

qint64 ScriptsPage::currentScriptId() const
{
    const QModelIndex index = m_table->currentIndex();
    return index.isValid() ? index.data(ScriptListModel::ScriptIdRole).toLongLong() : 0;
}

ScriptEditorTab* ScriptsPage::currentTab() const
{
    return qobject_cast<ScriptEditorTab*>(m_tabs->currentWidget());
}

ScriptEditorTab* ScriptsPage::tabAt(int index) const
{
    return qobject_cast<ScriptEditorTab*>(m_tabs->widget(index));
}

ScriptEditorTab* ScriptsPage::openScript(qint64 id)
{
    if (auto* open = qobject_cast<ScriptEditorTab*>(showOpenTab(id))) {
        open->editor()->setFocus();
        return open;
    }
    if (!m_store) {
        return nullptr;
    }
    auto script = m_store->load(id);
    if (!script) {
        showError(script.errorString());
        return nullptr;
    }
    auto* tab = new ScriptEditorTab(*script, m_rules, m_tabs);
    addLibraryTab(tab);
    tab->editor()->setFocus();
    return tab;
}

ScriptEditorTab* ScriptsPage::newScript(ScriptLanguage language)
{
    Script s;
    s.language = language;
    s.name = tr("untitled-%1").arg(++m_untitledCounter);
    s.content = language == ScriptLanguage::Python ? QStringLiteral("#!/usr/bin/env python3\n")
        : language == ScriptLanguage::Perl         ? QStringLiteral("#!/usr/bin/perl\nuse strict;\nuse warnings;\n")
        : language == ScriptLanguage::Sh           ? QStringLiteral("#!/bin/sh\nset -eu\n")
                                                   : QStringLiteral("#!/bin/bash\nset -euo pipefail\n");
    auto* tab = new ScriptEditorTab(s, m_rules, m_tabs);
    addLibraryTab(tab);
    tab->nameEdit()->setFocus();
    tab->nameEdit()->selectAll();
    return tab;
}

bool ScriptsPage::saveTab(ScriptEditorTab* tab)
{
    if (!tab || !m_store) {
        return false;
    }
    if (const QString problem = tab->validationProblem(); !problem.isEmpty()) {
        showError(problem);
        return false;
    }
    const Script edited = tab->script();
    Result<Script> saved
        = tab->isNew() ? m_store->create(edited, tab->changeNote()) : m_store->save(edited, tab->changeNote());
    if (!saved) {
        showError(tr("Cannot save “%1”: %2").arg(edited.name, saved.errorString()));
        return false;
    }
    const bool newVersion = saved->version != tab->stored().version || tab->isNew();
    dropDraft(tab);
    tab->setStored(*saved);
    tab->clearChangeNote();
    m_model->upsert(*saved);
    refreshTags();
    updateActions();
    m_messageBar->hide();
    emit statusMessage(newVersion ? tr("Saved “%1” as version %2").arg(saved->name).arg(saved->version)
                                  : tr("“%1” has no changes to save").arg(saved->name));
    return true;
}

bool ScriptsPage::saveLibraryTab(LibraryTab* tab)
{
    return saveTab(qobject_cast<ScriptEditorTab*>(tab));
}

QString ScriptsPage::newTabToolTip() const
{
    return tr("New script, not saved yet");
}

void ScriptsPage::openCurrent()
{
    if (const qint64 id = currentScriptId(); id > 0) {
        openScript(id);
    }
}

int ScriptsPage::importFiles(const QStringList& paths)
{
    if (!m_store || paths.isEmpty()) {
        return 0;
    }
    // Every file is read first; refused files are reported together and the rest imported.
    QStringList problems;
    QStringList notes;
    QList<Script> scripts;
    for (const QString& path : paths) {
        QString note;
        auto s = Script::fromFile(path, std::nullopt, &note);
        if (!s) {
            problems << s.errorString();
            continue;
        }
        if (!note.isEmpty()) {
            notes << QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), note);
        }
        scripts << *s;
    }
    int added = 0;
    int updated = 0;
    for (const Script& s : std::as_const(scripts)) {
        bool isNew = false;
        auto saved = m_store->addOrUpdate(s, tr("imported from %1").arg(s.name), &isNew);
        if (!saved) {
            problems << saved.errorString();
            continue;
        }
        (isNew ? added : updated)++;
        m_model->upsert(*saved);
    }
    refreshTags();
    updateActions();
    const QString summary = tr("Imported %n new script(s)", nullptr, added)
        + (updated ? tr(", %n new version(s) of existing scripts", nullptr, updated) : QString());
    if (!problems.isEmpty()) {
        showError(summary + tr("; refused: %1").arg(problems.join(QLatin1String("; "))));
    } else if (!notes.isEmpty()) {
        showInfo(summary + QStringLiteral(" (") + notes.join(QLatin1String("; ")) + QLatin1Char(')'));
    } else {
        emit statusMessage(summary);
    }
    return added + updated;
}

void ScriptsPage::importWithDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Scripts"), QString(), tr("Scripts (*.sh *.bash *.py *.pl *.pm);;All files (*)"));
    importFiles(files);
}

void ScriptsPage::exportScript(qint64 id, const QString& path)
{
    if (!m_store) {
        return;
    }
    auto s = m_store->load(id);
    if (!s) {
        showError(s.errorString());
        return;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        showError(tr("Cannot write %1: %2").arg(path, f.errorString()));
        return;
    }
    f.write(s->content.toUtf8());
    if (!f.commit()) {
        showError(tr("Cannot write %1: %2").arg(path, f.errorString()));
        return;
    }
    // Scripts with a shebang are meant to be run: keep them executable as the operator expects.
    if (s->content.startsWith(QLatin1String("#!"))) {
        QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner | QFileDevice::ExeGroup);
    }
    emit statusMessage(tr("Exported “%1” version %2 to %3").arg(s->name).arg(s->version).arg(path));
}

void ScriptsPage::exportCurrent()
{
    qint64 id = currentScriptId();
    if (ScriptEditorTab* tab = currentTab(); tab && (m_tabs->isAncestorOf(focusWidget()) || id <= 0)) {
        if (tab->isNew() || tab->isModified()) {
            showError(tr("Save “%1” first: export writes a saved version.").arg(tab->title()));
            return;
        }
        id = tab->stored().id;
    }
    const Script* s = m_model->scriptById(id);
    if (!s) {
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Script"), s->name + QLatin1Char('.') + ScriptLanguages::extension(s->language));
    if (!path.isEmpty()) {
        exportScript(id, path);
    }
}

void ScriptsPage::cloneCurrent()
{
    const Script* s = m_model->scriptById(currentScriptId());
    if (!s || !m_store) {
        return;
    }
    QString name = tr("%1-copy").arg(s->name);
    if (!Dialogs::getText(this, tr("Clone Script"), tr("Name of the copy of “%1”:").arg(s->name), &name)) {
        return;
    }
    auto copy = m_store->clone(s->id, name.trimmed());
    if (!copy) {
        showError(tr("Cannot clone: %1").arg(copy.errorString()));
        return;
    }
    m_model->upsert(*copy);
    refreshTags();
    openScript(copy->id);
}

void ScriptsPage::renameTag(const QString& tag)
{
    QString name = tag;
    if (!Dialogs::getText(this, tr("Rename Tag"), tr("New name for the tag “%1”:").arg(tag), &name)
        || name.trimmed() == tag) {
        return;
    }
    auto n = m_store->renameTag(tag, name.trimmed());
    if (!n) {
        showError(tr("Cannot rename the tag: %1").arg(n.errorString()));
        return;
    }
    reload();
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (ScriptEditorTab* tab = tabAt(i); tab && !tab->isNew()) {
            if (const Script* now = m_model->scriptById(tab->stored().id); now && !tab->isModified()) {
                tab->tagsEdit()->setText(now->tags.join(QLatin1Char(' ')));
                Script stored = tab->stored();
                stored.tags = now->tags;
                tab->setStored(stored);
            }
        }
    }
    emit statusMessage(tr("Renamed the tag “%1” to “%2” on %n script(s)", nullptr, *n).arg(tag, name.trimmed()));
}

void ScriptsPage::removeTag(const QString& tag)
{
    if (!Dialogs::confirmDestructive(this, tr("Remove Tag"),
            tr("Remove the tag “%1” from every script that carries it? The scripts stay.").arg(tag),
            tr("Remove Tag"))) {
        return;
    }
    auto n = m_store->removeTag(tag);
    if (!n) {
        showError(n.errorString());
        return;
    }
    reload();
    emit statusMessage(tr("Removed the tag “%1” from %n script(s)", nullptr, *n).arg(tag));
}

void ScriptsPage::showHistory(qint64 id)
{
    if (!m_store) {
        return;
    }
    ScriptHistoryDialog dialog(m_store.get(), id, this);
    connect(&dialog, &ScriptHistoryDialog::restored, this, [this](const Script& script) {
        m_model->upsert(script);
        if (const int index = tabIndexOfId(script.id); index >= 0) {
            ScriptEditorTab* tab = tabAt(index);
            if (!tab->isModified()) {
                // The open tab follows the restore; a tab with unsaved edits keeps them.
                m_tabs->removeTab(index);
                tab->deleteLater();
                openScript(script.id);
            }
        }
        emit statusMessage(tr("Restored as version %1 of “%2”").arg(script.version).arg(script.name));
    });
    dialog.exec();
}

void ScriptsPage::editDangerRules()
{
    if (!m_workspace) {
        return;
    }
    auto user = ScriptStore::userDangerRules(*m_workspace);
    DangerRulesDialog dialog(user ? *user : QList<DangerRule>(), this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (auto r = ScriptStore::setUserDangerRules(*m_workspace, dialog.userRules()); !r) {
        showError(tr("Cannot save the danger rules: %1").arg(r.errorString()));
        return;
    }
    loadRules();
    for (int i = 0; i < m_tabs->count(); ++i) {
        tabAt(i)->setDangerRules(m_rules);
    }
    emit statusMessage(tr("Danger rules saved; open scripts were checked again"));
}

LibraryTab* ScriptsPage::recoverDraft(const QJsonObject& json, const QString& key)
{
    auto draft = Script::fromJson(json);
    if (!draft) {
        showError(tr("A draft could not be read and was kept in the workspace (%1): %2").arg(key, draft.errorString()));
        return nullptr;
    }
    if (draft->id > 0 && m_model->scriptById(draft->id)) {
        ScriptEditorTab* tab = openScript(draft->id);
        if (tab) {
            tab->nameEdit()->setText(draft->name);
            tab->languageCombo()->setCurrentIndex(tab->languageCombo()->findData(int(draft->language)));
            tab->tagsEdit()->setText(draft->tags.join(QLatin1Char(' ')));
            tab->editor()->setText(draft->content);
        }
        return tab;
    }
    Script s = *draft;
    s.id = 0;
    s.version = 0;
    auto* tab = new ScriptEditorTab(s, m_rules, m_tabs);
    addLibraryTab(tab);
    return tab;
}

void ScriptsPage::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void ScriptsPage::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importFiles(paths);
    }
}
