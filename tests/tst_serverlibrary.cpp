// The shared inventory and library through a real opsdeck-server process on loopback (a real workspace with the
// demo inventory, scripts and templates): every new route under every role, optimistic concurrency (409 with the
// current version or revision), body validation naming the field, audit entries, the template preview equal to the
// console's TemplatePreview, Ansible export then import equal to the workspace, and the import's change list equal
// to what `opsdeck-cli inventory import --dry-run` prints.
#include "CliRunner.h"
#include "ServerWithTokens.h"
#include "core/TextDiff.h"
#include "demo/DemoInventory.h"
#include "demo/DemoTemplates.h"
#include "inventory/HostQuery.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"
#include "templates/TemplatePreview.h"
#include "templates/TemplateStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

class TestServerLibrary : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ServerWithTokens> m_server;
    const QStringList m_roles { QStringLiteral("viewer"), QStringLiteral("operator"), QStringLiteral("admin") };

    Reply call(const QString& method, const QString& path, const QString& role, const QByteArray& body = {},
        const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        return m_server->request(method, path, role, body, headers);
    }
    static QByteArray body(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }
    QString revision()
    {
        return call(QStringLiteral("GET"), QStringLiteral("/api/v1/groups"), QStringLiteral("viewer"))
            .json.value(QStringLiteral("revision"))
            .toString();
    }
    // The workspace as the server keeps it, read beside the running server (WAL: readers do not block it).
    Inventory storedInventory()
    {
        auto ws = m_server->openWorkspace();
        if (!ws) {
            return {};
        }
        auto inv = (*ws)->loadInventory();
        return inv ? *inv : Inventory();
    }
    QStringList auditActions()
    {
        const Reply r
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/audit?limit=1000"), QStringLiteral("admin"));
        QStringList out;
        for (const QJsonValue& e : r.json.value(QStringLiteral("entries")).toArray()) {
            const QJsonObject o = e.toObject();
            out << QStringLiteral("%1 %2 %3 %4")
                       .arg(o.value(QStringLiteral("actor")).toString(), o.value(QStringLiteral("action")).toString(),
                           o.value(QStringLiteral("target")).toString(), o.value(QStringLiteral("result")).toString());
        }
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TESTSTORE_INIT();
        m_server = std::make_unique<ServerWithTokens>(
            QStringLiteral(OPSDECK_SERVER_PATH), m_dir.filePath(QStringLiteral("data")));
        const QString tokens = m_server->createTokens();
        QVERIFY2(tokens.isEmpty(), qPrintable(tokens));
        {
            auto ws = m_server->openWorkspace();
            QVERIFY2(ws, qPrintable(ws.errorString()));
            QVERIFY((*ws)->saveInventory(DemoInventory::make()));
            QVERIFY(DemoScripts::addTo(**ws));
            QVERIFY(DemoTemplates::addTo(**ws));
            // What the role matrix deletes and updates, one per role that may.
            ScriptStore scripts(**ws);
            for (const QString& role : m_roles) {
                Script s;
                s.name = QStringLiteral("delete-me-") + role;
                s.content = QStringLiteral("true\n");
                QVERIFY(scripts.create(s));
                ConfigTemplate t;
                t.name = QStringLiteral("delete-me-") + role;
                t.content = QStringLiteral("x\n");
                QVERIFY(TemplateStore(**ws).create(t));
                Host h;
                h.name = QStringLiteral("delete-me-") + role;
                QVERIFY((*ws)->saveHost(h, {}));
                Group g;
                g.name = QStringLiteral("delete-me-") + role;
                QVERIFY((*ws)->saveGroup(g));
            }
            Script s;
            s.name = QStringLiteral("matrix");
            s.content = QStringLiteral("echo matrix\n");
            QVERIFY(scripts.create(s));
            ConfigTemplate t;
            t.name = QStringLiteral("matrix");
            t.content = QStringLiteral("{{ inventory_hostname }}\n");
            QVERIFY(TemplateStore(**ws).create(t));
        }
        const QString started = m_server->start();
        QVERIFY2(started.isEmpty(), qPrintable(started));
    }

    void cleanupTestCase() { m_server->stop(); }

    void everyRouteUnderEveryRole_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("needs");
        QTest::addColumn<QByteArray>("body");
        // {role} is replaced by the role trying, {revision} by the inventory's revision at that moment.
        const auto row = [](const char* m, const QByteArray& p, const char* needs, const QByteArray& body = {}) {
            QTest::newRow(QByteArray(QByteArray(m) + ' ' + p).constData())
                << QString::fromLatin1(m) << QString::fromLatin1(p) << QString::fromLatin1(needs) << body;
        };
        for (const char* kind : { "scripts", "templates" }) {
            const QByteArray k(kind);
            row("GET", "/api/v1/" + k, "viewer");
            row("POST", "/api/v1/" + k, "operator", R"({"name":"made-by-{role}","content":"true\n"})");
            row("GET", "/api/v1/" + k + "/matrix", "viewer");
            row("PUT", "/api/v1/" + k + "/matrix", "operator", R"({"base_version":1,"message":"nothing changes"})");
            row("DELETE", "/api/v1/" + k + "/delete-me-{role}", "operator");
            row("GET", "/api/v1/" + k + "/matrix/versions", "viewer");
            row("GET", "/api/v1/" + k + "/matrix/versions/1", "viewer");
            row("GET", "/api/v1/" + k + "/matrix/diff?from=1&to=1", "viewer");
            row("POST", "/api/v1/" + k + "/matrix/restore", "operator", R"({"version":1,"base_version":1})");
        }
        row("POST", "/api/v1/templates/matrix/render", "viewer", R"({"host":"stage-js-01"})");
        row("GET", "/api/v1/hosts?q=idc:js", "viewer");
        row("POST", "/api/v1/hosts", "operator", R"({"name":"made-by-{role}","address":"10.9.9.9"})");
        row("GET", "/api/v1/hosts/stage-js-01", "viewer");
        row("PUT", "/api/v1/hosts/stage-js-01", "operator", R"({"revision":"{revision}","status":"online"})");
        row("DELETE", "/api/v1/hosts/delete-me-{role}?revision={revision}", "operator");
        row("GET", "/api/v1/hosts/stage-js-01/vars", "viewer");
        row("GET", "/api/v1/groups", "viewer");
        row("POST", "/api/v1/groups", "operator", R"({"name":"made-by-{role}","rule":"host.idc == 'bj'"})");
        row("GET", "/api/v1/groups/all", "viewer");
        row("PUT", "/api/v1/groups/delete-me-{role}", "operator", R"({"revision":"{revision}","priority":3})");
        row("DELETE", "/api/v1/groups/delete-me-{role}?revision={revision}", "operator");
        row("GET", "/api/v1/inventory/query?q=tag:nginx", "viewer");
        row("GET", "/api/v1/inventory/export?format=ini", "viewer");
        row("POST", "/api/v1/inventory/import", "operator",
            R"({"content":"[web]\nweb-new-01\n","format":"ini","mode":"merge","dry_run":true})");
    }

    void everyRouteUnderEveryRole()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, needs);
        QFETCH(QByteArray, body);
        const auto fill = [&](QString text, const QString& role) {
            return text.replace(QStringLiteral("{role}"), role).replace(QStringLiteral("{revision}"), revision());
        };
        Reply r = httpRequest(m_server->port(), method, fill(path, QStringLiteral("x")), {}, body);
        QCOMPARE(r.status, 401);
        QVERIFY2(isErrorShape(r, QStringLiteral("unauthorized")), r.raw.constData());
        for (const QString& role : m_roles) {
            r = call(method, fill(path, role), role, fill(QString::fromUtf8(body), role).toUtf8());
            if (m_roles.indexOf(role) >= m_roles.indexOf(needs)) {
                QVERIFY2(
                    r.status == 200 || r.status == 201, (role + QLatin1Char(' ') + QString::fromUtf8(r.raw)).toUtf8());
                QVERIFY2(!r.json.isEmpty() && !r.json.contains(QStringLiteral("error")), r.raw.constData());
            } else {
                QCOMPARE(r.status, 403);
                QVERIFY2(isErrorShape(r, QStringLiteral("forbidden")), r.raw.constData());
            }
        }
    }

    // Versions as the workspace keeps them, written by the token's name; a stale update is refused with the current
    // version; diffs are TextDiff's; a restore is a new version; a delete takes the versions with it.
    void scriptVersionsAndConflicts()
    {
        const QString op = QStringLiteral("operator");
        Reply r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/scripts"), op,
            R"({"name":"deploy","content":"echo one\n","language":"bash","tags":["web"],"message":"first"})");
        QVERIFY2(r.status == 201, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(r.json.value(QStringLiteral("author")).toString(), QStringLiteral("operator-1"));
        // The same name again: 409 naming the name.
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/scripts"), op, R"({"name":"deploy","content":"x"})");
        QCOMPARE(r.status, 409);
        QCOMPARE(errorField(r), QStringLiteral("name"));
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/scripts/deploy"), op,
            R"({"base_version":1,"content":"echo two\n"})");
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(r.json.value(QStringLiteral("changed")).toBool(), true);
        // Another console still based on version 1: refused, told the current version, nothing written.
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/scripts/deploy"), QStringLiteral("admin"),
            R"({"base_version":1,"content":"echo mine\n"})");
        QCOMPARE(r.status, 409);
        QVERIFY2(isErrorShape(r, QStringLiteral("conflict")), r.raw.constData());
        QCOMPARE(errorField(r), QStringLiteral("base_version"));
        QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("current")).toInt(), 2);
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy"), QStringLiteral("viewer"))
                     .json.value(QStringLiteral("content"))
                     .toString(),
            QStringLiteral("echo two\n"));
        // If-Match says the same as base_version.
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/scripts/deploy"), op, R"({"content":"echo three\n"})",
            { { "If-Match", "\"1\"" } });
        QCOMPARE(r.status, 409);
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/scripts/deploy"), op, R"({"content":"echo three\n"})",
            { { "If-Match", "\"2\"" } });
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 3);
        // Without either: 400 naming base_version.
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/scripts/deploy"), op, R"({"content":"x"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("base_version"));

        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy/versions"), QStringLiteral("viewer"));
        const QJsonArray versions = r.json.value(QStringLiteral("versions")).toArray();
        QCOMPARE(versions.size(), 3);
        QCOMPARE(versions.at(0).toObject().value(QStringLiteral("message")).toString(), QStringLiteral("first"));
        QCOMPARE(versions.at(2).toObject().value(QStringLiteral("author")).toString(), QStringLiteral("operator-1"));
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy/versions/1"), QStringLiteral("viewer"));
        QCOMPARE(r.json.value(QStringLiteral("script")).toObject().value(QStringLiteral("content")).toString(),
            QStringLiteral("echo one\n"));
        QCOMPARE(
            call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy/versions/9"), QStringLiteral("viewer"))
                .status,
            404);
        r = call(
            QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy/diff?from=1&to=3"), QStringLiteral("viewer"));
        QCOMPARE(r.json.value(QStringLiteral("diff")).toString(),
            TextDiff::unified(QStringLiteral("echo one\n"), QStringLiteral("echo three\n"), QStringLiteral("deploy@1"),
                QStringLiteral("deploy@3")));
        QCOMPARE(
            call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy/diff?from=0"), QStringLiteral("viewer"))
                .status,
            400);

        // Restore: stale is refused; current makes version 4 with version 1's content.
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/scripts/deploy/restore"), op,
            R"({"version":1,"base_version":2})");
        QCOMPARE(r.status, 409);
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/scripts/deploy/restore"), op,
            R"({"version":1,"base_version":3})");
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 4);
        QCOMPARE(r.json.value(QStringLiteral("content")).toString(), QStringLiteral("echo one\n"));

        // Delete naming an old version: refused; naming the current one: gone with its versions.
        QCOMPARE(
            call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/scripts/deploy?base_version=3"), op).status, 409);
        QCOMPARE(
            call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/scripts/deploy?base_version=4"), op).status, 200);
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy"), op).status, 404);
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/scripts/deploy/versions"), op).status, 404);

        const QStringList actions = auditActions();
        for (const QString& e : { QStringLiteral("operator-1 script.create script deploy 201"),
                 QStringLiteral("operator-1 script.create script deploy 409"),
                 QStringLiteral("admin-1 script.update script deploy 409"),
                 QStringLiteral("operator-1 script.update script deploy 200"),
                 QStringLiteral("operator-1 script.restore script deploy version 1 200"),
                 QStringLiteral("operator-1 script.delete script deploy 200") }) {
            QVERIFY2(actions.contains(e), qPrintable(e + QStringLiteral(" not in\n") + actions.join(u'\n')));
        }
    }

    void templatesVersionsAndRender()
    {
        const QString op = QStringLiteral("operator");
        Reply r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/templates"), QStringLiteral("viewer"));
        QStringList names;
        for (const QJsonValue& t : r.json.value(QStringLiteral("templates")).toArray()) {
            names << t.toObject().value(QStringLiteral("name")).toString();
        }
        QVERIFY2(names.contains(QStringLiteral("nginx.conf")), qPrintable(names.join(u',')));
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/templates/nginx.conf"), QStringLiteral("viewer"));
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 2);
        const QString nginx = r.json.value(QStringLiteral("content")).toString();
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/templates/nginx.conf"), op,
            R"({"base_version":2,"mode":"0600"})");
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 3);
        QCOMPARE(r.json.value(QStringLiteral("mode")).toString(), QStringLiteral("0600"));
        QCOMPARE(r.json.value(QStringLiteral("content")).toString(), nginx); // fields left out are kept
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/templates/nginx.conf"), op,
            R"({"base_version":3,"mode":"rwx"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("mode"));
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/templates/nginx.conf/diff"), QStringLiteral("viewer"));
        QCOMPARE(r.json.value(QStringLiteral("from")).toInt(), 2);
        QCOMPARE(r.json.value(QStringLiteral("diff")).toString(), QString()); // only the mode changed

        // The preview: what the console's TemplatePreview renders for that host, job variables on top.
        const Inventory inv = storedInventory();
        QVERIFY(inv.hosts().size() > 10);
        for (const QString& host : { QStringLiteral("stage-js-01"), inv.hosts().first().name }) {
            r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/templates/nginx.conf/render"),
                QStringLiteral("viewer"),
                body({ { QStringLiteral("host"), host },
                    { QStringLiteral("variables"), QJsonObject { { QStringLiteral("canary"), true } } } }));
            QVERIFY2(r.status == 200, r.raw.constData());
            QVariantMap context = TemplatePreview::hostContext(inv, host);
            context.insert(QStringLiteral("canary"), true);
            const TemplatePreview::Outcome expected
                = TemplatePreview::render(nginx, QStringLiteral("nginx.conf"), {}, context);
            QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), expected.ok);
            QCOMPARE(r.json.value(QStringLiteral("output")).toString(), expected.output);
            QCOMPARE(r.json.value(QStringLiteral("undefined")).toVariant().toStringList(), expected.undefinedNames);
        }
        QVERIFY(!r.json.value(QStringLiteral("output")).toString().isEmpty());
        // A render error says where: line and column.
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/templates/matrix/render"), QStringLiteral("viewer"),
            R"({"host":"stage-js-01","content":"line one\n{{ 1 + }}\n"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), false);
        const QJsonObject e = r.json.value(QStringLiteral("render_error")).toObject();
        QCOMPARE(e.value(QStringLiteral("line")).toInt(), 2);
        QVERIFY2(e.value(QStringLiteral("column")).toInt() > 1, r.raw.constData());
        QVERIFY(r.json.value(QStringLiteral("output")).isNull());
        // Bounded: a template that would print more than the server's limit is an error, not a long answer.
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/templates/matrix/render"), QStringLiteral("viewer"),
            R"({"host":"stage-js-01","content":"{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), false);
        QVERIFY(r.raw.size() < 10'000);
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/templates/matrix/render"), QStringLiteral("viewer"),
            R"({"host":"no-such-host"})");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("host"));
    }

    // Each bad body or parameter is a 400 whose field names what is wrong.
    void validationNamesTheField_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const auto row = [](const char* name, const char* m, const char* p, const QByteArray& body, const char* field) {
            QTest::newRow(name) << QString::fromLatin1(m) << QString::fromLatin1(p) << body
                                << QString::fromLatin1(field);
        };
        row("script: not json", "POST", "/api/v1/scripts", "{oops", "");
        row("script: unknown field", "POST", "/api/v1/scripts", R"({"name":"a","content":"","colour":"red"})",
            "colour");
        row("script: missing name", "POST", "/api/v1/scripts", R"({"content":"x"})", "name");
        row("script: missing content", "POST", "/api/v1/scripts", R"({"name":"a"})", "content");
        row("script: content not a string", "POST", "/api/v1/scripts", R"({"name":"a","content":5})", "content");
        row("script: bad language", "POST", "/api/v1/scripts", R"({"name":"a","content":"","language":"cobol"})",
            "language");
        row("script: tags not strings", "POST", "/api/v1/scripts", R"({"name":"a","content":"","tags":[1]})",
            "tags[0]");
        row("script: bad tag", "POST", "/api/v1/scripts", R"({"name":"a","content":"","tags":["a b"]})", "tags");
        row("script: bad name", "POST", "/api/v1/scripts", R"({"name":" a","content":""})", "name");
        row("script: a slash in the name", "POST", "/api/v1/scripts", R"({"name":"a/b","content":""})", "name");
        row("script: base_version not a number", "PUT", "/api/v1/scripts/matrix", R"({"base_version":"1"})",
            "base_version");
        row("restore: missing version", "POST", "/api/v1/scripts/matrix/restore", R"({"base_version":1})", "version");
        row("template: bad destination", "POST", "/api/v1/templates",
            R"({"name":"b","content":"","destination":"etc/x"})", "destination");
        row("render: missing host", "POST", "/api/v1/templates/matrix/render", "{}", "host");
        row("render: variables not an object", "POST", "/api/v1/templates/matrix/render",
            R"({"host":"stage-js-01","variables":[1]})", "variables");
        row("render: bad undefined", "POST", "/api/v1/templates/matrix/render",
            R"({"host":"stage-js-01","undefined":"loud"})", "undefined");
        row("host: missing name", "POST", "/api/v1/hosts", R"({"address":"10.0.0.1"})", "name");
        row("host: port out of range", "POST", "/api/v1/hosts", R"({"name":"p","port":70000})", "port");
        row("host: port a string", "POST", "/api/v1/hosts", R"({"name":"p","port":"22"})", "port");
        row("host: unknown group", "POST", "/api/v1/hosts", R"({"name":"p","groups":["web","nope"]})", "groups[1]");
        row("host: vars not an object", "POST", "/api/v1/hosts", R"({"name":"p","vars":"x=1"})", "vars");
        row("host: update without revision", "PUT", "/api/v1/hosts/stage-js-01", R"({"status":"online"})", "revision");
        row("group: bad rule", "POST", "/api/v1/groups", R"({"name":"g","rule":"host.idc =="})", "rule");
        row("group: hosts of a dynamic group", "POST", "/api/v1/groups",
            R"({"name":"g","rule":"host.idc == 'js'","hosts":["stage-js-01"]})", "hosts");
        row("group: unknown child", "POST", "/api/v1/groups", R"({"name":"g","children":["nope"]})", "children[0]");
        row("group: bad kind", "POST", "/api/v1/groups", R"({"name":"g","kind":"rack"})", "kind");
        row("query: bad syntax", "GET", "/api/v1/inventory/query?q=idc:%22js", "", "q");
        row("export: bad format", "GET", "/api/v1/inventory/export?format=json", "", "format");
        row("import: missing content", "POST", "/api/v1/inventory/import", R"({"format":"ini"})", "content");
        row("import: bad mode", "POST", "/api/v1/inventory/import", R"({"content":"","format":"ini","mode":"zap"})",
            "mode");
        row("import: dry_run not a bool", "POST", "/api/v1/inventory/import",
            R"({"content":"","format":"ini","dry_run":"yes"})", "dry_run");
        row("import: unparsable", "POST", "/api/v1/inventory/import",
            "{\"content\":\"[web\\nx\\n\",\"format\":\"ini\",\"dry_run\":true}", "content");
        row("import: without revision", "POST", "/api/v1/inventory/import",
            R"({"content":"[web]\nx\n","format":"ini"})", "revision");
    }

    void validationNamesTheField()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const Reply r = call(method, path, QStringLiteral("operator"), body);
        QVERIFY2(r.status == 400 && isErrorShape(r, QStringLiteral("bad_request")), r.raw.constData());
        QCOMPARE(errorField(r), field);
    }

    void badRuleAndQueryNameTheColumn()
    {
        Reply r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/groups"), QStringLiteral("operator"),
            R"({"name":"g","rule":"host.idc =="})");
        QVERIFY2(r.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .startsWith(QStringLiteral("rule:1:")),
            r.raw.constData());
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/hosts?q=web%20idc:%22js"), QStringLiteral("viewer"));
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .startsWith(QStringLiteral("query:1:9:")),
            r.raw.constData());
    }

    void inventoryWritesAndRevisions()
    {
        const QString op = QStringLiteral("operator");
        const QString before = revision();
        QCOMPARE(before.size(), 32);
        Reply r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/hosts"), op,
            R"({"name":"api-01","address":"10.7.0.1","port":2222,"idc":"js","tags":["api"],"groups":["web"],)"
            R"("vars":{"weight":1.0,"count":1,"nested":{"a":[1,2]}}})");
        QVERIFY2(r.status == 201, r.raw.constData());
        const QString afterCreate = r.json.value(QStringLiteral("revision")).toString();
        QVERIFY(afterCreate != before);
        QCOMPARE(r.json.value(QStringLiteral("groups")).toArray(), QJsonArray { QStringLiteral("web") });
        // Stored as sent: 1.0 stays a float.
        const Host* stored = nullptr;
        const Inventory inv = storedInventory();
        stored = inv.host(QStringLiteral("api-01"));
        QVERIFY(stored);
        QCOMPARE(stored->port, 2222);
        QCOMPARE(stored->vars.value(QStringLiteral("weight")).typeId(), QMetaType::Double);
        QCOMPARE(stored->vars.value(QStringLiteral("count")).typeId(), QMetaType::LongLong);
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/hosts"), op, R"({"name":"api-01"})").status, 409);

        // An edit based on the revision before the create: 409 with the current revision; nothing changed.
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/hosts/api-01"), op,
            body({ { QStringLiteral("revision"), before },
                { QStringLiteral("status"), QStringLiteral("maintenance") } }));
        QCOMPARE(r.status, 409);
        QCOMPARE(errorField(r), QStringLiteral("revision"));
        QCOMPARE(
            r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("current")).toString(), afterCreate);
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/hosts/api-01"), op, R"({"status":"maintenance"})",
            { { "If-Match", "\"" + afterCreate.toLatin1() + "\"" } });
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("maintenance"));
        QCOMPARE(r.json.value(QStringLiteral("address")).toString(), QStringLiteral("10.7.0.1")); // kept
        QCOMPARE(r.json.value(QStringLiteral("groups")).toArray(), QJsonArray { QStringLiteral("web") }); // kept

        // Variables with provenance, as the console's variables view shows them.
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/hosts/api-01/vars"), QStringLiteral("viewer"));
        QHash<QString, QString> source;
        for (const QJsonValue& v : r.json.value(QStringLiteral("vars")).toArray()) {
            source.insert(v.toObject().value(QStringLiteral("key")).toString(),
                v.toObject().value(QStringLiteral("source")).toString());
        }
        const Inventory now = storedInventory();
        const QList<ResolvedVar> expected = now.resolveVarsWithProvenance(QStringLiteral("api-01"));
        QCOMPARE(source.size(), expected.size());
        for (const ResolvedVar& v : expected) {
            QCOMPARE(source.value(v.key), v.source.toString());
        }
        QCOMPARE(source.value(QStringLiteral("weight")), QStringLiteral("host api-01"));

        // A dynamic group: members from its rule; a query finds the same hosts the console's search does.
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/groups"), op,
            R"({"name":"api-hosts","kind":"set","rule":"'api' in host.tags"})");
        QVERIFY2(r.status == 201, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("hosts")).toArray(), QJsonArray { QStringLiteral("api-01") });
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/hosts?q=group:api-hosts"), QStringLiteral("viewer"));
        QCOMPARE(r.json.value(QStringLiteral("hosts")).toArray().size(), 1);
        r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/inventory/query?q=idc:js%20-tag:api"),
            QStringLiteral("viewer"));
        auto query = HostQuery::parse(QStringLiteral("idc:js -tag:api"));
        QVERIFY(query);
        const Inventory latest = storedInventory();
        query->bind(latest);
        QStringList want;
        for (const int i : query->filter(latest)) {
            want << latest.hosts().at(i).name;
        }
        QStringList got;
        for (const QJsonValue& h : r.json.value(QStringLiteral("hosts")).toArray()) {
            got << h.toObject().value(QStringLiteral("name")).toString();
        }
        QCOMPARE(got, want);
        QVERIFY(got.size() > 5);
        QCOMPARE(r.json.value(QStringLiteral("expression")).toString(), query->toExpression());

        // A cycle of children is refused naming children.
        r = call(QStringLiteral("PUT"), QStringLiteral("/api/v1/groups/web"), op,
            body({ { QStringLiteral("revision"), revision() },
                { QStringLiteral("children"), QJsonArray { QStringLiteral("all") } } }));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("children[0]"));

        // Deletes need the current revision.
        QCOMPARE(
            call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/groups/api-hosts?revision=") + before, op).status,
            409);
        QCOMPARE(call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/groups/api-hosts?revision=") + revision(), op)
                     .status,
            200);
        QCOMPARE(call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/hosts/api-01"), op).status, 400);
        QCOMPARE(
            call(QStringLiteral("DELETE"), QStringLiteral("/api/v1/hosts/api-01?revision=") + revision(), op).status,
            200);
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/hosts/api-01"), op).status, 404);

        // A write beside the server (the CLI or a console on the same workspace file) is seen at once: the server's
        // cached inventory follows SQLite's data_version (PostgreSQL's WAL position on the _pg run).
        const QString beforeOutside = revision();
        {
            auto ws = m_server->openWorkspace();
            QVERIFY(ws);
            Host outside;
            outside.name = QStringLiteral("written-outside");
            QVERIFY((*ws)->saveHost(outside, {}));
        }
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/hosts/written-outside"), op).status, 200);
        QVERIFY(revision() != beforeOutside);

        const QStringList actions = auditActions();
        for (const QString& e : { QStringLiteral("operator-1 host.create host api-01 201"),
                 QStringLiteral("operator-1 host.update host api-01 409"),
                 QStringLiteral("operator-1 host.update host api-01 200"),
                 QStringLiteral("operator-1 group.create group api-hosts 201"),
                 QStringLiteral("operator-1 group.delete group api-hosts 409"),
                 QStringLiteral("operator-1 host.delete host api-01 200"),
                 QStringLiteral("viewer-1 POST /api/v1/hosts /api/v1/hosts 403") }) {
            QVERIFY2(actions.contains(e), qPrintable(e + QStringLiteral(" not in\n") + actions.join(u'\n')));
        }
    }

    // Export, then import the export in replace mode: the workspace is what it was (ansible-inventory's view of it).
    // The dry run's change list is what `opsdeck-cli inventory import --dry-run` prints for the same file.
    void exportImportRoundTrip()
    {
        const QString op = QStringLiteral("operator");
        const QByteArray listBefore = AnsibleInventory::toAnsibleListJson(storedInventory());
        for (const QString& format : { QStringLiteral("yaml"), QStringLiteral("ini") }) {
            Reply r = call(QStringLiteral("GET"), QStringLiteral("/api/v1/inventory/export?format=") + format,
                QStringLiteral("viewer"));
            QCOMPARE(r.status, 200);
            const QString content = r.json.value(QStringLiteral("content")).toString();
            QVERIFY(content.size() > 1000);
            r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/inventory/import"), op,
                body({ { QStringLiteral("content"), content }, { QStringLiteral("format"), format },
                    { QStringLiteral("mode"), QStringLiteral("replace") },
                    { QStringLiteral("revision"), revision() } }));
            QVERIFY2(r.status == 200, r.raw.left(2000).constData());
            QCOMPARE(AnsibleInventory::toAnsibleListJson(storedInventory()), listBefore);
        }

        // A merge with a stale revision is refused; a dry run needs none and writes nothing.
        const QByteArray ini = "[web]\nweb-new-01 ansible_host=10.1.1.1\n\n[web:vars]\nnginx_worker_processes=4\n";
        QFile file(m_dir.filePath(QStringLiteral("more.ini")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(ini);
        file.close();
        const QString current = revision();
        Reply r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/inventory/import"), op,
            body({ { QStringLiteral("content"), QString::fromUtf8(ini) },
                { QStringLiteral("format"), QStringLiteral("ini") }, { QStringLiteral("dry_run"), true } }));
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("applied")).toBool(), false);
        QCOMPARE(revision(), current);
        // The CLI's own dry run on the same workspace file prints the same (the CLI opens files only).
        if (!TestStore::postgres()) {
            const CliRun cli = runCli({ QStringLiteral("--workspace"), m_server->workspacePath(),
                QStringLiteral("inventory"), QStringLiteral("import"), file.fileName(), QStringLiteral("--dry-run") });
            QCOMPARE(cli.code, 0);
            QCOMPARE(r.json.value(QStringLiteral("text")).toString(), cli.out);
            QVERIFY2(cli.err.contains(r.json.value(QStringLiteral("summary")).toString()), qPrintable(cli.err));
        }
        bool hostAdded = false;
        for (const QJsonValue& c : r.json.value(QStringLiteral("changes")).toArray()) {
            const QJsonObject o = c.toObject();
            hostAdded = hostAdded
                || (o.value(QStringLiteral("kind")) == QStringLiteral("host")
                    && o.value(QStringLiteral("name")) == QStringLiteral("web-new-01")
                    && o.value(QStringLiteral("state")) == QStringLiteral("added"));
        }
        QVERIFY2(hostAdded, r.raw.constData());
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/inventory/import"), op,
            body({ { QStringLiteral("content"), QString::fromUtf8(ini) },
                { QStringLiteral("format"), QStringLiteral("ini") },
                { QStringLiteral("revision"), QStringLiteral("0123456789abcdef0123456789abcdef") } }));
        QCOMPARE(r.status, 409);
        r = call(QStringLiteral("POST"), QStringLiteral("/api/v1/inventory/import"), op,
            body({ { QStringLiteral("content"), QString::fromUtf8(ini) },
                { QStringLiteral("format"), QStringLiteral("ini") }, { QStringLiteral("revision"), current } }));
        QVERIFY2(r.status == 200 && r.json.value(QStringLiteral("applied")).toBool(), r.raw.constData());
        QVERIFY(storedInventory().host(QStringLiteral("web-new-01")));
        QVERIFY(auditActions().contains(QStringLiteral("operator-1 inventory.import inventory (merge) 200")));
    }
};

QTEST_GUILESS_MAIN(TestServerLibrary)
#include "tst_serverlibrary.moc"
