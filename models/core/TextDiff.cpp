#include "TextDiff.h"

#include <QHash>
#include <algorithm>
#include <limits>
#include <vector>

namespace {

// Change flags for one side, with a false sentinel before the first and after the last line so that the
// boundary-sliding loops need no range checks.
class Flags {
public:
    explicit Flags(int size)
        : m_flags(size_t(size) + 2, 0)
    {
    }
    char& operator[](int i) { return m_flags[size_t(i + 1)]; }
    char operator[](int i) const { return m_flags[size_t(i + 1)]; }

private:
    std::vector<char> m_flags;
};

// Myers' linear-space O(ND) search ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b): find
// the middle snake of a shortest edit script from both ends at once, split there, recurse. Works on the lines that
// survived discarding; marks the changed ones in the full-file flags through the index maps.
class MiddleSnakeSearch {
public:
    MiddleSnakeSearch(const std::vector<int>& x, const std::vector<int>& y, const std::vector<int>& xIndex,
        const std::vector<int>& yIndex, Flags& xChanged, Flags& yChanged)
        : m_x(x)
        , m_y(y)
        , m_xIndex(xIndex)
        , m_yIndex(yIndex)
        , m_xChanged(xChanged)
        , m_yChanged(yChanged)
        , m_offset(int(y.size()) + 1)
        , m_forward(x.size() + y.size() + 3)
        , m_backward(x.size() + y.size() + 3)
    {
        // Past this many edit steps in one split, give up on minimality and split at the furthest-reaching
        // diagonal: roughly the square root of the input size, at least 4096 (as GNU diff does), so that very
        // different large inputs stay fast while ordinary edits are still minimal.
        int cost = 1;
        for (size_t n = x.size() + y.size() + 3; n != 0; n >>= 2) {
            cost <<= 1;
        }
        m_tooExpensive = std::max(4096, cost);
    }

    void run() { compare(0, int(m_x.size()), 0, int(m_y.size()), false); }

private:
    struct Split {
        int xMid = 0;
        int yMid = 0;
        bool loMinimal = true;
        bool hiMinimal = true;
    };

    void compare(int xOff, int xLim, int yOff, int yLim, bool findMinimal)
    {
        while (xOff < xLim && yOff < yLim && m_x[size_t(xOff)] == m_y[size_t(yOff)]) {
            ++xOff;
            ++yOff;
        }
        while (xOff < xLim && yOff < yLim && m_x[size_t(xLim - 1)] == m_y[size_t(yLim - 1)]) {
            --xLim;
            --yLim;
        }
        if (xOff == xLim) {
            for (int j = yOff; j < yLim; ++j) {
                m_yChanged[m_yIndex[size_t(j)]] = 1;
            }
        } else if (yOff == yLim) {
            for (int i = xOff; i < xLim; ++i) {
                m_xChanged[m_xIndex[size_t(i)]] = 1;
            }
        } else {
            const Split split = middleSnake(xOff, xLim, yOff, yLim, findMinimal);
            compare(xOff, split.xMid, yOff, split.yMid, split.loMinimal);
            compare(split.xMid, xLim, split.yMid, yLim, split.hiMinimal);
        }
    }

