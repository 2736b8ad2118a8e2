#include "SshAuth.h"

#include "ssh/SshSession.h"

#include <QFile>

namespace {

// libssh must never prompt on a terminal for a passphrase: the PassphraseProvider does that.
int noPrompt(const char*, char*, size_t, int, int, void*)
{
    return -1;
}

} // namespace

SshAuth::SshAuth(std::function<SshTransport::PassphraseProvider()> passphrases)
    : m_passphrases(std::move(passphrases))
{
}

SshAuth::~SshAuth()
{
    clear();
}

void SshAuth::clear()
{
    for (ssh_key key : std::as_const(m_keys)) {
        if (key) {
            ssh_key_free(key);
        }
    }
    m_keys.clear();
    m_keyErrors.clear();
}

SshAuth::Failure SshAuth::failed(HostStatus status, const QString& message)
{
    return { status, message };
}

SshAuth::HostKey SshAuth::checkHostKey(SshSession& s, Failure* failure)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s.ssh, &key) != SSH_OK || !key) {
        *failure
            = failed(HostStatus::HostKeyRejected, QStringLiteral("no host key from the server: %1").arg(s.lastError()));
        return HostKey::Rejected;
    }
    unsigned char* hash = nullptr;
    size_t hashLen = 0;
    s.keyType = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hashLen) == 0) {
        char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hashLen);
        s.fingerprint = QString::fromLatin1(text);
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    const QString where = s.where();
    const QString file = s.knownHostsLabel;
    switch (ssh_session_is_known_server(s.ssh)) {
    case SSH_KNOWN_HOSTS_OK:
        return HostKey::Known;
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
        *failure = failed(HostStatus::HostKeyRejected,
            QStringLiteral("HOST KEY CHANGED for %1: the server now offers %2 %3, which does not match %4. This can "
                           "be an attack; if the key change is expected, remove the old entry from %4")
                .arg(where, s.keyType, s.fingerprint, file));
        return HostKey::Rejected;
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
        break;
    case SSH_KNOWN_HOSTS_ERROR:
        *failure = failed(HostStatus::HostKeyRejected,
            QStringLiteral("cannot check the host key of %1 against %2: %3").arg(where, file, s.lastError()));
        return HostKey::Rejected;
    }
    return HostKey::Unknown;
}

std::optional<SshAuth::Failure> SshAuth::answerHostKey(SshSession& s, bool accept)
{
    if (!accept) {
        return failed(HostStatus::HostKeyRejected,
            QStringLiteral("host key %1 %2 of %3 was not accepted").arg(s.keyType, s.fingerprint, s.where()));
    }
    if (ssh_session_update_known_hosts(s.ssh) != SSH_OK) {
        return failed(HostStatus::HostKeyRejected,
            QStringLiteral("cannot record the host key of %1 in the known_hosts file: %2")
                .arg(s.where(), s.lastError()));
    }
    return std::nullopt;
}

SshAuth::Failure SshAuth::unknownHostKey(const SshSession& s)
{
    return failed(HostStatus::HostKeyRejected,
        QStringLiteral("unknown host key for %1: %2 %3 is not in %4; accept it once (--accept-new-host-keys in the "
                       "CLI) or add it to the file")
            .arg(s.where(), s.keyType, s.fingerprint, s.knownHostsLabel));
}

ssh_key SshAuth::loadKey(const QString& path, QString* why)
{
    if (m_keys.contains(path)) {
        *why = m_keyErrors.value(path);
        return m_keys.value(path);
    }
    const QByteArray file = QFile::encodeName(path);
    ssh_key key = nullptr;
    int rc = ssh_pki_import_privkey_file(file.constData(), nullptr, noPrompt, nullptr, &key);
    if (rc != SSH_OK) {
        key = nullptr;
        const SshTransport::PassphraseProvider provider = m_passphrases ? m_passphrases() : nullptr;
        if (!QFile::exists(path)) {
            *why = QStringLiteral("key %1 does not exist").arg(path);
        } else if (provider) {
            if (const std::optional<QString> pass = provider(path)) {
                const QByteArray passphrase = pass->toUtf8();
                rc = ssh_pki_import_privkey_file(file.constData(), passphrase.constData(), noPrompt, nullptr, &key);
                if (rc != SSH_OK) {
                    key = nullptr;
                    *why = QStringLiteral("key %1: wrong passphrase or unreadable").arg(path);
                }
            } else {
                *why = QStringLiteral("key %1 is encrypted and no passphrase was given").arg(path);
            }
        } else {
            *why = QStringLiteral("key %1 is unreadable or encrypted (no passphrase provider)").arg(path);
        }
    }
    m_keys.insert(path, key);
    m_keyErrors.insert(path, *why);
    return key;
}

std::optional<SshAuth::Failure> SshAuth::lostConnection(const SshSession& s)
{
    if (ssh_is_connected(s.ssh)) {
        return std::nullopt;
    }
    return failed(HostStatus::Unreachable,
        QStringLiteral("%1: connection closed during authentication: %2").arg(s.where(), s.lastError()));
}

