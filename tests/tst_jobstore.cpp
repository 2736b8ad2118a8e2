// The job history in the workspace: the 3 → 4 migration, JobEventWriter's batched and failure-reporting writes,
// reading (events after a seq, history search, replay, output windows), DirectBackend over the scripted
// FakeTransport (submit, subscribe without gaps or duplicates, retries of a restored job), interrupted jobs after
// the console process is SIGKILLed mid-job (a re-exec of this binary is the console), and `opsdeck-cli jobs`.
#include "CliRunner.h"
#include "TestStore.h"
#include "jobs/FakeTransport.h"
#include "jobs/JobEventWriter.h"
#include "jobs/JobStore.h"
#include "jobs/RollingPlan.h"
#include "runner/DirectBackend.h"
#include "scripts/ScriptStore.h"
#include "store/Workspace.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

QStringList hostNames(int n, const QString& prefix = QStringLiteral("h"))
{
    QStringList out;
    for (int i = 1; i <= n; ++i) {
        out.append(QStringLiteral("%1%2").arg(prefix).arg(i, 2, 10, QLatin1Char('0')));
    }
    return out;
}

JobSpec scriptJob(const QString& name, const QStringList& hosts, int concurrency = 10)
{
    JobSpec spec;
    spec.name = name;
    spec.targets = hosts;
    spec.targetDescription = QStringLiteral("test hosts");
    JobStep step;
    step.name = name + QStringLiteral(".sh");
    step.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("hostname"), {} };
    spec.steps.append(step);
    spec.concurrency = concurrency;
    return spec;
}

FakeBehaviour talks(int delayMs, int exitCode = 0)
{
    FakeBehaviour b;
    b.delayMs = delayMs;
    b.exitCode = exitCode;
    b.stdoutLines = { QByteArrayLiteral("out one\n"), QByteArrayLiteral("out two\n") };
    b.stderrLines = { QByteArrayLiteral("warn\n") };
    return b;
}

// Collects what a subscription delivers and whether it arrived in order.
struct Collector {
    QList<JobEvent> events;
    bool ordered = true;
    QString failure;
    void attach(JobSubscription* s, QObject* context)
    {
        QObject::connect(s, &JobSubscription::jobEvent, context, [this](const JobEvent& e) {
            ordered = ordered && (events.isEmpty() || e.seq == events.last().seq + 1);
            events.append(e);
        });
        QObject::connect(s, &JobSubscription::failed, context, [this](const QString& m) { failure = m; });
    }
    bool finished() const { return !events.isEmpty() && events.last().type == JobEvent::Type::JobFinished; }
};

// The child process of the crash test: "the console" running a long job until the parent kills it. Prints
// "host NAME" per finished host and "flushed SEQ" per stored batch, so the parent knows what must survive.
int crashChild(const QString& workspacePath)
{
    // On the PostgreSQL run the parent passes the URL of its database (the child has no fixture of its own).
    auto ws = StoreLocation::isUrl(workspacePath)
        ? Workspace::openUrl(workspacePath, Workspace::OpenMode::CreateIfMissing)
        : Workspace::open(workspacePath, Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        qCritical("child: %s", qPrintable(ws.errorString()));
        return 3;
    }
    FakeTransport transport;
    transport.defaultBehaviour = talks(120);
    auto backend = DirectBackend::open(**ws, &transport);
    if (!backend) {
        qCritical("child: %s", qPrintable(backend.errorString()));
        return 3;
    }
    QTextStream out(stdout);
    QObject context;
    QObject::connect(&(*backend)->writer(), &JobEventWriter::flushed, &context,
        [&out](const QString&, qint64 seq) { out << "flushed " << seq << Qt::endl; });
    JobSpec spec = scriptJob(QStringLiteral("long"), hostNames(40), 2);
    spec.id = QStringLiteral("crash-job");
    auto id = (*backend)->submit(spec);
    if (!id) {
        qCritical("child: %s", qPrintable(id.errorString()));
        return 3;
    }
    auto sub = (*backend)->subscribe(*id, 0, &context);
    QObject::connect(*sub, &JobSubscription::jobEvent, &context, [&out](const JobEvent& e) {
        if (e.type == JobEvent::Type::HostFinished) {
            out << "host " << e.host << Qt::endl;
        }
    });
    return QCoreApplication::exec(); // killed long before the job ends (40 hosts × 120 ms / 2)
}

} // namespace

class TestJobStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void migrationFromV3KeepsScripts();
    void jobIsFullyStored();
    void replayEqualsLive();
    void eventsAfterSeqAndOutputWindows();
    void subscribeFromSeqHasNoGapOrDuplicate();
    void subscribeToStoredJob();
    void historySearch();
    void writesAreBatched();
    void writeFailureIsReportedAndRetried();
    void refusesEventsThatBreakTheStream();
    void liveJobsAreNotMarkedInterrupted();
    void closingTheBackendInterruptsRunningJobs();
    void crashLeavesInterruptedJobWithOutput();
    void cliJobs();

