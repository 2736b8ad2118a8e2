#pragma once

#include "scripts/ScriptFinding.h"
#include "scripts/ScriptLanguage.h"
#include "templates/JinjaSyntax.h"

#include <QCoreApplication>
#include <Qsci/qsciscintilla.h>
#include <array>
#include <functional>

class QsciLexer;
class QWidget;

// The script editor: QScintilla with the lexer of the script's language (bash and sh share the Bash lexer),
// line numbers, folding, brace matching, auto-indent and zoom, coloured from the theme so it reads well in light
// and dark. Danger-rule and ShellCheck findings show as a marker in a margin of their own and an underline on the
// text they are about; hovering either shows what was found. The two sources are kept apart so each can be
// refreshed on its own schedule.
class ScriptEditor : public QsciScintilla {
    Q_OBJECT
public:
    // Marker numbers in the findings margin, one per severity (folding uses 25-31; DiffView uses 16-19).
    static constexpr int FirstFindingMarker = 20;
    // Indicator numbers for finding underlines (16-27): one per source and severity, so that replacing one source's
    // findings leaves the other's underlines where editing has moved them.
    static constexpr int FirstFindingIndicator = 16;
    // The margins, left to right.
    enum Margin { LineNumberMargin = 0, FindingMargin = 1, FoldMargin = 2 };

    explicit ScriptEditor(QWidget* parent = nullptr);

    void setLanguage(ScriptLanguage language);
    ScriptLanguage language() const { return m_language; }
    // Makes this a template editor: the JinjaLexer over the given file syntax (instead of a script language).
    void setTemplateSyntax(JinjaSyntax::FileSyntax syntax);
    bool isTemplateEditor() const { return m_template; }

    // Extra hover text (rich text) for a 1-based line and QString column, shown after any findings there (the
    // template editor says what a variable is for the chosen host). Empty text adds nothing.
    void setHoverTextProvider(std::function<QString(int line, int column)> provider);
    // What hovering at a 1-based line and column shows: findings there, then the provider's text.
    QString hoverTextAt(int line, int column) const;

    // Replaces the findings of one source; the other source's stay. Positions refer to the current text (set the
    // text first): 1-based line, 1-based column and length in QString characters.
    void setFindings(ScriptFinding::Source source, const ScriptFindings& findings);
    ScriptFindings findings(ScriptFinding::Source source) const;
    int findingCount(ScriptFinding::Source source) const;
    // The tooltip (rich text) for the findings at a 1-based line and 1-based QString column; column 0 means the
    // whole line, as when hovering the marker margin. Empty when there is nothing there.
    QString findingsToolTipAt(int line, int column) const;

    // The marker and indicator numbers used for a severity (for tests and for the legend).
    static int markerFor(ScriptFinding::Severity severity);
    static int indicatorFor(ScriptFinding::Source source, ScriptFinding::Severity severity);

    // Moves the cursor to a 1-based line (clamped), shows it near the middle and gives the editor focus.
    void goToLine(int line);

    // The byte position in the document of a 1-based line and 1-based QString column (QScintilla positions are
    // UTF-8 byte offsets); clamped to the line's end.
    int positionFromLineColumn(int line, int column) const;

    // Documents larger than this many bytes are shown without brace matching, which would otherwise scan megabytes
    // on caret moves next to an unmatched brace (see the .cpp for the measurements). Applied on every text change.
    static constexpr int LargeDocumentBytes = 4 * 1024 * 1024;
    void updateLargeDocumentMode();
    bool isLargeDocumentMode() const { return m_largeDocument; }

public slots:
    // Zoom in and out are QsciScintilla's zoomIn()/zoomOut() (Ctrl++ and Ctrl+-); this is Ctrl+0.
    void resetZoom();
    // Re-reads the palette and the theme's colour roles.
    void applyTheme();

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    struct Placed {
        ScriptFinding finding;
        int markerHandle = -1;
    };

    QList<Placed>& placed(ScriptFinding::Source source);
    const QList<Placed>& placed(ScriptFinding::Source source) const;
    void clearFindings(ScriptFinding::Source source);
    void placeFinding(Placed& placed);
    void defineFindingMarkers();
    void updateLineNumberMarginWidth();
    void applyLexerColours();
    // Replaces the lexer (deleting the old one) and re-applies the theme.
    void installLexer(QsciLexer* lexer);
    // The finding's current 0-based line: where its marker has moved with editing, else where it was reported.
    int currentLine(const Placed& placed) const;
    QString toolTipAtPoint(const QPoint& point) const;

    ScriptLanguage m_language = ScriptLanguage::Bash;
    QsciLexer* m_lexer = nullptr;
    std::array<QList<Placed>, 3> m_findings;
    std::function<QString(int, int)> m_hoverText;
    bool m_template = false;
    int m_lineNumberDigits = 0;
    bool m_largeDocument = false;
    bool m_applyingTheme = false;
};

// Asks for a line number (1 to the editor's line count) and goes there; false when cancelled. Ctrl+G opens it.
class GoToLineDialog {
    Q_DECLARE_TR_FUNCTIONS(GoToLineDialog)
public:
    static bool ask(QWidget* parent, ScriptEditor* editor);
};
