// The script library: store and versioning, import with language detection, tags, filtering over 10,000
// scripts, and the `script` commands of opsdeck-cli through the real binary.
#include "TestStore.h"
#include "demo/DemoInventory.h"
#include "scripts/DangerGate.h"
#include "scripts/DangerRules.h"
#include "scripts/ScriptListModel.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "CliRunner.h"

namespace {

using Run = CliRun;

Run cli(const QStringList& args)
{
    return runCli(args);
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

Script makeScript(const QString& name, const QString& content, const QStringList& tags = {})
{
    Script s;
    s.name = name;
    s.content = content;
    s.tags = tags;
    return s;
}

} // namespace

class TestScripts : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { TESTSTORE_INIT(); }
    void init();
    void createAndReload();
    void everySaveIsAVersion();
    void unchangedSaveMakesNoVersion();
    void restoreMakesANewVersion();
    void duplicateNameIsRefused();
    void cloneAndTags();
    void renameTagMerges();
    void fromFileDetectsLanguage_data();
    void fromFileDetectsLanguage();
    void fromFileRefusesBinaryAndBadUtf8();
    void migrationFromVersion2();
    void filterTenThousand();
    void listModelsUnderTester();
    void dangerGateNeedsAcknowledgement();
    void dangerRulesInWorkspace();
    void demoScripts();
    void cliAddListShowVersionsDiff();
    void cliTag();
    void cliCheck();
    void cliErrors();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
};

void TestScripts::init()
{
    m_ws.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    auto ws = TestStore::open(m_dir->filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    m_ws = std::move(*ws);
}

void TestScripts::createAndReload()
{
    ScriptStore store(*m_ws);
    Script s = makeScript(QStringLiteral("init-server"), QStringLiteral("#!/bin/bash\necho hi\n"),
        { QStringLiteral("init"), QStringLiteral("base"), QStringLiteral("init") });
    s.kind = Script::Kind::System;
    s.description = QStringLiteral("Prepares a new server");
    s.runAs = QStringLiteral("root");
    s.parameters = { { QStringLiteral("hostname"), QStringLiteral("new name"), QString(), true },
        { QStringLiteral("tz"), QString(), QStringLiteral("UTC"), false } };
    auto created = store.create(s, QStringLiteral("first"));
    QVERIFY2(created.ok(), qPrintable(created.errorString()));
    QVERIFY(created->id > 0);
    QCOMPARE(created->version, 1);
    QCOMPARE(created->tags, (QStringList { QStringLiteral("base"), QStringLiteral("init") }));
    QCOMPARE(created->author, ScriptStore::currentAuthor());

    auto all = store.loadAll();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 1);
    const Script& back = all->first();
    QVERIFY(back.sameVersionedFields(*created));
    QCOMPARE(back.tags, created->tags);
    QCOMPARE(back.parameters.size(), 2);
    QCOMPARE(back.parameters.at(0).required, true);
    QCOMPARE(back.parameters.at(1).defaultValue, QStringLiteral("UTC"));
    QCOMPARE(back.kind, Script::Kind::System);
}

void TestScripts::everySaveIsAVersion()
{
    ScriptStore store(*m_ws);
    auto s = store.create(makeScript(QStringLiteral("a"), QStringLiteral("echo 1\n")));
    QVERIFY(s.ok());
    Script next = *s;
    for (int i = 2; i <= 4; ++i) {
        next.content = QStringLiteral("echo %1\n").arg(i);
        bool created = false;
        auto saved = store.save(next, QStringLiteral("change %1").arg(i), &created);
        QVERIFY2(saved.ok(), qPrintable(saved.errorString()));
        QVERIFY(created);
        QCOMPARE(saved->version, i);
        next = *saved;
    }
    auto versions = store.versions(s->id);
    QVERIFY(versions.ok());
    QCOMPARE(versions->size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(versions->at(i).version, i + 1);
        QCOMPARE(versions->at(i).script.content, QStringLiteral("echo %1\n").arg(i + 1));
        QCOMPARE(versions->at(i).author, ScriptStore::currentAuthor());
    }
    QCOMPARE(versions->at(2).message, QStringLiteral("change 3"));
    QVERIFY(versions->at(3).createdAt >= versions->at(0).createdAt);
    auto v9 = store.version(s->id, 9);
    QVERIFY(!v9.ok());
    QVERIFY2(v9.error().message.contains(QLatin1String("versions 1 to 4")), qPrintable(v9.errorString()));
}

