"""collatz_steps_many fed arbitrary containers: lists of arbitrary objects,
numpy arrays of every integer dtype, byte order, shape and stride (and of
floats, bools and objects), array.array, memoryviews, ctypes arrays, ranges,
generators that raise part-way; `out=` buffers of every kind, right and
wrong; any thread count. Each outcome must be the pure-Python definition's
answer, or the documented exception: for a bad element, the first in index
order, of its kind, with every other element's steps in `.result`; for a
bad container or `out`, a HotloopError; a generator's own exception, untouched.
Run by `make fuzz` (atheris)."""

import ctypes
import sys
from array import array

import atheris

with atheris.instrument_imports():
    import common
    import hotloop
    import numpy as np
    from common import Raised, as_int, reference

from hotloop import HotloopError, HotloopOverflowError, HotloopTypeError, HotloopValueError

U64_MAX = common.U64_MAX
CTYPES = [ctypes.c_int8, ctypes.c_uint8, ctypes.c_int16, ctypes.c_uint16, ctypes.c_int32, ctypes.c_uint32,
          ctypes.c_int64, ctypes.c_uint64]
TYPECODES = "bBhHiIlLqQ"


def element_error(value):
    """The exception class an element calls for, or None for a good one. A
    missing value (None, NaN, pandas' NA) is a ValueError, named as such."""
    if value is None or isinstance(value, float) and value != value:
        return HotloopValueError
    n = as_int(value)
    if n is None:
        return HotloopTypeError
    if n <= 0:
        return HotloopValueError
    if n > U64_MAX:
        return HotloopOverflowError
    return None


def raises(value):
    """Whether reading `value` raises the caller's own exception."""
    return isinstance(value, common._Index) and value.raises


def values(fdp, count, lo, hi):
    return [fdp.ConsumeIntInRange(lo, hi) for _ in range(count)]


def make_input(fdp):
    """(ns, its elements as the API must read them, in flat order, or None
    when ns as a whole may be refused; whether a generator raises after
    how many)."""
    kind = fdp.ConsumeIntInRange(0, 7)
    count = fdp.ConsumeIntInRange(0, 40)
    if kind == 0:  # a list of anything
        items = [common.anything(fdp) if fdp.ConsumeIntInRange(0, 3) == 0 else common.integer(fdp)
                 for _ in range(count)]
        return items, items
    if kind == 1:  # a numpy integer array: any dtype, byte order, shape, stride
        dtype = np.dtype(common.INT_DTYPES[fdp.ConsumeIntInRange(0, 7)])
        if fdp.ConsumeBool():
            dtype = dtype.newbyteorder()
        info = np.iinfo(dtype)
        flat = np.array(values(fdp, count * 2, int(info.min), int(info.max)), dtype=dtype)
        shaped = flat[:: fdp.ConsumeIntInRange(1, 2)][:count]
        if count % 2 == 0 and count and fdp.ConsumeBool():
            shaped = shaped.reshape(2, -1)
            if fdp.ConsumeBool():
                shaped = shaped.T  # not C-contiguous
        return shaped, [int(v) for v in shaped.reshape(-1)]
    if kind == 2:  # numpy arrays that are not integers
        choice = fdp.ConsumeIntInRange(0, 2)
        if choice == 0:
            return np.array(values(fdp, count, 0, 10**6), dtype=np.float64), None
        if choice == 1:
            return np.array([fdp.ConsumeBool() for _ in range(count)], dtype=bool), None
        items = [common.anything(fdp) for _ in range(count)]
        array_ = np.empty(len(items), dtype=object)
        array_[:] = items
        return array_, items
    if kind == 3:  # array.array, and a memoryview of it, possibly cast
        code = TYPECODES[fdp.ConsumeIntInRange(0, len(TYPECODES) - 1)]
        size = array(code).itemsize
        lo, hi = (-(2 ** (8 * size - 1)), 2 ** (8 * size - 1) - 1) if code.islower() else (0, 2 ** (8 * size) - 1)
        data = array(code, values(fdp, count, lo, hi))
        return (memoryview(data) if fdp.ConsumeBool() else data), list(data)
    if kind == 4:  # a ctypes array
        ctype = CTYPES[fdp.ConsumeIntInRange(0, len(CTYPES) - 1)]
        bits = 8 * ctypes.sizeof(ctype)
        signed = ctype(-1).value == -1
        lo, hi = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
        data = (ctype * count)(*values(fdp, count, lo, hi))
        return data, list(data)
    if kind == 5:  # a range anywhere
        start = common.integer(fdp)
        step = fdp.ConsumeIntInRange(1, 2**20) * (1 if fdp.ConsumeBool() else -1)
        r = range(start, start + step * count, step)
        return r, list(r)
    if kind == 6:  # a generator that may raise part-way
        items = [common.integer(fdp) for _ in range(count)]
        raise_at = fdp.ConsumeIntInRange(0, count + 1) if fdp.ConsumeBool() else None

        def generate():
            for i, item in enumerate(items):
                if i == raise_at:
                    raise Raised("part-way")
                yield item

        return generate(), (items if raise_at is None or raise_at >= count else Raised)
    if fdp.ConsumeBool():
        data = bytes(values(fdp, count, 0, 255))  # a buffer of unsigned bytes: integers too
        return data, list(data)
    return "x" * count, None  # not a container of integers


