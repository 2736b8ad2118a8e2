#include "SshTransport.h"

#include "ssh/RemoteCommand.h"
#include "ssh/SshAuth.h"
#include "ssh/SshConfig.h"
#include "ssh/SshRoute.h"
#include "ssh/SshWorker.h"

#include <QDir>
#include <QFileInfo>

#include <libssh/libssh.h>

SshTransport::SshTransport(QObject* parent)
    : SshTransport(Options {}, parent)
{
}

SshTransport::SshTransport(const Options& options, QObject* parent)
    : Transport(parent)
    , m_options(options)
{
    qRegisterMetaType<HostTask>();
    qRegisterMetaType<HostResult>();
    qRegisterMetaType<TaskPhase>();
    qRegisterMetaType<OutputStream>();
    ssh_init();
    m_worker = std::make_unique<SshWorker>(this);
    m_worker->setPoolSize(options.sftpThreads);
    m_worker->start();
}

SshTransport::~SshTransport()
{
    m_worker->shutdown();
    m_worker.reset();
    ssh_finalize();
}

SshTransport::Options SshTransport::options() const
{
    QMutexLocker lock(&m_mutex);
    return m_options;
}

void SshTransport::setOptions(const Options& options)
{
    QMutexLocker lock(&m_mutex);
    m_options = options;
    m_worker->setPoolSize(options.sftpThreads);
}

void SshTransport::setTargets(const QHash<QString, SshTarget>& targets)
{
    QMutexLocker lock(&m_mutex);
    m_targets = targets;
}

void SshTransport::setTarget(const QString& host, const SshTarget& target)
{
    QMutexLocker lock(&m_mutex);
    m_targets.insert(host, target);
}

void SshTransport::setResolver(TargetResolver resolver)
{
    QMutexLocker lock(&m_mutex);
    m_resolver = std::move(resolver);
}

void SshTransport::setTemplateRenderer(TemplateRenderer renderer)
{
    QMutexLocker lock(&m_mutex);
    m_renderer = std::move(renderer);
}

void SshTransport::setJobTargets(
    const QString& jobId, const QHash<QString, SshTarget>& targets, TargetResolver resolver, TemplateRenderer renderer)
{
    auto job = std::make_shared<JobTargets>();
    job->targets = targets;
    job->resolver = std::move(resolver);
    job->renderer = std::move(renderer);
    QMutexLocker lock(&m_mutex);
    m_jobTargets.insert(jobId, std::move(job));
}

void SshTransport::clearJobTargets(const QString& jobId)
{
    QMutexLocker lock(&m_mutex);
    m_jobTargets.remove(jobId);
}

void SshTransport::setHostKeyAsker(HostKeyAsker asker)
{
    QMutexLocker lock(&m_mutex);
    m_asker = std::move(asker);
}

void SshTransport::setPassphraseProvider(PassphraseProvider provider)
{
    QMutexLocker lock(&m_mutex);
    m_passphrases = std::move(provider);
}

std::optional<SshTarget> SshTransport::targetFor(const QString& jobId, const QString& host) const
{
    std::shared_ptr<const JobTargets> job;
    TargetResolver resolver;
    {
        QMutexLocker lock(&m_mutex);
        job = m_jobTargets.value(jobId);
        if (job) {
            if (auto it = job->targets.constFind(host); it != job->targets.constEnd()) {
                return *it;
            }
        }
        if (auto it = m_targets.constFind(host); it != m_targets.constEnd()) {
            return *it;
        }
        resolver = m_resolver;
    }
    // Resolvers run unlocked: they may be slow (an inventory lookup) and must not hold up other jobs' starts.
    if (job && job->resolver) {
        if (auto found = job->resolver(host)) {
            return found;
        }
    }
    if (resolver) {
        return resolver(host);
    }
    return std::nullopt;
}

SshTransport::TemplateRenderer SshTransport::rendererFor(const QString& jobId) const
{
    QMutexLocker lock(&m_mutex);
    if (const std::shared_ptr<const JobTargets> job = m_jobTargets.value(jobId); job && job->renderer) {
        return job->renderer;
    }
    return m_renderer;
}

void SshTransport::start(const HostTask& task, const HostWork& work)
{
    const std::optional<SshTarget> target = targetFor(task.jobId, task.host);
    if (!target) {
        Q_EMIT finished(task,
            HostResult::error(
                HostStatus::Unreachable, QStringLiteral("no SSH address known for host %1").arg(task.host)));
        return;
    }
    SshRoute route;
    QString error;
    const auto lookup = [this, &task](const QString& host) { return targetFor(task.jobId, host); };
    if (!SshRoute::resolve(task.host, *target, *sshConfig(), lookup, &route, &error)) {
        Q_EMIT finished(task, HostResult::error(HostStatus::Unreachable, error));
        return;
    }
    // Only a template push or a stored file needs it; taken now, so that the task keeps its job's renderer even if
    // the job's targets are replaced meanwhile (a retry launched again).
    TemplateRenderer renderer = needsRenderer(work.step) ? rendererFor(task.jobId) : nullptr;
    m_worker->submit(task, work, route, std::move(renderer));
}

std::shared_ptr<const SshConfig> SshTransport::sshConfig() const
{
    QMutexLocker lock(&m_mutex);
    const QString path = m_options.sshConfigPath.isEmpty() ? QDir::homePath() + QLatin1String("/.ssh/config")
                                                           : m_options.sshConfigPath;
    if (path.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0) {
        if (!m_config || m_configPath != path) {
            m_config = std::make_shared<const SshConfig>();
            m_configPath = path;
        }
        return m_config;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    bool reload = !m_config || m_configPath != path;
    if (!reload && now - m_configCheckedMs >= 2000) {
        // Re-read when a file read last time changed, or the configuration appeared.
        for (auto it = m_configStamps.cbegin(); it != m_configStamps.cend() && !reload; ++it) {
            reload = QFileInfo(it.key()).lastModified() != it.value();
        }
        reload = reload || (m_configStamps.isEmpty() && QFileInfo::exists(path));
    }
    if (reload) {
        auto config = std::make_shared<SshConfig>(SshConfig::load(path));
        m_configStamps.clear();
        const QStringList files = config->files();
        for (const QString& file : files) {
            m_configStamps.insert(file, QFileInfo(file).lastModified());
        }
        for (const QString& warning : config->warnings()) {
            qWarning("ssh config: %s", qPrintable(warning));
        }
        m_config = std::move(config);
        m_configPath = path;
    }
    if (reload || now - m_configCheckedMs >= 2000) {
        m_configCheckedMs = now;
    }
    return m_config;
}

QStringList SshTransport::sshConfigWarnings() const
{
    return sshConfig()->warnings();
}

void SshTransport::cancel(const HostTask& task)
{
    m_worker->cancelTask(task);
}

void SshTransport::closeIdle()
{
    m_worker->closeIdle();
}

int SshTransport::sessionCount() const
{
    return m_worker->sessionCount;
}

int SshTransport::connectionCount() const
{
    return m_worker->connectionCount;
}

QString SshTransport::shellQuote(const QString& word)
{
    return RemoteCommand::shellQuote(word);
}

QString SshTransport::scriptCommand(
    const RunScript& script, const QString& account, const QString& loginUser, const QJsonObject& parameters)
{
    return RemoteCommand::scriptCommand(script, account, loginUser, parameters);
}

SshTransport::KeyFile SshTransport::inspectKey(const QString& path)
{
    return SshAuth::inspectKey(path);
}

bool SshTransport::keyOpensWith(const QString& path, const QString& passphrase)
{
    return SshAuth::keyOpensWith(path, passphrase);
}
