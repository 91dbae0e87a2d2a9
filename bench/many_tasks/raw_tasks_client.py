#!/usr/bin/env python3
"""The baseline for following many tasks: a minimal client with the standard library over the same stdio demo
server. It starts TASKS tasks (tools/call with a task), keeps one blocking tasks/result open for each, as
mcptask does on the 2025-11-25 wire, polls each with tasks/get at the task's pollInterval (one outstanding at a
time, the next one pollInterval after the answer), reads every notification, and prints one line per task,
"TASK_ID TEXT", the moment its tasks/result answers. Usage:
raw_tasks_client.py --tasks N --steps K --delay SECONDS [--spread S] -- SERVER ARGS...
"""
import argparse
import heapq
import json
import os
import selectors
import subprocess
import sys
import time


def main():
    split = sys.argv.index("--")
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, required=True)
    parser.add_argument("--steps", type=int, required=True)
    parser.add_argument("--delay", type=float, required=True)
    parser.add_argument("--spread", type=int, default=1)
    options = parser.parse_args(sys.argv[1:split])
    server = subprocess.Popen(sys.argv[split + 1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out = server.stdin
    next_id = 0
    pending = {}  # request id -> (kind, task id)

    def send(method, params, kind=None, task=None):
        nonlocal next_id
        next_id += 1
        pending[next_id] = (kind or method, task)
        out.write(json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}).encode() + b"\n")

    reader = server.stdout
    send("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                        "clientInfo": {"name": "raw-tasks", "version": "1"}})
    out.flush()
    json.loads(reader.readline())
    pending.clear()
    out.write(b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n')
    for index in range(options.tasks):
        # The same task lengths as follow_tasks.py gives mcptask.
        delay = round(options.delay * (1 + (index % options.spread) / options.spread), 3)
        send("tools/call", {"name": "slow_count", "arguments": {"n": options.steps, "delay": delay},
                            "task": {"ttl": 600000}, "_meta": {"progressToken": f"raw-{index}"}})
    out.flush()

    polls = []  # (due, task id)
    done = set()
    status = {}
    interval = {}
    printed = 0
    stdout = sys.stdout
    fd = reader.fileno()
    os.set_blocking(fd, False)
    buffer = b""
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    while printed < options.tasks:
        timeout = max(0.0, polls[0][0] - time.monotonic()) if polls else None
        if selector.select(timeout):
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                sys.exit("raw client: the server closed its output")
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                message = json.loads(line)
                if "method" in message:
                    params = message.get("params") or {}
                    if message["method"] == "notifications/tasks/status":
                        status[params["taskId"]] = params["status"]
                    continue
                kind, task = pending.pop(message["id"])
                result = message.get("result")
                if kind == "tools/call":
                    created = result["task"]
                    task = created["taskId"]
                    interval[task] = created.get("pollInterval", 1000) / 1000
                    send("tasks/result", {"taskId": task}, task=task)
                    heapq.heappush(polls, (time.monotonic() + interval[task], task))
                elif kind == "tasks/get":
                    status[task] = (result or {}).get("status", status.get(task))
                    if task not in done and status[task] in ("working", "input_required"):
                        heapq.heappush(polls, (time.monotonic() + interval[task], task))
                elif kind == "tasks/result":
                    done.add(task)
                    texts = [block.get("text", "") for block in (result or {}).get("content", [])]
                    stdout.write(f"{task} {' '.join(texts)}\n")
                    stdout.flush()
                    printed += 1
        now = time.monotonic()
        while polls and polls[0][0] <= now:
            _, task = heapq.heappop(polls)
            if task not in done and status.get(task) not in ("completed", "failed", "cancelled"):
                send("tasks/get", {"taskId": task}, task=task)
        out.flush()
    out.close()
    server.wait()


if __name__ == "__main__":
    main()
