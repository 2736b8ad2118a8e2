// ShellCheck against the real shellcheck program: findings, column conversion (tabs, characters outside the BMP),
// languages it does not check, the asynchronous runner, and a missing, hanging or failing executable.
#include "scripts/ShellCheck.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// The underlined text of a finding.
QString underlined(const QString& text, const ScriptFinding& f)
{
    return text.split(QLatin1Char('\n')).at(f.line - 1).mid(f.column - 1, f.length);
}

const ScriptFinding* findCode(const ScriptFindings& findings, const QString& code)
{
    for (const ScriptFinding& f : findings) {
        if (f.code == code) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace

class TestShellCheck : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void sc2086();
    void tabsCountAsOneColumn();
    void charactersOutsideBmp();
    void cleanScript();
    void dialect();
    void otherLanguagesAreNotChecked();
    void parseJson1();
    void asyncRunnerReportsLatestGeneration();
    void asyncRunnerOtherLanguage();
    void missingExecutable();
    void hangingExecutable();
    void failingExecutable();

private:
    void requireShellCheck();
    QString fakeShellCheck(const QByteArray& script);
    QTemporaryDir m_dir;
};

void TestShellCheck::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    QVERIFY(m_dir.isValid());
}

void TestShellCheck::init()
{
    qunsetenv("OPSDECK_SHELLCHECK");
}

void TestShellCheck::cleanup()
{
    qunsetenv("OPSDECK_SHELLCHECK");
}

void TestShellCheck::requireShellCheck()
{
    if (!ShellCheck::available()) {
        QSKIP("shellcheck is not installed (apt install shellcheck)");
    }
}

QString TestShellCheck::fakeShellCheck(const QByteArray& script)
{
    static int n = 0;
    const QString path = m_dir.filePath(QStringLiteral("fake-shellcheck-%1").arg(++n));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(script) != script.size()) {
        return QString();
    }
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    file.close();
    return path;
}

void TestShellCheck::sc2086()
{
    requireShellCheck();
    const QString text = QStringLiteral("#!/bin/bash\necho $1\n");
    const Result<ScriptFindings> findings = ShellCheck::run(text, ScriptLanguage::Bash);
    QVERIFY2(findings.ok(), qPrintable(findings.errorString()));
    QCOMPARE(findings->size(), 1);
    const ScriptFinding& f = findings->first();
    QCOMPARE(f.source, ScriptFinding::Source::ShellCheck);
    QCOMPARE(f.code, QStringLiteral("SC2086"));
    QCOMPARE(f.url, QStringLiteral("https://www.shellcheck.net/wiki/SC2086"));
    QCOMPARE(f.severity, ScriptFinding::Severity::Info);
    QCOMPARE(f.line, 2);
    QCOMPARE(f.column, 6);
    QCOMPARE(f.length, 2);
    QCOMPARE(underlined(text, f), QStringLiteral("$1"));
    QVERIFY2(f.message.contains(QStringLiteral("Double quote")), qPrintable(f.message));
}

void TestShellCheck::tabsCountAsOneColumn()
{
    requireShellCheck();
    const QString text = QStringLiteral("#!/bin/bash\nif true; then\n\t\techo $1\n\tx=1\nfi\n");
    const Result<ScriptFindings> findings = ShellCheck::run(text, ScriptLanguage::Bash);
    QVERIFY2(findings.ok(), qPrintable(findings.errorString()));
    const ScriptFinding* quote = findCode(*findings, QStringLiteral("SC2086"));
    QVERIFY(quote);
    QCOMPARE(quote->line, 3);
    QCOMPARE(quote->column, 8); // two tabs and "echo " before it, each one column
    QCOMPARE(underlined(text, *quote), QStringLiteral("$1"));
    const ScriptFinding* unused = findCode(*findings, QStringLiteral("SC2034"));
    QVERIFY(unused);
    QCOMPARE(unused->line, 4);
    QCOMPARE(unused->column, 2);
    QCOMPARE(underlined(text, *unused), QStringLiteral("x"));
    QCOMPARE(unused->severity, ScriptFinding::Severity::Warning);
}

void TestShellCheck::charactersOutsideBmp()
{
    requireShellCheck();
    // shellcheck counts code points; the emoji is two UTF-16 code units.
    const QString text = QStringLiteral("#!/bin/bash\nx=\"\U0001F600\u00e9\"; echo \"$x\" $1\n");
    const Result<ScriptFindings> findings = ShellCheck::run(text, ScriptLanguage::Bash);
    QVERIFY2(findings.ok(), qPrintable(findings.errorString()));
    const ScriptFinding* quote = findCode(*findings, QStringLiteral("SC2086"));
    QVERIFY(quote);
    QCOMPARE(underlined(text, *quote), QStringLiteral("$1"));
}

