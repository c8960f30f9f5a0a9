"""ownloop for Python: smallest_factors(ns), through ctypes, the hotloop way.

The patterns, each in a few lines you can keep when you replace the kernel:
- the library is found next to this file (or at $OWNLOOP_LIBRARY) and its
  prototypes are set once, from one table, at import;
- every integer is checked before it reaches ctypes, which would otherwise
  wrap -1 to 2**64 - 1 without a word;
- the call goes through ctypes.CDLL, which releases the GIL: other Python
  threads run while the kernel does;
- a long batch runs in pieces, so Ctrl-C (KeyboardInterrupt) is seen between
  two of them instead of after the whole call;
- a status and the library's last error become one Python exception, in one
  place, with the element's index in the whole batch as data.
"""

from __future__ import annotations

import ctypes
import os
from array import array
from ctypes import POINTER, c_char_p, c_int32, c_size_t, c_uint64
from operator import index
from pathlib import Path
from typing import Iterable, List, SupportsIndex

__all__ = ["OwnloopError", "smallest_factors"]

OK, ERR_INVALID_ARGUMENT = 0, 1
U64_MAX = 2**64 - 1
# Elements per call. Small enough that Ctrl-C is seen quickly even when every
# element is a large prime; large enough that the call's own cost vanishes.
PIECE = 1 << 12

# The one prototype table: (name, restype, argtypes), as in include/ownloop.h.
PROTOTYPES = [
    ("ownloop_smallest_factors", c_int32, [POINTER(c_uint64), c_size_t, POINTER(c_uint64), POINTER(c_size_t)]),
    ("ownloop_last_error_message", c_char_p, []),
]


def _load() -> ctypes.CDLL:
    path = os.environ.get("OWNLOOP_LIBRARY") or Path(__file__).parent / "target" / "release" / "libownloop.so"
    try:
        library = ctypes.CDLL(str(path))
    except OSError as error:
        raise ImportError(f"ownloop: cannot load {path} ({error}); run `cargo build --release` first") from None
    for name, restype, argtypes in PROTOTYPES:
        function = getattr(library, name)
        function.restype, function.argtypes = restype, argtypes
    return library


_library = _load()


class OwnloopError(ValueError):
    """An element ownloop cannot answer; `index` is its index in the whole batch."""

    def __init__(self, message: str, index: int, status: int) -> None:
        super().__init__(message)
        self.index, self.status = index, status


def _error(status: int, values: "array[int]", offset: int, bad: c_size_t) -> OwnloopError:
    """The one place a status becomes an exception. The library's message
    reads "FUNCTION: SUBJECT: REASON" (its header says so); the exception
    keeps its REASON and names the element by its index in the whole batch,
    which the library gave as data (*bad_index)."""
    message = (_library.ownloop_last_error_message() or b"").decode()
    reason = message.split(": ", 2)[-1]
    if status != ERR_INVALID_ARGUMENT:
        return OwnloopError(f"smallest_factors: {reason}", offset, status)
    where = offset + bad.value
    return OwnloopError(f"smallest_factors: ns[{where}] = {values[where]}: {reason}", where, status)


def _checked(ns: Iterable[SupportsIndex]) -> "array[int]":
    """The batch as uint64, or the first element that is not one, named."""
    values = [index(n) for n in ns]  # TypeError for a float or a string
    try:
        return array("Q", values)
    except OverflowError:
        i, n = next((i, n) for i, n in enumerate(values) if not 0 <= n <= U64_MAX)
        raise OverflowError(f"smallest_factors: ns[{i}] = {n}: does not fit in uint64") from None


def smallest_factors(ns: Iterable[SupportsIndex]) -> List[int]:
    """The smallest prime factor of every element of ns (n itself for a prime).

    Raises OwnloopError (a ValueError) for an element below 2, OverflowError
    for one outside [0, 2**64), TypeError for a non-integer."""
    values = _checked(ns)
    out = array("Q", bytes(8 * len(values)))
    if not values:
        return []
    base_in, _ = values.buffer_info()
    base_out, _ = out.buffer_info()
    bad = c_size_t()
    first_error = None
    for lo in range(0, len(values), PIECE):
        size = min(PIECE, len(values) - lo)
        status = _library.ownloop_smallest_factors(
            ctypes.cast(base_in + 8 * lo, POINTER(c_uint64)), size,
            ctypes.cast(base_out + 8 * lo, POINTER(c_uint64)), ctypes.byref(bad))
        if status != OK and first_error is None:  # the other pieces are still computed
            first_error = _error(status, values, lo, bad)
    if first_error is not None:
        raise first_error
    return out.tolist()
