#include "YamlInventoryReader.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/HostPattern.h"
#include "inventory/ansible/InventoryBuilder.h"
#include "inventory/ansible/OpsDeckComment.h"
#include "inventory/ansible/PythonValue.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace {

// Messages keep AnsibleInventory's translation context.
using PythonValue::Kind;
using PythonValue::kindOf;

bool firstLineIsIniSection(const QByteArray& data)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0) {
            end = data.size();
        }
        const QByteArray line = data.mid(pos, end - pos).trimmed();
        pos = end + 1;
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        static const QRegularExpression section(QStringLiteral(R"(^\[[^\]\[]*\]\s*(?:#.*)?$)"));
        return section.match(QString::fromUtf8(line)).hasMatch();
    }
    return false;
}

} // namespace

YamlInventoryReader::YamlInventoryReader(InventoryBuilder& b, const QString& file)
    : m_b(b)
    , m_r { file }
{
}

Result<void> YamlInventoryReader::parse(const YAML::Node& root)
{
    for (const auto& e : m_r.entries(root)) {
        auto r = parseGroup(e.key, e.keyNode, e.value);
        if (!r) {
            return r.error();
        }
    }
    return {};
}

// _parse_group(); returns the group's name (or its key as text when it was skipped).
Result<QString> YamlInventoryReader::parseGroup(const QVariant& key, const YAML::Node& keyNode, const YAML::Node& data)
{
    if (!m_r.isMapOrNone(data)) {
        // Ansible warns "Skipping '...' as this is not a valid group definition" and goes on.
        return PythonValue::jsonKey(key);
    }
    if (kindOf(key) != Kind::String) {
        return Error(QCoreApplication::translate("AnsibleInventory", "invalid group name %1: expected a string")
                         .arg(PythonValue::jsonKey(key)),
            m_r.where(keyNode));
    }
    const QString name = key.toString();
    if (name.isEmpty()) {
        return Error(QCoreApplication::translate("AnsibleInventory", "invalid empty group name"), m_r.where(keyNode));
    }
    const int g = m_b.addGroup(name);
    if (m_r.isNone(data)) {
        return name;
    }
    const auto items = m_r.entries(data);
    // Sections given as one string mean {string: None}; anything else but a mapping is an error.
    for (const auto& e : items) {
        if (kindOf(e.key) != Kind::String) {
            continue;
        }
        const QString section = e.key.toString();
        if (section != QLatin1String("vars") && section != QLatin1String("children")
            && section != QLatin1String("hosts")) {
            continue;
        }
        if (!m_r.isString(e.value) && !m_r.isMapOrNone(e.value)) {
            return Error(QCoreApplication::translate("AnsibleInventory",
                             "invalid \"%1\" entry for \"%2\" group: expected a mapping, found a %3")
                             .arg(section, name, m_r.typeName(e.value)),
                m_r.where(e.value));
        }
    }
    for (const auto& e : items) {
        const QString section = kindOf(e.key) == Kind::String ? e.key.toString() : QString();
        const bool known = section == QLatin1String("vars") || section == QLatin1String("children")
            || section == QLatin1String("hosts");
        std::vector<YamlValueReader::Entry> entries;
        if (known && m_r.isString(e.value)) {
            entries.push_back({ m_r.scalar(e.value), e.value, YAML::Node() });
        } else if (e.value.IsMap()) {
            entries = m_r.entries(e.value);
        } else {
            continue; // None, or not a mapping: Ansible skips it (with a warning for the latter)
        }
        if (section == QLatin1String("vars")) {
            for (const auto& v : entries) {
                auto value = m_r.value(v.value);
                if (!value) {
                    return value.error();
                }
                if (auto r = m_b.setGroupVar(g, PythonValue::jsonKey(v.key), *value); !r) {
                    return Error(r.error().message, m_r.where(v.keyNode));
                }
            }
        } else if (section == QLatin1String("children")) {
            for (const auto& c : entries) {
                auto child = parseGroup(c.key, c.keyNode, c.value);
                if (!child) {
                    return child.error();
                }
                if (auto r = m_b.addChild(g, *child); !r) {
                    return Error(r.error().message, m_r.where(c.keyNode));
                }
            }
        } else if (section == QLatin1String("hosts")) {
            for (const auto& h : entries) {
                if (auto r = parseHost(g, h); !r) {
                    return r.error();
                }
            }
        }
    }
    return name;
}

