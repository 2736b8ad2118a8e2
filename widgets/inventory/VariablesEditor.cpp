#include "VariablesEditor.h"

#include "YamlView.h"
#include "common/LayerText.h"
#include "core/VarCodec.h"
#include "inventory/HostDetailsPanel.h"
#include "inventory/ansible/AnsibleVault.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {

const QString kAll = QStringLiteral("all");
constexpr int kPathRole = Qt::UserRole;
constexpr int kLayerKindRole = Qt::UserRole + 1;
constexpr int kLayerNameRole = Qt::UserRole + 2;

// `base` with `value` put at `path` (maps created where missing or where something else was).
QVariant withValueAt(const QVariant& base, const QStringList& path, const QVariant& value)
{
    if (path.isEmpty()) {
        return value;
    }
    QVariantMap map = base.typeId() == QMetaType::QVariantMap ? base.toMap() : QVariantMap {};
    map.insert(path.first(), withValueAt(map.value(path.first()), path.mid(1), value));
    return map;
}

void flattenInto(const QVariantMap& vars, const QStringList& prefix, QList<QPair<QStringList, QVariant>>& out)
{
    for (auto it = vars.cbegin(); it != vars.cend(); ++it) {
        const QStringList path = prefix + QStringList { it.key() };
        // A vault-encrypted value is one leaf (its map is how the inventory holds the ciphertext).
        if (it.value().typeId() == QMetaType::QVariantMap && !it.value().toMap().isEmpty()
            && !AnsibleVault::isEncryptedValue(it.value())) {
            flattenInto(it.value().toMap(), path, out);
        } else {
            out.append({ path, it.value() });
        }
    }
}

} // namespace

VariablesEditor::VariablesEditor(
    InventoryEditTarget* target, QUndoStack* undoStack, const QString& host, const QString& group, QWidget* parent)
    : QDialog(parent)
    , m_target(target)
    , m_undoStack(undoStack)
    , m_host(host)
    , m_group(group.isEmpty() ? kAll : group)
{
    setWindowTitle(host.isEmpty() ? tr("Variables of group %1").arg(m_group) : tr("Variables of host %1").arg(host));
    auto* layout = new QVBoxLayout(this);
    auto* tabs = new QTabWidget(this);
    layout->addWidget(tabs, 1);

    // Layers as YAML.
    auto* splitter = new QSplitter(tabs);
    m_layerList = new QListWidget(splitter);
    m_layerList->setObjectName(QStringLiteral("layers"));
    m_layerList->setToolTip(tr("Variable layers, lowest precedence first: a later layer overrides an earlier one"));
    auto* right = new QWidget(splitter);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_yaml = new YamlView(right);
    m_yaml->setObjectName(QStringLiteral("yaml"));
    rightLayout->addWidget(m_yaml, 1);
    m_problem = new QLabel(right);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    rightLayout->addWidget(m_problem);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_revert = new QPushButton(tr("&Revert"), right);
    m_apply = new QPushButton(tr("&Apply"), right);
    m_apply->setObjectName(QStringLiteral("apply"));
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    rightLayout->addLayout(buttons);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 180, 520 });
    tabs->addTab(splitter, tr("Layers (YAML)"));

    // The host's resolved variables, flattened.
    auto* flat = new QWidget(tabs);
    auto* flatLayout = new QVBoxLayout(flat);
    auto* writeRow = new QHBoxLayout;
    auto* writeLabel = new QLabel(tr("Write edited values to:"), flat);
    m_writeTo = new QComboBox(flat);
    m_writeTo->setObjectName(QStringLiteral("writeTo"));
    writeLabel->setBuddy(m_writeTo);
    writeRow->addWidget(writeLabel);
    writeRow->addWidget(m_writeTo, 1);
    flatLayout->addLayout(writeRow);
    m_table = new QTableWidget(0, 3, flat);
    m_table->setObjectName(QStringLiteral("flat"));
    m_table->setHorizontalHeaderLabels({ tr("Variable"), tr("Value"), tr("Source") });
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8); // compact rows
    m_table->setAlternatingRowColors(true);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_table->setToolTip(tr("Double-click a value to change it (YAML: 8080, [a, b], {k: v}, text)"));
    flatLayout->addWidget(m_table, 1);
    const int flatTab = tabs->addTab(flat, tr("Resolved (flattened)"));
    tabs->setTabVisible(flatTab, !m_host.isEmpty());

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    layout->addWidget(close);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_layerList, &QListWidget::currentRowChanged, this, &VariablesEditor::selectLayer);
    connect(m_yaml, &QsciScintilla::textChanged, this, &VariablesEditor::validate);
    connect(m_apply, &QPushButton::clicked, this, &VariablesEditor::apply);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        m_yaml->setYaml(m_savedText);
        validate();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &VariablesEditor::tableEdited);
    connect(m_undoStack, &QUndoStack::indexChanged, this, &VariablesEditor::refresh);
    refresh();
    resize(760, 520);
}

