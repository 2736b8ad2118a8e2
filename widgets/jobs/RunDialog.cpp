#include "RunDialog.h"

#include "Backend.h"
#include "DiffView.h"
#include "ScriptEditor.h"
#include "Theme.h"
#include "core/VarCodec.h"
#include "inventory/HostQuery.h"
#include "inventory/Inventory.h"
#include "jinja/Template.h"
#include "jobs/JobState.h"
#include "scripts/ScriptStore.h"
#include "templates/JinjaSyntax.h"
#include "templates/TemplatePreview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace {

// The id a never-saved template has in the dialog (library ids are positive).
constexpr qint64 kUnsavedTemplateId = -1;
// Files larger than this are not shown in the preview (nor compared).
constexpr qint64 kMaxPreviewBytes = 2 * 1024 * 1024;
const QStringList kPauseKinds { QStringLiteral("none"), QStringLiteral("wait"), QStringLiteral("ask") };

// The context a template is rendered with for a host: what the preview and the push use (with the job's play
// names: its targets and the host's batch), job variables on top.
QVariantMap pushContext(const Inventory* inventory, const QString& host, const QVariantMap& jobVariables,
    const TemplatePreview::PlayNames& play = {}, std::shared_ptr<const TemplatePreview::FleetNames> fleet = nullptr)
{
    QVariantMap context
        = inventory ? TemplatePreview::hostContext(*inventory, host, play, std::move(fleet)) : QVariantMap();
    for (auto it = jobVariables.begin(); it != jobVariables.end(); ++it) {
        context.insert(it.key(), it.value());
    }
    return context;
}

void setPaneText(ScriptEditor* pane, const QString& text)
{
    if (pane->text() == text) {
        return;
    }
    pane->setReadOnly(false);
    pane->setText(text);
    pane->setReadOnly(true);
    pane->setCursorPosition(0, 0);
}

QString pushDestination(const JobStep& step)
{
    if (const auto* t = std::get_if<PushTemplate>(&step.action)) {
        return t->dest;
    }
    if (const auto* f = std::get_if<PushFile>(&step.action)) {
        return f->dest;
    }
    return {};
}

// A read-only editor pane for the preview and the library script.
ScriptEditor* readOnlyPane(const QString& name, QWidget* parent)
{
    auto* pane = new ScriptEditor(parent);
    pane->setObjectName(name);
    pane->setReadOnly(true);
    pane->setFolding(QsciScintilla::NoFoldStyle, ScriptEditor::FoldMargin);
    pane->setCaretLineVisible(false); // nothing is edited here: no current line to show
    return pane;
}

// A label for messages that come and go as the operator types: wrapped, so it never widens the dialog.
QLabel* messageLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