    // Diagonal k holds the points with x - y == k. fdv[k] is the furthest x reached on k going forward from
    // (xOff, yOff); bdv[k] the smallest x reached going backward from (xLim, yLim).
    Split middleSnake(int xOff, int xLim, int yOff, int yLim, bool findMinimal)
    {
        constexpr int unreachedBackward = std::numeric_limits<int>::max();
        // Raw pointers: this is the hot loop, and unoptimised (debug, sanitizer) builds do not inline accessors.
        int* const fdv = m_forward.data() + m_offset;
        int* const bdv = m_backward.data() + m_offset;
        const int* const xv = m_x.data();
        const int* const yv = m_y.data();
        const int dMin = xOff - yLim;
        const int dMax = xLim - yOff;
        const int fMid = xOff - yOff;
        const int bMid = xLim - yLim;
        int fMin = fMid;
        int fMax = fMid;
        int bMin = bMid;
        int bMax = bMid;
        // When the two searches start on diagonals of different parity they meet in a forward step, else in a
        // backward one.
        const bool odd = ((fMid - bMid) & 1) != 0;
        fdv[fMid] = xOff;
        bdv[bMid] = xLim;

        for (int cost = 1;; ++cost) {
            // One more edit step forward on every active diagonal.
            if (fMin > dMin) {
                fdv[--fMin - 1] = -1;
            } else {
                ++fMin;
            }
            if (fMax < dMax) {
                fdv[++fMax + 1] = -1;
            } else {
                --fMax;
            }
            for (int d = fMax; d >= fMin; d -= 2) {
                const int below = fdv[d - 1];
                const int above = fdv[d + 1];
                const int x0 = below < above ? above : below + 1;
                int x = x0;
                int y = x0 - d;
                while (x < xLim && y < yLim && xv[x] == yv[y]) {
                    ++x;
                    ++y;
                }
                fdv[d] = x;
                if (odd && bMin <= d && d <= bMax && bdv[d] <= x) {
                    return { x, y, true, true };
                }
            }

            // And one backward.
            if (bMin > dMin) {
                bdv[--bMin - 1] = unreachedBackward;
            } else {
                ++bMin;
            }
            if (bMax < dMax) {
                bdv[++bMax + 1] = unreachedBackward;
            } else {
                --bMax;
            }
            for (int d = bMax; d >= bMin; d -= 2) {
                const int below = bdv[d - 1];
                const int above = bdv[d + 1];
                const int x0 = below < above ? below : above - 1;
                int x = x0;
                int y = x0 - d;
                while (xOff < x && yOff < y && xv[x - 1] == yv[y - 1]) {
                    --x;
                    --y;
                }
                bdv[d] = x;
                if (!odd && fMin <= d && d <= fMax && x <= fdv[d]) {
                    return { x, y, true, true };
                }
            }

            if (findMinimal || cost < m_tooExpensive) {
                continue;
            }
            // Too expensive: split at whichever search got further along its diagonals; the half it covered is
            // minimal, the other half is searched again without the guarantee.
            int fxyBest = -1;
            int fxBest = 0;
            for (int d = fMax; d >= fMin; d -= 2) {
                int x = std::min(fdv[d], xLim);
                int y = x - d;
                if (yLim < y) {
                    x = yLim + d;
                    y = yLim;
                }
                if (fxyBest < x + y) {
                    fxyBest = x + y;
                    fxBest = x;
                }
            }
            int bxyBest = std::numeric_limits<int>::max();
            int bxBest = 0;
            for (int d = bMax; d >= bMin; d -= 2) {
                int x = std::max(xOff, bdv[d]);
                int y = x - d;
                if (y < yOff) {
                    x = yOff + d;
                    y = yOff;
                }
                if (x + y < bxyBest) {
                    bxyBest = x + y;
                    bxBest = x;
                }
            }
            if ((xLim + yLim) - bxyBest < fxyBest - (xOff + yOff)) {
                return { fxBest, fxyBest - fxBest, true, false };
            }
            return { bxBest, bxyBest - bxBest, false, true };
        }
    }

