// Ansible inventory import/export, checked against `ansible-inventory --list` (ansible-core 2.14) as the oracle.
#include "core/VarCodec.h"
#include "inventory/ansible/AnsibleInventory.h"
#include "inventory/ansible/HostPattern.h"
#include "inventory/ansible/IniInventoryWriter.h"
#include "inventory/ansible/PythonLiteral.h"
#include "inventory/ansible/Shlex.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

namespace {

const QString kDataDir = QStringLiteral(OPSDECK_TEST_DATA_DIR "/ansible");

// Type-strict equality: 1, 1.0 and true are different values in Ansible's JSON, so they must be here too.
QString firstDifference(const QVariant& a, const QVariant& b, const QString& path = QStringLiteral("$"))
{
    const auto kind = [](const QVariant& v) {
        if (VarCodec::isInteger(v)) {
            return 1;
        }
        if (VarCodec::isFloat(v)) {
            return 2;
        }
        switch (v.typeId()) {
        case QMetaType::Bool:
            return 3;
        case QMetaType::QString:
            return 4;
        case QMetaType::QVariantList:
            return 5;
        case QMetaType::QVariantMap:
            return 6;
        default:
            return 0; // null
        }
    };
    if (kind(a) != kind(b)) {
        return path
            + QStringLiteral(": types differ (%1 vs %2)")
                  .arg(QString::fromLatin1(a.typeName()), QString::fromLatin1(b.typeName()));
    }
    switch (kind(a)) {
    case 5: {
        const QVariantList x = a.toList();
        const QVariantList y = b.toList();
        if (x.size() != y.size()) {
            return path + QStringLiteral(": list sizes differ (%1 vs %2)").arg(x.size()).arg(y.size());
        }
        for (qsizetype i = 0; i < x.size(); ++i) {
            const QString d = firstDifference(x[i], y[i], path + QStringLiteral("[%1]").arg(i));
            if (!d.isEmpty()) {
                return d;
            }
        }
        return {};
    }
    case 6: {
        const QVariantMap x = a.toMap();
        const QVariantMap y = b.toMap();
        for (auto it = x.cbegin(); it != x.cend(); ++it) {
            if (!y.contains(it.key())) {
                return path + QLatin1Char('.') + it.key() + QStringLiteral(": missing on the right");
            }
            const QString d = firstDifference(it.value(), y.value(it.key()), path + QLatin1Char('.') + it.key());
            if (!d.isEmpty()) {
                return d;
            }
        }
        for (auto it = y.cbegin(); it != y.cend(); ++it) {
            if (!x.contains(it.key())) {
                return path + QLatin1Char('.') + it.key() + QStringLiteral(": missing on the left");
            }
        }
        return {};
    }
    case 2: {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x == y || (std::isnan(x) && std::isnan(y)) ? QString()
                                                          : path + QStringLiteral(": %1 vs %2").arg(x).arg(y);
    }
    case 0:
        return {};
    default:
        return a == b ? QString() : path + QStringLiteral(": %1 vs %2").arg(a.toString(), b.toString());
    }
}

QVariant parseJson(const QByteArray& json)
{
    // Python's json prints Infinity/NaN, which QJsonDocument does not read: spell them as strings for comparing.
    QByteArray fixed = json;
    fixed.replace(": Infinity", ": \"Infinity\"")
        .replace(": -Infinity", ": \"-Infinity\"")
        .replace(": NaN", ": \"NaN\"");
    auto v = VarCodec::fromJson(fixed);
    return v ? *v : QVariant(QStringLiteral("<invalid JSON: %1>").arg(v.errorString()));
}

} // namespace

class TestAnsible : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    // Building blocks, no oracle needed.
    void pythonLiteral_data();
    void pythonLiteral();
    void shlexSplit_data();
    void shlexSplit();
    void hostPatterns_data();
    void hostPatterns();
    void iniValuesReadBack_data();
    void iniValuesReadBack();
    void emptyInventoryShape();

    // Against the oracle.
    void fixtures_data();
    void fixtures();
    void roundTrip_data();
    void roundTrip();
    void generatedInventory();
    void badInput_data();
    void badInput();

    // Layers, refusal, progress.
    void directoryExportKeepsLayers_data();
    void directoryExportKeepsLayers();
    void directoryExportRefusesNonEmptyDirectory();
    void groupKindTravelsAsComment();
    void progressAndCancel();

    // Merging into an existing inventory, as `ansible-inventory -i A -i B` merges two sources.
    void mergeMatchesAnsible_data();
    void mergeMatchesAnsible();
    void mergeKeepsEveryVariable();

