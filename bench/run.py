#!/usr/bin/env python3
"""make bench: the two articles' experiments, reproduced side by side.

Table 1 is the first article (one call of gsum(100) across the boundary),
table 2 the second (the Collatz loop, 10^9 iterations from 27), table 3 the
batch kernels, table 4 the real workload against hotloop 0.1's kernels, table
5 the crossover (bench/crossover.py). Every row of a table is measured in this
one run, the rows of a table interleaved repeat by repeat, so ratios between
rows hold on a noisy machine. The targets are judged from these figures at
the end. The peers are built by bench/build_peers.py; the tables and charts
are written by bench/report.py into bench/out/, and `make bench-report`
publishes a run into bench/results/ and the README.

A process that has loaded a Go c-shared library must not fork, so every
subprocess (compilers, the native Rust bench, the memory probes) runs before
the Go library is loaded.

    python bench/run.py            # the full run (make bench)
    python bench/run.py --quick    # every row at small sizes (make bench-quick)
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import timeit
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BUILD = BENCH / "build"
RELEASE = ROOT / "target" / "release"
sys.path.insert(0, str(ROOT / "python"))
sys.path.insert(0, str(BENCH))

import build_peers  # noqa: E402
import crossover  # noqa: E402
import interpreters  # noqa: E402
import report as reporting  # noqa: E402
from build_peers import cdef_from_header, import_module  # noqa: E402

SIZES = {
    "full": dict(
        calls=20_000, call_repeats=25, loop_k=10**9, loop_repeats=3, python_loop_k=10**6,
        ctypes_loop_k=10**5, many=10**7, longest=10**8, python_sample=1000, batch_repeats=3,
        longest_target=10**9, memory_target=10**8,
        work_many=10**7, work_many_repeats=7, work_longest=10**10, work_longest_repeats=1,
        work_longest_big=10**11, work_loop_k=10**9, work_loop_repeats=5,
        cluster_longest=10**10, cluster_repeats=3,
        crossover_log2=20, crossover_repeats=5, crossover_sample=0.004,
        interpreter_calls=20_000, interpreter_repeats=15,
    ),
    "quick": dict(
        calls=2_000, call_repeats=5, loop_k=10**7, loop_repeats=2, python_loop_k=10**5,
        ctypes_loop_k=10**4, many=10**5, longest=10**6, python_sample=100, batch_repeats=2,
        longest_target=10**7, memory_target=10**6,
        work_many=10**6, work_many_repeats=3, work_longest=10**7, work_longest_repeats=2,
        work_longest_big=None, work_loop_k=10**7, work_loop_repeats=3,
        cluster_longest=10**7, cluster_repeats=2,
        crossover_log2=12, crossover_repeats=2, crossover_sample=0.0005,
        interpreter_calls=1_000, interpreter_repeats=2,
    ),
}


def say(message: str = "") -> None:
    print(message, file=sys.stderr, flush=True)


def command_output(argv: List[str]) -> Optional[str]:
    try:
        return subprocess.run(argv, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


# Progress -------------------------------------------------------------------


def progress(total: int, description: str) -> Any:
    try:
        from tqdm import tqdm

        return tqdm(total=total, desc=description, file=sys.stderr, leave=False)
    except ImportError:
        from hotloop._progress import progress_bar

        return progress_bar(total, description, True)


def machine(peers: Dict[str, Any]) -> Dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    # LLVM's name for the host CPU ("emeraldrapids"): more telling than a VM's
    # generic model string.
    targets = command_output(["rustc", "--print", "target-cpus"]) or ""
    llvm_cpu = re.search(r"currently (\w+)", targets)
    if llvm_cpu:
        cpu = f"{cpu} ({llvm_cpu.group(1)})"
    return {
        "host": platform.node(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "rustc": command_output(["rustc", "--version"]) or "unknown",
        "gcc": (command_output(["gcc", "--version"]) or "unknown").splitlines()[0],
        "go": (command_output([go, "version"]) if (go := build_peers.find_go()) else None) or "none",
    }


def native(*args: Any) -> Dict[str, Any]:
    """One measurement of the bench binary (bench/native/main.rs), as JSON."""
    binary = RELEASE / "hotloop-native-bench"
    output = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def native_loop(k: int, repeats: int) -> Dict[str, Any]:
    """The Rust loop without FFI, from the bench binary."""
    return native("loop", k, repeats)


# The delay records (OEIS A006877): the answer below each power of ten.
LONGEST_ANSWERS = {10**7: (8400511, 685), 10**8: (63728127, 949), 10**9: (670617279, 986),
                   10**10: (9780657630, 1132), 10**11: (75128138247, 1228)}


# Every row of tables 1-3, as data: a stable id (what latest.json, the
# targets and the charts key on) and the label a reader sees, which may be
# reworded freely. {placeholders} are filled from the run's sizes.
TABLE1 = {
    "python": "pure Python `sum(range(1, n + 1))`",
    "go": "Go library `GSum` (ctypes, article's way)",
    "c": "C library `gsum` (ctypes, article's way)",
    "rust-port": "Rust port of the Go library `GSum` (ctypes, article's way)",
    "hotloop-api": "hotloop `hotloop.gsum` (Python API, checked)",
    "hotloop-raw": "hotloop raw prototype, fast binding",
    "hotloop-typed": "hotloop raw prototype, typed (PyDLL + argtypes)",
    "cffi-abi": "hotloop through cffi (ABI mode)",
    "cffi-api": "hotloop through cffi (API mode, compiled module)",
    "pyo3": "hotloop kernels as a PyO3 extension module",
    "numba": "numba `@njit`",
    "floor": "floor: ctypes call of a C no-op",
}
TABLE2 = {
    "python": "pure Python loop (scaled from {py_k:,})",
    "python-over-go": "Python loop over Go `collatz` (scaled from {ctypes_k:,})",
    "python-over-hotloop": "Python loop over `hotloop.collatz` (scaled from {ctypes_k:,})",
    "go": "Go library `loopCollatz`",
    "c": "C library `loop_collatz`",
    "rust-port": "Rust port of the Go library `loopCollatz`",
    "hotloop": "hotloop `hotloop.collatz_loop`",
    "numba": "numba `@njit` loop",
    "native": "Rust loop without FFI (bench/native/main.rs)",
}
TABLE3 = {
    "many-python": "steps_many: pure Python (scaled from every {sample:,}th n)",
    "many-numba": "steps_many: numba `@njit`",
    "many-hotloop-1": "steps_many: hotloop, threads=1",
    "many-hotloop-0": "steps_many: hotloop, threads=0 (all cores)",
    "longest-python": "longest: pure Python brute force (scaled from {longest_sample:,} n)",
    "longest-numba": "longest: numba `@njit` brute force",
    "longest-hotloop-1": "longest: hotloop, threads=1",
    "longest-hotloop-0": "longest: hotloop, threads=0 (all cores)",
}


def labelled(table: Dict[str, Any], labels: Dict[str, str], **values: Any) -> Dict[str, Any]:
    """Gives every row of a measured table its label."""
    for row_id, row in table.items():
        row["label"] = labels[row_id].format(**values)
    return table


def workload(size: Dict[str, Any]) -> Dict[str, Any]:
    """Table 4: today's batch kernels against hotloop 0.1's, in the same run,
    without FFI (the bench binary keeps 0.1's kernels as its baseline)."""
    many, longest_end = size["work_many"], size["work_longest"]
    say(f"table 4: steps_many over 1..{many:,} on one core, 0.1 against today ...")
    rows = {"steps_many": native("steps-many", 1, many + 1, size["work_many_repeats"])}
    say(f"table 4: the Collatz loop, {size['work_loop_k']:,} iterations, 0.1 against today ...")
    rows["loop"] = native("loop-vs-baseline", size["work_loop_k"], size["work_loop_repeats"])
    say(f"table 4: collatz_longest below {longest_end:,} on every core, 0.1 against today "
        f"(0.1 takes about 45 s at 1e10 on 2 cores) ...")
    rows["longest"] = native("longest", longest_end, size["work_longest_repeats"])
    big = size["work_longest_big"]
    if big:
        say(f"table 4: collatz_longest below {big:,}, today's search only (about 2 minutes on 2 cores) ...")
        rows["longest_big"] = native("longest", big, 1, "current")
    for row in rows.values():
        for key in ("baseline", "current"):
            if row.get(key):
                row[key + "_median"] = statistics.median(row[key])
    return rows


PROBE = r"""
import json, resource, sys, time
sys.path.insert(0, {python!r})
import numpy as np
import hotloop
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
baseline = peak()
{body}
print(json.dumps(out))
"""

LONGEST_PROBE = """
began = time.perf_counter()
n, steps = hotloop.collatz_longest({end}, threads=0)
out = dict(seconds=time.perf_counter() - began, n=n, steps=steps, peak=peak() - baseline)
"""

MEMORY_PROBE = """
ns = np.arange(1, {size} + 1, dtype=np.uint64)
assert ns.flags.c_contiguous and ns.flags.aligned
before = peak()
result = hotloop.collatz_steps_many(ns, threads=0)
out = dict(input=ns.nbytes, output=result.nbytes, peak=peak() - baseline, check=int(result[26]))
"""


# collatz_longest on a two-worker LocalCluster (hotloop.dask) against the
# local call with threads=0, interleaved repeat by repeat; the cluster is
# started (and timed) once, before the first repeat.
CLUSTER_PROBE = """
import logging
from distributed import Client, LocalCluster
import hotloop.dask
began = time.perf_counter()
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, protocol="tcp", host="127.0.0.1",
                       dashboard_address=None, silence_logs=logging.ERROR)
client = Client(cluster)
client.wait_for_workers(2)
hotloop.dask.collatz_longest(10**6, client=client)  # every worker imports hotloop
startup = time.perf_counter() - began
local, remote = [], []
for _ in range({repeats}):
    began = time.perf_counter(); found = hotloop.collatz_longest({end}, threads=0)
    local.append(time.perf_counter() - began)
    began = time.perf_counter(); on_cluster = hotloop.dask.collatz_longest({end}, client=client)
    remote.append(time.perf_counter() - began)
    assert tuple(found) == tuple(on_cluster), (found, on_cluster)
client.close(); cluster.close()
out = dict(end={end}, local=local, cluster=remote, startup=startup, n=found.n, steps=found.steps,
           workers=2, tasks=4 * 2)
"""


def cluster_longest(size: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Table 4's cluster row, or None (and why) when Dask is not installed."""
    end, repeats = size["cluster_longest"], size["cluster_repeats"]
    say(f"table 4: collatz_longest below {end:,} on a two-worker Dask LocalCluster against threads=0, "
        f"{repeats} times each ...")
    try:
        row = probe(CLUSTER_PROBE.format(end=end, repeats=repeats))
    except subprocess.CalledProcessError as error:
        return dict(skipped=(error.stderr or "").strip().splitlines()[-1:] or ["failed"])
    row["local_median"], row["cluster_median"] = statistics.median(row["local"]), statistics.median(row["cluster"])
    return row


def probe(body: str) -> Dict[str, Any]:
    """Runs a measurement in a fresh interpreter, for its own peak memory."""
    code = PROBE.format(python=str(ROOT / "python"), body=body)
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


# The contestants ------------------------------------------------------------


def python_gsum(n: int) -> int:
    return sum(range(1, n + 1))


def python_collatz(n: int) -> int:
    if n % 2 == 0:
        return n // 2
    return 3 * n + 1


def python_collatz_loop(n: int, k: int) -> int:
    for _ in range(k):
        n = python_collatz(n)
    return n


def python_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def load_numba() -> Any:
    try:
        import numba
        import numpy as np
    except ImportError as error:
        return f"skipped: numba is not installed ({error})"

    @numba.njit(cache=False)
    def gsum(n):
        result = 0
        for i in range(n + 1):
            result += i
        return result

    @numba.njit(cache=False)
    def loop(n, k):
        for _ in range(k):
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
        return n

    # int64 throughout: numba turns uint64 // int into float64 arithmetic.
    @numba.njit(cache=False)
    def steps_one(n):
        steps = 0
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            steps += 1
        return steps

    @numba.njit(cache=False)
    def steps_many(ns, out):
        for i in range(ns.shape[0]):
            out[i] = steps_one(np.int64(ns[i]))

    @numba.njit(cache=False)
    def longest(start, end):
        best_n, best_steps = start, -1
        for n in range(start, end):
            s = steps_one(n)
            if s > best_steps:
                best_n, best_steps = n, s
        return best_n, best_steps

    # Compile now, outside every timing.
    gsum(100), loop(np.int64(27), np.int64(10)), longest(np.int64(1), np.int64(10))
    steps_many(np.arange(1, 4, dtype=np.uint64), np.empty(3, dtype=np.int32))
    return dict(gsum=gsum, loop=loop, steps_many=steps_many, longest=longest, version=numba.__version__)


# Measuring ------------------------------------------------------------------


def summarise(samples: List[float]) -> Dict[str, float]:
    return dict(min=min(samples), median=statistics.median(samples), max=max(samples))


def per_call_table(rows: Dict[str, Callable[[int], Any]], calls: int, repeats: int) -> Dict[str, Any]:
    """ns per call of f(100) for each row, the rows interleaved repeat by
    repeat; one warm-up round first."""
    samples: Dict[str, List[float]] = {name: [] for name in rows}
    results = {name: f(100) for name, f in rows.items()}
    timers = {name: timeit.Timer("f(100)", globals={"f": f}) for name, f in rows.items()}
    for timer in timers.values():
        timer.timeit(number=calls)  # warm-up
    bar = progress(repeats * len(rows), "table 1: per call")
    for _ in range(repeats):
        for name, timer in timers.items():
            samples[name].append(timer.timeit(number=calls) / calls * 1e9)
            bar.update(1)
    bar.close()
    return {name: dict(summarise(samples[name]), result=results[name]) for name in rows}


def timed(function: Callable[[], Any], repeats: int) -> Dict[str, Any]:
    seconds, result = [], None
    for _ in range(repeats):
        gc.collect()
        began = time.perf_counter()
        result = function()
        seconds.append(time.perf_counter() - began)
    return dict(summarise(seconds), result=result, samples=seconds)


def interleaved(
    rows: Dict[str, Callable[[], Any]], repeats: int, description: str, short: Tuple[str, ...] = ()
) -> Dict[str, Any]:
    """Times every row `repeats` times, the rows interleaved. The rows named
    in `short` (a fraction of a second each) first run once untimed, then
    twice as many times plus one: one slow repeat cannot move their median."""
    counts = {name: 2 * repeats + 1 if name in short else repeats for name in rows}
    for name in short:
        rows[name]()  # warm-up
    samples: Dict[str, List[float]] = {name: [] for name in rows}
    results: Dict[str, Any] = {}
    bar = progress(sum(counts.values()), description)
    for round_ in range(max(counts.values())):
        for name, function in rows.items():
            if round_ >= counts[name]:
                continue
            gc.collect()
            began = time.perf_counter()
            results[name] = function()
            samples[name].append(time.perf_counter() - began)
            bar.update(1)
    bar.close()
    return {name: dict(summarise(samples[name]), result=results[name], samples=samples[name]) for name in rows}


# The run --------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every row at small sizes; targets not judged")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a target is missed (for CI-like use; a plain run exits 0 and says why)")
    parser.add_argument("--peers-only", action="store_true", help="build the C and Go libraries, then stop")
    args = parser.parse_args()
    if args.peers_only:
        build_peers.record(build_peers.build_all(say))
        return 0
    mode = "quick" if args.quick else "full"
    size = SIZES[mode]
    report: Dict[str, Any] = dict(mode=mode, sizes=size, skipped={})
    skipped = report["skipped"]

    say(f"hotloop bench ({mode} run)")
    say("the peers (bench/build_peers.py):")
    peers = build_peers.load(say)
    report["machine"] = machine(peers)
    for key, value in report["machine"].items():
        say(f"  {key}: {value}")

    # Everything that starts a process happens here, before Go is loaded.
    say("the Rust loop without FFI (bench/native/main.rs) ...")
    native = native_loop(size["loop_k"], size["loop_repeats"])
    work = workload(size)
    say("collatz_longest and the no-copy check, each in a fresh interpreter ...")
    longest_probe = probe(LONGEST_PROBE.format(end=size["longest_target"]))
    say("table 6: table 1's rows under every CPython 3.9+ on this machine (bench/interpreters.py):")
    per_interpreter = interpreters.measure(
        dict(c=str(peers["c"]), pyo3=str(peers["pyo3"]) if isinstance(peers["pyo3"], Path) else ""),
        size["interpreter_calls"], size["interpreter_repeats"], say)
    cluster = cluster_longest(size)
    if cluster is not None and "skipped" in cluster:
        skipped["Dask LocalCluster row"] = cluster.pop("skipped")[0]
        cluster = None
    work["cluster"] = cluster
    memory_probe = probe(MEMORY_PROBE.format(size=size["memory_target"]))

    import hotloop
    import numpy as np

    c = ctypes.CDLL(str(peers["c"]))
    c.gsum.argtypes, c.gsum.restype = [ctypes.c_int], ctypes.c_int
    c.collatz.argtypes, c.collatz.restype = [ctypes.c_int64], ctypes.c_int64
    c.loop_collatz.argtypes, c.loop_collatz.restype = [ctypes.c_int64, ctypes.c_int64], ctypes.c_int64
    c.noop.argtypes, c.noop.restype = [], None

    go = None
    if isinstance(peers["go"], Path):
        go = ctypes.CDLL(str(peers["go"]))  # from here on: no fork
        go.GSum.argtypes, go.GSum.restype = [ctypes.c_int64], ctypes.c_int64
        go.collatz.argtypes, go.collatz.restype = [ctypes.c_int64], ctypes.c_int64
        go.loopCollatz.argtypes, go.loopCollatz.restype = [ctypes.c_int64, ctypes.c_int64], ctypes.c_int64
    else:
        skipped["Go library"] = peers["go"]

    rust = None
    if isinstance(peers["rust_port"], Path):
        rust = ctypes.CDLL(str(peers["rust_port"]))
        rust.GSum.argtypes, rust.GSum.restype = [ctypes.c_int64], ctypes.c_int64
        rust.collatz.argtypes, rust.collatz.restype = [ctypes.c_int64], ctypes.c_int64
        rust.loopCollatz.argtypes, rust.loopCollatz.restype = [ctypes.c_int64, ctypes.c_int64], ctypes.c_int64
    else:
        skipped["Rust port of the articles' library"] = peers["rust_port"]
    pyo3 = import_module(peers["pyo3"], "hotloop_pyo3") if isinstance(peers["pyo3"], Path) else None
    if pyo3 is None:
        skipped["PyO3 extension"] = peers["pyo3"]
    cffi_api = import_module(peers["cffi_api"], "_hotloop_cffi_api").lib if isinstance(peers["cffi_api"], Path) else None
    if cffi_api is None:
        skipped["cffi API mode"] = peers["cffi_api"]

    try:
        import cffi

        ffi = cffi.FFI()
        ffi.cdef(cdef_from_header(ROOT / "include" / "hotloop.h"))
        cffi_lib = ffi.dlopen(str(hotloop.library.path))
    except ImportError as error:
        cffi_lib = None
        skipped["cffi"] = f"skipped: cffi is not installed ({error})"

    numba = load_numba()
    if isinstance(numba, str):
        skipped["numba"] = numba
        numba = None

    # Table 1 ------------------------------------------------------------------
    rows1: Dict[str, Callable[[int], Any]] = {"python": python_gsum}
    if go:
        rows1["go"] = go.GSum
    rows1["c"] = c.gsum
    if rust:
        rows1["rust-port"] = rust.GSum
    rows1["hotloop-api"] = hotloop.gsum
    rows1["hotloop-raw"] = hotloop.library.fast.hotloop_gsum
    rows1["hotloop-typed"] = hotloop.library.hold.hotloop_gsum
    if cffi_lib is not None:
        rows1["cffi-abi"] = cffi_lib.hotloop_gsum
    if cffi_api is not None:
        rows1["cffi-api"] = cffi_api.hotloop_gsum
    if pyo3 is not None:
        rows1["pyo3"] = pyo3.gsum
    if numba:
        rows1["numba"] = numba["gsum"]
    noop = c.noop
    rows1["floor"] = lambda n: noop()
    table1 = labelled(per_call_table(rows1, size["calls"], size["call_repeats"]), TABLE1)
    python_median = table1["python"]["median"]
    for name, row in table1.items():
        assert name == "floor" or row["result"] == 5050, (name, row["result"])
        row["vs_python"] = row["median"] / python_median

    # Table 2 ------------------------------------------------------------------
    k = size["loop_k"]
    py_k, ctypes_k = size["python_loop_k"], size["ctypes_loop_k"]
    say(f"table 2: the Collatz loop, {k:,} iterations from 27 ...")
    scaled2 = {"python": (lambda: python_collatz_loop(27, py_k), k / py_k)}

    def stepping(step: Callable[[int], int]) -> Callable[[], int]:
        """A Python loop calling a one-step function ctypes_k times."""

        def loop() -> int:
            n = 27
            for _ in range(ctypes_k):
                n = step(n)
            return n

        return loop

    if go:
        scaled2["python-over-go"] = (stepping(go.collatz), k / ctypes_k)
    scaled2["python-over-hotloop"] = (stepping(hotloop.collatz), k / ctypes_k)
    rows2: Dict[str, Callable[[], Any]] = {name: f for name, (f, _) in scaled2.items()}
    if go:
        rows2["go"] = lambda: go.loopCollatz(27, k)
    rows2["c"] = lambda: c.loop_collatz(27, k)
    if rust:
        rows2["rust-port"] = lambda: rust.loopCollatz(27, k)
    rows2["hotloop"] = lambda: hotloop.collatz_loop(27, k)
    if numba:
        numba_loop = numba["loop"]
        rows2["numba"] = lambda: numba_loop(np.int64(27), np.int64(k))
    table2 = interleaved(rows2, size["loop_repeats"], "table 2: loops", short=("hotloop",))
    for name, (_, factor) in scaled2.items():
        row = table2[name]
        for key in ("min", "median", "max"):
            row[key] *= factor
        row["scaled_by"] = factor
    native_seconds = [float(s) for s in native["seconds"]]
    table2["native"] = dict(summarise(native_seconds), result=native["result"], samples=native_seconds)
    labelled(table2, TABLE2, py_k=py_k, ctypes_k=ctypes_k)
    python_loop = table2["python"]["median"]
    for row in table2.values():
        row["result"] = int(row["result"])
        row["ns_per_iteration"] = row["median"] / k * 1e9
        row["speedup"] = python_loop / row["median"]
    results2 = {row["result"] for row in table2.values()}
    assert len(results2) == 1, f"the rows disagree: {results2}"
    double = timed(lambda: hotloop.collatz_loop(27, 2 * k), size["loop_repeats"])

    # Table 5: the crossover --------------------------------------------------
    ways = [crossover.Way(crossover.PYTHON, "pure Python loop", crossover.python_collatz_loop, "python")]
    if go:
        ways.append(crossover.Way("go", "Go library `loopCollatz` (ctypes)", go.loopCollatz, "ctypes"))
    ways.append(crossover.Way("c", "C library `loop_collatz` (ctypes)", c.loop_collatz, "ctypes"))
    if rust:
        ways.append(crossover.Way("rust-port", "Rust port `loopCollatz` (ctypes)", rust.loopCollatz, "ctypes"))
    ways.append(crossover.Way("hotloop-api", "hotloop `collatz_loop` (Python API)", hotloop.collatz_loop, "ctypes"))
    ways.append(crossover.Way("hotloop-raw", "hotloop raw prototype, fast binding",
                              hotloop.library.fast.hotloop_collatz_loop, "ctypes"))
    if cffi_lib is not None:
        ways.append(crossover.Way("cffi-abi", "hotloop through cffi (ABI mode)", cffi_lib.hotloop_collatz_loop, "cffi"))
    if cffi_api is not None:
        ways.append(crossover.Way("cffi-api", "hotloop through cffi (API mode)", cffi_api.hotloop_collatz_loop, "cffi"))
    if pyo3 is not None:
        ways.append(crossover.Way("pyo3", "hotloop kernels, PyO3 extension", pyo3.collatz_loop, "extension"))
    if numba:
        numba_loop_int = numba["loop"]
        ways.append(crossover.Way("numba", "numba `@njit` loop", numba_loop_int, "jit"))
    ks = [2**i for i in range(size["crossover_log2"] + 1)]
    say(f"table 5: the crossover, k = 1 to {ks[-1]:,} iterations per call, {len(ways)} ways ...")
    bar = progress(len(ks), "table 5: crossover")
    crossover_times = crossover.measure(ways, ks, size["crossover_repeats"], size["crossover_sample"], bar)
    bar.close()
    crossover_rows = crossover.summarise(ways, crossover_times)

    # Table 3 ------------------------------------------------------------------
    many, longest_end, sample = size["many"], size["longest"], size["python_sample"]
    say(f"table 3: collatz_steps_many over 1..{many:,}, collatz_longest below {longest_end:,} ...")
    ns = np.arange(1, many + 1, dtype=np.uint64)
    sampled = list(range(1, many + 1, sample))
    rows3: Dict[str, Callable[[], Any]] = {"many-python": lambda: [python_steps(n) for n in sampled]}
    if numba:
        numba_many = numba["steps_many"]
        out_numba = np.empty(many, np.int32)
        rows3["many-numba"] = lambda: (numba_many(ns, out_numba), out_numba)[1]
    # The batch rows write into arrays allocated once, as a caller that
    # cares would: they time the kernels, not the first touch of 40 MB.
    out1, out0 = np.empty(many, np.int32), np.empty(many, np.int32)
    rows3["many-hotloop-1"] = lambda: hotloop.collatz_steps_many(ns, threads=1, out=out1)
    rows3["many-hotloop-0"] = lambda: hotloop.collatz_steps_many(ns, threads=0, out=out0)
    longest_sample = list(range(longest_end // 2, longest_end, max(1, longest_end // 2 // (many // sample))))
    rows3["longest-python"] = lambda: [python_steps(n) for n in longest_sample]
    if numba:
        numba_longest = numba["longest"]
        rows3["longest-numba"] = lambda: numba_longest(np.int64(1), np.int64(longest_end))
    rows3["longest-hotloop-1"] = lambda: tuple(hotloop.collatz_longest(longest_end, threads=1))
    rows3["longest-hotloop-0"] = lambda: tuple(hotloop.collatz_longest(longest_end, threads=0))
    short3 = tuple(name for name in rows3 if "hotloop" in name)
    table3 = interleaved(rows3, size["batch_repeats"], "table 3: batches", short=short3)

    # Scaling and checking the batch rows.
    reference_many = table3["many-hotloop-1"]["result"]
    for name, row in table3.items():
        result = row.pop("result")
        if name == "many-python":
            factor = many / len(sampled)
            assert result == reference_many[::sample].tolist()
            row["result"] = "same (sample)"
        elif name == "longest-python":
            # Brute force computes every n below end; the sample is of the
            # upper half, where the trajectories are longest, so this scaling
            # favours Python slightly.
            factor = (longest_end - 1) / len(longest_sample)
            row["result"] = "(sample)"
        elif name.startswith("many-"):
            factor = 1
            assert np.array_equal(result, reference_many), name
            row["result"] = "same"
        else:
            factor = 1
            row["result"] = f"n = {result[0]:,}, {result[1]} steps"
        for key in ("min", "median", "max"):
            row[key] *= factor
        row["scaled_by"] = factor
    labelled(table3, TABLE3, sample=sample, longest_sample=len(longest_sample))
    longest_answers = {row["result"] for name, row in table3.items()
                       if name.startswith("longest-") and "sample" not in row["result"]}
    assert len(longest_answers) == 1, longest_answers

    report.update(table1=table1, table2=table2, table3=table3, native=native, double_loop=double, workload=work,
                  interpreters=per_interpreter,
                  crossover=dict(times={way: {str(k): t for k, t in row.items()} for way, row in crossover_times.items()},
                                 rows=crossover_rows, top=ks[-1]),
                  longest_probe=longest_probe, memory_probe=memory_probe, loop_k=k)

    # Targets ----------------------------------------------------------------------
    targets = judge(report, go is not None, mode == "full")
    report["targets"] = targets

    print(reporting.render(report))
    stem = "latest" if mode == "full" else "quick"
    written = reporting.write(report, reporting.OUT, stem)
    say("written: " + ", ".join(str(path.relative_to(ROOT)) for path in written))
    if mode == "full":
        say("to publish this run (bench/results/ and the README's tables): make bench-report")
    missed = [t for t in targets if t["verdict"] == "missed"]
    for target in missed:
        say(f"missed: {target['what']}: {target['why'] or 'see the table above'}")
    return 1 if args.strict and missed else 0


# Why a target that has been missed on this machine is missed, in one line,
# by the start of the target's wording (up to its first ":" or " / ").
MISSED_BECAUSE = {
    "steps_many, one core": "the four-lane kernel is bound by its instructions on this processor, not by their "
                            "latency; see the README's 'Missed, and why'",
    "collatz_loop through ctypes": "the loop's speed moves with where its code lands (.cargo/config.toml); "
                                   "the ctypes call itself is nanoseconds",
    "the 64-bit Collatz loop": "the same inner loop as 0.1; its speed moves with code placement",
    "crossover": "at small k a call of hotloop's checked API costs its checks plus a ctypes call, about as much "
                 "as the articles' calls; its raw binding, cffi's API mode and PyO3 cross earlier",
}


def judge(report: Dict[str, Any], have_go: bool, full: bool) -> List[Dict[str, Any]]:
    t1, t2, t3 = report["table1"], report["table2"], report["table3"]
    k = report["loop_k"]

    def med(table: Dict[str, Any], row_id: str, optional: bool = False) -> Optional[float]:
        """The median of a row, by its id. A row that should be there and is
        not is an error, never a skipped target (make bench-quick, in make
        test, runs this)."""
        if row_id in table:
            return float(table[row_id]["median"])
        if optional:
            return None
        raise KeyError(f"judge: the table has no row {row_id!r}")

    api, fast = med(t1, "hotloop-api"), med(t1, "hotloop-raw")
    c_call, py_call = med(t1, "c"), med(t1, "python")
    go_call = med(t1, "go", optional=not have_go)
    loop, c_loop = med(t2, "hotloop"), med(t2, "c")
    go_loop = med(t2, "go", optional=not have_go)
    native, py_loop = med(t2, "native"), med(t2, "python")
    many1, many0 = med(t3, "many-hotloop-1"), med(t3, "many-hotloop-0")
    many_py = med(t3, "many-python")
    lp, mp = report["longest_probe"], report["memory_probe"]
    double = report["double_loop"]["median"]
    mib = 1024 * 1024

    checks = [
        ("1", "hotloop.gsum(100) / C library gsum (median)", api / c_call, "<=", 0.95),
        ("1", "hotloop.gsum(100) / Go library GSum (median)", api / go_call if go_call else None, "<=", 0.80),
        ("1", "hotloop.gsum(100) / pure Python (median)", api / py_call, "<=", 0.40),
        ("1", "raw prototype (fast binding) / C library gsum", fast / c_call, "<=", 0.75),
        ("2", f"collatz_loop(27, {k:.0e}) / C library loop_collatz", loop / c_loop, "<=", 0.55),
        ("2", f"collatz_loop(27, {k:.0e}) / Go library loopCollatz", loop / go_loop if go_loop else None, "<=", 0.55),
        ("2", "collatz_loop: time for 2k / time for k (grows with k)", double / loop, "between", (1.8, 2.2)),
        ("2", "collatz_loop through ctypes / native Rust loop", loop / native, "<=", 1.02),
        ("2", "pure Python loop / collatz_loop (speed-up)", py_loop / loop, ">=", 100),
        ("3", "steps_many: pure Python / hotloop threads=1 (speed-up)", many_py / many1, ">=", 100),
        ("3", "steps_many: threads=1 / threads=0 (speed-up)", many1 / many0, ">=", 1.7),
        ("4", f"collatz_longest below {report['sizes']['longest_target']:.0e}, threads=0: seconds",
         lp["seconds"], "<=", 6.0),
        ("4", "collatz_longest: answer", (lp["n"], lp["steps"]), "==",
         (670617279, 986) if full else None),
        ("4", "collatz_longest: peak resident memory, MiB", lp["peak"] / mib, "<=", 512),
        ("5", "steps_many on aligned uint64: peak over input + output, MiB",
         (mp["peak"] - mp["input"] - mp["output"]) / mib, "<=", 64),
    ]
    w = report["workload"]
    longest_end = report["sizes"]["work_longest"]
    checks += [
        ("w", f"collatz_longest below {longest_end:.0e}, every core: seconds", w["longest"]["current_median"],
         "<=", 11.0),
        ("w", f"collatz_longest below {longest_end:.0e}: today / 0.1", w["longest"]["current_median"]
         / w["longest"]["baseline_median"], "<=", 1 / 3),
        ("w", f"collatz_longest below {longest_end:.0e}: answer", (w["longest"]["n"], w["longest"]["steps"]), "==",
         LONGEST_ANSWERS.get(longest_end)),
        ("w", "steps_many, one core: 0.1 / today (speed-up)", w["steps_many"]["baseline_median"]
         / w["steps_many"]["current_median"], ">=", 1.5),
        ("w", "the 64-bit Collatz loop: today / 0.1 (nothing slower)", w["loop"]["current_median"]
         / w["loop"]["baseline_median"], "<=", 1.05),
    ]
    # The language against the algorithm, and the crossover (tables 2 and 5).
    rust_port = med(t2, "rust-port", optional=True)
    checks += [
        ("2", "the articles' loop ported line by line to Rust / C library loop_collatz (the language alone)",
         rust_port / c_loop if rust_port else None, "<=", 1.1),
        ("2", "hotloop collatz_loop / the line-by-line Rust loop (the algorithm's share)",
         loop / rust_port if rust_port else None, "<=", 0.55),
    ]
    crossing = {row["id"]: row["crossover"] for row in report["crossover"]["rows"]}
    others = [crossing[way] for way in ("c", "go") if way in crossing and crossing[way] is not None]
    if crossing.get("hotloop-api") is not None and others:
        checks.append(("5", "crossover: the smallest k from which hotloop's Python API beats pure Python, "
                            "against the C and Go libraries'", crossing["hotloop-api"], "<", min(others)))
    if w.get("cluster"):
        checks.append(("12", f"collatz_longest below {w['cluster']['end']:.0e}: two-worker LocalCluster / threads=0",
                       w["cluster"]["cluster_median"] / w["cluster"]["local_median"], "<=", 1.15))
    if "longest_big" in w:
        big = w["longest_big"]
        checks.append(("w", f"collatz_longest below {big['end']:.0e}: answer", (big["n"], big["steps"]), "==",
                       LONGEST_ANSWERS.get(big["end"])))
    targets = []
    for issue_target, what, value, op, bound in checks:
        if value is None:
            verdict = "skipped (no Go toolchain)"
        elif not full:
            verdict = "not judged (quick run)"
        elif op == "<=":
            verdict = "met" if value <= bound else "missed"
        elif op == ">=":
            verdict = "met" if value >= bound else "missed"
        elif op == "between":
            verdict = "met" if bound[0] <= value <= bound[1] else "missed"
        elif op == "<":
            verdict = "met" if value < bound else "missed"
        else:
            verdict = "met" if value == bound else "missed"
        why = MISSED_BECAUSE.get(what.split(":")[0].split(" / ")[0], "") if verdict == "missed" else ""
        targets.append(dict(target=issue_target, what=what, value=value, op=op, bound=bound, verdict=verdict,
                            why=why))
    return targets


if __name__ == "__main__":
    sys.exit(main())
