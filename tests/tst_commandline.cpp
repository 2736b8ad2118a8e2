// `opsdeck --help` and `--version` answer without a display: the built binary is run with DISPLAY,
// WAYLAND_DISPLAY and QT_QPA_PLATFORM unset, as over SSH or in a script.
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTest>

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void helpWithoutDisplay();
    void helpAllWithoutDisplay();
    void versionWithoutDisplay();
    void chineseHelpWithoutDisplay();
    void wrongOptionWithoutDisplay();

private:
    struct Outcome {
        int exitCode = -1;
        QProcess::ExitStatus status = QProcess::CrashExit;
        QString out;
        QString err;
    };
    static Outcome run(const QStringList& arguments);
};

TestCommandLine::Outcome TestCommandLine::run(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE" }) {
        env.remove(QLatin1String(name));
    }
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(OPSDECK_GUI_PATH), arguments);
    Outcome o;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return o;
    }
    o.exitCode = process.exitCode();
    o.status = process.exitStatus();
    o.out = QString::fromUtf8(process.readAllStandardOutput());
    o.err = QString::fromUtf8(process.readAllStandardError());
    return o;
}

void TestCommandLine::helpWithoutDisplay()
{
    const Outcome o = run({ QStringLiteral("--help") });
    QCOMPARE(o.status, QProcess::NormalExit);
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QVERIFY2(o.out.contains(QLatin1String("--workspace")), qPrintable(o.out));
    QVERIFY(o.out.contains(QLatin1String("--theme")));
    QVERIFY(o.out.contains(QLatin1String("--screenshot")));
    QVERIFY(!o.err.contains(QLatin1String("display"), Qt::CaseInsensitive));

    const Outcome shortForm = run({ QStringLiteral("-h") });
    QCOMPARE(shortForm.exitCode, 0);
    QVERIFY(shortForm.out.contains(QLatin1String("--workspace")));
}

void TestCommandLine::helpAllWithoutDisplay()
{
    const Outcome o = run({ QStringLiteral("--help-all") });
    QCOMPARE(o.status, QProcess::NormalExit);
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QVERIFY(o.out.contains(QLatin1String("--workspace")));
}

void TestCommandLine::versionWithoutDisplay()
{
    for (const QString& option : { QStringLiteral("--version"), QStringLiteral("-v") }) {
        const Outcome o = run({ option });
        QCOMPARE(o.status, QProcess::NormalExit);
        QVERIFY2(o.exitCode == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("OpsDeck")), qPrintable(o.out));
        QVERIFY2(o.out.contains(QRegularExpression(QStringLiteral("\\d+\\.\\d+\\.\\d+"))), qPrintable(o.out));
    }
}

void TestCommandLine::chineseHelpWithoutDisplay()
{
    // --lang is honoured before the help is printed: the translator loads without a QApplication.
    const Outcome o = run({ QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--help") });
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QVERIFY(o.out.contains(QLatin1String("--workspace")));
    QVERIFY2(o.out.contains(QStringLiteral("工作区")), qPrintable(o.out));
}

void TestCommandLine::wrongOptionWithoutDisplay()
{
    // A wrong option is reported as such, not as "could not connect to display".
    const Outcome o = run({ QStringLiteral("--no-such-option") });
    QCOMPARE(o.status, QProcess::NormalExit);
    QVERIFY(o.exitCode != 0);
    QVERIFY2(o.err.contains(QLatin1String("no-such-option")), qPrintable(o.err));
    QVERIFY(!o.err.contains(QLatin1String("display"), Qt::CaseInsensitive));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
