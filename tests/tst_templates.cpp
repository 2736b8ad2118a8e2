// The template library: store and versioning (as scripts), migration to the template tables, demo templates, the
// preview model (host context, undefined variables, error places), the highlighting scanner, and the `template`
// commands of opsdeck-cli through the real binary.
#include "TestStore.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "store/Workspace.h"
#include "templates/JinjaSyntax.h"
#include "templates/TemplateListModel.h"
#include "templates/TemplatePreview.h"
#include "templates/TemplateStore.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include "CliRunner.h"

namespace {

ConfigTemplate makeTemplate(const QString& name, const QString& content)
{
    ConfigTemplate t;
    t.name = name;
    t.destination = QStringLiteral("/etc/") + name;
    t.mode = QStringLiteral("0644");
    t.owner = QStringLiteral("root:root");
    t.content = content;
    return t;
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestTemplates : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { TESTSTORE_INIT(); }
    void init();
    void createAndReload();
    void everyChangedSaveIsAVersion();
    void restoreMakesANewVersion();
    void fieldsAreValidated();
    void duplicateNameIsRefused();
    void migrationFromVersion4();
    void demoTemplatesRender();
    void listModel();
    void previewContextAndOutput();
    void previewUndefinedNames();
    void previewErrorPlace();
    void scannerKinds();
    void scannerCarriesStateAcrossLines();
    void variableAtCursor();
    void fileSyntaxByDestination();
    void cliAddListShowVersionsDiff();
    void cliRenderStoredTemplate();
    void cliErrors();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_ws;
    QString m_path;
};

void TestTemplates::init()
{
    m_ws.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("w.opsdeck"));
    auto ws = TestStore::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    m_ws = std::move(*ws);
}

void TestTemplates::createAndReload()
{
    TemplateStore store(*m_ws);
    auto created = store.create(makeTemplate(QStringLiteral("nginx.conf"), QStringLiteral("listen {{ port }};\n")));
    QVERIFY2(created.ok(), qPrintable(created.errorString()));
    QVERIFY(created->id > 0);
    QCOMPARE(created->version, 1);
    QVERIFY(!created->author.isEmpty());
    auto all = store.loadAll();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 1);
    const ConfigTemplate& t = all->first();
    QCOMPARE(t.name, QStringLiteral("nginx.conf"));
    QCOMPARE(t.destination, QStringLiteral("/etc/nginx.conf"));
    QCOMPARE(t.mode, QStringLiteral("0644"));
    QCOMPARE(t.owner, QStringLiteral("root:root"));
    QCOMPARE(t.content, QStringLiteral("listen {{ port }};\n"));
    QVERIFY(t.sameVersionedFields(*created));
    auto byName = store.byName(QStringLiteral("nginx.conf"));
    QVERIFY(byName.ok());
    QCOMPARE(byName->id, created->id);
    auto missing = store.byName(QStringLiteral("nope"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.errorString().contains(QStringLiteral("template list")));
}

void TestTemplates::everyChangedSaveIsAVersion()
{
    TemplateStore store(*m_ws);
    auto t = store.create(makeTemplate(QStringLiteral("hosts"), QStringLiteral("a\n")));
    QVERIFY(t.ok());
    ConfigTemplate next = *t;
    bool created = true;
    auto same = store.save(next, QStringLiteral("nothing"), &created);
    QVERIFY(same.ok());
    QVERIFY(!created);
    QCOMPARE(same->version, 1);
    next.mode = QStringLiteral("0600");
    auto v2 = store.save(next, QStringLiteral("tighter"), &created);
    QVERIFY(v2.ok());
    QVERIFY(created);
    QCOMPARE(v2->version, 2);
    next = *v2;
    next.content = QStringLiteral("b\n");
    auto v3 = store.save(next, QStringLiteral("content"));
    QVERIFY(v3.ok());
    QCOMPARE(v3->version, 3);
    auto versions = store.versions(t->id);
    QVERIFY(versions.ok());
    QCOMPARE(versions->size(), 3);
    QCOMPARE(versions->at(0).message, QStringLiteral("created"));
    QCOMPARE(versions->at(1).message, QStringLiteral("tighter"));
    QCOMPARE(versions->at(1).snapshot.mode, QStringLiteral("0600"));
    QCOMPARE(versions->at(1).snapshot.content, QStringLiteral("a\n"));
    QCOMPARE(versions->at(2).snapshot.content, QStringLiteral("b\n"));
    QVERIFY(!store.version(t->id, 4).ok());
}

