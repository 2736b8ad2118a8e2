#!/usr/bin/env python3
"""SSH fan-out: opsdeck-cli against parallel-ssh/parallel-scp and ansible, same loopback hosts, same run.

Started by bench/ssh/run.sh. Every "host" is a port of a real sshd on 127.0.0.1 (bench_sshd, built on
tests/SshdFixture); the push hosts are separate sshd processes, each in its own mount namespace with a private
tmpfs, so that 50 hosts really receive 50 files at the same path. Nothing leaves 127.0.0.0/8; every process this
script starts is stopped before it exits.

For every tool and scenario: wall time, client CPU (user+sys of the tool and everything it ran), the sshd CPU
the run caused (listeners and their session processes), and the peak resident memory of the client's whole
process tree (sampled every 10 ms). Median of RUNS runs (wall), the other figures from that same run.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

CLK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def proc_stat(pid):
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            line = f.read()
    except OSError:
        return None
    fields = line[line.rindex(b")") + 2:].split()
    # fields[0] is state (field 3): ppid = 4, utime = 14, stime = 15, cutime = 16, cstime = 17, rss = 24
    return {
        "ppid": int(fields[1]),
        "cpu": sum(int(x) for x in fields[11:15]) / CLK,
        "rss": int(fields[21]) * PAGE,
    }


def tree_rss(root):
    """Resident memory of `root` and every process below it."""
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            s = proc_stat(int(entry))
            if s:
                stats[int(entry)] = s
    children = {}
    for pid, s in stats.items():
        children.setdefault(s["ppid"], []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            total += stats[pid]["rss"]
        todo.extend(children.get(pid, []))
    return total


def sshd_cpu(pids):
    """CPU seconds of the listening sshd processes and their finished (reaped) session processes."""
    total = 0.0
    for pid in pids:
        s = proc_stat(pid)
        if s:
            total += s["cpu"]
    return total


def measure(argv, env, sshd_pids, expect_lines=None, timeout=600):
    """Runs argv; returns wall, client CPU, sshd CPU, peak tree RSS (bytes), exit status, stdout."""
    sshd_before = sshd_cpu(sshd_pids)
    out = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(proc.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    deadline = start + timeout
    status, usage = None, None
    while status is None:
        pid, st, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            status, usage = os.waitstatus_to_exitcode(st), ru
        elif time.monotonic() > deadline:
            proc.kill()
        else:
            time.sleep(0.005)
    wall = time.monotonic() - start
    proc.returncode = status
    done.set()
    sampler.join()
    time.sleep(0.3)  # let sshd reap its session processes, so that their CPU is counted
    out.seek(0)
    text = out.read().decode(errors="replace")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "sshd": sshd_cpu(sshd_pids) - sshd_before,
        "rss": peak[0],
        "status": status,
        "out": text,
    }


def bench_group_lines(info, user, prefix="b"):
    """The INI lines of the bench hosts (one per sshd port: root's key, 127.0.0.1), for an [group] section."""
    return [f"{prefix}{i:04d} ansible_host=127.0.0.1 ansible_port={port} ansible_user={user} "
            f"ansible_ssh_private_key_file={info['client_key']}\n" for i, port in enumerate(info["ports"])]


def start_hosts(bench_sshd, count, per_server, private_dir=None, max_startups=None):
    argv = [bench_sshd, "--ports", str(count), "--per-server", str(per_server)]
    if private_dir:
        argv += ["--private-dir", private_dir]
    if max_startups:
        argv += ["--max-startups", max_startups]
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        sys.exit(f"bench_sshd could not start {count} hosts")
    return proc, json.loads(line)


def main():
    build, work = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("RUNS", "3"))
    hosts_n = int(os.environ.get("HOSTS", "200"))
    push_n = int(os.environ.get("PUSH_HOSTS", "50"))
    push_mb = int(os.environ.get("PUSH_MB", "10"))
    cli = os.path.join(build, "app", "cli", "opsdeck-cli")
    bench_sshd = os.path.join(build, "bench", "bench_sshd")
    private = os.path.join(work, "remote")
    os.makedirs(private)

    run_proc, run_info = start_hosts(bench_sshd, hosts_n, 16)
    push_proc, push_info = start_hosts(bench_sshd, push_n, 1, private)
    try:
        bench(cli, work, private, runs, push_mb, run_info, push_info)
    finally:
        for p in (run_proc, push_proc):
            p.stdin.close()
            p.wait(timeout=60)


