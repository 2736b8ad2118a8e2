#include "DangerGate.h"

namespace {

QString fingerprint(const QStringList& lines, const ScriptFinding& f)
{
    return f.code + QLatin1Char('\t') + lines.value(f.line - 1).trimmed();
}

QStringList linesOf(const QString& text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& l : lines) {
        if (l.endsWith(QLatin1Char('\r'))) {
            l.chop(1);
        }
    }
    return lines;
}

} // namespace

namespace DangerGate {

ScriptFindings blocking(const ScriptFindings& findings)
{
    ScriptFindings out;
    for (const ScriptFinding& f : findings) {
        if (f.severity == ScriptFinding::Severity::Block) {
            out.append(f);
        }
    }
    return out;
}

QStringList fingerprints(const QString& text, const ScriptFindings& findings)
{
    const QStringList lines = linesOf(text);
    QStringList out;
    for (const ScriptFinding& f : blocking(findings)) {
        out.append(fingerprint(lines, f));
    }
    return out;
}

Acknowledgement acknowledge(const QString& text, const ScriptFindings& findings, const QString& by)
{
    return { fingerprints(text, findings), by, QDateTime::currentDateTimeUtc() };
}

ScriptFindings unacknowledged(const QString& text, const ScriptFindings& findings, const Acknowledgement* ack)
{
    const QStringList lines = linesOf(text);
    ScriptFindings out;
    for (const ScriptFinding& f : blocking(findings)) {
        if (!ack || !ack->fingerprints.contains(fingerprint(lines, f))) {
            out.append(f);
        }
    }
    return out;
}

bool mayRun(const QString& text, const ScriptFindings& findings, const Acknowledgement* ack)
{
    return unacknowledged(text, findings, ack).isEmpty();
}

} // namespace DangerGate
