#pragma once

#include <QList>
#include <QString>

// One finding about a script's text: a danger rule match or a ShellCheck diagnostic (or, in the template editor, a
// template error). Positions are in the
// script's own terms: 1-based line, 1-based column counted in QString characters (UTF-16 code units, tabs count
// as one), and a length in characters on that line (at least 1). Editors turn them into markers and underlines;
// the CLI prints them as "FILE:LINE:COL: severity: message".
struct ScriptFinding {
    enum class Severity {
        Info, // ShellCheck info/style
        Warning, // danger rule "warn", ShellCheck warning
        Error, // ShellCheck error (does not block a run by itself)
        Block, // danger rule "block": must be acknowledged before the script can run
    };
    enum class Source { Danger, ShellCheck, Template }; // Template: a template's syntax or render error

    Source source = Source::Danger;
    Severity severity = Severity::Warning;
    int line = 1;
    int column = 1;
    int length = 1;
    QString code; // danger rule id ("rm-root") or ShellCheck code ("SC2086")
    QString message; // the explanation a person reads
    QString url; // ShellCheck wiki page (https://www.shellcheck.net/wiki/SC2086); empty for danger rules

    // "block", "warning", "error", "info": the word the CLI prints.
    static QString severityName(Severity severity);
    bool operator==(const ScriptFinding&) const = default;
};
using ScriptFindings = QList<ScriptFinding>;
