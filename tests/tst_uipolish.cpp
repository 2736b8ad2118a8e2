// Small things that add up (issue 13): plurals in English and Chinese, the engine's and the transport's messages
// translated when shown but stored in English, live theme and language switches leaving nothing behind, the SSH
// login and its provenance in the host details, an invalid inventory search said as such. With
// OPSDECK_SCREENSHOT_DIR set it writes screenshots in both themes and languages.
#include "InventoryFixtures.h"
#include "Startup.h"
#include "Theme.h"
#include "common/Dialogs.h"
#include "demo/DemoInventory.h"
#include "inventory/HostDetailsPanel.h"
#include "inventory/InventoryCommands.h"
#include "inventory/InventoryPage.h"
#include "inventory/ansible/AnsibleVault.h"
#include "jobs/FailurePolicy.h"
#include "jobs/JobHostModel.h"
#include "jobs/JobProgressBar.h"
#include "jobs/JobText.h"
#include "jobs/JobView.h"
#include "jobs/RollingPlan.h"
#include "jobs/TimelineView.h"
#include "ssh/SshConfig.h"
#include "ssh/SshTarget.h"
#include "store/Workspace.h"
#include <QUndoStack>

#include <QAbstractItemModel>
#include <QApplication>
#include <QDialog>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextEdit>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

namespace {

void setLanguage(const QString& language)
{
    QVERIFY(Startup::installTranslators(language));
    QApplication::processEvents(); // the posted LanguageChange events
}

PushFile appConf()
{
    PushFile p;
    p.sourcePath = QStringLiteral("/tmp/app.conf");
    p.dest = QStringLiteral("/etc/app.conf");
    return p;
}

// A finished two-host job: web-1 pushed a file, web-2 failed to connect through a jump host.
QList<JobEvent> pushJob()
{
    auto spec = std::make_shared<JobSpec>();
    spec->id = QStringLiteral("job-1");
    spec->name = QStringLiteral("push app.conf");
    spec->targets = { QStringLiteral("web-1"), QStringLiteral("web-2") };
    JobStep step;
    step.action = appConf();
    spec->steps << step;
    QList<JobEvent> events;
    qint64 seq = 0;
    const auto add = [&](JobEvent e) {
        e.seq = ++seq;
        e.timeMs = 1'700'000'000'000 + seq * 100;
        e.jobId = spec->id;
        events.append(e);
    };
    JobEvent created;
    created.type = JobEvent::Type::JobCreated;
    created.spec = spec;
    created.by = QStringLiteral("alice");
    add(created);
    JobEvent stepStarted;
    stepStarted.type = JobEvent::Type::StepStarted;
    stepStarted.step = 0;
    stepStarted.run = 1;
    stepStarted.hosts = spec->targets;
    stepStarted.batchCount = 1;
    add(stepStarted);
    JobEvent batch;
    batch.type = JobEvent::Type::BatchStarted;
    batch.step = 0;
    batch.batch = 0;
    batch.hosts = spec->targets;
    add(batch);
    for (const QString& host : spec->targets) {
        JobEvent started;
        started.type = JobEvent::Type::HostStarted;
        started.step = 0;
        started.batch = 0;
        started.host = host;
        started.attempt = 1;
        add(started);
        JobEvent out;
        out.type = JobEvent::Type::HostOutput;
        out.step = 0;
        out.host = host;
        out.chunk = "checking " + host.toUtf8() + "\n";
        add(out);
    }
    JobEvent ok;
    ok.type = JobEvent::Type::HostFinished;
    ok.step = 0;
    ok.batch = 0;
    ok.host = QStringLiteral("web-1");
    ok.attempt = 1;
    ok.hostStatus = HostStatus::Success;
    ok.exitCode = 0;
    ok.message = JobText::make("written (%n byte(s))", 75);
    add(ok);
    JobEvent failed = ok;
    failed.host = QStringLiteral("web-2");
    failed.hostStatus = HostStatus::Unreachable;
    failed.exitCode = -1;
    failed.message = QStringLiteral("jump host gw: cannot connect to gw:22 (10.0.0.9): Connection refused");
    add(failed);
    JobEvent batchDone;
    batchDone.type = JobEvent::Type::BatchFinished;
    batchDone.step = 0;
    batchDone.batch = 0;
    add(batchDone);
    JobEvent stepDone;
    stepDone.type = JobEvent::Type::StepFinished;
    stepDone.step = 0;
    stepDone.stepStatus = StepStatus::Failed;
    add(stepDone);
    JobEvent done;
    done.type = JobEvent::Type::JobFinished;
    done.jobStatus = JobStatus::Failed;
    add(done);
    return events;
}

bool showJob(JobView& view)
{
    view.resize(1100, 600);
    view.setEvents(pushJob());
    view.show();
    return QTest::qWaitForWindowExposed(&view);
}

QString cell(QAbstractItemModel* model, int row, int column)
{
    return model->index(row, column).data().toString();
}

int messageColumn(QAbstractItemModel*)
{
    return JobHostModel::Reason; // the engine's message, in the interface's language (with the outcome for failures)
}

void screenshot(QWidget* widget, const QString& name)
{
    if (const QString dir = qEnvironmentVariable("OPSDECK_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QApplication::processEvents();
        QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name));
    }
}

