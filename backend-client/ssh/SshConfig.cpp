#include "SshConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <glob.h>

namespace {

constexpr int kMaxIncludeDepth = 16; // as ssh's READCONF_MAX_DEPTH

QString localUserName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("LOGNAME");
    }
    return user.isEmpty() ? QStringLiteral("root") : user;
}

QString defaultSshDir()
{
    return QDir::homePath() + QLatin1String("/.ssh");
}

// The keywords whose values are kept (lower case); everything else in a configuration is ignored without a word.
bool isKnownKeyword(const QString& k)
{
    static const QStringList known { QStringLiteral("hostname"), QStringLiteral("port"), QStringLiteral("user"),
        QStringLiteral("identityfile"), QStringLiteral("proxyjump"), QStringLiteral("userknownhostsfile"),
        QStringLiteral("connecttimeout"), QStringLiteral("identitiesonly") };
    return known.contains(k);
}

std::optional<bool> yesNo(const QString& value)
{
    const QString v = value.toLower();
    if (v == QLatin1String("yes") || v == QLatin1String("true")) {
        return true;
    }
    if (v == QLatin1String("no") || v == QLatin1String("false")) {
        return false;
    }
    return std::nullopt;
}

bool conditionsMatch(const QList<QStringList>& conditions, const QString& host)
{
    for (const QStringList& patterns : conditions) {
        if (!SshConfig::matchHost(patterns, host)) {
            return false;
        }
    }
    return true;
}

} // namespace

// ---- words, patterns, tokens -----------------------------------------------------------------------------------

QStringList SshConfig::splitArguments(const QString& line, QString* error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == QLatin1Char('\\') && quote == QLatin1Char('"') && i + 1 < line.size()
                && (line.at(i + 1) == QLatin1Char('"') || line.at(i + 1) == QLatin1Char('\\'))) {
                word += line.at(++i);
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord) {
                words << word;
                word.clear();
                inWord = false;
            }
            continue;
        }
        if (c == QLatin1Char('#') && !inWord) {
            break; // a comment to the end of the line
        }
        inWord = true;
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
        } else if (c == QLatin1Char('\\') && i + 1 < line.size()) {
            word += line.at(++i);
        } else {
            word += c;
        }
    }
    if (!quote.isNull() && error) {
        *error = QStringLiteral("unterminated quote");
    }
    if (inWord) {
        words << word;
    }
    return words;
}

bool SshConfig::matchPattern(const QString& pattern, const QString& text)
{
    // Iterative glob with backtracking to the last `*`.
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype star = -1;
    qsizetype mark = 0;
    while (t < text.size()) {
        if (p < pattern.size()
            && (pattern.at(p) == QLatin1Char('?') || pattern.at(p).toLower() == text.at(t).toLower())) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern.at(p) == QLatin1Char('*')) {
        ++p;
    }
    return p == pattern.size();
}

bool SshConfig::matchHost(const QStringList& patterns, const QString& host)
{
    bool matched = false;
    for (const QString& pattern : patterns) {
        if (pattern.startsWith(QLatin1Char('!'))) {
            if (matchPattern(pattern.mid(1), host)) {
                return false; // a negated match excludes the host, whatever else matches
            }
        } else if (matchPattern(pattern, host)) {
            matched = true;
        }
    }
    return matched;
}

QString SshConfig::expandTilde(const QString& path)
{
    if (path == QLatin1String("~")) {
        return QDir::homePath();
    }
    if (path.startsWith(QLatin1String("~/"))) {
        return QDir::homePath() + path.mid(1);
    }
    return path;
}

