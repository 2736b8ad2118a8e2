#include "GatherScript.h"

#include "GatherScriptText.h" // generated from gather-facts.sh by CMakeLists.txt

QString GatherScript::text()
{
    return QString::fromUtf8(kGatherScriptText);
}
