"""The longest-chain search, as Python must know it: the range and the part
of it that can hold the answer, its windows from the top down, the tie rule,
and what a window without a candidate holds.

`hotloop.collatz_longest` and `hotloop.dask.collatz_longest` both cut the
search into windows, call the library once per window, and combine what the
windows find; this module is the one place their rules are written. The
library holds the same rules (`Search` and `Longest::better` in
src/kernels/longest.rs), and tests/python/test_longest.py holds the two
against each other.

Names: `start`/`end` are the range [start, end) the caller asked about;
`lo`/`hi` are a window [lo, hi) of it.
"""

from __future__ import annotations

from typing import List, NamedTuple, SupportsIndex, Tuple

from . import _arguments
from ._errors import HotloopValueError


class Longest(NamedTuple):
    """The n with the most Collatz steps in a range, and its steps."""

    n: int
    steps: int


# What a window without a candidate holds (the library writes n = 0 and
# steps = -1): it loses to every answer.
NO_CANDIDATE = Longest(0, -1)


def better(a: Longest, b: Longest) -> Longest:
    """The tie rule: more steps wins, and on a tie the smaller n."""
    return b if (b.steps, -b.n) > (a.steps, -a.n) else a


class Search(NamedTuple):
    """A search over [start, end), checked (see `checked`)."""

    start: int
    end: int

    @classmethod
    def checked(cls, end: SupportsIndex, start: SupportsIndex, function: str) -> Search:
        """The search over [start, end), or the exception `function` raises
        for it: ValueError for start <= 0 or an empty range, OverflowError
        past uint64, TypeError for a non-integer."""
        last = _arguments.positive_u64(end, "end", function)
        first = _arguments.positive_u64(start, "start", function)
        if first >= last:
            raise HotloopValueError(function, f"[start, end) = [{first}, {last})", "the range is empty")
        return cls(first, last)

    @property
    def lo(self) -> int:
        """Where the candidates begin: an n with 2n < end is beaten by 2n, so
        only [lo, end) can hold the answer, and windows below lo are empty."""
        return max(self.start, self.end // 2 + self.end % 2)

    def below(self, done: int, size: int) -> Tuple[int, int]:
        """The window of `size` numbers just below the `done` numbers already
        searched from the top: searching from the top down, the best found
        rises early (larger numbers tend to take more steps), and every later
        window skips more of what cannot beat it."""
        hi = self.end - done
        return hi - size, hi


def top_down(lo: int, hi: int, count: int, smallest: int = 1) -> List[Tuple[int, int]]:
    """[lo, hi) cut into `count` windows of nearly equal size, none smaller
    than `smallest` unless the whole is, the highest first (see
    `Search.below`)."""
    size = hi - lo
    count = max(1, min(count, size // max(1, smallest)))
    bounds = [lo + size * i // count for i in range(count + 1)]
    return list(reversed(list(zip(bounds[:-1], bounds[1:]))))