private:
    QString workspacePath() const { return m_dir->filePath(QStringLiteral("w.opsdeck")); }
    std::unique_ptr<Workspace> openWorkspace();
    // Submits and waits until job.finished has been delivered to a subscription from 0.
    QString runToEnd(DirectBackend& backend, const JobSpec& spec, Collector* collected = nullptr);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestJobStore::initTestCase()
{
    QLocale::setDefault(QLocale::c());
    QStandardPaths::setTestModeEnabled(true);
    TESTSTORE_INIT();
}

void TestJobStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestJobStore::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<Workspace> TestJobStore::openWorkspace()
{
    auto ws = TestStore::open(workspacePath(), Workspace::OpenMode::CreateIfMissing);
    if (!ws) {
        qWarning("%s", qPrintable(ws.errorString()));
        return nullptr;
    }
    return std::move(*ws);
}

QString TestJobStore::runToEnd(DirectBackend& backend, const JobSpec& spec, Collector* collected)
{
    Collector local;
    Collector& c = collected ? *collected : local;
    auto id = backend.submit(spec);
    if (!id) {
        qWarning("submit: %s", qPrintable(id.errorString()));
        return {};
    }
    auto sub = backend.subscribe(*id, 0, this);
    if (!sub) {
        return {};
    }
    c.attach(*sub, this);
    QElapsedTimer t;
    t.start();
    while (!c.finished() && t.elapsed() < 10'000) {
        QTest::qWait(10);
    }
    delete *sub;
    return c.finished() ? *id : QString();
}

void TestJobStore::migrationFromV3KeepsScripts()
{
    const QString p = workspacePath();
    QVERIFY(TestStore::createAtVersion(p, 3).ok());
    {
        const QString failure = TestStore::exec(p,
            { QStringLiteral("INSERT INTO scripts (id, name, language, content, version, created_at, "
                             "updated_at, author) VALUES (1, 'uptime', 'bash', 'uptime\n', 1, "
                             "'2024-06-01T10:00:00Z', '2024-06-01T10:00:00Z', 'alice')"),
                QStringLiteral("INSERT INTO script_versions VALUES (1, 1, '2024-06-01T10:00:00Z', "
                               "'alice', 'first', 'uptime', 'bash', 'user', '', '', '[]', 'uptime\n')"),
                QStringLiteral("INSERT INTO script_tags VALUES (1, 'ops')") });
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }
    auto ws = TestStore::open(p);
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    QCOMPARE((*ws)->schemaVersionOnOpen(), 3);
    QVERIFY(Workspace::kSchemaVersion >= 4);
    ScriptStore scripts(**ws);
    auto all = scripts.loadAll();
    QVERIFY(all.ok());
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->first().name, QStringLiteral("uptime"));
    QCOMPARE(all->first().content, QStringLiteral("uptime\n"));
    QCOMPARE(all->first().tags, QStringList { QStringLiteral("ops") });
    QCOMPARE(scripts.versions(1)->size(), 1);
    // The new tables are there and empty.
    JobStore store(**ws);
    auto jobs = store.jobs();
    QVERIFY2(jobs.ok(), qPrintable(jobs.errorString()));
    QVERIFY(jobs->isEmpty());
    QSqlQuery q((*ws)->database());
    const QString catalog = TestStore::postgres() ? QStringLiteral("SELECT count(*) FROM pg_class WHERE relname IN ")
                                                  : QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN ");
    QVERIFY(q.exec(
        catalog + QStringLiteral("('jobs', 'job_events', 'job_hosts', 'job_events_by_host', 'job_hosts_by_host')")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 5);
}

void TestJobStore::jobIsFullyStored()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(5);
    transport.perHost.insert(QStringLiteral("h03"), talks(5, 2));
    DirectBackend::Options options;
    options.operatorName = QStringLiteral("alice");
    auto backend = DirectBackend::open(*ws, &transport, options);
    QVERIFY(backend.ok());
    Collector live;
    const QString id = runToEnd(**backend, scriptJob(QStringLiteral("deploy"), hostNames(5), 2), &live);
    QVERIFY(!id.isEmpty());
    QVERIFY(live.ordered);
    QCOMPARE(live.events.first().seq, 1);

    // Every event the subscriber saw is stored, identically, and nothing else.
    JobStore store(*ws);
    auto stored = store.events(id);
    QVERIFY2(stored.ok(), qPrintable(stored.errorString()));
    QCOMPARE(stored->size(), live.events.size());
    for (qsizetype i = 0; i < stored->size(); ++i) {
        QVERIFY2(stored->at(i) == live.events.at(i), qPrintable(QString::fromUtf8(stored->at(i).toJsonLine())));
    }
    auto lines = store.eventLines(id);
    QVERIFY(lines.ok());
    QCOMPARE(lines->first(), live.events.first().toJsonLine());

    auto summary = store.job(id);
    QVERIFY(summary.ok());
    QCOMPARE(summary->name, QStringLiteral("deploy"));
    QCOMPARE(summary->createdBy, QStringLiteral("alice"));
    QCOMPARE(summary->status, JobStatus::Failed);
    QCOMPARE(summary->hostCount, 5);
    QCOMPARE(summary->targetDescription, QStringLiteral("test hosts"));
    QCOMPARE(summary->stepNames, QStringList { QStringLiteral("deploy.sh") });
    QCOMPARE(summary->lastSeq, live.events.last().seq);
    QCOMPARE(summary->createdMs, live.events.first().timeMs);
    QCOMPARE(summary->finishedMs, live.events.last().timeMs);
    QCOMPARE(summary->runner, JobStore::currentRunner());
    QCOMPARE((*backend)->writer().pendingCount(), 0);
}

