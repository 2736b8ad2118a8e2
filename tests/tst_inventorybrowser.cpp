// The inventory browser driven like a user: typing in the search box, clicking groups, selecting hosts, editing
// through the page's actions with undo/redo, dragging hosts onto a group, importing; every change is checked in
// the workspace on disk. Plus a 100,000-host inventory that must not block the event loop.
#include "InventoryFixtures.h"
#include "YamlView.h"
#include "common/Dialogs.h"
#include "common/MessageBar.h"
#include "inventory/GroupDialog.h"
#include "inventory/GroupPropertiesDialog.h"
#include "inventory/GroupTreeModel.h"
#include "inventory/HostDetailsPanel.h"
#include "inventory/HostEditDialog.h"
#include "inventory/HostTableModel.h"
#include "inventory/ImportDialog.h"
#include "inventory/InventoryPage.h"
#include "store/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

namespace {

Inventory sampleInventory()
{
    Inventory inv;
    Host web01 = makeHost(
        QStringLiteral("web01"), QStringLiteral("10.1.0.1"), QStringLiteral("js"), { QStringLiteral("nginx") });
    web01.vars = { { QStringLiteral("region"), QStringLiteral("web01-own") },
        { QStringLiteral("ports"), QVariantList { 80, 443 } } };
    inv.upsertHost(web01);
    inv.upsertHost(makeHost(QStringLiteral("web02"), QStringLiteral("10.1.0.2"), QStringLiteral("js"),
        { QStringLiteral("nginx"), QStringLiteral("canary") }));
    inv.upsertHost(makeHost(
        QStringLiteral("db01"), QStringLiteral("10.1.1.1"), QStringLiteral("js"), { QStringLiteral("mongodb") }));
    inv.upsertHost(makeHost(
        QStringLiteral("web03"), QStringLiteral("10.2.0.1"), QStringLiteral("bj"), { QStringLiteral("nginx") }));
    inv.upsertHost(makeHost(QStringLiteral("lonely"), QStringLiteral("10.9.9.9"), QString()));
    inv.mutableGroup(QStringLiteral("all"))->vars = { { QStringLiteral("region"), QStringLiteral("global") } };
    inv.upsertGroup(makeGroup(QStringLiteral("js"), Group::Kind::Idc,
        { QStringLiteral("js_web"), QStringLiteral("js_db") }, {},
        { { QStringLiteral("region"), QStringLiteral("js") }, { QStringLiteral("ntp"), QStringLiteral("ntp.js") } }));
    inv.upsertGroup(makeGroup(
        QStringLiteral("js_web"), Group::Kind::Set, {}, { QStringLiteral("web01"), QStringLiteral("web02") }));
    inv.upsertGroup(makeGroup(QStringLiteral("js_db"), Group::Kind::Set, {}, { QStringLiteral("db01") }));
    inv.upsertGroup(makeGroup(QStringLiteral("bj"), Group::Kind::Idc, { QStringLiteral("bj_web") }));
    inv.upsertGroup(makeGroup(QStringLiteral("bj_web"), Group::Kind::Set, {}, { QStringLiteral("web03") }));
    return inv;
}

} // namespace

class TestInventoryBrowser : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void searchAsYouType();
    void searchErrorsAreInline();
    void clickingAGroupRestrictsTheTable();
    void multiSelectionAndDetails();
    void addHostWithUndo();
    void editHostWithF2();
    void editHostVariables();
    void deleteHostsAsksAndUndoes();
    void tagSelection();
    void newAndDeleteGroup();
    void editGroupProperties();
    void dragHostsOntoGroup();
    void importDialog();
    void importReplaceAndUndo();
    void importRefusesAStalePreview();
    void importErrorChangesNothing();
    void largeInventoryStaysResponsive();
    void screenshots();

private:
    void openPage(const Inventory& inventory);
    Inventory stored() const;
    QStringList shown() const { return m_page->hostModel()->shownHosts(); }
    void selectHosts(const QStringList& names);
    QModelIndex groupIndex(const QString& name) const;
    void clickGroup(const QString& name);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<InventoryPage> m_page;
};

void TestInventoryBrowser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TestInventoryBrowser::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("workspace.opsdeck"));
}

void TestInventoryBrowser::cleanup()
{
    m_page.reset();
    m_undo.reset();
    m_ws.reset();
    m_dir.reset();
}

void TestInventoryBrowser::openPage(const Inventory& inventory)
{
    auto ws = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    m_ws = std::move(*ws);
    auto saved = m_ws->saveInventory(inventory);
    QVERIFY2(saved, qPrintable(saved.errorString()));
    m_undo = std::make_unique<QUndoStack>();
    m_page = std::make_unique<InventoryPage>(m_ws.get(), m_undo.get());
    m_page->resize(1280, 720);
    m_page->show();
    QApplication::setActiveWindow(m_page.get());
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->hostModel()->isFiltering(), 20000);
    m_page->groupView()->expandAll();
}

Inventory TestInventoryBrowser::stored() const
{
    // A second connection, as another program would see the file.
    auto ws = Workspace::open(m_path);
    if (!ws) {
        qWarning() << ws.errorString();
        return {};
    }
    auto inv = (*ws)->loadInventory();
    return inv ? *inv : Inventory();
}

void TestInventoryBrowser::selectHosts(const QStringList& names)
{
    QTableView* table = m_page->hostView();
    table->clearSelection();
    bool first = true;
    for (const QString& n : names) {
        const int row = m_page->hostModel()->rowOfHost(n);
        QVERIFY2(row >= 0, qPrintable(n));
        const QRect rect = table->visualRect(m_page->hostModel()->index(row, 0));
        QTest::mouseClick(
            table->viewport(), Qt::LeftButton, first ? Qt::NoModifier : Qt::ControlModifier, rect.center());
        first = false;
    }
    QCOMPARE(m_page->selectedHosts().size(), names.size());
}

