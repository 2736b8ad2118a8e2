// GroupTreeModel and HostTableModel under QAbstractItemModelTester, with asynchronous filtering, incremental
// edits and drag data.
#include "InventoryFixtures.h"
#include "inventory/GroupTreeModel.h"
#include "inventory/HostQuery.h"
#include "inventory/HostTableModel.h"
#include "inventory/Inventory.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace {

// js (IDC) > js_web (set) > web01, web02; js > js_db (set) > db01; bj (IDC) > bj_web (set) > web03; lonely (no
// group).
Inventory sampleInventory()
{
    Inventory inv;
    inv.upsertHost(makeHost(
        QStringLiteral("web01"), QStringLiteral("10.1.0.1"), QStringLiteral("js"), { QStringLiteral("nginx") }));
    inv.upsertHost(makeHost(QStringLiteral("web02"), QStringLiteral("10.1.0.2"), QStringLiteral("js"),
        { QStringLiteral("nginx"), QStringLiteral("canary") }));
    inv.upsertHost(makeHost(
        QStringLiteral("db01"), QStringLiteral("10.1.1.1"), QStringLiteral("js"), { QStringLiteral("mongodb") }));
    inv.upsertHost(makeHost(
        QStringLiteral("web03"), QStringLiteral("10.2.0.1"), QStringLiteral("bj"), { QStringLiteral("nginx") }));
    inv.upsertHost(makeHost(QStringLiteral("lonely"), QStringLiteral("10.9.9.9"), QString()));
    inv.upsertGroup(
        makeGroup(QStringLiteral("js"), Group::Kind::Idc, { QStringLiteral("js_web"), QStringLiteral("js_db") }));
    inv.upsertGroup(makeGroup(
        QStringLiteral("js_web"), Group::Kind::Set, {}, { QStringLiteral("web01"), QStringLiteral("web02") }));
    inv.upsertGroup(makeGroup(QStringLiteral("js_db"), Group::Kind::Set, {}, { QStringLiteral("db01") }));
    inv.upsertGroup(makeGroup(QStringLiteral("bj"), Group::Kind::Idc, { QStringLiteral("bj_web") }));
    inv.upsertGroup(makeGroup(QStringLiteral("bj_web"), Group::Kind::Set, {}, { QStringLiteral("web03") }));
    for (const QString& name : { QStringLiteral("web01"), QStringLiteral("web02"), QStringLiteral("db01"),
             QStringLiteral("web03"), QStringLiteral("lonely") }) {
        inv.mutableHost(name)->port = 22;
    }
    return inv;
}

HostQuery query(const QString& text)
{
    auto q = HostQuery::parse(text);
    if (!q) {
        qFatal("bad query %s", qPrintable(q.errorString()));
    }
    return *q;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void groupTreeStructure();
    void groupTreeCountsAndKinds();
    void groupTreeRebuildAfterEdits();
    void groupTreeDrop();
    void hostTableShowsEveryHost();
    void hostTableFilters();
    void hostTableGroupRestriction();
    void hostTableSorts();
    void hostTableDropsStaleResults();
    void hostTableIncrementalEdits();
    void hostTableMimeData();

private:
    static void waitForFilter(HostTableModel& model);
};

void TestModels::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TestModels::waitForFilter(HostTableModel& model)
{
    QTRY_VERIFY_WITH_TIMEOUT(!model.isFiltering(), 10000);
}

void TestModels::groupTreeStructure()
{
    const Inventory inv = sampleInventory();
    GroupTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);

    QCOMPARE(model.rowCount(), 1);
    const QModelIndex all = model.index(0, 0);
    QCOMPARE(model.groupName(all), QStringLiteral("all"));
    QStringList top;
    for (int r = 0; r < model.rowCount(all); ++r) {
        top.append(model.groupName(model.index(r, 0, all)));
    }
    QCOMPARE(top, (QStringList { QStringLiteral("js"), QStringLiteral("bj"), QStringLiteral("ungrouped") }));
    const QModelIndex js = model.indexForGroup(QStringLiteral("js"));
    QCOMPARE(model.rowCount(js), 2);
    QCOMPARE(model.groupName(model.index(1, 0, js)), QStringLiteral("js_db"));
    QCOMPARE(model.parent(model.index(1, 0, js)), js);
    QCOMPARE(model.pathOf(model.index(0, 0, js)),
        (QStringList { QStringLiteral("all"), QStringLiteral("js"), QStringLiteral("js_web") }));
    QCOMPARE(model.indexForPath({ QStringLiteral("all"), QStringLiteral("js"), QStringLiteral("js_web") }),
        model.index(0, 0, js));
    QVERIFY(!model.indexForPath({ QStringLiteral("all"), QStringLiteral("nope") }).isValid());
}

