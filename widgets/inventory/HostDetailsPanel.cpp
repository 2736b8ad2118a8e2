#include "HostDetailsPanel.h"

#include "YamlView.h"
#include "common/Dialogs.h"
#include "common/LayerText.h"
#include "core/VarCodec.h"
#include "inventory/Inventory.h"
#include "inventory/ansible/AnsibleVault.h"
#include "ssh/SshConfig.h"

#include <QDir>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
enum FieldRow { Address, Port, User, Idc, Business, Env, Status, Tags, Groups, AllGroups, FieldCount };
constexpr int kOverriddenRole = Qt::UserRole + 1;

QString localUserName()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) {
        user = qEnvironmentVariable("LOGNAME");
    }
    return user.isEmpty() ? QStringLiteral("root") : user;
}

// The inventory's value of `key` for `host` with the layer it came from (nullopt: no layer sets it).
std::optional<ResolvedVar> inventoryValue(const Inventory& inventory, const QString& host, const QString& key)
{
    for (const ResolvedVar& rv : inventory.resolveVarsWithProvenance(host)) {
        if (rv.key == key) {
            return rv;
        }
    }
    return std::nullopt;
}

// The name ~/.ssh/config's Host patterns are matched against: the address, else the inventory name.
QString configName(const Inventory& inventory, const QString& host)
{
    const Host* h = inventory.host(host);
    return h && !h->address.isEmpty() ? h->address : host;
}

// The vault envelope of a masked value (its row shows "•••••• encrypted").
constexpr int kVaultEnvelopeRole = Qt::UserRole + 7;

// Vault passwords typed to reveal values, for this session (never written anywhere).
AnsibleVault::Secrets& revealSecrets()
{
    static AnsibleVault::Secrets secrets;
    return secrets;
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
    case VarLayer::Kind::Facts:
        return LayerText::fact(layer); // "fact, gathered 2 h ago"
    case VarLayer::Kind::Job:
        return tr("job");
    }
    return layer.toString();
}

QString HostDetailsPanel::sshUserText(const Inventory& inventory, const QString& host, const SshConfig& config)
{
    if (const auto rv = inventoryValue(inventory, host, QStringLiteral("ansible_user"));
        rv && !rv->value.toString().isEmpty()) {
        return tr("%1 (from %2)").arg(rv->value.toString(), layerText(rv->source));
    }
    if (const QString user = config.lookup(configName(inventory, host)).user; !user.isEmpty()) {
        return tr("%1 (from ~/.ssh/config)").arg(user);
    }
    return tr("%1 (default: the local user)").arg(localUserName());
}

QString HostDetailsPanel::sshPortText(const Inventory& inventory, const QString& host, const SshConfig& config)
{
    if (const auto rv = inventoryValue(inventory, host, QStringLiteral("ansible_port")); rv) {
        return tr("%1 (from %2)").arg(QString::fromUtf8(VarCodec::toJson(rv->value)), layerText(rv->source));
    }
    if (const int port = config.lookup(configName(inventory, host)).port; port > 0) {
        return tr("%1 (from ~/.ssh/config)").arg(port);
    }
    return tr("22 (default)");
}

void HostDetailsPanel::setSshConfigSource(SshConfigSource source)
{
    m_sshConfig = std::move(source);
}

HostDetailsPanel::HostDetailsPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(m_stack);
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
    for (int row = 0; row < FieldCount; ++row) {
        auto* value = new QLabel(page);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setWordWrap(true);
        auto* label = new QLabel(page);
        form->addRow(label, value);
        m_labels.append(label);
        m_fields.append(value);
    }
    layout->addLayout(form);

    m_tabs = new QTabWidget(page);
    m_vars = new QTreeWidget(m_tabs);
    m_vars->setColumnCount(3);

    m_vars->setUniformRowHeights(true);
    m_vars->setAlternatingRowColors(true);
    m_vars->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_vars->setColumnWidth(0, 140);
    m_vars->setColumnWidth(1, 120);
    m_tabs->addTab(m_vars, QString());
    // Vault-encrypted values are masked; revealed on request with the vault password.
    m_vars->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_vars, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QTreeWidgetItem* item = m_vars->itemAt(pos);
        if (!item || item->data(1, kVaultEnvelopeRole).toString().isEmpty()) {
            return;
        }
        QMenu menu(this);
        menu.addAction(tr("Reveal Value…"), this, [this, item] { revealValue(item); });
        menu.exec(m_vars->viewport()->mapToGlobal(pos));
    });
    connect(m_vars, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (!item->data(1, kVaultEnvelopeRole).toString().isEmpty()) {
            revealValue(item);
        }
    });
    m_yaml = new YamlView(m_tabs);
    m_yaml->setReadOnly(true);
    m_tabs->addTab(m_yaml, QString());
    layout->addWidget(m_tabs, 1);
    m_stack->addWidget(page);
    retranslateUi();
}

