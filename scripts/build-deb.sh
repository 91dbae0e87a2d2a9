#!/usr/bin/env bash
# Builds mcptask_VERSION_ARCH.deb from the binaries in BIN_DIR (a release build for `make deb`, the debug
# build for `make check-deb`) into OUT_DIR, with dpkg-deb and dpkg-shlibdeps.
#
# Why not debhelper: the package is one staged tree (what `make install-files` puts under /usr) and a
# control file; debhelper would add a debian/ directory of rules, compat and changelog, and build-depends
# on debhelper itself, only to run the same install, strip, gzip and shlibdeps steps this script runs.
# dpkg-deb and dpkg-shlibdeps come with dpkg and dpkg-dev, which every Debian build machine has.
#
# Where things go (Debian's places): /usr/bin/mcptask and mcptask-demo (stripped), the man page gzipped
# in /usr/share/man/man1, completions in /usr/share/bash-completion/completions,
# /usr/share/zsh/vendor-completions and /usr/share/fish/vendor_completions.d, and the copyright file in
# /usr/share/doc/mcptask.
set -euo pipefail
bin_dir=${1:?usage: build-deb.sh BIN_DIR OUT_DIR}
out_dir=${2:?usage: build-deb.sh BIN_DIR OUT_DIR}
cd "$(dirname "$0")/.."

version=$("$bin_dir/mcptask" --version)
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$stage" "$work"' EXIT

make --no-print-directory install-files DESTDIR="$stage" PREFIX=/usr INSTALL_FROM="$bin_dir" \
    ZSH_COMPLETION_DIR=/usr/share/zsh/vendor-completions >/dev/null
gzip -9n "$stage/usr/share/man/man1/mcptask.1"
install -d "$stage/usr/share/doc/mcptask"
cat >"$stage/usr/share/doc/mcptask/copyright" <<'TEXT'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: mcptask

Files: *
Copyright: the mcptask authors
License: see the mcptask source tree
TEXT
chmod -R u=rwX,go=rX "$stage"

# The shared libraries the binaries need, as package dependencies. Libraries no Debian package provides
# (the Swift runtime of a debug build, which the toolchain supplies) are left out: only the release build,
# with the Swift runtime linked in, is meant for other machines.
mkdir -p "$work/debian"
printf 'Source: mcptask\n\nPackage: mcptask\nArchitecture: any\n' >"$work/debian/control"
depends=$(cd "$work" && dpkg-shlibdeps -O --ignore-missing-info --warnings=0 \
    "$stage/usr/bin/mcptask" "$stage/usr/bin/mcptask-demo" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')

install -d "$stage/DEBIAN"
cat >"$stage/DEBIAN/control" <<TEXT
Package: mcptask
Version: $version
Architecture: $arch
Maintainer: ${DEB_MAINTAINER:-mcptask maintainers <mcptask@localhost>}
Installed-Size: $(du -sk --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Section: devel
Priority: optional
Description: inspector for MCP (Model Context Protocol) tasks
 mcptask connects to MCP servers over stdio or Streamable HTTP, lists their
 tools with their task modes, starts task-augmented tool calls and follows
 them live, answers the server's questions and cancels tasks. It includes
 mcptask-demo, a demo server: try "mcptask tools -s demo".
TEXT

mkdir -p "$out_dir"
rm -f "$out_dir"/mcptask_*.deb
package="$out_dir/mcptask_${version}_${arch}.deb"
# xz (dpkg's default) for a package to hand out; DEB_COMPRESSION=gzip for a quick check on a busy machine.
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$stage" "$package" >/dev/null
echo "$package"
