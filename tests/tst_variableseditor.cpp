// The dynamic-group dialogs (rule checked as typed, live member count) and the variables editor (YAML per layer with
// problems marked in the editor, the flattened table, edits as undoable commands), driven offscreen in the inventory
// page. With OPSDECK_SCREENSHOT_DIR set, screenshots in light and dark themes, English and Chinese.
#include "Startup.h"
#include "Theme.h"
#include "YamlView.h"
#include "demo/DemoInventory.h"
#include "inventory/GroupDialog.h"
#include "inventory/GroupPropertiesDialog.h"
#include "inventory/GroupTreeModel.h"
#include "inventory/HostTableModel.h"
#include "inventory/InventoryPage.h"
#include "inventory/RuleEdit.h"
#include "inventory/VariablesEditor.h"
#include "store/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

namespace {

// The row of the flattened table showing `path`, -1 when none does.
int rowOf(const QTableWidget* table, const QString& path)
{
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->text() == path) {
            return r;
        }
    }
    return -1;
}

} // namespace

class TestVariablesEditor : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void newDynamicGroupLiveCount();
    void editRuleOfDynamicGroup();
    void yamlLayersValidatedAndUndoable();
    void flattenedTableEdits();
    void screenshots();

private:
    void openPage();
    void selectHost(const QString& name);
    void selectGroup(const QString& name);
    Inventory stored() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<Workspace> m_ws;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<InventoryPage> m_page;
};

void TestVariablesEditor::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    Startup::installTranslators(QStringLiteral("en")); // English plurals ("1 match", "2 matches") come from a .qm
}

void TestVariablesEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("workspace.opsdeck"));
}

void TestVariablesEditor::cleanup()
{
    m_page.reset();
    m_undo.reset();
    m_ws.reset();
    m_dir.reset();
}

void TestVariablesEditor::openPage()
{
    auto ws = Workspace::open(m_path, Workspace::OpenMode::CreateIfMissing);
    QVERIFY2(ws, qPrintable(ws.errorString()));
    m_ws = std::move(*ws);
    QVERIFY(m_ws->saveInventory(DemoInventory::make()).ok());
    m_undo = std::make_unique<QUndoStack>();
    m_page = std::make_unique<InventoryPage>(m_ws.get(), m_undo.get());
    m_page->resize(1280, 720);
    m_page->show();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->hostModel()->isFiltering(), 20000);
}

