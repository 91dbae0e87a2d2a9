#!/usr/bin/env python3
"""How soon the live view ends after a terminal status notification.

Runs `mcptask call lazy_result --events --trace FILE -- mcptask-demo --poll-interval 60000` RUNS times. The
demo's tasks/result does not block (as FastMCP's), and a 60 s poll interval means polling cannot be what ends
the view: only the completed notification can. Latency = time of the final `result` event minus the time
the trace recorded that notification arriving, both stamped by mcptask with the same clock. Prints one
JSON object: every run's latency, the median and the worst, in milliseconds.

usage: terminal_latency.py MCPTASK DEMO RUNS OUTDIR
"""
import datetime
import json
import os
import statistics
import subprocess
import sys


def stamp(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def one_run(mcptask, demo, outdir, index):
    trace = os.path.join(outdir, f"latency-{index}.trace")
    if os.path.exists(trace):
        os.remove(trace)
    run = subprocess.run(
        [mcptask, "call", "lazy_result", "n=2", "delay=0.05", "--events", "--trace", trace,
         "--", demo, "--poll-interval", "60000"],
        capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        sys.exit(f"terminal_latency: run {index} exited {run.returncode}: {run.stderr.strip()}")
    events = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    result = next(e for e in events if e["event"] == "result")
    arrived = None
    for line in open(trace):
        record = json.loads(line)
        message = record.get("message") or {}
        params = message.get("params") or {}
        if (record["dir"] == "recv" and message.get("method") == "notifications/tasks/status"
                and params.get("status") == "completed"):
            arrived = stamp(record["time"])
            break
    if arrived is None:
        sys.exit(f"terminal_latency: run {index}: no completed notification in {trace}")
    return (stamp(result["time"]) - arrived) * 1000


def main():
    mcptask, demo, runs, outdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    latencies = [one_run(mcptask, demo, outdir, i) for i in range(runs)]
    print(json.dumps({
        "runs": len(latencies), "latenciesMilliseconds": latencies,
        "medianMilliseconds": statistics.median(latencies), "maxMilliseconds": max(latencies),
    }))


if __name__ == "__main__":
    main()
