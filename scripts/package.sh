#!/usr/bin/env bash
# Builds what a user who is not a Java developer installs: no JDK, no Maven needed to run it.
#
#   scripts/package.sh [OUTDIR]      # default target/dist
#
# OUTDIR/smbwatch-VERSION-linux-ARCH.tar.gz  unpack anywhere, run smbwatch-VERSION/smbwatch (or link it
#                                            into PATH: ln -s .../smbwatch-VERSION/smbwatch /usr/local/bin/)
# OUTDIR/smbwatch_VERSION_ARCH.deb           apt install ./smbwatch_...deb: /usr/bin/smbwatch
#
# Both hold one tree: the launcher; lib/smbwatch.jar (with its dependencies) and a capture that the
# launcher's first run trains its class-data archive on; runtime/, a jlink image of only the JDK
# modules the jar needs (found by jdeps); the man pages and the bash completion (made by the build
# from picocli's generators). The .deb puts the tree under /usr/lib/smbwatch, a link in /usr/bin,
# the man pages and completion where man and bash-completion look. Needs a JDK >= 17 with jlink and
# jdeps, Maven, tar and gzip, and dpkg-deb for the .deb. MVN (default mvn) runs Maven, e.g. MVN="mvn -o".
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$(mkdir -p "${1:-$here/target/dist}" && cd "${1:-$here/target/dist}" && pwd)"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
for t in jlink jdeps; do
  [ -x "$jdk/bin/$t" ] || { echo "package.sh: $jdk/bin/$t missing (a full JDK is needed)" >&2; exit 2; }
done
[ -d "$jdk/jmods" ] || { echo "package.sh: $jdk/jmods missing: jlink has no modules to link" >&2; exit 2; }

# the jar, man pages (profile dist: AsciiDoc to roff) and completion; tests are the test command's job
(cd "$here" && ${MVN:-mvn} -q -B -Dstyle.color=never -Pdist package -Dmaven.test.skip=true)
jar="$here/target/smbwatch.jar"
version=$(sed -n 's/^version=//p' "$here/target/classes/io/smbwatch/cli/version.properties")
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
name="smbwatch-$version"
stage="$out/$name"
rm -rf "$stage" "$out/deb"
mkdir -p "$stage/lib" "$stage/share/man/man1" "$stage/share/bash-completion/completions"

# jdeps finds what the classes name; jdk.unsupported is reached by reflection only (sun.misc.Unsafe,
# to unmap capture windows at once: capture.MappedFileChannel), which jdeps cannot see
modules="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar"),jdk.unsupported"
echo "package.sh: runtime modules $modules" >&2
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --generate-cds-archive --output "$stage/runtime" >/dev/null

cp "$jar" "$stage/lib/smbwatch.jar"
cp "$here/smbwatch" "$stage/smbwatch"
cp "$here/README.md" "$stage/README.md"
cp "$here"/target/man/*.1 "$stage/share/man/man1/"
cp "$here/target/smbwatch_completion" "$stage/share/bash-completion/completions/smbwatch"
# what the launcher's first run trains its class-data archive on (in the user's cache)
cp "$here/samples/rules-sample.pcap" "$stage/lib/cds-sample.pcap"
chmod -R u+rwX,go+rX,go-w "$stage"

tarball="$out/$name-linux-$arch.tar.gz"
tar -C "$out" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
echo "$tarball"

if ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "package.sh: dpkg-deb missing: no .deb" >&2; exit 0
fi
root="$out/deb"
mkdir -p "$root/DEBIAN" "$root/usr/lib/smbwatch" "$root/usr/bin" "$root/usr/share/man/man1" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/doc/smbwatch"
cp -a "$stage/smbwatch" "$stage/lib" "$stage/runtime" "$root/usr/lib/smbwatch/"
ln -s ../lib/smbwatch/smbwatch "$root/usr/bin/smbwatch"
for m in "$stage"/share/man/man1/*.1; do gzip -9n <"$m" >"$root/usr/share/man/man1/$(basename "$m").gz"; done
cp "$stage/share/bash-completion/completions/smbwatch" "$root/usr/share/bash-completion/completions/"
cp "$stage/README.md" "$root/usr/share/doc/smbwatch/"
# a Debian version sorts a pre-release before its release: 0.1.0-SNAPSHOT is 0.1.0~SNAPSHOT
debver="${version//-/\~}"
# who made the commit it is built from (a Debian package must name someone)
maint=$(git -C "$here" log -1 --format='%an <%ae>' 2>/dev/null || true)
[ -n "$maint" ] || maint="smbwatch <smbwatch@localhost>"
cat >"$root/DEBIAN/control" <<EOF
Package: smbwatch
Version: $debver
Architecture: $arch
Maintainer: $maint
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: libc6, libgcc-s1, libstdc++6, zlib1g
Section: net
Priority: optional
Description: network security monitor for SMB
 Reads packet captures (or a live tcpdump stream), reassembles TCP and dissects NetBIOS, SMB1,
 SMB2/3 and DCERPC; writes text, JSON, Suricata EVE and Zeek-style logs, runs Suricata-format
 rules and its own detectors. Carries its own Java runtime.
EOF
deb="$out/smbwatch_${debver}_$arch.deb"
dpkg-deb --root-owner-group -Zgzip --build "$root" "$deb" >/dev/null
echo "$deb"