void TestTemplates::restoreMakesANewVersion()
{
    TemplateStore store(*m_ws);
    auto t = store.create(makeTemplate(QStringLiteral("hosts"), QStringLiteral("one\n")));
    QVERIFY(t.ok());
    ConfigTemplate next = *t;
    next.content = QStringLiteral("two\n");
    QVERIFY(store.save(next).ok());
    auto restored = store.restore(t->id, 1);
    QVERIFY2(restored.ok(), qPrintable(restored.errorString()));
    QCOMPARE(restored->version, 3);
    QCOMPARE(restored->content, QStringLiteral("one\n"));
    auto versions = store.versions(t->id);
    QCOMPARE(versions->size(), 3);
    QCOMPARE(versions->at(1).snapshot.content, QStringLiteral("two\n"));
    QCOMPARE(versions->at(2).message, QStringLiteral("restored version 1"));
}

void TestTemplates::fieldsAreValidated()
{
    TemplateStore store(*m_ws);
    ConfigTemplate t = makeTemplate(QStringLiteral("x"), QStringLiteral("x"));
    t.mode = QStringLiteral("rw-r--r--");
    auto bad = store.create(t);
    QVERIFY(!bad.ok());
    QVERIFY(bad.errorString().contains(QStringLiteral("octal")));
    t.mode = QStringLiteral("755");
    t.destination = QStringLiteral("etc/x");
    QVERIFY(store.create(t).errorString().contains(QStringLiteral("absolute")));
    t.destination.clear();
    t.owner = QStringLiteral("root root");
    QVERIFY(store.create(t).errorString().contains(QStringLiteral("USER:GROUP")));
    t.owner = QStringLiteral("www-data:www-data");
    t.name = QStringLiteral(" x");
    QVERIFY(store.create(t).errorString().contains(QStringLiteral("template name")));
    t.name = QStringLiteral("x");
    QVERIFY(store.create(t).ok());
}

void TestTemplates::duplicateNameIsRefused()
{
    TemplateStore store(*m_ws);
    QVERIFY(store.create(makeTemplate(QStringLiteral("a"), QStringLiteral("1"))).ok());
    auto again = store.create(makeTemplate(QStringLiteral("a"), QStringLiteral("2")));
    QVERIFY(!again.ok());
    QVERIFY(again.errorString().contains(QStringLiteral("exists already")));
    bool isNew = true;
    auto updated = store.addOrUpdate(makeTemplate(QStringLiteral("a"), QStringLiteral("2")), {}, &isNew);
    QVERIFY(updated.ok());
    QVERIFY(!isNew);
    QCOMPARE(updated->version, 2);
}

void TestTemplates::migrationFromVersion4()
{
    const QString p = m_dir->filePath(QStringLiteral("v4.opsdeck"));
    QVERIFY(TestStore::createAtVersion(p, 4).ok());
    auto ws = TestStore::open(p);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), 4);
    TemplateStore store(**ws);
    QVERIFY(store.create(makeTemplate(QStringLiteral("t"), QStringLiteral("x"))).ok());
    QSqlQuery q((*ws)->database());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM template_versions")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestTemplates::demoTemplatesRender()
{
    QVERIFY(m_ws->saveInventory(DemoInventory::make()).ok());
    QVERIFY(DemoTemplates::addTo(*m_ws).ok());
    auto inv = m_ws->loadInventory();
    QVERIFY(inv.ok());
    auto all = TemplateStore(*m_ws).loadAll();
    QVERIFY(all.ok());
    QVERIFY(all->size() >= 4);
    // Every demo template renders for a web host in strict mode, and each has a history to show.
    const QString host = QStringLiteral("web-js-01");
    QVERIFY(inv->host(host));
    const QVariantMap context = TemplatePreview::hostContext(*inv, host);
    for (const ConfigTemplate& t : std::as_const(*all)) {
        QCOMPARE(t.version, 2);
        if (t.name == QLatin1String("mongod.conf")) {
            continue; // needs a mongodb host
        }
        const auto out = TemplatePreview::render(t.content, t.name, {}, context);
        QVERIFY2(out.ok, qPrintable(t.name + QStringLiteral(": ") + out.error.toString()));
        QVERIFY(out.output.contains(host) || t.name == QLatin1String("chrony.conf"));
    }
}

