#pragma once

#include "core/TextDiff.h"
#include "scripts/ScriptLanguage.h"
#include "templates/JinjaSyntax.h"

#include <QWidget>
#include <functional>

class QLabel;
class QToolButton;
class ScriptEditor;

// Two versions of a script side by side: read-only panes with the script's lexer, aligned line for line (a blank
// filler where one side has no line), removed lines tinted on the left, added on the right, changed on both.
// The panes scroll and zoom together; next/previous jump between changes.
class DiffView : public QWidget {
    Q_OBJECT
public:
    // Line background markers (ScriptEditor's finding markers are 20-23, folding 25-31).
    enum Marker { RemovedMarker = 16, AddedMarker = 17, ChangedMarker = 18, FillerMarker = 19 };

    explicit DiffView(QWidget* parent = nullptr);

    // Shows the two texts; titles head the panes ("Version 3 — 2026-11-22 10:14 — alice").
    void setTexts(const QString& oldText, const QString& newText, ScriptLanguage language, const QString& oldTitle,
        const QString& newTitle);
    // The same for two templates (or two rendered outputs: FileSyntax only, no tags in them), with the Jinja lexer.
    void setTemplateTexts(const QString& oldText, const QString& newText, JinjaSyntax::FileSyntax syntax,
        const QString& oldTitle, const QString& newTitle);

    // Changes are runs of adjacent non-equal rows.
    int changeCount() const { return int(m_changes.size()); }
    // The 0-based index of the change last jumped to, -1 before the first jump.
    int currentChange() const { return m_current; }
    // The aligned rows (one per line of each pane) and the first row of each change.
    const QList<TextDiff::SideBySideRow>& rows() const { return m_rows; }
    QList<int> changeRows() const;

    ScriptEditor* oldEditor() const { return m_old; }
    ScriptEditor* newEditor() const { return m_new; }

public slots:
    // Scroll both panes to the next/previous change, wrapping around; false when there are no changes.
    bool nextChange();
    bool previousChange();

signals:
    void currentChangeChanged(int index, int count);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Change {
        int firstRow = 0;
        int rowCount = 0;
    };

    void applyTheme();
    void showTexts(const QString& oldText, const QString& newText, const std::function<void(ScriptEditor*)>& setSyntax,
        const QString& oldTitle, const QString& newTitle);
    void goToChange(int index);
    void updateNavigation();
    static void setupPane(ScriptEditor* pane);

    ScriptEditor* m_old = nullptr;
    ScriptEditor* m_new = nullptr;
    QLabel* m_oldTitle = nullptr;
    QLabel* m_newTitle = nullptr;
    QLabel* m_position = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QList<TextDiff::SideBySideRow> m_rows;
    QList<Change> m_changes;
    int m_current = -1;
    bool m_syncing = false;
};