void TestShellCheck::cleanScript()
{
    requireShellCheck();
    const Result<ScriptFindings> findings
        = ShellCheck::run(QStringLiteral("#!/bin/bash\nset -eu\necho \"hello ${1:-world}\"\n"), ScriptLanguage::Bash);
    QVERIFY2(findings.ok(), qPrintable(findings.errorString()));
    QVERIFY(findings->isEmpty());
    const Result<ScriptFindings> empty = ShellCheck::run(QString(), ScriptLanguage::Sh);
    QVERIFY2(empty.ok(), qPrintable(empty.errorString()));
    QVERIFY(empty->isEmpty());
}

void TestShellCheck::dialect()
{
    requireShellCheck();
    // [[ ]] is fine in bash and not POSIX sh: the language, not a shebang, picks the dialect.
    const QString text = QStringLiteral("if [[ -f /etc/hosts ]]; then echo yes; fi\n");
    const Result<ScriptFindings> bash = ShellCheck::run(text, ScriptLanguage::Bash);
    QVERIFY2(bash.ok(), qPrintable(bash.errorString()));
    QVERIFY(bash->isEmpty());
    const Result<ScriptFindings> sh = ShellCheck::run(text, ScriptLanguage::Sh);
    QVERIFY2(sh.ok(), qPrintable(sh.errorString()));
    QVERIFY(!sh->isEmpty());
    QCOMPARE(sh->first().line, 1);
    QCOMPARE(sh->first().column, 4);

    // A syntax error is an error-level finding.
    const Result<ScriptFindings> broken = ShellCheck::run(QStringLiteral("if then\n"), ScriptLanguage::Bash);
    QVERIFY2(broken.ok(), qPrintable(broken.errorString()));
    QVERIFY(!broken->isEmpty());
    QCOMPARE(broken->first().severity, ScriptFinding::Severity::Error);
}

void TestShellCheck::otherLanguagesAreNotChecked()
{
    // Even without shellcheck: nothing to run.
    qputenv("OPSDECK_SHELLCHECK", "/nonexistent/shellcheck");
    for (const ScriptLanguage l : { ScriptLanguage::Python, ScriptLanguage::Perl }) {
        const Result<ScriptFindings> findings = ShellCheck::run(QStringLiteral("import os\necho $1\n"), l);
        QVERIFY2(findings.ok(), qPrintable(findings.errorString()));
        QVERIFY(findings->isEmpty());
    }
    QVERIFY(!ShellCheck::supports(ScriptLanguage::Python));
    QVERIFY(ShellCheck::supports(ScriptLanguage::Sh));
}

void TestShellCheck::parseJson1()
{
    const QString text = QStringLiteral("x=$( \n echo \"a\nb\" $y)\nif then");
    const QByteArray json = R"({"comments":[
        {"file":"-","line":1,"endLine":3,"column":3,"endColumn":8,"level":"style","code":2116,"message":"Useless echo?"},
        {"file":"-","line":4,"endLine":4,"column":8,"endColumn":8,"level":"error","code":1072,"message":"Unexpected"},
        {"file":"-","line":9,"endLine":9,"column":1,"endColumn":2,"level":"warning","code":1000,"message":"past the end"}
    ]})";
    const Result<ScriptFindings> findings = ShellCheck::parseJson1(json, text);
    QVERIFY2(findings.ok(), qPrintable(findings.errorString()));
    QCOMPARE(findings->size(), 3);
    // Spans three lines: underlined to the end of the first.
    QCOMPARE(findings->at(0).line, 1);
    QCOMPARE(findings->at(0).column, 3);
    QCOMPARE(findings->at(0).length, 3);
    QCOMPARE(findings->at(0).severity, ScriptFinding::Severity::Info);
    QCOMPARE(findings->at(0).code, QStringLiteral("SC2116"));
    // Just past the end of the last line, empty range: one character long.
    QCOMPARE(findings->at(1).line, 4);
    QCOMPARE(findings->at(1).column, 8);
    QCOMPARE(findings->at(1).length, 1);
    QCOMPARE(findings->at(1).severity, ScriptFinding::Severity::Error);
    // A line past the end is clamped to the last line.
    QCOMPARE(findings->at(2).line, 4);

    const Result<ScriptFindings> garbage = ShellCheck::parseJson1("In - line 1: oops", text);
    QVERIFY(!garbage.ok());
    QVERIFY(garbage.error().message.contains(QStringLiteral("unexpected output")));
    QVERIFY(!ShellCheck::parseJson1("[]", text).ok());
}

