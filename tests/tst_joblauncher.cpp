// The one launch path: DirectBackend::submit → JobLauncher → JobEngine → SshTransport, against real sshd on
// loopback (SshdFixture). Two jobs run at once with different targets and templates, and the inventory changes
// between their launches: each job's pushes must be exactly what its preview showed when it was launched (the
// transport keeps targets per job; it used to keep one map that the second job replaced).
#include "SshdFixture.h"
#include "inventory/ansible/AnsibleVault.h"
#include "runner/DirectBackend.h"
#include "runner/JobLauncher.h"
#include "ssh/SshTransport.h"
#include "store/Workspace.h"
#include "templates/TemplatePreview.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kWaitMs = 60'000;

Host loopbackHost(const QString& name, int port, const QString& key)
{
    Host h;
    h.name = name;
    h.address = QStringLiteral("127.0.0.1");
    h.port = port;
    h.user = QStringLiteral("root");
    h.vars.insert(QStringLiteral("ansible_ssh_private_key_file"), key);
    return h;
}

Group group(const QString& name, const QStringList& hosts, const QString& colour)
{
    Group g;
    g.name = name;
    g.hosts = hosts;
    g.vars.insert(QStringLiteral("colour"), colour);
    return g;
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QStringLiteral("<missing %1>").arg(path);
}

// Answers vault password questions from a list, and counts them.
class ScriptedQuestions : public LaunchQuestions {
public:
    QStringList answers; // a null string declines
    QStringList asked; // "ID#attempt"
    std::optional<QString> keyPassphrase(const QString&, int) override { return std::nullopt; }
    std::optional<QString> vaultPassword(const QString& vaultId, const QByteArray&, int attempt) override
    {
        asked.append(QStringLiteral("%1#%2").arg(vaultId).arg(attempt));
        const QString answer = answers.isEmpty() ? QString() : answers.takeFirst();
        return answer.isNull() ? std::nullopt : std::optional<QString>(answer);
    }
};

} // namespace

