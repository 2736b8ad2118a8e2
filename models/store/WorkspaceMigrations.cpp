#include "WorkspaceMigrations.h"

#include "store/SqlDialect.h"
#include "store/Workspace.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

Error sqlError(const QString& what, const QSqlError& e, const QString& path)
{
    return Error(QStringLiteral("%1: %2").arg(what, e.text()), { path });
}

} // namespace

const QList<QStringList>& WorkspaceMigrations::steps()
{
    static const QList<QStringList> steps {
        // 0 → 1: the inventory.
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "address TEXT NOT NULL DEFAULT '', port INTEGER NOT NULL DEFAULT 0, "
                           "user TEXT NOT NULL DEFAULT '', idc TEXT NOT NULL DEFAULT '', "
                           "business TEXT NOT NULL DEFAULT '', env TEXT NOT NULL DEFAULT '', "
                           "status TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]', "
                           "vars TEXT NOT NULL DEFAULT '{}', position INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE host_groups (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "kind TEXT NOT NULL DEFAULT 'custom', priority INTEGER NOT NULL DEFAULT 1, "
                           "vars TEXT NOT NULL DEFAULT '{}', position INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE TABLE group_children (parent_id INTEGER NOT NULL REFERENCES host_groups(id) "
                           "ON DELETE CASCADE, child_id INTEGER NOT NULL REFERENCES host_groups(id) ON DELETE "
                           "CASCADE, position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (parent_id, child_id))"),
            QStringLiteral("CREATE TABLE group_hosts (group_id INTEGER NOT NULL REFERENCES host_groups(id) "
                           "ON DELETE CASCADE, host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE, "
                           "position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (group_id, host_id))"),
        },
        // 1 → 2: the group_vars/ and host_vars/ layers of imported Ansible inventories; settings.
        {
            QStringLiteral("ALTER TABLE hosts ADD COLUMN file_vars TEXT NOT NULL DEFAULT '{}'"),
            QStringLiteral("ALTER TABLE host_groups ADD COLUMN file_vars TEXT NOT NULL DEFAULT '{}'"),
            QStringLiteral("CREATE INDEX group_hosts_by_host ON group_hosts(host_id)"),
            QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        },
        // 2 → 3: the script library. `scripts` holds the current version of each script (what lists and searches
        // read); `script_versions` every saved version in full (nothing is ever overwritten); tags are not
        // versioned.
        {
            QStringLiteral("CREATE TABLE scripts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "language TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'user', "
                           "description TEXT NOT NULL DEFAULT '', run_as TEXT NOT NULL DEFAULT '', "
                           "parameters TEXT NOT NULL DEFAULT '[]', content TEXT NOT NULL DEFAULT '', "
                           "version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                           "author TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE script_versions (script_id INTEGER NOT NULL REFERENCES scripts(id) "
                           "ON DELETE CASCADE, version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "author TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, "
                           "language TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, "
                           "run_as TEXT NOT NULL, parameters TEXT NOT NULL, content TEXT NOT NULL, "
                           "PRIMARY KEY (script_id, version))"),
            QStringLiteral("CREATE TABLE script_tags (script_id INTEGER NOT NULL REFERENCES scripts(id) "
                           "ON DELETE CASCADE, tag TEXT NOT NULL, PRIMARY KEY (script_id, tag))"),
            QStringLiteral("CREATE INDEX script_tags_by_tag ON script_tags(tag)"),
        },
        // 3 → 4: the job history (models/jobs/JobStore). `job_events` is the record (every event as its JSON line,
        // with the columns that reads filter on); `jobs` a summary row per job kept equal to the fold of its events;
        // `job_hosts` the targets, for the search by host. Times are UTC milliseconds since the epoch.
        {
            QStringLiteral("CREATE TABLE jobs (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', "
                           "created_at INTEGER NOT NULL, created_by TEXT NOT NULL DEFAULT '', status TEXT NOT NULL, "
                           "spec TEXT NOT NULL, target_description TEXT NOT NULL DEFAULT '', "
                           "host_count INTEGER NOT NULL DEFAULT 0, steps TEXT NOT NULL DEFAULT '[]', "
                           "finished_at INTEGER, last_seq INTEGER NOT NULL DEFAULT 0, "
                           "runner TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX jobs_by_created ON jobs(created_at)"),
            QStringLiteral("CREATE TABLE job_hosts (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, "
                           "host TEXT NOT NULL, PRIMARY KEY (job_id, host))"),
            QStringLiteral("CREATE INDEX job_hosts_by_host ON job_hosts(host)"),
            QStringLiteral("CREATE TABLE job_events (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, "
                           "seq INTEGER NOT NULL, time INTEGER NOT NULL, type TEXT NOT NULL, step INTEGER, "
                           "host TEXT, payload TEXT NOT NULL, PRIMARY KEY (job_id, seq))"),
            QStringLiteral("CREATE INDEX job_events_by_host ON job_events(job_id, host, seq)"),
        },
        // 4 → 5: dynamic groups. A group with a non-empty `rule` (a Jinja2 expression over `host`) has its members
        // computed from it; none are stored in group_hosts.
        {
            QStringLiteral("ALTER TABLE host_groups ADD COLUMN rule TEXT NOT NULL DEFAULT ''"),
        },
        // 5 → 6: the template library, versioned as the script library is (models/VersionedTable): `templates` holds
        // the current version of each template, `template_versions` every saved version in full.
        {
            QStringLiteral("CREATE TABLE templates (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "destination TEXT NOT NULL DEFAULT '', mode TEXT NOT NULL DEFAULT '', "
                           "owner TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '', "
                           "content TEXT NOT NULL DEFAULT '', version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "updated_at TEXT NOT NULL, author TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE template_versions (template_id INTEGER NOT NULL REFERENCES templates(id) "
                           "ON DELETE CASCADE, version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "author TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, "
                           "destination TEXT NOT NULL, mode TEXT NOT NULL, owner TEXT NOT NULL, "
                           "description TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (template_id, version))"),
        },
        // 6 → 7: the control server's API tokens (only a SHA-256 of each is kept) and its audit log.
        {
            QStringLiteral("CREATE TABLE api_tokens (id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, "
                           "hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, expires_at INTEGER, "
                           "revoked_at INTEGER, last_used_at INTEGER)"),
            QStringLiteral(
                "CREATE TABLE audit_log (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL, "
                "action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', result TEXT NOT NULL, "
                "address TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX audit_log_time ON audit_log(time)"),
        },
        // 7 → 8: files pushed by jobs, stored once by the SHA-256 of their bytes (models/store/FileStore); a job's
        // spec names them by that hash instead of carrying their bytes in its events.
        {
            QStringLiteral("CREATE TABLE file_blobs (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, "
                           "content BLOB NOT NULL, created_at INTEGER NOT NULL)"),
        },
        // 8 → 9: workflows, versioned as scripts are (models/VersionedTable): `workflows` holds the current version
        // of each workflow, `workflow_versions` every saved version in full; `yaml` is the workflow's YAML form.
        {
            QStringLiteral("CREATE TABLE workflows (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "description TEXT NOT NULL DEFAULT '', yaml TEXT NOT NULL DEFAULT '', "
                           "version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
                           "author TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE TABLE workflow_versions (workflow_id INTEGER NOT NULL REFERENCES workflows(id) "
                           "ON DELETE CASCADE, version INTEGER NOT NULL, created_at TEXT NOT NULL, "
                           "author TEXT NOT NULL, message TEXT NOT NULL DEFAULT '', name TEXT NOT NULL, "
                           "description TEXT NOT NULL, yaml TEXT NOT NULL, PRIMARY KEY (workflow_id, version))"),
        },
        // 9 → 10: the facts gathered of each host (models/facts/FactStore): the facts under Ansible's names as JSON and
        // when they were gathered (ms since the epoch), one row per inventory host name.
        {
            QStringLiteral("CREATE TABLE host_facts (host TEXT PRIMARY KEY, facts TEXT NOT NULL, "
                           "gathered_at INTEGER NOT NULL)"),
        },
        // 10 → 11: the control server's schedules (server/ScheduleStore, docs/schedules.md). `action` is what a fire
        // runs (JSON: a job spec, or a workflow with its parameters), `cron` + `zone` or `once_at` (a wall time in
        // `zone`) when; times are ms since the epoch, `next_fire_at` NULL when nothing is due any more. Firing claims a
        // due time by compare-and-set on `next_fire_at` (or `queued_at`), so portable SQL only. `schedule_runs` is the
        // history: one row per fire, skip, queue or error, and one per stretch of missed due times (count, first,
        // last).
        {
            QStringLiteral("CREATE TABLE schedules (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                           "action TEXT NOT NULL, cron TEXT NOT NULL DEFAULT '', zone TEXT NOT NULL, "
                           "once_at TEXT NOT NULL DEFAULT '', missed TEXT NOT NULL DEFAULT 'skip', "
                           "overlap TEXT NOT NULL DEFAULT 'skip', enabled INTEGER NOT NULL DEFAULT 1, "
                           "next_fire_at INTEGER, queued_at INTEGER, last_job_id TEXT NOT NULL DEFAULT '', "
                           "created_by TEXT NOT NULL, created_at INTEGER NOT NULL, "
                           "updated_by TEXT NOT NULL, updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE schedule_runs (id INTEGER PRIMARY KEY, schedule_id INTEGER NOT NULL "
                           "REFERENCES schedules(id) ON DELETE CASCADE, due_at INTEGER NOT NULL, "
                           "fired_at INTEGER NOT NULL, outcome TEXT NOT NULL, job_id TEXT NOT NULL DEFAULT '', "
                           "missed_count INTEGER NOT NULL DEFAULT 0, last_due_at INTEGER NOT NULL DEFAULT 0, "
                           "message TEXT NOT NULL DEFAULT '')"),
            QStringLiteral("CREATE INDEX schedule_runs_by_schedule ON schedule_runs (schedule_id, id)"),
        },
    };
    return steps;
}

Result<void> WorkspaceMigrations::upgrade(QSqlDatabase db, int from, const QString& path)
{
    QSqlQuery q(db);
    const SqlDialect::Kind kind = SqlDialect::of(db);
    for (int v = from; v < Workspace::kSchemaVersion; ++v) {
        for (const QString& sql : steps().at(v)) {
            if (!q.exec(SqlDialect::translate(sql, kind))) {
                return sqlError(
                    QStringLiteral("cannot upgrade the workspace from version %1").arg(v), q.lastError(), path);
            }
        }
    }
    if (auto set = SqlDialect::setSchemaVersion(db, Workspace::kSchemaVersion, Workspace::kApplicationId); !set) {
        return Error(QStringLiteral("cannot upgrade the workspace: %1").arg(set.errorString()), { path });
    }
    return {};
}
