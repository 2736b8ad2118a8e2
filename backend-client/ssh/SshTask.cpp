#include "SshTask.h"

#include "ssh/RemoteCommand.h"
#include "ssh/SftpPush.h"

#include <cstring>

int SshTask::onData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user)
{
    auto* t = static_cast<SshTask*>(user);
    const char* bytes = static_cast<const char*>(data);
    if (isStderr && !t->pidParsed) {
        t->pidLine.append(bytes, qsizetype(len));
        const qsizetype nl = t->pidLine.indexOf('\n');
        if (nl < 0 && t->pidLine.size() < 64) {
            return int(len);
        }
        t->pidParsed = true;
        const QByteArray line = nl < 0 ? QByteArray() : t->pidLine.left(nl);
        if (line.startsWith(RemoteCommand::kPidPrefix)) {
            t->remotePid = line.mid(qsizetype(std::strlen(RemoteCommand::kPidPrefix))).toLongLong();
            t->err.append(t->pidLine.mid(nl + 1));
        } else {
            t->err.append(t->pidLine); // not our line (an unusual login shell): keep everything
        }
        t->pidLine.clear();
        return int(len);
    }
    (isStderr ? t->err : t->out).append(bytes, qsizetype(len));
    return int(len);
}

void SshTask::onEof(ssh_session, ssh_channel, void* user)
{
    static_cast<SshTask*>(user)->remoteEof = true;
}

void SshTask::onClose(ssh_session, ssh_channel, void* user)
{
    static_cast<SshTask*>(user)->remoteClosed = true;
}

void SshTask::onExitStatus(ssh_session, ssh_channel, int status, void* user)
{
    static_cast<SshTask*>(user)->exitStatus = status;
}

void SshTask::onExitSignal(ssh_session, ssh_channel, const char* signal, int, const char*, const char*, void* user)
{
    static_cast<SshTask*>(user)->exitSignal = QString::fromLatin1(signal ? signal : "?");
}

void SshTask::attachCallbacks()
{
    ssh_callbacks_init(&m_callbacks);
    m_callbacks.userdata = this;
    m_callbacks.channel_data_function = &SshTask::onData;
    m_callbacks.channel_eof_function = &SshTask::onEof;
    m_callbacks.channel_close_function = &SshTask::onClose;
    m_callbacks.channel_exit_status_function = &SshTask::onExitStatus;
    m_callbacks.channel_exit_signal_function = &SshTask::onExitSignal;
    ssh_set_channel_callbacks(channel, &m_callbacks);
}

void SshTask::freeChannel()
{
    if (!channel) {
        return;
    }
    ssh_remove_channel_callbacks(channel, &m_callbacks);
    if (ssh_channel_is_open(channel)) {
        ssh_channel_close(channel);
    }
    ssh_channel_free(channel);
    channel = nullptr;
}

HostResult SshTask::outcome() const
{
    if (cancelled) {
        return HostResult::error(HostStatus::Cancelled,
            exitSignal.isEmpty() ? QStringLiteral("cancelled")
                                 : QStringLiteral("cancelled: remote process killed (SIG%1)").arg(exitSignal));
    }
    if (exitStatus >= 0) {
        return HostResult::exited(exitStatus);
    }
    if (!exitSignal.isEmpty()) {
        return HostResult::error(HostStatus::Failed, QStringLiteral("killed by signal SIG%1").arg(exitSignal));
    }
    return HostResult::error(HostStatus::Failed, QStringLiteral("the remote command ended without an exit status"));
}
