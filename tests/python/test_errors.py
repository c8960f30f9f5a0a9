"""Every error path: the exception's types and its message."""

import hotloop
import pytest
import reference
from hotloop import HotloopError, HotloopOverflowError, HotloopValueError

U64_MAX = 2**64 - 1


def raises(exception, match):
    return pytest.raises(exception, match=match)


@pytest.mark.parametrize("function", [hotloop.collatz, hotloop.collatz_steps])
@pytest.mark.parametrize("n", [0, -1, -(2**31), -(2**63), -(2**64), -(2**70)])
def test_not_positive_is_a_value_error(function, n):
    with raises(HotloopValueError, f"n = {n}: not a positive integer") as info:
        function(n)
    assert isinstance(info.value, ValueError) and isinstance(info.value, HotloopError)


@pytest.mark.parametrize("function", [hotloop.collatz, hotloop.collatz_steps])
@pytest.mark.parametrize("n", [2**64, 2**64 + 5, 2**100])
def test_too_large_is_an_overflow_error_never_wrapped(function, n):
    # c_uint64(2**64 + 5) would silently be 5.
    with raises(HotloopOverflowError, f"n = {n}: does not fit in uint64") as info:
        function(n)
    assert isinstance(info.value, OverflowError)


def test_library_errors_carry_the_library_message_and_status():
    with raises(HotloopOverflowError, r"^collatz: n = 18446744073709551615: the step 3n \+ 1") as info:
        hotloop.collatz(U64_MAX)
    assert info.value.status == 2
    assert hotloop.status_name(info.value.status) == "HOTLOOP_ERR_OVERFLOW"
    assert hotloop.collatz_steps(U64_MAX) == 863  # past 2**64 on the way: answered
    with raises(HotloopOverflowError, "^gsum: n = 4294967296: the sum"):
        hotloop.gsum(4294967296)
    with raises(HotloopOverflowError, "^gsum: n = 9223372036854775808: does not fit in int64"):
        hotloop.gsum(2**63)


def test_collatz_loop_errors():
    with raises(HotloopValueError, "collatz_loop: n = 0: not a positive integer"):
        hotloop.collatz_loop(0, 5)
    with raises(HotloopValueError, "collatz_loop: n = -3: not a positive integer"):
        hotloop.collatz_loop(-3, 0)
    with raises(HotloopValueError, "collatz_loop: k = -1: negative"):
        hotloop.collatz_loop(27, -1)
    with raises(HotloopOverflowError, "k = 18446744073709551616: does not fit"):
        hotloop.collatz_loop(27, 2**64)
    odd = (2**64 - 2) // 3 + 1  # odd, and 3n + 1 does not fit
    # A value past 2**64 on the way is followed; only a result past it raises.
    with raises(HotloopOverflowError, f"collatz_loop: n = {2 * odd}, k = 2: the result, {3 * odd + 1}, does not fit"):
        hotloop.collatz_loop(2 * odd, 2)
    assert hotloop.collatz_loop(2 * odd, 3) == (3 * odd + 1) // 2
    assert hotloop.collatz_loop(2 * odd, 10**9) == [1, 4, 2][(10**9 - hotloop.collatz_steps(2 * odd)) % 3]
    # In the chunked path too, carried across pieces, naming the caller's n and k.
    assert hotloop.collatz_loop(2 * odd, 10**9, progress=True) == hotloop.collatz_loop(2 * odd, 10**9)


@pytest.mark.parametrize("bad", [1.0, 27.5, "27", b"27", None, [27], True, False, 1j])
def test_non_integers_are_type_errors(bad):
    for call in (
        lambda: hotloop.gsum(bad),
        lambda: hotloop.collatz(bad),
        lambda: hotloop.collatz_steps(bad),
        lambda: hotloop.collatz_loop(bad, 1),
        lambda: hotloop.collatz_loop(27, bad),
        lambda: hotloop.collatz_longest(bad),
        lambda: hotloop.collatz_longest(100, start=bad),
        lambda: hotloop.collatz_longest(100, threads=bad),
    ):
        with raises(TypeError, "must be an integer"):
            call()


def test_collatz_longest_errors():
    with raises(HotloopValueError, r"^collatz_longest: \[start, end\) = \[10, 10\): the range is empty"):
        hotloop.collatz_longest(10, start=10)
    with raises(HotloopValueError, "is empty"):
        hotloop.collatz_longest(5, start=10)
    with raises(HotloopValueError, "start = 0: not a positive integer"):
        hotloop.collatz_longest(10, start=0)
    with raises(HotloopValueError, "end = 0: not a positive integer"):
        hotloop.collatz_longest(0)
    with raises(HotloopValueError, "threads = -1: negative"):
        hotloop.collatz_longest(10, threads=-1)
    with raises(HotloopOverflowError, "end = 18446744073709551616: does not fit"):
        hotloop.collatz_longest(2**64)
    top = hotloop.collatz_longest(U64_MAX, start=U64_MAX - 1000)  # past 2**64 on the way: answered
    assert top == reference.collatz_longest(U64_MAX, start=U64_MAX - 1000)


def test_status_names():
    assert [hotloop.status_name(s) for s in range(6)] == [
        "HOTLOOP_OK",
        "HOTLOOP_ERR_INVALID_ARGUMENT",
        "HOTLOOP_ERR_OVERFLOW",
        "HOTLOOP_ERR_NULL_POINTER",
        "HOTLOOP_ERR_MISALIGNED",
        "HOTLOOP_ERR_PANIC",
    ]
    assert hotloop.status_name(99) == "unknown status"
    assert hotloop.status_name(-1) == "unknown status"
    assert hotloop.status_name(2**32) == "unknown status"  # not wrapped to 0
    assert hotloop.status_name(2**32 + 2) == "unknown status"
