"""The longest-chain search, as Python must know it: the range and the part
of it that can hold the answer, the tie rule and what a candidate needs to
beat the best found, the parts the library orders the search in, cut into
windows from the top down, and what a window without a candidate holds.

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

from typing import Dict, List, NamedTuple, Optional, SupportsIndex, Tuple

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


def needed(best: Longest, lo: int) -> int:
    """The fewest steps a candidate at or above `lo` needs to beat `best`:
    as many as best where it could be smaller than best's n, one more where
    it cannot (Longest::needed in the library)."""
    return 0 if best.steps < 0 else best.steps + (lo > best.n)


class Part(NamedTuple):
    """A part of the search, in the order the library takes them
    (hotloop_collatz_longest_part): [lo, hi), the most steps any of its
    numbers can take (-1 when that is not known, past 2**40), and whether
    one of them takes exactly that many (the part holds the delay record
    that set its bound)."""

    lo: int
    hi: int
    most_steps: int
    holds_record: bool = False

    def cannot_beat(self, best: Longest) -> bool:
        """Whether no number of the part can beat `best`: it is left out
        without a look."""
        return 0 <= self.most_steps < needed(best, self.lo)

    def promise(self) -> Longest:
        """The record the part holds, as a best no other part has to beat:
        its steps, at the last n it can be (so that a tie in the part itself
        is still searched for); NO_CANDIDATE when it holds none."""
        return Longest(self.hi - 1, self.most_steps) if self.holds_record else NO_CANDIDATE

    def at_least(self, best: Longest, lo: int) -> int:
        """What the window [lo, ...) of the part is told to reach: what beats
        `best`, or the part's record when it holds one, as only the numbers
        that reach it can be the part's best."""
        return max(needed(best, lo), self.most_steps if self.holds_record else 0)


class Plan:
    """What is left of a search taken in windows, in the library's order:
    the parts still to search (the first one partly done), the best found so
    far, and the parts left out because they cannot beat it.
    `collatz_longest` asks it for each window and tells it what the window
    held. A part is searched from the top down, but for one that holds its
    record.

    A part that holds its record is searched at its bound (only the numbers
    that reach it can be its best), from the bottom up (the first number
    found with that many steps is its answer, and the rest of it is left
    out), and the parts that cannot beat that record are left out as soon
    as its search starts, so that a progress bar counts only what is left
    to do. Were the record not found (only if the bound were wrong), the
    part is searched again, whole, with what beats the best, and the parts
    its promise left out come back."""

    def __init__(self, parts: List[Part]) -> None:
        self.todo = list(parts)
        # A part searched from the bottom up keeps its hi: the redo's key.
        self.whole: Dict[int, Part] = {part.hi: part for part in parts}
        self.best = NO_CANDIDATE
        self.promised: List[Part] = []

    def window(self, size: int) -> Optional[Tuple[int, int, int]]:
        """The next window of at most `size` numbers, (lo, hi, at_least), or
        None when the search is done."""
        if not self.todo:
            return None
        part = self.todo[0]
        if part.holds_record:
            lo, hi = part.lo, min(part.hi, part.lo + size)
        else:
            lo, hi = max(part.lo, part.hi - size), part.hi
        return lo, hi, part.at_least(self.best, lo)

    def searched(self, lo: int, hi: int, found: Longest) -> None:
        """The window [lo, hi), the next one of the first part, is done, and
        held `found`."""
        self.best = better(self.best, found)
        part = self.todo[0]
        self.todo[0] = part._replace(lo=hi) if part.holds_record else part._replace(hi=lo)

    def ruled_out(self) -> int:
        """Leaves out the parts that cannot beat the best found, or the record
        of the part being searched; returns how many numbers that left out,
        less the numbers to search again (see the class)."""
        change = 0
        if self.todo and self.todo[0].lo == self.todo[0].hi:
            part = self.todo.pop(0)
            if part.holds_record and self.best.steps < part.most_steps:
                again = [self.whole[part.hi]._replace(holds_record=False), *self.promised]
                self.todo[:0] = again
                change -= sum(p.hi - p.lo for p in again)
            self.promised = []
        expected = better(self.best, self.todo[0].promise()) if self.todo else self.best
        kept = []
        for i, part in enumerate(self.todo):
            if part.cannot_beat(self.best) or (i > 0 and part.cannot_beat(expected)):
                change += part.hi - part.lo
                if not part.cannot_beat(self.best):
                    self.promised.append(part)
            else:
                kept.append(part)
        self.todo = kept
        # Those that cannot beat the best found are out for good.
        self.promised = [part for part in self.promised if not part.cannot_beat(self.best)]
        return change


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


def top_down(lo: int, hi: int, count: int, smallest: int = 1) -> List[Tuple[int, int]]:
    """[lo, hi) cut into `count` windows of nearly equal size, none smaller
    than `smallest` unless the whole is, the highest first: within a part,
    larger numbers tend to take more steps, so the best found rises early
    and every later window skips more of what cannot beat it."""
    size = hi - lo
    count = max(1, min(count, size // max(1, smallest)))
    bounds = [lo + size * i // count for i in range(count + 1)]
    return list(reversed(list(zip(bounds[:-1], bounds[1:]))))


def in_order(part: Part, count: int, smallest: int = 1) -> List[Tuple[int, int]]:
    """`part` cut into `count` windows (see `top_down`), in the order it is
    searched: from the top down, or from the bottom up when it holds its
    record (see `Plan`)."""
    windows = top_down(part.lo, part.hi, count, smallest)
    return windows[::-1] if part.holds_record else windows
