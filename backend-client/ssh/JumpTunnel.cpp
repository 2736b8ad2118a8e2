#include "JumpTunnel.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

int JumpTunnel::onData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user)
{
    auto* t = static_cast<JumpTunnel*>(user);
    if (isStderr) {
        return int(len); // a direct-tcpip channel has no stderr
    }
    // Take only what fits: the rest stays in libssh's channel buffer and holds back the SSH window.
    const qsizetype take = std::clamp<qsizetype>(kBuffer - t->m_toSocket.size(), 0, qsizetype(len));
    t->m_toSocket.append(static_cast<const char*>(data), take);
    if (take < qsizetype(len)) {
        t->m_stalled = true;
    }
    return int(take);
}

void JumpTunnel::onEof(ssh_session, ssh_channel, void* user)
{
    static_cast<JumpTunnel*>(user)->m_channelEof = true;
}

void JumpTunnel::attachCallbacks()
{
    ssh_callbacks_init(&m_callbacks);
    m_callbacks.userdata = this;
    m_callbacks.channel_data_function = &JumpTunnel::onData;
    m_callbacks.channel_eof_function = &JumpTunnel::onEof;
    m_callbacks.channel_close_function = &JumpTunnel::onEof;
    ssh_set_channel_callbacks(channel, &m_callbacks);
    // What the far end sent before the callbacks were there — its SSH banner often comes in the same read as the
    // channel's open confirmation — sits in libssh's channel buffer, and no callback will ever announce it: the
    // first pump reads it (as after a stall). Without this, a tunnelled host could wait for a banner it had got.
    m_stalled = true;
}

short JumpTunnel::pollEvents() const
{
    if (fd < 0) {
        return 0;
    }
    short events = 0;
    if (!m_toSocket.isEmpty()) {
        events |= POLLOUT;
    }
    if (!m_socketEof && !fdReadable && m_toChannel.size() < kBuffer) {
        events |= POLLIN;
    }
    return events;
}

void JumpTunnel::close(bool jumpSessionAlive)
{
    // The channel belongs to the jump host's session, which outlives its riders' tunnels (failRiders runs first).
    if (channel && jumpSessionAlive) {
        ssh_remove_channel_callbacks(channel, &m_callbacks);
        if (open && ssh_channel_is_open(channel)) {
            ssh_channel_close(channel);
        }
        ssh_channel_free(channel);
    }
    channel = nullptr;
    if (fd >= 0) {
        ::close(fd);
        fd = -1;
    }
}

bool JumpTunnel::pump()
{
    JumpTunnel& t = *this;
    bool progress = false;
    char buffer[32 * 1024];
    for (int round = 0; round < 64; ++round) {
        bool moved = false;
        // Far end → the tunnelled session: data libssh held back while we had no room first.
        if (t.m_stalled && t.m_toSocket.size() < kBuffer) {
            const uint32_t room = uint32_t(std::min<qsizetype>(kBuffer - t.m_toSocket.size(), sizeof buffer));
            const int n = ssh_channel_read_nonblocking(t.channel, buffer, room, 0);
            if (n > 0) {
                t.m_toSocket.append(buffer, n);
                moved = true;
            } else {
                t.m_stalled = false; // empty (or EOF/error, which the callbacks and the session report)
            }
        }
        if (!t.m_toSocket.isEmpty()) {
            const ssize_t n = ::send(t.fd, t.m_toSocket.constData(), size_t(t.m_toSocket.size()), MSG_NOSIGNAL);
            if (n > 0) {
                t.m_toSocket.remove(0, n);
                moved = true;
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                t.m_toSocket.clear(); // the tunnelled session is gone; its own step reports that
                t.m_socketEof = true;
            }
        }
        if (t.m_channelEof && !t.m_stalled && t.m_toSocket.isEmpty() && !t.m_shutWr) {
            ::shutdown(t.fd, SHUT_WR); // the tunnelled session reads EOF: its connection is over
            t.m_shutWr = true;
            moved = true;
        }
        // The tunnelled session → far end.
        if (t.fdReadable && !t.m_socketEof && t.m_toChannel.size() < kBuffer) {
            const size_t room = size_t(std::min<qsizetype>(kBuffer - t.m_toChannel.size(), sizeof buffer));
            const ssize_t n = ::read(t.fd, buffer, room);
            if (n > 0) {
                t.m_toChannel.append(buffer, n);
                moved = true;
            } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
                t.m_socketEof = true;
                moved = true;
            } else {
                t.fdReadable = false;
            }
        }
        if (!t.m_toChannel.isEmpty() && !t.m_channelEof) {
            // Never more than the window: a write beyond it would wait for a window adjust.
            const uint32_t window = ssh_channel_window_size(t.channel);
            const uint32_t chunk
                = uint32_t(std::min<qsizetype>({ t.m_toChannel.size(), qsizetype(window), 32 * 1024 }));
            if (chunk > 0) {
                const int n = ssh_channel_write(t.channel, t.m_toChannel.constData(), chunk);
                if (n > 0) {
                    t.m_toChannel.remove(0, n);
                    moved = true;
                } else if (n == SSH_ERROR) {
                    t.m_toChannel.clear();
                    t.m_channelEof = true;
                    moved = true;
                } // SSH_AGAIN (the jump host's socket is full): the bytes stay, the next pump tries again
            }
        } else if (t.m_channelEof) {
            t.m_toChannel.clear();
        }
        if (t.m_socketEof && t.m_toChannel.isEmpty() && !t.m_eofSent && !t.m_channelEof) {
            ssh_channel_send_eof(t.channel);
            t.m_eofSent = true;
            moved = true;
        }
        if (!moved) {
            break;
        }
        progress = true;
    }
    return progress;
}
