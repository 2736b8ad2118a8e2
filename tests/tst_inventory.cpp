// Variable precedence and provenance, with Ansible's rules (checked against ansible-inventory in tst_ansible).
#include "demo/DemoInventory.h"
#include "inventory/Inventory.h"
#include "inventory/InventoryDiff.h"
#include "inventory/InventoryImport.h"

#include <QTest>

namespace {

Group group(const QString& name, const QVariantMap& vars, const QStringList& children = {},
    const QStringList& hosts = {}, int priority = 1)
{
    Group g;
    g.name = name;
    g.vars = vars;
    g.children = children;
    g.hosts = hosts;
    g.priority = priority;
    return g;
}

Host host(const QString& name, const QVariantMap& vars = {})
{
    Host h;
    h.name = name;
    h.vars = vars;
    return h;
}

const QString k = QStringLiteral("k");

} // namespace

class TestInventory : public QObject {
    Q_OBJECT
private slots:
    void mergeCombinesVariablesKeyByKey();
    void diffNamesEveryChange();
    void importPlanMergeAndReplace();
    void constReadsDoNotDetach();
    void childBeatsParent();
    void priorityBreaksDepthTies();
    void nameBreaksPriorityTies();
    void depthIsLongestPath();
    void groupFilesComeAfterInventoryGroups();
    void hostLayersComeLast();
    void provenanceNamesEveryLayer();
    void ungroupedHosts();
    void hostFieldsAreVariables();
    void cycleIsReported();
    void mergeUnitesMemberships();
    void demoInventoryIsRealistic();
};

void TestInventory::childBeatsParent()
{
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("h")));
    inv.mutableGroup(QStringLiteral("all"))->vars = { { k, QStringLiteral("all") } };
    inv.upsertGroup(group(QStringLiteral("parent"), { { k, QStringLiteral("parent") } }, { QStringLiteral("child") }));
    inv.upsertGroup(group(QStringLiteral("child"), { { k, QStringLiteral("child") } }, {}, { QStringLiteral("h") }));
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("child"));
    QCOMPARE(inv.depth(QStringLiteral("parent")), 1);
    QCOMPARE(inv.depth(QStringLiteral("child")), 2);
}

void TestInventory::priorityBreaksDepthTies()
{
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("h")));
    // "a" sorts before "b" by name, but its higher priority makes it apply later and win.
    inv.upsertGroup(group(QStringLiteral("a"), { { k, QStringLiteral("a") } }, {}, { QStringLiteral("h") }, 5));
    inv.upsertGroup(group(QStringLiteral("b"), { { k, QStringLiteral("b") } }, {}, { QStringLiteral("h") }, 1));
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("a"));
}

void TestInventory::nameBreaksPriorityTies()
{
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("h")));
    inv.upsertGroup(group(QStringLiteral("zeta"), { { k, QStringLiteral("zeta") } }, {}, { QStringLiteral("h") }));
    inv.upsertGroup(group(QStringLiteral("alpha"), { { k, QStringLiteral("alpha") } }, {}, { QStringLiteral("h") }));
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("zeta"));
}

void TestInventory::depthIsLongestPath()
{
    // top → mid → leaf, and top → leaf directly: leaf's depth is 3 (longest path), so it beats mid (2).
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("h")));
    inv.upsertGroup(group(QStringLiteral("top"), {}, { QStringLiteral("mid"), QStringLiteral("leaf") }));
    inv.upsertGroup(group(
        QStringLiteral("mid"), { { k, QStringLiteral("mid") } }, { QStringLiteral("leaf") }, { QStringLiteral("h") }));
    inv.upsertGroup(group(QStringLiteral("leaf"), { { k, QStringLiteral("leaf") } }, {}, { QStringLiteral("h") }));
    QCOMPARE(inv.depth(QStringLiteral("leaf")), 3);
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("leaf"));
}

void TestInventory::groupFilesComeAfterInventoryGroups()
{
    // Ansible: inventory-file group vars < group_vars/all < group_vars/<group>. So group_vars/all beats an
    // inline var of a deep group.
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("h")));
    inv.mutableGroup(QStringLiteral("all"))->fileVars = { { k, QStringLiteral("group_vars/all") } };
    inv.upsertGroup(
        group(QStringLiteral("deep"), { { k, QStringLiteral("inline deep") } }, {}, { QStringLiteral("h") }));
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("group_vars/all"));
    inv.mutableGroup(QStringLiteral("deep"))->fileVars = { { k, QStringLiteral("group_vars/deep") } };
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("group_vars/deep"));
}

