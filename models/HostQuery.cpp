#include "HostQuery.h"

#include "SearchIndex.h"

#include <fnmatch.h>
#include <string>
#include <vector>

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
                v.glob = QRegularExpression(
                    QRegularExpression::wildcardToRegularExpression(part), QRegularExpression::CaseInsensitiveOption);
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
    std::shared_ptr<const SearchIndex> index;
    for (Term& t : m_terms) {
        if (t.field != Field::Group) {
            continue;
        }
        if (!index) {
            index = inventory.searchIndex();
        }
        auto members = std::make_shared<std::vector<char>>(size_t(inventory.hosts().size()), 0);
        for (const Value& v : t.values) {
            const std::vector<char> m = index->groupMembers(v.text, v.glob.isValid() && !v.glob.pattern().isEmpty());
            for (size_t i = 0; i < m.size(); ++i) {
                (*members)[i] = char((*members)[i] | m[i]);
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
                hit = t.groupMembers && hostIndex >= 0 && size_t(hostIndex) < t.groupMembers->size()
                    && (*t.groupMembers)[size_t(hostIndex)];
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

namespace {

// One value of a term, compiled against the search index.
struct Compiled {
    enum class Kind { Substring, Prefix, Suffix, Exact, Glob, IdSet, Bitmap, Nothing } kind = Kind::Nothing;
    std::string needle; // lower-case UTF-8
    std::vector<char> ids; // IdSet: per value id
    std::vector<char> bitmap; // Bitmap: per host
};

bool isSimpleGlob(const QString& v)
{
    return !v.contains(QLatin1Char('?')) && !v.contains(QLatin1Char('['))
        && !v.mid(1, v.size() - 2).contains(QLatin1Char('*'));
}

// A glob as the cheapest test that is equivalent: "10.1.*" → prefix, "*.example.com" → suffix, "*web*" → substring.
Compiled compileGlob(const QString& lowerGlob)
{
    Compiled c;
    if (lowerGlob == QLatin1String("*")) {
        c.kind = Compiled::Kind::Prefix;
        return c;
    }
    if (isSimpleGlob(lowerGlob)) {
        const bool star0 = lowerGlob.startsWith(QLatin1Char('*'));
        const bool star1 = lowerGlob.endsWith(QLatin1Char('*'));
        QString core = lowerGlob;
        if (star0) {
            core.remove(0, 1);
        }
        if (star1 && !core.isEmpty()) {
            core.chop(1);
        }
        c.needle = core.toStdString();
        c.kind = star0 && star1 ? Compiled::Kind::Substring : star0 ? Compiled::Kind::Suffix : Compiled::Kind::Prefix;
        return c;
    }
    c.kind = Compiled::Kind::Glob;
    c.needle = lowerGlob.toStdString();
    return c;
}

bool test(const Compiled& c, const std::string& subject)
{
    switch (c.kind) {
    case Compiled::Kind::Substring:
        return subject.find(c.needle) != std::string::npos;
    case Compiled::Kind::Prefix:
        return subject.compare(0, c.needle.size(), c.needle) == 0;
    case Compiled::Kind::Suffix:
        return subject.size() >= c.needle.size()
            && subject.compare(subject.size() - c.needle.size(), c.needle.size(), c.needle) == 0;
    case Compiled::Kind::Exact:
        return subject == c.needle;
    case Compiled::Kind::Glob:
        return fnmatch(c.needle.c_str(), subject.c_str(), 0) == 0;
    default:
        return false;
    }
}

std::vector<char> idsMatching(const std::vector<std::string>& texts, const HostQuery::Value& v)
{
    std::vector<char> ids(texts.size(), 0);
    const bool glob = v.glob.isValid() && !v.glob.pattern().isEmpty();
    const Compiled g = glob ? compileGlob(v.text) : Compiled {};
    const std::string exact = v.text.toStdString();
    for (size_t i = 0; i < texts.size(); ++i) {
        ids[i] = glob ? test(g, texts[i]) : texts[i] == exact;
    }
    return ids;
}

} // namespace

QVector<int> HostQuery::filter(const Inventory& inventory) const
{
    const std::shared_ptr<const SearchIndex> index = inventory.searchIndex();
    const SearchIndex& ix = *index;
    struct CompiledTerm {
        Field field;
        bool negated;
        std::vector<Compiled> values;
        SearchIndex::Attr attr = SearchIndex::Idc;
    };
    std::vector<CompiledTerm> terms;
    for (const Term& t : m_terms) {
        CompiledTerm ct { t.field, t.negated, {} };
        for (const Value& v : t.values) {
            const bool glob = v.glob.isValid() && !v.glob.pattern().isEmpty();
            Compiled c;
            switch (t.field) {
            case Field::Text:
                if (glob) {
                    c = compileGlob(v.text); // over name and address
                } else {
                    c.kind = Compiled::Kind::Substring;
                    c.needle = v.text.toStdString();
                }
                break;
            case Field::Name:
                if (glob) {
                    c = compileGlob(v.text);
                } else {
                    c.kind = Compiled::Kind::Exact;
                    c.needle = v.text.toStdString();
                }
                break;
            case Field::Address:
                if (glob) {
                    c = compileGlob(v.text);
                } else {
                    c.kind = Compiled::Kind::Prefix;
                    c.needle = v.text.toStdString();
                }
                break;
            case Field::Idc:
            case Field::Business:
            case Field::Env:
            case Field::Status: {
                ct.attr = t.field == Field::Idc  ? SearchIndex::Idc
                    : t.field == Field::Business ? SearchIndex::Business
                    : t.field == Field::Env      ? SearchIndex::Env
                                                 : SearchIndex::Status;
                c.kind = Compiled::Kind::IdSet;
                c.ids = idsMatching(ix.values(ct.attr), v);
                break;
            }
            case Field::Tag:
                c.kind = Compiled::Kind::IdSet;
                c.ids = idsMatching(ix.tagTexts(), v);
                break;
            case Field::Group:
                c.kind = Compiled::Kind::Bitmap;
                c.bitmap = ix.groupMembers(v.text, glob);
                break;
            }
            ct.values.push_back(std::move(c));
        }
        terms.push_back(std::move(ct));
    }
    QVector<int> out;
    const int n = ix.hostCount();
    for (int h = 0; h < n; ++h) {
        bool all = true;
        for (const CompiledTerm& t : terms) {
            bool hit = false;
            for (const Compiled& c : t.values) {
                switch (t.field) {
                case Field::Text:
                    hit = c.kind == Compiled::Kind::Substring ? ix.text(h).find(c.needle) != std::string::npos
                                                              : test(c, ix.address(h)) || test(c, ix.name(h));
                    break;
                case Field::Name:
                    hit = test(c, ix.name(h));
                    break;
                case Field::Address:
                    hit = test(c, ix.address(h));
                    break;
                case Field::Idc:
                case Field::Business:
                case Field::Env:
                case Field::Status:
                    hit = c.ids[size_t(ix.attr(t.attr, h))];
                    break;
                case Field::Tag:
                    for (const int* p = ix.tagsBegin(h); !hit && p != ix.tagsEnd(h); ++p) {
                        hit = c.ids[size_t(*p)];
                    }
                    break;
                case Field::Group:
                    hit = c.bitmap[size_t(h)];
                    break;
                }
                if (hit) {
                    break;
                }
            }
            if (hit == t.negated) {
                all = false;
                break;
            }
        }
        if (all) {
            out.append(h);
        }
    }
    return out;
}
