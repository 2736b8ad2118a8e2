#pragma once

#include <QByteArray>
#include <QColor>
#include <QTextCharFormat>

class QTextCursor;

// Terminal output with ANSI colour escapes (SGR: bold, the 8/16 standard colours, 256-colour and true-colour
// foregrounds and backgrounds, reset) shown in a QTextDocument. Other escape sequences (cursor movement, titles)
// are dropped, as a log viewer does. The state carries over between chunks, so a colour set in one output event
// applies to the next; an escape split across chunks is kept until its end arrives.
class AnsiText {
public:
    // `base` is the format for uncoloured text (font, default colour); `palette16` are the 16 standard colours.
    explicit AnsiText(const QTextCharFormat& base = {});

    void setBaseFormat(const QTextCharFormat& base);
    void append(QTextCursor& cursor, const QByteArray& chunk);
    void reset();

    // The text without escapes (grouping, search, copying).
    static QByteArray strip(const QByteArray& data);
    static QColor standardColor(int index, bool dark);

private:
    void applySgr(const QList<int>& params);

    QTextCharFormat m_base;
    QTextCharFormat m_format;
    QByteArray m_pending; // an unfinished escape or UTF-8 sequence from the previous chunk
};