RunDialog::RunDialog(
    const Inventory* inventory, const QList<Script>& scripts, const QList<DangerRule>& rules, QWidget* parent)
    : QDialog(parent)
    , m_inventory(inventory)
    , m_scripts(scripts)
    , m_rules(rules)
{
    setObjectName(QStringLiteral("runDialog"));
    setWindowTitle(tr("Run on Hosts"));
    resize(1100, 720);
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    // The form scrolls (vertically) instead of growing the dialog; its messages wrap instead of widening it.
    auto* leftScroll = new QScrollArea(split);
    leftScroll->setObjectName(QStringLiteral("runFormScroll"));
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* left = new QWidget(leftScroll);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    leftLayout->addLayout(form);
    leftLayout->addStretch(1); // the rows keep their heights when the form is shorter than the dialog
    m_form = form;

    m_query = new QLineEdit(left);
    m_query->setObjectName(QStringLiteral("runQuery"));
    m_query->setPlaceholderText(tr("e.g. idc:js tag:web status:online"));
    m_targetsLabel = messageLabel(QStringLiteral("runTargets"), left);
    form->addRow(tr("&Targets:"), m_query);
    form->addRow(QString(), m_targetsLabel);

    m_action = new QComboBox(left);
    m_action->setObjectName(QStringLiteral("runAction"));
    m_action->addItem(tr("Run a script"), int(Action::RunScript));
    m_action->addItem(tr("Push a template (rendered per host)"), int(Action::PushTemplate));
    m_action->addItem(tr("Push a file"), int(Action::PushFile));
    form->addRow(tr("&Do:"), m_action);
    m_template = new QComboBox(left);
    m_template->setObjectName(QStringLiteral("runTemplate"));
    m_template->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_template->setMinimumContentsLength(24);
    form->addRow(tr("T&emplate:"), m_template);
    m_sourceRow = new QWidget(left);
    auto* sourceLayout = new QHBoxLayout(m_sourceRow);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    m_source = new QLineEdit(m_sourceRow);
    m_source->setObjectName(QStringLiteral("runSourceFile"));
    m_source->setPlaceholderText(tr("a file on this computer"));
    sourceLayout->addWidget(m_source, 1);
    auto* browse = new QPushButton(tr("&Browse…"), m_sourceRow);
    sourceLayout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("File to Push"), m_source->text());
        if (!path.isEmpty()) {
            m_source->setText(path);
        }
    });
    form->addRow(tr("&File:"), m_sourceRow);
    m_dest = new QLineEdit(left);
    m_dest->setObjectName(QStringLiteral("runDestination"));
    m_dest->setPlaceholderText(tr("/etc/app/app.conf"));
    form->addRow(tr("Destination:"), m_dest);
    auto* modeRow = new QHBoxLayout;
    m_mode = new QLineEdit(left);
    m_mode->setObjectName(QStringLiteral("runMode"));
    m_mode->setPlaceholderText(tr("0644"));
    m_mode->setMaximumWidth(90);
    m_owner = new QLineEdit(left);
    m_owner->setObjectName(QStringLiteral("runOwner"));
    m_owner->setPlaceholderText(tr("user:group (empty: the login user)"));
    modeRow->addWidget(m_mode);
    modeRow->addWidget(new QLabel(tr("Owner:"), left));
    modeRow->addWidget(m_owner, 1);
    form->addRow(tr("Mode:"), modeRow);
    m_modeRow = modeRow;
    m_bandwidth = new QLineEdit(left);
    m_bandwidth->setObjectName(QStringLiteral("runBandwidth"));
    m_bandwidth->setPlaceholderText(tr("no limit (e.g. 2M = 2 MiB/s for all hosts together)"));
    form->addRow(tr("&Bandwidth limit:"), m_bandwidth);

    m_script = new QComboBox(left);
    m_script->setObjectName(QStringLiteral("runScript"));
    m_script->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_script->setMinimumContentsLength(24);
    m_script->addItem(tr("Ad hoc command"), qint64(0));
    for (const Script& s : std::as_const(m_scripts)) {
        m_script->addItem(
            QStringLiteral("%1 (%2, v%3)").arg(s.name, ScriptLanguages::name(s.language)).arg(s.version), s.id);
    }
    form->addRow(tr("&Script:"), m_script);
    auto* adHocRow = new QHBoxLayout;
    m_adHoc = new QPlainTextEdit(left);
    m_adHoc->setObjectName(QStringLiteral("runAdHoc"));
    m_adHoc->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_adHoc->setMaximumHeight(80);
    m_adHoc->setPlaceholderText(tr("uptime"));
    adHocRow->addWidget(m_adHoc, 1);
    m_adHocLanguage = new QComboBox(left);
    for (const ScriptLanguage l :
        { ScriptLanguage::Bash, ScriptLanguage::Sh, ScriptLanguage::Python, ScriptLanguage::Perl }) {
        m_adHocLanguage->addItem(ScriptLanguages::name(l), int(l));
    }
    adHocRow->addWidget(m_adHocLanguage, 0, Qt::AlignTop);
    form->addRow(tr("Command:"), adHocRow);
    m_adHocRow = adHocRow;
    // A library script is shown as it will run, read-only, in place of the command box.
    m_scriptView = readOnlyPane(QStringLiteral("runScriptView"), left);
    m_scriptView->setMinimumHeight(120);
    m_scriptView->setMaximumHeight(220);
    form->addRow(tr("Script text:"), m_scriptView);
    m_params = new QTableWidget(0, 2, left);
    m_params->setObjectName(QStringLiteral("runParameters"));
    m_params->setHorizontalHeaderLabels({ tr("Parameter"), tr("Value") });
    m_params->horizontalHeader()->setStretchLastSection(true);
    m_params->verticalHeader()->hide();
    m_params->setMaximumHeight(110);
    form->addRow(tr("Parameters:"), m_params);
    m_account = new QLineEdit(left);
    m_account->setObjectName(QStringLiteral("runAccount"));
    m_account->setPlaceholderText(tr("the login user"));
    form->addRow(tr("Run &as:"), m_account);
    m_jobVars = new QPlainTextEdit(left);
    m_jobVars->setObjectName(QStringLiteral("runJobVariables"));
    m_jobVars->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jobVars->setMaximumHeight(70);
    m_jobVars->setPlaceholderText(tr("YAML, e.g. release: 2.4.1 (above every other variable layer)"));
    form->addRow(tr("Job &variables:"), m_jobVars);
    m_jobVarsLabel = messageLabel(QStringLiteral("runJobVariablesProblem"), left);
    form->addRow(QString(), m_jobVarsLabel);

    m_plan = new QLineEdit(left);
    m_plan->setObjectName(QStringLiteral("runPlan"));
    m_plan->setPlaceholderText(tr("1 10% 50% 100%  ·  5 +10  ·  5 *2  ·  20  ·  empty: all at once"));
    m_planLabel = messageLabel(QStringLiteral("runPlanLabel"), left);
    form->addRow(tr("Rolling &plan:"), m_plan);
    form->addRow(QString(), m_planLabel);
    auto* pauseRow = new QHBoxLayout;
    m_pauseKind = new QComboBox(left);
    m_pauseKind->setObjectName(QStringLiteral("runPause"));
    m_pauseKind->addItem(tr("No pause between batches"));
    m_pauseKind->addItem(tr("Wait seconds:"));
    m_pauseKind->addItem(tr("Ask before each batch"));
    m_pauseSeconds = new QSpinBox(left);
    m_pauseSeconds->setRange(1, 86400);
    m_pauseSeconds->setValue(30);
    pauseRow->addWidget(m_pauseKind);
    pauseRow->addWidget(m_pauseSeconds);
    pauseRow->addStretch();
    form->addRow(tr("Between batches:"), pauseRow);
    m_failAt = new QLineEdit(left);
    m_failAt->setObjectName(QStringLiteral("runFailAt"));
    m_failAt->setText(QStringLiteral("continue"));
    m_failAt->setPlaceholderText(tr("first · 3 · 10% · 10% job · continue"));
    m_failLabel = messageLabel(QStringLiteral("runFailLabel"), left);
    form->addRow(tr("Stop &when:"), m_failAt);
    form->addRow(QString(), m_failLabel);
    auto* limits = new QHBoxLayout;
    m_timeout = new QSpinBox(left);
    m_timeout->setObjectName(QStringLiteral("runTimeout"));
    m_timeout->setRange(0, 86400);
    m_timeout->setValue(600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("no timeout"));
    m_concurrency = new QSpinBox(left);
    m_concurrency->setObjectName(QStringLiteral("runConcurrency"));
    m_concurrency->setRange(0, 1000);
    m_concurrency->setValue(20);
    m_concurrency->setSpecialValueText(tr("whole batch"));
    limits->addWidget(new QLabel(tr("Timeout per host:"), left));
    limits->addWidget(m_timeout);
    limits->addWidget(new QLabel(tr("Concurrency:"), left));
    limits->addWidget(m_concurrency);
    limits->addStretch();
    form->addRow(limits);
    // The two numbers of a fan-out (issue 18): hosts at once is the job's; SSH logins at once is the transport's.
    const QString handshakes = tr("Concurrency is how many hosts run at once. SSH logins are admitted separately: at "
                                  "most 128 at once, starting with 8 and adapting to how fast logins complete. Hosts "
                                  "waiting for a login show “Connecting (queued)”; their timeout does not "
                                  "run meanwhile.");
    m_concurrency->setToolTip(handshakes);
    auto* concurrencyHint = new QLabel(handshakes, left);
    concurrencyHint->setObjectName(QStringLiteral("runConcurrencyHint"));
    concurrencyHint->setWordWrap(true);
    concurrencyHint->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), concurrencyHint);

    leftScroll->setWidget(left);

    m_sideTabs = new QTabWidget(split);
    m_sideTabs->setObjectName(QStringLiteral("runSideTabs"));
    auto* right = new QWidget(m_sideTabs);
    auto* rl = new QVBoxLayout(right);
    rl->addWidget(new QLabel(tr("The exact hosts of each batch, in order:"), right));
    m_preview = new QTreeWidget(right);
    m_preview->setObjectName(QStringLiteral("runBatchPreview"));
    m_preview->setHeaderHidden(true);
    rl->addWidget(m_preview, 1);
    m_sideTabs->addTab(right, tr("Batches"));

    m_previewPage = new QWidget(m_sideTabs);
    m_previewPage->setObjectName(QStringLiteral("runPushPreview"));
    auto* pl = new QVBoxLayout(m_previewPage);
    auto* hostRow = new QHBoxLayout;
    hostRow->addWidget(new QLabel(tr("For host:"), m_previewPage));
    m_previewHost = new QComboBox(m_previewPage);
    m_previewHost->setObjectName(QStringLiteral("runPreviewHost"));
    m_previewHost->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_previewHost->setMinimumContentsLength(16);
    hostRow->addWidget(m_previewHost, 1);
    pl->addLayout(hostRow);
    m_previewStatus = messageLabel(QStringLiteral("runPreviewStatus"), m_previewPage);
    pl->addWidget(m_previewStatus);
    m_previewTabs = new QTabWidget(m_previewPage);
    m_previewTabs->setObjectName(QStringLiteral("runPreviewTabs"));
    m_previewTabs->setDocumentMode(true);
    m_rendered = readOnlyPane(QStringLiteral("runRendered"), m_previewTabs);
    m_rendered->setMarginWidth(ScriptEditor::FindingMargin, 0); // a render has no findings (the script view has)
    m_previewTabs->addTab(m_rendered, tr("Rendered"));
    m_diffPage = new QWidget(m_previewTabs);
    auto* dl = new QVBoxLayout(m_diffPage);
    dl->setContentsMargins(0, 4, 0, 0);
    m_diffStatus = messageLabel(QStringLiteral("runDiffStatus"), m_diffPage);
    dl->addWidget(m_diffStatus);
    m_diff = new DiffView(m_diffPage);
    m_diff->setObjectName(QStringLiteral("runDiff"));
    dl->addWidget(m_diff, 1);
    m_previewTabs->addTab(m_diffPage, tr("Against the Last Push"));
    pl->addWidget(m_previewTabs, 1);
    m_sideTabs->addTab(m_previewPage, tr("Preview"));

    split->addWidget(leftScroll);
    split->addWidget(m_sideTabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({ 620, 480 });
    layout->addWidget(split, 1);

    m_danger = messageLabel(QStringLiteral("runDanger"), this);
    layout->addWidget(m_danger);
    m_acknowledge = new QCheckBox(this);
    m_acknowledge->setObjectName(QStringLiteral("runAcknowledge"));
    layout->addWidget(m_acknowledge);
    m_problemLabel = messageLabel(QStringLiteral("runProblem"), this);
    // Two lines kept for it, so that a message appearing or going does not move the form.
    m_problemLabel->setMinimumHeight(2 * m_problemLabel->fontMetrics().lineSpacing());
    m_problemLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_problemLabel);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Run"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canRun()) {
            accept();
        }
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    for (QLineEdit* e : { m_query, m_account, m_plan, m_failAt, m_source, m_dest, m_mode, m_owner, m_bandwidth }) {
        connect(e, &QLineEdit::textChanged, this, &RunDialog::validate);
    }
    connect(m_jobVars, &QPlainTextEdit::textChanged, this, &RunDialog::validate);
    connect(m_action, &QComboBox::currentIndexChanged, this, &RunDialog::actionChanged);
    connect(m_template, &QComboBox::currentIndexChanged, this, &RunDialog::templateChanged);
    connect(m_adHoc, &QPlainTextEdit::textChanged, this, &RunDialog::scriptChanged);
    connect(m_adHocLanguage, &QComboBox::currentIndexChanged, this, &RunDialog::scriptChanged);
    connect(m_script, &QComboBox::currentIndexChanged, this, &RunDialog::scriptChanged);
    connect(m_params, &QTableWidget::itemChanged, this, &RunDialog::validate);
    connect(m_pauseKind, &QComboBox::currentIndexChanged, this, &RunDialog::validate);
    connect(m_acknowledge, &QCheckBox::toggled, this, &RunDialog::validate);
    connect(m_previewHost, &QComboBox::currentIndexChanged, this, &RunDialog::updatePreview);
    connect(m_sideTabs, &QTabWidget::currentChanged, this, &RunDialog::updatePreview);
    scriptChanged();
    actionChanged();
}

