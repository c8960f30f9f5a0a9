"""The Python API: each function returns exactly what its pure-Python
definition returns, or raises.

The scalar functions test the common case (an int in range) in one
expression and call the C function directly; everything else takes a slower
path that checks the arguments (_arguments.py) and explains what is wrong.
Long calls run in pieces (_pieces.py); batches read and write memory through
_batch.py; every failure becomes an exception in _errors.py.
"""

from __future__ import annotations

import ctypes
from array import array
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Iterable,
    List,
    Optional,
    Sized,
    SupportsIndex,
    TypeVar,
    Union,
    overload,
)

from . import _arguments, _batch
from ._longest import Longest, Part, Plan, Search
from ._errors import HotloopError, HotloopOverflowError, HotloopValueError, from_record
from ._library import ErrorRecord, Library, load
from ._pieces import run_in_pieces

if TYPE_CHECKING:  # numpy is optional at run time; its types only matter to a checker.
    import numpy
    from numpy.typing import NDArray

# `out=`'s type, which collatz_steps_many returns: any int32 buffer with a length.
Out = TypeVar("Out", bound=Sized)
F = TypeVar("F", bound=Callable[..., Any])

# Iterations of one collatz_loop call: a call up to this long runs whole
# (about 25 ms); a longer one runs in pieces. Below 2**31, so a k up to it
# can take the fast path.
LOOP_PIECE = 1 << 26

library: Library = load()
_hold = library.hold
_release = library.release
_fast = library.fast


def _checked_call(c_function: Any, function: str, *arguments: Any) -> Any:
    """c_function(*arguments, record), the _r twin of a libhotloop function:
    its status or its value, or the exception its record describes, as the
    Python `function`'s. For every call that can fail: the fast paths, which
    cannot, call the plain functions."""
    record = ErrorRecord()
    result = c_function(*arguments, ctypes.byref(record))
    if record.status:
        raise from_record(record, function)
    return result


# The scalar functions are made by closures so that the C function is a fast
# local lookup on the hot path, without showing up in their signatures. The
# fast path of each is an int in [0, 2**31), passed to the FAST binding (see
# _library.py); every other value goes through the checks and the typed one.
# public() names each as the module-level function it is, for help() and the
# documentation generator (which cannot follow `_make_gsum.<locals>.gsum`).


def public(function: F) -> F:
    function.__qualname__ = function.__name__
    return function


def _make_gsum(fast: Any, typed: Any) -> Callable[[SupportsIndex], int]:
    def gsum(n: SupportsIndex) -> int:
        """0 + 1 + ... + n, as `sum(range(1, n + 1))`: 0 for n <= 0.

        Raises OverflowError when the sum does not fit in int64
        (n > 4294967295), TypeError for a non-integer."""
        if type(n) is int and 0 <= n < 2147483648:
            return fast(n)  # type: ignore[no-any-return]
        value = _arguments.integer(n, "n", "gsum")
        if value <= 0:
            return 0
        if value > _arguments.I64_MAX:
            raise _arguments.refuse(HotloopOverflowError, "gsum", "n", value, "does not fit in int64")
        result: int = _checked_call(typed, "gsum", value)
        return result

    return public(gsum)


def _make_collatz(fast: Any, typed: Any) -> Callable[[SupportsIndex], int]:
    def collatz(n: SupportsIndex) -> int:
        """One Collatz step: n // 2 for even n, 3n + 1 for odd n.

        Raises ValueError for n <= 0, OverflowError when n or 3n + 1 does not
        fit in uint64, TypeError for a non-integer."""
        if type(n) is int and 0 < n < 2147483648:
            return fast(n)  # type: ignore[no-any-return]
        result: int = _checked_call(typed, "collatz", _arguments.positive_u64(n, "n", "collatz"))
        return result

    return public(collatz)


def _make_collatz_steps(fast: Any, typed: Any) -> Callable[[SupportsIndex], int]:
    def collatz_steps(n: SupportsIndex) -> int:
        """The number of Collatz steps for n to reach 1 (0 for n = 1), for
        every n in `[1, 2**64)`: a trajectory that passes `2**64` on the way is
        followed in 128-bit arithmetic.

        Raises ValueError for n <= 0, OverflowError when n does not fit in
        uint64, TypeError for a non-integer."""
        if type(n) is int and 0 < n < 2147483648:
            return fast(n)  # type: ignore[no-any-return]
        result: int = _checked_call(typed, "collatz_steps", _arguments.positive_u64(n, "n", "collatz_steps"))
        return result

    return public(collatz_steps)


gsum = _make_gsum(_fast.hotloop_gsum, _hold.hotloop_gsum_r)
collatz = _make_collatz(_fast.hotloop_collatz, _hold.hotloop_collatz_r)
collatz_steps = _make_collatz_steps(_fast.hotloop_collatz_steps, _hold.hotloop_collatz_steps_r)
_fast_loop = _fast.hotloop_collatz_loop


