#pragma once

#include "inventory/Inventory.h"

#include <QAbstractItemModel>
#include <QHash>
#include <memory>
#include <vector>

// The group tree of the inventory browser: "all" at the root, its top-level groups below, children nested
// (a group with several parents appears under each). Columns: name, kind (IDC / set / custom) and the number of
// hosts in the group including its descendants. Counts are computed apart (computeHostCounts(), which a worker
// can run on its own copy of the inventory) and handed in with setHostCounts(). Hosts dragged from the host table
// and dropped on a group are reported with hostsDropped(); the model itself never edits the inventory.
class GroupTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { Name, Kind, Hosts, ColumnCount };
    enum Role { GroupNameRole = Qt::UserRole + 1, KindRole, HostCountRole };

    explicit GroupTreeModel(QObject* parent = nullptr);
    ~GroupTreeModel() override;

    // Rebuilds the tree from `inventory` (which must outlive the model or be replaced). Counts are kept for the
    // groups that still exist until setHostCounts() gives new ones.
    void setInventory(const Inventory* inventory);
    void setHostCounts(const QHash<QString, int>& counts);
    QHash<QString, int> hostCounts() const { return m_counts; }
    static QHash<QString, int> computeHostCounts(const Inventory& inventory);

    QString groupName(const QModelIndex& index) const;
    // Path of group names from "all" down to the item, e.g. {"all", "js", "js_web"}; identifies an occurrence.
    QStringList pathOf(const QModelIndex& index) const;
    QModelIndex indexForPath(const QStringList& path) const;
    // The first occurrence of a group in the tree (breadth first).
    QModelIndex indexForGroup(const QString& name) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;
    bool canDropMimeData(
        const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) const override;
    bool dropMimeData(
        const QMimeData* data, Qt::DropAction action, int row, int column, const QModelIndex& parent) override;

    static QString kindLabel(Group::Kind kind);

signals:
    void hostsDropped(const QStringList& hosts, const QString& group);

private:
    struct Node {
        QString name;
        Node* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    Node* nodeFor(const QModelIndex& index) const;
    void build(Node* node, QStringList& ancestors);
    QStringList topLevelGroups() const;
    QString dropTarget(int row, const QModelIndex& parent) const;

    const Inventory* m_inventory = nullptr;
    std::unique_ptr<Node> m_root; // invisible; its one child is "all"
    QHash<QString, int> m_counts;
};