void TestJobStore::replayEqualsLive()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(3);
    transport.perHost.insert(QStringLiteral("h02"), talks(3, 1));
    auto backend = DirectBackend::open(*ws, &transport);
    QVERIFY(backend.ok());
    JobSpec spec = scriptJob(QStringLiteral("two steps"), hostNames(6), 3);
    spec.plan = *RollingPlan::parse(QStringLiteral("2 +1"));
    JobStep second;
    second.name = QStringLiteral("second");
    second.action = RunScript { QStringLiteral("/bin/sh"), QStringLiteral("true"), {} };
    spec.steps.append(second);
    const QString id = runToEnd(**backend, spec);
    QVERIFY(!id.isEmpty());
    // A retry appends a second run to the same stream.
    QVERIFY((*backend)->retryFailed(id).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!(*backend)->isRunningHere(id), 5000);

    auto live = (*backend)->state(id); // the engine's own fold
    QVERIFY(live.ok());
    QCOMPARE(live->run(), 2);
    JobStore store(*ws);
    auto replayed = store.state(id);
    QVERIFY2(replayed.ok(), qPrintable(replayed.errorString()));
    QVERIFY(*replayed == *live);
    QCOMPARE(replayed->counts(), live->counts());
    QCOMPARE(replayed->host(0, QStringLiteral("h02"))->attempt, 2);
    QCOMPARE(store.job(id)->status, live->status());
}

void TestJobStore::eventsAfterSeqAndOutputWindows()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    FakeBehaviour chatty;
    chatty.delayMs = 2;
    chatty.repeatLine = 30;
    chatty.line = QByteArrayLiteral("tick\n");
    transport.defaultBehaviour = chatty;
    DirectBackend::Options options;
    options.engine.outputFlushMs = 0; // one host.output per chunk: 30 events per host
    auto backend = DirectBackend::open(*ws, &transport, options);
    QVERIFY(backend.ok());
    const QString id = runToEnd(**backend, scriptJob(QStringLiteral("chatty"), hostNames(3)));
    QVERIFY(!id.isEmpty());
    JobStore store(*ws);
    auto all = store.events(id);
    QVERIFY(all.ok());
    auto after = store.events(id, 10);
    QVERIFY(after.ok());
    QCOMPARE(after->size(), all->size() - 10);
    QCOMPARE(after->first().seq, 11);
    auto window = store.events(id, 10, 5);
    QCOMPARE(window->size(), 5);
    QCOMPARE(window->last().seq, 15);
    QVERIFY(store.events(id, all->last().seq)->isEmpty());
    QCOMPARE(*store.lastSeq(id), all->last().seq);

    // Output of one host in windows: 30 events, read 12 at a time, joined equal the whole.
    auto whole = store.hostOutput(id, 0, QStringLiteral("h02"));
    QVERIFY(whole.ok());
    QCOMPARE(whole->size(), 30);
    QByteArray joined;
    for (qint64 offset = 0;; offset += 12) {
        auto part = store.hostOutput(id, 0, QStringLiteral("h02"), offset, 12);
        QVERIFY(part.ok());
        if (part->isEmpty()) {
            break;
        }
        QVERIFY(part->size() <= 12);
        for (const JobEvent& e : std::as_const(*part)) {
            QCOMPARE(e.type, JobEvent::Type::HostOutput);
            QCOMPARE(e.host, QStringLiteral("h02"));
            joined += e.chunk;
        }
    }
    QCOMPARE(joined, QByteArray("tick\n").repeated(30));
    QCOMPARE(store.hostOutput(id, -1, QStringLiteral("h02"))->size(), 30);
    QVERIFY(store.hostOutput(id, 1, QStringLiteral("h02"))->isEmpty());
    QVERIFY(store.hostOutput(id, 0, QStringLiteral("nope"))->isEmpty());
}