QString SshConfig::expandTokens(const QString& text, const QHash<QChar, QString>& tokens)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c != QLatin1Char('%') || i + 1 >= text.size()) {
            out += c;
            continue;
        }
        const QChar token = text.at(i + 1);
        if (token == QLatin1Char('%')) {
            out += QLatin1Char('%');
            ++i;
        } else if (auto it = tokens.constFind(token); it != tokens.constEnd()) {
            out += *it;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<QList<SshConfig::Hop>> SshConfig::parseJumpList(const QString& spec, QString* error)
{
    QList<Hop> hops;
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        return hops;
    }
    const QStringList parts = trimmed.split(QLatin1Char(','));
    for (QString part : parts) {
        part = part.trimmed();
        if (part.startsWith(QLatin1String("ssh://"))) {
            part = part.mid(6);
            if (part.endsWith(QLatin1Char('/'))) {
                part.chop(1);
            }
        }
        Hop hop;
        if (const qsizetype at = part.lastIndexOf(QLatin1Char('@')); at >= 0) {
            hop.user = part.left(at);
            part = part.mid(at + 1);
        }
        QString portText;
        if (part.startsWith(QLatin1Char('['))) {
            const qsizetype close = part.indexOf(QLatin1Char(']'));
            if (close < 0) {
                *error = QStringLiteral("unbalanced [ in jump host \"%1\"").arg(part);
                return std::nullopt;
            }
            hop.host = part.mid(1, close - 1);
            const QString rest = part.mid(close + 1);
            if (rest.startsWith(QLatin1Char(':'))) {
                portText = rest.mid(1);
            } else if (!rest.isEmpty()) {
                *error = QStringLiteral("unexpected \"%1\" after ] in jump host").arg(rest);
                return std::nullopt;
            }
        } else if (part.count(QLatin1Char(':')) == 1) {
            hop.host = part.section(QLatin1Char(':'), 0, 0);
            portText = part.section(QLatin1Char(':'), 1);
        } else {
            hop.host = part; // a name, or a bare IPv6 address
        }
        if (hop.host.isEmpty() || hop.host.contains(QRegularExpression(QStringLiteral("\\s")))) {
            *error = QStringLiteral("invalid jump host \"%1\"").arg(part);
            return std::nullopt;
        }
        if (!portText.isNull()) {
            bool ok = false;
            hop.port = portText.toInt(&ok);
            if (!ok || hop.port < 1 || hop.port > 65535) {
                *error = QStringLiteral("invalid port \"%1\" of jump host %2").arg(portText, hop.host);
                return std::nullopt;
            }
        }
        hops.append(hop);
    }
    return hops;
}

QString SshConfig::jumpFromProxyCommand(const QString& command)
{
    const QStringList words = splitArguments(command);
    if (words.isEmpty()) {
        return {};
    }
    if (words.size() == 1 && words.first().compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        return QStringLiteral("none");
    }
    if (QFileInfo(words.first()).fileName() != QLatin1String("ssh")) {
        return {};
    }
    // ssh's options that take an argument (ssh(1) synopsis).
    static const QString withArgument = QStringLiteral("BbcDEeFIiJLlmOoPpQRSWw");
    QString forward;
    QString user;
    QString port;
    QString destination;
    QString via;
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString& w = words.at(i);
        if (!w.startsWith(QLatin1Char('-')) || w.size() < 2) {
            if (!destination.isEmpty()) {
                return {}; // a remote command: not a plain -W relay
            }
            destination = w;
            continue;
        }
        // Flags may be bundled (-qT); the first one taking an argument takes the rest of the word or the next word.
        for (qsizetype j = 1; j < w.size(); ++j) {
            const QChar flag = w.at(j);
            if (!withArgument.contains(flag)) {
                continue;
            }
            QString value = w.mid(j + 1);
            if (value.isEmpty()) {
                if (i + 1 >= words.size()) {
                    return {};
                }
                value = words.at(++i);
            }
            // -p, -l, -J and their -o Port=, User=, ProxyJump= spellings.
            static const QHash<QChar, QString> keywords { { QLatin1Char('p'), QStringLiteral("port") },
                { QLatin1Char('l'), QStringLiteral("user") }, { QLatin1Char('J'), QStringLiteral("proxyjump") } };
            QString keyword = keywords.value(flag);
            if (flag == QLatin1Char('W')) {
                forward = value;
            } else if (flag == QLatin1Char('o')) {
                static const QRegularExpression separator(QStringLiteral("[=\\s]"));
                keyword = value.section(separator, 0, 0).toLower();
                value = value.section(separator, 1).trimmed();
            }
            if (keyword == QLatin1String("port")) {
                port = value;
            } else if (keyword == QLatin1String("user")) {
                user = value;
            } else if (keyword == QLatin1String("proxyjump")) {
                via = value;
            }
            break;
        }
    }
    if (destination.isEmpty()
        || (forward != QLatin1String("%h:%p") && forward != QLatin1String("[%h]:%p")
            && forward != QLatin1String("%n:%p"))) {
        return {};
    }
    if (destination.contains(QLatin1Char('@'))) {
        user = destination.section(QLatin1Char('@'), 0, -2);
        destination = destination.section(QLatin1Char('@'), -1);
    }
    QString hop = user.isEmpty() ? destination : user + QLatin1Char('@') + destination;
    if (!port.isEmpty()) {
        hop = (user.isEmpty() ? QString() : user + QLatin1Char('@'))
            + (destination.contains(QLatin1Char(':')) ? QLatin1Char('[') + destination + QLatin1Char(']') : destination)
            + QLatin1Char(':') + port;
    }
    return via.isEmpty() || via.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0 ? hop
                                                                                         : via + QLatin1Char(',') + hop;
}

// ---- parsing -------------------------------------------------------------------------------------------------