void TestScripts::unchangedSaveMakesNoVersion()
{
    ScriptStore store(*m_ws);
    auto s = store.create(makeScript(QStringLiteral("a"), QStringLiteral("echo\n")));
    QVERIFY(s.ok());
    Script same = *s;
    same.tags = { QStringLiteral("newtag") }; // tags are not versioned
    bool created = true;
    auto saved = store.save(same, {}, &created);
    QVERIFY(saved.ok());
    QVERIFY(!created);
    QCOMPARE(saved->version, 1);
    QCOMPARE(store.load(s->id)->tags, QStringList { QStringLiteral("newtag") });
}

void TestScripts::restoreMakesANewVersion()
{
    ScriptStore store(*m_ws);
    auto s = store.create(makeScript(QStringLiteral("a"), QStringLiteral("one\n")));
    Script next = *s;
    next.content = QStringLiteral("two\n");
    QVERIFY(store.save(next).ok());
    auto restored = store.restore(s->id, 1);
    QVERIFY2(restored.ok(), qPrintable(restored.errorString()));
    QCOMPARE(restored->version, 3);
    QCOMPARE(restored->content, QStringLiteral("one\n"));
    auto versions = store.versions(s->id);
    QCOMPARE(versions->size(), 3);
    QCOMPARE(versions->at(1).script.content, QStringLiteral("two\n")); // nothing overwritten
    QCOMPARE(versions->at(2).message, QStringLiteral("restored version 1"));
}

void TestScripts::duplicateNameIsRefused()
{
    ScriptStore store(*m_ws);
    QVERIFY(store.create(makeScript(QStringLiteral("a"), QStringLiteral("x"))).ok());
    auto again = store.create(makeScript(QStringLiteral("a"), QStringLiteral("y")));
    QVERIFY(!again.ok());
    QVERIFY2(again.error().message.contains(QLatin1String("exists already")), qPrintable(again.errorString()));
    auto bad = store.create(makeScript(QStringLiteral(" padded"), QStringLiteral("y")));
    QVERIFY(!bad.ok());
    QCOMPARE(store.loadAll()->size(), 1); // nothing half-written
}

void TestScripts::cloneAndTags()
{
    ScriptStore store(*m_ws);
    auto s = store.create(makeScript(QStringLiteral("a"), QStringLiteral("x"), { QStringLiteral("t1") }));
    auto c = store.clone(s->id, QStringLiteral("a-copy"));
    QVERIFY2(c.ok(), qPrintable(c.errorString()));
    QCOMPARE(c->version, 1);
    QCOMPARE(c->content, QStringLiteral("x"));
    QCOMPARE(c->tags, QStringList { QStringLiteral("t1") });
    QVERIFY(store.versions(c->id)->first().message.contains(QLatin1String("cloned from 'a'")));
    QVERIFY(store.setTags(c->id, { QStringLiteral("t2"), QStringLiteral("t1") }).ok());
    auto counts = store.tagCounts();
    QCOMPARE(*counts, (QList<QPair<QString, int>> { { QStringLiteral("t1"), 2 }, { QStringLiteral("t2"), 1 } }));
    QVERIFY(!store.setTags(c->id, { QStringLiteral("has space") }).ok());
    QCOMPARE(store.load(c->id)->tags.size(), 2); // the failed change was rolled back
}

void TestScripts::renameTagMerges()
{
    ScriptStore store(*m_ws);
    auto a = store.create(makeScript(QStringLiteral("a"), QStringLiteral("x"), { QStringLiteral("db") }));
    auto b = store.create(
        makeScript(QStringLiteral("b"), QStringLiteral("x"), { QStringLiteral("db"), QStringLiteral("mysql") }));
    auto n = store.renameTag(QStringLiteral("db"), QStringLiteral("mysql"));
    QVERIFY(n.ok());
    QCOMPARE(*n, 2);
    QCOMPARE(store.load(a->id)->tags, QStringList { QStringLiteral("mysql") });
    QCOMPARE(store.load(b->id)->tags, QStringList { QStringLiteral("mysql") });
    QCOMPARE(*store.removeTag(QStringLiteral("mysql")), 2);
    QVERIFY(store.tagCounts()->isEmpty());
}

