#!/usr/bin/env python3
"""make bench-decades: the longest-chain search decade by decade, in one run.

collatz_longest(1, 10^d) on every core for each decade asked (10^10, 10^11
and 10^12 by default, about a minute here), timed in this one run by the
native bench binary (no FFI: a long call's boundary costs nothing), the
median of three rounds that take the decades in turn,
each answer checked against the delay records (OEIS A006877). The figure
that matters is the ratio of two decades' times: a search whose cost grows
with its range takes about 10x for 10x the range. What a decade costs is the
parts of its range that the answer's bound cannot rule out: the search takes
the parts with the highest bound first (the delay records per 64th of a power
of two), finds the answer in the first, searched from the bottom up to it,
and leaves out every part whose bound cannot beat it. Each row says how
many numbers were searched, and what the search cost per number of them.
Writes
bench/out/decades.json; `make bench-report` publishes it beside the main
run, and the docs' arithmetic for the decades beyond comes from it.

    python bench/decades.py              # 10^10, 10^11, 10^12
    python bench/decades.py 10 11        # only those
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import probes
from console import say
from targets import LONGEST_ANSWERS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python"))
from hotloop._api import longest_parts  # noqa: E402  (the library's order, as collatz_longest takes it)
from hotloop._longest import Longest, Search  # noqa: E402
BINARY = ROOT / "target" / "release" / "hotloop-native-bench"
OUT = ROOT / "bench" / "out"
# A decade costs at most this many times the one below it.
GROWTH_TARGET = 11.0


# Each decade is timed this many times, the decades in turn (one round after
# another), and the median kept: a tenth of a second below 10^10 moves with
# whatever else the machine does.
ROUNDS = 3


def main() -> int:
    exponents = [int(a) for a in sys.argv[1:] if a != "--strict"] or [10, 11, 12]
    machine = probes.machine()
    samples: dict = {d: [] for d in exponents}
    found: dict = {}
    for round_ in range(ROUNDS):
        for d in exponents:
            say(f"collatz_longest below 10^{d} on every core (round {round_ + 1} of {ROUNDS}) ...")
            run = json.loads(subprocess.run([str(BINARY), "longest", str(10**d), "1", "current"],
                                            capture_output=True, text=True, check=True).stdout)
            samples[d].append(run["current"][0])
            found[d] = (run["n"], run["steps"])
            say(f"  n = {run['n']:,}, {run['steps']} steps, {run['current'][0]:.2f} s")
    rows = []
    for d in exponents:
        end, answer = 10**d, found[d]
        expected = LONGEST_ANSWERS.get(end)
        if expected is not None and answer != expected:
            raise AssertionError(f"below 10^{d}: {answer}, the delay records say {expected}")
        seconds = statistics.median(samples[d])
        half = end - (end + 1) // 2  # the candidates: [ceil(end/2), end)
        searched = must_search(Search(1, end), Longest(*answer))
        rows.append(dict(end=end, n=answer[0], steps=answer[1], seconds=seconds, samples=samples[d],
                         checked=expected is not None, searched=searched, searched_share=searched / half,
                         core_ns_per_number=seconds * int(machine["cores"]) / searched * 1e9))
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


def must_search(search: Search, answer: Longest) -> int:
    """The numbers that the answer's bound cannot rule out: what the search
    had to look at, however soon it found the answer. The part that holds
    the answer as its record is searched from the bottom up to it."""
    return sum((answer.n + 1 if part.holds_record and part.lo <= answer.n < part.hi else part.hi) - part.lo
               for part in longest_parts(search) if not part.cannot_beat(answer))


def why(below: dict, above: dict) -> str:
    """Why a decade grew more than its range, from the two rows alone."""
    if above["seconds"] / below["seconds"] <= GROWTH_TARGET:
        return ""
    searched = above["searched"] / below["searched"]
    cost = above["core_ns_per_number"] / below["core_ns_per_number"]
    return (f"{searched:.1f}x the numbers the answer's bound cannot rule out, each {cost:.1f}x as dear "
            f"to search")


def render(report: dict) -> str:
    """The decades as a Markdown table, and each decade's growth."""
    lines = ["| below | n | steps | seconds, every core (median) | numbers searched | share of the candidates "
             "| core-ns per number searched |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for row in report["rows"]:
        lines.append(f"| {row['end']:,} | {row['n']:,} | {row['steps']:,} | {row['seconds']:,.2f} "
                     f"| {row['searched']:,} | {row['searched_share']:.2%} | {row['core_ns_per_number']:.2f} |")
    lines.append("")
    lines.append("Numbers searched: those the answer's bound cannot rule out, the part holding the answer up to it "
                 "(the rest are left out unseen). Share: of the candidates, [end/2, end). Core-ns per number searched: the time on every "
                 "core, over those numbers.")
    lines.append("")
    for g in report["growth"]:
        verdict = "met" if g["ratio"] <= report["target"] else f"missed: {g['why']}"
        lines.append(f"- below {g['above']:,} / below {g['below']:,}: {g['ratio']:.1f}x the time for 10x the range "
                     f"(target <= {report['target']:.0f}: {verdict})")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
