#!/usr/bin/env python3
"""Extends MAX_STEPS_BELOW (src/kernels/stepper.rs): the most steps of any n
below 2^b, the bound a search uses to give a candidate up early.

Each new entry is collatz_longest(1, 2^b), searched by this library (the
native bench binary, every core), one b at a time: the library is rebuilt
between two levels, so that each search gives up early with every bound
found before it, and each level costs about twice the one below instead of
growing without bound. The entries are the delay records (OEIS A006877);
the tests check the first 26 exactly, and the search that uses them is
checked against the records below 10^10, 10^11 and 10^12.

    python bench/delay_records.py 40      # extend the table to b = 40
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPPER = ROOT / "src" / "kernels" / "stepper.rs"
BINARY = ROOT / "target" / "release" / "hotloop-native-bench"
KNOWN = re.compile(r"let known: \[u32; (\d+)\] = \[(.*?)\];", re.S)


def known() -> list[int]:
    match = KNOWN.search(STEPPER.read_text())
    assert match, "stepper.rs has no `let known: [u32; N] = [...]`"
    return [int(x) for x in match.group(2).replace("\n", " ").split(",") if x.strip()]


def write(entries: list[int]) -> None:
    text = STEPPER.read_text()
    lines, line = [], "       "
    for value in entries:
        item = f" {value},"
        if len(line) + len(item) > 110:
            lines.append(line)
            line = "       "
        line += item
    lines.append(line)
    body = "\n".join(lines)
    STEPPER.write_text(KNOWN.sub(f"let known: [u32; {len(entries)}] = [\n{body}\n    ];", text, count=1))


def main() -> int:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    entries = known()
    while len(entries) <= top:
        b = len(entries)
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--bin", "hotloop-native-bench"],
                       cwd=ROOT, check=True)
        began = time.perf_counter()
        out = subprocess.run([str(BINARY), "longest", str(2**b), "1", "current"], capture_output=True, text=True,
                             check=True).stdout
        found = json.loads(out)
        print(f"below 2^{b}: n = {found['n']:,}, {found['steps']} steps "
              f"({time.perf_counter() - began:.1f} s)", flush=True)
        entries.append(int(found["steps"]))
        write(entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
