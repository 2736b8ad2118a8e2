#pragma once

#include "jobs/JobSpec.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// The command lines the transport sends to a host's login shell: a script step's interpreter line (account, job
// parameters), the PID announcement that makes a cancel able to kill the command's process group, and that kill.
// Every word is shell-quoted here, so nothing else builds a remote command by hand.
class RemoteCommand {
public:
    // `INTERPRETER -s -- ARGS` (`python3 - ARGS`, `perl - ARGS`), through `sudo -n -u ACCOUNT --` when the account
    // differs from the login user, and `env NAME=VALUE` for the job's scalar parameters with a shell-safe name.
    static QString scriptCommand(
        const RunScript& script, const QString& account, const QString& loginUser, const QJsonObject& parameters = {});
    // POSIX shell quoting: safe words stay as they are, anything else is single-quoted.
    static QString shellQuote(const QString& word);
    // What the channel execs for a command: the login shell announces its PID (sshd made it a session leader, so
    // it is the process group of everything the command starts) as the first stderr line, then becomes the command.
    static QByteArray announcingPid(const QString& command);
    // The stderr line announcingPid() makes the shell print first, up to the PID.
    static constexpr const char* kPidPrefix = "opsdeck-pid ";
    // Kills the process group announced as `pid`: the group first (the shell and everything it started), the
    // process itself if that fails, and through sudo when the command runs as another account.
    static QString killProcessGroup(qint64 pid);
};
