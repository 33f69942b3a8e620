#!/usr/bin/env bash
# Times `sopgen review` on a generated week: events per second and peak memory.
#   SCALE=5000 bench/review.sh      (SCALE 5000 ≈ 1,000,000 rows; default 2000 ≈ 408,000)
# Builds the release binary, writes the week with scripts/generate-first-week.py into $W (default
# /tmp/sopgen-review-bench), then runs the review twice (CSV and gzipped CSV) under /usr/bin/time,
# each into a fresh review store ($W/review.sqlite, removed first): ingest and report together.
set -euo pipefail
cd "$(dirname "$0")/.."
W=${W:-/tmp/sopgen-review-bench}
SCALE=${SCALE:-2000}
mkdir -p "$W"
swift build -c release --product sopgen >/dev/null
python3 scripts/generate-first-week.py --seed 3 --scale "$SCALE" --out "$W"
gzip -kf "$W/first-week.csv"
rows=$(($(wc -l < "$W/first-week.csv") - 1))
for export in "$W/first-week.csv" "$W/first-week.csv.gz"; do
  rm -f "$W/review.sqlite" "$W/review.sqlite-journal" "$W/review.json"
  /usr/bin/time -f "%e s wall, %U s user, %M KiB peak" -o "$W/time.txt" \
    .build/release/sopgen review "$export" sops --roster "$W/roster.csv" --format json -o "$W/review.json" --today 2026-11-21 \
    --db "$W/review.sqlite" 2>"$W/stderr.txt" || { echo "review failed:"; tail -3 "$W/stderr.txt"; exit 1; }
  read -r wall _ _ user _ _ peak _ _ < "$W/time.txt"
  echo "$(basename "$export"): $rows rows; $(cat "$W/time.txt"); $(python3 -c "print(f'{$rows/$user:,.0f} rows per CPU second')")"
done
