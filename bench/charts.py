"""A run's charts, one per question: what one call costs, what one
iteration costs once the loop is across, what the batch kernels gain, and
from which amount of work per call crossing pays (bench/crossover.py draws
that one). Bars are coloured by whose code runs, the row's family in
bench/rows.py, and every legend lists only what its chart shows.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List, Optional

import crossover

NAMES = ("per-call", "loop", "batch", "crossover")
HOTLOOP, OTHER, PYTHON_COLOUR = "#c0392b", "#7f8c8d", "#222222"


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return None
    return plt


FAMILY_COLOUR = {"hotloop": HOTLOOP, "articles": "#2e86c1", "other": OTHER, "python": PYTHON_COLOUR}
FAMILY_LEGEND = {
    "hotloop": "libhotloop's kernels (ctypes, cffi, PyO3, UniFFI)",
    "articles": "the articles' Go and C, and their Go in Rust",
    "other": "other references: numba, a native Rust loop, a ctypes no-op",
    "python": "pure Python",
}


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
    group = {row_id: row.group for row_id, row in _rows("table3").items()}
    panels = [
        (f"collatz_steps_many over the {size['many']:,} numbers 1..{size['many']:,}",
         {i: r for i, r in table.items() if group[i] == "many"}),
        (f"collatz_longest: the longest chain below {size['longest']:,}",
         {i: r for i, r in table.items() if group[i] == "longest"}),
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
    paths = [directory / f"{stem}-{name}.png" for name in NAMES]
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