void TestVariablesEditor::selectHost(const QString& name)
{
    QTableView* table = m_page->hostView();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (m_page->hostModel()->hostName(row) == name) {
            table->setCurrentIndex(table->model()->index(row, 0));
            table->selectionModel()->select(
                table->model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no row for host %1").arg(name)));
}

void TestVariablesEditor::selectGroup(const QString& name)
{
    QTreeView* tree = m_page->groupView();
    const QModelIndexList found = tree->model()->match(
        tree->model()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly | Qt::MatchRecursive);
    QVERIFY(!found.isEmpty());
    tree->setCurrentIndex(found.first());
}

Inventory TestVariablesEditor::stored() const
{
    auto ws = Workspace::open(m_path);
    if (!ws) {
        return {};
    }
    auto inv = (*ws)->loadInventory();
    return inv ? *inv : Inventory();
}

void TestVariablesEditor::newDynamicGroupLiveCount()
{
    openPage();
    m_page->action(QStringLiteral("inventory.newGroup"))->trigger();
    GroupDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<GroupDialog*>()) != nullptr);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("mongo_js"));
    QVERIFY(!dialog->ruleEdit()->isVisible());
    dialog->dynamicCheck()->setChecked(true);
    QVERIFY(dialog->ruleEdit()->isVisible());
    QPushButton* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no rule yet
    // A syntax error shows at once, with its column.
    QTest::keyClicks(dialog->ruleEdit()->lineEdit(), QStringLiteral("host.idc == 'js' and"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(dialog->ruleEdit()->statusLabel()->text().startsWith(QLatin1String("Column ")),
        qPrintable(dialog->ruleEdit()->statusLabel()->text()));
    // Completed, it counts the matching hosts (after a pause in typing, on a worker thread).
    QTest::keyClicks(dialog->ruleEdit()->lineEdit(), QStringLiteral(" 'mongodb' in host.tags"));
    QVERIFY(ok->isEnabled());
    QTRY_COMPARE(dialog->ruleEdit()->statusLabel()->text(), QStringLiteral("3 hosts match"));
    QCOMPARE(dialog->ruleEdit()->matchCount(), 3);
    // Typing on updates the count.
    dialog->ruleEdit()->lineEdit()->setText(QStringLiteral("host.port == 2222"));
    QTRY_COMPARE(dialog->ruleEdit()->statusLabel()->text(), QStringLiteral("1 host matches"));
    dialog->ruleEdit()->lineEdit()->setText(QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags"));
    QTRY_COMPARE(dialog->ruleEdit()->matchCount(), 3);
    ok->click();
    // The group is in the tree with its members, stored with its rule, and undoable.
    QTRY_VERIFY(m_page->currentInventory().group(QStringLiteral("mongo_js")) != nullptr);
    QCOMPARE(m_page->currentInventory().group(QStringLiteral("mongo_js"))->hosts.size(), 3);
    QCOMPARE(stored().group(QStringLiteral("mongo_js"))->rule,
        QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags"));
    QTRY_VERIFY(!m_page->groupModel()
                     ->match(m_page->groupModel()->index(0, 0), Qt::DisplayRole, QStringLiteral("mongo_js"), 1,
                         Qt::MatchExactly | Qt::MatchRecursive)
                     .isEmpty());
    m_undo->undo();
    QVERIFY(m_page->currentInventory().group(QStringLiteral("mongo_js")) == nullptr);
    QVERIFY(stored().group(QStringLiteral("mongo_js")) == nullptr);
    m_undo->redo();
    QCOMPARE(m_page->currentInventory().group(QStringLiteral("mongo_js"))->hosts.size(), 3);
}

void TestVariablesEditor::editRuleOfDynamicGroup()
{
    openPage();
    QVERIFY(m_ws->saveGroup(Group { QStringLiteral("mongo_js"), Group::Kind::Custom, 1, {}, {}, {}, {},
                                QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags") })
                .ok());
    m_page->reload();
    QTRY_VERIFY_WITH_TIMEOUT(!m_page->isLoading(), 20000);
    QTRY_VERIFY(m_page->currentInventory().group(QStringLiteral("mongo_js")) != nullptr);
    selectGroup(QStringLiteral("mongo_js"));
    m_page->action(QStringLiteral("inventory.editGroup"))->trigger();
    GroupPropertiesDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<GroupPropertiesDialog*>()) != nullptr);
    QVERIFY(dialog->ruleEdit());
    QTRY_COMPARE(dialog->ruleEdit()->matchCount(), 3);
    dialog->ruleEdit()->lineEdit()->setText(QStringLiteral("host.idc == 'bj' and 'mongodb' in host.tags and not "
                                                           "host.vars.mongodb_primary"));
    QTRY_COMPARE(dialog->ruleEdit()->matchCount(), 2);
    dialog->buttons()->button(QDialogButtonBox::Ok)->click();
    QTRY_COMPARE(m_page->currentInventory().group(QStringLiteral("mongo_js"))->hosts,
        QStringList({ QStringLiteral("mongodb-bj-02"), QStringLiteral("mongodb-bj-03") }));
    QCOMPARE(stored().group(QStringLiteral("mongo_js"))->hosts.size(), 2);
    m_undo->undo();
    QCOMPARE(m_page->currentInventory().group(QStringLiteral("mongo_js"))->hosts.size(), 3);
    QCOMPARE(stored().group(QStringLiteral("mongo_js"))->rule,
        QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags"));
}

void TestVariablesEditor::yamlLayersValidatedAndUndoable()
{
    openPage();
    selectHost(QStringLiteral("mongodb-js-02"));
    VariablesEditor* editor = m_page->openVariablesEditor();
    QVERIFY(editor);
    // Layers lowest first: global (all) … the host last, selected.
    QVERIFY(editor->layers().size() >= 5);
    QCOMPARE(editor->layers().first(), (VarLayer { VarLayer::Kind::Group, QStringLiteral("all") }));
    QCOMPARE(editor->layers().last(), (VarLayer { VarLayer::Kind::Host, QStringLiteral("mongodb-js-02") }));
    QCOMPARE(editor->layerList()->currentRow(), int(editor->layers().size()) - 1);
    QVERIFY(!editor->applyButton()->isEnabled());
    // A YAML error is marked in the editor with line and column, and blocks Apply.
    editor->yamlEdit()->setText(QStringLiteral("backup_hour: 3\nports: [1, 2\n"));
    QVERIFY(!editor->yamlEdit()->problem().isEmpty());
    QVERIFY2(
        editor->problemLabel()->text().startsWith(QLatin1String("Line ")), qPrintable(editor->problemLabel()->text()));
    QVERIFY(!editor->applyButton()->isEnabled());
    editor->yamlEdit()->setText(QStringLiteral("backup_hour: 3\nports: [1, 2]\n"));
    QVERIFY(editor->yamlEdit()->problem().isEmpty());
    QVERIFY(editor->applyButton()->isEnabled());
    editor->applyButton()->click();
    QCOMPARE(
        m_page->currentInventory().host(QStringLiteral("mongodb-js-02"))->vars.value(QStringLiteral("backup_hour")),
        QVariant(qlonglong(3)));
    QCOMPARE(stored().host(QStringLiteral("mongodb-js-02"))->vars.value(QStringLiteral("ports")).toList().size(), 2);
    QVERIFY(!editor->applyButton()->isEnabled());
    // The global layer (group all).
    editor->layerList()->setCurrentRow(0);
    const QString globalYaml = editor->yamlEdit()->text();
    QVERIFY(globalYaml.contains(QLatin1String("ntp_servers:")));
    editor->yamlEdit()->setText(QStringLiteral("ntp_server: ntp.example.net\n"));
    editor->applyButton()->click();
    QCOMPARE(m_page->currentInventory().resolveVars(QStringLiteral("web-bj-01")).value(QStringLiteral("ntp_server")),
        QVariant(QStringLiteral("ntp.example.net")));
    // Undo reaches the editor too.
    m_undo->undo();
    QVERIFY(
        !m_page->currentInventory().resolveVars(QStringLiteral("web-bj-01")).contains(QStringLiteral("ntp_server")));
    QCOMPARE(editor->yamlEdit()->text(), globalYaml);
    QCOMPARE(stored().group(QStringLiteral("all"))->vars, DemoInventory::make().group(QStringLiteral("all"))->vars);
    editor->reject();
}

void TestVariablesEditor::flattenedTableEdits()
{
    const auto flat = VariablesEditor::flatten(QVariantMap { { QStringLiteral("region"),
        QVariantMap { { QStringLiteral("mongodb"), QVariantMap { { QStringLiteral("hosts"), QVariantList { 1, 2 } } } },
            { QStringLiteral("id"), QStringLiteral("js") } } } });
    QCOMPARE(flat.size(), 2);
    QCOMPARE(flat[0].first, QStringList({ QStringLiteral("region"), QStringLiteral("id") }));
    QCOMPARE(
        flat[1].first, QStringList({ QStringLiteral("region"), QStringLiteral("mongodb"), QStringLiteral("hosts") }));

    openPage();
    selectHost(QStringLiteral("mongodb-js-02"));
    VariablesEditor* editor = m_page->openVariablesEditor();
    QTableWidget* table = editor->flatTable();
    int row = rowOf(table, QStringLiteral("mongodb.port"));
    QVERIFY(row >= 0);
    QCOMPARE(table->item(row, 1)->text(), QStringLiteral("27017"));
    QCOMPARE(table->item(row, 2)->text(), QStringLiteral("group mongodb_js"));
    QVERIFY(rowOf(table, QStringLiteral("region.dns")) >= 0);
    // Edited in place: written to the layer that supplied it (the set group), the rest of the dict kept.
    table->item(row, 1)->setText(QStringLiteral("27018"));
    const Inventory& inv = m_page->currentInventory();
    const QVariantMap mongodb = inv.group(QStringLiteral("mongodb_js"))->vars.value(QStringLiteral("mongodb")).toMap();
    QCOMPARE(mongodb.value(QStringLiteral("port")), QVariant(qlonglong(27018)));
    QCOMPARE(mongodb.value(QStringLiteral("replset")).toString(), QStringLiteral("rs_js"));
    QCOMPARE(inv.resolveVars(QStringLiteral("mongodb-js-03"))
                 .value(QStringLiteral("mongodb"))
                 .toMap()
                 .value(QStringLiteral("port")),
        QVariant(qlonglong(27018)));
    // Written to the host layer instead: the host gets its own copy of the whole `mongodb` dict.
    editor->writeToCombo()->setCurrentIndex(editor->writeToCombo()->count() - 1);
    row = rowOf(table, QStringLiteral("mongodb.cache_gb"));
    table->item(row, 1)->setText(QStringLiteral("16"));
    const QVariantMap own = m_page->currentInventory()
                                .host(QStringLiteral("mongodb-js-02"))
                                ->vars.value(QStringLiteral("mongodb"))
                                .toMap();
    QCOMPARE(own.value(QStringLiteral("cache_gb")), QVariant(qlonglong(16)));
    QCOMPARE(own.value(QStringLiteral("port")), QVariant(qlonglong(27018)));
    QCOMPARE(
        table->item(rowOf(table, QStringLiteral("mongodb.cache_gb")), 2)->text(), QStringLiteral("host mongodb-js-02"));
    QCOMPARE(stored()
                 .host(QStringLiteral("mongodb-js-02"))
                 ->vars.value(QStringLiteral("mongodb"))
                 .toMap()
                 .value(QStringLiteral("cache_gb")),
        QVariant(qlonglong(16)));
    // A host field shown as a variable goes back to its field.
    editor->writeToCombo()->setCurrentIndex(0);
    table->item(rowOf(table, QStringLiteral("ansible_port")), 1)->setText(QStringLiteral("2200"));
    QCOMPARE(m_page->currentInventory().host(QStringLiteral("mongodb-js-02"))->port, 2200);
    QVERIFY(!m_page->currentInventory()
                 .host(QStringLiteral("mongodb-js-02"))
                 ->vars.contains(QStringLiteral("ansible_port")));
    // All undoable.
    m_undo->undo();
    QCOMPARE(stored().host(QStringLiteral("mongodb-js-02"))->port, 22);
    m_undo->undo();
    m_undo->undo();
    QCOMPARE(stored()
                 .group(QStringLiteral("mongodb_js"))
                 ->vars.value(QStringLiteral("mongodb"))
                 .toMap()
                 .value(QStringLiteral("port")),
        QVariant(qlonglong(27017)));
    QVERIFY(!stored().host(QStringLiteral("mongodb-js-02"))->vars.contains(QStringLiteral("mongodb")));
    QCOMPARE(table->item(rowOf(table, QStringLiteral("mongodb.port")), 1)->text(), QStringLiteral("27017"));
    editor->reject();
}

void TestVariablesEditor::screenshots()
{
    const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR");
    if (dir.isEmpty()) {
        QSKIP("set OPSDECK_SCREENSHOT_DIR to write screenshots of the dynamic-group dialog and variables editor");
    }
    QDir().mkpath(dir);
    for (const QString& lang : { QStringLiteral("en"), QStringLiteral("zh_CN") }) {
        Startup::installTranslators(lang);
        for (const auto mode : { Theme::Mode::Light, Theme::Mode::Dark }) {
            Theme::instance()->setMode(mode);
            Theme::instance()->apply();
            const QString suffix = QStringLiteral("-%1-%2").arg(
                mode == Theme::Mode::Dark ? QStringLiteral("dark") : QStringLiteral("light"), lang);
            cleanup();
            init();
            openPage();
            m_page->action(QStringLiteral("inventory.newGroup"))->trigger();
            GroupDialog* dialog = nullptr;
            QTRY_VERIFY((dialog = m_page->findChild<GroupDialog*>()) != nullptr);
            QTest::keyClicks(dialog->nameEdit(), QStringLiteral("mongo_js"));
            dialog->dynamicCheck()->setChecked(true);
            dialog->ruleEdit()->lineEdit()->setText(QStringLiteral("host.idc == 'js' and 'mongodb' in host.tags"));
            QTRY_COMPARE(dialog->ruleEdit()->matchCount(), 3);
            QTest::qWait(50);
            QVERIFY(
                dialog->grab().save(dir + QStringLiteral("/dynamic-group-dialog") + suffix + QStringLiteral(".png")));
            dialog->ruleEdit()->lineEdit()->setText(QStringLiteral("host.idc == 'js' and and 'mongodb' in"));
            QTest::qWait(50);
            QVERIFY(dialog->grab().save(
                dir + QStringLiteral("/dynamic-group-dialog-error") + suffix + QStringLiteral(".png")));
            dialog->reject();
            selectHost(QStringLiteral("mongodb-js-02"));
            VariablesEditor* editor = m_page->openVariablesEditor();
            editor->yamlEdit()->setText(QStringLiteral("backup_hour: 3\nports: [27017, 27018\nowner: dba\n"));
            QTest::qWait(50);
            QVERIFY(editor->grab().save(dir + QStringLiteral("/variables-yaml") + suffix + QStringLiteral(".png")));
            editor->findChild<QTabWidget*>()->setCurrentIndex(1);
            QTest::qWait(50);
            QVERIFY(editor->grab().save(dir + QStringLiteral("/variables-flat") + suffix + QStringLiteral(".png")));
            editor->reject();
        }
    }
    Startup::installTranslators(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
}

QTEST_MAIN(TestVariablesEditor)
#include "tst_variableseditor.moc"
