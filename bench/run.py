#!/usr/bin/env python3
"""make bench: the two articles' experiments, reproduced side by side.

Table 1 is the first article (one call of gsum(100) across the boundary),
table 2 the second (the Collatz loop, 10^9 iterations from 27), table 3 the
batch kernels, table 4 the crossover, table 5 table 1 under every CPython on
the machine, table 6 the real workload against hotloop 0.1's kernels. Every
row of a table is measured in this one run, the rows of a table interleaved
repeat by repeat, so ratios between rows hold on a noisy machine.

This file only runs the phases in order; each lives in its own module:

    build_peers.py   the peers (the Makefile builds them: make bench-peers)
    probes.py        what runs in another process: the machine, the bench
                     binary (table 6), fresh-interpreter probes
    interpreters.py  table 5, in a venv per interpreter
    instructions.py  table 1's instructions per call, under callgrind
    contestants.py   what the rows call, loaded once
    rows.py          every row of tables 1, 2, 3 and 4, as data
    harness.py       the one timing harness and its statistics type
    tables.py        tables 1, 2, 3 and 4 measured and checked
    targets.py       the performance claims, judged by row id
    markdown.py      the tables as Markdown, one function per table
    charts.py        the charts, one per question
    prose.py         the sentences around the tables, from the run
    report.py        a run's files into bench/out/; make bench-report
                     publishes a run into bench/results/ and the README

A process that has loaded a Go c-shared library must not fork, so every
subprocess (compilers, the bench binary, the probes, table 5) runs before
the contestants are loaded.

    python bench/run.py            # the full run (make bench)
    python bench/run.py --quick    # every row at small sizes (make bench-quick)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Dict

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(ROOT / "bench"))

import build_peers  # noqa: E402
import contestants  # noqa: E402
import instructions  # noqa: E402
import interpreters  # noqa: E402
import markdown  # noqa: E402
import probes  # noqa: E402
import report as reporting  # noqa: E402
import tables  # noqa: E402
import targets  # noqa: E402
from console import say  # noqa: E402

SIZES = {
    "full": dict(
        calls=20_000, call_repeats=25, loop_k=10**9, loop_repeats=3, python_loop_k=10**6,
        ctypes_loop_k=10**5, many=10**7, longest=10**8, python_sample=1000, batch_repeats=3,
        longest_target=10**9, memory_target=10**8,
        work_many=10**7, work_many_repeats=7, work_longest=10**10, work_longest_repeats=1,
        work_longest_big=10**11, work_loop_k=10**9, work_loop_repeats=5,
        # A range with no delay record: every part is searched (about 6 s of a core).
        cluster_longest=(10**10, 11 * 10**9), cluster_repeats=3,
        crossover_log2=20, crossover_repeats=5, crossover_sample=0.004,
        interpreter_calls=20_000, interpreter_repeats=15,
    ),
    "quick": dict(
        calls=2_000, call_repeats=5, loop_k=10**7, loop_repeats=2, python_loop_k=10**5,
        ctypes_loop_k=10**4, many=10**5, longest=10**6, python_sample=100, batch_repeats=2,
        longest_target=10**7, memory_target=10**6,
        work_many=10**6, work_many_repeats=3, work_longest=10**7, work_longest_repeats=2,
        work_longest_big=None, work_loop_k=10**7, work_loop_repeats=3,
        cluster_longest=(10**6, 10**7), cluster_repeats=2,
        crossover_log2=12, crossover_repeats=2, crossover_sample=0.0005,
        interpreter_calls=1_000, interpreter_repeats=2,
    ),
}




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every row at small sizes; targets not judged")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a target is missed (for CI-like use; a plain run exits 0 and says why)")
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    size = SIZES[mode]
    report: Dict[str, Any] = dict(mode=mode, sizes=size, skipped={}, loop_k=size["loop_k"])

    say(f"hotloop bench ({mode} run)")
    say("the peers (bench/build_peers.py):")
    peers = build_peers.load(say)
    report["machine"] = probes.machine()
    for key, value in report["machine"].items():
        say(f"  {key}: {value}")

    # Everything that starts a process happens here, before Go is loaded.
    say("the Rust loop without FFI (bench/native/main.rs) ...")
    report["native"] = probes.native("loop", size["loop_k"], size["loop_repeats"])
    report["workload"] = probes.workload(size)
    say("collatz_longest and the no-copy check, each in a fresh interpreter ...")
    report["longest_probe"] = probes.probe(probes.LONGEST_PROBE.format(end=size["longest_target"]))
    say("table 5: table 1's rows under every CPython 3.9+ on this machine (bench/interpreters.py):")
    pyo3 = peers["pyo3"]
    report["interpreters"] = interpreters.measure(
        dict(c=str(peers["c"]), pyo3=str(pyo3) if isinstance(pyo3, Path) else ""),
        size["interpreter_calls"], size["interpreter_repeats"], say)
    cluster = probes.cluster_longest(size)
    if cluster is not None and "skipped" in cluster:
        report["skipped"]["Dask LocalCluster row"] = cluster.pop("skipped")[0]
        cluster = None
    report["workload"]["cluster"] = cluster
    report["memory_probe"] = probes.probe(probes.MEMORY_PROBE.format(size=size["memory_target"]))
    say("table 1's instructions per call, under callgrind (bench/instructions.py) ...")
    report["instructions"] = instructions.measure(peers, say, quick=args.quick)
    if "skipped" in report["instructions"]:
        report["skipped"]["instructions per call"] = report["instructions"].pop("skipped")

    say("loading the contestants (and numba's compilations) ...")
    found = contestants.load(peers)  # the Go library: no fork from here on
    report["skipped"].update(found.skipped)
    report["table1"] = tables.table1(found, size)
    report["table2"] = tables.table2(found, size, report["native"])
    report["double_loop"] = tables.doubled_loop(found, size)
    report["crossover"] = tables.crossover_table(found, size)
    report["table3"] = tables.table3(found, size)

    report["targets"] = targets.judge(report, found.go is not None, mode == "full")
    print(markdown.render(report))
    stem = "latest" if mode == "full" else "quick"
    written = reporting.write(report, reporting.OUT, stem)
    say("written: " + ", ".join(str(path.relative_to(ROOT)) for path in written))
    if mode == "full":
        say("to publish this run (bench/results/ and the README's tables): make bench-report")
    missed = [t for t in report["targets"] if t["verdict"] == "missed"]
    for target in missed:
        say(f"missed: {target['what']}: {target['why'] or 'see the table above'}")
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    sys.exit(main())