    const std::vector<int>& m_x;
    const std::vector<int>& m_y;
    const std::vector<int>& m_xIndex;
    const std::vector<int>& m_yIndex;
    Flags& m_xChanged;
    Flags& m_yChanged;
    int m_offset;
    std::vector<int> m_forward;
    std::vector<int> m_backward;
    int m_tooExpensive = 4096;
};

// Lines of one side that cannot or should not take part in the search, as GNU diff decides it: a line that never
// occurs on the other side is certainly changed (1); a line that occurs there very often is a candidate (2) that is
// only set aside inside a run of certain ones, where matching it would just produce noise. Setting such lines
// aside keeps the search small for mostly rewritten files.
std::vector<char> discardable(const std::vector<int>& lines, int begin, int end, const QHash<int, int>& otherCounts)
{
    const int length = end - begin;
    std::vector<char> discard(size_t(std::max(length, 0)), 0);
    int many = 5;
    for (int t = length / 64; (t >>= 2) > 0;) {
        many *= 2;
    }
    for (int i = 0; i < length; ++i) {
        const int matches = otherCounts.value(lines[size_t(begin + i)], 0);
        if (matches == 0) {
            discard[size_t(i)] = 1;
        } else if (matches > many) {
            discard[size_t(i)] = 2;
        }
    }

    const auto at = [&discard](int i) -> char& { return discard[size_t(i)]; };
    for (int i = 0; i < length; ++i) {
        if (at(i) == 2) {
            at(i) = 0; // a candidate outside a run of certain discards stays
            continue;
        }
        if (at(i) == 0) {
            continue;
        }
        // A run of discardable lines that starts with a certain one: trim candidates off its end.
        int j = i;
        int candidates = 0;
        for (; j < length && at(j) != 0; ++j) {
            if (at(j) == 2) {
                ++candidates;
            }
        }
        while (j > i && at(j - 1) == 2) {
            at(--j) = 0;
            --candidates;
        }
        const int run = j - i;
        if (candidates * 4 > run) {
            // Too many candidates in the run: keep them all.
            while (j > i) {
                if (at(--j) == 2) {
                    at(j) = 0;
                }
            }
        } else {
            // Keep any stretch of `minimum` or more candidates (about the square root of run/4): such a stretch
            // may be a real match.
            int minimum = 1;
            for (int t = run >> 2; (t >>= 2) > 0;) {
                minimum <<= 1;
            }
            ++minimum;
            int consecutive = 0;
            for (int k = 0; k < run; ++k) {
                if (at(i + k) != 2) {
                    consecutive = 0;
                } else if (minimum == ++consecutive) {
                    k -= consecutive; // back to the stretch's start to keep all of it
                } else if (minimum < consecutive) {
                    at(i + k) = 0;
                }
            }
            // Near both ends of the run, keep candidates up to three certain lines in a row (or the first certain
            // one eight lines in): the run's edges are where real matches continue.
            consecutive = 0;
            for (int k = 0; k < run; ++k) {
                if (k >= 8 && at(i + k) == 1) {
                    break;
                }
                if (at(i + k) == 2) {
                    consecutive = 0;
                    at(i + k) = 0;
                } else if (at(i + k) == 0) {
                    consecutive = 0;
                } else {
                    ++consecutive;
                }
                if (consecutive == 3) {
                    break;
                }
            }
            i += run - 1;
            consecutive = 0;
            for (int k = 0; k < run; ++k) {
                if (k >= 8 && at(i - k) == 1) {
                    break;
                }
                if (at(i - k) == 2) {
                    consecutive = 0;
                    at(i - k) = 0;
                } else if (at(i - k) == 0) {
                    consecutive = 0;
                } else {
                    ++consecutive;
                }
                if (consecutive == 3) {
                    break;
                }
            }
        }
    }
    return discard;
}

// Equal lines next to a change group make its place ambiguous ("a b" -> "a b b": which b was added?). Slide each
// group as far up as it goes, merging with groups it touches, then as far down as it goes; finally move it back up
// to line up with a change on the other side if it passed one. This gives diff's choice: changes as late as
// possible, but deletions and insertions kept together.
void slideGroups(const std::vector<int>& lines, Flags& changed, const Flags& otherChanged)
{
    const int n = int(lines.size());
    const auto same = [&lines](int a, int b) { return lines[size_t(a)] == lines[size_t(b)]; };
    int i = 0;
    int j = 0; // the other side's line that corresponds to line i
    for (;;) {
        while (i < n && !changed[i]) {
            while (otherChanged[j++]) { }
            ++i;
        }
        if (i == n) {
            break;
        }
        int start = i;
        while (changed[++i]) { }
        while (otherChanged[j]) {
            ++j;
        }
        int runLength = 0;
        int corresponding = n;
        do {
            runLength = i - start;
            while (start > 0 && same(start - 1, i - 1)) {
                changed[--start] = 1;
                changed[--i] = 0;
                while (changed[start - 1]) {
                    --start;
                }
                while (otherChanged[--j]) { }
            }
            // The last place the group's end touched a change on the other side (n: none).
            corresponding = otherChanged[j - 1] ? i : n;
            while (i != n && same(start, i)) {
                changed[start++] = 0;
                changed[i++] = 1;
                while (changed[i]) {
                    ++i;
                }
                while (otherChanged[++j]) {
                    corresponding = i;
                }
            }
        } while (runLength != i - start);
        while (corresponding < i) {
            changed[--start] = 1;
            changed[--i] = 0;
            while (otherChanged[--j]) { }
        }
    }
}

// Marks the changed lines of a and b: lines with no counterpart set aside, the rest searched, groups slid.
void markChanges(const std::vector<int>& a, const std::vector<int>& b, Flags& aChanged, Flags& bChanged)
{
    QHash<int, int> aCounts;
    QHash<int, int> bCounts;
    for (const int line : a) {
        ++aCounts[line];
    }
    for (const int line : b) {
        ++bCounts[line];
    }
    const std::vector<char> aDiscard = discardable(a, 0, int(a.size()), bCounts);
    const std::vector<char> bDiscard = discardable(b, 0, int(b.size()), aCounts);
    std::vector<int> x;
    std::vector<int> y;
    std::vector<int> xIndex;
    std::vector<int> yIndex;
    for (int i = 0; i < int(a.size()); ++i) {
        if (aDiscard[size_t(i)]) {
            aChanged[i] = 1;
        } else {
            x.push_back(a[size_t(i)]);
            xIndex.push_back(i);
        }
    }
    for (int j = 0; j < int(b.size()); ++j) {
        if (bDiscard[size_t(j)]) {
            bChanged[j] = 1;
        } else {
            y.push_back(b[size_t(j)]);
            yIndex.push_back(j);
        }
    }
    MiddleSnakeSearch(x, y, xIndex, yIndex, aChanged, bChanged).run();
    slideGroups(a, aChanged, bChanged);
    slideGroups(b, bChanged, aChanged);
}

// The full analysis on line identities (equal ints are equal lines): the edit script as runs.
// A common head and tail are matched as they are and only the middle is analysed, plus `horizon` lines of head and
// tail on either side of it. Change groups slide only within that range: this is where GNU diff puts a change
// that could go into the common head or tail, and diff's horizon is its context size.
QList<TextDiff::DiffOp> analyse(const std::vector<int>& a, const std::vector<int>& b, int horizon)
{
    const int n = int(a.size());
    const int m = int(b.size());
    Flags aChanged(n);
    Flags bChanged(m);

    int head = 0;
    while (head < n && head < m && a[size_t(head)] == b[size_t(head)]) {
        ++head;
    }
    int tail = 0;
    while (tail < n - head && tail < m - head && a[size_t(n - 1 - tail)] == b[size_t(m - 1 - tail)]) {
        ++tail;
    }
    if (head < n - tail || head < m - tail) {
        const int first = head - std::min(head, horizon);
        const int skippedTail = tail - std::min(tail, horizon);
        const std::vector<int> x(a.begin() + first, a.end() - skippedTail);
        const std::vector<int> y(b.begin() + first, b.end() - skippedTail);
        Flags xChanged(int(x.size()));
        Flags yChanged(int(y.size()));
        markChanges(x, y, xChanged, yChanged);
        for (int i = 0; i < int(x.size()); ++i) {
            aChanged[first + i] = xChanged[i];
        }
        for (int j = 0; j < int(y.size()); ++j) {
            bChanged[first + j] = yChanged[j];
        }
    }

    QList<TextDiff::DiffOp> ops;
    const auto append = [&ops](TextDiff::DiffOp::Kind kind, int oldLine, int newLine, int count) {
        if (count == 0) {
            return;
        }
        if (!ops.isEmpty() && ops.last().kind == kind) {
            ops.last().count += count;
            return;
        }
        ops.append({ kind, oldLine, newLine, count });
    };
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && !aChanged[i] && !bChanged[j]) {
            append(TextDiff::DiffOp::Equal, i, j, 1);
            ++i;
            ++j;
            continue;
        }
        int deleted = 0;
        while (i + deleted < n && aChanged[i + deleted]) {
            ++deleted;
        }
        int inserted = 0;
        while (j + inserted < m && bChanged[j + inserted]) {
            ++inserted;
        }
        if (deleted == 0 && inserted == 0) {
            // Unreachable with consistent flags; never loop forever on a bug.
            deleted = n - i;
            inserted = m - j;
        }
        append(TextDiff::DiffOp::Delete, i, j, deleted);
        append(TextDiff::DiffOp::Insert, i + deleted, j, inserted);
        i += deleted;
        j += inserted;
    }
    return ops;
}

