#include "AnsiText.h"

#include "Theme.h"

#include <QTextCursor>

AnsiText::AnsiText(const QTextCharFormat& base)
    : m_base(base)
    , m_format(base)
{
}

void AnsiText::setBaseFormat(const QTextCharFormat& base)
{
    m_base = base;
    m_format = base;
}

void AnsiText::reset()
{
    m_format = m_base;
    m_pending.clear();
}

QColor AnsiText::standardColor(int index, bool dark)
{
    // Readable on both the light and the dark output background (the classic xterm colours are too dim on one of
    // them).
    static const char* const light[16] = { "#000000", "#b42318", "#1a7f37", "#9a6700", "#0550ae", "#8250df", "#1b7c83",
        "#6e7781", "#57606a", "#cf222e", "#116329", "#7d4e00", "#0969da", "#a475f9", "#3192aa", "#24292f" };
    static const char* const darkc[16] = { "#6e7681", "#ff7b72", "#3fb950", "#d29922", "#58a6ff", "#bc8cff", "#39c5cf",
        "#b1bac4", "#8b949e", "#ffa198", "#56d364", "#e3b341", "#79c0ff", "#d2a8ff", "#56d4dd", "#f0f6fc" };
    return QColor(QLatin1String((dark ? darkc : light)[index & 15]));
}

void AnsiText::applySgr(const QList<int>& params)
{
    const bool dark = Theme::isDark();
    const auto color256 = [&](int n) {
        if (n < 16) {
            return standardColor(n, dark);
        }
        if (n < 232) {
            n -= 16;
            const auto level = [](int v) { return v == 0 ? 0 : 55 + v * 40; };
            return QColor(level(n / 36), level((n / 6) % 6), level(n % 6));
        }
        const int g = 8 + (n - 232) * 10;
        return QColor(g, g, g);
    };
    QList<int> p = params.isEmpty() ? QList<int> { 0 } : params;
    for (int i = 0; i < p.size(); ++i) {
        const int code = p.at(i);
        if (code == 0) {
            m_format = m_base;
        } else if (code == 1) {
            m_format.setFontWeight(QFont::Bold);
        } else if (code == 22) {
            m_format.setFontWeight(m_base.fontWeight());
        } else if (code == 3) {
            m_format.setFontItalic(true);
        } else if (code == 23) {
            m_format.setFontItalic(false);
        } else if (code == 4) {
            m_format.setFontUnderline(true);
        } else if (code == 24) {
            m_format.setFontUnderline(false);
        } else if (code >= 30 && code <= 37) {
            m_format.setForeground(standardColor(code - 30, dark));
        } else if (code >= 90 && code <= 97) {
            m_format.setForeground(standardColor(code - 90 + 8, dark));
        } else if (code == 39) {
            m_format.setForeground(m_base.foreground());
        } else if (code >= 40 && code <= 47) {
            m_format.setBackground(standardColor(code - 40, dark));
        } else if (code >= 100 && code <= 107) {
            m_format.setBackground(standardColor(code - 100 + 8, dark));
        } else if (code == 49) {
            m_format.setBackground(m_base.background());
        } else if ((code == 38 || code == 48) && i + 1 < p.size()) {
            QColor c;
            if (p.at(i + 1) == 5 && i + 2 < p.size()) {
                c = color256(p.at(i + 2));
                i += 2;
            } else if (p.at(i + 1) == 2 && i + 4 < p.size()) {
                c = QColor(p.at(i + 2) & 255, p.at(i + 3) & 255, p.at(i + 4) & 255);
                i += 4;
            } else {
                break;
            }
            if (code == 38) {
                m_format.setForeground(c);
            } else {
                m_format.setBackground(c);
            }
        }
    }
}

void AnsiText::append(QTextCursor& cursor, const QByteArray& chunk)
{
    const QByteArray data = m_pending + chunk;
    m_pending.clear();
    QByteArray text;
    const auto flush = [&] {
        if (!text.isEmpty()) {
            cursor.insertText(QString::fromUtf8(text), m_format);
            text.clear();
        }
    };
    qsizetype i = 0;
    const qsizetype n = data.size();
    while (i < n) {
        const char c = data.at(i);
        if (c == '\x1b') {
            if (i + 1 >= n) {
                m_pending = data.mid(i);
                break;
            }
            if (data.at(i + 1) == '[') {
                qsizetype j = i + 2;
                while (j < n && !(data.at(j) >= 0x40 && data.at(j) <= 0x7e)) {
                    ++j;
                }
                if (j >= n) {
                    m_pending = data.mid(i); // the rest of the escape comes with the next chunk
                    break;
                }
                if (data.at(j) == 'm') {
                    flush();
                    QList<int> params;
                    for (const QByteArray& part : data.mid(i + 2, j - i - 2).split(';')) {
                        params.append(part.isEmpty() ? 0 : part.toInt());
                    }
                    applySgr(params);
                }
                i = j + 1;
                continue;
            }
            if (data.at(i + 1) == ']') { // OSC: up to BEL or ST
                qsizetype j = i + 2;
                while (
                    j < n && data.at(j) != '\x07' && !(data.at(j) == '\x1b' && j + 1 < n && data.at(j + 1) == '\\')) {
                    ++j;
                }
                if (j >= n) {
                    m_pending = data.mid(i);
                    break;
                }
                i = j + (data.at(j) == '\x07' ? 1 : 2);
                continue;
            }
            i += 2;
            continue;
        }
        if (c == '\r') {
            ++i; // carriage returns of progress bars: keep the lines, drop the returns
            continue;
        }
        text.append(c);
        ++i;
    }
    // Keep an incomplete UTF-8 sequence at the end for the next chunk.
    if (m_pending.isEmpty() && !text.isEmpty()) {
        qsizetype k = text.size() - 1;
        int back = 0;
        while (k >= 0 && back < 4 && (uchar(text.at(k)) & 0xC0) == 0x80) {
            --k;
            ++back;
        }
        if (k >= 0) {
            const uchar lead = uchar(text.at(k));
            const int need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
            if (need > back) {
                m_pending = text.mid(k);
                text.truncate(k);
            }
        }
    }
    flush();
}

QByteArray AnsiText::strip(const QByteArray& data)
{
    QByteArray out;
    out.reserve(data.size());
    qsizetype i = 0;
    while (i < data.size()) {
        if (data.at(i) == '\x1b' && i + 1 < data.size() && data.at(i + 1) == '[') {
            qsizetype j = i + 2;
            while (j < data.size() && !(data.at(j) >= 0x40 && data.at(j) <= 0x7e)) {
                ++j;
            }
            i = j + 1;
            continue;
        }
        if (data.at(i) != '\r') {
            out.append(data.at(i));
        }
        ++i;
    }
    return out;
}
