#pragma once

#include "templates/JinjaSyntax.h"

#include <QList>
#include <Qsci/qscilexercustom.h>
#include <utility>

// Highlights Jinja2 templates over the syntax of the file they produce: {{ }}, {% %} and {# #} regions with their
// keywords, strings, numbers, variables, filters and tests on a tinted background, and the text around them as the
// destination's file syntax (JinjaSyntax::FileSyntax: comments, keys, sections of ini/conf/yaml/shell-like files).
// Restyles a line at a time: each line's state (inside a tag that continues, or not) is kept as Scintilla's line
// state, so an edit restyles from its line only. Colours are theme roles (styleRoles()), applied by ScriptEditor.
class JinjaLexer : public QsciLexerCustom {
    Q_OBJECT
public:
    // One style per JinjaSyntax::Kind (same numbers), plus the space inside a tag.
    enum Style { TagSpace = int(JinjaSyntax::Kind::Comment) + 1, StyleCount };

    explicit JinjaLexer(QObject* parent = nullptr);

    void setFileSyntax(JinjaSyntax::FileSyntax syntax);
    JinjaSyntax::FileSyntax fileSyntax() const { return m_syntax; }

    const char* language() const override;
    QString description(int style) const override;
    void styleText(int start, int end) override;

    // Style → theme colour role; and the styles drawn on the tag background ("syntax.template").
    static QList<std::pair<int, QString>> styleRoles();
    static bool isTagStyle(int style);
    static bool isBoldStyle(int style);

private:
    JinjaSyntax::FileSyntax m_syntax = JinjaSyntax::FileSyntax::Plain;
};
