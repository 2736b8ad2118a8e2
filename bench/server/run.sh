#!/usr/bin/env bash
# The control server's cost (issue 15): the same job on the same loopback sshd "hosts" run in-process
# (opsdeck-cli --workspace: DirectBackend) and through opsdeck-server (opsdeck-cli --server), in the same run —
# the server's wall-time overhead (target ≤ 5%); then N WebSocket subscribers (fleet-wide, before the job starts)
# on one busy job: event latency from append to receipt (p50, p99; targets 5 ms and 50 ms), events per second,
# and the server's peak memory. Prints the figures side by side and `BENCH server.…` lines.
#   bash bench/server/run.sh                     200 hosts, 3 runs each (median), 50 subscribers
#   HOSTS=50 RUNS=1 SUBSCRIBERS=10 LINES=200 bash bench/server/run.sh
# Traffic stays on 127.0.0.1; every process started is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BENCH_BUILD_DIR:-build/default}
if [ "$build" = build/default ]; then
  cmake --preset default >/dev/null
fi
cmake --build "$build" --target opsdeck-cli opsdeck-server bench_sshd -j"${BUILD_JOBS:-2}" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 bench/server/server_load.py "$build" "$work"