bool HostDetailsPanel::revealValue(QTreeWidgetItem* item)
{
    const QByteArray envelope = item->data(1, kVaultEnvelopeRole).toString().toUtf8();
    if (envelope.isEmpty()) {
        return false;
    }
    const QString vaultId = AnsibleVault::envelopeVaultId(envelope);
    auto plain = AnsibleVault::decrypt(envelope, revealSecrets(), {});
    for (int attempt = 0; !plain && attempt < 3; ++attempt) {
        QString password;
        const QString label = attempt == 0
            ? tr("The value of %1 is encrypted with Ansible Vault (vault id %2). Its vault password (kept in memory "
                 "until OpsDeck closes):")
                  .arg(item->text(0), vaultId)
            : tr("That password does not open it. Try again:");
        if (!Dialogs::getSecret(this, tr("Reveal Value"), label, &password)) {
            return false;
        }
        const AnsibleVault::Secret secret { vaultId, password.toUtf8() };
        plain = AnsibleVault::decrypt(envelope, { secret }, {});
        if (plain) {
            revealSecrets().append(secret);
        }
    }
    if (!plain) {
        return false;
    }
    // Shown until the host is shown anew; the workspace still holds only the ciphertext.
    item->setText(1, QString::fromUtf8(*plain));
    item->setToolTip(1, tr("Revealed (decrypted for this view only; the workspace keeps it encrypted)"));
    return true;
}

void HostDetailsPanel::retranslateUi()
{
    const QStringList labels { tr("Address:"), tr("SSH port:"), tr("SSH user:"), tr("IDC:"), tr("Business:"),
        tr("Environment:"), tr("Status:"), tr("Tags:"), tr("Groups:"), tr("Member of:") };
    for (int row = 0; row < m_labels.size(); ++row) {
        m_labels[row]->setText(labels.value(row));
    }
    m_fields[AllGroups]->setToolTip(tr("Every group the host is in, including parents of its groups"));
    m_fields[User]->setToolTip(tr("The user the SSH connection logs in as, and where it comes from: the inventory "
                                  "layer that sets ansible_user, else ~/.ssh/config, else the local user"));
    m_fields[Port]->setToolTip(tr("The SSH port, and where it comes from: the inventory layer that sets "
                                  "ansible_port, else ~/.ssh/config, else 22"));
    m_vars->setHeaderLabels({ tr("Variable"), tr("Value"), tr("Source") });
    m_vars->setToolTip(tr("Resolved variables with the layer that supplied each; overridden values are shown "
                          "greyed below the value that won"));
    m_tabs->setTabText(0, tr("Resolved variables"));
    m_tabs->setTabText(1, tr("Host variables (YAML)"));
    if (m_host.isEmpty() && m_placeholderCount <= 1) {
        m_placeholder->setText(tr("Select a host to see its details and variables."));
    } else if (m_host.isEmpty()) {
        m_placeholder->setText(tr("%n host(s) selected.", nullptr, m_placeholderCount));
    }
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
        m_placeholderCount = int(hosts.size());
        retranslateUi();
        m_stack->setCurrentIndex(0);
        return;
    }
    m_host = host->name;
    m_title->setText(host->name);
    setField(Address, host->effectiveAddress());
    // What the transport will use, with where it comes from: a group's ansible_user counts as much as the host's.
    std::shared_ptr<const SshConfig> config = m_sshConfig ? m_sshConfig() : nullptr;
    if (!config) {
        config = std::make_shared<const SshConfig>(SshConfig::load(QDir::homePath() + QLatin1String("/.ssh/config")));
    }
    setField(Port, sshPortText(inventory, host->name, *config));
    setField(User, sshUserText(inventory, host->name, *config));
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
        auto* item = new QTreeWidgetItem(
            { rv.key, LayerText::value(rv.value), LayerText::source(layerText(rv.source), rv.value) });
        item->setToolTip(1, LayerText::valueToolTip(rv.value));
        if (AnsibleVault::isEncryptedValue(rv.value)) {
            item->setData(1, kVaultEnvelopeRole, AnsibleVault::envelopeOf(rv.value));
        }
        // Overridden layers, nearest first: the value that lost last comes right under the winner.
        for (auto it = rv.overridden.crbegin(); it != rv.overridden.crend(); ++it) {
            auto* child = new QTreeWidgetItem({ tr("overridden"), LayerText::value(it->second),
                LayerText::source(layerText(it->first), it->second) });
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
    } else if (event->type() == QEvent::LanguageChange && m_tabs) {
        retranslateUi();
    }
}
