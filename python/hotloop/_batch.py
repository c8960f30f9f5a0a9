"""The input and the output of a batch call, seen as chunks of memory: a
long call runs in pieces (_pieces.py), and each piece reads one chunk.

A batch input is one of:
- a buffer of native, aligned, C-contiguous uint64 (numpy's uint64 arrays,
  array('Q'), ctypes c_uint64 arrays): read where it lies, no copy;
- any other buffer of integers (any width, signedness or byte order, numpy
  arrays of any integer dtype): converted one chunk at a time;
- any other iterable of integers (list, range, generator, numpy object
  array): consumed one chunk at a time, so memory stays bounded whatever
  its length, and a caller's own exception from it goes through untouched.

Every buffer a call reads or writes stays exported (a memoryview held) until
the call returns, so another thread's attempt to resize it during the call
is refused with BufferError instead of freeing memory under the kernel.

An element that cannot go to the library (negative, too large, not an
integer) is recorded with its exception and replaced by 0, which the library
marks -1 like its own bad elements: the first -1 is the first bad element,
whatever its kind.
"""

from __future__ import annotations

import ctypes
import itertools
import sys
from array import array
from types import ModuleType
from typing import Any, Dict, Iterator, List, Optional, Tuple

from ._arguments import U64_MAX, integer
from ._errors import HotloopError, HotloopOverflowError, HotloopTypeError, HotloopValueError, describe

# numpy is optional: used, never required. Typed as "maybe a module", so that
# the type checker sees both branches of every `if np is not None`.
np: Optional[ModuleType]
try:
    import numpy as np
except ImportError:  # pragma: no cover - exercised in a subprocess test
    np = None

FUNCTION = "collatz_steps_many"

# array typecodes by (signed, item size in bytes).
_TYPECODES = {
    (signed, array(code).itemsize): code
    for signed, codes in ((True, "bhilq"), (False, "BHILQ"))
    for code in reversed(codes)  # the shortest name wins: 'i' over 'l'
}
_INTEGER_FORMATS = frozenset("bBhHiIlLqQnN")


def _missing(value: Any) -> Optional[str]:
    """How a missing value shows (None, NaN, pandas' NA), or None if it is not one."""
    if value is None:
        return "None"
    if type(value).__name__ == "NAType":
        return "pd.NA"
    if isinstance(value, float) and value != value:
        return "NaN"
    return None


def _bad_element(index: int, value: Any) -> Tuple[Optional[int], Optional[HotloopError]]:
    """(the value as a uint64, None) or (None, the error) for one element."""
    missing = _missing(value)
    if missing is not None:
        return None, HotloopValueError.element(FUNCTION, index, missing, "a missing value")
    try:
        n = integer(value, f"ns[{index}]", FUNCTION)
    except HotloopTypeError as error:
        return None, HotloopTypeError.element(FUNCTION, index, None, error.reason)
    if n < 0:
        return None, HotloopValueError.element(FUNCTION, index, describe(n), "not a positive integer")
    if n > U64_MAX:
        return None, HotloopOverflowError.element(FUNCTION, index, describe(n), "does not fit in uint64")
    return n, None


class Chunk:
    """A chunk of the input as aligned uint64 memory: its address, its
    length, the errors of the elements Python refused (by index in the
    whole batch), and what keeps the memory alive."""

    __slots__ = ("address", "count", "refused", "keep")

    def __init__(self, address: int, count: int, refused: Dict[int, HotloopError], keep: Any) -> None:
        self.address, self.count, self.refused, self.keep = address, count, refused, keep


def _address(buffer: Any) -> int:
    """The address of a writable buffer's first byte (0 when it is empty)."""
    if np is not None and isinstance(buffer, np.ndarray):
        return int(buffer.__array_interface__["data"][0]) if buffer.size else 0
    view = memoryview(buffer)
    if view.nbytes == 0:
        return 0
    return ctypes.addressof(ctypes.c_char.from_buffer(view.cast("B") if view.ndim != 1 or view.format != "B" else view))


