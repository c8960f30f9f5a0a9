"""A batch's first bad element is the first in index order, whatever its
kind, and every exception about an element carries the other results."""

import ctypes
from array import array

import hotloop
import numpy as np
import pytest
import reference
from hotloop import HotloopOverflowError, HotloopTypeError, HotloopValueError

U64_MAX = 2**64 - 1


@pytest.mark.parametrize(
    "ns, error, subject",
    [
        ([1, 1, 1, 0, 1, -1], HotloopValueError, "ns[3] = 0"),  # the library's before Python's
        ([1, -1, 1, 0], HotloopValueError, "ns[1] = -1"),  # Python's before the library's
        ([1, U64_MAX, 1, 2**64], HotloopOverflowError, "ns[3] = 18446744073709551616"),
        ([1, 2**64, 1, 0], HotloopOverflowError, "ns[1] = 18446744073709551616"),
        ([1, 2, "3", 0], HotloopTypeError, "ns[2]"),
        ([1, 0, "3"], HotloopValueError, "ns[1] = 0"),
        ([1, 2.5, -1], HotloopTypeError, "ns[1]"),
    ],
)
def test_the_first_bad_element_is_named_whatever_its_kind(ns, error, subject):
    with pytest.raises(error) as info:
        hotloop.collatz_steps_many(ns)
    assert info.value.function == "collatz_steps_many"
    assert info.value.subject == subject
    assert str(info.value).startswith(f"collatz_steps_many: {subject}: ")
    # Every element is computed all the same; bad ones are -1.
    good = [type(n) is int and 0 < n <= U64_MAX for n in ns]
    expected = [reference.collatz_steps(n) if ok else -1 for n, ok in zip(ns, good)]
    assert list(info.value.result) == expected


@pytest.mark.parametrize(
    "make",
    [
        lambda values: values,
        lambda values: iter(values),
        lambda values: np.array(values, dtype=object),
    ],
)
def test_every_element_exception_carries_the_result(make):
    for values in ([27, 0], [27, -4], [27, 2**64], [27, "x"]):
        with pytest.raises((ValueError, OverflowError, TypeError)) as info:
            hotloop.collatz_steps_many(make(values))
        assert list(info.value.result) == [111, -1], values


def test_signed_buffers_name_the_first_negative_or_zero():
    with pytest.raises(HotloopValueError, match=r"ns\[2\] = 0: ") as info:
        hotloop.collatz_steps_many(array("q", [27, 1, 0, -5]))
    assert list(info.value.result) == [111, 0, -1, -1]
    with pytest.raises(HotloopValueError, match=r"ns\[1\] = -5: ") as info:
        hotloop.collatz_steps_many(np.array([27, -5, 0], dtype=np.int16))
    assert info.value.result.tolist() == [111, -1, -1]


def test_an_error_message_is_whole_when_the_input_has_all_ones_in_its_low_bits():
    ns = np.full(10, 2**32 - 1, dtype=np.uint64)
    ns[4] = 0
    with pytest.raises(HotloopValueError) as info:
        hotloop.collatz_steps_many(ns)
    assert str(info.value) == "collatz_steps_many: ns[4] = 0: not a positive integer"


@pytest.mark.parametrize("digits", [4301, 100_000])
def test_huge_integers_are_described_by_their_size(digits):
    huge = 10**digits
    for call in (
        lambda: hotloop.collatz(huge),
        lambda: hotloop.collatz_steps(-huge),
        lambda: hotloop.gsum(huge),
        lambda: hotloop.collatz_loop(27, huge),
        lambda: hotloop.collatz_longest(huge),
        lambda: hotloop.collatz_steps_many([1, huge]),
        lambda: hotloop.collatz_longest(10, threads=-huge),
    ):
        with pytest.raises((OverflowError, ValueError)) as info:
            call()
        assert f"integer of {huge.bit_length():,} bits>" in str(info.value)


def test_other_ctypes_arrays_are_converted():
    assert list(hotloop.collatz_steps_many((ctypes.c_int32 * 3)(1, 2, 27))) == [0, 1, 111]
    assert list(hotloop.collatz_steps_many((ctypes.c_uint8 * 2)(27, 97))) == [111, 118]
    assert list(hotloop.collatz_steps_many((ctypes.c_long * 2)(27, 97))) == [111, 118]
    with pytest.raises(HotloopValueError, match=r"ns\[1\] = -2: "):
        hotloop.collatz_steps_many((ctypes.c_int16 * 2)(27, -2))
    big_endian = (ctypes.c_uint32.__ctype_be__ * 2)(27, 97)
    assert list(hotloop.collatz_steps_many(big_endian)) == [111, 118]


def test_an_error_inside_the_callers_generator_goes_through_untouched():
    class Mine(TypeError):
        pass

    def numbers():
        yield 27
        raise Mine("the caller's own")

    with pytest.raises(Mine, match="the caller's own"):
        hotloop.collatz_steps_many(numbers())


def test_errors_name_the_python_function_every_time():
    odd = (2**64 - 2) // 3 + 1
    cases = [
        (lambda: hotloop.collatz(0), "collatz: n = 0: "),
        (lambda: hotloop.collatz(U64_MAX), "collatz: n = 18446744073709551615: "),
        (lambda: hotloop.collatz_loop(2 * odd, 2), f"collatz_loop: n = {2 * odd}, k = 2: the result"),
        (lambda: hotloop.collatz_loop(odd, 1, progress=True), f"collatz_loop: n = {odd}, k = 1: the result"),
        (lambda: hotloop.collatz_steps(0), "collatz_steps: n = 0: "),
        (lambda: hotloop.gsum(2**32), "gsum: n = 4294967296: "),
    ]
    for call, start in cases:
        with pytest.raises(hotloop.HotloopError) as info:
            call()
        assert str(info.value).startswith(start), str(info.value)
        assert "hotloop_" not in str(info.value)


OUT_KINDS = {
    "ctypes int32 array": lambda: (ctypes.c_int32 * 4)(),
    "int32 memoryview": lambda: memoryview(array("i", bytes(16))),
    "memoryview cast from bytes": lambda: memoryview(bytearray(16)).cast("i"),
    "array('i')": lambda: array("i", bytes(16)),
    "numpy int32": lambda: np.zeros(4, dtype=np.int32),
}


@pytest.mark.parametrize("make_out", OUT_KINDS.values(), ids=OUT_KINDS.keys())
def test_an_error_whose_result_is_the_callers_out_pickles_and_copies(make_out):
    import copy
    import pickle

    out = make_out()
    with pytest.raises(HotloopValueError) as info:
        hotloop.collatz_steps_many([1, 0, 3, 27], out=out)
    assert info.value.result is out  # the caller's own buffer, as documented
    for other in (pickle.loads(pickle.dumps(info.value)), copy.deepcopy(info.value), copy.copy(info.value)):
        assert type(other) is HotloopValueError and other.index == 1 and str(other) == str(info.value)
        assert list(other.result) == [0, -1, 7, 111]


def test_an_element_error_crosses_a_process_pool_as_itself():
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1) as pool:
        with pytest.raises(HotloopValueError) as info:
            pool.submit(_fill_ctypes_out, [5, 0]).result(timeout=60)
    assert (info.value.index, list(info.value.result)) == (1, [5, -1])


def _fill_ctypes_out(ns):
    return hotloop.collatz_steps_many(ns, out=(ctypes.c_int32 * len(ns))())
