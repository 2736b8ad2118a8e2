#include "WorkflowRunDialog.h"

#include "Theme.h"
#include "WorkflowText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

WorkflowRunDialog::WorkflowRunDialog(const Workflow& workflow, WorkflowTargetResolver resolve, QWidget* parent)
    : QDialog(parent)
    , m_workflow(workflow)
    , m_resolve(std::move(resolve))
    , m_hosts(new QLineEdit(this))
    , m_failing(new QComboBox(this))
    , m_preview(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("workflowRunDialog"));
    setWindowTitle(tr("Run Workflow “%1”").arg(workflow.name));
    auto* form = new QFormLayout;
    for (const WorkflowParam& p : workflow.params) {
        QWidget* field = nullptr;
        switch (p.type) {
        case WorkflowParam::Type::Boolean: {
            auto* check = new QCheckBox(this);
            check->setChecked(p.defaultValue == QLatin1String("true"));
            connect(check, &QCheckBox::toggled, this, &WorkflowRunDialog::update);
            field = check;
            break;
        }
        case WorkflowParam::Type::Choice: {
            auto* combo = new QComboBox(this);
            combo->addItems(p.choices);
            combo->setCurrentText(p.defaultValue);
            connect(combo, &QComboBox::currentTextChanged, this, &WorkflowRunDialog::update);
            field = combo;
            break;
        }
        default: {
            auto* edit = new QLineEdit(p.defaultValue, this);
            if (p.type == WorkflowParam::Type::Secret) {
                edit->setEchoMode(QLineEdit::Password);
            }
            edit->setPlaceholderText(p.description);
            connect(edit, &QLineEdit::textChanged, this, &WorkflowRunDialog::update);
            field = edit;
            break;
        }
        }
        field->setObjectName(QStringLiteral("param_") + p.name);
        field->setToolTip(p.description);
        m_fields.insert(p.name, field);
        form->addRow(p.required ? tr("%1 *").arg(p.name) : p.name, field);
    }
    m_hosts->setObjectName(QStringLiteral("runHosts"));
    m_hosts->setPlaceholderText(workflow.targets.query.isEmpty()
            ? tr("the workflow's targets")
            : tr("the workflow's targets: %1").arg(workflow.targets.query));
    form->addRow(tr("Hosts"), m_hosts);
    m_failing->setObjectName(QStringLiteral("runWhatIfFailing"));
    m_failing->addItem(tr("every step succeeds"), QString());
    for (const WorkflowNode& n : workflow.nodes) {
        m_failing->addItem(tr("“%1” fails").arg(n.displayTitle()), n.id);
    }
    form->addRow(tr("What if"), m_failing);

    m_preview->setObjectName(QStringLiteral("runPreview"));
    m_preview->setRootIsDecorated(false);
    m_preview->setHeaderLabels({ tr("Wave"), tr("Step"), tr("Outcome"), tr("Hosts"), tr("Batches"), tr("Note") });
    m_preview->header()->setStretchLastSection(true);
    m_problem->setObjectName(QStringLiteral("runProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: %1").arg(Theme::color(QStringLiteral("syntax.error")).name()));
    m_summary->setWordWrap(true);
    QPushButton* run = m_buttons->addButton(tr("Run"), QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("runWorkflowButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_hosts, &QLineEdit::textChanged, this, &WorkflowRunDialog::update);
    connect(m_failing, &QComboBox::currentIndexChanged, this, &WorkflowRunDialog::update);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("What will run (nothing is touched before Run):"), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    resize(760, 520);
    update();
}

QMap<QString, QString> WorkflowRunDialog::params() const
{
    QMap<QString, QString> out;
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        if (const auto* check = qobject_cast<const QCheckBox*>(it.value())) {
            out.insert(it.key(), check->isChecked() ? QStringLiteral("true") : QStringLiteral("false"));
        } else if (const auto* combo = qobject_cast<const QComboBox*>(it.value())) {
            out.insert(it.key(), combo->currentText());
        } else if (const auto* edit = qobject_cast<const QLineEdit*>(it.value())) {
            if (!edit->text().isEmpty()) {
                out.insert(it.key(), edit->text());
            }
        }
    }
    return out;
}