QModelIndex TestInventoryBrowser::groupIndex(const QString& name) const
{
    return m_page->groupModel()->indexForGroup(name);
}

void TestInventoryBrowser::clickGroup(const QString& name)
{
    QTreeView* tree = m_page->groupView();
    const QModelIndex idx = groupIndex(name);
    QVERIFY2(idx.isValid(), qPrintable(name));
    tree->scrollTo(idx);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, Qt::NoModifier, tree->visualRect(idx).center());
    QCOMPARE(m_page->currentGroup(), name);
}

void TestInventoryBrowser::searchAsYouType()
{
    openPage(sampleInventory());
    QCOMPARE(shown().size(), 5);
    QSignalSpy counts(m_page.get(), &InventoryPage::hostCountChanged);
    QLineEdit* search = m_page->searchEdit();
    search->setFocus();
    QTest::keyClicks(search, QStringLiteral("idc:js"));
    QTRY_COMPARE(shown(), (QStringList { QStringLiteral("web01"), QStringLiteral("web02"), QStringLiteral("db01") }));
    QTRY_VERIFY(!counts.isEmpty());
    QTRY_COMPARE(counts.last().at(0).toInt(), 5);
    QTRY_COMPARE(counts.last().at(1).toInt(), 3);
    QTest::keyClicks(search, QStringLiteral(" -tag:canary"));
    QTRY_COMPARE(shown(), (QStringList { QStringLiteral("web01"), QStringLiteral("db01") }));
    QCOMPARE(m_page->hostView()->model()->rowCount(), 2);

    // Escape clears the search.
    QTest::keyClick(search, Qt::Key_Escape);
    QCOMPARE(search->text(), QString());
    QTRY_COMPARE(shown().size(), 5);

    // Nothing matches: the empty state says so.
    QTest::keyClicks(search, QStringLiteral("zzz"));
    QTRY_COMPARE(shown().size(), 0);
    QTRY_VERIFY(m_page->emptyLabel()->isVisible());
    QCOMPARE(m_page->emptyLabel()->text(), QStringLiteral("No hosts match 'zzz'"));
    QTest::keyClick(search, Qt::Key_Escape);
    QTRY_VERIFY(!m_page->emptyLabel()->isVisible());

    // Ctrl+F from the table focuses the search box.
    m_page->hostView()->setFocus();
    QTest::keyClick(m_page->hostView(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
}

void TestInventoryBrowser::searchErrorsAreInline()
{
    openPage(sampleInventory());
    QLineEdit* search = m_page->searchEdit();
    QTest::keyClicks(search, QStringLiteral("tag:nginx"));
    QTRY_COMPARE(shown().size(), 3);
    QTest::keyClicks(search, QStringLiteral(" colour:blue"));
    QTRY_VERIFY(m_page->messageBar()->isVisible());
    QVERIFY2(
        m_page->messageBar()->text().contains(QStringLiteral("column 11")), qPrintable(m_page->messageBar()->text()));
    QVERIFY(m_page->messageBar()->text().contains(QStringLiteral("colour")));
    // The last good result stays.
    QCOMPARE(shown().size(), 3);
    for (int i = 0; i < 12; ++i) {
        QTest::keyClick(search, Qt::Key_Backspace);
    }
    QTRY_VERIFY(!m_page->messageBar()->isVisible());
    QTRY_COMPARE(shown().size(), 3);
}

void TestInventoryBrowser::clickingAGroupRestrictsTheTable()
{
    openPage(sampleInventory());
    clickGroup(QStringLiteral("js"));
    QTRY_COMPARE(shown(), (QStringList { QStringLiteral("web01"), QStringLiteral("web02"), QStringLiteral("db01") }));
    clickGroup(QStringLiteral("bj_web"));
    QTRY_COMPARE(shown(), QStringList { QStringLiteral("web03") });
    // The search applies within the group.
    QTest::keyClicks(m_page->searchEdit(), QStringLiteral("canary"));
    QTRY_COMPARE(shown().size(), 0);
    QTRY_COMPARE(m_page->emptyLabel()->text(), QStringLiteral("No hosts in group bj_web match 'canary'"));
    clickGroup(QStringLiteral("js"));
    QTRY_COMPARE(shown(), QStringList { QStringLiteral("web02") });
    m_page->searchEdit()->clear();
    clickGroup(QStringLiteral("ungrouped"));
    QTRY_COMPARE(shown(), QStringList { QStringLiteral("lonely") });
    clickGroup(QStringLiteral("all"));
    QTRY_COMPARE(shown().size(), 5);
    // Counts include descendants.
    QCOMPARE(m_page->groupModel()->data(groupIndex(QStringLiteral("js")), GroupTreeModel::HostCountRole).toInt(), 3);
}

void TestInventoryBrowser::multiSelectionAndDetails()
{
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("web01"), QStringLiteral("db01"), QStringLiteral("lonely") });
    QTRY_VERIFY(m_page->detailsPanel()->currentHost().isEmpty());
    selectHosts({ QStringLiteral("web01") });
    QTRY_COMPARE(m_page->detailsPanel()->currentHost(), QStringLiteral("web01"));
    // Provenance: region comes from the host and overrode group js and all.
    QTreeWidget* vars = m_page->detailsPanel()->variablesTree();
    const QList<QTreeWidgetItem*> region = vars->findItems(QStringLiteral("region"), Qt::MatchExactly, 0);
    QCOMPARE(region.size(), 1);
    QCOMPARE(region.first()->text(1), QStringLiteral("\"web01-own\""));
    QCOMPARE(region.first()->text(2), QStringLiteral("host web01"));
    QCOMPARE(region.first()->childCount(), 2);
    QCOMPARE(region.first()->child(0)->text(2), QStringLiteral("group js"));
    QCOMPARE(region.first()->child(1)->text(2), QStringLiteral("group all"));
    const QList<QTreeWidgetItem*> ntp = vars->findItems(QStringLiteral("ntp"), Qt::MatchExactly, 0);
    QCOMPARE(ntp.size(), 1);
    QCOMPARE(ntp.first()->text(2), QStringLiteral("group js"));
    // Shift+click extends the selection.
    const QRect last = m_page->hostView()->visualRect(m_page->hostModel()->index(3, 0));
    QTest::mouseClick(m_page->hostView()->viewport(), Qt::LeftButton, Qt::ShiftModifier, last.center());
    QCOMPARE(m_page->selectedHosts().size(), 4);
}