// Line identities for two lists: equal strings get equal ints.
template <typename Key>
void identify(const QList<Key>& a, const QList<Key>& b, std::vector<int>& x, std::vector<int>& y)
{
    QHash<Key, int> ids;
    const auto id = [&ids](const Key& key) {
        const auto it = ids.constFind(key);
        if (it != ids.constEnd()) {
            return *it;
        }
        const int next = int(ids.size());
        ids.insert(key, next);
        return next;
    };
    x.reserve(size_t(a.size()));
    for (const Key& line : a) {
        x.push_back(id(line));
    }
    y.reserve(size_t(b.size()));
    for (const Key& line : b) {
        y.push_back(id(line));
    }
}

// Lines with their terminator: a last line without "\n" is a different line from the same text with one.
QStringList splitKeepingNewlines(const QString& text)
{
    QStringList lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
        if (nl < 0) {
            lines.append(text.mid(start));
            break;
        }
        lines.append(text.mid(start, nl - start + 1));
        start = nl + 1;
    }
    return lines;
}

void appendLine(QString& out, QChar prefix, const QString& line)
{
    out += prefix;
    out += line;
    if (!line.endsWith(QLatin1Char('\n'))) {
        out += QLatin1String("\n\\ No newline at end of file\n");
    }
}

// diff's range notation: "START,COUNT", just "START" for one line, and for no lines "BEFORE,0" where BEFORE is the
// line the range follows (0 at the top).
QString range(int first, int count)
{
    if (count == 0) {
        return QString::number(first) + QLatin1String(",0");
    }
    if (count == 1) {
        return QString::number(first + 1);
    }
    return QString::number(first + 1) + QLatin1Char(',') + QString::number(count);
}

} // namespace