def bench(cli, work, private, runs, push_mb, run_info, push_info):
    user = os.environ.get("USER") or "root"
    key = run_info["client_key"]
    # One known_hosts file for both sets (the same host key, entries per port).
    known = os.path.join(work, "known_hosts")
    with open(known, "w") as f:
        for info in (run_info, push_info):
            with open(info["known_hosts"]) as k:
                f.write(k.read())
    push_key = push_info["client_key"]
    # The Ansible INI inventory, imported into the OpsDeck workspace too: the same hosts for every tool.
    inv = os.path.join(work, "inventory.ini")
    with open(inv, "w") as f:
        f.write("[bench]\n")
        for i, port in enumerate(run_info["ports"]):
            f.write(f"b{i:03d} ansible_host=127.0.0.1 ansible_port={port} ansible_user={user} "
                    f"ansible_ssh_private_key_file={key}\n")
        f.write("[push]\n")
        for i, port in enumerate(push_info["ports"]):
            f.write(f"p{i:03d} ansible_host=127.0.0.1 ansible_port={port} ansible_user={user} "
                    f"ansible_ssh_private_key_file={push_key}\n")
    ws = os.path.join(work, "bench.opsdeck")
    subprocess.run([cli, "--workspace", ws, "inventory", "import", inv], check=True, stdout=subprocess.DEVNULL)

    env = dict(os.environ)
    env.update({
        "ANSIBLE_HOME": os.path.join(work, "ansible-home"),
        "ANSIBLE_LOCAL_TEMP": os.path.join(work, "ansible-local"),
        "ANSIBLE_REMOTE_TMP": os.path.join(work, "ansible-remote"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_PYTHON_INTERPRETER": "/usr/bin/python3",
        "ANSIBLE_HOST_KEY_CHECKING": "True",
        "ANSIBLE_TIMEOUT": "60",
    })
    # Pinned to what libssh negotiates (curve25519, ed25519, chacha20-poly1305) for a fair comparison; the
    # OpenSSH defaults (sntrup761x25519 key exchange) are one extra parallel-ssh row.
    pinned = ["-o", "KexAlgorithms=curve25519-sha256", "-o", "HostKeyAlgorithms=ssh-ed25519",
              "-o", "Ciphers=chacha20-poly1305@openssh.com"]
    common = ["-F", "/dev/null", "-o", f"UserKnownHostsFile={known}", "-o", "StrictHostKeyChecking=yes",
              "-o", "BatchMode=yes"]
    # No ControlPersist: it would leave a master ssh per host running after the command.
    env["ANSIBLE_SSH_ARGS"] = " ".join(common + pinned + ["-o", "ControlMaster=no"])
    hosts_file = os.path.join(work, "pssh-hosts")
    with open(hosts_file, "w") as f:
        f.writelines(f"{user}@127.0.0.1:{p}\n" for p in run_info["ports"])
    push_hosts_file = os.path.join(work, "pscp-hosts")
    with open(push_hosts_file, "w") as f:
        f.writelines(f"{user}@127.0.0.1:{p}\n" for p in push_info["ports"])
    payload = os.path.join(work, "payload.bin")
    with open(payload, "wb") as f:
        f.write(os.urandom(push_mb * 1024 * 1024))

    def pssh_x(identity, algorithms):
        return ["-x", " ".join(common + ["-i", identity] + algorithms)]

    n_run, n_push = len(run_info["ports"]), len(push_info["ports"])
    sshd_run, sshd_push = run_info["sshd_pids"], push_info["sshd_pids"]
    scenarios = []
    for command in ("true", "hostname"):
        for conc in (50, 200):
            tools = [
                ("opsdeck", [cli, "--workspace", ws, "run", "--hosts", "group:bench", "--concurrency", str(conc),
                             "--known-hosts", known, "--", command]),
                ("parallel-ssh", ["parallel-ssh", "-h", hosts_file, "-p", str(conc), "-t", "120", "-i"]
                 + pssh_x(key, pinned) + [command]),
                ("ansible-raw", ["ansible", "-i", inv, "bench", "-m", "raw", "-a", command, "-f", str(conc)]),
            ]
            if command == "true" and conc == 50:
                tools.append(("parallel-ssh-default-kex",
                              ["parallel-ssh", "-h", hosts_file, "-p", str(conc), "-t", "120", "-i"]
                              + pssh_x(key, []) + [command]))
            scenarios.append((f"{command}.{n_run}hosts.c{conc}", n_run, sshd_run, tools))
    dest = os.path.join(private, "payload.bin")
    push_tools = [
        ("opsdeck", [cli, "--workspace", ws, "push", payload, dest, "--hosts", "group:push", "--concurrency", "50",
                     "--known-hosts", known]),
        ("parallel-scp", ["parallel-scp", "-h", push_hosts_file, "-p", "50", "-t", "300"]
         + pssh_x(push_key, pinned) + [payload, dest]),
        ("ansible-copy", ["ansible", "-i", inv, "push", "-m", "copy", "-a", f"src={payload} dest={dest}",
                          "-f", "50"]),
    ]
    scenarios.append((f"push{push_mb}MB.{n_push}hosts.c50", n_push, sshd_push, push_tools))
    # ONLY=push (or true,hostname): run just the scenarios whose names start with one of these.
    only = [p for p in os.environ.get("ONLY", "").split(",") if p]
    if only:
        scenarios = [s for s in scenarios if any(s[0].startswith(p) for p in only)]

    def clear_pushed():
        subprocess.run([cli, "--workspace", ws, "run", "--hosts", "group:push", "--concurrency", "50",
                        "--known-hosts", known, "--", f"rm -f {dest}"], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    print(f"# {n_run} loopback hosts (sshd, 16 ports each) and {n_push} push hosts (one sshd each, private "
          f"tmpfs); median wall of {runs} runs; client CPU = the tool and all it ran; sshd CPU = the servers' "
          f"share of the same run; peak memory = the client's whole process tree")
    print(f"{'scenario':28} {'tool':26} {'wall s':>8} {'CPU s':>7} {'CPU/host ms':>11} {'sshd/host ms':>12} "
          f"{'peak MB':>8}")
    failures = 0
    for name, n, sshd_pids, tools in scenarios:
        results = {}
        for tool, argv in tools:
            samples = []
            for _ in range(runs):
                if name.startswith("push"):
                    clear_pushed()
                r = measure(argv, env, sshd_pids)
                if r["status"] != 0:
                    failures += 1
                    print(f"# {tool} failed on {name} (exit {r['status']}):\n" + r["out"][-2000:], file=sys.stderr)
                samples.append(r)
            samples.sort(key=lambda r: r["wall"])
            r = samples[len(samples) // 2]
            results[tool] = r
            print(f"{name:28} {tool:26} {r['wall']:8.2f} {r['cpu']:7.2f} {1000 * r['cpu'] / n:11.1f} "
                  f"{1000 * r['sshd'] / n:12.1f} {r['rss'] / 2**20:8.1f}", flush=True)
            key_name = f"ssh.{name}.{tool}"
            print(f"BENCH {key_name}.wall {r['wall']:.3f} s")
            print(f"BENCH {key_name}.cpu_per_host {1000 * r['cpu'] / n:.2f} ms")
            print(f"BENCH {key_name}.sshd_cpu_per_host {1000 * r['sshd'] / n:.2f} ms")
            print(f"BENCH {key_name}.peak_rss {r['rss'] / 2**20:.1f} MB", flush=True)
        ours = results["opsdeck"]
        for tool, r in results.items():
            if tool != "opsdeck":
                print(f"BENCH ssh.{name}.wall_ratio.opsdeck/{tool} {ours['wall'] / r['wall']:.2f}")
        if name.startswith("push"):
            # A second push of the same file: hosts that already have it are skipped (checksum).
            r = measure(push_tools[0][1], env, sshd_pids)
            print(f"{name + ' (again)':28} {'opsdeck':26} {r['wall']:8.2f} {r['cpu']:7.2f} "
                  f"{1000 * r['cpu'] / n:11.1f} {1000 * r['sshd'] / n:12.1f} {r['rss'] / 2**20:8.1f}")
            print(f"BENCH ssh.{name}.again.opsdeck.wall {r['wall']:.3f} s")
    if failures:
        print(f"# {failures} runs failed (see above)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
