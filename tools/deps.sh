#!/bin/sh
# deps.sh — installs the Debian packages patuh builds and tests with, when any is missing.
# Used by `make deps` (and so by `make check` and `make demo`) and by .ci/run; `deps.sh deb`
# (by `make deb`) also installs what building and checking the Debian packages needs. Carlito
# (metric-compatible with Calibri) makes LibreOffice print workbooks at the widths Excel does.
set -e
pkgs="build-essential pkg-config libyaml-dev libxml2-dev libxlsxwriter-dev libjson-c-dev
nettle-dev libminizip-dev zlib1g-dev clang-format libcmocka-dev python3 python3-openpyxl python3-yaml valgrind clang libclang-rt-14-dev
bash-completion zsh wget gettext locales fonts-crosextra-carlito"
if [ "${1:-}" = deb ]; then pkgs="$pkgs dpkg-dev debhelper lintian"; fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
