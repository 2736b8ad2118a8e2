// The job engine (models/jobs): plan and policy parsing, spec and event JSON, and the engine over a scripted fake
// transport: rolling batches, failure thresholds, concurrency, pause/resume, cancel, timeouts, manual
// confirmation, retries, re-runs, interruption, and that the events replayed give the state seen live.
#include "jobs/FakeTransport.h"
#include "jobs/JobEngine.h"
#include "jobs/JobEvent.h"
#include "jobs/JobState.h"
#include "jobs/RollingPlan.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

namespace {

struct Recorder : EventSink {
    QList<JobEvent> events;
    void append(const JobEvent& e) override { events.append(e); }
    QList<JobEvent> ofType(JobEvent::Type t) const
    {
        QList<JobEvent> out;
        for (const JobEvent& e : events) {
            if (e.type == t) {
                out.append(e);
            }
        }
        return out;
    }
};

// Counts without keeping anything: the stress test's sink.
struct CountingSink : EventSink {
    qint64 events = 0;
    qint64 outputBytes = 0;
    qint64 lastSeq = 0;
    bool ordered = true;
    void append(const JobEvent& e) override
    {
        ++events;
        ordered = ordered && e.seq == lastSeq + 1;
        lastSeq = e.seq;
        if (e.type == JobEvent::Type::HostOutput) {
            outputBytes += e.chunk.size();
        }
    }
};

QStringList hostNames(int n)
{
    QStringList out;
    for (int i = 1; i <= n; ++i) {
        out.append(QStringLiteral("h%1").arg(i, 4, 10, QLatin1Char('0')));
    }
    return out;
}

QString h(int i)
{
    return QStringLiteral("h%1").arg(i, 4, 10, QLatin1Char('0'));
}

JobSpec scriptJob(int hosts, const QString& plan = QString(), int concurrency = 10)
{
    JobSpec spec;
    spec.name = QStringLiteral("test");
    spec.targets = hostNames(hosts);
    JobStep step;
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("hostname"), {} };
    spec.steps.append(step);
    spec.concurrency = concurrency;
    spec.plan = *RollingPlan::parse(plan);
    return spec;
}

QString joinInts(const QList<int>& list)
{
    QStringList parts;
    for (int v : list) {
        parts.append(QString::number(v));
    }
    return parts.join(QLatin1Char(','));
}

QStringList statuses(const JobState& state, int step, const QStringList& hosts)
{
    QStringList out;
    for (const QString& name : hosts) {
        const HostState* hs = state.host(step, name);
        out.append(hs ? hostStatusName(hs->status) : QStringLiteral("?"));
    }
    return out;
}

} // namespace

class TestJobEngine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void planParse_data();
    void planParse();
    void planErrors_data();
    void planErrors();
    void planInvariants();
    void planDescribe();
    void batchPause();
    void failurePolicyParse_data();
    void failurePolicyParse();
    void failurePolicyThresholds();
    void specJson();
    void eventJsonGarbage_data();
    void eventJsonGarbage();
    void eventJsonBinaryChunk();

    void allSucceed();
    void failurePolicies_data();
    void failurePolicies();
    void concurrencyNeverExceeded();
    void outcomes();
    void outputInterleaving();
    void pauseResume();
    void cancelJob();
    void cancelNotConfirmed();
    void timeouts();
    void timeoutsAndDurationsFromOnePoint();
    void queuedForAHandshakeSlot();
    void manualConfirmation();
    void timedWait();
    void retryFailedAcrossSteps();
    void retryFailedThenNotStarted();
    void rerunStep();
    void interrupted();
    void replayRejectsGaps();
    void outputStress();

private:
    // Every stream: numbers 1..n without gaps, time never backwards, JSON round trip exact, replay == live.
    void checkStream(const QList<JobEvent>& events, const JobState& live);
};

void TestJobEngine::checkStream(const QList<JobEvent>& events, const JobState& live)
{
    QVERIFY(!events.isEmpty());
    for (int i = 0; i < events.size(); ++i) {
        QCOMPARE(events[i].seq, qint64(i + 1));
        if (i > 0) {
            QVERIFY(events[i].timeMs >= events[i - 1].timeMs);
        }
    }
    QList<JobEvent> parsed;
    for (const JobEvent& e : events) {
        auto back = JobEvent::fromJsonLine(e.toJsonLine());
        QVERIFY2(back.ok(), qPrintable(back.errorString()));
        QVERIFY2(*back == e, e.toJsonLine().constData());
        parsed.append(*back);
    }
    auto replayed = JobState::replay(parsed);
    QVERIFY2(replayed.ok(), qPrintable(replayed.errorString()));
    QVERIFY(*replayed == live);
}

// ---- rolling plans ----

void TestJobEngine::planParse_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("hosts");
    QTest::addColumn<QString>("sizes");
    QTest::newRow("canary 1 host") << "1 10% 50% 100%" << 1 << "1";
    QTest::newRow("canary 7") << "1 10% 50% 100%" << 7 << "1,1,4,1";
    QTest::newRow("canary 100") << "1 10% 50% 100%" << 100 << "1,10,50,39";
    QTest::newRow("canary 1000") << "1 10% 50% 100%" << 1000 << "1,100,500,399";
    QTest::newRow("commas") << "1, 10%, 50%, 100%" << 100 << "1,10,50,39";
    QTest::newRow("commas no spaces") << "1,10%,50%,100%" << 100 << "1,10,50,39";
    QTest::newRow("grow 1") << "5 +10" << 1 << "1";
    QTest::newRow("grow 7") << "5 +10" << 7 << "5,2";
    QTest::newRow("grow 100") << "5 +10" << 100 << "5,15,25,35,20";
    QTest::newRow("grow 1000") << "5 +10" << 1000 << "5,15,25,35,45,55,65,75,85,95,105,115,125,135,20";
    QTest::newRow("grow percent") << "5 +10%" << 100 << "5,15,25,35,20";
    QTest::newRow("double 1") << "5 *2" << 1 << "1";
    QTest::newRow("double 7") << "5 *2" << 7 << "5,2";
    QTest::newRow("double 100") << "5 *2" << 100 << "5,10,20,40,25";
    QTest::newRow("double 1000") << "5 *2" << 1000 << "5,10,20,40,80,160,320,365";
    QTest::newRow("factor 1.5") << "2 *1.5" << 20 << "2,3,5,8,2";
    QTest::newRow("fixed 20 of 7") << "20" << 7 << "7";
    QTest::newRow("fixed 20 of 100") << "20" << 100 << "20,20,20,20,20";
    QTest::newRow("30% of 1") << "30%" << 1 << "1";
    QTest::newRow("30% of 7") << "30%" << 7 << "3,3,1";
    QTest::newRow("30% of 100") << "30%" << 100 << "30,30,30,10";
    QTest::newRow("30% of 1000") << "30%" << 1000 << "300,300,300,100";
    QTest::newRow("1% of 7 at least one") << "1%" << 7 << "1,1,1,1,1,1,1";
    QTest::newRow("empty 1") << "" << 1 << "1";
    QTest::newRow("empty 1000") << "" << 1000 << "1000";
    QTest::newRow("blank") << "  , " << 100 << "100";
    QTest::newRow("no hosts") << "1 10%" << 0 << "";
}

