#!/usr/bin/env python3
"""One run of the many-tasks benchmark: TASKS tasks of the demo's slow_count (STEPS steps of DELAY seconds, so
a status and a progress notification a step) started and followed to the end by one client, and what it cost.

Clients (--client):
  session  a background session (`mcptask session start`), a `call --detach` per task (CONCURRENCY at a time),
           and as each returns, a `watch --result` of its task; every mcptask process counts, the session's
           own CPU read from /proc before `session stop`
  repl     one `mcptask repl` reading `call slow_count … &` lines from a pipe, which waits for its jobs at EOF
  raw      bench/many_tasks/raw_tasks_client.py, the standard-library baseline

Task i's steps take DELAY * (1 + (i mod SPREAD) / SPREAD) seconds, so tasks started together end spread over
most of a task's length (SPREAD 1: all at once, a burst of terminal notifications).

The demo server runs with `--stats FILE` (what each task was asked, when its terminal status notification went
out, on CLOCK_MONOTONIC); this script stamps each line of the clients' output on the same clock as it arrives,
so a task's result latency is the stamp of its result (or end) line minus its terminal notification. The
client's CPU is user + system time of its processes (wait4) less the demo server's own (a reaped child's time is
counted in its parent's), and its peak memory the largest VmHWM / max RSS of one of its processes.
Prints one JSON object. Usage: follow_tasks.py --client C --mcptask BIN --demo BIN --tasks N [...]
"""
import argparse
import json
import math
import os
import re
import selectors
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def now_ns():
    return time.monotonic_ns()


def step_delay(options, index):
    """Task `index`'s seconds a step: DELAY, stretched by up to (SPREAD - 1) / SPREAD in turn, so that the
    tasks, started together, end spread over most of a task's length rather than all in the same instant."""
    return round(options.delay * (1 + (index % options.spread) / options.spread), 3)


class Lines:
    """Reads the stdout/stderr pipes of many processes at once, stamping every line as it arrives."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()
        self.buffers = {}

    def add(self, stream, on_line):
        os.set_blocking(stream.fileno(), False)
        self.buffers[stream.fileno()] = b""
        self.selector.register(stream, selectors.EVENT_READ, on_line)

    @property
    def open(self):
        return len(self.buffers)

    def pump(self, timeout):
        for key, _ in self.selector.select(timeout):
            stamp = now_ns()
            fd = key.fileobj.fileno()
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                if self.buffers[fd]:
                    key.data(self.buffers[fd].decode(errors="replace"), stamp)
                self.selector.unregister(key.fileobj)
                key.fileobj.close()
                del self.buffers[fd]
                continue
            *lines, self.buffers[fd] = (self.buffers[fd] + chunk).split(b"\n")
            for line in lines:
                key.data(line.decode(errors="replace"), stamp)


def reap(process):
    """Waits for a child; its rusage (CPU seconds, max RSS KiB)."""
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def proc_cpu_and_peak(pid):
    """A live process's own CPU seconds (not its children's) and VmHWM in KiB, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    peak = 0
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
    return cpu, peak


def private_environment(work):
    home = os.path.join(work, "home")
    for sub in ("state", "config", "cache", "data", "run"):
        os.makedirs(os.path.join(home, sub), mode=0o700, exist_ok=True)
    return dict(os.environ, HOME=home, XDG_STATE_HOME=home + "/state", XDG_CONFIG_HOME=home + "/config",
                XDG_CACHE_HOME=home + "/cache", XDG_DATA_HOME=home + "/data", XDG_RUNTIME_DIR=home + "/run",
                NO_COLOR="1")


