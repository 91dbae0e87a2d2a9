#!/usr/bin/env bash
# Fails when the committed completion scripts or man page differ from what the command definitions
# generate now (`make test` and so CI run it):
#
#   scripts/check-docs.sh MCPTASK GENERATE_MANUAL
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 MCPTASK GENERATE_MANUAL" >&2
    exit 64
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT

bash "$root/scripts/generate-docs.sh" "$1" "$2" "$fresh"
stale=()
for file in completions/mcptask.bash completions/mcptask.zsh completions/mcptask.fish man/mcptask.1; do
    if ! cmp -s "$fresh/$file" "$root/$file"; then
        stale+=("$file")
        diff -u "$root/$file" "$fresh/$file" | head -40 >&2 || true
    fi
done
if [[ ${#stale[@]} -gt 0 ]]; then
    echo >&2
    echo "check-docs: ${stale[*]} out of date with the command definitions." >&2
    echo "check-docs: run 'make docs' and commit the result." >&2
    exit 1
fi
echo "check-docs: completions/ and man/ match the command definitions"
