"""Every row of tables 1, 2, 3 and 5, as data.

A row has a stable id (what the results JSON, the targets and the charts key
on), the label a reader sees (reworded freely; {placeholders} are filled
from the run's sizes), the contestant it needs (left out, with the reason
in the report, when that one is missing), and how to get what is timed from
the contestants and the table's inputs. A row that is an estimate from a
smaller run says how to scale it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

import crossover
from contestants import Contestants, articles_collatz_loop, python_collatz_loop, python_gsum, python_steps

Inputs = Dict[str, Any]


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    make: Callable[[Contestants, Inputs], Callable[..., Any]]
    needs: Optional[str] = None  # a Contestants attribute that must not be None
    scale: Optional[Callable[[Inputs], float]] = None  # for an estimate: the factor to the full size
    short: bool = False  # a fraction of a second: warmed up and timed 2 * repeats + 1 times
    kind: str = ""  # table 4 only: how the way crosses (python, ctypes, cffi, extension, jit)
    # Whose code runs: "python" (the reference), "hotloop" (libhotloop's kernels, however they are
    # called), "articles" (the articles' Go and C and their Go ported to Rust), "other" (numba, floors).
    family: str = "other"
    group: str = ""  # table 3 only: the kernel ("many" or "longest"); its pure-Python row is its reference
    bad_last: bool = False  # table 3 only: the input's last element is 0, so the call raises (the error path)


def chosen(rows: List[Row], found: Contestants, inputs: Inputs) -> Dict[str, Callable[..., Any]]:
    """What each available row times, by id, in the table's order."""
    return {row.id: row.make(found, inputs) for row in rows if row.needs is None or getattr(found, row.needs)}


def labels(rows: List[Row]) -> Dict[str, str]:
    return {row.id: row.label for row in rows}


# Table 1: one call of gsum(100) ---------------------------------------------

TABLE1 = [
    Row("python", "pure Python `sum(range(1, n + 1))`", lambda f, x: python_gsum, family="python"),
    Row("go", "Go library `GSum` (ctypes, article's way)", lambda f, x: f.go.GSum, needs="go", family="articles"),
    Row("c", "C library `gsum` (ctypes, article's way)", lambda f, x: f.c.gsum, family="articles"),
    Row("rust-port", "Rust port of the Go library `GSum` (ctypes, article's way)", lambda f, x: f.rust.GSum,
        needs="rust", family="articles"),
    Row("hotloop-api", "`hotloop.gsum` (Python API, checked)", lambda f, x: f.hotloop.gsum, family="hotloop"),
    Row("hotloop-raw", "hotloop raw prototype, fast binding", lambda f, x: f.hotloop.library.fast.hotloop_gsum,
        family="hotloop"),
    Row("hotloop-typed", "hotloop raw prototype, typed (PyDLL + argtypes)",
        lambda f, x: f.hotloop.library.hold.hotloop_gsum, family="hotloop"),
    Row("cffi-abi", "hotloop through cffi (ABI mode)", lambda f, x: f.cffi_abi.hotloop_gsum, needs="cffi_abi",
        family="hotloop"),
    Row("cffi-api", "hotloop through cffi (API mode, compiled module)", lambda f, x: f.cffi_api.hotloop_gsum,
        needs="cffi_api", family="hotloop"),
    Row("pyo3", "hotloop kernels as a PyO3 extension module", lambda f, x: f.pyo3.gsum, needs="pyo3",
        family="hotloop"),
    Row("uniffi", "hotloop kernels through UniFFI's generated Python", lambda f, x: f.uniffi.gsum, needs="uniffi",
        family="hotloop"),
    Row("interoptopus", "hotloop kernels through interoptopus's generated Python",
        lambda f, x: f.interoptopus.gsum, needs="interoptopus", family="hotloop"),
    Row("numba", "numba `@njit`", lambda f, x: f.numba["gsum"], needs="numba"),
    Row("floor", "floor: ctypes call of a C no-op", lambda f, x: (lambda noop: lambda n: noop())(f.c.noop)),
]


# Table 2: the Collatz loop, k iterations from 27 ------------------------------


def stepping(step: Callable[[int], int], calls: int) -> Callable[[], int]:
    """A Python loop calling a one-step function `calls` times."""

    def loop() -> int:
        n = 27
        for _ in range(calls):
            n = step(n)
        return n

    return loop


def inputs2(size: Dict[str, Any]) -> Inputs:
    return dict(k=size["loop_k"], py_k=size["python_loop_k"], ctypes_k=size["ctypes_loop_k"])


