#!/usr/bin/env bash
# Builds the libFuzzer harnesses outside SwiftPM, so they never slow `swift build`: MCPCore is compiled once
# (whole module, instrumented for coverage and AddressSanitizer) into $OUT, then each harness is compiled with
# the few sources it needs and linked against it. Usage: Fuzz/build.sh [OUT], OUT defaulting to .build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build-fuzz}
swiftc=${SWIFTC:-swiftc}
# -O keeps the runs fast; Swift's own checks (overflow, bounds, preconditions) stay on at -O and trap, which
# libFuzzer reports as a crash with its input. lld links without the hundreds of warnings gold gives on the
# sanitizer runtime.
flags=(-O -sanitize=fuzzer,address -parse-as-library -swift-version 6 -warnings-as-errors -use-ld=lld)
mkdir -p "$out"

core_sources=$(find Sources/MCPCore -name '*.swift' | sort)
# MCPCore is the slow part; it is compiled again only when one of its sources (or this script) changed.
if [ ! -f "$out/MCPCore.o" ] || [ -n "$(find Sources/MCPCore Fuzz/build.sh -newer "$out/MCPCore.o" -type f)" ]; then
    # shellcheck disable=SC2086
    "$swiftc" "${flags[@]}" -module-name MCPCore -whole-module-optimization \
        -emit-module -emit-module-path "$out/MCPCore.swiftmodule" -c -o "$out/MCPCore.o" $core_sources
fi

# harness BINARY MODULE SOURCES...
harness() {
    local name=$1 module=$2
    shift 2
    "$swiftc" "${flags[@]}" -module-name "$module" -I "$out" "$@" "$out/MCPCore.o" -o "$out/$name"
}
harness fuzz-json FuzzJSON Fuzz/JSON/*.swift Fuzz/Common/*.swift
harness fuzz-line-framer FuzzLineFramer Fuzz/LineFramer/*.swift Fuzz/Common/*.swift
# The SSE parser lives in MCPTransport, whose other files need the HTTP client; it is compiled into its harness
# with HTTPFailure (its error wording), the two needing only MCPCore.
harness fuzz-sse FuzzSSE Fuzz/SSE/*.swift Fuzz/Common/*.swift Sources/MCPTransport/HTTP/SSEParser.swift \
    Sources/MCPTransport/HTTP/HTTPFailure.swift
