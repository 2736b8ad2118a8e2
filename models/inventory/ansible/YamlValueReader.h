#pragma once

#include "core/Result.h"

#include <QString>
#include <QVariant>
#include <vector>
#include <yaml-cpp/yaml.h>

// YAML nodes (from yaml-cpp, which keeps mapping order as Ansible's dicts do) as the values Ansible's loader makes
// of them: scalars typed as PyYAML (YAML 1.1) types them, or as json.loads() does when the file is JSON; merge
// keys applied; duplicate keys resolved as a Python dict does. Shared by the yaml plugin and the vars files.
struct YamlValueReader {
    QString file;
    bool json = false; // the file is JSON: Ansible's loader reads it with json.loads(), which types numbers so

    SourceLocation where(const YAML::Node& n) const;
    QVariant scalar(const YAML::Node& n) const;
    Result<QVariant> value(const YAML::Node& n, int depth = 0) const;

    struct Entry {
        QVariant key;
        YAML::Node keyNode;
        YAML::Node value;
    };

    // A mapping's entries in document order, duplicate keys resolved as a Python dict does (first position,
    // last value).
    std::vector<Entry> entries(const YAML::Node& map) const;
    bool isNone(const YAML::Node& n) const;
    bool isMapOrNone(const YAML::Node& n) const;
    bool isString(const YAML::Node& n) const;
    QString typeName(const YAML::Node& n) const;
};
