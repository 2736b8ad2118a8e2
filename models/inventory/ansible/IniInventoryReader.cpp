#include "IniInventoryReader.h"

#include "inventory/ansible/AnsibleNames.h"
#include "inventory/ansible/HostPattern.h"
#include "inventory/ansible/InventoryBuilder.h"
#include "inventory/ansible/OpsDeckComment.h"
#include "inventory/ansible/PythonLiteral.h"
#include "inventory/ansible/PythonStr.h"
#include "inventory/ansible/Shlex.h"

#include <QCoreApplication>
#include <QList>
#include <QRegularExpression>
#include <QStringDecoder>

namespace {

// Messages keep AnsibleInventory's translation context.
using AnsibleNames::kUngrouped;

Error at(const QString& file, int line, const QString& message, int column = 0)
{
    return Error(message, SourceLocation { file, line, column });
}

Error at(const QString& file, int line, const Error& inner)
{
    return Error(inner.message, SourceLocation { file, line, 0 });
}

QString decodeText(const QByteArray& data, const QString& file, Error* error)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(data);
    if (!decoder.hasError()) {
        return text;
    }
    // Find the first line that is not valid UTF-8 for the message (Ansible tolerates it in comment lines only).
    int line = 1;
    qsizetype start = 0;
    while (start <= data.size()) {
        qsizetype end = data.indexOf('\n', start);
        if (end < 0) {
            end = data.size();
        }
        const QByteArray l = data.mid(start, end - start);
        QStringDecoder d(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        (void)d.decode(l);
        if (d.hasError()) {
            *error = at(file, line, QCoreApplication::translate("AnsibleInventory", "this line is not valid UTF-8"));
            return {};
        }
        ++line;
        start = end + 1;
    }
    *error = at(file, 0, QCoreApplication::translate("AnsibleInventory", "the file is not valid UTF-8"));
    return {};
}

} // namespace

IniInventoryReader::IniInventoryReader(InventoryBuilder& builder, const QString& file,
    const AnsibleInventory::Progress& progress, qint64* doneKiB, int totalKiB)
    : m_b(builder)
    , m_file(file)
    , m_progress(progress)
    , m_done(doneKiB)
    , m_total(totalKiB)
{
}

Result<void> IniInventoryReader::parse(const QByteArray& data)
{
    Error decodeError;
    const QString text = decodeText(data, m_file, &decodeError);
    if (!decodeError.message.isEmpty()) {
        // Ansible blanks non-UTF-8 comment lines; only other lines are errors. Retry that way.
        return parseNonUtf8(data, decodeError);
    }
    return parseText(text);
}

Result<void> IniInventoryReader::parseNonUtf8(const QByteArray& data, const Error& decodeError)
{
    QStringList lines;
    const QList<QByteArray> raw = data.split('\n');
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const QByteArray& l = raw[i];
        QStringDecoder d(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = d.decode(l);
        if (d.hasError()) {
            if (!l.isEmpty() && (l[0] == '#' || l[0] == ';')) {
                lines.append(QString());
                continue;
            }
            return at(
                m_file, int(i) + 1, QCoreApplication::translate("AnsibleInventory", "this line is not valid UTF-8"));
        }
        lines.append(decoded);
    }
    Q_UNUSED(decodeError);
    return parseText(lines.join(QLatin1Char('\n')));
}

