#include "schedules/AlarmClock.h"

#include "schedules/CronExpression.h"

#include <QStringList>
#include <algorithm>

QString cronFromAlarm(QTime timeOfDay, const QList<int>& isoWeekdays)
{
    QList<int> days; // cron numbering, 0 = Sunday
    for (int d : isoWeekdays) {
        if (d >= 1 && d <= 7 && !days.contains(d % 7)) {
            days << d % 7;
        }
    }
    std::sort(days.begin(), days.end());
    QString dow = QStringLiteral("*");
    if (!days.isEmpty() && days.size() < 7) {
        QStringList parts;
        for (int i = 0; i < days.size();) {
            int j = i;
            while (j + 1 < days.size() && days.at(j + 1) == days.at(j) + 1) {
                ++j;
            }
            if (j - i >= 2) {
                parts << QStringLiteral("%1-%2").arg(days.at(i)).arg(days.at(j));
            } else {
                for (int k = i; k <= j; ++k) {
                    parts << QString::number(days.at(k));
                }
            }
            i = j + 1;
        }
        dow = parts.join(QLatin1Char(','));
    }
    const QTime t = timeOfDay.isValid() ? timeOfDay : QTime(0, 0);
    return QStringLiteral("%1 %2 * * %3").arg(t.minute()).arg(t.hour()).arg(dow);
}

std::optional<std::pair<QTime, QList<int>>> alarmFromCron(const QString& cron)
{
    const auto parsed = CronExpression::parse(cron);
    if (!parsed) {
        return std::nullopt;
    }
    // One minute and one hour of every day of every month, restricted (or not) by weekday only: the fields are
    // read back through matches() so that names, lists and macros all count.
    int minute = -1;
    int hour = -1;
    const QDate monday(2024, 1, 1); // a Monday; its week has every weekday
    for (int h = 0; h < 24; ++h) {
        for (int m = 0; m < 60; ++m) {
            bool any = false;
            for (int d = 0; d < 7 && !any; ++d) {
                any = parsed->matches(monday.addDays(d), h, m);
            }
            if (any) {
                if (minute >= 0) {
                    return std::nullopt; // more than one time of day
                }
                minute = m;
                hour = h;
            }
        }
    }
    if (minute < 0) {
        return std::nullopt;
    }
    QList<int> weekdays;
    for (int d = 0; d < 7; ++d) {
        if (parsed->matches(monday.addDays(d), hour, minute)) {
            weekdays << d + 1;
        }
    }
    // The same weekdays in every week of every month: no day-of-month or month restriction.
    for (int d = 0; d < 366 * 4 + 1; ++d) {
        const QDate date = QDate(2024, 1, 1).addDays(d);
        if (parsed->matches(date, hour, minute) != weekdays.contains(date.dayOfWeek())) {
            return std::nullopt;
        }
    }
    if (weekdays.size() == 7) {
        weekdays.clear();
    }
    return std::make_pair(QTime(hour, minute), weekdays);
}
