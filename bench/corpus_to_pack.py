#!/usr/bin/env python3
"""Turns the peer benchmark corpus (../shared/bench/gen_corpus.py) into a sopgen pack with the same
SOP pages, front matter and links, so sopgen renders exactly what Hugo and MkDocs render.

usage: corpus_to_pack.py CORPUS_DIR PACK_DIR
  CORPUS_DIR/docs/<folder>/sop-*.md   -> PACK_DIR/procedures/<folder>/sop-*.md
  CORPUS_DIR/roles.yml                -> PACK_DIR/roles.yml (each role reads Copilot)
Index pages (index.md) are not SOPs; sopgen writes its own home and handbook pages instead.
"""
import os
import re
import sys

SURFACES = {"copilot", "approvals", "audit-log", "diagnostics", "providers", "playbooks", "theme-assistant",
            "image-studio", "support-drafts", "product-copy", "knowledge-base", "workflows", "watchers",
            "agents", "custom-tools"}


def main():
    corpus, pack = sys.argv[1], sys.argv[2]
    os.makedirs(pack, exist_ok=True)
    with open(os.path.join(pack, "sopgen.yml"), "w") as f:
        f.write("title: Benchmark pack\norganisation: Bench\n")
    with open(os.path.join(pack, "policies.yml"), "w") as f:
        f.write("policies: []\n")
    roles = open(os.path.join(corpus, "roles.yml")).read()
    # Every role reads Copilot and escalates to the executive sponsor, the top of the chain.
    def add_fields(match):
        escalation = "" if match.group(1) == "exec-sponsor" else "\n    escalates_to: exec-sponsor"
        return match.group(0) + "\n    capabilities: {copilot: read}" + escalation
    roles = re.sub(r"- id: ([\w-]+)\n    name: .*\n    description: .*", add_fields, roles)
    with open(os.path.join(pack, "roles.yml"), "w") as f:
        f.write(roles)
    docs = os.path.join(corpus, "docs")
    count = 0
    for folder, _, names in os.walk(docs):
        for name in names:
            if not name.endswith(".md") or name == "index.md":
                continue
            source = os.path.join(folder, name)
            rel = os.path.relpath(source, docs)
            text = open(source).read()
            front, body = text[4:].split("\n---\n", 1)
            front = front.replace("\nroles:\n", "\naudience:\n").replace("\nreviewed:", "\nlast_reviewed:")
            section = rel.split(os.sep)[0]
            if section in SURFACES:
                front += "\nsurface: " + section
            # Links to section index pages are not SOPs in a pack; point them at the home page instead.
            body = re.sub(r"\]\(((?:\.\./)*[\w-]+/)?index\.md\)", "](https://example.com/index)", body)
            target = os.path.join(pack, "procedures", rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w") as f:
                f.write("---\n" + front + "\n---\n" + body)
            count += 1
    print("%d SOPs -> %s" % (count, pack))


if __name__ == "__main__":
    main()
