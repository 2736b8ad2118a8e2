// Ansible Vault content is never taken as data (models/inventory/ansible/AnsibleVault): files and values encrypted
// by the real `ansible-vault` (encrypt, encrypt_string, with and without a vault id) — an inventory file (once
// imported as if its ciphertext lines were host names), a group_vars file (once "must hold a mapping"), a `!vault`
// value in group_vars and in a YAML inventory (once a plain string) — are refused with an error naming the file,
// line and column and saying what to do; `opsdeck-cli inventory import` of them changes nothing in the workspace.
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/AnsibleVault.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestVault : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ansible-vault")).isEmpty()) {
            QSKIP("ansible-vault not found (Debian package ansible; tools/install-deps.sh --tests)");
        }
        QVERIFY(m_dir.isValid());
        write(QStringLiteral("pass"), "correct horse battery staple\n");
    }

    void headerIsRecognised()
    {
        QCOMPARE(AnsibleVault::describeHeader("$ANSIBLE_VAULT;1.1;AES256\n6162\n"), QStringLiteral("1.1"));
        QCOMPARE(AnsibleVault::describeHeader("  \n$ANSIBLE_VAULT;1.2;AES256;prod\n6162\n"),
            QStringLiteral("1.2, vault id prod"));
        QVERIFY(!AnsibleVault::isEncrypted("[web]\nweb1\n"));
        QVERIFY(!AnsibleVault::isEncrypted("all:\n  vars:\n    note: $ANSIBLE_VAULT;1.1\n"));
    }

    void encryptedInventoryFile()
    {
        const QString dir = m_dir.filePath(QStringLiteral("inv-file"));
        QVERIFY(QDir().mkpath(dir));
        write(QStringLiteral("inv-file/hosts.ini"), "[web]\nweb1 ansible_host=10.0.0.1\nweb2\n");
        vault({ QStringLiteral("encrypt"), dir + QStringLiteral("/hosts.ini") });
        const auto r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.ini"));
        QVERIFY(!r);
        QCOMPARE(r.error().where.file, dir + QStringLiteral("/hosts.ini"));
        QCOMPARE(r.error().where.line, 1);
        QVERIFY2(
            r.error().message.contains(QLatin1String("inventory file is encrypted with Ansible Vault (format 1.1)")),
            qPrintable(r.error().toString()));
        QVERIFY(r.error().message.contains(QLatin1String("ansible-vault decrypt")));
    }

    void encryptedGroupVarsFileWithAVaultId()
    {
        const QString dir = m_dir.filePath(QStringLiteral("inv-vars"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/group_vars")));
        write(QStringLiteral("inv-vars/hosts.ini"), "[web]\nweb1\n");
        write(QStringLiteral("inv-vars/group_vars/web.yml"), "db_password: s3cret\n");
        vault({ QStringLiteral("encrypt"), QStringLiteral("--vault-id"),
            QStringLiteral("prod@") + m_dir.filePath(QStringLiteral("pass")),
            dir + QStringLiteral("/group_vars/web.yml") });
        const auto r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.ini"));
        QVERIFY(!r);
        QCOMPARE(r.error().where.file, dir + QStringLiteral("/group_vars/web.yml"));
        QVERIFY2(r.error().message.contains(
                     QLatin1String("variables file is encrypted with Ansible Vault (format 1.2, vault id prod)")),
            qPrintable(r.error().toString()));
        QVERIFY(!r.error().message.contains(QLatin1String("must hold a mapping")));
    }

    void vaultValues()
    {
        const QString dir = m_dir.filePath(QStringLiteral("inv-value"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/group_vars")));
        write(QStringLiteral("inv-value/hosts.ini"), "[web]\nweb1\n");
        const QByteArray secret = vault({ QStringLiteral("encrypt_string"), QStringLiteral("s3cret"),
            QStringLiteral("--name"), QStringLiteral("db_password") });
        QVERIFY2(secret.contains("!vault"), secret.constData());
        write(QStringLiteral("inv-value/group_vars/web.yml"), "app: shop\n" + secret);
        auto r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.ini"));
        QVERIFY(!r);
        QCOMPARE(r.error().where.file, dir + QStringLiteral("/group_vars/web.yml"));
        QCOMPARE(r.error().where.line, 2);
        QVERIFY2(r.error().message.contains(QLatin1String("encrypted with Ansible Vault (!vault)")),
            qPrintable(r.error().toString()));

        // In a YAML inventory: indented under the host.
        QByteArray indented;
        for (const QByteArray& line : secret.split('\n')) {
            indented += "        " + line + '\n';
        }
        write(QStringLiteral("inv-value/hosts.yml"), "all:\n  hosts:\n    web1:\n" + indented);
        r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.yml"));
        QVERIFY(!r);
        QCOMPARE(r.error().where.line, 4);
        QVERIFY2(r.error().message.contains(QLatin1String("(!vault)")), qPrintable(r.error().toString()));
    }

    void cliImportChangesNothing()
    {
        const QString ws = m_dir.filePath(QStringLiteral("w.opsdeck"));
        write(QStringLiteral("plain.ini"), "[db]\ndb1\n");
        QCOMPARE(cli({ QStringLiteral("--workspace"), ws, QStringLiteral("inventory"), QStringLiteral("import"),
                     m_dir.filePath(QStringLiteral("plain.ini")) }),
            0);
        const QString encrypted = m_dir.filePath(QStringLiteral("inv-file/hosts.ini"));
        QProcess p;
        p.start(QStringLiteral(OPSDECK_CLI_PATH),
            { QStringLiteral("--workspace"), ws, QStringLiteral("inventory"), QStringLiteral("import"), encrypted });
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitCode(), 1);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(encrypted + QStringLiteral(":1:1:")) && err.contains(QLatin1String("Ansible Vault")),
            qPrintable(err));
        p.start(QStringLiteral(OPSDECK_CLI_PATH),
            { QStringLiteral("--workspace"), ws, QStringLiteral("inventory"), QStringLiteral("query"),
                QStringLiteral("group:all") });
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), QStringLiteral("db1\n"));
    }

private:
    void write(const QString& name, const QByteArray& data)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(data);
    }
    QByteArray vault(QStringList args)
    {
        if (!args.contains(QStringLiteral("--vault-id"))) {
            args << QStringLiteral("--vault-password-file") << m_dir.filePath(QStringLiteral("pass"));
        }
        QProcess p;
        p.start(QStringLiteral("ansible-vault"), args);
        if (!p.waitForFinished(60'000) || p.exitCode() != 0) {
            qWarning("ansible-vault %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
            return {};
        }
        return p.readAllStandardOutput();
    }
    int cli(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(OPSDECK_CLI_PATH), args);
        p.waitForFinished(30'000);
        return p.exitCode();
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestVault)
#include "tst_vault.moc"
