#include "SftpPush.h"

#include "jobs/JobText.h"
#include "ssh/RateLimiter.h"
#include "ssh/RemoteCommand.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRandomGenerator>
#include <QStringList>

#include <libssh/sftp.h>

#include <fcntl.h>

namespace {

constexpr int kPushChunk = 128 * 1024;

QString sshError(ssh_session ssh)
{
    return QString::fromUtf8(ssh_get_error(ssh));
}

struct ExecResult {
    int status = -1;
    QByteArray out;
    QByteArray err;
    QString error;
};

// A short command on the lent, blocking session (sha256sum, chmod/chown/mv).
ExecResult execBlocking(ssh_session ssh, const QString& command)
{
    ExecResult r;
    ssh_channel ch = ssh_channel_new(ssh);
    if (!ch) {
        r.error = sshError(ssh);
        return r;
    }
    const QByteArray cmd = command.toUtf8();
    if (ssh_channel_open_session(ch) != SSH_OK || ssh_channel_request_exec(ch, cmd.constData()) != SSH_OK) {
        r.error = sshError(ssh);
        ssh_channel_free(ch);
        return r;
    }
    ssh_channel_send_eof(ch);
    char buf[4096];
    for (int stream = 0; stream < 2; ++stream) {
        for (;;) {
            const int n = ssh_channel_read(ch, buf, sizeof buf, stream);
            if (n > 0) {
                (stream ? r.err : r.out).append(buf, n);
                continue;
            }
            if (n < 0) {
                r.error = sshError(ssh);
            }
            break;
        }
    }
    if (r.error.isEmpty()) {
        r.status = ssh_channel_get_exit_status(ch);
        if (r.status < 0) {
            r.error = QStringLiteral("no exit status from `%1`").arg(command);
        }
    }
    ssh_channel_close(ch);
    ssh_channel_free(ch);
    return r;
}

QString randomSuffix()
{
    return QString::number(QRandomGenerator::global()->generate(), 16).rightJustified(8, QLatin1Char('0'));
}

} // namespace

Result<QByteArray> SftpPush::content() const
{
    const JobStep& step = work.step;
    if (step.kind() == StepKind::PushFile) {
        const auto& push = std::get<PushFile>(step.action);
        if (!push.contentSha256.isEmpty()) {
            return renderer(host, work); // stored bytes, loaded by the launcher (run() made sure there is one)
        }
        if (push.hasContent || !push.content.isEmpty()) {
            return push.content;
        }
        QFile file(push.sourcePath);
        if (!file.open(QIODevice::ReadOnly)) {
            return Error(QStringLiteral("cannot read %1: %2").arg(push.sourcePath, file.errorString()));
        }
        return file.readAll();
    }
    // run() made sure there is a renderer.
    return renderer(host, work);
}

