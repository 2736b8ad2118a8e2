// Ansible Vault (models/inventory/ansible/AnsibleVault, VaultCipher), against the real ansible-vault and
// ansible-inventory: files and values encrypted by `ansible-vault` (encrypt, encrypt_string, with and without a
// vault id) are decrypted with the right passwords and refused with an error naming the file without them (never
// their ciphertext lines taken as host names, never "must hold a mapping"); what OpsDeck encrypts, ansible-vault
// decrypts; `!vault` values stay encrypted in the workspace, list exactly as ansible-inventory lists them, are
// written back as `!vault` on export, decrypted only where used with a password, and a template never renders
// their ciphertext.
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/AnsibleVault.h"
#include "templates/TemplatePreview.h"

#include "core/VarCodec.h"

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
        const QString file = dir + QStringLiteral("/hosts.ini");
        auto r = AnsibleInventory::importPath(file);
        QVERIFY(!r);
        QCOMPARE(r.error().where.file, file);
        QCOMPARE(r.error().where.line, 1);
        QVERIFY2(
            r.error().message.contains(QLatin1String("inventory file is encrypted with Ansible Vault (format 1.1)")),
            qPrintable(r.error().toString()));
        QVERIFY(r.error().message.contains(QLatin1String("--vault-password-file")));
        // A wrong password: refused, naming the file; never ciphertext as host names.
        r = AnsibleInventory::importPath(file, {}, { { QStringLiteral("default"), "wrong" } });
        QVERIFY(!r);
        QCOMPARE(r.error().where.file, file);
        QVERIFY2(r.error().message.contains(QLatin1String("none of the 1 vault password(s)")),
            qPrintable(r.error().toString()));
        // The right one: the same inventory as ansible-inventory reads with it.
        r = AnsibleInventory::importPath(file, {}, { secret() });
        QVERIFY2(r, qPrintable(r.errorString()));
        QCOMPARE(r->hosts().size(), 2);
        QVERIFY(r->host(QStringLiteral("web1")) && r->host(QStringLiteral("web2")));
        QCOMPARE(AnsibleInventory::toAnsibleListJson(*r), ansibleList(file, passwordArgs()));
    }

    void encryptedGroupVarsFileWithAVaultId()
    {
        const QString dir = m_dir.filePath(QStringLiteral("inv-vars"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/group_vars")));
        write(QStringLiteral("inv-vars/hosts.ini"), "[web]\nweb1\n");
        write(QStringLiteral("inv-vars/group_vars/web.yml"), "db_password: s3cret\nport: 5432\n");
        write(QStringLiteral("prod-pass"), "prod password\n");
        vault({ QStringLiteral("encrypt"), QStringLiteral("--vault-id"),
            QStringLiteral("prod@") + m_dir.filePath(QStringLiteral("prod-pass")),
            dir + QStringLiteral("/group_vars/web.yml") });
        auto r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.ini"));
        QVERIFY(!r);
        QCOMPARE(r.error().where.file, dir + QStringLiteral("/group_vars/web.yml"));
        QVERIFY2(r.error().message.contains(
                     QLatin1String("variables file is encrypted with Ansible Vault (format 1.2, vault id prod)")),
            qPrintable(r.error().toString()));
        QVERIFY(!r.error().message.contains(QLatin1String("must hold a mapping")));
        // Several vault ids, as Ansible allows: the one the file names is tried first, the others after.
        auto prod = AnsibleVault::readSecret(QStringLiteral("prod@") + m_dir.filePath(QStringLiteral("prod-pass")));
        QVERIFY2(prod, qPrintable(prod.errorString()));
        QCOMPARE(prod->id, QStringLiteral("prod"));
        QCOMPARE(prod->password, QByteArray("prod password"));
        r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.ini"), {}, { secret(), *prod });
        QVERIFY2(r, qPrintable(r.errorString()));
        // Its strings stay encrypted in what is imported (with the file's vault id), other values plain; decrypted,
        // the host's variables are what ansible-inventory resolves.
        QVariantMap vars = r->resolveVars(QStringLiteral("web1"));
        QVERIFY(AnsibleVault::isEncryptedValue(vars.value(QStringLiteral("db_password"))));
        QCOMPARE(
            AnsibleVault::envelopeVaultId(AnsibleVault::envelopeOf(vars.value(QStringLiteral("db_password"))).toUtf8()),
            QStringLiteral("prod"));
        QCOMPARE(vars.value(QStringLiteral("port")).toLongLong(), 5432);
        QVERIFY(!AnsibleInventory::toAnsibleListJson(*r).contains("s3cret"));
        QVERIFY(AnsibleVault::reveal(vars, { *prod }, QStringLiteral("web1")).ok());
        auto theirs = VarCodec::fromJson(ansibleList(dir + QStringLiteral("/hosts.ini"),
            { QStringLiteral("--vault-id"), QStringLiteral("prod@") + m_dir.filePath(QStringLiteral("prod-pass")) }));
        QVERIFY(theirs.ok());
        const QVariant theirVars = theirs->toMap()
                                       .value(QStringLiteral("_meta"))
                                       .toMap()
                                       .value(QStringLiteral("hostvars"))
                                       .toMap()
                                       .value(QStringLiteral("web1"));
        QCOMPARE(VarCodec::toJson(vars), VarCodec::toJson(theirVars));
        // Exported as a directory, the file's strings are written as !vault values Ansible reads back.
        const QString out = m_dir.filePath(QStringLiteral("inv-vars-export"));
        QVERIFY(AnsibleInventory::exportToDirectory(*r, out, AnsibleInventory::Format::Ini).ok());
        QFile exported(out + QStringLiteral("/group_vars/web.yml"));
        QVERIFY(exported.open(QIODevice::ReadOnly));
        const QByteArray exportedText = exported.readAll();
        QVERIFY2(exportedText.contains("!vault") && !exportedText.contains("s3cret"), exportedText.constData());
        auto again = VarCodec::fromJson(ansibleList(out,
            { QStringLiteral("--vault-id"), QStringLiteral("prod@") + m_dir.filePath(QStringLiteral("prod-pass")) }));
        QVERIFY(again.ok());
        QCOMPARE(again->toMap().value(QStringLiteral("web")), theirs->toMap().value(QStringLiteral("web")));
    }

    void vaultValuesStayEncrypted()
    {
        const QString dir = m_dir.filePath(QStringLiteral("inv-value"));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/group_vars")));
        write(QStringLiteral("inv-value/hosts.ini"), "[web]\nweb1\n");
        const QByteArray encrypted = vault({ QStringLiteral("encrypt_string"), QStringLiteral("s3cret"),
            QStringLiteral("--name"), QStringLiteral("db_password") });
        QVERIFY2(encrypted.contains("!vault"), encrypted.constData());
        write(QStringLiteral("inv-value/group_vars/web.yml"), "app: shop\n" + encrypted + "\n");
        // No password needed to import: the value stays encrypted, and lists exactly as ansible-inventory lists it.
        auto r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.ini"));
        QVERIFY2(r, qPrintable(r.errorString()));
        QVariantMap vars = r->resolveVars(QStringLiteral("web1"));
        QVERIFY(AnsibleVault::isEncryptedValue(vars.value(QStringLiteral("db_password"))));
        QVERIFY(!VarCodec::toJson(vars).contains("s3cret"));
        QCOMPARE(AnsibleVault::encryptedPaths(vars), QStringList { QStringLiteral("db_password") });
        QCOMPARE(AnsibleInventory::toAnsibleListJson(*r), ansibleList(dir + QStringLiteral("/hosts.ini"), {}));
        // A template never renders the ciphertext, whatever the undefined mode.
        const QVariantMap context = TemplatePreview::hostContext(*r, QStringLiteral("web1"));
        Jinja::Options lenient;
        lenient.undefined = Jinja::UndefinedMode::Lenient;
        auto out
            = TemplatePreview::render(QStringLiteral("pw={{ db_password }}"), QStringLiteral("t"), lenient, context);
        QVERIFY(!out.ok);
        QVERIFY2(out.error.message.contains(QLatin1String("encrypted with Ansible Vault")),
            qPrintable(out.error.toString()));
        // Decrypted where it is used, with the password.
        QVariantMap revealed = context;
        QVERIFY(AnsibleVault::reveal(revealed, { secret() }, QStringLiteral("web1")).ok());
        out = TemplatePreview::render(QStringLiteral("pw={{ db_password }}"), QStringLiteral("t"), {}, revealed);
        QVERIFY2(out.ok, qPrintable(out.error.toString()));
        QCOMPARE(out.output, QStringLiteral("pw=s3cret"));
        const auto wrong
            = AnsibleVault::reveal(vars, { { QStringLiteral("default"), "nope" } }, QStringLiteral("web1"));
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().toString().startsWith(QLatin1String("web1: variable db_password: cannot decrypt")),
            qPrintable(wrong.error().toString()));
        QVERIFY(!wrong.error().toString().contains(QLatin1String("nope")));

        // In a YAML inventory, indented under the host; exported back as !vault, which Ansible reads as vault.
        QByteArray indented;
        for (const QByteArray& line : encrypted.split('\n')) {
            indented += "        " + line + '\n';
        }
        write(QStringLiteral("inv-value/hosts.yml"), "all:\n  hosts:\n    web1:\n" + indented);
        r = AnsibleInventory::importPath(dir + QStringLiteral("/hosts.yml"));
        QVERIFY2(r, qPrintable(r.errorString()));
        QCOMPARE(AnsibleInventory::toAnsibleListJson(*r), ansibleList(dir + QStringLiteral("/hosts.yml"), {}));
        const QByteArray exported = AnsibleInventory::exportYaml(*r);
        QVERIFY2(exported.contains("!vault \"$ANSIBLE_VAULT;1.1;AES256"), exported.constData());
        write(QStringLiteral("exported.yml"), exported);
        QCOMPARE(ansibleList(m_dir.filePath(QStringLiteral("exported.yml")), {}),
            ansibleList(dir + QStringLiteral("/hosts.yml"), {}));
        // A !vault tag on something that is no vault text is an error at its place.
        write(QStringLiteral("inv-value/bad.yml"), "all:\n  hosts:\n    web1:\n      x: !vault plain\n");
        r = AnsibleInventory::importPath(dir + QStringLiteral("/bad.yml"));
        QVERIFY(!r);
        QCOMPARE(r.error().where.line, 4);
    }

    void cipherAgainstAnsibleVault()
    {
        // What ansible-vault encrypts, OpsDeck decrypts (1.1 and 1.2 with an id) …
        write(QStringLiteral("plain.txt"), "line one\nzwei – 二\n");
        const QString plain = m_dir.filePath(QStringLiteral("plain.txt"));
        vault({ QStringLiteral("encrypt"), QStringLiteral("--output"), plain + QStringLiteral(".v11"), plain });
        vault({ QStringLiteral("encrypt"), QStringLiteral("--vault-id"),
            QStringLiteral("ops@") + m_dir.filePath(QStringLiteral("pass")), QStringLiteral("--output"),
            plain + QStringLiteral(".v12"), plain });
        for (const QString& suffix : { QStringLiteral(".v11"), QStringLiteral(".v12") }) {
            QFile f(plain + suffix);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray envelope = f.readAll();
            auto d = AnsibleVault::decrypt(envelope, { secret() }, { plain + suffix });
            QVERIFY2(d, qPrintable(d.errorString()));
            QCOMPARE(*d, QByteArray("line one\nzwei – 二\n"));
        }
        // … and what OpsDeck encrypts, ansible-vault decrypts: every padding length, and with a vault id.
        for (const QByteArray& text : { QByteArray(), QByteArray("x"), QByteArray(15, 'a'), QByteArray(16, 'b'),
                 QByteArray(17, 'c'), QByteArray("multi\nline\n二") }) {
            for (const QString& id : { QStringLiteral("default"), QStringLiteral("ops") }) {
                const QByteArray envelope = AnsibleVault::encrypt(text, { id, "correct horse battery staple" });
                QVERIFY(envelope.startsWith(
                    id == QLatin1String("ops") ? "$ANSIBLE_VAULT;1.2;AES256;ops\n" : "$ANSIBLE_VAULT;1.1;AES256\n"));
                write(QStringLiteral("ours.vault"), envelope);
                QProcess p;
                p.start(QStringLiteral("ansible-vault"),
                    { QStringLiteral("decrypt"), QStringLiteral("--vault-password-file"),
                        m_dir.filePath(QStringLiteral("pass")), QStringLiteral("--output"), QStringLiteral("-"),
                        m_dir.filePath(QStringLiteral("ours.vault")) });
                QVERIFY(p.waitForFinished(60'000));
                QCOMPARE(p.exitCode(), 0);
                QCOMPARE(p.readAllStandardOutput(), text);
                // Each envelope has its own salt.
                QVERIFY(AnsibleVault::encrypt(text, { id, "pw" }) != AnsibleVault::encrypt(text, { id, "pw" }));
            }
        }
        // A changed byte of ciphertext fails the HMAC: an error, never garbage.
        QByteArray envelope = AnsibleVault::encrypt("secret", secret());
        envelope[envelope.size() - 3] = envelope.at(envelope.size() - 3) == '0' ? '1' : '0';
        QVERIFY(!AnsibleVault::decrypt(envelope, { secret() }, {}));
        QVERIFY(!AnsibleVault::decrypt("$ANSIBLE_VAULT;1.1;AES256\nzz\n", { secret() }, {}));
        QVERIFY(!AnsibleVault::decrypt("$ANSIBLE_VAULT;1.0;AES\n", { secret() }, {}));
        // A password script (executable): what it prints, as Ansible runs it.
        write(QStringLiteral("pass.sh"), "#!/bin/sh\necho 'correct horse battery staple'\n");
        QFile::setPermissions(
            m_dir.filePath(QStringLiteral("pass.sh")), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        auto fromScript
            = AnsibleVault::readSecret(QStringLiteral("script@") + m_dir.filePath(QStringLiteral("pass.sh")));
        QVERIFY2(fromScript, qPrintable(fromScript.errorString()));
        QCOMPARE(fromScript->password, secret().password);
        QVERIFY(!AnsibleVault::readSecret(m_dir.filePath(QStringLiteral("missing"))));
    }

    void cliWithVaultPasswords()
    {
        const QString ws = m_dir.filePath(QStringLiteral("v.opsdeck"));
        const QString pass = m_dir.filePath(QStringLiteral("pass"));
        // The encrypted inventory file of encryptedInventoryFile() and the !vault value of vaultValuesStayEncrypted().
        CliOut r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("--vault-password-file"), pass,
            QStringLiteral("inventory"), QStringLiteral("import"),
            m_dir.filePath(QStringLiteral("inv-file/hosts.ini")) });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("inventory"), QStringLiteral("import"),
            m_dir.filePath(QStringLiteral("inv-value/hosts.ini")) });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile file(ws);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("s3cret")); // encrypted at rest
        r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("vars"), QStringLiteral("web1"),
            QStringLiteral("--json") });
        QVERIFY(r.out.contains(QLatin1String("__ansible_vault")) && !r.out.contains(QLatin1String("s3cret")));
        r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("--vault-id"), QStringLiteral("default@") + pass,
            QStringLiteral("vars"), QStringLiteral("web1"), QStringLiteral("--json") });
        QVERIFY2(r.out.contains(QLatin1String("\"db_password\": \"s3cret\"")), qPrintable(r.out + r.err));
        write(QStringLiteral("t.j2"), "pw={{ db_password }}\n");
        r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("template"), QStringLiteral("render"),
            m_dir.filePath(QStringLiteral("t.j2")), QStringLiteral("--host"), QStringLiteral("web1") });
        QCOMPARE(r.code, 1);
        QVERIFY2(
            r.err.contains(QLatin1String("encrypted with Ansible Vault")) && !r.out.contains(QLatin1String("$ANSIBLE")),
            qPrintable(r.err));
        r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("--vault-password-file"), pass,
            QStringLiteral("template"), QStringLiteral("render"), m_dir.filePath(QStringLiteral("t.j2")),
            QStringLiteral("--host"), QStringLiteral("web1") });
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("pw=s3cret\n"));
        r = run({ QStringLiteral("--workspace"), ws, QStringLiteral("--vault-password-file"),
            m_dir.filePath(QStringLiteral("nonexistent")), QStringLiteral("vars"), QStringLiteral("web1") });
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(m_dir.filePath(QStringLiteral("nonexistent"))), qPrintable(r.err));
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
    static AnsibleVault::Secret secret() { return { QStringLiteral("default"), "correct horse battery staple" }; }
    QStringList passwordArgs() const
    {
        return { QStringLiteral("--vault-password-file"), m_dir.filePath(QStringLiteral("pass")) };
    }
    // What ansible-inventory --list prints for `source` (stdout, byte for byte).
    QByteArray ansibleList(const QString& source, const QStringList& extra)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"), m_dir.filePath(QStringLiteral("ansible-tmp")));
        env.insert(QStringLiteral("ANSIBLE_HOME"), m_dir.filePath(QStringLiteral("ansible-home")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("ansible-inventory"),
            QStringList { QStringLiteral("-i"), source, QStringLiteral("--list") } + extra);
        if (!p.waitForFinished(120'000) || p.exitCode() != 0) {
            qWarning("ansible-inventory: %s", p.readAllStandardError().constData());
            return {};
        }
        return p.readAllStandardOutput();
    }
    struct CliOut {
        int code = -1;
        QString out;
        QString err;
    };
    CliOut run(const QStringList& args)
    {
        QProcess p;
        p.start(QStringLiteral(OPSDECK_CLI_PATH), args);
        p.waitForFinished(30'000);
        return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError()) };
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