void TestJobStore::subscribeFromSeqHasNoGapOrDuplicate()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(25);
    auto backend = DirectBackend::open(*ws, &transport);
    QVERIFY(backend.ok());
    auto id = (*backend)->submit(scriptJob(QStringLiteral("slow"), hostNames(8), 1));
    QVERIFY(id.ok());
    Collector all;
    auto subAll = (*backend)->subscribe(*id, 0, this);
    QVERIFY(subAll.ok());
    all.attach(*subAll, this);
    // Mid-job: one subscription from an early seq (stored events first, then live), one from the current seq.
    QTRY_VERIFY_WITH_TIMEOUT(all.events.size() >= 12, 5000);
    QVERIFY((*backend)->isRunningHere(*id));
    Collector fromFive;
    auto subFive = (*backend)->subscribe(*id, 5, this);
    QVERIFY(subFive.ok());
    fromFive.attach(*subFive, this);
    const qint64 now = all.events.last().seq;
    Collector fromNow;
    auto subNow = (*backend)->subscribe(*id, now, this);
    fromNow.attach(*subNow, this);
    QTRY_VERIFY_WITH_TIMEOUT(all.finished() && fromFive.finished() && fromNow.finished(), 10'000);
    QVERIFY(all.ordered && fromFive.ordered && fromNow.ordered);
    QVERIFY(all.failure.isEmpty() && fromFive.failure.isEmpty() && fromNow.failure.isEmpty());
    QCOMPARE(fromFive.events.first().seq, 6);
    QCOMPARE(fromFive.events, all.events.mid(5));
    QCOMPARE(fromNow.events.first().seq, now + 1);
    QCOMPARE(fromNow.events, all.events.mid(now));
    QCOMPARE((*subFive)->lastSeq(), all.events.last().seq);
    // The store holds the same.
    QCOMPARE(*(*backend)->events(*id), all.events);
    delete *subAll;
    delete *subFive;
    delete *subNow;
}

void TestJobStore::subscribeToStoredJob()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(1);
    QString id;
    QList<JobEvent> original;
    {
        auto backend = DirectBackend::open(*ws, &transport);
        QVERIFY(backend.ok());
        Collector c;
        id = runToEnd(**backend, scriptJob(QStringLiteral("old"), hostNames(3)), &c);
        QVERIFY(!id.isEmpty());
        original = c.events;
    }
    // A new backend (a restarted console) replays it from the store.
    auto backend = DirectBackend::open(*ws, &transport);
    QVERIFY(backend.ok());
    QVERIFY((*backend)->interruptedOnOpen().isEmpty());
    Collector c;
    auto sub = (*backend)->subscribe(id, 3, this);
    QVERIFY(sub.ok());
    c.attach(*sub, this);
    QTRY_VERIFY_WITH_TIMEOUT(c.finished(), 2000);
    QCOMPARE(c.events, original.mid(3));
    delete *sub;
    // Unknown jobs are an error, not an empty stream.
    auto none = (*backend)->subscribe(QStringLiteral("no-such-job"), 0, this);
    QVERIFY(!none.ok());
    QVERIFY(none.errorString().contains(QLatin1String("no-such-job")));
    // Interventions on a finished job of an earlier console say why they do not apply.
    auto paused = (*backend)->pause(id);
    QVERIFY(!paused.ok());
    QVERIFY2(paused.errorString().contains(QLatin1String("not running")), qPrintable(paused.errorString()));
}

void TestJobStore::historySearch()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(1);
    transport.perHost.insert(QStringLiteral("db01"), talks(1, 1));
    DirectBackend::Options alice;
    alice.operatorName = QStringLiteral("alice");
    DirectBackend::Options bob;
    bob.operatorName = QStringLiteral("bob");
    auto asAlice = DirectBackend::open(*ws, &transport, alice);
    auto asBob = DirectBackend::open(*ws, &transport, bob);
    QVERIFY(asAlice.ok() && asBob.ok());
    const QString web
        = runToEnd(**asAlice, scriptJob(QStringLiteral("restart nginx"), hostNames(3, QStringLiteral("web"))));
    QTest::qWait(5); // distinct creation times
    const QString db = runToEnd(**asBob, scriptJob(QStringLiteral("vacuum"), hostNames(2, QStringLiteral("db"))));
    QTest::qWait(5);
    JobSpec mixed = scriptJob(QStringLiteral("uptime"), { QStringLiteral("web02"), QStringLiteral("db02") });
    mixed.steps[0].name = QStringLiteral("Check_100%");
    const QString both = runToEnd(**asAlice, mixed);
    QVERIFY(!web.isEmpty() && !db.isEmpty() && !both.isEmpty());

    auto ids = [&](const JobFilter& f) {
        QStringList out;
        auto found = (*asAlice)->jobs(f);
        if (found) {
            for (const JobSummary& s : std::as_const(*found)) {
                out.append(s.id);
            }
        }
        return out;
    };
    QCOMPARE(ids({}), (QStringList { both, db, web })); // newest first
    JobFilter f;
    f.statuses = { JobStatus::Failed };
    QCOMPARE(ids(f), QStringList { db });
    f.statuses = { JobStatus::Failed, JobStatus::Succeeded };
    QCOMPARE(ids(f).size(), 3);
    f = {};
    f.host = QStringLiteral("web02");
    QCOMPARE(ids(f), (QStringList { both, web }));
    f.host = QStringLiteral("web0"); // exact names only
    QVERIFY(ids(f).isEmpty());
    f = {};
    f.script = QStringLiteral("NGINX"); // the job's name, case-insensitive
    QCOMPARE(ids(f), QStringList { web });
    f.script = QStringLiteral("vacuum.sh"); // a step's name
    QCOMPARE(ids(f), QStringList { db });
    f.script = QStringLiteral("_100%"); // LIKE wildcards are literal
    QCOMPARE(ids(f), QStringList { both });
    f.script = QStringLiteral("%");
    QCOMPARE(ids(f), QStringList { both });
    f = {};
    f.createdBy = QStringLiteral("bob");
    QCOMPARE(ids(f), QStringList { db });
    f = {};
    const qint64 dbCreated = (*asAlice)->job(db)->createdMs;
    f.sinceMs = dbCreated;
    QCOMPARE(ids(f), (QStringList { both, db }));
    f.untilMs = dbCreated + 1;
    QCOMPARE(ids(f), QStringList { db });
    f = {};
    f.limit = 1;
    QCOMPARE(ids(f), QStringList { both });
    f = {};
    f.createdBy = QStringLiteral("alice");
    f.host = QStringLiteral("db02");
    QCOMPARE(ids(f), QStringList { both });
    // Abbreviated ids.
    QCOMPARE(*(*asAlice)->store().resolveId(db.left(8)), db);
    QVERIFY(!(*asAlice)->store().resolveId(QStringLiteral("zzzz")).ok());
}

