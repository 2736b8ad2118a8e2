#pragma once

#include "inventory/Group.h"

#include <QString>
#include <QStringView>
#include <optional>

// What Ansible cannot carry rides along in a comment on the group's line, which Ansible ignores: the group kind
// ("[web] # opsdeck: kind=idc" in INI, "web: # opsdeck: kind=idc" in YAML) and a dynamic group's rule as a JSON
// string ("[mongo_js] # opsdeck: rule=\"host.idc == 'js'\""; the group itself is exported as a static group with
// its current members).
namespace OpsDeckComment {

// The kind named in a comment on `line`, if any.
std::optional<Group::Kind> kind(QStringView line);
// The rule named in a comment on `line`, or an empty string.
QString rule(QStringView line);
// The comment for a group's line (with its leading space), or an empty string when there is nothing to carry.
QString forGroup(const Group* g);

} // namespace OpsDeckComment