void TestModels::groupTreeCountsAndKinds()
{
    const Inventory inv = sampleInventory();
    GroupTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setHostCounts(GroupTreeModel::computeHostCounts(inv));
    QVERIFY(changed.count() > 0);

    auto count = [&](const QString& g) {
        return model.data(model.indexForGroup(g).siblingAtColumn(GroupTreeModel::Hosts)).toInt();
    };
    QCOMPARE(count(QStringLiteral("all")), 5);
    QCOMPARE(count(QStringLiteral("js")), 3); // includes js_web and js_db
    QCOMPARE(count(QStringLiteral("js_web")), 2);
    QCOMPARE(count(QStringLiteral("bj")), 1);
    QCOMPARE(count(QStringLiteral("ungrouped")), 1);
    const QModelIndex js = model.indexForGroup(QStringLiteral("js"));
    QCOMPARE(model.data(js.siblingAtColumn(GroupTreeModel::Kind)).toString(), QStringLiteral("IDC"));
    QCOMPARE(model.data(model.indexForGroup(QStringLiteral("js_db")).siblingAtColumn(GroupTreeModel::Kind)).toString(),
        QStringLiteral("Set"));
    QCOMPARE(model.data(js, GroupTreeModel::KindRole).toString(), Group::kindName(Group::Kind::Idc));
    QCOMPARE(model.data(js, GroupTreeModel::HostCountRole).toInt(), 3);
    QVERIFY(model.flags(js) & Qt::ItemIsDropEnabled);
    QVERIFY(!(model.flags(model.index(0, 0)) & Qt::ItemIsDropEnabled)); // "all"
    QVERIFY(!(model.flags(model.indexForGroup(QStringLiteral("ungrouped"))) & Qt::ItemIsDropEnabled));
    QCOMPARE(model.headerData(GroupTreeModel::Hosts, Qt::Horizontal).toString(), QStringLiteral("Hosts"));
}

void TestModels::groupTreeRebuildAfterEdits()
{
    Inventory inv = sampleInventory();
    GroupTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    // A group with two parents appears under both; a cycle does not recurse forever.
    inv.mutableGroup(QStringLiteral("bj"))->children.append(QStringLiteral("js_db"));
    inv.upsertGroup(makeGroup(QStringLiteral("loop_a"), Group::Kind::Custom, { QStringLiteral("loop_b") }));
    inv.upsertGroup(makeGroup(QStringLiteral("loop_b"), Group::Kind::Custom, { QStringLiteral("loop_a") }));
    inv.mutableGroup(QStringLiteral("js"))->children.append(QStringLiteral("loop_a"));
    model.setInventory(&inv);
    const QModelIndex bj = model.indexForGroup(QStringLiteral("bj"));
    QCOMPARE(model.rowCount(bj), 2);
    QVERIFY(model.indexForPath({ QStringLiteral("all"), QStringLiteral("bj"), QStringLiteral("js_db") }).isValid());
    QVERIFY(model.indexForPath({ QStringLiteral("all"), QStringLiteral("js"), QStringLiteral("js_db") }).isValid());
    const QModelIndex loopA
        = model.indexForPath({ QStringLiteral("all"), QStringLiteral("js"), QStringLiteral("loop_a") });
    QVERIFY(loopA.isValid());
    QCOMPARE(model.rowCount(model.index(0, 0, loopA)), 0); // loop_b does not list loop_a again

    inv.removeGroup(QStringLiteral("js_db"));
    model.setInventory(&inv);
    QVERIFY(!model.indexForGroup(QStringLiteral("js_db")).isValid());
    model.setHostCounts(GroupTreeModel::computeHostCounts(inv));
    QCOMPARE(
        model.data(model.indexForGroup(QStringLiteral("ungrouped")).siblingAtColumn(GroupTreeModel::Hosts)).toInt(),
        2); // db01 is in no group any more
}

