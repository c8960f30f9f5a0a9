"""collatz_steps_many with every kind of input a user passes."""

import ctypes
from array import array

import hotloop
import pytest
import reference
from hotloop import HotloopOverflowError, HotloopValueError

np = pytest.importorskip("numpy")

EXPECTED = [reference.collatz_steps(n) for n in range(1, 2001)]


def as_list(result):
    return list(result.tolist() if hasattr(result, "tolist") else result)


def test_numpy_uint64_is_used_without_a_copy():
    ns = np.arange(1, 2001, dtype=np.uint64)
    result = hotloop.collatz_steps_many(ns)
    assert result.dtype == np.int32 and result.shape == ns.shape
    assert result.tolist() == EXPECTED
    # No copy: the library reads the caller's memory (watch a change show up).
    ns[0] = 27
    assert hotloop.collatz_steps_many(ns)[0] == 111


@pytest.mark.parametrize("threads", [0, 1, 2, 7])
def test_every_thread_count_agrees(threads):
    ns = np.arange(1, 300_001, dtype=np.uint64)
    assert np.array_equal(hotloop.collatz_steps_many(ns, threads=threads), hotloop.collatz_steps_many(ns, threads=1))


def test_non_contiguous_views_are_correct():
    base = np.arange(1, 4001, dtype=np.uint64)
    view = base[::2]
    assert not view.flags.c_contiguous
    assert hotloop.collatz_steps_many(view).tolist() == [reference.collatz_steps(n) for n in range(1, 4001, 2)]
    reversed_view = base[::-1][:100]
    assert hotloop.collatz_steps_many(reversed_view).tolist() == [reference.collatz_steps(int(n)) for n in reversed_view]
    two_d = np.arange(1, 13, dtype=np.uint64).reshape(3, 4).T
    assert hotloop.collatz_steps_many(two_d).tolist() == [[reference.collatz_steps(int(n)) for n in row] for row in two_d]


def test_misaligned_views_are_correct():
    raw = np.zeros(8 * 1000 + 1, dtype=np.uint8)
    misaligned = raw[1:].view(np.uint64)
    misaligned[:] = np.arange(1, 1001, dtype=np.uint64)
    assert not misaligned.flags.aligned
    assert hotloop.collatz_steps_many(misaligned).tolist() == EXPECTED[:1000]


def test_other_dtypes():
    assert hotloop.collatz_steps_many(np.arange(1, 2001, dtype=np.int64)).tolist() == EXPECTED
    assert hotloop.collatz_steps_many(np.arange(1, 201, dtype=np.uint8)).tolist() == EXPECTED[:200]
    assert hotloop.collatz_steps_many(np.arange(1, 2001, dtype=np.uint64).byteswap().view(">u8")).tolist() == EXPECTED
    with pytest.raises(HotloopValueError, match=r"ns\[2\] = -3: not a positive integer"):
        hotloop.collatz_steps_many(np.array([1, 2, -3, -4], dtype=np.int64))
    with pytest.raises(TypeError, match="float64"):
        hotloop.collatz_steps_many(np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="bool"):
        hotloop.collatz_steps_many(np.array([True, False]))
    objects = np.array([1, 2**64, 27], dtype=object)
    with pytest.raises(HotloopOverflowError, match=r"ns\[1\] = 18446744073709551616: does not fit"):
        hotloop.collatz_steps_many(objects)
    # Past 2**64 on the way is answered, not an error.
    assert hotloop.collatz_steps_many(np.array([2**64 - 1, 12327829503], dtype=np.uint64)).tolist() == [
        863, reference.collatz_steps(12327829503)]


def test_array_and_buffers():
    assert as_list(hotloop.collatz_steps_many(array("Q", range(1, 2001)))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many(array("q", range(1, 2001)))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many(array("I", range(1, 2001)))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many(memoryview(array("Q", range(1, 2001))))) == EXPECTED
    readonly = bytes(array("Q", range(1, 2001)))
    assert as_list(hotloop.collatz_steps_many(memoryview(readonly).cast("Q"))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many((ctypes.c_uint64 * 3)(1, 2, 27))) == [0, 1, 111]
    with pytest.raises(HotloopValueError, match=r"ns\[1\] = -2"):
        hotloop.collatz_steps_many(array("q", [1, -2]))
    with pytest.raises(TypeError, match="buffer format 'd'"):
        hotloop.collatz_steps_many(array("d", [1.0]))


