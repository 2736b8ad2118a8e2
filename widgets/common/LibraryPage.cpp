#include "LibraryPage.h"

#include "Theme.h"
#include "common/Dialogs.h"
#include "common/LibraryTab.h"
#include "common/MessageBar.h"
#include "store/Workspace.h"

#include <QAbstractItemView>
#include <QAction>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

namespace {
constexpr int kDraftIntervalMs = 5000;
}

LibraryPage::LibraryPage(Workspace* workspace, const QString& draftPrefix, const QString& tabIcon, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_draftPrefix(draftPrefix)
    , m_tabIcon(tabIcon)
{
    m_draftTimer = new QTimer(this);
    m_draftTimer->setInterval(kDraftIntervalMs);
    connect(m_draftTimer, &QTimer::timeout, this, &LibraryPage::saveDrafts);
    m_draftTimer->start();
}

void LibraryPage::buildFrame(QWidget* library, const QString& splitterName, const QString& tabsName)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_messageBar = new MessageBar(this);
    m_messageBar->hide();
    layout->addWidget(m_messageBar);
    connect(m_messageBar, &MessageBar::closed, m_messageBar, &QWidget::hide);
    connect(m_messageBar, &MessageBar::actionTriggered, this, [this] {
        m_messageBar->hide();
        recoverDrafts();
    });

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(splitterName);
    m_splitter->setChildrenCollapsible(false);
    layout->addWidget(m_splitter, 1);

    auto* right = new QWidget(m_splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(right);
    m_tabs->setObjectName(tabsName);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    rightLayout->addWidget(m_tabs, 1);
    m_emptyEditor = new QWidget(right);
    auto* emptyLayout = new QVBoxLayout(m_emptyEditor);
    m_emptyEditorLabel = new QLabel(m_emptyEditor);
    m_emptyEditorLabel->setAlignment(Qt::AlignCenter);
    m_emptyEditorLabel->setWordWrap(true);
    emptyLayout->addWidget(m_emptyEditorLabel);
    rightLayout->addWidget(m_emptyEditor, 1);
    m_tabs->hide();

    m_splitter->addWidget(library);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    connect(Theme::instance(), &Theme::changed, this, [this] {
        for (int i = 0; i < m_tabs->count(); ++i) {
            m_tabs->setTabIcon(i, Theme::icon(m_tabIcon));
        }
    });
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) { closeTab(index); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { tabsChanged(); });
}

void LibraryPage::offerDrafts(const QString& text)
{
    if (m_workspace && !m_workspace->settingKeys(m_draftPrefix).isEmpty()) {
        // Offered, not forced: the operator decides whether the drafts of the last session come back.
        m_messageBar->showMessage(text, MessageBar::Type::Warning, tr("Recover"));
        m_messageBar->show();
    }
}

void LibraryPage::openOnEnter(QAbstractItemView* view)
{
    m_openOnEnter = view;
    view->installEventFilter(this);
}

bool LibraryPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_openOnEnter && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && m_openOnEnter->currentIndex().isValid()) {
            openCurrent();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QAction* LibraryPage::makeAction(
    const QString& name, const QKeySequence& shortcut, const std::function<void()>& handler)
{
    auto* action = new QAction(this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, handler);
    addAction(action);
    m_actions.append(action);
    m_actionByName.insert(name, action);
    return action;
}

QAction* LibraryPage::action(const QString& objectName) const
{
    return m_actionByName.value(objectName);
}

void LibraryPage::setActionTexts(const QList<QPair<const char*, QString>>& texts)
{
    for (const auto& [name, text] : texts) {
        if (QAction* a = action(QLatin1String(name))) {
            a->setText(text);
            a->setToolTip(QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        }
    }
}

LibraryTab* LibraryPage::libraryTab(int index) const
{
    return qobject_cast<LibraryTab*>(m_tabs->widget(index));
}

int LibraryPage::tabIndexOfId(qint64 id) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (libraryTab(i) && !libraryTab(i)->isNew() && libraryTab(i)->storedId() == id) {
            return i;
        }
    }
    return -1;
}

LibraryTab* LibraryPage::showOpenTab(qint64 id)
{
    const int index = tabIndexOfId(id);
    if (index < 0) {
        return nullptr;
    }
    m_tabs->setCurrentIndex(index);
    return libraryTab(index);
}

