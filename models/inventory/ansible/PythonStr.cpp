#include "PythonStr.h"

#include <limits>

bool PythonStr::isSpace(QChar c)
{
    const char16_t u = c.unicode();
    return u == u' ' || (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x1f) || u == 0x85 || c.isSpace();
}

QStringView PythonStr::strip(QStringView s)
{
    qsizetype b = 0;
    qsizetype e = s.size();
    while (b < e && PythonStr::isSpace(s[b])) {
        ++b;
    }
    while (e > b && PythonStr::isSpace(s[e - 1])) {
        --e;
    }
    return s.mid(b, e - b);
}

bool PythonStr::isLineBreak(char16_t u)
{
    return u == u'\n' || u == u'\r' || u == 0x0b || u == 0x0c || (u >= 0x1c && u <= 0x1e) || u == 0x85 || u == 0x2028
        || u == 0x2029;
}

std::optional<qlonglong> PythonStr::toInt(QStringView text)
{
    const QStringView s = PythonStr::strip(text);
    qsizetype i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == u'+' || s[i] == u'-')) {
        negative = s[i] == u'-';
        ++i;
    }
    if (i >= s.size()) {
        return std::nullopt;
    }
    qlonglong value = 0;
    bool lastDigit = false;
    for (; i < s.size(); ++i) {
        const char16_t c = s[i].unicode();
        if (c >= u'0' && c <= u'9') {
            if (value > (std::numeric_limits<qlonglong>::max() - (c - u'0')) / 10) {
                return std::nullopt;
            }
            value = value * 10 + (c - u'0');
            lastDigit = true;
        } else if (c == u'_' && lastDigit && i + 1 < s.size() && s[i + 1].isDigit()) {
            lastDigit = false;
        } else {
            return std::nullopt;
        }
    }
    return negative ? -value : value;
}