void TestJobEngine::planParse()
{
    QFETCH(QString, plan);
    QFETCH(int, hosts);
    QFETCH(QString, sizes);
    auto p = RollingPlan::parse(plan);
    QVERIFY2(p.ok(), qPrintable(p.errorString()));
    QCOMPARE(joinInts(p->batchSizes(hosts)), sizes);
    auto again = RollingPlan::parse(p->toString());
    QVERIFY(again.ok());
    QVERIFY(*again == *p);
}

void TestJobEngine::planErrors_data()
{
    QTest::addColumn<QString>("plan");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("word") << "1 x 50%" << 3 << "'x' is not a batch size";
    QTest::newRow("zero") << "1 10% 0" << 7 << "at least one host";
    QTest::newRow("zero percent") << "0%" << 1 << "at least one host";
    QTest::newRow("over 100%") << "1 150%" << 3 << "at most 100%";
    QTest::newRow("growth first") << "+10" << 1 << "needs a first batch size";
    QTest::newRow("growth not last") << "5 +10 20" << 3 << "must be the last item";
    QTest::newRow("factor 1") << "5 *1" << 4 << "factor above 1";
    QTest::newRow("factor missing") << "5 *" << 3 << "factor above 1";
    QTest::newRow("plus alone") << "5 +" << 3 << "'+' needs a number";
    QTest::newRow("grow by zero") << "5 +0" << 4 << "at least one host";
    QTest::newRow("after commas") << "5, 10%,, 2x" << 10 << "'2x' is not a batch size";
    QTest::newRow("detached percent") << "10 %" << 4 << "'%' is not a batch size";
    QTest::newRow("negative") << "-5" << 1 << "is not a batch size";
    QTest::newRow("decimal") << "1.5" << 1 << "is not a batch size";
    QTest::newRow("huge") << "99999999999" << 1 << "too large";
}

void TestJobEngine::planErrors()
{
    QFETCH(QString, plan);
    QFETCH(int, column);
    QFETCH(QString, message);
    auto p = RollingPlan::parse(plan);
    QVERIFY(!p.ok());
    QCOMPARE(p.error().where.column, column);
    QCOMPARE(p.error().where.line, 1);
    QVERIFY2(p.error().message.contains(message), qPrintable(p.error().message));
    // Every message about a token says what is accepted or what to write instead.
    QVERIFY2(p.error().message.contains(QLatin1String("e.g.")) || p.error().message.contains(QLatin1String("at "))
            || p.error().message.contains(QLatin1String("write")) || p.error().message.contains(QLatin1String("large")),
        qPrintable(p.error().message));
}

void TestJobEngine::planInvariants()
{
    const QStringList plans { QString(), QStringLiteral("1"), QStringLiteral("1 10% 50% 100%"), QStringLiteral("5 +10"),
        QStringLiteral("5 *2"), QStringLiteral("20"), QStringLiteral("30%"), QStringLiteral("3 1 +1%"),
        QStringLiteral("1 *1000") };
    for (const QString& text : plans) {
        const RollingPlan plan = *RollingPlan::parse(text);
        for (int n : { 0, 1, 2, 7, 10, 99, 100, 101, 1000, 4321 }) {
            const QList<QList<int>> batches = plan.batches(n);
            int next = 0;
            for (const QList<int>& batch : batches) {
                QVERIFY(!batch.isEmpty());
                for (int index : batch) {
                    QCOMPARE(index, next++);
                }
            }
            QCOMPARE(next, n);
            QCOMPARE(plan.batchSizes(n).size(), batches.size());
        }
    }
    const QStringList hosts { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
    const QList<QStringList> split = RollingPlan::parse(QStringLiteral("1 100%"))->split(hosts);
    QCOMPARE(split.size(), 2);
    QCOMPARE(split[0], QStringList { QStringLiteral("a") });
    QCOMPARE(split[1], (QStringList { QStringLiteral("b"), QStringLiteral("c") }));
}

void TestJobEngine::planDescribe()
{
    const RollingPlan canary = *RollingPlan::parse(QStringLiteral("1, 10%,50% 100%"));
    QCOMPARE(canary.toString(), QStringLiteral("1 10% 50% 100%"));
    QCOMPARE(canary.describe(100), QStringLiteral("4 batches: 1, 10, 50, 39"));
    QVERIFY(canary.describe().contains(QLatin1String("1 host")));
    QVERIFY(canary.describe().contains(QLatin1String("repeats")));
    QCOMPARE(RollingPlan().describe(), QStringLiteral("all hosts in one batch"));
    QCOMPARE(RollingPlan().describe(5), QStringLiteral("1 batch: 5"));
    QVERIFY(RollingPlan::parse(QStringLiteral("5 +10"))->describe().contains(QLatin1String("10 hosts larger")));
    QCOMPARE(RollingPlan::parse(QStringLiteral("5 *1.5"))->toString(), QStringLiteral("5 *1.5"));
}

void TestJobEngine::batchPause()
{
    QVERIFY(*BatchPause::parse(QString()) == BatchPause::none());
    QVERIFY(*BatchPause::parse(QStringLiteral("none")) == BatchPause::none());
    QVERIFY(*BatchPause::parse(QStringLiteral("30")) == BatchPause::after(30));
    QVERIFY(*BatchPause::parse(QStringLiteral("30s")) == BatchPause::after(30));
    QVERIFY(*BatchPause::parse(QStringLiteral(" 2m ")) == BatchPause::after(120));
    QVERIFY(*BatchPause::parse(QStringLiteral("Manual")) == BatchPause::manual());
    for (const BatchPause& p : { BatchPause::none(), BatchPause::after(45), BatchPause::manual() }) {
        QVERIFY(*BatchPause::parse(p.toString()) == p);
        QVERIFY(!p.describe().isEmpty());
    }
    auto bad = BatchPause::parse(QStringLiteral("  soon"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().where.column, 3);
    QVERIFY(bad.error().message.contains(QLatin1String("manual")));
}

// ---- failure policy ----

void TestJobEngine::failurePolicyParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical"); // empty: an error
    QTest::newRow("first") << "first"
                           << "first";
    QTest::newRow("count") << "2"
                           << "2";
    QTest::newRow("percent") << "10%"
                             << "10%";
    QTest::newRow("percent of job") << "10% of job"
                                    << "10%";
    QTest::newRow("percent batch") << "25%batch"
                                   << "25% batch";
    QTest::newRow("percent per batch") << " 25 % per batch"
                                       << "25% batch";
    QTest::newRow("continue") << "continue"
                              << "continue";
    QTest::newRow("empty") << ""
                           << "continue";
    QTest::newRow("zero") << "0"
                          << "";
    QTest::newRow("over 100") << "101%"
                              << "";
    QTest::newRow("word") << "often"
                          << "";
    QTest::newRow("bad scope") << "10% host"
                               << "";
}

void TestJobEngine::failurePolicyParse()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    auto p = FailurePolicy::parse(text);
    if (canonical.isEmpty()) {
        QVERIFY(!p.ok());
        QVERIFY(p.error().where.column >= 1);
        QVERIFY(!p.error().message.isEmpty());
        return;
    }
    QVERIFY2(p.ok(), qPrintable(p.errorString()));
    QCOMPARE(p->toString(), canonical);
    QVERIFY(*FailurePolicy::parse(p->toString()) == *p);
    QVERIFY(!p->describe().isEmpty());
}

