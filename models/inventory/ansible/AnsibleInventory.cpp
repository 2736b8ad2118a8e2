#include "AnsibleInventory.h"

#include "inventory/ansible/AnsibleListing.h"
#include "inventory/ansible/ExportPreparation.h"
#include "inventory/ansible/IniInventoryWriter.h"
#include "inventory/ansible/InventorySources.h"
#include "inventory/ansible/YamlInventoryWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

// Every rule in this folder is ansible-core 2.14's; the Python function it copies is named in the comment above
// it, so a reader can check one against the other.

namespace {

bool fileNameOk(const QString& name)
{
    return !name.isEmpty() && !name.contains(QLatin1Char('/')) && name != QLatin1String(".")
        && name != QLatin1String("..") && !name.contains(QChar(0));
}

Result<void> writeFile(const QString& path, const QByteArray& data)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
        return Error(AnsibleInventory::tr("cannot write file: %1").arg(f.errorString()), SourceLocation { path });
    }
    return {};
}

} // namespace

Result<Inventory> AnsibleInventory::importPath(
    const QString& fileOrDir, const Progress& progress, const AnsibleVault::Secrets& vaultSecrets)
{
    const QFileInfo fi(fileOrDir);
    if (!fi.exists()) {
        return Error(tr("no such file or directory"), SourceLocation { fileOrDir });
    }
    QStringList files;
    InventorySources::collect(fileOrDir, files);
    // host_group_vars looks beside a file source, or inside a directory source.
    const QString baseDir = fi.isDir() ? fi.filePath() : fi.path();
    Result<Inventory> read = InventorySources::read(fileOrDir, files, baseDir, {}, progress, vaultSecrets);
    if (read && fi.isFile()) {
        read->setSourceFile(fi.absoluteFilePath());
    }
    return read;
}

Result<Inventory> AnsibleInventory::importText(const QByteArray& text, const QString& fileName)
{
    return InventorySources::read(fileName, { fileName }, QString(), { { fileName, text } }, {}, {});
}

QByteArray AnsibleInventory::toAnsibleListJson(const Inventory& inventory)
{
    return AnsibleListing::toJson(inventory);
}

QByteArray AnsibleInventory::exportIni(const Inventory& inventory)
{
    const auto all = [](const QString&) { return true; };
    return IniInventoryWriter::write(ExportPreparation::prepare(inventory, all, all, Format::Ini));
}

QByteArray AnsibleInventory::exportYaml(const Inventory& inventory)
{
    const auto all = [](const QString&) { return true; };
    return YamlInventoryWriter::write(ExportPreparation::prepare(inventory, all, all, Format::Yaml));
}

Result<void> AnsibleInventory::exportToDirectory(const Inventory& inventory, const QString& dir, Format format)
{
    QDir d(dir);
    if (d.exists() && !d.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)) {
        return Error(tr("the directory is not empty; choose an empty or new directory"), SourceLocation { dir });
    }
    if (!QDir().mkpath(dir)) {
        return Error(tr("cannot create the directory"), SourceLocation { dir });
    }
    // Names that cannot be file names (a '/', "." or "..") keep their file layer folded into the inventory file;
    // every other file layer is written as group_vars/NAME.yml or host_vars/NAME.yml.
    const auto unwritable = [](const QString& name) { return !fileNameOk(name); };
    const Inventory prepared = ExportPreparation::prepare(inventory, unwritable, unwritable, format);
    const QByteArray main
        = format == Format::Ini ? IniInventoryWriter::write(prepared) : YamlInventoryWriter::write(prepared);
    const QString mainName = format == Format::Ini ? QStringLiteral("hosts") : QStringLiteral("hosts.yml");
    if (auto r = writeFile(d.filePath(mainName), main); !r) {
        return r;
    }
    const auto writeVars = [&](const QString& sub, const QString& name, const QVariantMap& vars) -> Result<void> {
        if (vars.isEmpty()) {
            return {};
        }
        if (!QDir().mkpath(d.filePath(sub))) {
            return Error(tr("cannot create the directory"), SourceLocation { d.filePath(sub) });
        }
        return writeFile(
            d.filePath(sub + QLatin1Char('/') + name + QStringLiteral(".yml")), YamlInventoryWriter::varsFile(vars));
    };
    for (const Group& g : prepared.groups()) {
        if (auto r = writeVars(QStringLiteral("group_vars"), g.name, g.fileVars); !r) {
            return r;
        }
    }
    for (const Host& h : prepared.hosts()) {
        if (auto r = writeVars(QStringLiteral("host_vars"), h.name, h.fileVars); !r) {
            return r;
        }
    }
    return {};
}
