#include "JobLauncher.h"

#include "inventory/ansible/AnsibleVault.h"

#include "jinja/Template.h"
#include "ssh/SshTransport.h"
#include "templates/TemplatePreview.h"

#include <QCoreApplication>
#include <QDir>

JobLauncher::JobLauncher(SshTransport* transport, InventorySource inventory, LaunchQuestions* questions)
    : m_transport(transport)
    , m_inventory(std::move(inventory))
    , m_questions(questions)
{
    if (m_transport && m_questions) {
        m_transport->setHostKeyAsker(
            [questions = m_questions](const SshTransport::HostKeyQuestion& q, std::function<void(bool)> answer) {
                questions->unknownHostKey(q, std::move(answer));
            });
    }
    if (m_transport) {
        m_transport->setPassphraseProvider([cache = m_passphrases](const QString& file) -> std::optional<QString> {
            QMutexLocker lock(&cache->mutex);
            if (const auto it = cache->byFile.constFind(file); it != cache->byFile.constEnd()) {
                return *it;
            }
            return std::nullopt;
        });
    }
}

JobLauncher::~JobLauncher() = default;

QHash<QString, SshTarget> JobLauncher::targetsFor(const Inventory& inventory, const QStringList& hosts)
{
    return targetsFor(inventory, hosts, [hosts](const QString&) {
        return TemplatePreview::PlayNames { hosts, hosts, {} };
    });
}

QHash<QString, SshTarget> JobLauncher::targetsFor(const Inventory& inventory, const QStringList& hosts,
    const std::function<TemplatePreview::PlayNames(const QString&)>& playOf)
{
    QHash<QString, SshTarget> targets;
    // groups and hostvars are shared by every host's context and built only if a template reads them.
    const auto fleet = std::make_shared<const TemplatePreview::FleetNames>(inventory);
    for (const QString& name : hosts) {
        const Host* host = inventory.host(name);
        if (!host) {
            continue; // the transport reports it: "no SSH address known for host …"
        }
        // The template context the preview renders with (TemplatePreview::hostContext), with the job's play names,
        // so that a pushed template is what the preview showed; what the inventory leaves unset comes from
        // ~/.ssh/config in the transport.
        targets.insert(
            name, SshTarget::fromInventory(*host, TemplatePreview::hostContext(inventory, name, playOf(name), fleet)));
    }
    return targets;
}

QHash<QString, SshTarget> JobLauncher::targetsFor(const Inventory& inventory, const JobSpec& spec)
{
    // ansible_play_hosts: the job's targets; ansible_play_batch: the batch a host runs in at the first step that
    // targets it (the steps of a job share its plan).
    const QStringList playHosts = spec.allTargets();
    const QHash<QString, QStringList> batches = spec.batchOfHosts();
    return targetsFor(inventory, playHosts, [&](const QString& host) {
        return TemplatePreview::PlayNames { playHosts, batches.value(host, playHosts), {} };
    });
}

Result<void> JobLauncher::prepare(const JobSpec& spec)
{
    if (!m_transport) {
        return {};
    }
    const Inventory inventory = m_inventory ? m_inventory() : Inventory();
    QHash<QString, SshTarget> targets = targetsFor(inventory, spec);
    if (auto revealed = revealVaultValues(inventory, targets); !revealed) {
        return revealed;
    }
    if (auto asked = askPassphrases(targets); !asked) {
        return asked;
    }
    // Stored files the job pushes, read once now (on the store's thread) and shared by every host's push.
    auto files = std::make_shared<QHash<QString, QByteArray>>();
    for (int i = 0; i < spec.steps.size(); ++i) {
        const auto* push = std::get_if<PushFile>(&spec.steps.at(i).action);
        if (!push || push->contentSha256.isEmpty() || files->contains(push->contentSha256)) {
            continue;
        }
        if (!m_files) {
            return Error(QStringLiteral("step %1 pushes a stored file, and nothing here stores files").arg(i + 1));
        }
        auto bytes = m_files(push->contentSha256);
        if (!bytes) {
            return Error(QStringLiteral("step %1: %2").arg(i + 1).arg(bytes.errorString()));
        }
        files->insert(push->contentSha256, *bytes);
    }
    // Jump hosts named in a ProxyJump may be inventory hosts too: looked up in a copy of the inventory taken now
    // (the resolver runs on the transport's caller's thread; the copy's lazy caches are guarded by its mutex).
    struct Snapshot {
        QMutex mutex;
        Inventory inventory;
    };
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->inventory = inventory;
    const auto resolver = [snapshot](const QString& name) -> std::optional<SshTarget> {
        QMutexLocker lock(&snapshot->mutex);
        const Host* host = snapshot->inventory.host(name);
        if (!host) {
            return std::nullopt;
        }
        return SshTarget::fromInventory(*host, TemplatePreview::hostContext(snapshot->inventory, name));
    };
    // Template pushes render from the contexts taken now, with the targets (read-only, shared by the pool threads
    // the transport calls it on). A host without a target never gets as far as a push.
    const auto renderer = [targets, files](const QString& host, const HostWork& work) -> Result<QByteArray> {
        if (const auto* push = std::get_if<PushFile>(&work.step.action)) {
            return files->value(push->contentSha256);
        }
        return renderTemplate(targets.value(host).vars, host, work);
    };
    m_transport->setJobTargets(spec.id, targets, resolver, renderer);
    return {};
}

void JobLauncher::setVaultSecrets(const AnsibleVault::Secrets& secrets)
{
    m_vaultSecrets = secrets;
}

