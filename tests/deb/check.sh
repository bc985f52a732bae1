#!/bin/sh
# check.sh — the Debian packages `make deb` built: each holds what it should (dpkg-deb
# --contents: the binary, every shipped rubric, every man page in every language, the
# completion, the translations when po/ has any; the library, header and pkg-config file),
# the copyright names every rubric with its sources, and both install with dpkg into a
# throw-away root (--root, --force-depends: that root has no libc) where the installed patuh
# runs from / with its own rubrics, then purge cleanly. Run from the top of the tree after
# `make deb`, with DEB_DIR and VERSION as make passes them.
set -u
DEB_DIR=${DEB_DIR:-build/deb}
VERSION=${VERSION:?}
arch=$(dpkg --print-architecture)
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: expected '$2', got '$3'"; fi; }

deb=$DEB_DIR/patuh_${VERSION}_$arch.deb
dev=$DEB_DIR/libpatuh-dev_${VERSION}_$arch.deb
for f in "$deb" "$dev"; do
  if [ -f "$f" ]; then ok; else bad "no package $f (debian/changelog must give $VERSION)"; fi
done

# has PACKAGE-CONTENTS PATH: the package lists ./PATH
dpkg-deb --contents "$deb" | awk '{print $6}' >"$tmp/patuh.list"
dpkg-deb --contents "$dev" | awk '{print $6}' >"$tmp/dev.list"
has() { if grep -qx "./$2" "$tmp/$1.list"; then ok; else bad "$1 package lacks /$2"; fi; }
has patuh usr/bin/patuh
for r in rubrics/*.yaml; do has patuh "usr/share/patuh/$r"; done
for m in man/*.[15] man/*/*.[15]; do
  [ -f "$m" ] || continue
  lang=$(dirname "$m" | sed -n 's|^man/||p') section=${m##*.}
  has patuh "usr/share/man/${lang:+$lang/}man$section/$(basename "$m").gz"
done
for po in po/*.po; do
  [ -f "$po" ] || continue
  has patuh "usr/share/locale/$(basename "$po" .po)/LC_MESSAGES/patuh.mo"
done
has patuh usr/share/bash-completion/completions/patuh
has patuh usr/share/zsh/vendor-completions/_patuh
has patuh usr/share/doc/patuh/copyright
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
has dev usr/include/patuh.h
has dev "usr/lib/$multiarch/libpatuh.a"
has dev "usr/lib/$multiarch/pkgconfig/libpatuh.pc"
check "nothing under /usr/local" "" "$(grep -h '^\./usr/local' "$tmp/patuh.list" "$tmp/dev.list")"

# the copyright file names each rubric, and the sources it cites
dpkg-deb -x "$deb" "$tmp/x"
for r in rubrics/*.yaml; do
  if grep -qx "Files: $r" "$tmp/x/usr/share/doc/patuh/copyright"; then ok; else
    bad "copyright does not name $r"; fi
done
check "copyright: a Sources paragraph per rubric" "$(ls rubrics/*.yaml | wc -l)" \
  "$(grep -c '^ Sources: ' "$tmp/x/usr/share/doc/patuh/copyright")"

# installed into a throw-away root; the installed patuh runs from / with its own rubrics
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
if dpkg --root="$root" --force-not-root --force-depends -i "$deb" "$dev" >"$tmp/dpkg.log" 2>&1
then ok; else bad "dpkg -i into a throw-away root: $(tail -n 5 "$tmp/dpkg.log")"; fi
check "dpkg --root lists both installed" "ii libpatuh-dev ii patuh" \
  "$(dpkg --root="$root" -l | awk '/^ii/{sub(/:.*/, "", $2); printf "%s%s %s", sep, $1, $2; sep=" "}')"
got=$(cd / && env -u PATUH_RUBRICS "$root/usr/bin/patuh" rubric list | head -n 1)
check "installed patuh reads its own rubrics" "$root/usr/share/patuh/rubrics" "$got"
(cd / && env -u PATUH_RUBRICS SOURCE_DATE_EPOCH=1700000000 "$root/usr/bin/patuh" score \
  -r pengaduan -o "$tmp/deb.json" "$top/samples/pengaduan") 2>"$tmp/err"
check "installed patuh scores the sample" 0 $?
SOURCE_DATE_EPOCH=1700000000 build/patuh score -r pengaduan -o "$tmp/built.json" \
  "$top/samples/pengaduan" 2>>"$tmp/err"
if cmp -s "$tmp/deb.json" "$tmp/built.json"; then ok; else
  bad "the packaged patuh scores differently from build/patuh: $(head -n 3 "$tmp/err")"; fi
dpkg --root="$root" --force-not-root --force-depends --purge patuh libpatuh-dev >"$tmp/dpkg.log" 2>&1
check "purge leaves no file under usr" "" "$(find "$root/usr" -type f 2>/dev/null)"
echo "deb: $passed passed, $failed failed"
[ "$failed" = 0 ]