void TestJobStore::writesAreBatched()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(0);
    auto backend = DirectBackend::open(*ws, &transport);
    QVERIFY(backend.ok());
    Collector c;
    const int before = (*backend)->writer().transactionCount();
    const QString id = runToEnd(**backend, scriptJob(QStringLiteral("many"), hostNames(99), 50), &c);
    QVERIFY(!id.isEmpty());
    const int transactions = (*backend)->writer().transactionCount() - before;
    qInfo("%lld events in %d transactions", qlonglong(c.events.size()), transactions);
    QVERIFY(c.events.size() > 300);
    QVERIFY2(transactions <= 20, qPrintable(QString::number(transactions)));

    // An event that does not flush at once (host.started) reaches the store within about one interval.
    FakeBehaviour never;
    never.never = true;
    transport.defaultBehaviour = never;
    auto slow = (*backend)->submit(scriptJob(QStringLiteral("never"), hostNames(1)));
    QVERIFY(slow.ok());
    JobStore store(*ws);
    QCOMPARE(*store.lastSeq(*slow), 1); // job.created at once; step/batch/host.started buffered
    QVERIFY((*backend)->writer().pendingCount() > 0);
    QElapsedTimer t;
    t.start();
    QTRY_VERIFY_WITH_TIMEOUT((*backend)->writer().pendingCount() == 0, 2000);
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    QCOMPARE(*store.lastSeq(*slow), (*backend)->state(*slow)->lastSeq());
    QCOMPARE(store.job(*slow)->status, JobStatus::Running);
    // Pausing is stored at once, with the row saying so.
    QVERIFY((*backend)->pause(*slow).ok());
    QCOMPARE((*backend)->writer().pendingCount(), 0);
    QCOMPARE(store.job(*slow)->status, JobStatus::Paused);
    QVERIFY((*backend)->cancel(*slow).ok());
    QTRY_COMPARE_WITH_TIMEOUT(store.job(*slow)->status, JobStatus::Cancelled, 2000);
}

void TestJobStore::writeFailureIsReportedAndRetried()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(1);
    auto backend = DirectBackend::open(*ws, &transport);
    QVERIFY(backend.ok());
    QSignalSpy failed(&(*backend)->writer(), &JobEventWriter::writeFailed);
    QSignalSpy problem(backend->get(), &Backend::problem);
    QSignalSpy recovered(&(*backend)->writer(), &JobEventWriter::writeRecovered);
    // The disk "fills up" after the job was created.
    FakeBehaviour never;
    never.never = true;
    transport.defaultBehaviour = never;
    auto id = (*backend)->submit(scriptJob(QStringLiteral("doomed"), hostNames(2)));
    QVERIFY(id.ok());
    QSqlQuery q(ws->database());
    if (TestStore::postgres()) {
        QVERIFY2(q.exec(QStringLiteral("CREATE FUNCTION fail_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                       "RAISE EXCEPTION 'simulated disk full'; END $$")),
            qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER fail_events BEFORE INSERT ON job_events FOR EACH ROW EXECUTE "
                                       "FUNCTION fail_events()")),
            qPrintable(q.lastError().text()));
    } else {
        QVERIFY2(q.exec(QStringLiteral("CREATE TEMP TRIGGER fail_events BEFORE INSERT ON job_events BEGIN SELECT "
                                       "RAISE(ABORT, 'simulated disk full'); END")),
            qPrintable(q.lastError().text()));
    }
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 1, 2000);
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("simulated disk full")),
        qPrintable(failed.first().first().toString()));
    QCOMPARE(problem.size(), failed.size());
    QVERIFY((*backend)->writer().pendingCount() > 0);
    // Readers still see every event (the buffered ones after the stored ones).
    const qint64 live = (*backend)->state(*id)->lastSeq();
    auto read = (*backend)->events(*id);
    QVERIFY(read.ok());
    QCOMPARE(read->size(), live);
    // Retries do not flood the operator with the same message.
    QTest::qWait(1200);
    QCOMPARE(failed.size(), 1);
    // Space again: the retry stores everything.
    QVERIFY(q.exec(TestStore::postgres() ? QStringLiteral("DROP TRIGGER fail_events ON job_events")
                                         : QStringLiteral("DROP TRIGGER fail_events")));
    QTRY_VERIFY_WITH_TIMEOUT(recovered.size() == 1, 3000);
    QCOMPARE((*backend)->writer().pendingCount(), 0);
    JobStore store(*ws);
    QCOMPARE(*store.lastSeq(*id), live);
    QVERIFY(store.state(*id).ok());
    QVERIFY((*backend)->cancel(*id).ok());
}