SshConfig SshConfig::load(const QString& path, const QString& sshDir)
{
    SshConfig config;
    config.m_sshDir = sshDir.isEmpty() ? defaultSshDir() : sshDir;
    for (const char* name : { "id_rsa", "id_ecdsa", "id_ed25519" }) {
        const QString key = defaultSshDir() + QLatin1Char('/') + QLatin1String(name);
        if (QFileInfo::exists(key)) {
            config.m_defaultIdentities << key;
        }
    }
    if (QFileInfo::exists(path)) {
        config.parseFile(path, {}, 0);
    }
    return config;
}

SshConfig SshConfig::parse(const QByteArray& text, const QString& fileName, const QString& sshDir)
{
    SshConfig config;
    config.m_sshDir = sshDir.isEmpty() ? defaultSshDir() : sshDir;
    config.parseText(text, fileName, {}, 0);
    return config;
}

void SshConfig::warn(const QString& where, const QString& message)
{
    m_warnings << where + QLatin1String(": ") + message;
}

void SshConfig::parseFile(const QString& path, const QList<QStringList>& outer, int depth)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_warnings << QStringLiteral("%1: cannot read: %2").arg(path, file.errorString());
        return;
    }
    m_files << path;
    parseText(file.readAll(), path, outer, depth);
}

void SshConfig::parseText(const QByteArray& text, const QString& fileName, const QList<QStringList>& outer, int depth)
{
    const QList<QByteArray> lines = text.split('\n');
    QList<QStringList> conditions = outer; // the lines before the first Host of a file belong to the outer block
    bool active = true; // false inside a Match block (skipped)
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const QString where = fileName + QLatin1Char(':') + QString::number(n + 1);
        QString line = QString::fromUtf8(lines.at(n)).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        // "Keyword value", "Keyword=value", "Keyword = value".
        qsizetype end = 0;
        while (end < line.size() && !line.at(end).isSpace() && line.at(end) != QLatin1Char('=')) {
            ++end;
        }
        const QString keyword = line.left(end).toLower();
        QString rest = line.mid(end).trimmed();
        if (rest.startsWith(QLatin1Char('='))) {
            rest = rest.mid(1).trimmed();
        }
        QString error;
        const QStringList args = splitArguments(rest, &error);
        if (!error.isEmpty()) {
            warn(where, QStringLiteral("%1 (the line is ignored)").arg(error));
            continue;
        }
        if (keyword == QLatin1String("host")) {
            if (args.isEmpty()) {
                warn(where, QStringLiteral("Host needs at least one pattern; the block is ignored"));
                conditions = outer;
                active = false;
                continue;
            }
            conditions = outer;
            conditions << args;
            active = true;
            continue;
        }
        if (keyword == QLatin1String("match")) {
            warn(where, QStringLiteral("Match blocks are not supported; the lines up to the next Host are ignored"));
            active = false;
            continue;
        }
        if (!active) {
            continue;
        }
        if (keyword == QLatin1String("include")) {
            if (args.isEmpty()) {
                warn(where, QStringLiteral("Include needs a file name"));
                continue;
            }
            if (depth + 1 > kMaxIncludeDepth) {
                warn(where, QStringLiteral("Include nested more than %1 deep; ignored").arg(kMaxIncludeDepth));
                continue;
            }
            for (const QString& arg : args) {
                QString pattern = expandTilde(arg);
                if (QDir::isRelativePath(pattern)) {
                    pattern = m_sshDir + QLatin1Char('/') + pattern;
                }
                glob_t g {};
                const QByteArray encoded = QFile::encodeName(pattern);
                if (::glob(encoded.constData(), 0, nullptr, &g) == 0) {
                    for (size_t i = 0; i < g.gl_pathc; ++i) {
                        const QString path = QFile::decodeName(g.gl_pathv[i]);
                        if (QFileInfo(path).isFile()) {
                            parseFile(path, conditions, depth + 1);
                        }
                    }
                }
                ::globfree(&g);
            }
            continue;
        }
        if (!isKnownKeyword(keyword) && keyword != QLatin1String("proxycommand")) {
            continue; // one of ssh's many other keywords: not ours to apply
        }
        if (args.isEmpty()) {
            warn(where, QStringLiteral("%1 needs a value").arg(line.left(end)));
            continue;
        }
        Entry entry;
        entry.conditions = conditions;
        entry.keyword = keyword;
        entry.value = args.join(QLatin1Char(' '));
        entry.where = where;
        if (keyword == QLatin1String("port")) {
            bool ok = false;
            const int port = args.first().toInt(&ok);
            if (!ok || port < 1 || port > 65535 || args.size() != 1) {
                warn(where, QStringLiteral("invalid Port \"%1\"; ignored").arg(entry.value));
                continue;
            }
        } else if (keyword == QLatin1String("connecttimeout")) {
            bool ok = false;
            const int seconds = args.first().toInt(&ok);
            if (!ok || seconds < 0) {
                warn(where, QStringLiteral("invalid ConnectTimeout \"%1\"; ignored").arg(entry.value));
                continue;
            }
        } else if (keyword == QLatin1String("identitiesonly")) {
            if (!yesNo(args.first())) {
                warn(where, QStringLiteral("IdentitiesOnly takes yes or no, not \"%1\"; ignored").arg(entry.value));
                continue;
            }
        } else if (keyword == QLatin1String("identityfile") || keyword == QLatin1String("userknownhostsfile")
            || keyword == QLatin1String("hostname") || keyword == QLatin1String("user")) {
            entry.value = args.first(); // UserKnownHostsFile may list several files: the first is the one written
        } else if (keyword == QLatin1String("proxyjump")) {
            if (!parseJumpList(entry.value, &error)) {
                warn(where, QStringLiteral("ProxyJump: %1; ignored").arg(error));
                continue;
            }
        } else if (keyword == QLatin1String("proxycommand")) {
            // ProxyCommand and ProxyJump fill the same slot in ssh: the first one obtained wins.
            const QString jump = jumpFromProxyCommand(rest);
            if (jump.isEmpty()) {
                warn(where,
                    QStringLiteral("ProxyCommand is supported only as `ssh -W %h:%p HOST` (read as ProxyJump); "
                                   "ignored"));
                continue;
            }
            entry.keyword = QStringLiteral("proxyjump");
            entry.value = jump;
        }
        m_entries.append(entry);
    }
}