TABLE2 = [
    Row("python", "pure Python loop, the article's (scaled from {py_k:,})",
        lambda f, x: lambda: articles_collatz_loop(27, x["py_k"]),
        scale=lambda x: x["k"] / x["py_k"], family="python"),
    Row("python-over-go", "Python loop over Go `collatz` (scaled from {ctypes_k:,})",
        lambda f, x: stepping(f.go.collatz, x["ctypes_k"]), needs="go", scale=lambda x: x["k"] / x["ctypes_k"],
        family="articles"),
    Row("python-over-hotloop", "Python loop over `hotloop.collatz` (scaled from {ctypes_k:,})",
        lambda f, x: stepping(f.hotloop.collatz, x["ctypes_k"]), scale=lambda x: x["k"] / x["ctypes_k"],
        family="hotloop"),
    Row("go", "Go library `loopCollatz`", lambda f, x: lambda: f.go.loopCollatz(27, x["k"]), needs="go",
        family="articles"),
    Row("c", "C library `loop_collatz`", lambda f, x: lambda: f.c.loop_collatz(27, x["k"]), family="articles"),
    Row("rust-port", "Rust port of the Go library `loopCollatz`", lambda f, x: lambda: f.rust.loopCollatz(27, x["k"]),
        needs="rust", family="articles"),
    Row("hotloop", "`hotloop.collatz_loop`", lambda f, x: lambda: f.hotloop.collatz_loop(27, x["k"]),
        short=True, family="hotloop"),
    Row("numba", "numba `@njit` loop", lambda f, x: lambda: f.numba["loop"](f.np.int64(27), f.np.int64(x["k"])),
        needs="numba"),
]
# Measured by the bench binary, outside the interleaved rounds.
NATIVE_LOOP = Row("native", "Rust loop without FFI (bench/native/main.rs)", lambda f, x: lambda: None)


# Table 3: the batch kernels ---------------------------------------------------


