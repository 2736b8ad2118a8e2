#include "DangerRules.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace {

using Severity = ScriptFinding::Severity;

// Building blocks of the built-in patterns. They are spelled out in each rule's pattern (not referenced) so that a
// rule stored in the settings is self-contained.

// An optional directory or backslash before a command word (/bin/rm, /usr/sbin/reboot, \rm).
const QString bin = QStringLiteral(R"((?:(?:/usr)?/s?bin/|\\)?)");
// The end of a command word or argument.
const QString end = QStringLiteral(R"((?=$|[\h;&|)}`"'<>]))");
// The arguments of a command up to (lazily) the one the rule is about.
const QString args = QStringLiteral(R"((?:\h+[^\s;&|<>]{1,200}){0,30}?\h+)");
// Top-level system directories: deleting or re-permissioning one of them breaks the host.
const QString systemDir
    = QStringLiteral("(?:bin|boot|dev|etc|home|lib|lib32|lib64|opt|proc|root|sbin|srv|sys|usr|var)");
// Whole block devices (disks, partitions, md/dm devices).
const QString blockDevice
    = QStringLiteral(R"(/dev/(?:sd[a-z]|nvme\d|vd[a-z]|xvd[a-z]|hd[a-z]|mmcblk\d|md\d|dm-\d|mapper/|disk/))");
// Lookahead: the command (up to the next separator) has a recursive option.
QString recursive(const QString& letters)
{
    return QStringLiteral(R"((?=[^;&|\n]{0,400}?\h(?:-[a-zA-Z]*[%1]|--recursive\b)))").arg(letters);
}

DangerRule rule(const QString& id, Severity severity, const QString& pattern, const QString& explanation,
    const QStringList& languages = {})
{
    DangerRule r;
    r.id = id;
    r.languages = languages;
    r.pattern = pattern;
    r.severity = severity;
    r.explanation = explanation;
    r.builtin = true;
    return r;
}

DangerRule commandRule(const QString& id, Severity severity, const QString& pattern, const QString& explanation)
{
    DangerRule r = rule(id, severity, pattern, explanation);
    r.command = true;
    return r;
}

bool isSeparator(char16_t c)
{
    return c == u';' || c == u'&' || c == u'|' || c == u'(' || c == u'{' || c == u'`' || c == u'!';
}

// Whether `position` in `text` (on the line starting at `lineStart`) is where a command starts: what stands between
// the last separator (; & && | || ( $( { ` !) or the line start and `position` must be blanks, an optional quote
// (os.system("…"), bash -c '…') and words that run their arguments as a command (sudo -u root, env A=1, then, do,
// nohup, timeout 10, ssh host…). A separator inside quotes counts too: `ssh host "cd /; rm -rf /"` is caught.
bool startsCommand(const QString& text, qsizetype lineStart, qsizetype position)
{
    const char16_t* data = reinterpret_cast<const char16_t*>(text.constData());
    // A real wrapper chain is short; the limit keeps a huge one-line file from costing quadratic time.
    constexpr qsizetype maxPrefix = 512;
    qsizetype from = position;
    while (from > lineStart && !isSeparator(data[from - 1])) {
        if (position - from >= maxPrefix) {
            return false;
        }
        --from;
    }
    const QStringView before = QStringView(text).mid(from, position - from);
    if (before.trimmed().isEmpty()) {
        return true;
    }
    static const QRegularExpression prefix(QStringLiteral(
        R"(^\h*(?:\[\h*)?["']?\h*)"
        R"((?:(?:(?:sudo|doas)(?:\h+(?:-[ugCDhprTU]\h*[^\h-]\S*|-{1,2}[\w=-]+))*)"
        R"(|env(?:\h+(?:-\S+|\w+=\S*))*)"
        R"(|\w+=(?:"[^"]*"|'[^']*'|\S*))"
        R"(|(?:then|do|else|if|elif|while|until|nohup|exec|command|builtin|eval|time|nice|ionice|xargs|stdbuf|setsid))"
        R"((?:\h+-{1,2}[\w=-]+(?:\h+\d+)?)*)"
        R"(|timeout(?:\h+-\S+)*\h+\d+[smhd]?)"
        R"(|(?:ba|da|z|k)?sh(?:\h+-[a-z]+)*?\h+-[a-z]*c[a-z]*)"
        R"(|ssh(?:\h+-[46AaCfGgKkMNnqsTtVvXxYy]+|\h+-[BbcDEeFIiJLlmOopQRSWw]\h*[^\h-]\S*)*\h+[\w.@-]+))"
        R"(\h+["']?\h*)*$)"));
    return prefix.match(before).hasMatch();
}

// Where the comment starts in `line` (the line's length when there is none). Quotes are tracked within the line
// only. For Python any `#` outside a string starts a comment; for shell and Perl only one at the start of a word,
// so that `$#`, `${#x}` and `s#a#b#` stay code.
qsizetype commentStart(const char16_t* line, qsizetype size, ScriptLanguage language)
{
    // Plain char16_t comparisons: this runs over every character of the script, also in unoptimised builds.
    const bool shell = language == ScriptLanguage::Bash || language == ScriptLanguage::Sh;
    const bool anywhere = language == ScriptLanguage::Python;
    char16_t quote = 0;
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = line[i];
        if (quote != 0) {
            if (c == u'\\' && !(shell && quote == u'\'')) {
                ++i; // escaped character
            } else if (c == quote) {
                quote = 0;
            }
        } else if (c == u'\\') {
            ++i;
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'#') {
            if (anywhere || i == 0) {
                return i;
            }
            const char16_t before = line[i - 1];
            if (before == u' ' || before == u'\t' || before == u';' || before == u'&' || before == u'|'
                || before == u'(' || before == u')' || before == u'<' || before == u'>') {
                return i;
            }
        }
    }
    return size;
}

QString severityWord(Severity severity)
{
    return severity == Severity::Block ? QStringLiteral("block") : QStringLiteral("warn");
}

QString ruleName(qsizetype index, const QString& id)
{
    return id.isEmpty() ? QStringLiteral("rule %1").arg(index + 1)
                        : QStringLiteral("rule %1 (\"%2\")").arg(index + 1).arg(id);
}

} // namespace

bool DangerRule::appliesTo(ScriptLanguage language) const
{
    return languages.isEmpty() || languages.contains(ScriptLanguages::name(language));
}

QList<DangerRule> DangerRules::defaults()
{
    const QString rm = bin + QStringLiteral("rm") + recursive(QStringLiteral("rR")) + args;
    const QString rootTarget
        = QStringLiteral(R"((?<q>["']?)(?:/\*?|/%1/?\*?|~/?\*?|\$\{?HOME\}?/?\*?)\k<q>)").arg(systemDir) + end;
    const QString sh = ScriptLanguages::name(ScriptLanguage::Sh);
    const QString bash = ScriptLanguages::name(ScriptLanguage::Bash);

    return {
        commandRule(QStringLiteral("rm-root"), Severity::Block, rm + rootTarget,
            QStringLiteral("Recursively deletes the root file system, a top-level system directory or the home "
                           "directory, which destroys the host; delete the specific subdirectory you mean instead.")),
        commandRule(QStringLiteral("rm-no-preserve-root"), Severity::Block,
            bin + QStringLiteral(R"(rm\h[^;&|\n]{0,400}?--no-preserve-root\b)"),
            QStringLiteral("--no-preserve-root switches off rm's last safeguard against deleting /; remove the "
                           "option and name the directory to delete.")),
        commandRule(QStringLiteral("rm-empty-var"), Severity::Block,
            rm + QStringLiteral(R"re("?\$(?!\{?HOME\b)(?:\{\w+\}|\w+)"?/\*?"?)re") + end,
            QStringLiteral("If the variable is empty or unset this deletes from the root directory (rm -rf /*); "
                           "write \"${DIR:?}\"/ so that the shell stops when it is empty.")),
        commandRule(QStringLiteral("mkfs"), Severity::Block, bin + QStringLiteral(R"((?:mkfs(?:\.\w+)?|mke2fs))") + end,
            QStringLiteral("Creating a file system erases everything on the device; double-check the device name "
                           "(lsblk) and run it by hand rather than from a script sent to many hosts.")),
        commandRule(QStringLiteral("dd-device"), Severity::Block,
            bin + QStringLiteral(R"(dd\h[^;&|\n]{0,400}?\bof=["']?)") + blockDevice,
            QStringLiteral("dd writing to a disk device overwrites its partition table and file systems; write to an "
                           "image file, or verify the target device first.")),
        rule(QStringLiteral("fork-bomb"), Severity::Block,
            QStringLiteral(
                R"((?<![\w:])(?<f>:|\w+)\h*\(\h*\)\h*\{\h*\k<f>\h*\|\h*\k<f>\h*&\h*;?\h*\}\h*;\h*\k<f>(?![\w:]))"),
            QStringLiteral("This is a fork bomb: it starts processes until the host stops responding; remove it."),
            { bash, sh }),
        commandRule(QStringLiteral("chmod-root"), Severity::Block,
            bin + QStringLiteral("chmod") + recursive(QStringLiteral("R")) + args
                + QStringLiteral(R"((?<q>["']?)(?:/\*?|/%1/?\*?)\k<q>)").arg(systemDir) + end,
            QStringLiteral("Recursively changing the permissions of / or a system directory breaks sudo, ssh and "
                           "many services; change only the directory of your application.")),
        commandRule(QStringLiteral("chown-root"), Severity::Block,
            bin + QStringLiteral("ch(?:own|grp)") + recursive(QStringLiteral("R")) + args
                + QStringLiteral(R"((?<q>["']?)(?:/\*?|/%1/?\*?)\k<q>)").arg(systemDir) + end,
            QStringLiteral("Recursively changing the owner of / or a system directory breaks sudo, ssh and many "
                           "services; change only the directory of your application.")),
        commandRule(QStringLiteral("firewall-flush"), Severity::Block,
            bin
                + QStringLiteral(R"((?:ip6?tables(?:-legacy|-nft)?(?=[^;&|\n]{0,400}?\h(?:-F|--flush)(?:$|[\h;&|]))|)"
                                 R"(nft\h+(?:-\S+\h+)*flush\h+ruleset\b))"),
            QStringLiteral("Flushing the firewall rules can lock you out (when the default policy drops) or expose "
                           "every service; change single rules, or load a complete rule set atomically.")),
        rule(QStringLiteral("write-block-device"), Severity::Block, QStringLiteral(R"(>\h*["']?)") + blockDevice,
            QStringLiteral("Redirecting output to a disk device overwrites its partition table and file systems; "
                           "redirect to a file instead.")),
        commandRule(QStringLiteral("wipefs"), Severity::Block,
            bin + QStringLiteral(R"(wipefs(?=[^;&|\n]{0,400}?\h(?:-[a-zA-Z]*[ao]|--all\b|--offset\b)))"),
            QStringLiteral("wipefs erases the file system and partition-table signatures of a device, making its data "
                           "unreachable; check the device name and run it by hand.")),
        rule(QStringLiteral("sql-drop-database"), Severity::Block,
            QStringLiteral(R"((?i)\bdrop\h+(?:database|schema)\b)"),
            QStringLiteral(
                "DROP DATABASE deletes a whole database irrevocably; take a backup first and drop it by hand "
                "on the one server you mean.")),
        rule(QStringLiteral("sql-drop-table"), Severity::Warning,
            QStringLiteral(R"((?i)\b(?:drop|truncate)\h+table\b)"),
            QStringLiteral("DROP TABLE and TRUNCATE TABLE delete data irrevocably; make sure a backup exists and that "
                           "the statement targets the right server.")),
        commandRule(QStringLiteral("shutdown-reboot"), Severity::Warning,
            bin
                + QStringLiteral(R"((?:shutdown|reboot|halt|poweroff|(?:tel)?init\h+[06]|)"
                                 R"(systemctl\h+(?:-\S+\h+)*(?:reboot|poweroff|halt|kexec|rescue|emergency)))")
                + end,
            QStringLiteral("This takes the host down and ends your session; stagger it across hosts and make sure the "
                           "services on them can fail over.")),
        commandRule(QStringLiteral("partition-table"), Severity::Warning,
            bin
                + QStringLiteral(
                    R"((?:[cs]?fdisk|s?gdisk|parted)(?![^;&|\n]{0,400}?\h(?:-l|--list|-p|--print|--dump|print)(?:$|[\h;&|])))")
                + end,
            QStringLiteral("Partitioning tools can rewrite the partition table; make sure the device is the one you "
                           "mean and that the script only lists (-l, print) where that is what you want.")),
        commandRule(QStringLiteral("ssh-stop"), Severity::Warning,
            bin
                + QStringLiteral(R"((?:systemctl\h+(?:-\S+\h+)*(?:stop|disable|mask|kill)\h+(?:-\S+\h+)*)"
                                 R"((?:[\w@.-]+\h+){0,20}?(?:sshd?|openssh-server)(?:\.service|\.socket)?)"
                                 R"(|service\h+sshd?\h+stop|/etc/init\.d/sshd?\h+stop))")
                + end,
            QStringLiteral("Stopping the SSH server cuts off remote access to the host, including this console's; use "
                           "restart or reload instead.")),
        commandRule(QStringLiteral("network-down"), Severity::Warning,
            bin
                + QStringLiteral(R"((?:ifdown\h+\S|ip\h+link\h+set\h+(?:dev\h+)?\S+\h+down\b)"
                                 R"(|systemctl\h+(?:-\S+\h+)*(?:stop|disable|mask)\h+(?:-\S+\h+)*)"
                                 R"((?:networking|NetworkManager|systemd-networkd)(?:\.service)?\b))"),
            QStringLiteral("Taking a network interface down can cut off remote access to the host; schedule a revert "
                           "(for example with at or a timer) before doing it remotely.")),
        commandRule(QStringLiteral("kill-all"), Severity::Warning,
            bin + QStringLiteral(R"((?:kill\h+(?:-s\h+\w+\h+|-\S+\h+)+(?:--\h+)?-1)") + end
                + QStringLiteral(R"(|killall5?\h+[^\h;&|]))"),
            QStringLiteral("This kills every process you may signal (kill -1) or every process with a name (killall), "
                           "including shells and services; kill the specific process IDs instead.")),
        rule(QStringLiteral("curl-pipe-shell"), Severity::Warning,
            QStringLiteral(R"(\b(?:curl|wget)\b[^|;&\n]{0,400}\|\h*(?:sudo\h+(?:-\S+\h+)*)?(?:env\h+)?)"
                           R"((?:(?:ba|da|z|k)?sh|python[\d.]*|perl)\b)"
                           R"(|\b(?:ba|da|z)?sh\h+(?:-\S+\h+)*(?:<\(|["']?\$\()\h*(?:curl|wget)\b)"),
            QStringLiteral("Piping a download into a shell runs whatever the server sends, unreviewed; download the "
                           "script, verify its checksum or signature, then run it.")),
        commandRule(QStringLiteral("crontab-remove"), Severity::Warning,
            bin + QStringLiteral(R"(crontab(?=[^;&|\n]{0,400}?\h-r(?:$|[\h;&|])))"),
            QStringLiteral("crontab -r deletes the whole crontab without asking; edit it with crontab -e or install a "
                           "reviewed file with crontab FILE.")),
        rule(QStringLiteral("py-rmtree-root"), Severity::Block,
            QStringLiteral(R"(\brmtree\(\h*(?:[rbu]?(?<q>["'])(?:/|/%1/?)\k<q>|os\.sep\b))").arg(systemDir),
            QStringLiteral("shutil.rmtree on / or a top-level system directory destroys the host; delete the specific "
                           "subdirectory you mean instead."),
            { ScriptLanguages::name(ScriptLanguage::Python) }),
        rule(QStringLiteral("pl-rmtree-root"), Severity::Block,
            QStringLiteral(R"(\b(?:rmtree|remove_tree)\h*\(?\h*(?<q>["'])(?:/|/%1/?)\k<q>)").arg(systemDir),
            QStringLiteral("rmtree/remove_tree on / or a top-level system directory destroys the host; delete the "
                           "specific subdirectory you mean instead."),
            { ScriptLanguages::name(ScriptLanguage::Perl) }),
    };
}

Result<void> DangerRules::validatePattern(const QString& pattern)
{
    if (pattern.isEmpty()) {
        return Error(QStringLiteral("the pattern is empty"), { QString(), 0, 1 });
    }
    const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
    if (!re.isValid()) {
        const int column = static_cast<int>(re.patternErrorOffset()) + 1;
        return Error(QStringLiteral("invalid regular expression at column %1: %2").arg(column).arg(re.errorString()),
            { QString(), 0, column });
    }
    // A pattern that matches an empty string would flag every line of every script.
    if (re.match(QString()).hasMatch()) {
        return Error(QStringLiteral("the pattern matches an empty line, so it would flag every line"));
    }
    return {};
}

ScriptFindings DangerRules::check(const QString& text, ScriptLanguage language, const QList<DangerRule>& rules)
{
    // One pass per rule over a copy of the text with comments and CRs blanked out (same length, so offsets stay
    // valid): far faster than one match call per line and rule, and ^/$ keep their per-line meaning.
    QString masked = text;
    char16_t* out = reinterpret_cast<char16_t*>(masked.data());
    const char16_t* in = reinterpret_cast<const char16_t*>(text.constData());
    const qsizetype size = text.size();
    QList<qsizetype> lineStarts;
    QList<qsizetype> lineEnds;
    lineStarts.reserve(size / 32 + 1);
    lineEnds.reserve(size / 32 + 1);
    qsizetype start = 0;
    while (true) {
        qsizetype stop = start;
        while (stop < size && in[stop] != u'\n') {
            ++stop;
        }
        lineStarts.append(start);
        lineEnds.append(stop);
        for (qsizetype i = start + commentStart(in + start, stop - start, language); i < stop; ++i) {
            out[i] = u' ';
        }
        if (stop > start && in[stop - 1] == u'\r') {
            out[stop - 1] = u' ';
        }
        if (stop == size) {
            break;
        }
        start = stop + 1;
    }

    ScriptFindings findings;
    for (const DangerRule& rule : rules) {
        if (!rule.enabled || !rule.appliesTo(language) || rule.pattern.isEmpty()) {
            continue;
        }
        QRegularExpression re(rule.pattern, QRegularExpression::MultilineOption);
        if (!re.isValid()) {
            continue;
        }
        re.optimize();
        const qsizetype firstOfRule = findings.size();
        const auto add = [&](qsizetype line, qsizetype start, qsizetype stop) {
            ScriptFinding f;
            f.source = ScriptFinding::Source::Danger;
            f.severity = rule.severity;
            f.line = static_cast<int>(line) + 1;
            f.column = static_cast<int>(start - lineStarts.at(line)) + 1;
            f.length = static_cast<int>(std::max<qsizetype>(1, std::min(stop, lineEnds.at(line)) - start));
            f.code = rule.id;
            f.message = rule.explanation;
            findings.append(f);
        };
        qsizetype offset = 0;
        while (offset <= masked.size()) {
            const QRegularExpressionMatch m = re.match(masked, offset);
            if (!m.hasMatch()) {
                break;
            }
            const qsizetype start = m.capturedStart();
            const qsizetype stop = m.capturedEnd();
            const qsizetype line
                = std::upper_bound(lineStarts.cbegin(), lineStarts.cend(), start) - lineStarts.cbegin() - 1;
            if (rule.command && !startsCommand(masked, lineStarts.at(line), start)) {
                offset = start + 1; // `echo rm -rf /`: look further, a real command may start inside the match
                continue;
            }
            if (stop <= lineEnds.at(line)) {
                add(line, start, stop);
                offset = stop > start ? stop : start + 1;
                continue;
            }
            // The match runs into the next line (\s or [^x] matched a newline): rules are about one line, so redo
            // that line on its own, replacing what the whole-text pass found on it.
            while (findings.size() > firstOfRule && findings.constLast().line == line + 1) {
                findings.removeLast();
            }
            const qsizetype lineStart = lineStarts.at(line);
            QRegularExpressionMatchIterator it
                = re.globalMatch(QStringView(masked).mid(lineStart, lineEnds.at(line) - lineStart));
            while (it.hasNext()) {
                const QRegularExpressionMatch lm = it.next();
                if (!rule.command || startsCommand(masked, lineStart, lineStart + lm.capturedStart())) {
                    add(line, lineStart + lm.capturedStart(), lineStart + lm.capturedEnd());
                }
            }
            if (line + 1 >= lineStarts.size()) {
                break;
            }
            offset = lineStarts.at(line + 1);
        }
    }
    std::sort(findings.begin(), findings.end(), [](const ScriptFinding& a, const ScriptFinding& b) {
        if (a.line != b.line) {
            return a.line < b.line;
        }
        if (a.column != b.column) {
            return a.column < b.column;
        }
        if (a.severity != b.severity) {
            return a.severity > b.severity;
        }
        return a.code < b.code;
    });
    return findings;
}

QList<DangerRule> DangerRules::merged(const QList<DangerRule>& defaults, const QList<DangerRule>& userRules)
{
    QList<DangerRule> result;
    QSet<QString> builtinIds;
    for (const DangerRule& builtin : defaults) {
        builtinIds.insert(builtin.id);
        DangerRule effective = builtin;
        for (const DangerRule& user : userRules) {
            if (user.id == builtin.id) {
                effective = user; // the last one wins if the list repeats an id
            }
        }
        effective.builtin = true;
        result.append(effective);
    }
    for (const DangerRule& user : userRules) {
        if (builtinIds.contains(user.id)) {
            continue;
        }
        DangerRule added = user;
        added.builtin = false;
        result.append(added);
    }
    return result;
}

QJsonArray DangerRules::toJsonArray(const QList<DangerRule>& rules)
{
    QJsonArray array;
    for (const DangerRule& r : rules) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), r.id);
        o.insert(QStringLiteral("languages"), QJsonArray::fromStringList(r.languages));
        o.insert(QStringLiteral("pattern"), r.pattern);
        o.insert(QStringLiteral("command"), r.command);
        o.insert(QStringLiteral("severity"), severityWord(r.severity));
        o.insert(QStringLiteral("explanation"), r.explanation);
        o.insert(QStringLiteral("enabled"), r.enabled);
        if (r.builtin) {
            o.insert(QStringLiteral("builtin"), true);
        }
        array.append(o);
    }
    return array;
}

Result<QList<DangerRule>> DangerRules::fromJsonArray(const QJsonArray& array)
{
    QList<DangerRule> rules;
    QSet<QString> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            return Error(QStringLiteral("%1: expected an object").arg(ruleName(i, QString())));
        }
        const QJsonObject o = array.at(i).toObject();
        DangerRule r;
        const QJsonValue id = o.value(QStringLiteral("id"));
        if (!id.isString() || id.toString().trimmed().isEmpty()) {
            return Error(QStringLiteral("%1: \"id\" must be a non-empty string").arg(ruleName(i, QString())));
        }
        r.id = id.toString();
        const QString name = ruleName(i, r.id);
        if (ids.contains(r.id)) {
            return Error(QStringLiteral("%1: the id is used by an earlier rule").arg(name));
        }
        ids.insert(r.id);

        const QJsonValue pattern = o.value(QStringLiteral("pattern"));
        if (!pattern.isString()) {
            return Error(QStringLiteral("%1: \"pattern\" must be a string").arg(name));
        }
        r.pattern = pattern.toString();
        if (const Result<void> valid = validatePattern(r.pattern); !valid) {
            return Error(QStringLiteral("%1: pattern: %2").arg(name, valid.error().message));
        }

        const QString severity = o.value(QStringLiteral("severity")).toString();
        if (severity == QLatin1String("warn") || severity == QLatin1String("warning")) {
            r.severity = Severity::Warning;
        } else if (severity == QLatin1String("block")) {
            r.severity = Severity::Block;
        } else {
            return Error(QStringLiteral("%1: \"severity\" must be \"warn\" or \"block\"").arg(name));
        }

        const QJsonValue languages = o.value(QStringLiteral("languages"));
        if (!languages.isUndefined() && !languages.isNull()) {
            if (!languages.isArray()) {
                return Error(QStringLiteral("%1: \"languages\" must be an array of language names").arg(name));
            }
            for (const QJsonValue language : languages.toArray()) {
                if (!language.isString() || !ScriptLanguages::fromName(language.toString())) {
                    return Error(
                        QStringLiteral("%1: \"languages\" may only name bash, sh, python and perl, not %2")
                            .arg(name,
                                language.isString() ? QString(QLatin1Char('"') + language.toString() + QLatin1Char('"'))
                                                    : QStringLiteral("a non-string")));
                }
                r.languages.append(language.toString());
            }
        }

        const QJsonValue explanation = o.value(QStringLiteral("explanation"));
        if (!explanation.isUndefined() && !explanation.isString()) {
            return Error(QStringLiteral("%1: \"explanation\" must be a string").arg(name));
        }
        r.explanation = explanation.toString();
        for (const auto& [key, field] :
            { std::pair { QStringLiteral("command"), &r.command }, std::pair { QStringLiteral("enabled"), &r.enabled },
                std::pair { QStringLiteral("builtin"), &r.builtin } }) {
            const QJsonValue value = o.value(key);
            if (value.isUndefined()) {
                continue;
            }
            if (!value.isBool()) {
                return Error(QStringLiteral("%1: \"%2\" must be true or false").arg(name, key));
            }
            *field = value.toBool();
        }
        rules.append(r);
    }
    return rules;
}

QByteArray DangerRules::toJson(const QList<DangerRule>& rules)
{
    return QJsonDocument(toJsonArray(rules)).toJson(QJsonDocument::Indented);
}

Result<QList<DangerRule>> DangerRules::fromJson(const QByteArray& json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
        const qsizetype lineStart = json.lastIndexOf('\n', offset - 1) + 1;
        const int line = static_cast<int>(QByteArrayView(json.constData(), offset).count('\n')) + 1;
        const int column = static_cast<int>(offset - lineStart) + 1;
        return Error(QStringLiteral("danger rules: JSON syntax error at line %1, column %2: %3")
                         .arg(line)
                         .arg(column)
                         .arg(parseError.errorString()),
            { QString(), line, column });
    }
    if (!document.isArray()) {
        return Error(QStringLiteral("danger rules: expected a JSON array of rules"));
    }
    Result<QList<DangerRule>> rules = fromJsonArray(document.array());
    if (!rules) {
        return Error(QStringLiteral("danger rules: ") + rules.error().message);
    }
    return rules;
}
