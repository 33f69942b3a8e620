#!/usr/bin/env bash
# Builds the bundled pack sops/ into site/ with a release build of sopgen.
# Installs the C libraries' development packages first when they are missing (Debian/Ubuntu).
#   scripts/build-site.sh [PACK] [OUTPUT]     (defaults: sops site)
set -euo pipefail
cd "$(dirname "$0")/.."

# cmark-gfm (Markdown) and zlib (gzip activity exports for `sopgen review`), as Debian packages.
needed=()
pkg-config --exists libcmark-gfm 2>/dev/null && [ -f /usr/include/cmark-gfm-core-extensions.h ] \
  || needed+=(libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config)
[ -f /usr/include/zlib.h ] || needed+=(zlib1g-dev)
# SQLite for the review store (GRDB.swift links the system library).
[ -f /usr/include/sqlite3.h ] || needed+=(libsqlite3-dev)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing ${needed[*]}…" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${needed[@]}" >/dev/null
fi

swift build -c release --product sopgen
.build/release/sopgen build "${1:-sops}" --output "${2:-site}"
