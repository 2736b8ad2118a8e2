#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>

// The output of the gather script (GatherScript) read into facts under Ansible's names: the keys of `ansible_facts`
// as the setup module reports them, without the `ansible_` prefix (distribution, kernel, processor_vcpus,
// memtotal_mb, mounts, default_ipv4, one object per interface …), `packages` as package_facts reports them (name →
// [{name, version, release?, epoch?, arch?, source}]) and `services` as service_facts does (name → {name, state,
// status, source}). docs/facts.md lists every key and where it comes from. Errors name the section and the line
// (of the whole output) that could not be read.
namespace FactsParser {

// The most output one host may send (its packages included); a longer one is refused.
constexpr qsizetype kMaxOutputBytes = 32 * 1024 * 1024;

Result<QJsonObject> parse(const QByteArray& output);

} // namespace FactsParser
