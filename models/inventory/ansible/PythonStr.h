#pragma once

#include <QChar>
#include <QStringView>
#include <optional>

// Python's str methods as the inventory plugins rely on them, where Qt's differ (which characters are spaces or
// line breaks, what int() accepts).
namespace PythonStr {

// str.isspace() for the characters that matter (str.strip() in the ini plugin).
bool isSpace(QChar c);
// str.strip().
QStringView strip(QStringView s);
// A line break of str.splitlines(): \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029.
bool isLineBreak(char16_t u);
// int(str): surrounding whitespace, an optional sign, digits with single underscores between them; nullopt where
// Python raises (or beyond 64 bits).
std::optional<qlonglong> toInt(QStringView text);

} // namespace PythonStr