void TestModels::groupTreeDrop()
{
    const Inventory inv = sampleInventory();
    GroupTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    HostTableModel hosts;
    hosts.setInventory(&inv);
    waitForFilter(hosts);
    std::unique_ptr<QMimeData> mime(hosts.mimeData({ hosts.index(0, 0), hosts.index(0, 3), hosts.index(3, 0) }));
    QVERIFY(mime);
    QSignalSpy dropped(&model, &GroupTreeModel::hostsDropped);
    const QModelIndex bjWeb = model.indexForGroup(QStringLiteral("bj_web"));
    QVERIFY(model.canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, bjWeb));
    QVERIFY(!model.canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, model.index(0, 0)));
    QMimeData other;
    other.setText(QStringLiteral("web01"));
    QVERIFY(!model.canDropMimeData(&other, Qt::CopyAction, -1, -1, bjWeb));
    QVERIFY(model.dropMimeData(mime.get(), Qt::CopyAction, -1, -1, bjWeb));
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.at(0).at(0).toStringList(), (QStringList { QStringLiteral("web01"), QStringLiteral("web03") }));
    QCOMPARE(dropped.at(0).at(1).toString(), QStringLiteral("bj_web"));
}

void TestModels::hostTableShowsEveryHost()
{
    const Inventory inv = sampleInventory();
    HostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    QCOMPARE(model.rowCount(), 5); // no filter: shown at once
    QCOMPARE(model.columnCount(), int(HostTableModel::ColumnCount));
    waitForFilter(model);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.data(model.index(0, HostTableModel::Name)).toString(), QStringLiteral("web01"));
    QCOMPARE(model.data(model.index(0, HostTableModel::Address)).toString(), QStringLiteral("10.1.0.1"));
    QCOMPARE(model.data(model.index(0, HostTableModel::Port)).toInt(), 22);
    QCOMPARE(model.data(model.index(1, HostTableModel::Tags)).toString(), QStringLiteral("nginx, canary"));
    QCOMPARE(model.data(model.index(1, HostTableModel::Groups)).toString(), QStringLiteral("js_web"));
    QCOMPARE(model.data(model.index(2, HostTableModel::Idc)).toString(), QStringLiteral("js"));
    QCOMPARE(model.data(model.index(2, HostTableModel::Status)).toString(), QStringLiteral("online"));
    QCOMPARE(model.data(model.index(4, 0), HostTableModel::HostNameRole).toString(), QStringLiteral("lonely"));
    QCOMPARE(model.headerData(HostTableModel::Idc, Qt::Horizontal).toString(), QStringLiteral("IDC"));
    QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsDragEnabled);
}

void TestModels::hostTableFilters()
{
    const Inventory inv = sampleInventory();
    HostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    QSignalSpy finished(&model, &HostTableModel::filterFinished);
    model.setFilter(query(QStringLiteral("tag:nginx -tag:canary")));
    QVERIFY(model.isFiltering());
    waitForFilter(model);
    QCOMPARE(model.shownHosts(), (QStringList { QStringLiteral("web01"), QStringLiteral("web03") }));
    QCOMPARE(finished.last().at(0).toInt(), 2);
    QCOMPARE(finished.last().at(1).toInt(), 5);
    model.setFilter(query(QStringLiteral("10.1.*")));
    waitForFilter(model);
    QCOMPARE(
        model.shownHosts(), (QStringList { QStringLiteral("web01"), QStringLiteral("web02"), QStringLiteral("db01") }));
    model.setFilter(query(QStringLiteral("nothing-matches-this")));
    waitForFilter(model);
    QCOMPARE(model.rowCount(), 0);
    model.setFilter(query(QString()));
    waitForFilter(model);
    QCOMPARE(model.rowCount(), 5);
}

void TestModels::hostTableGroupRestriction()
{
    const Inventory inv = sampleInventory();
    HostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    model.setFilter(query(QString()), QStringLiteral("js")); // recursive: js_web and js_db
    waitForFilter(model);
    QCOMPARE(
        model.shownHosts(), (QStringList { QStringLiteral("web01"), QStringLiteral("web02"), QStringLiteral("db01") }));
    model.setFilter(query(QStringLiteral("tag:nginx")), QStringLiteral("js"));
    waitForFilter(model);
    QCOMPARE(model.shownHosts(), (QStringList { QStringLiteral("web01"), QStringLiteral("web02") }));
    model.setFilter(query(QString()), QStringLiteral("ungrouped"));
    waitForFilter(model);
    QCOMPARE(model.shownHosts(), QStringList { QStringLiteral("lonely") });
    model.setFilter(query(QString()), QStringLiteral("all"));
    waitForFilter(model);
    QCOMPARE(model.rowCount(), 5);
}

