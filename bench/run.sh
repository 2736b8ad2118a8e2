#!/usr/bin/env bash
# The OpsDeck benchmarks, with the peer tools measured in the same run. Prints `BENCH name value unit` lines.
#   bash bench/run.sh            100,000 hosts in 2,000 groups, 3 runs each (median)
#   HOSTS=10000 GROUPS=200 RUNS=5 bash bench/run.sh   (smaller, faster)
# Also the template preview latency and the 10,000-host job timeline's worst stall (bench_timeline). Then runs
# bench/jinja/run.sh (template rendering against Python Jinja2) and bench/ssh/run.sh (SSH fan-out against
# parallel-ssh and ansible).
set -euo pipefail
cd "$(dirname "$0")/.."
HOSTS=${HOSTS:-100000}
GROUPS_N=${GROUPS:-2000}
RUNS=${RUNS:-3}
bash tools/install-deps.sh --tests >/dev/null
cmake --preset default >/dev/null
cmake --build --preset default --target opsdeck-cli bench_inventory >/dev/null
bin=build/default
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 bench/gen_inventory.py --hosts "$HOSTS" --groups "$GROUPS_N" --out "$work/inv" >/dev/null
inv="$work/inv"
echo "# inventory: $HOSTS hosts, $GROUPS_N groups ($(du -sh "$inv" | cut -f1)); median of $RUNS runs"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { # wall seconds of a command
  local s e
  s=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}

imports=()
# Ours: a fresh workspace each run (parse, resolve nothing, write SQLite in one transaction).
for ((r = 0; r < RUNS; r++)); do
  rm -f "$work/ws.opsdeck"*
  imports+=("$(seconds "$bin/app/cli/opsdeck-cli" --workspace "$work/ws.opsdeck" inventory import "$inv")")
done
ours=$(printf '%s\n' "${imports[@]}" | median)
# ansible-inventory takes minutes on 100,000 hosts: measured once (PEER_RUNS to change), with its peak memory.
export ANSIBLE_LOCAL_TEMP="$work/ansible-tmp" ANSIBLE_HOME="$work/ansible-home" ANSIBLE_NOCOLOR=1
PEER_RUNS=${PEER_RUNS:-1}
peers=()
peer_rss=0
for ((r = 0; r < PEER_RUNS; r++)); do
  out=$( { /usr/bin/time -f '%e %M' ansible-inventory -i "$inv" --list >"$work/peer.json"; } 2>&1 | tail -1)
  peers+=("${out% *}")
  peer_rss=${out#* }
done
peer=$(printf '%s\n' "${peers[@]}" | median)
printf 'BENCH inventory.import %.3f s\n' "$ours"
printf 'BENCH inventory.import.peer.ansible-inventory %.3f s\n' "$peer"
printf 'BENCH inventory.import.ratio %.3f\n' "$(echo "$ours / $peer" | bc -l)"

list=$( { /usr/bin/time -f '%e %M' "$bin/app/cli/opsdeck-cli" --workspace "$work/ws.opsdeck" inventory list --json >"$work/ours.json"; } 2>&1 | tail -1)
printf 'BENCH inventory.list_json %.3f s\n' "${list% *}"
printf 'BENCH inventory.list_json_peak_rss %.1f MiB\n' "$(echo "${list#* } / 1024" | bc -l)"
printf 'BENCH inventory.list_json_peak_rss.peer.ansible-inventory %.1f MiB\n' "$(echo "$peer_rss / 1024" | bc -l)"
printf 'BENCH inventory.list_json_peak_rss.ratio %.3f\n' "$(echo "${list#* } / $peer_rss" | bc -l)"
if python3 -c "import json,sys; sys.exit(0 if json.load(open('$work/ours.json')) == json.load(open('$work/peer.json')) else 1)"; then
  echo "# inventory list --json is identical to ansible-inventory --list"
else
  echo "# WARNING: inventory list --json differs from ansible-inventory --list"
fi

"$bin/bench/bench_inventory" "$work/ws.opsdeck" "$RUNS"
echo "# targets: open < 1000 ms, keystroke median < 16 ms, import ratio < 1"

# The template engine against Python's Jinja2 (its own script: 10,000 hosts x 4 templates).
bash bench/jinja/run.sh

# The template editor's preview latency: keystroke to preview, offscreen (no peer tool: target < 50 ms).
cmake --build --preset default --target bench_template_preview >/dev/null
QT_QPA_PLATFORM=offscreen "$bin/bench/bench_template_preview" 21 2>/dev/null

# The job timeline at 10,000 hosts: worst GUI stall while the events stream in, offscreen (target < 50 ms).
cmake --build --preset default --target bench_timeline >/dev/null
QT_QPA_PLATFORM=offscreen "$bin/bench/bench_timeline" 3 2>/dev/null

# SSH fan-out against parallel-ssh/parallel-scp and ansible on loopback sshd hosts (its own script).
bash bench/ssh/run.sh

# SSH fan-out under load (issue 18): every host at once, sshd's MaxStartups at OpenSSH's default, against parallel-ssh.
bash bench/fanout/run.sh

# The control server (issue 15): the same job in-process and through opsdeck-server; live events to many subscribers.
bash bench/server/run.sh
