#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

// Ansible Vault, as far as OpsDeck understands it today: recognising vault-encrypted content so that ciphertext is
// never taken as data. A file whose first line is `$ANSIBLE_VAULT;1.1;AES256` (or `1.2;AES256;ID`), and a YAML
// value tagged `!vault`, are refused with an error that names the place and says what to do; decrypting them is
// not built yet (docs/cli.md, `inventory import`).
namespace AnsibleVault {

// The vault header of `data` when it is vault-encrypted (leading whitespace ignored, as Ansible does): "1.1",
// "1.2 (vault id ID)"; empty when it is not.
QString describeHeader(const QByteArray& data);
bool isEncrypted(const QByteArray& data);

// The error for a vault-encrypted file (`what` = "inventory file", "variables file").
Error encryptedFile(const QString& path, const QString& what, const QByteArray& data);
// The error for a `!vault` value at `location`.
Error encryptedValue(const SourceLocation& location);

} // namespace AnsibleVault