void TestInventoryBrowser::addHostWithUndo()
{
    openPage(sampleInventory());
    clickGroup(QStringLiteral("js_db"));
    m_page->hostView()->setFocus();
    QTest::keyClick(m_page->hostView(), Qt::Key_N, Qt::ControlModifier);
    HostEditDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<HostEditDialog*>()) != nullptr);
    QVERIFY(dialog->isNewHost());
    QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    // A duplicate name is refused inline.
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("db01"));
    QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    dialog->nameEdit()->clear();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("db02"));
    QTest::keyClicks(dialog->addressEdit(), QStringLiteral("10.1.1.2"));
    QTest::keyClicks(dialog->tagsEdit(), QStringLiteral("mongodb, arbiter"));
    dialog->statusCombo()->setCurrentIndex(dialog->statusCombo()->findData(QStringLiteral("standby")));
    // The group being browsed is preselected.
    const QList<QListWidgetItem*> jsDb = dialog->groupList()->findItems(QStringLiteral("js_db"), Qt::MatchExactly);
    QCOMPARE(jsDb.size(), 1);
    QCOMPARE(jsDb.first()->checkState(), Qt::Checked);
    QVERIFY(dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);

    QTRY_VERIFY(shown().contains(QStringLiteral("db02")));
    QCOMPARE(m_undo->count(), 1);
    Inventory inv = stored();
    QVERIFY(inv.host(QStringLiteral("db02")));
    QCOMPARE(inv.host(QStringLiteral("db02"))->address, QStringLiteral("10.1.1.2"));
    QCOMPARE(inv.host(QStringLiteral("db02"))->status, QStringLiteral("standby"));
    QCOMPARE(
        inv.host(QStringLiteral("db02"))->tags, (QStringList { QStringLiteral("mongodb"), QStringLiteral("arbiter") }));
    QCOMPARE(inv.hostGroupsDirect(QStringLiteral("db02")), QStringList { QStringLiteral("js_db") });
    QTRY_COMPARE(
        m_page->groupModel()->data(groupIndex(QStringLiteral("js")), GroupTreeModel::HostCountRole).toInt(), 4);

    m_undo->undo();
    QTRY_VERIFY(!shown().contains(QStringLiteral("db02")));
    QVERIFY(!stored().host(QStringLiteral("db02")));
    QVERIFY(!m_page->currentInventory().host(QStringLiteral("db02")));
    QTRY_COMPARE(
        m_page->groupModel()->data(groupIndex(QStringLiteral("js")), GroupTreeModel::HostCountRole).toInt(), 3);

    m_undo->redo();
    QTRY_VERIFY(shown().contains(QStringLiteral("db02")));
    QCOMPARE(stored().hostGroupsDirect(QStringLiteral("db02")), QStringList { QStringLiteral("js_db") });
}

void TestInventoryBrowser::editHostWithF2()
{
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("web02") });
    QTest::keyClick(m_page->hostView(), Qt::Key_F2);
    HostEditDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<HostEditDialog*>()) != nullptr);
    QVERIFY(!dialog->isNewHost());
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("web02"));
    // Rename and move to another group.
    dialog->nameEdit()->selectAll();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("web02-new"));
    dialog->addressEdit()->selectAll();
    QTest::keyClicks(dialog->addressEdit(), QStringLiteral("10.1.0.200"));
    dialog->groupList()->findItems(QStringLiteral("js_web"), Qt::MatchExactly).first()->setCheckState(Qt::Unchecked);
    dialog->groupList()->findItems(QStringLiteral("bj_web"), Qt::MatchExactly).first()->setCheckState(Qt::Checked);
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);

    QTRY_VERIFY(shown().contains(QStringLiteral("web02-new")));
    QVERIFY(!shown().contains(QStringLiteral("web02")));
    const int row = m_page->hostModel()->rowOfHost(QStringLiteral("web02-new"));
    QCOMPARE(m_page->hostModel()->data(m_page->hostModel()->index(row, HostTableModel::Address)).toString(),
        QStringLiteral("10.1.0.200"));
    Inventory inv = stored();
    QVERIFY(!inv.host(QStringLiteral("web02")));
    QCOMPARE(inv.host(QStringLiteral("web02-new"))->address, QStringLiteral("10.1.0.200"));
    QCOMPARE(inv.host(QStringLiteral("web02-new"))->tags,
        (QStringList { QStringLiteral("nginx"), QStringLiteral("canary") }));
    QCOMPARE(inv.hostGroupsDirect(QStringLiteral("web02-new")), QStringList { QStringLiteral("bj_web") });

    m_undo->undo();
    QTRY_VERIFY(shown().contains(QStringLiteral("web02")));
    inv = stored();
    QVERIFY(!inv.host(QStringLiteral("web02-new")));
    QCOMPARE(inv.host(QStringLiteral("web02"))->address, QStringLiteral("10.1.0.2"));
    QCOMPARE(inv.hostGroupsDirect(QStringLiteral("web02")), QStringList { QStringLiteral("js_web") });

    // Enter on a row edits it too.
    QTRY_VERIFY(m_page->findChild<HostEditDialog*>() == nullptr); // the first dialog deleted itself
    QApplication::setActiveWindow(m_page.get());
    QTRY_VERIFY(m_page->isActiveWindow());
    selectHosts({ QStringLiteral("db01") });
    QTest::keyClick(m_page->hostView(), Qt::Key_Return);
    QTRY_VERIFY(m_page->findChild<HostEditDialog*>() != nullptr);
    auto* second = m_page->findChild<HostEditDialog*>();
    QCOMPARE(second->nameEdit()->text(), QStringLiteral("db01"));
    second->reject();
}

