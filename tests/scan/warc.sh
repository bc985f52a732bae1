#!/bin/sh
# warc.sh — a WARC made by `wget --warc-file` against a local HTTP server (python3 -m
# http.server on a free port of 127.0.0.1) serving samples/sites/kab-balangan is scanned like
# the directory: the same answers and evidence, the page URLs and WARC-Date in place of file
# paths and times, the home page (URI path `/`) included and no HTTP header in a page.
# Hostile WARCs: a record over the size limit, a truncated file, a decompression bomb.
# Run from the top of the tree with PATUH=...
set -u
PATUH=${PATUH:-build/patuh}
case $PATUH in /*) ;; *) PATUH=$(pwd)/$PATUH ;; esac
top=$(pwd)
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { # check NAME EXPECTED GOT
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    echo "FAIL $1:"; echo "  expected: $2"; echo "  got:      $3"; failed=$((failed + 1)); fi
}
export PATUH_RUBRICS=rubrics NO_COLOR=1

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd samples/sites/kab-balangan && exec python3 -m http.server --bind 127.0.0.1 "$port") \
  >/dev/null 2>&1 &
pid=$!
i=0
until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 50 ] && { echo "FAIL warc: the local server did not start"; exit 1; }
  sleep 0.1
done
(cd "$tmp" && wget -q --no-proxy -r -l inf -e robots=off --warc-file=kab-balangan -P mirror \
  "http://127.0.0.1:$port/")
kill "$pid"; pid=
check "wget wrote a WARC" "yes" "$([ -s "$tmp/kab-balangan.warc.gz" ] && echo yes)"

"$PATUH" scan -r publikasi-standar "$tmp/kab-balangan.warc.gz" >"$tmp/warc.yaml" 2>"$tmp/err"
check "scan of the WARC: exit and stderr" "0:" "$?:$(cat "$tmp/err")"
"$PATUH" scan -r publikasi-standar samples/sites/kab-balangan >"$tmp/dir.yaml" 2>"$tmp/err"
# the answers are the same; evidence names the URL and WARC-Date instead of path and mtime
answers() { grep -E '^ +("|value:)' "$1"; }
check "same answers as the directory" "$(answers "$tmp/dir.yaml")" "$(answers "$tmp/warc.yaml")"
url="http://127.0.0.1:$port"
check "the home page (URI path /) is read" "1" \
  "$(grep -c "lapor: $url/ | /html/body/main/p\[2\]/a\[1\] |" "$tmp/warc.yaml")"
check "the standard page's evidence is its URL" "1" \
  "$(grep -c "persyaratan: $url/layanan/standar-pelayanan.html | /html/body/table/tbody/tr\[1\]/th |" "$tmp/warc.yaml")"
# index.html and / are the same bytes: one of them is noted as identical
check "identical pages skipped" "1" "$(grep -c "identical skipped" "$tmp/warc.yaml")"
check "no HTTP header reached a page" "0" "$(grep -ci 'content-type\|HTTP/1' "$tmp/warc.yaml")"
sha=$(sha256sum samples/sites/kab-balangan/layanan/standar-pelayanan.html | cut -c1-64)
check "the page hash is of the body alone" "6" "$(grep -c "sha256:$sha" "$tmp/warc.yaml")"

# hostile WARCs
printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: 999999999\r\n\r\n' \
  | gzip >"$tmp/besar.warc.gz"
"$PATUH" scan -r publikasi-standar "$tmp/besar.warc.gz" >/dev/null 2>"$tmp/err"
check "a record over the limit" "1:$tmp/besar.warc.gz: error: record 1 ('http://x/') is 999999999 bytes, expected at most 67108864" \
  "$?:$(cat "$tmp/err")"
zcat "$tmp/kab-balangan.warc.gz" | head -c 3000 | gzip >"$tmp/potong.warc.gz"
"$PATUH" scan -r publikasi-standar "$tmp/potong.warc.gz" >/dev/null 2>"$tmp/err"
check "a truncated WARC" "1:$tmp/potong.warc.gz: error: record N: the file ends inside the record" \
  "$?:$(sed 's/record [0-9]*:/record N:/' "$tmp/err")"
python3 - "$tmp/bom.warc.gz" <<'PY'
import gzip, sys
body = b"<html><body>" + b"a" * (50 << 20) + b"</body></html>"
head = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n"
block = head + body
rec = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/\r\nContent-Length: %d\r\n\r\n" % len(block)
with gzip.open(sys.argv[1], "wb", compresslevel=9) as f:
    f.write(rec + block + b"\r\n\r\n")
PY
"$PATUH" scan -r publikasi-standar --max-page-bytes 100000000 "$tmp/bom.warc.gz" >/dev/null 2>"$tmp/err"
check "a decompression bomb" "1:$tmp/bom.warc.gz: error: record 1: the file expands more than 100 times its compressed size, expected at most that" \
  "$?:$(cat "$tmp/err")"
"$PATUH" scan -r publikasi-standar --max-page-bytes 1000 "$tmp/kab-balangan.warc.gz" >/dev/null 2>"$tmp/err"
check "a page over --max-page-bytes" "1:$tmp/kab-balangan.warc.gz: error: record N ('$url/'): page is larger than 1000 bytes, expected at most that many (--max-page-bytes)" \
  "$?:$(sed 's/record [0-9]* /record N /' "$tmp/err")"
printf 'not a warc\n' >"$tmp/kosong.warc"
"$PATUH" scan -r publikasi-standar "$tmp/kosong.warc" >/dev/null 2>"$tmp/err"
check "not a WARC" "1:$tmp/kosong.warc: error: record 1: expected a record starting with 'WARC/'" \
  "$?:$(cat "$tmp/err")"

echo "warc: $passed passed, $failed failed"
[ "$failed" = 0 ]