void TestTemplates::listModel()
{
    TemplateListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    ConfigTemplate a = makeTemplate(QStringLiteral("a"), QStringLiteral("alpha"));
    a.id = 1;
    ConfigTemplate b = makeTemplate(QStringLiteral("b"), QStringLiteral("Beta"));
    b.id = 2;
    model.setTemplates({ a, b });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(1, TemplateListModel::Destination).data().toString(), QStringLiteral("/etc/b"));
    QVERIFY(model.index(1, 0).data(TemplateListModel::SearchTextRole).toString().contains(QStringLiteral("beta")));
    b.version = 5;
    model.upsert(b);
    QCOMPARE(model.index(1, TemplateListModel::Version).data().toInt(), 5);
    model.removeId(1);
    QCOMPARE(model.rowCount(), 1);
}

void TestTemplates::previewContextAndOutput()
{
    const Inventory inv = DemoInventory::make();
    const QVariantMap ctx = TemplatePreview::hostContext(inv, QStringLiteral("web-js-01"));
    QCOMPARE(ctx.value(QStringLiteral("inventory_hostname")).toString(), QStringLiteral("web-js-01"));
    QVERIFY(ctx.value(QStringLiteral("group_names")).toList().contains(QStringLiteral("idc_js")));
    const auto out = TemplatePreview::render(
        QStringLiteral("{{ inventory_hostname }} {{ region.id }}\n{% if true %}\nx\n{% endif %}\n"),
        QStringLiteral("t"), {}, ctx);
    QVERIFY(out.ok);
    // trim_blocks on, as Ansible's template module.
    QCOMPARE(out.output, QStringLiteral("web-js-01 js\nx\n"));
    QVERIFY(out.undefinedNames.isEmpty());
    QCOMPARE(TemplatePreview::valueAt(ctx, QStringLiteral("region.id"))->toString(), QStringLiteral("js"));
    QVERIFY(!TemplatePreview::valueAt(ctx, QStringLiteral("region.nope")));
}

