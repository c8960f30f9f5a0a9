"""hotloop as a typed program uses it. `make typecheck` runs mypy --strict on
this file: each assert_type line must hold, and each line ending in
`# type: ignore[code]` must be refused by the checker with that code (an
ignore that is no longer needed is itself an error). tests/python/test_typing.py
also runs it, so every type claimed here is the type the call returns."""

from __future__ import annotations

import array
import ctypes
from typing import Union

import numpy
from numpy.typing import NDArray
from typing_extensions import assert_type

import hotloop


def main() -> None:
    assert_type(hotloop.gsum(100), int)
    assert_type(hotloop.collatz(27), int)
    assert_type(hotloop.collatz_steps(numpy.uint64(27)), int)
    assert_type(hotloop.collatz_loop(27, 10**6, progress=False), int)
    assert_type(hotloop.__version__, str)
    assert_type(hotloop.library_version(), str)
    assert_type(hotloop.status_name(2), str)

    longest = hotloop.collatz_longest(10**6, start=1, threads=0)
    assert_type(longest, hotloop.Longest)
    assert_type(longest.n, int)
    assert_type(longest.steps, int)

    # numpy in, numpy out; anything else in: numpy's array or array('i').
    assert_type(hotloop.collatz_steps_many(numpy.arange(1, 10, dtype=numpy.uint64)), NDArray[numpy.int32])
    many = hotloop.collatz_steps_many(range(1, 10), threads=1)
    assert_type(many, Union[NDArray[numpy.int32], "array.array[int]"])
    # out= is filled and returned, as what it is.
    out = array.array("i", [0] * 9)
    assert_type(hotloop.collatz_steps_many([1, 2, 3, 4, 5, 6, 7, 8, 9], out=out), "array.array[int]")
    c_out = (ctypes.c_int32 * 3)()
    assert_type(hotloop.collatz_steps_many([1, 2, 3], out=c_out), "ctypes.Array[ctypes.c_int32]")

    try:
        hotloop.collatz(0)
    except hotloop.HotloopError as error:
        assert_type(error.function, str)
        assert_type(error.reason, str)
        assert_type(error.status, int)


def refused() -> None:
    """Lines a type checker must refuse; never called."""
    text: str = hotloop.gsum(5)  # type: ignore[assignment]
    hotloop.gsum(2.5)  # type: ignore[arg-type]
    hotloop.collatz("27")  # type: ignore[arg-type]
    hotloop.collatz_loop(27)  # type: ignore[call-arg]
    hotloop.collatz_longest(10**6, 1)  # type: ignore[call-arg]
    hotloop.collatz_longest(10**6).n.upper()  # type: ignore[attr-defined]
    hotloop.collatz_steps_many([1.5, 2.5])  # type: ignore[list-item]
    hotloop.collatz_steps_many(5)  # type: ignore[call-overload]
    hotloop.collatz_steps_many([1, 2], out=3)  # type: ignore[call-overload]
    hotloop.collatz_steps_many([1, 2], threads="all")  # type: ignore[call-overload]
    del text


if __name__ == "__main__":
    main()
