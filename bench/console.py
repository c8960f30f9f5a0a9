"""What the bench tells the person running it: one line per phase on
stderr (stdout carries the tables), and a progress bar for a phase of many
timings."""

from __future__ import annotations

import sys
from typing import Any


def say(message: str = "") -> None:
    print(message, file=sys.stderr, flush=True)


def progress(total: int, description: str) -> Any:
    """tqdm's bar when tqdm is installed (bench/requirements.txt has it),
    else hotloop's own."""
    try:
        from tqdm import tqdm

        return tqdm(total=total, desc=description, file=sys.stderr, leave=False)
    except ImportError:
        from hotloop._progress import progress_bar

        return progress_bar(total, description, True)