void TestInventoryBrowser::editHostVariables()
{
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("db01") });
    QTest::keyClick(m_page->hostView(), Qt::Key_F2);
    HostEditDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<HostEditDialog*>()) != nullptr);
    QPushButton* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    // Malformed YAML: OK is disabled and the message names the line.
    dialog->varsEdit()->setFocus();
    dialog->varsEdit()->selectAll();
    QTest::keyClicks(dialog->varsEdit(), QStringLiteral("role: primary"));
    QTest::keyClick(dialog->varsEdit(), Qt::Key_Return);
    QTest::keyClicks(dialog->varsEdit(), QStringLiteral("ports: [1, 2"));
    QTest::keyClick(dialog->varsEdit(), Qt::Key_Return);
    QTRY_VERIFY(!ok->isEnabled());
    auto* bar = dialog->findChild<MessageBar*>();
    QVERIFY(bar);
    QVERIFY2(bar->text().contains(QLatin1String("variables:")), qPrintable(bar->text()));
    // A list is not a mapping.
    dialog->varsEdit()->setText(QStringLiteral("- a\n- b\n"));
    QTRY_VERIFY(!ok->isEnabled());
    // Fixed: the variables are saved, resolved, and undone.
    dialog->varsEdit()->setText(QStringLiteral("role: primary\nports: [27017, 27018]\n"));
    QTRY_VERIFY(ok->isEnabled());
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(stored().resolveVars(QStringLiteral("db01")).value(QStringLiteral("ports")).toList().size(), 2);
    QCOMPARE(stored().host(QStringLiteral("db01"))->vars.value(QStringLiteral("role")).toString(),
        QStringLiteral("primary"));
    m_undo->undo();
    QTRY_VERIFY(!stored().host(QStringLiteral("db01"))->vars.contains(QStringLiteral("ports")));
}

void TestInventoryBrowser::deleteHostsAsksAndUndoes()
{
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("web01"), QStringLiteral("web03") });
    // "No" keeps everything.
    const int asked = Dialogs::askedCount();
    Dialogs::setNextAnswer(QMessageBox::Cancel);
    QTest::keyClick(m_page->hostView(), Qt::Key_Delete);
    QCOMPARE(Dialogs::askedCount(), asked + 1);
    QCOMPARE(shown().size(), 5);
    QCOMPARE(m_undo->count(), 0);

    Dialogs::setNextAnswer(QMessageBox::Ok);
    QTest::keyClick(m_page->hostView(), Qt::Key_Delete);
    QTRY_COMPARE(shown(), (QStringList { QStringLiteral("web02"), QStringLiteral("db01"), QStringLiteral("lonely") }));
    Inventory inv = stored();
    QCOMPARE(inv.hosts().size(), 3);
    QVERIFY(!inv.group(QStringLiteral("js_web"))->hosts.contains(QStringLiteral("web01")));
    QTRY_COMPARE(
        m_page->groupModel()->data(groupIndex(QStringLiteral("bj")), GroupTreeModel::HostCountRole).toInt(), 0);

    m_undo->undo();
    QTRY_COMPARE(shown().size(), 5);
    inv = stored();
    QCOMPARE(inv.hosts().size(), 5);
    QCOMPARE(
        inv.group(QStringLiteral("js_web"))->hosts, (QStringList { QStringLiteral("web01"), QStringLiteral("web02") }));
    QCOMPARE(inv.host(QStringLiteral("web01"))->vars.value(QStringLiteral("region")).toString(),
        QStringLiteral("web01-own"));
    QCOMPARE(inv.hostGroupsDirect(QStringLiteral("web03")), QStringList { QStringLiteral("bj_web") });
    QTRY_COMPARE(
        m_page->groupModel()->data(groupIndex(QStringLiteral("bj")), GroupTreeModel::HostCountRole).toInt(), 1);
    m_undo->redo();
    QTRY_COMPARE(shown().size(), 3);
    QCOMPARE(stored().hosts().size(), 3);
}

void TestInventoryBrowser::tagSelection()
{
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("web01"), QStringLiteral("lonely") });
    Dialogs::setNextText(QStringLiteral("blue, green"));
    m_page->action(QStringLiteral("inventory.addTag"))->trigger();
    QTRY_VERIFY(m_page->currentInventory().host(QStringLiteral("lonely"))->tags.contains(QStringLiteral("blue")));
    Inventory inv = stored();
    QCOMPARE(inv.host(QStringLiteral("web01"))->tags,
        (QStringList { QStringLiteral("nginx"), QStringLiteral("blue"), QStringLiteral("green") }));
    QCOMPARE(
        inv.host(QStringLiteral("lonely"))->tags, (QStringList { QStringLiteral("blue"), QStringLiteral("green") }));
    const int row = m_page->hostModel()->rowOfHost(QStringLiteral("lonely"));
    QCOMPARE(m_page->hostModel()->data(m_page->hostModel()->index(row, HostTableModel::Tags)).toString(),
        QStringLiteral("blue, green"));
    // Memberships are untouched by a tag edit.
    QCOMPARE(inv.hostGroupsDirect(QStringLiteral("web01")), QStringList { QStringLiteral("js_web") });

    QTest::keyClicks(m_page->searchEdit(), QStringLiteral("tag:green"));
    QTRY_COMPARE(shown().size(), 2);
    m_page->searchEdit()->clear();
    QTRY_COMPARE(shown().size(), 5);

    selectHosts({ QStringLiteral("web01") });
    Dialogs::setNextText(QStringLiteral("nginx"));
    m_page->action(QStringLiteral("inventory.removeTag"))->trigger();
    QCOMPARE(stored().host(QStringLiteral("web01"))->tags,
        (QStringList { QStringLiteral("blue"), QStringLiteral("green") }));
    m_undo->undo();
    m_undo->undo();
    inv = stored();
    QCOMPARE(inv.host(QStringLiteral("web01"))->tags, QStringList { QStringLiteral("nginx") });
    QCOMPARE(inv.host(QStringLiteral("lonely"))->tags, QStringList());
}

