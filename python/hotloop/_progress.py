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

    def close(self) -> None:
        pass


class _PlainBar:
    """A one-line bar on stderr, redrawn at most ten times a second; without
    a total, a count."""

    WIDTH = 30

    def __init__(self, total: Optional[int], description: str) -> None:
        self.total = total
        self.description = description
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.silent = False
        self._draw()

    def update(self, amount: int) -> None:
        self.done += amount
        now = time.monotonic()
        if now - self.drawn_at >= 0.1 or (self.total is not None and self.done >= self.total):
            self._draw()

    def _line(self) -> str:
        elapsed = time.monotonic() - self.started
        if self.total is None:
            return f"\r{self.description}: {self.done:,} done {elapsed:6.1f} s"
        fraction = min(self.done / max(self.total, 1), 1.0)
        filled = int(fraction * self.WIDTH)
        return (
            f"\r{self.description}: {fraction * 100:5.1f}% "
            f"|{'#' * filled}{'.' * (self.WIDTH - filled)}| {elapsed:6.1f} s"
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


def progress_bar(total: Optional[int], description: str, enabled: bool) -> Any:
    """A bar with update(amount) and close()."""
    if not enabled or not _usable_stderr():
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _PlainBar(total, description)
    return _Guarded(tqdm(total=total, desc=description, unit_scale=True, leave=True))


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

    def close(self) -> None:
        if self.bar is not None:
            try:
                self.bar.close()
            except (OSError, ValueError):
                pass
            self.bar = None
