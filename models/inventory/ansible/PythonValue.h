#pragma once

#include <QString>
#include <QVariant>

// Variable values as Ansible's Python sees them: which kind a QVariant stands for, equality that keeps 1, 1.0 and
// True apart (as Ansible's JSON does), and the text json.dumps() makes of a dict key.
namespace PythonValue {

enum class Kind { Null, Bool, Int, Float, String, List, Map, Other };
Kind kindOf(const QVariant& v);
// Strict equality of variable values: 1, 1.0 and True differ.
bool strictEqual(const QVariant& a, const QVariant& b);
// How the value of a Python literal relates to json.dumps(): dict keys become strings this way.
QString jsonKey(const QVariant& key);

} // namespace PythonValue
