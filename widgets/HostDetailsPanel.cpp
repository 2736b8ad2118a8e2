#include "HostDetailsPanel.h"

#include "Inventory.h"
#include "VarCodec.h"
#include "YamlView.h"

#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
enum FieldRow { Address, Port, User, Idc, Business, Env, Status, Tags, Groups, AllGroups, FieldCount };
constexpr int kOverriddenRole = Qt::UserRole + 1;

QString valueText(const QVariant& v)
{
    // One line, as Ansible prints it in `ansible-inventory --list` (JSON), so lists and maps stay readable.
    return QString::fromUtf8(VarCodec::toJson(v));
}
} // namespace

QString HostDetailsPanel::layerText(const VarLayer& layer)
{
    switch (layer.kind) {
    case VarLayer::Kind::Group:
        return tr("group %1").arg(layer.name);
    case VarLayer::Kind::GroupFile:
        return tr("group_vars/%1").arg(layer.name);
    case VarLayer::Kind::Host:
        return tr("host %1").arg(layer.name);
    case VarLayer::Kind::HostFile:
        return tr("host_vars/%1").arg(layer.name);
    case VarLayer::Kind::Job:
        return tr("job");
    }
    return layer.toString();
}

HostDetailsPanel::HostDetailsPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(tr("Select a host to see its details and variables."), m_stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);

    auto* page = new QWidget(m_stack);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 6);
    m_title = new QLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const QStringList labels { tr("Address:"), tr("SSH port:"), tr("SSH user:"), tr("IDC:"), tr("Business:"),
        tr("Environment:"), tr("Status:"), tr("Tags:"), tr("Groups:"), tr("Member of:") };
    for (const QString& label : labels) {
        auto* value = new QLabel(page);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        form->addRow(label, value);
        m_fields.append(value);
    }
    m_fields[AllGroups]->setToolTip(tr("Every group the host is in, including parents of its groups"));
    layout->addLayout(form);

    m_tabs = new QTabWidget(page);
    m_vars = new QTreeWidget(m_tabs);
    m_vars->setColumnCount(3);
    m_vars->setHeaderLabels({ tr("Variable"), tr("Value"), tr("Source") });
    m_vars->setUniformRowHeights(true);
    m_vars->setAlternatingRowColors(true);
    m_vars->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_vars->setColumnWidth(0, 140);
    m_vars->setColumnWidth(1, 120);
    m_vars->setToolTip(tr("Resolved variables with the layer that supplied each; overridden values are shown "
                          "greyed below the value that won"));
    m_tabs->addTab(m_vars, tr("Resolved variables"));
    m_yaml = new YamlView(m_tabs);
    m_yaml->setReadOnly(true);
    m_tabs->addTab(m_yaml, tr("Host variables (YAML)"));
    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(page);
}

void HostDetailsPanel::setField(int row, const QString& text)
{
    m_fields[row]->setText(text.isEmpty() ? tr("—") : text);
}

void HostDetailsPanel::showHosts(const Inventory& inventory, const QStringList& hosts)
{
    const Host* host = hosts.size() == 1 ? inventory.host(hosts.first()) : nullptr;
    if (!host) {
        m_host.clear();
        m_placeholder->setText(hosts.size() > 1 ? tr("%1 hosts selected.").arg(hosts.size())
                                                : tr("Select a host to see its details and variables."));
        m_stack->setCurrentIndex(0);
        return;
    }
    m_host = host->name;
    m_title->setText(host->name);
    setField(Address, host->effectiveAddress());
    setField(Port, host->port > 0 ? QString::number(host->port) : QString());
    setField(User, host->user);
    setField(Idc, host->idc);
    setField(Business, host->business);
    setField(Env, host->env);
    setField(Status, host->status);
    setField(Tags, host->tags.join(QLatin1String(", ")));
    setField(Groups, inventory.hostGroupsDirect(host->name).join(QLatin1String(", ")));
    setField(AllGroups, inventory.hostGroupsAll(host->name).join(QLatin1String(", ")));

    m_vars->clear();
    const QList<ResolvedVar> resolved = inventory.resolveVarsWithProvenance(host->name);
    QList<QTreeWidgetItem*> items;
    for (const ResolvedVar& rv : resolved) {
        auto* item = new QTreeWidgetItem({ rv.key, valueText(rv.value), layerText(rv.source) });
        item->setToolTip(1, QString::fromUtf8(VarCodec::toYaml(rv.value)).trimmed());
        // Overridden layers, nearest first: the value that lost last comes right under the winner.
        for (auto it = rv.overridden.crbegin(); it != rv.overridden.crend(); ++it) {
            auto* child = new QTreeWidgetItem({ tr("overridden"), valueText(it->second), layerText(it->first) });
            child->setData(0, kOverriddenRole, true);
            child->setToolTip(0, tr("Overridden by %1").arg(layerText(rv.source)));
            item->addChild(child);
        }
        items.append(item);
    }
    m_vars->addTopLevelItems(items);
    greyOverridden();

    QVariantMap own = host->vars;
    QString yaml = own.isEmpty() ? QString() : QString::fromUtf8(VarCodec::toYaml(own));
    if (!host->fileVars.isEmpty()) {
        yaml += QLatin1String("# host_vars/") + host->name + QLatin1Char('\n')
            + QString::fromUtf8(VarCodec::toYaml(host->fileVars));
    }
    if (yaml.isEmpty()) {
        yaml = QLatin1String("# ") + tr("no variables of its own") + QLatin1Char('\n');
    }
    m_yaml->setYaml(yaml);
    m_stack->setCurrentIndex(1);
}

void HostDetailsPanel::greyOverridden()
{
    // Greyed from the palette's disabled text colour so it follows the theme.
    const QBrush grey = palette().brush(QPalette::Disabled, QPalette::Text);
    for (int i = 0; i < m_vars->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_vars->topLevelItem(i);
        for (int c = 0; c < item->childCount(); ++c) {
            QTreeWidgetItem* child = item->child(c);
            for (int col = 0; col < 3; ++col) {
                child->setForeground(col, grey);
            }
            QFont f = child->font(1);
            f.setStrikeOut(true);
            child->setFont(1, f);
        }
    }
}

void HostDetailsPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        greyOverridden();
    }
}
