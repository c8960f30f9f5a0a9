"""The sentences around the tables, filled in from one run.

Every figure the README and the docs quote in prose comes from here: each
function takes a run (latest.json, as bench/report.py reads it) and returns
Markdown, so `make bench-report` rewrites the prose with the tables and no
number is typed by hand. A sentence whose row is missing from the run says so
instead of quoting a figure.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional


def ns(value: float) -> str:
    return f"{value:,.0f} ns" if value >= 100 else f"{value:.1f} ns"


def seconds(value: float) -> str:
    if value >= 100:
        return f"{value:,.1f} s"
    return f"{value:.2f} s" if value >= 0.1 else f"{value:.3f} s"


def times(value: float) -> str:
    return f"{value:.2f}x" if value < 10 else f"{value:,.0f}x"


def _median(table: Dict[str, Any], row: str) -> Optional[float]:
    found = table.get(row)
    return None if found is None else float(found["median"])


def _crossing(report: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    return {row["id"]: row for row in report["crossover"]["rows"]}


def _k_range(rows: List[Dict[str, Any]]) -> str:
    ks = sorted({row["crossover"] for row in rows if row["crossover"] is not None})
    if not ks:
        return "never, at any k measured"
    return f"k = {ks[0]:,}" if len(ks) == 1 else f"k = {ks[0]:,} to {ks[-1]:,}"


def answer(report: Dict[str, Any]) -> str:
    """The README's answer to "when is crossing worth it", in three sentences."""
    return " ".join(answer_sentences(report))


def answer_sentences(report: Dict[str, Any]) -> List[str]:
    """The answer's sentences: what a call costs, from which k each way
    pays, and what an iteration costs once across."""
    cross = _crossing(report)
    python = cross["python"]
    articles = [cross[i] for i in ("go", "c", "rust-port") if i in cross]
    api = cross["hotloop-api"]
    compiled = [cross[i] for i in ("cffi-api", "pyo3") if i in cross]
    per_iteration = python["iteration_ns"]

    def work(rows: List[Dict[str, Any]]) -> str:
        """The k from which `rows` pay, and the Python work per call that is."""
        ks = [row["crossover"] for row in rows if row["crossover"] is not None]
        if not ks:
            return "never, at any k measured"
        return f"{_k_range(rows)} (about {ns(max(ks) * per_iteration)} of Python's work per call)"

    first = (f"A call through ctypes costs a few hundred nanoseconds before any work is done "
             f"({ns(api['call_ns'])} for hotloop's checked Python API at k = 1 iteration of the Collatz loop, "
             f"{ns(python['call_ns'])} for pure Python's whole call), so a call pays only when the work it moves "
             f"across outweighs that.")
    generated = {name: [cross[key]] for key, name in (("uniffi", "UniFFI's"), ("interoptopus", "interoptopus's"))
                 if key in cross}
    second = (f"Against {per_iteration:.0f} ns an iteration of plain Python (the step inline), the articles' way of "
              f"calling (ctypes with "
              f"`argtypes`) pays from {work(articles)}, hotloop's checked API from {work([api])}"
              + "".join(f", {name} generated bindings from {work(rows)}" for name, rows in generated.items())
              + (f", and a compiled extension module (PyO3, cffi's API mode) from {work(compiled)}." if compiled
                 else "."))
    top = report["crossover"]["top"]
    third = (f"Once across, an iteration costs {api['iteration_ns']:.2f} ns, so move the whole loop (or pass a whole "
             f"array) across: at k = {top:,} hotloop is {times(api['speedup_at_top'])} pure Python.")
    return [first, second, third]


