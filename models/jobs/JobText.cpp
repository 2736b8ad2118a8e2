#include "JobText.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <vector>

namespace {

// One message form. `nested`: bit k set when %k is itself a message (translated in turn); `list`: bit k set when
// %k is a ", "-separated list of messages. A form with `numerus` has one %n, the count.
struct FormDef {
    const char* source;
    bool numerus = false;
    unsigned nested = 0;
    unsigned list = 0;
};

constexpr unsigned arg(int k)
{
    return 1u << k;
}

// Every form the job engine (models/jobs), the job store, the direct backend and the SSH transport write into
// events. Keep the producers' texts and these identical (tst_uipolish checks the transport's literals).
const FormDef kForms[] = {
    // JobEngine, JobStore, DirectBackend: why a host or a job ended as it did
    { QT_TRANSLATE_NOOP("JobText", "the job was interrupted: the program running it stopped before it finished") },
    { QT_TRANSLATE_NOOP("JobText",
        "the job was interrupted: the program running it (%1) stopped before it finished; hosts that were running "
        "have an unknown outcome") },
    { QT_TRANSLATE_NOOP("JobText",
        "the job was interrupted: the console was closed while it ran; hosts that were running have an unknown "
        "outcome") },
    { QT_TRANSLATE_NOOP("JobText", "no result within %1 s: the remote process was stopped") },
    { QT_TRANSLATE_NOOP("JobText", "no result within %1 s: the remote process was stopped (%2)"), false, arg(2) },
    { QT_TRANSLATE_NOOP("JobText", "no result within %1 s (%2): the remote process was stopped"), false, arg(2) },
    { QT_TRANSLATE_NOOP("JobText", "no result within %1 s (%2): the remote process was stopped (%3)"), false,
        arg(2) | arg(3) },
    // The phase a host was in when its timeout struck
    { QT_TRANSLATE_NOOP("JobText", "while connecting") },
    { QT_TRANSLATE_NOOP("JobText", "while logging in") },
    { QT_TRANSLATE_NOOP("JobText", "while waiting for the operator") },
    { QT_TRANSLATE_NOOP("JobText", "while the command ran") },
    { QT_TRANSLATE_NOOP("JobText", "while transferring the file") },
    { QT_TRANSLATE_NOOP("JobText", "while waiting for a handshake slot") },
    { QT_TRANSLATE_NOOP("JobText", "cancelled by the operator") },
    { QT_TRANSLATE_NOOP("JobText", "the backend reported no outcome") },
    { QT_TRANSLATE_NOOP("JobText", "the backend did not confirm that the remote process stopped") },
    // FailurePolicy::stopReason
    { QT_TRANSLATE_NOOP("JobText", "stopped at the first failed host") },
    { QT_TRANSLATE_N_NOOP("JobText", "stopped: %n host(s) failed (the limit is %1)"), true },
    { QT_TRANSLATE_N_NOOP("JobText", "stopped: %1 of the %n host(s) of the batch failed (the limit is %2%)"), true },
    { QT_TRANSLATE_N_NOOP("JobText", "stopped: %1 of the %n host(s) of the job failed (the limit is %2%)"), true },
    // SshTransport (SshWorker, SshAuth, SshRoute): connecting, host keys, logging in
    { QT_TRANSLATE_NOOP("JobText", "%1: timed out after %2 s while %3"), false, arg(3) },
    { QT_TRANSLATE_NOOP("JobText", "logging in") },
    { QT_TRANSLATE_NOOP("JobText", "connecting") },
    { QT_TRANSLATE_NOOP("JobText", "logging in through jump host %1") },
    { QT_TRANSLATE_NOOP("JobText", "connecting through jump host %1") },
    { QT_TRANSLATE_NOOP("JobText", "waiting for the server's SSH banner") },
    { QT_TRANSLATE_NOOP("JobText", "exchanging keys") },
    { QT_TRANSLATE_NOOP("JobText", "%1 through jump host %2"), false, arg(1) },
    { QT_TRANSLATE_NOOP("JobText", "retrying the connection (%1 of %2) in %3 s: %4"), false, arg(4) },
    { QT_TRANSLATE_NOOP("JobText", "jump host %1: %2"), false, arg(2) },
    { QT_TRANSLATE_NOOP("JobText", "connection lost: %1"), false, arg(1) },
    { QT_TRANSLATE_NOOP("JobText", "disconnected") },
    { QT_TRANSLATE_NOOP("JobText", "cannot resolve %1: %2") },
    { QT_TRANSLATE_NOOP("JobText", "libssh: out of memory") },
    { QT_TRANSLATE_NOOP("JobText", "socket: %1") },
    { QT_TRANSLATE_NOOP("JobText", "socketpair: %1") },
    { QT_TRANSLATE_NOOP("JobText", "cannot connect to %1 (%2): %3") },
    { QT_TRANSLATE_NOOP("JobText", "jump host %1: cannot create a channel: %2") },
    { QT_TRANSLATE_NOOP("JobText", "jump host %1 cannot reach %2: %3") },
    { QT_TRANSLATE_NOOP("JobText", "%1: SSH handshake failed: %2") },
    { QT_TRANSLATE_NOOP("JobText", "no SSH address known for host %1") },
    { QT_TRANSLATE_NOOP("JobText", "no host key from the server: %1") },
    { QT_TRANSLATE_NOOP("JobText",
        "HOST KEY CHANGED for %1: the server now offers %2 %3, which does not match %4. This can be an attack; if the "
        "key change is expected, remove the old entry from %4") },
    { QT_TRANSLATE_NOOP("JobText", "cannot check the host key of %1 against %2: %3") },
    { QT_TRANSLATE_NOOP("JobText",
        "unknown host key for %1: %2 %3 is not in %4; accept it once (--accept-new-host-keys in the CLI) or add it "
        "to the file") },
    { QT_TRANSLATE_NOOP("JobText", "host key %1 %2 of %3 was not accepted") },
    { QT_TRANSLATE_NOOP("JobText", "cannot record the host key of %1 in the known_hosts file: %2") },
    { QT_TRANSLATE_NOOP("JobText", "authentication failed for %1@%2 (tried: %3; the server accepts: %4)"), false,
        arg(3) | arg(4), arg(3) },
    { QT_TRANSLATE_NOOP("JobText", "nothing to try") },
    { QT_TRANSLATE_NOOP("JobText", "none") },
    { QT_TRANSLATE_NOOP("JobText", "key %1") },
    { QT_TRANSLATE_NOOP("JobText", "key %1 does not exist") },
    { QT_TRANSLATE_NOOP("JobText", "key %1: wrong passphrase or unreadable") },
    { QT_TRANSLATE_NOOP("JobText", "key %1 is encrypted and no passphrase was given") },
    { QT_TRANSLATE_NOOP("JobText", "key %1 is unreadable or encrypted (no passphrase provider)") },
    { QT_TRANSLATE_NOOP("JobText", "%1: connection closed during authentication: %2") },
    { QT_TRANSLATE_NOOP("JobText", "invalid ProxyJump \"%1\": %2") },
    { QT_TRANSLATE_NOOP("JobText", "ProxyJump loops or chains more than %1 jump hosts (at %2)") },
    { QT_TRANSLATE_NOOP("JobText", "ProxyJump chains more than %1 jump hosts") },
    { QT_TRANSLATE_NOOP("JobText", "%1: %2"), false, arg(2) },
    // SshTransport (SshWorker, SshTask): running a script
    { QT_TRANSLATE_NOOP("JobText", "cancelled before it started") },
    { QT_TRANSLATE_NOOP("JobText", "cancelled; sshd did not confirm that the remote process was killed") },
    { QT_TRANSLATE_NOOP("JobText", "cannot create a channel: %1") },
    { QT_TRANSLATE_NOOP("JobText", "cannot open a channel: %1") },
    { QT_TRANSLATE_NOOP("JobText", "the server refused to run the command: %1") },
    { QT_TRANSLATE_NOOP("JobText", "cancelled") },
    { QT_TRANSLATE_NOOP("JobText", "cancelled: remote process killed (SIG%1)") },
    { QT_TRANSLATE_NOOP("JobText", "killed by signal SIG%1") },
    { QT_TRANSLATE_NOOP("JobText", "the remote command ended without an exit status") },
    // SshTransport (SftpPush): pushing a file or a rendered template
    { QT_TRANSLATE_NOOP("JobText", "no exit status from `%1`") },
    { QT_TRANSLATE_NOOP("JobText", "cannot read %1: %2") },
    { QT_TRANSLATE_NOOP("JobText", "cannot render template %1: no renderer for this job") },
    { QT_TRANSLATE_NOOP("JobText", "cannot push the stored file %1: no content for this job") },
    { QT_TRANSLATE_NOOP("JobText", "no destination path") },
    { QT_TRANSLATE_NOOP("JobText", "invalid mode %1") },
    { QT_TRANSLATE_NOOP("JobText", "cannot check %1: %2"), false, arg(2) },
    { QT_TRANSLATE_NOOP("JobText", "unchanged") },
    { QT_TRANSLATE_NOOP("JobText", "cannot set mode/owner of %1: %2") },
    { QT_TRANSLATE_NOOP("JobText", "unchanged content; mode/owner updated") },
    { QT_TRANSLATE_NOOP("JobText", "cannot start SFTP: %1") },
    { QT_TRANSLATE_NOOP("JobText", "cannot start SFTP (is the sftp subsystem enabled?): %1") },
    { QT_TRANSLATE_NOOP("JobText", "cannot create %1: %2") },
    { QT_TRANSLATE_NOOP("JobText", "cannot write %1: %2") },
    { QT_TRANSLATE_NOOP("JobText", "cannot put %1 in place: %2") },
    { QT_TRANSLATE_N_NOOP("JobText", "written (%n byte(s))"), true },
};

// A form compiled for recognition: an anchored pattern, which placeholder each capture is, how much literal text
// it has (the most specific form wins when several match: "jump host %1: cannot create a channel: %2" over
// "jump host %1: %2"), and the literal start a text must have for the pattern to be tried at all.
struct Compiled {
    const FormDef* def = nullptr;
    QRegularExpression pattern;
    QList<int> captures; // placeholder number per capture group, 0 for %n
    int literalLength = 0;
    QString prefix;
};

const std::vector<Compiled>& compiled()
{
    static const std::vector<Compiled> all = [] {
        std::vector<Compiled> out;
        static const QRegularExpression placeholder(QStringLiteral("%(n|[1-9])"));
        for (const FormDef& def : kForms) {
            Compiled c;
            c.def = &def;
            const QString source = QString::fromUtf8(def.source);
            QString re = QStringLiteral("^");
            qsizetype at = 0;
            auto literal = [&](QStringView text) {
                QString escaped = QRegularExpression::escape(text.toString());
                escaped.replace(QLatin1String("\\(s\\)"), QLatin1String("s?"));
                escaped.replace(QLatin1String("\\(es\\)"), QLatin1String("(?:es)?"));
                re += escaped;
                c.literalLength += int(text.size());
            };
            for (auto it = placeholder.globalMatch(source); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                if (at == 0 && m.capturedStart() > 0) {
                    c.prefix = source.left(m.capturedStart());
                }
                literal(QStringView(source).mid(at, m.capturedStart() - at));
                const bool count = m.captured(1) == QLatin1String("n");
                re += count ? QStringLiteral("(\\d+)") : QStringLiteral("(.*?)");
                c.captures.append(count ? 0 : m.captured(1).toInt());
                at = m.capturedEnd();
            }
            if (at == 0) {
                c.prefix = source;
            }
            literal(QStringView(source).mid(at));
            re += QLatin1Char('$');
            c.pattern = QRegularExpression(re, QRegularExpression::DotMatchesEverythingOption);
            // A "(s)" in the prefix is not literal text.
            c.prefix = c.prefix.section(QLatin1Char('('), 0, 0);
            out.push_back(std::move(c));
        }
        return out;
    }();
    return all;
}

// %1 … %9 of `text` replaced in one pass, so that an argument containing "%2" is left alone; "%%" and a "%" not
// followed by a known placeholder stay as they are.
QString substitute(const QString& text, const QHash<int, QString>& args)
{
    QString out;
    out.reserve(text.size() + 32);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('%') && i + 1 < text.size() && text.at(i + 1).isDigit()) {
            const int k = text.at(i + 1).digitValue();
            if (auto it = args.constFind(k); it != args.constEnd()) {
                out += *it;
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

// English plural of a %n form: "%n host(s)" → "1 host", "2 hosts".
QString englishCount(const QString& source, qint64 n)
{
    QString s = source;
    s.replace(QLatin1String("(s)"), n == 1 ? QString() : QStringLiteral("s"));
    s.replace(QLatin1String("(es)"), n == 1 ? QString() : QStringLiteral("es"));
    s.replace(QLatin1String("%n"), QString::number(n));
    return s;
}

QString translateText(const QString& text, int depth);

QString translateArg(const QString& value, unsigned k, const FormDef& def, int depth)
{
    if (def.list & arg(int(k))) {
        QStringList items = value.split(QStringLiteral(", "));
        for (QString& item : items) {
            item = translateText(item, depth + 1);
        }
        return items.join(QCoreApplication::translate("JobText", ", "));
    }
    return def.nested & arg(int(k)) ? translateText(value, depth + 1) : value;
}

QString translateText(const QString& text, int depth)
{
    if (text.isEmpty() || depth > 6) {
        return text;
    }
    const Compiled* best = nullptr;
    QRegularExpressionMatch bestMatch;
    for (const Compiled& c : compiled()) {
        if (!text.startsWith(c.prefix) || (best && c.literalLength <= best->literalLength)) {
            continue;
        }
        QRegularExpressionMatch m = c.pattern.match(text);
        if (m.hasMatch()) {
            best = &c;
            bestMatch = m;
        }
    }
    if (!best) {
        return text;
    }
    const FormDef& def = *best->def;
    qint64 n = -1;
    QHash<int, QString> args;
    for (int i = 0; i < best->captures.size(); ++i) {
        const int k = best->captures.at(i);
        const QString value = bestMatch.captured(i + 1);
        if (k == 0) {
            n = value.toLongLong();
        } else {
            args.insert(k, translateArg(value, unsigned(k), def, depth));
        }
    }
    QString translated = QCoreApplication::translate("JobText", def.source, nullptr, def.numerus ? int(n) : -1);
    if (def.numerus && translated.contains(QLatin1String("%n"))) {
        // No translator (or one without this message): the English forms, as make() writes them.
        translated = englishCount(translated, n);
    }
    return substitute(translated, args);
}

} // namespace

QString JobText::make(const char* form, qint64 n, const QStringList& args)
{
    QHash<int, QString> byNumber;
    for (int i = 0; i < args.size() && i < 9; ++i) {
        byNumber.insert(i + 1, args.at(i));
    }
    return substitute(englishCount(QString::fromUtf8(form), n), byNumber);
}

QString JobText::count(const char* context, const char* source, qint64 n)
{
    const QString translated = QCoreApplication::translate(context, source, nullptr, int(n));
    return translated.contains(QLatin1String("(s)")) || translated.contains(QLatin1String("(es)"))
        ? englishCount(QString::fromUtf8(source), n)
        : translated;
}

QString JobText::display(const QString& text)
{
    // A host table sorts and repaints thousands of rows that share a few messages: remember the answers for the
    // language they were given in (the translation of a sentinel changes with the installed translators).
    static QMutex mutex;
    static QHash<QString, QString> cache;
    static QString cacheLanguage;
    const QString language = QCoreApplication::translate("JobText", "cancelled");
    QMutexLocker lock(&mutex);
    if (language != cacheLanguage || cache.size() > 20000) {
        cache.clear();
        cacheLanguage = language;
    }
    if (auto it = cache.constFind(text); it != cache.constEnd()) {
        return *it;
    }
    const QString shown = translateText(text, 0);
    cache.insert(text, shown);
    return shown;
}

QStringList JobText::forms()
{
    QStringList out;
    for (const FormDef& def : kForms) {
        out.append(QString::fromUtf8(def.source));
    }
    return out;
}