def make_out(fdp, ns, length):
    """(out, whether it is a right one) for an input of `length` elements."""
    choice = fdp.ConsumeIntInRange(0, 9)
    if choice <= 3 or length is None:
        return None, True
    wrong = max(length + fdp.ConsumeIntInRange(-2, 2), 0) if fdp.ConsumeBool() else length
    if choice == 4:
        return np.full(wrong, -7, dtype=np.int32), wrong == length
    if choice == 5:
        return array("i", [-7] * wrong), wrong == length
    if choice == 6:
        return (ctypes.c_int32 * wrong)(), wrong == length
    if choice == 7:
        return memoryview(bytearray(4 * wrong)).cast("i"), wrong == length
    if choice == 8:
        return np.zeros(wrong, dtype=[np.int64, np.uint32, np.float32, ">i4"][fdp.ConsumeIntInRange(0, 3)]), False
    # Overlapping the input, where the input is memory of its own.
    try:
        raw = memoryview(ns).cast("B")
    except (TypeError, ValueError):
        return memoryview(b"\0" * 4 * length).cast("i"), False  # read-only
    if raw.readonly or raw.nbytes < 4 * length or not length:
        return None, True
    return raw[: 4 * length].cast("i"), False


def test_one(data):
    fdp = atheris.FuzzedDataProvider(data)
    ns, items = make_input(fdp)
    threads = fdp.ConsumeIntInRange(0, 2**33) if fdp.ConsumeIntInRange(0, 5) else -fdp.ConsumeIntInRange(1, 5)
    length = None if items is None or items is Raised else len(items)
    out, out_right = make_out(fdp, ns, length)
    try:
        result = hotloop.collatz_steps_many(ns, threads=threads, out=out)
    except Raised:
        assert items is Raised or any(raises(v) for v in items or ()), "a caller's exception where none was raised"
        return
    except HotloopError as error:
        str(error)
        if error.index is None:  # the call as a whole was refused
            assert items is None or not out_right or threads < 0, f"refused: {error!r}"
            return
        assert items is not None and items is not Raised, f"an element error for {type(ns)}: {error!r}"
        assert not any(raises(v) for v in items), "an element's __index__ raised, and its exception was lost"
        bad = [(i, element_error(v)) for i, v in enumerate(items) if element_error(v) is not None]
        assert bad, f"{error!r} for good elements"
        assert error.index == bad[0][0] and isinstance(error, bad[0][1]), f"{error!r}, expected {bad[0]}"
        check(error.result, items)
        return
    assert items is not None and items is not Raised, f"answered for {type(ns).__name__} {ns!r}"
    assert not any(raises(v) for v in items), "an element's __index__ raised, and its exception was lost"
    assert threads >= 0 and out_right, "a bad thread count or out= went through"
    assert all(element_error(v) is None for v in items), "a bad element went through"
    check(result, items)
    if out is not None:
        assert result is out


def check(result, items):
    got = list(np.asarray(result).reshape(-1)) if isinstance(result, np.ndarray) else list(result)
    expected = [-1 if element_error(v) else reference.collatz_steps(as_int(v)) for v in items]
    assert got == expected, f"{got} != {expected}"


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()
