"""The bench's one timing harness, and its one statistics type.

Every table times its rows the same way, after pyperf: each row is warmed
up, then the rows are timed in turn, round after round, so that a slow
moment of a noisy machine lands on every row alike, and a row is summarised
by the median of its samples. Two kinds of sample:

- one call of a row that does a lot of work (a loop of 10^9 iterations, a
  batch of 10^7 numbers): `perf_counter` around the call, after a
  `gc.collect()`;
- a call that takes nanoseconds (gsum(100), the crossover at small k):
  `timeit` runs it `number` times in a tight loop, the statement calling the
  row's function directly (no wrapper adds a call of its own), and the
  sample is the time per call.

Only the standard library: bench/interpreters.py runs this file under every
CPython 3.9+ on the machine.
"""

from __future__ import annotations

import gc
import statistics
import time
import timeit
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence


@dataclass
class Stats:
    """A row's samples (seconds, or ns per call), and the factor they are
    scaled by when the row is an estimate from a smaller run (pure Python at
    10^6 iterations standing for 10^9): min, median and max are scaled."""

    samples: List[float]
    scaled_by: float = 1.0
    result: Any = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples) * self.scaled_by

    @property
    def min(self) -> float:
        return min(self.samples) * self.scaled_by

    @property
    def max(self) -> float:
        return max(self.samples) * self.scaled_by

    def scaled(self, factor: float) -> "Stats":
        return Stats(self.samples, self.scaled_by * factor, self.result)

    def row(self) -> Dict[str, Any]:
        """The row as results JSON holds it; `scaled_by` only for an estimate."""
        out: Dict[str, Any] = dict(min=self.min, median=self.median, max=self.max, samples=self.samples)
        if self.scaled_by != 1.0:
            out["scaled_by"] = self.scaled_by
        out["result"] = self.result
        return out


class _Silent:
    def update(self, n: int = 1) -> None:
        pass


def _whole_call(function: Callable[[], Any]) -> Callable[[], "tuple[float, Any]"]:
    def sample() -> "tuple[float, Any]":
        gc.collect()
        began = time.perf_counter()
        result = function()
        return time.perf_counter() - began, result

    return sample


def _per_call(function: Callable[..., Any], arguments: Sequence[Any], number: int) -> Callable[[], "tuple[float, Any]"]:
    names = [f"a{i}" for i in range(len(arguments))]
    timer = timeit.Timer(f"f({', '.join(names)})", globals=dict(zip(names, arguments), f=function))

    def sample() -> "tuple[float, Any]":
        return timer.timeit(number=number) / number * 1e9, None

    return sample


def calibrate(function: Callable[..., Any], arguments: Sequence[Any], seconds: float) -> int:
    """How many calls take about `seconds`: grows by 4x until a tenth of
    that is reached (which also warms the call up)."""
    timer = timeit.Timer("f(*a)", globals=dict(f=function, a=tuple(arguments)))
    number, took = 1, 0.0
    while took < seconds / 10:
        took = timer.timeit(number=number)
        number *= 4
    return max(1, int(seconds / (took / (number // 4))))


def interleave(
    rows: Dict[str, Callable[..., Any]],
    repeats: int,
    *,
    arguments: Optional[Sequence[Any]] = None,
    number: Optional[Dict[str, int]] = None,
    short: Sequence[str] = (),
    bar: Any = None,
) -> Dict[str, Stats]:
    """Times every row `repeats` times, the rows in turn within each round.

    With `arguments`, a sample is ns per call of row(*arguments) over
    `number[row]` calls (one untimed round of them first), and the row's
    result is one call's. Without, a sample is the seconds of one call of
    row(), and the result the last call's; the rows named in `short` (a
    fraction of a second each) run once untimed, then 2 * repeats + 1 times:
    one slow repeat cannot move their median."""
    bar = bar or _Silent()
    results: Dict[str, Any] = {}
    if arguments is not None:
        samplers = {name: _per_call(f, arguments, (number or {}).get(name, 1)) for name, f in rows.items()}
        for name, f in rows.items():
            results[name] = f(*arguments)
            samplers[name]()  # warm-up
        counts = {name: repeats for name in rows}
    else:
        samplers = {name: _whole_call(f) for name, f in rows.items()}
        for name in short:
            rows[name]()  # warm-up
        counts = {name: 2 * repeats + 1 if name in short else repeats for name in rows}
    samples: Dict[str, List[float]] = {name: [] for name in rows}
    for round_ in range(max(counts.values(), default=0)):
        for name, sample in samplers.items():
            if round_ < counts[name]:
                took, result = sample()
                samples[name].append(took)
                if arguments is None:
                    results[name] = result
                bar.update(1)
    return {name: Stats(samples[name], result=results[name]) for name in rows}


def samples_count(rows: Dict[str, Any], repeats: int, short: Sequence[str] = ()) -> int:
    """How many samples `interleave` takes, for a progress bar."""
    return sum(2 * repeats + 1 if name in short else repeats for name in rows)