private:
    bool haveAnsible() const { return !m_ansible.isEmpty(); }
    // `ansible-inventory -i SOURCE --list`; empty on failure (with *error set).
    QByteArray ansibleList(const QString& source, QString* error = nullptr, bool failOnUnparsed = true);
    QByteArray ansibleListOf(const QStringList& sources, QString* error = nullptr, bool failOnUnparsed = true);
    QByteArray oracleFor(const QString& source);
    void compareWithOracle(const QString& source, const QByteArray& ours);

    QString m_ansible;
    QTemporaryDir m_tmp;
    QHash<QString, QByteArray> m_oracleCache;
};

void TestAnsible::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    QDir(m_tmp.path()).mkpath(QStringLiteral("cwd"));
    m_ansible = QStandardPaths::findExecutable(QStringLiteral("ansible-inventory"));
    if (m_ansible.isEmpty()) {
        qWarning("ansible-inventory is not installed: the oracle comparisons are skipped");
    }
}

QByteArray TestAnsible::ansibleList(const QString& source, QString* error, bool failOnUnparsed)
{
    return ansibleListOf({ source }, error, failOnUnparsed);
}

QByteArray TestAnsible::ansibleListOf(const QStringList& sources, QString* error, bool failOnUnparsed)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ANSIBLE_HOME"), m_tmp.filePath(QStringLiteral("ansible-home")));
    env.insert(QStringLiteral("ANSIBLE_LOCAL_TEMP"), m_tmp.filePath(QStringLiteral("ansible-tmp")));
    env.insert(QStringLiteral("ANSIBLE_NOCOLOR"), QStringLiteral("1"));
    env.insert(QStringLiteral("ANSIBLE_CONFIG"), m_tmp.filePath(QStringLiteral("none.cfg")));
    if (failOnUnparsed) {
        env.insert(QStringLiteral("ANSIBLE_INVENTORY_UNPARSED_FAILED"), QStringLiteral("1"));
        env.insert(QStringLiteral("ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED"), QStringLiteral("1"));
    }
    p.setProcessEnvironment(env);
    // An empty working directory: no stray group_vars/ or ansible.cfg from wherever the tests run.
    p.setWorkingDirectory(m_tmp.filePath(QStringLiteral("cwd")));
    QStringList args;
    for (const QString& source : sources) {
        args << QStringLiteral("-i") << QFileInfo(source).absoluteFilePath();
    }
    args << QStringLiteral("--list");
    p.start(m_ansible, args);
    if (!p.waitForFinished(300000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (error) {
            *error = QString::fromUtf8(p.readAllStandardError());
        }
        return {};
    }
    return p.readAllStandardOutput();
}

QByteArray TestAnsible::oracleFor(const QString& source)
{
    if (!m_oracleCache.contains(source)) {
        QString error;
        const QByteArray out = ansibleList(source, &error);
        if (out.isEmpty()) {
            qWarning("ansible-inventory failed on %s: %s", qPrintable(source), qPrintable(error));
        }
        m_oracleCache.insert(source, out);
    }
    return m_oracleCache.value(source);
}

void TestAnsible::compareWithOracle(const QString& source, const QByteArray& ours)
{
    const QByteArray theirs = oracleFor(source);
    QVERIFY2(!theirs.isEmpty(), qPrintable(QStringLiteral("ansible-inventory failed on ") + source));
    const QString diff = firstDifference(parseJson(theirs), parseJson(ours));
    QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("differs from ansible-inventory (left) at ") + diff));
    // Not only the same values: the same text, byte for byte (key order, indentation, number forms).
    QCOMPARE(QString::fromUtf8(ours), QString::fromUtf8(theirs));
}

