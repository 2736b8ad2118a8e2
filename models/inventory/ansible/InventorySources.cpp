#include "InventorySources.h"

#include "inventory/ansible/AnsibleNames.h"
#include "inventory/ansible/AnsibleVault.h"
#include "inventory/ansible/IniInventoryReader.h"
#include "inventory/ansible/InventoryBuilder.h"
#include "inventory/ansible/VarsDirectory.h"
#include "inventory/ansible/YamlInventoryReader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <limits>
#include <optional>

namespace {

// Messages keep AnsibleInventory's translation context.
using AnsibleNames::kUngrouped;

struct FileParseContext {
    const AnsibleInventory::Progress& progress;
    qint64 doneKiB = 0;
    int totalKiB = 1;
};

bool looksLikeYamlKeyLine(const QByteArray& data, int line)
{
    const QList<QByteArray> lines = data.split('\n');
    if (line < 1 || line > lines.size()) {
        return false;
    }
    const QByteArray l = lines[line - 1].trimmed();
    return l.endsWith(':') || l.contains(": ") || l.startsWith("---");
}

Result<void> parseInventoryData(InventoryBuilder& b, const QByteArray& data, const QString& file, FileParseContext& ctx)
{
    // os.path.splitext(): the extension starts at the last dot that is not leading.
    QString base = QFileInfo(file).fileName();
    qsizetype lead = 0;
    while (lead < base.size() && base[lead] == u'.') {
        ++lead;
    }
    const qsizetype dot = base.lastIndexOf(QLatin1Char('.'));
    const QString ext = dot > lead ? base.mid(dot) : QString();
    // The yaml plugin only looks at files without extension or ending .yaml, .yml or .json (case-sensitive).
    const bool yamlCandidate = ext.isEmpty() || ext == QLatin1String(".yml") || ext == QLatin1String(".yaml")
        || ext == QLatin1String(".json");
    std::optional<Error> yamlError;
    if (yamlCandidate) {
        YamlInventoryReader yaml(b, file);
        bool fallBack = false;
        auto r = yaml.read(data, &fallBack);
        if (r) {
            ctx.doneKiB += data.size() / 1024;
            return {};
        }
        if (!fallBack) {
            return r;
        }
        yamlError = r.error();
    }
    IniInventoryReader ini(b, file, ctx.progress, &ctx.doneKiB, ctx.totalKiB);
    auto r = ini.parse(data);
    if (!r) {
        // Both plugins failed. Name the failure the author most likely meant to fix.
        if (yamlError && (!ext.isEmpty() || looksLikeYamlKeyLine(data, r.error().where.line))) {
            return *yamlError;
        }
        return r;
    }
    return {};
}

// inventory/manager.py IGNORED: hidden entries, group_vars/host_vars/vars_plugins, INVENTORY_IGNORE_EXTS.
bool ignoredInDirectory(const QString& name)
{
    static const QStringList exts { QStringLiteral(".pyc"), QStringLiteral(".pyo"), QStringLiteral(".swp"),
        QStringLiteral(".bak"), QStringLiteral("~"), QStringLiteral(".rpm"), QStringLiteral(".md"),
        QStringLiteral(".txt"), QStringLiteral(".rst"), QStringLiteral(".orig"), QStringLiteral(".ini"),
        QStringLiteral(".cfg"), QStringLiteral(".retry") };
    if (name.startsWith(QLatin1Char('.')) || name == QLatin1String("host_vars") || name == QLatin1String("group_vars")
        || name == QLatin1String("vars_plugins")) {
        return true;
    }
    for (const QString& e : exts) {
        if (name.endsWith(e)) {
            return true;
        }
    }
    return false;
}

} // namespace

void InventorySources::collect(const QString& path, QStringList& files)
{
    const QFileInfo fi(path);
    if (fi.isDir()) {
        for (const QString& name : VarsDirectory::sortedEntries(path)) {
            if (!ignoredInDirectory(name)) {
                InventorySources::collect(path + QLatin1Char('/') + name, files);
            }
        }
    } else {
        files.append(path);
    }
}

Result<Inventory> InventorySources::read(const QString& source, const QStringList& files, const QString& baseDir,
    const QHash<QString, QByteArray>& inMemory, const AnsibleInventory::Progress& progress,
    const AnsibleVault::Secrets& vaultSecrets)
{
    InventoryBuilder b;
    qint64 totalBytes = 0;
    for (const QString& f : files) {
        totalBytes += inMemory.contains(f) ? inMemory.value(f).size() : QFileInfo(f).size();
    }
    FileParseContext ctx { progress };
    ctx.totalKiB = int(qMin<qint64>(totalBytes / 1024 + 1, std::numeric_limits<int>::max()));
    if (progress && !progress(0, ctx.totalKiB)) {
        return Error(QCoreApplication::translate("AnsibleInventory", "import cancelled"));
    }
    for (const QString& file : files) {
        QByteArray data;
        if (inMemory.contains(file)) {
            data = inMemory.value(file);
        } else {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly)) {
                return Error(QCoreApplication::translate("AnsibleInventory", "cannot read inventory file: %1")
                                 .arg(f.errorString()),
                    SourceLocation { file });
            }
            data = f.readAll();
        }
        if (AnsibleVault::isEncrypted(data)) { // never its ciphertext lines as host names
            auto plain = AnsibleVault::decryptFile(
                file, QCoreApplication::translate("AnsibleInventory", "inventory file"), data, vaultSecrets);
            if (!plain) {
                return plain.error();
            }
            data = *plain;
        }
        if (auto r = parseInventoryData(b, data, file, ctx); !r) {
            return r.error();
        }
        if (progress && !progress(int(qMin<qint64>(ctx.doneKiB, ctx.totalKiB)), ctx.totalKiB)) {
            return Error(QCoreApplication::translate("AnsibleInventory", "import cancelled"));
        }
    }
    QStringList explicitAllChildren = b.groups[0].children;
    explicitAllChildren.removeAll(kUngrouped);
    b.reconcile();

    if (!baseDir.isEmpty()) {
        // plugins/vars/host_group_vars.py for every group and host.
        const VarsDirectory groupVars(baseDir + QStringLiteral("/group_vars"));
        const VarsDirectory hostVars(baseDir + QStringLiteral("/host_vars"));
        for (InventoryBuilder::GroupEntry& g : b.groups) {
            auto vars = VarsDirectory::loadFiles(groupVars.filesFor(g.name), vaultSecrets);
            if (!vars) {
                return vars.error();
            }
            g.fileVars = *vars;
        }
        for (InventoryBuilder::HostEntry& h : b.hosts) {
            auto vars = VarsDirectory::loadFiles(hostVars.filesFor(h.name), vaultSecrets);
            if (!vars) {
                return vars.error();
            }
            h.fileVars = *vars;
        }
    }
    Q_UNUSED(source);
    Inventory inv = b.toInventory(explicitAllChildren);
    if (progress) {
        progress(ctx.totalKiB, ctx.totalKiB);
    }
    return inv;
}
