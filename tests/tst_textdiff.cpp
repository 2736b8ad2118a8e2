// TextDiff against GNU diff: `diff -u --label a --label b` is the oracle for the unified text, over random pairs
// with many ambiguous edits (a small alphabet of lines) and the edge cases (empty files, missing final newlines).
#include "core/TextDiff.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Applies a unified diff to `oldText`; returns the new text, or a null string (and a reason) when the patch does
// not fit. Independent of TextDiff so that it can judge both our patches and diff's.
QString applyPatch(const QString& oldText, const QString& patch, QString* why)
{
    QStringList oldLines;
    for (qsizetype start = 0; start < oldText.size();) {
        const qsizetype nl = oldText.indexOf(QLatin1Char('\n'), start);
        const qsizetype end = nl < 0 ? oldText.size() : nl + 1;
        oldLines.append(oldText.mid(start, end - start));
        start = end;
    }
    QStringList patchLines = patch.split(QLatin1Char('\n'));
    if (!patchLines.isEmpty() && patchLines.last().isEmpty()) {
        patchLines.removeLast();
    }
    if (patchLines.isEmpty()) {
        return oldText.isNull() ? QString(QLatin1String("")) : oldText;
    }
    if (patchLines.size() < 2 || !patchLines[0].startsWith(QLatin1String("--- "))
        || !patchLines[1].startsWith(QLatin1String("+++ "))) {
        *why = QStringLiteral("no header");
        return {};
    }
    static const QRegularExpression hunkHeader(QStringLiteral("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@$"));
    QString out;
    int next = 0; // next old line to copy
    qsizetype p = 2;
    while (p < patchLines.size()) {
        const QRegularExpressionMatch m = hunkHeader.match(patchLines[p]);
        if (!m.hasMatch()) {
            *why = QStringLiteral("bad hunk header: ") + patchLines[p];
            return {};
        }
        const int oldCount = m.captured(2).isEmpty() ? 1 : m.captured(2).toInt();
        const int oldStart = m.captured(1).toInt() - (oldCount == 0 ? 0 : 1);
        if (oldStart < next) {
            *why = QStringLiteral("hunks overlap");
            return {};
        }
        for (; next < oldStart; ++next) {
            out += oldLines.value(next);
        }
        ++p;
        // Collect the hunk's lines with their terminators.
        QList<QPair<QChar, QString>> body;
        while (p < patchLines.size() && !patchLines[p].startsWith(QLatin1String("@@"))) {
            const QString& line = patchLines[p];
            if (line.startsWith(QLatin1Char('\\'))) {
                if (body.isEmpty() || !body.last().second.endsWith(QLatin1Char('\n'))) {
                    *why = QStringLiteral("stray no-newline marker");
                    return {};
                }
                body.last().second.chop(1);
            } else {
                body.append({ line.at(0), line.mid(1) + QLatin1Char('\n') });
            }
            ++p;
        }
        int seenOld = 0;
        for (const auto& [kind, text] : body) {
            if (kind == QLatin1Char(' ') || kind == QLatin1Char('-')) {
                if (oldLines.value(next) != text) {
                    *why = QStringLiteral("context mismatch at old line %1").arg(next + 1);
                    return {};
                }
                ++next;
                ++seenOld;
                if (kind == QLatin1Char(' ')) {
                    out += text;
                }
            } else if (kind == QLatin1Char('+')) {
                out += text;
            } else {
                *why = QStringLiteral("bad line kind");
                return {};
            }
        }
        if (seenOld != oldCount) {
            *why = QStringLiteral("hunk old count mismatch");
            return {};
        }
    }
    for (; next < oldLines.size(); ++next) {
        out += oldLines[next];
    }
    return out.isNull() ? QString(QLatin1String("")) : out;
}

int changedLines(const QString& patch)
{
    int count = 0;
    const QStringList lines = patch.split(QLatin1Char('\n'));
    for (qsizetype i = 2; i < lines.size(); ++i) {
        if (lines[i].startsWith(QLatin1Char('-')) || lines[i].startsWith(QLatin1Char('+'))) {
            ++count;
        }
    }
    return count;
}

} // namespace

class TestTextDiff : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void linesScript();
    void sideBySideRows();
    void splitLines();
    void edgeCases_data();
    void edgeCases();
    void randomAgainstGnuDiff_data();
    void randomAgainstGnuDiff();
    void largeInputsAreFast();

private:
    QString gnuDiff(const QString& oldText, const QString& newText, int context);

    QTemporaryDir m_dir;
    QString m_diff;
};

