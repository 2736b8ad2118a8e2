#!/usr/bin/env python3
"""The Python Jinja2 side of the template benchmark: same templates, same hosts, same environment as OpsDeck.

Usage: peer.py HOSTS RUNS [--dump-json FILE]   prints `renders_per_second` (median of RUNS).
       peer.py HOSTS 1 --per-template           prints each template's microseconds per render, warm."""
import json
import os
import statistics
import sys
import time

import jinja2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_hosts import host_vars  # noqa: E402

TEMPLATES = ["nginx.conf.j2", "mongod.conf.j2", "app.service.j2", "hosts.j2"]


def sorted_dicts(v):
    if isinstance(v, dict):
        return {k: sorted_dicts(v[k]) for k in sorted(v)}
    if isinstance(v, list):
        return [sorted_dicts(x) for x in v]
    return v


def main():
    hosts_n = int(sys.argv[1])
    runs = int(sys.argv[2])
    here = os.path.dirname(os.path.abspath(__file__))
    hosts = [sorted_dicts(host_vars(i)) for i in range(hosts_n)]
    if "--dump-json" in sys.argv:
        with open(sys.argv[sys.argv.index("--dump-json") + 1], "w") as f:
            json.dump(hosts, f)
    env = jinja2.Environment(trim_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    templates = []
    for name in TEMPLATES:
        with open(os.path.join(here, name), encoding="utf-8") as f:
            templates.append(env.from_string(f.read()))
    if "--render-one" in sys.argv:  # the expected output of host 0, for the C++ side to compare
        sys.stdout.write("".join(t.render(**hosts[0]) for t in templates))
        return
    if "--per-template" in sys.argv:  # each template rendered warm: 16 hosts in turn (as bench_jinja --breakdown)
        warm = hosts[:16]
        for name, t in zip(TEMPLATES, templates):
            us = []
            for _ in range(5):
                start = time.perf_counter()
                for i in range(2000):
                    t.render(**warm[i % len(warm)])
                us.append((time.perf_counter() - start) / 2000 * 1e6)
            print("%s %.2f" % (name, statistics.median(us)))
        return
    for h in hosts[:1000]:  # warm-up, not timed (as in bench_jinja)
        for t in templates:
            t.render(**h)
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for h in hosts:
            for t in templates:
                t.render(**h)
        rates.append(hosts_n * len(templates) / (time.perf_counter() - start))
    print("%.1f" % statistics.median(rates))


if __name__ == "__main__":
    main()
