#pragma once

#include "jobs/Transport.h"
#include "ssh/SshTransport.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QString>
#include <memory>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

class SftpPush;

// One task of the engine on a host's session: a script run on an exec channel (its stdin fed from the script, its
// output, EOF, exit status and signal recorded by channel callbacks, so nothing is lost to whichever libssh call
// consumed a packet), or a push while the session is lent to a pool thread. Worker thread only.
class SshTask {
public:
    enum class Phase { Queued, Opening, Exec, Running, Lent };

    SshTask() = default;
    SshTask(const SshTask&) = delete;
    SshTask& operator=(const SshTask&) = delete;

    // Once `channel` is created: its data, EOF, close, exit status and exit signal come to this task.
    void attachCallbacks();
    // Closes and frees the channel (if any).
    void freeChannel();
    // The outcome once the server closed the channel: cancelled, the exit status, or the signal that killed it.
    HostResult outcome() const;

    HostTask id;
    HostWork work;
    SshTransport::TemplateRenderer renderer; // the job's, for a template push
    Phase phase = Phase::Queued;
    ssh_channel channel = nullptr;
    QByteArray command;
    QByteArray input;
    qsizetype written = 0;
    bool eofSent = false;
    QByteArray out;
    QByteArray err;
    bool remoteEof = false;
    bool remoteClosed = false;
    int exitStatus = -1;
    QString exitSignal;
    bool cancelled = false;
    bool killSent = false;
    bool killChannelStarted = false;
    // The login shell announces its PID (= the process group sshd made for the command) as the first stderr line
    // (RemoteCommand::announcingPid); it is stripped from the output and used to kill the group on cancel.
    bool pidParsed = false;
    QByteArray pidLine;
    qint64 remotePid = 0;
    bool reported = false;
    QDeadlineTimer killDeadline;
    std::shared_ptr<SftpPush> push;

private:
    static int onData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user);
    static void onEof(ssh_session, ssh_channel, void* user);
    static void onClose(ssh_session, ssh_channel, void* user);
    static void onExitStatus(ssh_session, ssh_channel, int status, void* user);
    static void onExitSignal(ssh_session, ssh_channel, const char* signal, int, const char*, const char*, void* user);

    ssh_channel_callbacks_struct m_callbacks {};
};