void TestScripts::fromFileDetectsLanguage_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("assumed");
    QTest::newRow("bash shebang") << "x" << QByteArray("#!/bin/bash\necho\n") << "bash" << false;
    QTest::newRow("env python") << "x.sh" << QByteArray("#!/usr/bin/env python3\nprint(1)\n") << "python" << false;
    QTest::newRow("perl ext") << "tool.pl" << QByteArray("print 1;\n") << "perl" << false;
    QTest::newRow("sh shebang") << "y" << QByteArray("#!/bin/sh\n:\n") << "sh" << false;
    QTest::newRow("nothing") << "notes" << QByteArray("echo hi\n") << "bash" << true;
}

void TestScripts::fromFileDetectsLanguage()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, content);
    QFETCH(QString, language);
    QFETCH(bool, assumed);
    const QString path = m_dir->filePath(file);
    writeFile(path, content);
    QString note;
    auto s = Script::fromFile(path, std::nullopt, &note);
    QVERIFY2(s.ok(), qPrintable(s.errorString()));
    QCOMPARE(ScriptLanguages::name(s->language), language);
    QCOMPARE(!note.isEmpty(), assumed);
    QCOMPARE(s->name, QFileInfo(file).completeBaseName());
    QCOMPARE(s->content.toUtf8(), content);
}

void TestScripts::fromFileRefusesBinaryAndBadUtf8()
{
    const QString bin = m_dir->filePath(QStringLiteral("tool.sh"));
    writeFile(bin,
        QByteArray("#!/bin/sh\n\x7f"
                   "ELF\0\0\x01",
            16));
    auto a = Script::fromFile(bin);
    QVERIFY(!a.ok());
    QCOMPARE(a.error().where.file, bin);
    QVERIFY2(a.error().message.contains(QLatin1String("binary")), qPrintable(a.errorString()));

    const QString latin1 = m_dir->filePath(QStringLiteral("old.sh"));
    writeFile(latin1, QByteArray("echo caf\xe9\n"));
    auto b = Script::fromFile(latin1);
    QVERIFY(!b.ok());
    QVERIFY2(b.error().message.contains(QLatin1String("UTF-8")), qPrintable(b.errorString()));
    QVERIFY2(b.error().message.contains(QLatin1String("line 1")), qPrintable(b.errorString()));

    const QString big = m_dir->filePath(QStringLiteral("big.sh"));
    QByteArray five(5 * 1024 * 1024, 'x');
    for (qsizetype i = 80; i < five.size(); i += 81) {
        five[i] = '\n';
    }
    writeFile(big, five);
    QElapsedTimer t;
    t.start();
    auto c = Script::fromFile(big);
    QVERIFY(c.ok());
    QCOMPARE(c->content.size(), five.size());
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
}

void TestScripts::migrationFromVersion2()
{
    const QString path = m_dir->filePath(QStringLiteral("old.opsdeck"));
    QVERIFY(TestStore::createAtVersion(path, 2).ok());
    auto ws = TestStore::open(path);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), 2);
    ScriptStore store(**ws);
    QVERIFY(store.create(makeScript(QStringLiteral("a"), QStringLiteral("x"))).ok());
}

