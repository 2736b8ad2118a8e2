#pragma once

#include "ssh/SshTarget.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// An OpenSSH client configuration (~/.ssh/config) as far as the direct-SSH transport needs it: `Host` blocks
// (patterns with `*`, `?`, `!negation`, several per line), `Include` (globs, relative to ~/.ssh), and the keywords
// HostName (%h), Port, User, IdentityFile (~ and %d %u %h %r %n %p tokens; several), ProxyJump (`none`, chains),
// ProxyCommand of the form `ssh -W %h:%p HOST` (read as a ProxyJump), UserKnownHostsFile, ConnectTimeout and
// IdentitiesOnly. The first value obtained for a keyword wins, as in ssh (IdentityFile accumulates). `Match`
// blocks are skipped with a warning; other keywords are ignored. Problems never fail: they are collected as
// warnings naming file:line and the line is ignored. Immutable once parsed, so it can be shared between threads.
class SshConfig {
public:
    // What the configuration says for one host name (empty / 0 / nullopt: nothing), tokens not yet expanded.
    struct Settings {
        QString hostName;
        int port = 0;
        QString user;
        QStringList identityFiles;
        QString proxyJump; // "none" when the configuration explicitly says so
        QString knownHostsFile;
        int connectTimeoutSeconds = 0;
        std::optional<bool> identitiesOnly;
        bool operator==(const Settings&) const = default;
    };
    // One hop of a ProxyJump list: `[user@]host[:port]` or `ssh://[user@]host[:port]`.
    struct Hop {
        QString user;
        QString host;
        int port = 0; // 0: not given
        bool operator==(const Hop&) const = default;
    };

    SshConfig() = default; // empty: says nothing about any host

    // Reads `path` (a missing file is an empty configuration, without warning). Relative Include paths are taken
    // from `sshDir` (default ~/.ssh, as ssh does for the user's configuration). The default identity files of ssh
    // (~/.ssh/id_rsa, id_ecdsa, id_ed25519 that exist) are used for hosts that get no key from the inventory or the
    // configuration.
    static SshConfig load(const QString& path, const QString& sshDir = {});
    // Parses configuration text; `fileName` is what warnings name.
    static SshConfig parse(const QByteArray& text, const QString& fileName, const QString& sshDir = {});

    QStringList warnings() const { return m_warnings; }
    QStringList files() const { return m_files; } // every file read (the configuration and what it included)

    // The settings for `name` (the name given to ssh: Host patterns match it), first obtained value wins.
    Settings lookup(const QString& name) const;
    // Ansible's precedence: the inventory's values win; the configuration fills in what the inventory leaves unset
    // (address via HostName, port, user, identity files, jump host, known_hosts file, connect timeout), then ssh's
    // defaults (port 22). The name matched against Host patterns is inventory.address, or `inventoryName` when the
    // inventory gives no address. Tokens and ~ in file names are expanded.
    SshTarget complete(const QString& inventoryName, const SshTarget& inventory) const;

    // `*` and `?` glob of one pattern (case-insensitive, as host names are).
    static bool matchPattern(const QString& pattern, const QString& text);
    // A Host line: matches when some pattern matches and no negated (`!`) pattern does.
    static bool matchHost(const QStringList& patterns, const QString& host);
    // A ProxyJump value: hops first to last; `none` (or empty) gives an empty list. nullopt + *error when invalid.
    static std::optional<QList<Hop>> parseJumpList(const QString& spec, QString* error);
    // `ssh -W %h:%p [options] [user@]host` (with -p / -l / -J) as a ProxyJump value; empty for anything else.
    static QString jumpFromProxyCommand(const QString& command);
    // Words as ssh splits configuration lines and shells split ansible_ssh_common_args: whitespace separated,
    // '…' and "…" quoting, backslash escapes; an unquoted # at the start of a word ends the line.
    static QStringList splitArguments(const QString& line, QString* error = nullptr);
    // ~ and ~/… to the home directory.
    static QString expandTilde(const QString& path);
    // %X tokens from `tokens` (and %%); unknown tokens stay as they are.
    static QString expandTokens(const QString& text, const QHash<QChar, QString>& tokens);

private:
    struct Entry {
        QList<QStringList> conditions; // Host pattern lists that must all match (the block, and around an Include)
        QString keyword; // lower case
        QString value; // IdentityFile / UserKnownHostsFile: first word; others: the words joined by a space
        QString where; // file:line
    };
    void parseFile(const QString& path, const QList<QStringList>& outer, int depth);
    void parseText(const QByteArray& text, const QString& fileName, const QList<QStringList>& outer, int depth);
    void warn(const QString& where, const QString& message);

    QList<Entry> m_entries;
    QStringList m_warnings;
    QStringList m_files;
    QStringList m_defaultIdentities;
    QString m_sshDir;
};