void LibraryPage::addLibraryTab(LibraryTab* tab)
{
    connect(tab, &LibraryTab::modifiedChanged, this, [this, tab] { updateTabTitle(tab); });
    connect(tab, &LibraryTab::titleChanged, this, [this, tab] { updateTabTitle(tab); });
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, Theme::icon(m_tabIcon), tab->title()));
    updateTabTitle(tab);
    tabsChanged();
}

void LibraryPage::updateTabTitle(LibraryTab* tab)
{
    const int index = m_tabs->indexOf(tab);
    if (index < 0) {
        return;
    }
    // The unsaved marker: a bullet after the name, as editors do.
    m_tabs->setTabText(index, tab->isModified() ? tab->title() + QStringLiteral(" ●") : tab->title());
    m_tabs->setTabToolTip(index,
        tab->isNew() ? newTabToolTip()
                     : tr("%1, version %2%3")
                           .arg(tab->storedName())
                           .arg(tab->storedVersion())
                           .arg(tab->isModified() ? tr(" (unsaved changes)") : QString()));
}

void LibraryPage::updateTabsVisibility()
{
    m_tabs->setVisible(m_tabs->count() > 0);
    m_emptyEditor->setVisible(m_tabs->count() == 0);
}

bool LibraryPage::closeTab(int index)
{
    LibraryTab* tab = libraryTab(index);
    if (!tab) {
        return true;
    }
    if (tab->isModified()) {
        m_tabs->setCurrentIndex(index);
        const auto answer = Dialogs::question(this, tr("Unsaved Changes"),
            tr("“%1” has changes that are not saved. Save them as a new version?").arg(tab->title()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || answer == QMessageBox::NoButton) {
            return false;
        }
        if (answer == QMessageBox::Save && !saveLibraryTab(tab)) {
            return false;
        }
    }
    dropDraft(tab);
    m_tabs->removeTab(m_tabs->indexOf(tab));
    tab->deleteLater();
    tabsChanged();
    return true;
}

bool LibraryPage::maybeSaveAll()
{
    for (int i = m_tabs->count() - 1; i >= 0; --i) {
        if (libraryTab(i) && libraryTab(i)->isModified() && !closeTab(i)) {
            return false;
        }
    }
    return true;
}

void LibraryPage::saveDrafts()
{
    if (!m_workspace) {
        return;
    }
    for (int i = 0; i < m_tabs->count(); ++i) {
        LibraryTab* tab = libraryTab(i);
        if (!tab || !tab->isModified()) {
            continue;
        }
        QString key = m_draftKeys.value(tab);
        if (key.isEmpty()) {
            key = m_draftPrefix
                + (tab->isNew() ? QStringLiteral("new-") + QUuid::createUuid().toString(QUuid::WithoutBraces)
                                : QString::number(tab->storedId()));
            m_draftKeys.insert(tab, key);
        }
        const QByteArray json = QJsonDocument(tab->draftJson()).toJson(QJsonDocument::Compact);
        if (m_workspace->setting(key).toUtf8() != json) {
            if (auto r = m_workspace->setSetting(key, QString::fromUtf8(json)); !r) {
                emit statusMessage(tr("Cannot keep a draft of “%1”: %2").arg(tab->title(), r.errorString()));
            }
        }
    }
}

void LibraryPage::dropDraft(LibraryTab* tab)
{
    const QString key = m_draftKeys.take(tab);
    if (!key.isEmpty() && m_workspace) {
        (void)m_workspace->removeSetting(key);
    }
}

int LibraryPage::recoverDrafts()
{
    if (!m_workspace) {
        return 0;
    }
    int recovered = 0;
    for (const QString& key : m_workspace->settingKeys(m_draftPrefix)) {
        const QJsonDocument doc = QJsonDocument::fromJson(m_workspace->setting(key).toUtf8());
        LibraryTab* tab = recoverDraft(doc.object(), key);
        if (!tab) {
            continue;
        }
        m_draftKeys.insert(tab, key);
        updateTabTitle(tab);
        ++recovered;
    }
    tabsChanged();
    emit statusMessage(tr("Recovered %n draft(s): save them to keep them as versions", nullptr, recovered));
    return recovered;
}

void LibraryPage::showError(const QString& text)
{
    m_messageBar->showMessage(text, MessageBar::Type::Error);
    m_messageBar->show();
}

void LibraryPage::showInfo(const QString& text)
{
    m_messageBar->showMessage(text, MessageBar::Type::Info);
    m_messageBar->show();
}
