#pragma once

#include <QFrame>
#include <QList>
#include <QPointer>
#include <QString>

class QAction;
class QLineEdit;
class QTreeWidget;

// The command palette (Ctrl+K): a frameless popup over every action of a window. Typing filters the list —
// substring matches first (word starts rank higher), then fuzzy subsequence matches — arrows move, Enter runs
// the chosen action, Escape closes. Actions disabled at the moment are listed greyed out and cannot be run, so
// the palette also teaches what exists. The owner hands in the entries each time it opens, so labels, enabled
// state and shortcuts are always current.
class CommandPalette : public QFrame {
    Q_OBJECT
public:
    struct Entry {
        QPointer<QAction> action;
        QString label; // e.g. "Go to Jobs" or "View › Theme: Dark"
    };

    explicit CommandPalette(QWidget* parent);

    void setEntries(const QList<Entry>& entries);
    // Shows the palette near the top of the parent window with an empty query and the focus in the line edit.
    void popup();

    QLineEdit* lineEdit() const { return m_edit; }
    QTreeWidget* list() const { return m_list; }
    // Labels of the entries shown for the current query, best match first.
    QStringList visibleLabels() const;

    // How well `query` matches `text`: -1 for no match, otherwise higher is better. Every whitespace-separated
    // word of the query must match (substring or, failing that, in-order subsequence).
    static int matchScore(const QString& query, const QString& text);

signals:
    // Emitted just before the action is triggered (after the palette closed).
    void actionChosen(QAction* action);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void refilter();
    void fitHeight();
    void runCurrent();
    void applyColours();

    QLineEdit* m_edit = nullptr;
    QTreeWidget* m_list = nullptr;
    QList<Entry> m_entries;
};
