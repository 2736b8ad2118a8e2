#pragma once

#include "core/Result.h"

#include <QString>
#include <optional>

class Backend;
struct JobSpec;
class Workspace;

// The control server's one way to start a script job, for POST /api/v1/jobs and for the Scheduler alike: the spec
// checked, its creator set, the danger gate as in the console and the CLI (a script with blocking findings runs only
// when each is acknowledged in parameters.danger_acknowledged), then Backend::submit of the server's DirectBackend
// (JobLauncher, the SSH transport).
namespace JobSubmission {

struct Refusal {
    QString code; // bad_request or danger_not_acknowledged
    QString message;
    QString field; // empty when no field is to blame
};

// The spec's problems before anything runs (validation and the danger gate), if any.
std::optional<Refusal> check(Workspace& workspace, const JobSpec& spec);
// check(), then the submit with createdBy = `by`; the job's id, or why not.
Result<QString> submit(Workspace& workspace, Backend& backend, JobSpec spec, const QString& by, Refusal* refusal);

} // namespace JobSubmission