Result<void> IniInventoryReader::parseText(const QString& text)
{
    static const QRegularExpression section(
        QStringLiteral(R"(^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$)"), QRegularExpression::UseUnicodePropertiesOption);
    QString group = kUngrouped;
    int groupIdx = 1;
    QString state = QStringLiteral("hosts");
    QHash<QString, Pending> pending;
    QStringList pendingOrder;
    const QStringView all(text);
    qsizetype pos = 0;
    int lineNo = 0;
    qsizetype lastReport = 0;
    // str.splitlines(): a final line break does not start another line.
    while (pos < all.size()) {
        qsizetype end = pos;
        while (end < all.size() && !PythonStr::isLineBreak(all[end].unicode())) {
            ++end;
        }
        const QStringView rawLine = all.mid(pos, end - pos);
        pos = end + ((end + 1 < all.size() && all[end] == u'\r' && all[end + 1] == u'\n') ? 2 : 1);
        ++lineNo;
        m_line = lineNo;
        if (pos - lastReport > 65536 && m_progress) {
            *m_done += (pos - lastReport) / 1024;
            lastReport = pos;
            if (!m_progress(int(qMin<qint64>(*m_done, m_total)), m_total)) {
                return Error(QCoreApplication::translate("AnsibleInventory", "import cancelled"));
            }
        }
        const QStringView line = PythonStr::strip(rawLine);
        if (line.isEmpty() || line[0] == u'#' || line[0] == u';') {
            continue;
        }
        if (line[0] == u'[') {
            const QString lineText = line.toString();
            const QRegularExpressionMatch m = section.match(lineText);
            if (m.hasMatch()) {
                group = m.captured(1);
                const std::optional<Group::Kind> kind = OpsDeckComment::kind(line);
                state = m.captured(2).isEmpty() ? QStringLiteral("hosts") : m.captured(2);
                if (state != QLatin1String("hosts") && state != QLatin1String("children")
                    && state != QLatin1String("vars")) {
                    return error(QCoreApplication::translate(
                        "AnsibleInventory", "section [%1:%2] has unknown type: %2 (expected hosts, children or vars)")
                                     .arg(group, state));
                }
                if (!m_b.groupIndex.contains(group)) {
                    // [g:vars] alone does not declare a group: [g] or [g:children] must follow somewhere.
                    if (state == QLatin1String("vars") && !pending.contains(group)) {
                        pending.insert(group, Pending { lineNo, true, {} });
                        pendingOrder.append(group);
                    }
                    m_b.addGroup(group);
                }
                groupIdx = m_b.groupIndex.value(group);
                if (kind) {
                    m_b.groups[groupIdx].kind = kind;
                }
                if (const QString rule = OpsDeckComment::rule(line); !rule.isEmpty()) {
                    m_b.groups[groupIdx].rule = rule;
                }
                if (pending.contains(group) && state != QLatin1String("vars")) {
                    if (!pending.value(group).vars) {
                        if (auto r = addPendingChildren(group, pending); !r) {
                            return r;
                        }
                    } else {
                        pending.remove(group);
                    }
                }
                continue;
            }
            if (line.endsWith(u']')) {
                return error(QCoreApplication::translate("AnsibleInventory",
                    "invalid section entry: '%1'. Expected [group], [group:vars] or "
                    "[group:children] with no spaces or other invalid characters")
                                 .arg(lineText));
            }
        }
        if (state == QLatin1String("hosts")) {
            if (auto r = parseHostLine(line, groupIdx); !r) {
                return r;
            }
        } else if (state == QLatin1String("vars")) {
            const qsizetype eq = line.indexOf(u'=');
            if (eq < 0) {
                return error(QCoreApplication::translate("AnsibleInventory", "expected key=value, got: %1")
                                 .arg(line.toString()));
            }
            const QString key = PythonStr::strip(line.left(eq)).toString();
            auto value = parseValue(PythonStr::strip(line.mid(eq + 1)));
            if (!value) {
                return value.error();
            }
            if (auto r = m_b.setGroupVar(groupIdx, key, *value); !r) {
                return at(m_file, m_line, r.error());
            }
        } else {
            static const QRegularExpression groupName(
                QStringLiteral(R"(^([^:\]\s]+)\s*(?:#.*)?$)"), QRegularExpression::UseUnicodePropertiesOption);
            const QRegularExpressionMatch m = groupName.match(line.toString());
            if (!m.hasMatch()) {
                return error(QCoreApplication::translate("AnsibleInventory", "expected group name, got: %1")
                                 .arg(line.toString()));
            }
            const QString child = m.captured(1);
            if (!m_b.groupIndex.contains(child)) {
                // A child may be declared later in the file; it is attached when its section appears.
                if (!pending.contains(child)) {
                    pending.insert(child, Pending { lineNo, false, { group } });
                    pendingOrder.append(child);
                } else {
                    pending[child].parents.append(group);
                }
            } else if (auto r = m_b.addChildGroup(groupIdx, m_b.groupIndex.value(child)); !r) {
                return at(m_file, m_line, r.error());
            }
        }
    }
    if (m_progress) {
        *m_done += (all.size() - lastReport) / 1024;
    }
    for (const QString& name : std::as_const(pendingOrder)) {
        if (!pending.contains(name)) {
            continue;
        }
        const Pending& p = pending[name];
        if (p.vars) {
            return at(m_file, p.line,
                QCoreApplication::translate("AnsibleInventory",
                    "section [%1:vars] is not valid for undefined group %1 (expected a [%1] or "
                    "[%1:children] section too)")
                    .arg(name));
        }
        return at(m_file, p.line,
            QCoreApplication::translate("AnsibleInventory",
                "section [%1:children] includes undefined group %2 (expected a [%2] or [%2:children] "
                "section)")
                .arg(p.parents.last(), name));
    }
    return {};
}

