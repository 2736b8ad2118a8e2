#include "ShellCheck.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

namespace {

// The 1-based UTF-16 column of the 1-based code-point column `codePoints` in `line`. Columns past the end of the
// line (shellcheck reports "unexpected end of line" one past the last character) stay past it by the same amount.
int utf16Column(QStringView line, int codePoints)
{
    qsizetype unit = 0;
    for (int counted = 1; counted < codePoints; ++counted) {
        if (unit >= line.size()) {
            return static_cast<int>(line.size()) + 1 + (codePoints - counted);
        }
        unit += (line.at(unit).isHighSurrogate() && unit + 1 < line.size() && line.at(unit + 1).isLowSurrogate()) ? 2
                                                                                                                  : 1;
    }
    return static_cast<int>(unit) + 1;
}

ScriptFinding::Severity severityOf(const QString& level)
{
    if (level == QLatin1String("error")) {
        return ScriptFinding::Severity::Error;
    }
    if (level == QLatin1String("warning")) {
        return ScriptFinding::Severity::Warning;
    }
    return ScriptFinding::Severity::Info; // info, style
}

QString processError(QProcess& process, const QString& program)
{
    if (process.error() == QProcess::FailedToStart) {
        return QStringLiteral("could not start %1: %2").arg(program, process.errorString());
    }
    if (process.exitStatus() == QProcess::CrashExit) {
        return QStringLiteral("%1 crashed").arg(program);
    }
    const QString stderrText = QString::fromUtf8(process.readAllStandardError()).trimmed();
    return QStringLiteral("%1 failed (exit code %2)%3")
        .arg(program)
        .arg(process.exitCode())
        .arg(stderrText.isEmpty() ? QString() : QStringLiteral(": ") + stderrText);
}

// shellcheck exits with 0 (no findings) or 1 (findings) after a complete check; anything else is a failure.
Result<ScriptFindings> resultOf(QProcess& process, const QString& text)
{
    if (process.exitStatus() != QProcess::NormalExit || (process.exitCode() != 0 && process.exitCode() != 1)) {
        return Error(QStringLiteral("ShellCheck: ") + processError(process, process.program()));
    }
    return ShellCheck::parseJson1(process.readAllStandardOutput(), text);
}

} // namespace

QString ShellCheck::executable()
{
    const QString configured = qEnvironmentVariable("OPSDECK_SHELLCHECK");
    if (!configured.isEmpty()) {
        if (!configured.contains(QLatin1Char('/'))) {
            return QStandardPaths::findExecutable(configured);
        }
        const QFileInfo info(configured);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(QStringLiteral("shellcheck"));
}

bool ShellCheck::available()
{
    return !executable().isEmpty();
}

QString ShellCheck::installHint()
{
    return QCoreApplication::translate("ShellCheck",
        "ShellCheck is not installed: install it with `apt install shellcheck` to see its findings inline.");
}

bool ShellCheck::supports(ScriptLanguage language)
{
    return language == ScriptLanguage::Bash || language == ScriptLanguage::Sh;
}

QStringList ShellCheck::arguments(ScriptLanguage language)
{
    // json1 (ShellCheck 0.7+) counts a tab as one column, unlike the legacy json format, which expands tabs to
    // multiples of 8.
    return { QStringLiteral("--norc"), QStringLiteral("-f"), QStringLiteral("json1"), QStringLiteral("-s"),
        language == ScriptLanguage::Sh ? QStringLiteral("sh") : QStringLiteral("bash"), QStringLiteral("-") };
}

Result<ScriptFindings> ShellCheck::run(const QString& text, ScriptLanguage language, int timeoutMs)
{
    if (!supports(language)) {
        return ScriptFindings();
    }
    const QString program = executable();
    if (program.isEmpty()) {
        return Error(installHint());
    }
    QProcess process;
    process.start(program, arguments(language));
    if (!process.waitForStarted(timeoutMs)) {
        return Error(QStringLiteral("ShellCheck: ") + processError(process, program));
    }
    process.write(text.toUtf8());
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return Error(QStringLiteral("ShellCheck did not finish within %1 s").arg(timeoutMs / 1000.0));
    }
    return resultOf(process, text);
}

