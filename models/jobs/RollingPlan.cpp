#include "RollingPlan.h"

#include "jobs/JobText.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <cmath>

namespace {

// Large enough for any fleet, small enough that size arithmetic never overflows.
constexpr int kMaxCount = 10'000'000;

struct Token {
    QString text;
    int column = 0; // 1-based
};

QList<Token> tokenize(const QString& text)
{
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (text[i].isSpace() || text[i] == QLatin1Char(',')) {
            ++i;
            continue;
        }
        const qsizetype start = i;
        while (i < n && !text[i].isSpace() && text[i] != QLatin1Char(',')) {
            ++i;
        }
        tokens.append({ text.mid(start, i - start), int(start) + 1 });
    }
    return tokens;
}

Error planError(const QString& message, int column)
{
    return Error(message, { QStringLiteral("plan"), 1, column });
}

QString accepted()
{
    return QCoreApplication::translate("RollingPlan",
        "write batch sizes as host counts (5) or percentages (10%), optionally ending with +N to grow or *N to "
        "multiply each batch, e.g. \"1 10% 50% 100%\", \"5 +10\" or \"5 *2\"");
}

// Parses "N" or "N%" (the body after any +/* prefix).
Result<RollingPlan::Size> parseSize(const Token& tok, const QString& body, int column)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]+)(%?)$"));
    const auto m = re.match(body);
    if (!m.hasMatch()) {
        return planError(
            QCoreApplication::translate("RollingPlan", "'%1' is not a batch size: %2").arg(tok.text, accepted()),
            column);
    }
    bool ok = false;
    const qlonglong v = m.captured(1).toLongLong(&ok);
    const bool percent = !m.captured(2).isEmpty();
    if (!ok || v > kMaxCount) {
        return planError(QCoreApplication::translate("RollingPlan", "'%1' is too large").arg(tok.text), column);
    }
    if (v == 0) {
        return planError(QCoreApplication::translate("RollingPlan",
                             "'%1': a batch needs at least one host (write 1 or more, or a percentage above 0%)")
                             .arg(tok.text),
            column);
    }
    if (percent && v > 100) {
        return planError(
            QCoreApplication::translate("RollingPlan", "'%1': a percentage is at most 100%").arg(tok.text), column);
    }
    return RollingPlan::Size { int(v), percent };
}

int resolve(RollingPlan::Size s, int hostCount)
{
    if (!s.percent) {
        return s.value;
    }
    const qint64 v = (qint64(s.value) * hostCount + 99) / 100;
    return int(std::max<qint64>(1, v));
}

QString sizeText(RollingPlan::Size s)
{
    return QString::number(s.value) + (s.percent ? QStringLiteral("%") : QString());
}

QString sizeWords(RollingPlan::Size s)
{
    if (s.percent) {
        return QCoreApplication::translate("RollingPlan", "%1% of the hosts").arg(s.value);
    }
    return JobText::count("RollingPlan", QT_TRANSLATE_N_NOOP("RollingPlan", "%n host(s)"), s.value);
}

} // namespace

Result<RollingPlan> RollingPlan::parse(const QString& text)
{
    RollingPlan plan;
    const QList<Token> tokens = tokenize(text);
    for (int t = 0; t < tokens.size(); ++t) {
        const Token& tok = tokens[t];
        const QChar first = tok.text[0];
        if (first == QLatin1Char('+') || first == QLatin1Char('*')) {
            const bool add = first == QLatin1Char('+');
            if (plan.m_sizes.isEmpty()) {
                return planError(
                    QCoreApplication::translate("RollingPlan", "'%1' needs a first batch size before it, e.g. \"5 %1\"")
                        .arg(tok.text),
                    tok.column);
            }
            if (t != tokens.size() - 1) {
                return planError(QCoreApplication::translate("RollingPlan",
                                     "'%1' must be the last item of the plan: it says how the batches grow after "
                                     "the sizes written before it, e.g. \"1 5 %1\"")
                                     .arg(tok.text),
                    tok.column);
            }
            const QString body = tok.text.mid(1);
            if (add) {
                auto size = parseSize(tok, body, tok.column + 1);
                if (!size) {
                    if (body.isEmpty()) {
                        return planError(QCoreApplication::translate(
                                             "RollingPlan", "'+' needs a number of hosts to grow by, e.g. \"5 +10\""),
                            tok.column);
                    }
                    return size.error();
                }
                plan.m_growth = Growth::Add;
                plan.m_increment = *size;
            } else {
                static const QRegularExpression re(QStringLiteral("^[0-9]+(\\.[0-9]+)?$"));
                bool ok = re.match(body).hasMatch();
                const double f = ok ? QLocale::c().toDouble(body, &ok) : 0;
                if (!ok || !(f > 1.0) || f > 1000) {
                    return planError(QCoreApplication::translate("RollingPlan",
                                         "'%1': write a factor above 1 (at most 1000) to multiply each batch by, "
                                         "e.g. \"5 *2\"")
                                         .arg(tok.text),
                        tok.column + (body.isEmpty() ? 0 : 1));
                }
                plan.m_growth = Growth::Multiply;
                plan.m_factor = f;
            }
            continue;
        }
        auto size = parseSize(tok, tok.text, tok.column);
        if (!size) {
            return size.error();
        }
        plan.m_sizes.append(*size);
    }
    return plan;
}

