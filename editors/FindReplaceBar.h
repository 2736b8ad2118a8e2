#pragma once

#include <QList>
#include <QRegularExpression>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QToolButton;
class QsciScintilla;

// The inline find/replace bar under an editor (as in Kate and Qt Creator, not a dialog): find field, replace field
// in replace mode, regular expression / match case / whole word, "3 of 17" and an inline error for an invalid
// regular expression. Searching uses QRegularExpression (Perl syntax, the same engine that validates the pattern)
// over the editor's text, so the count, the highlighted match and the replacement all agree; replacements may use
// \0-\9 for the whole match and capture groups. Replace All is one undo step.
//
// Keys: Ctrl+F and Ctrl+H on the editor open it; Enter/F3 next, Shift+Enter/Shift+F3 previous; Esc closes it and
// gives the editor the focus back.
class FindReplaceBar : public QWidget {
    Q_OBJECT
public:
    // The indicator that marks every match in the editor while the bar is open.
    static constexpr int MatchIndicator = 15;

    explicit FindReplaceBar(QsciScintilla* editor, QWidget* parent = nullptr);

    QsciScintilla* editor() const { return m_editor; }

    void setFindText(const QString& text);
    QString findText() const;
    void setReplaceText(const QString& text);
    QString replaceText() const;
    void setRegularExpression(bool on);
    void setCaseSensitive(bool on);
    void setWholeWord(bool on);
    bool isReplaceMode() const;

    // Matches of the current pattern in the editor's text, and the 0-based index of the one that is selected
    // (-1 when the selection is not a match).
    int matchCount();
    int currentMatch();
    // What the counter shows: "3 of 17", "17 matches", "No matches".
    QString counterText() const;
    // The message shown for an invalid regular expression; empty when the pattern is fine.
    QString errorText() const;

    // Widgets for tests and for the owner's focus chain.
    QLineEdit* findField() const { return m_find; }
    QLineEdit* replaceField() const { return m_replace; }

public slots:
    // Opens in find mode with the selection (if on one line) as the pattern, and focuses the find field.
    void showFind();
    // Opens in replace mode.
    void showReplace();
    // Hides the bar, clears the match highlights and returns focus to the editor (Esc).
    void closeBar();
    // Select the next/previous match from the cursor, wrapping around; false when there is none.
    bool findNext();
    bool findPrevious();
    // Replaces the selected match and selects the next one (or selects the next match when none is selected).
    bool replaceCurrent();
    // Replaces every match in one undo step; returns how many.
    int replaceAll();

signals:
    void closed();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Match {
        qsizetype start = 0; // in QString characters
        qsizetype length = 0;
        int byteStart = 0; // in the editor's UTF-8 positions
        int byteEnd = 0;
    };

    void setMode(bool replace);
    void invalidate();
    // Recomputes the matches if the pattern, options or text changed since the last time.
    void refresh();
    QRegularExpression compiledPattern(QString* error) const;
    int matchAtSelection();
    void select(int index);
    QString expandReplacement(const QRegularExpressionMatch& match) const;
    void updateCounter();
    void applyTheme();
    void highlightMatches();
    void clearHighlights();

    QsciScintilla* m_editor = nullptr;
    QLineEdit* m_find = nullptr;
    QLineEdit* m_replace = nullptr;
    QToolButton* m_regex = nullptr;
    QToolButton* m_case = nullptr;
    QToolButton* m_word = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QToolButton* m_close = nullptr;
    QPushButton* m_replaceOne = nullptr;
    QPushButton* m_replaceAll = nullptr;
    QLabel* m_counter = nullptr;
    QLabel* m_error = nullptr;
    QWidget* m_replaceRow = nullptr;
    QTimer* m_refreshTimer = nullptr;

    bool m_dirty = true;
    QString m_errorText;
    QString m_text; // the editor's text the matches were found in
    QList<Match> m_matches;
    bool m_truncated = false;
    int m_current = -1;
    QString m_status; // a transient note ("Replaced 4") shown instead of the count until the next search
};