void TestScripts::filterTenThousand()
{
    QList<Script> scripts;
    for (int i = 0; i < 10000; ++i) {
        Script s = makeScript(QStringLiteral("script-%1").arg(i, 5, 10, QLatin1Char('0')),
            QStringLiteral("#!/bin/bash\n# maintenance task %1\nsystemctl restart service-%1\n").arg(i).repeated(20),
            { i % 2 ? QStringLiteral("odd") : QStringLiteral("even"), QStringLiteral("m%1").arg(i % 7) });
        s.id = i + 1;
        s.description = i == 4242 ? QStringLiteral("The Needle") : QString();
        scripts.append(s);
    }
    ScriptListModel model;
    model.setScripts(scripts);
    ScriptFilterModel filter;
    filter.setSourceModel(&model);
    QElapsedTimer t;
    t.start();
    filter.setText(QStringLiteral("needle"));
    QCOMPARE(filter.rowCount(), 1);
    filter.setText(QStringLiteral("  SERVICE-4242\n")); // trimmed, case-insensitive
    QCOMPARE(filter.rowCount(), 1);
    filter.setText(QString());
    filter.setTags({ QStringLiteral("odd"), QStringLiteral("m3") });
    int expected = 0;
    for (int i = 0; i < 10000; ++i) {
        expected += (i % 2 && i % 7 == 3) ? 1 : 0;
    }
    QCOMPARE(filter.rowCount(), expected);
    qInfo() << "three filters over 10,000 scripts:" << t.elapsed() << "ms";
    QVERIFY2(t.elapsed() < 3000, qPrintable(QString::number(t.elapsed())));
    const auto counts = model.tagCounts();
    QCOMPARE(counts.first(), (QPair<QString, int>(QStringLiteral("even"), 5000)));

    // And the store holds 10,000 scripts and reads them back quickly.
    ScriptStore store(*m_ws);
    QVERIFY(m_ws->inTransaction([&]() -> Result<void> {
                    for (int i = 0; i < 10000; ++i) {
                        if (auto r = store.create(scripts.at(i)); !r) {
                            return r.error();
                        }
                    }
                    return {};
                })
                .ok());
    t.restart();
    auto all = store.loadAll();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 10000);
    qInfo() << "loading 10,000 scripts:" << t.elapsed() << "ms";
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
}

void TestScripts::listModelsUnderTester()
{
    ScriptListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    ScriptFilterModel filter;
    QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    filter.setSourceModel(&model);
    QList<Script> scripts;
    for (int i = 0; i < 20; ++i) {
        Script s = makeScript(QStringLiteral("s%1").arg(i), QStringLiteral("echo %1\n").arg(i),
            { i % 2 ? QStringLiteral("odd") : QStringLiteral("even") });
        s.id = i + 1;
        scripts.append(s);
    }
    model.setScripts(scripts);
    QCOMPARE(model.rowCount(), 20);
    filter.setTags({ QStringLiteral("odd") });
    QCOMPARE(filter.rowCount(), 10);
    Script changed = scripts.at(3);
    changed.tags = { QStringLiteral("even") };
    model.upsert(changed); // a row changes, and leaves the filtered view
    QCOMPARE(filter.rowCount(), 9);
    Script added = makeScript(QStringLiteral("new"), QStringLiteral("true\n"), { QStringLiteral("odd") });
    added.id = 100;
    model.upsert(added); // a row is appended, and joins it
    QCOMPARE(model.rowCount(), 21);
    QCOMPARE(filter.rowCount(), 10);
    filter.setText(QStringLiteral("echo 1"));
    filter.setKind(Script::Kind::System);
    filter.setKind(std::nullopt);
    model.setScripts({});
    QCOMPARE(filter.rowCount(), 0);
}

void TestScripts::dangerGateNeedsAcknowledgement()
{
    const QString text = QStringLiteral("#!/bin/bash\necho start\nrm -rf /\necho $1\n");
    const ScriptFindings findings = DangerRules::check(text, ScriptLanguage::Bash, DangerRules::defaults());
    QCOMPARE(DangerGate::blocking(findings).size(), 1);
    QVERIFY(!DangerGate::mayRun(text, findings, nullptr));
    const auto ack = DangerGate::acknowledge(text, findings, QStringLiteral("alice"));
    QVERIFY(DangerGate::mayRun(text, findings, &ack));
    // Editing another line keeps the acknowledgement; a new dangerous line needs a new one.
    const QString edited = QStringLiteral("#!/bin/bash\necho begin\nrm -rf /\necho $1\n");
    QVERIFY(
        DangerGate::mayRun(edited, DangerRules::check(edited, ScriptLanguage::Bash, DangerRules::defaults()), &ack));
    const QString worse = edited + QStringLiteral("mkfs.ext4 /dev/sdb\n");
    const ScriptFindings more = DangerRules::check(worse, ScriptLanguage::Bash, DangerRules::defaults());
    QVERIFY(!DangerGate::mayRun(worse, more, &ack));
    QCOMPARE(DangerGate::unacknowledged(worse, more, &ack).size(), 1);
    const QString safe = QStringLiteral("rm -rf ./build\n");
    QVERIFY(DangerGate::mayRun(safe, DangerRules::check(safe, ScriptLanguage::Bash, DangerRules::defaults()), nullptr));
}

