#pragma once

#include <QStringList>
#include <QTextStream>

// `opsdeck-cli schedule next 'EXPR' --tz ZONE …`: the fire times of a cron expression (models/schedules), computed
// locally — no workspace, no server.
int runScheduleCommand(const QStringList& args, QTextStream& out, QTextStream& err);