void TestTemplates::previewUndefinedNames()
{
    const QString source = QStringLiteral("{{ a }} {{ b | default('x') }} {{ c }}\n");
    Jinja::Options strict;
    const auto s = TemplatePreview::render(source, QStringLiteral("t"), strict, {});
    QVERIFY(!s.ok);
    // Strict stops at the first; the list still has every undefined variable the template uses (b too: a default
    // covers it, and the author sees that this host falls back to it).
    const QStringList all { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    QCOMPARE(s.undefinedNames, all);
    Jinja::Options lenient;
    lenient.undefined = Jinja::UndefinedMode::Lenient;
    const auto l = TemplatePreview::render(source, QStringLiteral("t"), lenient, {});
    QVERIFY(l.ok);
    QCOMPARE(l.output, QStringLiteral(" x \n"));
    QCOMPARE(l.undefinedNames, all);
}

void TestTemplates::previewErrorPlace()
{
    const auto syntax
        = TemplatePreview::render(QStringLiteral("ok\n{% for x in y %}\n"), QStringLiteral("t.j2"), {}, {});
    QVERIFY(!syntax.ok);
    QCOMPARE(syntax.error.where.file, QStringLiteral("t.j2"));
    QVERIFY(syntax.error.where.line >= 2);
    const auto runtime = TemplatePreview::render(QStringLiteral("a\nb {{ 1 // 0 }}\n"), QStringLiteral("t.j2"), {}, {});
    QVERIFY(!runtime.ok);
    QCOMPARE(runtime.error.where.line, 2);
    QVERIFY(runtime.error.where.column >= 3);
}

void TestTemplates::scannerKinds()
{
    using JinjaSyntax::Kind;
    JinjaSyntax::State end;
    const QString line = QStringLiteral("key = {{ region.dns | join(' ') }} {% if x is defined %}{# c #}");
    const auto tokens = JinjaSyntax::scanLine(line, JinjaSyntax::State::Text, JinjaSyntax::FileSyntax::KeyValue, &end);
    QHash<QString, Kind> kinds;
    for (const auto& t : tokens) {
        kinds.insert(line.mid(t.start, t.length), t.kind);
    }
    QCOMPARE(kinds.value(QStringLiteral("key")), Kind::FileKey);
    QCOMPARE(kinds.value(QStringLiteral("{{")), Kind::Delimiter);
    QCOMPARE(kinds.value(QStringLiteral("region")), Kind::Variable);
    QCOMPARE(kinds.value(QStringLiteral("dns")), Kind::Attribute);
    QCOMPARE(kinds.value(QStringLiteral("join")), Kind::Filter);
    QCOMPARE(kinds.value(QStringLiteral("' '")), Kind::String);
    QCOMPARE(kinds.value(QStringLiteral("if")), Kind::Keyword);
    QCOMPARE(kinds.value(QStringLiteral("defined")), Kind::Test);
    QCOMPARE(kinds.value(QStringLiteral("{# c #}")), Kind::Comment);
    QCOMPARE(end, JinjaSyntax::State::Text);
    const auto comment = JinjaSyntax::scanLine(
        QStringLiteral("  # a comment {{ x }}"), JinjaSyntax::State::Text, JinjaSyntax::FileSyntax::Yaml, &end);
    QCOMPARE(comment.at(1).start, 2);
    QCOMPARE(comment.at(1).kind, Kind::FileComment);
    // A tag inside a file comment is still rendered, so it is highlighted as a tag.
    QCOMPARE(comment.at(2).kind, Kind::Delimiter);
}

void TestTemplates::scannerCarriesStateAcrossLines()
{
    JinjaSyntax::State end;
    JinjaSyntax::scanLine(QStringLiteral("a {% if"), JinjaSyntax::State::Text, JinjaSyntax::FileSyntax::Plain, &end);
    QCOMPARE(end, JinjaSyntax::State::Statement);
    const auto tokens = JinjaSyntax::scanLine(
        QStringLiteral("  x %} b"), JinjaSyntax::State::Statement, JinjaSyntax::FileSyntax::Plain, &end);
    QCOMPARE(tokens.first().kind, JinjaSyntax::Kind::Variable);
    QCOMPARE(end, JinjaSyntax::State::Text);
    JinjaSyntax::scanLine(QStringLiteral("{# open"), JinjaSyntax::State::Text, JinjaSyntax::FileSyntax::Plain, &end);
    QCOMPARE(end, JinjaSyntax::State::Comment);
}

void TestTemplates::variableAtCursor()
{
    const QString source
        = QStringLiteral("line one\nresolver {{ region.dns | join(' ') }};\n{% for s in ntp %}{% endfor %}\n");
    auto ref = JinjaSyntax::variableAt(source, 2, 21); // on "dns"
    QVERIFY(ref);
    QCOMPARE(ref->root, QStringLiteral("region"));
    QCOMPARE(ref->path, QStringLiteral("region.dns"));
    ref = JinjaSyntax::variableAt(source, 2, 13); // on "region"
    QVERIFY(ref);
    QCOMPARE(ref->path, QStringLiteral("region"));
    QVERIFY(!JinjaSyntax::variableAt(source, 2, 27)); // on the filter "join"
    QVERIFY(!JinjaSyntax::variableAt(source, 1, 2)); // plain text
    ref = JinjaSyntax::variableAt(source, 3, 14); // "ntp"
    QVERIFY(ref);
    QCOMPARE(ref->root, QStringLiteral("ntp"));
}

void TestTemplates::fileSyntaxByDestination()
{
    using JinjaSyntax::FileSyntax;
    QCOMPARE(JinjaSyntax::fileSyntaxFor(QStringLiteral("/etc/nginx/nginx.conf")), FileSyntax::KeyValue);
    QCOMPARE(JinjaSyntax::fileSyntaxFor(QStringLiteral("/etc/app/config.yml.j2")), FileSyntax::Yaml);
    QCOMPARE(JinjaSyntax::fileSyntaxFor(QStringLiteral("/etc/hosts")), FileSyntax::KeyValue);
    QCOMPARE(JinjaSyntax::fileSyntaxFor(QStringLiteral("/opt/app/env.sh")), FileSyntax::Shell);
    QCOMPARE(JinjaSyntax::fileSyntaxFor(QStringLiteral("/srv/www/index.html")), FileSyntax::Plain);
}

void TestTemplates::cliAddListShowVersionsDiff()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    m_ws.reset();
    const QString file = m_dir->filePath(QStringLiteral("nginx.conf.j2"));
    writeFile(file, "listen {{ http_port }};\n");
    CliRun r = runCli({ QStringLiteral("--workspace"), m_path, QStringLiteral("template"), QStringLiteral("add"), file,
        QStringLiteral("--dest"), QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("--mode"),
        QStringLiteral("0640"), QStringLiteral("--owner"), QStringLiteral("root:www-data") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("added nginx.conf (version 1)")));
    writeFile(file, "listen {{ http_port }};\nserver_name {{ inventory_hostname }};\n");
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("add"), file,
        QStringLiteral("--message"), QStringLiteral("server name") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("updated nginx.conf (version 2)")));

    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("list") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("nginx.conf\t/etc/nginx/nginx.conf\t0640\troot:www-data\tv2\n"));
    r = runCli(
        { QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("list"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(QStringLiteral("\"destination\": \"/etc/nginx/nginx.conf\"")));

    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("show"),
        QStringLiteral("nginx.conf"), QStringLiteral("--version"), QStringLiteral("1") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("listen {{ http_port }};\n"));

    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("versions"),
        QStringLiteral("nginx.conf") });
    QCOMPARE(r.code, 0);
    const QStringList lines = r.out.trimmed().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(1).startsWith(QStringLiteral("2\t")));
    QVERIFY(lines.at(1).endsWith(QStringLiteral("\tserver name")));

    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("diff"),
        QStringLiteral("nginx.conf"), QStringLiteral("1"), QStringLiteral("2") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out,
        QStringLiteral("--- nginx.conf@1\n+++ nginx.conf@2\n@@ -1 +1,2 @@\n listen {{ http_port }};\n"
                       "+server_name {{ inventory_hostname }};\n"));
}