void TestScripts::dangerRulesInWorkspace()
{
    QVERIFY(ScriptStore::userDangerRules(*m_ws)->isEmpty());
    DangerRule mine;
    mine.id = QStringLiteral("no-yum");
    mine.pattern = QStringLiteral("\\byum\\h+remove\\b");
    mine.severity = ScriptFinding::Severity::Block;
    mine.explanation = QStringLiteral("Use the package pipeline");
    DangerRule off = DangerRules::defaults().first();
    off.enabled = false;
    QVERIFY(ScriptStore::setUserDangerRules(*m_ws, { off, mine }).ok());
    auto effective = ScriptStore::effectiveDangerRules(*m_ws);
    QVERIFY2(effective.ok(), qPrintable(effective.errorString()));
    const QString text = QStringLiteral("yum remove httpd\nrm -rf /\n");
    const ScriptFindings f = DangerRules::check(text, ScriptLanguage::Bash, *effective);
    QStringList codes;
    for (const ScriptFinding& x : f) {
        codes << x.code;
    }
    QVERIFY2(codes.contains(QStringLiteral("no-yum")), qPrintable(codes.join(QLatin1Char(','))));
    QVERIFY2(!codes.contains(off.id), qPrintable(codes.join(QLatin1Char(','))));
    // An invalid pattern is refused, and a damaged setting is an error, not silently the defaults.
    DangerRule bad = mine;
    bad.pattern = QStringLiteral("(unclosed");
    QVERIFY(!ScriptStore::setUserDangerRules(*m_ws, { bad }).ok());
    QVERIFY(m_ws->setSetting(QStringLiteral("scripts/danger_rules"), QStringLiteral("[{oops")).ok());
    QVERIFY(!ScriptStore::effectiveDangerRules(*m_ws).ok());
}

void TestScripts::demoScripts()
{
    QVERIFY(DemoScripts::addTo(*m_ws).ok());
    ScriptStore store(*m_ws);
    auto all = store.loadAll();
    QCOMPARE(all->size(), 5);
    for (const Script& s : *all) {
        // package-upgrade (the Software view's Upgrade…) has one version, the others two.
        QCOMPARE(s.version, s.name == QLatin1String("package-upgrade") ? 1 : 2);
        const ScriptFindings f = DangerRules::check(s.content, s.language, DangerRules::defaults());
        // The release clean-up shows a blocking mark; the others are clean.
        QCOMPARE(!DangerGate::blocking(f).isEmpty(), s.name == QLatin1String("clean-release"));
    }
}

void TestScripts::cliAddListShowVersionsDiff()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    const QString ws = m_dir->filePath(QStringLiteral("cli.opsdeck"));
    const QString file = m_dir->filePath(QStringLiteral("deploy.sh"));
    writeFile(file, "#!/bin/bash\necho one\necho two\n");
    Run r = cli({ QStringLiteral("--workspace"), ws, QStringLiteral("script"), QStringLiteral("add"), file,
        QStringLiteral("--tag"), QStringLiteral("web"), QStringLiteral("--tag"), QStringLiteral("release"),
        QStringLiteral("--kind"), QStringLiteral("system") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QLatin1String("added deploy (version 1)")));
    writeFile(file, "#!/bin/bash\necho one\necho 2\n");
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("add"), file });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QLatin1String("updated deploy (version 2)")), qPrintable(r.err));

    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("list") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("deploy\tbash\tsystem\tv2\trelease,web\n"));
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("list"), QStringLiteral("--tag"),
        QStringLiteral("web"), QStringLiteral("--tag"), QStringLiteral("nope") });
    QCOMPARE(r.out, QString());
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("list"), QStringLiteral("--json") });
    QVERIFY(r.out.contains(QLatin1String("\"kind\": \"system\"")));

    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("deploy"),
        QStringLiteral("--version"), QStringLiteral("1") });
    QCOMPARE(r.out, QStringLiteral("#!/bin/bash\necho one\necho two\n"));
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("show"), QStringLiteral("deploy") });
    QCOMPARE(r.out, QStringLiteral("#!/bin/bash\necho one\necho 2\n"));

    r = cli(
        { QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("versions"), QStringLiteral("deploy") });
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).startsWith(QLatin1String("1\t")));
    QVERIFY(lines.at(1).startsWith(QLatin1String("2\t")));
    QVERIFY(lines.at(1).endsWith(QLatin1String("\tupdated")));

    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("diff"), QStringLiteral("deploy"),
        QStringLiteral("1"), QStringLiteral("2") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out,
        QStringLiteral("--- deploy@1\n+++ deploy@2\n@@ -1,3 +1,3 @@\n #!/bin/bash\n echo one\n-echo two\n+echo 2\n"));
}

