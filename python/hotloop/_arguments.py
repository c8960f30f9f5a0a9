"""Checking the arguments of the API, before they reach ctypes.

ctypes wraps silently (c_int64(2**64 + 5) is 5, c_uint64(-1) is 2**64 - 1),
so every value is checked here first, and every refusal names the function
the caller called and the argument.
"""

from __future__ import annotations

import operator
from typing import Any, Type

from ._errors import HotloopError, HotloopOverflowError, HotloopTypeError, HotloopValueError, describe

U64_MAX = 2**64 - 1
I64_MAX = 2**63 - 1
U32_MAX = 2**32 - 1


def integer(value: Any, name: str, function: str) -> int:
    """`value` as an int: ints, and integer types with __index__ (numpy's);
    never a bool, a float or a string."""
    if type(value) is int:
        return value
    if not isinstance(value, bool):
        try:
            return operator.index(value)
        except TypeError:
            pass
    raise HotloopTypeError(function, name, f"must be an integer, not {type(value).__name__}")


def refuse(error: Type[HotloopError], function: str, name: str, value: int, reason: str) -> HotloopError:
    return error(function, f"{name} = {describe(value)}", reason)


def positive_u64(value: Any, name: str, function: str) -> int:
    """An integer in [1, 2**64)."""
    n = integer(value, name, function)
    if n <= 0:
        raise refuse(HotloopValueError, function, name, n, "not a positive integer")
    if n > U64_MAX:
        raise refuse(HotloopOverflowError, function, name, n, "does not fit in uint64")
    return n


def count_u64(value: Any, name: str, function: str) -> int:
    """An integer in [0, 2**64)."""
    n = integer(value, name, function)
    if n < 0:
        raise refuse(HotloopValueError, function, name, n, "negative")
    if n > U64_MAX:
        raise refuse(HotloopOverflowError, function, name, n, "does not fit in uint64")
    return n


def threads(value: Any, function: str) -> int:
    """A thread count: 0 = every core; any larger count is the library's to
    cap (at the available parallelism), so it is only clamped to uint32."""
    n = integer(value, "threads", function)
    if n < 0:
        raise refuse(HotloopValueError, function, "threads", n, "negative (0 means every core)")
    return min(n, U32_MAX)
