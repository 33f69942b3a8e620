#!/usr/bin/env bash
# Times `sopgen serve` on the peer benchmark corpus turned into a pack (as bench/run.sh does): from
# the save of one SOP (its body edited, written beside and renamed over, as editors save) to the
# reload event an open page receives for it, to the new page being served, and to the reload of
# the pages gathering it (its roles' print handbooks). Median, min and max of EDITS edits.
#
#   bench/serve.sh                  # N=1000, 15 edits
#   N=5000 EDITS=10 bench/serve.sh
# Needs: the shared/ folder beside the checkout (gen_corpus.py), python3.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared/bench}
W=${W:-/tmp/sopgen-bench}
N=${N:-1000}
EDITS=${EDITS:-15}
mkdir -p "$W"

(cd "$ROOT" && swift build -c release --product sopgen >/dev/null)
C=$W/c$N
[ -d "$C" ] || python3 "$SHARED/gen_corpus.py" --pages "$N" --out "$C" --seed 42 >/dev/null
[ -d "$W/pack$N" ] || python3 "$HERE/corpus_to_pack.py" "$C" "$W/pack$N"
python3 "$HERE/serve_edits.py" "$(cd "$ROOT" && pwd)/.build/release/sopgen" "$W/pack$N" --edits "$EDITS"
