#include "GroupPropertiesDialog.h"

#include "YamlView.h"
#include "common/MessageBar.h"
#include "core/VarCodec.h"
#include "inventory/Inventory.h"
#include "inventory/RuleEdit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

GroupPropertiesDialog::GroupPropertiesDialog(const Group& group, QWidget* parent, const Inventory* inventory)
    : QDialog(parent)
    , m_group(group)
    , m_parsedVars(group.vars)
{
    setWindowTitle(tr("Group %1").arg(group.name));
    auto* layout = new QVBoxLayout(this);
    m_message = new MessageBar(this);
    layout->addWidget(m_message);
    auto* form = new QFormLayout;
    auto* name = new QLabel(group.name, this);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Name:"), name);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("Custom"), int(Group::Kind::Custom));
    m_kind->addItem(tr("IDC (data centre)"), int(Group::Kind::Idc));
    m_kind->addItem(tr("Set (cluster)"), int(Group::Kind::Set));
    m_kind->setCurrentIndex(m_kind->findData(int(group.kind)));
    form->addRow(tr("&Kind:"), m_kind);
    m_priority = new QSpinBox(this);
    m_priority->setObjectName(QStringLiteral("priority"));
    m_priority->setRange(-1000000, 1000000);
    m_priority->setValue(group.priority);
    m_priority->setToolTip(tr("ansible_group_priority: among groups of the same depth, a higher priority applies "
                              "later and wins."));
    form->addRow(tr("&Priority:"), m_priority);
    if (group.isDynamic() && inventory) {
        m_rule = new RuleEdit(*inventory, this);
        m_rule->setRule(group.rule);
        form->addRow(tr("&Rule:"), m_rule);
        connect(m_rule, &RuleEdit::validityChanged, this, &GroupPropertiesDialog::validate);
    }
    m_vars = new YamlView(this);
    m_vars->setObjectName(QStringLiteral("vars"));
    m_vars->setYaml(group.vars.isEmpty() ? QString() : QString::fromUtf8(VarCodec::toYaml(group.vars)));
    m_vars->setMinimumHeight(180);
    form->addRow(tr("&Variables:"), m_vars);
    layout->addLayout(form);
    if (!group.fileVars.isEmpty()) {
        auto* note = new QLabel(
            tr("group_vars/%1 also sets %n variable(s); they apply after these.", nullptr, int(group.fileVars.size()))
                .arg(group.name),
            this);
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_vars, &QsciScintilla::textChanged, this, &GroupPropertiesDialog::validate);
    validate();
    resize(520, 460);
}

void GroupPropertiesDialog::validate()
{
    QString problem;
    auto parsed = VarCodec::fromYamlMapping(m_vars->text().toUtf8(), tr("variables"));
    if (parsed) {
        m_parsedVars = *parsed;
    } else {
        problem = parsed.errorString();
    }
    if (problem.isEmpty()) {
        m_message->hideMessage();
    } else {
        m_message->showMessage(problem, MessageBar::Type::Error);
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty() && (!m_rule || m_rule->isValid()));
}

Group GroupPropertiesDialog::group() const
{
    Group g = m_group;
    g.kind = Group::Kind(m_kind->currentData().toInt());
    g.priority = m_priority->value();
    g.vars = m_parsedVars;
    if (m_rule) {
        g.rule = m_rule->rule();
    }
    return g;
}