def run_session(options, demo_command, environment):
    mcptask = options.mcptask
    printed = {}  # task id -> stamp of its result line
    usage = {"cpu": 0.0, "peak": 0, "processes": 0, "failures": []}
    started = subprocess.run([mcptask, "session", "start", "bench", "--"] + demo_command, env=environment,
                             capture_output=True, text=True)
    if started.returncode != 0:
        sys.exit(f"session start failed ({started.returncode}): {started.stderr.strip()}")
    listing = subprocess.run([mcptask, "session", "list", "--json"], env=environment, capture_output=True,
                             text=True, check=True)
    sessions = json.loads(listing.stdout)
    sessions = sessions.get("sessions", sessions) if isinstance(sessions, dict) else sessions
    session_pid = next(entry["pid"] for entry in sessions if entry["name"] == "bench")
    lines = Lines()
    running = []  # processes to reap
    calls_left = options.tasks
    calls_in_flight = 0
    started_calls = [0]

    def finished(process, label):
        cpu, peak = reap(process)
        usage["cpu"] += cpu
        usage["peak"] = max(usage["peak"], peak)
        usage["processes"] += 1
        if process.returncode != 0:
            usage["failures"].append(f"{label} exited {process.returncode}")

    def start_watch(task):
        process = subprocess.Popen([mcptask, "watch", "-s", "@bench", task, "--result"], env=environment,
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

        def on_stdout(line, stamp):
            if line.strip() and task not in printed:
                printed[task] = stamp
        lines.add(process.stdout, on_stdout)
        lines.add(process.stderr, lambda line, stamp: None)
        running.append((process, "watch " + task))

    def start_call():
        delay = step_delay(options, started_calls[0])
        started_calls[0] += 1
        process = subprocess.Popen(
            [mcptask, "call", "--detach", "-s", "@bench", "slow_count", f"n={options.steps}",
             f"delay={delay}"], env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        found = []

        def on_stdout(line, stamp):
            match = re.search(r"\b([0-9a-f]{32})\b", line)
            if match and not found:
                found.append(match.group(1))
                start_watch(match.group(1))
        lines.add(process.stdout, on_stdout)
        lines.add(process.stderr, lambda line, stamp: None)
        running.append((process, "call"))

    while calls_left or lines.open or running:
        while calls_left and calls_in_flight < options.concurrency:
            start_call()
            calls_left -= 1
            calls_in_flight += 1
        lines.pump(0.05)
        for entry in list(running):
            process, label = entry
            if process.stdout.closed and process.stderr.closed:
                running.remove(entry)
                finished(process, label)
                if label == "call":
                    calls_in_flight -= 1
    session_cpu, session_peak = proc_cpu_and_peak(session_pid)
    stop = subprocess.run([mcptask, "session", "stop", "bench"], env=environment, capture_output=True, text=True)
    if stop.returncode != 0:
        usage["failures"].append(f"session stop exited {stop.returncode}: {stop.stderr.strip()}")
    return printed, {
        "cpuSeconds": usage["cpu"] + session_cpu, "sessionCPUSeconds": session_cpu,
        "commandsCPUSeconds": usage["cpu"], "peakRSSKilobytes": session_peak,
        "commandPeakRSSKilobytes": usage["peak"], "processes": usage["processes"] + 1,
        "failures": usage["failures"],
    }


def run_repl(options, demo_command, environment):
    script = "".join(f"call slow_count n={options.steps} delay={step_delay(options, index)} &\n"
                     for index in range(options.tasks))
    process = subprocess.Popen([options.mcptask, "repl", "--"] + demo_command, env=environment,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    jobs = {}  # job number -> task id
    printed = {}
    other = []

    def on_line(line, stamp):
        job = re.match(r"\[(\d+)\]", line)
        task = re.search(r"task ([0-9a-f]{32})", line)
        if job and task:
            jobs.setdefault(job.group(1), task.group(1))
        if job and "prints the result" in line:
            printed.setdefault(jobs.get(job.group(1), "job " + job.group(1)), stamp)
        elif not job and line.strip():
            other.append(line)
    lines = Lines()
    lines.add(process.stdout, on_line)
    lines.add(process.stderr, on_line)
    process.stdin.write(script.encode())
    process.stdin.close()
    peak = pump_watching_peak(lines, process.pid)
    cpu, max_rss = reap(process)
    failures = [] if process.returncode == 0 else [f"repl exited {process.returncode}: {other[-3:]}"]
    return printed, {"cpuSeconds": cpu, "peakRSSKilobytes": max(peak, 0) or max_rss, "processes": 1,
                     "failures": failures, "lessServer": True}


def pump_watching_peak(lines, pid):
    """Reads the client's lines until both streams close, sampling its peak RSS (kB) as it goes."""
    peak = 0
    while lines.open:
        lines.pump(0.2)
        try:
            peak = max(peak, proc_cpu_and_peak(pid)[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return peak


def run_raw(options, demo_command, environment):
    process = subprocess.Popen(
        [sys.executable, os.path.join(HERE, "raw_tasks_client.py"), "--tasks", str(options.tasks), "--steps",
         str(options.steps), "--delay", str(options.delay), "--spread", str(options.spread), "--"] + demo_command, env=environment,
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    printed = {}
    errors = []

    def on_stdout(line, stamp):
        if line.strip():
            printed.setdefault(line.split()[0], stamp)
    lines = Lines()
    lines.add(process.stdout, on_stdout)
    lines.add(process.stderr, lambda line, stamp: errors.append(line))
    peak = pump_watching_peak(lines, process.pid)
    cpu, max_rss = reap(process)
    failures = [] if process.returncode == 0 else [f"raw client exited {process.returncode}: {errors[-3:]}"]
    return printed, {"cpuSeconds": cpu, "peakRSSKilobytes": peak or max_rss, "processes": 1, "failures": failures,
                     "lessServer": True}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]


def analyse(options, stats, printed, usage, wall):
    tasks = [task for task in stats["tasks"] if task.get("createdAt") is not None]
    poll = stats["pollInterval"]
    budget = gets = 0
    latencies = []
    unfinished = []
    for task in tasks:
        if task.get("terminalAt") is None:
            unfinished.append(task["taskId"])
            continue
        duration_ms = (task["terminalAt"] - task["createdAt"]) / 1e6
        budget += math.ceil(duration_ms / poll) + 1
        gets += task["requests"].get("tasks/get", 0)
        if task["taskId"] in printed:
            latencies.append((printed[task["taskId"]] - task["terminalAt"]) / 1e6)
    cpu = usage.pop("cpuSeconds")
    usage["processesCPUSeconds"] = cpu
    if usage.pop("lessServer", False):
        cpu -= stats["cpuNanoseconds"] / 1e9
    gaps = [task["minGetGap"] / 1e6 for task in tasks if task.get("minGetGap") is not None]
    return {
        "client": options.client, "tasks": options.tasks, "created": len(tasks), "unfinished": len(unfinished),
        "resultsPrinted": len(latencies), "pollIntervalMs": poll, "steps": options.steps, "delay": options.delay,
        "spread": options.spread,
        "tasksGet": gets, "budget": budget,
        "maxGetsOutstanding": max((task["maxGetsOutstanding"] for task in tasks), default=0),
        "minGetGapMs": min(gaps) if gaps else None,
        "tasksResult": sum(task["requests"].get("tasks/result", 0) for task in tasks),
        "latencyMaxMs": max(latencies) if latencies else None,
        "latencyP95Ms": percentile(latencies, 0.95) if latencies else None,
        "latencyMedianMs": statistics.median(latencies) if latencies else None,
        "cpuSeconds": cpu, "cpuPerTaskMs": cpu * 1000 / options.tasks, "wallSeconds": wall,
        "serverCPUSeconds": stats["cpuNanoseconds"] / 1e9, **usage,
    }


def read_stats(path):
    """The demo's stats, which it writes as it exits, after the client has let go of it: waited for."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with open(path) as stats_file:
                return json.load(stats_file)
        except (FileNotFoundError, json.JSONDecodeError):
            if time.monotonic() > deadline:
                sys.exit(f"the demo server wrote no stats to {path}")
            time.sleep(0.1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--client", choices=["session", "repl", "raw"], required=True)
    parser.add_argument("--mcptask", required=True)
    parser.add_argument("--demo", required=True)
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--spread", type=int, default=10, help="1: every task the same length")
    parser.add_argument("--poll-interval", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4, help="session: call --detach processes at once")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="mcptask-many-tasks-")
    try:
        stats_path = os.path.join(work, "stats.json")
        demo_command = [options.demo, "--poll-interval", str(options.poll_interval), "--stats", stats_path]
        environment = private_environment(work)
        runner = {"session": run_session, "repl": run_repl, "raw": run_raw}[options.client]
        start = time.monotonic()
        printed, usage = runner(options, demo_command, environment)
        wall = time.monotonic() - start
        stats = read_stats(stats_path)
        print(json.dumps(analyse(options, stats, printed, usage, wall)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