void TestJobStore::refusesEventsThatBreakTheStream()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(1);
    auto backend = DirectBackend::open(*ws, &transport);
    QVERIFY(backend.ok());
    const QString id = runToEnd(**backend, scriptJob(QStringLiteral("done"), hostNames(2)));
    QVERIFY(!id.isEmpty());
    JobStore store(*ws);
    const QList<JobEvent> stored = *store.events(id);
    JobEventWriter writer(*ws);
    QSignalSpy failed(&writer, &JobEventWriter::writeFailed);
    writer.append(stored[2]); // a duplicate
    JobEvent gap = stored.last();
    gap.seq += 5;
    writer.append(gap);
    JobEvent ghost = stored[3];
    ghost.jobId = QStringLiteral("ghost");
    writer.append(ghost); // a job that was never created
    writer.append(stored.first()); // created twice
    QCOMPARE(failed.size(), 4);
    QVERIFY(failed.at(2).first().toString().contains(QLatin1String("ghost")));
    QCOMPARE(writer.pendingCount(), 0);
    QVERIFY(writer.flush().ok());
    QCOMPARE(*store.events(id), stored);
    QVERIFY(store.jobs()->size() == 1);
}

void TestJobStore::liveJobsAreNotMarkedInterrupted()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    FakeBehaviour never;
    never.never = true;
    transport.defaultBehaviour = never;
    auto running = DirectBackend::open(*ws, &transport);
    QVERIFY(running.ok());
    auto id = (*running)->submit(scriptJob(QStringLiteral("live"), hostNames(2)));
    QVERIFY(id.ok());
    QVERIFY((*running)->writer().flush().ok());
    // Another console (here: another backend in this process) opening the workspace leaves it alone.
    auto other = DirectBackend::open(*ws, nullptr);
    QVERIFY(other.ok());
    QVERIFY((*other)->interruptedOnOpen().isEmpty());
    QCOMPARE((*other)->job(*id)->status, JobStatus::Running);
    auto control = (*other)->pause(*id);
    QVERIFY(!control.ok());
    QVERIFY2(control.errorString().contains(QLatin1String("another program")), qPrintable(control.errorString()));
    QVERIFY(!(*other)->submit(scriptJob(QStringLiteral("x"), hostNames(1))).ok()); // no transport

    QVERIFY(JobStore::runnerAlive(JobStore::currentRunner()));
    QVERIFY(!JobStore::runnerAlive(QString()));
    QVERIFY(!JobStore::runnerAlive(QStringLiteral("garbage")));
    QProcess gone;
    gone.start(QStringLiteral("/bin/true"));
    QVERIFY(gone.waitForFinished(5000));
    const QString runner = JobStore::currentRunner();
    const QStringList parts = runner.left(runner.lastIndexOf(QLatin1Char('@'))).split(QLatin1Char('/'));
    const QString dead = QStringLiteral("%1/%2/%3%4")
                             .arg(parts[0])
                             .arg(gone.processId())
                             .arg(parts[2], runner.mid(runner.lastIndexOf(QLatin1Char('@'))));
    QVERIFY(!JobStore::runnerAlive(dead));
    // Same pid as us but another start time: a reused pid, not us.
    const QString reused
        = QStringLiteral("%1/%2/1%3").arg(parts[0], parts[1], runner.mid(runner.lastIndexOf(QLatin1Char('@'))));
    QVERIFY(!JobStore::runnerAlive(reused));
}

void TestJobStore::closingTheBackendInterruptsRunningJobs()
{
    auto ws = openWorkspace();
    QVERIFY(ws);
    FakeTransport transport;
    transport.defaultBehaviour = talks(1);
    FakeBehaviour never;
    never.never = true;
    never.stdoutLines = { QByteArrayLiteral("started\n") };
    transport.perHost.insert(QStringLiteral("h02"), never);
    QString id;
    qint64 lastLive = 0;
    {
        auto backend = DirectBackend::open(*ws, &transport);
        QVERIFY(backend.ok());
        auto submitted = (*backend)->submit(scriptJob(QStringLiteral("closing"), hostNames(3), 1));
        QVERIFY(submitted.ok());
        id = *submitted;
        QTRY_VERIFY_WITH_TIMEOUT(
            (*backend)->state(id)->host(0, QStringLiteral("h02"))->status == HostStatus::Running, 3000);
        lastLive = (*backend)->state(id)->lastSeq();
    }
    JobStore store(*ws);
    auto state = store.state(id);
    QVERIFY2(state.ok(), qPrintable(state.errorString()));
    QCOMPARE(state->status(), JobStatus::Interrupted);
    QCOMPARE(state->lastSeq(), lastLive + 1);
    QVERIFY(state->message().contains(QLatin1String("closed")));
    QCOMPARE(state->host(0, QStringLiteral("h01"))->status, HostStatus::Success);
    QCOMPARE(state->host(0, QStringLiteral("h02"))->status, HostStatus::Interrupted);
    QCOMPARE(state->host(0, QStringLiteral("h03"))->status, HostStatus::NotStarted);
    QCOMPARE(store.job(id)->status, JobStatus::Interrupted);
}

