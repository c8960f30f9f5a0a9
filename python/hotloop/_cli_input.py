"""The command line's numbers: how one is read (parse_integer), and where
they come from (the arguments, stdin), a block at a time, each with its
position for the messages.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from typing import Iterator, List, Optional

# An integer argument: an optional sign, then a literal (27, 1_000_000,
# 0x1b, 0o33, 0b11011) or a power of two literals (10**9, 2**64).
_INTEGER = re.compile(r"([+-]?)([0-9a-fA-FxXoObB_]+)(?:\*\*([0-9a-fA-FxXoObB_]+))?")
FORMATS = "write 27, -5, 1_000_000, 0x1b or 10**9"
# Larger arguments are refused before they are computed: every value hotloop
# takes fits in 64 bits, so an argument of this many bits is already
# reported as too large, without minutes spent computing 10**100000000.
ARGUMENT_BITS = 4096
# A decimal literal of more digits has more than ARGUMENT_BITS bits.
_DECIMAL_DIGITS = 1234
# How many numbers are read, computed and written at a time.
BLOCK = 1 << 16
# How much of stdin is read at a time, in bytes (whole lines).
_READ = 1 << 20


class NotAnInteger(ValueError):
    """A number hotloop does not read, with the reason as its message."""


class ReadError(Exception):
    """stdin could not be read (a directory, an I/O error)."""


def parse_integer(text: str) -> int:
    """An integer argument: 27, -5, 1_000_000, 0x1b, 10**9 or -2**63, of at
    most ARGUMENT_BITS bits. Raises NotAnInteger saying what is wrong."""
    match = _INTEGER.fullmatch(text.strip())
    if not match:
        raise NotAnInteger(f"not an integer ({FORMATS})")
    sign, base_text, exponent_text = match.groups()
    too_large = NotAnInteger(f"too large (at most {ARGUMENT_BITS} bits)")
    digits = base_text.replace("_", "")
    if len(digits) > 2 * ARGUMENT_BITS or (digits.isdigit() and len(digits.lstrip("0")) > _DECIMAL_DIGITS):
        raise too_large
    try:
        value = base = int(base_text, 0)
        exponent = None if exponent_text is None else int(exponent_text, 0)
    except ValueError:
        raise NotAnInteger(f"not an integer ({FORMATS})") from None
    if exponent is not None:
        # A lower bound of the power's size: a larger one is not computed.
        if base > 1 and exponent * (base.bit_length() - 1) > ARGUMENT_BITS:
            raise too_large
        value = base**exponent
    if value.bit_length() > ARGUMENT_BITS:
        raise too_large
    return -value if sign == "-" else value


def value(text: str) -> int:
    """A number of the input; NotAnInteger if it is not one."""
    if len(text) <= 20:
        try:
            return int(text)  # the common case: a plain decimal
        except ValueError:
            pass
    return parse_integer(text)


def shown(text: str) -> str:
    """A number as a message quotes it: cut when long."""
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:20] + "...")


class Block:
    """Some of the input's numbers, as text, and where each one was."""

    def __init__(self, texts: List[str], first_argument: int = 0, lines: Optional[List[str]] = None,
                 first_line: int = 0) -> None:
        self.texts = texts
        self.first_argument = first_argument
        self.lines = lines
        self.first_line = first_line
        self._ends: Optional[List[int]] = None

    def where(self, index: int) -> str:
        """The position of texts[index]: `argument 3`, `line 7` or `line 7,
        number 2`. Worked out only for a bad number: the lines are kept."""
        if self.lines is None:
            return f"argument {self.first_argument + index}"
        if self._ends is None:  # how many numbers the lines hold, cumulated
            self._ends = list(itertools.accumulate(len(line.split()) for line in self.lines))
        line = bisect.bisect_right(self._ends, index)
        begins = self._ends[line - 1] if line else 0
        alone = self._ends[line] - begins == 1
        return f"line {self.first_line + line}" + ("" if alone else f", number {index - begins + 1}")


def _from_stdin() -> Iterator[Block]:
    # Bytes, decoded leniently: a stray byte is a bad number, not a crash.
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    line_number = 1
    try:
        while True:
            raw = stream.readlines(_READ)
            if not raw:
                return
            lines = [line.decode("utf-8", "replace") if isinstance(line, bytes) else line for line in raw]
            yield Block(" ".join(lines).split(), lines=lines, first_line=line_number)
            line_number += len(lines)
    except OSError as error:
        raise ReadError(error.strerror or str(error)) from None


def blocks(texts: List[str]) -> Iterator[Block]:
    """The numbers of the arguments, `-` read from stdin, in blocks."""
    run: List[str] = []
    first = 1
    for i, text in enumerate(texts, 1):
        if text != "-":
            if not run:
                first = i
            run.append(text)
            if len(run) == BLOCK:
                yield Block(run, first_argument=first)
                run = []
            continue
        if run:
            yield Block(run, first_argument=first)
            run = []
        yield from _from_stdin()
    if run:
        yield Block(run, first_argument=first)
