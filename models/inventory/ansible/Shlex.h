#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>
#include <optional>

// Python's shlex as the ini plugin uses it on a host line, and the quoting that makes the writer's tokens read back.
namespace Shlex {

// shlex.split(line, comments=True) in POSIX mode (utils/shlex.py shlex_split; Python's shlex.read_token); nullopt
// with *error set on a quoting error.
std::optional<QStringList> split(QStringView s, QString* error = nullptr);
// Single-quotes a token for shlex unless it is plainly safe.
QString quote(const QString& token);

} // namespace Shlex