// Authentication order: none (to learn the methods), ssh-agent, identity files, password, keyboard-interactive.
SshAuth::Step SshAuth::authenticate(SshSession& s, bool useAgent)
{
    using AuthStep = SshSession::AuthStep;
    auto succeeded = [&] {
        s.state = SshSession::State::Ready;
        return Step { true, {} };
    };
    auto next = [&](AuthStep step) {
        s.authStep = step;
        return Step { true, {} };
    };
    // What a libssh call's result decides by itself: wait for more input, done, or the connection died.
    const auto settled = [&](int rc) -> std::optional<Step> {
        if (rc == SSH_AUTH_AGAIN) {
            return Step { false, {} };
        }
        if (rc == SSH_AUTH_SUCCESS) {
            return succeeded();
        }
        if (rc == SSH_AUTH_ERROR) {
            if (auto lost = lostConnection(s)) {
                return Step { false, lost };
            }
        }
        return std::nullopt;
    };
    switch (s.authStep) {
    case AuthStep::None: {
        const int rc = ssh_userauth_none(s.ssh, nullptr);
        if (auto done = settled(rc)) {
            return *done;
        }
        s.methods = ssh_userauth_list(s.ssh, nullptr);
        return next(AuthStep::Agent);
    }
    case AuthStep::Agent: {
        const bool agent = useAgent && !qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK")
            && !(s.target.identitiesOnly && !s.target.identityFiles.isEmpty());
        if (!agent || !(s.methods & SSH_AUTH_METHOD_PUBLICKEY)) {
            return next(AuthStep::Keys);
        }
        const int rc = ssh_userauth_agent(s.ssh, nullptr);
        if (auto done = settled(rc)) {
            return *done;
        }
        s.tried.append(QStringLiteral("ssh-agent"));
        s.methods = ssh_userauth_list(s.ssh, nullptr);
        return next(AuthStep::Keys);
    }
    case AuthStep::Keys: {
        if (!(s.methods & SSH_AUTH_METHOD_PUBLICKEY) || s.keyIndex >= s.target.identityFiles.size()) {
            return next(AuthStep::Password);
        }
        const QString path = s.target.identityFiles.at(s.keyIndex);
        QString why;
        ssh_key key = loadKey(path, &why);
        if (!key) {
            s.tried.append(why);
            ++s.keyIndex;
            return Step { true, {} };
        }
        const int rc = ssh_userauth_publickey(s.ssh, nullptr, key);
        if (auto done = settled(rc)) {
            return *done;
        }
        s.tried.append(QStringLiteral("key %1").arg(path));
        s.methods = ssh_userauth_list(s.ssh, nullptr);
        ++s.keyIndex;
        return Step { true, {} };
    }
    case AuthStep::Password: {
        if (s.target.password.isEmpty() || !(s.methods & SSH_AUTH_METHOD_PASSWORD)) {
            return next(AuthStep::KbdInt);
        }
        const QByteArray password = s.target.password.toUtf8();
        const int rc = ssh_userauth_password(s.ssh, nullptr, password.constData());
        if (auto done = settled(rc)) {
            return *done;
        }
        s.tried.append(QStringLiteral("password"));
        s.methods = ssh_userauth_list(s.ssh, nullptr);
        return next(AuthStep::KbdInt);
    }
    case AuthStep::KbdInt: {
        if (s.target.password.isEmpty() || !(s.methods & SSH_AUTH_METHOD_INTERACTIVE) || s.kbdRounds > 3) {
            return next(AuthStep::Exhausted);
        }
        const int rc = ssh_userauth_kbdint(s.ssh, nullptr, nullptr);
        if (auto done = settled(rc)) {
            return *done;
        }
        if (rc == SSH_AUTH_INFO) {
            // Every prompt gets the password (the usual single "Password:" prompt of PAM).
            ++s.kbdRounds;
            const QByteArray password = s.target.password.toUtf8();
            const int prompts = ssh_userauth_kbdint_getnprompts(s.ssh);
            for (int i = 0; i < prompts; ++i) {
                ssh_userauth_kbdint_setanswer(s.ssh, unsigned(i), password.constData());
            }
            return Step { true, {} };
        }
        s.tried.append(QStringLiteral("keyboard-interactive"));
        return next(AuthStep::Exhausted);
    }
    case AuthStep::Exhausted:
        break;
    }
    QStringList offered;
    if (s.methods & SSH_AUTH_METHOD_PUBLICKEY) {
        offered << QStringLiteral("publickey");
    }
    if (s.methods & SSH_AUTH_METHOD_PASSWORD) {
        offered << QStringLiteral("password");
    }
    if (s.methods & SSH_AUTH_METHOD_INTERACTIVE) {
        offered << QStringLiteral("keyboard-interactive");
    }
    return { false,
        failed(HostStatus::AuthFailed,
            QStringLiteral("authentication failed for %1@%2 (tried: %3; the server accepts: %4)")
                .arg(s.user, s.where(),
                    s.tried.isEmpty() ? QStringLiteral("nothing to try") : s.tried.join(QLatin1String(", ")),
                    offered.isEmpty() ? QStringLiteral("none") : offered.join(QLatin1Char(',')))) };
}

SshTransport::KeyFile SshAuth::inspectKey(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return SshTransport::KeyFile::Unreadable;
    }
    if (!file.read(64).startsWith("-----BEGIN")) {
        return SshTransport::KeyFile::Unreadable;
    }
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(QFile::encodeName(path).constData(), nullptr, noPrompt, nullptr, &key) == SSH_OK) {
        ssh_key_free(key);
        return SshTransport::KeyFile::Plain;
    }
    return SshTransport::KeyFile::Encrypted;
}

bool SshAuth::keyOpensWith(const QString& path, const QString& passphrase)
{
    ssh_key key = nullptr;
    const QByteArray pass = passphrase.toUtf8();
    if (ssh_pki_import_privkey_file(QFile::encodeName(path).constData(), pass.constData(), noPrompt, nullptr, &key)
        != SSH_OK) {
        return false;
    }
    ssh_key_free(key);
    return true;
}
