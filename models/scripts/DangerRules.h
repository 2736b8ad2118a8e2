#pragma once

#include "core/Result.h"
#include "scripts/ScriptFinding.h"
#include "scripts/ScriptLanguage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

// One pattern that marks a line of a script as dangerous (rm -rf /, mkfs, dd to a disk…). A "block" match must be
// acknowledged before the script runs; a "warn" match is shown in the editor only.
struct DangerRule {
    QString id; // stable key, also the finding's code ("rm-root")
    QStringList languages; // ScriptLanguages::name() values the rule applies to; empty = every language
    // A Perl-compatible regular expression (QRegularExpression), matched with MultilineOption (^ and $ are line
    // boundaries). Use (?i) for case-insensitive rules and \h rather than \s so that a match stays on its line.
    QString pattern;
    // Only matches that start where a shell command starts count: at the start of a line, after ; & | ( { ` !, after
    // words that run their arguments (sudo, env A=1, then, do, nohup, timeout 10, bash -c, ssh host…) or at the start
    // of a quoted string given to one of those or to a function call (os.system("…")). This keeps `echo mkfs`,
    // `grep shutdown log` and `man rm` quiet. The regular expression describes the command from its name on.
    bool command = false;
    ScriptFinding::Severity severity = ScriptFinding::Severity::Warning; // Warning or Block
    QString explanation; // why it is dangerous and what to do instead, one or two sentences
    bool builtin = false; // the rule's id is one of defaults()
    bool enabled = true;

    bool appliesTo(ScriptLanguage language) const;
    bool operator==(const DangerRule&) const = default;
};

// The danger check of scripts: the built-in rules, user rules layered over them, and the matching itself.
//
// Matching is per line. Comments are not checked: a line whose first non-blank character is `#` is skipped, and
// the rest of a line from a `#` that starts a comment (outside quotes; for shell and Perl only at the start of a
// word, so `$#` and `${#x}` are code) is ignored. A command after code on the same line (`cd /; rm -rf /`) is
// checked. Text inside string literals is checked: `os.system("rm -rf /")` must be caught, so `echo "mkfs"` can
// be flagged too when the word is where a command could be.
class DangerRules {
public:
    static QList<DangerRule> defaults();

    // Whether `pattern` can be a rule's pattern: a valid regular expression that does not match an empty string
    // (it would flag every line). The error's column is the 1-based position of the problem in the pattern.
    static Result<void> validatePattern(const QString& pattern);

    // The matches of the enabled rules that apply to `language`, sorted by line and column. Rules with an invalid
    // pattern are skipped (validate them when they are entered). Compiles each pattern once per call; a 5 MB
    // script is checked in a fraction of a second.
    static ScriptFindings check(const QString& text, ScriptLanguage language, const QList<DangerRule>& rules);

    // The effective rule list: `defaults` in their order, each replaced by the user rule with the same id (which
    // keeps builtin = true so that a UI can offer "reset"), then the user rules with new ids in their order
    // (builtin = false). Disabling a built-in rule is a user rule with its id and enabled = false.
    static QList<DangerRule> merged(const QList<DangerRule>& defaults, const QList<DangerRule>& userRules);

    // JSON form for workspace settings: an array of objects {"id", "languages", "pattern", "command", "severity"
    // ("warn" or "block"), "explanation", "enabled", and "builtin" when true}. Only id, pattern and severity are
    // required when reading.
    static QJsonArray toJsonArray(const QList<DangerRule>& rules);
    static Result<QList<DangerRule>> fromJsonArray(const QJsonArray& array);
    static QByteArray toJson(const QList<DangerRule>& rules);
    // Errors name the line and column of a syntax error, or the rule (index and id) and field that is wrong.
    static Result<QList<DangerRule>> fromJson(const QByteArray& json);
};
