#!/usr/bin/env bash
# Times `sopgen build` and `sopgen check` on the peer benchmark corpus against Hugo and cmark_limit, in one session,
# with the shared harness's timer (../shared/bench/bench_time.py) and its method: every run starts
# with the previous output moved away (O(1)), so each tool writes a fresh tree.
#
#   bench/run.sh                       # N=1000, 5 runs each
#   SIZES="1000 5000" RUNS=5 bench/run.sh
#   OUTFS=/dev/shm/sopgen-out bench/run.sh   # outputs on tmpfs
# Needs: hugo and a C compiler (apt-get install hugo build-essential), the shared/ folder beside
# the checkout, libcmark-gfm-dev.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
W=${W:-/tmp/sopgen-bench}
SIZES=${SIZES:-1000}
RUNS=${RUNS:-5}
OUT=${OUTFS:-$W/out}   # OUTFS=/dev/shm/… measures without the disk
TRASH=$OUT/.trash
mkdir -p "$W" "$OUT" "$TRASH"

(cd "$ROOT" && swift build -c release --product sopgen >/dev/null)
cc -O2 -o "$W/cmark_limit" "$SHARED/cmark_limit.c" -lcmark-gfm-extensions -lcmark-gfm

bench() {
  local label=$1 n=$2 out=$3; shift 3
  rm -rf "$TRASH"; mkdir -p "$TRASH"; sync; sleep 2
  python3 "$SHARED/bench_time.py" -n "$RUNS" --warmup 1 --label "$label" --pages "$n" -- \
    sh -c "mv '$OUT/$out' '$TRASH/'\$\$ 2>/dev/null; exec \"\$@\"" sh "$@"
}

for N in $SIZES; do
  C=$W/c$N
  [ -d "$C" ] || python3 "$SHARED/gen_corpus.py" --pages "$N" --out "$C" --seed 42 >/dev/null
  [ -d "$W/pack$N" ] || python3 "$HERE/corpus_to_pack.py" "$C" "$W/pack$N"
  echo "== N=$N: $("$ROOT/.build/release/sopgen" build "$W/pack$N" -o "$OUT/probe-$N")"
  bench "cmark_limit" "$N" cl-$N "$W/cmark_limit" "$C/docs" "$OUT/cl-$N"
  bench "sopgen build" "$N" sopgen-$N "$ROOT/.build/release/sopgen" build "$W/pack$N" --output "$OUT/sopgen-$N"
  bench "sopgen check" "$N" none "$ROOT/.build/release/sopgen" check "$W/pack$N"
  bench "hugo (2 cores)" "$N" hugo-$N hugo --quiet -s "$C/hugo" -d "$OUT/hugo-$N"
  bench "cmark_limit" "$N" cl-$N "$W/cmark_limit" "$C/docs" "$OUT/cl-$N"
done
rm -rf "$TRASH"
