#include "GroupDialog.h"

#include "common/MessageBar.h"
#include "inventory/GroupTreeModel.h"
#include "inventory/Inventory.h"
#include "inventory/RuleEdit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

GroupDialog::GroupDialog(const Inventory& inventory, const QString& parent, QWidget* parentWidget)
    : QDialog(parentWidget)
    , m_inventory(inventory)
{
    setWindowTitle(tr("New Group"));
    auto* layout = new QVBoxLayout(this);
    m_message = new MessageBar(this);
    layout->addWidget(m_message);
    auto* form = new QFormLayout;
    m_form = form;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("e.g. js_mongodb"));
    form->addRow(tr("&Name:"), m_name);
    m_kind = new QComboBox(this);
    for (Group::Kind k : { Group::Kind::Custom, Group::Kind::Idc, Group::Kind::Set }) {
        m_kind->addItem(GroupTreeModel::kindLabel(k), int(k));
    }
    m_kind->setToolTip(tr("The priority class of the group's variables: IDC < set < custom"));
    form->addRow(tr("&Kind:"), m_kind);
    m_parent = new QComboBox(this);
    m_parent->addItem(tr("(top level)"), QStringLiteral("all"));
    QStringList names;
    for (const Group& g : inventory.groups()) {
        if (g.name != QLatin1String("all") && g.name != QLatin1String("ungrouped")) {
            names.append(g.name);
        }
    }
    names.sort(Qt::CaseInsensitive);
    for (const QString& n : names) {
        m_parent->addItem(n, n);
    }
    m_parent->setCurrentIndex(std::max(0, m_parent->findData(parent)));
    form->addRow(tr("&Parent:"), m_parent);
    m_dynamic = new QCheckBox(tr("&Dynamic: its hosts are those that match a rule"), this);
    m_dynamic->setObjectName(QStringLiteral("dynamic"));
    form->addRow(QString(), m_dynamic);
    m_rule = new RuleEdit(inventory, this);
    form->addRow(tr("&Rule:"), m_rule);
    form->setRowVisible(m_rule, false);
    layout->addLayout(form);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &GroupDialog::validate);
    connect(m_dynamic, &QCheckBox::toggled, this, [this](bool on) {
        m_form->setRowVisible(m_rule, on);
        if (on) {
            m_rule->lineEdit()->setFocus();
        }
        validate();
        adjustSize();
    });
    connect(m_rule, &RuleEdit::validityChanged, this, &GroupDialog::validate);
    validate();
    setMinimumWidth(520);
}

void GroupDialog::validate()
{
    const QString name = m_name->text().trimmed();
    QString problem;
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    if (name.isEmpty()) {
        problem = tr("Enter a group name.");
    } else if (!valid.match(name).hasMatch()) {
        problem = tr("Use letters, digits, '_', '-' and '.' only (Ansible group names).");
    } else if (m_inventory.groupIndex(name) >= 0 || name == QLatin1String("ungrouped")) {
        problem = tr("A group named %1 already exists.").arg(name);
    }
    if (problem.isEmpty() || name.isEmpty()) {
        m_message->hideMessage();
    } else {
        m_message->showMessage(problem, MessageBar::Type::Error);
    }
    // The rule shows its own problems under it.
    const bool ruleOk = !m_dynamic->isChecked() || m_rule->isValid();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && ruleOk);
}

Group GroupDialog::group() const
{
    Group g;
    g.name = m_name->text().trimmed();
    g.kind = static_cast<Group::Kind>(m_kind->currentData().toInt());
    if (m_dynamic->isChecked()) {
        g.rule = m_rule->rule();
    }
    return g;
}

QString GroupDialog::parentGroup() const
{
    return m_parent->currentData().toString();
}
