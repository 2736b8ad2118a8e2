// VarCodec: JSON as Python prints it, YAML typed as PyYAML types it. Python itself is the oracle where available.
#include "core/VarCodec.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTest>

class TestVarCodec : public QObject {
    Q_OBJECT
private slots:
    void pythonFloat_data();
    void pythonFloat();
    void pythonFloatMatchesPython();
    void yamlScalars_data();
    void yamlScalars();
    void yamlErrorsNamePlace();
    void yamlRoundTrip();
    void yamlMapping();
    void jsonKeepsIntAndFloatApart();
    void jsonLikePython();
};

void TestVarCodec::pythonFloat_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one") << 1.0 << "1.0";
    QTest::newRow("half") << 0.5 << "0.5";
    QTest::newRow("tenth") << 0.1 << "0.1";
    QTest::newRow("big") << 1e16 << "1e+16";
    QTest::newRow("below big") << 1e15 << "1000000000000000.0";
    QTest::newRow("small") << 1e-5 << "1e-05";
    QTest::newRow("0.0001") << 0.0001 << "0.0001";
    QTest::newRow("neg") << -2.5 << "-2.5";
    QTest::newRow("pi") << 3.141592653589793 << "3.141592653589793";
    QTest::newRow("1.5e300") << 1.5e300 << "1.5e+300";
    QTest::newRow("123.456") << 123.456 << "123.456";
}

void TestVarCodec::pythonFloat()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(VarCodec::pythonFloat(value), expected);
}

void TestVarCodec::pythonFloatMatchesPython()
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        QSKIP("python3 not installed");
    }
    const QList<double> values { 1.0, 0.1, 2.0 / 3.0, 1e22, 1.234e-7, 5e-324, 1.7976931348623157e308, 100.0, 12345.6789,
        9007199254740993.0, 0.000123 };
    QStringList reprs;
    for (double v : values) {
        reprs.append(QString::number(v, 'g', 17));
    }
    QProcess p;
    QStringList args { QStringLiteral("-c"),
        QStringLiteral("import sys\nfor a in sys.argv[1:]: print(repr(float(a)))") };
    args += reprs;
    p.start(python, args);
    QVERIFY(p.waitForFinished(10000));
    const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), values.size());
    for (int i = 0; i < values.size(); ++i) {
        QCOMPARE(VarCodec::pythonFloat(values[i]), lines[i]);
    }
}

void TestVarCodec::yamlScalars_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("expected");
    QTest::newRow("true") << "true" << QVariant(true);
    QTest::newRow("yes") << "yes" << QVariant(true);
    QTest::newRow("Off") << "Off" << QVariant(false);
    QTest::newRow("int") << "42" << QVariant(qlonglong(42));
    QTest::newRow("octal") << "0755" << QVariant(qlonglong(493));
    QTest::newRow("hex") << "0x1f" << QVariant(qlonglong(31));
    QTest::newRow("sexagesimal") << "1:30" << QVariant(qlonglong(90));
    QTest::newRow("float") << "1.5" << QVariant(1.5);
    QTest::newRow("exp") << "1.0e+3" << QVariant(1000.0);
    QTest::newRow("1e3 is a string in YAML 1.1") << "1e3" << QVariant(QStringLiteral("1e3"));
    QTest::newRow("null") << "~" << QVariant::fromValue(nullptr);
    QTest::newRow("string") << "hello" << QVariant(QStringLiteral("hello"));
    QTest::newRow("version") << "1.2.3" << QVariant(QStringLiteral("1.2.3"));
    QTest::newRow("ip") << "10.0.0.1" << QVariant(QStringLiteral("10.0.0.1"));
}

void TestVarCodec::yamlScalars()
{
    QFETCH(QString, text);
    QFETCH(QVariant, expected);
    const QVariant got = VarCodec::resolvePlainYamlScalar(text);
    QCOMPARE(got.typeId(), expected.typeId());
    QCOMPARE(got, expected);
}

void TestVarCodec::yamlErrorsNamePlace()
{
    auto r = VarCodec::fromYaml("a: 1\nb: [1, 2\nc: 3\n", QStringLiteral("vars.yml"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().where.file, QStringLiteral("vars.yml"));
    QVERIFY2(r.error().where.line >= 2, qPrintable(r.errorString()));
    QVERIFY(r.errorString().startsWith(QLatin1String("vars.yml:")));
}

void TestVarCodec::yamlRoundTrip()
{
    const QVariantMap value {
        { QStringLiteral("s"), QStringLiteral("yes") }, // must be quoted to stay a string
        { QStringLiteral("n"), qlonglong(5) },
        { QStringLiteral("f"), 2.0 },
        { QStringLiteral("b"), false },
        { QStringLiteral("z"), QVariant::fromValue(nullptr) },
        { QStringLiteral("list"),
            QVariantList {
                QStringLiteral("a"), qlonglong(1), QVariantMap { { QStringLiteral("k"), QStringLiteral("v: x") } } } },
        { QStringLiteral("nested"),
            QVariantMap { { QStringLiteral("deep"), QVariantList { QVariantList { qlonglong(1) } } } } },
        { QStringLiteral("empty"), QVariantMap {} },
        { QStringLiteral("unicode"), QStringLiteral("机房 #1") },
        { QStringLiteral("multi"), QStringLiteral("line1\nline2") },
    };
    const QByteArray yaml = VarCodec::toYaml(value);
    auto back = VarCodec::fromYaml(yaml);
    QVERIFY2(back.ok(), qPrintable(back.errorString()));
    QCOMPARE(VarCodec::toJson(*back), VarCodec::toJson(value));
}

void TestVarCodec::yamlMapping()
{
    QVERIFY(VarCodec::fromYamlMapping("  \n").ok());
    QVERIFY(VarCodec::fromYamlMapping("~\n")->isEmpty());
    QCOMPARE(VarCodec::fromYamlMapping("a: 1\n")->value(QStringLiteral("a")).toInt(), 1);
    auto list = VarCodec::fromYamlMapping("- a\n", QStringLiteral("vars"));
    QVERIFY(!list.ok());
    QVERIFY2(list.errorString().startsWith(QLatin1String("vars:1:1: write a mapping")), qPrintable(list.errorString()));
    auto bad = VarCodec::fromYamlMapping("a: [1\n", QStringLiteral("vars"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().where.file, QStringLiteral("vars"));
}

void TestVarCodec::jsonKeepsIntAndFloatApart()
{
    auto r = VarCodec::fromJson(R"({"i": 1, "f": 1.0, "l": [true, null, "x"]})");
    QVERIFY(r.ok());
    const QVariantMap m = r->toMap();
    QVERIFY(VarCodec::isInteger(m.value(QStringLiteral("i"))));
    QVERIFY(VarCodec::isFloat(m.value(QStringLiteral("f"))));
    QCOMPARE(VarCodec::toStorageJson(*r), QByteArray(R"({"f":1.0,"i":1,"l":[true,null,"x"]})"));
}

void TestVarCodec::jsonLikePython()
{
    const QVariantMap value { { QStringLiteral("b"), QVariantList { qlonglong(1), 2.5 } },
        { QStringLiteral("a"), QStringLiteral("é\"") } };
    QCOMPARE(VarCodec::toJson(value), QByteArray(R"({"a": "\u00e9\"", "b": [1, 2.5]})"));
    QCOMPARE(VarCodec::toJson(value, 4),
        QByteArray("{\n    \"a\": \"\\u00e9\\\"\",\n    \"b\": [\n        1,\n        2.5\n    ]\n}"));
}

QTEST_GUILESS_MAIN(TestVarCodec)
#include "tst_varcodec.moc"
