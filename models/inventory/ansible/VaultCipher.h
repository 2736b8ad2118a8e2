#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Ansible Vault's format 1.1 and 1.2 (AES256), as `ansible-vault` writes and reads it, with OpenSSL's libcrypto:
// PBKDF2-HMAC-SHA256 (10,000 rounds) of the password and a 32-byte salt gives an AES-256-CTR key, an HMAC-SHA256
// key and the counter's start; the plaintext is PKCS#7-padded, encrypted, and authenticated by the HMAC of the
// ciphertext; the envelope is `$ANSIBLE_VAULT;1.1;AES256` (or `1.2;AES256;VAULT_ID`) and the hex of
// "hex(salt)\nhex(hmac)\nhex(ciphertext)" in lines of 80. tests/tst_vault.cpp checks both directions against
// the real ansible-vault.
namespace AnsibleVault {

// A vault password and the vault id it is for ("default" for --vault-password-file, as Ansible names it).
struct Secret {
    QString id;
    QByteArray password;
};
using Secrets = QList<Secret>;

// Decrypts a vault envelope (a whole file's text or a `!vault` value). Ansible's order: the secret whose id the
// envelope names first, then every other one. Errors name `where` and never include a password or plaintext.
// `opened`, when given, gets the secret that opened it.
Result<QByteArray> decrypt(
    const QByteArray& envelope, const Secrets& secrets, const SourceLocation& where, Secret* opened = nullptr);

// Encrypts `plaintext` with a fresh random salt: format 1.1 when the secret's id is empty or "default", else 1.2
// with the id in the header. The result ends with a newline, as ansible-vault's.
QByteArray encrypt(const QByteArray& plaintext, const Secret& secret);

// The vault id an envelope names ("default" for format 1.1), empty when `envelope` is not a vault envelope.
QString envelopeVaultId(const QByteArray& envelope);

// Reads vault passwords as Ansible's --vault-password-file FILE and --vault-id [ID@]FILE do: the file's content
// without surrounding whitespace, or, when the file is executable, what it prints (run without arguments, at most
// 30 s). Errors name the file.
Result<Secret> readSecret(const QString& spec);

} // namespace AnsibleVault
