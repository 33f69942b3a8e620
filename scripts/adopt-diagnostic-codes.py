#!/usr/bin/env python3
"""Brings string diagnostic codes (as written before DiagnosticCode existed, e.g. on a branch
merged since) into the enum: every catalogue `Entry(code: "new-code", …)` becomes
`Entry(code: .newCode, …)` with `case newCode = "new-code"` added to DiagnosticCode.swift in the
catalogue's order, and in Sources/ and Tests/ each `.error("code"`, `.warning("code"`, `code == "code"` and
`code != "code"` of a known code becomes the case (and `code: "code"`, in Sources only). Run it,
then build: what it cannot see (a code in a variable, `map(\\.code) == ["…"]` in a test, which
wants `.code.rawValue`) the compiler points at. Then `python3 scripts/update-readme-codes.py`."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
diagnostics = root / "Sources/SOPKit/Diagnostics"
enum_path, catalogue_path = diagnostics / "DiagnosticCode.swift", diagnostics / "DiagnosticCatalogue.swift"


def camel(code):
    words = code.split("-")
    return words[0] + "".join(word[:1].upper() + word[1:] for word in words[1:])


enum = enum_path.read_text()
raw_of = dict(re.findall(r'^\s*case (\w+) = "([^"]+)"', enum, re.M))
catalogue = catalogue_path.read_text()
body, codes = [], []
for line in catalogue.splitlines():
    comment = re.match(r"\s*// (.*)", line)
    if comment:
        body.append("    // " + comment.group(1))
    entry = re.search(r'Entry\(code: (?:\.(\w+)|"([^"]+)")', line)
    if entry:
        name, raw = (entry.group(1), raw_of.get(entry.group(1))) if entry.group(1) else (camel(entry.group(2)), entry.group(2))
        if raw is None:
            raise SystemExit("catalogue entry .%s has no case in DiagnosticCode.swift" % name)
        body.append('    case %s = "%s"' % (name, raw))
        codes.append(raw)
catalogue = re.sub(r'Entry\(code: "([^"]+)"', lambda m: "Entry(code: .%s" % camel(m.group(1)), catalogue)
catalogue_path.write_text(catalogue)
start = enum.index("{\n") + 2
end = enum.index("\n\n    public var description")
enum_path.write_text(enum[:start] + "\n".join(body) + enum[end:])

known = "|".join(re.escape(code) for code in sorted(codes, key=len, reverse=True))
# `code: "…"` only in Sources (RolloutGate(code:)): in Tests it is also a review finding's text.
patterns = {
    "Sources": re.compile(r'((?:\.error|\.warning)\(\s*|\bcode: |\bcode [!=]= )"(%s)"' % known),
    "Tests": re.compile(r'((?:\.error|\.warning)\(\s*|\bcode [!=]= )"(%s)"' % known),
}
changed = 0
for folder, pattern in patterns.items():
    for path in (root / folder).rglob("*.swift"):
        if path in (enum_path, catalogue_path):
            continue
        text = path.read_text()
        new = pattern.sub(lambda m: m.group(1) + "." + camel(m.group(2)), text)
        if new != text:
            path.write_text(new)
            changed += 1
print("%d codes; %d files rewritten" % (len(codes), changed))
