#include "HostQuery.h"

#include "inventory/SearchIndex.h"

#include <fnmatch.h>
#include <string>
#include <vector>

namespace {

struct Token {
    QString text;
    int column = 0;
    int valueColumn = 0; // an expr: term: where the expression starts
};

Error queryError(const QString& message, int column)
{
    return Error(message, { QStringLiteral("query"), 1, column });
}

// Whether an `expr:'…'` starting at `i` is the unquoted form whose expression begins with a string literal
// (`expr:'mongodb' in host.tags`, which runs to the end of the query) rather than a quoted expression
// (`expr:'host.idc == "js"'`): the rest of the query is one expression, and more than the string.
bool startsWithStringLiteral(const QString& text, int i)
{
    const auto whole = Jinja::Expression::parse(text.mid(i).trimmed());
    return whole.ok() && !whole->isStringLiteral();
}

// The expression of an `expr:` term starting at `i`: "(…)" with its parentheses balanced outside string literals,
// "…" or '…' without the quotes, or the rest of the query. Sets `i` past it.
Result<QString> scanExpression(const QString& text, int& i)
{
    const int n = int(text.size());
    const int start = i;
    const bool singleQuoted = i < n && text[i] == QLatin1Char('\'') && !startsWithStringLiteral(text, i);
    if (i < n && (text[i] == QLatin1Char('"') || singleQuoted)) {
        const int close = int(text.indexOf(text[i], i + 1));
        if (close < 0) {
            return queryError(QStringLiteral("unclosed quote (opened at column %1)").arg(start + 1), start + 1);
        }
        i = close + 1;
        // `expr:'mongodb' in host.tags tag:web`: the expression goes on after the quote, where the search reads
        // further terms; say how to write it instead of searching for "in".
        static const QRegularExpression continuation(
            QStringLiteral(R"(\s+(in|not|and|or|is|if|==|!=|<=|>=|<|>|\+|-|\*|/|%|~|\|)(\s|$))"));
        if (const auto m = continuation.match(
                text, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            m.hasMatch()) {
            return queryError(QStringLiteral("the expression goes on after its closing quote ('%1'): put the whole "
                                             "expression in parentheses, e.g. expr:(%2 %1 …)")
                                  .arg(m.captured(1), text.mid(start, close - start + 1)),
                int(m.capturedStart(1)) + 1);
        }
        return text.mid(start + 1, close - start - 1);
    }
    if (i >= n || text[i] != QLatin1Char('(')) {
        i = n;
        return text.mid(start).trimmed();
    }
    int depth = 0;
    QChar quote;
    for (; i < n; ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\')) {
                ++i;
            } else if (c == quote) {
                quote = QChar();
            }
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}')) {
            if (--depth == 0) {
                ++i;
                return text.mid(start, i - start);
            }
        }
    }
    return queryError(QStringLiteral("unclosed parenthesis (opened at column %1)").arg(start + 1), start + 1);
}

