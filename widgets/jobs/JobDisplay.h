#pragma once

#include "jobs/JobStatus.h"

#include <QColor>
#include <QString>

// How the job widgets show a host's outcome and a duration, the same in the host table, the timeline and the
// output pane: the theme's colour of a status, "0.08 s" / "12.5 s" / "3.2 min".
namespace JobDisplay {
QColor statusColor(HostStatus status);
QString durationText(qint64 ms);
} // namespace JobDisplay