def _u64_chunk(values: Any, lo: int) -> Chunk:
    """A chunk made of Python ints (or an array of them), checked."""
    # The fast path: array() converts in C, but takes True for 1, so only
    # plain ints (or an array, which holds nothing else) go that way.
    if type(values) is array or all(type(v) is int for v in values):
        try:
            data = array("Q", values)
            return Chunk(_address(data), len(data), {}, data)
        except OverflowError:
            pass  # a negative or a too large element: find it below
    refused: Dict[int, HotloopError] = {}
    checked: List[int] = []
    for i, value in enumerate(values):
        n, error = _bad_element(lo + i, value)
        if error is not None:
            refused[lo + i] = error
            n = 0
        checked.append(n)  # type: ignore[arg-type]
    data = array("Q", checked)
    return Chunk(_address(data), len(data), refused, data)


# The most elements a converted chunk holds: 2 MiB of uint64 (and numpy's
# temporaries of the same size, or that many Python ints from an iterable),
# plus 1 MiB of int32 results when the output's length is not known ahead.
PIECE_ELEMENTS = 1 << 18


class Source:
    """The input: `length` (None while unknown), `shape` of the result, and
    chunk(lo, count) for the elements from lo on (fewer at the end).
    `largest`: the most elements a chunk may hold (None: any, for an input
    read in place, whose chunks cost no memory)."""

    largest: Optional[int] = PIECE_ELEMENTS
    length: Optional[int] = None
    shape: Tuple[int, ...] = ()
    # The whole input's memory, for the overlap check (None: not a buffer,
    # or a private copy that nothing else can write to).
    memory: Any = None

    def chunk(self, lo: int, count: int) -> Chunk:
        raise NotImplementedError

    def release(self) -> None:
        """Ends the exports: the caller may resize its buffers again."""


class _Direct(Source):
    """Native aligned uint64 in place: every chunk points into it."""

    largest = None

    def __init__(self, view: memoryview, shape: Tuple[int, ...], base: Optional[int] = None) -> None:
        self.view = view
        self.length = view.nbytes // 8
        self.shape = shape
        self.memory = view
        if base is None:
            base = _address(view) if not view.readonly else _readonly_address(view)
        self.base = base

    def chunk(self, lo: int, count: int) -> Chunk:
        count = min(count, self.length - lo)  # type: ignore[operator]
        return Chunk(self.base + 8 * lo, count, {}, self.view)

    def release(self) -> None:
        self.view.release()


def _readonly_address(view: memoryview) -> int:
    """The address of a read-only buffer, through numpy (ctypes only maps
    writable ones)."""
    assert np is not None, "only called when numpy is installed"
    return int(np.frombuffer(view.cast("B"), dtype=np.uint8).ctypes.data)


class _Converted(Source):
    """Integers of another width, signedness or byte order, converted to
    uint64 one chunk at a time. `raw` is the input's bytes; `memory` the
    caller's buffer (None for a private copy)."""

    def __init__(self, raw: memoryview, itemsize: int, signed: bool, swap: bool, memory: Any) -> None:
        self.raw = raw
        self.itemsize = itemsize
        self.typecode = _TYPECODES[(signed, itemsize)]
        self.swap = swap
        self.length = raw.nbytes // itemsize
        self.shape = (self.length,)
        self.memory = memory

    def chunk(self, lo: int, count: int) -> Chunk:
        count = min(count, self.length - lo)  # type: ignore[operator]
        values = array(self.typecode)
        values.frombytes(self.raw[lo * self.itemsize : (lo + count) * self.itemsize])
        if self.swap:
            values.byteswap()
        return _u64_chunk(values, lo)

    def release(self) -> None:
        self.raw.release()
        if self.memory is not None:
            self.memory.release()


