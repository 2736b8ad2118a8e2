#pragma once

#include "core/Result.h"
#include "scripts/ScriptFinding.h"
#include "scripts/ScriptLanguage.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

class QProcess;
class QTimer;

// ShellCheck (https://www.shellcheck.net) run on a script's text, its diagnostics turned into ScriptFindings with
// positions in the script's QString terms. Only bash and sh scripts are checked; other languages give no findings.
class ShellCheck {
public:
    // The shellcheck program: $OPSDECK_SHELLCHECK when set (tests point it elsewhere), else `shellcheck` on PATH.
    // Empty when there is none.
    static QString executable();
    static bool available();
    // A translated sentence telling how to install ShellCheck.
    static QString installHint();
    // Whether ShellCheck checks scripts of this language at all (bash, sh).
    static bool supports(ScriptLanguage language);
    // Arguments for a check of standard input: `--norc -f json1 -s bash|sh -`. --norc keeps the results independent
    // of the working directory and of the user's ~/.shellcheckrc.
    static QStringList arguments(ScriptLanguage language);

    // Checks `text` synchronously (blocks up to `timeoutMs`): use from a worker thread or the CLI, or use
    // ShellCheckRunner on the GUI thread.
    static Result<ScriptFindings> run(const QString& text, ScriptLanguage language, int timeoutMs = 10000);

    // Turns shellcheck's json1 output for `text` into findings, in shellcheck's order. json1 counts columns in
    // Unicode code points with a tab as one column; findings count UTF-16 code units, so characters outside the
    // BMP shift the columns. A finding that spans lines is underlined to the end of its first line.
    static Result<ScriptFindings> parseJson1(const QByteArray& output, const QString& text);
};

// Runs ShellCheck asynchronously for an editor: check() starts a check and returns at once; starting a new one
// kills the previous process, whose result is never reported. Exactly one of finished() or failed() is emitted for
// the latest generation (unless a newer check() supersedes it). Debouncing is the caller's job.
class ShellCheckRunner : public QObject {
    Q_OBJECT
public:
    explicit ShellCheckRunner(QObject* parent = nullptr);
    ~ShellCheckRunner() override;

    void check(const QString& text, ScriptLanguage language, quint64 generation);
    // Kills a running check without reporting it.
    void cancel();
    bool isRunning() const;
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

signals:
    void finished(quint64 generation, ScriptFindings findings);
    void failed(quint64 generation, QString message);

private:
    void discard(QProcess* process);

    QPointer<QProcess> m_process;
    QTimer* m_timer = nullptr;
    int m_timeoutMs = 10000;
};
