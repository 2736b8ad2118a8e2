#pragma once

#include <QByteArray>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

// The transport of a session behind a jump host: a direct-tcpip channel on the jump host's session, pumped by the
// worker to and from one end of a socketpair whose other end is the tunnelled session's socket (SSH_OPTIONS_FD).
// Data from the channel is taken by a callback only while `toSocket` has room; the rest stays in libssh's channel
// buffer, whose SSH window then stops the sender (back-pressure); the other way, no more is written to the channel
// than its window admits, and the socket is not read while `toChannel` is full. Worker thread only.
class JumpTunnel {
public:
    static constexpr qsizetype kBuffer = 256 * 1024; // per direction, beyond the SSH window and socket buffers

    JumpTunnel() = default;
    JumpTunnel(const JumpTunnel&) = delete;
    JumpTunnel& operator=(const JumpTunnel&) = delete;

    // Once the channel is open: its data and EOF come to this tunnel through callbacks (and what came before them is
    // read by the next pump).
    void attachCallbacks();
    // What the poll loop waits for on `fd` (0: nothing now).
    short pollEvents() const;
    // Moves data both ways until nothing moves; true when anything did.
    bool pump();
    // Frees the channel (when the jump host's session still exists: it owns the channel) and our socket end.
    void close(bool jumpSessionAlive);

    ssh_channel channel = nullptr; // on the jump host's session
    bool open = false;
    int fd = -1; // our end of the socketpair
    bool fdReadable = false;

private:
    static int onData(ssh_session, ssh_channel, void* data, uint32_t len, int isStderr, void* user);
    static void onEof(ssh_session, ssh_channel, void* user);

    ssh_channel_callbacks_struct m_callbacks {};
    QByteArray m_toSocket; // from the channel, not yet written to fd
    QByteArray m_toChannel; // read from fd, not yet accepted by the channel
    bool m_stalled = false; // libssh holds channel data we had no room for
    bool m_socketEof = false; // the tunnelled session closed its side
    bool m_channelEof = false; // the far end closed its side
    bool m_eofSent = false;
    bool m_shutWr = false;
};
