"""Progress bars for long calls: tqdm when it is installed, a plain one on
stderr otherwise, nothing when progress is off.

A bar never breaks the computation it reports on: with no stderr (closed, or
sys.stderr set to None) or a stderr that fails to write, it goes silent.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Optional


class _NoBar:
    def update(self, amount: int) -> None:
        pass

    def skip(self, amount: int) -> None:
        pass

    def close(self) -> None:
        pass


class Rate:
    """Units per second, as the work has been going lately: an average that
    weighs each update by how recent it is (as tqdm's smoothing does), so
    that a search that speeds up as it goes (collatz_longest's, from the top
    down) is estimated from its speed now, not from its slow start."""

    SMOOTHING = 0.3

    def __init__(self, now: float) -> None:
        self.last = now
        self.per_second: Optional[float] = None

    def update(self, amount: int, now: float) -> None:
        took = now - self.last
        self.last = now
        if took <= 0 or amount <= 0:
            return
        rate = amount / took
        self.per_second = rate if self.per_second is None else (
            self.SMOOTHING * rate + (1 - self.SMOOTHING) * self.per_second)

    def left(self, remaining: int) -> Optional[float]:
        """Seconds until `remaining` more units are done, at this rate."""
        return None if not self.per_second else remaining / self.per_second


class _PlainBar:
    """A one-line bar on stderr, redrawn at most ten times a second, with the
    time left at the recent rate; without a total, a count."""

    WIDTH = 30

    def __init__(self, total: Optional[int], description: str, already: int = 0) -> None:
        self.total = total
        self.description = description
        self.done = already
        self.started = time.monotonic()
        self.rate = Rate(self.started)
        self.drawn_at = 0.0
        self.silent = False
        self._draw()

    def update(self, amount: int) -> None:
        self.done += amount
        now = time.monotonic()
        self.rate.update(amount, now)
        if now - self.drawn_at >= 0.1 or (self.total is not None and self.done >= self.total):
            self._draw()

    def skip(self, amount: int) -> None:
        """`amount` units done without work: counted, but not in the rate
        (negative: units to do again)."""
        if amount:
            self.done += amount
            self.rate.last = time.monotonic()
            self._draw()

    def _line(self) -> str:
        elapsed = time.monotonic() - self.started
        if self.total is None:
            return f"\r{self.description}: {self.done:,} done {elapsed:6.1f} s"
        fraction = min(self.done / max(self.total, 1), 1.0)
        filled = int(fraction * self.WIDTH)
        left = self.rate.left(max(self.total - self.done, 0))
        eta = "" if left is None or self.done >= self.total else f", {left:.1f} s left"
        return (
            f"\r{self.description}: {fraction * 100:5.1f}% "
            f"|{'#' * filled}{'.' * (self.WIDTH - filled)}| {elapsed:6.1f} s{eta}   "
        )

    def _write(self, text: str) -> None:
        if self.silent:
            return
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError, AttributeError):
            self.silent = True  # no stderr, a closed one, or a full disk

    def _draw(self) -> None:
        self.drawn_at = time.monotonic()
        self._write(self._line())

    def close(self) -> None:
        self._draw()
        self._write("\n")


def _usable_stderr() -> bool:
    stream = sys.stderr
    if stream is None:
        return False
    try:
        return not stream.closed
    except (AttributeError, ValueError):
        return False


def progress_bar(total: Optional[int], description: str, enabled: bool, already: int = 0, unit: str = "it") -> Any:
    """A bar with update(amount), skip(amount) and close(), starting at
    `already` of `total`."""
    if not enabled or not _usable_stderr():
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _PlainBar(total, description, already)
    # tqdm estimates the time left from its smoothed recent rate (smoothing=0.3).
    return _Guarded(tqdm(total=total, initial=already, desc=description, unit=unit, unit_scale=True, leave=True,
                         smoothing=Rate.SMOOTHING))


class _Guarded:
    """tqdm, silenced instead of raising when its stream fails."""

    def __init__(self, bar: Any) -> None:
        self.bar: Any = bar

    def update(self, amount: int) -> None:
        if self.bar is not None:
            try:
                self.bar.update(amount)
            except (OSError, ValueError):
                self.bar = None

    def skip(self, amount: int) -> None:
        """`amount` units done without work: counted, and moved past tqdm's
        rate as its `initial` units are, so that the time left stays that
        of the work."""
        if self.bar is not None and amount:
            try:
                self.bar.n += amount
                self.bar.last_print_n += amount
                self.bar.refresh()
            except (OSError, ValueError):
                self.bar = None

    def close(self) -> None:
        if self.bar is not None:
            try:
                self.bar.close()
            except (OSError, ValueError):
                pass
            self.bar = None
