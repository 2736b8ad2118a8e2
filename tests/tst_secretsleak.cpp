// Secrets go to the keychain and nowhere else: against a real GNOME Keyring in a private D-Bus session
// (tests/keychain-session.sh), a job is launched the console's way (WindowLaunchQuestions → JobLauncher →
// DirectBackend → SshTransport, real sshd) on a host whose SSH key is encrypted and whose variables hold an
// Ansible Vault value; the key passphrase and the vault password are typed into the console's real dialogs with
// "Remember in the keychain" ticked, and a server token is remembered as the connect dialog remembers it. Then the
// keychain holds all three, and the bytes of the workspace file (with its WAL), the settings file, every log
// message and the job's event stream hold none of them, nor the vault value's plaintext (which only the pushed file
// on the host has).
#include "SshdFixture.h"
#include "WindowLaunchQuestions.h"
#include "connect/KeychainSecretStore.h"
#include "connect/ServerProfile.h"
#include "inventory/ansible/AnsibleVault.h"
#include "runner/DirectBackend.h"
#include "runner/JobLauncher.h"
#include "ssh/SshTransport.h"
#include "store/Workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMutex>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

QMutex g_logMutex;
QByteArray g_log;
QtMessageHandler g_previous = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += message.toUtf8() + '\n';
    }
    if (g_previous) {
        g_previous(type, context, message);
    }
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSecretsLeak : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (qEnvironmentVariableIsSet("OPSDECK_KEYCHAIN_SKIP")) {
            QSKIP(qPrintable(qEnvironmentVariable("OPSDECK_KEYCHAIN_SKIP")));
        }
        if (!qEnvironmentVariableIsSet("OPSDECK_KEYCHAIN_SESSION")) {
            QSKIP("runs inside tests/keychain-session.sh (a private D-Bus session with an unlocked GNOME Keyring)");
        }
        if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        qunsetenv("SSH_AUTH_SOCK");
        g_previous = qInstallMessageHandler(captureMessage);
    }

    void cleanupTestCase() { qInstallMessageHandler(g_previous); }

    void secretsOnlyInTheKeychain()
    {
        const QString passphrase = QStringLiteral("key-passphrase-7fQ2xW");
        const QString vaultPassword = QStringLiteral("vault-password-3LmP9z");
        const QByteArray vaultPlain = "vault-plaintext-Hk28sQ";
        const QString token = QStringLiteral("odt_token-secret-Zr5vB1");

        SshdFixture sshd;
        QString error;
        QVERIFY2(sshd.start(1, &error), qPrintable(error));
        QTemporaryDir dir;
        // The fixture's authorised key, encrypted with a passphrase (the same key pair).
        const QString key = dir.filePath(QStringLiteral("id_encrypted"));
        QVERIFY(QFile::copy(sshd.clientKeyPath(), key));
        QFile::setPermissions(key, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QProcess keygen;
        keygen.start(QStringLiteral("ssh-keygen"),
            { QStringLiteral("-q"), QStringLiteral("-p"), QStringLiteral("-N"), passphrase, QStringLiteral("-f"),
                key });
        QVERIFY(keygen.waitForFinished(30'000));
        QCOMPARE(keygen.exitCode(), 0);

        const QString wsPath = dir.filePath(QStringLiteral("ws.opsdeck"));
        auto ws = Workspace::open(wsPath, Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        Inventory inventory;
        Host host;
        host.name = QStringLiteral("db-1");
        host.address = QStringLiteral("127.0.0.1");
        host.port = sshd.ports().at(0);
        host.user = QStringLiteral("root");
        host.vars.insert(QStringLiteral("ansible_ssh_private_key_file"), key);
        host.vars.insert(QStringLiteral("db_password"),
            AnsibleVault::encryptedValueOf(QString::fromUtf8(
                AnsibleVault::encrypt(vaultPlain, { QStringLiteral("prod"), vaultPassword.toUtf8() }))));
        inventory.upsertHost(host);
        QVERIFY((*ws)->saveInventory(inventory));

        KeychainSecretStore keychain(QStringLiteral("OpsDeckLeakTest"));
        QWidget window;
        window.show();
        WindowLaunchQuestions questions(&window, [&keychain] { return static_cast<SecretStore*>(&keychain); });
        // The console's dialogs, answered as a person would: type, tick "Remember in the keychain", OK.
        QStringList answers { vaultPassword, passphrase };
        QStringList asked;
        QTimer typist;
        typist.setInterval(50);
        connect(&typist, &QTimer::timeout, this, [&] {
            auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
            if (!dialog || answers.isEmpty()) {
                return;
            }
            auto* field = dialog->findChild<QLineEdit*>(QStringLiteral("secretField"));
            auto* remember = dialog->findChild<QCheckBox*>(QStringLiteral("secretCheck"));
            if (!field || !remember) {
                return;
            }
            asked.append(dialog->windowTitle());
            field->setText(answers.takeFirst());
            remember->setChecked(true);
            dialog->accept();
        });
        typist.start();

        SshTransport::Options options;
        options.knownHostsPath = sshd.knownHostsPath();
        options.sshConfigPath = QStringLiteral("none");
        SshTransport transport(options);
        JobLauncher launcher(
            &transport, [&inventory] { return inventory; }, &questions);
        DirectBackend::Options backendOptions;
        backendOptions.operatorName = QStringLiteral("tester");
        backendOptions.launcher = &launcher;
        auto backend = DirectBackend::open(**ws, &transport, backendOptions);
        QVERIFY2(backend, qPrintable(backend.errorString()));
        const QString dest = dir.filePath(QStringLiteral("db.conf"));
        JobSpec spec;
        spec.name = QStringLiteral("db config");
        spec.targets = { QStringLiteral("db-1") };
        JobStep push;
        push.action = PushTemplate { QStringLiteral("db.conf"), QStringLiteral("password={{ db_password }}\n"), dest,
            QStringLiteral("0600"), {} };
        JobStep run;
        run.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("echo done\n"), {} };
        spec.steps = { push, run };
        spec.timeoutSeconds = 60;
        auto job = (*backend)->submit(spec);
        QVERIFY2(job, qPrintable(job.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT((*backend)->state(*job)->isFinished(), 60'000);
        typist.stop();
        QCOMPARE(asked.size(), 2);
        QCOMPARE((*backend)->state(*job)->status(), JobStatus::Succeeded);
        QCOMPARE(readAll(dest), QByteArray("password=") + vaultPlain + '\n'); // the secret was used

        // A server token, remembered as the connect dialog remembers it: the URL in the settings, the token in the
        // keychain.
        ServerProfile profile;
        profile.url = QUrl(QStringLiteral("https://ops.example:8750"));
        profile.token = token;
        ServerProfile::remember(profile.url);
        QVERIFY(SecretStore::writeNow(keychain, profile.secretKey(), profile.token));

        // The keychain has all three.
        QCOMPARE(SecretStore::readNow(keychain, WindowLaunchQuestions::vaultSecretKey(QStringLiteral("prod")))
                     ->value_or(QString()),
            vaultPassword);
        QCOMPARE(
            SecretStore::readNow(keychain, WindowLaunchQuestions::secretKey(key))->value_or(QString()), passphrase);
        QCOMPARE(SecretStore::readNow(keychain, profile.secretKey())->value_or(QString()), token);

        // Nothing secret anywhere else.
        QByteArray events;
        auto all = (*backend)->store().events(*job);
        QVERIFY2(all, qPrintable(all.errorString()));
        QVERIFY(all->size() > 3);
        for (const JobEvent& e : *all) {
            events += e.toJsonLine();
        }
        backend->reset();
        ws->reset();
        QSettings().sync();
        const QList<QPair<QString, QByteArray>> places {
            { QStringLiteral("the workspace file"), readAll(wsPath) + readAll(wsPath + QStringLiteral("-wal")) },
            { QStringLiteral("the settings file (%1)").arg(QSettings().fileName()), readAll(QSettings().fileName()) },
            { QStringLiteral("the log"), g_log },
            { QStringLiteral("the job's events"), events },
        };
        QVERIFY(readAll(QSettings().fileName()).contains("ops.example")); // the settings were written
        for (const auto& [where, bytes] : places) {
            for (const QByteArray& secret :
                { passphrase.toUtf8(), vaultPassword.toUtf8(), token.toUtf8(), vaultPlain }) {
                QVERIFY2(!bytes.contains(secret),
                    qPrintable(QStringLiteral("%1 holds %2").arg(where, QString::fromUtf8(secret))));
            }
        }
        // The workspace keeps the vault value encrypted (its ciphertext is there).
        QVERIFY(readAll(wsPath).contains("$ANSIBLE_VAULT;1.2;AES256;prod"));
        (void)SecretStore::removeNow(keychain, WindowLaunchQuestions::vaultSecretKey(QStringLiteral("prod")));
        (void)SecretStore::removeNow(keychain, WindowLaunchQuestions::secretKey(key));
        (void)SecretStore::removeNow(keychain, profile.secretKey());
    }
};

QTEST_MAIN(TestSecretsLeak)
#include "tst_secretsleak.moc"