class _NumpyConverted(Source):
    """A numpy array of another integer dtype, or not contiguous, or not
    aligned: converted to uint64 one chunk at a time, by numpy. A chunk of
    native, aligned, contiguous int64 with no negative element is read in
    place, as uint64. `missing`: a mask of missing values (pandas' nullable
    integers), each refused as such."""

    def __init__(self, ns: Any, missing: Any = None) -> None:
        assert np is not None, "a numpy array's source"
        self.flat = ns.reshape(-1)  # a view where it can be, else a copy
        self.length = ns.size
        self.shape = ns.shape
        self.memory = ns
        self.signed = ns.dtype.kind == "i"
        self.missing = missing
        self.in_place = (ns.dtype == np.int64 and ns.dtype.isnative and self.flat.flags.c_contiguous
                         and self.flat.flags.aligned and missing is None)
        if self.in_place:
            self.largest = None  # its chunks cost no memory, as _Direct's

    def chunk(self, lo: int, count: int) -> Chunk:
        assert np is not None, "a numpy array's source"
        chunk = self.flat[lo : lo + count]
        if self.in_place and (not len(chunk) or chunk.min() >= 0):
            data = chunk.view(np.uint64)
            return Chunk(int(data.ctypes.data), len(data), {}, data)
        refused: Dict[int, HotloopError] = {}
        data = np.array(chunk, dtype=np.uint64, order="C", copy=True)
        if self.signed:
            for i in np.flatnonzero(chunk < 0).tolist():
                refused[lo + i] = HotloopValueError.element(FUNCTION, lo + i, str(int(chunk[i])),
                                                            "not a positive integer")
                data[i] = 0
        if self.missing is not None:
            for i in np.flatnonzero(self.missing[lo : lo + count]).tolist():
                refused[lo + i] = HotloopValueError.element(FUNCTION, lo + i, "pd.NA", "a missing value")
                data[i] = 0
        return Chunk(int(data.ctypes.data), len(data), refused, data)


class _Iterable(Source):
    """Any iterable of integers, consumed a chunk at a time."""

    def __init__(self, items: Iterator[Any], length: Optional[int], shape: Tuple[int, ...]) -> None:
        self.items = items
        self.length = length
        self.shape = shape

    def chunk(self, lo: int, count: int) -> Chunk:
        return _u64_chunk(list(itertools.islice(self.items, count)), lo)


class _Range(Source):
    """A range: each chunk is computed, never stored whole."""

    def __init__(self, ns: range) -> None:
        self.range = ns
        self.length = len(ns)
        self.shape = (self.length,)

    def chunk(self, lo: int, count: int) -> Chunk:
        part = self.range[lo : lo + count]
        if len(part) and 0 <= min(part[0], part[-1]) and max(part[0], part[-1]) <= U64_MAX:
            if np is not None:
                # Exact in uint64: every value lies in [0, 2**64).
                step = np.arange(len(part), dtype=np.uint64) * np.uint64(abs(part.step))
                data = np.uint64(part[0]) + step if part.step > 0 else np.uint64(part[0]) - step
                return Chunk(int(data.ctypes.data), len(data), {}, data)
            data = array("Q", part)
            return Chunk(_address(data), len(data), {}, data)
        return _u64_chunk(part, lo)


def _buffer_format(view: memoryview) -> Tuple[bool, str]:
    """(whether it is in this machine's byte order, format character) of a
    buffer's struct format."""
    fmt = view.format
    prefix = fmt[0] if fmt[:1] in ("@", "=", "<", ">", "!") else "@"
    native = prefix in "@=" or (prefix == "<") == (sys.byteorder == "little")
    return native, fmt.lstrip("@=<>!")


def _is_native_u64(view: memoryview) -> bool:
    native, char = _buffer_format(view)
    return char in ("Q", "L", "N") and view.itemsize == 8 and native and view.c_contiguous


