#!/usr/bin/env bash
# Template rendering: OpsDeck's engine against Python's Jinja2, same templates (bench/jinja/*.j2), same hosts.
#   bash bench/jinja/run.sh                 10,000 hosts, 3 runs each (median)
#   HOSTS=2000 RUNS=5 bash bench/jinja/run.sh
# Prints BENCH jinja.render_rate, .peer.python-jinja2, .ratio (ours/peer, higher is better) and
# jinja.preview_200_lines. Targets: ratio >= 10, preview < 16 ms.
set -euo pipefail
cd "$(dirname "$0")/../.."
HOSTS=${HOSTS:-10000}
RUNS=${RUNS:-3}
build=${BENCH_BUILD_DIR:-build/default}
python=${PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3
if [ "$build" = build/default ]; then
  cmake --preset default >/dev/null
else
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target bench_jinja -j"${BUILD_JOBS:-2}" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" bench/jinja/peer.py "$HOSTS" 1 --dump-json "$work/hosts.json" --render-one > "$work/host0.txt"
echo "# $HOSTS hosts x 4 templates (nginx, mongod, systemd unit, /etc/hosts); median of $RUNS runs"
ours_out=$("$build/bench/bench_jinja" bench/jinja "$work/hosts.json" "$RUNS" "$work/host0.txt")
echo "$ours_out"
ours=$(echo "$ours_out" | awk '/jinja.render_rate/ {print $3}')
peer=$("$python" bench/jinja/peer.py "$HOSTS" "$RUNS")
printf 'BENCH jinja.render_rate.peer.python-jinja2 %s renders/s\n' "$peer"
printf 'BENCH jinja.render_rate.ratio %.2f\n' "$(echo "$ours / $peer" | bc -l)"