void TestInventory::hostLayersComeLast()
{
    Inventory inv;
    Host h = host(QStringLiteral("h"), { { k, QStringLiteral("host") } });
    inv.upsertHost(h);
    inv.upsertGroup(group(QStringLiteral("g"), { { k, QStringLiteral("g") } }, {}, { QStringLiteral("h") }));
    inv.mutableGroup(QStringLiteral("g"))->fileVars = { { k, QStringLiteral("gfile") } };
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("host"));
    inv.mutableHost(QStringLiteral("h"))->fileVars = { { k, QStringLiteral("host_vars") } };
    QCOMPARE(inv.resolveVars(QStringLiteral("h")).value(k).toString(), QStringLiteral("host_vars"));
}

void TestInventory::provenanceNamesEveryLayer()
{
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("h"), { { QStringLiteral("own"), 1 } }));
    inv.mutableGroup(QStringLiteral("all"))->vars = { { k, QStringLiteral("all") }, { QStringLiteral("base"), true } };
    inv.upsertGroup(group(QStringLiteral("p"), { { k, QStringLiteral("p") } }, { QStringLiteral("c") }));
    inv.upsertGroup(group(QStringLiteral("c"), { { k, QStringLiteral("c") } }, {}, { QStringLiteral("h") }));
    const QList<ResolvedVar> vars = inv.resolveVarsWithProvenance(QStringLiteral("h"));
    QCOMPARE(vars.size(), 3);
    const auto find = [&](const QString& key) {
        for (const ResolvedVar& v : vars) {
            if (v.key == key) {
                return v;
            }
        }
        return ResolvedVar {};
    };
    const ResolvedVar rk = find(k);
    QCOMPARE(rk.value.toString(), QStringLiteral("c"));
    QCOMPARE(rk.source.toString(), QStringLiteral("group c"));
    QCOMPARE(rk.overridden.size(), 2);
    QCOMPARE(rk.overridden[0].first.toString(), QStringLiteral("group all"));
    QCOMPARE(rk.overridden[0].second.toString(), QStringLiteral("all"));
    QCOMPARE(rk.overridden[1].first.toString(), QStringLiteral("group p"));
    QCOMPARE(find(QStringLiteral("base")).source.toString(), QStringLiteral("group all"));
    QVERIFY(find(QStringLiteral("base")).overridden.isEmpty());
    QCOMPARE(find(QStringLiteral("own")).source.toString(), QStringLiteral("host h"));
}

void TestInventory::ungroupedHosts()
{
    Inventory inv;
    inv.upsertHost(host(QStringLiteral("lonely")));
    inv.upsertHost(host(QStringLiteral("member")));
    inv.upsertGroup(group(QStringLiteral("g"), {}, {}, { QStringLiteral("member") }));
    QCOMPARE(inv.ungroupedHosts(), QStringList { QStringLiteral("lonely") });
    QVERIFY(inv.topLevelGroups().contains(QStringLiteral("ungrouped")));
    QCOMPARE(inv.membersRecursive(QStringLiteral("ungrouped")), QVector<int> { 0 });
    QVERIFY(inv.hostGroupsAll(QStringLiteral("lonely")).contains(QStringLiteral("ungrouped")));
}

void TestInventory::hostFieldsAreVariables()
{
    Host h;
    h.name = QStringLiteral("h");
    h.setInventoryVars({ { QStringLiteral("ansible_host"), QStringLiteral("10.0.0.1") },
        { QStringLiteral("ansible_port"), qlonglong(2222) },
        { QStringLiteral("opsdeck_tags"), QVariantList { QStringLiteral("a") } },
        { QStringLiteral("opsdeck_idc"), QStringLiteral("js") }, { QStringLiteral("other"), qlonglong(1) },
        { QStringLiteral("ansible_user"), qlonglong(5) } }); // wrong type: stays a variable
    QCOMPARE(h.address, QStringLiteral("10.0.0.1"));
    QCOMPARE(h.port, 2222);
    QCOMPARE(h.idc, QStringLiteral("js"));
    QCOMPARE(h.tags, QStringList { QStringLiteral("a") });
    QVERIFY(h.user.isEmpty());
    QCOMPARE(h.vars.size(), 2);
    const QVariantMap back = h.inventoryVars();
    QCOMPARE(back.size(), 6);
    QCOMPARE(back.value(QStringLiteral("ansible_port")).toLongLong(), 2222);
    QCOMPARE(back.value(QStringLiteral("ansible_user")).toLongLong(), 5);
}

