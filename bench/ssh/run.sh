#!/usr/bin/env bash
# SSH fan-out: opsdeck-cli against parallel-ssh/parallel-scp and ansible (raw/copy) in the same run, on loopback
# sshd "hosts" (bench/ssh/fanout.py says what is measured). Needs root (the push hosts get private tmpfs mounts).
#   bash bench/ssh/run.sh                      200 hosts, 50 push hosts, 10 MB, 3 runs each (median)
#   HOSTS=50 PUSH_HOSTS=10 RUNS=1 bash bench/ssh/run.sh
#   ONLY=push bash bench/ssh/run.sh            only the scenarios whose names start with push (or true, hostname)
# Prints a table and `BENCH ssh.…` lines; target: opsdeck's wall time at most half of parallel-ssh's.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BENCH_BUILD_DIR:-build/default}
if [ "$build" = build/default ]; then
  cmake --preset default >/dev/null
else
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target opsdeck-cli bench_sshd -j"${BUILD_JOBS:-2}" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/ssh/fanout.py "$build" "$work"