QString WorkflowRunDialog::hostsQuery() const
{
    return m_hosts->text().trimmed();
}

void WorkflowRunDialog::setParam(const QString& name, const QString& value)
{
    QWidget* field = m_fields.value(name);
    if (auto* check = qobject_cast<QCheckBox*>(field)) {
        check->setChecked(value == QLatin1String("true"));
    } else if (auto* combo = qobject_cast<QComboBox*>(field)) {
        combo->setCurrentText(value);
    } else if (auto* edit = qobject_cast<QLineEdit*>(field)) {
        edit->setText(value);
    }
}

void WorkflowRunDialog::setHostsQuery(const QString& query)
{
    m_hosts->setText(query);
}

void WorkflowRunDialog::setFailingNode(const QString& node)
{
    m_failing->setCurrentIndex(std::max(0, m_failing->findData(node)));
}

bool WorkflowRunDialog::canRun() const
{
    return m_problem->text().isEmpty();
}

void WorkflowRunDialog::update()
{
    m_preview->clear();
    m_summary->clear();
    QString problem;
    const auto typed = typedWorkflowParams(m_workflow, params());
    QStringList hosts;
    if (!typed) {
        problem = typed.error().message;
    } else {
        WorkflowTargets targets = m_workflow.targets;
        if (!hostsQuery().isEmpty()) {
            targets = WorkflowTargets();
            targets.query = hostsQuery();
        }
        const auto query = renderWorkflowText(targets.query, *typed);
        if (!query) {
            problem = tr("hosts: %1").arg(query.error().message);
        } else {
            targets.query = *query;
            const auto resolved = m_resolve ? m_resolve(targets) : Result<QStringList>(targets.hosts);
            if (!resolved) {
                problem = tr("hosts: %1").arg(resolved.error().message);
            } else {
                hosts = *resolved;
            }
        }
    }
    if (problem.isEmpty()) {
        m_last = previewWorkflow(m_workflow, *typed, hosts, m_resolve, m_failing->currentData().toString());
        for (const WorkflowPreviewNode& n : std::as_const(m_last.nodes)) {
            const WorkflowNode* node = m_workflow.node(n.node);
            auto* row = new QTreeWidgetItem(m_preview);
            row->setText(0, n.outcome == QLatin1String("skipped") ? QString() : QString::number(n.wave));
            row->setText(1, node ? node->displayTitle() : n.node);
            row->setData(1, Qt::UserRole, n.node);
            row->setText(2,
                n.outcome == QLatin1String("succeeded")    ? tr("runs")
                    : n.outcome == QLatin1String("failed") ? tr("fails")
                                                           : tr("skipped"));
            if (n.hostTouching && n.outcome != QLatin1String("skipped")) {
                row->setText(3, QString::number(n.hosts));
                QStringList sizes;
                for (const int s : n.batchSizes) {
                    sizes.append(QString::number(s));
                }
                row->setText(4, sizes.join(QStringLiteral(", ")));
            }
            row->setText(5, n.note);
            if (n.outcome == QLatin1String("skipped")) {
                for (int c = 0; c < 6; ++c) {
                    row->setForeground(c, Theme::color(QStringLiteral("disabledText")));
                }
            } else if (n.outcome == QLatin1String("failed")) {
                row->setForeground(2, Theme::color(QStringLiteral("job.failed")));
            }
        }
        m_summary->setText(tr("%n host(s); the workflow would end %1.", "", int(hosts.size()))
                               .arg(m_last.outcome == QLatin1String("succeeded") ? tr("succeeded") : tr("failed")));
        if (!m_last.problems.isEmpty()) {
            problem = m_last.problems.join(QLatin1Char('\n'));
        }
    } else {
        m_last = {};
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    for (QAbstractButton* b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole) {
            b->setEnabled(problem.isEmpty());
        }
    }
    for (int c = 0; c < 5; ++c) {
        m_preview->resizeColumnToContents(c);
    }
}
