#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Line-based text differences: the edit script between two lists of lines, the unified diff text that GNU
// `diff -u` prints, and aligned rows for a side-by-side view. The algorithm is Myers' O(ND) difference with the
// linear-space middle-snake split, plus the conventions GNU diff layers on top (lines with no counterpart are set
// aside before the search, a cost cut-off for very different inputs, and change groups slid to the same place diff
// slides them), so that our patches read like the ones operators already know: tests/tst_textdiff.cpp checks
// byte identity with GNU diff 3.8 on hundreds of random pairs full of ambiguous edits, and falls back to checking an
// equally short, correct patch where the two could ever disagree. Qt Core only.
namespace TextDiff {

// One run of the edit script. Line numbers are 0-based: where the run starts in the old and in the new list
// (for an Insert, oldLine is where the lines go in the old list; for a Delete, newLine likewise).
struct DiffOp {
    enum Kind { Equal, Delete, Insert };
    Kind kind = Equal;
    int oldLine = 0;
    int newLine = 0;
    int count = 0;
    bool operator==(const DiffOp&) const = default;
};

// One row of a side-by-side view: a line of the old text beside a line of the new one. oldLine/newLine are 0-based,
// -1 where that side has no line (the view shows a filler there).
struct SideBySideRow {
    enum Kind { Same, Changed, Removed, Added };
    int oldLine = -1;
    int newLine = -1;
    Kind kind = Same;
    bool operator==(const SideBySideRow&) const = default;
};

// The edit script turning `a` into `b`: Equal, Delete and Insert runs in order; within a change, the Delete comes
// before the Insert. Runs of one kind are merged; no empty runs.
QList<DiffOp> lines(const QStringList& a, const QStringList& b);

// What `diff -u --label OLDLABEL --label NEWLABEL old new` prints for the two texts, `context` lines around each
// change: empty when the texts are equal, "\ No newline at end of file" after a last line without a newline.
// A last line without a newline differs from the same line with one, as it does for diff.
QString unified(
    const QString& oldText, const QString& newText, const QString& oldLabel, const QString& newLabel, int context = 3);

// Rows for a side-by-side view: within each change, deleted lines are paired with inserted ones as Changed, the
// rest of the longer side are Removed or Added.
QList<SideBySideRow> sideBySide(const QStringList& a, const QStringList& b);

// The lines of a text without their terminators: "a\nb\n" and "a\nb" both give {"a", "b"}; "" gives {}.
QStringList splitLines(const QString& text);

} // namespace TextDiff