void TestAnsible::pythonLiteral_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QVariant>("expected"); // invalid QVariant: not a literal (kept as text by Ansible)
    const QVariant none;
    QTest::newRow("int") << "42" << QVariant(42LL);
    QTest::newRow("negative") << "-7" << QVariant(-7LL);
    QTest::newRow("underscores") << "1_000" << QVariant(1000LL);
    QTest::newRow("hex") << "0x1F" << QVariant(31LL);
    QTest::newRow("leading zero is text") << "0755" << none;
    QTest::newRow("float") << "1.0" << QVariant(1.0);
    QTest::newRow("exponent") << "1e3" << QVariant(1000.0);
    QTest::newRow("True") << "True" << QVariant(true);
    QTest::newRow("lower true is text") << "true" << none;
    QTest::newRow("None") << "None" << QVariant::fromValue(nullptr);
    QTest::newRow("quoted") << "'a b'" << QVariant(QStringLiteral("a b"));
    QTest::newRow("concatenated") << "'a' \"b\"" << QVariant(QStringLiteral("ab"));
    QTest::newRow("escapes") << R"('\x41\u00e9\n')" << QVariant(QStringLiteral("A\u00e9\n"));
    QTest::newRow("raw") << R"(r'\d')" << QVariant(QStringLiteral("\\d"));
    QTest::newRow("list") << "[1, 'x', None]"
                          << QVariant(QVariantList { 1LL, QStringLiteral("x"), QVariant::fromValue(nullptr) });
    QTest::newRow("tuple") << "1, 2" << QVariant(QVariantList { 1LL, 2LL });
    QTest::newRow("dict") << "{'a': {'b': 2}}"
                          << QVariant(
                                 QVariantMap { { QStringLiteral("a"), QVariantMap { { QStringLiteral("b"), 2LL } } } });
    QTest::newRow("comment") << "8080 # port" << QVariant(8080LL);
    QTest::newRow("word with comment") << "foo # c" << none;
    QTest::newRow("expression") << "1+2" << none;
    QTest::newRow("ip") << "10.0.0.1" << none;
    QTest::newRow("double sign") << "--1" << none;
    QTest::newRow("f-string") << "f'x'" << none;
}

void TestAnsible::pythonLiteral()
{
    QFETCH(QString, text);
    QFETCH(QVariant, expected);
    const std::optional<QVariant> got = PythonLiteral::value(text);
    if (!expected.isValid()) {
        QVERIFY2(!got, VarCodec::toJson(got.value_or(QVariant())).constData());
        return;
    }
    QVERIFY(got);
    QCOMPARE(firstDifference(expected, *got), QString());
}

void TestAnsible::shlexSplit_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("plain") << "web01 a=1  b=2" << QStringList { "web01", "a=1", "b=2" };
    QTest::newRow("quotes") << R"(h x="a b" y='c "d"')" << QStringList { "h", "x=a b", "y=c \"d\"" };
    QTest::newRow("comment") << "h a=1 # note" << QStringList { "h", "a=1" };
    QTest::newRow("comment inside a word") << "h a=x#y" << QStringList { "h", "a=x" };
    QTest::newRow("escape") << R"(h a=it\'s b="q\"q")" << QStringList { "h", "a=it's", "b=q\"q" };
    QTest::newRow("empty quoted") << "h a='' ''" << QStringList { "h", "a=", "" };
}

void TestAnsible::shlexSplit()
{
    QFETCH(QString, line);
    QFETCH(QStringList, expected);
    const auto got = Shlex::split(line);
    QVERIFY(got);
    QCOMPARE(*got, expected);
    QString error;
    QVERIFY(!Shlex::split(QStringLiteral("h a=\"open"), &error));
    QCOMPARE(error, QStringLiteral("No closing quotation"));
}

void TestAnsible::hostPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("hosts");
    QTest::addColumn<int>("port");
    QTest::newRow("plain") << "web01" << QStringList { "web01" } << 0;
    QTest::newRow("numeric range") << "web[01:03]" << QStringList { "web01", "web02", "web03" } << 0;
    QTest::newRow("step") << "a[1:7:3]" << QStringList { "a1", "a4", "a7" } << 0;
    QTest::newRow("letters") << "n[a:c]" << QStringList { "na", "nb", "nc" } << 0;
    QTest::newRow("two ranges") << "d[1:2]-[a:b]" << QStringList { "d1-a", "d1-b", "d2-a", "d2-b" } << 0;
    QTest::newRow("port") << "jump:2222" << QStringList { "jump" } << 2222;
    QTest::newRow("range and port") << "10.0.0.[1:2]:22" << QStringList { "10.0.0.1", "10.0.0.2" } << 22;
    QTest::newRow("ipv6") << "fe80::1" << QStringList { "fe80::1" } << 0;
    QTest::newRow("bracketed ipv6 port") << "[2001:db8::1]:2200" << QStringList { "2001:db8::1" } << 2200;
    QTest::newRow("empty range") << "x[5:1]" << QStringList {} << 0;
}

void TestAnsible::hostPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(QStringList, hosts);
    QFETCH(int, port);
    int gotPort = -1;
    const auto got = HostPattern::expand(pattern, &gotPort);
    QVERIFY2(got, qPrintable(got.errorString()));
    QCOMPARE(*got, hosts);
    QCOMPARE(gotPort, port);
    QVERIFY(!HostPattern::expand(QStringLiteral("web[1:]")));
    QVERIFY(!HostPattern::expand(QStringLiteral("web[01:100]")));
}