void TestJobEngine::failurePolicyThresholds()
{
    // shouldStop(failedInBatch, batchSize, failedInJob, jobSize)
    QVERIFY(!FailurePolicy::stopOnFirst().shouldStop(0, 10, 0, 100));
    QVERIFY(FailurePolicy::stopOnFirst().shouldStop(1, 10, 1, 100));
    QVERIFY(!FailurePolicy::maxFailed(3).shouldStop(2, 10, 2, 100));
    QVERIFY(FailurePolicy::maxFailed(3).shouldStop(1, 10, 3, 100));
    QVERIFY(!FailurePolicy::percentOfBatch(50).shouldStop(4, 10, 40, 100));
    QVERIFY(FailurePolicy::percentOfBatch(50).shouldStop(5, 10, 5, 100));
    QVERIFY(FailurePolicy::percentOfBatch(10).shouldStop(1, 7, 1, 100)); // 14% >= 10%
    QVERIFY(!FailurePolicy::percentOfJob(10).shouldStop(9, 10, 9, 100));
    QVERIFY(FailurePolicy::percentOfJob(10).shouldStop(1, 10, 10, 100));
    QVERIFY(!FailurePolicy::continueAlways().shouldStop(10, 10, 100, 100));
    QVERIFY(FailurePolicy::maxFailed(2).stopReason(1, 5, 2, 10).contains(QLatin1String("2 hosts failed")));
}

// ---- JSON ----

void TestJobEngine::specJson()
{
    JobSpec spec = scriptJob(3, QStringLiteral("1 50%"), 4);
    spec.id = QStringLiteral("job-1");
    spec.createdBy = QStringLiteral("alice");
    spec.targetDescription = QStringLiteral("idc:js tag:web");
    spec.runAs = QStringLiteral("deploy");
    spec.parameters.insert(QStringLiteral("version"), QStringLiteral("1.2.3"));
    spec.parameters.insert(QStringLiteral("count"), 3);
    spec.timeoutSeconds = 60;
    spec.pause = BatchPause::manual();
    spec.failurePolicy = FailurePolicy::percentOfBatch(20);
    JobStep push;
    push.name = QStringLiteral("config");
    push.action = PushFile { QStringLiteral("/tmp/app.conf"), QByteArray("a\0b\xff", 4), true,
        QStringLiteral("/etc/app.conf"), QStringLiteral("0644"), QStringLiteral("root:root"), {} };
    push.targets = QStringList { h(2), h(3) };
    push.account = QStringLiteral("root");
    spec.steps.append(push);
    JobStep tpl;
    tpl.action = PushTemplate { QStringLiteral("mongod.conf"), QStringLiteral("port: {{ port }}\n"),
        QStringLiteral("/etc/mongod.conf"), QString(), QString() };
    spec.steps.append(tpl);
    QVERIFY(spec.validate().ok());

    const QByteArray text = QJsonDocument(spec.toJson()).toJson();
    auto back = JobSpec::fromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(back.ok(), qPrintable(back.errorString()));
    QVERIFY(*back == spec);
    QCOMPARE(back->targetsOf(1), (QStringList { h(2), h(3) }));
    QCOMPARE(back->accountOf(0), QStringLiteral("deploy"));
    QCOMPARE(back->accountOf(1), QStringLiteral("root"));
    QCOMPARE(back->batchPreview(0), (QList<QStringList> { { h(1) }, { h(2), h(3) } }));

    QJsonObject broken = spec.toJson();
    broken.insert(QStringLiteral("plan"), QStringLiteral("1 nope"));
    auto bad = JobSpec::fromJson(broken);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().message.contains(QLatin1String("plan")), qPrintable(bad.errorString()));

    QJsonObject unknownKind = spec.toJson();
    QJsonArray steps = unknownKind.value(QStringLiteral("steps")).toArray();
    QJsonObject s0 = steps[0].toObject();
    s0.insert(QStringLiteral("kind"), QStringLiteral("reboot"));
    steps[0] = s0;
    unknownKind.insert(QStringLiteral("steps"), steps);
    auto bad2 = JobSpec::fromJson(unknownKind);
    QVERIFY(!bad2.ok());
    QVERIFY2(bad2.error().message.contains(QLatin1String("steps[0].kind")), qPrintable(bad2.errorString()));

    JobSpec empty;
    QVERIFY(!empty.validate().ok());
    JobSpec relative = spec;
    std::get<PushFile>(relative.steps[1].action).dest = QStringLiteral("etc/app.conf");
    QVERIFY(relative.validate().error().message.contains(QLatin1String("absolute")));
}

void TestJobEngine::eventJsonGarbage_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("message");
    QTest::newRow("not json") << QByteArray("{\"seq\": 1,,}") << "not a JSON event";
    QTest::newRow("array") << QByteArray("[1,2]") << "expected an object";
    QTest::newRow("empty object") << QByteArray("{}") << "'type' is missing";
    QTest::newRow("unknown type") << QByteArray(R"({"seq":1,"time":5,"job":"j","type":"job.exploded"})")
                                  << "unknown type 'job.exploded'";
    QTest::newRow("negative seq") << QByteArray(R"({"seq":-1,"time":5,"job":"j","type":"job.paused"})")
                                  << "'seq' must be a whole number";
    QTest::newRow("fraction seq") << QByteArray(R"({"seq":1.5,"time":5,"job":"j","type":"job.paused"})")
                                  << "'seq' must be a whole number";
    QTest::newRow("string time") << QByteArray(R"({"seq":1,"time":"now","job":"j","type":"job.paused"})")
                                 << "'time' must be a whole number";
    QTest::newRow("running is no outcome") << QByteArray(
        R"({"seq":3,"time":5,"job":"j","type":"host.finished","step":0,"host":"a","attempt":1,)"
        R"("status":"running"})") << "must be a final status";
    QTest::newRow("unknown status") << QByteArray(
        R"({"seq":3,"time":5,"job":"j","type":"host.finished","step":0,"host":"a","attempt":1,)"
        R"("status":"meh"})") << "'meh' is unknown";
    QTest::newRow("bad base64") << QByteArray(R"({"seq":3,"time":5,"job":"j","type":"host.output","step":0,)"
                                              R"("host":"a","stream":"stdout","chunkBase64":"@@@"})")
                                << "not valid base64";
    QTest::newRow("bad stream") << QByteArray(R"({"seq":3,"time":5,"job":"j","type":"host.output","step":0,)"
                                              R"("host":"a","stream":"stdin","chunk":"x"})")
                                << "'stdin' is unknown";
    QTest::newRow("hosts not strings") << QByteArray(
        R"({"seq":3,"time":5,"job":"j","type":"batch.started","step":0,"batch":0,"hosts":[1]})")
                                       << "'hosts' must be a list of strings";
    QTest::newRow("created without spec")
        << QByteArray(R"({"seq":1,"time":5,"job":"j","type":"job.created"})") << "'spec' must be an object";
    QTest::newRow("created with bad spec")
        << QByteArray(R"({"seq":1,"time":5,"job":"j","type":"job.created","spec":{"steps":3}})")
        << "'spec' is not a valid job";
}

