#pragma once

#include "core/Result.h"
#include "inventory/ansible/YamlValueReader.h"

#include <QByteArray>
#include <QString>
#include <QVariant>

class InventoryBuilder;

// The yaml inventory plugin (plugins/inventory/yaml.py): groups with their hosts, vars and children, as Ansible
// accepts and refuses them, plus OpsDeck's "# opsdeck:" group comments (yaml-cpp drops comments, so they are found
// in the text).
class YamlInventoryReader {
public:
    YamlInventoryReader(InventoryBuilder& b, const QString& file);
    // Reads one file's text through the yaml plugin. Success: it was a YAML inventory, now in the builder. An
    // error with *fallBack set: the yaml plugin refused the file in a way that lets the ini plugin try next (the
    // error is worth showing if that fails too); without it, the file is YAML and wrong.
    Result<void> read(const QByteArray& data, bool* fallBack);

private:
    Result<void> parse(const YAML::Node& root);
    Result<QString> parseGroup(const QVariant& key, const YAML::Node& keyNode, const YAML::Node& data);
    Result<void> parseHost(int group, const YamlValueReader::Entry& e);

    InventoryBuilder& m_b;
    YamlValueReader m_r;
};