QPushButton* RunDialog::runButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void RunDialog::setQuery(const QString& query)
{
    m_explicitHosts.clear();
    m_query->setEnabled(true);
    m_query->setText(query);
    validate();
}

void RunDialog::setHosts(const QStringList& hosts)
{
    m_explicitHosts = hosts;
    m_query->setText(tr("%n selected host(s)", nullptr, int(hosts.size())));
    m_query->setEnabled(false);
    validate();
}

void RunDialog::selectScript(qint64 id)
{
    const int index = m_script->findData(id);
    if (index >= 0) {
        m_script->setCurrentIndex(index);
    }
}

bool RunDialog::setParameterValue(const QString& name, const QString& value)
{
    for (int row = 0; row < m_params->rowCount(); ++row) {
        if (m_params->item(row, 0) && m_params->item(row, 0)->data(Qt::UserRole).toString() == name) {
            if (!m_params->item(row, 1)) {
                m_params->setItem(row, 1, new QTableWidgetItem);
            }
            m_params->item(row, 1)->setText(value); // itemChanged validates
            return true;
        }
    }
    return false;
}

void RunDialog::setAdHoc(const QString& command)
{
    m_script->setCurrentIndex(0);
    m_adHoc->setPlainText(command);
}

void RunDialog::setAction(Action action)
{
    m_action->setCurrentIndex(m_action->findData(int(action)));
}