// WCAG contrast ratio of two colours.
double contrast(const QColor& a, const QColor& b)
{
    const auto lum = [](const QColor& c) {
        const auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double la = lum(a), lb = lum(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestUiPolish : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void pluralsInBothLanguages();
    void engineTextsStoredInEnglish();
    void jobTextTranslatesKnownForms();
    void transportLiteralsAreKnownForms();
    void jobViewFollowsLanguage();
    void jobViewFollowsTheme();
    void detailsShowEffectiveSshLogin();
    void vaultValuesMaskedAndRevealed();
    void invalidSearchSaysSo();
};

void TestUiPolish::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
    Theme::instance()->setMode(Theme::Mode::Light);
    Theme::instance()->apply();
    setLanguage(QStringLiteral("en"));
}

void TestUiPolish::cleanup()
{
    setLanguage(QStringLiteral("en"));
    Theme::instance()->setMode(Theme::Mode::Light);
}

void TestUiPolish::pluralsInBothLanguages()
{
    QCOMPARE(InventoryCommand::hostCount(1), QStringLiteral("1 host"));
    QCOMPARE(InventoryCommand::hostCount(2), QStringLiteral("2 hosts"));
    QCOMPARE(RollingPlan().describe(1), QStringLiteral("1 batch: 1"));
    QVERIFY2(RollingPlan::parse(QStringLiteral("1 2"))->describe().contains(QLatin1String("1 host,")),
        qPrintable(RollingPlan::parse(QStringLiteral("1 2"))->describe()));
    QCOMPARE(FailurePolicy::maxFailed(2).describe(), QStringLiteral("stop when 2 hosts have failed"));
    QCOMPARE(JobText::display(JobText::make("written (%n byte(s))", 1)), QStringLiteral("written (1 byte)"));
    QCOMPARE(JobText::display(JobText::make("written (%n byte(s))", 75)), QStringLiteral("written (75 bytes)"));
    // Irregular English: the verb follows the count.
    QCOMPARE(QCoreApplication::translate("RuleEdit", "%n host(s) match", nullptr, 1), QStringLiteral("1 host matches"));
    QCOMPARE(QCoreApplication::translate("RuleEdit", "%n host(s) match", nullptr, 3), QStringLiteral("3 hosts match"));

    setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(InventoryCommand::hostCount(1), QStringLiteral("1 台主机"));
    QCOMPARE(InventoryCommand::hostCount(2), QStringLiteral("2 台主机"));
    QCOMPARE(FailurePolicy::maxFailed(2).describe(), QStringLiteral("失败主机达到 2 台时停止"));
    QCOMPARE(QCoreApplication::translate("RuleEdit", "%n host(s) match", nullptr, 1), QStringLiteral("匹配 1 台主机"));
    QCOMPARE(JobText::display(QStringLiteral("written (75 bytes)")), QStringLiteral("已写入（75 字节）"));
}

void TestUiPolish::engineTextsStoredInEnglish()
{
    // A job stopped in a Chinese console stores the same English reason as one stopped in an English console.
    setLanguage(QStringLiteral("zh_CN"));
    const QString reason = FailurePolicy::maxFailed(3).stopReason(1, 5, 3, 10);
    QCOMPARE(reason, QStringLiteral("stopped: 3 hosts failed (the limit is 3)"));
    QCOMPARE(FailurePolicy::percentOfBatch(50).stopReason(1, 1, 1, 4),
        QStringLiteral("stopped: 1 of the 1 host of the batch failed (the limit is 50%)"));
    QCOMPARE(JobText::display(reason), QStringLiteral("已停止：3 台主机失败（上限为 3）"));
    // The step title is stored in English, shown translated.
    JobStep push;
    push.action = appConf();
    QCOMPARE(push.displayName(false), QStringLiteral("Push app.conf to /etc/app.conf"));
    QCOMPARE(push.displayName(), QStringLiteral("推送 app.conf 到 /etc/app.conf"));
    setLanguage(QStringLiteral("en"));
    QCOMPARE(JobText::display(reason), reason);
}

void TestUiPolish::jobTextTranslatesKnownForms()
{
    setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(JobText::display(QStringLiteral("unchanged")), QStringLiteral("未改变"));
    // Nested: the most specific form wins, and a message inside a message is translated too.
    QCOMPARE(JobText::display(QStringLiteral("jump host gw: cannot create a channel: Socket error")),
        QStringLiteral("跳板机 gw：无法创建通道：Socket error"));
    QCOMPARE(JobText::display(QStringLiteral("connection lost: jump host gw: disconnected")),
        QStringLiteral("连接断开：跳板机 gw：已断开连接"));
    QCOMPARE(JobText::display(QStringLiteral("10.0.0.1:22: timed out after 5 s while logging in")),
        QStringLiteral("10.0.0.1:22：登录时超时（5 秒）"));
    QCOMPARE(JobText::display(QStringLiteral("authentication failed for ops@web:22 (tried: ssh-agent, key /k does not "
                                             "exist, password; the server accepts: publickey)")),
        QStringLiteral("ops@web:22 认证失败（已尝试：ssh-agent、密钥 /k 不存在、password；服务器接受：publickey）"));
    QCOMPARE(JobText::display(QStringLiteral("no result within 6 s: the remote process was stopped (cancelled)")),
        QStringLiteral("6 秒内没有结果：已停止远程进程（已取消）"));
    // Not a known form (a script's own words, an sshd message): shown as it is.
    QCOMPARE(JobText::display(QStringLiteral("Permission denied")), QStringLiteral("Permission denied"));
    // Every form has its Chinese.
    for (const QString& form : JobText::forms()) {
        const QByteArray source = form.toUtf8();
        const QString zh = QCoreApplication::translate("JobText", source.constData(), nullptr, 2);
        QVERIFY2(zh != form || form == QLatin1String("%1: %2"), qPrintable(form));
    }
}

void TestUiPolish::transportLiteralsAreKnownForms()
{
    // Every literal message the transport and the engine put into a result must be a form JobText knows, or it
    // reaches the screen untranslated.
    const QStringList forms = JobText::forms();
    QStringList english;
    for (const QString& f : forms) {
        english << JobText::make(f.toUtf8().constData(), 2);
    }
    const QRegularExpression call(QStringLiteral(
        R"re((?:HostResult::(?:error|exited)\(|failSession\(|failed\(|finishActive\(|\*why = |\*error = |message = |markInterrupted\()[^;]*?QStringLiteral\(((?:\s*"(?:[^"\\]|\\.)*")+)\))re"));
    const QRegularExpression piece(QStringLiteral(R"re("((?:[^"\\]|\\.)*)")re"));
    int checked = 0;
    for (const char* file :
        { "backend-client/ssh/SshTransport.cpp", "backend-client/ssh/SshWorker.cpp", "backend-client/ssh/SshAuth.cpp",
            "backend-client/ssh/SshRoute.cpp", "backend-client/ssh/SshTask.cpp", "backend-client/ssh/SftpPush.cpp",
            "models/jobs/JobEngine.cpp", "backend-client/runner/DirectBackend.cpp", "models/jobs/JobStore.cpp" }) {
        QFile f(QStringLiteral(OPSDECK_SOURCE_DIR "/") + QLatin1String(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        for (auto it = call.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            QString literal;
            for (auto p = piece.globalMatch(m.captured(1)); p.hasNext();) {
                literal += p.next().captured(1);
            }
            literal.replace(QLatin1String("\\\""), QLatin1String("\""));
            if (literal.startsWith(QLatin1String("cannot read job")) || literal.startsWith(QLatin1String("job %1"))
                || literal.contains(QLatin1String("job history"))) {
                continue; // store errors returned to the caller, not event texts
            }
            if (literal.trimmed().size() < 3) {
                continue; // punctuation joining two messages
            }
            ++checked;
            if (literal.endsWith(QLatin1String(": "))) {
                literal += QLatin1String("%1"); // a prefix joined to another message: "connection lost: " + why
            }
            QVERIFY2(forms.contains(literal) || english.contains(literal),
                qPrintable(QLatin1String(file) + QLatin1String(": ") + literal));
        }
    }
    QVERIFY2(checked > 30, qPrintable(QString::number(checked)));
}

void TestUiPolish::jobViewFollowsLanguage()
{
    JobView view;
    QVERIFY(showJob(view));
    QAbstractItemModel* model = view.hostTable()->model();
    const int msg = messageColumn(model);
    QCOMPARE(cell(model, 0, msg), QStringLiteral("written (75 bytes)"));
    auto* tabs = view.findChild<QTabWidget*>();
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(1), QStringLiteral("Grouped Output"));
    QCOMPARE(view.progressBar()->format(), QStringLiteral("2 of 2 hosts done"));

    setLanguage(QStringLiteral("zh_CN"));
    QTRY_COMPARE(cell(model, 0, msg), QStringLiteral("已写入（75 字节）"));
    QCOMPARE(
        cell(model, 1, msg), QStringLiteral("不可达：跳板机 gw：无法连接到 gw:22（10.0.0.9）：Connection refused"));
    QVERIFY(tabs->tabText(1) != QLatin1String("Grouped Output"));
    QCOMPARE(view.progressBar()->format(), QStringLiteral("已完成 2 台，共 2 台主机"));
    QVERIFY(model->headerData(0, Qt::Horizontal).toString() != QLatin1String("Host"));
    screenshot(&view, QStringLiteral("polish-jobview-zh.png"));

    setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(tabs->tabText(1), QStringLiteral("Grouped Output"));
    QCOMPARE(cell(model, 0, msg), QStringLiteral("written (75 bytes)"));
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Host"));
    QCOMPARE(view.progressBar()->format(), QStringLiteral("2 of 2 hosts done"));
    screenshot(&view, QStringLiteral("polish-jobview-en.png"));
}

void TestUiPolish::jobViewFollowsTheme()
{
    JobView view;
    QVERIFY(showJob(view));
    view.showHost(QStringLiteral("web-1"));
    auto* toolBar = view.findChild<QToolBar*>(QStringLiteral("jobActions"));
    QVERIFY(toolBar);
    const auto overflow = [toolBar] {
        // QToolBar's extension button ("»") shows when actions do not fit and are moved into its menu.
        for (QToolButton* b : toolBar->findChildren<QToolButton*>()) {
            if (b->objectName() == QLatin1String("qt_toolbar_ext_button") && b->isVisible()) {
                return true;
            }
        }
        return false;
    };
    const auto outputReadable = [&view] {
        const QTextEdit* out = view.outputView();
        const QColor base = out->palette().color(QPalette::Base);
        for (QTextBlock b = out->document()->begin(); b.isValid(); b = b.next()) {
            for (auto it = b.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat f = it.fragment().charFormat();
                const QColor fg = f.hasProperty(QTextFormat::ForegroundBrush) ? f.foreground().color()
                                                                              : out->palette().color(QPalette::Text);
                if (contrast(fg, base) < 4.5) {
                    return false;
                }
            }
        }
        return !out->toPlainText().isEmpty();
    };
    QVERIFY(!overflow());
    QVERIFY(outputReadable());
    screenshot(&view, QStringLiteral("polish-jobview-light.png"));

    Theme::instance()->setMode(Theme::Mode::Dark);
    QApplication::processEvents();
    screenshot(&view, QStringLiteral("polish-jobview-dark.png"));
    QTRY_VERIFY(outputReadable());
    QVERIFY2(!overflow(), "toolbar actions moved into the overflow menu in dark");

    Theme::instance()->setMode(Theme::Mode::Light);
    QApplication::processEvents();
    QTRY_VERIFY(outputReadable());
    QVERIFY(!overflow());
    screenshot(&view, QStringLiteral("polish-jobview-light-again.png"));
}

void TestUiPolish::detailsShowEffectiveSshLogin()
{
    Inventory inv;
    Group all = makeGroup(QStringLiteral("all"), Group::Kind::Custom, { QStringLiteral("db"), QStringLiteral("web") });
    all.vars.insert(QStringLiteral("ansible_user"), QStringLiteral("ops"));
    inv.upsertGroup(all);
    Group db = makeGroup(QStringLiteral("db"), Group::Kind::Custom, {}, { QStringLiteral("db-1") });
    db.vars.insert(QStringLiteral("ansible_port"), qlonglong(2222));
    db.vars.insert(QStringLiteral("ansible_user"), QStringLiteral("dba"));
    inv.upsertGroup(db);
    inv.upsertGroup(makeGroup(QStringLiteral("web"), Group::Kind::Custom, {}, { QStringLiteral("web-1") }));
    inv.upsertHost(makeHost(QStringLiteral("db-1"), QStringLiteral("10.0.0.5"), QStringLiteral("js")));
    inv.upsertHost(makeHost(QStringLiteral("web-1"), QStringLiteral("10.0.1.7"), QStringLiteral("js")));
    Host own = makeHost(QStringLiteral("lb-1"), QStringLiteral("10.0.2.1"), QStringLiteral("js"));
    own.user = QStringLiteral("lbadmin");
    inv.upsertHost(own);
    const auto config = std::make_shared<const SshConfig>(
        SshConfig::parse("Host 10.0.1.*\n  Port 2200\n  User fromconfig\n", QStringLiteral("config")));

    HostDetailsPanel panel;
    panel.setSshConfigSource([config] { return config; });
    panel.resize(520, 640);
    panel.show();
    const auto field = [&panel](const QString& label) -> QString {
        auto* form = panel.findChild<QFormLayout*>();
        for (int r = 0; r < form->rowCount(); ++r) {
            auto* l = qobject_cast<QLabel*>(form->itemAt(r, QFormLayout::LabelRole)->widget());
            if (l && l->text() == label) {
                return qobject_cast<QLabel*>(form->itemAt(r, QFormLayout::FieldRole)->widget())->text();
            }
        }
        return QStringLiteral("<no field %1>").arg(label);
    };
    panel.showHosts(inv, { QStringLiteral("db-1") });
    QCOMPARE(field(QStringLiteral("SSH user:")), QStringLiteral("dba (from group db)"));
    QCOMPARE(field(QStringLiteral("SSH port:")), QStringLiteral("2222 (from group db)"));
    screenshot(&panel, QStringLiteral("polish-details-light.png"));
    // Only `all` sets the user; the port comes from ~/.ssh/config.
    panel.showHosts(inv, { QStringLiteral("web-1") });
    QCOMPARE(field(QStringLiteral("SSH user:")), QStringLiteral("ops (from group all)"));
    QCOMPARE(field(QStringLiteral("SSH port:")), QStringLiteral("2200 (from ~/.ssh/config)"));
    panel.showHosts(inv, { QStringLiteral("lb-1") });
    QCOMPARE(field(QStringLiteral("SSH user:")), QStringLiteral("lbadmin (from host lb-1)"));
    QCOMPARE(field(QStringLiteral("SSH port:")), QStringLiteral("22 (default)"));
    // The transport connects as the panel says: a group's ansible_user and ansible_port count.
    const SshTarget target
        = SshTarget::fromInventory(*inv.host(QStringLiteral("db-1")), inv.resolveVars(QStringLiteral("db-1")));
    QCOMPARE(target.user, QStringLiteral("dba"));
    QCOMPARE(target.port, 2222);
    const SshTarget web = config->complete(QStringLiteral("web-1"),
        SshTarget::fromInventory(*inv.host(QStringLiteral("web-1")), inv.resolveVars(QStringLiteral("web-1"))));
    QCOMPARE(web.user, QStringLiteral("ops"));
    QCOMPARE(web.port, 2200);

    Theme::instance()->setMode(Theme::Mode::Dark);
    setLanguage(QStringLiteral("zh_CN"));
    panel.showHosts(inv, { QStringLiteral("db-1") });
    QVERIFY2(!field(QStringLiteral("SSH 用户：")).startsWith(QLatin1Char('<')), "the labels follow the language");
    QVERIFY2(field(QStringLiteral("SSH 用户：")).contains(QStringLiteral("来自")),
        qPrintable(field(QStringLiteral("SSH 用户："))));
    screenshot(&panel, QStringLiteral("polish-details-dark-zh.png"));
}

void TestUiPolish::vaultValuesMaskedAndRevealed()
{
    // A `!vault` value: masked in the host panel with "vault" in its source, revealed with its vault password
    // (asked once per session), and never shown as ciphertext.
    Inventory inv;
    Host host = makeHost(QStringLiteral("db-1"), QStringLiteral("10.0.0.5"), QStringLiteral("js"));
    host.vars.insert(QStringLiteral("db_password"),
        AnsibleVault::encryptedValueOf(
            QString::fromUtf8(AnsibleVault::encrypt("s3cret", { QStringLiteral("prod"), "vault pass" }))));
    inv.upsertHost(host);
    HostDetailsPanel panel;
    panel.resize(560, 520);
    panel.show();
    panel.showHosts(inv, { QStringLiteral("db-1") });
    const auto row = [&panel]() -> QTreeWidgetItem* {
        const auto found = panel.variablesTree()->findItems(QStringLiteral("db_password"), Qt::MatchExactly, 0);
        return found.isEmpty() ? nullptr : found.first();
    };
    QVERIFY(row());
    QCOMPARE(row()->text(1), QStringLiteral("•••••• encrypted (vault id prod)"));
    QCOMPARE(row()->text(2), QStringLiteral("host db-1 · vault"));
    QVERIFY(!row()->toolTip(1).contains(QLatin1String("$ANSIBLE_VAULT")));
    screenshot(&panel, QStringLiteral("vault-masked-light.png"));
    // A wrong password, then cancelled: still masked.
    Dialogs::setNextText(QStringLiteral("wrong"));
    QTimer::singleShot(300, [] { // the second question ("Try again") is shown: cancel it
        if (auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget())) {
            dialog->reject();
        }
    });
    QVERIFY(!panel.revealValue(row()));
    QCOMPARE(row()->text(1), QStringLiteral("•••••• encrypted (vault id prod)"));
    // The right one: shown in clear in this view.
    Dialogs::setNextText(QStringLiteral("vault pass"));
    QVERIFY(panel.revealValue(row()));
    QCOMPARE(row()->text(1), QStringLiteral("s3cret"));
    // Shown anew: masked again; revealing again asks nothing (the password is kept for the session).
    panel.showHosts(inv, { QStringLiteral("db-1") });
    QCOMPARE(row()->text(1), QStringLiteral("•••••• encrypted (vault id prod)"));
    const int asked = Dialogs::askedCount();
    QVERIFY(panel.revealValue(row()));
    QCOMPARE(Dialogs::askedCount(), asked);
    panel.showHosts(inv, { QStringLiteral("db-1") });
    Theme::instance()->setMode(Theme::Mode::Dark);
    setLanguage(QStringLiteral("zh_CN"));
    panel.showHosts(inv, { QStringLiteral("db-1") });
    QVERIFY2(
        row()->text(1).startsWith(QStringLiteral("••••••")) && !row()->text(1).contains(QLatin1String("encrypted")),
        qPrintable(row()->text(1)));
    screenshot(&panel, QStringLiteral("vault-masked-dark-zh.png"));
}

void TestUiPolish::invalidSearchSaysSo()
{
    QTemporaryDir dir;
    auto ws = Workspace::open(dir.filePath(QStringLiteral("w.opsdeck")), Workspace::OpenMode::CreateIfMissing);
    QVERIFY(ws);
    QVERIFY((*ws)->saveInventory(DemoInventory::make()));
    QUndoStack undo;
    InventoryPage page(ws->get(), &undo);
    page.resize(1100, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), 20000);
    QTest::keyClicks(page.searchEdit(), QStringLiteral("zzz"));
    QTRY_COMPARE(page.emptyLabel()->text(), QStringLiteral("No hosts match 'zzz'"));
    // Typed on into something that does not parse: the table still holds the last valid result (none), and the
    // page says the search is wrong rather than that nothing matches.
    QTest::keyClicks(page.searchEdit(), QStringLiteral(" expr:host.idc =="));
    QTRY_VERIFY2(page.emptyLabel()->text().startsWith(QLatin1String("The search is not valid: ")),
        qPrintable(page.emptyLabel()->text()));
    QVERIFY(page.emptyLabel()->isVisible());
    QVERIFY(page.emptyLabel()->text().contains(QLatin1String("column")));
    screenshot(&page, QStringLiteral("polish-invalid-search.png"));
    page.searchEdit()->clear();
    QTest::keyClicks(page.searchEdit(), QStringLiteral("zzz"));
    QTRY_COMPARE(page.emptyLabel()->text(), QStringLiteral("No hosts match 'zzz'"));
}

QTEST_MAIN(TestUiPolish)
#include "tst_uipolish.moc"
