#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// The languages a script can be written in. The language picks the interpreter the script is fed to on the host
// and the editor's lexer.
enum class ScriptLanguage { Bash, Sh, Python, Perl };

namespace ScriptLanguages {
// "bash", "sh", "python", "perl" (stored in the workspace, used on the command line).
QString name(ScriptLanguage language);
std::optional<ScriptLanguage> fromName(const QString& name);
// The interpreter command run on the host with the script on standard input: "bash", "sh", "python3", "perl".
QString interpreter(ScriptLanguage language);
// File extension for export, without dot: "sh" for bash and sh, "py", "pl".
QString extension(ScriptLanguage language);
// Language of a file: from its shebang line first (#!/bin/bash, #!/usr/bin/env python3, #!/usr/bin/perl -w …),
// then from its extension (.sh .bash .py .pl .pm); nullopt when neither says.
std::optional<ScriptLanguage> detect(const QString& fileName, const QByteArray& content);
// Why `content` cannot be a script, or an empty string when it can: scripts are UTF-8 text. Binary content (a NUL
// byte) and invalid UTF-8 are refused with a reason that names the line and byte ("line 3: byte 0xff at offset 41
// is not valid UTF-8"). A UTF-8 byte-order mark is accepted (and stripped by decode()).
QString refusalReason(const QByteArray& content);
// The text of valid content (BOM stripped, CRLF kept as is).
QString decode(const QByteArray& content);
} // namespace ScriptLanguages
