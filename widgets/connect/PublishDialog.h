#pragma once

#include "sync/LibrarySync.h"

#include <QDialog>
#include <optional>

class DiffView;
class QLabel;
class QPushButton;
class QTableWidget;
class RemoteHttpClient;
class Workspace;

// File › Publish to Server…: what the local workspace holds that the connected server does not — scripts,
// templates and the inventory, each new, changed or in conflict with the server's copy — with the difference of
// the selected one (server on the left, workspace on the right). New and changed items are ticked; a conflict is
// published only when ticked by hand (it then overwrites the server's newer copy); nothing is deleted on the
// server. Compare asks the server again; Publish publishes the ticked items and compares again.
// (LibrarySync; the calls are synchronous with the HTTP client's deadline, under a busy cursor.)
class PublishDialog : public QDialog {
    Q_OBJECT

public:
    PublishDialog(Workspace* workspace, RemoteHttpClient* http, QWidget* parent = nullptr);

    // Asks the server and fills the table; false (and the reason shown) when it cannot.
    bool compare();
    // Publishes the ticked items; the outcome is shown and the table compared again.
    bool publishTicked();

    QTableWidget* table() const { return m_table; }
    QString statusText() const;
    const std::optional<LibrarySync::Plan>& plan() const { return m_plan; }

private:
    void showItem(int row);
    QString stateText(LibrarySync::State state) const;
    QString kindText(LibrarySync::Kind kind) const;

    Workspace* m_workspace;
    RemoteHttpClient* m_http;
    std::optional<LibrarySync::Plan> m_plan;
    QTableWidget* m_table;
    DiffView* m_diff;
    QLabel* m_status;
    QLabel* m_serverPlan;
    QPushButton* m_publish;
};