void TestInventoryBrowser::editGroupProperties()
{
    openPage(sampleInventory());
    clickGroup(QStringLiteral("js_db"));
    QAction* edit = m_page->action(QStringLiteral("inventory.editGroup"));
    QTRY_VERIFY(edit->isEnabled());
    edit->trigger();
    GroupPropertiesDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<GroupPropertiesDialog*>()) != nullptr);
    QPushButton* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    dialog->varsEdit()->setFocus();
    QTest::keyClicks(dialog->varsEdit(), QStringLiteral("backup: {nightly: true"));
    QTRY_VERIFY(!ok->isEnabled()); // unclosed flow mapping
    dialog->varsEdit()->setText(QStringLiteral("backup_hour: 3\nregion: db-js\n"));
    QTRY_VERIFY(ok->isEnabled());
    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(Group::Kind::Custom)));
    dialog->prioritySpin()->setValue(7);
    QTest::mouseClick(ok, Qt::LeftButton);

    QTRY_COMPARE(stored().group(QStringLiteral("js_db"))->priority, 7);
    Inventory inv = stored();
    QCOMPARE(inv.group(QStringLiteral("js_db"))->kind, Group::Kind::Custom);
    QCOMPARE(inv.group(QStringLiteral("js_db"))->hosts, QStringList { QStringLiteral("db01") }); // members kept
    QCOMPARE(inv.resolveVars(QStringLiteral("db01")).value(QStringLiteral("backup_hour")).toInt(), 3);
    QCOMPARE(
        inv.resolveVars(QStringLiteral("db01")).value(QStringLiteral("region")).toString(), QStringLiteral("db-js"));
    m_undo->undo();
    QTRY_COMPARE(stored().group(QStringLiteral("js_db"))->priority, 1);
    QCOMPARE(stored().group(QStringLiteral("js_db"))->kind, Group::Kind::Set);
    QVERIFY(!stored().resolveVars(QStringLiteral("db01")).contains(QStringLiteral("backup_hour")));
}

void TestInventoryBrowser::newAndDeleteGroup()
{
    openPage(sampleInventory());
    clickGroup(QStringLiteral("js"));
    m_page->action(QStringLiteral("inventory.newGroup"))->trigger();
    GroupDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<GroupDialog*>()) != nullptr);
    QCOMPARE(dialog->parentGroup(), QStringLiteral("js"));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("js_web"));
    QVERIFY(!dialog->buttons()->button(QDialogButtonBox::Ok)->isEnabled()); // exists
    dialog->nameEdit()->clear();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("js_cache"));
    dialog->kindCombo()->setCurrentIndex(dialog->kindCombo()->findData(int(Group::Kind::Set)));
    QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);

    QTRY_VERIFY(m_page->groupModel()
                    ->indexForPath({ QStringLiteral("all"), QStringLiteral("js"), QStringLiteral("js_cache") })
                    .isValid());
    Inventory inv = stored();
    QVERIFY(inv.group(QStringLiteral("js_cache")));
    QCOMPARE(inv.group(QStringLiteral("js_cache"))->kind, Group::Kind::Set);
    QVERIFY(inv.group(QStringLiteral("js"))->children.contains(QStringLiteral("js_cache")));
    // Expansion survives the tree rebuild.
    QVERIFY(m_page->groupView()->isExpanded(groupIndex(QStringLiteral("js"))));

    // Delete js_web from the tree with the Delete key (the dialog was the active window until now).
    QApplication::setActiveWindow(m_page.get());
    QTRY_VERIFY(m_page->isActiveWindow());
    clickGroup(QStringLiteral("js_web"));
    m_page->groupView()->setFocus();
    Dialogs::setNextAnswer(QMessageBox::Ok);
    QTest::keyClick(m_page->groupView(), Qt::Key_Delete);
    QTRY_VERIFY(!groupIndex(QStringLiteral("js_web")).isValid());
    inv = stored();
    QVERIFY(!inv.group(QStringLiteral("js_web")));
    QCOMPARE(inv.hosts().size(), 5); // hosts stay
    QCOMPARE(m_page->currentGroup(), QStringLiteral("js"));

    m_undo->undo();
    QTRY_VERIFY(groupIndex(QStringLiteral("js_web")).isValid());
    inv = stored();
    QCOMPARE(
        inv.group(QStringLiteral("js_web"))->hosts, (QStringList { QStringLiteral("web01"), QStringLiteral("web02") }));
    QCOMPARE(inv.group(QStringLiteral("js_web"))->kind, Group::Kind::Set);
    QVERIFY(inv.group(QStringLiteral("js"))->children.contains(QStringLiteral("js_web")));
    m_undo->undo();
    QTRY_VERIFY(!groupIndex(QStringLiteral("js_cache")).isValid());
    QVERIFY(!stored().group(QStringLiteral("js_cache")));
}