def source(ns: Any) -> Source:
    """The Source for any input collatz_steps_many accepts."""
    if np is not None and isinstance(ns, np.ndarray):
        return _numpy_source(ns)
    if np is not None and hasattr(ns, "__array__"):
        return _array_like_source(ns)
    try:
        view = memoryview(ns)
    except TypeError:
        view = None
    if view is not None:
        return _buffer_source(view)
    if isinstance(ns, str):
        raise HotloopTypeError(FUNCTION, "ns", "must hold integers, not str")
    if isinstance(ns, range):
        return _Range(ns)
    try:
        items = iter(ns)
    except TypeError:
        raise HotloopTypeError(
            FUNCTION, "ns", f"must be an array, a buffer or an iterable of integers, not {type(ns).__name__}"
        ) from None
    length = len(ns) if isinstance(ns, (list, tuple)) else None
    return _Iterable(items, length, (length,) if length is not None else ())


def _array_like_source(ns: Any) -> Source:
    """What numpy can view or convert without Python objects: a pandas Series
    or Index, a pandas nullable integer array (its missing values refused as
    such), an xarray DataArray, anything with __array__; read as numpy reads
    it (in place when it can), a piece at a time."""
    assert np is not None, "only called when numpy is installed"
    dtype = getattr(ns, "dtype", None)
    numpy_dtype = getattr(dtype, "numpy_dtype", None)  # pandas' Int64, UInt32, ...
    if numpy_dtype is not None and not isinstance(dtype, np.dtype) and numpy_dtype.kind in "iu" \
            and hasattr(ns, "isna"):
        missing = np.asarray(ns.isna())
        if missing.any():
            values = np.asarray(ns.to_numpy(dtype=numpy_dtype, na_value=0))
            return _NumpyConverted(values, missing.reshape(-1))
        return _numpy_source(np.asarray(ns.to_numpy(dtype=numpy_dtype)))
    return _numpy_source(np.asarray(ns))


def _numpy_source(ns: Any) -> Source:
    kind = ns.dtype.kind
    assert np is not None, "ns is a numpy array"
    if kind == "O":
        objects = _Iterable(iter(ns.flat), ns.size, ns.shape)
        # Its storage is object pointers: an `out` viewing it (memoryview(ns)
        # cast to int32) must be refused as overlapping, or the results would
        # overwrite the pointers.
        objects.memory = ns
        return objects
    if kind == "f" and ns.size and np.isnan(ns).any():
        first = int(np.flatnonzero(np.isnan(ns.reshape(-1)))[0])
        raise HotloopTypeError(
            FUNCTION, "ns", f"must hold integers, not {ns.dtype}: ns[{first}] is NaN, a missing value (pandas makes "
            "an integer column float when a value is missing: use a nullable Int64 column, or drop or fill them)")
    if kind not in "ui":
        raise HotloopTypeError(FUNCTION, "ns", f"must hold integers, not {ns.dtype}")
    if ns.dtype == np.uint64 and ns.dtype.isnative and ns.flags.c_contiguous and ns.flags.aligned:
        return _Direct(memoryview(ns), ns.shape, _address(ns))
    return _NumpyConverted(ns)


def _buffer_source(view: memoryview) -> Source:
    native, char = _buffer_format(view)
    if char not in _INTEGER_FORMATS or len(char) != 1:
        fmt = view.format
        view.release()
        raise HotloopTypeError(FUNCTION, "ns", f"must hold integers, not buffer format {fmt!r}")
    if not view.c_contiguous:
        items = view.tolist()
        view.release()
        flat = list(_flatten(items))
        return _Iterable(iter(flat), len(flat), (len(flat),))
    length = view.nbytes // view.itemsize
    if _is_native_u64(view) and (view.nbytes == 0 or _aligned(view)):
        return _Direct(view, (length,))
    swap = not native
    if view.readonly and np is None:
        # Its address cannot be had without numpy, so no overlap check:
        # convert from a private copy instead, which nothing else can write.
        raw, itemsize = memoryview(bytearray(view.cast("B"))), view.itemsize
        view.release()
        return _Converted(raw, itemsize, char.islower(), swap, None)
    return _Converted(view.cast("B"), view.itemsize, char.islower(), swap, view)


