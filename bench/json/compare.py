#!/usr/bin/env python3
"""Times whole `tools` runs against bench/json/many_tools_server.py, side by side in one run: mcptask, a raw
standard-library Python client, and (when its virtualenv is there) the official Python SDK. The clients take
turns round after round, so a noisy machine slows them alike; the figures that matter are the ratios to the
raw client. Usage: compare.py --mcptask BIN --page FILE [--sdk-python PYTHON] [--rounds N]
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mcptask", required=True)
    parser.add_argument("--page", required=True)
    parser.add_argument("--sdk-python")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tools", type=int, required=True, help="how many lines each client must print")
    options = parser.parse_args()
    server = [sys.executable, os.path.join(HERE, "many_tools_server.py"), "--page", options.page]
    clients = {
        "mcptask tools": [options.mcptask, "tools", "--protocol", "2025-11-25", "--"] + server,
        "raw python (json)": [sys.executable, os.path.join(HERE, "raw_tools_client.py"), "--"] + server,
    }
    if options.sdk_python and os.access(options.sdk_python, os.X_OK):
        clients["python sdk (mcp)"] = [options.sdk_python, os.path.join(HERE, "sdk_tools_client.py"), "--"] + server
    times = {name: [] for name in clients}
    cpu = {name: [] for name in clients}
    for _ in range(options.rounds):
        for name, command in clients.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, NO_COLOR="1"))
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # The client's CPU time and its server's (the client waited for it), user and system.
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            lines = done.stdout.count(b"\n")
            if done.returncode != 0 or lines < options.tools:
                sys.exit(f"{name} failed (exit {done.returncode}, {lines} lines): {done.stderr.decode()[-500:]}")
            times[name].append(elapsed)
    size = os.path.getsize(options.page)
    raw = statistics.median(times["raw python (json)"])
    raw_cpu = statistics.median(cpu["raw python (json)"])
    print(f"tools/list answer: {size:,} bytes, {options.tools:,} tools; {options.rounds} rounds, clients in turn")
    print(f"{'client':<20} {'wall median':>12} {'best':>9} {'vs raw':>7}   {'CPU median':>11} {'vs raw':>7}")
    for name, samples in times.items():
        median = statistics.median(samples)
        cpu_median = statistics.median(cpu[name])
        print(f"{name:<20} {median * 1000:9.0f} ms {min(samples) * 1000:6.0f} ms {median / raw:6.2f}x"
              f"   {cpu_median * 1000:8.0f} ms {cpu_median / raw_cpu:6.2f}x")
    print("(CPU = the client's and its server's user + system time; the server's share is the same for all)")


if __name__ == "__main__":
    main()
