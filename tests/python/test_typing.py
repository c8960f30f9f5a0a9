"""The typed usage file (tests/typing/usage.py, which `make typecheck` checks
with mypy --strict) run for real: every assert_type in it is checked against
the value the call returned, so the declared types are the run-time types."""

import sys
import typing

import numpy
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "typing"))
import usage  # noqa: E402


def matches(value, expected):
    if isinstance(expected, str):  # a forward reference such as "array.array[int]"
        name = expected.split("[")[0]
        return f"{type(value).__module__}.{type(value).__qualname__}".endswith(name) or (
            name.startswith("ctypes.Array") and type(value).__mro__[1].__name__ == "Array")
    if isinstance(expected, typing.ForwardRef):
        return matches(value, expected.__forward_arg__)
    origin = typing.get_origin(expected)
    if origin is typing.Union:
        return any(matches(value, option) for option in typing.get_args(expected))
    if origin is numpy.ndarray:  # NDArray[numpy.int32]
        (dtype,) = typing.get_args(typing.get_args(expected)[1])
        return isinstance(value, numpy.ndarray) and value.dtype == dtype
    return type(value) is expected


def test_every_declared_type_is_the_type_returned(monkeypatch):
    checked = []

    def assert_type(value, expected):
        assert matches(value, expected), f"{value!r} is {type(value)}, declared {expected}"
        checked.append(expected)
        return value

    monkeypatch.setattr(usage, "assert_type", assert_type)
    usage.main()
    assert len(checked) >= 16


def test_the_checker_tells_types_apart():
    assert matches(5, int) and not matches("5", int)
    assert matches(numpy.zeros(2, dtype=numpy.int32), usage.NDArray[numpy.int32])
    assert not matches(numpy.zeros(2, dtype=numpy.int64), usage.NDArray[numpy.int32])
    with pytest.raises(AssertionError):
        assert matches([1], "array.array[int]")