void TestTemplates::cliRenderStoredTemplate()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    QVERIFY(m_ws->saveInventory(DemoInventory::make()).ok());
    QVERIFY(TemplateStore(*m_ws)
                .create(makeTemplate(
                    QStringLiteral("motd"), QStringLiteral("{{ inventory_hostname }} in {{ region.name }}\n")))
                .ok());
    m_ws.reset();
    CliRun r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("render"),
        QStringLiteral("motd"), QStringLiteral("--host"), QStringLiteral("web-js-01") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(r.out, QStringLiteral("web-js-01 in Jiangsu\n"));
    // A file still works, and wins over a stored template of the same name.
    const QString file = m_dir->filePath(QStringLiteral("motd"));
    writeFile(file, "file {{ inventory_hostname }}\n");
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("render"), file,
        QStringLiteral("--host"), QStringLiteral("web-js-01") });
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("file web-js-01\n"));
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("render"),
        QStringLiteral("nope"), QStringLiteral("--host"), QStringLiteral("web-js-01") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("no template of that name")));
}

void TestTemplates::cliErrors()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    m_ws.reset();
    CliRun r = runCli(
        { QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("show"), QStringLiteral("x") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("no template named 'x'")));
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("add") });
    QCOMPARE(r.code, 2);
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("diff"), QStringLiteral("x"),
        QStringLiteral("1"), QStringLiteral("two") });
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("not a version number")));
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("frobnicate") });
    QCOMPARE(r.code, 2);
    const QString file = m_dir->filePath(QStringLiteral("bin.j2"));
    writeFile(file, QByteArray("a\0b", 3));
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("add"), file });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("binary")));
    r = runCli({ QStringLiteral("-w"), m_path, QStringLiteral("template"), QStringLiteral("add"), file,
        QStringLiteral("--mode"), QStringLiteral("999") });
    QCOMPARE(r.code, 2);
}

QTEST_GUILESS_MAIN(TestTemplates)
#include "tst_templates.moc"