RunDialog::Action RunDialog::action() const
{
    return Action(m_action->currentData().toInt());
}

void RunDialog::setTemplates(const QList<ConfigTemplate>& templates)
{
    m_templates = templates;
    QSignalBlocker block(m_template);
    m_template->clear();
    for (const ConfigTemplate& t : std::as_const(m_templates)) {
        const QString name = t.destination.isEmpty() ? t.name : QStringLiteral("%1 → %2").arg(t.name, t.destination);
        m_template->addItem(t.id == m_editedTemplateId ? tr("%1 (unsaved changes)").arg(name)
                                                       : QStringLiteral("%1 (v%2)").arg(name).arg(t.version),
            t.id);
    }
    templateChanged();
}

void RunDialog::setEditedTemplate(const ConfigTemplate& edited)
{
    ConfigTemplate t = edited;
    if (t.id <= 0) {
        t.id = kUnsavedTemplateId;
    }
    m_editedTemplateId = t.id;
    QList<ConfigTemplate> templates = m_templates;
    const auto it = std::find_if(
        templates.begin(), templates.end(), [&](const ConfigTemplate& other) { return other.id == t.id; });
    if (it != templates.end()) {
        *it = t;
    } else {
        templates.prepend(t);
    }
    setTemplates(templates);
    selectTemplate(t.id);
}

QJsonObject RunDialog::runSettings() const
{
    QJsonObject settings;
    settings.insert(QStringLiteral("plan"), m_plan->text());
    settings.insert(QStringLiteral("pause"), kPauseKinds.value(m_pauseKind->currentIndex()));
    settings.insert(QStringLiteral("pauseSeconds"), m_pauseSeconds->value());
    settings.insert(QStringLiteral("failAt"), m_failAt->text());
    settings.insert(QStringLiteral("timeout"), m_timeout->value());
    settings.insert(QStringLiteral("concurrency"), m_concurrency->value());
    return settings;
}

void RunDialog::setRunSettings(const QJsonObject& settings)
{
    if (const QJsonValue plan = settings.value(QStringLiteral("plan")); plan.isString()) {
        if (RollingPlan::parse(plan.toString())) {
            m_plan->setText(plan.toString());
        }
    }
    if (const int pause = int(kPauseKinds.indexOf(settings.value(QStringLiteral("pause")).toString())); pause >= 0) {
        m_pauseKind->setCurrentIndex(pause);
    }
    if (const QJsonValue seconds = settings.value(QStringLiteral("pauseSeconds")); seconds.isDouble()) {
        m_pauseSeconds->setValue(seconds.toInt());
    }
    if (const QJsonValue failAt = settings.value(QStringLiteral("failAt")); failAt.isString()) {
        if (FailurePolicy::parse(failAt.toString())) {
            m_failAt->setText(failAt.toString());
        }
    }
    if (const QJsonValue timeout = settings.value(QStringLiteral("timeout")); timeout.isDouble()) {
        m_timeout->setValue(timeout.toInt());
    }
    if (const QJsonValue concurrency = settings.value(QStringLiteral("concurrency")); concurrency.isDouble()) {
        m_concurrency->setValue(concurrency.toInt());
    }
    validate();
}

bool RunDialog::isRowVisible(QWidget* field) const
{
    // Hiding a row hides the widgets in it (also those inside a row's layout).
    return field && field->isVisibleTo(this);
}

void RunDialog::setPushHistory(PushHistory history)
{
    m_history = std::move(history);
    m_historyCache.clear();
    updatePreview();
}

RunDialog::PushHistory RunDialog::historyOf(Backend* backend)
{
    return [backend](const QString& host, const QString& dest) -> std::optional<PastPush> {
        if (!backend) {
            return std::nullopt;
        }
        // Push steps are named after their destination, which the history's step-name search matches.
        JobFilter filter;
        filter.host = host;
        filter.script = dest;
        filter.limit = 20;
        const auto jobs = backend->jobs(filter);
        if (!jobs) {
            return std::nullopt;
        }
        for (const JobSummary& job : *jobs) {
            const auto state = backend->state(job.id);
            if (!state) {
                continue;
            }
            const JobSpec& spec = state->spec();
            for (int step = int(spec.steps.size()) - 1; step >= 0; --step) {
                if (pushDestination(spec.steps.at(step)) != dest) {
                    continue;
                }
                const HostState* h = state->host(step, host);
                if (h && h->status == HostStatus::Success) {
                    return PastPush { job.id, job.name, job.createdBy, job.createdMs, spec.steps.at(step),
                        spec.parameters };
                }
            }
        }
        return std::nullopt;
    };
}

