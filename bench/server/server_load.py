#!/usr/bin/env python3
"""The control server's cost: in-process against through opsdeck-server, same hosts, same run; then live events.

Started by bench/server/run.sh. The hosts are ports of real sshd processes on 127.0.0.1 (bench_sshd, 16 ports per
sshd). Part 1 runs one job RUNS times each way and compares the median wall times. Part 2 connects SUBSCRIBERS
WebSocket clients (python3-websocket, each in its own process so that the clients do not share one interpreter
lock), subscribes each to the whole fleet before the job starts, runs a job whose hosts print LINES lines each, and
measures for every event received the time from its append on the server (the event's `time`) to its receipt,
the events per second the server appended and each subscriber received, and the server's peak memory.
Measuring helpers come from bench/ssh/fanout.py.
"""

import json
import multiprocessing
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ssh"))
from fanout import bench_group_lines, measure, start_hosts  # noqa: E402


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def start_server(binary, data, known):
    proc = subprocess.Popen([binary, "--data", data, "--listen", "127.0.0.1:0", "--ssh-config", "none",
                             "--known-hosts", known, "--config", os.path.join(data, "..", "server.conf")],
                            stderr=subprocess.PIPE, text=True)
    while True:
        line = proc.stderr.readline()
        if not line:
            sys.exit("opsdeck-server did not start")
        m = re.search(r"listening on 127\.0\.0\.1:(\d+)", line)
        if m:
            # The request log goes on; read it away so that the server never blocks on a full pipe.
            import threading
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return proc, int(m.group(1))


def peak_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def subscriber(port, token, ready, expected_jobs, results):
    import websocket  # python3-websocket
    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/api/v1/events",
                                     header=[f"Authorization: Bearer {token}"], timeout=120)
    ws.send(json.dumps({"type": "subscribe", "fleet": True}))
    ready.wait()
    latencies = []
    first = last = None
    finished = 0
    while finished < expected_jobs:
        message = ws.recv()
        now = time.time() * 1000.0
        o = json.loads(message)
        if o.get("type") != "event":
            continue
        e = o["event"]
        latencies.append(now - e["time"])
        first = first or now
        last = now
        finished += e["type"] == "job.finished"
    ws.close()
    results.put((latencies, first, last))


def main():
    build, work = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("RUNS", "3"))
    hosts_n = int(os.environ.get("HOSTS", "200"))
    subscribers_n = int(os.environ.get("SUBSCRIBERS", "50"))
    lines = int(os.environ.get("LINES", "500"))
    cli = os.path.join(build, "app", "cli", "opsdeck-cli")
    server = os.path.join(build, "server", "opsdeck-server")
    proc, info = start_hosts(os.path.join(build, "bench", "bench_sshd"), hosts_n, 16)
    try:
        bench(cli, server, work, runs, subscribers_n, lines, info)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


def bench(cli, server, work, runs, subscribers_n, lines, info):
    user = os.environ.get("USER") or "root"
    known = info["known_hosts"]
    n = len(info["ports"])
    inv = os.path.join(work, "inventory.ini")
    with open(inv, "w") as f:
        f.write("[bench]\n")
        f.writelines(bench_group_lines(info, user))
    ws = os.path.join(work, "direct.opsdeck")
    data = os.path.join(work, "server")
    os.makedirs(data)
    # The bench makes many requests with one token: no request rate here.
    with open(os.path.join(work, "server.conf"), "w") as f:
        f.write("[limits]\nrequests_per_second_per_token = 0\nrequests_per_second_per_address = 0\n")
    for target in (ws, os.path.join(data, "workspace.opsdeck")):
        subprocess.run([cli, "--workspace", target, "inventory", "import", inv], check=True,
                       stdout=subprocess.DEVNULL)
    token = subprocess.run([server, "token", "create", "--data", data, "--role", "operator", "--name", "bench"],
                           check=True, capture_output=True, text=True).stdout.strip()
    token_file = os.path.join(work, "token")
    with open(token_file, "w") as f:
        f.write(token + "\n")
    srv, port = start_server(server, data, known)
    try:
        url = f"http://127.0.0.1:{port}"
        command = os.environ.get("COMMAND", "sleep 1; echo ok")
        env = dict(os.environ)
        ways = [
            ("direct", [cli, "--workspace", ws, "run", "--hosts", "group:bench", "--concurrency", str(n),
                        "--known-hosts", known, "--", command]),
            ("server", [cli, "--server", url, "--token-file", token_file, "run", "--hosts", "group:bench",
                        "--concurrency", str(n), "--", command]),
        ]
        walls = {}
        print(f"{'way':8} {'hosts':>9} {'wall s':>8}   (median of {runs}; {n} hosts at once: {command})")
        for name, argv in ways:
            samples = []
            for _ in range(runs):
                r = measure(argv, env, info["sshd_pids"])
                if r["status"] != 0:
                    print(f"# {name}: exit {r['status']}: " + " | ".join(r["out"].splitlines()[-3:]), file=sys.stderr)
                samples.append(r["wall"])
            walls[name] = median(samples)
            print(f"{name:8} {n:>9} {walls[name]:8.2f}", flush=True)
            print(f"BENCH server.{n}hosts.{name}.wall {walls[name]:.3f} s")
        overhead = 100.0 * (walls["server"] / walls["direct"] - 1.0)
        print(f"overhead of the server: {overhead:+.1f}% (target ≤ 5%)")
        print(f"BENCH server.{n}hosts.overhead {overhead:.1f} %", flush=True)

        # Live events: subscribers first, then a chatty job.
        ready = multiprocessing.Event()
        results = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=subscriber, args=(port, token, ready, 1, results))
                 for _ in range(subscribers_n)]
        for p in procs:
            p.start()
        time.sleep(1.0 + subscribers_n * 0.02)  # every subscription in place
        ready.set()
        chatty = f"for i in $(seq 1 {lines}); do echo line $i; sleep 0.002; done"
        started = time.time()
        subprocess.run([cli, "--server", url, "--token-file", token_file, "run", "--hosts", "group:bench",
                        "--concurrency", str(n), "--", chatty], stdout=subprocess.DEVNULL, check=False)
        job_s = time.time() - started
        latencies = []
        rates = []
        for _ in procs:
            got, first, last = results.get(timeout=300)
            latencies.extend(got)
            if first and last and last > first:
                rates.append(len(got) / ((last - first) / 1000.0))
        for p in procs:
            p.join(timeout=30)
        per_subscriber = len(latencies) / max(1, subscribers_n)
        print(f"{subscribers_n} subscribers, {per_subscriber:.0f} events each in {job_s:.1f} s: latency p50 "
              f"{percentile(latencies, 0.5):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms (targets 5 and 50); "
              f"{median(rates) if rates else 0:.0f} events/s per subscriber, "
              f"{sum(rates):.0f} delivered per second in all (target ≥ 50,000); "
              f"server peak memory {peak_rss_kb(srv.pid) / 1024:.0f} MB")
        print(f"BENCH server.events.latency_p50 {percentile(latencies, 0.5):.2f} ms")
        print(f"BENCH server.events.latency_p99 {percentile(latencies, 0.99):.2f} ms")
        print(f"BENCH server.events.per_subscriber_per_s {median(rates) if rates else 0:.0f}")
        print(f"BENCH server.events.delivered_per_s {sum(rates):.0f}")
        print(f"BENCH server.rss_peak {peak_rss_kb(srv.pid) / 1024:.0f} MB")
    finally:
        srv.terminate()
        srv.wait(timeout=60)


if __name__ == "__main__":
    main()
