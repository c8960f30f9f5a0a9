"""make bench's report: the tables as Markdown, the charts, and publishing.

A run (bench/run.py) writes its figures to bench/out/ (ignored by git):
latest.json (every figure), latest.md (the tables), latest-lessons.md (the
prose around them, bench/prose.py) and one chart per question. `make
bench-report` publishes a run: it copies those files into bench/results/
(which the docs' bench page includes) and rewrites the README's block
between <!-- bench:begin --> and <!-- bench:end --> from latest.json, so no
figure in the README or the docs is typed by hand.

    python bench/report.py             # publish bench/out/latest.* (make bench-report)
    python bench/report.py --rerender  # render bench/results/latest.json again
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import crossover
import interpreters
import prose
import targets

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
CHARTS = ("per-call", "loop", "batch", "crossover")
HOTLOOP, OTHER, PYTHON_COLOUR = "#c0392b", "#7f8c8d", "#222222"


def markdown_table(header: List[str], rows: List[List[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def fmt_ns(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def fmt_ratio(value: float) -> str:
    return f"{value:.2f}x" if value < 10 else f"{value:,.0f}x"


def fmt_seconds(value: float) -> str:
    if value >= 100:
        return f"{value:,.1f}"
    return f"{value:.3f}" if value >= 0.1 else f"{value:.3g}"


def render(report: Dict[str, Any]) -> str:
    m = report["machine"]
    size = report["sizes"]
    k = report["loop_k"]
    out = [
        f"## hotloop bench ({report['mode']} run)",
        "",
        f"Machine: `{m['host']}`, {m['cpu']}, {m['cores']} cores, {m['system']}.  ",
        f"Python {m['python']}, {m['rustc']}, {m['gcc']}, Go: {m['go']}.",
        "",
        f"### Table 1: one call of gsum(100) across the boundary ({size['calls']:,} calls x "
        f"{size['call_repeats']} repeats, ns per call)",
        "",
    ]
    rows = []
    for name, row in labels(report["table1"]).items():
        rows.append([name, fmt_ns(row["min"]), fmt_ns(row["median"]), fmt_ns(row["max"]), fmt_ratio(row["vs_python"])])
    out.append(markdown_table(["implementation", "min", "median", "max", "median vs pure Python"], rows))
    repeats2, repeats3 = size["loop_repeats"], size["batch_repeats"]
    out += [
        "",
        f"### Table 2: the Collatz loop, {k:,} iterations from n = 27 (median of {repeats2}; "
        f"hotloop: of {2 * repeats2 + 1}, after a warm-up)",
        "",
    ]
    rows = []
    for name, row in labels(report["table2"]).items():
        rows.append([name, fmt_seconds(row["median"]), f"{row['ns_per_iteration']:.2f}", fmt_ratio(row["speedup"]),
                     str(row["result"])])
    out.append(markdown_table(["implementation", "seconds", "ns / iteration", "speed-up vs pure Python", "result"], rows))
    out += [
        "",
        f"### Table 3: batch kernels (seconds, median of {repeats3}; hotloop: of {2 * repeats3 + 1}, "
        "after a warm-up)",
        "",
    ]
    rows = []
    groups: Dict[str, float] = {}
    for row_id, row in report["table3"].items():
        group = row_id.split("-")[0]  # many-..., longest-...: each group's first row is pure Python
        groups.setdefault(group, row["median"])
        rows.append([row["label"], fmt_seconds(row["median"]), fmt_ratio(groups[group] / row["median"]),
                     row["result"]])
    out.append(markdown_table(["kernel and implementation", "seconds", "speed-up vs pure Python", "result"], rows))
    cross = report["crossover"]
    out += [
        "",
        f"### Table 4: the crossover: the Collatz loop from 27, k = 1 to {cross['top']:,} iterations per call "
        "(ns, median; every way interleaved with pure Python at each k)",
        "",
        "From which k does each way of crossing beat pure Python? One call at k = 1 is the price of crossing; "
        "one more iteration at large k is the speed once across.",
        "",
    ]
    out.append(markdown_table(
        ["way", "one call, k = 1 (ns)", "one more iteration (ns)", "beats pure Python from k =",
         f"speed-up at k = {cross['top']:,}"],
        crossover.table(cross["rows"])))
    per = report.get("interpreters")
    if per:
        out += [
            "",
            f"### Table 5: table 1 under every CPython 3.9+ on this machine (ns per call of gsum(100), median of "
            f"{size['interpreter_repeats']} x {size['interpreter_calls']:,} calls; each in its own venv)",
            "",
        ]
        out.append(markdown_table(["implementation"] + [f"CPython {v}" for v in per],
                                  interpreters.table(per)))
        built = sorted({("PGO and LTO (--enable-optimizations)" if r.get("optimized") else "no PGO or LTO")
                        + (", --enable-shared" if r.get("shared") else "") for r in per.values() if "error" not in r})
        out += ["", "How these interpreters were built (their configure options): " + "; ".join(built) + "."]
        errors = [f"{v}: {r['error']}" for v, r in per.items() if "error" in r]
        if errors:
            out += ["", "Not available: " + "; ".join(errors)]
    w = report["workload"]
    out += [
        "",
        "### Table 6: the real workload, today's kernels against hotloop 0.1's (seconds, median; same run, no FFI)",
        "",
    ]
    rows = []
    many, lk = size["work_many"], size["work_loop_k"]
    kernels = [(f"steps_many over 1..{many:,}, one core", w["steps_many"])]
    if "steps_many_large" in w:
        kernels.append((f"steps_many over 2^33..2^33 + {many:,}, one core", w["steps_many_large"]))
    for label, row in (*kernels,
                       (f"the Collatz loop, {lk:,} iterations from 27", w["loop"]),
                       (f"collatz_longest below {w['longest']['end']:,}, every core", w["longest"])):
        old, new = row["baseline_median"], row["current_median"]
        answer = f"n = {row['n']:,}, {row['steps']} steps" if "n" in row else ""
        rows.append([label, fmt_seconds(old), fmt_seconds(new), fmt_ratio(old / new), answer])
    if "longest_big" in w:
        big = w["longest_big"]
        rows.append([f"collatz_longest below {big['end']:,}, every core", "(not run)",
                     fmt_seconds(big["current_median"]), "", f"n = {big['n']:,}, {big['steps']} steps"])
    out.append(markdown_table(["kernel", "0.1", "today", "speed-up", "answer"], rows))
    first = w["steps_many"]
    if many * size["work_many_repeats"] >= 2**23:
        built = "the call that takes the process past 2^23 numbers also builds the 2^22-entry steps table"
        if many >= 2**23:
            built += (f": today's first call over 1..{many:,} took {fmt_seconds(first['current'][0])} s with it, "
                      f"0.1's first {fmt_seconds(first['baseline'][0])} s")
    else:
        built = "this run sends fewer than 2^23 numbers through the kernel, so the steps table is never built"
    out += ["", f"steps_many's rows time the kernel in a process of its own; {built}."]
    cluster = w.get("cluster")
    if cluster:
        out += [
            "",
            f"collatz_longest below {cluster['end']:,} (n = {cluster['n']:,}, {cluster['steps']} steps), "
            f"median of {len(cluster['local'])}, interleaved: `hotloop.collatz_longest(threads=0)` "
            f"{fmt_seconds(cluster['local_median'])} s; `hotloop.dask.collatz_longest` on a LocalCluster of "
            f"{cluster['workers']} worker processes (one thread each, TCP on the loopback) "
            f"{fmt_seconds(cluster['cluster_median'])} s, "
            f"{fmt_ratio(cluster['cluster_median'] / cluster['local_median'])} the local call. "
            f"Starting the cluster took {fmt_seconds(cluster['startup'])} s (not counted).",
        ]
    if report["skipped"]:
        out += ["", "Skipped rows:"]
        out += [f"- {what}: {why}" for what, why in report["skipped"].items()]
    out += ["", "### Targets, as this run judged them", ""]
    rows = []
    for t in report["targets"]:
        value = t["value"]
        shown = "n/a" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        bound = t["bound"]
        if t["op"] == "between":
            bound_text = f"{bound[0]}..{bound[1]}"
        else:
            bound_text = f"{bound:.3f}" if isinstance(bound, float) else str(bound)
        # The why is documentation, not a figure: today's wording, for runs judged before it was written.
        why = t.get("why") or (targets.missed_because(t["what"]) if t["verdict"] == "missed" else "")
        rows.append([t["what"], shown, f"{t['op']} {bound_text}", t["verdict"], why])
    out.append(markdown_table(["figure", "measured", "target", "verdict", "why, if missed"], rows))
    return "\n".join(out)


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    return plt


FAMILY_COLOUR = {"hotloop": HOTLOOP, "articles": "#2e86c1", "other": OTHER, "python": PYTHON_COLOUR}
FAMILY_LEGEND = {"hotloop": "libhotloop's kernels (ctypes, cffi, PyO3)", "articles": "the articles' Go and C, "
                 "and their Go in Rust", "other": "other references: numba, a native Rust loop, a ctypes no-op", "python": "pure Python"}


def _rows(table: str) -> Dict[str, Any]:
    """Today's definitions of a table's rows by id (bench/rows.py): each row's
    family and label. A label may have been reworded since the run; the id
    has not. Ids are unique within a table only ("python" is in each)."""
    import rows

    tables = {"table1": rows.TABLE1, "table2": rows.TABLE2 + [rows.NATIVE_LOOP], "table3": rows.TABLE3}
    return {row.id: row for row in tables[table]}


def _label(defined: Optional[Any], row: Dict[str, Any]) -> str:
    """The label a chart shows, without Markdown: today's wording of the row,
    or the run's own where today's has placeholders only the run could fill."""
    label = defined.label if defined is not None and "{" not in defined.label else row["label"]
    return str(label).replace("`", "")


def _bars(plt: Any, axes: Any, table: Dict[str, Any], defined: Dict[str, Any], value: str, xlabel: str, title: str,
          log: bool, reference: Optional[str]) -> List[str]:
    """Horizontal bars of one figure of every row, coloured by whose code runs
    (bench/rows.py's family), estimates hatched; a dashed line at the
    `reference` row. Returns the families drawn."""
    names = [_label(defined.get(row_id), row) for row_id, row in table.items()]
    values = [row[value] for row in table.values()]
    families = [defined[row_id].family if row_id in defined else "other" for row_id in table]
    for i, (bar, family, row) in enumerate(zip(values, families, table.values())):
        colour = FAMILY_COLOUR[family]
        estimate = row.get("scaled_by", 1) != 1
        axes.barh(i, bar, color="white" if estimate else colour, edgecolor=colour,
                  hatch="///" if estimate else None, linewidth=1.2)
        shown = f"{bar:,.0f}" if bar >= 100 else f"{bar:.3g}"
        axes.text(bar, i, f" {shown}" + (" (estimate)" if estimate else ""), va="center", fontsize=9)
    axes.set_yticks(range(len(names)))
    axes.set_yticklabels(names, fontsize=9)
    axes.invert_yaxis()
    if log:
        axes.set_xscale("log")
    if reference is not None and reference in table:
        axes.axvline(table[reference][value], color=PYTHON_COLOUR, linestyle="--", linewidth=1)
    axes.set_xlim(right=max(values) * (6 if log else 1.25))
    axes.set_xlabel(xlabel)
    axes.set_title(title, fontsize=11, loc="left")
    return families


def _legend(plt: Any, figure: Any, families: List[str], estimates: bool, reference: bool) -> None:
    """One legend per chart, listing only what the chart shows."""
    handles, names = [], []
    for family in ("hotloop", "articles", "other", "python"):
        if family in families:
            handles.append(plt.Rectangle((0, 0), 1, 1, color=FAMILY_COLOUR[family]))
            names.append(FAMILY_LEGEND[family])
    if estimates:
        handles.append(plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=OTHER, hatch="///"))
        names.append("scaled from a smaller run")
    if reference:
        handles.append(plt.Line2D([0], [0], color=PYTHON_COLOUR, linestyle="--"))
        names.append("pure Python's figure")
    figure.legend(handles, names, fontsize=9, loc="lower center", ncol=min(3, len(names)), frameon=False)


def _bar_chart(plt: Any, report: Dict[str, Any], name: str, value: str, xlabel: str, title: str, path: Path,
               log: bool) -> None:
    table = report[name]
    figure, axes = plt.subplots(figsize=(11, 0.42 * len(table) + 2.6), dpi=110)
    families = _bars(plt, axes, table, _rows(name), value, xlabel, title, log, reference="python")
    estimates = any(row.get("scaled_by", 1) != 1 for row in table.values())
    figure.tight_layout(rect=(0, 0.09, 1, 1))
    _legend(plt, figure, families, estimates, reference=True)
    figure.savefig(path)
    plt.close(figure)


def _batch_chart(plt: Any, report: Dict[str, Any], title: str, path: Path) -> None:
    """One panel per kernel, each with its problem size: the two kernels'
    times have nothing to do with each other."""
    size = report["sizes"]
    table = report["table3"]
    panels = [
        (f"collatz_steps_many over the {size['many']:,} numbers 1..{size['many']:,}",
         {i: r for i, r in table.items() if i.startswith("many-")}),
        (f"collatz_longest: the longest chain below {size['longest']:,}",
         {i: r for i, r in table.items() if i.startswith("longest-")}),
    ]
    figure, grid = plt.subplots(2, 1, figsize=(11, 6.2), dpi=110)
    families: List[str] = []
    for axes, (name, rows) in zip(grid, panels):
        families += _bars(plt, axes, rows, _rows("table3"), "median", "seconds, median (lower is better; log scale)",
                          name, log=True, reference=None)
    figure.suptitle(title, fontsize=11, x=0.01, ha="left")
    figure.tight_layout(rect=(0, 0.07, 1, 1))
    _legend(plt, figure, families, estimates=True, reference=False)
    figure.savefig(path)
    plt.close(figure)


def charts(report: Dict[str, Any], directory: Path, stem: str) -> List[Path]:
    """One chart per question: what one call costs; what one iteration costs
    once the loop is across; how much the batch kernels gain; from which
    amount of work per call crossing pays."""
    plt = _pyplot()
    if plt is None:
        print("charts skipped: matplotlib is not installed", file=sys.stderr)
        return []
    m = report["machine"]
    machine = f"{m['cpu']}, {m['cores']} cores, Python {m['python']}"
    paths = [directory / f"{stem}-{name}.png" for name in CHARTS]
    _bar_chart(plt, report, "table1", "median", "ns per call of gsum(100), median (lower is better; linear scale)",
               f"What one call across the boundary costs\n{machine}", paths[0], log=False)
    loop = [row["ns_per_iteration"] for row in report["table2"].values()]
    _bar_chart(plt, report, "table2", "ns_per_iteration",
               f"ns per iteration, median (lower is better; log scale: the rows span "
               f"{max(loop) / min(loop):,.0f}x)",
               f"What one iteration of the Collatz loop costs, {report['loop_k']:,} iterations from 27\n{machine}",
               paths[1], log=True)
    _batch_chart(plt, report, f"The batch kernels ({machine})", paths[2])
    cross = report["crossover"]
    times = {way: {int(k): t for k, t in row.items()} for way, row in cross["times"].items()}
    crossover.plot(times, cross["rows"], paths[3], f"From how much work per call does crossing pay? ({machine})")
    return paths


def labels(table: Dict[str, Any]) -> Dict[str, Any]:
    """A table's rows by the label a reader sees (they are keyed by a stable id)."""
    return {row["label"]: row for row in table.values()}


def lessons(report: Dict[str, Any]) -> str:
    """The prose the docs' bench page shows under the tables (bench/prose.py)."""
    return "\n".join(["### The lessons, from these figures", "", prose.lessons(report), "",
                      "### The real workload", "", prose.workload(report)])


def readme_block(report: Dict[str, Any]) -> str:
    """The README's block: the answer to "when is crossing worth it", and the chart that shows it."""
    m = report["machine"]
    return "\n".join([
        prose.answer(report),
        "",
        "![Speed-up over pure Python against the iterations done per call, for every way of crossing]"
        "(bench/results/latest-crossover.png)",
        "",
        f"*Measured by `make bench` on {m['cpu']}, {m['cores']} cores, Python {m['python']}; the tables and the "
        f"method are in [docs/bench.md](docs/bench.md).*",
    ])


def write(report: Dict[str, Any], directory: Path, stem: str) -> List[Path]:
    """A run's files: stem.md (the tables), stem-lessons.md (the prose), stem.json and the charts."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{stem}.md").write_text(render(report) + "\n")
    (directory / f"{stem}-lessons.md").write_text(lessons(report) + "\n")
    (directory / f"{stem}.json").write_text(json.dumps(report, indent=1, default=str) + "\n")
    return [directory / f"{stem}.md", directory / f"{stem}-lessons.md", directory / f"{stem}.json",
            *charts(report, directory, stem)]


BEGIN, END = "<!-- bench:begin -->\n", "<!-- bench:end -->"


def with_block(text: str, block: str) -> Optional[str]:
    """`text` with its generated block replaced by `block`, or None if it has none."""
    if BEGIN not in text or END not in text:
        return None
    head, rest = text.split(BEGIN, 1)
    return head + BEGIN + block + "\n" + END + rest.split(END, 1)[1]


def publish(source: Path = OUT / "latest.json") -> int:
    """make bench-report: bench/out/latest.* -> bench/results/, and the README's
    block. With `source` bench/results/latest.json, the published run is
    rendered again (after a change to this file or to bench/prose.py), from
    its stored figures: nothing is measured."""
    if not source.exists():
        print("make bench-report: no full run in bench/out/: run `make bench` first", file=sys.stderr)
        return 1
    report = json.loads(source.read_text())
    if report.get("mode") != "full":
        print("make bench-report: bench/out/latest.json is not a full run", file=sys.stderr)
        return 1
    for path in write(report, RESULTS, "latest"):
        print(f"written: {path.relative_to(ROOT)}")
    text = with_block(README.read_text(), readme_block(report))
    if text is None:
        print("make bench-report: README.md has no bench:begin/bench:end block", file=sys.stderr)
        return 1
    README.write_text(text)
    print("written: README.md, between <!-- bench:begin --> and <!-- bench:end -->")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Publish bench/out/latest.* into bench/results/ and the README "
                                                 "(make bench-report); measures nothing.")
    parser.add_argument("--rerender", action="store_true",
                        help="render the published run (bench/results/latest.json) again instead")
    arguments = parser.parse_args()
    sys.exit(publish(RESULTS / "latest.json" if arguments.rerender else OUT / "latest.json"))
