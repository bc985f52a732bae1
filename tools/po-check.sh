#!/bin/sh
# po-check.sh POT PO... — fails when a message of POT (extracted from the sources) is missing
# from a translation, untranslated or fuzzy, or a translation's printf format does not match
# its message. Used by `make po-check`; tests/cli/po.sh checks that it catches each case.
set -u
pot=$1
shift
status=0
for po in "$@"; do
  if ! msgcmp "$po" "$pot"; then
    echo "$po: the messages above are missing or fuzzy (make po-update, then translate)"
    status=1
    continue
  fi
  if ! stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
    echo "$stats"
    status=1
    continue
  fi
  case $stats in
  *untranslated* | *fuzzy*) echo "$po: $stats"; status=1 ;;
  esac
done
exit $status