QList<int> RollingPlan::batchSizes(int hostCount) const
{
    QList<int> out;
    if (hostCount <= 0) {
        return out;
    }
    if (m_sizes.isEmpty()) {
        out.append(hostCount);
        return out;
    }
    int remaining = hostCount;
    qint64 previous = 0;
    for (int i = 0; remaining > 0; ++i) {
        qint64 size = 0;
        if (i < m_sizes.size()) {
            size = resolve(m_sizes[i], hostCount);
        } else {
            switch (m_growth) {
            case Growth::Repeat:
                size = resolve(m_sizes.last(), hostCount);
                break;
            case Growth::Add:
                size = previous + resolve(m_increment, hostCount);
                break;
            case Growth::Multiply:
                size = qint64(std::ceil(double(previous) * m_factor));
                break;
            }
        }
        size = std::clamp<qint64>(size, 1, remaining);
        previous = size;
        out.append(int(size));
        remaining -= int(size);
    }
    return out;
}

QList<QList<int>> RollingPlan::batches(int hostCount) const
{
    QList<QList<int>> out;
    int next = 0;
    for (int size : batchSizes(hostCount)) {
        QList<int> batch;
        batch.reserve(size);
        for (int i = 0; i < size; ++i) {
            batch.append(next++);
        }
        out.append(batch);
    }
    return out;
}

QList<QStringList> RollingPlan::split(const QStringList& hosts) const
{
    QList<QStringList> out;
    qsizetype next = 0;
    for (int size : batchSizes(int(hosts.size()))) {
        out.append(hosts.mid(next, size));
        next += size;
    }
    return out;
}

QString RollingPlan::toString() const
{
    QStringList parts;
    for (const Size& s : m_sizes) {
        parts.append(sizeText(s));
    }
    if (m_growth == Growth::Add) {
        parts.append(QLatin1Char('+') + sizeText(m_increment));
    } else if (m_growth == Growth::Multiply) {
        parts.append(QLatin1Char('*') + QLocale::c().toString(m_factor, 'g', QLocale::FloatingPointShortest));
    }
    return parts.join(QLatin1Char(' '));
}

QString RollingPlan::describe() const
{
    if (m_sizes.isEmpty()) {
        return QCoreApplication::translate("RollingPlan", "all hosts in one batch");
    }
    QStringList parts;
    for (const Size& s : m_sizes) {
        parts.append(sizeWords(s));
    }
    const QString sizes = parts.join(QCoreApplication::translate("RollingPlan", ", then "));
    switch (m_growth) {
    case Growth::Repeat:
        if (m_sizes.size() == 1) {
            return QCoreApplication::translate("RollingPlan", "batches of %1").arg(sizes);
        }
        return QCoreApplication::translate("RollingPlan", "batches of %1 (the last size repeats)").arg(sizes);
    case Growth::Add:
        return QCoreApplication::translate("RollingPlan", "batches of %1, each next batch %2 larger")
            .arg(sizes, sizeWords(m_increment));
    case Growth::Multiply:
        return QCoreApplication::translate("RollingPlan", "batches of %1, each next batch %2 times larger")
            .arg(sizes, QLocale::c().toString(m_factor, 'g', QLocale::FloatingPointShortest));
    }
    return {};
}

QString RollingPlan::describe(int hostCount) const
{
    const QList<int> sizes = batchSizes(hostCount);
    QStringList parts;
    for (int s : sizes) {
        parts.append(QString::number(s));
    }
    return JobText::count("RollingPlan", QT_TRANSLATE_N_NOOP("RollingPlan", "%n batch(es): %1"), sizes.size())
        .arg(parts.join(QStringLiteral(", ")));
}

Result<BatchPause> BatchPause::parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("none") || t == QLatin1String("0")) {
        return BatchPause::none();
    }
    if (t == QLatin1String("manual") || t == QLatin1String("confirm")) {
        return BatchPause::manual();
    }
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,6})\\s*(s|m|h)?$"));
    const auto m = re.match(t);
    if (m.hasMatch()) {
        const int v = m.captured(1).toInt();
        const QString unit = m.captured(2);
        const int factor = unit == QLatin1String("h") ? 3600 : unit == QLatin1String("m") ? 60 : 1;
        if (qint64(v) * factor <= 7 * 24 * 3600) {
            return v == 0 ? BatchPause::none() : BatchPause::after(v * factor);
        }
    }
    int column = 1;
    while (column <= text.size() && text[column - 1].isSpace()) {
        ++column;
    }
    return Error(QCoreApplication::translate("RollingPlan",
                     "'%1' is not a pause between batches: write a number of seconds (30, 30s, 2m, at most a "
                     "week), \"manual\" to wait for a confirmation, or \"none\"")
                     .arg(text.trimmed()),
        { QStringLiteral("pause"), 1, column });
}

QString BatchPause::toString() const
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Seconds:
        return QString::number(seconds) + QLatin1Char('s');
    case Kind::Manual:
        return QStringLiteral("manual");
    }
    return {};
}

QString BatchPause::describe() const
{
    switch (kind) {
    case Kind::None:
        return QCoreApplication::translate("RollingPlan", "no pause between batches");
    case Kind::Seconds:
        return JobText::count(
            "RollingPlan", QT_TRANSLATE_N_NOOP("RollingPlan", "wait %n second(s) between batches"), seconds);
    case Kind::Manual:
        return QCoreApplication::translate("RollingPlan", "wait for a confirmation before each next batch");
    }
    return {};
}
