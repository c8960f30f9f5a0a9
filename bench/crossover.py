"""The crossover: from how much work per call does crossing into native code
beat staying in Python, for each way of crossing?

Every way is a row with a stable id, a label, and a call f(n, k) that runs
the Collatz loop k times from n (the articles' loopCollatz). Each is timed at
k = 1, 2, 4, ... interleaved with pure Python's loop at the same k, and
summarised as: the cost of one call at k = 1, the cost of one more
iteration at large k, and the smallest k from which it beats pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import harness

PYTHON = "python"


@dataclass(frozen=True)
class Way:
    """One way of running the loop from Python."""

    id: str
    label: str
    call: Callable[[int, int], int]
    kind: str  # "python", "ctypes", "cffi", "extension", "jit"


def python_collatz_loop(n: int, k: int) -> int:
    """The articles' loop in pure Python, the reference of every row."""
    for _ in range(k):
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    return n


def measure(ways: List[Way], ks: List[int], repeats: int, sample_seconds: float,
            bar: Optional[Any] = None) -> Dict[str, Any]:
    """ns per call of every way at every k: the median of `repeats` samples of
    about `sample_seconds` each, the ways interleaved within each repeat
    (bench/harness.py). Every way's answer is checked against pure Python's
    at every k."""
    times: Dict[str, Dict[int, float]] = {way.id: {} for way in ways}
    for k in ks:
        expected = python_collatz_loop(27, k)
        number = {way.id: harness.calibrate(way.call, (27, k), sample_seconds) for way in ways}
        stats = harness.interleave({way.id: way.call for way in ways}, repeats, arguments=(27, k), number=number)
        for way in ways:
            if stats[way.id].result != expected:
                raise AssertionError(f"crossover: {way.id}(27, {k}) = {stats[way.id].result}, "
                                     f"pure Python says {expected}")
            times[way.id][k] = stats[way.id].median
        if bar is not None:
            bar.update(1)
    return times


def summarise(ways: List[Way], times: Dict[str, Dict[int, float]]) -> List[Dict[str, Any]]:
    """Per way: one call at k = 1, one more iteration at large k (the slope
    between the two largest k), and the smallest k from which the way is
    faster than pure Python at every measured k (None if it never is)."""
    ks = sorted(times[PYTHON])
    python = times[PYTHON]
    rows = []
    for way in ways:
        t = times[way.id]
        top, below = ks[-1], ks[-2]
        per_iteration = (t[top] - t[below]) / (top - below)
        crossover = None
        for k in reversed(ks):
            if t[k] < python[k]:
                crossover = k
            else:
                break
        rows.append(dict(id=way.id, label=way.label, kind=way.kind, call_ns=t[ks[0]],
                         iteration_ns=per_iteration, crossover=crossover,
                         speedup_at_top=python[top] / t[top]))
    return rows


def table(rows: List[Dict[str, Any]]) -> List[List[str]]:
    out = []
    for row in rows:
        crossover = row["crossover"]
        out.append([
            row["label"],
            f"{row['call_ns']:,.0f}",
            f"{row['iteration_ns']:.2f}",
            "(the reference)" if row["id"] == PYTHON else ("never" if crossover is None else f"{crossover:,}"),
            f"{row['speedup_at_top']:,.1f}x",
        ])
    return out


def plot(times: Dict[str, Dict[int, float]], rows: List[Dict[str, Any]], path: Path, title: str) -> None:
    """Time per call against k, both axes logarithmic (the figure compares
    where lines cross, not ratios); pure Python drawn thick and black."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(10, 6.5), dpi=110)
    for row in rows:
        way = row["id"]
        ks = sorted(times[way])
        values = [times[way][k] / 1000 for k in ks]
        if way == PYTHON:
            axes.plot(ks, values, color="black", linewidth=3, label=row["label"], zorder=3)
            continue
        ours = way.startswith("hotloop")
        (line,) = axes.plot(ks, values, "-" if ours else "--", linewidth=1.8 if ours else 1.1,
                            label=row["label"], marker="o", markersize=2.5)
        k = row["crossover"]
        if k is not None:
            axes.plot([k], [times[way][k] / 1000], "o", color=line.get_color(), markersize=8,
                      markerfacecolor="none")
    axes.set_xscale("log", base=2)
    axes.set_yscale("log")
    axes.set_xlabel("iterations of the Collatz loop per call (k)")
    axes.set_ylabel("microseconds per call (lower is better)")
    axes.set_title(title + "\nWhen does crossing into native code pay? Each line against pure Python (black); "
                   "a ring marks\nthe k from which that way is faster; solid lines: the hotloop package (ctypes), dashed: other ways", fontsize=10)
    axes.grid(True, which="major", alpha=0.3)
    axes.legend(fontsize=8, loc="upper left")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
