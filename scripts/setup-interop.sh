#!/usr/bin/env bash
# Creates the interop test servers' Python environments at the package root:
#   .venv-interop/    the official MCP Python SDK   (Tests/Interop/requirements-sdk.txt)
#   .venv-fastmcp3/   FastMCP 3.4.10 with tasks     (Tests/Interop/requirements-fastmcp3.txt)
#   .venv-fastmcp4/   FastMCP 4.1.2 + fastmcp-tasks (MCP 2026-07-28; Tests/Interop/requirements-fastmcp4.txt)
# They are separate because each pins its own dependency set (FastMCP 4 needs mcp>=2, the others mcp<2).
# Idempotent: a second run with unchanged requirements only compares a stamp file per venv and exits.
# Quiet: one line per venv on stdout; pip's output goes to <venv>/pip-install.log, shown on failure.
#
# Env: PYTHON=/path/to/python3 to choose the interpreter (default: python3, needs >= 3.10).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAMP_FORMAT=1   # bump to force a reinstall everywhere

# name | requirements file | Python that must run in the finished venv
VENVS=(
    ".venv-interop|Tests/Interop/requirements-sdk.txt|import mcp.server.lowlevel, mcp.server.experimental"
    ".venv-fastmcp3|Tests/Interop/requirements-fastmcp3.txt|import docket, fastmcp, mcp.types; from fastmcp.server.tasks import TaskConfig"
    ".venv-fastmcp4|Tests/Interop/requirements-fastmcp4.txt|import docket, fastmcp, mcp_types; from fastmcp_tasks import TasksExtension; from fastmcp.utilities.tasks import TaskConfig"
)

log() { echo "setup-interop: $*" >&2; }

wanted() {  # the stamp a venv built from requirements file $1 carries
    echo "$STAMP_FORMAT $(sha256sum "$ROOT/$1" | cut -d' ' -f1)"
}

up_to_date() {  # venv $1 present, its interpreter still resolvable, requirements $2 unchanged
    [[ -x "$ROOT/$1/bin/python" && -f "$ROOT/$1/.requirements.sha256" \
        && "$(<"$ROOT/$1/.requirements.sha256")" == "$(wanted "$2")" ]]
}

all_up_to_date() {
    local entry name req
    for entry in "${VENVS[@]}"; do
        IFS='|' read -r name req _ <<<"$entry"
        up_to_date "$name" "$req" || return 1
    done
}

report_up_to_date() {
    local entry name
    for entry in "${VENVS[@]}"; do
        IFS='|' read -r name _ _ <<<"$entry"
        echo "setup-interop: $name up to date"
    done
}

# Fast path: nothing to do.
if all_up_to_date; then
    report_up_to_date
    exit 0
fi

# Serialise concurrent runs (e.g. parallel test jobs); the winner's work is then reused.
if command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/setup-interop-$(printf '%s' "$ROOT" | sha256sum | cut -c1-16).lock"
    flock 9
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

PY=""
extra=""
need_python() {  # sets PY once, installing python3-venv through apt-get if that is what is missing
    [[ -n "$PY" ]] && return 0
    if PY="$(pick_python)"; then return 0; fi
    # Debian's python3 ships without ensurepip: it lives in python3-venv.
    if command -v apt-get >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null </dev/null
        apt-get install -y -qq --no-install-recommends python3-venv >/dev/null </dev/null
        extra="; apt-get installed python3-venv"
    fi
    PY="$(pick_python)" || { log "error: need python3 >= 3.10 with the venv module (apt-get install python3-venv)"; exit 1; }
}

export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PIP_ROOT_USER_ACTION=ignore

setup_venv() {  # name, requirements file, import check
    local name="$1" req="$2" check="$3"
    local venv="$ROOT/$name" stamp="$ROOT/$name/.requirements.sha256" want action="created"
    want="$(wanted "$req")"
    if up_to_date "$name" "$req"; then  # another run did it while we waited for the lock
        echo "setup-interop: $name up to date"
        return 0
    fi
    need_python
    [[ -d "$venv" ]] && action="updated"

    # A venv that is broken (interpreter gone) or half-made is rebuilt from scratch.
    if [[ -d "$venv" ]] && ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
        rm -rf "$venv"
        action="rebuilt"
    fi
    if [[ ! -x "$venv/bin/python" ]]; then
        "$PY" -m venv "$venv"
    fi
    rm -f "$stamp"

    if ! "$venv/bin/python" -m pip install -q -r "$ROOT/$req" </dev/null >"$venv/pip-install.log" 2>&1; then
        log "error: pip install into $name failed; tail of $venv/pip-install.log:"
        tail -n 20 "$venv/pip-install.log" >&2
        exit 1
    fi
    "$venv/bin/python" -c "$check" || { log "error: $name: '$check' fails after install"; exit 1; }

    echo "$want" >"$stamp"
    # The summary names the packages pinned before the first blank comment line (the servers under
    # test), not a frozen list of transitive dependencies.
    local pins
    pins="$(awk '/^#[[:space:]]*$/ && seen { exit } !/^[[:space:]]*(#|$)/ { seen = 1; print }' "$ROOT/$req" | paste -sd' ')"
    echo "setup-interop: $action $name ($("$venv/bin/python" -c 'import sys; print("python %d.%d.%d" % sys.version_info[:3])'), $pins$extra)"
}

for entry in "${VENVS[@]}"; do
    IFS='|' read -r name req check <<<"$entry"
    setup_venv "$name" "$req" "$check"
done