HostResult SftpPush::run(bool* connectionLost)
{
    ssh_session ssh = this->ssh;
    ssh_set_blocking(ssh, 1);
    struct Restore {
        ssh_session ssh;
        ~Restore() { ssh_set_blocking(ssh, 0); }
    } restore { ssh };
    auto failed = [&](const QString& message) {
        if (!ssh_is_connected(ssh)) {
            *connectionLost = true;
            return HostResult::error(HostStatus::Failed, QStringLiteral("connection lost: %1").arg(message));
        }
        return HostResult::error(HostStatus::Failed, message);
    };
    auto cancelled = [] { return HostResult::error(HostStatus::Cancelled, QStringLiteral("cancelled")); };

    QString dest;
    QString mode;
    QString owner;
    if (work.step.kind() == StepKind::PushFile) {
        const auto& p = std::get<PushFile>(work.step.action);
        dest = p.dest;
        mode = p.mode;
        owner = p.owner;
    } else {
        const auto& p = std::get<PushTemplate>(work.step.action);
        dest = p.dest;
        mode = p.mode;
        owner = p.owner;
    }
    bool modeOk = true;
    const int modeBits = mode.isEmpty() ? -1 : mode.toInt(&modeOk, 8);
    if (dest.isEmpty() || !modeOk || modeBits > 07777) {
        return HostResult::error(HostStatus::Failed,
            dest.isEmpty() ? QStringLiteral("no destination path") : QStringLiteral("invalid mode %1").arg(mode));
    }
    if (SshTransport::needsRenderer(work.step) && !renderer && work.step.kind() == StepKind::PushFile) {
        return HostResult::error(HostStatus::Failed,
            QStringLiteral("cannot push the stored file %1: no content for this job")
                .arg(std::get<PushFile>(work.step.action).contentSha256));
    }
    if (work.step.kind() == StepKind::PushTemplate && !renderer) {
        // The launcher renders; a transport used without one cannot (and must not guess a template context).
        return HostResult::error(HostStatus::Failed,
            QStringLiteral("cannot render template %1: no renderer for this job")
                .arg(std::get<PushTemplate>(work.step.action).templateName));
    }
    const auto readAndHash = [this](QByteArray* into, QByteArray* hash, QString* error) {
        Result<QByteArray> read = content();
        if (!read) {
            *error = read.errorString();
            return;
        }
        *into = *read;
        *hash = QCryptographicHash::hash(*into, QCryptographicHash::Sha256).toHex();
    };
    QByteArray contentBytes;
    QByteArray hash;
    QString contentError;
    if (shared) {
        QMutexLocker lock(&shared->mutex);
        if (!shared->done) {
            readAndHash(&shared->content, &shared->hash, &shared->error);
            shared->done = true;
        }
        contentBytes = shared->content;
        hash = shared->hash;
        contentError = shared->error;
    } else {
        readAndHash(&contentBytes, &hash, &contentError);
    }
    if (!contentError.isEmpty()) {
        return HostResult::error(HostStatus::Failed, contentError);
    }
    const QByteArray* bytes = &contentBytes;
    const QString qDest = RemoteCommand::shellQuote(dest);
    const QString sudo = loginUser == QLatin1String("root") ? QString() : QStringLiteral("sudo -n ");

    // What is there now: checksum, mode, owner (one round trip).
    const ExecResult probe = execBlocking(ssh,
        QStringLiteral("if [ -f %1 ]; then sha256sum < %1 | cut -c1-64 && stat -c '%a %U:%G' -- %1; fi").arg(qDest));
    if (!probe.error.isEmpty()) {
        return failed(QStringLiteral("cannot check %1: %2").arg(dest, probe.error));
    }
    const QStringList lines = QString::fromUtf8(probe.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const bool exists = lines.size() >= 2;
    int remoteMode = -1;
    QString remoteOwner;
    if (exists) {
        const QStringList statParts = lines.at(1).split(QLatin1Char(' '));
        remoteMode = statParts.value(0).toInt(nullptr, 8);
        remoteOwner = statParts.value(1);
    }
    const bool ownerMatches = owner.isEmpty()
        || (owner.contains(QLatin1Char(':')) ? remoteOwner == owner
                                             : remoteOwner.section(QLatin1Char(':'), 0, 0) == owner);
    const bool modeMatches = modeBits < 0 || remoteMode == modeBits;
    if (exists && lines.at(0).toLatin1() == hash) {
        if (modeMatches && ownerMatches) {
            return HostResult::exited(0, QStringLiteral("unchanged"));
        }
        QStringList fix;
        if (!modeMatches) {
            fix << QStringLiteral("chmod %1 -- %2").arg(mode, qDest);
        }
        if (!ownerMatches) {
            fix << sudo + QStringLiteral("chown %1 -- %2").arg(RemoteCommand::shellQuote(owner), qDest);
        }
        const ExecResult r = execBlocking(ssh, fix.join(QLatin1String(" && ")));
        if (r.status != 0) {
            return failed(QStringLiteral("cannot set mode/owner of %1: %2")
                              .arg(dest, r.error.isEmpty() ? QString::fromUtf8(r.err).trimmed() : r.error));
        }
        return HostResult::exited(0, QStringLiteral("unchanged content; mode/owner updated"));
    }
    if (cancel) {
        return cancelled();
    }

    // Write a temporary file next to the destination (same file system), then rename it into place.
    const QString tmp = dest + QLatin1String(".opsdeck-tmp-") + randomSuffix();
    const QByteArray tmpName = tmp.toUtf8();
    sftp_session sftp = sftp_new(ssh);
    if (!sftp) {
        return failed(QStringLiteral("cannot start SFTP: %1").arg(sshError(ssh)));
    }
    if (sftp_init(sftp) != SSH_OK) {
        const QString why = sshError(ssh);
        sftp_free(sftp);
        return failed(QStringLiteral("cannot start SFTP (is the sftp subsystem enabled?): %1").arg(why));
    }
    const int createMode = modeBits >= 0 ? modeBits : (exists ? remoteMode : 0644);
    sftp_file file = sftp_open(sftp, tmpName.constData(), O_WRONLY | O_CREAT | O_EXCL, mode_t(createMode & 0777));
    if (!file) {
        const QString why = sshError(ssh);
        sftp_free(sftp);
        return failed(QStringLiteral("cannot create %1: %2").arg(tmp, why));
    }
    QString writeError;
    bool wasCancelled = false;
    for (qsizetype at = 0; at < bytes->size();) {
        if (cancel) {
            wasCancelled = true;
            break;
        }
        const size_t chunk = size_t(std::min<qsizetype>(bytes->size() - at, kPushChunk));
        if (limiter && !limiter->acquire(qint64(chunk), [this] { return cancel.load(); })) {
            wasCancelled = true;
            break;
        }
        const ssize_t n = sftp_write(file, bytes->constData() + at, chunk);
        if (n <= 0) {
            writeError = sshError(ssh);
            break;
        }
        at += n;
    }
    sftp_close(file);
    if (!writeError.isEmpty() || wasCancelled) {
        if (ssh_is_connected(ssh)) {
            sftp_unlink(sftp, tmpName.constData());
        }
        sftp_free(sftp);
        return wasCancelled ? cancelled() : failed(QStringLiteral("cannot write %1: %2").arg(tmp, writeError));
    }
    sftp_free(sftp);

    // chmod (the umask applied at creation), chown, then rename(2) through `mv -f`: libssh 0.10 has no call for
    // posix-rename@openssh.com, and plain SFTP rename refuses to replace an existing file.
    const QString qTmp = RemoteCommand::shellQuote(tmp);
    QStringList finish;
    finish << QStringLiteral("chmod %1 -- %2").arg(QString::number(createMode, 8), qTmp);
    if (!owner.isEmpty()) {
        finish << sudo + QStringLiteral("chown %1 -- %2").arg(RemoteCommand::shellQuote(owner), qTmp);
    }
    finish << QStringLiteral("mv -f -- %1 %2").arg(qTmp, qDest);
    const ExecResult r = execBlocking(ssh,
        QStringLiteral("{ %1; } || { st=$?; rm -f -- %2; exit $st; }").arg(finish.join(QLatin1String(" && ")), qTmp));
    if (r.status != 0) {
        return failed(QStringLiteral("cannot put %1 in place: %2")
                          .arg(dest, r.error.isEmpty() ? QString::fromUtf8(r.err).trimmed() : r.error));
    }
    return HostResult::exited(0, JobText::make("written (%n byte(s))", bytes->size()));
}