void TestAnsible::iniValuesReadBack_data()
{
    QTest::addColumn<QVariant>("value");
    QTest::newRow("word") << QVariant(QStringLiteral("web"));
    QTest::newRow("digits as text") << QVariant(QStringLiteral("0755"));
    QTest::newRow("number-like text") << QVariant(QStringLiteral("42"));
    QTest::newRow("True as text") << QVariant(QStringLiteral("True"));
    QTest::newRow("spaces and quotes") << QVariant(QStringLiteral(" it's \"x\" # y "));
    QTest::newRow("newline") << QVariant(QStringLiteral("a\nb\u2028c"));
    QTest::newRow("int") << QVariant(7LL);
    QTest::newRow("float") << QVariant(1e16);
    QTest::newRow("inf") << QVariant(INFINITY);
    QTest::newRow("bool") << QVariant(false);
    QTest::newRow("null") << QVariant::fromValue(nullptr);
    QTest::newRow("nested") << QVariant(
        QVariantMap { { QStringLiteral("k"), QVariantList { 1.5, QStringLiteral("'") } } });
}

void TestAnsible::iniValuesReadBack()
{
    // What the exporter writes must come back as the same value through the ini plugin's own path.
    QFETCH(QVariant, value);
    for (const bool inlineHost : { false, true }) {
        const QString written = IniInventoryWriter::value(value, inlineHost);
        QByteArray ini = "[g]\nh1";
        if (inlineHost) {
            QString token = QStringLiteral("v=") + written;
            token.replace(QLatin1Char('\''), QStringLiteral("'\"'\"'"));
            ini += " '" + token.toUtf8() + "'\n";
        } else {
            ini += "\n[g:vars]\nv=" + written.toUtf8() + "\n";
        }
        auto inv = AnsibleInventory::importText(ini, QStringLiteral("values.ini"));
        QVERIFY2(inv, qPrintable(inv.errorString()));
        const QVariant got = inv->resolveVars(QStringLiteral("h1")).value(QStringLiteral("v"));
        QVERIFY2(firstDifference(value, got).isEmpty(), qPrintable(written + QStringLiteral(" -> ") + got.toString()));
    }
}

void TestAnsible::emptyInventoryShape()
{
    auto inv = AnsibleInventory::importText("# nothing\n", QStringLiteral("empty.ini"));
    QVERIFY(inv);
    QCOMPARE(AnsibleInventory::toAnsibleListJson(*inv),
        QByteArray("{\n    \"_meta\": {\n        \"hostvars\": {}\n    },\n    \"all\": {\n        \"children\": [\n"
                   "            \"ungrouped\"\n        ]\n    }\n}\n"));
}

void TestAnsible::fixtures_data()
{
    QTest::addColumn<QString>("source");
    const QStringList sources { QStringLiteral("01_ini_basic.ini"), QStringLiteral("02_ini_ranges.ini"),
        QStringLiteral("03_ini_typing.ini"), QStringLiteral("04_ini_forward.ini"), QStringLiteral("05_yaml_basic.yml"),
        QStringLiteral("06_yaml_typing.yaml"), QStringLiteral("07_json_inventory.json"), QStringLiteral("08_dir_vars"),
        QStringLiteral("09_priority"), QStringLiteral("10_diamond"), QStringLiteral("11_file_with_vars/production.ini"),
        QStringLiteral("12_yaml_edge.yml"), QStringLiteral("13_unicode.ini"),
        QStringLiteral("14_ungrouped_order.ini") };
    for (const QString& s : sources) {
        QTest::newRow(qPrintable(s)) << kDataDir + QLatin1Char('/') + s;
    }
}

void TestAnsible::fixtures()
{
    QFETCH(QString, source);
    auto inv = AnsibleInventory::importPath(source);
    QVERIFY2(inv, qPrintable(inv.errorString()));
    QVERIFY(inv->validate());
    if (!haveAnsible()) {
        QSKIP("ansible-inventory is not installed");
    }
    compareWithOracle(source, AnsibleInventory::toAnsibleListJson(*inv));
}

void TestAnsible::roundTrip_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("mode");
    const QStringList sources { QStringLiteral("01_ini_basic.ini"), QStringLiteral("02_ini_ranges.ini"),
        QStringLiteral("03_ini_typing.ini"), QStringLiteral("04_ini_forward.ini"), QStringLiteral("05_yaml_basic.yml"),
        QStringLiteral("06_yaml_typing.yaml"), QStringLiteral("07_json_inventory.json"), QStringLiteral("08_dir_vars"),
        QStringLiteral("09_priority"), QStringLiteral("10_diamond"), QStringLiteral("11_file_with_vars/production.ini"),
        QStringLiteral("12_yaml_edge.yml"), QStringLiteral("13_unicode.ini"),
        QStringLiteral("14_ungrouped_order.ini") };
    for (const QString& s : sources) {
        for (const QString& mode :
            { QStringLiteral("ini"), QStringLiteral("yaml"), QStringLiteral("dir-ini"), QStringLiteral("dir-yaml") }) {
            QTest::newRow(qPrintable(s + QLatin1Char(' ') + mode)) << kDataDir + QLatin1Char('/') + s << mode;
        }
    }
}

