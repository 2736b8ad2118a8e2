#pragma once

#include <QHash>
#include <QList>
#include <QWidget>
#include <functional>

class LibraryTab;
class MessageBar;
class QAbstractItemView;
class QAction;
class QLabel;
class QSplitter;
class QTabWidget;
class QTimer;
class Workspace;

// What the library pages (Scripts, Templates) share: a message bar over a splitter with the library on the left and
// tabs of open items on the right (an explanation when none is open); actions with shortcuts for the menus and the
// palette; tab titles with an unsaved marker; closing a modified tab asks to save it as a new version; and unsaved
// edits kept as drafts in the workspace settings (`<prefix><id or new-uuid>`) every few seconds, offered back after a
// crash. Subclasses build the library side, save tabs through their store and reopen drafts.
class LibraryPage : public QWidget {
    Q_OBJECT
public:
    QList<QAction*> actions() const { return m_actions; }
    QAction* action(const QString& objectName) const;
    QTabWidget* tabs() const { return m_tabs; }
    MessageBar* messageBar() const { return m_messageBar; }

    // Closes a tab, asking about unsaved changes. False when the user kept it open.
    bool closeTab(int index);
    // Asks about every unsaved tab (window closing). False when the user cancelled.
    bool maybeSaveAll();
    // Keeps the drafts of modified tabs in the workspace now (also done on a timer).
    void saveDrafts();
    // Opens tabs for the drafts left by a session that ended without saving them. Returns how many.
    int recoverDrafts();

signals:
    void statusMessage(const QString& message);

protected:
    LibraryPage(Workspace* workspace, const QString& draftPrefix, const QString& tabIcon, QWidget* parent);

    // Lays out the message bar and the splitter with `library` beside the tabs (call once, from the constructor).
    void buildFrame(QWidget* library, const QString& splitterName, const QString& tabsName);
    // Offers the drafts of the last session in the message bar (when there are any).
    void offerDrafts(const QString& text);
    // Enter in `view` opens the current item (openCurrent()).
    void openOnEnter(QAbstractItemView* view);
    QAction* makeAction(const QString& name, const QKeySequence& shortcut, const std::function<void()>& handler);
    // Sets each action's text and a tooltip without the mnemonic and ellipsis.
    void setActionTexts(const QList<QPair<const char*, QString>>& texts);

    LibraryTab* libraryTab(int index) const;
    int tabIndexOfId(qint64 id) const;
    // Makes the open tab of the stored item `id` current and returns it; nullptr when it is not open.
    LibraryTab* showOpenTab(qint64 id);
    void addLibraryTab(LibraryTab* tab);
    void updateTabTitle(LibraryTab* tab);
    // Shows the tabs, or the explanation when none is open.
    void updateTabsVisibility();
    void dropDraft(LibraryTab* tab);
    void showError(const QString& text);
    void showInfo(const QString& text);

    virtual bool saveLibraryTab(LibraryTab* tab) = 0;
    virtual QString newTabToolTip() const = 0;
    virtual void openCurrent() = 0;
    // Opens a tab for a draft; nullptr when it cannot (the reason shown).
    virtual LibraryTab* recoverDraft(const QJsonObject& draft, const QString& key) = 0;
    // The set of tabs or the current one changed (enable actions).
    virtual void tabsChanged() { }

    bool eventFilter(QObject* watched, QEvent* event) override;

    Workspace* m_workspace = nullptr;
    MessageBar* m_messageBar = nullptr;
    QSplitter* m_splitter = nullptr;
    QTabWidget* m_tabs = nullptr;
    QWidget* m_emptyEditor = nullptr;
    QLabel* m_emptyEditorLabel = nullptr;

private:
    QString m_draftPrefix;
    QString m_tabIcon;
    QTimer* m_draftTimer = nullptr;
    QHash<LibraryTab*, QString> m_draftKeys;
    QAbstractItemView* m_openOnEnter = nullptr;
    QList<QAction*> m_actions;
    QHash<QString, QAction*> m_actionByName;
};
