# Sourced by every bench script (run.sh, journal.sh, json/run.sh, many_tasks/run.sh): builds CONFIG
# (release with the Swift runtime linked statically, as shipped) into BUILD_DIR unless SKIP_BUILD=1, and
# sets BIN_DIR and MCPTASK. Needs CONFIG, BUILD_DIR and the script's `log` and `fail`.
BUILD=(swift build -c "$CONFIG" --scratch-path "$BUILD_DIR")
[ "$CONFIG" = release ] && BUILD+=(--static-swift-stdlib)
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    log "building $CONFIG into $BUILD_DIR"
    "${BUILD[@]}" >&2
fi
BIN_DIR=$("${BUILD[@]}" --show-bin-path)
MCPTASK=$BIN_DIR/mcptask
[ -x "$MCPTASK" ] && [ -x "$BIN_DIR/mcptask-demo" ] || fail "no $CONFIG build in $BIN_DIR"
