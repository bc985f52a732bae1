#!/bin/sh
# layers.sh — checks that libpatuh's calls run one way, down the layers of doc/architecture.md:
#     base <- yaml <- model <- input <- calc <- report
# From the objects (nm): every symbol an object in lib/LAYER/ uses from another object of
# libpatuh must be defined in the same layer or one below it. From the sources: a file of a
# layer includes only the headers of its own layer and those below. Usage: layers.sh BUILD
set -u
build=${1:-build}
order="base yaml model input calc report"
rank() { # rank LAYER: its place in $order (1 = base), 0 when unknown
  i=1
  for l in $order; do [ "$l" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done
  echo 0
}
failed=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# every layer folder is one of the known layers
for d in lib/*/; do
  l=$(basename "$d")
  if [ "$(rank "$l")" = 0 ]; then echo "layers: lib/$l/ is not a layer ($order)"; failed=1; fi
done

# calls: "D LAYER FILE SYMBOL" for definitions, "U LAYER FILE SYMBOL" for uses
for o in "$build"/lib/*/*.o; do
  [ -f "$o" ] || { echo "layers: no objects under $build/lib (build first)"; exit 1; }
  l=$(basename "$(dirname "$o")")
  nm "$o" | awk -v l="$l" -v f="$(basename "$o" .o).c" \
    '$2 ~ /^[TDBRC]$/ {print "D", l, f, $3} $1 == "U" {print "U", l, f, $2}'
done >"$tmp"
bad=$(awk -v order="$order" '
  BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
  $1 == "D" { layer[$4] = $2; file[$4] = $3; next }
  { use[NR] = $0 }
  END {
    for (k in use) {
      split(use[k], u, " ")
      s = u[4]
      if (!(s in layer)) continue
      if (rank[layer[s]] > rank[u[2]])
        print "lib/" u[2] "/" u[3] " calls " s " of lib/" layer[s] "/" file[s] " (a layer above)"
    }
  }' "$tmp" | sort -u)
if [ -n "$bad" ]; then echo "$bad" | sed 's/^/layers: /'; failed=1; fi

# includes: "layer/x.h" of a layer above is refused
for f in lib/*/*.c lib/*/*.h; do
  l=$(basename "$(dirname "$f")")
  r=$(rank "$l")
  for h in $(sed -n 's/^#include "\([a-z_]*\)\/[a-z_]*\.h".*/\1/p' "$f"); do
    if [ "$(rank "$h")" -gt "$r" ]; then
      echo "layers: $f includes a header of $h/, a layer above $l/"
      failed=1
    fi
  done
done

[ "$failed" = 0 ] && echo "layers: every call and include runs down ($order)"
[ "$failed" = 0 ]
