#!/usr/bin/env python3
"""Prints the many-tasks benchmark's table and PASS/MISS per goal from the runs follow_tasks.py wrote (one
JSON object a line), and writes them all, with the verdicts, to one JSON file.
Usage: summary.py RUNS.jsonl OUT.json MACHINE
"""
import json
import sys

FLAT = 1.25  # the largest count's figure over the smallest's
LATENCY_MS = 100


def main():
    runs_path, out_path, machine = sys.argv[1:4]
    runs = [json.loads(line) for line in open(runs_path) if line.strip()]
    raw = {run["tasks"]: run for run in runs if run["client"] == "raw"}
    first = runs[0]
    longest = first["delay"] * (2 - 1 / first["spread"])
    print(f"\nmany tasks: slow_count of {first['steps']} steps of {first['delay']:g} to {longest:g} s, pollInterval "
          f"{runs[0]['pollIntervalMs']} ms; {machine}")
    header = (f"{'client':<8} {'tasks':>5}  {'tasks/get vs budget':<20} {'outst.':>6}  {'latency max / p95':<19}"
              f" {'CPU/task':>9} {'vs raw':>7}  {'peak mem':>9}")
    print(header)
    for run in runs:
        base = raw.get(run["tasks"])
        versus = f"{run['cpuPerTaskMs'] / base['cpuPerTaskMs']:6.2f}x" if base and run is not base else "      -"
        latency = (f"{run['latencyMaxMs']:.1f} / {run['latencyP95Ms']:.1f} ms" if run["latencyMaxMs"] is not None
                   else "none")
        print(f"{run['client']:<8} {run['tasks']:>5}  {run['tasksGet']:>7} / {run['budget']:<10} "
              f"{run['maxGetsOutstanding']:>6}  {latency:<19} {run['cpuPerTaskMs']:7.1f}ms {versus:>7}"
              f"  {run['peakRSSKilobytes'] / 1024:6.1f}MiB")
        for failure in run.get("failures", [])[:3]:
            print(f"         ! {failure}")
    verdicts = []
    print(f"\n{'goal':<52} {'measured':<44} result")
    for client in ("session", "repl"):
        mine = sorted((run for run in runs if run["client"] == client), key=lambda run: run["tasks"])
        if not mine:
            continue
        complete = all(run["resultsPrinted"] == run["tasks"] == run["created"] and not run["failures"]
                       for run in mine)
        within = all(run["tasksGet"] <= run["budget"] and run["maxGetsOutstanding"] <= 1 for run in mine)
        polls = ", ".join(f"{run['tasksGet']}/{run['budget']}" for run in mine)
        outstanding = max(run["maxGetsOutstanding"] for run in mine)
        verdicts.append((f"{client}: tasks/get within budget, one outstanding",
                         f"{polls}; at most {outstanding} at once" + ("" if complete else "; RESULTS MISSING"),
                         within and complete))
        worst = max((run["latencyMaxMs"] or float("inf")) for run in mine)
        p95 = max((run["latencyP95Ms"] or float("inf")) for run in mine)
        verdicts.append((f"{client}: result <= {LATENCY_MS} ms after terminal notification",
                         f"max {worst:.1f} ms, p95 {p95:.1f} ms (worst count)", worst <= LATENCY_MS))
        if len(mine) > 1:
            small, large = mine[0], mine[-1]
            cpu_ratio = large["cpuPerTaskMs"] / small["cpuPerTaskMs"]
            verdicts.append((f"{client}: CPU per task flat ({small['tasks']} -> {large['tasks']})",
                             f"{small['cpuPerTaskMs']:.1f} -> {large['cpuPerTaskMs']:.1f} ms ({cpu_ratio:.2f}x)",
                             cpu_ratio <= FLAT))
            memory_ratio = large["peakRSSKilobytes"] / small["peakRSSKilobytes"]
            verdicts.append((f"{client}: peak memory flat ({small['tasks']} -> {large['tasks']})",
                             f"{small['peakRSSKilobytes'] / 1024:.1f} -> {large['peakRSSKilobytes'] / 1024:.1f} MiB"
                             f" ({memory_ratio:.2f}x)", memory_ratio <= FLAT))
    for goal, measured, ok in verdicts:
        print(f"{goal:<52} {measured:<44} {'PASS' if ok else 'MISS'}")
    print(f"(flat: the largest count's figure at most {FLAT}x the smallest's; CPU of the session client = every "
          f"mcptask process: the session, each call --detach and watch; 'vs raw' = CPU per task over the raw "
          f"Python client's)")
    json.dump({"machine": machine, "runs": runs,
               "goals": [{"goal": goal, "measured": measured, "pass": ok} for goal, measured, ok in verdicts]},
              open(out_path, "w"), indent=1)


if __name__ == "__main__":
    main()
