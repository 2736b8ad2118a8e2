#pragma once

#include <Qsci/qsciscintilla.h>

class QsciLexerYAML;

// A read-only (or editable) YAML text view with syntax highlighting, line numbers and folding, following the
// application palette so it reads well in light and dark themes. Used for variable layers.
class YamlView : public QsciScintilla {
    Q_OBJECT
public:
    explicit YamlView(QWidget* parent = nullptr);

    void setYaml(const QString& text);
    // Marks a problem in the text: the rest of `line` from `column` (1-based) is underlined and `message` shown in a
    // box under the line. clearProblem() removes it.
    void showProblem(int line, int column, const QString& message);
    void clearProblem();
    // The problem shown, "" when none (for tests).
    QString problem() const { return m_problem; }
    // Re-reads the application palette (call after a theme change).
    void applyPalette();

protected:
    void changeEvent(QEvent* event) override;

private:
    QsciLexerYAML* m_lexer = nullptr;
    QString m_problem;
    int m_problemLine = -1;
};