Result<void> IniInventoryReader::addPendingChildren(const QString& group, QHash<QString, Pending>& pending)
{
    const QStringList parents = pending.value(group).parents;
    for (const QString& parent : parents) {
        const int pi = m_b.groupIndex.value(parent, -1);
        if (pi < 0) {
            return error(QCoreApplication::translate("AnsibleInventory", "%1 is not a known group").arg(parent));
        }
        if (auto r = m_b.addChildGroup(pi, m_b.groupIndex.value(group)); !r) {
            return at(m_file, m_line, r.error());
        }
        if (pending.contains(parent) && !pending.value(parent).vars) {
            if (auto r = addPendingChildren(parent, pending); !r) {
                return r;
            }
        }
    }
    pending.remove(group);
    return {};
}

Error IniInventoryReader::error(const QString& message) const
{
    return at(m_file, m_line, message);
}

// _parse_value(): literal_eval, else the text itself. A TypeError (unhashable dict key) fails the file.
Result<QVariant> IniInventoryReader::parseValue(QStringView text) const
{
    // Fast path: a word that is not True/False/None or a string prefix cannot be a literal.
    if (!text.isEmpty()) {
        const QChar c = text[0];
        if ((c.isLetter() || c == u'_') && c.unicode() < 0x80) {
            bool word = true;
            for (const QChar ch : text) {
                if (!(ch.isLetterOrNumber() || ch == u'_' || ch == u'-' || ch == u'.' || ch == u'/')) {
                    word = false;
                    break;
                }
            }
            if (word && text != u"True" && text != u"False" && text != u"None") {
                return QVariant(text.toString());
            }
        }
    }
    QVariant v;
    switch (PythonLiteral(text).run(&v)) {
    case PythonLiteral::Outcome::Value:
        return v;
    case PythonLiteral::Outcome::NotLiteral:
        return QVariant(text.toString());
    case PythonLiteral::Outcome::TypeError:
        break;
    }
    return error(
        QCoreApplication::translate("AnsibleInventory", "unhashable type used as a dictionary key in value: %1")
            .arg(text.toString()));
}

// _parse_host_definition() and _populate_host_vars().
Result<void> IniInventoryReader::parseHostLine(QStringView line, int group)
{
    QString shlexError;
    const auto tokens = Shlex::split(line, &shlexError);
    if (!tokens) {
        return error(QCoreApplication::translate("AnsibleInventory", "error parsing host definition '%1': %2")
                         .arg(line.toString(), shlexError));
    }
    if (tokens->isEmpty()) {
        return error(
            QCoreApplication::translate("AnsibleInventory", "expected a host name, got: %1").arg(line.toString()));
    }
    const QString& pattern = tokens->first();
    int port = 0;
    auto names = HostPattern::expand(pattern, &port);
    if (!names) {
        return at(m_file, m_line, names.error());
    }
    // The ini plugin's extra checks in its own _expand_hostpattern().
    if (port == 0 && PythonStr::strip(pattern).endsWith(u':')) {
        return error(QCoreApplication::translate("AnsibleInventory",
            "invalid host pattern '%1': ending in ':' is not allowed, this character is reserved "
            "to provide a port")
                         .arg(pattern));
    }
    for (const QString& n : std::as_const(*names)) {
        if (PythonStr::strip(n) == u"---") {
            return error(QCoreApplication::translate(
                "AnsibleInventory", "invalid host pattern '%1': '---' is normally a sign this is a YAML file")
                             .arg(pattern));
        }
    }
    QList<QPair<QString, QVariant>> vars;
    QHash<QString, qsizetype> varIndex;
    for (qsizetype i = 1; i < tokens->size(); ++i) {
        const QString& t = tokens->at(i);
        const qsizetype eq = t.indexOf(QLatin1Char('='));
        if (eq < 0) {
            return error(
                QCoreApplication::translate("AnsibleInventory", "expected key=value host variable assignment, got: %1")
                    .arg(t));
        }
        const QString key = t.left(eq);
        auto value = parseValue(QStringView(t).mid(eq + 1));
        if (!value) {
            return value.error();
        }
        if (varIndex.contains(key)) {
            vars[varIndex.value(key)].second = *value;
        } else {
            varIndex.insert(key, vars.size());
            vars.append({ key, *value });
        }
    }
    for (const QString& n : std::as_const(*names)) {
        auto h = m_b.addHost(n, group, port);
        if (!h) {
            return at(m_file, m_line, h.error());
        }
        InventoryBuilder::HostEntry& host = m_b.hosts[*h];
        for (const auto& [k, v] : std::as_const(vars)) {
            host.vars.insert(k, v);
        }
    }
    return {};
}
