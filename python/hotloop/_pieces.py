"""The one way a long call runs: in pieces of about a tenth of a second.

Between two pieces Python runs its signal handlers, so Ctrl-C raises
KeyboardInterrupt within a fraction of a second, and a progress bar moves.
The pieces size themselves from how long the last one took, so a piece
costs nothing measurable against its work whatever the input.
"""

from __future__ import annotations

import time
from typing import Callable, Optional

from ._progress import progress_bar

# Aim: each piece between TOO_SHORT and TOO_LONG seconds.
TOO_SHORT = 0.05
TOO_LONG = 0.2


def run_in_pieces(
    step: Callable[[int, int], int],
    *,
    total: Optional[int],
    first_size: int,
    description: str,
    progress: bool,
    already: int = 0,
    unit: str = "it",
    largest: Optional[int] = None,
    ruled_out: Optional[Callable[[], int]] = None,
) -> int:
    """Calls step(done, size) until `total` units are done (or, when total
    is None, until a step does none). A step does up to `size` units starting
    after the first `done`, and returns how many it did. Returns the count of
    units done.

    The bar counts in the caller's units: `already` more were done before
    the first step (numbers a search rules out without looking at them), so
    it starts there and ends at already + total.

    `largest` caps a piece's size, for steps whose memory grows with it: then
    a piece is bounded in bytes as well as in time, whatever the machine's
    speed.

    `ruled_out`, called after each step, returns how many units the last
    step's result ruled out without a look (a search's parts that cannot
    beat what it found): they count as done, but not in the bar's rate,
    which times the units the steps do. A negative count is units done
    before that must be done again: the bar steps back."""
    size, done = first_size, 0
    bar = progress_bar(None if total is None else already + total, description, progress, already, unit)
    try:
        while total is None or done < total:
            want = size if total is None else min(size, total - done)
            began = time.perf_counter()
            did = step(done, want)
            took = time.perf_counter() - began
            if did == 0:
                break
            done += did
            bar.update(did)
            if ruled_out is not None:
                skipped = ruled_out()
                done += skipped
                bar.skip(skipped)
            if took < TOO_SHORT and did == want:
                size = size * 2 if largest is None else min(size * 2, largest)
            elif took > TOO_LONG and size > 1024:
                size //= 2
    finally:
        bar.close()
    return done