void TestAnsible::roundTrip()
{
    // import -> export -> ansible-inventory on the export == ansible-inventory on the original; and our own
    // re-import of the export lists the same.
    QFETCH(QString, source);
    QFETCH(QString, mode);
    auto inv = AnsibleInventory::importPath(source);
    QVERIFY2(inv, qPrintable(inv.errorString()));
    QTemporaryDir out;
    QString exported;
    if (mode.startsWith(QLatin1String("dir-"))) {
        exported = out.filePath(QStringLiteral("inventory"));
        const auto format
            = mode == QLatin1String("dir-ini") ? AnsibleInventory::Format::Ini : AnsibleInventory::Format::Yaml;
        const auto r = AnsibleInventory::exportToDirectory(*inv, exported, format);
        QVERIFY2(r, qPrintable(r.errorString()));
    } else {
        exported = out.filePath(mode == QLatin1String("ini") ? QStringLiteral("hosts") : QStringLiteral("hosts.yml"));
        QFile f(exported);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(mode == QLatin1String("ini") ? AnsibleInventory::exportIni(*inv) : AnsibleInventory::exportYaml(*inv));
    }
    auto again = AnsibleInventory::importPath(exported);
    QVERIFY2(again, qPrintable(again.errorString()));
    QCOMPARE(AnsibleInventory::toAnsibleListJson(*again), AnsibleInventory::toAnsibleListJson(*inv));
    if (!haveAnsible()) {
        QSKIP("ansible-inventory is not installed");
    }
    QString error;
    const QByteArray theirs = ansibleList(exported, &error);
    QVERIFY2(!theirs.isEmpty(), qPrintable(error));
    const QByteArray original = oracleFor(source);
    const QString diff = firstDifference(parseJson(original), parseJson(theirs));
    QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("export read by Ansible differs at ") + diff));
    QCOMPARE(QString::fromUtf8(theirs), QString::fromUtf8(original));
}

