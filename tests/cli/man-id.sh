#!/bin/sh
# man-id.sh — the Indonesian man pages (man/id/) cannot drift from the English ones: for
# each pair the same sections in the same order (through the table of section names below),
# the same long options, the same environment variables, for file formats the same keys,
# and the same example commands. Run from the top of the tree.
set -u
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }

# English section name -> Indonesian
sections_id() {
  sed -e 's/^NAME$/NAMA/' -e 's/^SYNOPSIS$/SINOPSIS/' -e 's/^DESCRIPTION$/DESKRIPSI/' \
    -e 's/^COMMANDS$/PERINTAH/' -e 's/^OPTIONS$/OPSI/' -e 's/^EXIT STATUS$/STATUS KELUAR/' \
    -e 's/^DIAGNOSTICS$/DIAGNOSTIK/' -e 's/^Language$/Bahasa/' -e 's/^ENVIRONMENT$/LINGKUNGAN/' \
    -e 's/^FILES$/BERKAS/' -e 's/^LIMITS$/BATAS/' -e 's/^EXAMPLES$/CONTOH/' \
    -e 's/^SEE ALSO$/LIHAT JUGA/' -e 's/^ONE AGENCY$/SATU INSTANSI/' \
    -e 's/^MANY AGENCIES$/BANYAK INSTANSI/' -e 's/^PROPOSED ANSWERS$/JAWABAN USULAN/' \
    -e 's/^ANSWERS$/JAWABAN/' -e 's/^UNITS$/UNIT/' \
    -e 's/^TOP-LEVEL KEYS$/KUNCI TINGKAT ATAS/' -e 's/^SECTIONS$/BAGIAN/' -e 's/^PENALTIES$/POTONGAN/' \
    -e 's/^INDICATORS$/INDIKATOR/' -e 's/^SCALES$/SKALA/' -e 's/^SCORING$/PENILAIAN/' \
    -e 's/^WORKED EXAMPLE$/CONTOH PERHITUNGAN/' -e 's/^EXAMPLE$/CONTOH RUBRIK/'
}
headings() { sed -n 's/^\.S[HS] "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1"; }
options() { grep -o '\\-\\-[a-z][a-z-]*' "$1" | sort -u; }
env_vars() { grep -ohE '\b([A-Z]+_[A-Z_]+|LANG|LANGUAGE)\b' "$1" | sort -u; }
# YAML keys and values in bold: lowercase words after .B / .BR
keys() { grep -E '^\.(B|BR) ' "$1" | awk '{print $2}' | tr -d '"' | grep -E '^[a-z_]+$' | sort -u; }
examples() { awk '/^\.SH (EXAMPLES|CONTOH)$/ {on = 1; next} /^\.SH / {on = 0} on' "$1" | grep -E '^patuh '; }

same() { # same WHAT PAGE_EN PAGE_ID FUNCTION
  "$4" "$2" >"$tmp/en"
  "$4" "$3" >"$tmp/id"
  if diff "$tmp/en" "$tmp/id" >"$tmp/diff"; then ok; else
    bad "$3: $1 differ from $2 (< English, > Indonesian):"
    sed 's/^/    /' "$tmp/diff" | head -n 20
  fi
}
headings_id() { headings "$1" | sections_id; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for en in man/patuh.1 man/patuh-rubric.5 man/patuh-answers.5; do
  id=man/id/${en#man/}
  if [ ! -f "$id" ]; then bad "$id: missing, the Indonesian page of $en"; continue; fi
  headings_id "$en" >"$tmp/en"
  headings "$id" >"$tmp/id"
  if diff "$tmp/en" "$tmp/id" >"$tmp/diff"; then ok; else
    bad "$id: sections differ from $en (< English, > Indonesian):"
    sed 's/^/    /' "$tmp/diff" | head -n 20
  fi
  same "long options" "$en" "$id" options
  same "environment variables" "$en" "$id" env_vars
  same "example commands" "$en" "$id" examples
  case $en in *.5) same "keys" "$en" "$id" keys ;; esac
done
echo "man-id: $passed passed, $failed failed"
[ "$failed" = 0 ]
