#pragma once

#include "jobs/Transport.h"
#include "ssh/SshTransport.h"

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <atomic>
#include <memory>

#include <libssh/libssh.h>

class RateLimiter;

// A file or template push to one host, run in blocking mode on a pool thread with the host's authenticated session
// lent to it (libssh 0.10's SFTP is far better blocking; a session is only ever used by one thread at a time): the
// content (a file's bytes, or the template as the job's renderer renders it for this host), a checksum and
// mode/owner probe, then an SFTP write of a temporary file renamed into place (docs/ssh.md).
class SftpPush {
public:
    // The content of a file push and its SHA-256, read and hashed by the first of the job's pushes and shared by
    // the others in flight (a template is rendered per host instead).
    struct SharedContent {
        QMutex mutex;
        bool done = false;
        QByteArray content;
        QByteArray hash;
        QString error;
    };

    ssh_session ssh = nullptr;
    int fd = -1; // the session's socket: shut down to unblock the push when the transport goes away
    QString host;
    QString loginUser;
    HostWork work;
    std::atomic<bool> cancel { false };
    std::shared_ptr<RateLimiter> limiter; // the job's bandwidth limit, shared by its pushes; null = none
    std::shared_ptr<SharedContent> shared; // a file push: the file read and hashed once for all hosts
    SshTransport::TemplateRenderer renderer; // a template push: the job's (the transport moves bytes only)

    // Runs on the pool thread. `connectionLost`: the session died (the worker then fails it and what is queued).
    HostResult run(bool* connectionLost);

private:
    Result<QByteArray> content() const;
};