QString VariablesEditor::layerLabel(const VarLayer& layer) const
{
    if (layer.kind == VarLayer::Kind::Group && layer.name == kAll) {
        return tr("global (group all)");
    }
    return HostDetailsPanel::layerText(layer);
}

QVariantMap VariablesEditor::layerVars(const VarLayer& layer) const
{
    const Inventory& inv = m_target->inventory();
    if (layer.kind == VarLayer::Kind::Host) {
        const Host* h = inv.host(layer.name);
        return h ? h->vars : QVariantMap {};
    }
    const Group* g = inv.group(layer.name);
    return g ? g->vars : QVariantMap {};
}

void VariablesEditor::refresh()
{
    const Inventory& inv = m_target->inventory();
    QList<VarLayer> layers;
    if (m_host.isEmpty()) {
        layers.append({ VarLayer::Kind::Group, kAll });
        if (m_group != kAll && inv.group(m_group)) {
            layers.append({ VarLayer::Kind::Group, m_group });
        }
    } else {
        for (const auto& [layer, vars] : inv.layersOf(m_host)) {
            // group_vars/ and host_vars/ files are read-only here: they belong to the files they came from.
            if (layer.kind == VarLayer::Kind::Group || layer.kind == VarLayer::Kind::Host) {
                layers.append(layer);
            }
        }
    }
    const VarLayer current = m_current >= 0 && m_current < m_layers.size() ? m_layers[m_current] : VarLayer {};
    const bool edited = m_current >= 0 && m_yaml->text() != m_savedText;
    m_layers = layers;
    m_filling = true;
    m_layerList->clear();
    m_writeTo->clear();
    m_writeTo->addItem(tr("the layer that supplied the value"), -1);
    for (int i = 0; i < m_layers.size(); ++i) {
        m_layerList->addItem(layerLabel(m_layers[i]));
        m_writeTo->addItem(layerLabel(m_layers[i]), i);
    }
    const qsizetype keep = m_layers.indexOf(current);
    m_current = -1;
    m_filling = false;
    const int row = keep >= 0 ? int(keep) : int(m_layers.size()) - 1;
    const QString draft = m_yaml->text();
    m_layerList->setCurrentRow(row); // loads the stored YAML of that layer
    if (edited && keep >= 0) {
        m_yaml->setYaml(draft);
        validate();
    }
    fillTable();
}

void VariablesEditor::selectLayer(int index)
{
    if (m_filling || index < 0 || index >= m_layers.size() || index == m_current) {
        return;
    }
    m_current = index;
    const QVariantMap vars = layerVars(m_layers[index]);
    m_savedText = vars.isEmpty() ? QString() : QString::fromUtf8(VarCodec::toYaml(vars));
    m_yaml->setYaml(m_savedText);
    if (m_layerList->currentRow() != index) {
        m_layerList->setCurrentRow(index);
    }
    validate();
}

void VariablesEditor::validate()
{
    if (m_current < 0) {
        m_apply->setEnabled(false);
        return;
    }
    const QString text = m_yaml->text();
    auto parsed = VarCodec::fromYamlMapping(text.toUtf8(), layerLabel(m_layers[m_current]));
    if (!parsed) {
        const SourceLocation& at = parsed.error().where;
        m_yaml->showProblem(std::max(at.line, 1), std::max(at.column, 1), parsed.error().message);
        m_problem->setText(tr("Line %1, column %2: %3")
                               .arg(std::max(at.line, 1))
                               .arg(std::max(at.column, 1))
                               .arg(parsed.error().message));
    } else {
        m_yaml->clearProblem();
        m_problem->setText(text == m_savedText ? QString() : tr("Not applied yet"));
    }
    m_apply->setEnabled(parsed.ok() && text != m_savedText);
    m_revert->setEnabled(text != m_savedText);
}

void VariablesEditor::apply()
{
    if (m_current < 0) {
        return;
    }
    const QString text = m_yaml->text();
    auto parsed = VarCodec::fromYamlMapping(text.toUtf8(), layerLabel(m_layers[m_current]));
    if (!parsed) {
        return;
    }
    m_savedText = text; // what refresh() after the command compares against
    if (!pushVars(m_layers[m_current], *parsed)) {
        validate();
    }
}