def collatz_loop(n: SupportsIndex, k: SupportsIndex, *, progress: bool = False) -> int:
    """The Collatz step applied k times to n (k = 0 gives n back).

    Every iteration runs in Rust. A value on the way may pass `2**64` (it is
    followed in 128-bit arithmetic); only a result that does not fit in
    uint64 raises. A long loop runs in pieces with the GIL released: other
    threads keep running, Ctrl-C raises KeyboardInterrupt within a fraction
    of a second, and progress=True shows a progress bar.

    Raises ValueError for n <= 0 or k < 0, OverflowError when n, k or the
    result does not fit in uint64, TypeError for a non-integer."""
    if type(n) is int and type(k) is int and 0 < n < 2147483648 and 0 <= k <= LOOP_PIECE and not progress:
        # No trajectory from below 2**31 passes 2**64: this call cannot fail.
        result: int = _fast_loop(n, k)
        return result
    start = _arguments.positive_u64(n, "n", "collatz_loop")
    count = _arguments.count_u64(k, "k", "collatz_loop")
    if count <= LOOP_PIECE and not progress:
        result = _checked_call(_hold.hotloop_collatz_loop_r, "collatz_loop", start, count)
        return result
    return _collatz_loop_in_pieces(start, count, progress)


def _collatz_loop_in_pieces(start: int, count: int, progress: bool) -> int:
    """collatz_loop's long calls. A function of its own: the closure's cells
    would otherwise be made on every call of collatz_loop, fast path included
    (measured: 842 ns against 280 ns for the raw call at k = 1; without the
    cells the wrapper costs what gsum's does)."""
    # The value carried from piece to piece may pass 2**64: 128 bits.
    value = start
    hi_out, lo_out, record = ctypes.c_uint64(), ctypes.c_uint64(), ErrorRecord()
    hi_ref, lo_ref, record_ref = ctypes.byref(hi_out), ctypes.byref(lo_out), ctypes.byref(record)
    c_loop = _release.hotloop_collatz_loop_wide_r

    def step(done: int, size: int) -> int:
        nonlocal value
        if c_loop(value >> 64, value & _arguments.U64_MAX, size, hi_ref, lo_ref, record_ref):
            error = from_record(record, "collatz_loop")
            raise type(error)("collatz_loop", f"n = {start}, k = {count}", error.reason, error.status)
        value = hi_out.value << 64 | lo_out.value
        return size

    run_in_pieces(step, total=count, first_size=LOOP_PIECE, description="collatz_loop", progress=progress)
    if value > _arguments.U64_MAX:
        raise HotloopOverflowError(
            "collatz_loop", f"n = {start}, k = {count}", f"the result, {value}, does not fit in uint64"
        )
    return value


def collatz_longest(
    end: SupportsIndex, *, start: SupportsIndex = 1, threads: SupportsIndex = 0, progress: bool = False
) -> Longest:
    """The n in [start, end) with the most Collatz steps, the smallest such n
    on a tie, as Longest(n, steps).

    Runs on `threads` cores (0 = all, any other count capped at what the
    machine has; the answer is the same for any count), with the GIL released,
    in pieces so that Ctrl-C is seen within a fraction of a second and
    progress=True can show a bar. Memory stays bounded.

    Every range of uint64 is answered: trajectories that pass `2**64` on the
    way are followed in 128-bit arithmetic.

    Raises ValueError for start <= 0 or start >= end, OverflowError when end
    does not fit in uint64."""
    search = Search.checked(end, start, "collatz_longest")
    workers = _arguments.threads(threads, "collatz_longest")
    plan = Plan(longest_parts(search))

    def step(done: int, size: int) -> int:
        window = plan.window(size)
        if window is None:
            return 0
        lo, hi, at_least = window
        plan.searched(lo, hi, longest_window(search, lo, hi, at_least, workers))
        return hi - lo

    # The bar counts the numbers of the range: those below lo are ruled out
    # without a look, so it starts with them done.
    run_in_pieces(step, total=search.end - search.lo, first_size=1 << 20, description="collatz_longest",
                  progress=progress, already=search.lo - search.start, unit="n", ruled_out=plan.ruled_out)
    return plan.best


def longest_parts(search: Search) -> List[Part]:
    """The parts of `search` in the order the library takes them
    (hotloop_collatz_longest_part): the highest bound first, where the
    answer is found early, so that the parts after it are left out."""
    parts: List[Part] = []
    lo, hi, most_steps, holds_record = ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_int32(), ctypes.c_int32()
    while True:
        _checked_call(_hold.hotloop_collatz_longest_part_r, "collatz_longest", search.start, search.end,
                      len(parts), ctypes.byref(lo), ctypes.byref(hi), ctypes.byref(most_steps),
                      ctypes.byref(holds_record))
        if lo.value == hi.value:
            return parts
        parts.append(Part(lo.value, hi.value, most_steps.value, bool(holds_record.value)))


