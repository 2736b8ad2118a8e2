#include "schedules/ScheduleTimes.h"

namespace ScheduleTimes {

QList<FireTime> upcoming(
    const CronExpression& cron, const QTimeZone& zone, const QDateTime& from, int count, const QTimeZone& localZone)
{
    QList<FireTime> times;
    for (const QDateTime& t : cron.next(from, zone, count)) {
        FireTime fire;
        fire.utc = t.toUTC();
        fire.inZone = t.toTimeZone(zone);
        fire.local = t.toTimeZone(localZone);
        fire.dstChangeDay = isClockChangeDay(fire.inZone.date(), zone);
        fire.localDstChangeDay = isClockChangeDay(fire.local.date(), localZone);
        times << fire;
    }
    return times;
}

bool isClockChangeDay(const QDate& date, const QTimeZone& zone)
{
    if (!date.isValid() || !zone.isValid() || !zone.hasTransitions()) {
        return false;
    }
    // Offsets stay within ±26 h of UTC, so the transitions that can touch `date` lie in this window.
    const QDateTime dayUtc(date, QTime(0, 0), Qt::UTC);
    const QDateTime windowEnd = dayUtc.addSecs(2 * 86400);
    QTimeZone::OffsetData t = zone.nextTransition(dayUtc.addSecs(-86400));
    for (int n = 0; t.atUtc.isValid() && t.atUtc < windowEnd && n < 16; ++n) { // bounded: see CronExpression
        const int before = zone.offsetFromUtc(t.atUtc.addSecs(-1));
        const int after = zone.offsetFromUtc(t.atUtc);
        if (before != after) {
            // The wall times skipped (forward) or repeated (backward): [at + min, at + max).
            const QDateTime first = t.atUtc.addSecs(std::min(before, after));
            const QDateTime last = t.atUtc.addSecs(std::max(before, after) - 1);
            const QDate firstDate = first.toOffsetFromUtc(0).date();
            const QDate lastDate = last.toOffsetFromUtc(0).date();
            if (firstDate <= date && date <= lastDate) {
                return true;
            }
        }
        const QDateTime previous = t.atUtc;
        t = zone.nextTransition(previous.addSecs(1)); // not at t: Qt 6.4 answers nothing at some (CronExpression)
        if (t.atUtc.isValid() && t.atUtc <= previous) {
            break;
        }
    }
    return false;
}

QDateTime instantOfWallTime(const QDate& date, const QTime& time, const QTimeZone& zone)
{
    if (!date.isValid() || !time.isValid() || !zone.isValid()) {
        return {};
    }
    // Every offset the zone has within a day and a bit of that wall time gives a candidate instant; those at which
    // the clock really shows that time are the answers, the earliest one first.
    const QDateTime naive(date, time, Qt::UTC);
    QList<int> offsets;
    for (int k = -56; k <= 56; ++k) {
        const int o = zone.offsetFromUtc(naive.addSecs(k * 1800));
        if (!offsets.contains(o)) {
            offsets << o;
        }
    }
    QDateTime best;
    for (int o : offsets) {
        const QDateTime candidate = naive.addSecs(-o);
        const QDateTime shown = candidate.toTimeZone(zone);
        if (shown.date() == date && shown.time() == time && (!best.isValid() || candidate < best)) {
            best = candidate;
        }
    }
    return best;
}

Result<QTimeZone> zoneNamed(const QString& ianaName)
{
    const QByteArray id = ianaName.trimmed().toUtf8();
    if (!id.isEmpty() && QTimeZone::isTimeZoneIdAvailable(id)) {
        QTimeZone zone(id);
        if (zone.isValid()) {
            return zone;
        }
    }
    if (id == "UTC") {
        return QTimeZone::utc();
    }
    return Error(QStringLiteral("unknown time zone '%1' (an IANA name such as Europe/Berlin or America/New_York)")
                     .arg(ianaName));
}

} // namespace ScheduleTimes
