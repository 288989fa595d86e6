#!/usr/bin/env python3
"""Refreshes the code and tests columns of docs/rules.md (the project's rulebook) from the source tree.

docs/rules.md is the source of truth for the rules: id, our wording, seed source and status are written by
hand there and kept as they are. This script only lists, for each rule, the source files (src/) and test
files (tests/) that name its id. Run from anywhere: python3 eng/rule-index.py  (--check: exit 1 if stale)."""
import glob, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rules_md = os.path.join(root, "docs", "rules.md")
row = re.compile(r"^\|\s*((?:LIFE|CONS|SHARE|LP|THR|PLAN|REV|CLOSE|REG|STEP|RET|PANEL|REP|OUTQ|NAT)-C?\d+)\s*\|")

def files(top, *patterns):
    out = []
    for pattern in patterns:
        out += glob.glob(os.path.join(root, top, "**", pattern), recursive=True)
    skip = (os.sep + "bin" + os.sep, os.sep + "obj" + os.sep)
    return sorted(f for f in out if not any(s in f for s in skip))

def read(paths):
    return {p: open(p, encoding="utf-8").read() for p in paths}

src = read(files("src", "*.cs", "*.json"))
tests = read(files("tests", "*.cs"))

def where(rule, corpus, limit):
    pattern = re.compile(r"(?<![A-Z0-9-])" + re.escape(rule) + r"(?![0-9])")
    hits = sorted({os.path.basename(f) for f, text in corpus.items() if pattern.search(text)})
    shown = ", ".join(f"`{h}`" for h in hits[:limit])
    return (shown + (f" +{len(hits) - limit}" if len(hits) > limit else "")) or "—"

lines = open(rules_md, encoding="utf-8").read().splitlines()
out, count = [], 0
for line in lines:
    m = row.match(line)
    if m:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6:
            sys.exit(f"docs/rules.md: {m.group(1)} needs 6 columns (rule, in our words, source, status, code, tests), has {len(cells)}")
        rule = cells[0]
        cells[4], cells[5] = where(rule, src, 4), where(rule, tests, 3)
        line = "| " + " | ".join(cells) + " |"
        count += 1
    out.append(line)

text = "\n".join(out) + "\n"
if "--check" in sys.argv:
    if text != open(rules_md, encoding="utf-8").read():
        sys.exit("docs/rules.md is stale: run python3 eng/rule-index.py")
    print(f"docs/rules.md: {count} rules, current")
else:
    open(rules_md, "w", encoding="utf-8").write(text)
    print(f"docs/rules.md: {count} rules refreshed")
