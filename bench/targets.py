"""The project's performance claims, judged on one run's figures.

Every target finds its figures by row id (bench/rows.py), never by label: a
row that should be there and is not is an error. A missed target is printed
with one line saying why; `make bench` exits non-zero for one only with
--strict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional

# The delay records (OEIS A006877): the answer below each power of ten.
LONGEST_ANSWERS = {10**7: (8400511, 685), 10**8: (63728127, 949), 10**9: (670617279, 986),
                   10**10: (9780657630, 1132), 10**11: (75128138247, 1228), 10**12: (989345275647, 1348)}


# Why a target is missed when it is, by target id: the cause, as far as it is
# known, never a history of runs.
WHY_MISSED = {
    "api-vs-raw": "the checked API is a Python function around the same ctypes call: its frame and its range check "
                  "(ctypes without argtypes wraps an int past 2^31 silently) cost tens of nanoseconds a call, which "
                  "only a compiled extension removes (the PyO3 row)",
    "api-vs-raw-instructions": "the Python function around the ctypes call and its range check execute several "
                               "hundred instructions of the interpreter's; a compiled extension (the PyO3 row) has "
                               "neither",
    "many-vs-0.1": "the medians leave out the first call, which builds the 2^22-entry steps table; without the "
                   "table the four-lane kernel alone is about as fast as 0.1's",
    "loop-vs-native": "the loop's speed moves with where its code lands (.cargo/config.toml); the ctypes call "
                      "itself is nanoseconds",
    "loop-vs-0.1": "the same inner loop as 0.1; its speed moves with code placement",
    "many-threads": "the two threads share one memory bus and the 8 MiB steps table, read at random; the kernel "
                    "itself needs no lock",
    "dask-overhead": "the cluster adds a cost that does not shrink with the search (scheduling the windows, sharing the "
                     "best found through a Dask Variable, the workers' start on each task) to a search that now takes "
                     "a few seconds; on one machine the two workers, the scheduler and the client also share the same "
                     "two cores",
    "crossover": "at small k a call of hotloop's checked API costs its checks plus a ctypes call, about as much as "
                 "the articles' calls; its raw binding, cffi's API mode and PyO3 cross earlier",
}


@dataclass(frozen=True)
class Check:
    """One claim: its id, its wording, the measured figure, and its bound."""

    id: str
    what: str
    value: Any
    op: str
    bound: Any

    def verdict(self, full: bool) -> str:
        if self.value is None:
            return "skipped (a peer it needs was not built: see the skipped rows)"
        if not full:
            return "not judged (quick run)"
        met = {
            "<=": lambda: self.value <= self.bound,
            ">=": lambda: self.value >= self.bound,
            "<": lambda: self.value < self.bound,
            "between": lambda: self.bound[0] <= self.value <= self.bound[1],
            "==": lambda: self.value == self.bound,
        }[self.op]()
        return "met" if met else "missed"

    def judged(self, full: bool) -> Dict[str, Any]:
        verdict = self.verdict(full)
        return dict(id=self.id, what=self.what, value=self.value, op=self.op, bound=self.bound, verdict=verdict,
                    why=WHY_MISSED.get(self.id, "") if verdict == "missed" else "")


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
    instructions = report.get("instructions", {}).get("per_call") or {}
    # Optional: pandas may be missing from the bench's environment.
    series, series_numpy = med(t3, "many-hotloop-series", True), med(t3, "many-hotloop-series-numpy", True)
    lp, mp = report["longest_probe"], report["memory_probe"]
    double = report["double_loop"]["median"]
    mib = 1024 * 1024

    checks = [
        ("api-vs-c", "hotloop.gsum(100) / C library gsum (median)", api / c_call, "<=", 0.95),
        ("api-vs-go", "hotloop.gsum(100) / Go library GSum (median)", api / go_call if go_call else None, "<=", 0.80),
        ("api-vs-python", "hotloop.gsum(100) / pure Python (median)", api / py_call, "<=", 0.40),
        ("raw-vs-c", "raw prototype (fast binding) / C library gsum", fast / c_call, "<=", 0.75),
        ("api-vs-raw", "hotloop.gsum(100) / the same symbol through a bare PyDLL (median)", api / fast, "<=", 1.25),
        ("api-vs-raw-instructions", "hotloop.gsum(100) / the bare PyDLL call: instructions per call (callgrind)",
         instructions["hotloop-api"] / instructions["hotloop-raw"]
         if instructions.get("hotloop-api") and instructions.get("hotloop-raw") else None, "<=", 1.25),
        ("loop-vs-c", f"collatz_loop(27, {k:.0e}) / C library loop_collatz", loop / c_loop, "<=", 0.55),
        ("loop-vs-go", f"collatz_loop(27, {k:.0e}) / Go library loopCollatz",
         loop / go_loop if go_loop else None, "<=", 0.55),
        ("loop-linear", "collatz_loop: time for 2k / time for k (grows with k)", double / loop, "between", (1.8, 2.2)),
        ("loop-vs-native", "collatz_loop through ctypes / native Rust loop", loop / native, "<=", 1.02),
        ("loop-speedup", "pure Python loop / collatz_loop (speed-up)", py_loop / loop, ">=", 100),
        ("many-speedup", "steps_many: pure Python / hotloop threads=1 (speed-up)", many_py / many1, ">=", 100),
        ("many-threads", "steps_many: threads=1 / threads=0 (speed-up)", many1 / many0, ">=", 1.8),
        ("many-error-path", "steps_many with a 0 as its last element / the clean call (the error path's cost)",
         med(t3, "many-hotloop-bad") / many1, "<=", 1.1),
        ("many-int64", "steps_many: an int64 array / a uint64 array (threads=1)",
         med(t3, "many-hotloop-int64") / many1, "<=", 1.3),
        ("many-series", "steps_many: a pandas Series / its .to_numpy() (threads=1)",
         series / series_numpy if series and series_numpy else None, "<=", 1.3),
        ("longest-seconds", f"collatz_longest below {report['sizes']['longest_target']:.0e}, threads=0: seconds",
         lp["seconds"], "<=", 6.0),
        ("longest-answer", "collatz_longest: answer", (lp["n"], lp["steps"]), "==",
         (670617279, 986) if full else None),
        ("longest-memory", "collatz_longest: peak resident memory, MiB", lp["peak"] / mib, "<=", 512),
        ("many-memory", "steps_many on aligned uint64: peak over input + output, MiB",
         (mp["peak"] - mp["input"] - mp["output"]) / mib, "<=", 64),
    ]
    w = report["workload"]
    longest_end = report["sizes"]["work_longest"]
    checks += [
        ("work-longest-seconds", f"collatz_longest below {longest_end:.0e}, every core: seconds",
         w["longest"]["current_median"],
         "<=", 11.0),
        ("longest-vs-0.1", f"collatz_longest below {longest_end:.0e}: today / 0.1", w["longest"]["current_median"]
         / w["longest"]["baseline_median"], "<=", 1 / 3),
        ("work-longest-answer", f"collatz_longest below {longest_end:.0e}: answer",
         (w["longest"]["n"], w["longest"]["steps"]), "==",
         LONGEST_ANSWERS.get(longest_end)),
        ("many-vs-0.1", "steps_many, one core: 0.1 / today (speed-up)", w["steps_many"]["baseline_median"]
         / w["steps_many"]["current_median"], ">=", 1.5),
        ("many-large-vs-0.1", "steps_many over 2^33.., one core: 0.1 / today (nothing slower)",
         w["steps_many_large"]["baseline_median"] / w["steps_many_large"]["current_median"], ">=", 1.0),
        ("loop-vs-0.1", "the 64-bit Collatz loop: today / 0.1 (nothing slower)", w["loop"]["current_median"]
         / w["loop"]["baseline_median"], "<=", 1.05),
    ]
    # The language against the algorithm, and the crossover (tables 2 and 4).
    rust_port = med(t2, "rust-port", optional=True)
    checks += [
        ("language", "the articles' loop ported line by line to Rust / C library loop_collatz (the language alone)",
         rust_port / c_loop if rust_port else None, "<=", 1.1),
        ("algorithm", "hotloop collatz_loop / the line-by-line Rust loop (the algorithm's share)",
         loop / rust_port if rust_port else None, "<=", 0.55),
    ]
    crossing = {row["id"]: row["crossover"] for row in report["crossover"]["rows"]}
    others = [crossing[way] for way in ("c", "go") if way in crossing and crossing[way] is not None]
    if crossing.get("hotloop-api") is not None and others:
        checks.append(("crossover", "crossover: the smallest k from which hotloop's Python API beats pure Python, "
                            "against the C and Go libraries'", crossing["hotloop-api"], "<", min(others)))
    if w.get("cluster"):
        checks.append(("dask-overhead",
                       f"collatz_longest over [{w['cluster']['start']:.1e}, {w['cluster']['end']:.1e}): "
                       "two-worker LocalCluster / threads=0",
                       w["cluster"]["cluster_median"] / w["cluster"]["local_median"], "<=", 1.15))
    if "longest_big" in w:
        big = w["longest_big"]
        checks.append(("big-longest-answer", f"collatz_longest below {big['end']:.0e}: answer",
                       (big["n"], big["steps"]), "==",
                       LONGEST_ANSWERS.get(big["end"])))
    return [Check(*check).judged(full) for check in checks]
