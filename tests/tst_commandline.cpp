// `opsdeck --help` and `--version` answer without a display: the built binary is run with DISPLAY,
// WAYLAND_DISPLAY and QT_QPA_PLATFORM unset, as over SSH or in a script.
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class TestCommandLine : public QObject {
    Q_OBJECT
private slots:
    void helpWithoutDisplay();
    void helpAllWithoutDisplay();
    void versionWithoutDisplay();
    void chineseHelpWithoutDisplay();
    void wrongOptionWithoutDisplay();
    void workspaceAsTheOnlyArgument();

private:
    struct Outcome {
        int exitCode = -1;
        QProcess::ExitStatus status = QProcess::CrashExit;
        QString out;
        QString err;
    };
    // `home` not empty: on the offscreen platform, with settings and data under `home`.
    static Outcome run(const QStringList& arguments, const QString& home = {});
};

TestCommandLine::Outcome TestCommandLine::run(const QStringList& arguments, const QString& home)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE" }) {
        env.remove(QLatin1String(name));
    }
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    if (!home.isEmpty()) {
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    }
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

// What a file manager runs when a workspace file is double-clicked (the desktop file's `opsdeck %f`): the file is
// opened (here created with the demo inventory, and a screenshot taken so that the window quits); two files, or a
// file and --workspace, are refused with a message.
void TestCommandLine::workspaceAsTheOnlyArgument()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("double-clicked.opsdeck"));
    const QString shot = dir.filePath(QStringLiteral("shot.png"));
    const Outcome o = run({ path, QStringLiteral("--screenshot"), shot }, dir.path());
    QVERIFY2(o.exitCode == 0, qPrintable(o.err));
    QVERIFY(QFileInfo::exists(path));
    QVERIFY(QFileInfo::exists(shot));

    const Outcome two = run({ path, dir.filePath(QStringLiteral("other.opsdeck")) }, dir.path());
    QCOMPARE(two.exitCode, 2);
    QVERIFY2(two.err.contains(QLatin1String("one workspace file")), qPrintable(two.err));
    const Outcome both = run({ QStringLiteral("--workspace"), path, path }, dir.path());
    QCOMPARE(both.exitCode, 2);
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("other.opsdeck"))));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