void TestScripts::cliTag()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    const QString ws = m_dir->filePath(QStringLiteral("cli.opsdeck"));
    const QString file = m_dir->filePath(QStringLiteral("x.py"));
    writeFile(file, "print(1)\n");
    QCOMPARE(cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("add"), file,
                     QStringLiteral("--tag"), QStringLiteral("old") })
                 .code,
        0);
    Run r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("tag"), QStringLiteral("x"),
        QStringLiteral("+new"), QStringLiteral("-old"), QStringLiteral("+py") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("list") });
    QCOMPARE(r.out, QStringLiteral("x\tpython\tuser\tv1\tnew,py\n"));
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("tag"), QStringLiteral("x"),
        QStringLiteral("bare") });
    QCOMPARE(r.code, 2);
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("tag"), QStringLiteral("nope"),
        QStringLiteral("+a") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("no script named 'nope'")));
}

void TestScripts::cliCheck()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    const QString ws = m_dir->filePath(QStringLiteral("none.opsdeck"));
    const QString bad = m_dir->filePath(QStringLiteral("wipe.sh"));
    writeFile(bad, "#!/bin/bash\nset -e\nrm -rf /\n");
    Run r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("check"), bad });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(bad + QStringLiteral(":3:1: block: ")), qPrintable(r.out));
    const QString ok = m_dir->filePath(QStringLiteral("fine.sh"));
    writeFile(ok, "#!/bin/bash\nrm -rf ./build\necho \"$1\"\n");
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("check"), ok });
    QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
    QCOMPARE(r.out, QString());
    const QString warn = m_dir->filePath(QStringLiteral("warn.sh"));
    writeFile(warn, "#!/bin/bash\necho $1\n");
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("check"), warn });
    QCOMPARE(r.code, 0); // ShellCheck findings never block
    QVERIFY2(r.out.contains(warn + QStringLiteral(":2:6: info: ")) && r.out.contains(QLatin1String("[SC2086]")),
        qPrintable(r.out));
    QVERIFY(!QFileInfo::exists(ws)); // checking does not create a workspace
}

void TestScripts::cliErrors()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    const QString ws = m_dir->filePath(QStringLiteral("cli.opsdeck"));
    Run r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script") });
    QCOMPARE(r.code, 2);
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("frob") });
    QCOMPARE(r.code, 2);
    const QString latin1 = m_dir->filePath(QStringLiteral("old.sh"));
    writeFile(latin1, QByteArray("echo ok\necho caf\xe9\n"));
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("add"), latin1 });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(latin1 + QStringLiteral(": refused: line 2")), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(ws)); // nothing created for a refused file
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("add"),
        m_dir->filePath(QStringLiteral("missing.sh")) });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("missing.sh: cannot read")));
    r = cli({ QStringLiteral("-w"), ws, QStringLiteral("script"), QStringLiteral("diff"), QStringLiteral("x"),
        QStringLiteral("1"), QStringLiteral("zero") });
    QCOMPARE(r.code, 2);
}

QTEST_GUILESS_MAIN(TestScripts)
#include "tst_scripts.moc"
