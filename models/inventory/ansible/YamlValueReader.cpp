#include "YamlValueReader.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/AnsibleVault.h"
#include "inventory/ansible/PythonValue.h"

#include <QCoreApplication>
#include <QHash>

namespace {

// Messages keep AnsibleInventory's translation context.
using PythonValue::Kind;
using PythonValue::kindOf;

} // namespace

SourceLocation YamlValueReader::where(const YAML::Node& n) const
{
    const YAML::Mark m = n.Mark();
    if (m.line < 0) {
        return { file, 0, 0 };
    }
    return { file, m.line + 1, m.column + 1 };
}

QVariant YamlValueReader::scalar(const YAML::Node& n) const
{
    if (!n.IsDefined() || n.IsNull()) {
        return QVariant::fromValue(nullptr);
    }
    const QString text = QString::fromStdString(n.Scalar());
    const std::string& tag = n.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str" || tag == "!unsafe" || tag == "!vault") {
        return text;
    }
    if (json) {
        if (text == QLatin1String("true") || text == QLatin1String("false")) {
            return text == QLatin1String("true");
        }
        if (text == QLatin1String("null")) {
            return QVariant::fromValue(nullptr);
        }
        bool ok = false;
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')) && !text.contains(QLatin1Char('E'))) {
            const qlonglong n = text.toLongLong(&ok);
            if (ok) {
                return n;
            }
        }
        const double d = text.toDouble(&ok);
        if (ok) {
            return d;
        }
    }
    return VarCodec::resolvePlainYamlScalar(text);
}

Result<QVariant> YamlValueReader::value(const YAML::Node& n, int depth) const
{
    if (depth > 500) {
        return Error(QCoreApplication::translate("AnsibleInventory", "YAML nested too deeply"), where(n));
    }
    if (n.IsScalar() && n.Tag() == "!vault") { // ciphertext, never a plain value: kept encrypted (AnsibleVault.h)
        const QString envelope = QString::fromStdString(n.Scalar());
        if (!AnsibleVault::isEncrypted(envelope.toUtf8())) {
            return Error(QCoreApplication::translate("AnsibleInventory",
                             "a !vault value must hold Ansible Vault text ($ANSIBLE_VAULT;1.1;AES256 and hex lines)"),
                where(n));
        }
        return AnsibleVault::encryptedValueOf(envelope);
    }
    switch (n.Type()) {
    case YAML::NodeType::Sequence: {
        QVariantList list;
        list.reserve(qsizetype(n.size()));
        for (const auto& item : n) {
            auto v = value(item, depth + 1);
            if (!v) {
                return v;
            }
            list.append(*v);
        }
        return QVariant(list);
    }
    case YAML::NodeType::Map: {
        QVariantMap map;
        // Merge keys (<<: *anchor), which PyYAML applies: merged entries first, explicit keys win.
        for (const auto& kv : n) {
            if (kv.first.IsScalar() && kv.first.Tag() == "?" && kv.first.Scalar() == "<<") {
                const auto mergeOne = [&](const YAML::Node& m) -> Result<void> {
                    auto mv = value(m, depth + 1);
                    if (!mv) {
                        return mv.error();
                    }
                    const QVariantMap mm = mv->toMap();
                    for (auto it = mm.cbegin(); it != mm.cend(); ++it) {
                        if (!map.contains(it.key())) {
                            map.insert(it.key(), it.value());
                        }
                    }
                    return {};
                };
                if (kv.second.IsMap()) {
                    if (auto r = mergeOne(kv.second); !r) {
                        return r.error();
                    }
                } else if (kv.second.IsSequence()) {
                    for (const auto& m : kv.second) {
                        if (auto r = mergeOne(m); !r) {
                            return r.error();
                        }
                    }
                }
            }
        }
        QVariantMap explicitKeys;
        for (const auto& kv : n) {
            if (kv.first.IsScalar() && kv.first.Tag() == "?" && kv.first.Scalar() == "<<") {
                continue;
            }
            if (!kv.first.IsScalar() && !kv.first.IsNull()) {
                return Error(
                    QCoreApplication::translate("AnsibleInventory", "a mapping key must be a scalar"), where(kv.first));
            }
            auto v = value(kv.second, depth + 1);
            if (!v) {
                return v;
            }
            explicitKeys.insert(PythonValue::jsonKey(scalar(kv.first)), *v);
        }
        for (auto it = explicitKeys.cbegin(); it != explicitKeys.cend(); ++it) {
            map.insert(it.key(), it.value());
        }
        return QVariant(map);
    }
    default:
        return scalar(n);
    }
}

std::vector<YamlValueReader::Entry> YamlValueReader::entries(const YAML::Node& map) const
{
    std::vector<Entry> out;
    QHash<QString, size_t> index;
    for (const auto& kv : map) {
        const QVariant key = scalar(kv.first);
        const QString id = QString::number(int(kindOf(key))) + QLatin1Char(':') + PythonValue::jsonKey(key);
        auto it = index.find(id);
        if (it != index.end()) {
            out[*it].value = kv.second;
            continue;
        }
        index.insert(id, out.size());
        out.push_back({ key, kv.first, kv.second });
    }
    return out;
}

bool YamlValueReader::isNone(const YAML::Node& n) const
{
    return !n.IsDefined() || n.IsNull() || (n.IsScalar() && kindOf(scalar(n)) == Kind::Null);
}

bool YamlValueReader::isMapOrNone(const YAML::Node& n) const
{
    return n.IsMap() || isNone(n);
}

bool YamlValueReader::isString(const YAML::Node& n) const
{
    return n.IsScalar() && kindOf(scalar(n)) == Kind::String;
}

QString YamlValueReader::typeName(const YAML::Node& n) const
{
    if (n.IsSequence()) {
        return QStringLiteral("list");
    }
    switch (kindOf(scalar(n))) {
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    default:
        return QStringLiteral("str");
    }
}