Result<void> VariablesEditor::pushVars(const VarLayer& layer, const QVariantMap& vars, bool withFields)
{
    const Inventory& inv = m_target->inventory();
    InventoryCommand* command = nullptr;
    if (layer.kind == VarLayer::Kind::Host) {
        const Host* h = inv.host(layer.name);
        if (!h) {
            return Error(tr("no host named %1").arg(layer.name));
        }
        const HostEditState before { *h, inv.hostStaticGroups(layer.name) };
        HostEditState after = before;
        if (withFields) {
            after.host.setInventoryVars(vars); // ansible_host, opsdeck_idc … go to their fields
        } else {
            after.host.vars = vars;
        }
        command = new SaveHostCommand(m_target, before, after);
    } else {
        const Group* g = inv.group(layer.name);
        if (!g) {
            return Error(tr("no group named %1").arg(layer.name));
        }
        Group after = *g;
        after.vars = vars;
        command = new EditGroupCommand(m_target, *g, after);
    }
    command->setText(tr("Edit variables of %1").arg(layerLabel(layer)));
    m_undoStack->push(command);
    // A command whose redo failed is deleted by push() (its error went to the page's message bar).
    if (m_undoStack->index() == 0 || m_undoStack->command(m_undoStack->index() - 1) != command) {
        return Error(tr("the variables of %1 were not saved").arg(layerLabel(layer)));
    }
    return {};
}

QList<QPair<QStringList, QVariant>> VariablesEditor::flatten(const QVariantMap& vars)
{
    QList<QPair<QStringList, QVariant>> out;
    flattenInto(vars, {}, out);
    return out;
}

void VariablesEditor::fillTable()
{
    if (m_host.isEmpty()) {
        return;
    }
    m_filling = true;
    m_table->setRowCount(0);
    const QList<ResolvedVar> resolved = m_target->inventory().resolveVarsWithProvenance(m_host);
    for (const ResolvedVar& rv : resolved) {
        const QList<QPair<QStringList, QVariant>> leaves
            = flatten(QVariantMap { { rv.key, rv.value } }); // one top-level key: its leaves
        for (const auto& [path, value] : leaves) {
            const int row = m_table->rowCount();
            m_table->insertRow(row);
            auto* name = new QTableWidgetItem(path.join(QLatin1Char('.')));
            name->setFlags(name->flags() & ~Qt::ItemIsEditable);
            name->setData(kPathRole, path);
            auto* val = new QTableWidgetItem(LayerText::value(value));
            val->setToolTip(LayerText::valueToolTip(value));
            if (AnsibleVault::isEncryptedValue(value)) {
                // Edited as YAML (with ansible-vault encrypt_string), never by typing over the mask.
                val->setFlags(val->flags() & ~Qt::ItemIsEditable);
            }
            auto* source = new QTableWidgetItem(LayerText::source(layerLabel(rv.source), value));
            source->setFlags(source->flags() & ~Qt::ItemIsEditable);
            source->setData(kLayerKindRole, int(rv.source.kind));
            source->setData(kLayerNameRole, rv.source.name);
            if (!rv.overridden.isEmpty()) {
                QStringList lost;
                for (const auto& [layer, v] : rv.overridden) {
                    lost.prepend(layerLabel(layer));
                }
                source->setToolTip(tr("Overrides %1").arg(lost.join(QStringLiteral(", "))));
            }
            m_table->setItem(row, 0, name);
            m_table->setItem(row, 1, val);
            m_table->setItem(row, 2, source);
        }
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(2);
    m_filling = false;
}

void VariablesEditor::tableEdited(QTableWidgetItem* item)
{
    if (m_filling || item->column() != 1) {
        return;
    }
    const int row = item->row();
    const QStringList path = m_table->item(row, 0)->data(kPathRole).toStringList();
    auto value = VarCodec::fromYaml(item->text().toUtf8(), path.join(QLatin1Char('.')));
    if (!value) {
        m_problem->setText(value.errorString());
        fillTable();
        return;
    }
    VarLayer layer;
    const int chosen = m_writeTo->currentData().toInt();
    if (chosen >= 0 && chosen < m_layers.size()) {
        layer = m_layers[chosen];
    } else {
        const QTableWidgetItem* source = m_table->item(row, 2);
        layer = { VarLayer::Kind(source->data(kLayerKindRole).toInt()), source->data(kLayerNameRole).toString() };
        // group_vars/ and host_vars/ files are not edited here: the host's own layer overrides them.
        if (layer.kind != VarLayer::Kind::Group && layer.kind != VarLayer::Kind::Host) {
            layer = { VarLayer::Kind::Host, m_host };
        }
    }
    setValue(path, *value, layer);
}

void VariablesEditor::setValue(const QStringList& path, const QVariant& value, const VarLayer& layer)
{
    if (path.isEmpty()) {
        return;
    }
    // A host's layer as Ansible sees it: its fields (ansible_port, opsdeck_idc …) are variables there too.
    const Host* host = layer.kind == VarLayer::Kind::Host ? m_target->inventory().host(layer.name) : nullptr;
    QVariantMap vars = host ? host->inventoryVars() : layerVars(layer);
    const QString& top = path.first();
    QVariant base = vars.value(top);
    if (!vars.contains(top) && !m_host.isEmpty()) {
        base = m_target->inventory().resolveVars(m_host).value(top);
    }
    vars.insert(top, withValueAt(base, path.mid(1), value));
    if (auto r = pushVars(layer, vars, host != nullptr); !r) {
        m_problem->setText(r.errorString());
        fillTable();
    }
}
