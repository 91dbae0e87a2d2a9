#!/usr/bin/env bash
# Creates .venv-interop/ at the package root with the interop test servers' Python
# dependencies (Tests/Interop/requirements-sdk.txt). Idempotent: a second run with
# unchanged requirements only compares a stamp file and exits.
#
# Env: PYTHON=/path/to/python3 to choose the interpreter (default: python3, needs >= 3.10).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-interop"
REQ="$ROOT/Tests/Interop/requirements-sdk.txt"
STAMP="$VENV/.requirements.sha256"
STAMP_FORMAT=1   # bump to force a reinstall everywhere

want="$STAMP_FORMAT $(sha256sum "$REQ" | cut -d' ' -f1)"

# Fast path: venv present, its interpreter still resolvable, requirements unchanged.
if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(<"$STAMP")" == "$want" ]]; then
    echo "setup-interop: .venv-interop up to date"
    exit 0
fi

log() { echo "setup-interop: $*" >&2; }

# Serialise concurrent runs (e.g. parallel test jobs); the winner's work is then reused.
if command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/setup-interop-$(printf '%s' "$ROOT" | sha256sum | cut -c1-16).lock"
    flock 9
    if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(<"$STAMP")" == "$want" ]]; then
        echo "setup-interop: .venv-interop up to date"
        exit 0
    fi
fi

py_ok() {  # usable interpreter: >= 3.10 with venv + ensurepip
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1
}

pick_python() {
    local c
    for c in ${PYTHON:-} python3 /usr/bin/python3; do
        if command -v "$c" >/dev/null 2>&1 && py_ok "$c"; then echo "$c"; return 0; fi
    done
    return 1
}

action="created"
[[ -d "$VENV" ]] && action="updated"
extra=""

if ! PY="$(pick_python)"; then
    # Debian's python3 ships without ensurepip: it lives in python3-venv.
    if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq --no-install-recommends python3-venv >/dev/null </dev/null
        extra="; apt-get installed python3-venv"
    fi
    PY="$(pick_python)" || { log "error: need python3 >= 3.10 with the venv module (apt-get install python3-venv)"; exit 1; }
fi

# A venv that is broken (interpreter gone) or half-made is rebuilt from scratch.
if [[ -d "$VENV" ]] && ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    rm -rf "$VENV"
    action="rebuilt"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    "$PY" -m venv "$VENV"
fi
rm -f "$STAMP"

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore
if ! "$VENV/bin/python" -m pip install -q -r "$REQ" >"$VENV/pip-install.log" 2>&1; then
    log "error: pip install failed; tail of $VENV/pip-install.log:"
    tail -n 20 "$VENV/pip-install.log" >&2
    exit 1
fi
"$VENV/bin/python" -c 'import mcp.server.lowlevel, mcp.server.experimental' \
    || { log "error: mcp not importable after install"; exit 1; }

echo "$want" >"$STAMP"
echo "setup-interop: $action .venv-interop ($("$VENV/bin/python" -c 'import sys; print("python %d.%d.%d" % sys.version_info[:3])'), $(grep -vE '^\s*(#|$)' "$REQ" | paste -sd' ')$extra)"
