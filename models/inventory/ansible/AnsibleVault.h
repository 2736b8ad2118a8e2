#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include "inventory/ansible/VaultCipher.h"

#include <QHash>
#include <QMap>
#include <QVariant>

// Ansible Vault in the inventory: ciphertext is never taken as data. A file whose first line is
// `$ANSIBLE_VAULT;1.1;AES256` (or `1.2;AES256;ID`) is decrypted with the vault passwords given, or refused with an
// error that names the file; a YAML value tagged `!vault` stays encrypted at rest as the value ansible-inventory's
// JSON shows for it, `{"__ansible_vault": "$ANSIBLE_VAULT;…"}`, is written back as `!vault` on export, and is only
// decrypted where it is used with the vault passwords given (reveal()); without them a template that uses it fails
// (models/jinja never renders such a value). The cipher is VaultCipher.h.
namespace AnsibleVault {

// The key of the one-entry map that holds a vault-encrypted value, as ansible-inventory --list prints it.
inline constexpr char kValueKey[] = "__ansible_vault";
// A `!vault` value: the map {kValueKey: envelope}.
QVariant encryptedValueOf(const QString& envelope);
// Whether `v` is such a value, and its envelope text.
bool isEncryptedValue(const QVariant& v);
QString envelopeOf(const QVariant& v);
// Every vault value in `vars` (at any depth) replaced by its decrypted text. Errors name `host` and the
// variable's dotted path and never include a password or plaintext.
// `cache` (envelope → plaintext), when given, is read and filled: the same group value decrypted for a thousand
// hosts costs one key derivation, not a thousand (PBKDF2 with 10,000 rounds is the expensive part).
using RevealCache = QHash<QString, QString>;
Result<void> reveal(QVariantMap& vars, const Secrets& secrets, const QString& host, RevealCache* cache = nullptr);
// The variables of `vars` that hold vault values (dotted paths), sorted.
QStringList encryptedPaths(const QVariantMap& vars);
// One envelope of each vault id the vault values of `vars` use, by vault id.
QMap<QString, QString> envelopesByVaultId(const QVariantMap& vars);

// The vault header of `data` when it is vault-encrypted (leading whitespace ignored, as Ansible does): "1.1",
// "1.2 (vault id ID)"; empty when it is not.
QString describeHeader(const QByteArray& data);
bool isEncrypted(const QByteArray& data);

// The plaintext of a vault-encrypted file (`what` = "inventory file", "variables file"); without `secrets`, or
// when none opens it, an error naming the file that says what to do.
Result<QByteArray> decryptFile(
    const QString& path, const QString& what, const QByteArray& data, const Secrets& secrets, Secret* opened = nullptr);
// Every string in `v` (at any depth; map keys stay as they are) replaced by a vault value encrypted with `secret`:
// how the values of a vault-encrypted variables file stay encrypted in the workspace. Other values (numbers,
// booleans, null) stay plain: a vault value is always a string, and encrypting them would change their type.
void encryptStrings(QVariant& v, const Secret& secret);

} // namespace AnsibleVault