std::optional<RunDialog::PastPush> RunDialog::lastPush(const QString& host, const QString& dest)
{
    if (!m_history || dest.isEmpty()) {
        return std::nullopt;
    }
    const QString key = host + QLatin1Char('\n') + dest;
    if (const auto it = m_historyCache.constFind(key); it != m_historyCache.constEnd()) {
        return *it;
    }
    const std::optional<PastPush> past = m_history(host, dest);
    m_historyCache.insert(key, past);
    return past;
}

namespace {

// A file's bytes as text for the preview, or why they are not shown.
Result<QString> fileText(const QByteArray& data)
{
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(data);
    if (utf8.hasError() || data.contains('\0')) {
        return Error(RunDialog::tr("a binary file (%1 bytes): nothing to show").arg(data.size()));
    }
    return text;
}

} // namespace

Result<QString> RunDialog::pushedText(const QString& host) const
{
    if (action() == Action::PushTemplate) {
        const ConfigTemplate* t = currentTemplate();
        if (!t) {
            return Error(tr("no template is chosen"));
        }
        const Result<Jinja::Template> parsed = Jinja::Template::parse(t->content, t->name);
        if (!parsed) {
            return parsed.error();
        }
        const JobSpec job = spec();
        const QStringList play = job.allTargets();
        return parsed->render(pushContext(
            m_inventory, host, m_jobVariables.toVariantMap(), { play, job.batchOfHosts().value(host, play), {} }));
    }
    const QFileInfo info(m_source->text());
    if (!info.isFile()) {
        return Error(tr("no file is chosen"));
    }
    if (info.size() > kMaxPreviewBytes) {
        return Error(tr("the file has %1 bytes, too many to show here").arg(info.size()));
    }
    QFile file(info.filePath());
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(tr("the file cannot be read: %1").arg(file.errorString()));
    }
    return fileText(file.readAll());
}

Result<QString> RunDialog::pastText(const PastPush& past, const QString& host) const
{
    if (const auto* t = std::get_if<PushTemplate>(&past.step.action)) {
        const Result<Jinja::Template> parsed = Jinja::Template::parse(t->templateText, t->templateName);
        if (!parsed) {
            return parsed.error();
        }
        return parsed->render(pushContext(m_inventory, host, past.jobVariables.toVariantMap()));
    }
    if (const auto* f = std::get_if<PushFile>(&past.step.action)) {
        if (f->hasContent || !f->content.isEmpty()) {
            return fileText(f->content);
        }
        if (!f->contentSha256.isEmpty()) {
            return Error(tr("it pushed a stored file (SHA-256 %1…), which this dialog cannot show")
                             .arg(f->contentSha256.left(12)));
        }
        return Error(tr("it pushed the file %1, and the job history keeps a file's path, not its content")
                         .arg(QDir::toNativeSeparators(f->sourcePath)));
    }
    return Error(tr("it ran no push"));
}

void RunDialog::fillPreviewHosts()
{
    // The first targets only on very big selections, as for the render check.
    const QStringList hosts = m_targets.mid(0, 500);
    QStringList listed;
    for (int i = 0; i < m_previewHost->count(); ++i) {
        listed << m_previewHost->itemText(i);
    }
    if (listed == hosts) {
        return;
    }
    const QString keep = m_previewHost->currentText();
    QSignalBlocker block(m_previewHost);
    m_previewHost->clear();
    m_previewHost->addItems(hosts);
    m_previewHost->setCurrentIndex(std::max<int>(0, int(hosts.indexOf(keep))));
}

void RunDialog::updatePreview()
{
    // Rendered only while shown: typing elsewhere in the dialog does not pay for it.
    if (action() == Action::RunScript || m_sideTabs->currentWidget() != m_previewPage) {
        return;
    }
    const QString host = m_previewHost->currentText();
    const QString dest = m_dest->text().trimmed();
    const JinjaSyntax::FileSyntax syntax = JinjaSyntax::fileSyntaxFor(dest);
    m_rendered->setTemplateSyntax(syntax);
    m_diff->hide();
    if (host.isEmpty()) {
        m_previewStatus->setText(tr("Choose the targets to see what each of them gets."));
        setPaneText(m_rendered, QString());
        m_diffStatus->clear();
        return;
    }
    const Result<QString> text = pushedText(host);
    if (!text) {
        m_previewStatus->setText(tr("Nothing to show for %1: %2").arg(host, text.error().toString()));
        setPaneText(m_rendered, QString());
        m_diffStatus->setText(m_previewStatus->text());
        return;
    }
    m_previewStatus->setText(
        dest.isEmpty() ? tr("What %1 gets:").arg(host) : tr("What %1 gets at %2:").arg(host, dest));
    setPaneText(m_rendered, *text);

    // What the host has there is not read (that needs a connection): the job history's last push stands in.
    if (!m_history) {
        m_diffStatus->setText(tr("No job history is available to compare with."));
        return;
    }
    const std::optional<PastPush> past = lastPush(host, dest);
    if (!past) {
        m_diffStatus->setText(
            tr("The job history has no earlier push of %1 to %2 that succeeded: as far as OpsDeck knows, the file "
               "is new there.")
                .arg(dest, host));
        return;
    }
    const QString when
        = QLocale().toString(QDateTime::fromMSecsSinceEpoch(past->createdMs).toLocalTime(), QLocale::ShortFormat);
    const QString job = tr("the job “%1” (%2, %3)").arg(past->jobName, past->createdBy, when);
    const Result<QString> before = pastText(*past, host);
    if (!before) {
        m_diffStatus->setText(tr("%1 was last pushed to %2 by %3, but what it wrote is not known: %4.")
                                  .arg(dest, host, job, before.error().toString()));
        return;
    }
    m_diff->setTemplateTexts(*before, *text, syntax, tr("Last push: %1").arg(when), tr("This push"));
    m_diff->show();
    const QString how = std::holds_alternative<PushTemplate>(past->step.action)
        ? tr("Its template text and job variables, as that job recorded them, are rendered with the host's "
             "variables of today; a change made on the host by other means is not known here.")
        : tr("A change made on the host by other means is not known here.");
    m_diffStatus->setText(*before == *text
            ? tr("No change since %1: a host that still has it skips the write. %2").arg(job, how)
            : tr("Changes since %1. %2").arg(job, how));
}

