#!/usr/bin/env python3
"""Regenerates the diagnostic-code table in README.md (between <!-- codes:start --> and
<!-- codes:end -->) from Sources/SOPKit/Diagnostics/DiagnosticCatalogue.swift.
A test (CatalogueConsistencyTests) fails when the two disagree."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
catalogue = (root / "Sources/SOPKit/Diagnostics/DiagnosticCatalogue.swift").read_text()
entries = re.findall(r'Entry\(code: "([^"]+)", summary: "((?:[^"\\]|\\.)*)", fix: "((?:[^"\\]|\\.)*)"\)', catalogue)
rows = ["| code | meaning | example of the fix |", "|---|---|---|"]
rows += ["| `%s` | %s | %s |" % (code, summary.replace("|", "&#124;"), fix.replace("|", "&#124;")) for code, summary, fix in entries]
readme_path = root / "README.md"
readme = readme_path.read_text()
start, end = "<!-- codes:start -->\n", "<!-- codes:end -->"
before, rest = readme.split(start, 1)
_, after = rest.split(end, 1)
readme_path.write_text(before + start + "\n".join(rows) + "\n" + end + after)
print("%d codes" % len(entries))
