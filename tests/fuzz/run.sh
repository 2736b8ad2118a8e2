#!/usr/bin/env bash
# Builds the template-engine fuzzer with clang (libFuzzer + AddressSanitizer + UBSan) in its own build directory and
# runs it for a bounded time with a seed corpus made of the differential test templates. Fails on a crash, a leak of
# the time budget per input (timeout) or an out-of-memory.
#   bash tests/fuzz/run.sh            60 s
#   FUZZ_SECONDS=600 bash tests/fuzz/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
src=$(pwd)
build=${FUZZ_BUILD_DIR:-$src/build/fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_BUILD_JOBS:-2}
# Everything is built with coverage instrumentation (fuzzer-no-link) so that libFuzzer sees into the engine; -O1
# with line tables only (enough for the sanitizers' stack traces, and assertions stay on) keeps the build short.
CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE= -DOPSDECK_FUZZ=ON -DWITH_ASAN=ON \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only -fsanitize=fuzzer-no-link" >/dev/null
ninja -C "$build" -j"$jobs" fuzz_jinja fuzz_api
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
# Seeds: every template of the differential suite, prefixed with an options byte.
python3 - "$corpus" "$src"/tests/jinja/cases/*.yml <<'PY'
import hashlib, os, sys, yaml
out = sys.argv[1]
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    for name, spec in (doc.get("cases") or {}).items():
        text = spec if isinstance(spec, str) else spec["template"]
        for flags in (1, 7, 10):
            data = bytes([flags]) + text.encode("utf-8")
            with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as g:
                g.write(data)
PY
mkdir -p "$build/fuzz-findings"
ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
  "$build/tests/fuzz/fuzz_jinja" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
  -artifact_prefix="$build/fuzz-findings/" -print_final_stats=1 "$corpus"

# The server's HTTP parsing and API routing, seeded with a few requests of each kind.
api_corpus=$(mktemp -d)
trap 'rm -rf "$corpus" "$api_corpus"' EXIT
python3 - "$api_corpus" <<'PY'
import os, sys
out = sys.argv[1]
seeds = [
    b"GET /api/v1/info HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/hosts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer odt_x\r\n\r\n",
    b"GET /api/v1/jobs?limit=5&status=failed HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/jobs/abc/events?after=3 HTTP/1.1\r\nHost: x\r\n\r\n",
    b'POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Length: 33\r\n\r\n{"name":"a","role":"viewer","x":1}',
    b'POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 30\r\n\r\n{"targets":["h"],"steps":[{}]}',
    b"DELETE /api/v1/tokens/1 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/audit?limit=2&before=9 HTTP/1.1\r\nHost: x\r\n\r\n",
]
# The library and inventory routes, with bodies of each shape.
def post(method, path, body):
    return (f"{method} {path} HTTP/1.1\r\nHost: x\r\nIf-Match: \"1\"\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body
seeds += [
    post("POST", "/api/v1/scripts", b'{"name":"s","content":"echo\\n","tags":["a"],"parameters":[{"name":"p"}]}'),
    post("PUT", "/api/v1/scripts/s", b'{"base_version":1,"content":"x","language":"sh"}'),
    post("POST", "/api/v1/scripts/s/restore", b'{"version":1,"base_version":2}'),
    b"GET /api/v1/scripts/s/diff?from=1&to=2 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/templates/t/versions/1 HTTP/1.1\r\nHost: x\r\n\r\n",
    post("POST", "/api/v1/templates", b'{"name":"t","content":"{{ a }}","mode":"0644","destination":"/etc/t"}'),
    post("POST", "/api/v1/templates/t/render", b'{"host":"h","variables":{"a":1.0},"content":"{% for i in x %}{{ i }}{% endfor %}"}'),
    post("POST", "/api/v1/hosts", b'{"name":"h","port":22,"groups":["g"],"vars":{"a":[1,{"b":null}]}}'),
    post("PUT", "/api/v1/groups/g", b'{"rule":"host.idc == \'js\'","children":["c"],"revision":"0"}'),
    b"GET /api/v1/hosts?q=idc:js%20-tag:a,b%20expr:(host.port%20!=%2022) HTTP/1.1\r\nHost: x\r\n\r\n",
    b"DELETE /api/v1/hosts/h?revision=0 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/inventory/export?format=yaml HTTP/1.1\r\nHost: x\r\n\r\n",
    post("POST", "/api/v1/inventory/import", b'{"content":"[g]\\nh a=1\\n","format":"ini","mode":"replace","dry_run":true}'),
]
for i, s in enumerate(seeds):
    for flag in (0, 1):
        with open(os.path.join(out, f"seed{i}-{flag}"), "wb") as f:
            f.write(bytes([flag]) + s)
PY
ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 \
  "$build/tests/fuzz/fuzz_api" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -artifact_prefix="$build/fuzz-findings/api-" -print_final_stats=1 "$api_corpus"
