#!/usr/bin/env python3
"""Computes the give-up bounds of the longest-chain search, KNOWN in
src/kernels/delay_records.rs: for each 64th of each power of two, the
most steps of any n up to its end (the delay records, OEIS A006877).

Each row is this library's own search (the native bench binary's `maxima`,
every core): one window a part, each starting from the most steps found
below it. From 2^31 on, the library is rebuilt before each power of two, so
that its search gives up early with every row found before it and each
power costs about twice the one below. Rows past `top` keep what they hold
(a bound that is never too small). The tests check every row up to 2^28
against the step count of every number, and the searches that use the rows
are checked against the records below 10^9 to 10^12.

    python bench/delay_records.py 40      # rows 1 to 40 (n below 2^40)
    python bench/delay_records.py 40 36   # rows 36 to 40, keeping rows 1 to 35
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "kernels" / "delay_records.rs"
BINARY = ROOT / "target" / "release" / "hotloop-native-bench"
KNOWN = re.compile(r"const KNOWN: \[\[u32; PARTS\]; (\d+)\] = \[\n(.*?)\n\];", re.S)
# Below this power of two a search takes under a second even with the bounds
# of the powers of two alone: no rebuild between rows.
REBUILD_FROM = 31


def known() -> list[list[int]]:
    match = KNOWN.search(SOURCE.read_text())
    assert match, "delay_records.rs has no `const KNOWN: [[u32; PARTS]; N] = [...]`"
    return [json.loads(line.strip().rstrip(",")) for line in match.group(2).splitlines()]


def write(rows: list[list[int]]) -> None:
    body = "\n".join("    [" + ", ".join(str(x) for x in row) + "]," for row in rows)
    text = KNOWN.sub(lambda _: f"const KNOWN: [[u32; PARTS]; {len(rows)}] = [\n{body}\n];", SOURCE.read_text(), count=1)
    SOURCE.write_text(text)


def build() -> None:
    subprocess.run(["cargo", "build", "--release", "--locked", "--quiet", "--bin", "hotloop-native-bench"],
                   cwd=ROOT, check=True)


def main() -> int:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rows = known()
    assert 1 <= first <= len(rows), f"rows 1 to {first - 1} must be known first"
    build()
    for b in range(first, top + 1):
        if b >= REBUILD_FROM:
            build()
        below = rows[b - 1][-1]
        began = time.perf_counter()
        out = subprocess.run([str(BINARY), "maxima", str(b), str(below)], capture_output=True, text=True,
                             check=True).stdout
        row = json.loads(out)["row"]
        if b < len(rows):
            rows[b] = row
        else:
            rows.append(row)
        write(rows)
        print(f"below 2^{b}: {row[-1]} steps at most ({time.perf_counter() - began:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