Result<QList<Token>> tokenize(const QString& text)
{
    QList<Token> out;
    int i = 0;
    const int n = int(text.size());
    static const QRegularExpression exprStart(QStringLiteral("-?expr:"), QRegularExpression::CaseInsensitiveOption);
    while (i < n) {
        while (i < n && text[i].isSpace()) {
            ++i;
        }
        if (i >= n) {
            break;
        }
        Token t;
        t.column = i + 1;
        if (const auto m
            = exprStart.match(text, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            m.hasMatch()) {
            i = int(m.capturedEnd());
            t.valueColumn = i + 1;
            if (i < n
                && (text[i] == QLatin1Char('"')
                    || (text[i] == QLatin1Char('\'') && !startsWithStringLiteral(text, i)))) {
                ++t.valueColumn; // the expression starts after the quote
            }
            auto expression = scanExpression(text, i);
            if (!expression) {
                return expression.error();
            }
            if (i < n && !text[i].isSpace()) {
                return queryError(QStringLiteral("a space must follow the expression"), i + 1);
            }
            t.text = m.captured() + *expression;
            out.append(t);
            continue;
        }
        while (i < n && !text[i].isSpace()) {
            if (text[i] == QLatin1Char('"')) {
                const int open = i;
                ++i;
                while (i < n && text[i] != QLatin1Char('"')) {
                    t.text += text[i++];
                }
                if (i >= n) {
                    return queryError(QStringLiteral("unclosed quote (opened at column %1)").arg(open + 1), open + 1);
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
        { QStringLiteral("expr"), Field::Expr },
        { QStringLiteral("fact"), Field::Fact },
        { QStringLiteral("drift"), Field::Drift },
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
                    return queryError(QStringLiteral("unknown field '%1:' (known: name, ip, idc, biz, env, status, "
                                                     "tag, group, expr, fact, drift)")
                                          .arg(key),
                        tok.column + (term.negated ? 1 : 0));
                }
            } else {
                term.field = fields.value(key);
                valueText = body.mid(colon + 1);
                if (valueText.isEmpty()) {
                    return queryError(term.field == Field::Expr
                            ? QStringLiteral("'expr:' needs an expression, e.g. expr:(host.port != 22)")
                            : QStringLiteral("'%1:' needs a value, e.g. %1:web").arg(key),
                        tok.column);
                }
            }
        }
        if (term.field == Field::Expr) {
            // Errors inside the expression are placed in the query: its column plus theirs.
            const int exprColumn = tok.valueColumn > 0 ? tok.valueColumn : tok.column + int(colon) + 1;
            auto expression = HostExpression::parse(valueText, QStringLiteral("query"));
            if (!expression) {
                Error e = expression.error();
                e.where.column = exprColumn + std::max(e.where.column, 1) - 1;
                e.where.line = 1;
                return e;
            }
            term.expression = std::make_shared<const HostExpression>(*expression);
            term.values.append(Value { valueText, {} });
            q.m_terms.append(term);
            continue;
        }
        if (term.field == Field::Fact || term.field == Field::Drift) {
            // fact:KEY[=VALUE,…] and drift:PACKAGE: resolved at bind time into a bitmap, as group: terms.
            static const QRegularExpression keyRe(QStringLiteral(R"(^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$)"));
            const qsizetype eq = term.field == Field::Fact ? valueText.indexOf(QLatin1Char('=')) : -1;
            term.key = eq < 0 ? valueText : valueText.left(eq);
            const int valueColumn = tok.column + (term.negated ? 1 : 0) + int(colon) + 1;
            if (term.field == Field::Fact && !keyRe.match(term.key).hasMatch()) {
                return queryError(QStringLiteral("'fact:' needs a fact's name (a dotted path), e.g. "
                                                 "fact:distribution=Debian or fact:default_ipv4.address=10.*"),
                    valueColumn);
            }
            if (term.field == Field::Drift && term.key.contains(QLatin1Char(','))) {
                return queryError(
                    QStringLiteral("'drift:' takes one package, e.g. drift:nginx group:web"), valueColumn);
            }
            term.presence = term.field == Field::Fact && eq < 0;
            valueText = eq < 0 ? QString() : valueText.mid(eq + 1);
            if (term.field == Field::Fact && !term.presence && valueText.isEmpty()) {
                return queryError(
                    QStringLiteral("'fact:%1=' needs a value, e.g. fact:%1=Debian").arg(term.key), valueColumn);
            }
            if (valueText.isEmpty()) {
                term.values.append(Value { term.key.toLower(), {} }); // one value: the bitmap is the test
                q.m_terms.append(term);
                continue;
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

namespace {

// The fact at a dotted path ("default_ipv4.address"), invalid when the host has none there.
QVariant factAt(const QVariantMap& facts, const QString& path)
{
    QVariant at = facts;
    for (const QString& part : path.split(QLatin1Char('.'))) {
        if (at.typeId() != QMetaType::QVariantMap) {
            return {};
        }
        const QVariantMap m = at.toMap();
        const auto it = m.constFind(part);
        if (it == m.cend()) {
            return {};
        }
        at = *it;
    }
    return at;
}

bool isScalar(const QVariant& v)
{
    switch (v.typeId()) {
    case QMetaType::QString:
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
        return true;
    default:
        return false;
    }
}

} // namespace

std::vector<char> HostQuery::factMembers(const Inventory& inventory, const Term& t) const
{
    const QVector<Host>& hosts = inventory.hosts();
    std::vector<char> members(size_t(hosts.size()), 0);
    if (inventory.hostFactsCount() == 0) {
        return members;
    }
    for (int i = 0; i < hosts.size(); ++i) {
        const HostFactsLayer* f = inventory.hostFacts(hosts[i].name);
        if (!f) {
            continue;
        }
        const QVariant value = factAt(f->facts, t.key);
        if (t.presence) {
            members[size_t(i)] = value.isValid() && !value.isNull();
            continue;
        }
        if (!isScalar(value)) {
            continue;
        }
        const QString text = value.toString();
        for (const Value& v : t.values) {
            if (matchValue(v, text, false)) {
                members[size_t(i)] = 1;
                break;
            }
        }
    }
    return members;
}

std::vector<char> HostQuery::driftMembers(const Inventory& inventory, const Term& t) const
{
    const QVector<Host>& hosts = inventory.hosts();
    std::vector<char> members(size_t(hosts.size()), 0);
    if (!inventory.packageVersions()) {
        return members;
    }
    const QHash<QString, QString> versions = inventory.packageVersions()(t.key);
    // The hosts the other terms select (drift terms left out: bound already, without them).
    HostQuery others;
    for (const Term& o : m_terms) {
        if (o.field != Field::Drift) {
            others.m_terms.append(o);
        }
    }
    QVector<int> context;
    QHash<QString, int> counts;
    for (int i = 0; i < hosts.size(); ++i) {
        const auto v = versions.constFind(hosts[i].name);
        if (v != versions.cend() && others.matches(hosts[i], i)) {
            context.append(i);
            ++counts[*v];
        }
    }
    int most = 0;
    for (int c : std::as_const(counts)) {
        most = std::max(most, c);
    }
    for (int i : context) {
        // Every version as common as the most common one is "the majority" (a tie drifts no one of them).
        members[size_t(i)] = counts.value(versions.value(hosts[i].name)) < most;
    }
    return members;
}

bool HostQuery::needsBinding(const Inventory& inventory) const
{
    for (const Term& t : m_terms) {
        if ((t.field == Field::Drift || t.field == Field::Fact)
            && (!t.groupMembers || t.groupMembers->size() != size_t(inventory.hosts().size()))) {
            return true;
        }
    }
    return false;
}

void HostQuery::bind(const Inventory& inventory)
{
    std::shared_ptr<const SearchIndex> index;
    bool drift = false;
    for (Term& t : m_terms) {
        if (t.field == Field::Fact) {
            t.groupMembers = std::make_shared<std::vector<char>>(factMembers(inventory, t));
            continue;
        }
        if (t.field == Field::Drift) {
            t.groupMembers.reset();
            drift = true;
            continue;
        }
        if (t.field == Field::Expr) {
            auto members = std::make_shared<std::vector<char>>(size_t(inventory.hosts().size()), 0);
            for (int i : t.expression->matchingHosts(inventory).hosts) {
                (*members)[size_t(i)] = 1;
            }
            t.groupMembers = members;
            continue;
        }
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
    // Drift terms last: the majority is taken among the hosts the other (bound) terms select.
    if (drift) {
        m_boundHosts.clear();
        for (const Host& h : inventory.hosts()) {
            m_boundHosts.append(h.name);
        }
        QList<std::shared_ptr<std::vector<char>>> drifts;
        for (const Term& t : m_terms) {
            drifts.append(
                t.field == Field::Drift ? std::make_shared<std::vector<char>>(driftMembers(inventory, t)) : nullptr);
        }
        for (int k = 0; k < m_terms.size(); ++k) {
            if (drifts[k]) {
                m_terms[k].groupMembers = drifts[k];
            }
        }
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
            case Field::Expr:
            case Field::Fact:
            case Field::Drift:
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
    if (needsBinding(inventory)) {
        HostQuery bound = *this;
        bound.bind(inventory);
        return bound.filter(inventory);
    }
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
            case Field::Expr:
                c.kind = Compiled::Kind::Bitmap;
                if (t.groupMembers && t.groupMembers->size() == size_t(ix.hostCount())) {
                    c.bitmap = *t.groupMembers; // bound
                } else {
                    c.bitmap.assign(size_t(ix.hostCount()), 0);
                    for (int i : t.expression->matchingHosts(inventory).hosts) {
                        c.bitmap[size_t(i)] = 1;
                    }
                }
                break;
            case Field::Fact:
            case Field::Drift:
                c.kind = Compiled::Kind::Bitmap;
                c.bitmap = *t.groupMembers; // bound (needsBinding)
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
                case Field::Expr:
                case Field::Fact:
                case Field::Drift:
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

namespace {

QString literal(const QString& s)
{
    return Jinja::pythonStringRepr(s);
}

// fnmatch() syntax (what filter() runs) as an anchored regular expression for regex_search.
QString globToRegex(const QString& glob)
{
    QString re = QStringLiteral("^(?s:");
    const int n = int(glob.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = glob[i];
        if (c == QLatin1Char('*')) {
            re += QLatin1String(".*");
        } else if (c == QLatin1Char('?')) {
            re += QLatin1Char('.');
        } else if (c == QLatin1Char('\\') && i + 1 < n) {
            re += QRegularExpression::escape(QString(glob[++i]));
        } else if (c == QLatin1Char('[')) {
            // A bracket expression when it closes ("]" first in it is literal); otherwise a literal "[".
            int j = i + 1;
            if (j < n && (glob[j] == QLatin1Char('!') || glob[j] == QLatin1Char('^'))) {
                ++j;
            }
            if (j < n && glob[j] == QLatin1Char(']')) {
                ++j;
            }
            while (j < n && glob[j] != QLatin1Char(']')) {
                ++j;
            }
            if (j >= n) {
                re += QLatin1String("\\[");
                continue;
            }
            QString set = glob.mid(i + 1, j - i - 1);
            QString out = QStringLiteral("[");
            if (set.startsWith(QLatin1Char('!')) || set.startsWith(QLatin1Char('^'))) {
                out += QLatin1Char('^');
                set.remove(0, 1);
            }
            for (const QChar m : set) {
                if (m == QLatin1Char('\\') || m == QLatin1Char('[') || m == QLatin1Char(']') || m == QLatin1Char('^')) {
                    out += QLatin1Char('\\');
                }
                out += m;
            }
            re += out + QLatin1Char(']');
            i = j;
        } else {
            re += QRegularExpression::escape(QString(c));
        }
    }
    return re + QLatin1String(")$");
}

// `subject` (a lower-cased string expression) equal to / matching one value of a term.
QString compare(const HostQuery::Value& v, const QString& subject)
{
    if (v.glob.isValid() && !v.glob.pattern().isEmpty()) {
        return QStringLiteral("(%1|regex_search(%2)) is not none").arg(subject, literal(globToRegex(v.text)));
    }
    return QStringLiteral("%1 == %2").arg(subject, literal(v.text));
}

// Some item of `list` (a list of lower-cased strings) is / matches the value.
QString anyOf(const HostQuery::Value& v, const QString& list)
{
    if (v.glob.isValid() && !v.glob.pattern().isEmpty()) {
        return QStringLiteral("%1|map('regex_search', %2)|select('string')|list|length > 0")
            .arg(list, literal(globToRegex(v.text)));
    }
    return QStringLiteral("%1 in %2").arg(literal(v.text), list);
}

} // namespace

QString HostQuery::ruleProblem() const
{
    for (const Term& t : m_terms) {
        if (t.field == Field::Drift) {
            return QStringLiteral(
                "drift:%1 has no rule form: the majority version belongs to the hosts together, so a dynamic group "
                "with this rule would keep the hosts that drift now for ever; run the query when it is needed, or "
                "save its hosts as a static group")
                .arg(t.values.value(0).text);
        }
    }
    return {};
}

QString HostQuery::toExpression() const
{
    static const QString tags = QStringLiteral("host.tags|map('lower')");
    QStringList terms;
    for (const Term& t : m_terms) {
        QStringList alternatives;
        for (const Value& v : t.values) {
            const bool glob = v.glob.isValid() && !v.glob.pattern().isEmpty();
            switch (t.field) {
            case Field::Text:
                if (glob) {
                    alternatives.append(compare(v, QStringLiteral("host.address|lower")));
                    alternatives.append(compare(v, QStringLiteral("host.name|lower")));
                } else {
                    // host.address is the name when ansible_host is not set: the name covers that case.
                    for (const char* field : { "name", "address", "idc", "business" }) {
                        alternatives.append(
                            QStringLiteral("%1 in host.%2|lower").arg(literal(v.text), QLatin1String(field)));
                    }
                    alternatives.append(QStringLiteral("%1 in %2|join('\\n')").arg(literal(v.text), tags));
                }
                break;
            case Field::Name:
                alternatives.append(compare(v, QStringLiteral("host.name|lower")));
                break;
            case Field::Address:
                alternatives.append(glob ? compare(v, QStringLiteral("host.address|lower"))
                                         : QStringLiteral("(host.address|lower).startswith(%1)").arg(literal(v.text)));
                break;
            case Field::Idc:
                alternatives.append(compare(v, QStringLiteral("host.idc|lower")));
                break;
            case Field::Business:
                alternatives.append(compare(v, QStringLiteral("host.business|lower")));
                break;
            case Field::Env:
                alternatives.append(compare(v, QStringLiteral("host.env|lower")));
                break;
            case Field::Status:
                alternatives.append(compare(v, QStringLiteral("host.status|lower")));
                break;
            case Field::Tag:
                alternatives.append(anyOf(v, tags));
                break;
            case Field::Group:
                alternatives.append(anyOf(v, QStringLiteral("host.groups|map('lower')")));
                break;
            case Field::Expr:
                alternatives.append(v.text);
                break;
            case Field::Fact: {
                const QString at = QStringLiteral("host.facts.") + t.key;
                alternatives.append(t.presence
                        ? QStringLiteral("%1 is defined and %1 is not none").arg(at)
                        : QStringLiteral("(%1 is string or %1 is number or %1 is boolean) and %2")
                              .arg(at, compare(v, at + QStringLiteral("|string|lower"))));
                break;
            }
            case Field::Drift: {
                // The majority is a property of the hosts together, not of one host: the bound selection by name.
                QStringList names;
                if (t.groupMembers) {
                    for (size_t i = 0; i < t.groupMembers->size() && i < size_t(m_boundHosts.size()); ++i) {
                        if ((*t.groupMembers)[i]) {
                            names.append(literal(m_boundHosts[int(i)]));
                        }
                    }
                }
                alternatives.append(QStringLiteral("host.name in [%1]").arg(names.join(QStringLiteral(", "))));
                break;
            }
            }
        }
        QString term = alternatives.size() == 1
            ? alternatives.first()
            : QLatin1Char('(') + alternatives.join(QStringLiteral(") or (")) + QLatin1Char(')');
        terms.append(t.negated ? QStringLiteral("not (%1)").arg(term) : QLatin1Char('(') + term + QLatin1Char(')'));
    }
    return terms.isEmpty() ? QStringLiteral("true") : terms.join(QStringLiteral(" and "));
}