void RunDialog::selectTemplate(qint64 id)
{
    setAction(Action::PushTemplate);
    const int index = m_template->findData(id);
    if (index >= 0) {
        m_template->setCurrentIndex(index);
    }
}

void RunDialog::setSourceFile(const QString& path)
{
    setAction(Action::PushFile);
    m_source->setText(path);
}

const ConfigTemplate* RunDialog::currentTemplate() const
{
    const qint64 id = m_template->currentData().toLongLong();
    for (const ConfigTemplate& t : m_templates) {
        if (t.id == id) {
            return &t;
        }
    }
    return nullptr;
}

void RunDialog::actionChanged()
{
    const Action a = action();
    const bool run = a == Action::RunScript;
    for (QWidget* w :
        { static_cast<QWidget*>(m_script), static_cast<QWidget*>(m_params), static_cast<QWidget*>(m_account) }) {
        m_form->setRowVisible(w, run);
    }
    m_form->setRowVisible(m_template, a == Action::PushTemplate);
    m_form->setRowVisible(m_sourceRow, a == Action::PushFile);
    m_form->setRowVisible(m_dest, !run);
    m_form->setRowVisible(m_modeRow, !run);
    m_form->setRowVisible(m_bandwidth, !run);
    m_sideTabs->setTabVisible(m_sideTabs->indexOf(m_previewPage), !run);
    m_sideTabs->setCurrentWidget(run ? m_sideTabs->widget(0) : m_previewPage);
    setWindowTitle(run ? tr("Run on Hosts") : tr("Push to Hosts"));
    runButton()->setText(run ? tr("&Run") : tr("&Push"));
    if (a == Action::PushTemplate) {
        templateChanged();
    }
    scriptChanged();
}

void RunDialog::templateChanged()
{
    if (const ConfigTemplate* t = currentTemplate()) {
        m_dest->setText(t->destination);
        m_mode->setText(t->mode);
        m_owner->setText(t->owner);
    }
    validate();
}

