#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

// Conversions of variable values (QVariant trees of maps, lists, strings, integers, floats, booleans and null)
// to and from the text forms operators meet: JSON as Python's json module prints it, YAML as PyYAML (and thus
// Ansible) types it, and Python's repr() of scalars.
namespace VarCodec {

// Python's ensure_ascii: Escape writes non-ASCII as \uXXXX (json.dumps' default), Keep writes UTF-8 (as
// ansible-inventory does); lone surrogates are escaped either way.
enum class Ascii { Escape, Keep };
// JSON as Python's json.dumps(value, sort_keys=True, indent=indent) prints it (indent < 0: compact, one line
// with ", " and ": " separators as Python's default; indent == 0 is not used).
QByteArray toJson(const QVariant& value, int indent = -1, Ascii ascii = Ascii::Escape);
// Compact JSON for storage, keeping the integer/float distinction (1 vs 1.0).
QByteArray toStorageJson(const QVariant& value);
Result<QVariant> fromJson(const QByteArray& json, const QString& fileName = {});

// YAML 1.1 scalar typing as PyYAML resolves plain scalars (true/yes/on, 0x1f, 0755, 1e3, ~ …).
QVariant resolvePlainYamlScalar(const QString& text);
// Parses a YAML document into a QVariant tree; errors name file, line and column.
Result<QVariant> fromYaml(const QByteArray& yaml, const QString& fileName = {});
// A YAML mapping of variables, as an operator types it in a variables editor: empty text (or null) is an empty
// mapping; a list or a scalar is an error naming the place.
Result<QVariantMap> fromYamlMapping(const QByteArray& yaml, const QString& fileName = {});
// Block-style YAML that PyYAML reads back to the same value (strings quoted where they would otherwise change type).
QByteArray toYaml(const QVariant& value, int indent = 2);

// Python's repr()/str() of a float (shortest round-trip form, "1.0", "1e+16", "inf", "nan").
QString pythonFloat(double d);
// A QVariant's type is one of these in our trees.
bool isInteger(const QVariant& v);
bool isFloat(const QVariant& v);
bool isString(const QVariant& v);

} // namespace VarCodec