void TestAnsible::generatedInventory()
{
    // A few thousand hosts: nested groups of different depth, ranges, inline and section vars, priorities, and
    // a file layer.
    QTemporaryDir dir;
    QDir d(dir.path());
    d.mkpath(QStringLiteral("group_vars"));
    d.mkpath(QStringLiteral("host_vars"));
    QByteArray ini = "# generated by tst_ansible\n";
    const int dcs = 3;
    const int setsPerDc = 4;
    const int leavesPerSet = 5;
    const int hostsPerLeaf = 40;
    int hostNo = 0;
    QByteArray children;
    QByteArray vars;
    for (int dc = 0; dc < dcs; ++dc) {
        const QByteArray dcName = "dc" + QByteArray::number(dc);
        children += "[" + dcName + ":children]\n";
        vars += "[" + dcName + ":vars]\nlevel=dc\ndc_name=" + dcName + "\n";
        QFile gv(d.filePath(QStringLiteral("group_vars/%1.yml").arg(QString::fromLatin1(dcName))));
        QVERIFY(gv.open(QIODevice::WriteOnly));
        gv.write("from_file: " + dcName + "\nlevel: dc-file\n");
        for (int s = 0; s < setsPerDc; ++s) {
            const QByteArray setName = dcName + "_set" + QByteArray::number(s);
            children += setName + "\n";
            QByteArray setChildren = "[" + setName + ":children]\n";
            vars += "[" + setName + ":vars]\nlevel=set\nansible_group_priority=" + QByteArray::number(s) + "\n";
            for (int l = 0; l < leavesPerSet; ++l) {
                const QByteArray leaf = setName + "_leaf" + QByteArray::number(l);
                setChildren += leaf + "\n";
                ini += "[" + leaf + "]\n";
                const int first = hostNo;
                hostNo += hostsPerLeaf;
                ini += "h" + leaf + "-[" + QByteArray::number(first).rightJustified(5, '0') + ":"
                    + QByteArray::number(hostNo - 1).rightJustified(5, '0') + "] ansible_port="
                    + QByteArray::number(2200 + l) + " weight=" + QByteArray::number(l * 0.5) + " tag='" + leaf + "'\n";
                vars += "[" + leaf + ":vars]\nlevel=leaf\nleaf_id=" + QByteArray::number(l) + "\n";
            }
            children += setChildren;
        }
    }
    // A cross-cutting group at depth 1 holding hosts that are also at depth 3.
    ini += "[canary]\n";
    for (int dc = 0; dc < dcs; ++dc) {
        const int member = dc * setsPerDc * leavesPerSet * hostsPerLeaf + 5; // in dcN_set0_leaf0
        ini += "hdc" + QByteArray::number(dc) + "_set0_leaf0-" + QByteArray::number(member).rightJustified(5, '0')
            + " canary=True level=host\n";
    }
    vars += "[canary:vars]\nlevel=canary\nansible_group_priority=100\n";
    QFile hv(d.filePath(QStringLiteral("host_vars/hdc0_set0_leaf0-00005.yml")));
    QVERIFY(hv.open(QIODevice::WriteOnly));
    hv.write("level: host-file\n");
    hv.close();
    QFile f(d.filePath(QStringLiteral("hosts")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(ini + children + vars);
    f.close();

    auto inv = AnsibleInventory::importPath(dir.path());
    QVERIFY2(inv, qPrintable(inv.errorString()));
    QCOMPARE(inv->hosts().size(), dcs * setsPerDc * leavesPerSet * hostsPerLeaf);
    if (!haveAnsible()) {
        QSKIP("ansible-inventory is not installed");
    }
    compareWithOracle(dir.path(), AnsibleInventory::toAnsibleListJson(*inv));
    QTemporaryDir out;
    const QString exported = out.filePath(QStringLiteral("hosts"));
    QFile e(exported);
    QVERIFY(e.open(QIODevice::WriteOnly));
    e.write(AnsibleInventory::exportIni(*inv));
    e.close();
    QString error;
    QCOMPARE(QString::fromUtf8(ansibleList(exported, &error)), QString::fromUtf8(oracleFor(dir.path())));
}

void TestAnsible::badInput_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("file"); // the file the message must name
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("says"); // part of what was expected
    const auto row = [](const char* source, const char* file, int line, const char* says) {
        QTest::newRow(source) << kDataDir + QStringLiteral("/bad/") + QLatin1String(source) << QString::fromLatin1(file)
                              << line << QString::fromLatin1(says);
    };
    row("vars_without_equals.ini", "vars_without_equals.ini", 5, "expected key=value");
    row("range_without_end.ini", "range_without_end.ini", 3, "end value");
    row("range_mixed.ini", "range_mixed.ini", 3, "range");
    row("unknown_section_type.ini", "unknown_section_type.ini", 6, "unknown type");
    row("undefined_child.ini", "undefined_child.ini", 3, "undefined group db");
    row("vars_for_undefined_group.ini", "vars_for_undefined_group.ini", 4, "undefined group db");
    row("unclosed_quote.ini", "unclosed_quote.ini", 2, "No closing quotation");
    row("host_var_without_equals.ini", "host_var_without_equals.ini", 2, "expected key=value");
    row("host_ending_colon.ini", "host_ending_colon.ini", 2, "reserved to provide a port");
    row("cycle.ini", "cycle.ini", 4, "recursive dependency loop");
    row("section_with_space.ini", "section_with_space.ini", 1, "invalid section entry");
    row("unhashable_key.ini", "unhashable_key.ini", 2, "unhashable");
    row("yaml_syntax.yml", "yaml_syntax.yml", 7, "malformed YAML");
    row("yaml_hosts_list.yml", "yaml_hosts_list.yml", 5, "expected a mapping");
    row("yaml_priority_not_int.yml", "yaml_priority_not_int.yml", 7, "must be an integer");
    row("yaml_numeric_host.yml", "yaml_numeric_host.yml", 5, "must be a string");
    row("yaml_host_vars_string.yml", "yaml_host_vars_string.yml", 3, "expected a mapping");
    row("yaml_unknown_child.yml", "yaml_unknown_child.yml", 5, "not a known host nor group");
    row("bad_group_vars", "group_vars/web.yml", 3, "malformed YAML");
    row("list_group_vars", "group_vars/web.yml", 1, "mapping");
}

void TestAnsible::badInput()
{
    QFETCH(QString, source);
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, says);
    // All or nothing: an Error, no inventory.
    auto inv = AnsibleInventory::importPath(source);
    QVERIFY2(!inv, "a malformed inventory was accepted");
    const Error& e = inv.error();
    QVERIFY2(e.where.file.endsWith(file), qPrintable(e.toString()));
    QCOMPARE(e.where.line, line);
    QVERIFY2(e.message.contains(says), qPrintable(e.toString()));
    QVERIFY(e.toString().contains(QStringLiteral("%1:%2").arg(file).arg(line)));
    if (!haveAnsible()) {
        QSKIP("ansible-inventory is not installed");
    }
    // Ansible rejects it too (it only warns unless told to fail on unparsed sources).
    QString error;
    QVERIFY2(ansibleList(source, &error).isEmpty(), "ansible-inventory accepted it");
}

