#include "HostEditDialog.h"

#include "YamlView.h"
#include "core/VarCodec.h"

#include "common/MessageBar.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {

// The distinct non-empty values of a host field, sorted, for the combo boxes' suggestions.
QStringList distinctValues(const Inventory& inventory, QString Host::*field)
{
    QSet<QString> seen;
    for (const Host& h : inventory.hosts()) {
        const QString& v = h.*field;
        if (!v.isEmpty()) {
            seen.insert(v);
        }
    }
    QStringList out(seen.begin(), seen.end());
    out.sort(Qt::CaseInsensitive);
    return out;
}

QComboBox* editableCombo(const QStringList& values, const QString& current, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->addItem(QString());
    combo->addItems(values);
    combo->setCurrentText(current);
    return combo;
}

QStringList splitTags(const QString& text)
{
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    QStringList tags = text.split(sep, Qt::SkipEmptyParts);
    tags.removeDuplicates();
    return tags;
}

} // namespace

HostEditDialog::HostEditDialog(const Inventory& inventory, const std::optional<HostEditState>& existing,
    const QStringList& preselectedGroups, QWidget* parent)
    : QDialog(parent)
    , m_inventory(inventory)
    , m_existing(existing)
{
    setWindowTitle(existing ? tr("Edit Host %1").arg(existing->host.name) : tr("Add Host"));
    const Host host = existing ? existing->host : Host();
    const QStringList groups = existing ? existing->groups : preselectedGroups;

    auto* layout = new QVBoxLayout(this);
    m_message = new MessageBar(this);
    layout->addWidget(m_message);

    auto* form = new QFormLayout;
    m_name = new QLineEdit(host.name, this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. web01.js"));
    form->addRow(tr("&Name:"), m_name);
    m_address = new QLineEdit(host.address, this);
    m_address->setObjectName(QStringLiteral("address"));
    m_address->setPlaceholderText(tr("IP address or DNS name (default: the name)"));
    form->addRow(tr("&Address:"), m_address);
    m_port = new QSpinBox(this);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default (22)"));
    m_port->setValue(host.port);
    form->addRow(tr("SSH &port:"), m_port);
    m_user = new QLineEdit(host.user, this);
    m_user->setPlaceholderText(tr("default from SSH config"));
    form->addRow(tr("SSH &user:"), m_user);
    m_idc = editableCombo(distinctValues(inventory, &Host::idc), host.idc, this);
    form->addRow(tr("&IDC:"), m_idc);
    m_business = editableCombo(distinctValues(inventory, &Host::business), host.business, this);
    form->addRow(tr("&Business:"), m_business);
    m_env = editableCombo(distinctValues(inventory, &Host::env), host.env, this);
    form->addRow(tr("&Environment:"), m_env);
    m_status = new QComboBox(this);
    m_status->addItem(tr("(none)"), QString());
    for (const QString& s : lifecycleStatuses()) {
        m_status->addItem(s, s);
    }
    if (!host.status.isEmpty() && m_status->findData(host.status) < 0) {
        m_status->addItem(host.status, host.status);
    }
    m_status->setCurrentIndex(std::max(0, m_status->findData(host.status)));
    form->addRow(tr("&Status:"), m_status);
    m_tags = new QLineEdit(host.tags.join(QLatin1String(", ")), this);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("comma-separated, e.g. mongodb, canary"));
    form->addRow(tr("&Tags:"), m_tags);

    m_groupFilter = new QLineEdit(this);
    m_groupFilter->setPlaceholderText(tr("Filter groups"));
    m_groupFilter->setClearButtonEnabled(true);
    m_groups = new QListWidget(this);
    m_groups->setObjectName(QStringLiteral("groups"));
    for (const Group& g : inventory.groups()) {
        // Dynamic groups take their hosts from their rule, not from here.
        if (g.name == QLatin1String("all") || g.name == QLatin1String("ungrouped") || g.isDynamic()) {
            continue;
        }
        auto* item = new QListWidgetItem(g.name, m_groups);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(groups.contains(g.name) ? Qt::Checked : Qt::Unchecked);
    }
    m_groups->sortItems();
    auto* groupBox = new QVBoxLayout;
    groupBox->addWidget(m_groupFilter);
    groupBox->addWidget(m_groups);
    form->addRow(tr("Groups:"), groupBox);

    m_vars = new YamlView(this);
    m_vars->setObjectName(QStringLiteral("vars"));
    m_parsedVars = host.vars;
    m_vars->setYaml(host.vars.isEmpty() ? QString() : QString::fromUtf8(VarCodec::toYaml(host.vars)));
    m_vars->setToolTip(tr("The host's own variables as a YAML mapping. Address, port, user, IDC, business, "
                          "environment, status and tags are the fields above."));
    m_vars->setMinimumHeight(110);
    form->addRow(tr("&Variables:"), m_vars);
    layout->addLayout(form);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &HostEditDialog::validate);
    connect(m_tags, &QLineEdit::textChanged, this, &HostEditDialog::validate);
    connect(m_vars, &QsciScintilla::textChanged, this, &HostEditDialog::validate);
    connect(m_groupFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int i = 0; i < m_groups->count(); ++i) {
            QListWidgetItem* item = m_groups->item(i);
            item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
        }
    });
    validate();
    resize(480, 560);
}

void HostEditDialog::validate()
{
    const QString name = m_name->text().trimmed();
    QString problem;
    if (name.isEmpty()) {
        problem = tr("Enter a host name.");
    } else if (name.contains(QRegularExpression(QStringLiteral("[\\s,\\[\\]]")))) {
        problem = tr("A host name cannot contain spaces, commas or brackets.");
    } else if ((!m_existing || m_existing->host.name != name) && m_inventory.hostIndex(name) >= 0) {
        problem = tr("A host named %1 already exists; choose another name.").arg(name);
    }
    if (problem.isEmpty()) {
        auto parsed = VarCodec::fromYamlMapping(m_vars->text().toUtf8(), tr("variables"));
        if (parsed) {
            m_parsedVars = *parsed;
        } else {
            problem = parsed.errorString();
        }
    }
    if (problem.isEmpty()) {
        m_message->hideMessage();
    } else if (!name.isEmpty()) {
        m_message->showMessage(problem, MessageBar::Type::Error);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

HostEditState HostEditDialog::hostState() const
{
    HostEditState state;
    // Keep what the dialog does not edit (the host_vars/ file layer) from the original host.
    if (m_existing) {
        state.host = m_existing->host;
    }
    Host& h = state.host;
    h.name = m_name->text().trimmed();
    h.address = m_address->text().trimmed();
    h.port = m_port->value();
    h.user = m_user->text().trimmed();
    h.idc = m_idc->currentText().trimmed();
    h.business = m_business->currentText().trimmed();
    h.env = m_env->currentText().trimmed();
    h.status = m_status->currentData().toString();
    h.tags = splitTags(m_tags->text());
    h.vars = m_parsedVars;
    for (int i = 0; i < m_groups->count(); ++i) {
        if (m_groups->item(i)->checkState() == Qt::Checked) {
            state.groups.append(m_groups->item(i)->text());
        }
    }
    // Keep the original order of groups the host was already in, then the new ones.
    if (m_existing) {
        QStringList ordered;
        for (const QString& g : m_existing->groups) {
            if (state.groups.contains(g)) {
                ordered.append(g);
            }
        }
        for (const QString& g : state.groups) {
            if (!ordered.contains(g)) {
                ordered.append(g);
            }
        }
        state.groups = ordered;
    }
    return state;
}
