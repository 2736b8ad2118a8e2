#pragma once

// A workflow for retrying on a real server: its node `check` fails on its first try and succeeds after (the marker
// file it leaves behind, the parameter `marker`), then `after` waits a second. On srv-01 (ServerProcess's hosts).
inline const char* const kFlakyWorkflow = R"(name: flaky
params:
  - name: marker
    required: true
targets:
  hosts: [srv-01]
nodes:
  - id: check
    kind: run-script
    inline: 'if [ -f "$1" ]; then echo second try; else touch "$1"; exit 1; fi'
    args: ["{{ params.marker }}"]
  - id: after
    kind: wait
    seconds: 1
edges:
  - from: check
    to: after
)";
