#pragma once

#include "jinja/Value.h"

// JSON and YAML text of template values exactly as Python's json.dumps and PyYAML's yaml.dump print them (the
// forms behind the tojson, to_json, to_nice_json, to_yaml and to_nice_yaml filters).
namespace Jinja {

class Interpreter;

struct JsonOptions {
    int indent = -1; // < 0: one line
    bool sortKeys = false;
    bool ensureAscii = true;
    QString itemSeparator; // empty: Python's default for the indent mode
    QString keySeparator;
};

QString toJson(Interpreter& interp, const Value& value, const JsonOptions& options);

struct YamlOptions {
    int indent = 2;
    bool defaultFlowStyleNone = true; // yaml.dump default_flow_style=None; false for to_nice_yaml
    int width = 80;
    bool sortKeys = true;
};

QString toYaml(Interpreter& interp, const Value& value, const YamlOptions& options);

} // namespace Jinja