def lessons(report: Dict[str, Any]) -> str:
    """The bench page's lessons, each a claim with the figures that hold it."""
    t1, t2, t3 = report["table1"], report["table2"], report["table3"]
    cross = _crossing(report)
    out: List[str] = []

    def row1(row: str) -> str:
        value = _median(t1, row)
        return "(not measured in this run)" if value is None else ns(value)

    out.append(
        f"1. **One call across the boundary costs more than a small function.** Called the articles' way "
        f"(`CDLL`, `argtypes` set once), the C library's `gsum(100)` takes {row1('c')}, the Go library's "
        f"`GSum(100)` {row1('go')} and the same Go code ported to Rust {row1('rust-port')}, against "
        f"{row1('python')} for pure Python's `sum(range(1, 101))` and {row1('floor')} for a ctypes call of a C "
        f"function that does nothing (medians, table 1). The compiled code itself takes a few nanoseconds: the "
        f"rest is ctypes and the GIL.")
    extension = [r for r in ("pyo3", "cffi-api") if r in t1]
    ext_text = ""
    if extension:
        fastest = min(float(t1[r]["median"]) for r in extension)
        ext_text = (f" The same kernel behind a PyO3 extension module takes {row1('pyo3')}, and libhotloop through "
                    f"cffi's API mode (a compiled module) {row1('cffi-api')}: a call through hotloop's raw ctypes "
                    f"binding costs {times(float(t1['hotloop-raw']['median']) / fastest)} the cheapest extension's.")
    out.append(
        f"2. **ctypes is not the floor; a compiled extension is.** `hotloop.gsum(100)`, with every check, takes "
        f"{row1('hotloop-api')}, its raw binding {row1('hotloop-raw')}.{ext_text} hotloop stays with ctypes "
        f"because it needs no compiler and no build per interpreter (one wheel serves every CPython); the cost is "
        f"a constant per call, which stops mattering once a call does a few microseconds of work (lesson 6)."
        + (f" A binding generator costs more than either: the same kernel through UniFFI's generated Python takes "
           f"{row1('uniffi')} a call, {times(float(t1['uniffi']['median']) / float(t1['hotloop-api']['median']))} "
           f"hotloop's checked API, because every argument and result goes through UniFFI's own serialised buffer "
           f"and a status struct on the Python side; it buys errors as enums, objects and a dozen languages from one "
           f"definition." if "uniffi" in t1 else "")
        + (f" interoptopus's generated Python takes {row1('interoptopus')}, "
           f"{times(float(t1['interoptopus']['median']) / float(t1['hotloop-api']['median']))} hotloop's checked "
           f"API: it sets argtypes and restype once, as hotloop does, but returns a status whose errcheck runs in "
           f"Python on every call and hands the result back through an out-pointer the caller must allocate."
           if "interoptopus" in t1 else ""))
    py_it = float(t2["python"]["ns_per_iteration"])
    over = [r for r in ("python-over-hotloop", "python-over-go") if r in t2]
    if over:
        per = [float(t2[r]["ns_per_iteration"]) for r in over]
        out.append(
            f"3. **A loop that crosses the boundary at every step loses to pure Python.** Calling a one-step "
            f"`collatz` through ctypes from a Python loop costs {min(per):,.0f} to {max(per):,.0f} ns an iteration "
            f"(table 2), {min(per) / py_it:.1f} to {max(per) / py_it:.1f} times the {py_it:.0f} ns of the article's "
            f"pure-Python loop, which itself calls a Python `collatz` at every step: the effect behind the second "
            f"article's twenty minutes.")

    def row2(row: str) -> str:
        if row not in t2:
            return "(not measured in this run)"
        return f"{seconds(float(t2[row]['median']))} ({times(float(t2[row]['speedup']))})"

    hot = float(t2["hotloop"]["median"])
    language = ""
    if "rust-port" in t2 and "go" in t2:
        port = float(t2["rust-port"]["median"])
        language = (f" On the same algorithm Rust's compiler takes {port / float(t2['go']['median']):.2f}x Go's "
                    f"time, and hotloop's loop (two steps a round, one `lea` for 3n + 1) "
                    f"{hot / port:.2f}x the port's.")
    native = (f" Through ctypes it took {hot / float(t2['native']['median']):.2f}x the time of the same loop in a "
              f"native Rust program: over a long call the boundary costs nothing measurable." if "native" in t2
              else "")
    out.append(
        f"4. **Move the loop, and compiled code wins by two orders of magnitude.** For {report['loop_k']:,} "
        f"iterations (table 2): the articles' loop in Go takes {row2('go')}, ported line by line to Rust "
        f"{row2('rust-port')}, in C {row2('c')} (its `loop_collatz` calls `collatz` through the PLT on every "
        f"iteration: gcc may not inline an exported function of a `-fPIC` library), numba {row2('numba')}. "
        f"hotloop takes {row2('hotloop')}.{language}{native}")
    many1, many0 = float(t3["many-hotloop-1"]["median"]), float(t3["many-hotloop-0"]["median"])
    size = report["sizes"]
    long0 = t3["longest-hotloop-0"]
    batch = (f"5. **Batches amortise the call entirely, and use every core.** `collatz_steps_many` over "
             f"{size['many']:,} numbers: {seconds(many1)} on one core, {seconds(many0)} on all "
             f"{report['machine']['cores']} (table 3); `collatz_longest` below {size['longest']:,} takes "
             f"{seconds(float(long0['median']))}")
    probe = report.get("longest_probe")
    if probe:
        batch += (f", and below {size['longest_target']:,} {seconds(float(probe['seconds']))} with "
                  f"{float(probe['peak']) / 2**20:,.0f} MiB of extra memory, because it counts only the numbers that can "
                  f"be the answer")
    out.append(batch + ".")
    python = cross["python"]
    ways = [r for r in report["crossover"]["rows"] if r["id"] != "python"]
    listed = "; ".join(f"{r['label'].replace('`', '')} ({ns(r['call_ns'])}) from "
                       + ("never" if r["crossover"] is None else f"k = {r['crossover']:,}") for r in ways)
    out.append(
        f"6. **When is crossing worth it? Table 4 measures it.** Against the fastest plain Python (the step written "
        f"inline, no call per step), one iteration of the Collatz loop costs about {python['iteration_ns']:.0f} ns, "
        f"and one call with k = 1 {ns(python['call_ns'])}. Each way of "
        f"crossing, with its cost at k = 1 and the k from which it beats pure Python: {listed}. "
        + " ".join(answer_sentences(report)[1:]))
    return "\n".join(out)


