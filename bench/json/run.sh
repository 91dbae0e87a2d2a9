#!/usr/bin/env bash
# `make bench-json`: how fast mcptask reads JSON. Builds a release (unless SKIP_BUILD=1), writes a tools/list
# page of TOOLS tools (default 20,000, about 13 MB), then prints
#   1. the parser alone, parse + decode into ListToolsResult, and compact writing (mcptask-json-bench; goal
#      >= 400 MB/s for parse + decode);
#   2. whole `mcptask tools` runs against bench/json/many_tools_server.py beside a raw standard-library
#      Python client and the official Python SDK (.venv-interop, when `make interop-env` made it), with the
#      ratio of each to the raw client (goal: mcptask <= 1.0x).
# Environment: BUILD_DIR (.build), SKIP_BUILD=1, TOOLS (20000), ROUNDS (parser rounds, 15), RUNS (whole runs
# per client, 5), MCPTASK (the mcptask to time; default the release build's).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-.build}
TOOLS=${TOOLS:-20000}
ROUNDS=${ROUNDS:-15}
RUNS=${RUNS:-5}
RESULTS=$ROOT/bench/results
mkdir -p "$RESULTS"

log() { printf 'bench-json: %s\n' "$*" >&2; }
fail() { printf 'bench-json: error: %s\n' "$*" >&2; exit 1; }
CHOSEN_MCPTASK=${MCPTASK:-}
CONFIG=release
. "$ROOT/bench/build.sh"
MCPTASK=${CHOSEN_MCPTASK:-$MCPTASK}
[ -x "$BIN_DIR/mcptask-json-bench" ] || fail "no mcptask-json-bench in $BIN_DIR"

PAGE=$RESULTS/tools-page.json
python3 bench/json/many_tools_server.py --tools "$TOOLS" --write-page "$PAGE"

echo "== JSON parser (release, in process), beside Python's json.loads on the same page"
"$BIN_DIR/mcptask-json-bench" "$PAGE" "$ROUNDS" | tee "$RESULTS/json-parser.txt"
python3 bench/json/python_parse.py "$PAGE" "$ROUNDS" | tee -a "$RESULTS/json-parser.txt"
python3 - "$RESULTS/json-parser.txt" <<'RATIO'
import re, sys
rates = {line[:24].strip(): int(re.search(r"median (\d+)", line).group(1)) for line in open(sys.argv[1]) if "median" in line}
python = rates["python json.loads"]
for name in ("parse", "parse + decode tools"):
    print(f"ratio {name:<21} {rates[name] / python:.2f}x python json.loads (medians)")
RATIO
echo
echo "== whole tools runs (stdio server bench/json/many_tools_server.py)"
echo "mcptask: $MCPTASK"
python3 bench/json/compare.py --mcptask "$MCPTASK" --page "$PAGE" --tools "$TOOLS" --rounds "$RUNS" \
    --sdk-python "$ROOT/.venv-interop/bin/python"
