#include "VersionHistoryDialog.h"

#include "DiffView.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

VersionHistoryDialog::VersionHistoryDialog(QWidget* parent)
    : QDialog(parent)
{
    resize(1200, 720);
    auto* layout = new QVBoxLayout(this);
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_list = new QTreeWidget(split);
    m_list->setObjectName(QStringLiteral("versionList"));
    m_list->setHeaderLabels({ tr("Version"), tr("Saved"), tr("Author"), tr("Note") });
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->header()->setStretchLastSection(true);
    m_diff = new DiffView(split);
    m_diff->setObjectName(QStringLiteral("versionDiff"));
    split->addWidget(m_list);
    split->addWidget(m_diff);
    split->setStretchFactor(1, 3);
    split->setSizes({ 360, 840 });
    layout->addWidget(split, 1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("historySummary"));
    layout->addWidget(m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore This Version"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(QStringLiteral("restoreVersion"));
    m_restore->setToolTip(tr("Save the selected version again as the newest version (nothing is overwritten)"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &VersionHistoryDialog::restoreSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &VersionHistoryDialog::updateDiff);
}

void VersionHistoryDialog::load()
{
    auto versions = readVersions();
    m_list->clear();
    if (!versions) {
        m_summary->setText(versions.errorString());
        return;
    }
    m_versions = *versions;
    if (!m_versions.isEmpty()) {
        setWindowTitle(tr("History of “%1”").arg(m_versions.last().name));
    }
    // Newest first, as histories read.
    for (auto it = m_versions.crbegin(); it != m_versions.crend(); ++it) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(0, QString::number(it->version));
        item->setText(1, QLocale().toString(it->createdAt.toLocalTime(), QLocale::ShortFormat));
        item->setText(2, it->author);
        item->setText(3, it->message);
        item->setData(0, Qt::UserRole, it->version);
        item->setToolTip(3, it->message);
    }
    for (int c = 0; c < 3; ++c) {
        m_list->resizeColumnToContents(c);
    }
    selectVersions(m_versions.size() > 1 ? int(m_versions.size()) - 1 : int(m_versions.size()),
        m_versions.size() > 1 ? int(m_versions.size()) : 0);
}

void VersionHistoryDialog::selectVersions(int first, int second)
{
    QSignalBlocker block(m_list);
    m_list->clearSelection();
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_list->topLevelItem(i);
        const int v = item->data(0, Qt::UserRole).toInt();
        if (v == first || (second > 0 && v == second)) {
            item->setSelected(true);
            m_list->setCurrentItem(item, 0, QItemSelectionModel::NoUpdate);
        }
    }
    block.unblock();
    updateDiff();
}

void VersionHistoryDialog::updateDiff()
{
    QList<int> selected;
    for (QTreeWidgetItem* item : m_list->selectedItems()) {
        selected << item->data(0, Qt::UserRole).toInt();
    }
    std::sort(selected.begin(), selected.end());
    const int latest = m_versions.isEmpty() ? 0 : m_versions.last().version;
    m_restore->setEnabled(selected.size() == 1 && selected.first() != latest);
    if (selected.isEmpty() || selected.size() > 2) {
        m_summary->setText(tr("Select one version to see what it changed, or two to compare them."));
        return;
    }
    const int newer = selected.last();
    const int older = selected.size() == 2 ? selected.first() : std::max(1, newer - 1);
    const Entry& a = m_versions.at(older - 1);
    const Entry& b = m_versions.at(newer - 1);
    const auto title = [](const Entry& v) {
        return tr("Version %1 — %2 — %3")
            .arg(v.version)
            .arg(QLocale().toString(v.createdAt.toLocalTime(), QLocale::ShortFormat), v.author);
    };
    showDiff(a, b, title(a), title(b));
    if (older == newer) {
        m_summary->setText(tr("Version 1 is the first version."));
    } else {
        m_summary->setText(
            tr("Version %1 against version %2: %n change(s)", nullptr, m_diff->changeCount()).arg(older).arg(newer));
    }
}

bool VersionHistoryDialog::restoreSelected()
{
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    if (items.size() != 1) {
        return false;
    }
    if (auto restored = restoreVersion(items.first()->data(0, Qt::UserRole).toInt()); !restored) {
        m_summary->setText(restored.errorString());
        return false;
    }
    load();
    return true;
}
