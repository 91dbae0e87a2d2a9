#!/usr/bin/env bash
# Measures what the task journal costs the common commands as it grows (issue 17): each command timed on a
# release build (CONFIG), against a journal of 0 and of 10,000 entries, with the ratio and PASS when it is at
# most 1.25:
#   call           `call --detach -s demo must_be_task x=hi`: starts a task on the demo server and records it
#   status last    `status last`: finds the newest task (a stdio task of the demo, so mcptask then says that
#                  its process has ended, exit 6, without connecting: the time is start-up plus the lookup)
#   prefix lookup  `status bench-lookup-t`: finds the one task with that prefix, the same way
# The lookups need a task to find, so their small journal holds that one task; the 10,000-entry journal
# holds it too. The big journal is written as a version 1 tasks.json and migrated by the first command, as an
# upgrade would.
#
# Environment: BUILD_DIR (default .build), CONFIG (release; debug measures the debug build), SKIP_BUILD=1
# (use an existing build), ENTRIES (10000),
# RUNS (rounds counted, 30), WARMUP (rounds not counted, 3). Results (every time, summary) go to
# bench/results/journal-*.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-.build}
CONFIG=${CONFIG:-release}
ENTRIES=${ENTRIES:-10000}
RUNS=${RUNS:-30}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"

log() { printf 'bench-journal: %s\n' "$*" >&2; }
fail() { printf 'bench-journal: error: %s\n' "$*" >&2; exit 1; }

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing ${need_apt[*]}"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

. "$ROOT/bench/build.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A private home for each journal: state, config and cache all inside it.
home() {
    mkdir -p "$WORK/$1/state/mcptask" "$WORK/$1/config" "$WORK/$1/cache"
    chmod 700 "$WORK/$1/state/mcptask"
}

# A version 1 tasks.json of $2 tasks of the demo server over stdio, plus the one the lookups look for
# (created last, so it is also the newest).
legacy_journal() {
    python3 - "$1" "$2" "$BIN_DIR/mcptask-demo" <<'PY'
import json, os, sys, time, uuid
path, count, demo = sys.argv[1], int(sys.argv[2]), sys.argv[3]
now = time.time()
def entry(task_id, created):
    return {"taskId": task_id, "server": "demo", "transport": "stdio", "command": [demo], "tool": "must_be_task",
            "createdAt": created, "ttl": 30 * 86400 * 1000, "status": "working",
            "progressToken": "bench-" + task_id}
tasks = [entry(str(uuid.uuid4()), now - count + index) for index in range(count)]
tasks.append(entry("bench-lookup-target", now))
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as out:
    json.dump({"version": 1, "tasks": tasks}, out)
PY
}

# Runs mcptask with the home $1.
in_home() {
    local dir=$WORK/$1
    shift
    env HOME="$dir" XDG_STATE_HOME="$dir/state" XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache" "$@"
}

home empty
home small
home big
legacy_journal "$WORK/small/state/mcptask/tasks.json" 0
legacy_journal "$WORK/big/state/mcptask/tasks.json" "$((ENTRIES - 1))"
# Migrate both now (the first use), and check that the big one holds every entry.
in_home small "$MCPTASK" status last >/dev/null 2>&1 || true
in_home big "$MCPTASK" status last >/dev/null 2>&1 || true
held=$(in_home big "$MCPTASK" tasks --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["journal"]))')
[ "$held" = "$ENTRIES" ] || fail "the big journal holds $held entries, not $ENTRIES"
cp -a "$WORK/big" "$WORK/bigcall"
log "journals ready: 0, 1 and $held entries ($(du -h "$WORK/big/state/mcptask/tasks.db" | cut -f1) on disk)"

# The six measurements run interleaved, round after round (a shared machine's load drifts; one block after
# another would compare different moments), each run timed from start to exit; the median of RUNS rounds
# counts, after WARMUP rounds not counted.
python3 - "$WORK" "$MCPTASK" "$ENTRIES" "$RUNS" "${WARMUP:-3}" "$RESULTS" <<'PY'
import json, os, statistics, subprocess, sys, time
work, mcptask, entries, runs, warmup, results = sys.argv[1:7]
runs, warmup = int(runs), int(warmup)
call = ["call", "--detach", "-s", "demo", "must_be_task", "x=hi"]
operations = [
    ("call (records one task)", "0 entries", "empty", "bigcall", call),
    ("status last", "1 entry", "small", "big", ["status", "last"]),
    ("prefix lookup (status PREFIX)", "1 entry", "small", "big", ["status", "bench-lookup-t"]),
]
def environment(home):
    base = os.path.join(work, home)
    return dict(os.environ, HOME=base, XDG_STATE_HOME=base + "/state", XDG_CONFIG_HOME=base + "/config",
                XDG_CACHE_HOME=base + "/cache")
def timed(home, arguments):
    start = time.perf_counter()
    subprocess.run([mcptask] + arguments, env=environment(home), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000
times = {(name, home): [] for name, _, small, big, _ in operations for home in (small, big)}
for round in range(warmup + runs):
    for name, _, small, big, arguments in operations:
        for home in (small, big):
            elapsed = timed(home, arguments)
            if round >= warmup:
                times[(name, home)].append(elapsed)
json.dump({f"{name} @ {home}": values for (name, home), values in times.items()},
          open(os.path.join(results, "journal-times.json"), "w"), indent=1)
header = f"{'operation':<31}{'small journal':<24}{entries + ' entries':<24}{'ratio':<7}result"
lines = [header]
for name, size, small, big, _ in operations:
    small_median = statistics.median(times[(name, small)])
    big_median = statistics.median(times[(name, big)])
    ratio = big_median / small_median
    lines.append(f"{name:<31}{f'{small_median:.1f} ms ({size})':<24}{f'{big_median:.1f} ms':<24}{ratio:<7.2f}"
                 + ("PASS" if ratio <= 1.25 else "MISS"))
lines.append(f"(medians of {runs} interleaved runs each, wall time from start to exit; ratio = {entries} / small; "
             f"PASS when <= 1.25)")
text = "\n".join(lines)
print(text)
open(os.path.join(results, "journal-summary.txt"), "w").write(text + "\n")
PY