def inputs3(size: Dict[str, Any], np: Any) -> Inputs:
    """The batch rows' inputs, and output arrays allocated once, as a caller
    that cares would: the rows time the kernels, not the first touch of 40 MB."""
    many, end, sample = size["many"], size["longest"], size["python_sample"]
    return dict(
        many=many, end=end, sample=sample, ns=np.arange(1, many + 1, dtype=np.uint64),
        sampled=list(range(1, many + 1, sample)),
        # The upper half, where trajectories are longest: scaling it favours Python slightly.
        longest_sample=list(range(end // 2, end, max(1, end // 2 // (many // sample)))),
        out_numba=np.empty(many, np.int32), out1=np.empty(many, np.int32), out0=np.empty(many, np.int32),
        bad=np.concatenate([np.arange(1, many, dtype=np.uint64), np.zeros(1, np.uint64)]),
        out_bad=np.empty(many, np.int32),
        # What users pass besides uint64: signed arrays, and pandas' columns.
        ns_int64=np.arange(1, many + 1, dtype=np.int64), out_int64=np.empty(many, np.int32),
        out_series=np.empty(many, np.int32), out_series_numpy=np.empty(many, np.int32),
    )


def _series(f: Contestants, x: Inputs, to_numpy: bool) -> Callable[[], Any]:
    """A pandas Series of int64, passed as it is or as its .to_numpy()."""
    series = f.pd.Series(x["ns_int64"], copy=True)
    out = x["out_series_numpy" if to_numpy else "out_series"]
    if to_numpy:
        return lambda: f.hotloop.collatz_steps_many(series.to_numpy(), threads=1, out=out)
    return lambda: f.hotloop.collatz_steps_many(series, threads=1, out=out)


def _error_path(f: Contestants, x: Inputs) -> Callable[[], Any]:
    """The batch with a 0 as its last element: every element is computed, then
    the call raises the 0's error, whose `result` holds every answer."""
    def call() -> Any:
        try:
            f.hotloop.collatz_steps_many(x["bad"], threads=1, out=x["out_bad"])
        except f.hotloop.HotloopValueError as error:
            return error.result
        raise AssertionError("a 0 in the batch raised nothing")
    return call


def _numba_many(f: Contestants, x: Inputs) -> Callable[[], Any]:
    kernel, ns, out = f.numba["steps_many"], x["ns"], x["out_numba"]
    return lambda: (kernel(ns, out), out)[1]


TABLE3 = [
    Row("many-python", "steps_many: pure Python (scaled from every {sample:,}th n)",
        lambda f, x: lambda: [python_steps(n) for n in x["sampled"]], scale=lambda x: x["many"] / len(x["sampled"]),
        family="python", group="many"),
    Row("many-numba", "steps_many: numba `@njit`", _numba_many, needs="numba", group="many"),
    Row("many-hotloop-1", "steps_many: hotloop, threads=1",
        lambda f, x: lambda: f.hotloop.collatz_steps_many(x["ns"], threads=1, out=x["out1"]),
        short=True, family="hotloop", group="many"),
    Row("many-hotloop-bad", "steps_many: hotloop, threads=1, the last element 0 (the error path)", _error_path,
        short=True, family="hotloop", group="many", bad_last=True),
    Row("many-hotloop-int64", "steps_many: hotloop, threads=1, an int64 array",
        lambda f, x: lambda: f.hotloop.collatz_steps_many(x["ns_int64"], threads=1, out=x["out_int64"]),
        short=True, family="hotloop", group="many"),
    Row("many-hotloop-series", "steps_many: hotloop, threads=1, a pandas Series of int64",
        lambda f, x: _series(f, x, False), needs="pd", short=True, family="hotloop", group="many"),
    Row("many-hotloop-series-numpy", "steps_many: hotloop, threads=1, the same Series' `.to_numpy()`",
        lambda f, x: _series(f, x, True), needs="pd", short=True, family="hotloop", group="many"),
    Row("many-hotloop-0", "steps_many: hotloop, threads=0 (all cores)",
        lambda f, x: lambda: f.hotloop.collatz_steps_many(x["ns"], threads=0, out=x["out0"]),
        short=True, family="hotloop", group="many"),
    Row("longest-python", "longest: pure Python brute force (scaled from {longest_sample:,} n)",
        lambda f, x: lambda: [python_steps(n) for n in x["longest_sample"]],
        scale=lambda x: (x["end"] - 1) / len(x["longest_sample"]), family="python", group="longest"),
    Row("longest-numba", "longest: numba `@njit` brute force",
        lambda f, x: lambda: f.numba["longest"](f.np.int64(1), f.np.int64(x["end"])), needs="numba", group="longest"),
    Row("longest-hotloop-1", "longest: hotloop, threads=1",
        lambda f, x: lambda: tuple(f.hotloop.collatz_longest(x["end"], threads=1)),
        short=True, family="hotloop", group="longest"),
    Row("longest-hotloop-0", "longest: hotloop, threads=0 (all cores)",
        lambda f, x: lambda: tuple(f.hotloop.collatz_longest(x["end"], threads=0)),
        short=True, family="hotloop", group="longest"),
]


# Each table 3 row's kernel, by id, and the rows whose call fails on purpose.
GROUP = {row.id: row.group for row in TABLE3}
BAD_LAST = {row.id for row in TABLE3 if row.bad_last}


# Table 4: the crossover, every way of running the loop f(27, k) ---------------

CROSSOVER = [
    Row(crossover.PYTHON, "pure Python loop, the step inline", lambda f, x: python_collatz_loop, kind="python",
        family="python"),
    Row("go", "Go library `loopCollatz` (ctypes)", lambda f, x: f.go.loopCollatz, needs="go", kind="ctypes",
        family="articles"),
    Row("c", "C library `loop_collatz` (ctypes)", lambda f, x: f.c.loop_collatz, kind="ctypes", family="articles"),
    Row("rust-port", "Rust port `loopCollatz` (ctypes)", lambda f, x: f.rust.loopCollatz, needs="rust",
        kind="ctypes", family="articles"),
    Row("hotloop-api", "hotloop `collatz_loop` (Python API)", lambda f, x: f.hotloop.collatz_loop, kind="ctypes",
        family="hotloop"),
    Row("hotloop-raw", "hotloop raw prototype, fast binding",
        lambda f, x: f.hotloop.library.fast.hotloop_collatz_loop, kind="ctypes", family="hotloop"),
    Row("cffi-abi", "hotloop through cffi (ABI mode)", lambda f, x: f.cffi_abi.hotloop_collatz_loop,
        needs="cffi_abi", kind="cffi", family="hotloop"),
    Row("cffi-api", "hotloop through cffi (API mode)", lambda f, x: f.cffi_api.hotloop_collatz_loop,
        needs="cffi_api", kind="cffi", family="hotloop"),
    Row("pyo3", "hotloop kernels, PyO3 extension", lambda f, x: f.pyo3.collatz_loop, needs="pyo3", kind="extension",
        family="hotloop"),
    Row("uniffi", "hotloop kernels, UniFFI's generated Python", lambda f, x: f.uniffi.collatz_loop, needs="uniffi",
        kind="generated", family="hotloop"),
    Row("interoptopus", "hotloop kernels, interoptopus's generated Python", lambda f, x: f.interoptopus.collatz_loop,
        needs="interoptopus", kind="generated", family="hotloop"),
    Row("numba", "numba `@njit` loop", lambda f, x: f.numba["loop"], needs="numba", kind="jit"),
]


def crossover_ways(found: Contestants) -> List[crossover.Way]:
    calls = chosen(CROSSOVER, found, {})
    return [crossover.Way(row.id, row.label, calls[row.id], row.kind) for row in CROSSOVER if row.id in calls]
