"""What the bench tells the person running it: one line per phase on
stderr (stdout carries the tables), and a progress bar for a phase of many
timings."""

from __future__ import annotations

import sys
from typing import Any


def say(message: str = "") -> None:
    print(message, file=sys.stderr, flush=True)


class _Count:
    """Where tqdm is missing: the phase's count on one line of stderr."""

    def __init__(self, total: int, description: str) -> None:
        self.done, self.total, self.description = 0, total, description

    def update(self, n: int = 1) -> None:
        self.done += n
        print(f"\r{self.description}: {self.done}/{self.total}", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        print(file=sys.stderr, flush=True)


def progress(total: int, description: str) -> Any:
    """tqdm's bar when tqdm is installed (bench/requirements.txt has it),
    else a count."""
    try:
        from tqdm import tqdm

        return tqdm(total=total, desc=description, file=sys.stderr, leave=False)
    except ImportError:
        return _Count(total, description)