def _aligned(view: memoryview) -> bool:
    if view.readonly:
        return np is not None and _readonly_address(view) % 8 == 0
    return _address(view) % 8 == 0


def _flatten(items: Any) -> Iterator[Any]:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


class Sink:
    """Where the results go: the caller's `out`, or a new int32 array."""

    def __init__(self, out: Any, length: Optional[int], shape: Tuple[int, ...]) -> None:
        self.out = out
        self.length = length
        self.grown: Optional[array[int]] = None
        self.scratch: Optional[array[int]] = None
        if out is None:
            if length is None:
                self.grown = array("i")
                self.view: Optional[memoryview] = None
                self.capacity: Optional[int] = None
                return
            self.result: Any = (
                np.empty(shape, dtype=np.int32) if np is not None else array("i", bytes(4 * length))
            )
        else:
            self.result = out
        self.view = _int32_view(self.result)
        self.capacity = self.view.nbytes // 4
        if length is not None and self.capacity != length:
            self.view.release()
            raise HotloopValueError(FUNCTION, "out", f"has {self.capacity} elements, ns has {length}")
        self.base = _address(self.result if np is not None and isinstance(self.result, np.ndarray) else self.view)
        if self.base % 4:
            self.view.release()
            raise HotloopValueError(FUNCTION, "out", "not aligned to 4 bytes")

    def address(self, lo: int, count: int) -> int:
        """Where the results of elements [lo, lo + count) are written."""
        if self.grown is not None:
            self.scratch = array("i", bytes(4 * count))
            return _address(self.scratch)
        if lo + count > self.capacity:  # type: ignore[operator]
            raise HotloopValueError(FUNCTION, "out", f"has {self.capacity} elements, ns has more")
        return self.base + 4 * lo

    def commit(self) -> None:
        if self.grown is not None and self.scratch is not None:
            self.grown.extend(self.scratch)
            self.scratch = None

    def finish(self, done: int) -> Any:
        """The result, once `done` elements were written."""
        if self.grown is not None:
            return np.frombuffer(self.grown, dtype=np.int32) if np is not None else self.grown
        if done != self.capacity:
            raise HotloopValueError(FUNCTION, "out", f"has {self.capacity} elements, ns has {done}")
        return self.result

    def release(self) -> None:
        if self.view is not None:
            self.view.release()


def _int32_view(out: Any) -> memoryview:
    """A writable, C-contiguous view of int32 results, or the error."""
    if np is not None and isinstance(out, np.ndarray):
        if out.dtype != np.int32 or not out.dtype.isnative:
            raise HotloopTypeError(FUNCTION, "out", f"must be an int32 array, not {out.dtype}")
        if not (out.flags.c_contiguous and out.flags.writeable):
            raise HotloopValueError(FUNCTION, "out", "must be C-contiguous and writable")
    try:
        view = memoryview(out)
    except TypeError:
        raise HotloopTypeError(FUNCTION, "out", f"must be a writable int32 buffer, not {type(out).__name__}") from None
    native, char = _buffer_format(view)
    if char not in ("i", "l") or view.itemsize != 4 or not native:
        fmt = view.format
        view.release()
        raise HotloopTypeError(FUNCTION, "out", f"must hold int32 values, not format {fmt!r}")
    if view.readonly or not view.c_contiguous:
        view.release()
        raise HotloopValueError(FUNCTION, "out", "must be C-contiguous and writable")
    return view


def overlap(source: Source, sink: Sink) -> bool:
    """Whether the input and the output share memory: the output would then
    overwrite elements before they are read."""
    if sink.out is None or source.memory is None or sink.capacity == 0 or not source.length:
        return False  # a new output array overlaps nothing
    if np is not None:
        return bool(np.shares_memory(np.asarray(source.memory), np.asarray(sink.view)))
    # Without numpy every input buffer here is a writable C-contiguous view.
    assert sink.capacity is not None, "out was given"
    start = _address(source.memory)
    end = start + source.memory.nbytes
    return start < sink.base + 4 * sink.capacity and sink.base < end