void TestJobEngine::eventJsonGarbage()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, message);
    auto e = JobEvent::fromJsonLine(line);
    QVERIFY(!e.ok());
    QVERIFY2(e.error().message.contains(message), qPrintable(e.errorString()));
}

void TestJobEngine::eventJsonBinaryChunk()
{
    JobEvent e;
    e.type = JobEvent::Type::HostOutput;
    e.seq = 7;
    e.timeMs = 1700000000123;
    e.jobId = QStringLiteral("j");
    e.step = 0;
    e.host = QStringLiteral("a");
    e.stream = OutputStream::Stderr;
    for (const QByteArray& chunk : { QByteArray("plain text \xe4\xb8\xad\n"), QByteArray("\xff\xfe bin", 6),
             QByteArray("\xef\xbb\xbf"
                        "bom"),
             QByteArray("nul\0inside", 10), QByteArray("\xe4\xb8") }) {
        e.chunk = chunk;
        auto back = JobEvent::fromJsonLine(e.toJsonLine());
        QVERIFY2(back.ok(), qPrintable(back.errorString()));
        QCOMPARE(back->chunk, chunk);
        QVERIFY(*back == e);
    }
    const QJsonObject text = JobEvent::fromJsonLine(e.toJsonLine())->toJson();
    QVERIFY(text.contains(QStringLiteral("chunkBase64"))); // a cut UTF-8 sequence
    e.chunk = "ok\n";
    QCOMPARE(e.toJson().value(QStringLiteral("chunk")).toString(), QStringLiteral("ok\n"));
}

// ---- the engine ----

void TestJobEngine::allSucceed()
{
    FakeTransport fake;
    fake.defaultBehaviour.delayMs = 2;
    fake.defaultBehaviour.stdoutLines = { QByteArray("hello\n") };
    JobSpec spec = scriptJob(10, QStringLiteral("3"), 2);
    const QList<QStringList> preview = JobEngine::previewBatches(spec, 0);
    QCOMPARE(preview.size(), 4);
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QSignalSpy finished(&engine, &JobEngine::finished);
    QVERIFY(engine.start(QStringLiteral("alice")).ok());
    QVERIFY(!engine.start().ok());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].value<JobStatus>(), JobStatus::Succeeded);
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    QVERIFY(!engine.jobId().isEmpty());
    QCOMPARE(engine.state().counts().of(HostStatus::Success), 10);
    QVERIFY(fake.maxRunning <= 2);

    const auto batches = rec.ofType(JobEvent::Type::BatchStarted);
    QCOMPARE(batches.size(), 4);
    for (int i = 0; i < batches.size(); ++i) {
        QCOMPARE(batches[i].hosts, preview[i]);
    }
    QCOMPARE(rec.events.first().type, JobEvent::Type::JobCreated);
    QCOMPARE(rec.events.first().by, QStringLiteral("alice"));
    QCOMPARE(rec.events.last().type, JobEvent::Type::JobFinished);
    // Every host's output comes before its host.finished and is counted.
    for (const HostState& hs : engine.state().hostSummaries()) {
        QCOMPARE(hs.stdoutBytes, qint64(6));
        QCOMPARE(hs.exitCode, 0);
        QCOMPARE(hs.attempt, 1);
        QVERIFY(hs.finishedMs >= hs.startedMs);
    }
    const StepState& step = engine.state().steps()[0];
    QCOMPARE(step.status, StepStatus::Succeeded);
    QCOMPARE(step.batches.size(), 4);
    QVERIFY(step.batches.last().finished);
    QCOMPARE(step.batches.first().succeeded, 3);
    checkStream(rec.events, engine.state());

    JobEngine invalid(JobSpec(), &fake);
    QVERIFY(!invalid.start().ok());
}

void TestJobEngine::failurePolicies_data()
{
    QTest::addColumn<QString>("policy");
    QTest::addColumn<QString>("plan");
    QTest::addColumn<QList<int>>("failing");
    QTest::addColumn<int>("lastStarted"); // hosts after this one are not started
    QTest::newRow("first") << "first"
                           << "" << QList<int> { 3 } << 3;
    QTest::newRow("N=2") << "2"
                         << "" << QList<int> { 2, 5, 7 } << 5;
    QTest::newRow("50% of a batch") << "50% batch"
                                    << "4" << QList<int> { 2, 5, 6, 7 } << 6;
    QTest::newRow("20% of the job") << "20%"
                                    << "4" << QList<int> { 2, 4, 9 } << 4;
    QTest::newRow("continue") << "continue"
                              << "3" << QList<int> { 1, 2, 3, 4 } << 10;
    QTest::newRow("no failure") << "first"
                                << "3" << QList<int> {} << 10;
}

void TestJobEngine::failurePolicies()
{
    QFETCH(QString, policy);
    QFETCH(QString, plan);
    QFETCH(QList<int>, failing);
    QFETCH(int, lastStarted);
    FakeTransport fake;
    for (int i : failing) {
        FakeBehaviour b;
        b.exitCode = 2;
        fake.perHost.insert(h(i), b);
    }
    JobSpec spec = scriptJob(10, plan, 1); // one at a time: the stop point is exact
    spec.failurePolicy = *FailurePolicy::parse(policy);
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(!engine.isRunning());
    const JobState& st = engine.state();
    for (int i = 1; i <= 10; ++i) {
        const HostStatus expected = i > lastStarted ? HostStatus::NotStarted
            : failing.contains(i)                   ? HostStatus::Failed
                                                    : HostStatus::Success;
        QCOMPARE(hostStatusName(st.host(0, h(i))->status), hostStatusName(expected));
    }
    QCOMPARE(fake.started.size(), lastStarted);
    const bool stopped = lastStarted < 10;
    QCOMPARE(rec.ofType(JobEvent::Type::JobStopping).size(), stopped ? 1 : 0);
    QCOMPARE(st.status(), failing.isEmpty() ? JobStatus::Succeeded : JobStatus::Failed);
    if (stopped) {
        QVERIFY(!st.message().isEmpty());
        QCOMPARE(st.message(), st.stopReason());
        QCOMPARE(st.steps()[0].status, StepStatus::Failed);
    }
    QCOMPARE(st.host(0, h(failing.value(0, 1)))->exitCode, failing.isEmpty() ? 0 : 2);
    checkStream(rec.events, st);
}

