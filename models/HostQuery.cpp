#include "HostQuery.h"

namespace {

struct Token {
    QString text;
    int column = 0;
};

Result<QList<Token>> tokenize(const QString& text)
{
    QList<Token> out;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        while (i < n && text[i].isSpace()) {
            ++i;
        }
        if (i >= n) {
            break;
        }
        Token t;
        t.column = i + 1;
        while (i < n && !text[i].isSpace()) {
            if (text[i] == QLatin1Char('"')) {
                const int open = i;
                ++i;
                while (i < n && text[i] != QLatin1Char('"')) {
                    t.text += text[i++];
                }
                if (i >= n) {
                    return Error(QStringLiteral("unclosed quote (opened at column %1)").arg(open + 1),
                        { QStringLiteral("query"), 1, open + 1 });
                }
                ++i;
            } else {
                t.text += text[i++];
            }
        }
        out.append(t);
    }
    return out;
}

bool hasGlob(const QString& s)
{
    return s.contains(QLatin1Char('*')) || s.contains(QLatin1Char('?'));
}

bool matchValue(const HostQuery::Value& v, const QString& subject, bool substring)
{
    if (v.glob.isValid() && !v.glob.pattern().isEmpty()) {
        return v.glob.match(subject).hasMatch();
    }
    if (substring) {
        return subject.contains(v.text, Qt::CaseInsensitive);
    }
    return subject.compare(v.text, Qt::CaseInsensitive) == 0;
}

} // namespace

Result<HostQuery> HostQuery::parse(const QString& text)
{
    HostQuery q;
    q.m_text = text;
    auto tokens = tokenize(text);
    if (!tokens) {
        return tokens.error();
    }
    static const QHash<QString, Field> fields {
        { QStringLiteral("name"), Field::Name },
        { QStringLiteral("host"), Field::Name },
        { QStringLiteral("ip"), Field::Address },
        { QStringLiteral("addr"), Field::Address },
        { QStringLiteral("address"), Field::Address },
        { QStringLiteral("idc"), Field::Idc },
        { QStringLiteral("dc"), Field::Idc },
        { QStringLiteral("biz"), Field::Business },
        { QStringLiteral("business"), Field::Business },
        { QStringLiteral("env"), Field::Env },
        { QStringLiteral("status"), Field::Status },
        { QStringLiteral("tag"), Field::Tag },
        { QStringLiteral("group"), Field::Group },
    };
    for (const Token& tok : *tokens) {
        Term term;
        term.column = tok.column;
        QString body = tok.text;
        if (body.startsWith(QLatin1Char('-')) && body.size() > 1) {
            term.negated = true;
            body.remove(0, 1);
        }
        const qsizetype colon = body.indexOf(QLatin1Char(':'));
        QString valueText = body;
        if (colon > 0) {
            const QString key = body.left(colon).toLower();
            if (!fields.contains(key)) {
                // An IPv6 address or a name with a colon is free text; only report unknown word-like fields.
                static const QRegularExpression wordRe(QStringLiteral("^[a-z_]+$"));
                if (wordRe.match(key).hasMatch()) {
                    return Error(QStringLiteral("unknown field '%1:' (known: name, ip, idc, biz, env, status, tag, "
                                                "group)")
                                     .arg(key),
                        { QStringLiteral("query"), 1, tok.column + (term.negated ? 1 : 0) });
                }
            } else {
                term.field = fields.value(key);
                valueText = body.mid(colon + 1);
                if (valueText.isEmpty()) {
                    return Error(QStringLiteral("'%1:' needs a value, e.g. %1:web").arg(key),
                        { QStringLiteral("query"), 1, tok.column });
                }
            }
        }
        for (const QString& part : valueText.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            Value v;
            v.text = part.toLower();
            if (hasGlob(part)) {
                v.glob = QRegularExpression(QRegularExpression::wildcardToRegularExpression(part),
                    QRegularExpression::CaseInsensitiveOption);
            }
            term.values.append(v);
        }
        if (term.values.isEmpty()) {
            continue;
        }
        q.m_terms.append(term);
    }
    return q;
}

void HostQuery::bind(const Inventory& inventory)
{
    for (Term& t : m_terms) {
        if (t.field != Field::Group) {
            continue;
        }
        auto members = std::make_shared<QVector<bool>>(inventory.hosts().size(), false);
        for (const Value& v : t.values) {
            QStringList names;
            if (v.glob.isValid() && !v.glob.pattern().isEmpty()) {
                for (const Group& g : inventory.groups()) {
                    if (v.glob.match(g.name).hasMatch()) {
                        names.append(g.name);
                    }
                }
            } else {
                for (const Group& g : inventory.groups()) {
                    if (g.name.compare(v.text, Qt::CaseInsensitive) == 0) {
                        names.append(g.name);
                    }
                }
                if (v.text == QLatin1String("ungrouped")) {
                    names.append(QStringLiteral("ungrouped"));
                }
            }
            for (const QString& name : names) {
                for (int i : inventory.membersRecursive(name)) {
                    (*members)[i] = true;
                }
            }
        }
        t.groupMembers = members;
    }
}

bool HostQuery::matches(const Host& h, int hostIndex) const
{
    for (const Term& t : m_terms) {
        bool hit = false;
        for (const Value& v : t.values) {
            switch (t.field) {
            case Field::Text:
                if (v.glob.isValid() && !v.glob.pattern().isEmpty()) {
                    hit = v.glob.match(h.effectiveAddress()).hasMatch() || v.glob.match(h.name).hasMatch();
                } else {
                    hit = h.name.contains(v.text, Qt::CaseInsensitive)
                        || h.address.contains(v.text, Qt::CaseInsensitive)
                        || h.idc.contains(v.text, Qt::CaseInsensitive)
                        || h.business.contains(v.text, Qt::CaseInsensitive);
                    for (int k = 0; !hit && k < h.tags.size(); ++k) {
                        hit = h.tags[k].contains(v.text, Qt::CaseInsensitive);
                    }
                }
                break;
            case Field::Name:
                hit = matchValue(v, h.name, false);
                break;
            case Field::Address:
                hit = v.glob.isValid() && !v.glob.pattern().isEmpty()
                    ? v.glob.match(h.effectiveAddress()).hasMatch()
                    : h.effectiveAddress().startsWith(v.text, Qt::CaseInsensitive);
                break;
            case Field::Idc:
                hit = matchValue(v, h.idc, false);
                break;
            case Field::Business:
                hit = matchValue(v, h.business, false);
                break;
            case Field::Env:
                hit = matchValue(v, h.env, false);
                break;
            case Field::Status:
                hit = matchValue(v, h.status, false);
                break;
            case Field::Tag:
                for (int k = 0; !hit && k < h.tags.size(); ++k) {
                    hit = matchValue(v, h.tags[k], false);
                }
                break;
            case Field::Group:
                hit = t.groupMembers && hostIndex >= 0 && hostIndex < t.groupMembers->size()
                    && t.groupMembers->at(hostIndex);
                break;
            }
            if (hit) {
                break;
            }
        }
        if (hit == t.negated) {
            return false;
        }
    }
    return true;
}

QVector<int> HostQuery::filter(const Inventory& inventory) const
{
    QVector<int> out;
    const auto& hosts = inventory.hosts();
    for (int i = 0; i < hosts.size(); ++i) {
        if (matches(hosts[i], i)) {
            out.append(i);
        }
    }
    return out;
}
