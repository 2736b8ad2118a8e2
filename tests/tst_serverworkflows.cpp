// Workflows on the control server: a real opsdeck-server over a data directory whose hosts are a real sshd on
// loopback. A workflow imported over HTTP (and a bad one refused, naming node and field; If-Match on updates;
// versions; the what-if preview), a run started by HTTP and followed over the WebSocket event stream, its approval
// refused to a viewer, to an operator who is no approver and without the required comment, then given with one —
// the run ends succeeded and the audit log names the approver; pause, resume and cancel through the job routes; a
// server killed mid-run and restarted shows the run interrupted; a SIGTERM while a node runs refuses new runs (503);
// `opsdeck-cli --server … workflow` import (problems listed), list, show, export, versions, what-if, a run followed
// to its end with the approval given from a second CLI, status, and a failing run's exit code.
#include "CliRunner.h"
#include "FlakyWorkflow.h"
#include "ServerClient.h"
#include "ServerProcess.h"
#include "SshdFixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

namespace {

// Two nodes on both hosts around an approval that only `lead` may give, with a comment.
const char* const kRelease = R"(name: release
params:
  - name: word
    default: hello
targets:
  hosts: [srv-01, srv-02]
nodes:
  - id: precheck
    kind: run-script
    inline: "echo precheck {{ params.word }}"
  - id: gate
    kind: approval
    approvers: [lead]
    message: "Go on?"
    comment_required: true
  - id: apply
    kind: run-script
    inline: "echo applied"
    plan: "1 100%"
edges:
  - from: precheck
    to: gate
  - from: gate
    to: apply
)";

// A node that takes a while on the hosts.
const char* const kSlow = R"(name: slow
targets:
  hosts: [srv-01]
nodes:
  - id: nap
    kind: run-script
    inline: "echo napping; sleep 4; echo awake"
)";

// Problems the validation names: a template that is not in the library, an edge to a node that does not exist.
const char* const kBad = R"(name: bad
nodes:
  - id: push
    kind: push-template
    template: no-such-template
    dest: /tmp/x
edges:
  - from: push
    to: ghost
)";

QByteArray runBody(const QString& word = QStringLiteral("hello"))
{
    return QJsonDocument(QJsonObject { { QStringLiteral("params"), QJsonObject { { QStringLiteral("word"), word } } } })
        .toJson(QJsonDocument::Compact);
}

QByteArray decision(const QString& what, const QString& comment = {})
{
    QJsonObject o { { QStringLiteral("decision"), what } };
    if (!comment.isEmpty()) {
        o.insert(QStringLiteral("comment"), comment);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

class TestServerWorkflows : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SshdFixture> m_sshd;
    ServerProcess m_server;
    QHash<QString, QString> m_tokens; // by name: ops (operator), lead (operator, the approver), watcher (viewer)

    QString data() const { return m_dir.filePath(QStringLiteral("data")); }
    QStringList sshOptions() const
    {
        return { QStringLiteral("--known-hosts"), m_sshd->knownHostsPath(), QStringLiteral("--ssh-config"),
            QStringLiteral("none") };
    }
    Reply request(const QString& method, const QString& path, const QString& who, const QByteArray& body = {},
        const QList<QPair<QByteArray, QByteArray>>& headers = {}) const
    {
        return httpRequest(m_server.port(), method, path, m_tokens.value(who), body, headers);
    }
    QJsonArray events(const QString& job)
    {
        return request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/%1/events?limit=10000").arg(job),
            QStringLiteral("watcher"))
            .json.value(QStringLiteral("events"))
            .toArray();
    }
    // The first stored event of `job` of that type (and node), waiting up to `ms`; empty when none came.
    QJsonObject waitForEvent(const QString& job, const QString& type, const QString& node = {}, int ms = 30'000)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < ms) {
            for (const QJsonValue& v : events(job)) {
                const QJsonObject e = v.toObject();
                if (e.value(QStringLiteral("type")).toString() == type
                    && (node.isEmpty() || e.value(QStringLiteral("node")).toString() == node)) {
                    return e;
                }
            }
            QTest::qWait(100);
        }
        return {};
    }
    QString startRun(const QString& workflow, const QByteArray& body = runBody())
    {
        const Reply r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/workflows/%1/runs").arg(workflow),
            QStringLiteral("ops"), body);
        if (r.status != 201) {
            qWarning("%s", r.raw.constData());
            return {};
        }
        return r.json.value(QStringLiteral("id")).toString();
    }
    // `opsdeck-cli --server URL --token-file (WHO's token) workflow ARGS…`
    QStringList cli(const QString& who, const QStringList& args) const
    {
        return QStringList { QStringLiteral("--server"), m_server.url(), QStringLiteral("--token-file"),
            m_dir.filePath(who + QStringLiteral(".token")), QStringLiteral("workflow") }
        + args;
    }
    QString writeFile(const QString& name, const QByteArray& text) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        f.write(text);
        return path;
    }
    void put(const QString& name, const char* yaml)
    {
        const Reply r = request(QStringLiteral("PUT"), QStringLiteral("/api/v1/workflows/") + name,
            QStringLiteral("ops"), QByteArray(yaml));
        QVERIFY2(r.status == 201 || r.status == 200, r.raw.constData());
    }