void TestJobStore::crashLeavesInterruptedJobWithOutput()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const QString where = TestStore::postgres() ? TestStore::urlFor(workspacePath(), true) : workspacePath();
    QVERIFY(!where.isEmpty());
    child.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--crash-child"), where });
    QVERIFY(child.waitForStarted(5000));
    int hostsDone = 0;
    qint64 flushedWhenEnough = -1;
    qint64 lastFlushed = 0;
    QElapsedTimer t;
    t.start();
    // Kill once four hosts have finished and a flush after that has been reported.
    while (t.elapsed() < 15'000 && flushedWhenEnough < 0) {
        if (!child.canReadLine() && !child.waitForReadyRead(200)) {
            QVERIFY2(child.state() == QProcess::Running, "the child ended by itself");
            continue;
        }
        while (child.canReadLine()) {
            const QByteArray line = child.readLine().trimmed();
            if (line.startsWith("host ")) {
                ++hostsDone;
            } else if (line.startsWith("flushed ")) {
                lastFlushed = line.mid(8).toLongLong();
                if (hostsDone >= 4) {
                    flushedWhenEnough = lastFlushed;
                }
            }
        }
    }
    QVERIFY2(flushedWhenEnough > 0, "the child never got far enough");
    child.kill(); // SIGKILL: no destructor, no flush
    QVERIFY(child.waitForFinished(5000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    while (child.canReadLine()) {
        const QByteArray line = child.readLine().trimmed();
        if (line.startsWith("flushed ")) {
            lastFlushed = line.mid(8).toLongLong();
        }
    }

    auto ws = TestStore::open(workspacePath());
    QVERIFY2(ws.ok(), qPrintable(ws.errorString()));
    {
        // Before anyone marks it, the row still says running (the row is only what the events say).
        JobStore store(**ws);
        QCOMPARE(store.job(QStringLiteral("crash-job"))->status, JobStatus::Running);
    }
    FakeTransport transport;
    transport.defaultBehaviour = talks(1);
    auto backend = DirectBackend::open(**ws, &transport);
    QVERIFY(backend.ok());
    QCOMPARE((*backend)->interruptedOnOpen(), QStringList { QStringLiteral("crash-job") });
    JobStore& store = (*backend)->store();
    auto summary = store.job(QStringLiteral("crash-job"));
    QCOMPARE(summary->status, JobStatus::Interrupted);
    auto events = store.events(QStringLiteral("crash-job"));
    QVERIFY(events.ok());
    // Everything reported as stored is there, plus job.finished (interrupted) after it.
    QVERIFY2(
        events->size() >= lastFlushed + 1, qPrintable(QStringLiteral("%1 < %2").arg(events->size()).arg(lastFlushed)));
    const JobEvent& last = events->last();
    QCOMPARE(last.type, JobEvent::Type::JobFinished);
    QCOMPARE(last.jobStatus, JobStatus::Interrupted);
    QCOMPARE(last.timeMs, events->at(events->size() - 2).timeMs);
    auto state = JobState::replay(*events);
    QVERIFY2(state.ok(), qPrintable(state.errorString()));
    QCOMPARE(state->status(), JobStatus::Interrupted);
    const HostCounts counts = state->counts();
    QVERIFY(counts.of(HostStatus::Success) >= 4);
    QVERIFY(counts.of(HostStatus::NotStarted) > 20);
    QCOMPARE(counts.of(HostStatus::Pending) + counts.of(HostStatus::Running), 0);
    QCOMPARE(counts.total, 40);
    // The output of finished hosts is kept.
    auto out = store.hostOutput(QStringLiteral("crash-job"), 0, QStringLiteral("h01"));
    QVERIFY(out.ok());
    QByteArray text;
    for (const JobEvent& e : std::as_const(*out)) {
        text += e.chunk;
    }
    QVERIFY2(text.contains("out one\nout two\n"), text.constData());
    // Reopening again changes nothing more.
    auto again = DirectBackend::open(**ws, &transport);
    QVERIFY((*again)->interruptedOnOpen().isEmpty());
    // And the interrupted job can be retried: its engine is restored from the store.
    QVERIFY((*backend)->retryFailedAndNotStarted(QStringLiteral("crash-job")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(!(*backend)->isRunningHere(QStringLiteral("crash-job")), 5000);
    auto retried = store.state(QStringLiteral("crash-job"));
    QVERIFY2(retried.ok(), qPrintable(retried.errorString()));
    QCOMPARE(retried->run(), 2);
    QCOMPARE(retried->status(), JobStatus::Succeeded);
    QCOMPARE(store.job(QStringLiteral("crash-job"))->status, JobStatus::Succeeded);
}

void TestJobStore::cliJobs()
{
    TESTSTORE_SQLITE_ONLY(); // the CLI on a workspace file
    QString id;
    QList<QByteArray> lines;
    {
        auto ws = openWorkspace();
        QVERIFY(ws);
        FakeTransport transport;
        transport.defaultBehaviour = talks(1);
        transport.perHost.insert(QStringLiteral("h02"), talks(1, 2));
        DirectBackend::Options options;
        options.operatorName = QStringLiteral("carol");
        auto backend = DirectBackend::open(*ws, &transport, options);
        QVERIFY(backend.ok());
        id = runToEnd(**backend, scriptJob(QStringLiteral("cli job"), hostNames(3)));
        QVERIFY(!id.isEmpty());
        lines = *(*backend)->store().eventLines(id);
    }
    const QStringList w { QStringLiteral("--workspace"), workspacePath() };

    CliRun r = runCli(w + QStringList { QStringLiteral("jobs"), QStringLiteral("list") });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QStringList fields = r.out.trimmed().split(QLatin1Char('\t'));
    QCOMPARE(fields.size(), 6);
    QCOMPARE(fields[0], id);
    QVERIFY(fields[1].endsWith(QLatin1Char('Z')));
    QCOMPARE(fields[2], QStringLiteral("failed"));
    QCOMPARE(fields[3], QStringLiteral("3"));
    QCOMPARE(fields[4], QStringLiteral("carol"));
    QCOMPARE(fields[5], QStringLiteral("cli job"));
    r = runCli(w
        + QStringList { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--status"),
            QStringLiteral("succeeded,cancelled") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.isEmpty());
    r = runCli(w
        + QStringList { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--host"), QStringLiteral("h03"),
            QStringLiteral("--since"), QStringLiteral("2020-01-01"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const QJsonArray array = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(array.size(), 1);
    QCOMPARE(array[0][QStringLiteral("id")].toString(), id);
    QCOMPARE(array[0][QStringLiteral("status")].toString(), QStringLiteral("failed"));
    r = runCli(w
        + QStringList { QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--since"),
            QStringLiteral("2999-01-01T00:00:00Z") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.isEmpty());
    r = runCli(w
        + QStringList {
            QStringLiteral("jobs"), QStringLiteral("list"), QStringLiteral("--status"), QStringLiteral("done") });
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QLatin1String("'done' is unknown")));

    r = runCli(w + QStringList { QStringLiteral("jobs"), QStringLiteral("show"), id.left(8) });
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("job:      ") + id), qPrintable(r.out));
    QVERIFY(r.out.contains(QLatin1String("status:   failed")));
    QVERIFY(r.out.contains(QLatin1String("hosts:    2 success, 1 failed")));
    QVERIFY(r.out.contains(QLatin1String("by carol")));
    const QStringList outLines = r.out.split(QLatin1Char('\n'));
    QString h02;
    for (const QString& l : outLines) {
        if (l.startsWith(QLatin1String("h02"))) {
            h02 = l;
        }
    }
    QCOMPARE(h02.simplified().section(QLatin1Char(' '), 0, 2), QStringLiteral("h02 failed 2"));
    r = runCli(w + QStringList { QStringLiteral("jobs"), QStringLiteral("show"), id, QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(shown[QStringLiteral("counts")][QStringLiteral("failed")].toInt(), 1);
    QCOMPARE(shown[QStringLiteral("hosts")].toArray().size(), 3);

    r = runCli(w + QStringList { QStringLiteral("jobs"), QStringLiteral("events"), id });
    QCOMPARE(r.code, 0);
    QByteArray expected;
    for (const QByteArray& l : std::as_const(lines)) {
        expected += l + '\n';
    }
    QCOMPARE(r.out.toUtf8(), expected);
    r = runCli(w
        + QStringList {
            QStringLiteral("jobs"), QStringLiteral("events"), id, QStringLiteral("--after"), QStringLiteral("3") });
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.startsWith(QString::fromUtf8(lines[3])));
    QCOMPARE(r.out.count(QLatin1Char('\n')), lines.size() - 3);

    r = runCli(w + QStringList { QStringLiteral("jobs"), QStringLiteral("show"), QStringLiteral("nosuchjob") });
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QLatin1String("no job nosuchjob")));
    r = runCli(w + QStringList { QStringLiteral("jobs"), QStringLiteral("frobnicate") });
    QCOMPARE(r.code, 2);
    r = runCli(w + QStringList { QStringLiteral("--help") });
    QVERIFY(r.out.contains(QLatin1String("jobs list|show|events")));
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 3 && qstrcmp(argv[1], "--crash-child") == 0) {
        return crashChild(QString::fromLocal8Bit(argv[2]));
    }
    TestJobStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_jobstore.moc"
