#include "PublishDialog.h"

#include "DiffView.h"
#include "remote/RemoteHttpClient.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {
constexpr int KeyRole = Qt::UserRole + 1;
constexpr int IndexRole = Qt::UserRole + 2;

struct BusyCursor {
    BusyCursor() { QApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QApplication::restoreOverrideCursor(); }
};
} // namespace

PublishDialog::PublishDialog(Workspace* workspace, RemoteHttpClient* http, QWidget* parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_http(http)
    , m_table(new QTableWidget(0, 4, this))
    , m_diff(new DiffView(this))
    , m_status(new QLabel(this))
    , m_serverPlan(new QLabel(this))
{
    setObjectName(QStringLiteral("publishDialog"));
    setWindowTitle(tr("Publish to %1").arg(http->serverText()));
    m_table->setObjectName(QStringLiteral("publishTable"));
    m_table->setHorizontalHeaderLabels({ tr("Publish"), tr("Kind"), tr("Name"), tr("State") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_status->setObjectName(QStringLiteral("publishStatus"));
    m_status->setWordWrap(true);
    m_serverPlan->setWordWrap(true);
    m_serverPlan->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverPlan->hide();

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    auto* lower = new QWidget(split);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_serverPlan);
    lowerLayout->addWidget(m_diff, 1);
    split->addWidget(lower);
    split->setStretchFactor(1, 2);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* compareButton = buttons->addButton(tr("&Compare Again"), QDialogButtonBox::ActionRole);
    m_publish = buttons->addButton(tr("&Publish Ticked"), QDialogButtonBox::AcceptRole);
    m_publish->setObjectName(QStringLiteral("publishButton"));
    connect(compareButton, &QPushButton::clicked, this, [this] { compare(); });
    connect(m_publish, &QPushButton::clicked, this, [this] { publishTicked(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showItem(row); });

    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("What this workspace has that the server does not. New and changed items are "
                                "ticked; a conflict (the server's copy changed too) is published only if you tick "
                                "it, and then replaces the server's copy. Nothing is deleted on the server."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(960, 640);
}

QString PublishDialog::kindText(LibrarySync::Kind kind) const
{
    switch (kind) {
    case LibrarySync::Kind::Script:
        return tr("Script");
    case LibrarySync::Kind::Template:
        return tr("Template");
    case LibrarySync::Kind::Inventory:
        break;
    }
    return tr("Inventory");
}

QString PublishDialog::stateText(LibrarySync::State state) const
{
    switch (state) {
    case LibrarySync::State::Same:
        return tr("the same");
    case LibrarySync::State::New:
        return tr("new: not on the server");
    case LibrarySync::State::Changed:
        return tr("changed here");
    case LibrarySync::State::Conflict:
        return tr("conflict: the server's copy changed too");
    case LibrarySync::State::ServerNewer:
        return tr("newer on the server");
    case LibrarySync::State::ServerOnly:
        break;
    }
    return tr("only on the server");
}

QString PublishDialog::statusText() const
{
    return m_status->text();
}

bool PublishDialog::compare()
{
    std::optional<Result<LibrarySync::Plan>> planned;
    {
        BusyCursor busy;
        planned = LibrarySync(*m_workspace, *m_http).plan();
    }
    m_table->setRowCount(0);
    if (!*planned) {
        m_plan.reset();
        m_status->setText(tr("Could not compare with the server: %1").arg(planned->error().message));
        m_publish->setEnabled(false);
        return false;
    }
    m_plan = std::move(**planned);
    int shown = 0;
    for (int i = 0; i < m_plan->items.size(); ++i) {
        const LibrarySync::Item& item = m_plan->items.at(i);
        if (item.state == LibrarySync::State::Same || item.state == LibrarySync::State::ServerOnly) {
            continue;
        }
        m_table->insertRow(shown);
        auto* tick = new QTableWidgetItem;
        const bool canPublish = item.publishable(true);
        tick->setFlags(canPublish ? Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable
                                  : Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        if (canPublish) {
            tick->setCheckState(item.publishable(false) ? Qt::Checked : Qt::Unchecked);
        }
        tick->setData(KeyRole, item.key());
        tick->setData(IndexRole, i);
        m_table->setItem(shown, 0, tick);
        m_table->setItem(shown, 1, new QTableWidgetItem(kindText(item.kind)));
        m_table->setItem(
            shown, 2, new QTableWidgetItem(item.kind == LibrarySync::Kind::Inventory ? tr("inventory") : item.name));
        m_table->setItem(shown, 3, new QTableWidgetItem(stateText(item.state)));
        ++shown;
    }
    m_table->resizeColumnsToContents();
    const int conflicts = m_plan->count(LibrarySync::State::Conflict);
    m_status->setText(shown == 0
            ? tr("Everything here is on the server.")
            : tr("%n to publish", "",
                  m_plan->count(LibrarySync::State::New) + m_plan->count(LibrarySync::State::Changed))
                + (conflicts ? QStringLiteral(" · ") + tr("%n in conflict", "", conflicts) : QString()));
    m_publish->setEnabled(shown > 0);
    if (shown > 0) {
        m_table->setCurrentCell(0, 2);
    } else {
        showItem(-1);
    }
    return true;
}

void PublishDialog::showItem(int row)
{
    QTableWidgetItem* tick = row >= 0 ? m_table->item(row, 0) : nullptr;
    if (!tick || !m_plan) {
        m_diff->setTexts({}, {}, ScriptLanguage::Bash, {}, {});
        m_serverPlan->hide();
        return;
    }
    const LibrarySync::Item& item = m_plan->items.at(tick->data(IndexRole).toInt());
    const QString left = item.serverVersion > 0 && item.kind != LibrarySync::Kind::Inventory
        ? tr("Server — version %1").arg(item.serverVersion)
        : tr("Server");
    if (item.kind == LibrarySync::Kind::Script) {
        const auto language = ScriptLanguages::fromName(item.body.value(QStringLiteral("language")).toString());
        m_diff->setTexts(
            item.serverText, item.localText, language.value_or(ScriptLanguage::Bash), left, tr("This workspace"));
    } else {
        const auto syntax = item.kind == LibrarySync::Kind::Inventory
            ? JinjaSyntax::FileSyntax::KeyValue
            : JinjaSyntax::fileSyntaxFor(item.body.value(QStringLiteral("destination")).toString());
        m_diff->setTemplateTexts(item.serverText, item.localText, syntax, left, tr("This workspace"));
    }
    m_serverPlan->setVisible(!item.serverPlan.isEmpty());
    m_serverPlan->setText(tr("What the server would change:") + u'\n' + item.serverPlan.trimmed());
}

bool PublishDialog::publishTicked()
{
    if (!m_plan) {
        return false;
    }
    QSet<QString> overwrite;
    QSet<QString> skip;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* tick = m_table->item(row, 0);
        const QString key = tick->data(KeyRole).toString();
        if (tick->checkState() == Qt::Checked) {
            overwrite.insert(key);
        } else {
            skip.insert(key);
        }
    }
    LibrarySync::Outcome done;
    {
        BusyCursor busy;
        done = LibrarySync(*m_workspace, *m_http).publish(*m_plan, overwrite, skip);
    }
    compare();
    QString text = tr("Published %n item(s).", "", int(done.published.size()));
    if (!done.failed.isEmpty()) {
        text += u' ' + tr("Not published: %1").arg(done.failed.join(QStringLiteral("; ")));
    }
    m_status->setText(text + QStringLiteral(" ") + m_status->text());
    return done.failed.isEmpty();
}
