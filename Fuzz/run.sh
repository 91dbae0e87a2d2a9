#!/usr/bin/env bash
# Runs each fuzzer for SECONDS on its corpus, one after another. Usage: Fuzz/run.sh OUT SECONDS [NAME...]
# (Fuzz/build.sh and Fuzz/make-corpus.py have filled OUT). New inputs that reach new code are added to the
# corpus, so later runs start where earlier ones stopped; a crash or broken property is saved as
# OUT/crashes/NAME-crash-<sha1>, which `OUT/NAME OUT/crashes/...` replays. Exits non-zero if any fuzzer found one.
set -uo pipefail
out=$1
seconds=$2
shift 2
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(fuzz-json fuzz-line-framer fuzz-sse)
mkdir -p "$out/crashes"
failed=()
for name in "${names[@]}"; do
    corpus="$out/corpus/${name#fuzz-}"
    echo "== $name: ${seconds}s on $corpus ($(find "$corpus" -type f | wc -l) inputs)"
    # The Swift runtime's own backtracer would read memory ASan then reports as a second, bogus crash; without
    # it a broken property is reported once, as libFuzzer's deadly signal.
    if ! SWIFT_BACKTRACE=enable=no "$out/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$out/crashes/$name-" "$corpus" \
        >"$out/$name.log" 2>&1; then
        failed+=("$name")
    fi
    # The last status line and the final statistics say how far it went; the whole log stays in OUT.
    grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$out/$name.log" | tail -1
    grep -E '^(stat::|SUMMARY|==[0-9]+==ERROR|Fatal error|.*property violated)' "$out/$name.log"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found a failure in: ${failed[*]} (inputs in $out/crashes, logs in $out/NAME.log)" >&2
    exit 1
fi