void TestInventoryBrowser::dragHostsOntoGroup()
{
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("web01"), QStringLiteral("lonely") });
    QModelIndexList rows = m_page->hostView()->selectionModel()->selectedRows();
    std::unique_ptr<QMimeData> mime(m_page->hostModel()->mimeData(rows));
    QVERIFY(mime);

    QTreeView* tree = m_page->groupView();
    const QModelIndex target = groupIndex(QStringLiteral("bj_web"));
    const QPoint pos = tree->visualRect(target).center();
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &drop);
    QVERIFY(drop.isAccepted());

    QTRY_COMPARE(
        m_page->groupModel()->data(groupIndex(QStringLiteral("bj")), GroupTreeModel::HostCountRole).toInt(), 3);
    Inventory inv = stored();
    QCOMPARE(inv.group(QStringLiteral("bj_web"))->hosts,
        (QStringList { QStringLiteral("web03"), QStringLiteral("web01"), QStringLiteral("lonely") }));
    QVERIFY(inv.group(QStringLiteral("js_web"))->hosts.contains(QStringLiteral("web01"))); // added, not moved
    QCOMPARE(m_undo->count(), 1);
    const int row = m_page->hostModel()->rowOfHost(QStringLiteral("lonely"));
    QCOMPARE(m_page->hostModel()->data(m_page->hostModel()->index(row, HostTableModel::Groups)).toString(),
        QStringLiteral("bj_web"));

    // Dropping on "all" is refused.
    const QPoint allPos = tree->visualRect(groupIndex(QStringLiteral("all"))).center();
    QDropEvent refused(allPos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(tree->viewport(), &refused);
    QCOMPARE(m_undo->count(), 1);

    m_undo->undo();
    QTRY_COMPARE(
        m_page->groupModel()->data(groupIndex(QStringLiteral("bj")), GroupTreeModel::HostCountRole).toInt(), 1);
    QCOMPARE(stored().group(QStringLiteral("bj_web"))->hosts, QStringList { QStringLiteral("web03") });
}

void TestInventoryBrowser::importDialog()
{
    openPage(sampleInventory());
    QSignalSpy loaded(m_page.get(), &InventoryPage::loaded);
    QTest::keyClick(m_page->hostView(), Qt::Key_I, Qt::ControlModifier);
    ImportDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<ImportDialog*>()) != nullptr);
    dialog->setPath(QStringLiteral(OPSDECK_TEST_DATA_DIR "/browser/small.ini"));
    QCOMPARE(dialog->mode(), InventoryImportPlan::Mode::Merge);
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton); // first: the preview
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReviewing(), 20000);
    // What will change is shown, per group and host, before anything is written.
    QCOMPARE(stored().hosts().size(), 5);
    QVERIFY(dialog->summaryLabel()->isVisible());
    QVERIFY(dialog->changesView()->isVisible());
    QStringList rows;
    for (int i = 0; i < dialog->changesView()->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = dialog->changesView()->topLevelItem(i);
        rows.append(item->text(0) + QStringLiteral(": ") + item->text(1));
    }
    QVERIFY2(rows.contains(QStringLiteral("group lab: new, 1 variable(s) added")), qPrintable(rows.join(u'|')));
    QVERIFY2(rows.contains(QStringLiteral("host lab-web1: new, 2 variable(s) added")), qPrintable(rows.join(u'|')));
    QCOMPARE(dialog->plan()->diff.vars(InventoryDiff::VarChange::Kind::Removed), 0);
    QCOMPARE(dialog->plan()->diff.groups(InventoryDiff::Entry::State::Removed), 0);
    // The expanded lines of an entry name the variable and its value.
    const QTreeWidgetItem* lab
        = dialog->changesView()->findItems(QStringLiteral("group lab"), Qt::MatchExactly).value(0);
    QVERIFY(lab);
    QVERIFY(lab->isExpanded());
    bool sawNtp = false;
    for (int i = 0; i < lab->childCount(); ++i) {
        sawNtp = sawNtp
            || (lab->child(i)->text(0) == QStringLiteral("+ ntp_server")
                && lab->child(i)->text(1) == QStringLiteral("\"ntp.lab\""));
    }
    QVERIFY(sawNtp);

    QTest::mouseClick(dialog->importButton(), Qt::LeftButton); // then: the import
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 20000);
    QTRY_VERIFY(!m_page->hostModel()->isFiltering());
    QCOMPARE(shown().size(), 8);
    QVERIFY(shown().contains(QStringLiteral("lab-web2")));
    Inventory inv = stored();
    QCOMPARE(inv.hosts().size(), 8);
    QCOMPARE(inv.host(QStringLiteral("lab-web1"))->address, QStringLiteral("192.168.50.1"));
    QVERIFY(inv.group(QStringLiteral("lab"))->children.contains(QStringLiteral("lab_db")));
    QVERIFY(groupIndex(QStringLiteral("lab_web")).isValid());
    QVERIFY(inv.group(QStringLiteral("js_web"))); // merged, not replaced
    // No variable of the workspace is lost (the report: "all" lost its variables).
    QCOMPARE(
        inv.group(QStringLiteral("all"))->vars.value(QStringLiteral("region")).toString(), QStringLiteral("global"));
    QCOMPARE(inv.group(QStringLiteral("js"))->vars.value(QStringLiteral("ntp")).toString(), QStringLiteral("ntp.js"));

    // One undo step takes the whole import back, in the workspace and on screen; redo brings it again.
    QCOMPARE(m_undo->count(), 1);
    QVERIFY(m_undo->undoText().contains(QLatin1String("small.ini")));
    m_undo->undo();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 2, 20000);
    QTRY_VERIFY(!m_page->hostModel()->isFiltering());
    QCOMPARE(shown().size(), 5);
    QCOMPARE(stored().hosts().size(), 5);
    QVERIFY(!stored().group(QStringLiteral("lab")));
    QVERIFY(!groupIndex(QStringLiteral("lab_web")).isValid());
    m_undo->redo();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 3, 20000);
    QTRY_COMPARE(shown().size(), 8);
    QCOMPARE(stored().hosts().size(), 8);
}

