#pragma once

#include <QList>
#include <QString>
#include <optional>

// A light scanner for highlighting and hovering Jinja2 templates (not the engine's lexer: it never fails, works a
// line at a time with a carried state so that an editor can restyle from any line, and also classifies the text
// around the tags by the syntax of the file the template produces). Columns are QString offsets.
namespace JinjaSyntax {

// The syntax of the rendered file, from the destination's name: what the text outside the tags is coloured as.
enum class FileSyntax {
    Plain,
    KeyValue, // ini, conf (nginx, sysctl, systemd units …), properties: "#"/";" comments, [sections], keys
    Yaml, // "#" comments, "key:" keys, "- " items
    Shell, // "#" comments, NAME= assignments
};
FileSyntax fileSyntaxFor(const QString& destination);

enum class Kind {
    Text, // plain text of the file
    FileComment,
    FileKey,
    FileSection,
    Delimiter, // {{ }} {% %} and their -/+ forms
    Keyword, // if, for, endfor, set, in, and, not, is …
    Variable, // a name read from the context or set in the template
    Attribute, // .name after a variable
    Filter, // the name after |
    Test, // the name after is
    String,
    Number,
    Operator,
    Comment, // {# … #}, delimiters included
};

struct Token {
    int start = 0;
    int length = 0;
    Kind kind = Kind::Text;
};

// What a line starts inside of: a tag that continues from an earlier line, or nothing.
enum class State { Text = 0, Expression = 1, Statement = 2, Comment = 3 };

// Scans one line (without its line break) that starts in `state`; returns its tokens in order (covering the whole
// line) and sets `*endState` to what the next line starts in.
QList<Token> scanLine(const QString& line, State state, FileSyntax syntax, State* endState);

// A variable reference inside a tag: `root` is the context name, `path` the dotted chain up to the hovered part
// ("region.dns" when hovering dns in {{ region.dns[0] }}). Lines and columns are 1-based.
struct VariableRef {
    QString root;
    QString path;
    int line = 0;
    int column = 0; // of the hovered name
    int length = 0;
};
std::optional<VariableRef> variableAt(const QString& source, int line, int column);

} // namespace JinjaSyntax