Result<ScriptFindings> ShellCheck::parseJson1(const QByteArray& output, const QString& text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !document.object().value(QStringLiteral("comments")).isArray()) {
        return Error(QStringLiteral("ShellCheck: unexpected output (%1): %2")
                         .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                           : QStringLiteral("no \"comments\" array"),
                             QString::fromUtf8(output.left(200))));
    }
    const QList<QStringView> lines = QStringView(text).split(QLatin1Char('\n'));
    ScriptFindings findings;
    const QJsonArray comments = document.object().value(QStringLiteral("comments")).toArray();
    for (const QJsonValue value : comments) {
        const QJsonObject c = value.toObject();
        const int lineNumber = std::clamp(c.value(QStringLiteral("line")).toInt(1), 1, static_cast<int>(lines.size()));
        const QStringView line = lines.at(lineNumber - 1);
        const int endLine = c.value(QStringLiteral("endLine")).toInt(lineNumber);
        const int column = std::clamp(utf16Column(line, std::max(1, c.value(QStringLiteral("column")).toInt(1))), 1,
            static_cast<int>(line.size()) + 1);
        int endColumn = static_cast<int>(line.size()) + 1; // a multi-line finding: to the end of its first line
        if (endLine <= lineNumber) {
            endColumn = utf16Column(line, std::max(1, c.value(QStringLiteral("endColumn")).toInt(1)));
        }
        ScriptFinding f;
        f.source = ScriptFinding::Source::ShellCheck;
        f.severity = severityOf(c.value(QStringLiteral("level")).toString());
        f.line = lineNumber;
        f.column = column;
        f.length = std::max(1, endColumn - column);
        const QString code = QStringLiteral("SC%1").arg(c.value(QStringLiteral("code")).toInt());
        f.code = code;
        f.message = c.value(QStringLiteral("message")).toString();
        f.url = QStringLiteral("https://www.shellcheck.net/wiki/") + code;
        findings.append(f);
    }
    return findings;
}

ShellCheckRunner::ShellCheckRunner(QObject* parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_process) {
            QProcess* process = m_process;
            const quint64 generation = process->property("generation").toULongLong();
            discard(process);
            emit failed(generation, QStringLiteral("ShellCheck did not finish within %1 s").arg(m_timeoutMs / 1000.0));
        }
    });
}

ShellCheckRunner::~ShellCheckRunner()
{
    // Processes still dying from kill() are children: reap them so that QProcess's destructor does not warn.
    const QList<QProcess*> processes = findChildren<QProcess*>(QString(), Qt::FindDirectChildrenOnly);
    for (QProcess* process : processes) {
        process->disconnect(this);
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(1000);
        }
    }
}

bool ShellCheckRunner::isRunning() const
{
    return !m_process.isNull();
}

void ShellCheckRunner::cancel()
{
    m_timer->stop();
    if (m_process) {
        discard(m_process);
    }
}

void ShellCheckRunner::discard(QProcess* process)
{
    if (m_process == process) {
        m_process = nullptr;
        m_timer->stop();
    }
    process->disconnect(this);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        return;
    }
    // Delete it once it is gone; never wait for it here.
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->kill();
}

void ShellCheckRunner::check(const QString& text, ScriptLanguage language, quint64 generation)
{
    cancel();
    // Results always arrive from the event loop, even when there is nothing to run, so callers see one behaviour.
    if (!ShellCheck::supports(language)) {
        QMetaObject::invokeMethod(
            this, [this, generation] { emit finished(generation, ScriptFindings()); }, Qt::QueuedConnection);
        return;
    }
    const QString program = ShellCheck::executable();
    if (program.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, generation] { emit failed(generation, ShellCheck::installHint()); }, Qt::QueuedConnection);
        return;
    }
    auto* process = new QProcess(this);
    process->setProperty("generation", QVariant::fromValue(generation));
    m_process = process;
    connect(process, &QProcess::finished, this, [this, process, text, generation] {
        if (m_process != process) {
            return;
        }
        m_process = nullptr;
        m_timer->stop();
        Result<ScriptFindings> result = resultOf(*process, text);
        process->deleteLater();
        if (result) {
            emit finished(generation, result.value());
        } else {
            emit failed(generation, result.error().message);
        }
    });
    connect(
        process, &QProcess::errorOccurred, this, [this, process, program, generation](QProcess::ProcessError error) {
            if (m_process != process || error != QProcess::FailedToStart) {
                return; // crashes and kills end in finished()
            }
            m_process = nullptr;
            m_timer->stop();
            const QString message = QStringLiteral("ShellCheck: ") + processError(*process, program);
            process->deleteLater();
            emit failed(generation, message);
        });
    process->start(program, ShellCheck::arguments(language));
    if (m_process != process) {
        return; // failed to start, already reported
    }
    // QProcess buffers what is written before the program has started.
    process->write(text.toUtf8());
    process->closeWriteChannel();
    m_timer->start(m_timeoutMs);
}