def test_iterables_of_ints():
    assert as_list(hotloop.collatz_steps_many(list(range(1, 2001)))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many(range(1, 2001))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many(n for n in range(1, 2001))) == EXPECTED
    assert as_list(hotloop.collatz_steps_many((27,))) == [111]
    assert as_list(hotloop.collatz_steps_many([])) == []
    assert as_list(hotloop.collatz_steps_many([np.uint64(27), np.int32(3)])) == [111, 7]


@pytest.mark.parametrize(
    "ns, error, message",
    [
        ([1, 2, 0, 4], HotloopValueError, r"ns\[2\] = 0: not a positive integer"),
        ([1, -5], HotloopValueError, r"ns\[1\] = -5: not a positive integer"),
        ([1, 2**64], HotloopOverflowError, r"ns\[1\] = 18446744073709551616: does not fit"),
        ([1, 2.5], TypeError, r"ns\[1\]: must be an integer, not float"),
        ([1, True], TypeError, r"ns\[1\]: must be an integer, not bool"),
        (["1"], TypeError, r"ns\[0\]: must be an integer, not str"),
        ("123", TypeError, "not str"),
        (5, TypeError, "not int"),
    ],
)
def test_bad_elements_name_their_index(ns, error, message):
    with pytest.raises(error, match=message):
        hotloop.collatz_steps_many(ns)


def test_bad_elements_past_the_first_chunk_are_named_by_their_index_in_the_batch():
    chunk = 1 << 20  # past the first pieces, whatever their sizes
    ns = np.arange(1, 3 * chunk + 1, dtype=np.uint64)
    ns[2 * chunk + 5] = 0
    ns[2 * chunk + 9] = 0
    with pytest.raises(HotloopValueError, match=rf"ns\[{2 * chunk + 5}\] = 0: not a positive integer") as info:
        hotloop.collatz_steps_many(ns)
    result = info.value.result
    assert result[2 * chunk + 5] == -1 and result[2 * chunk + 9] == -1
    assert result[-1] == reference.collatz_steps(3 * chunk)
    ns[2 * chunk + 5] = 27
    with pytest.raises(HotloopValueError, match=rf"ns\[{2 * chunk + 9}\] = 0: not a positive"):
        hotloop.collatz_steps_many(ns)


def test_bad_elements_leave_the_rest_computed():
    with pytest.raises(HotloopValueError) as info:
        hotloop.collatz_steps_many(np.array([27, 0, 3, 2**64 - 1], dtype=np.uint64))
    assert info.value.result.tolist() == [111, -1, 7, 863]


def test_out_buffers():
    ns = np.arange(1, 2001, dtype=np.uint64)
    out = np.empty(2000, dtype=np.int32)
    assert hotloop.collatz_steps_many(ns, out=out) is out
    assert out.tolist() == EXPECTED
    out_array = array("i", [0]) * 2000
    assert hotloop.collatz_steps_many(ns, out=out_array) is out_array
    assert list(out_array) == EXPECTED
    with pytest.raises(HotloopValueError, match="out: has 10 elements, ns has 2000"):
        hotloop.collatz_steps_many(ns, out=np.empty(10, dtype=np.int32))
    with pytest.raises(TypeError, match="int32"):
        hotloop.collatz_steps_many(ns, out=np.empty(2000, dtype=np.int64))
    with pytest.raises(HotloopValueError, match="C-contiguous"):
        hotloop.collatz_steps_many(ns[:1000], out=np.empty(2000, dtype=np.int32)[::2])
    with pytest.raises(TypeError, match="int32"):
        hotloop.collatz_steps_many(ns, out=bytearray(8000))
    with pytest.raises(TypeError, match="writable int32 buffer"):
        hotloop.collatz_steps_many(ns, out=[0] * 2000)


def test_out_that_overlaps_the_input_is_refused():
    ns = np.arange(1, 101, dtype=np.uint64)
    with pytest.raises(HotloopValueError, match="overlap"):
        hotloop.collatz_steps_many(ns, out=ns.view(np.int32)[:100])
    assert ns.tolist() == list(range(1, 101))
