#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

class RemoteHttpClient;
class Workspace;

// A workspace and a control server compared: the scripts, templates and inventory each holds, and the two ways
// between them (docs/server.md, "Publishing"):
// - publish: what was authored in the workspace (offline) goes to the server, every update based on the server's
//   version the workspace last saw, so that nothing the server gained since is overwritten silently: an item the
//   server's copy moved on for is a conflict, published only when the caller names it;
// - pull: the server's current items replace the workspace's (the mirror the CLI's `--server` commands work on).
// What the workspace last saw of a server (per item its version and a hash of its text) is kept in the workspace's
// settings under `sync/<server>`. Calls are synchronous (RemoteHttpClient's deadline); run them off the GUI thread.
class LibrarySync {
public:
    enum class Kind { Script, Template, Inventory };
    enum class State {
        Same, // equal on both sides
        New, // only in the workspace: published as a new item
        Changed, // changed in the workspace since the server's version it last saw, which is still current
        Conflict, // both sides changed since the workspace last saw the server's (or never synced and different)
        ServerNewer, // changed only on the server: a pull brings it, a publish leaves it
        ServerOnly, // only on the server (a publish never deletes)
    };
    struct Item {
        Kind kind = Kind::Script;
        QString name; // "inventory" for the inventory
        State state = State::Same;
        int serverVersion = 0; // 0: not on the server
        int baseVersion = 0; // the server's version the workspace last saw; 0: never synced
        QString localText; // what is compared and diffed (a header of fields, then the content; the inventory as INI)
        QString serverText;
        QJsonObject body; // the write (scripts and templates)
        QString serverPlan; // inventory: what the server says a publish would change there (its dry run)

        QString key() const; // "script:NAME", "template:NAME", "inventory"
        // A unified diff, server → workspace.
        QString diff() const;
        bool publishable(bool overwrite) const
        {
            return state == State::New || state == State::Changed || (overwrite && state == State::Conflict);
        }
    };
    struct Plan {
        QString server; // as messages name it
        QList<Item> items; // scripts, then templates, then the inventory; by name
        QString serverRevision; // of the inventory
        int count(State state) const;
        // Human lines: one per item that is not Same ("new script nginx-reload", …), then a summary line.
        QString toText() const;
    };
    struct Outcome {
        QStringList published; // keys
        QStringList failed; // "key: message"
        QStringList skipped; // conflicts not named, and items the server holds newer
    };
    struct PullOutcome {
        int scripts = 0;
        int templates = 0;
        int hosts = 0;
        int groups = 0;
    };
    enum Part { Scripts = 1, Templates = 2, InventoryPart = 4, Everything = 7 };

    LibrarySync(Workspace& workspace, RemoteHttpClient& http);

    static QString stateName(State state); // "same", "new", "changed", "conflict", "server-newer", "server-only"
    static QString kindName(Kind kind); // "script", "template", "inventory"

    Result<Plan> plan(int parts = Everything);
    // Publishes the plan's New and Changed items, and the Conflicts whose key is in `overwrite` (based on the
    // server's version the plan saw: a server that moved on again since refuses it). Items whose key is in
    // `skip` stay as they are. Each item is recorded as seen once published.
    Outcome publish(const Plan& plan, const QSet<QString>& overwrite = {}, const QSet<QString>& skip = {});
    // The server's scripts, templates and inventory (the parts asked for) into the workspace, replacing what it
    // holds, and recorded as seen.
    Result<PullOutcome> pull(int parts = Everything);

    // What the workspace last saw of one item on the server.
    struct Seen {
        int version = 0;
        QString revision; // inventory
        QString sha; // of the text
    };

private:
    QHash<QString, Seen> loadSeen() const;
    Result<void> saveSeen(const QHash<QString, Seen>& seen);
    QString settingKey() const;

    Workspace& m_workspace;
    RemoteHttpClient& m_http;
};
