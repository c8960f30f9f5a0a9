"""The Python API: each function returns exactly what its pure-Python
definition returns, or raises.

A value is checked in Python before it reaches ctypes, because ctypes wraps
silently: c_int64(2**64 + 5) is 5 and c_uint64(-1) is 2**64 - 1. The scalar
functions test the common case (an int in range) in one expression and call
the C function directly; everything else takes a slower path that explains
what is wrong.
"""

from __future__ import annotations

import ctypes
import operator
import time
from array import array
from typing import Any, NamedTuple, Optional, Tuple

from . import _errors
from ._errors import HotloopOverflowError, HotloopValueError, error_for
from ._library import Library, load
from ._progress import progress_bar

U64_MAX = 2**64 - 1
I64_MAX = 2**63 - 1
U32_MAX = 2**32 - 1
# Iterations of one collatz_loop call when the loop is cut into chunks: short
# enough that Ctrl-C is seen within a tenth of a second, long enough that the
# calls cost nothing measurable.
LOOP_CHUNK = 1 << 26  # < 2**31, so a k up to it can take the fast path


class _Pieces:
    """Sizes the pieces of a long call so that each takes about 0.1 s: short
    enough for Ctrl-C and a progress bar, long enough to cost nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._began = 0.0

    def start(self) -> None:
        self._began = time.perf_counter()

    def done(self) -> None:
        took = time.perf_counter() - self._began
        if took < 0.05:
            self.size *= 2
        elif took > 0.2 and self.size > 1024:
            self.size //= 2


library: Library = load()
_hold = library.hold
_release = library.release
_fast = library.fast


class Longest(NamedTuple):
    """The n with the most Collatz steps in a range, and its steps."""

    n: int
    steps: int


def _last_error() -> _errors.HotloopError:
    return error_for(*library.last_error())


def _integer(value: Any, name: str, function: str) -> int:
    """`value` as an int: ints, and integer types with __index__ (numpy's);
    never a bool, a float or a string."""
    if type(value) is int:
        return value
    if isinstance(value, bool):
        raise TypeError(f"{function}: {name} must be an integer, not bool ({value!r})")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(
            f"{function}: {name} must be an integer, not {type(value).__name__} ({value!r})"
        ) from None


def _positive_u64(value: Any, name: str, function: str) -> int:
    value = _integer(value, name, function)
    if value <= 0:
        raise HotloopValueError(f"{function}: {name} = {value} is not a positive integer")
    if value > U64_MAX:
        raise HotloopOverflowError(f"{function}: {name} = {value} does not fit in uint64")
    return value


def _count_u64(value: Any, name: str, function: str) -> int:
    value = _integer(value, name, function)
    if value < 0:
        raise HotloopValueError(f"{function}: {name} = {value} is negative")
    if value > U64_MAX:
        raise HotloopOverflowError(f"{function}: {name} = {value} does not fit in uint64")
    return value


def _threads(value: Any, function: str) -> int:
    value = _integer(value, "threads", function)
    if value < 0:
        raise HotloopValueError(f"{function}: threads = {value} is negative (0 means every core)")
    return min(value, U32_MAX)


# The scalar functions are made by closures so that the C function is a fast
# local lookup on the hot path, without showing up in their signatures. The
# fast path of each is an int in [0, 2**31), passed to the FAST binding (see
# _library.py); every other value goes through the checks and the typed one.


def _make_gsum(fast: Any, typed: Any) -> Any:
    def gsum(n: int) -> int:
        """0 + 1 + ... + n, as `sum(range(1, n + 1))`: 0 for n <= 0.

        Raises OverflowError when the sum does not fit in int64
        (n > 4294967295), TypeError for a non-integer."""
        if type(n) is int and 0 <= n < 2147483648:
            return fast(n)
        n = _integer(n, "n", "gsum")
        if n <= 0:
            return 0
        if n > I64_MAX:
            raise HotloopOverflowError(f"gsum: n = {n} does not fit in int64")
        result = typed(n)
        if result < 0:
            raise _last_error()
        return result

    return gsum


def _make_collatz(fast: Any, typed: Any) -> Any:
    def collatz(n: int) -> int:
        """One Collatz step: n // 2 for even n, 3n + 1 for odd n.

        Raises ValueError for n <= 0, OverflowError when n or 3n + 1 does not
        fit in uint64, TypeError for a non-integer."""
        if type(n) is int and 0 < n < 2147483648:
            return fast(n)
        result = typed(_positive_u64(n, "n", "collatz"))
        if result:
            return result
        raise _last_error()

    return collatz


def _make_collatz_steps(fast: Any, typed: Any) -> Any:
    def collatz_steps(n: int) -> int:
        """The number of Collatz steps for n to reach 1 (0 for n = 1).

        Raises ValueError for n <= 0, OverflowError when n or a value on the
        way does not fit in uint64, TypeError for a non-integer."""
        if type(n) is int and 0 < n < 2147483648:
            # No trajectory from below 2**31 passes 2**64 (checked once with
            # collatz_steps_many over all of them), so the result is valid.
            return fast(n)
        result = typed(_positive_u64(n, "n", "collatz_steps"))
        if result >= 0:
            return result
        raise _last_error()

    return collatz_steps


gsum = _make_gsum(_fast.hotloop_gsum, _hold.hotloop_gsum)
collatz = _make_collatz(_fast.hotloop_collatz, _hold.hotloop_collatz)
collatz_steps = _make_collatz_steps(_fast.hotloop_collatz_steps, _hold.hotloop_collatz_steps)
_fast_loop = _fast.hotloop_collatz_loop


def _reason(message: str) -> str:
    """The reason part of a library message "function: inputs: reason"."""
    return message.split(": ", 2)[-1]


def collatz_loop(n: int, k: int, *, progress: bool = False) -> int:
    """The Collatz step applied k times to n (k = 0 gives n back).

    Every iteration runs in Rust. A long loop runs in chunks with the GIL
    released: other threads keep running, Ctrl-C raises KeyboardInterrupt
    within a fraction of a second, and progress=True shows a progress bar.

    Raises ValueError for n <= 0 or k < 0, OverflowError when n, k or a value
    on the way does not fit in uint64, TypeError for a non-integer."""
    if type(n) is int and type(k) is int and 0 < n < 2147483648 and 0 <= k <= LOOP_CHUNK and not progress:
        result = _fast_loop(n, k)
        if result:
            return result
        raise _last_error()
    n = _positive_u64(n, "n", "collatz_loop")
    k = _count_u64(k, "k", "collatz_loop")
    if k <= LOOP_CHUNK and not progress:
        result = _hold.hotloop_collatz_loop(n, k)
        if result:
            return result
        raise _last_error()
    start, left = n, k
    bar = progress_bar(k, "collatz_loop", progress)
    try:
        c_loop = _release.hotloop_collatz_loop
        while left:
            chunk = min(left, LOOP_CHUNK)
            result = c_loop(n, chunk)
            if not result:
                status, message = library.last_error()
                raise error_for(status, f"collatz_loop: n = {start}, k = {k}: {_reason(message)}")
            n = result
            left -= chunk
            bar.update(chunk)
    finally:
        bar.close()
    return n


def collatz_longest(end: int, *, start: int = 1, threads: int = 0, progress: bool = False) -> Longest:
    """The n in [start, end) with the most Collatz steps, the smallest such n
    on a tie, as Longest(n, steps).

    Runs on `threads` cores (0 = all; the answer is the same for any count),
    with the GIL released, in windows so that Ctrl-C is seen within a fraction
    of a second and progress=True can show a bar. Memory stays bounded.

    Raises ValueError for start <= 0 or start >= end, OverflowError when end
    does not fit in uint64 or a trajectory passes 2**64 - 1."""
    end = _positive_u64(end, "end", "collatz_longest")
    start = _positive_u64(start, "start", "collatz_longest")
    threads = _threads(threads, "collatz_longest")
    if start >= end:
        raise HotloopValueError(f"collatz_longest: the range [start, end) = [{start}, {end}) is empty")
    # n with 2n < end are never the answer (2n has one more step); the library
    # knows it too, and the windows start where the work does.
    lo = max(start, end // 2 + end % 2)
    n_out, steps_out = ctypes.c_uint64(), ctypes.c_int32()
    best_n, best_steps = 0, -1
    pieces = _Pieces(1 << 20)
    bar = progress_bar(end - lo, "collatz_longest", progress)
    try:
        c_window = _release.hotloop_collatz_longest_window
        while lo < end:
            hi = min(end, lo + pieces.size)
            pieces.start()
            status = c_window(start, end, lo, hi, threads, ctypes.byref(n_out), ctypes.byref(steps_out))
            pieces.done()
            if status:
                status, message = library.last_error()
                raise error_for(status, f"collatz_longest: {_reason(message)}")
            if steps_out.value > best_steps:
                best_n, best_steps = n_out.value, steps_out.value
            bar.update(hi - lo)
            lo = hi
    finally:
        bar.close()
    return Longest(best_n, best_steps)


# Batches --------------------------------------------------------------------

try:  # numpy is optional: used, never required.
    import numpy as _np
except ImportError:  # pragma: no cover - exercised in a subprocess test
    _np = None


def _check_elements(items: list) -> array:
    """A list of ints as array('Q'), or the error for its first bad element."""
    if set(map(type, items)) <= {int}:
        try:
            return array("Q", items)
        except OverflowError:
            pass  # a negative or too large element: find it below
    values = []
    for i, item in enumerate(items):
        value = _integer(item, f"ns[{i}]", "collatz_steps_many")
        if value < 0:
            raise HotloopValueError(f"collatz_steps_many: ns[{i}] = {value} is not a positive integer")
        if value > U64_MAX:
            raise HotloopOverflowError(f"collatz_steps_many: ns[{i}] = {value} does not fit in uint64")
        values.append(value)
    return array("Q", values)


def _address(buffer: Any) -> int:
    """The address of a writable buffer's first byte."""
    view = memoryview(buffer)
    if view.nbytes == 0:
        return 0
    return ctypes.addressof(ctypes.c_char.from_buffer(view.cast("B")))


def _input(ns: Any) -> Tuple[Any, int, int, Tuple[int, ...]]:
    """(keepalive, address, length, shape) of a C-contiguous, aligned uint64
    copy of ns, or of ns itself when it already is one (no copy)."""
    if _np is not None and isinstance(ns, _np.ndarray):
        kind = ns.dtype.kind
        if kind == "u" and ns.dtype == _np.uint64 and ns.dtype.isnative and ns.flags.c_contiguous and ns.flags.aligned:
            return ns, ns.ctypes.data, ns.size, ns.shape
        if kind == "i":
            negative = _np.flatnonzero(ns.ravel() < 0)
            if negative.size:
                i = int(negative[0])
                raise HotloopValueError(
                    f"collatz_steps_many: ns[{i}] = {int(ns.ravel()[i])} is not a positive integer"
                )
        if kind in "ui":
            copy = _np.array(ns, dtype=_np.uint64, order="C", copy=True)
            return copy, copy.ctypes.data, copy.size, copy.shape
        if kind == "O":
            return _input(ns.ravel().tolist())[:3] + (ns.shape,)
        raise TypeError(f"collatz_steps_many: ns must hold integers, not {ns.dtype}")
    try:
        view = memoryview(ns)
    except TypeError:
        view = None
    if view is not None:
        fmt = view.format.lstrip("@=<")
        if fmt in ("Q", "L") and view.itemsize == 8 and view.c_contiguous:
            if view.readonly or (view.nbytes and _address(ns) % 8):
                copy = array("Q", view.cast("B").tobytes())  # aligned copy
                return copy, _address(copy), len(copy), (len(copy),)
            flat = view.cast("B").cast("Q")
            return ns, _address(ns), len(flat), (len(flat),)
        if fmt and fmt in "bBhHiIlLqQnN":
            items = view.tolist()
            if view.ndim > 1:
                items = list(_flatten(items))
            checked = _check_elements(items)
            return checked, _address(checked), len(checked), (len(checked),)
        raise TypeError(f"collatz_steps_many: ns must hold integers, not buffer format {view.format!r}")
    if isinstance(ns, (str, bytes)):
        raise TypeError(f"collatz_steps_many: ns must hold integers, not {type(ns).__name__}")
    try:
        items = ns if isinstance(ns, list) else list(ns)
    except TypeError:
        raise TypeError(
            f"collatz_steps_many: ns must be an array, a buffer or an iterable of integers, "
            f"not {type(ns).__name__}"
        ) from None
    checked = _check_elements(items)
    return checked, _address(checked), len(checked), (len(checked),)


def _flatten(items: Any) -> Any:
    for item in items:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield item


def _output(out: Any, length: int, shape: Tuple[int, ...]) -> Tuple[Any, int]:
    """(result, address) of an int32 buffer for `length` results."""
    if out is None:
        if _np is not None:
            result = _np.empty(shape, dtype=_np.int32)
            return result, result.ctypes.data
        result = array("i", bytes(4 * length))
        return result, _address(result)
    if _np is not None and isinstance(out, _np.ndarray):
        if out.dtype != _np.int32 or not out.dtype.isnative:
            raise TypeError(f"collatz_steps_many: out must be an int32 array, not {out.dtype}")
        if out.size != length:
            raise HotloopValueError(f"collatz_steps_many: out has {out.size} elements, ns has {length}")
        if not (out.flags.c_contiguous and out.flags.aligned and out.flags.writeable):
            raise HotloopValueError("collatz_steps_many: out must be C-contiguous, aligned and writable")
        return out, out.ctypes.data
    try:
        view = memoryview(out)
    except TypeError:
        raise TypeError(f"collatz_steps_many: out must be a writable int32 buffer, not {type(out).__name__}") from None
    if view.format.lstrip("@=<") not in ("i", "l") or view.itemsize != 4:
        raise TypeError(f"collatz_steps_many: out must hold int32 values, not format {view.format!r}")
    if view.nbytes != 4 * length:
        raise HotloopValueError(f"collatz_steps_many: out has {view.nbytes // 4} elements, ns has {length}")
    if view.readonly or not view.c_contiguous:
        raise HotloopValueError("collatz_steps_many: out must be C-contiguous and writable")
    address = _address(out)
    if address % 4:
        raise HotloopValueError("collatz_steps_many: out is not aligned to 4 bytes")
    return out, address


def collatz_steps_many(ns: Any, *, threads: int = 0, out: Optional[Any] = None) -> Any:
    """The Collatz steps of every element of ns, computed in Rust on `threads`
    cores (0 = all; the result is the same for any count), GIL released.

    ns: a numpy array, an array.array, any buffer of unsigned 64-bit integers
    (used without a copy when C-contiguous and aligned), or any iterable of
    ints. Returns a numpy int32 array when numpy is installed, array('i')
    otherwise; or fills and returns `out`, a caller's int32 buffer.

    An element that is 0 or negative raises ValueError, one that does not fit
    or whose trajectory passes 2**64 - 1 raises OverflowError; the message
    names the first such element's index. The other elements are computed
    all the same: the exception's `result` holds them (-1 for bad ones)."""
    threads = _threads(threads, "collatz_steps_many")
    keep, address, length, shape = _input(ns)
    result, out_address = _output(out, length, shape)
    c_many = _release.hotloop_collatz_steps_many
    first_error = None
    # In pieces, so that Ctrl-C is seen between them.
    pieces, lo = _Pieces(1 << 18), 0
    while True:
        count = min(pieces.size, length - lo)
        pieces.start()
        status = c_many(address + 8 * lo or None, count, out_address + 4 * lo or None, threads)
        pieces.done()
        if status and first_error is None:
            first_error = _batch_error(lo, count, address, out_address)
        lo += count
        if lo >= length:
            break
    del keep
    if first_error is not None:
        first_error.result = result  # type: ignore[attr-defined]
        raise first_error
    return result


def _batch_error(lo: int, count: int, address: int, out_address: int) -> _errors.HotloopError:
    """The error of a chunk that started at element `lo`, naming the index of
    its first bad element in the whole batch (the library names it in the
    chunk; a bad element is the first -1 among the results)."""
    status, message = library.last_error()
    steps = (ctypes.c_int32 * count).from_address(out_address + 4 * lo)
    try:
        i = list(steps).index(-1)
    except ValueError:  # a pointer error: no element was written
        return error_for(status, f"collatz_steps_many: {message.split(': ', 1)[-1]}")
    value = ctypes.c_uint64.from_address(address + 8 * (lo + i)).value
    reason = message.split(f"ns[{i}] = {value}", 1)[-1]
    return error_for(status, f"collatz_steps_many: ns[{lo + i}] = {value}{reason}")


def status_name(status: int) -> str:
    """libhotloop's name for a status code ("unknown status" for any other)."""
    status = _integer(status, "status", "status_name")
    if not -(2**31) <= status < 2**31:
        return "unknown status"  # never wrapped into a code that exists
    return _hold.hotloop_status_name(status).decode()


def library_version() -> str:
    """The version of the loaded libhotloop."""
    return _hold.hotloop_version().decode()
