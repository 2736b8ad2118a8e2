#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>

struct Host;

// How to reach one host over SSH: what the inventory resolves for it (ansible_host, ansible_port, ansible_user,
// ansible_ssh_private_key_file, a ProxyJump in ansible_ssh_common_args …) plus the host's resolved variables (the
// launcher renders templates from them; the transport does not read them). Empty fields (and port 0) are "not
// set": the transport fills them from ~/.ssh/config (SshConfig::complete), then from defaults (port 22, the local
// user).
struct SshTarget {
    QString address; // host name or IP address; empty = the inventory name
    int port = 0; // 0 = not set: ~/.ssh/config's Port, else 22
    QString user; // empty = ~/.ssh/config's User, else the local user ($USER)
    QStringList identityFiles; // private keys, tried in order after the agent
    QString password; // optional: password and keyboard-interactive authentication
    // ProxyJump as OpenSSH writes it: `[user@]host[:port]`, a comma list (a chain, first hop first) or `none`.
    QString jumpHost;
    QString knownHostsPath; // from ~/.ssh/config's UserKnownHostsFile; the transport's option wins
    int connectTimeoutMs = 0; // from ~/.ssh/config's ConnectTimeout; 0 = the transport's option
    bool identitiesOnly = false; // IdentitiesOnly: with identity files, the agent is not asked
    QVariantMap vars; // the host's resolved variables (JobLauncher: its template context)
    bool operator==(const SshTarget&) const = default;

    // The target an inventory host gives, as Ansible's ssh connection plugin builds its command line: address,
    // port and user from the host's fields, the key from ansible_ssh_private_key_file (or
    // ansible_private_key_file), a jump host from `-o ProxyJump=…`, `-J …` or `-o ProxyCommand="ssh -W %h:%p …"` in
    // ansible_ssh_common_args / ansible_ssh_extra_args. `vars` are the host's resolved variables.
    static SshTarget fromInventory(const Host& host, const QVariantMap& vars);
    // The jump host named by ssh command-line arguments (ansible_ssh_common_args); empty when there is none.
    static QString jumpHostFromArgs(const QString& args);
};
