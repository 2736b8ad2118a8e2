#pragma once

#include "CliArgs.h"
#include "inventory/ansible/VaultCipher.h"

#include <QStringList>
#include <QTextStream>
#include <functional>
#include <optional>

class Backend;
class CliServer;
class Inventory;
struct JobSpec;

// `opsdeck-cli run`, `push` and `push-template` (docs/cli.md): a job on hosts of the workspace's inventory, run in
// this process over the direct-SSH backend (DirectBackend + SshTransport), or on a control server (`server`, its
// inventory and SSH settings), and streamed as it happens. `args` are
// the words after the command. Returns the exit status: 0 when every host succeeded, 1 otherwise (or on failure,
// or after Ctrl+C, which cancels the job), 2 on a usage error.
int runRunCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
int runPushCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);
int runPushTemplateCommand(
    const QStringList& args, const QString& workspacePath, const CliServer& server, QTextStream& out, QTextStream& err);

// What the job commands share, for other commands that run jobs (`facts gather`).
namespace CliJob {

// The help of the SSH and batch options, and the names of those options (valued, flags).
extern const char* const kSshOptionsHelp;
QStringList sshValued();
QStringList sshFlags();
// --hosts, --batch, --pause, --fail-at, --timeout, --concurrency, --bandwidth-limit, --job-vars/--var checked into
// `spec`. Returns an exit code on error (the message printed).
std::optional<int> applyJobOptions(const CliArgs::Args& a, const QString& command, JobSpec* spec, QTextStream& err);
// Calls `body` with the direct-SSH backend over `workspace` (DirectBackend + JobLauncher + SshTransport, configured by
// --known-hosts, --ssh-config, --accept-new-host-keys, --handshakes) and returns its exit code.
// The --vault-password-file / --vault-id passwords of this run of opsdeck-cli (set once by the dispatcher), for
// the launchers of the jobs it runs.
void setVaultSecrets(const AnsibleVault::Secrets& secrets);
const AnsibleVault::Secrets& vaultSecrets();
int withDirectBackend(Workspace& workspace, const Inventory& inventory, const CliArgs::Args& a,
    const QString& operatorName, const std::function<int(Backend&)>& body, QTextStream& err);

} // namespace CliJob
