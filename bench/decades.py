#!/usr/bin/env python3
"""make bench-decades: the longest-chain search decade by decade, in one run.

collatz_longest(1, 10^d) on every core for each decade asked (10^10, 10^11
and 10^12 by default, a few minutes here), timed in this one run
by the native bench binary (no FFI: a long call's boundary costs nothing),
each answer checked against the delay records (OEIS A006877). The figure
that matters is the ratio of two decades' times: a search whose cost grows
with its range takes about 10x for 10x the range. How far a decade is from
that depends on where its answer lies: every candidate above the answer
has a bound at least the answer's steps, so it is followed until its bound
falls short, while one below the answer is usually given up at its first
look. Each row says how much of the searched half lies above the answer,
and what the search cost per number of that half. Writes
bench/out/decades.json; `make bench-report` publishes it beside the main
run, and the docs' arithmetic for the decades beyond comes from it.

    python bench/decades.py              # 10^10, 10^11, 10^12
    python bench/decades.py 10 11        # only those
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import probes
from console import say
from targets import LONGEST_ANSWERS

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "hotloop-native-bench"
OUT = ROOT / "bench" / "out"
# A decade costs at most this many times the one below it.
GROWTH_TARGET = 11.0


def main() -> int:
    exponents = [int(a) for a in sys.argv[1:] if a != "--strict"] or [10, 11, 12]
    machine = probes.machine()
    rows = []
    for d in exponents:
        end = 10**d
        say(f"collatz_longest below 10^{d} on every core ...")
        found = json.loads(subprocess.run([str(BINARY), "longest", str(end), "1", "current"], capture_output=True,
                                          text=True, check=True).stdout)
        answer = (found["n"], found["steps"])
        expected = LONGEST_ANSWERS.get(end)
        if expected is not None and answer != expected:
            raise AssertionError(f"below 10^{d}: {answer}, the delay records say {expected}")
        seconds = found["current"][0]
        half = end - (end + 1) // 2  # the numbers the search looks at: [ceil(end/2), end)
        rows.append(dict(end=end, n=found["n"], steps=found["steps"], seconds=seconds, checked=expected is not None,
                         above_answer=(end - 1 - found["n"]) / half,
                         core_ns_per_number=seconds * int(machine["cores"]) / half * 1e9))
        say(f"  n = {found['n']:,}, {found['steps']} steps, {found['current'][0]:.1f} s"
            + ("" if expected is None else " (the delay record)"))
    growth = [dict(below=b["end"], above=a["end"], ratio=a["seconds"] / b["seconds"], why=why(b, a))
              for b, a in zip(rows, rows[1:])]
    report = dict(machine=machine, cores=machine["cores"], rows=rows, growth=growth, target=GROWTH_TARGET)
    print(render(report))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "decades.json").write_text(json.dumps(report, indent=1) + "\n")
    say("written: bench/out/decades.json (make bench-report publishes it)")
    missed = [g for g in growth if g["ratio"] > GROWTH_TARGET]
    # Like make bench: a missed target is reported, and fails the run only with --strict.
    return 1 if missed and "--strict" in sys.argv else 0


def why(below: dict, above: dict) -> str:
    """Why a decade grew more than its range, from the two rows alone."""
    if above["seconds"] / below["seconds"] <= GROWTH_TARGET:
        return ""
    return (f"{above['above_answer']:.0%} of the half searched below {above['end']:,} lies above its answer, against "
            f"{below['above_answer']:.0%} below {below['end']:,}: a candidate there is followed until its bound "
            f"falls short, one below the answer is mostly given up at its first look")


def render(report: dict) -> str:
    """The decades as a Markdown table, and each decade's growth."""
    lines = ["| below | n | steps | seconds, every core | above the answer | core-ns per number |",
             "|---|---:|---:|---:|---:|---:|"]
    for row in report["rows"]:
        lines.append(f"| {row['end']:,} | {row['n']:,} | {row['steps']:,} | {row['seconds']:,.1f} "
                     f"| {row['above_answer']:.1%} | {row['core_ns_per_number']:.2f} |")
    lines.append("")
    lines.append("Above the answer: the share of the half searched, [end/2, end), that lies above the answer. "
                 "Core-ns per number: the time on every core, over the numbers of that half.")
    lines.append("")
    for g in report["growth"]:
        verdict = "met" if g["ratio"] <= report["target"] else f"missed: {g['why']}"
        lines.append(f"- below {g['above']:,} / below {g['below']:,}: {g['ratio']:.1f}x the time for 10x the range "
                     f"(target <= {report['target']:.0f}: {verdict})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