void TestAnsible::directoryExportKeepsLayers_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("dir vars") << kDataDir + QStringLiteral("/08_dir_vars");
    QTest::newRow("priority") << kDataDir + QStringLiteral("/09_priority");
    QTest::newRow("diamond") << kDataDir + QStringLiteral("/10_diamond");
}

void TestAnsible::directoryExportKeepsLayers()
{
    QFETCH(QString, source);
    auto inv = AnsibleInventory::importPath(source);
    QVERIFY(inv);
    for (const auto format : { AnsibleInventory::Format::Ini, AnsibleInventory::Format::Yaml }) {
        QTemporaryDir out;
        const QString target = out.filePath(QStringLiteral("x"));
        QVERIFY(AnsibleInventory::exportToDirectory(*inv, target, format));
        auto again = AnsibleInventory::importPath(target);
        QVERIFY2(again, qPrintable(again.errorString()));
        for (const Group& g : inv->groups()) {
            const Group* other = again->group(g.name);
            QVERIFY2(other, qPrintable(g.name));
            QCOMPARE(firstDifference(g.vars, other->vars), QString());
            QCOMPARE(firstDifference(g.fileVars, other->fileVars), QString());
            QCOMPARE(other->priority, g.priority);
            QCOMPARE(other->hosts, g.hosts);
            QCOMPARE(other->children, g.children);
        }
        for (const Host& h : inv->hosts()) {
            const Host* other = again->host(h.name);
            QVERIFY2(other, qPrintable(h.name));
            QCOMPARE(firstDifference(h.inventoryVars(), other->inventoryVars()), QString());
            QCOMPARE(firstDifference(h.fileVars, other->fileVars), QString());
        }
    }
}

void TestAnsible::directoryExportRefusesNonEmptyDirectory()
{
    auto inv = AnsibleInventory::importPath(kDataDir + QStringLiteral("/01_ini_basic.ini"));
    QVERIFY(inv);
    QTemporaryDir out;
    QFile keep(out.filePath(QStringLiteral("notes.md")));
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("mine");
    keep.close();
    const auto r = AnsibleInventory::exportToDirectory(*inv, out.path(), AnsibleInventory::Format::Ini);
    QVERIFY(!r);
    QVERIFY(!QFile::exists(out.filePath(QStringLiteral("hosts"))));
}

void TestAnsible::groupKindTravelsAsComment()
{
    // OpsDeck's group kind is no Ansible variable: it rides along as a comment that Ansible ignores.
    auto inv = AnsibleInventory::importText(
        "[js] # opsdeck: kind=idc\nh1\n[mongo_set]  #opsdeck: kind=set\nh1\n[plain]\nh2\n", QStringLiteral("k.ini"));
    QVERIFY2(inv, qPrintable(inv.errorString()));
    QCOMPARE(inv->group(QStringLiteral("js"))->kind, Group::Kind::Idc);
    QCOMPARE(inv->group(QStringLiteral("mongo_set"))->kind, Group::Kind::Set);
    QCOMPARE(inv->group(QStringLiteral("plain"))->kind, Group::Kind::Custom);
    QVERIFY(!inv->resolveVars(QStringLiteral("h1")).contains(QStringLiteral("opsdeck_group_kind")));
    const auto check = [](const Result<Inventory>& again) {
        QVERIFY2(again, qPrintable(again.errorString()));
        QCOMPARE(again->group(QStringLiteral("js"))->kind, Group::Kind::Idc);
        QCOMPARE(again->group(QStringLiteral("mongo_set"))->kind, Group::Kind::Set);
        QCOMPARE(again->group(QStringLiteral("plain"))->kind, Group::Kind::Custom);
    };
    check(AnsibleInventory::importText(AnsibleInventory::exportIni(*inv), QStringLiteral("hosts")));
    check(AnsibleInventory::importText(AnsibleInventory::exportYaml(*inv), QStringLiteral("hosts.yml")));
}

void TestAnsible::progressAndCancel()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("big.ini")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("[g]\n");
    for (int i = 0; i < 20000; ++i) {
        f.write("host" + QByteArray::number(i) + " some_var=value_" + QByteArray::number(i) + "\n");
    }
    f.close();
    int calls = 0;
    int lastDone = -1;
    int lastTotal = 0;
    auto inv = AnsibleInventory::importPath(f.fileName(), [&](int done, int total) {
        ++calls;
        lastDone = done;
        lastTotal = total;
        return done <= total;
    });
    QVERIFY(inv);
    QCOMPARE(inv->hosts().size(), 20000);
    QVERIFY(calls >= 2);
    QCOMPARE(lastDone, lastTotal);
    auto cancelled = AnsibleInventory::importPath(f.fileName(), [](int done, int) { return done == 0; });
    QVERIFY(!cancelled);
}