def longest_window(search: Search, lo: int, hi: int, at_least: int, workers: int) -> Longest:
    """The best candidate of `search` in the window [lo, hi), or NO_CANDIDATE.
    A candidate with fewer steps than `at_least`, the best found elsewhere,
    may be skipped; results that do not beat it mean nothing. Releases the
    GIL. Used by collatz_longest here and by hotloop.dask, each window of
    which is one task."""
    n_out, steps_out = ctypes.c_uint64(), ctypes.c_int32()
    _checked_call(_release.hotloop_collatz_longest_window_r, "collatz_longest", search.start, search.end, lo, hi,
                  at_least, workers, ctypes.byref(n_out), ctypes.byref(steps_out))
    return Longest(n_out.value, steps_out.value)


@overload
def collatz_steps_many(
    ns: Union[NDArray[numpy.integer[Any]], Iterable[SupportsIndex]],
    *,
    threads: SupportsIndex = ...,
    out: Out,
    progress: bool = ...,
) -> Out: ...
@overload
def collatz_steps_many(
    ns: NDArray[numpy.integer[Any]], *, threads: SupportsIndex = ..., out: None = ..., progress: bool = ...
) -> NDArray[numpy.int32]: ...
@overload
def collatz_steps_many(
    ns: Iterable[SupportsIndex], *, threads: SupportsIndex = ..., out: None = ..., progress: bool = ...
) -> Union[NDArray[numpy.int32], array[int]]: ...
def collatz_steps_many(ns: Any, *, threads: SupportsIndex = 0, out: Any = None, progress: bool = False) -> Any:
    """The Collatz steps of every element of ns, computed in Rust on `threads`
    cores (0 = all, any other count capped at what the machine has; the
    result is the same for any count), GIL released.

    ns: a numpy array, an array.array, any buffer of integers (read in place
    when it holds native, aligned uint64 or int64, converted a piece at a time
    otherwise), a pandas Series, Index or nullable integer array, or anything
    else numpy reads through __array__ (read through numpy, never element by
    element; a missing value is a bad element), or any iterable of ints,
    ranges and generators included (consumed a piece at a time: memory stays
    bounded). Returns a numpy int32
    array (of ns's shape) when numpy is installed, array('i') otherwise; or
    fills and returns `out`, a caller's int32 buffer of the same length.
    Buffers stay exported during the call, so resizing them from another
    thread raises BufferError. Long batches run in pieces: Ctrl-C is seen
    within a fraction of a second, and progress=True shows a bar.

    Every element in `[1, 2**64)` is answered, trajectories past `2**64`
    included. A bad element makes the call raise, once every element is
    computed, the error of the first bad one in index order: ValueError for
    0 or a negative number, OverflowError for one that does not fit in
    uint64, TypeError for a non-integer. The exception's
    `result` holds every other element's steps (-1 for bad ones)."""
    function = _batch.FUNCTION
    workers = _arguments.threads(threads, function)
    source = _batch.source(ns)
    first_bad: Optional[HotloopError] = None
    try:
        sink = _batch.Sink(out, source.length, source.shape)
        try:
            if _batch.overlap(source, sink):
                raise HotloopValueError(function, "ns, out", "the buffers overlap")
            c_many = _release.hotloop_collatz_steps_many_r
            record = ErrorRecord()
            record_ref = ctypes.byref(record)

            def step(lo: int, size: int) -> int:
                nonlocal first_bad
                chunk = source.chunk(lo, size)
                if chunk.count == 0:
                    return 0
                address = sink.address(lo, chunk.count)
                status = c_many(chunk.address or None, chunk.count, address or None, workers, record_ref)
                if status and first_bad is None:
                    first_bad = _first_bad_element(chunk, lo, record)
                sink.commit()
                return chunk.count

            done = run_in_pieces(
                step, total=source.length, first_size=1 << 16, description=function, progress=progress,
                largest=source.largest,
            )
            result = sink.finish(done)
        finally:
            sink.release()
    finally:
        source.release()
    if first_bad is not None:
        first_bad.result = result
        raise first_bad
    return result


def _first_bad_element(chunk: _batch.Chunk, lo: int, record: ErrorRecord) -> HotloopError:
    """The error of the first bad element of a chunk that failed, from the
    library's record: the element's index in the chunk and its value. An
    element Python refused went to the library as 0, which it reports as
    the first bad one where it is: Python's own error is the one raised."""
    if record.index < 0:  # the call itself was refused: nothing was written
        return from_record(record, _batch.FUNCTION)
    index = lo + record.index
    return chunk.refused.get(index) or from_record(record, _batch.FUNCTION, index)


def status_name(status: SupportsIndex) -> str:
    """libhotloop's name for a status code ("unknown status" for any other)."""
    code = _arguments.integer(status, "status", "status_name")
    if not 0 <= code <= _arguments.U32_MAX:
        return "unknown status"  # never wrapped into a code that exists
    return str(_hold.hotloop_status_name(code).decode())


def library_version() -> str:
    """The version of the loaded libhotloop."""
    return str(_hold.hotloop_version().decode())
