#!/usr/bin/env python3
"""Refreshes the code and tests columns of docs/rules.md (the project's rulebook) from the source tree, and the
rows' anchors.

docs/rules.md is the source of truth for the rules: id, our wording, seed source and status are written by
hand there and kept as they are. This script lists, for each rule, the source files (src/) and test files
(tests/) that name its id, and starts the "in our words" cell with the row's HTML anchor, <a id="life-05"></a>
(the rule id in lower case: the fragment of the ASP.NET Core adapter's problem types, CafProblemDetails.TypeFor),
adding or repairing it. The rows of the "Refusal codes that are not rules" section get their anchor the same way
(second cell). Run from anywhere: python3 eng/rule-index.py  (--check: exit 1 if stale or an anchor is missing
or wrong, naming the rows)."""
import glob, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rules_md = os.path.join(root, "docs", "rules.md")
row = re.compile(r"^\|\s*((?:LIFE|CONS|SHARE|LP|THR|PLAN|REV|CLOSE|REG|STEP|RET|PANEL|REP|OUTQ|NAT)-C?\d+)\s*\|")
codes_heading = "## Refusal codes that are not rules"
code_row = re.compile(r"^\|\s*([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\s*\|")
# An anchor at the start of a cell, right or wrong: <a id="..."></a> or <a name="..."></a>, repeated.
leading_anchors = re.compile(r'^(?:<a\s+(?:id|name)\s*=\s*"[^"]*"\s*>\s*</a>\s*)+', re.IGNORECASE)

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

def anchor(code):
    return f'<a id="{code.lower()}"></a>'

def anchored(code, cell, problems):
    """The cell starting with the code's anchor; notes a missing or wrong one in problems."""
    want = anchor(code)
    if cell.startswith(want) and not leading_anchors.match(cell[len(want):]):
        return cell
    found = leading_anchors.match(cell)
    problems.append(f"{code}: anchor {want} " + (f"wrong (found {found.group(0).strip()})" if found else "missing"))
    return want + (cell[found.end():] if found else cell).lstrip()

def cells_of(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]

lines = open(rules_md, encoding="utf-8").read().splitlines()
out, count, codes, problems, section = [], 0, 0, [], None
for line in lines:
    if line.startswith("## "):
        section = line.strip()
    m = row.match(line)
    c = code_row.match(line) if section == codes_heading else None
    if m:
        cells = cells_of(line)
        if len(cells) != 6:
            sys.exit(f"docs/rules.md: {m.group(1)} needs 6 columns (rule, in our words, source, status, code, tests), has {len(cells)}")
        rule = cells[0]
        cells[1] = anchored(rule, cells[1], problems)
        cells[4], cells[5] = where(rule, src, 4), where(rule, tests, 3)
        line = "| " + " | ".join(cells) + " |"
        count += 1
    elif c:
        cells = cells_of(line)
        if len(cells) < 2:
            sys.exit(f"docs/rules.md: {c.group(1)} needs its meaning in the second column")
        cells[1] = anchored(cells[0], cells[1], problems)
        line = "| " + " | ".join(cells) + " |"
        codes += 1
    out.append(line)

text = "\n".join(out) + "\n"
summary = f"{count} rules, {codes} other refusal codes"
if "--check" in sys.argv:
    if problems:
        shown = "; ".join(problems[:10]) + (f"; and {len(problems) - 10} more" if len(problems) > 10 else "")
        sys.exit(f"docs/rules.md: {shown}. Run python3 eng/rule-index.py")
    if text != open(rules_md, encoding="utf-8").read():
        sys.exit("docs/rules.md is stale: run python3 eng/rule-index.py")
    print(f"docs/rules.md: {summary}, current")
else:
    open(rules_md, "w", encoding="utf-8").write(text)
    print(f"docs/rules.md: {summary} refreshed" + (f" ({len(problems)} anchors added or repaired)" if problems else ""))
