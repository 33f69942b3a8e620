#!/usr/bin/env bash
# Times `sopgen build` and `sopgen check` on the peer benchmark corpus against Hugo and cmark_limit, in one session,
# with the shared harness's timer (../shared/bench/bench_time.py) and its method: every run starts
# with the previous output moved away (O(1)), so each tool writes a fresh tree. Nothing is deleted
# while tools are timed: the outputs moved away are deleted at the end (and a leftover trash at the
# start, followed by a pause of SETTLE seconds, 65 by default). On ext4 without a journal (this
# project's VMs) creating a file scans past every inode freed in the last 60 s (5 min while its
# inode table block is dirty; fs/ext4/ialloc.c, recently_deleted), so deleting one tool's outputs
# right before the next tool ran charged that tool for it, the more the more files it writes.
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
SETTLE=${SETTLE:-65}
mkdir -p "$W" "$OUT"
if [ -e "$TRASH" ]; then rm -rf "$TRASH"; sync; sleep "$SETTLE"; fi
mkdir -p "$TRASH"
trap 'rm -rf "$TRASH"' EXIT
CSV=$W/results.csv
rm -f "$CSV"

(cd "$ROOT" && swift build -c release --product sopgen >/dev/null)
cc -O2 -o "$W/cmark_limit" "$SHARED/cmark_limit.c" -lcmark-gfm-extensions -lcmark-gfm

bench() {
  local label=$1 n=$2 out=$3; shift 3
  sync; sleep 2
  python3 "$SHARED/bench_time.py" -n "$RUNS" --warmup 1 --label "$label" --pages "$n" --csv "$CSV" -- \
    sh -c "mv '$OUT/$out' '$TRASH/'\$\$ 2>/dev/null; exec \"\$@\"" sh "$@"
}

for N in $SIZES; do
  C=$W/c$N
  [ -d "$C" ] || python3 "$SHARED/gen_corpus.py" --pages "$N" --out "$C" --seed 42 >/dev/null
  [ -d "$W/pack$N" ] || python3 "$HERE/corpus_to_pack.py" "$C" "$W/pack$N"
  mv "$OUT/probe-$N" "$TRASH/probe-$N-$$" 2>/dev/null || true
  echo "== N=$N: $("$ROOT/.build/release/sopgen" build "$W/pack$N" -o "$OUT/probe-$N" 2>/dev/null)"
  bench "cmark_limit" "$N" cl-$N "$W/cmark_limit" "$C/docs" "$OUT/cl-$N"
  bench "sopgen build" "$N" sopgen-$N "$ROOT/.build/release/sopgen" build "$W/pack$N" --output "$OUT/sopgen-$N"
  bench "sopgen check" "$N" none "$ROOT/.build/release/sopgen" check "$W/pack$N"
  bench "hugo (2 cores)" "$N" hugo-$N hugo --quiet -s "$C/hugo" -d "$OUT/hugo-$N"
  bench "cmark_limit" "$N" cl-$N "$W/cmark_limit" "$C/docs" "$OUT/cl-$N"
done
echo
python3 "$HERE/table.py" "$CSV"
