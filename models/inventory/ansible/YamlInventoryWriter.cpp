#include "YamlInventoryWriter.h"

#include "inventory/ansible/AnsibleVault.h"

#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleListing.h"
#include "inventory/ansible/AnsibleNames.h"
#include "inventory/ansible/ExportPreparation.h"
#include "inventory/ansible/HostPattern.h"
#include "inventory/ansible/OpsDeckComment.h"
#include "inventory/ansible/PythonValue.h"

#include <QRegularExpression>
#include <QSet>
#include <cmath>

namespace {

using AnsibleNames::kAll;
using AnsibleNames::kUngrouped;
using PythonValue::Kind;
using PythonValue::kindOf;

// YAML scalars and flow collections that PyYAML (YAML 1.1) reads back to exactly the value.
void yamlString(QString& out, const QString& s)
{
    out += QLatin1Char('"');
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s[i].unicode();
        if (u == u'"') {
            out += QStringLiteral("\\\"");
        } else if (u == u'\\') {
            out += QStringLiteral("\\\\");
        } else if (u == u'\n') {
            out += QStringLiteral("\\n");
        } else if (u == u'\t') {
            out += QStringLiteral("\\t");
        } else if (QChar::isHighSurrogate(u) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
            out += s[i];
            out += s[i + 1];
            ++i;
        } else if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029 || u == 0xfeff || u >= 0xfffe
            || QChar::isSurrogate(u)) {
            out += QStringLiteral("\\u") + QString::number(u, 16).rightJustified(4, QLatin1Char('0'));
        } else {
            out += QChar(u);
        }
    }
    out += QLatin1Char('"');
}

bool yamlPlainOk(const QString& s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]*$"));
    return re.match(s).hasMatch() && VarCodec::resolvePlainYamlScalar(s).typeId() == QMetaType::QString;
}

QString yamlKey(const QString& s)
{
    if (yamlPlainOk(s)) {
        return s;
    }
    QString out;
    yamlString(out, s);
    return out;
}

void yamlFlow(QString& out, const QVariant& v)
{
    if (AnsibleVault::isEncryptedValue(v)) { // written back encrypted, as it was read
        out += QStringLiteral("!vault ");
        yamlString(out, AnsibleVault::envelopeOf(v));
        return;
    }
    switch (kindOf(v)) {
    case Kind::Null:
        out += QStringLiteral("null");
        return;
    case Kind::Bool:
        out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        return;
    case Kind::Int:
        out += QString::number(v.toLongLong());
        return;
    case Kind::Float: {
        const double d = v.toDouble();
        if (std::isnan(d)) {
            out += QStringLiteral(".nan");
        } else if (std::isinf(d)) {
            out += d > 0 ? QStringLiteral(".inf") : QStringLiteral("-.inf");
        } else {
            // YAML 1.1 floats need a '.': 1e+16 would be read as a string.
            QString f = VarCodec::pythonFloat(d);
            if (!f.contains(QLatin1Char('.'))) {
                const qsizetype e = f.indexOf(QLatin1Char('e'));
                f.insert(e < 0 ? f.size() : e, QStringLiteral(".0"));
            }
            out += f;
        }
        return;
    }
    case Kind::List: {
        out += QLatin1Char('[');
        bool first = true;
        for (const QVariant& item : v.toList()) {
            if (!first) {
                out += QStringLiteral(", ");
            }
            first = false;
            yamlFlow(out, item);
        }
        out += QLatin1Char(']');
        return;
    }
    case Kind::Map: {
        out += QLatin1Char('{');
        bool first = true;
        const QVariantMap m = v.toMap();
        for (auto it = m.cbegin(); it != m.cend(); ++it) {
            if (!first) {
                out += QStringLiteral(", ");
            }
            first = false;
            yamlString(out, it.key());
            out += QStringLiteral(": ");
            yamlFlow(out, it.value());
        }
        out += QLatin1Char('}');
        return;
    }
    case Kind::String:
    case Kind::Other:
        yamlString(out, v.toString());
        return;
    }
}

void yamlVarsBlock(QString& out, const QVariantMap& vars, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
        out += pad + yamlKey(it.key()) + QStringLiteral(": ");
        yamlFlow(out, it.value());
        out += QLatin1Char('\n');
    }
}

} // namespace

QByteArray YamlInventoryWriter::write(const Inventory& inv)
{
    QString out;
    out += QStringLiteral("# Ansible inventory written by OpsDeck.\n");
    QSet<QString> written;
    const auto hostsBlock = [&](const QStringList& hosts) -> QString {
        QString block;
        for (const QString& name : hosts) {
            if (!HostPattern::roundTrips(name)) {
                continue;
            }
            block += QStringLiteral("    ") + yamlKey(name) + QLatin1Char(':');
            if (!written.contains(name)) {
                written.insert(name);
                const Host* h = inv.host(name);
                const QVariantMap vars = h ? h->inventoryVars() : QVariantMap();
                if (!vars.isEmpty()) {
                    block += QLatin1Char(' ');
                    yamlFlow(block, vars);
                }
            }
            block += QLatin1Char('\n');
        }
        return block.isEmpty() ? block : QStringLiteral("  hosts:\n") + block;
    };
    const auto groupBlock = [&](const QString& name, const QStringList& hosts, const QStringList& children) {
        QString block;
        block += hostsBlock(hosts);
        if (const Group* g = inv.group(name)) {
            const QVariantMap vars = g->inventoryVars();
            if (!vars.isEmpty()) {
                block += QStringLiteral("  vars:\n");
                yamlVarsBlock(block, vars, 4);
            }
        }
        if (!children.isEmpty()) {
            block += QStringLiteral("  children:\n");
            for (const QString& c : children) {
                block += QStringLiteral("    ") + yamlKey(c) + QStringLiteral(":\n");
            }
        }
        out += yamlKey(name) + QLatin1Char(':') + OpsDeckComment::forGroup(inv.group(name))
            + (block.isEmpty() ? QStringLiteral("\n") : QLatin1Char('\n') + block);
    };
    QStringList allExplicit = inv.group(kAll)->children;
    allExplicit.removeAll(kUngrouped);
    groupBlock(kAll, {}, allExplicit);
    // Hosts without a group first (explicitly in "ungrouped": their order is kept), then each group.
    QStringList ungroupedChildren = AnsibleListing::children(inv, kUngrouped);
    groupBlock(kUngrouped, AnsibleListing::ungroupedHosts(inv), ungroupedChildren);
    for (const QString& name : ExportPreparation::groups(inv)) {
        if (name == kUngrouped) {
            continue;
        }
        groupBlock(name, AnsibleListing::hosts(inv, name), AnsibleListing::children(inv, name));
    }
    return out.toUtf8();
}

QByteArray YamlInventoryWriter::varsFile(const QVariantMap& vars)
{
    QString out;
    out += QStringLiteral("---\n");
    yamlVarsBlock(out, vars, 0);
    return out.toUtf8();
}
