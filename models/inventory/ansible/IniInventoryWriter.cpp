#include "IniInventoryWriter.h"

#include "inventory/ansible/AnsibleListing.h"
#include "inventory/ansible/AnsibleNames.h"
#include "inventory/ansible/ExportPreparation.h"
#include "inventory/ansible/HostPattern.h"
#include "inventory/ansible/OpsDeckComment.h"
#include "inventory/ansible/PythonLiteral.h"
#include "inventory/ansible/PythonStr.h"
#include "inventory/ansible/PythonValue.h"
#include "inventory/ansible/Shlex.h"

#include <QRegularExpression>
#include <QSet>

namespace {

using AnsibleNames::kAll;
using AnsibleNames::kUngrouped;
using PythonValue::Kind;
using PythonValue::kindOf;

bool hasLineBreakOrEdgeSpace(const QString& s)
{
    for (const QChar c : s) {
        if (PythonStr::isLineBreak(c.unicode())) {
            return true;
        }
    }
    return !s.isEmpty() && (PythonStr::isSpace(s.front()) || PythonStr::isSpace(s.back()));
}

bool iniGroupNameOk(const QString& name)
{
    static const QRegularExpression re(
        QStringLiteral(R"(^[^:\]\s#;]+$)"), QRegularExpression::UseUnicodePropertiesOption);
    for (const QChar c : name) {
        if (PythonStr::isLineBreak(c.unicode())) {
            return false;
        }
    }
    return re.match(name).hasMatch();
}

} // namespace

QString IniInventoryWriter::value(const QVariant& value, bool inlineHostVar)
{
    if (kindOf(value) == Kind::String) {
        const QString s = value.toString();
        QVariant parsed;
        const bool literal = PythonLiteral(s).run(&parsed) != PythonLiteral::Outcome::NotLiteral;
        // Text that is no Python literal is kept as is by Ansible: write it bare when nothing else could bite.
        if (!literal && !s.isEmpty() && !hasLineBreakOrEdgeSpace(s) && (inlineHostVar || s == PythonStr::strip(s))) {
            return s;
        }
    }
    return PythonLiteral::repr(value);
}

bool IniInventoryWriter::varKeyOk(const QString& key)
{
    if (key.contains(QLatin1Char('=')) || key != PythonStr::strip(key) || hasLineBreakOrEdgeSpace(key)) {
        return false;
    }
    return key.isEmpty() || (key[0] != u'#' && key[0] != u';' && key[0] != u'[');
}

QByteArray IniInventoryWriter::write(const Inventory& inv)
{
    QString out;
    out += QStringLiteral("# Ansible inventory written by OpsDeck.\n");
    QSet<QString> written;
    const auto hostLine = [&](const QString& name) -> QString {
        QString line = Shlex::quote(name);
        if (!written.contains(name)) {
            written.insert(name);
            if (const Host* h = inv.host(name)) {
                const QVariantMap vars = h->inventoryVars();
                for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
                    line += QLatin1Char(' ')
                        + Shlex::quote(it.key() + QLatin1Char('=') + IniInventoryWriter::value(it.value(), true));
                }
            }
        }
        return line + QLatin1Char('\n');
    };
    // Starting with a section header also keeps Ansible's yaml plugin from reading the file as YAML.
    out += QStringLiteral("[ungrouped]\n");
    for (const QString& h : AnsibleListing::ungroupedHosts(inv)) {
        if (HostPattern::roundTrips(h)) {
            out += hostLine(h);
        }
    }
    const QStringList groups = ExportPreparation::groups(inv);
    // Every group's section in creation order first, so that [x:children] below never waits for a later
    // declaration (which would change the order of children).
    for (const QString& name : groups) {
        if (name == kUngrouped || !iniGroupNameOk(name)) {
            continue;
        }
        out += QLatin1Char('[') + name + QLatin1Char(']') + OpsDeckComment::forGroup(inv.group(name))
            + QLatin1Char('\n');
        for (const QString& h : AnsibleListing::hosts(inv, name)) {
            if (HostPattern::roundTrips(h)) {
                out += hostLine(h);
            }
        }
    }
    QStringList withChildren;
    if (!inv.group(kAll)->children.isEmpty()) {
        withChildren.append(kAll);
    }
    withChildren.append(groups);
    for (const QString& name : std::as_const(withChildren)) {
        if (!iniGroupNameOk(name)) {
            continue;
        }
        QStringList children = name == kAll ? inv.group(kAll)->children : AnsibleListing::children(inv, name);
        children.removeAll(kUngrouped);
        QString section;
        for (const QString& c : std::as_const(children)) {
            if (iniGroupNameOk(c) && inv.group(c)) {
                section += c + QLatin1Char('\n');
            }
        }
        if (!section.isEmpty()) {
            out += QLatin1Char('[') + name + QStringLiteral(":children]\n") + section;
        }
    }
    QStringList withVars { kAll };
    withVars.append(groups);
    for (const QString& name : std::as_const(withVars)) {
        const Group* g = inv.group(name);
        if (!g || !iniGroupNameOk(name)) {
            continue;
        }
        const QVariantMap vars = g->inventoryVars();
        if (vars.isEmpty()) {
            continue;
        }
        out += QLatin1Char('[') + name + QStringLiteral(":vars]\n");
        for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
            out += it.key() + QLatin1Char('=') + IniInventoryWriter::value(it.value(), false) + QLatin1Char('\n');
        }
    }
    return out.toUtf8();
}
