#pragma once

#include <QList>
#include <QString>
#include <QTime>
#include <optional>
#include <utility>

// The console's "alarm clock" picker (a time of day and weekdays) writes the same cron text as one typed by hand,
// and reads it back when the text is one it could have written.

// "MM HH * * DOW": `isoWeekdays` 1 = Monday .. 7 = Sunday (cron's 0); empty or all seven = every day (`*`).
// Consecutive weekdays are written as a range ("30 7 * * 1-5").
QString cronFromAlarm(QTime timeOfDay, const QList<int>& isoWeekdays);

// The time of day and the ISO weekdays (sorted; empty = every day) of a cron expression that fires at one time
// of day on some weekdays of every month; nullopt for any other expression (or one that does not parse).
std::optional<std::pair<QTime, QList<int>>> alarmFromCron(const QString& cron);
