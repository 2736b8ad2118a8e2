#pragma once

#include "core/Result.h"
#include "jobs/FailurePolicy.h"
#include "jobs/RollingPlan.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

// What a job does, as submitted: steps run in order on the job's targets (or a step's own), in rolling batches,
// under a failure policy. Plain data with a JSON form, stored with the job (job.created) and sent to the server.

// Runs a script: its text is fed on standard input to the interpreter, the args follow as arguments.
struct RunScript {
    QString interpreter = QStringLiteral("/bin/sh");
    QString script;
    QStringList args;
    bool operator==(const RunScript&) const = default;
};

// Puts a file on the hosts: a local path read by the backend, the bytes themselves, or — once the backend has
// stored them (FileStore) — the SHA-256 of stored bytes; with content or a hash, sourcePath is only a label. A
// backend stores inline bytes before the job starts, so the job's events carry only the hash. mode as octal text
// ("0644"), owner as "user[:group]"; empty = leave as the remote side creates them.
struct PushFile {
    QString sourcePath;
    QByteArray content;
    bool hasContent = false; // content is meant even when empty (an empty file)
    QString dest;
    QString mode;
    QString owner;
    QString contentSha256; // lowercase hex; the bytes are in the backend's FileStore
    bool operator==(const PushFile&) const = default;
};

// Renders a template per host (from that host's resolved variables plus the job parameters) and pushes it like a
// file. templateName names the library template (for display and history), templateText is what is rendered.
struct PushTemplate {
    QString templateName;
    QString templateText;
    QString dest;
    QString mode;
    QString owner;
    bool operator==(const PushTemplate&) const = default;
};

enum class StepKind { RunScript, PushFile, PushTemplate };

struct JobStep {
    QString name; // for people; displayName() makes one up when empty
    std::variant<RunScript, PushFile, PushTemplate> action;
    QString account; // run as; empty = the job's runAs
    std::optional<QStringList> targets; // overrides the job's targets

    StepKind kind() const { return StepKind(action.index()); }
    // `name`, else one made from the action: in the current language, or in English (`translated` false) for what
    // is stored, such as the job history's searchable step names.
    QString displayName(bool translated = true) const;
    bool operator==(const JobStep&) const = default;
};

QString stepKindName(StepKind kind); // "run-script", "push-file", "push-template"

struct JobSpec {
    QString id; // chosen by the submitter (a UUID); the engine makes one when empty
    QString name;
    QString createdBy;
    QString targetDescription; // what the operator selected (a query, groups), for display; targets is the result
    QStringList targets; // host names, resolved by the caller, in the order batches take them
    QList<JobStep> steps;
    QString runAs; // empty = the login user
    QJsonObject parameters; // job-layer variables: script environment, template variables
    int timeoutSeconds = 0; // per host and step; 0 = none
    int concurrency = 20; // hosts in flight at once; 0 = the whole batch
    qint64 bandwidthLimit = 0; // bytes per second for the job's file pushes, all hosts together; 0 = no limit
    RollingPlan plan;
    BatchPause pause;
    FailurePolicy failurePolicy;

    // A byte rate as operators write it: "2M", "500K", "1G", "65536" (bytes per second; K, M and G are 1024-based,
    // as rsync's --bwlimit; "/s" may follow). "0" or empty = no limit. Errors name the column.
    static Result<qint64> parseByteRate(const QString& text);

    // The hosts of a step: its own targets or the job's, without duplicates, in order.
    QStringList targetsOf(int step) const;
    // Every host of the job (union of the steps' targets), in first-seen order.
    QStringList allTargets() const;
    QString accountOf(int step) const;
    // The exact batches of a step before launch, assuming every host passed the earlier steps.
    QList<QStringList> batchPreview(int step) const;
    // Each host → the batch it runs in at the first step that targets it (a template's `ansible_play_batch`).
    QHash<QString, QStringList> batchOfHosts() const;

    Result<void> validate() const;
    QJsonObject toJson() const;
    static Result<JobSpec> fromJson(const QJsonObject& json);

    bool operator==(const JobSpec&) const = default;
};