void TestInventory::cycleIsReported()
{
    Inventory inv;
    inv.upsertGroup(group(QStringLiteral("a"), {}, { QStringLiteral("b") }));
    inv.upsertGroup(group(QStringLiteral("b"), {}, { QStringLiteral("a") }));
    auto r = inv.validate();
    QVERIFY(!r.ok());
    QVERIFY(r.errorString().contains(QLatin1String("cycle")));
    QVERIFY(r.errorString().contains(QLatin1String("a")));
}

void TestInventory::mergeUnitesMemberships()
{
    Inventory a;
    a.upsertHost(host(QStringLiteral("h1")));
    a.upsertGroup(group(QStringLiteral("g"), { { k, 1 } }, {}, { QStringLiteral("h1") }));
    Inventory b;
    b.upsertHost(host(QStringLiteral("h2")));
    b.upsertGroup(group(QStringLiteral("g"), { { k, 2 } }, {}, { QStringLiteral("h2") }));
    a.merge(b);
    QCOMPARE(a.group(QStringLiteral("g"))->hosts, (QStringList { QStringLiteral("h1"), QStringLiteral("h2") }));
    QCOMPARE(a.group(QStringLiteral("g"))->vars.value(k).toInt(), 2);
}

void TestInventory::demoInventoryIsRealistic()
{
    const Inventory demo = DemoInventory::make();
    QVERIFY(demo.hosts().size() >= 55 && demo.hosts().size() <= 70);
    QVERIFY(demo.validate().ok());
    QCOMPARE(demo.group(QStringLiteral("idc_js"))->kind, Group::Kind::Idc);
    const QList<ResolvedVar> vars = demo.resolveVarsWithProvenance(QStringLiteral("mongodb-js-01"));
    bool sawRegion = false;
    for (const ResolvedVar& v : vars) {
        if (v.key == QLatin1String("region")) {
            sawRegion = true;
            QCOMPARE(v.source.toString(), QStringLiteral("group idc_js"));
        }
        if (v.key == QLatin1String("log_level")) {
            QCOMPARE(v.value.toString(), QStringLiteral("debug")); // canary has priority 10
        }
    }
    QVERIFY(sawRegion);
}

// A copy of an inventory handed to a worker thread (group counts, rule matches) shares its lists with the GUI's:
// reading through const accessors must not detach them, or the worker's list can be freed under it.
void TestInventory::constReadsDoNotDetach()
{
    const Inventory original = DemoInventory::make();
    (void)original.groups(); // dynamic groups evaluated: the lazy state settles
    const Inventory copy = original;
    const Group* first = original.groups().constData();
    QVERIFY(copy.group(QStringLiteral("prod")) != nullptr);
    QVERIFY(copy.host(QStringLiteral("web-js-01")) != nullptr);
    (void)copy.groups();
    QCOMPARE(copy.groups().constData(), first); // still the one shared list
    QCOMPARE(original.group(QStringLiteral("prod")), copy.group(QStringLiteral("prod")));
}

void TestInventory::mergeCombinesVariablesKeyByKey()
{
    Inventory a;
    Host h1
        = host(QStringLiteral("h1"), { { QStringLiteral("own"), 1 }, { QStringLiteral("both"), QStringLiteral("a") } });
    h1.user = QStringLiteral("ops");
    h1.fileVars = { { QStringLiteral("f"), 1 } };
    a.upsertHost(h1);
    a.mutableGroup(QStringLiteral("all"))->vars = { { QStringLiteral("ansible_user"), QStringLiteral("ops") },
        { QStringLiteral("ntp"), QVariantList { QStringLiteral("n1") } } };
    Group g = group(QStringLiteral("g"), { { QStringLiteral("x"), 1 } }, {}, { QStringLiteral("h1") });
    g.priority = 7;
    g.kind = Group::Kind::Idc;
    a.upsertGroup(g);

    Inventory b;
    b.upsertHost(host(QStringLiteral("h1"), { { QStringLiteral("both"), QStringLiteral("b") } }));
    b.mutableGroup(QStringLiteral("all"))->vars = { { QStringLiteral("dns"), QStringLiteral("d") } };
    b.upsertGroup(group(QStringLiteral("g"), { { QStringLiteral("y"), 2 } }));
    a.merge(b);

    const Host* m = a.host(QStringLiteral("h1"));
    QCOMPARE(m->vars.value(QStringLiteral("own")).toInt(), 1);
    QCOMPARE(m->vars.value(QStringLiteral("both")).toString(), QStringLiteral("b"));
    QCOMPARE(m->user, QStringLiteral("ops")); // a connection field the file does not set stays
    QCOMPARE(m->fileVars.value(QStringLiteral("f")).toInt(), 1);
    const Group* all = a.group(QStringLiteral("all"));
    QCOMPARE(all->vars.size(), 3);
    QCOMPARE(all->vars.value(QStringLiteral("ansible_user")).toString(), QStringLiteral("ops"));
    const Group* mg = a.group(QStringLiteral("g"));
    QCOMPARE(mg->vars.size(), 2);
    QCOMPARE(mg->priority, 7); // not set by the file: kept
    QCOMPARE(mg->kind, Group::Kind::Idc); // the file says nothing about the kind
    QCOMPARE(mg->hosts, QStringList { QStringLiteral("h1") });
}

