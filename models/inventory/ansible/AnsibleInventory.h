#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "inventory/ansible/VaultCipher.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVariant>
#include <functional>
#include <optional>

// Import and export of Ansible inventories with ansible-core 2.14's exact semantics: the ini and yaml inventory
// plugins, directory sources, and the host_group_vars plugin (group_vars/ and host_vars/ beside the source).
// `ansible-inventory -i SOURCE --list` is the oracle for every function here (see tests/tst_ansible.cpp).
//
// This class is the facade; the work is done by the units beside it, one per part of Ansible copied (the rules
// from lib/ansible/plugins/inventory/{ini,yaml}.py, inventory/{data,group,host,manager}.py,
// parsing/utils/addresses.py, plugins/vars/host_group_vars.py are named where they are implemented):
// InventorySources (the plugin chain) over IniInventoryReader, YamlInventoryReader (with YamlValueReader),
// InventoryBuilder (InventoryData) and VarsDirectory (group_vars/, host_vars/); PythonLiteral, Shlex, PythonStr,
// PythonValue and HostPattern (the Python and Ansible helpers the plugins rely on); AnsibleListing (the --list
// view and JSON); ExportPreparation, IniInventoryWriter, YamlInventoryWriter (export); OpsDeckComment (what rides
// along in "# opsdeck:" comments).
class AnsibleInventory {
    Q_DECLARE_TR_FUNCTIONS(AnsibleInventory)

public:
    enum class Format { Ini, Yaml };
    // Called now and then while importing: `done` out of `total` units of work (KiB read). Returning false
    // cancels the import, which then returns an Error.
    using Progress = std::function<bool(int done, int total)>;

    // Imports an inventory file (INI or YAML, detected as Ansible does) or a directory of inventory files, with
    // the group_vars/ and host_vars/ beside the file (or inside the directory). All or nothing: on any error the
    // result is an Error naming file, line (and column where known) and what was expected. Files encrypted with
    // Ansible Vault are decrypted with `vaultSecrets` (an error naming the file without them); `!vault` values stay
    // encrypted (AnsibleVault.h).
    static Result<Inventory> importPath(
        const QString& fileOrDir, const Progress& progress = {}, const AnsibleVault::Secrets& vaultSecrets = {});
    // The same, from INI or YAML text in memory (no group_vars/host_vars); `fileName` is used in messages and
    // for the format detection by extension.
    static Result<Inventory> importText(const QByteArray& text, const QString& fileName);

    // Exactly what `ansible-inventory --list` prints for the inventory (json.dumps sort_keys, indent 4,
    // ensure_ascii=False, trailing newline).
    static QByteArray toAnsibleListJson(const Inventory& inventory);

    // One self-contained inventory file that Ansible reads back to the same groups, memberships and resolved
    // host variables. The group_vars/host_vars layers are folded into the inventory layer; where folding would
    // change a host's resolved value, the value is pinned on the host (so resolution stays identical, only the
    // provenance is flattened). See ExportPreparation.h for what INI cannot represent.
    static QByteArray exportIni(const Inventory& inventory);
    static QByteArray exportYaml(const Inventory& inventory);
    // Writes DIR/hosts (INI; no ".ini": Ansible ignores *.ini files inside an inventory directory) or
    // DIR/hosts.yml, plus group_vars/NAME.yml and host_vars/NAME.yml for the file layers, keeping both layers
    // exactly. DIR must be empty or not exist yet.
    static Result<void> exportToDirectory(const Inventory& inventory, const QString& dir, Format format);
};
