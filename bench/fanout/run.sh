#!/usr/bin/env bash
# Fan-out under load (issue 18): opsdeck-cli run against parallel-ssh at high concurrency on the same loopback sshd
# "hosts" in the same run, with sshd's MaxStartups at OpenSSH's default (10:30:100, per sshd of 16 ports), so that
# starting every handshake at once meets resets and a saturated sshd CPU; then the same hosts through one jump host
# (the first port; JUMP=0 skips it). Prints hosts succeeded side by side, wall time against the sshd-CPU floor,
# client CPU and peak memory per host, and `BENCH fanout.…` lines.
#   bash bench/fanout/run.sh                      400 hosts at concurrency 400 and 200, 3 runs each (median)
#   HOSTS=1000 CONCURRENCY=1000,200 bash bench/fanout/run.sh
#   HOSTS=100 RUNS=1 MAX_STARTUPS=500 bash bench/fanout/run.sh
# Traffic stays on 127.0.0.1; every process started is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BENCH_BUILD_DIR:-build/default}
if [ "$build" = build/default ]; then
  cmake --preset default >/dev/null
fi
cmake --build "$build" --target opsdeck-cli bench_sshd -j"${BUILD_JOBS:-2}" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/fanout/fanout_load.py "$build" "$work"
