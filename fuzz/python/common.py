"""What the Python fuzz targets share: arbitrary objects made from the
fuzzer's bytes, and the pure-Python definitions (tests/python/reference.py,
the same the tests use) to compare with."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "python"), str(ROOT / "tests" / "python")]

import numpy as np  # noqa: E402
import reference  # noqa: E402,F401 - re-exported for the targets

os.environ.setdefault("HOTLOOP_LIBRARY", str(ROOT / "target" / "release" / "libhotloop.so"))

U64_MAX = 2**64 - 1
I64_MAX = 2**63 - 1
# Values past every boundary the API has.
EDGES = [0, 1, 2, 3, 27, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 4294967295, 4294967296, I64_MAX, 2**63, U64_MAX,
         2**64, 2**64 + 1, 2**128, (2**64 - 2) // 3, (2**64 - 2) // 3 + 1, 12327829503, 6148914691236517205]
INT_DTYPES = ["int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]


class Raised(Exception):
    """What a fuzzed generator raises part-way: it must reach the caller untouched."""


def integer(fdp: Any) -> int:
    """An int of any size and sign, often at a boundary."""
    kind = fdp.ConsumeIntInRange(0, 3)
    if kind == 0:
        value = EDGES[fdp.ConsumeIntInRange(0, len(EDGES) - 1)]
        return -value if fdp.ConsumeBool() else value + fdp.ConsumeIntInRange(-2, 2)
    if kind == 1:
        return fdp.ConsumeIntInRange(-10, 10**6)
    return int(fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 80)))


def anything(fdp: Any) -> Any:
    """An argument a user might pass: mostly integers of every kind, and
    every other kind of object sometimes."""
    kind = fdp.ConsumeIntInRange(0, 11)
    if kind <= 4:
        return integer(fdp)
    if kind == 5:
        dtype = INT_DTYPES[fdp.ConsumeIntInRange(0, len(INT_DTYPES) - 1)]
        info = np.iinfo(dtype)
        return np.dtype(dtype).type(fdp.ConsumeIntInRange(int(info.min), int(info.max)))
    if kind == 6:
        return fdp.ConsumeFloat()
    if kind == 7:
        return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 8))
    if kind == 8:
        return fdp.ConsumeBool()
    if kind == 9:
        return None
    if kind == 10:
        return _Index(integer(fdp), fdp.ConsumeBool())
    return [integer(fdp)]


class _Index:
    """An object with __index__ (as numpy's integers have), which may raise."""

    def __init__(self, value: int, raises: bool) -> None:
        self.value, self.raises = value, raises

    def __index__(self) -> int:
        if self.raises:
            raise Raised("__index__")
        return self.value


def as_int(value: Any) -> Optional[int]:
    """The int the API must read from `value`, or None if it must refuse it
    as not an integer (bools, floats, strings, ...)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, _Index) and not value.raises:
        return value.value
    return None
