#include "RunDialog.h"

#include "HostQuery.h"
#include "Inventory.h"
#include "ScriptStore.h"
#include "Template.h"
#include "TemplatePreview.h"
#include "Theme.h"
#include "VarCodec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
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
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>

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
    auto* left = new QWidget(split);
    auto* form = new QFormLayout(left);
    m_form = form;

    m_query = new QLineEdit(left);
    m_query->setObjectName(QStringLiteral("runQuery"));
    m_query->setPlaceholderText(tr("e.g. idc:js tag:web status:online"));
    m_targetsLabel = new QLabel(left);
    m_targetsLabel->setObjectName(QStringLiteral("runTargets"));
    m_targetsLabel->setWordWrap(true);
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
    m_jobVarsLabel = new QLabel(left);
    m_jobVarsLabel->setObjectName(QStringLiteral("runJobVariablesProblem"));
    m_jobVarsLabel->setWordWrap(true);
    form->addRow(QString(), m_jobVarsLabel);

    m_plan = new QLineEdit(left);
    m_plan->setObjectName(QStringLiteral("runPlan"));
    m_plan->setPlaceholderText(tr("1 10% 50% 100%  ·  5 +10  ·  5 *2  ·  20  ·  empty: all at once"));
    m_planLabel = new QLabel(left);
    m_planLabel->setObjectName(QStringLiteral("runPlanLabel"));
    form->addRow(tr("Rolling &plan:"), m_plan);
    form->addRow(QString(), m_planLabel);
    auto* pauseRow = new QHBoxLayout;
    m_pauseKind = new QComboBox(left);
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
    m_failLabel = new QLabel(left);
    form->addRow(tr("Stop &when:"), m_failAt);
    form->addRow(QString(), m_failLabel);
    auto* limits = new QHBoxLayout;
    m_timeout = new QSpinBox(left);
    m_timeout->setRange(0, 86400);
    m_timeout->setValue(600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("no timeout"));
    m_concurrency = new QSpinBox(left);
    m_concurrency->setRange(0, 1000);
    m_concurrency->setValue(20);
    m_concurrency->setSpecialValueText(tr("whole batch"));
    limits->addWidget(new QLabel(tr("Timeout per host:"), left));
    limits->addWidget(m_timeout);
    limits->addWidget(new QLabel(tr("Concurrency:"), left));
    limits->addWidget(m_concurrency);
    limits->addStretch();
    form->addRow(limits);

    auto* right = new QWidget(split);
    auto* rl = new QVBoxLayout(right);
    rl->addWidget(new QLabel(tr("Batches (the exact hosts, in order):"), right));
    m_preview = new QTreeWidget(right);
    m_preview->setObjectName(QStringLiteral("runBatchPreview"));
    m_preview->setHeaderHidden(true);
    rl->addWidget(m_preview, 1);
    split->addWidget(left);
    split->addWidget(right);
    split->setSizes({ 700, 400 });
    layout->addWidget(split, 1);

    m_danger = new QLabel(this);
    m_danger->setObjectName(QStringLiteral("runDanger"));
    m_danger->setWordWrap(true);
    m_danger->setTextFormat(Qt::PlainText);
    layout->addWidget(m_danger);
    m_acknowledge = new QCheckBox(this);
    m_acknowledge->setObjectName(QStringLiteral("runAcknowledge"));
    layout->addWidget(m_acknowledge);
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("runProblem"));
    m_problemLabel->setWordWrap(true);
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
        m_template->addItem(t.destination.isEmpty()
                ? QStringLiteral("%1 (v%2)").arg(t.name).arg(t.version)
                : QStringLiteral("%1 → %2 (v%3)").arg(t.name, t.destination).arg(t.version),
            t.id);
    }
    templateChanged();
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
    m_form->setRowVisible(m_adHocRow, run);
    m_form->setRowVisible(m_template, a == Action::PushTemplate);
    m_form->setRowVisible(m_sourceRow, a == Action::PushFile);
    m_form->setRowVisible(m_dest, !run);
    m_form->setRowVisible(m_modeRow, !run);
    m_form->setRowVisible(m_bandwidth, !run);
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
    m_adHoc->setEnabled(!s);
    m_adHocLanguage->setEnabled(!s);
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
        QVariantMap context = TemplatePreview::hostContext(*m_inventory, name);
        for (auto it = jobVariables.begin(); it != jobVariables.end(); ++it) {
            context.insert(it.key(), it.value());
        }
        const Result<QString> out = parsed->render(context);
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
