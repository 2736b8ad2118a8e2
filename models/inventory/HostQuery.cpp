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
                                                     "tag, group, expr)")
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
            }
        }
        QString term = alternatives.size() == 1
            ? alternatives.first()
            : QLatin1Char('(') + alternatives.join(QStringLiteral(") or (")) + QLatin1Char(')');
        terms.append(t.negated ? QStringLiteral("not (%1)").arg(term) : QLatin1Char('(') + term + QLatin1Char(')'));
    }
    return terms.isEmpty() ? QStringLiteral("true") : terms.join(QStringLiteral(" and "));
}