class TestJobLauncher : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (const QString why = SshdFixture::unavailableReason(); !why.isEmpty()) {
            QSKIP(qPrintable(why));
        }
        qunsetenv("SSH_AUTH_SOCK");
    }

    void pushedTemplatesSeeThePlayAndTheFleet()
    {
        // What a job's template push renders from: the job's targets as ansible_play_hosts, the host's batch of the
        // rolling plan as ansible_play_batch, and groups/hostvars over the whole inventory (not only the targets).
        Inventory inventory;
        for (const char* name : { "web-1", "web-2", "web-3", "db-1" }) {
            inventory.upsertHost(loopbackHost(QLatin1String(name), 22, QString()));
        }
        inventory.upsertGroup(group(QStringLiteral("web"),
            { QStringLiteral("web-1"), QStringLiteral("web-2"), QStringLiteral("web-3") }, QStringLiteral("red")));
        inventory.upsertGroup(group(QStringLiteral("db"), { QStringLiteral("db-1") }, QStringLiteral("blue")));
        JobSpec spec;
        spec.name = QStringLiteral("push");
        spec.targets = { QStringLiteral("web-1"), QStringLiteral("web-2"), QStringLiteral("web-3") };
        auto plan = RollingPlan::parse(QStringLiteral("1 100%"));
        QVERIFY(plan.ok());
        spec.plan = *plan;
        JobStep push;
        push.action = PushTemplate { QStringLiteral("t"),
            QStringLiteral(
                "{{ ansible_play_batch | join(',') }}|{{ ansible_play_hosts | join(',') }}|"
                "{{ groups.db | map('extract', hostvars, 'colour') | join(',') }}|{{ groups.all | length }}"),
            QStringLiteral("/tmp/x"), QStringLiteral("0644"), {} };
        spec.steps = { push };
        const QHash<QString, SshTarget> targets = JobLauncher::targetsFor(inventory, spec);
        QCOMPARE(targets.size(), 3);
        HostWork work;
        work.step = push;
        const auto rendered = [&](const QString& host) {
            const auto out = JobLauncher::renderTemplate(targets.value(host).vars, host, work);
            return out ? QString::fromUtf8(*out) : out.errorString();
        };
        QCOMPARE(rendered(QStringLiteral("web-1")), QStringLiteral("web-1|web-1,web-2,web-3|blue|4"));
        QCOMPARE(rendered(QStringLiteral("web-2")), QStringLiteral("web-2,web-3|web-1,web-2,web-3|blue|4"));
        QCOMPARE(rendered(QStringLiteral("web-3")), QStringLiteral("web-2,web-3|web-1,web-2,web-3|blue|4"));
    }

    void concurrentJobsPushWhatTheirPreviewShowed()
    {
        SshdFixture sshd;
        QString error;
        QVERIFY2(sshd.start(2, &error), qPrintable(error));
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("ws.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));

        Inventory inventory;
        inventory.upsertHost(
            loopbackHost(QStringLiteral("alpha-01.js.example"), sshd.ports().at(0), sshd.clientKeyPath()));
        inventory.upsertHost(
            loopbackHost(QStringLiteral("beta-01.bj.example"), sshd.ports().at(1), sshd.clientKeyPath()));
        inventory.upsertGroup(
            group(QStringLiteral("alpha"), { QStringLiteral("alpha-01.js.example") }, QStringLiteral("red")));
        inventory.upsertGroup(
            group(QStringLiteral("beta"), { QStringLiteral("beta-01.bj.example") }, QStringLiteral("blue")));

        SshTransport::Options options;
        options.knownHostsPath = sshd.knownHostsPath();
        options.sshConfigPath = QStringLiteral("none");
        SshTransport transport(options);
        Inventory current = inventory;
        JobLauncher launcher(&transport, [&current] { return current; });
        DirectBackend::Options backendOptions;
        backendOptions.operatorName = QStringLiteral("tester");
        backendOptions.launcher = &launcher;
        auto backend = DirectBackend::open(**ws, &transport, backendOptions);
        QVERIFY2(backend, qPrintable(backend.errorString()));

        // Names only the launcher's context has (group_names, inventory_hostname_short) and a variable that
        // changes between the two launches.
        const QString text = QStringLiteral("{{ inventory_hostname_short }} in {{ group_names | join(',') }}: "
                                            "{{ colour }}\n");
        const auto job = [&](const QString& host, const QString& dest, const QString& prefix) {
            JobSpec spec;
            spec.name = QStringLiteral("push to ") + host;
            spec.targets = { host };
            JobStep wait;
            wait.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("sleep 1.5\n"), {} };
            JobStep push;
            push.action = PushTemplate { QStringLiteral("t"), prefix + text, dest, QStringLiteral("0644"), {} };
            spec.steps = { wait, push };
            spec.timeoutSeconds = 30;
            return spec;
        };
        const QString destA = dir.filePath(QStringLiteral("a.txt"));
        const QString destB = dir.filePath(QStringLiteral("b.txt"));
        const auto preview = [](const Inventory& inv, const QString& host, const QString& source) {
            const auto out
                = TemplatePreview::render(source, QStringLiteral("t"), {}, TemplatePreview::hostContext(inv, host));
            return out.ok ? out.output : out.error.toString();
        };
        const QString alpha = QStringLiteral("alpha-01.js.example");
        const QString beta = QStringLiteral("beta-01.bj.example");
        const QString expectA = preview(current, alpha, QStringLiteral("A ") + text);
        QCOMPARE(expectA, QStringLiteral("A alpha-01 in alpha: red\n"));

        auto a = (*backend)->submit(job(alpha, destA, QStringLiteral("A ")));
        QVERIFY2(a, qPrintable(a.errorString()));
        // While job A waits in its first step, the operator edits the inventory and launches job B.
        current.mutableGroup(QStringLiteral("alpha"))->vars.insert(QStringLiteral("colour"), QStringLiteral("green"));
        current.mutableGroup(QStringLiteral("beta"))->vars.insert(QStringLiteral("colour"), QStringLiteral("navy"));
        const QString expectB = preview(current, beta, QStringLiteral("B ") + text);
        QCOMPARE(expectB, QStringLiteral("B beta-01 in beta: navy\n"));
        auto b = (*backend)->submit(job(beta, destB, QStringLiteral("B ")));
        QVERIFY2(b, qPrintable(b.errorString()));

        QTRY_VERIFY_WITH_TIMEOUT((*backend)->state(*a)->isFinished() && (*backend)->state(*b)->isFinished(), kWaitMs);
        QCOMPARE((*backend)->state(*a)->status(), JobStatus::Succeeded);
        QCOMPARE((*backend)->state(*b)->status(), JobStatus::Succeeded);
        QCOMPARE(readFile(destA), expectA);
        QCOMPARE(readFile(destB), expectB);

        // A retry starts from the inventory as it is now (an operator who fixed something expects that).
        QFile::remove(destA);
        QVERIFY((*backend)->rerunStep(*a, 1));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(destA) && (*backend)->state(*a)->isFinished(), kWaitMs);
        QCOMPARE(readFile(destA), QStringLiteral("A alpha-01 in alpha: green\n"));
    }

    void vaultValuesReachPushesAndLogins()
    {
        // `!vault` values stay encrypted in the inventory; the launcher decrypts them into the job's targets with
        // the passwords given or asked (once per vault id for the launcher's life), so a pushed template renders
        // the plain value; without a password the push fails on its host saying why, and an encrypted connection
        // variable stops the launch.
        SshdFixture sshd;
        QString error;
        QVERIFY2(sshd.start(1, &error), qPrintable(error));
        QTemporaryDir dir;
        auto ws = Workspace::open(dir.filePath(QStringLiteral("ws.opsdeck")), Workspace::OpenMode::CreateIfMissing);
        QVERIFY2(ws, qPrintable(ws.errorString()));
        Inventory inventory;
        Host host = loopbackHost(QStringLiteral("db-1"), sshd.ports().at(0), sshd.clientKeyPath());
        host.vars.insert(QStringLiteral("db_password"),
            AnsibleVault::encryptedValueOf(
                QString::fromUtf8(AnsibleVault::encrypt("s3cret", { QStringLiteral("prod"), "prod pass" }))));
        host.vars.insert(QStringLiteral("api_token"),
            AnsibleVault::encryptedValueOf(
                QString::fromUtf8(AnsibleVault::encrypt("t0ken", { QStringLiteral("default"), "given" }))));
        inventory.upsertHost(host);

        SshTransport::Options options;
        options.knownHostsPath = sshd.knownHostsPath();
        options.sshConfigPath = QStringLiteral("none");
        SshTransport transport(options);
        Inventory current = inventory;
        ScriptedQuestions questions;
        questions.answers = { QStringLiteral("typo"), QStringLiteral("prod pass") };
        JobLauncher launcher(
            &transport, [&current] { return current; }, &questions);
        launcher.setVaultSecrets({ { QStringLiteral("default"), "given" } });
        DirectBackend::Options backendOptions;
        backendOptions.operatorName = QStringLiteral("tester");
        backendOptions.launcher = &launcher;
        auto backend = DirectBackend::open(**ws, &transport, backendOptions);
        QVERIFY2(backend, qPrintable(backend.errorString()));
        const QString dest = dir.filePath(QStringLiteral("db.conf"));
        const auto job = [&] {
            JobSpec spec;
            spec.name = QStringLiteral("push db.conf");
            spec.targets = { QStringLiteral("db-1") };
            JobStep push;
            push.action = PushTemplate { QStringLiteral("db.conf"),
                QStringLiteral("password={{ db_password }} token={{ api_token }}\n"), dest, QStringLiteral("0600"),
                {} };
            spec.steps = { push };
            spec.timeoutSeconds = 30;
            return spec;
        };
        auto a = (*backend)->submit(job());
        QVERIFY2(a, qPrintable(a.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT((*backend)->state(*a)->isFinished(), kWaitMs);
        QCOMPARE((*backend)->state(*a)->status(), JobStatus::Succeeded);
        QCOMPARE(readFile(dest), QStringLiteral("password=s3cret token=t0ken\n"));
        // The given password was not asked for; prod was, twice (a typo first).
        QCOMPARE(questions.asked, (QStringList { QStringLiteral("prod#0"), QStringLiteral("prod#1") }));
        // The next job asks nothing.
        QFile::remove(dest);
        auto b = (*backend)->submit(job());
        QVERIFY2(b, qPrintable(b.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT((*backend)->state(*b)->isFinished(), kWaitMs);
        QCOMPARE(readFile(dest), QStringLiteral("password=s3cret token=t0ken\n"));
        QCOMPARE(questions.asked.size(), 2);

        // Another launcher, nobody to ask: the push fails on the host with the reason, never the ciphertext.
        QFile::remove(dest);
        JobLauncher bare(&transport, [&current] { return current; });
        backendOptions.launcher = &bare;
        auto plain = DirectBackend::open(**ws, &transport, backendOptions);
        QVERIFY2(plain, qPrintable(plain.errorString()));
        auto c = (*plain)->submit(job());
        QVERIFY2(c, qPrintable(c.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT((*plain)->state(*c)->isFinished(), kWaitMs);
        QCOMPARE((*plain)->state(*c)->status(), JobStatus::Failed);
        QVERIFY(!QFile::exists(dest));
        const HostState* hs = (*plain)->state(*c)->host(0, QStringLiteral("db-1"));
        QVERIFY(hs);
        QVERIFY2(hs->message.contains(QLatin1String("Ansible Vault")), qPrintable(hs->message));
        QVERIFY(!hs->message.contains(QLatin1String("$ANSIBLE_VAULT")));
        // An encrypted connection variable and no password: nothing starts.
        host.vars.insert(QStringLiteral("ansible_password"),
            AnsibleVault::encryptedValueOf(
                QString::fromUtf8(AnsibleVault::encrypt("root", { QStringLiteral("ops"), "x" }))));
        current.upsertHost(host);
        auto d = (*plain)->submit(job());
        QVERIFY(!d);
        QVERIFY2(
            d.errorString().contains(QLatin1String("ansible_password is encrypted with Ansible Vault (vault id ops)")),
            qPrintable(d.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestJobLauncher)
#include "tst_joblauncher.moc"