private slots:
    void initTestCase()
    {
        if (!SshdFixture::unavailableReason().isEmpty()) {
            QSKIP(qPrintable(SshdFixture::unavailableReason()));
        }
        QVERIFY(m_dir.isValid());
        QString error;
        for (const auto& [name, role] : { std::pair { QStringLiteral("ops"), QStringLiteral("operator") },
                 std::pair { QStringLiteral("lead"), QStringLiteral("operator") },
                 std::pair { QStringLiteral("watcher"), QStringLiteral("viewer") },
                 std::pair { QStringLiteral("boss"), QStringLiteral("admin") } }) {
            const QString token = ServerProcess::createToken(data(), role, name, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            m_tokens.insert(name, token);
            writeFile(name + QStringLiteral(".token"), token.toLatin1() + "\n");
        }
        m_sshd = std::make_unique<SshdFixture>();
        QVERIFY2(m_sshd->start(2, &error), qPrintable(error));
        QVERIFY2(ServerProcess::writeSshdInventory(data(), *m_sshd, 2, &error), qPrintable(error));
        QVERIFY2(m_server.startServer(data(), sshOptions(), 0, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_server.stop();
        if (m_sshd) {
            m_sshd->stop();
        }
    }

    // PUT from YAML, If-Match on updates, a bad workflow refused with every problem naming node and field, the
    // roles, versions, list and the what-if preview.
    void importOverHttp()
    {
        const QString path = QStringLiteral("/api/v1/workflows/release");
        QCOMPARE(request(QStringLiteral("PUT"), path, QStringLiteral("watcher"), kRelease).status, 403);
        Reply r = request(QStringLiteral("PUT"), path, QStringLiteral("ops"), kRelease);
        QVERIFY2(r.status == 201, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(r.json.value(QStringLiteral("author")).toString(), QStringLiteral("ops"));
        // An update must say which version it is based on.
        r = request(QStringLiteral("PUT"), path, QStringLiteral("ops"), kRelease);
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("base_version"));
        const QByteArray changed = QByteArray(kRelease).replace("default: hello", "default: hi");
        r = request(QStringLiteral("PUT"), path, QStringLiteral("ops"), changed, { { "If-Match", "7" } });
        QCOMPARE(r.status, 409);
        QVERIFY(isErrorShape(r, QStringLiteral("conflict")));
        // The JSON form with base_version.
        const QByteArray json = QJsonDocument(
            QJsonObject { { QStringLiteral("yaml"), QString::fromUtf8(changed) },
                { QStringLiteral("message"), QStringLiteral("shorter word") },
                { QStringLiteral("base_version"),
                    1 } }).toJson(QJsonDocument::Compact);
        r = request(QStringLiteral("PUT"), path, QStringLiteral("ops"), json);
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 2);
        QCOMPARE(r.json.value(QStringLiteral("changed")).toBool(), true);
        r = request(QStringLiteral("PUT"), path, QStringLiteral("ops"), kRelease, { { "If-Match", "\"2\"" } });
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 3);

        // The bad one: refused, every problem listed with its node and field; nothing stored.
        r = request(QStringLiteral("PUT"), QStringLiteral("/api/v1/workflows/bad"), QStringLiteral("ops"), kBad);
        QCOMPARE(r.status, 400);
        QVERIFY(isErrorShape(r, QStringLiteral("invalid_workflow")));
        QCOMPARE(errorField(r).isEmpty(), false);
        const QJsonArray problems
            = r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("problems")).toArray();
        bool templateNamed = false;
        bool edgeNamed = false;
        for (const QJsonValue& v : problems) {
            const QJsonObject p = v.toObject();
            templateNamed = templateNamed
                || (p.value(QStringLiteral("node")).toString() == QLatin1String("push")
                    && p.value(QStringLiteral("field")).toString() == QLatin1String("template"));
            edgeNamed = edgeNamed || p.value(QStringLiteral("edge")).toInt(-1) == 0;
        }
        QVERIFY2(templateNamed && edgeNamed, r.raw.constData());
        QCOMPARE(
            request(QStringLiteral("GET"), QStringLiteral("/api/v1/workflows/bad"), QStringLiteral("watcher")).status,
            404);
        // YAML that does not parse: the place is named.
        r = request(QStringLiteral("PUT"), QStringLiteral("/api/v1/workflows/bad"), QStringLiteral("ops"),
            "name: bad\nnodes:\n  - id: [\n");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("yaml"));
        // The path and the YAML must agree on the name.
        r = request(QStringLiteral("PUT"), QStringLiteral("/api/v1/workflows/other"), QStringLiteral("ops"), kRelease);
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("name"));

        put(QStringLiteral("slow"), kSlow);
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/workflows"), QStringLiteral("watcher"));
        QCOMPARE(r.status, 200);
        QStringList names;
        for (const QJsonValue& v : r.json.value(QStringLiteral("workflows")).toArray()) {
            names << v.toObject().value(QStringLiteral("name")).toString();
        }
        QCOMPARE(names, (QStringList { QStringLiteral("release"), QStringLiteral("slow") }));
        r = request(QStringLiteral("GET"), path, QStringLiteral("watcher"));
        QCOMPARE(r.json.value(QStringLiteral("version")).toInt(), 3);
        QVERIFY(r.json.value(QStringLiteral("yaml")).toString().contains(QLatin1String("default: hello")));
        r = request(QStringLiteral("GET"), path + QStringLiteral("/versions"), QStringLiteral("watcher"));
        QCOMPARE(r.json.value(QStringLiteral("versions")).toArray().size(), 3);
        QCOMPARE(r.json.value(QStringLiteral("versions")).toArray().at(1).toObject().value(QStringLiteral("message")),
            QStringLiteral("shorter word"));
        r = request(QStringLiteral("GET"), path + QStringLiteral("/versions/2"), QStringLiteral("watcher"));
        QVERIFY(r.json.value(QStringLiteral("yaml")).toString().contains(QLatin1String("default: hi\n")));
        QCOMPARE(request(QStringLiteral("GET"), path + QStringLiteral("/versions/9"), QStringLiteral("watcher")).status,
            404);

        // What-if: nothing runs; apply's plan over both hosts; with the gate failing, apply is skipped.
        r = request(QStringLiteral("POST"), path + QStringLiteral("/what-if"), QStringLiteral("watcher"), "{}");
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        const QJsonArray nodes = r.json.value(QStringLiteral("nodes")).toArray();
        QCOMPARE(nodes.size(), 3);
        QCOMPARE(nodes.at(2).toObject().value(QStringLiteral("node")).toString(), QStringLiteral("apply"));
        QCOMPARE(nodes.at(2).toObject().value(QStringLiteral("batches")).toArray(), (QJsonArray { 1, 1 }));
        r = request(
            QStringLiteral("POST"), path + QStringLiteral("/what-if"), QStringLiteral("watcher"), R"({"fail":"gate"})");
        QCOMPARE(r.json.value(QStringLiteral("nodes")).toArray().last().toObject().value(QStringLiteral("outcome")),
            QStringLiteral("skipped"));
        r = request(QStringLiteral("POST"), path + QStringLiteral("/what-if"), QStringLiteral("watcher"),
            R"({"params":{"nope":1}})");
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("params"));
    }

    // A run on the server followed over the WebSocket; the approval decided by HTTP; the run succeeds.
    void runWithApprovalOverHttp()
    {
        QWebSocket ws;
        QNetworkRequest upgrade(QUrl(QStringLiteral("ws://127.0.0.1:%1/api/v1/events").arg(m_server.port())));
        upgrade.setRawHeader("Authorization", "Bearer " + m_tokens.value(QStringLiteral("watcher")).toLatin1());
        QSignalSpy connected(&ws, &QWebSocket::connected);
        QList<QJsonObject> seen;
        connect(&ws, &QWebSocket::textMessageReceived, this, [&seen](const QString& text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            if (o.value(QStringLiteral("type")).toString() == QLatin1String("event")) {
                seen << o.value(QStringLiteral("event")).toObject();
            }
        });
        const auto seenType = [&seen](const QString& type, const QString& node = {}) -> QJsonObject {
            for (const QJsonObject& e : seen) {
                if (e.value(QStringLiteral("type")).toString() == type
                    && (node.isEmpty() || e.value(QStringLiteral("node")).toString() == node)) {
                    return e;
                }
            }
            return {};
        };
        ws.open(upgrade);
        QVERIFY(connected.wait(10'000));

        QCOMPARE(request(QStringLiteral("POST"), QStringLiteral("/api/v1/workflows/release/runs"),
                     QStringLiteral("watcher"), runBody())
                     .status,
            403);
        Reply bad = request(QStringLiteral("POST"), QStringLiteral("/api/v1/workflows/release/runs"),
            QStringLiteral("ops"), R"({"params":{"word":[1]}})");
        QCOMPARE(bad.status, 400);
        QCOMPARE(errorField(bad), QStringLiteral("params.word"));
        const QString id = startRun(QStringLiteral("release"));
        QVERIFY(!id.isEmpty());
        ws.sendTextMessage(QStringLiteral(R"({"type":"subscribe","job":"%1"})").arg(id));
        QTRY_VERIFY_WITH_TIMEOUT(
            !seenType(QStringLiteral("approval.requested"), QStringLiteral("gate")).isEmpty(), 30'000);
        const QJsonObject precheck = seenType(QStringLiteral("node.finished"), QStringLiteral("precheck"));
        QCOMPARE(precheck.value(QStringLiteral("outcome")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(
            seenType(QStringLiteral("workflow.started")).value(QStringLiteral("by")).toString(), QStringLiteral("ops"));
        QVERIFY(seenType(QStringLiteral("node.started"), QStringLiteral("apply")).isEmpty());

        const QString approval = QStringLiteral("/api/v1/jobs/%1/approvals/gate").arg(id);
        Reply r = request(QStringLiteral("POST"), approval, QStringLiteral("watcher"),
            decision(QStringLiteral("approve"), QStringLiteral("looks fine")));
        QCOMPARE(r.status, 403);
        r = request(QStringLiteral("POST"), approval, QStringLiteral("ops"),
            decision(QStringLiteral("approve"), QStringLiteral("looks fine")));
        QCOMPARE(r.status, 403);
        QVERIFY(isErrorShape(r, QStringLiteral("not_an_approver")));
        r = request(QStringLiteral("POST"), approval, QStringLiteral("lead"), decision(QStringLiteral("approve")));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("comment"));
        r = request(QStringLiteral("POST"), approval, QStringLiteral("lead"), decision(QStringLiteral("maybe"), "x"));
        QCOMPARE(errorField(r), QStringLiteral("decision"));
        r = request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/approvals/apply").arg(id),
            QStringLiteral("lead"), decision(QStringLiteral("approve"), QStringLiteral("x")));
        QCOMPARE(r.status, 409); // not waiting for an approval
        QVERIFY(seenType(QStringLiteral("approval.given")).isEmpty());
        r = request(QStringLiteral("POST"), approval, QStringLiteral("lead"),
            decision(QStringLiteral("approve"), QStringLiteral("checked the precheck")));
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("by")).toString(), QStringLiteral("lead"));

        QTRY_VERIFY_WITH_TIMEOUT(!seenType(QStringLiteral("job.finished")).isEmpty(), 30'000);
        const QJsonObject given = seenType(QStringLiteral("approval.given"), QStringLiteral("gate"));
        QCOMPARE(given.value(QStringLiteral("by")).toString(), QStringLiteral("lead"));
        QCOMPARE(given.value(QStringLiteral("comment")).toString(), QStringLiteral("checked the precheck"));
        QCOMPARE(seenType(QStringLiteral("node.finished"), QStringLiteral("apply")).value(QStringLiteral("outcome")),
            QStringLiteral("succeeded"));
        QCOMPARE(seenType(QStringLiteral("workflow.finished")).value(QStringLiteral("outcome")).toString(),
            QStringLiteral("succeeded"));
        // Every event once and in order, as stored.
        QCOMPARE(qsizetype(seen.size()), events(id).size());
        for (int i = 0; i < seen.size(); ++i) {
            QCOMPARE(seen.at(i).value(QStringLiteral("seq")).toInteger(), qint64(i + 1));
        }
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, QStringLiteral("watcher"));
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        // The apply node's own job ran on both hosts.
        const QString applyJob = seenType(QStringLiteral("node.started"), QStringLiteral("apply"))
                                     .value(QStringLiteral("nodeJob"))
                                     .toString();
        QVERIFY(!applyJob.isEmpty());
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + applyJob, QStringLiteral("watcher"));
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        QCOMPARE(r.json.value(QStringLiteral("hostCount")).toInt(), 2);
        // The decision is in the audit log under the approver's name.
        r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/audit?limit=50"), QStringLiteral("boss"));
        bool audited = false;
        for (const QJsonValue& v : r.json.value(QStringLiteral("entries")).toArray()) {
            const QJsonObject e = v.toObject();
            audited = audited
                || (e.value(QStringLiteral("action")).toString() == QLatin1String("workflow.approve")
                    && e.value(QStringLiteral("actor")).toString() == QLatin1String("lead")
                    && e.value(QStringLiteral("result")).toString() == QLatin1String("200"));
        }
        QVERIFY(audited);
        // The run is over: no more decisions.
        r = request(QStringLiteral("POST"), approval, QStringLiteral("lead"),
            decision(QStringLiteral("approve"), QStringLiteral("again")));
        QCOMPARE(r.status, 409);
        ws.close();
    }

    // pause, resume and cancel of a run through the job routes.
    void pauseResumeCancel()
    {
        const QString id = startRun(QStringLiteral("release"));
        QVERIFY(!id.isEmpty());
        QVERIFY(!waitForEvent(id, QStringLiteral("approval.requested")).isEmpty());
        const auto act = [&](const QString& what, const QString& who = QStringLiteral("ops")) {
            return request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/%2").arg(id, what), who).status;
        };
        QCOMPARE(act(QStringLiteral("pause"), QStringLiteral("watcher")), 403);
        QCOMPARE(act(QStringLiteral("pause")), 200);
        QCOMPARE(waitForEvent(id, QStringLiteral("workflow.paused")).value(QStringLiteral("by")).toString(),
            QStringLiteral("ops"));
        QCOMPARE(act(QStringLiteral("confirm")), 409); // a job route that a workflow run does not take
        QCOMPARE(act(QStringLiteral("resume")), 200);
        QVERIFY(!waitForEvent(id, QStringLiteral("workflow.resumed")).isEmpty());
        QCOMPARE(act(QStringLiteral("cancel")), 200);
        QCOMPARE(waitForEvent(id, QStringLiteral("workflow.finished")).value(QStringLiteral("outcome")).toString(),
            QStringLiteral("cancelled"));
        QVERIFY(waitForEvent(id, QStringLiteral("node.started"), QStringLiteral("apply"), 500).isEmpty());
    }

    // The CLI against the server: the same commands and output as against a workspace.
    void cliAgainstServer()
    {
        // Import: a new workflow, then the same file again (unchanged), then a bad one with its problems listed.
        CliRun r = runCli(cli(QStringLiteral("ops"),
            { QStringLiteral("import"),
                writeFile(QStringLiteral("cli-release.yml"),
                    QByteArray(kRelease).replace("name: release", "name: cli release")) }));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("imported cli release (version 1)")), qPrintable(r.err));
        r = runCli(cli(
            QStringLiteral("ops"), { QStringLiteral("import"), m_dir.filePath(QStringLiteral("cli-release.yml")) }));
        QVERIFY2(r.code == 0 && r.err.contains(QStringLiteral("unchanged cli release (version 1)")), qPrintable(r.err));
        const QString bad = writeFile(QStringLiteral("bad.yml"), kBad);
        r = runCli(cli(QStringLiteral("ops"), { QStringLiteral("import"), bad }));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(bad + QStringLiteral(": node 'push': field 'template': ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("not imported")), qPrintable(r.err));
        r = runCli(cli(QStringLiteral("watcher"),
            { QStringLiteral("import"), m_dir.filePath(QStringLiteral("cli-release.yml")) }));
        QCOMPARE(r.code, 1);

        r = runCli(cli(QStringLiteral("watcher"), { QStringLiteral("list") }));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("cli release\tv1\t3 nodes")), qPrintable(r.out));
        r = runCli(cli(QStringLiteral("watcher"), { QStringLiteral("show"), QStringLiteral("cli release") }));
        QVERIFY2(
            r.out.contains(QStringLiteral("node gate: approval\n")) && r.out.contains(QStringLiteral("(version 1, ")),
            qPrintable(r.out));
        r = runCli(cli(QStringLiteral("watcher"), { QStringLiteral("export"), QStringLiteral("cli release") }));
        const Reply stored = request(
            QStringLiteral("GET"), QStringLiteral("/api/v1/workflows/cli%20release"), QStringLiteral("watcher"));
        QCOMPARE(r.out, stored.json.value(QStringLiteral("yaml")).toString());
        r = runCli(cli(QStringLiteral("watcher"), { QStringLiteral("versions"), QStringLiteral("cli release") }));
        QVERIFY2(
            r.out.startsWith(QStringLiteral("1\t")) && r.out.contains(QStringLiteral("\tops\t")), qPrintable(r.out));
        r = runCli(cli(QStringLiteral("watcher"),
            { QStringLiteral("run"), QStringLiteral("cli release"), QStringLiteral("--what-if"),
                QStringLiteral("--fail"), QStringLiteral("gate") }));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("what-if: cli release on 2 host(s), node gate failing (nothing runs)")),
            qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("3\tapply\trun-script\tskipped")), qPrintable(r.out));
        r = runCli(cli(QStringLiteral("ops"),
            { QStringLiteral("run"), QStringLiteral("cli release"), QStringLiteral("--param"),
                QStringLiteral("nope=1") }));
        QCOMPARE(r.code, 2);
        r = runCli(cli(QStringLiteral("ops"),
            { QStringLiteral("run"), QStringLiteral("cli release"), QStringLiteral("--known-hosts"),
                QStringLiteral("/x") }));
        QCOMPARE(r.code, 2);

        // A run followed by the CLI; the approval given from a second CLI (not by ops: no approver).
        QProcess running;
        running.start(QStringLiteral(OPSDECK_CLI_PATH),
            cli(QStringLiteral("ops"),
                { QStringLiteral("run"), QStringLiteral("cli release"), QStringLiteral("--param"),
                    QStringLiteral("word=from-cli") }));
        QString out;
        QElapsedTimer t;
        t.start();
        // The hosts' lines come from the node job's own subscription: they may arrive after the run's lines (a slow
        // build), so both are waited for.
        while (t.elapsed() < 30'000
            && !(out.contains(QStringLiteral("waiting for approval"))
                && out.contains(QStringLiteral("  precheck: srv-01: success")))) {
            running.waitForReadyRead(100);
            out += QString::fromUtf8(running.readAllStandardOutput());
        }
        const QRegularExpressionMatch m
            = QRegularExpression(QStringLiteral("workflow ([0-9a-f-]{36}): started on 2 host\\(s\\)")).match(out);
        QVERIFY2(m.hasMatch() && out.contains(QStringLiteral("waiting for approval: Go on?")), qPrintable(out));
        const QString id = m.captured(1);
        QVERIFY2(out.contains(QStringLiteral("  precheck: srv-01: success")), qPrintable(out));
        r = runCli(cli(QStringLiteral("ops"),
            { QStringLiteral("approve"), id, QStringLiteral("gate"), QStringLiteral("--comment"),
                QStringLiteral("x") }));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("may not decide")), qPrintable(r.err));
        r = runCli(cli(QStringLiteral("lead"), { QStringLiteral("approve"), id, QStringLiteral("gate") }));
        QCOMPARE(r.code, 2); // the node needs a comment
        QVERIFY2(r.err.contains(QStringLiteral("needs a comment")), qPrintable(r.err));
        // A prefix of the run's id is enough, as for a local run; the full id is printed.
        r = runCli(cli(QStringLiteral("lead"), { QStringLiteral("status"), id.left(8) }));
        QVERIFY2(r.out.contains(QStringLiteral("node\tgate\twaiting-for-approval")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("job\t%1\n").arg(id)), qPrintable(r.out));
        r = runCli(cli(QStringLiteral("lead"), { QStringLiteral("status"), QStringLiteral("ffffffff-0000") }));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no job with an id starting with 'ffffffff-0000'")), qPrintable(r.err));
        r = runCli(cli(QStringLiteral("lead"),
            { QStringLiteral("approve"), id.left(8), QStringLiteral("gate"), QStringLiteral("--comment"),
                QStringLiteral("from the shell") }));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("gate: approved by lead\n"));
        QVERIFY(running.waitForFinished(30'000));
        out += QString::fromUtf8(running.readAllStandardOutput());
        QCOMPARE(running.exitCode(), 0);
        QVERIFY2(out.contains(QStringLiteral("node gate: approved by lead: from the shell")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("  apply: srv-02: success")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("workflow %1: succeeded").arg(id)), qPrintable(out));
        r = runCli(cli(QStringLiteral("watcher"), { QStringLiteral("status"), id }));
        QVERIFY2(r.out.contains(QStringLiteral("status\tsucceeded\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("approve by lead")), qPrintable(r.out));
        // A run that fails: exit 1, as a local one.
        r = runCli(cli(QStringLiteral("ops"),
            { QStringLiteral("import"),
                writeFile(QStringLiteral("fails.yml"),
                    "name: fails\ntargets:\n  hosts: [srv-01]\nnodes:\n  - id: boom\n    kind: run-script\n"
                    "    inline: \"exit 3\"\n") }));
        QVERIFY2(r.code == 0, qPrintable(r.err));
        r = runCli(cli(QStringLiteral("ops"), { QStringLiteral("run"), QStringLiteral("fails") }));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(QStringLiteral("  boom: srv-01: failed (exit 3)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral(": failed")), qPrintable(r.out));

        // A prefix several jobs share is refused, naming them.
        QHash<QChar, QStringList> byFirst;
        for (const QJsonValue& v :
            request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs?limit=1000"), QStringLiteral("watcher"))
                .json.value(QStringLiteral("jobs"))
                .toArray()) {
            const QString job = v.toObject().value(QStringLiteral("id")).toString();
            byFirst[job.at(0)] << job;
        }
        QStringList shared;
        for (const QStringList& ids : std::as_const(byFirst)) {
            if (ids.size() >= 2 && ids.size() <= 10) {
                shared = ids;
            }
        }
        QVERIFY2(shared.size() >= 2, "no two jobs share a first character"); // several runs and their node jobs by now
        for (const QString& sub : { QStringLiteral("status"), QStringLiteral("approve") }) {
            QStringList args { sub, shared.first().left(1) };
            if (sub == QLatin1String("approve")) {
                args << QStringLiteral("gate") << QStringLiteral("--comment") << QStringLiteral("x");
            }
            r = runCli(cli(QStringLiteral("lead"), args));
            QCOMPARE(r.code, 1);
            QVERIFY2(
                r.err.contains(QStringLiteral("matches %1 jobs on the server").arg(shared.size())), qPrintable(r.err));
            for (const QString& candidate : std::as_const(shared)) {
                QVERIFY2(r.err.contains(candidate), qPrintable(r.err));
            }
        }
    }

    // SIGKILL mid-run, then a restart on the same port: the run is interrupted, with what it had done.
    void killedServerShowsRunInterrupted()
    {
        const QString id = startRun(QStringLiteral("release"));
        QVERIFY(!id.isEmpty());
        QVERIFY(!waitForEvent(id, QStringLiteral("approval.requested")).isEmpty());
        const quint16 port = m_server.port();
        m_server.kill();
        QVERIFY(m_server.waitForFinished(10'000));
        QString error;
        QVERIFY2(m_server.startServer(data(), sshOptions(), port, &error), qPrintable(error));
        QVERIFY(m_server.startupLog().contains("interrupted when the server last stopped"));
        const Reply r = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, QStringLiteral("watcher"));
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
        QCOMPARE(waitForEvent(id, QStringLiteral("workflow.finished"), {}, 1000).value(QStringLiteral("outcome")),
            QStringLiteral("interrupted"));
        QCOMPARE(waitForEvent(id, QStringLiteral("node.finished"), QStringLiteral("precheck"), 1000)
                     .value(QStringLiteral("outcome"))
                     .toString(),
            QStringLiteral("succeeded"));
        // Nothing is waiting for a decision any more.
        QCOMPARE(request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/approvals/gate").arg(id),
                     QStringLiteral("lead"), decision(QStringLiteral("approve"), QStringLiteral("late")))
                     .status,
            409);
    }

    // SIGTERM while a node's hosts run: no new run starts (503 shutting_down); the run ends interrupted.
    void drainRefusesNewRuns()
    {
        const QString id = startRun(QStringLiteral("slow"), "{}");
        QVERIFY(!id.isEmpty());
        const QString nodeJob = waitForEvent(id, QStringLiteral("node.started"), QStringLiteral("nap"))
                                    .value(QStringLiteral("nodeJob"))
                                    .toString();
        QVERIFY(!nodeJob.isEmpty());
        QVERIFY(!waitForEvent(nodeJob, QStringLiteral("host.output")).isEmpty()); // the host's command is in flight
        m_server.terminate();
        QByteArray log;
        QElapsedTimer t;
        t.start();
        while (!log.contains("stopping: no new work") && t.elapsed() < 10'000) {
            m_server.waitForReadyRead(100);
            log += m_server.readAllStandardError();
        }
        QVERIFY2(log.contains("stopping: no new work"), log.constData());
        const Reply r = request(
            QStringLiteral("POST"), QStringLiteral("/api/v1/workflows/slow/runs"), QStringLiteral("ops"), "{}");
        QCOMPARE(r.status, 503);
        QVERIFY(isErrorShape(r, QStringLiteral("shutting_down")));
        QVERIFY(m_server.waitForFinished(20'000));
        const quint16 port = m_server.port();
        QString error;
        QVERIFY2(m_server.startServer(data(), sshOptions(), port, &error), qPrintable(error));
        const Reply job = request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, QStringLiteral("ops"));
        QVERIFY2(
            job.json.value(QStringLiteral("status")).toString() == QLatin1String("interrupted"), job.raw.constData());
    }

    // run-local steps run commands on the server's machine: refused at start (the node named) unless the server was
    // started with --allow-run-local; then the command runs there and the run succeeds.
    void runLocalNeedsTheServersConsent()
    {
        const char* const local = R"(name: local
nodes:
  - id: stamp
    kind: run-local
    command: "echo stamped-on-the-server"
)";
        put(QStringLiteral("local"), local);
        Reply r = request(
            QStringLiteral("POST"), QStringLiteral("/api/v1/workflows/local/runs"), QStringLiteral("ops"), "{}");
        QCOMPARE(r.status, 400);
        QVERIFY(isErrorShape(r, QStringLiteral("bad_request")));
        const QJsonObject error = r.json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("field")).toString(), QStringLiteral("nodes.stamp"));
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(QLatin1String("allow_run_local = true")),
            r.raw.constData());

        const quint16 port = m_server.port();
        m_server.stop();
        QString message;
        QVERIFY2(m_server.startServer(data(), sshOptions() << QStringLiteral("--allow-run-local"), port, &message),
            qPrintable(message));
        const QString id = startRun(QStringLiteral("local"), "{}");
        QVERIFY(!id.isEmpty());
        QCOMPARE(waitForEvent(id, QStringLiteral("workflow.finished")).value(QStringLiteral("outcome")).toString(),
            QStringLiteral("succeeded"));
        m_server.stop();
        QVERIFY2(m_server.startServer(data(), sshOptions(), port, &message), qPrintable(message));
    }

    // DELETE with If-Match; the workflow and its versions are gone.
    // A failed node retried over HTTP reopens the finished run, which then succeeds (the node's job retried: the same
    // job, attempt 2); a re-run from the node by the CLI (a prefix of the run's id) runs it as a new job; a retry of a
    // node that did not fail is refused; viewers may not; against a workspace the commands are refused (exit 2).
    void retryAndRerunANode()
    {
        put(QStringLiteral("flaky"), kFlakyWorkflow);
        const QByteArray body = QJsonDocument(
            QJsonObject { { QStringLiteral("params"),
                QJsonObject { { QStringLiteral("marker"), m_dir.filePath(QStringLiteral("flaky-marker")) } } } })
                                    .toJson(QJsonDocument::Compact);
        const QString id = startRun(QStringLiteral("flaky"), body);
        QVERIFY(!id.isEmpty());
        const auto status = [&] {
            return request(QStringLiteral("GET"), QStringLiteral("/api/v1/jobs/") + id, QStringLiteral("watcher"))
                .json.value(QStringLiteral("status"))
                .toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("failed"), 30'000);
        const QString retry = QStringLiteral("/api/v1/jobs/%1/nodes/check/retry").arg(id);
        QCOMPARE(request(QStringLiteral("POST"), retry, QStringLiteral("watcher"), "{}").status, 403);
        QCOMPARE(request(QStringLiteral("POST"), QStringLiteral("/api/v1/jobs/%1/nodes/ghost/retry").arg(id),
                     QStringLiteral("ops"))
                     .status,
            404);
        Reply r = request(QStringLiteral("POST"), retry, QStringLiteral("ops"), "{}");
        QVERIFY2(r.status == 200, r.raw.constData());
        QCOMPARE(r.json.value(QStringLiteral("action")).toString(), QStringLiteral("retry-node"));
        QCOMPARE(r.json.value(QStringLiteral("by")).toString(), QStringLiteral("ops"));
        QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("succeeded"), 30'000);
        QStringList nodeJobs; // of each node.started of `check`, in order
        const auto read = [&] {
            nodeJobs.clear();
            QStringList reruns;
            for (const QJsonValue& v : events(id)) {
                const QJsonObject e = v.toObject();
                const QString type = e.value(QStringLiteral("type")).toString();
                if (type == QLatin1String("node.started") && e.value(QStringLiteral("node")).toString() == "check") {
                    nodeJobs << e.value(QStringLiteral("nodeJob")).toString();
                } else if (type == QLatin1String("workflow.rerun")) {
                    reruns << e.value(QStringLiteral("action")).toString() + u' '
                            + e.value(QStringLiteral("by")).toString();
                }
            }
            return reruns;
        };
        QCOMPARE(read(), QStringList({ "retry-node ops" }));
        QCOMPARE(nodeJobs.size(), 2);
        QCOMPARE(nodeJobs.at(1), nodeJobs.at(0)); // the node's job, its failed hosts again

        // Re-run from the node by the CLI: a new job for it, and the run ends succeeded again.
        CliRun c
            = runCli(cli(QStringLiteral("lead"), { QStringLiteral("rerun"), id.left(8), QStringLiteral("check") }));
        QVERIFY2(c.code == 0, qPrintable(c.err));
        QCOMPARE(c.out, QStringLiteral("check: re-running from here (workflow %1, by lead)\n").arg(id));
        QTRY_COMPARE_WITH_TIMEOUT(read(), QStringList({ "retry-node ops", "rerun-from lead" }), 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(status(), QStringLiteral("succeeded"), 30'000);
        (void)read();
        QCOMPARE(nodeJobs.size(), 3);
        QVERIFY(nodeJobs.at(2) != nodeJobs.at(0));
        // `check` succeeded now: nothing to retry.
        c = runCli(cli(QStringLiteral("ops"), { QStringLiteral("retry"), id, QStringLiteral("check") }));
        QCOMPARE(c.code, 1);
        QVERIFY2(c.err.contains(QStringLiteral("did not fail")), qPrintable(c.err));
        c = runCli(cli(QStringLiteral("ops"), { QStringLiteral("retry"), id }));
        QCOMPARE(c.code, 2);
        // Against a workspace: the run's engine is in the console that runs it.
        c = runCli({ QStringLiteral("--workspace"), m_dir.filePath(QStringLiteral("local.opsdeck")),
            QStringLiteral("workflow"), QStringLiteral("retry"), id, QStringLiteral("check") });
        QCOMPARE(c.code, 2);
        QVERIFY2(c.err.contains(QStringLiteral("--server")), qPrintable(c.err));
    }

    void deleteWorkflow()
    {
        const QString path = QStringLiteral("/api/v1/workflows/slow");
        QCOMPARE(request(QStringLiteral("DELETE"), path, QStringLiteral("watcher")).status, 403);
        QCOMPARE(
            request(QStringLiteral("DELETE"), path, QStringLiteral("ops"), {}, { { "If-Match", "5" } }).status, 409);
        QCOMPARE(
            request(QStringLiteral("DELETE"), path, QStringLiteral("ops"), {}, { { "If-Match", "1" } }).status, 200);
        QCOMPARE(request(QStringLiteral("GET"), path, QStringLiteral("watcher")).status, 404);
        QCOMPARE(
            request(QStringLiteral("POST"), path + QStringLiteral("/runs"), QStringLiteral("ops"), "{}").status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerWorkflows)
#include "tst_serverworkflows.moc"
