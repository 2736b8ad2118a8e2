#pragma once

#include "core/Result.h"
#include "inventory/Inventory.h"
#include "inventory/ansible/VaultCipher.h"
#include "jobs/JobSpec.h"
#include "jobs/Transport.h"
#include "ssh/SshTarget.h"
#include "ssh/SshTransport.h"
#include "templates/TemplatePreview.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

// What only a person can answer while a job is launched. The console asks in a dialog, the CLI on its terminal
// (or not at all), a server from its stored secrets. Called on the launcher's thread, before the job starts.
class LaunchQuestions {
public:
    virtual ~LaunchQuestions() = default;
    // The passphrase of an encrypted private key (`attempt` 0 first, then 1, 2 after a wrong one). std::nullopt:
    // the operator declined, and the job does not start.
    virtual std::optional<QString> keyPassphrase(const QString& keyFile, int attempt) = 0;
    // The password of an Ansible Vault id that values of the job's hosts are encrypted with (`sample` one of
    // them, to check a password against; `attempt` 0 first, then 1, 2 after one that does not open it).
    // std::nullopt: not given; the values stay encrypted (a template that uses one fails on its host, an
    // encrypted connection variable stops the launch).
    virtual std::optional<QString> vaultPassword(const QString& vaultId, const QByteArray& sample, int attempt)
    {
        Q_UNUSED(vaultId);
        Q_UNUSED(sample);
        Q_UNUSED(attempt);
        return std::nullopt;
    }
    // A host presents a key that is not in known_hosts (trust on first use; a changed key is refused without
    // asking). Called on the transport's worker thread while the host waits (its clock stopped): must not block;
    // call answer(accept) later, from any thread. The default refuses.
    virtual void unknownHostKey(const SshTransport::HostKeyQuestion& question, std::function<void(bool)> answer)
    {
        Q_UNUSED(question);
        answer(false);
    }
};

// The one place where a job is made runnable, whoever submits it (the run dialog, the CLI, later a schedule or
// the server): from a JobSpec and the inventory it resolves where every target is reached (SshTarget from the
// host's ansible_* variables), a resolver for jump hosts over a snapshot of the inventory taken now, the renderer
// of the job's template pushes (the context the preview renders with: the launcher renders, the transport moves
// bytes), and the passphrases of encrypted keys (asked once, kept in memory for the launcher's life). The result
// goes to the SSH transport for that job only. DirectBackend calls it from
// submit() and before a retry of a job restored from history; nothing above the backend configures a transport.
class JobLauncher {
public:
    using InventorySource = std::function<Inventory()>;
    // The bytes stored under a hash (the backend's FileStore), for file pushes that name them.
    using FileSource = std::function<Result<QByteArray>(const QString& sha256)>;

    // `questions` may be null: then encrypted keys are not asked about (the transport skips them, and a host
    // that has no other way in fails with "authentication failed") and unknown host keys follow the transport's
    // policy. With questions, the transport's unknown host keys (policy Ask) are asked through them.
    JobLauncher(SshTransport* transport, InventorySource inventory, LaunchQuestions* questions = nullptr);
    ~JobLauncher();
    JobLauncher(const JobLauncher&) = delete;
    JobLauncher& operator=(const JobLauncher&) = delete;

    // Resolves the job's targets and gives them to the transport. Errors: a question declined (nothing starts).
    Result<void> prepare(const JobSpec& spec);
    // Where file pushes by hash (PushFile::contentSha256) get their bytes; prepare() loads them once per job.
    void setFileSource(FileSource source) { m_files = std::move(source); }
    // Ansible Vault passwords known before asking (the CLI's --vault-password-file). The `!vault` values of the
    // job's hosts are decrypted into their targets' variables (templates and connection variables see the plain
    // values; the workspace keeps them encrypted); the passwords of other vault ids are asked through
    // LaunchQuestions::vaultPassword, once for the launcher's life.
    void setVaultSecrets(const AnsibleVault::Secrets& secrets);
    // The job will start no more tasks: the transport forgets its targets.
    void release(const QString& jobId);

    // The SSH targets of hosts, as prepare() gives them to the transport (for the run dialog's checks and tests);
    // each target's `vars` is the host's template context (TemplatePreview::hostContext).
    static QHash<QString, SshTarget> targetsFor(const Inventory& inventory, const QStringList& hosts);
    static QHash<QString, SshTarget> targetsFor(const Inventory& inventory, const QStringList& hosts,
        const std::function<TemplatePreview::PlayNames(const QString&)>& playOf);
    // A job's targets as prepare() makes them: the contexts carry the job's play names (ansible_play_hosts = its
    // targets, ansible_play_batch = the host's batch) and share one FleetNames (groups, hostvars).
    static QHash<QString, SshTarget> targetsFor(const Inventory& inventory, const JobSpec& spec);
    // The content of a template push for `host`: the step's template rendered from `context` (the host's template
    // context) overridden by the job's parameters, plus inventory_hostname when the context lacks it — what the
    // preview shows for the same context and job variables. Thread-safe (the transport calls it on pool threads).
    static Result<QByteArray> renderTemplate(const QVariantMap& context, const QString& host, const HostWork& work);

private:
    Result<void> askPassphrases(const QHash<QString, SshTarget>& targets);
    Result<void> revealVaultValues(const Inventory& inventory, QHash<QString, SshTarget>& targets);

    SshTransport* m_transport;
    InventorySource m_inventory;
    FileSource m_files;
    LaunchQuestions* m_questions;
    // Read by the transport's worker thread through its passphrase provider.
    struct Passphrases {
        QMutex mutex;
        QHash<QString, QString> byFile;
    };
    std::shared_ptr<Passphrases> m_passphrases = std::make_shared<Passphrases>();
    AnsibleVault::Secrets m_vaultSecrets; // given, and answered (only ones that opened a value)
    QStringList m_vaultDeclined; // vault ids the operator gave no password for
};
