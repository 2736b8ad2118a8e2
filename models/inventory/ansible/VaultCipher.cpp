#include "VaultCipher.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>

namespace AnsibleVault {

namespace {

constexpr int kRounds = 10000;
constexpr int kKeyLength = 32;
constexpr int kIvLength = 16;
constexpr int kSaltLength = 32;
constexpr qsizetype kLineWidth = 80;

struct Envelope {
    QByteArray version;
    QByteArray cipher;
    QString vaultId;
    QByteArray body; // hex, lines joined
};

std::optional<Envelope> parseEnvelope(const QByteArray& text)
{
    const QByteArray trimmed = text.trimmed();
    if (!trimmed.startsWith("$ANSIBLE_VAULT;")) {
        return std::nullopt;
    }
    const QList<QByteArray> lines = trimmed.split('\n');
    const QList<QByteArray> header = lines.first().trimmed().split(';');
    Envelope e;
    e.version = header.value(1).trimmed();
    e.cipher = header.value(2).trimmed();
    e.vaultId = QString::fromUtf8(header.value(3).trimmed());
    if (e.vaultId.isEmpty()) {
        e.vaultId = QStringLiteral("default");
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        e.body += lines.at(i).trimmed();
    }
    return e;
}

bool isHex(const QByteArray& s)
{
    if (s.isEmpty() || s.size() % 2 != 0) {
        return false;
    }
    return std::all_of(s.cbegin(), s.cend(),
        [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); });
}

struct Keys {
    unsigned char cipherKey[kKeyLength];
    unsigned char hmacKey[kKeyLength];
    unsigned char iv[kIvLength];
};

bool deriveKeys(const QByteArray& password, const QByteArray& salt, Keys* keys)
{
    unsigned char out[2 * kKeyLength + kIvLength];
    if (PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()),
            reinterpret_cast<const unsigned char*>(salt.constData()), int(salt.size()), kRounds, EVP_sha256(),
            int(sizeof out), out)
        != 1) {
        return false;
    }
    memcpy(keys->cipherKey, out, kKeyLength);
    memcpy(keys->hmacKey, out + kKeyLength, kKeyLength);
    memcpy(keys->iv, out + 2 * kKeyLength, kIvLength);
    OPENSSL_cleanse(out, sizeof out);
    return true;
}

QByteArray hmacOf(const Keys& keys, const QByteArray& data)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), keys.hmacKey, kKeyLength, reinterpret_cast<const unsigned char*>(data.constData()),
            size_t(data.size()), md, &length)) {
        return {};
    }
    return QByteArray(reinterpret_cast<const char*>(md), int(length));
}

// AES-256-CTR in either direction (CTR is its own inverse).
QByteArray aesCtr(const Keys& keys, const QByteArray& in)
{
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_ctr(), nullptr, keys.cipherKey, keys.iv) != 1) {
        return {};
    }
    QByteArray out(in.size() + kIvLength, Qt::Uninitialized);
    int n = 0;
    int tail = 0;
    if (EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n,
            reinterpret_cast<const unsigned char*>(in.constData()), int(in.size()))
            != 1
        || EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + n, &tail) != 1) {
        return {};
    }
    out.truncate(n + tail);
    return out;
}

} // namespace

QString envelopeVaultId(const QByteArray& envelope)
{
    const auto e = parseEnvelope(envelope);
    return e ? e->vaultId : QString();
}