def workload(report: Dict[str, Any]) -> str:
    """The real workload's notes: today's kernels against 0.1's, and Dask's overhead."""
    w = report["workload"]
    out: List[str] = []
    def against_0_1(what: str, row: Dict[str, Any]) -> str:
        old, new = float(row["baseline_median"]), float(row["current_median"])
        return f"- {what}: {seconds(old)} with 0.1's kernel, {seconds(new)} today ({times(old / new)})."

    longest = w["longest"]
    out.append(against_0_1(f"`collatz_longest` below {longest['end']:,} on every core", longest))
    big = w.get("longest_big")
    if big:
        growth = float(big["current_median"]) / float(longest["current_median"])
        out.append(
            f"- Below {big['end']:,}: {seconds(float(big['current_median']))}, n = {big['n']:,} with "
            f"{big['steps']:,} steps: {growth:.1f}x the time for {big['end'] // longest['end']}x the range.")
    out.append(against_0_1(f"`collatz_steps_many` over 1..{report['sizes']['work_many']:,} on one core",
                           w["steps_many"]))
    cluster = w.get("cluster")
    if cluster:
        ratio = float(cluster["cluster_median"]) / float(cluster["local_median"])
        out.append(
            f"- Dask's overhead: over [{cluster['start']:,}, {cluster['end']:,}), "
            f"{seconds(float(cluster['cluster_median']))} on a "
            f"LocalCluster of {cluster['workers']} worker processes against "
            f"{seconds(float(cluster['local_median']))} for `hotloop.collatz_longest(threads=0)` in the same run "
            f"({ratio:.2f}x; starting the cluster, {seconds(float(cluster['startup']))}, not counted). On one "
            f"machine a cluster cannot win; it is there for many machines.")
    decades = report.get("decades")
    if decades:
        rows, cores = decades["rows"], int(decades["cores"])
        out.append(
            f"- Decade by decade (`make bench-decades`, the median of three rounds on {cores} cores): "
            + "; ".join(f"below {row['end']:,}, {seconds(float(row['seconds']))} (n = {row['n']:,}, "
                        f"{row['steps']:,} steps; {row['searched']:,} numbers searched, "
                        f"{row['searched_share']:.1%} of the candidates)"
                        for row in rows) + ". "
            + "; ".join(f"{g['ratio']:.1f}x the time for 10x the range below {g['above']:,}"
                        for g in decades["growth"]) + ". "
            "The search takes the part of the range that holds the answer first, from the bottom up to the answer; "
            "the rest cannot beat it and is left out unseen.")
    if decades and cluster and all("searched" in row for row in decades["rows"]):
        rows, cores = decades["rows"], int(decades["cores"])
        dear = max(rows, key=lambda row: row["core_ns_per_number"])
        end = rows[-1]["end"] * 10
        half = end - (end + 1) // 2
        span = int(cluster["end"]) - int(cluster["start"])
        every_part_ns = float(cluster["local_median"]) * int(report["machine"]["cores"]) / span * 1e9
        # With the bound extended past end, the part of the power of two below end holding its record.
        part = 2 ** (end.bit_length() - 1) // 64
        out.append(
            f"- The arithmetic for the next decade, from these figures and nothing else: below {end:,} the "
            f"candidates lie past 2^40, where the bound is not known, so none can be left out. At the cost per "
            f"number of a range whose every part is searched ({every_part_ns:.1f} core-ns, the local call over "
            f"[{int(cluster['start']):,}, {int(cluster['end']):,}) above), its {half:,} candidates would take "
            f"{half * every_part_ns / 1e9 / 3600:,.0f} core-hours. With the bound extended to 2^"
            f"{end.bit_length()} first (`python bench/delay_records.py {end.bit_length()}`), the search would "
            f"count at most one part of {part:,} numbers: at the decades' dearest cost per number searched "
            f"({dear['core_ns_per_number']:.2f} core-ns), at most "
            f"{part * dear['core_ns_per_number'] / 1e9 / 60:,.0f} core-minutes (an extrapolation, not a "
            f"measurement).")
    elif big and not decades:
        core_seconds = float(big["current_median"]) * int(report["machine"]["cores"])
        out.append(
            f"- The arithmetic for the next decade, from these figures and nothing else: below {big['end']:,} the "
            f"search took {core_seconds:,.0f} core-seconds here; if the next decade grows as this one did "
            f"({growth:.1f}x), below {big['end'] * 10:,} would take about {core_seconds * growth:,.0f} "
            f"core-seconds, {core_seconds * growth / 32 / 60:,.0f} minutes on 32 cores (an extrapolation, not a "
            f"measurement).")
    return "\n".join(out)