void TestInventoryBrowser::importReplaceAndUndo()
{
    openPage(sampleInventory());
    QSignalSpy loaded(m_page.get(), &InventoryPage::loaded);
    ImportDialog* dialog = m_page->openImportDialog();
    dialog->setPath(QStringLiteral(OPSDECK_TEST_DATA_DIR "/browser/small.ini"));
    dialog->startImport();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReviewing(), 20000);
    QCOMPARE(dialog->plan()->mode, InventoryImportPlan::Mode::Merge);
    // Choosing "replace" previews again (from what was read) and says what goes.
    dialog->setMode(InventoryImportPlan::Mode::Replace);
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->isReviewing() && dialog->plan()->mode == InventoryImportPlan::Mode::Replace, 20000);
    QCOMPARE(dialog->plan()->diff.hosts(InventoryDiff::Entry::State::Removed), 5);
    QVERIFY(dialog->summaryLabel()->text().contains(QLatin1String("Removed:")));
    QCOMPARE(dialog->importButton()->text(), QStringLiteral("&Replace Inventory"));
    QCOMPARE(stored().hosts().size(), 5);
    dialog->apply();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 1, 20000);
    QCOMPARE(stored().hosts().size(), 3);
    QVERIFY(!stored().host(QStringLiteral("web01")));
    QVERIFY(!stored().group(QStringLiteral("all"))->vars.contains(QStringLiteral("region")));
    m_undo->undo();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.count() == 2, 20000);
    const Inventory back = stored();
    QCOMPARE(back.hosts().size(), 5);
    QCOMPARE(back.host(QStringLiteral("web01"))->vars.value(QStringLiteral("region")).toString(),
        QStringLiteral("web01-own"));
    QCOMPARE(
        back.group(QStringLiteral("all"))->vars.value(QStringLiteral("region")).toString(), QStringLiteral("global"));
    QTRY_COMPARE(shown().size(), 5);
}

void TestInventoryBrowser::importRefusesAStalePreview()
{
    openPage(sampleInventory());
    ImportDialog* dialog = m_page->openImportDialog();
    dialog->setPath(QStringLiteral(OPSDECK_TEST_DATA_DIR "/browser/small.ini"));
    dialog->startImport();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReviewing(), 20000);
    // Someone else changes the inventory after the preview (another console, the CLI).
    Host extra = makeHost(QStringLiteral("late"), QStringLiteral("10.7.7.7"), QStringLiteral("js"));
    QVERIFY(m_ws->saveHost(extra, {}));
    dialog->apply();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 20000);
    QTRY_VERIFY(dialog->messageBar()->isVisible());
    QCOMPARE(dialog->messageBar()->type(), MessageBar::Type::Error);
    QVERIFY2(dialog->messageBar()->text().contains(QLatin1String("changed since this preview")),
        qPrintable(dialog->messageBar()->text()));
    QVERIFY(!dialog->isReviewing());
    QCOMPARE(stored().hosts().size(), 6);
    QCOMPARE(m_undo->count(), 0);
    // Previewing again shows the state of now, and then it applies.
    dialog->startImport();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isReviewing(), 20000);
    dialog->apply();
    QTRY_VERIFY_WITH_TIMEOUT(stored().hosts().size() == 9, 20000);
}

