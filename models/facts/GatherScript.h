#pragma once

#include <QString>

// The one shell script a facts gathering runs on each host (gather-facts.sh, compiled in): POSIX sh, read-only, for
// Debian, Ubuntu, RHEL/Rocky and Alpine without installing anything; its output is FactsParser's input.
namespace GatherScript {

QString text();
// The interpreter the job feeds it to.
inline QString interpreter()
{
    return QStringLiteral("/bin/sh");
}

} // namespace GatherScript