Result<QByteArray> decrypt(
    const QByteArray& envelope, const Secrets& secrets, const SourceLocation& where, Secret* opened)
{
    const auto e = parseEnvelope(envelope);
    if (!e) {
        return Error(
            QCoreApplication::translate("AnsibleInventory", "not Ansible Vault content (no $ANSIBLE_VAULT header)"),
            where);
    }
    if ((e->version != "1.1" && e->version != "1.2") || e->cipher != "AES256") {
        return Error(QCoreApplication::translate("AnsibleInventory",
                         "Ansible Vault format %1 with cipher %2 is not supported (OpsDeck reads 1.1 and 1.2, "
                         "AES256)")
                         .arg(QString::fromLatin1(e->version.left(20)), QString::fromLatin1(e->cipher.left(20))),
            where);
    }
    const QByteArray inner = QByteArray::fromHex(e->body);
    const QList<QByteArray> parts = inner.split('\n');
    if (!isHex(e->body) || parts.size() != 3 || !isHex(parts.at(0)) || !isHex(parts.at(1)) || !isHex(parts.at(2))) {
        return Error(QCoreApplication::translate("AnsibleInventory",
                         "the Ansible Vault content is damaged (its hex lines do not hold salt, HMAC and "
                         "ciphertext)"),
            where);
    }
    if (secrets.isEmpty()) {
        return Error(QCoreApplication::translate("AnsibleInventory",
                         "encrypted with Ansible Vault (vault id %1) and no vault password was given: pass "
                         "--vault-password-file FILE or --vault-id ID@FILE")
                         .arg(e->vaultId.left(100)),
            where);
    }
    const QByteArray salt = QByteArray::fromHex(parts.at(0));
    const QByteArray mac = QByteArray::fromHex(parts.at(1));
    const QByteArray ciphertext = QByteArray::fromHex(parts.at(2));
    Secrets ordered;
    for (const Secret& s : secrets) {
        if (s.id == e->vaultId) {
            ordered.append(s);
        }
    }
    for (const Secret& s : secrets) {
        if (s.id != e->vaultId) {
            ordered.append(s);
        }
    }
    for (const Secret& s : std::as_const(ordered)) {
        Keys keys;
        if (!deriveKeys(s.password, salt, &keys)) {
            continue;
        }
        const QByteArray expected = hmacOf(keys, ciphertext);
        if (expected.size() != mac.size() || CRYPTO_memcmp(expected.constData(), mac.constData(), size_t(mac.size()))) {
            OPENSSL_cleanse(&keys, sizeof keys);
            continue;
        }
        QByteArray padded = aesCtr(keys, ciphertext);
        OPENSSL_cleanse(&keys, sizeof keys);
        const int pad = padded.isEmpty() ? 0 : static_cast<unsigned char>(padded.back());
        if (pad < 1 || pad > 16 || pad > padded.size()) {
            return Error(
                QCoreApplication::translate("AnsibleInventory", "the Ansible Vault content is damaged (bad padding)"),
                where);
        }
        padded.chop(pad);
        if (opened) {
            *opened = s;
        }
        return padded;
    }
    return Error(QCoreApplication::translate("AnsibleInventory",
                     "cannot decrypt this Ansible Vault content (vault id %1): none of the %n vault password(s) "
                     "given opens it",
                     nullptr, int(secrets.size()))
                     .arg(e->vaultId.left(100)),
        where);
}

QByteArray encrypt(const QByteArray& plaintext, const Secret& secret)
{
    QByteArray salt(kSaltLength, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), kSaltLength) != 1) {
        return {};
    }
    Keys keys;
    if (!deriveKeys(secret.password, salt, &keys)) {
        return {};
    }
    QByteArray padded = plaintext;
    const int pad = 16 - int(plaintext.size() % 16);
    padded.append(QByteArray(pad, char(pad)));
    const QByteArray ciphertext = aesCtr(keys, padded);
    const QByteArray mac = hmacOf(keys, ciphertext);
    OPENSSL_cleanse(&keys, sizeof keys);
    const QByteArray inner = salt.toHex() + '\n' + mac.toHex() + '\n' + ciphertext.toHex();
    const QByteArray body = inner.toHex();
    const bool named = !secret.id.isEmpty() && secret.id != QLatin1String("default");
    QByteArray out
        = named ? "$ANSIBLE_VAULT;1.2;AES256;" + secret.id.toUtf8() : QByteArray("$ANSIBLE_VAULT;1.1;AES256");
    out += '\n';
    for (qsizetype i = 0; i < body.size(); i += kLineWidth) {
        out += body.mid(i, kLineWidth) + '\n';
    }
    return out;
}

Result<Secret> readSecret(const QString& spec)
{
    Secret secret;
    QString path = spec;
    const qsizetype at = spec.indexOf(QLatin1Char('@'));
    if (at > 0) {
        secret.id = spec.left(at);
        path = spec.mid(at + 1);
    } else {
        secret.id = QStringLiteral("default");
    }
    const SourceLocation where { path };
    if (path == QLatin1String("prompt")) {
        return Error(QCoreApplication::translate("AnsibleInventory",
                         "asking for the vault password is not possible here: put it in a file (readable only by "
                         "you) and pass ID@FILE"),
            where);
    }
    const QFileInfo info(path);
    if (!info.isFile()) {
        return Error(QCoreApplication::translate("AnsibleInventory", "no vault password file here"), where);
    }
    if (info.isExecutable()) {
        QProcess script;
        script.start(info.absoluteFilePath(), {});
        if (!script.waitForFinished(30000) || script.exitStatus() != QProcess::NormalExit || script.exitCode() != 0) {
            script.kill();
            script.waitForFinished(1000);
            return Error(QCoreApplication::translate(
                             "AnsibleInventory", "the vault password script failed or took longer than 30 s"),
                where);
        }
        secret.password = script.readAllStandardOutput().trimmed();
    } else {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            return Error(QCoreApplication::translate("AnsibleInventory", "cannot read the vault password file: %1")
                             .arg(f.errorString()),
                where);
        }
        secret.password = f.read(1 << 20).trimmed();
    }
    if (secret.password.isEmpty()) {
        return Error(QCoreApplication::translate("AnsibleInventory", "the vault password file is empty"), where);
    }
    return secret;
}

} // namespace AnsibleVault
