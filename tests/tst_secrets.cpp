// Secrets by key (backend-client/connect): the in-memory store always; the OS keychain through qtkeychain against
// a real GNOME Keyring in a private D-Bus session (tests/keychain-session.sh; skipped with the reason when it
// cannot run); the console's choice between them (SecretStore::openSystem) with no Secret Service at all.
#include "connect/KeychainSecretStore.h"
#include "connect/MemorySecretStore.h"

#include <QTest>

class TestSecrets : public QObject {
    Q_OBJECT

private:
    // write, read back, replace, remove, read nothing; answers never arrive inside the call.
    static void roundTrip(SecretStore& store, const QString& key)
    {
        QVERIFY2(SecretStore::removeNow(store, key), "remove of a key that may not exist");
        auto none = SecretStore::readNow(store, key);
        QVERIFY2(none, qPrintable(none.errorString()));
        QVERIFY(!none->has_value());

        bool called = false;
        QObject context;
        store.write(key, QStringLiteral("s3cret pass ☃"), &context, [&](const Result<void>& r) {
            QVERIFY(r);
            called = true;
        });
        QVERIFY(!called); // from the event loop, never inside the call
        QTRY_VERIFY_WITH_TIMEOUT(called, 10'000);

        auto read = SecretStore::readNow(store, key);
        QVERIFY2(read, qPrintable(read.errorString()));
        QCOMPARE(read->value_or(QString()), QStringLiteral("s3cret pass ☃"));
        QVERIFY(SecretStore::writeNow(store, key, QStringLiteral("second")));
        QCOMPARE(SecretStore::readNow(store, key)->value_or(QString()), QStringLiteral("second"));
        QVERIFY(SecretStore::removeNow(store, key));
        QVERIFY(!SecretStore::readNow(store, key)->has_value());
    }

private slots:
    void memoryStore()
    {
        MemorySecretStore store;
        QVERIFY(!store.persistent());
        roundTrip(store, QStringLiteral("server-token:https://a.example:8750"));
        QCOMPARE(store.size(), 0);
        // Keys are independent.
        QVERIFY(SecretStore::writeNow(store, QStringLiteral("a"), QStringLiteral("1")));
        QVERIFY(SecretStore::writeNow(store, QStringLiteral("b"), QStringLiteral("2")));
        QCOMPARE(SecretStore::readNow(store, QStringLiteral("a"))->value_or(QString()), QStringLiteral("1"));
        QCOMPARE(SecretStore::readNow(store, QStringLiteral("b"))->value_or(QString()), QStringLiteral("2"));
    }

    void memoryStoreDropsAnswersForAGoneContext()
    {
        MemorySecretStore store;
        bool called = false;
        auto* context = new QObject;
        store.read(QStringLiteral("k"), context, [&](const Result<std::optional<QString>>&) { called = true; });
        delete context;
        QTest::qWait(50);
        QVERIFY(!called);
    }

    void memoryStoreSaysWhy()
    {
        MemorySecretStore store(QStringLiteral("no keychain is available (no D-Bus session)"));
        QVERIFY(store.description().contains(QLatin1String("no D-Bus session")));
    }

    void noSecretServiceFallsBackToMemory()
    {
        if (qEnvironmentVariableIsSet("OPSDECK_KEYCHAIN_SESSION")) {
            QSKIP("a Secret Service is running in this session (the keychain cases cover it)");
        }
        // ctest runs this case with DBUS_SESSION_BUS_ADDRESS pointing nowhere (tests/CMakeLists.txt).
        if (!qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QLatin1String("opsdeck-no-bus"))) {
            QSKIP(
                "run by ctest with no D-Bus session (DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/opsdeck-no-bus)");
        }
        std::unique_ptr<SecretStore> store;
        QObject context;
        SecretStore::openSystem(&context, [&](std::unique_ptr<SecretStore> s) { store = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(store != nullptr, 20'000);
        QVERIFY(!store->persistent());
        QVERIFY2(
            store->description().contains(QLatin1String("no keychain is available")), qPrintable(store->description()));
        roundTrip(*store, QStringLiteral("k"));
    }

    void keychainStore()
    {
        if (qEnvironmentVariableIsSet("OPSDECK_KEYCHAIN_SKIP")) {
            QSKIP(qPrintable(qEnvironmentVariable("OPSDECK_KEYCHAIN_SKIP")));
        }
        if (!qEnvironmentVariableIsSet("OPSDECK_KEYCHAIN_SESSION")) {
            QSKIP("needs a private Secret Service: ctest runs it as tst_secrets_keychain through "
                  "tests/keychain-session.sh");
        }
        std::unique_ptr<SecretStore> chosen;
        QObject context;
        SecretStore::openSystem(&context, [&](std::unique_ptr<SecretStore> s) { chosen = std::move(s); });
        QTRY_VERIFY_WITH_TIMEOUT(chosen != nullptr, 20'000);
        QVERIFY2(chosen->persistent(), qPrintable(chosen->description()));

        const QString service = QStringLiteral("OpsDeckTest");
        KeychainSecretStore store(service);
        roundTrip(store, QStringLiteral("server-token:https://b.example:8750"));
        // Kept by the keyring, not by the object: a second store of the same service reads it.
        QVERIFY(SecretStore::writeNow(store, QStringLiteral("kept"), QStringLiteral("value")));
        KeychainSecretStore again(service);
        QCOMPARE(SecretStore::readNow(again, QStringLiteral("kept"))->value_or(QString()), QStringLiteral("value"));
        // Another service does not see it.
        KeychainSecretStore other(QStringLiteral("OpsDeckOther"));
        QVERIFY(!SecretStore::readNow(other, QStringLiteral("kept"))->has_value());
        QVERIFY(SecretStore::removeNow(again, QStringLiteral("kept")));
    }
};

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
