// FactsGathering in-process: the gathering job submitted to a DirectBackend over the scripted FakeTransport — one
// task per host running the gather script, each host's output parsed and stored as it finishes, and every way a
// host can fail named with its reason (no output of ours, a bad section line, unreachable, a failing shell).
#include "jobs/FakeTransport.h"

#include "facts/FactStore.h"
#include "facts/GatherScript.h"
#include "runner/DirectBackend.h"
#include "runner/FactsGathering.h"
#include "store/Workspace.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QByteArray fixture(const QString& name)
{
    QFile f(QStringLiteral(OPSDECK_FACTS_DATA_DIR "/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The output in chunks that cut lines, as SSH delivers it.
QList<QByteArray> chunks(const QByteArray& text, int size)
{
    QList<QByteArray> list;
    for (qsizetype i = 0; i < text.size(); i += size) {
        list.append(text.mid(i, size));
    }
    return list;
}

} // namespace

class TestFactsGathering : public QObject {
    Q_OBJECT
private slots:
    void storesEachHostAndNamesFailures();
};

void TestFactsGathering::storesEachHostAndNamesFailures()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    FakeTransport transport;
    const QByteArray debian = fixture(QStringLiteral("debian12.txt"));
    QVERIFY(!debian.isEmpty());
    const auto behaviour = [](const QList<QByteArray>& out, const std::function<void(FakeBehaviour&)>& more = {}) {
        FakeBehaviour b;
        b.stdoutLines = out;
        if (more) {
            more(b);
        }
        return b;
    };
    transport.perHost.insert(QStringLiteral("good"), behaviour(chunks(debian, 100)));
    transport.perHost.insert(QStringLiteral("rocky"),
        behaviour(chunks(fixture(QStringLiteral("rocky9.txt")), 4096), [](FakeBehaviour& b) { b.delayMs = 20; }));
    transport.perHost.insert(QStringLiteral("other"), behaviour({ QByteArray("Welcome to the jungle\n") }));
    QByteArray broken = debian;
    broken.replace("MemTotal:        8141436 kB", "MemTotal: many");
    transport.perHost.insert(QStringLiteral("broken"), behaviour({ broken }));
    transport.perHost.insert(
        QStringLiteral("down"), behaviour({}, [](FakeBehaviour& b) { b.error = HostStatus::Unreachable; }));
    transport.perHost.insert(QStringLiteral("noshell"), behaviour({}, [](FakeBehaviour& b) {
        b.exitCode = 127;
        b.stderrLines = { QByteArray("sh: 1: /bin/sh: not found\n") };
    }));
    auto backend = DirectBackend::open(**ws, &transport);
    QVERIFY2(backend, qPrintable(backend.errorString()));

    FactStore store(**ws);
    FactsGathering gathering(**backend, store);
    QSignalSpy done(&gathering, &FactsGathering::hostDone);
    QSignalSpy finished(&gathering, &FactsGathering::finished);
    const QStringList hosts { QStringLiteral("good"), QStringLiteral("rocky"), QStringLiteral("other"),
        QStringLiteral("broken"), QStringLiteral("down"), QStringLiteral("noshell") };
    const JobSpec spec = FactsGathering::jobSpec(hosts, QStringLiteral("tester"));
    QCOMPARE(spec.steps.size(), 1);
    QVERIFY(std::holds_alternative<RunScript>(spec.steps.first().action));
    QCOMPARE(std::get<RunScript>(spec.steps.first().action).script, GatherScript::text());
    QCOMPARE(std::get<RunScript>(spec.steps.first().action).interpreter, QStringLiteral("/bin/sh"));
    auto id = gathering.start(spec);
    QVERIFY2(id, qPrintable(id.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QCOMPARE(done.size(), hosts.size());
    // One exchange per host: one task each, all of the one step.
    QCOMPARE(transport.started.size(), hosts.size());

    const QList<FactsGathering::HostResult> results = gathering.results();
    QCOMPARE(results.size(), hosts.size());
    QCOMPARE(gathering.failedCount(), 4);
    QVERIFY(results.at(0).ok);
    QCOMPARE(results.at(0).message, QStringLiteral("Debian 12.5, 4 vCPUs, 7950 MB"));
    QVERIFY(results.at(1).ok);
    QCOMPARE(results.at(1).message, QStringLiteral("Rocky 9.3, 2 vCPUs, 3648 MB"));
    QVERIFY(!results.at(2).ok);
    QVERIFY2(
        results.at(2).message.startsWith(QLatin1String("facts output:1: not the output of OpsDeck's facts script")),
        qPrintable(results.at(2).message));
    QVERIFY(!results.at(3).ok);
    QVERIFY2(results.at(3).message.startsWith(QLatin1String("facts output:45: section 'meminfo': not a number of kB")),
        qPrintable(results.at(3).message));
    QVERIFY(!results.at(4).ok);
    QVERIFY2(results.at(4).message.startsWith(QLatin1String("unreachable: scripted failure")),
        qPrintable(results.at(4).message));
    QVERIFY(!results.at(5).ok);
    QVERIFY2(results.at(5).message.startsWith(QLatin1String("failed (exit 127)")), qPrintable(results.at(5).message));
    QVERIFY2(results.at(5).message.endsWith(QLatin1String("stderr: sh: 1: /bin/sh: not found")),
        qPrintable(results.at(5).message));

    // Stored: the two that succeeded, nothing of the others.
    auto list = store.list();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    const auto good = store.get(QStringLiteral("good"));
    QVERIFY(good && good->has_value());
    QCOMPARE((*good)->facts.value(QStringLiteral("distribution_release")).toString(), QStringLiteral("bookworm"));
    QVERIFY(qAbs((*good)->gatheredAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(!store.get(QStringLiteral("broken"))->has_value());
    QCOMPARE(gathering.jobStatus(), JobStatus::Failed);
}

QTEST_GUILESS_MAIN(TestFactsGathering)
#include "tst_factsgathering.moc"