// ---- lookup ------------------------------------------------------------------------------------------------

SshConfig::Settings SshConfig::lookup(const QString& name) const
{
    Settings s;
    QSet<QString> seen;
    for (const Entry& e : m_entries) {
        if (!conditionsMatch(e.conditions, name)) {
            continue;
        }
        if (e.keyword == QLatin1String("identityfile")) {
            if (e.value.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0
                && !s.identityFiles.contains(e.value)) {
                s.identityFiles << e.value;
            }
            continue;
        }
        if (seen.contains(e.keyword)) {
            continue; // the first obtained value wins
        }
        seen.insert(e.keyword);
        if (e.keyword == QLatin1String("hostname")) {
            s.hostName = e.value;
        } else if (e.keyword == QLatin1String("port")) {
            s.port = e.value.toInt();
        } else if (e.keyword == QLatin1String("user")) {
            s.user = e.value;
        } else if (e.keyword == QLatin1String("proxyjump")) {
            s.proxyJump = e.value;
        } else if (e.keyword == QLatin1String("userknownhostsfile")) {
            s.knownHostsFile = e.value;
        } else if (e.keyword == QLatin1String("connecttimeout")) {
            s.connectTimeoutSeconds = e.value.toInt();
        } else if (e.keyword == QLatin1String("identitiesonly")) {
            s.identitiesOnly = yesNo(e.value);
        }
    }
    return s;
}

SshTarget SshConfig::complete(const QString& inventoryName, const SshTarget& inventory) const
{
    SshTarget t = inventory;
    const QString name = inventory.address.isEmpty() ? inventoryName : inventory.address;
    const Settings c = lookup(name);
    QHash<QChar, QString> tokens { { QLatin1Char('h'), name }, { QLatin1Char('n'), name } };
    t.address = c.hostName.isEmpty() ? name : expandTokens(c.hostName, tokens);
    if (t.port <= 0) {
        t.port = c.port > 0 ? c.port : 22;
    }
    if (t.user.isEmpty()) {
        t.user = c.user;
    }
    tokens.insert(QLatin1Char('h'), t.address);
    tokens.insert(QLatin1Char('p'), QString::number(t.port));
    tokens.insert(QLatin1Char('r'), t.user.isEmpty() ? localUserName() : t.user);
    tokens.insert(QLatin1Char('u'), localUserName());
    tokens.insert(QLatin1Char('d'), QDir::homePath());
    if (t.identityFiles.isEmpty()) {
        for (const QString& file : c.identityFiles) {
            t.identityFiles << expandTilde(expandTokens(file, tokens));
        }
        if (t.identityFiles.isEmpty()) {
            t.identityFiles = m_defaultIdentities;
        }
    }
    if (t.jumpHost.isEmpty()) {
        t.jumpHost = c.proxyJump;
    }
    if (t.knownHostsPath.isEmpty() && !c.knownHostsFile.isEmpty()
        && c.knownHostsFile.compare(QLatin1String("none"), Qt::CaseInsensitive) != 0) {
        t.knownHostsPath = expandTilde(expandTokens(c.knownHostsFile, tokens));
    }
    if (t.connectTimeoutMs <= 0 && c.connectTimeoutSeconds > 0) {
        t.connectTimeoutMs = c.connectTimeoutSeconds * 1000;
    }
    if (c.identitiesOnly) {
        t.identitiesOnly = *c.identitiesOnly;
    }
    return t;
}