void TestAnsible::mergeMatchesAnsible_data()
{
    QTest::addColumn<QStringList>("sources");
    const auto data = [](const QString& name) -> QString { return kDataDir + QLatin1Char('/') + name; };
    const QString base = data(QStringLiteral("merge/base.ini"));
    QTest::newRow("ini over ini") << QStringList { base, data(QStringLiteral("merge/overlay.ini")) };
    QTest::newRow("yaml over ini") << QStringList { base, data(QStringLiteral("merge/overlay.yml")) };
    QTest::newRow("ini, yaml, ini") << QStringList { base, data(QStringLiteral("merge/overlay.yml")),
        data(QStringLiteral("merge/overlay.ini")) };
    QTest::newRow("directories with group_vars")
        << QStringList { data(QStringLiteral("08_dir_vars")), data(QStringLiteral("09_priority")) };
    QTest::newRow("fixture over fixture")
        << QStringList { data(QStringLiteral("01_ini_basic.ini")), data(QStringLiteral("05_yaml_basic.yml")) };
    QTest::newRow("a source over itself")
        << QStringList { data(QStringLiteral("10_diamond")), data(QStringLiteral("10_diamond")) };
}

void TestAnsible::mergeMatchesAnsible()
{
    QFETCH(QStringList, sources);
    Inventory merged;
    for (const QString& source : sources) {
        auto inv = AnsibleInventory::importPath(source);
        QVERIFY2(inv, qPrintable(inv.errorString()));
        merged.merge(*inv);
    }
    QVERIFY(merged.validate());
    if (!haveAnsible()) {
        QSKIP("ansible-inventory is not installed");
    }
    QString error;
    const QByteArray theirs = ansibleListOf(sources, &error);
    QVERIFY2(!theirs.isEmpty(), qPrintable(error));
    const QByteArray ours = AnsibleInventory::toAnsibleListJson(merged);
    const QString diff = firstDifference(parseJson(theirs), parseJson(ours));
    QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("merge differs from ansible-inventory (left) at ") + diff));
    QCOMPARE(QString::fromUtf8(ours), QString::fromUtf8(theirs));
}

void TestAnsible::mergeKeepsEveryVariable()
{
    // The data-loss report: importing a small file must not take a variable away from any layer.
    auto base = AnsibleInventory::importPath(kDataDir + QStringLiteral("/merge/base.ini"));
    QVERIFY2(base, qPrintable(base.errorString()));
    for (const QString& overlay : { QStringLiteral("/merge/overlay.ini"), QStringLiteral("/merge/overlay.yml") }) {
        auto over = AnsibleInventory::importPath(kDataDir + overlay);
        QVERIFY2(over, qPrintable(over.errorString()));
        Inventory merged = *base;
        merged.merge(*over);
        for (const Group& g : base->groups()) {
            const Group* m = merged.group(g.name);
            QVERIFY2(m, qPrintable(g.name));
            for (auto it = g.inventoryVars().cbegin(); it != g.inventoryVars().cend(); ++it) {
                QVERIFY2(m->inventoryVars().contains(it.key()), qPrintable(g.name + QLatin1Char(' ') + it.key()));
            }
            for (const QString& h : g.hosts) {
                QVERIFY2(m->hosts.contains(h), qPrintable(g.name + QLatin1Char(' ') + h));
            }
        }
        for (const Host& h : base->hosts()) {
            const Host* m = merged.host(h.name);
            QVERIFY2(m, qPrintable(h.name));
            const QVariantMap before = h.inventoryVars();
            for (auto it = before.cbegin(); it != before.cend(); ++it) {
                QVERIFY2(m->inventoryVars().contains(it.key()), qPrintable(h.name + QLatin1Char(' ') + it.key()));
            }
            // Resolved, every key a host had is still there (only values the overlay sets differ).
            const QVariantMap resolvedBefore = base->resolveVars(h.name);
            const QVariantMap resolvedAfter = merged.resolveVars(h.name);
            for (auto it = resolvedBefore.cbegin(); it != resolvedBefore.cend(); ++it) {
                QVERIFY2(resolvedAfter.contains(it.key()), qPrintable(h.name + QLatin1Char(' ') + it.key()));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestAnsible)
#include "tst_ansible.moc"
