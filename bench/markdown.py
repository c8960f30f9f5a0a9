"""A run's tables as Markdown, one small function per table, in the order
they are shown and numbered: 1 one call, 2 the loop, 3 the batch kernels,
4 the crossover, 5 under every CPython, 6 the real workload, then the
targets. Every function reads the run's JSON only (bench/report.py renders
a published run again without measuring), and a row's group or family from
its definition in bench/rows.py, by id.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List

import crossover
import interpreters
import rows
import targets

Report = Dict[str, Any]


def table(header: List[str], body: List[List[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def fmt_ns(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def fmt_ratio(value: float) -> str:
    return f"{value:.2f}x" if value < 10 else f"{value:,.0f}x"


def fmt_seconds(value: float) -> str:
    if value >= 100:
        return f"{value:,.1f}"
    return f"{value:.3f}" if value >= 0.1 else f"{value:.3g}"


def section(title: str, *parts: str) -> str:
    return "\n\n".join([f"### {title}", *parts])


def per_call(report: Report) -> str:
    size = report["sizes"]
    # Instructions per call, counted by callgrind (bench/instructions.py), where the run has them.
    counts = report.get("instructions", {}).get("per_call")
    header = ["implementation", "min", "median", "max", "median vs pure Python"]
    body = []
    for row_id, row in report["table1"].items():
        cells = [row["label"], fmt_ns(row["min"]), fmt_ns(row["median"]), fmt_ns(row["max"]), fmt_ratio(row["vs_python"])]
        if counts is not None:
            cells.append("n/a" if counts.get(row_id) is None else f"{counts[row_id]:,.0f}")
        body.append(cells)
    if counts is not None:
        header.append("instructions per call (callgrind)")
    return section(f"Table 1: one call of gsum(100) across the boundary ({size['calls']:,} calls x "
                   f"{size['call_repeats']} repeats, ns per call)",
                   table(header, body))


def loop(report: Report) -> str:
    repeats = report["sizes"]["loop_repeats"]
    body = [[row["label"], fmt_seconds(row["median"]), f"{row['ns_per_iteration']:.2f}", fmt_ratio(row["speedup"]),
             str(row["result"])] for row in report["table2"].values()]
    return section(f"Table 2: the Collatz loop, {report['loop_k']:,} iterations from n = 27 (median of {repeats}; "
                   f"hotloop: of {2 * repeats + 1}, after a warm-up)",
                   table(["implementation", "seconds", "ns / iteration", "speed-up vs pure Python", "result"], body))


def batch(report: Report) -> str:
    """Each kernel's rows against that kernel's pure-Python row (its group's)."""
    repeats = report["sizes"]["batch_repeats"]
    defined = {row.id: row for row in rows.TABLE3}
    python = {defined[row_id].group: row["median"] for row_id, row in report["table3"].items()
              if defined[row_id].family == "python"}
    body = [[row["label"], fmt_seconds(row["median"]), fmt_ratio(python[defined[row_id].group] / row["median"]),
             row["result"]] for row_id, row in report["table3"].items()]
    return section(f"Table 3: batch kernels (seconds, median of {repeats}; hotloop: of {2 * repeats + 1}, "
                   "after a warm-up)",
                   table(["kernel and implementation", "seconds", "speed-up vs pure Python", "result"], body))


def crossing(report: Report) -> str:
    cross = report["crossover"]
    return section(f"Table 4: the crossover: the Collatz loop from 27, k = 1 to {cross['top']:,} iterations per call "
                   "(ns, median; every way interleaved with pure Python at each k)",
                   "From which k does each way of crossing beat pure Python? One call at k = 1 is the price of "
                   "crossing; one more iteration at large k is the speed once across.",
                   table(["way", "one call, k = 1 (ns)", "one more iteration (ns)", "beats pure Python from k =",
                          f"speed-up at k = {cross['top']:,}"], crossover.table(cross["rows"])))


def interpreters_table(report: Report) -> str:
    per = report.get("interpreters")
    if not per:
        return ""
    size = report["sizes"]
    built = sorted({("PGO and LTO (--enable-optimizations)" if r.get("optimized") else "no PGO or LTO")
                    + (", --enable-shared" if r.get("shared") else "") for r in per.values() if "error" not in r})
    parts = [table(["implementation"] + [f"CPython {v}" for v in per], interpreters.table(per)),
             "How these interpreters were built (their configure options): " + "; ".join(built) + "."]
    errors = [f"{v}: {r['error']}" for v, r in per.items() if "error" in r]
    if errors:
        parts.append("Not available: " + "; ".join(errors))
    return section(f"Table 5: table 1 under every CPython 3.9+ on this machine (ns per call of gsum(100), median of "
                   f"{size['interpreter_repeats']} x {size['interpreter_calls']:,} calls; each in its own venv)", *parts)


def workload(report: Report) -> str:
    w, size = report["workload"], report["sizes"]
    many, lk = size["work_many"], size["work_loop_k"]
    kernels = [(f"steps_many over 1..{many:,}, one core", w["steps_many"])]
    if "steps_many_large" in w:
        kernels.append((f"steps_many over 2^33..2^33 + {many:,}, one core", w["steps_many_large"]))
    kernels += [(f"the Collatz loop, {lk:,} iterations from 27", w["loop"]),
                (f"collatz_longest below {w['longest']['end']:,}, every core", w["longest"])]
    body = []
    for label, row in kernels:
        old, new = row["baseline_median"], row["current_median"]
        answer = f"n = {row['n']:,}, {row['steps']} steps" if "n" in row else ""
        body.append([label, fmt_seconds(old), fmt_seconds(new), fmt_ratio(old / new), answer])
    if "longest_big" in w:
        big = w["longest_big"]
        body.append([f"collatz_longest below {big['end']:,}, every core", "(not run)",
                     fmt_seconds(big["current_median"]), "", f"n = {big['n']:,}, {big['steps']} steps"])
    first = w["steps_many"]
    if many * size["work_many_repeats"] >= 2**23:
        built = "the call that takes the process past 2^23 numbers also builds the 2^22-entry steps table"
        if many >= 2**23:
            built += (f": today's first call over 1..{many:,} took {fmt_seconds(first['current'][0])} s with it, "
                      f"0.1's first {fmt_seconds(first['baseline'][0])} s")
    else:
        built = "this run sends fewer than 2^23 numbers through the kernel, so the steps table is never built"
    parts = [table(["kernel", "0.1", "today", "speed-up", "answer"], body),
             f"steps_many's rows time the kernel in a process of its own; {built}."]
    cluster = w.get("cluster")
    if cluster:
        parts.append(
            f"collatz_longest over [{cluster['start']:,}, {cluster['end']:,}), a range with no delay record, "
            f"whose every part is searched (n = {cluster['n']:,}, {cluster['steps']} steps), "
            f"median of {len(cluster['local'])}, interleaved: `hotloop.collatz_longest(threads=0)` "
            f"{fmt_seconds(cluster['local_median'])} s; `hotloop.dask.collatz_longest` on a LocalCluster of "
            f"{cluster['workers']} worker processes (one thread each, TCP on the loopback) "
            f"{fmt_seconds(cluster['cluster_median'])} s, "
            f"{fmt_ratio(cluster['cluster_median'] / cluster['local_median'])} the local call. "
            f"Starting the cluster took {fmt_seconds(cluster['startup'])} s (not counted).")
    return section("Table 6: the real workload, today's kernels against hotloop 0.1's (seconds, median; same run, "
                   "no FFI)", *parts)


def skipped(report: Report) -> str:
    if not report["skipped"]:
        return ""
    return "\n".join(["Skipped rows:", *[f"- {what}: {why}" for what, why in report["skipped"].items()]])


def judged(report: Report) -> str:
    """The targets as the run judged them. The why of a missed target is
    documentation, not a figure: today's cause for its id (bench/targets.py)."""
    body = []
    for t in report["targets"]:
        value, bound = t["value"], t["bound"]
        shown = "n/a" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        if t["op"] == "between":
            bound_text = f"{bound[0]}..{bound[1]}"
        else:
            bound_text = f"{bound:.3f}" if isinstance(bound, float) else str(bound)
        why = targets.WHY_MISSED.get(t.get("id", ""), t.get("why", "")) if t["verdict"] == "missed" else ""
        body.append([t["what"], shown, f"{t['op']} {bound_text}", t["verdict"], why])
    return section("Targets, as this run judged them", table(["figure", "measured", "target", "verdict",
                                                              "why, if missed"], body))


TABLES: List[Callable[[Report], str]] = [per_call, loop, batch, crossing, interpreters_table, workload, skipped,
                                         judged]


def render(report: Report) -> str:
    """The whole run: a heading, the machine, then every table in order."""
    m = report["machine"]
    head = "\n".join([f"## hotloop bench ({report['mode']} run)", "",
                      f"Machine: `{m['host']}`, {m['cpu']}, {m['cores']} cores, {m['system']}.  ",
                      f"Python {m['python']}, {m['rustc']}, {m['gcc']}, Go: {m['go']}."])
    return "\n\n".join([head, *filter(None, (render_table(report) for render_table in TABLES))])
