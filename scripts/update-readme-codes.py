#!/usr/bin/env python3
"""Regenerates the diagnostic-code table in README.md (between <!-- codes:start --> and
<!-- codes:end -->) from Sources/SOPKit/Diagnostics/DiagnosticCatalogue.swift (order, meaning, fix)
and DiagnosticCode.swift (each case's code).
A test (CatalogueConsistencyTests) fails when the two disagree."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
catalogue = (root / "Sources/SOPKit/Diagnostics/DiagnosticCatalogue.swift").read_text()
enum = (root / "Sources/SOPKit/Diagnostics/DiagnosticCode.swift").read_text()
# `case packNotFound = "pack-not-found"` in DiagnosticCode.swift gives each case's code.
codes = dict(re.findall(r'^\s*case (\w+) = "([^"]+)"', enum, re.M))
found = re.findall(r'Entry\(code: \.(\w+), summary: "((?:[^"\\]|\\.)*)", fix: "((?:[^"\\]|\\.)*)"\)', catalogue)
missing = [case for case, _, _ in found if case not in codes]
if missing:
    raise SystemExit("catalogue entries without a DiagnosticCode case: %s" % ", ".join(missing))
entries = [(codes[case], summary, fix) for case, summary, fix in found]
rows = ["| code | meaning | example of the fix |", "|---|---|---|"]
rows += ["| `%s` | %s | %s |" % (code, summary.replace("|", "&#124;"), fix.replace("|", "&#124;")) for code, summary, fix in entries]
readme_path = root / "README.md"
readme = readme_path.read_text()
start, end = "<!-- codes:start -->\n", "<!-- codes:end -->"
before, rest = readme.split(start, 1)
_, after = rest.split(end, 1)
readme_path.write_text(before + start + "\n".join(rows) + "\n" + end + after)
print("%d codes" % len(entries))