Result<void> JobLauncher::revealVaultValues(const Inventory& inventory, QHash<QString, SshTarget>& targets)
{
    // One envelope of each vault id the targets' values use, to check a password against.
    QMap<QString, QString> sampleById;
    for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
        const QMap<QString, QString> ids = AnsibleVault::envelopesByVaultId(it->vars);
        for (auto id = ids.cbegin(); id != ids.cend(); ++id) {
            sampleById.insert(id.key(), id.value());
        }
    }
    if (sampleById.isEmpty()) {
        return {};
    }
    for (auto it = sampleById.cbegin(); it != sampleById.cend(); ++it) {
        const QByteArray sample = it.value().toUtf8();
        if (AnsibleVault::decrypt(sample, m_vaultSecrets, {}) || m_vaultDeclined.contains(it.key())) {
            continue;
        }
        bool opened = false;
        for (int attempt = 0; m_questions && attempt < 3 && !opened; ++attempt) {
            const std::optional<QString> password = m_questions->vaultPassword(it.key(), sample, attempt);
            if (!password) {
                break;
            }
            const AnsibleVault::Secret secret { it.key(), password->toUtf8() };
            if (AnsibleVault::decrypt(sample, { secret }, {})) {
                m_vaultSecrets.append(secret);
                opened = true;
            }
        }
        if (!opened) {
            m_vaultDeclined.append(it.key());
        }
    }
    // Connection variables the transport reads itself: never used encrypted (that would be "authentication
    // failed" for a reason nobody could see).
    static const QStringList connection { QStringLiteral("ansible_password"), QStringLiteral("ansible_ssh_pass"),
        QStringLiteral("ansible_user"), QStringLiteral("ansible_host"), QStringLiteral("ansible_port"),
        QStringLiteral("ansible_ssh_private_key_file"), QStringLiteral("ansible_private_key_file") };
    AnsibleVault::RevealCache cache; // a group's value is decrypted once for all its hosts
    for (auto it = targets.begin(); it != targets.end(); ++it) {
        if (AnsibleVault::envelopesByVaultId(it->vars).isEmpty()) {
            continue;
        }
        QVariantMap vars = it->vars;
        if (AnsibleVault::reveal(vars, m_vaultSecrets, it.key(), &cache)) {
            const Host* host = inventory.host(it.key());
            if (host) {
                *it = SshTarget::fromInventory(*host, vars);
            }
            continue;
        }
        for (const QString& name : connection) {
            if (AnsibleVault::isEncryptedValue(it->vars.value(name))) {
                return Error(
                    QStringLiteral("host %1: %2 is encrypted with Ansible Vault (vault id %3) and no vault "
                                   "password that opens it was given; nothing was started")
                        .arg(it.key(), name,
                            AnsibleVault::envelopeVaultId(AnsibleVault::envelopeOf(it->vars.value(name)).toUtf8())));
            }
        }
        // Values no password opens stay encrypted: a template that uses one fails on this host, saying so.
    }
    return {};
}

Result<QByteArray> JobLauncher::renderTemplate(const QVariantMap& context, const QString& host, const HostWork& work)
{
    const auto* push = std::get_if<PushTemplate>(&work.step.action);
    if (!push) {
        return Error(QStringLiteral("step %1 is not a template push").arg(work.step.displayName(false)));
    }
    auto parsed = Jinja::Template::parse(push->templateText, push->templateName);
    if (!parsed) {
        return parsed.error();
    }
    // Layers of rising precedence: the host's variables, then the job's parameters.
    QVariantMap layered = context;
    const QVariantMap params = work.parameters.toVariantMap();
    for (auto it = params.begin(); it != params.end(); ++it) {
        layered.insert(it.key(), it.value());
    }
    if (!layered.contains(QStringLiteral("inventory_hostname"))) {
        layered.insert(QStringLiteral("inventory_hostname"), host);
    }
    auto rendered = parsed->render(layered);
    if (!rendered) {
        return rendered.error();
    }
    return rendered->toUtf8();
}

void JobLauncher::release(const QString& jobId)
{
    if (m_transport) {
        m_transport->clearJobTargets(jobId);
    }
}

Result<void> JobLauncher::askPassphrases(const QHash<QString, SshTarget>& targets)
{
    if (!m_questions) {
        return {};
    }
    QStringList files;
    for (const SshTarget& t : targets) {
        for (const QString& f : t.identityFiles) {
            if (!files.contains(f)) {
                files << f;
            }
        }
    }
    for (const QString& file : std::as_const(files)) {
        {
            QMutexLocker lock(&m_passphrases->mutex);
            if (m_passphrases->byFile.contains(file)) {
                continue;
            }
        }
        if (SshTransport::inspectKey(file) != SshTransport::KeyFile::Encrypted) {
            continue; // a plain key needs nothing; an unreadable one is reported per host by the transport
        }
        constexpr int kAttempts = 3;
        for (int attempt = 0;; ++attempt) {
            if (attempt == kAttempts) {
                return Error(QCoreApplication::translate("JobLauncher", "three wrong passphrases for the key %1")
                                 .arg(QDir::toNativeSeparators(file)));
            }
            const std::optional<QString> passphrase = m_questions->keyPassphrase(file, attempt);
            if (!passphrase) {
                return Error(QCoreApplication::translate("JobLauncher", "no passphrase for the key %1")
                                 .arg(QDir::toNativeSeparators(file)));
            }
            if (SshTransport::keyOpensWith(file, *passphrase)) {
                QMutexLocker lock(&m_passphrases->mutex);
                m_passphrases->byFile.insert(file, *passphrase);
                break;
            }
        }
    }
    return {};
}
