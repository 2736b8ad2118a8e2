#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

class QLocalServer;

// One console window per workspace file: the window that has a workspace open listens on a local socket named
// after the file (its canonical path, per user), and a second `opsdeck FILE` — or File › Open of that file in
// another window — asks it to come to the front (with the page, search and host asked for) instead of opening
// the same file twice. A stale socket of a crashed console is taken over.
class WorkspaceInstance : public QObject {
    Q_OBJECT
public:
    explicit WorkspaceInstance(QObject* parent = nullptr);
    ~WorkspaceInstance() override;

    // Listens for `workspacePath` (stops listening for the previous one). False when another live window has it:
    // then this one does not listen (forward() to it instead).
    bool listen(const QString& workspacePath);
    void stop();
    QString listeningFor() const { return m_path; }

    // Asks the window that has `workspacePath` open to come forward with `request` (keys "page", "search",
    // "select"); true when one answered within `timeoutMs`.
    static bool forward(const QString& workspacePath, const QJsonObject& request = {}, int timeoutMs = 2000);
    // The socket name for a workspace file: per user and per canonical path.
    static QString socketName(const QString& workspacePath);

signals:
    void activationRequested(const QJsonObject& request);

private:
    QLocalServer* m_server = nullptr;
    QString m_path;
};
