#!/usr/bin/env bash
# Template rendering: OpsDeck's engine against Python's Jinja2, same templates (bench/jinja/*.j2), same hosts.
#   bash bench/jinja/run.sh                 10,000 hosts, 5 interleaved rounds (median)
#   HOSTS=2000 RUNS=5 bash bench/jinja/run.sh
# Prints BENCH jinja.render_rate, .peer.python-jinja2, .ratio (ours/peer, higher is better) and
# jinja.preview_200_lines. Targets: ratio >= 10, preview < 16 ms. Then a breakdown of where a host's time goes
# (reading its variables, converting them, rendering from converted ones, each template warm, with Python's
# figure for each template beside ours). BREAKDOWN=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/../.."
HOSTS=${HOSTS:-10000}
RUNS=${RUNS:-5}
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
echo "# $HOSTS hosts x 4 templates (nginx, mongod, systemd unit, /etc/hosts); $RUNS rounds, each timing OpsDeck"
echo "# then Python Jinja2 over all hosts (interleaved, so that both see the machine in the same state); medians"
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ours_rates=()
peer_rates=()
ratios=()
for ((r = 0; r < RUNS; r++)); do
  if [ "$r" -eq 0 ]; then # the first round also checks host 0's output against Python's and times the preview
    out=$("$build/bench/bench_jinja" bench/jinja "$work/hosts.json" 1 "$work/host0.txt" 2>"$work/err") || {
      cat "$work/err" >&2
      exit 1
    }
    preview=$(echo "$out" | grep 'jinja.preview_200_lines')
  else
    out=$("$build/bench/bench_jinja" bench/jinja "$work/hosts.json" 1 2>"$work/err") || {
      cat "$work/err" >&2
      exit 1
    }
  fi
  o=$(echo "$out" | awk '/jinja.render_rate/ {print $3}')
  p=$("$python" bench/jinja/peer.py "$HOSTS" 1)
  echo "# round $((r + 1)): OpsDeck $o renders/s, Python Jinja2 $p renders/s"
  ours_rates+=("$o")
  peer_rates+=("$p")
  ratios+=("$(echo "$o / $p" | bc -l)")
done
echo "# timed per host: converting its QVariantMap into a Jinja::Context once, then rendering the 4 templates from it"
printf 'BENCH jinja.render_rate %s renders/s\n' "$(printf '%s\n' "${ours_rates[@]}" | median)"
echo "$preview"
printf 'BENCH jinja.render_rate.peer.python-jinja2 %s renders/s\n' "$(printf '%s\n' "${peer_rates[@]}" | median)"
printf 'BENCH jinja.render_rate.ratio %.2f\n' "$(printf '%s\n' "${ratios[@]}" | median)"

if [ "${BREAKDOWN:-1}" != 0 ]; then
  echo "# breakdown: per host, reading its QVariantMap alone (no engine), converting it into a Jinja::Context;"
  echo "# rendering from contexts all converted beforehand (the input Python's engine gets); each template warm"
  echo "# (16 hosts in turn) against Python Jinja2 rendering the same template warm"
  out=$("$build/bench/bench_jinja" bench/jinja "$work/hosts.json" 1 --breakdown 2>"$work/err") || {
    cat "$work/err" >&2
    exit 1
  }
  echo "$out" | grep -E 'jinja\.(breakdown|render_rate\.preconverted)'
  peer=$(printf '%s\n' "${peer_rates[@]}" | median)
  pre=$(echo "$out" | awk '/render_rate.preconverted/ {print $3}')
  printf 'BENCH jinja.render_rate.preconverted.ratio %.2f\n' "$(echo "$pre / $peer" | bc -l)"
  "$python" bench/jinja/peer.py 16 1 --per-template >"$work/peer-templates"
  while read -r name us; do
    o=$(echo "$out" | awk -v n="jinja.template.$name" '$2 == n {print $3}')
    printf 'BENCH jinja.template.%s %s us (Python Jinja2 %s us, ratio %.2f)\n' "$name" "$o" "$us" "$(echo "$us / $o" | bc -l)"
  done <"$work/peer-templates"
fi
