#!/usr/bin/env python3
"""The open core's two structural rules, checked on the source tree (a ctest test):

1. Scenarios, examples and the command-line tool use public extension points only: a
   `detail::NAME` they use must be defined in their own files (a layer's internals), never
   another layer's internals.
2. No header under include/ exceeds the line limit (files a newcomer can read in one sitting).

Usage: check_layers.py <source root> [line limit]
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 420

USE = re.compile(r"\bdetail::(\w+)")
# Names declared inside a `namespace detail` block: types, aliases, variables, functions.
DECL = re.compile(
    r"(?:struct|class|using|enum(?:\s+class)?)\s+(\w+)"
    r"|(?:\bconstexpr|\binline)[^;={(]*?\b(\w+)\s*(?:=|\(|\{|<)"
    r"|^\s*(?:\[\[[^\]]*\]\]\s*)?[\w:<>,\s\*&]+?\b(\w+)\s*\([^;]*\)\s*(?:const\s*)?(?:noexcept[^{]*)?\{",
    re.M)


def detail_names(files):
    names = set()
    for f in files:
        text = f.read_text(errors="replace")
        names.update(re.findall(r"namespace\s+detail::(\w+)", text))
        for m in re.finditer(r"namespace\s+detail(?:::\w+)?\s*\{", text):
            depth, i = 1, m.end()
            while i < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            for d in DECL.finditer(text[m.end():i]):
                names.update(n for n in d.groups() if n)
    return names


def check_group(name, files):
    files = [f for f in files if f.suffix in (".hpp", ".cpp", ".h")]
    own = detail_names(files)
    bad = []
    for f in files:
        for n, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
            for m in USE.finditer(line):
                if m.group(1) not in own:
                    bad.append(f"{f.relative_to(root)}:{n}: uses detail::{m.group(1)}, not defined in {name}")
    return bad


problems = []
groups = {
    "the scenario layer": sorted((root / "include/ossify/scenario").rglob("*")),
    "examples": sorted((root / "examples").rglob("*")),
    "the command-line tool": sorted((root / "tools").rglob("*")) if (root / "tools").exists() else [],
}
for name, files in groups.items():
    problems += check_group(name, [f for f in files if f.is_file()])
for h in sorted((root / "include").rglob("*.hpp")):
    n = sum(1 for _ in h.open(errors="replace"))
    if n > limit:
        problems.append(f"{h.relative_to(root)}: {n} lines (limit {limit})")
for p in problems:
    print(p)
print(f"check_layers: {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