Result<void> YamlInventoryReader::parseHost(int group, const YamlValueReader::Entry& e)
{
    if (kindOf(e.key) != Kind::String) {
        return Error(QCoreApplication::translate("AnsibleInventory",
                         "host pattern %1 must be a string; enclose integers and floats in quotation marks")
                         .arg(PythonValue::jsonKey(e.key)),
            m_r.where(e.keyNode));
    }
    int port = 0;
    auto names = HostPattern::expand(e.key.toString(), &port);
    if (!names) {
        return Error(names.error().message, m_r.where(e.keyNode));
    }
    QVariantMap vars;
    // `data or {}`: any false-ish value means no variables; a true-ish non-mapping is an error.
    if (e.value.IsMap()) {
        auto v = m_r.value(e.value);
        if (!v) {
            return v.error();
        }
        vars = v->toMap();
    } else if (e.value.IsSequence()) {
        if (e.value.size() > 0) {
            return Error(QCoreApplication::translate(
                             "AnsibleInventory", "invalid variables for host %1: expected a mapping, got a list")
                             .arg(e.key.toString()),
                m_r.where(e.value));
        }
    } else if (!m_r.isNone(e.value)) {
        const QVariant s = m_r.scalar(e.value);
        const bool falsy = (kindOf(s) == Kind::String && s.toString().isEmpty())
            || (kindOf(s) == Kind::Bool && !s.toBool()) || (kindOf(s) == Kind::Int && s.toLongLong() == 0)
            || (kindOf(s) == Kind::Float && s.toDouble() == 0);
        if (!falsy) {
            return Error(QCoreApplication::translate(
                             "AnsibleInventory", "invalid variables for host %1: expected a mapping, got: %2")
                             .arg(e.key.toString(), s.toString()),
                m_r.where(e.value));
        }
    }
    for (const QString& n : std::as_const(*names)) {
        auto h = m_b.addHost(n, group, port);
        if (!h) {
            return Error(h.error().message, m_r.where(e.keyNode));
        }
        InventoryBuilder::HostEntry& host = m_b.hosts[*h];
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            host.vars.insert(it.key(), it.value());
        }
    }
    return {};
}

Result<void> YamlInventoryReader::read(const QByteArray& data, bool* fallBack)
{
    const QString& file = m_r.file;
    *fallBack = true;
    if (firstLineIsIniSection(data)) {
        // A complete "[...]" first line followed by anything is never a YAML mapping (and a lone one is a list):
        // the yaml plugin fails on it, so skip running a YAML parser over a large INI file.
        return Error(
            QCoreApplication::translate("AnsibleInventory", "not a YAML mapping"), SourceLocation { file, 1, 1 });
    }
    // Ansible's loader tries json.loads() first, which types numbers like JSON does.
    const auto json = VarCodec::fromJson(data, file);
    m_r.json = json.ok() && json->typeId() == QMetaType::QVariantMap;
    YAML::Node root;
    try {
        root = YAML::Load(data.toStdString());
    } catch (const YAML::Exception& e) {
        return Error(
            QCoreApplication::translate("AnsibleInventory", "malformed YAML: %1").arg(QString::fromStdString(e.msg)),
            SourceLocation {
                file, e.mark.line >= 0 ? e.mark.line + 1 : 0, e.mark.column >= 0 ? e.mark.column + 1 : 0 });
    }
    if (!root.IsMap() || root.size() == 0) {
        return Error(QCoreApplication::translate("AnsibleInventory", "a YAML inventory must be a mapping of groups"),
            SourceLocation { file, 1, 1 });
    }
    *fallBack = false;
    for (const auto& kv : root) {
        if (kv.first.IsScalar() && kv.first.Scalar() == "plugin") {
            const QVariant pv = m_r.scalar(kv.second);
            if (kv.second.IsMap() || kv.second.IsSequence()
                || (kindOf(pv) != Kind::Null && !(kindOf(pv) == Kind::String && pv.toString().isEmpty()))) {
                return Error(QCoreApplication::translate("AnsibleInventory",
                                 "this is an inventory plugin configuration, not an inventory: dynamic "
                                 "inventory plugins are not supported"),
                    m_r.where(kv.first));
            }
        }
    }
    if (auto r = parse(root); !r) {
        return r;
    }
    // yaml-cpp drops comments: find "NAME: # opsdeck: kind=…" lines in the text for the groups.
    static const QRegularExpression kindLine(
        QStringLiteral(R"re(^[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s:#'"][^:#]*?))[ \t]*:[ \t]*#)re"),
        QRegularExpression::MultilineOption);
    if (data.contains("opsdeck:")) {
        const QString text = QString::fromUtf8(data);
        for (auto it = kindLine.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            const qsizetype eol = text.indexOf(QLatin1Char('\n'), m.capturedEnd(0));
            const auto kind = OpsDeckComment::kind(
                QStringView(text).mid(m.capturedEnd(0) - 1, (eol < 0 ? text.size() : eol) - m.capturedEnd(0) + 1));
            const QString name = m.captured(1) + m.captured(2) + m.captured(3);
            if (kind && m_b.groupIndex.contains(name)) {
                m_b.groups[m_b.groupIndex.value(name)].kind = kind;
            }
            const QString rule = OpsDeckComment::rule(
                QStringView(text).mid(m.capturedEnd(0) - 1, (eol < 0 ? text.size() : eol) - m.capturedEnd(0) + 1));
            if (!rule.isEmpty() && m_b.groupIndex.contains(name)) {
                m_b.groups[m_b.groupIndex.value(name)].rule = rule;
            }
        }
    }
    return {};
}
