#!/usr/bin/env bash
# Times `sopgen build` and `sopgen check` on the peer benchmark corpus against Hugo and cmark_limit, in one session,
# with the shared harness's timer (../shared/bench/bench_time.py) and its method: every run starts
# with the previous output moved away (O(1)), so each tool writes a fresh tree. Nothing is deleted
# while tools are timed, and nothing is timed until SETTLE seconds (370 by default) after the last
# deletion this script made (the outputs it moved away, deleted at its end; the time is kept in
# $W/.deleted-at, so a second run waits for the first's). On ext4 without a journal (this
# project's VMs) creating a file scans past every inode of its group freed in the last 60 s, or
# the last 360 s while the inode table block holding it is dirty (fs/ext4/ialloc.c,
# recently_deleted: RECENTCY_MIN + RECENTCY_DIRTY), and creating files dirties those blocks
# again: a `sync` does not shorten it. A tool timed within six minutes of a mass deletion is
# charged for it, the more the more files it writes (seven 5,000-SOP builds in a row, 22,558 files
# each: 1.0-2.4 s of system time each after the pause, 2.7-8.4 s within it). Deletions made by
# hand are not known here: wait six minutes after them. Outputs on tmpfs need no pause.
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
SETTLE=${SETTLE:-370}
DELETED_AT=$W/.deleted-at
mkdir -p "$W" "$OUT"
if [ "$(stat -f -c %T "$OUT")" = tmpfs ]; then SETTLE=0; fi
# Deletes the outputs moved away and notes when (after the sync: the deletion is on the disk).
delete_trash() {
  rm -rf "$TRASH"; sync
  if [ "$SETTLE" -gt 0 ]; then date +%s > "$DELETED_AT"; fi
}
# Waits until SETTLE seconds have passed since the last deletion.
settle() {
  local last wait
  last=$(cat "$DELETED_AT" 2>/dev/null || echo 0)
  case $last in ''|*[!0-9]*) last=$(date +%s) ;; esac   # not a time (changed by hand): the whole pause
  wait=$(( last + SETTLE - $(date +%s) ))
  if [ "$wait" -gt "$SETTLE" ]; then wait=$SETTLE; fi   # a time in the future: one pause
  if [ "$wait" -gt 0 ]; then echo "waiting ${wait} s: ext4 skips inodes freed in the last $SETTLE s"; sleep "$wait"; fi
}
if [ -e "$TRASH" ]; then delete_trash; fi
mkdir -p "$TRASH"
trap delete_trash EXIT
CSV=$W/results.csv
rm -f "$CSV"

(cd "$ROOT" && swift build -c release --product sopgen >/dev/null)
cc -O2 -o "$W/cmark_limit" "$SHARED/cmark_limit.c" -lcmark-gfm-extensions -lcmark-gfm
settle

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
