#!/usr/bin/env python3
"""Fan-out under load: opsdeck-cli and parallel-ssh at high concurrency, same loopback hosts, same run.

Started by bench/fanout/run.sh. The hosts are ports of real sshd processes on 127.0.0.1 (bench_sshd, 16 ports per
sshd) whose MaxStartups is OpenSSH's default unless MAX_STARTUPS says otherwise. For each concurrency and tool:
hosts that succeeded, wall time (median of RUNS), client CPU and peak memory (the tool's whole process tree), and
the sshd CPU the run caused; the floor is that sshd CPU spread over the machine's cores, the least wall time any
client can reach here. Measuring helpers come from bench/ssh/fanout.py.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ssh"))
from fanout import bench_group_lines, measure, start_hosts  # noqa: E402


def succeeded(tool, out):
    if tool == "opsdeck":
        # --json: one event per line; count the hosts whose host.finished says success
        ok = 0
        for line in out.splitlines():
            if line.startswith("{"):
                e = json.loads(line)
                ok += e.get("type") == "host.finished" and e.get("status") == "success"
        return ok
    return out.count("[SUCCESS]")


def not_succeeded(out):
    """A few lines that say why hosts failed."""
    lines = [line for line in out.splitlines() if "[FAILURE]" in line or
             ('"host.finished"' in line and '"status":"success"' not in line)]
    return lines[:3] or out.splitlines()[-3:]


def main():
    build, work = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("RUNS", "3"))
    hosts_n = int(os.environ.get("HOSTS", "400"))
    concurrencies = [int(c) for c in os.environ.get("CONCURRENCY", f"{hosts_n},200").split(",") if c]
    max_startups = os.environ.get("MAX_STARTUPS", "10:30:100")
    command = os.environ.get("COMMAND", "sleep 2; echo ok")
    # What the command itself takes (the sleep): part of the floor, since the last host's starts after its login.
    command_s = float(os.environ.get("COMMAND_SECONDS", "2" if command == "sleep 2; echo ok" else "0"))
    cli = os.path.join(build, "app", "cli", "opsdeck-cli")
    proc, info = start_hosts(os.path.join(build, "bench", "bench_sshd"), hosts_n, 16, max_startups=max_startups)
    try:
        bench(cli, work, runs, concurrencies, command, command_s, max_startups, info)
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)


def bench(cli, work, runs, concurrencies, command, command_s, max_startups, info):
    user = os.environ.get("USER") or "root"
    key, known = info["client_key"], info["known_hosts"]
    n = len(info["ports"])
    inv = os.path.join(work, "inventory.ini")
    with open(inv, "w") as f:
        f.write("[bench]\n")
        f.writelines(bench_group_lines(info, user))
        # The same hosts again behind one jump host (the first port), itself an inventory host.
        bastion = info["ports"][0]
        f.write(f"[gw]\nbastion ansible_host=127.0.0.1 ansible_port={bastion} ansible_user={user} "
                f"ansible_ssh_private_key_file={key}\n[jump]\n")
        for i, port in enumerate(info["ports"]):
            f.write(f"j{i:04d} ansible_host=127.0.0.1 ansible_port={port} ansible_user={user} "
                    f"ansible_ssh_private_key_file={key} ansible_ssh_common_args='-o ProxyJump=bastion'\n")
    ws = os.path.join(work, "bench.opsdeck")
    subprocess.run([cli, "--workspace", ws, "inventory", "import", inv], check=True, stdout=subprocess.DEVNULL)
    hosts_file = os.path.join(work, "pssh-hosts")
    with open(hosts_file, "w") as f:
        f.writelines(f"{user}@127.0.0.1:{p}\n" for p in info["ports"])
    # parallel-ssh pinned to what libssh negotiates, as in bench/ssh; its own 10 s connect timeout.
    # In a configuration file rather than on the command line, so that a ProxyJump's own ssh uses them too.
    ssh_config = os.path.join(work, "ssh_config")
    with open(ssh_config, "w") as f:
        f.write(f"Host *\n  UserKnownHostsFile {known}\n  StrictHostKeyChecking yes\n  BatchMode yes\n"
                f"  ConnectTimeout 10\n  KexAlgorithms curve25519-sha256\n  HostKeyAlgorithms ssh-ed25519\n"
                f"  Ciphers chacha20-poly1305@openssh.com\n  IdentityFile {key}\n  User {user}\n")
    ssh_opts = f"-F {ssh_config}"
    jump_opts = f"-F {ssh_config} -o ProxyJump={user}@127.0.0.1:{info['ports'][0]}"
    cores = os.cpu_count() or 1
    print(f"# {n} loopback hosts (sshd of 16 ports, MaxStartups {max_startups}), command {command!r}; median wall "
          f"of {runs} runs; floor = the run's sshd CPU / {cores} cores + {command_s:g} s of command")
    print(f"{'scenario':21} {'tool':14} {'ok':>9} {'wall s':>7} {'floor s':>7} {'wall/floor':>10} "
          f"{'CPU/host ms':>11} {'KB/host':>8}")
    env = dict(os.environ)
    scenarios = []
    for conc in concurrencies:
        scenarios.append((f"{n}hosts.c{conc}", "group:bench", conc, ssh_opts))
    if os.environ.get("JUMP", "1") != "0":
        conc = concurrencies[0]
        scenarios.append((f"{n}hosts.jump.c{conc}", "group:jump", conc, jump_opts))
    for name, query, conc, pssh_opts in scenarios:
        tools = [
            ("opsdeck", [cli, "--workspace", ws, "run", "--json", "--hosts", query, "--concurrency",
                         str(conc), "--known-hosts", known, "--", command]),
            ("parallel-ssh", ["parallel-ssh", "-h", hosts_file, "-p", str(conc), "-t", "120", "-x", pssh_opts,
                              command]),
        ]
        results = {}
        for tool, argv in tools:
            samples = []
            for _ in range(runs):
                r = measure(argv, env, info["sshd_pids"])
                r["ok"] = succeeded(tool, r["out"])
                if r["ok"] < n:
                    print(f"# {tool}: {n - r['ok']} of {n} hosts did not succeed, e.g.:\n# "
                          + "\n# ".join(not_succeeded(r["out"])), file=sys.stderr)
                samples.append(r)
            samples.sort(key=lambda r: r["wall"])
            r = samples[len(samples) // 2]
            results[tool] = r
            floor = r["sshd"] / cores + command_s
            print(f"{name:21} {tool:14} {r['ok']:>4}/{n:<4} {r['wall']:7.2f} {floor:7.2f} "
                  f"{r['wall'] / floor if floor else 0:10.2f} {1000 * r['cpu'] / n:11.1f} "
                  f"{r['rss'] / 1024 / n:8.0f}", flush=True)
            k = f"fanout.{name}" + ("" if tool == "opsdeck" else f".peer.{tool}")
            print(f"BENCH {k}.succeeded {r['ok']} hosts")
            print(f"BENCH {k}.wall {r['wall']:.3f} s")
            print(f"BENCH {k}.sshd_floor {floor:.3f} s")
            print(f"BENCH {k}.cpu_per_host {1000 * r['cpu'] / n:.2f} ms")
            print(f"BENCH {k}.rss_per_host {r['rss'] / 1024 / n:.0f} KB", flush=True)
        ours, peer = results["opsdeck"], results["parallel-ssh"]
        print(f"BENCH fanout.{name}.ratio {ours['wall'] / peer['wall']:.2f}")


if __name__ == "__main__":
    main()