void TestJobEngine::concurrencyNeverExceeded()
{
    FakeTransport fake;
    fake.script = [](const HostTask& task) {
        FakeBehaviour b;
        b.delayMs = int(qHash(task.host) % 12);
        return b;
    };
    JobEngine engine(scriptJob(60, QStringLiteral("25"), 7), &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(fake.maxRunning, 7);
    // The same from the events alone, and batches never overlap.
    int inFlight = 0;
    int peak = 0;
    bool batchOpen = false;
    for (const JobEvent& e : rec.events) {
        if (e.type == JobEvent::Type::HostStarted) {
            QVERIFY(batchOpen);
            peak = std::max(peak, ++inFlight);
        } else if (e.type == JobEvent::Type::HostFinished) {
            --inFlight;
        } else if (e.type == JobEvent::Type::BatchStarted) {
            QVERIFY(!batchOpen);
            QCOMPARE(inFlight, 0);
            batchOpen = true;
        } else if (e.type == JobEvent::Type::BatchFinished) {
            QCOMPARE(inFlight, 0);
            batchOpen = false;
        }
    }
    QCOMPARE(peak, 7);
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    checkStream(rec.events, engine.state());
}

void TestJobEngine::outcomes()
{
    FakeTransport fake;
    const QList<HostStatus> errors { HostStatus::Unreachable, HostStatus::AuthFailed, HostStatus::HostKeyRejected };
    for (int i = 0; i < errors.size(); ++i) {
        FakeBehaviour b;
        b.error = errors[i];
        fake.perHost.insert(h(i + 1), b);
    }
    FakeBehaviour exit3;
    exit3.exitCode = 3;
    exit3.stderrLines = { QByteArray("boom\n") };
    fake.perHost.insert(h(4), exit3);
    JobEngine engine(scriptJob(5), &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(!engine.isRunning());
    const JobState& st = engine.state();
    QCOMPARE(statuses(st, 0, hostNames(5)),
        (QStringList { QStringLiteral("unreachable"), QStringLiteral("auth-failed"),
            QStringLiteral("host-key-rejected"), QStringLiteral("failed"), QStringLiteral("success") }));
    QCOMPARE(st.host(0, h(1))->message, QStringLiteral("scripted failure"));
    QCOMPARE(st.host(0, h(1))->exitCode, -1);
    QCOMPARE(st.host(0, h(4))->exitCode, 3);
    QCOMPARE(st.host(0, h(4))->stderrBytes, qint64(5));
    QCOMPARE(st.counts().failures(), 4);
    QCOMPARE(st.status(), JobStatus::Failed);
    checkStream(rec.events, st);
}

void TestJobEngine::outputInterleaving()
{
    for (int flushMs : { 0, 50 }) {
        FakeTransport fake;
        fake.defaultBehaviour.interleave = true;
        fake.defaultBehaviour.stdoutLines = { "o1\n", "o2\n", "o3\n" };
        fake.defaultBehaviour.stderrLines = { "e1\n", "e2\n" };
        JobEngine engine(scriptJob(3), &fake);
        JobEngine::Options options;
        options.outputFlushMs = flushMs;
        engine.setOptions(options);
        Recorder rec;
        engine.addSink(&rec);
        QVERIFY(engine.start().ok());
        QTRY_VERIFY(!engine.isRunning());
        for (const QString& host : hostNames(3)) {
            QByteArray merged;
            for (const JobEvent& e : rec.ofType(JobEvent::Type::HostOutput)) {
                if (e.host == host) {
                    merged += (e.stream == OutputStream::Stdout ? "[o]" : "[e]") + e.chunk;
                }
            }
            QCOMPARE(merged, QByteArray("[o]o1\n[e]e1\n[o]o2\n[e]e2\n[o]o3\n"));
            QCOMPARE(engine.state().host(0, host)->stdoutBytes, qint64(9));
            QCOMPARE(engine.state().host(0, host)->stderrBytes, qint64(6));
        }
        checkStream(rec.events, engine.state());
    }
}

void TestJobEngine::pauseResume()
{
    FakeTransport fake;
    fake.defaultBehaviour.delayMs = 15;
    JobEngine engine(scriptJob(12, QStringLiteral("5"), 2), &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(!engine.pause().ok()); // not started
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(rec.ofType(JobEvent::Type::HostFinished).size() >= 3);
    QVERIFY(engine.pause(QStringLiteral("bob")).ok());
    QVERIFY(!engine.pause().ok());
    QCOMPARE(engine.state().status(), JobStatus::Paused);
    const qsizetype startedAtPause = fake.started.size();
    QTRY_COMPARE(engine.inFlightCount(), 0); // in-flight hosts finish
    QTest::qWait(60);
    QCOMPARE(fake.started.size(), startedAtPause); // nothing new
    QVERIFY(engine.isRunning());
    QCOMPARE(engine.state().status(), JobStatus::Paused);
    QVERIFY(engine.resume(QStringLiteral("bob")).ok());
    QVERIFY(!engine.resume().ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    QCOMPARE(fake.started.size(), 12);
    // No host starts between job.paused and job.resumed.
    bool paused = false;
    for (const JobEvent& e : rec.events) {
        if (e.type == JobEvent::Type::JobPaused) {
            QCOMPARE(e.by, QStringLiteral("bob"));
            paused = true;
        } else if (e.type == JobEvent::Type::JobResumed) {
            paused = false;
        } else if (e.type == JobEvent::Type::HostStarted || e.type == JobEvent::Type::BatchStarted) {
            QVERIFY(!paused);
        }
    }
    checkStream(rec.events, engine.state());
}

void TestJobEngine::cancelJob()
{
    FakeTransport fake;
    fake.defaultBehaviour.never = true;
    JobSpec spec = scriptJob(10, QString(), 3);
    JobStep second;
    second.action = RunScript { QStringLiteral("/bin/bash"), QStringLiteral("true"), {} };
    spec.steps.append(second);
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_COMPARE(fake.running, 3);
    QVERIFY(engine.cancel(QStringLiteral("carol")).ok());
    QVERIFY(!engine.cancel().ok());
    QCOMPARE(engine.state().status(), JobStatus::Cancelling);
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(engine.state().status(), JobStatus::Cancelled);
    QCOMPARE(fake.cancelled.size(), 3);
    const JobState& st = engine.state();
    QCOMPARE(st.steps()[0].counts().of(HostStatus::Cancelled), 3);
    QCOMPARE(st.steps()[0].counts().of(HostStatus::NotStarted), 7);
    QCOMPARE(st.steps()[0].status, StepStatus::Cancelled);
    QCOMPARE(st.steps()[1].counts().of(HostStatus::NotStarted), 10);
    QCOMPARE(st.steps()[1].status, StepStatus::NotStarted);
    QCOMPARE(st.host(0, h(1))->message, QStringLiteral("killed"));
    QCOMPARE(st.counts().of(HostStatus::Cancelled), 3);
    QCOMPARE(st.counts().of(HostStatus::NotStarted), 7);
    QVERIFY(!engine.pause().ok());
    checkStream(rec.events, st);
}

void TestJobEngine::cancelNotConfirmed()
{
    FakeTransport fake;
    fake.defaultBehaviour.never = true;
    fake.defaultBehaviour.ignoreCancel = true;
    JobEngine engine(scriptJob(4, QString(), 2), &fake);
    JobEngine::Options options;
    options.cancelGraceMs = 50;
    engine.setOptions(options);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_COMPARE(fake.started.size(), 2);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(engine.cancel().ok());
    QTRY_VERIFY(!engine.isRunning());
    QVERIFY(clock.elapsed() >= 40);
    QCOMPARE(engine.state().status(), JobStatus::Cancelled);
    QCOMPARE(engine.state().host(0, h(1))->status, HostStatus::Cancelled);
    QVERIFY(engine.state().host(0, h(1))->message.contains(QLatin1String("did not confirm")));
    checkStream(rec.events, engine.state());
}

void TestJobEngine::timeouts()
{
    FakeTransport fake;
    FakeBehaviour hang;
    hang.never = true;
    hang.stdoutLines = { "partial\n" };
    fake.perHost.insert(h(1), hang);
    FakeBehaviour deaf = hang;
    deaf.ignoreCancel = true;
    fake.perHost.insert(h(2), deaf);
    fake.defaultBehaviour.delayMs = 5;
    JobSpec spec = scriptJob(4, QString(), 4);
    spec.timeoutSeconds = 1;
    JobEngine engine(spec, &fake);
    JobEngine::Options options;
    options.cancelGraceMs = 100;
    engine.setOptions(options);
    Recorder rec;
    engine.addSink(&rec);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(engine.start().ok());
    QTRY_VERIFY_WITH_TIMEOUT(!engine.isRunning(), 5000);
    QVERIFY(clock.elapsed() >= 950);
    const JobState& st = engine.state();
    QCOMPARE(statuses(st, 0, hostNames(4)),
        (QStringList { QStringLiteral("timed-out"), QStringLiteral("timed-out"), QStringLiteral("success"),
            QStringLiteral("success") }));
    QVERIFY(st.host(0, h(1))->message.contains(QLatin1String("no result within 1 s")));
    QVERIFY(st.host(0, h(2))->message.contains(QLatin1String("did not confirm")));
    QCOMPARE(fake.cancelled.size(), 2); // the engine asked the transport to stop both
    QVERIFY(st.host(0, h(1))->durationMs >= 950);
    QCOMPARE(st.status(), JobStatus::Failed);
    checkStream(rec.events, st);
}

// A host's duration and its timeout count the same time: a timed-out host's duration is never below its timeout,
// the time a host waits for an operator's answer (a host key) counts for neither, and the message names the phase.
void TestJobEngine::timeoutsAndDurationsFromOnePoint()
{
    FakeTransport fake;
    fake.defaultBehaviour.never = true;
    JobSpec spec = scriptJob(9, QString(), 9);
    spec.timeoutSeconds = 1;
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(engine.start().ok());
    QCOMPARE(fake.started.size(), 9);
    // h0001 waits 1.5 s for the operator, right after it started; then it runs (and times out a second later).
    emit fake.phaseChanged(fake.started.at(0), TaskPhase::WaitingForOperator);
    for (int i = 1; i < 9; ++i) {
        emit fake.phaseChanged(fake.started.at(i), i % 2 ? TaskPhase::Connecting : TaskPhase::Running);
    }
    QTimer::singleShot(1500, &fake, [&] { emit fake.phaseChanged(fake.started.at(0), TaskPhase::Running); });
    QTRY_VERIFY_WITH_TIMEOUT(!engine.isRunning(), 8000);
    QVERIFY2(clock.elapsed() >= 2500, qPrintable(QString::number(clock.elapsed())));
    const JobState& st = engine.state();
    for (int i = 1; i <= 9; ++i) {
        const HostState* hs = st.host(0, h(i));
        QCOMPARE(hs->status, HostStatus::TimedOut);
        QVERIFY2(hs->durationMs >= 1000, qPrintable(QStringLiteral("%1: %2 ms").arg(h(i)).arg(hs->durationMs)));
        QVERIFY2(hs->durationMs < 1450, qPrintable(QStringLiteral("%1: %2 ms").arg(h(i)).arg(hs->durationMs)));
        QVERIFY2(hs->message.contains(
                     i % 2 == 0 ? QLatin1String("(while connecting)") : QLatin1String("(while the command ran)")),
            qPrintable(hs->message));
    }
    checkStream(rec.events, st);
}

// A host waiting for a handshake slot (TaskPhase::Queued, the transport's admission control) is not timed, and the
// job's events say it waited, when it got its slot, when its command started and that a refusal was retried.
// Hosts that never waited get no host.progress events.
void TestJobEngine::queuedForAHandshakeSlot()
{
    FakeTransport fake;
    fake.defaultBehaviour.never = true;
    JobSpec spec = scriptJob(2, QString(), 2);
    spec.timeoutSeconds = 1;
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QCOMPARE(fake.started.size(), 2);
    const HostTask queued = fake.started.at(0);
    emit fake.phaseChanged(queued, TaskPhase::Connecting);
    emit fake.phaseChanged(queued, TaskPhase::Queued);
    emit fake.retrying(queued, QStringLiteral("retrying the connection (1 of 4) in 0.3 s: x: SSH handshake failed: y"));
    QTRY_COMPARE_WITH_TIMEOUT(engine.state().host(0, h(1))->phase, QStringLiteral("queued"), 1000);
    QCOMPARE(engine.state().host(0, h(1))->retries, 1);
    QTimer::singleShot(1300, &fake, [&] {
        emit fake.phaseChanged(queued, TaskPhase::Connecting);
        emit fake.phaseChanged(queued, TaskPhase::LoggingIn);
        emit fake.phaseChanged(queued, TaskPhase::Running);
    });
    QTRY_VERIFY_WITH_TIMEOUT(!engine.isRunning(), 8000);
    const JobState& st = engine.state();
    // Both time out after a second of their own time; the queued one 1.3 s later.
    QCOMPARE(st.host(0, h(1))->status, HostStatus::TimedOut);
    QCOMPARE(st.host(0, h(2))->status, HostStatus::TimedOut);
    QVERIFY2(st.host(0, h(1))->durationMs < 1450, qPrintable(QString::number(st.host(0, h(1))->durationMs)));
    QVERIFY2(st.host(0, h(1))->finishedMs - st.host(0, h(2))->finishedMs >= 1100,
        qPrintable(QString::number(st.host(0, h(1))->finishedMs - st.host(0, h(2))->finishedMs)));
    QVERIFY2(st.host(0, h(1))->message.contains(QLatin1String("(while the command ran)")),
        qPrintable(st.host(0, h(1))->message));
    QStringList phases;
    for (const JobEvent& e : rec.ofType(JobEvent::Type::HostProgress)) {
        QCOMPARE(e.host, h(1));
        phases.append(e.phase);
    }
    QCOMPARE(phases,
        (QStringList { QStringLiteral("queued"), QStringLiteral("retrying"), QStringLiteral("connecting"),
            QStringLiteral("running") }));
    QVERIFY(st.host(0, h(1))->phase.isEmpty());
    QCOMPARE(st.host(0, h(1))->retries, 1);
    // host.progress survives the JSON line form (the store, the server's event stream).
    const JobEvent retry = rec.ofType(JobEvent::Type::HostProgress).at(1);
    const auto parsed = JobEvent::fromJsonLine(retry.toJsonLine());
    QVERIFY(parsed.ok());
    QCOMPARE(*parsed, retry);
    QJsonObject bad = retry.toJson();
    bad.insert(QStringLiteral("phase"), QStringLiteral("dancing"));
    QVERIFY(!JobEvent::fromJson(bad).ok());
    checkStream(rec.events, st);
}

void TestJobEngine::manualConfirmation()
{
    FakeTransport fake;
    JobSpec spec = scriptJob(6, QStringLiteral("2"), 5);
    spec.pause = BatchPause::manual();
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QVERIFY(!engine.confirmNextBatch().ok()); // the first batch is running
    QTRY_COMPARE(engine.state().status(), JobStatus::WaitingForConfirmation);
    QCOMPARE(fake.started.size(), 2);
    QTest::qWait(30);
    QCOMPARE(fake.started.size(), 2);
    const JobEvent waiting = rec.ofType(JobEvent::Type::JobWaiting).last();
    QVERIFY(waiting.manual);
    QCOMPARE(waiting.batch, 1);
    // Paused while waiting: the confirmation is taken, the batch starts on resume.
    QVERIFY(engine.pause().ok());
    QVERIFY(engine.confirmNextBatch(QStringLiteral("dave")).ok());
    QTest::qWait(20);
    QCOMPARE(fake.started.size(), 2);
    QVERIFY(engine.resume().ok());
    QTRY_COMPARE(engine.state().status(), JobStatus::WaitingForConfirmation);
    QCOMPARE(fake.started.size(), 4);
    QVERIFY(engine.confirmNextBatch().ok());
    QVERIFY(!engine.confirmNextBatch().ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    QCOMPARE(rec.ofType(JobEvent::Type::JobWaiting).size(), 2);
    QCOMPARE(rec.ofType(JobEvent::Type::JobConfirmed).first().by, QStringLiteral("dave"));
    checkStream(rec.events, engine.state());
}

void TestJobEngine::timedWait()
{
    FakeTransport fake;
    JobSpec spec = scriptJob(4, QStringLiteral("2"), 5);
    spec.pause = BatchPause::after(1);
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(engine.start().ok());
    QTRY_COMPARE(rec.ofType(JobEvent::Type::JobWaiting).size(), 1);
    QCOMPARE(engine.state().status(), JobStatus::Running);
    QVERIFY(engine.state().isWaiting());
    QCOMPARE(engine.state().waitSeconds(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!engine.isRunning(), 3000);
    QVERIFY(clock.elapsed() >= 950);
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    checkStream(rec.events, engine.state());

    // A timed wait can be cut short.
    FakeTransport fake2;
    spec.pause = BatchPause::after(60);
    JobEngine engine2(spec, &fake2);
    QVERIFY(engine2.start().ok());
    QTRY_VERIFY(engine2.state().isWaiting());
    QVERIFY(engine2.confirmNextBatch().ok());
    QTRY_VERIFY(!engine2.isRunning());
    QCOMPARE(engine2.state().status(), JobStatus::Succeeded);
}

void TestJobEngine::retryFailedAcrossSteps()
{
    FakeTransport fake;
    fake.script = [](const HostTask& task) {
        FakeBehaviour b;
        b.exitCode = (task.host == h(2) && task.step == 0 && task.attempt == 1) ? 1 : 0;
        return b;
    };
    JobSpec spec = scriptJob(4, QString(), 4);
    JobStep second;
    second.name = QStringLiteral("second");
    second.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("uptime"), {} };
    spec.steps.append(second);
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(!engine.retryFailed().ok()); // not started
    QVERIFY(engine.start().ok());
    QVERIFY(!engine.retryFailed().ok()); // running
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(engine.state().status(), JobStatus::Failed);
    QCOMPARE(engine.state().host(1, h(2))->status, HostStatus::Skipped); // failed step 0: excluded from step 1
    QCOMPARE(rec.ofType(JobEvent::Type::StepStarted)[1].skipped, QStringList { h(2) });
    QCOMPARE(engine.state().steps()[1].status, StepStatus::Failed); // a skipped host is no success
    QCOMPARE(engine.state().hostSummary(h(2)).status, HostStatus::Failed);
    QCOMPARE(engine.state().hostSummary(h(2)).step, 0);
    QCOMPARE(engine.state().hostSummary(h(1)).step, 1);

    fake.started.clear();
    QVERIFY(engine.retryFailed(QStringLiteral("erin")).ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(fake.started.size(), 2);
    QVERIFY((fake.started[0] == HostTask { engine.jobId(), 0, h(2), 2 }));
    QVERIFY((fake.started[1] == HostTask { engine.jobId(), 1, h(2), 1 }));
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    QCOMPARE(engine.state().run(), 2);
    const JobEvent rerun = rec.ofType(JobEvent::Type::JobRerun).first();
    QCOMPARE(rerun.hosts, QStringList { h(2) });
    QCOMPARE(rerun.mode, JobEvent::RerunMode::RetryFailed);
    QCOMPARE(rec.ofType(JobEvent::Type::JobFinished).size(), 2);
    QVERIFY(!engine.retryFailed().ok()); // nothing failed any more
    checkStream(rec.events, engine.state());
}

void TestJobEngine::retryFailedThenNotStarted()
{
    FakeTransport fake;
    fake.script = [](const HostTask& task) {
        FakeBehaviour b;
        b.exitCode = (task.host == h(2) && task.attempt == 1) ? 1 : 0;
        return b;
    };
    JobSpec spec = scriptJob(6, QStringLiteral("2"), 1);
    spec.failurePolicy = FailurePolicy::stopOnFirst();
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(statuses(engine.state(), 0, hostNames(6)),
        (QStringList { QStringLiteral("success"), QStringLiteral("failed"), QStringLiteral("not-started"),
            QStringLiteral("not-started"), QStringLiteral("not-started"), QStringLiteral("not-started") }));

    QVERIFY(engine.retryFailed().ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(fake.started.size(), 3); // only h2 again
    QCOMPARE(fake.started.last().host, h(2));
    QCOMPARE(fake.started.last().attempt, 2);
    QCOMPARE(engine.state().status(), JobStatus::Failed); // the not-started hosts are still open

    QVERIFY(engine.retryFailedAndNotStarted().ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(fake.started.size(), 7);
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    QCOMPARE(engine.state().counts().of(HostStatus::Success), 6);
    QCOMPARE(rec.ofType(JobEvent::Type::JobRerun).last().hosts, (QStringList { h(3), h(4), h(5), h(6) }));
    QVERIFY(!engine.retryFailedAndNotStarted().ok());
    checkStream(rec.events, engine.state());
}

void TestJobEngine::rerunStep()
{
    FakeTransport fake;
    JobSpec spec = scriptJob(3, QString(), 3);
    JobStep second;
    second.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("systemctl restart app"), {} };
    second.targets = QStringList { h(2), h(3) };
    spec.steps.append(second);
    JobEngine engine(spec, &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QVERIFY(!engine.rerunStep(1).ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(fake.started.size(), 5);
    QVERIFY(!engine.rerunStep(2).ok());
    QVERIFY(!engine.rerunStep(-1).ok());
    QVERIFY(engine.rerunStep(1, QStringLiteral("frank")).ok());
    QTRY_VERIFY(!engine.isRunning());
    QCOMPARE(fake.started.size(), 7);
    QVERIFY((fake.started[5] == HostTask { engine.jobId(), 1, h(2), 2 }));
    QVERIFY((fake.started[6] == HostTask { engine.jobId(), 1, h(3), 2 }));
    QCOMPARE(engine.state().host(1, h(2))->attempt, 2);
    QCOMPARE(engine.state().host(0, h(2))->attempt, 1);
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    QCOMPARE(engine.state().steps()[1].batches.size(), 2); // one per run
    QCOMPARE(engine.state().steps()[1].batches[1].run, 2);
    const JobEvent rerun = rec.ofType(JobEvent::Type::JobRerun).first();
    QCOMPARE(rerun.mode, JobEvent::RerunMode::RerunStep);
    QCOMPARE(rerun.step, 1);
    checkStream(rec.events, engine.state());
}

void TestJobEngine::interrupted()
{
    FakeTransport fake;
    FakeBehaviour hang;
    hang.never = true;
    fake.perHost.insert(h(2), hang);
    JobEngine engine(scriptJob(5, QString(), 2), &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_COMPARE(engine.state().host(0, h(5))->status, HostStatus::Success);
    QCOMPARE(engine.state().host(0, h(2))->status, HostStatus::Running);

    // The console "crashes" here: the store has the events so far.
    const QList<JobEvent> stored = rec.events;
    auto loaded = JobState::replay(stored);
    QVERIFY(loaded.ok());
    QCOMPARE(loaded->status(), JobStatus::Running);
    QVERIFY(loaded->markInterruptedIfUnfinished());
    QVERIFY(!loaded->markInterruptedIfUnfinished());
    QCOMPARE(loaded->status(), JobStatus::Interrupted);
    QCOMPARE(loaded->host(0, h(2))->status, HostStatus::Interrupted);
    QCOMPARE(loaded->host(0, h(1))->status, HostStatus::Success);
    QCOMPARE(loaded->steps()[0].status, StepStatus::Interrupted);
    QVERIFY(isFailure(HostStatus::Interrupted));

    // A finished job is left alone.
    FakeTransport fake2;
    JobEngine done(scriptJob(2), &fake2);
    Recorder rec2;
    done.addSink(&rec2);
    QVERIFY(done.start().ok());
    QTRY_VERIFY(!done.isRunning());
    auto finished = JobState::replay(rec2.events);
    QVERIFY(!finished->markInterruptedIfUnfinished());
    QCOMPARE(finished->status(), JobStatus::Succeeded);

    // After a restart the job can be adopted and the unknown host retried.
    FakeTransport fake3;
    JobEngine restored(JobSpec(), &fake3);
    Recorder rec3;
    rec3.events = stored;
    restored.addSink(&rec3);
    QVERIFY(restored.restore(stored).ok());
    QCOMPARE(restored.state().status(), JobStatus::Interrupted);
    QCOMPARE(rec3.events.last().type, JobEvent::Type::JobFinished);
    QCOMPARE(rec3.events.last().seq, stored.last().seq + 1);
    for (const QString& name : hostNames(5)) {
        QCOMPARE(restored.state().host(0, name)->status, loaded->host(0, name)->status);
    }
    QCOMPARE(restored.state().steps()[0].status, StepStatus::Interrupted);
    QVERIFY(restored.retryFailed().ok());
    QTRY_VERIFY(!restored.isRunning());
    QCOMPARE(fake3.started.size(), 1);
    QVERIFY((fake3.started[0] == HostTask { engine.jobId(), 0, h(2), 2 }));
    QCOMPARE(restored.state().status(), JobStatus::Succeeded);
    checkStream(rec3.events, restored.state());
}

void TestJobEngine::replayRejectsGaps()
{
    FakeTransport fake;
    JobEngine engine(scriptJob(3), &fake);
    Recorder rec;
    engine.addSink(&rec);
    QVERIFY(engine.start().ok());
    QTRY_VERIFY(!engine.isRunning());
    QList<JobEvent> gap = rec.events;
    gap.removeAt(4);
    auto r = JobState::replay(gap);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.contains(QLatin1String("expected event 5")), qPrintable(r.errorString()));
    QList<JobEvent> headless = rec.events.mid(1);
    QVERIFY(!JobState::replay(headless).ok());
    JobState st;
    QVERIFY(st.apply(rec.events[0]).ok());
    QVERIFY(!st.apply(rec.events[0]).ok()); // a duplicate
    JobEvent foreign = rec.events[1];
    foreign.jobId = QStringLiteral("other");
    QVERIFY(!st.apply(foreign).ok());
    JobEvent stranger = rec.events[1];
    stranger.type = JobEvent::Type::HostStarted;
    stranger.host = QStringLiteral("nobody");
    stranger.batch = 0;
    QVERIFY(!st.apply(stranger).ok());
    QCOMPARE(st.lastSeq(), qint64(1));
}

void TestJobEngine::outputStress()
{
    // 1,000 hosts printing 1,000 lines each: coalesced into few events, in bounded time.
    FakeTransport fake;
    fake.defaultBehaviour.repeatLine = 1000;
    fake.defaultBehaviour.line = QByteArray("2024-05-01 12:00:00 INFO something happened on this host\n");
    JobEngine engine(scriptJob(1000, QStringLiteral("10%"), 100), &fake);
    CountingSink sink;
    engine.addSink(&sink);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(engine.start().ok());
    QTRY_VERIFY_WITH_TIMEOUT(!engine.isRunning(), 60000);
    const qint64 ms = clock.elapsed();
    qInfo("1000 hosts x 1000 lines: %lld ms, %lld events", ms, sink.events);
    QVERIFY2(ms < 30000, qPrintable(QString::number(ms)));
    QCOMPARE(engine.state().status(), JobStatus::Succeeded);
    const qint64 expected = qint64(1000) * 1000 * fake.defaultBehaviour.line.size();
    QCOMPARE(sink.outputBytes, expected);
    qint64 counted = 0;
    for (const HostState& hs : engine.state().hostSummaries()) {
        counted += hs.stdoutBytes;
    }
    QCOMPARE(counted, expected);
    QVERIFY(sink.ordered);
    QVERIFY(sink.events < 20000); // ~1M chunks merged
}

QTEST_GUILESS_MAIN(TestJobEngine)
#include "tst_jobengine.moc"