const Script* RunDialog::currentScript() const
{
    const qint64 id = m_script->currentData().toLongLong();
    for (const Script& s : m_scripts) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

QString RunDialog::content() const
{
    if (action() != Action::RunScript) {
        return {};
    }
    const Script* s = currentScript();
    return s ? s->content : m_adHoc->toPlainText();
}

ScriptLanguage RunDialog::language() const
{
    const Script* s = currentScript();
    return s ? s->language : ScriptLanguage(m_adHocLanguage->currentData().toInt());
}

void RunDialog::scriptChanged()
{
    const Script* s = currentScript();
    const bool run = action() == Action::RunScript;
    m_form->setRowVisible(m_adHocRow, run && !s);
    m_form->setRowVisible(m_scriptView, run && s);
    if (s) {
        m_scriptView->setLanguage(s->language);
        setPaneText(m_scriptView, s->content);
    }
    QSignalBlocker block(m_params);
    if (QObject::sender() == m_script) {
        m_params->setRowCount(0);
        if (s) {
            for (const ScriptParameter& p : s->parameters) {
                const int row = m_params->rowCount();
                m_params->insertRow(row);
                auto* name = new QTableWidgetItem(p.required ? p.name + QStringLiteral(" *") : p.name);
                name->setFlags(Qt::ItemIsEnabled);
                name->setData(Qt::UserRole, p.name);
                name->setToolTip(p.description);
                m_params->setItem(row, 0, name);
                m_params->setItem(row, 1, new QTableWidgetItem(p.defaultValue));
            }
            m_account->setText(s->runAs);
        }
    }
    const ScriptFindings findings = DangerRules::check(content(), language(), m_rules);
    m_blocking = DangerGate::blocking(findings);
    m_scriptView->setFindings(ScriptFinding::Source::Danger, s ? findings : ScriptFindings {});
    m_acknowledge->setChecked(false);
    m_acknowledge->setVisible(!m_blocking.isEmpty());
    if (m_blocking.isEmpty()) {
        m_danger->setText(
            findings.isEmpty() ? QString() : tr("Danger warnings: %1 (see the script editor).").arg(findings.size()));
        m_danger->setStyleSheet(QString());
    } else {
        QStringList lines;
        for (const ScriptFinding& f : std::as_const(m_blocking)) {
            lines << tr("line %1: %2 [%3]").arg(f.line).arg(f.message, f.code);
        }
        m_danger->setText(
            tr("This script contains commands that can destroy a host:\n%1").arg(lines.join(QLatin1Char('\n'))));
        m_danger->setStyleSheet(
            QStringLiteral("color: %1").arg(Theme::color(QStringLiteral("message.error.text")).name()));
        m_acknowledge->setText(tr("I have read the %n blocking finding(s) above and want to run this script anyway",
            nullptr, int(m_blocking.size())));
    }
    validate();
}

QStringList RunDialog::targets() const
{
    return m_targets;
}

void RunDialog::validate()
{
    m_problem.clear();
    // Targets.
    m_targets.clear();
    if (!m_explicitHosts.isEmpty()) {
        m_targets = m_explicitHosts;
        m_targetsLabel->setText(tr("%n host(s)", nullptr, int(m_targets.size())));
    } else if (m_inventory) {
        auto query = HostQuery::parse(m_query->text());
        if (!query) {
            m_problem = tr("Targets: %1").arg(query.error().toString());
            m_targetsLabel->setText(query.error().toString());
        } else if (m_query->text().trimmed().isEmpty()) {
            m_problem = tr("Choose the targets: type a search (an empty search would mean every host).");
            m_targetsLabel->setText(tr("%n host(s) in the inventory", nullptr, int(m_inventory->hosts().size())));
        } else {
            HostQuery q = *query;
            for (const int i : q.filter(*m_inventory)) {
                m_targets << m_inventory->hosts().at(i).name;
            }
            m_targetsLabel->setText(tr("%n host(s) match", nullptr, int(m_targets.size())));
            if (m_targets.isEmpty() && m_problem.isEmpty()) {
                m_problem = tr("No host matches the targets.");
            }
        }
    }
    // Plan and policy.
    auto plan = RollingPlan::parse(m_plan->text());
    if (!plan) {
        m_planLabel->setText(tr("column %1: %2").arg(plan.error().where.column).arg(plan.error().message));
        if (m_problem.isEmpty()) {
            m_problem = tr("Rolling plan: %1").arg(plan.error().message);
        }
    } else {
        m_planLabel->setText(plan->describe(int(m_targets.size())));
    }
    auto policy = FailurePolicy::parse(m_failAt->text());
    if (!policy) {
        m_failLabel->setText(tr("column %1: %2").arg(policy.error().where.column).arg(policy.error().message));
        if (m_problem.isEmpty()) {
            m_problem = tr("Stop when: %1").arg(policy.error().message);
        }
    } else {
        m_failLabel->setText(policy->describe());
    }
    m_pauseSeconds->setEnabled(m_pauseKind->currentIndex() == 1);
    // The exact batches.
    m_preview->clear();
    if (plan) {
        const QList<QStringList> batches = plan->split(m_targets);
        for (int b = 0; b < batches.size(); ++b) {
            auto* item = new QTreeWidgetItem(m_preview);
            item->setText(0, tr("Batch %1 — %n host(s)", nullptr, int(batches.at(b).size())).arg(b + 1));
            for (int i = 0; i < std::min<qsizetype>(batches.at(b).size(), 200); ++i) {
                new QTreeWidgetItem(item, { batches.at(b).at(i) });
            }
            if (batches.at(b).size() > 200) {
                new QTreeWidgetItem(item, { tr("… and %1 more").arg(batches.at(b).size() - 200) });
            }
        }
        if (!batches.isEmpty()) {
            m_preview->topLevelItem(0)->setExpanded(true);
        }
    }
    // Job variables.
    m_jobVariables = {};
    m_jobVarsLabel->clear();
    if (!m_jobVars->toPlainText().trimmed().isEmpty()) {
        auto vars = VarCodec::fromYamlMapping(m_jobVars->toPlainText().toUtf8(), tr("job variables"));
        if (!vars) {
            m_jobVarsLabel->setText(vars.error().toString());
            if (m_problem.isEmpty()) {
                m_problem = tr("Job variables: %1").arg(vars.error().toString());
            }
        } else {
            m_jobVariables = QJsonObject::fromVariantMap(*vars);
            m_jobVarsLabel->setText(tr("Variables of this job: %n", nullptr, int(m_jobVariables.size())));
        }
    }
    // What to push.
    if (m_problem.isEmpty() && action() != Action::RunScript) {
        if (action() == Action::PushTemplate && !currentTemplate()) {
            m_problem = m_templates.isEmpty() ? tr("The library has no templates: add one on the Templates page.")
                                              : tr("Choose a template.");
        } else if (action() == Action::PushFile && !QFileInfo(m_source->text()).isFile()) {
            m_problem = m_source->text().isEmpty()
                ? tr("Choose the file to push.")
                : tr("%1 is not a readable file.").arg(QDir::toNativeSeparators(m_source->text()));
        } else if (m_dest->text().trimmed().isEmpty()) {
            m_problem = tr("Give the destination path on the hosts.");
        } else if (const QString why = ConfigTemplate::destinationProblem(m_dest->text().trimmed()); !why.isEmpty()) {
            m_problem = tr("Destination: %1").arg(why);
        } else if (const QString why = ConfigTemplate::modeProblem(m_mode->text().trimmed()); !why.isEmpty()) {
            m_problem = tr("Mode: %1").arg(why);
        } else if (const QString why = ConfigTemplate::ownerProblem(m_owner->text().trimmed()); !why.isEmpty()) {
            m_problem = tr("Owner: %1").arg(why);
        } else if (auto rate = JobSpec::parseByteRate(m_bandwidth->text()); !rate) {
            m_problem = tr("Bandwidth limit: %1").arg(rate.errorString());
        }
    }
    // A template is rendered for the targets now, with what the push will use (the preview's context and the job's
    // variables): a host whose render fails would fail in the job, so the push does not start.
    if (m_problem.isEmpty() && action() == Action::PushTemplate && m_inventory) {
        m_problem = renderProblem();
    }
    // Script, parameters, danger.
    if (m_problem.isEmpty() && action() == Action::RunScript && content().trimmed().isEmpty()) {
        m_problem = tr("Choose a script or type a command.");
    }
    for (int row = 0; m_problem.isEmpty() && action() == Action::RunScript && row < m_params->rowCount(); ++row) {
        const QString name = m_params->item(row, 0)->data(Qt::UserRole).toString();
        const Script* s = currentScript();
        const bool required = s && row < s->parameters.size() && s->parameters.at(row).required;
        if (required && (!m_params->item(row, 1) || m_params->item(row, 1)->text().isEmpty())) {
            m_problem = tr("The parameter “%1” is required.").arg(name);
        }
    }
    if (m_problem.isEmpty() && !m_blocking.isEmpty() && !m_acknowledge->isChecked()) {
        m_problem = tr("Acknowledge the blocking danger findings to run this script.");
    }
    m_problemLabel->setText(m_problem);
    runButton()->setEnabled(m_problem.isEmpty());
    fillPreviewHosts();
    updatePreview();
}

void RunDialog::setJobVariables(const QString& yaml)
{
    m_jobVars->setPlainText(yaml);
}

QString RunDialog::renderProblem() const
{
    const ConfigTemplate* t = currentTemplate();
    if (!t) {
        return {};
    }
    const Result<Jinja::Template> parsed = Jinja::Template::parse(t->content, t->name);
    if (!parsed) {
        return tr("The template does not parse: %1").arg(parsed.error().toString());
    }
    // Checked as the dialog is edited: the first hosts only on very big selections (a render is well under a
    // millisecond; the whole fleet is rendered again by the job itself).
    constexpr int kMaxChecked = 500;
    const QVariantMap jobVariables = m_jobVariables.toVariantMap();
    // The job's play names, and groups/hostvars shared by every host checked.
    const JobSpec job = spec();
    const QStringList play = job.allTargets();
    const QHash<QString, QStringList> batches = job.batchOfHosts();
    const auto fleet = std::make_shared<const TemplatePreview::FleetNames>(*m_inventory);
    int checked = 0;
    int failed = 0;
    QString first;
    for (const QString& name : m_targets) {
        if (checked == kMaxChecked) {
            break;
        }
        if (!m_inventory->host(name)) {
            continue;
        }
        ++checked;
        const Result<QString> out = parsed->render(
            pushContext(m_inventory, name, jobVariables, { play, batches.value(name, play), {} }, fleet));
        if (!out && failed++ == 0) {
            first = QStringLiteral("%1: %2").arg(name, out.error().toString());
        }
    }
    if (failed == 0) {
        return {};
    }
    return tr("%1 of %2 hosts cannot render the template — %3. Fix the template or its variables (or give them as "
              "job variables), or leave those hosts out.")
        .arg(failed)
        .arg(checked)
        .arg(first);
}

bool RunDialog::canRun() const
{
    return m_problem.isEmpty();
}

std::optional<DangerGate::Acknowledgement> RunDialog::acknowledgement() const
{
    if (m_blocking.isEmpty() || !m_acknowledge->isChecked()) {
        return std::nullopt;
    }
    return DangerGate::acknowledge(content(), m_blocking, ScriptStore::currentAuthor());
}

JobSpec RunDialog::spec() const
{
    JobSpec spec;
    spec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    spec.createdBy = ScriptStore::currentAuthor();
    spec.targetDescription = m_query->text();
    spec.targets = m_targets;
    spec.parameters = m_jobVariables;
    JobStep step;
    const QString dest = m_dest->text().trimmed();
    if (action() == Action::PushTemplate) {
        const ConfigTemplate* t = currentTemplate();
        PushTemplate push;
        push.templateName = t ? t->name : QString();
        push.templateText = t ? t->content : QString();
        push.dest = dest;
        push.mode = m_mode->text().trimmed();
        push.owner = m_owner->text().trimmed();
        spec.name = QStringLiteral("template %1").arg(push.templateName);
        // No step name: JobStep::displayName() says "Push template … to …" in the language of whoever looks.
        step.action = push;
    } else if (action() == Action::PushFile) {
        PushFile push;
        push.sourcePath = m_source->text();
        push.dest = dest;
        push.mode = m_mode->text().trimmed();
        push.owner = m_owner->text().trimmed();
        spec.name = QStringLiteral("push %1").arg(QFileInfo(push.sourcePath).fileName());
        step.action = push;
    } else {
        const Script* s = currentScript();
        spec.name = s ? s->name : m_adHoc->toPlainText().section(QLatin1Char('\n'), 0, 0).left(60);
        step.name = spec.name;
        RunScript run;
        run.interpreter = ScriptLanguages::interpreter(language());
        run.script = content();
        for (int row = 0; row < m_params->rowCount(); ++row) {
            run.args << (m_params->item(row, 1) ? m_params->item(row, 1)->text() : QString());
        }
        step.action = run;
        spec.runAs = m_account->text().trimmed();
    }
    spec.steps << step;
    if (action() != Action::RunScript) {
        const auto rate = JobSpec::parseByteRate(m_bandwidth->text());
        spec.bandwidthLimit = rate ? *rate : 0;
    }
    spec.timeoutSeconds = m_timeout->value();
    spec.concurrency = m_concurrency->value();
    if (auto plan = RollingPlan::parse(m_plan->text())) {
        spec.plan = *plan;
    }
    spec.pause = m_pauseKind->currentIndex() == 0 ? BatchPause::none()
        : m_pauseKind->currentIndex() == 1        ? BatchPause::after(m_pauseSeconds->value())
                                                  : BatchPause::manual();
    if (auto policy = FailurePolicy::parse(m_failAt->text())) {
        spec.failurePolicy = *policy;
    }
    if (const auto ack = acknowledgement()) {
        // Recorded with the job: who acknowledged which findings, and when.
        QJsonObject a;
        a.insert(QStringLiteral("by"), ack->by);
        a.insert(QStringLiteral("at"), ack->at.toString(Qt::ISODate));
        a.insert(QStringLiteral("findings"), QJsonArray::fromStringList(ack->fingerprints));
        spec.parameters.insert(QStringLiteral("danger_acknowledged"), a);
    }
    return spec;
}
