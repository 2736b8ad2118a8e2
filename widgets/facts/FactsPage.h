#pragma once

#include "Backend.h"
#include "common/AsyncTask.h"
#include "core/Result.h"
#include "facts/FleetFacts.h"
#include "inventory/Inventory.h"
#include "jobs/JobSpec.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>
#include <functional>

class FactsGathering;
class FactStore;
class MessageBar;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTabWidget;
class QTreeView;
class QTreeWidget;
class RunDialog;
class Workspace;

// The Facts page (docs/facts.md): what the hosts in scope run, from the facts gathered of them. Software: every
// package with the versions found and the hosts on each, the newest seen first; hosts picked on a version are
// upgraded through the run dialog (the library script "package-upgrade", the package as its parameter, the hosts as
// targets; plan and batches are set there). Services: every service with how many hosts have it active, failed or
// inactive; Start, Stop, Restart and Journal tail run as jobs on the hosts picked. Gather Facts runs the facts
// gathering as a job of the window's backend, with progress here; the views are read again when it ends. The facts
// are read by a worker (its own connection to the workspace).
class FactsPage : public QWidget {
    Q_OBJECT
public:
    enum class ServiceAction { Start, Stop, Restart, Journal };

    FactsPage(Workspace* workspace, Backend* backend, QWidget* parent = nullptr);
    ~FactsPage() override;

    void setBackend(Backend* backend);
    // The hosts the views show (empty: every host with facts), and how the operator chose them ("3 selected hosts").
    void setScope(const QStringList& hosts, const QString& description = {});
    QStringList scope() const { return m_scope; }
    // Reads the facts again (asynchronously; loaded() when done).
    void refresh();
    bool isLoading() const { return m_load.isPending(); }

    // Gathers the facts of `hosts` (one job through the backend; the views refresh when it ends).
    Result<QString> gatherFacts(const QStringList& hosts);
    bool isGathering() const { return m_gathering != nullptr; }

    // How jobs are submitted (the window's submitJob, which shows them in the Jobs page); default: the backend.
    using Submit = std::function<Result<QString>(const JobSpec&)>;
    void setSubmit(Submit submit) { m_submit = std::move(submit); }
    // The inventory the run dialog resolves targets in (the window's); default: read from the workspace.
    void setInventoryProvider(std::function<const Inventory*()> provider) { m_inventoryProvider = std::move(provider); }
    // How the run dialog is shown (tests answer it); default: exec().
    void setDialogRunner(std::function<int(RunDialog&)> runner) { m_dialogRunner = std::move(runner); }

    // The package and the hosts picked in the Software view (a version picks its hosts).
    QString selectedPackage() const;
    QStringList selectedPackageHosts() const;
    // Opens the run dialog for upgrading the selected package on the hosts picked; submits what it runs.
    void upgradeSelected();
    // The service and the hosts picked in the Services view (none picked: every host that has it).
    QString selectedService() const;
    QStringList selectedServiceHosts() const;
    // Runs `action` for the selected service (Stop and Restart ask first).
    void runServiceAction(ServiceAction action);
    // The job a service action runs (a systemctl or journalctl script, the unit as its argument).
    static JobSpec serviceJob(ServiceAction action, const QString& service, const QStringList& hosts);

    // Selects the package / service row by name (the filter is cleared when it hides it).
    bool selectPackage(const QString& name);
    bool selectService(const QString& name);

    const QList<FleetFacts::Package>& packages() const { return m_packages; }
    const QList<FleetFacts::Service>& services() const { return m_services; }
    QTabWidget* tabs() const { return m_tabs; }
    QLineEdit* packageFilter() const { return m_packageFilter; }
    QTreeView* packageView() const { return m_packageView; }
    QTreeWidget* versionTree() const { return m_versionTree; }
    QLineEdit* serviceFilter() const { return m_serviceFilter; }
    QTreeView* serviceView() const { return m_serviceView; }
    QTreeWidget* serviceHostTree() const { return m_serviceHosts; }
    QLabel* serviceLabel() const { return m_serviceLabel; }
    QPushButton* upgradeButton() const { return m_upgrade; }
    QPushButton* gatherButton() const { return m_gather; }
    QPushButton* serviceButton(ServiceAction action) const;
    QProgressBar* progressBar() const { return m_progress; }
    QLabel* scopeLabel() const { return m_scopeLabel; }
    MessageBar* messageBar() const { return m_message; }

signals:
    void loaded();
    void jobSubmitted(const QString& jobId);
    void gatheringFinished();
    // Gather Facts asks the window for the hosts (the inventory's selection or search).
    void gatherRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void fillPackages();
    void fillServices();
    void showVersions();
    void showServiceHosts();
    void updateButtons();
    void updateScopeLabel();
    void gatheringDone();
    Result<QString> submit(const JobSpec& spec);
    const Inventory* inventory();

    Workspace* m_workspace = nullptr;
    QPointer<Backend> m_backend;
    QStringList m_scope;
    QString m_scopeDescription;
    LatestAsync m_load;
    QList<FleetFacts::Package> m_packages;
    QList<FleetFacts::Service> m_services;
    int m_hostsWithFacts = 0;
    QDateTime m_oldest;
    QDateTime m_newest;
    Submit m_submit;
    std::function<const Inventory*()> m_inventoryProvider;
    std::function<int(RunDialog&)> m_dialogRunner;
    Inventory m_ownInventory;
    FactsGathering* m_gathering = nullptr;
    std::unique_ptr<FactStore> m_gatherStore;
    int m_gatherDone = 0;

    MessageBar* m_message = nullptr;
    QLabel* m_scopeLabel = nullptr;
    QPushButton* m_gather = nullptr;
    QProgressBar* m_progress = nullptr;
    QTabWidget* m_tabs = nullptr;
    QLineEdit* m_packageFilter = nullptr;
    QStandardItemModel* m_packageModel = nullptr;
    QSortFilterProxyModel* m_packageProxy = nullptr;
    QTreeView* m_packageView = nullptr;
    QTreeWidget* m_versionTree = nullptr;
    QLabel* m_versionLabel = nullptr;
    QPushButton* m_upgrade = nullptr;
    QLineEdit* m_serviceFilter = nullptr;
    QStandardItemModel* m_serviceModel = nullptr;
    QSortFilterProxyModel* m_serviceProxy = nullptr;
    QTreeView* m_serviceView = nullptr;
    QTreeWidget* m_serviceHosts = nullptr;
    QLabel* m_serviceLabel = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_restart = nullptr;
    QPushButton* m_journal = nullptr;
};
