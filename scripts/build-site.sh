#!/usr/bin/env bash
# Builds the bundled pack sops/ into site/ with a release build of sopgen.
# Installs the C libraries' development packages first when they are missing (Debian/Ubuntu).
#   scripts/build-site.sh [PACK] [OUTPUT]     (defaults: sops site)
set -euo pipefail
cd "$(dirname "$0")/.."

needed=()
source scripts/build-libraries.sh
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing ${needed[*]}…" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${needed[@]}" >/dev/null
fi

swift build -c release --product sopgen
.build/release/sopgen build "${1:-sops}" --output "${2:-site}"
