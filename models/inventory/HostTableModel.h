#pragma once

#include "inventory/HostQuery.h"
#include "inventory/Inventory.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>
#include <QHash>
#include <QStringList>

// The host table of the inventory browser: one row per shown host of an Inventory (owned elsewhere, read on the
// GUI thread only). Filtering (HostQuery + a group restriction) and sorting run in a worker thread on a copy of
// the inventory; each request carries a generation number and results of stale requests are dropped, so typing
// never waits for the filter. Rows are kept by host name so that edits that shift host indexes keep them valid.
// A filter result replaces the rows with one reset (the view only reads the visible window); edits insert,
// change and remove rows in ranges.
class HostTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Address, Port, User, Idc, Business, Env, Status, Tags, Groups, ColumnCount };
    enum Role { HostNameRole = Qt::UserRole + 1 };

    static QString mimeType() { return QStringLiteral("application/x-opsdeck-hosts"); }
    // Host names carried by a drag of this model's rows (one per line in the mime data).
    static QStringList hostNamesFromMime(const QMimeData* data);

    explicit HostTableModel(QObject* parent = nullptr);
    ~HostTableModel() override;

    // The inventory to show. It must outlive the model (or be replaced); after changing it wholesale call
    // setInventory() again. Shows every host at once, then applies the current filter in the background.
    void setInventory(const Inventory* inventory);
    const Inventory* inventory() const { return m_inventory; }

    // Applies a query and a group restriction ("" or "all": every host) asynchronously.
    void setFilter(const HostQuery& query, const QString& group = {});
    HostQuery query() const { return m_query; }
    QString groupFilter() const { return m_group; }
    // Re-runs the current filter and sort (after membership changes).
    void refresh();
    // True while a filter request is outstanding.
    bool isFiltering() const { return m_running || m_pending; }
    quint64 generation() const { return m_generation; }
    int totalHosts() const;

    QString hostName(int row) const;
    int rowOfHost(const QString& name) const;
    QStringList shownHosts() const { return m_rows; }

    // Incremental updates after edits of the inventory: changed rows are repainted, new hosts that match the
    // filter are appended, removed hosts lose their rows.
    void hostsChanged(const QStringList& names);
    void hostsRemoved(const QStringList& names);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    // The sort key of a cell (also used by the worker).
    static QString cellText(const Inventory& inventory, const Host& host, int column);

signals:
    // A filter request finished and its rows are shown.
    void filterFinished(int shown, int total);

private:
    struct FilterResult {
        quint64 generation = 0;
        QStringList rows;
    };
    void startFilter();
    void onFilterDone();
    const Host* hostAt(int row) const;

    const Inventory* m_inventory = nullptr;
    HostQuery m_query;
    QString m_group;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QStringList m_rows;
    mutable QHash<QString, int> m_rowOf;
    mutable bool m_rowOfValid = false;

    quint64 m_generation = 0;
    bool m_running = false;
    bool m_pending = false;
    QFutureWatcher<FilterResult>* m_watcher = nullptr;
};