void TestModels::hostTableSorts()
{
    const Inventory inv = sampleInventory();
    HostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    model.sort(HostTableModel::Name, Qt::AscendingOrder);
    waitForFilter(model);
    QCOMPARE(model.shownHosts(),
        (QStringList { QStringLiteral("db01"), QStringLiteral("lonely"), QStringLiteral("web01"),
            QStringLiteral("web02"), QStringLiteral("web03") }));
    model.sort(HostTableModel::Address, Qt::DescendingOrder);
    waitForFilter(model);
    QCOMPARE(model.hostName(0), QStringLiteral("lonely"));
    QCOMPARE(model.hostName(4), QStringLiteral("web01"));
    // Sorting applies to filtered results too.
    model.setFilter(query(QStringLiteral("idc:js")));
    waitForFilter(model);
    QCOMPARE(
        model.shownHosts(), (QStringList { QStringLiteral("db01"), QStringLiteral("web02"), QStringLiteral("web01") }));
    model.sort(-1);
    waitForFilter(model);
    QCOMPARE(
        model.shownHosts(), (QStringList { QStringLiteral("web01"), QStringLiteral("web02"), QStringLiteral("db01") }));
}

void TestModels::hostTableDropsStaleResults()
{
    const Inventory inv = sampleInventory();
    HostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    waitForFilter(model);
    QSignalSpy finished(&model, &HostTableModel::filterFinished);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    // As when typing "web0", "web02": only the newest request's rows may ever be shown.
    model.setFilter(query(QStringLiteral("w")));
    model.setFilter(query(QStringLiteral("web")));
    model.setFilter(query(QStringLiteral("web0")));
    model.setFilter(query(QStringLiteral("web02")));
    const quint64 generation = model.generation();
    waitForFilter(model);
    QCOMPARE(model.generation(), generation);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.shownHosts(), QStringList { QStringLiteral("web02") });
}

void TestModels::hostTableIncrementalEdits()
{
    Inventory inv = sampleInventory();
    HostTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setInventory(&inv);
    model.setFilter(query(QStringLiteral("idc:js")));
    waitForFilter(model);
    QCOMPARE(model.rowCount(), 3);

    // An edited host is repainted in place.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    inv.mutableHost(QStringLiteral("web02"))->address = QStringLiteral("10.1.0.22");
    model.hostsChanged({ QStringLiteral("web02") });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
    QCOMPARE(model.data(model.index(1, HostTableModel::Address)).toString(), QStringLiteral("10.1.0.22"));

    // New hosts are appended when they match the filter, with one insert for the range.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    inv.upsertHost(makeHost(QStringLiteral("web04"), QStringLiteral("10.1.0.4"), QStringLiteral("js")));
    inv.upsertHost(makeHost(QStringLiteral("web05"), QStringLiteral("10.1.0.5"), QStringLiteral("js")));
    inv.upsertHost(makeHost(QStringLiteral("bj9"), QStringLiteral("10.2.0.9"), QStringLiteral("bj")));
    model.hostsChanged({ QStringLiteral("web04"), QStringLiteral("bj9"), QStringLiteral("web05") });
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 3);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.hostName(4), QStringLiteral("web05"));

    // Removals come in contiguous ranges.
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const QStringList gone { QStringLiteral("web01"), QStringLiteral("web04"), QStringLiteral("web05") };
    for (const QString& n : gone) {
        inv.removeHost(n);
    }
    model.hostsRemoved(gone);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(model.shownHosts(), (QStringList { QStringLiteral("web02"), QStringLiteral("db01") }));
    QCOMPARE(model.rowOfHost(QStringLiteral("db01")), 1);
    QCOMPARE(model.data(model.index(1, HostTableModel::Name)).toString(), QStringLiteral("db01"));
    QCOMPARE(model.totalHosts(), 5); // 5 + 3 added - 3 removed

    // A refresh after edits gives the same as a fresh filter.
    model.refresh();
    waitForFilter(model);
    QCOMPARE(model.shownHosts(), (QStringList { QStringLiteral("web02"), QStringLiteral("db01") }));
}

void TestModels::hostTableMimeData()
{
    const Inventory inv = sampleInventory();
    HostTableModel model;
    model.setInventory(&inv);
    waitForFilter(model);
    QVERIFY(model.mimeTypes().contains(HostTableModel::mimeType()));
    std::unique_ptr<QMimeData> mime(model.mimeData({ model.index(2, 0), model.index(2, 1), model.index(4, 0) }));
    QCOMPARE(HostTableModel::hostNamesFromMime(mime.get()),
        (QStringList { QStringLiteral("db01"), QStringLiteral("lonely") }));
    QVERIFY(model.supportedDragActions() & Qt::CopyAction);
    QVERIFY(!model.mimeData({}));
}

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
