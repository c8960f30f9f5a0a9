"""pandas' and other array-likes' integer containers go through numpy, a
piece at a time, never element by element; missing values are named as
such, with their index."""

import hotloop
import numpy as np
import pytest
import reference
from hotloop import HotloopTypeError, HotloopValueError

pd = pytest.importorskip("pandas")

NS = [27, 97, 1, 871, 2**63 + 1, 12327829503]
STEPS = [reference.collatz_steps(n) for n in NS]


@pytest.mark.parametrize(
    "make",
    [
        lambda: pd.Series(NS, dtype="uint64"),
        lambda: pd.Series(NS[:4], dtype="int64"),
        lambda: pd.Series(NS[:4], dtype="int32"),
        lambda: pd.Series(NS[:4], dtype="int64", index=[10, 3, 7, 1]),  # labels are not positions
        lambda: pd.Index(NS, dtype="uint64"),
        lambda: pd.array(NS[:4], dtype="Int64"),  # nullable, nothing missing
        lambda: pd.Series(NS, dtype="UInt64"),
        lambda: pd.DataFrame({"n": NS[:4]})["n"],
        lambda: pd.Series(NS[:4], dtype=object),  # Python ints in an object column
    ],
    ids=["uint64", "int64", "int32", "labelled", "index", "Int64 array", "UInt64", "column", "object"],
)
def test_pandas_integer_containers_give_every_elements_steps(make):
    ns = make()
    expected = STEPS[: len(ns)]
    assert hotloop.collatz_steps_many(ns).tolist() == expected


def test_a_series_is_read_through_numpy_not_element_by_element(monkeypatch):
    # The object path (_Iterable) is never taken for an integer Series.
    from hotloop import _batch

    def refuse(*args, **kwargs):
        raise AssertionError("read element by element")

    monkeypatch.setattr(_batch, "_Iterable", refuse)
    series = pd.Series(np.arange(1, 100_001, dtype=np.int64))
    assert hotloop.collatz_steps_many(series)[-1] == reference.collatz_steps(100_000)


@pytest.mark.parametrize(
    "ns, index, shown",
    [
        (pd.Series([27, None, 97, None], dtype="Int64"), 1, "pd.NA"),
        (pd.array([27, 97, None], dtype="UInt32"), 2, "pd.NA"),
        (pd.Series([27, None, 97], dtype=object), 1, "None"),
        (pd.Series([27, pd.NA, 97], dtype=object), 1, "pd.NA"),
        ([27, float("nan"), 97], 1, "NaN"),
    ],
)
def test_a_missing_value_is_named_as_such_with_its_index(ns, index, shown):
    with pytest.raises(HotloopValueError) as info:
        hotloop.collatz_steps_many(ns)
    error = info.value
    assert (error.index, error.subject, error.reason) == (index, f"ns[{index}] = {shown}", "a missing value")
    result = error.result.tolist()
    assert result[index] == -1 and result[0] == 111  # every other element computed


def test_a_float_series_holding_nan_says_the_nan_is_a_missing_value():
    # pandas makes an integer column float64 when a value is missing.
    with pytest.raises(HotloopTypeError, match=r"not float64: ns\[2\] is NaN, a missing value"):
        hotloop.collatz_steps_many(pd.Series([27, 97, None, 5]))


def test_a_negative_in_a_signed_series_is_refused_with_its_index():
    with pytest.raises(HotloopValueError) as info:
        hotloop.collatz_steps_many(pd.Series([27, -3, 0], dtype="int64"))
    assert info.value.index == 1 and info.value.result.tolist() == [111, -1, -1]


def test_an_out_over_the_series_memory_is_refused():
    memory = np.arange(1, 101, dtype=np.uint64)
    series = pd.Series(memory, copy=False)  # over the caller's own, writable array
    with pytest.raises(HotloopValueError, match="overlap"):
        hotloop.collatz_steps_many(series, out=memory.view(np.int32)[:100])
    assert memory.tolist() == list(range(1, 101))


@pytest.mark.parametrize("dtype", ["int64", ">i8", "<i4", "int8", "uint16", ">u8"])
def test_numpy_arrays_of_every_integer_dtype_and_byte_order(dtype):
    ns = np.array([27, 97, 1, 100], dtype=dtype)
    assert hotloop.collatz_steps_many(ns).tolist() == [111, 118, 0, 25]


def test_an_int64_array_with_no_negative_is_read_in_place():
    from hotloop import _batch

    source = _batch.source(np.arange(1, 1000, dtype=np.int64))
    chunk = source.chunk(0, 1000)
    assert source.largest is None and chunk.keep.base is not None  # a view, not a copy
