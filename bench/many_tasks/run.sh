#!/usr/bin/env bash
# `make bench-tasks`: mcptask following many tasks at once (issue 17). For each count in COUNTS (50 and 500),
# TASKS tasks of the demo's slow_count (STEPS steps of DELAY seconds; the demo run with --poll-interval
# POLL_INTERVAL and --stats; SPREAD below) are started and followed to the end by three clients in turn
# (bench/many_tasks/follow_tasks.py):
#   session  a background session, `call --detach` per task and a `watch --result` of each
#   repl     one `mcptask repl` fed `call slow_count … &` lines on a pipe
#   raw      a minimal standard-library Python client (bench/many_tasks/raw_tasks_client.py), the baseline
# and it prints, with PASS/MISS per goal:
#   - the tasks/get requests the server received against the budget sum(ceil(duration / pollInterval) + 1),
#     and the most tasks/get of one task outstanding at once (goal: within the budget, never more than one);
#   - result latency: from the server sending a task's terminal notifications/tasks/status to the client
#     printing its result (the REPL: its end line), on one clock (CLOCK_MONOTONIC); max and p95, goal max
#     <= 100 ms;
#   - mcptask's CPU time per task (user + system of all its processes) and peak memory (the largest VmHWM),
#     each as the ratio of the largest count to the smallest (goal: flat, <= 1.25), and CPU per task as a
#     ratio to the raw client's at the same count.
# Results: bench/results/many-tasks.json (every run) and many-tasks-summary.txt.
#
# Environment: BUILD_DIR (.build), CONFIG (release; debug measures the debug build), SKIP_BUILD=1 (use an
# existing build), COUNTS ("50 500"), STEPS (5),
# DELAY (2: seconds a step, so tasks last 10 to 19 s and hundreds run at once), SPREAD (10: task i's steps
# take DELAY * (1 + (i mod SPREAD) / SPREAD), so the tasks end spread over 9 s, as tasks started together
# do; 1 makes them all end in the same instant), POLL_INTERVAL (500 ms),
# CONCURRENCY (4: `call --detach` processes at once for the session), CLIENTS ("session repl raw").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-.build}
CONFIG=${CONFIG:-release}
COUNTS=${COUNTS:-50 500}
STEPS=${STEPS:-5}
DELAY=${DELAY:-2}
SPREAD=${SPREAD:-10}
POLL_INTERVAL=${POLL_INTERVAL:-500}
CONCURRENCY=${CONCURRENCY:-4}
CLIENTS=${CLIENTS:-session repl raw}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"

log() { printf 'bench-tasks: %s\n' "$*" >&2; }
fail() { printf 'bench-tasks: error: %s\n' "$*" >&2; exit 1; }

command -v python3 >/dev/null 2>&1 || {
    log "installing python3"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 >/dev/null
}

. "$ROOT/bench/build.sh"
DEMO=$BIN_DIR/mcptask-demo
"$DEMO" --help | grep -q -- '--stats' || fail "this mcptask-demo has no --stats option"

# 500 watch processes read from and write to 500 pipes and sockets at once.
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 8192 ] || ulimit -n 8192 2>/dev/null || true

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
RUNS=$RESULTS/many-tasks-runs.jsonl
: >"$RUNS"
for count in $COUNTS; do
    for client in $CLIENTS; do
        log "$client: $count tasks of $STEPS x ${DELAY}s, pollInterval $POLL_INTERVAL ms"
        python3 bench/many_tasks/follow_tasks.py --client "$client" --mcptask "$MCPTASK" --demo "$DEMO" \
            --tasks "$count" --steps "$STEPS" --delay "$DELAY" --spread "$SPREAD" --poll-interval "$POLL_INTERVAL" \
            --concurrency "$CONCURRENCY" | tee -a "$RUNS" >&2
    done
done
LOAD="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/many_tasks/summary.py "$RUNS" "$RESULTS/many-tasks.json" "$(nproc) cores, load average $LOAD" \
    | tee "$RESULTS/many-tasks-summary.txt"
