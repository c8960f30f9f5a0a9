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
from contestants import python_collatz_loop

PYTHON = "python"


@dataclass(frozen=True)
class Way:
    """One way of running the loop from Python."""

    id: str
    label: str
    call: Callable[[int, int], int]
    kind: str  # "python", "ctypes", "cffi", "extension", "jit"


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


# Each way's colour and panel in the crossover chart. The left panel holds the
# articles' way of crossing (ctypes with argtypes) against hotloop's API, the
# right one the other ways of reaching the same kernel.
PANELS = (
    ("The articles' way (ctypes) against hotloop's Python API", ("go", "c", "rust-port", "hotloop-api")),
    ("Other ways of calling hotloop's kernels", ("hotloop-api", "hotloop-raw", "cffi-abi", "cffi-api", "pyo3",
                                                  "uniffi", "interoptopus", "numba")),
)
COLOURS = {"go": "#2e86c1", "c": "#17a589", "rust-port": "#7d3c98", "hotloop-api": "#c0392b",
           "hotloop-raw": "#e67e22", "cffi-abi": "#b7950b", "cffi-api": "#1f618d", "pyo3": "#6c3483",
           "uniffi": "#d35400", "interoptopus": "#c71585", "numba": "#566573"}


def plot(times: Dict[str, Dict[int, float]], rows: List[Dict[str, Any]], path: Path, title: str) -> None:
    """Speed-up over pure Python against k, a line at 1 (above it crossing
    pays), each way's crossing point marked and labelled with its k."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    python = times[PYTHON]
    by_id = {row["id"]: row for row in rows}
    figure, grid = plt.subplots(1, 2, figsize=(13, 5.6), dpi=110, sharey=True)
    for axes, (name, ways) in zip(grid, PANELS):
        axes.axhline(1, color="black", linewidth=2)
        axes.text(2**20, 1.08, "pure Python", fontsize=9, ha="right")
        for way in ways:
            if way not in times or way not in by_id:
                continue
            ks = sorted(times[way])
            speedup = [python[k] / times[way][k] for k in ks]
            colour = COLOURS.get(way, "#7f8c8d")
            k = by_id[way]["crossover"]
            pays = "never pays" if k is None else f"pays from k = {k:,}"
            axes.plot(ks, speedup, "-", color=colour, linewidth=2.4 if way == "hotloop-api" else 1.5,
                      label=f"{by_id[way]['label'].replace('`', '')}: {pays}")
            if k is not None:
                axes.plot([k], [python[k] / times[way][k]], "o", color=colour, markersize=9,
                          markeredgecolor="white")
        axes.set_xscale("log", base=2)
        axes.set_yscale("log")
        axes.set_xlabel("iterations of the Collatz loop per call (k)")
        axes.set_title(name, fontsize=10, loc="left")
        axes.grid(True, which="major", alpha=0.3)
        axes.legend(fontsize=8, loc="upper left")
    grid[0].set_ylabel("speed-up over pure Python at the same k (higher is better)")
    figure.suptitle(title + "\nabove the black line a call beats pure Python; a dot marks the k from which it "
                    "always does", fontsize=11, x=0.01, ha="left")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
