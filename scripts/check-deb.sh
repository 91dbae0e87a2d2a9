#!/usr/bin/env bash
# Checks the package build-deb.sh made in DIR: its files are where Debian puts them, the binaries carry no
# debug information, dpkg installs it into an empty root (a dpkg database of its own; the dependencies,
# which that root does not have, are checked against this machine with apt-get's simulation instead), and
# `mcptask tools -s demo` works from the installed files.
#
# A chroot made with debootstrap would test `apt install` for real, but it downloads a base system
# (some hundred megabytes) and needs network and minutes; an empty root with dpkg's own database tests the
# package itself, which is what can go wrong here.
set -euo pipefail
dir=${1:?usage: check-deb.sh DIR}
package=$(ls "$dir"/mcptask_*.deb)
root=$(mktemp -d)
home=$(mktemp -d)
trap 'rm -rf "$root" "$home"' EXIT
fail() { echo "check-deb: $*" >&2; exit 1; }

contents=$(dpkg-deb --contents "$package")
for path in ./usr/bin/mcptask ./usr/bin/mcptask-demo ./usr/share/man/man1/mcptask.1.gz \
    ./usr/share/bash-completion/completions/mcptask ./usr/share/zsh/vendor-completions/_mcptask \
    ./usr/share/fish/vendor_completions.d/mcptask.fish ./usr/share/doc/mcptask/copyright; do
    grep -q " $path\$" <<<"$contents" || fail "$path is not in the package"
done
grep -q "^ Depends: .*libc6" <(dpkg-deb --info "$package") || fail "the package does not depend on libc6"

mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
# The empty root has none of the dependencies: dpkg says so and, forced, installs anyway.
dpkg --root="$root" --force-depends --force-not-root --log=/dev/null --install "$package" >"$home/dpkg.log" 2>&1 \
    || { cat "$home/dpkg.log" >&2; fail "dpkg could not install the package"; }
dpkg --root="$root" --status mcptask | grep -q "^Status: install ok installed" || fail "dpkg does not list it installed"
if readelf -S "$root/usr/bin/mcptask" | grep -q '\.debug_info'; then fail "the installed mcptask has debug information"; fi

if command -v apt-get >/dev/null; then
    apt-get install --simulate --no-install-recommends "$(realpath "$package")" >/dev/null 2>&1 \
        || fail "apt-get cannot satisfy the package's dependencies on this machine"
fi

output=$(env -i PATH=/usr/bin:/bin HOME="$home" XDG_STATE_HOME="$home/state" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" NO_COLOR=1 "$root/usr/bin/mcptask" tools -s demo) \
    || fail "mcptask tools -s demo failed from the installed package"
grep -q "slow_count" <<<"$output" || fail "mcptask tools -s demo did not list the demo's tools: $output"
echo "check-deb: $(basename "$package") installs, and mcptask tools -s demo works from it"