void TestTextDiff::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_diff = QStandardPaths::findExecutable(QStringLiteral("diff"));
    if (m_diff.isEmpty()) {
        QSKIP("GNU diff is not installed");
    }
}

QString TestTextDiff::gnuDiff(const QString& oldText, const QString& newText, int context)
{
    const QString oldPath = m_dir.filePath(QStringLiteral("old"));
    const QString newPath = m_dir.filePath(QStringLiteral("new"));
    for (const auto& [path, text] : { std::pair { oldPath, oldText }, std::pair { newPath, newText } }) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return QStringLiteral("cannot write ") + path;
        }
        file.write(text.toUtf8());
    }
    QProcess diff;
    diff.start(m_diff,
        { QStringLiteral("-U%1").arg(context), QStringLiteral("--label"), QStringLiteral("a"),
            QStringLiteral("--label"), QStringLiteral("b"), oldPath, newPath });
    diff.waitForFinished(10000);
    return QString::fromUtf8(diff.readAllStandardOutput());
}

void TestTextDiff::linesScript()
{
    using Op = TextDiff::DiffOp;
    const QStringList a { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d") };
    const QStringList b { QStringLiteral("a"), QStringLiteral("x"), QStringLiteral("c"), QStringLiteral("d"),
        QStringLiteral("e") };
    const QList<Op> expected { { Op::Equal, 0, 0, 1 }, { Op::Delete, 1, 1, 1 }, { Op::Insert, 2, 1, 1 },
        { Op::Equal, 2, 2, 2 }, { Op::Insert, 4, 4, 1 } };
    QCOMPARE(TextDiff::lines(a, b), expected);
    QCOMPARE(TextDiff::lines({}, {}), QList<Op> {});
    QCOMPARE(TextDiff::lines(a, {}), (QList<Op> { { Op::Delete, 0, 0, 4 } }));
    QCOMPARE(TextDiff::lines({}, a), (QList<Op> { { Op::Insert, 0, 0, 4 } }));
    QCOMPARE(TextDiff::lines(a, a), (QList<Op> { { Op::Equal, 0, 0, 4 } }));
}

void TestTextDiff::sideBySideRows()
{
    using Row = TextDiff::SideBySideRow;
    // Two lines replaced by three, one removed, one added at the end.
    const QStringList a { QStringLiteral("keep"), QStringLiteral("old1"), QStringLiteral("old2"),
        QStringLiteral("same"), QStringLiteral("gone"), QStringLiteral("tail") };
    const QStringList b { QStringLiteral("keep"), QStringLiteral("new1"), QStringLiteral("new2"),
        QStringLiteral("new3"), QStringLiteral("same"), QStringLiteral("tail"), QStringLiteral("added") };
    const QList<Row> expected { { 0, 0, Row::Same }, { 1, 1, Row::Changed }, { 2, 2, Row::Changed },
        { -1, 3, Row::Added }, { 3, 4, Row::Same }, { 4, -1, Row::Removed }, { 5, 5, Row::Same },
        { -1, 6, Row::Added } };
    QCOMPARE(TextDiff::sideBySide(a, b), expected);
}

void TestTextDiff::splitLines()
{
    QCOMPARE(TextDiff::splitLines(QString()), QStringList {});
    QCOMPARE(
        TextDiff::splitLines(QStringLiteral("a\nb\n")), (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(TextDiff::splitLines(QStringLiteral("a\nb")), (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(TextDiff::splitLines(QStringLiteral("\n")), QStringList { QString() });
}

void TestTextDiff::edgeCases_data()
{
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<int>("context");
    const auto s = [](const char* text) { return QString::fromUtf8(text); };
    QTest::newRow("both empty") << s("") << s("") << 3;
    QTest::newRow("identical") << s("a\nb\nc\n") << s("a\nb\nc\n") << 3;
    QTest::newRow("identical no newline") << s("a\nb") << s("a\nb") << 3;
    QTest::newRow("from empty") << s("") << s("x\ny\n") << 3;
    QTest::newRow("to empty") << s("x\ny\n") << s("") << 3;
    QTest::newRow("from empty no newline") << s("") << s("x") << 3;
    QTest::newRow("to empty no newline") << s("x") << s("") << 3;
    QTest::newRow("newline added") << s("a\nb") << s("a\nb\n") << 3;
    QTest::newRow("newline removed") << s("a\nb\n") << s("a\nb") << 3;
    QTest::newRow("both no newline, last differs") << s("a\nb") << s("a\nc") << 3;
    QTest::newRow("old no newline, middle change")
        << s("1\n2\n3\n4\n5\n6\n7\n8\n9") << s("1\n2\nX\n4\n5\n6\n7\n8\n9") << 3;
    QTest::newRow("only newline line") << s("\n") << s("\n\n") << 3;
    QTest::newRow("insert at top") << s("a\nb\nc\nd\ne\n") << s("z\na\nb\nc\nd\ne\n") << 3;
    QTest::newRow("gap of six merges") << s("x\n1\n2\n3\n4\n5\n6\nx\n") << s("y\n1\n2\n3\n4\n5\n6\ny\n") << 3;
    QTest::newRow("gap of seven splits") << s("x\n1\n2\n3\n4\n5\n6\n7\nx\n") << s("y\n1\n2\n3\n4\n5\n6\n7\ny\n") << 3;
    QTest::newRow("context 0 insert") << s("a\nb\nc\n") << s("a\nX\nb\nc\n") << 0;
    QTest::newRow("context 0 delete") << s("a\nb\nc\n") << s("a\nc\n") << 0;
    QTest::newRow("context 0 top insert") << s("a\n") << s("X\na\n") << 0;
    QTest::newRow("context 1") << s("a\nb\nc\nd\ne\nf\n") << s("a\nB\nc\nd\nE\nf\n") << 1;
    QTest::newRow("duplicate line ambiguity") << s("a\nb\n") << s("a\nb\nb\n") << 3;
    QTest::newRow("crlf") << s("a\r\nb\r\n") << s("a\r\nc\r\n") << 3;
    QTest::newRow("utf8") << s("größe\n中文\n🙂\n") << s("größe\n中文字\n🙂\n") << 3;
    QTest::newRow("all changed") << s("a\nb\nc\n") << s("d\ne\nf\n") << 3;
    QTest::newRow("script edit") << s("#!/bin/bash\nset -e\nfor h in $HOSTS; do\n  ssh $h uptime\ndone\n")
                                 << s("#!/bin/bash\nset -euo pipefail\nfor h in \"$HOSTS\"; do\n  ssh \"$h\" "
                                      "uptime\ndone\necho done\n")
                                 << 3;
}

void TestTextDiff::edgeCases()
{
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(int, context);
    const QString ours = TextDiff::unified(oldText, newText, QStringLiteral("a"), QStringLiteral("b"), context);
    QCOMPARE(ours, gnuDiff(oldText, newText, context));
    QString why;
    QCOMPARE(applyPatch(oldText, ours, &why), newText.isNull() ? QString(QLatin1String("")) : newText);
}

void TestTextDiff::randomAgainstGnuDiff_data()
{
    QTest::addColumn<int>("alphabet");
    QTest::addColumn<int>("maxLines");
    QTest::addColumn<int>("context");
    QTest::newRow("3 lines, short") << 3 << 12 << 3;
    QTest::newRow("5 lines") << 5 << 40 << 3;
    QTest::newRow("8 lines, long") << 8 << 120 << 3;
    QTest::newRow("5 lines, context 1") << 5 << 40 << 1;
    QTest::newRow("26 lines, context 0") << 26 << 60 << 0;
}

void TestTextDiff::randomAgainstGnuDiff()
{
    QFETCH(int, alphabet);
    QFETCH(int, maxLines);
    QFETCH(int, context);
    QRandomGenerator rng(quint32(alphabet * 1000 + maxLines * 10 + context));
    const auto randomLine = [&] {
        // Mostly a small alphabet so that lines repeat and alignments are ambiguous; now and then a unique line,
        // which diff sets aside before its search.
        if (rng.bounded(20) == 0) {
            return QStringLiteral("unique %1").arg(rng.generate());
        }
        return QString(QChar(QLatin1Char('a').unicode() + rng.bounded(alphabet)));
    };
    const int pairs = 120;
    int identical = 0;
    QStringList differing;
    for (int n = 0; n < pairs; ++n) {
        QStringList oldLines;
        const int length = rng.bounded(maxLines + 1);
        for (int i = 0; i < length; ++i) {
            oldLines.append(randomLine());
        }
        QStringList newLines;
        if (rng.bounded(8) == 0) {
            for (int i = rng.bounded(maxLines + 1); i > 0; --i) {
                newLines.append(randomLine());
            }
        } else {
            // Edits: keep, delete, replace or insert, line by line.
            for (const QString& line : oldLines) {
                const int what = rng.bounded(10);
                if (what < 6) {
                    newLines.append(line);
                } else if (what == 6) {
                    continue;
                } else if (what == 7) {
                    newLines.append(randomLine());
                } else {
                    newLines.append(line);
                    newLines.append(randomLine());
                }
            }
        }
        QString oldText = oldLines.join(QLatin1Char('\n'));
        QString newText = newLines.join(QLatin1Char('\n'));
        // A final newline on most files, not all.
        if (!oldText.isEmpty() && rng.bounded(6) != 0) {
            oldText += QLatin1Char('\n');
        }
        if (!newText.isEmpty() && rng.bounded(6) != 0) {
            newText += QLatin1Char('\n');
        }

        const QString ours = TextDiff::unified(oldText, newText, QStringLiteral("a"), QStringLiteral("b"), context);
        const QString theirs = gnuDiff(oldText, newText, context);
        QCOMPARE(ours.isEmpty(), theirs.isEmpty());
        if (ours == theirs) {
            ++identical;
            continue;
        }
        // A different but equally good alignment: our patch must produce the new text and change no more lines
        // than diff's.
        QString why;
        const QString applied = applyPatch(oldText, ours, &why);
        if (applied != newText) {
            qWarning().noquote() << "old:\n" << oldText << "\nnew:\n" << newText << "\nours:\n" << ours;
            QFAIL(qPrintable(QStringLiteral("pair %1: our patch does not apply: %2").arg(n).arg(why)));
        }
        QCOMPARE(applyPatch(oldText, theirs, &why), newText); // the checker agrees with diff itself
        QVERIFY2(changedLines(ours) <= changedLines(theirs),
            qPrintable(QStringLiteral("pair %1: ours\n%2theirs\n%3").arg(n).arg(ours, theirs)));
        differing.append(QString::number(n));
        if (qEnvironmentVariableIsSet("TEXTDIFF_SHOW")) {
            qWarning().noquote() << "old:\n"
                                 << oldText << "\nnew:\n"
                                 << newText << "\nours:\n"
                                 << ours << "\ntheirs:\n"
                                 << theirs;
        }
    }
    qInfo("%d of %d byte-identical to GNU diff; others equivalent (%s)", identical, pairs,
        qPrintable(differing.join(QLatin1Char(' '))));
    // Byte identity is the aim; the exceptions are ties that diff breaks by details we do not reproduce.
    QVERIFY2(identical * 100 >= pairs * 90, qPrintable(QStringLiteral("only %1 identical").arg(identical)));
}

void TestTextDiff::largeInputsAreFast()
{
    QRandomGenerator rng(42);
    QStringList a;
    for (int i = 0; i < 10000; ++i) {
        a.append(QStringLiteral("line %1 %2").arg(i).arg(rng.bounded(1000)));
    }
    // Scattered edits in a large file.
    QStringList b = a;
    for (int i = 0; i < 300; ++i) {
        const int at = rng.bounded(int(b.size()));
        if (rng.bounded(2) == 0) {
            b[at] = QStringLiteral("edited %1").arg(i);
        } else {
            b.insert(at, QStringLiteral("inserted %1").arg(i));
        }
    }
    // Two unrelated files over a small alphabet: the worst case for the search (many short matches).
    QStringList c;
    QStringList d;
    for (int i = 0; i < 10000; ++i) {
        c.append(QString::number(rng.bounded(4)));
        d.append(QString::number(rng.bounded(4)));
    }
    const auto check = [this](const QStringList& x, const QStringList& y, const char* what) {
        const QString oldText = x.join(QLatin1Char('\n')) + QLatin1Char('\n');
        const QString newText = y.join(QLatin1Char('\n')) + QLatin1Char('\n');
        QElapsedTimer timer;
        timer.start();
        const QString patch = TextDiff::unified(oldText, newText, QStringLiteral("a"), QStringLiteral("b"));
        const qint64 ms = timer.elapsed();
        qInfo("%s: %lld ms", what, ms);
        // Well under a second in a release build; generous for sanitizer builds on a busy machine.
        QVERIFY2(ms < 5000, what);
        QString why;
        QCOMPARE(applyPatch(oldText, patch, &why), newText);
        // Also where diff's cost cut-off decides the alignment.
        QCOMPARE(patch, gnuDiff(oldText, newText, 3));
    };
    check(a, b, "10k lines, 300 edits");
    check(c, d, "10k lines, unrelated, 4-line alphabet");
}

QTEST_GUILESS_MAIN(TestTextDiff)
#include "tst_textdiff.moc"