void TestShellCheck::asyncRunnerReportsLatestGeneration()
{
    requireShellCheck();
    ShellCheckRunner runner;
    QSignalSpy finished(&runner, &ShellCheckRunner::finished);
    QSignalSpy failed(&runner, &ShellCheckRunner::failed);
    QString big = QStringLiteral("#!/bin/bash\n");
    for (int i = 0; i < 2000; ++i) {
        big += QStringLiteral("echo $%1 | grep foo | cat\n").arg(i % 9 + 1);
    }
    runner.check(big, ScriptLanguage::Bash, 1);
    QVERIFY(runner.isRunning());
    runner.check(QStringLiteral("echo $1\n"), ScriptLanguage::Bash, 2);
    runner.check(QStringLiteral("#!/bin/sh\necho \"$1\"\n\techo $2\n"), ScriptLanguage::Sh, 3);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(finished.first().at(0).value<quint64>(), quint64(3));
    const auto findings = finished.first().at(1).value<ScriptFindings>();
    QCOMPARE(findings.size(), 1);
    QCOMPARE(findings.first().code, QStringLiteral("SC2086"));
    QCOMPARE(findings.first().line, 3);
    QCOMPARE(findings.first().column, 7);
    QVERIFY(!runner.isRunning());
    // The superseded checks never report.
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(failed.size(), 0);

    // A runner destroyed while a check runs does not report either.
    {
        ShellCheckRunner shortLived;
        QSignalSpy spy(&shortLived, &ShellCheckRunner::finished);
        shortLived.check(big, ScriptLanguage::Bash, 7);
    }
}

void TestShellCheck::asyncRunnerOtherLanguage()
{
    ShellCheckRunner runner;
    QSignalSpy finished(&runner, &ShellCheckRunner::finished);
    runner.check(QStringLiteral("print('hi')\n"), ScriptLanguage::Python, 5);
    QCOMPARE(finished.size(), 0); // never synchronously
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).value<quint64>(), quint64(5));
    QVERIFY(finished.first().at(1).value<ScriptFindings>().isEmpty());
}

void TestShellCheck::missingExecutable()
{
    qputenv("OPSDECK_SHELLCHECK", "/nonexistent");
    QVERIFY(!ShellCheck::available());
    QVERIFY(ShellCheck::executable().isEmpty());
    QVERIFY(ShellCheck::installHint().contains(QStringLiteral("apt install shellcheck")));
    const Result<ScriptFindings> findings = ShellCheck::run(QStringLiteral("echo $1\n"), ScriptLanguage::Bash);
    QVERIFY(!findings.ok());
    QCOMPARE(findings.error().message, ShellCheck::installHint());

    ShellCheckRunner runner;
    QSignalSpy failed(&runner, &ShellCheckRunner::failed);
    runner.check(QStringLiteral("echo $1\n"), ScriptLanguage::Bash, 9);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).value<quint64>(), quint64(9));
    QCOMPARE(failed.first().at(1).toString(), ShellCheck::installHint());

    // A program name without a slash is looked up on PATH.
    qputenv("OPSDECK_SHELLCHECK", "sh");
    QVERIFY(ShellCheck::available());
}

void TestShellCheck::hangingExecutable()
{
    const QString fake = fakeShellCheck("#!/bin/sh\nexec sleep 30\n");
    QVERIFY(!fake.isEmpty());
    qputenv("OPSDECK_SHELLCHECK", fake.toLocal8Bit());
    QElapsedTimer timer;
    timer.start();
    const Result<ScriptFindings> findings = ShellCheck::run(QStringLiteral("echo\n"), ScriptLanguage::Bash, 300);
    QVERIFY(!findings.ok());
    QVERIFY2(findings.error().message.contains(QStringLiteral("did not finish")), qPrintable(findings.errorString()));
    QVERIFY(timer.elapsed() < 10000);

    ShellCheckRunner runner;
    runner.setTimeout(300);
    QSignalSpy failed(&runner, &ShellCheckRunner::failed);
    runner.check(QStringLiteral("echo\n"), ScriptLanguage::Bash, 4);
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).value<quint64>(), quint64(4));
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("did not finish")));
}

void TestShellCheck::failingExecutable()
{
    const QString fake = fakeShellCheck("#!/bin/sh\ncat >/dev/null\necho 'invalid option --norc' >&2\nexit 3\n");
    QVERIFY(!fake.isEmpty());
    qputenv("OPSDECK_SHELLCHECK", fake.toLocal8Bit());
    const Result<ScriptFindings> findings = ShellCheck::run(QStringLiteral("echo\n"), ScriptLanguage::Bash);
    QVERIFY(!findings.ok());
    QVERIFY2(findings.error().message.contains(QStringLiteral("exit code 3")), qPrintable(findings.errorString()));
    QVERIFY2(
        findings.error().message.contains(QStringLiteral("invalid option --norc")), qPrintable(findings.errorString()));

    ShellCheckRunner runner;
    QSignalSpy failed(&runner, &ShellCheckRunner::failed);
    runner.check(QStringLiteral("echo\n"), ScriptLanguage::Bash, 6);
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("exit code 3")));
}

QTEST_GUILESS_MAIN(TestShellCheck)
#include "tst_shellcheck.moc"