namespace TextDiff {

QList<DiffOp> lines(const QStringList& a, const QStringList& b)
{
    std::vector<int> x;
    std::vector<int> y;
    identify(a, b, x, y);
    return analyse(x, y, 0);
}

QString unified(
    const QString& oldText, const QString& newText, const QString& oldLabel, const QString& newLabel, int context)
{
    context = std::max(context, 0);
    const QStringList a = splitKeepingNewlines(oldText);
    const QStringList b = splitKeepingNewlines(newText);
    std::vector<int> x;
    std::vector<int> y;
    identify(a, b, x, y);
    const QList<DiffOp> ops = analyse(x, y, context);

    // Change groups: a Delete and/or an Insert at one place.
    struct Group {
        int oldLine;
        int newLine;
        int deleted;
        int inserted;
    };
    QList<Group> groups;
    for (const DiffOp& op : ops) {
        if (op.kind == DiffOp::Equal) {
            continue;
        }
        if (!groups.isEmpty() && op.kind == DiffOp::Insert
            && groups.last().oldLine + groups.last().deleted == op.oldLine && groups.last().inserted == 0) {
            groups.last().inserted = op.count;
            continue;
        }
        if (op.kind == DiffOp::Delete) {
            groups.append({ op.oldLine, op.newLine, op.count, 0 });
        } else {
            groups.append({ op.oldLine, op.newLine, 0, op.count });
        }
    }
    if (groups.isEmpty()) {
        return {};
    }

    QString out = QLatin1String("--- ") + oldLabel + QLatin1String("\n+++ ") + newLabel + QLatin1Char('\n');
    qsizetype g = 0;
    while (g < groups.size()) {
        // A hunk takes the following groups while the unchanged gap between them is at most twice the context:
        // their context lines would touch or overlap.
        qsizetype last = g;
        while (last + 1 < groups.size()
            && groups[last + 1].oldLine - (groups[last].oldLine + groups[last].deleted) <= 2 * context) {
            ++last;
        }
        const int oldFirst = std::max(0, groups[g].oldLine - context);
        const int newFirst = std::max(0, groups[g].newLine - context);
        const int oldEnd = std::min(int(a.size()), groups[last].oldLine + groups[last].deleted + context);
        const int newEnd = std::min(int(b.size()), groups[last].newLine + groups[last].inserted + context);
        out += QLatin1String("@@ -") + range(oldFirst, oldEnd - oldFirst) + QLatin1String(" +")
            + range(newFirst, newEnd - newFirst) + QLatin1String(" @@\n");
        int i = oldFirst;
        for (qsizetype k = g; k <= last; ++k) {
            const Group& group = groups[k];
            for (; i < group.oldLine; ++i) {
                appendLine(out, QLatin1Char(' '), a[i]);
            }
            for (int d = 0; d < group.deleted; ++d) {
                appendLine(out, QLatin1Char('-'), a[group.oldLine + d]);
            }
            for (int s = 0; s < group.inserted; ++s) {
                appendLine(out, QLatin1Char('+'), b[group.newLine + s]);
            }
            i = group.oldLine + group.deleted;
        }
        for (; i < oldEnd; ++i) {
            appendLine(out, QLatin1Char(' '), a[i]);
        }
        g = last + 1;
    }
    return out;
}

QList<SideBySideRow> sideBySide(const QStringList& a, const QStringList& b)
{
    const QList<DiffOp> ops = lines(a, b);
    QList<SideBySideRow> rows;
    rows.reserve(std::max(a.size(), b.size()));
    for (qsizetype k = 0; k < ops.size(); ++k) {
        const DiffOp& op = ops[k];
        if (op.kind == DiffOp::Equal) {
            for (int c = 0; c < op.count; ++c) {
                rows.append({ op.oldLine + c, op.newLine + c, SideBySideRow::Same });
            }
            continue;
        }
        if (op.kind == DiffOp::Delete) {
            const bool paired = k + 1 < ops.size() && ops[k + 1].kind == DiffOp::Insert;
            const int inserted = paired ? ops[k + 1].count : 0;
            const int both = std::min(op.count, inserted);
            for (int c = 0; c < both; ++c) {
                rows.append({ op.oldLine + c, ops[k + 1].newLine + c, SideBySideRow::Changed });
            }
            for (int c = both; c < op.count; ++c) {
                rows.append({ op.oldLine + c, -1, SideBySideRow::Removed });
            }
            for (int c = both; c < inserted; ++c) {
                rows.append({ -1, ops[k + 1].newLine + c, SideBySideRow::Added });
            }
            if (paired) {
                ++k;
            }
            continue;
        }
        for (int c = 0; c < op.count; ++c) {
            rows.append({ -1, op.newLine + c, SideBySideRow::Added });
        }
    }
    return rows;
}

QStringList splitLines(const QString& text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
    }
    return lines;
}

} // namespace TextDiff