void TestInventory::diffNamesEveryChange()
{
    Inventory a;
    a.upsertHost(host(QStringLiteral("h1"), { { QStringLiteral("n"), 1 }, { QStringLiteral("gone"), true } }));
    a.upsertHost(host(QStringLiteral("old")));
    a.upsertGroup(group(QStringLiteral("g"), {}, {}, { QStringLiteral("h1"), QStringLiteral("old") }));
    Inventory b;
    Host h1
        = host(QStringLiteral("h1"), { { QStringLiteral("n"), 1.0 }, { QStringLiteral("new"), QStringLiteral("v") } });
    h1.fileVars = { { QStringLiteral("f"), 1 } };
    b.upsertHost(h1);
    b.upsertGroup(group(QStringLiteral("g"), {}, {}, { QStringLiteral("h1") }));
    b.upsertGroup(group(QStringLiteral("fresh"), {}));

    const InventoryDiff d = InventoryDiff::compute(a, b);
    QCOMPARE(d.groups(InventoryDiff::Entry::State::Added), 1);
    QCOMPARE(d.hosts(InventoryDiff::Entry::State::Removed), 1);
    QCOMPARE(d.hosts(InventoryDiff::Entry::State::Changed), 1);
    // 1 and 1.0 differ (Ansible prints them differently); a key only before is removed; file layers apart.
    QCOMPARE(d.vars(InventoryDiff::VarChange::Kind::Changed), 1);
    QCOMPARE(d.vars(InventoryDiff::VarChange::Kind::Added), 2);
    QCOMPARE(d.vars(InventoryDiff::VarChange::Kind::Removed), 1);
    const QString text = d.toText();
    QVERIFY2(text.contains(QStringLiteral("host h1 (changed)\n  ~ n: 1 → 1.0\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("  + host_vars/h1 f: 1\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("  - gone: true\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("group g (changed)\n  - member host old\n")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("host old (removed)\n")), qPrintable(text));
    QCOMPARE(d.summaryLine(),
        QStringLiteral("added: 1 group; changed: 1 group, 1 host; removed: 1 host; variables: 2 added, 1 changed, 1 "
                       "removed"));
    QVERIFY(InventoryDiff::compute(a, a).isEmpty());
    QCOMPARE(InventoryDiff::compute(a, a).summaryLine(), QStringLiteral("no changes"));
}

void TestInventory::importPlanMergeAndReplace()
{
    const Inventory demo = DemoInventory::make();
    Inventory small;
    small.upsertHost(host(QStringLiteral("farm-01")));
    small.upsertGroup(group(QStringLiteral("farm"), {}, {}, { QStringLiteral("farm-01") }));
    auto merge = InventoryImportPlan::make(demo, small, InventoryImportPlan::Mode::Merge);
    QVERIFY(merge);
    QCOMPARE(merge->diff.entries().size(), 2);
    QCOMPARE(merge->diff.vars(InventoryDiff::VarChange::Kind::Removed), 0);
    for (const Host& h : demo.hosts()) {
        QCOMPARE(merge->after.resolveVars(h.name), demo.resolveVars(h.name));
    }
    QCOMPARE(merge->importedHosts, 1);
    QCOMPARE(merge->importedGroups, 1);
    auto replace = InventoryImportPlan::make(demo, small, InventoryImportPlan::Mode::Replace);
    QVERIFY(replace);
    QCOMPARE(replace->diff.hosts(InventoryDiff::Entry::State::Removed), int(demo.hosts().size()));
    QCOMPARE(replace->after.hosts().size(), 1);
    // A merge that would make a cycle of child groups is refused, naming them.
    Inventory cyclic;
    cyclic.upsertGroup(group(QStringLiteral("idc_js"), {}, { QStringLiteral("all_js") }));
    cyclic.upsertGroup(group(QStringLiteral("all_js"), {}, { QStringLiteral("idc_js") }));
    auto refused = InventoryImportPlan::make(demo, cyclic, InventoryImportPlan::Mode::Merge);
    QVERIFY(!refused);
    QVERIFY2(refused.errorString().contains(QLatin1String("idc_js")), qPrintable(refused.errorString()));
}

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
