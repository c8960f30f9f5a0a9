"""Progress bars for long calls: tqdm when it is installed, a plain one on
stderr otherwise, nothing when progress is off."""

from __future__ import annotations

import sys
import time
from typing import Any


class _NoBar:
    def update(self, amount: int) -> None:
        pass

    def close(self) -> None:
        pass


class _PlainBar:
    """A one-line bar on stderr, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, total: int, description: str) -> None:
        self.total = max(total, 1)
        self.description = description
        self.done = 0
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self._draw()

    def update(self, amount: int) -> None:
        self.done += amount
        now = time.monotonic()
        if now - self.drawn_at >= 0.1 or self.done >= self.total:
            self._draw()

    def _draw(self) -> None:
        self.drawn_at = time.monotonic()
        fraction = min(self.done / self.total, 1.0)
        filled = int(fraction * self.WIDTH)
        elapsed = self.drawn_at - self.started
        sys.stderr.write(
            f"\r{self.description}: {fraction * 100:5.1f}% "
            f"|{'#' * filled}{'.' * (self.WIDTH - filled)}| {elapsed:6.1f} s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        self._draw()
        sys.stderr.write("\n")
        sys.stderr.flush()


def progress_bar(total: int, description: str, enabled: bool) -> Any:
    """A bar with update(amount) and close()."""
    if not enabled:
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:
        return _PlainBar(total, description)
    return tqdm(total=total, desc=description, unit_scale=True, leave=True)