void TestInventoryBrowser::importErrorChangesNothing()
{
    openPage(sampleInventory());
    ImportDialog* dialog = m_page->openImportDialog();
    dialog->setPath(QStringLiteral(OPSDECK_TEST_DATA_DIR "/browser/broken.ini"));
    dialog->startImport();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isRunning(), 20000);
    QTRY_VERIFY(dialog->messageBar()->isVisible());
    QCOMPARE(dialog->messageBar()->type(), MessageBar::Type::Error);
    QVERIFY2(dialog->messageBar()->text().contains(QStringLiteral("broken.ini:4")),
        qPrintable(dialog->messageBar()->text()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(stored().hosts().size(), 5);
    dialog->reject();
}

void TestInventoryBrowser::largeInventoryStaysResponsive()
{
    // 100,000 hosts in 2,000 groups under 20 IDCs.
    Inventory inv;
    const int hosts = 100000;
    const int groups = 2000;
    QVector<Group> sets(groups);
    for (int g = 0; g < groups; ++g) {
        sets[g].name = QStringLiteral("set%1").arg(g);
        sets[g].kind = Group::Kind::Set;
    }
    for (int i = 0; i < hosts; ++i) {
        Host h;
        h.name = QStringLiteral("host%1.example").arg(i, 6, 10, QLatin1Char('0'));
        h.address = QStringLiteral("10.%1.%2.%3").arg(i / 65536).arg((i / 256) % 256).arg(i % 256);
        h.idc = QStringLiteral("idc%1").arg(i % 20);
        h.status = lifecycleStatuses().at(i % 5);
        h.tags = { QStringLiteral("t%1").arg(i % 50) };
        inv.upsertHost(h);
        sets[i % groups].hosts.append(h.name);
    }
    for (int d = 0; d < 20; ++d) {
        Group idc;
        idc.name = QStringLiteral("idc%1").arg(d);
        idc.kind = Group::Kind::Idc;
        for (int g = d; g < groups; g += 20) {
            idc.children.append(sets[g].name);
        }
        inv.upsertGroup(idc);
    }
    for (const Group& g : std::as_const(sets)) {
        inv.upsertGroup(g);
    }
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
        QVERIFY(ws);
        QVERIFY((*ws)->saveInventory(inv));
        QElapsedTimer t;
        t.start();
        auto loadedInv = (*ws)->loadInventory();
        QVERIFY(loadedInv);
        // Recorded for the choice of loading in a worker (see InventoryPage.cpp).
        qInfo("loadInventory of %d hosts on one thread: %lld ms", hosts, t.elapsed());
    }

    // A timer that should tick every 10 ms; the longest gap is how long the event loop was blocked.
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 maxGap = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        const qint64 now = clock.elapsed();
        maxGap = std::max(maxGap, now - last);
        last = now;
    });

    auto ws = Workspace::open(m_path);
    QVERIFY(ws);
    m_ws = std::move(*ws);
    m_undo = std::make_unique<QUndoStack>();
    clock.start();
    ticker.start();
    m_page = std::make_unique<InventoryPage>(m_ws.get(), m_undo.get());
    m_page->resize(1280, 720);
    m_page->show();
    QApplication::setActiveWindow(m_page.get());
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->hostModel()->isFiltering(), 60000);
    const qint64 loadGap = maxGap;
    QCOMPARE(m_page->hostModel()->rowCount(), hosts);

    maxGap = 0;
    last = clock.elapsed();
    QElapsedTimer typing;
    typing.start();
    QLineEdit* search = m_page->searchEdit();
    for (const QChar c : QStringLiteral("host0123")) {
        QTest::keyClick(search, c.toLatin1());
        QTest::qWait(15);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->hostModel()->isFiltering(), 30000);
    QCOMPARE(m_page->hostModel()->rowCount(), 100); // host012300 … host012399
    QTest::keyClicks(search, QStringLiteral(" idc:idc3"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->hostModel()->isFiltering(), 30000);
    QCOMPARE(m_page->hostModel()->rowCount(), 5);
    clickGroup(QStringLiteral("idc3"));
    m_page->searchEdit()->clear();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->hostModel()->isFiltering(), 30000);
    QTRY_COMPARE(m_page->hostModel()->rowCount(), hosts / 20);
    qInfo("100k hosts: longest event-loop gap while loading %lld ms, while typing and filtering %lld ms "
          "(typing took %lld ms)",
        loadGap, maxGap, typing.elapsed());
    // Lenient bounds (Debug build, shared CI machine): the strict figures belong to the benchmark.
    QVERIFY2(maxGap < 250, qPrintable(QStringLiteral("event loop blocked for %1 ms while filtering").arg(maxGap)));
    QVERIFY2(loadGap < 500, qPrintable(QStringLiteral("event loop blocked for %1 ms while loading").arg(loadGap)));
}

void TestInventoryBrowser::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the browser");
    }
    QDir().mkpath(dir);
    openPage(sampleInventory());
    selectHosts({ QStringLiteral("web01") });
    QTest::qWait(100);
    QVERIFY(m_page->grab().save(dir + QStringLiteral("/inventory-browser.png")));
    {
        // A dark palette (as the theme sets one) to check that nothing in the browser uses fixed colours.
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xdd, 0xdd, 0xdd));
        dark.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x88, 0x88, 0x88));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x77, 0x77, 0x77));
        QApplication::setPalette(dark);
        QTest::keyClicks(m_page->searchEdit(), QStringLiteral("colour:x"));
        QTRY_VERIFY(m_page->messageBar()->isVisible());
        QTest::qWait(50);
        QVERIFY(m_page->grab().save(dir + QStringLiteral("/inventory-browser-dark.png")));
        m_page->searchEdit()->clear();
        QApplication::setPalette(light);
    }
    QTest::keyClicks(m_page->searchEdit(), QStringLiteral("zzz"));
    QTRY_VERIFY(m_page->emptyLabel()->isVisible());
    QTRY_VERIFY(!m_page->hostModel()->isFiltering());
    QVERIFY(m_page->grab().save(dir + QStringLiteral("/inventory-empty.png")));
    m_page->searchEdit()->clear();
    QTest::keyClicks(m_page->searchEdit(), QStringLiteral("colour:x"));
    QTRY_VERIFY(m_page->messageBar()->isVisible());
    QVERIFY(m_page->grab().save(dir + QStringLiteral("/inventory-search-error.png")));
    m_page->searchEdit()->clear();
    m_page->action(QStringLiteral("inventory.addHost"))->trigger();
    HostEditDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<HostEditDialog*>()) != nullptr);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("web01"));
    QTest::qWait(50);
    QVERIFY(dialog->grab().save(dir + QStringLiteral("/host-edit-dialog.png")));
    dialog->reject();
    ImportDialog* import = m_page->openImportDialog();
    import->setPath(QStringLiteral(OPSDECK_TEST_DATA_DIR "/browser/broken.ini"));
    import->startImport();
    QTRY_VERIFY_WITH_TIMEOUT(!import->isRunning(), 20000);
    QTest::qWait(50);
    QVERIFY(import->grab().save(dir + QStringLiteral("/import-dialog-error.png")));
    import->reject();
    clickGroup(QStringLiteral("js"));
    m_page->action(QStringLiteral("inventory.editGroup"))->trigger();
    GroupPropertiesDialog* group = nullptr;
    QTRY_VERIFY((group = m_page->findChild<GroupPropertiesDialog*>()) != nullptr);
    group->varsEdit()->setText(QStringLiteral("region: js\nntp: [ntp1, ntp2\n"));
    QTest::qWait(50);
    QVERIFY(group->grab().save(dir + QStringLiteral("/group-dialog-error.png")));
    group->reject();
}

QTEST_MAIN(TestInventoryBrowser)
#include "tst_inventorybrowser.moc"
