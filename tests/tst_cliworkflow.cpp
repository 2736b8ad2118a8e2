// `opsdeck-cli workflow …` through the real binary: import (refused with every problem when invalid), list, show,
// export (exactly the YAML), validate (file:line:col for bad YAML, node and field for bad workflows), versions and
// diff; exit codes 0 / 1 / 2 as the other commands.
#include "CliRunner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

const char* const kWorkflow = R"(name: hello
description: Says hello, then waits.
nodes:
  - id: greet
    kind: run-script
    position: [0, 0]
    inline: echo hello
  - id: settle
    kind: wait
    position: [200, 0]
    seconds: 5
edges:
  - from: greet
    to: settle
    kind: success
)";

} // namespace

class TestCliWorkflow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString ws() const { return m_dir.filePath(QStringLiteral("w.opsdeck")); }
    QString write(const QString& name, const QString& text) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        f.write(text.toUtf8());
        return path;
    }
    CliRun cli(QStringList args) const
    {
        args.prepend(ws());
        args.prepend(QStringLiteral("--workspace"));
        args.insert(2, QStringLiteral("workflow"));
        return runCli(args);
    }

private slots:
    void importListShowExport()
    {
        const QString file = write(QStringLiteral("hello.yml"), QString::fromUtf8(kWorkflow));
        CliRun r = cli({ QStringLiteral("import"), file });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.err, QStringLiteral("imported hello (version 1)\n"));
        r = cli({ QStringLiteral("import"), file });
        QCOMPARE(r.code, 0);
        QCOMPARE(r.err, QStringLiteral("unchanged hello (version 1)\n"));

        r = cli({ QStringLiteral("list") });
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QStringLiteral("hello\tv1\t2 nodes\tSays hello, then waits.\n"));
        r = cli({ QStringLiteral("show"), QStringLiteral("hello") });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(
                     QStringLiteral("node greet: run-script\nnode settle: wait\nedge greet -> settle: success\n")),
            qPrintable(r.out));
        r = cli({ QStringLiteral("export"), QStringLiteral("hello") });
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out, QString::fromUtf8(kWorkflow));
    }

    void versionsAndDiff()
    {
        QString text
            = QString::fromUtf8(kWorkflow).replace(QStringLiteral("seconds: 5"), QStringLiteral("seconds: 30"));
        CliRun r = cli({ QStringLiteral("import"), write(QStringLiteral("hello2.yml"), text),
            QStringLiteral("--message"), QStringLiteral("longer wait") });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.err, QStringLiteral("updated hello (version 2)\n"));
        r = cli({ QStringLiteral("versions"), QStringLiteral("hello") });
        QCOMPARE(r.code, 0);
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("1\t")) && lines[0].endsWith(QStringLiteral("\tcreated")));
        QVERIFY(lines[1].startsWith(QStringLiteral("2\t")) && lines[1].endsWith(QStringLiteral("\tlonger wait")));
        r = cli({ QStringLiteral("diff"), QStringLiteral("hello"), QStringLiteral("1"), QStringLiteral("2") });
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("-    seconds: 5\n+    seconds: 30\n")), qPrintable(r.out));
        r = cli(
            { QStringLiteral("export"), QStringLiteral("hello"), QStringLiteral("--version"), QStringLiteral("1") });
        QCOMPARE(r.out, QString::fromUtf8(kWorkflow));
        r = cli({ QStringLiteral("diff"), QStringLiteral("hello"), QStringLiteral("1"), QStringLiteral("9") });
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(QStringLiteral("no version 9")));
        r = cli({ QStringLiteral("diff"), QStringLiteral("hello"), QStringLiteral("1") });
        QCOMPARE(r.code, 2);
    }

    void validateNamesThePlace()
    {
        CliRun r = cli({ QStringLiteral("validate"), write(QStringLiteral("ok.yml"), QString::fromUtf8(kWorkflow)) });
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.endsWith(QStringLiteral("ok.yml: ok (2 nodes, 2 edges)\n")
                                   .replace(QStringLiteral("2 edges"), QStringLiteral("1 edges"))));

        const QString broken = write(QStringLiteral("broken.yml"),
            QStringLiteral("name: x\nnodes:\n  - id: a\n    kind: wait\n    seconds: soon\n"));
        r = cli({ QStringLiteral("validate"), broken });
        QCOMPARE(r.code, 1);
        QCOMPARE(r.err,
            QStringLiteral("opsdeck-cli: %1:5:14: node 'a': field 'seconds': must be a whole number\n").arg(broken));

        QString text = QString::fromUtf8(kWorkflow);
        text.replace(
            QStringLiteral("    kind: success\n"), QStringLiteral("    kind: success\n    when: \"params.env ==\"\n"));
        text.replace(QStringLiteral("seconds: 5"), QStringLiteral("seconds: 0"));
        const QString invalid = write(QStringLiteral("invalid.yml"), text);
        r = cli({ QStringLiteral("validate"), invalid });
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.contains(invalid + QStringLiteral(": node 'settle': field 'seconds': a wait node needs a duration")),
            qPrintable(r.err));
        QVERIFY2(
            r.err.contains(invalid + QStringLiteral(": edge 1 (greet -> settle, success): field 'when': column 14: ")),
            qPrintable(r.err));
        r = cli({ QStringLiteral("import"), invalid });
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains(QStringLiteral("not imported: 2 problem(s)")));

        // A library script the workspace does not have.
        text = QString::fromUtf8(kWorkflow).replace(
            QStringLiteral("inline: echo hello"), QStringLiteral("script: no-such-script"));
        r = cli({ QStringLiteral("validate"), write(QStringLiteral("missing.yml"), text) });
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("node 'greet': field 'script': no script 'no-such-script' in the library")),
            qPrintable(r.err));
    }

    void usageErrors()
    {
        QCOMPARE(cli({ QStringLiteral("frob") }).code, 2);
        QCOMPARE(cli({ QStringLiteral("export") }).code, 2);
        QCOMPARE(cli({ QStringLiteral("show"), QStringLiteral("nope") }).code, 1);
        const CliRun help = cli({ QStringLiteral("--help") });
        QCOMPARE(help.code, 0);
        QVERIFY(help.out.contains(QStringLiteral("workflow validate FILE.yml")));
    }
};

QTEST_GUILESS_MAIN(TestCliWorkflow)
#include "tst_cliworkflow.moc"
