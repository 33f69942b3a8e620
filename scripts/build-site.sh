#!/usr/bin/env bash
# Builds the bundled pack sops/ into site/ with a release build of sopgen.
# Installs cmark-gfm's development packages first when they are missing (Debian/Ubuntu).
#   scripts/build-site.sh [PACK] [OUTPUT]     (defaults: sops site)
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -f /usr/include/cmark-gfm-core-extensions.h ]; then
  echo "Installing libcmark-gfm-dev and libcmark-gfm-extensions-dev…" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config >/dev/null
fi

swift build -c release --product sopgen
.build/release/sopgen build "${1:-sops}" --output "${2:-site}"
