"""hotloop's batch work on a Dask cluster: `pip install "hotloop[dask]"`.

    >>> from distributed import Client
    >>> import hotloop.dask
    >>> client = Client("tcp://scheduler:8786")       # or Client() for this machine
    >>> hotloop.dask.collatz_longest(10**12)           # the same answer as hotloop.collatz_longest
    >>> hotloop.dask.collatz_steps_many(dask_array)    # lazy, block by block

Each task is one call of libhotloop on one core of a worker (threads=1: the
worker's own threads are the parallelism), with the GIL released, so a worker
runs as many tasks at once as it has threads. Errors raised on a worker
arrive as the same hotloop exceptions, with the same attributes, as in a
local call.
"""

from __future__ import annotations

import functools
import uuid
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, SupportsIndex, Tuple

try:
    import dask.array as da
    import distributed
    import numpy as np
except ImportError as missing:  # pragma: no cover - tested in a subprocess
    raise ImportError(
        f'hotloop.dask needs Dask ({missing.name} is not installed): pip install "hotloop[dask]"'
    ) from missing

from . import _api, _arguments
from ._errors import HotloopError, HotloopTypeError, HotloopValueError
from ._longest import NO_CANDIDATE, Longest, Part, Search, better, in_order, needed

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["collatz_longest", "collatz_steps_many"]

# A window is at least this many numbers (about 0.1 s of one core below 10^10):
# smaller ones would cost more in scheduling than they compute.
MIN_WINDOW = 1 << 22
# Windows per worker thread, so that a slow or lost worker's share is small
# and the scheduler can balance.
WINDOWS_PER_THREAD = 16
# Each task reads and raises the shared floor between this many parts of its
# window, top down, so that two windows running at once help each other.
PARTS_PER_WINDOW = 4
# A floor that cannot be read in this many seconds has been deleted.
FLOOR_TIMEOUT = 5.0


def _longest_window(search: Search, part: Part, floor: Optional[str] = None,
                    promise: Longest = NO_CANDIDATE) -> Longest:
    """One task: the best candidate of `search` in the window `part` (a part
    of the library's order, or a piece of one), on one core. The whole range
    goes with it, so that the pruning that needs it holds.

    `floor` names a Dask Variable holding the best any window has found so
    far, (steps, n): the window skips what cannot beat it, whole when its
    bound cannot, and shares what it finds that does, as the local call's
    windows pass their best on (a window is never told to skip a tie it
    could win). `promise` is the record the first part holds, which no
    window has to beat (see collatz_longest)."""
    shared = distributed.Variable(floor, client=distributed.get_client()) if floor else None
    best = NO_CANDIDATE
    for lo, hi in in_order(part, PARTS_PER_WINDOW):
        elsewhere = _read(shared)
        if elsewhere is None:  # the computation is over (cancelled): stop
            break
        known = better(better(best, elsewhere), promise)
        if part._replace(lo=lo, hi=hi).cannot_beat(known):
            continue
        found = _api.longest_window(search, lo, hi, needed(known, lo), 1)
        if better(known, found) is found:
            best = found
            # A race may lose a raise: only pruning, never the answer. A floor
            # deleted meanwhile (None) is not set again, which would leave a
            # Variable behind on the scheduler.
            now = _read(shared)
            if shared is not None and now is not None and better(now, found) is found:
                shared.set(tuple(found))
    return best


def _read(shared: Optional[distributed.Variable]) -> Optional[Longest]:
    """The best found by any window: NO_CANDIDATE without a shared one, None
    once its computation is over (collatz_longest deletes it, and a deleted
    Variable would wait forever)."""
    if shared is None:
        return NO_CANDIDATE
    try:
        return Longest(*shared.get(timeout=FLOOR_TIMEOUT))
    except TimeoutError:
        return None


def _best(results: Sequence[Longest]) -> Longest:
    """The windows' results combined by the tie rule: the local call's answer."""
    return functools.reduce(better, results, NO_CANDIDATE)


def _client(client: Optional[distributed.Client], function: str) -> distributed.Client:
    if client is not None:
        return client
    try:
        found: distributed.Client = distributed.default_client()
        return found
    except ValueError:
        raise HotloopValueError(
            function, "client", "no Dask client: pass client=, or create a distributed.Client first"
        ) from None


def collatz_longest(
    end: SupportsIndex,
    *,
    start: SupportsIndex = 1,
    client: Optional[distributed.Client] = None,
    pieces: Optional[SupportsIndex] = None,
    progress: bool = False,
) -> Longest:
    """hotloop.collatz_longest(end, start=start), computed on the cluster that
    `client` (or the default client) points at: the same answer, ties
    included.

    The range is cut into about `pieces` windows (by default
    WINDOWS_PER_THREAD per worker thread, none under MIN_WINDOW numbers,
    more where the library's parts cut them), each one task, in the order
    the local call takes them; the windows share the best found so far (a
    Dask Variable), so that each skips what cannot beat it; a final task
    keeps the most steps and the smallest n. progress=True shows Dask's own
    progress bar (distributed.progress). If the call is interrupted (Ctrl-C)
    or fails, its tasks are cancelled. A worker lost during the computation
    only costs its tasks, which Dask runs again elsewhere.

    Raises the local call's exceptions for a bad range."""
    function = "hotloop.dask.collatz_longest"
    search = Search.checked(end, start, function)
    client = _client(client, function)
    if pieces is None:
        count = WINDOWS_PER_THREAD * max(1, sum(client.nthreads().values()))
    else:
        count = _arguments.integer(pieces, "pieces", function)
        if count < 1:
            raise HotloopValueError(function, f"pieces = {count}", "not a positive integer")
    parts = _api.longest_parts(search)
    # The first part holds the record that set its bound, when it holds one:
    # its windows look only for that many steps, and every other window only
    # for what beats it, so that none waits for the record to be found.
    # Were it not found (only if the bound were wrong), the search runs
    # again without the promise.
    promise = parts[0].promise()
    found = _run(search, client, parts, count, progress, promise)
    if found.steps < promise.steps:
        found = _run(search, client, parts, count, progress, NO_CANDIDATE)
    return found


def _run(search: Search, client: distributed.Client, parts: List[Part], count: int, progress: bool,
         promise: Longest) -> Longest:
    """The search's windows as tasks, and their best (see collatz_longest)."""
    floor = distributed.Variable(f"hotloop-longest-floor-{uuid.uuid4().hex}", client=client)
    floor.set(tuple(NO_CANDIDATE))
    # The library's order, each part cut into windows from the top down,
    # submitted in that order (idle workers take tasks as they arrive) and
    # with priorities that keep it: the answer is found in the first part,
    # and every later window that cannot beat it ends at once.
    size = max(MIN_WINDOW, (search.end - search.lo) // count)
    # A part that holds its record, where the answer is, is cut for every
    # worker thread; the others into windows of about `size` numbers.
    windows = [part._replace(lo=lo, hi=hi) for part in parts
               for lo, hi in in_order(part, count if part.holds_record else -(-(part.hi - part.lo) // size),
                                      MIN_WINDOW)]
    tasks = [client.submit(_longest_window, search, window, floor.name, promise, pure=False,
                           priority=len(windows) - i)
             for i, window in enumerate(windows)]
    answer = client.submit(_best, tasks, pure=False)
    try:
        if progress:
            distributed.progress(answer, *tasks)
        found: Longest = answer.result()
    finally:
        # Done, interrupted or failed, the tasks are cancelled before this
        # returns: the scheduler forgets them now, not when the futures are
        # garbage collected, which in a script that ends here would race the
        # cluster's shutdown (and warn that computed tasks were lost).
        client.cancel([answer, *tasks])
        floor.delete()
    return Longest(*found)


def _steps_block(block: NDArray[Any], shape: Tuple[int, ...], block_info: Optional[Dict[Any, Any]] = None) -> Any:
    """One task: one block's steps, on one core. A bad element's error names
    it by its index in the whole array, as the local call would."""
    try:
        return _api.collatz_steps_many(block, threads=1)
    except HotloopError as error:
        if error.index is None or block_info is None or not shape:
            raise
        offsets = [start for start, _ in block_info[0]["array-location"]]
        where = np.unravel_index(error.index, block.shape) if block.ndim else ()
        index = int(np.ravel_multi_index(tuple(o + int(w) for o, w in zip(offsets, where)), shape))
        raise error.moved(index) from None


def collatz_steps_many(array: da.Array) -> da.Array:
    """hotloop.collatz_steps_many over a dask.array of integers, lazily: an
    int32 dask.array of the same shape and chunks, each block computed by one
    task when the result is computed.

    A bad element (0, a negative number, a number past uint64) makes the
    computation raise the local call's exception, naming the element by its
    index in the whole (flattened, C-order) array: the first bad element of
    the block that failed. When several blocks hold bad elements, which one
    is reported depends on which task fails first."""
    function = "collatz_steps_many"
    if not isinstance(array, da.Array):
        raise HotloopTypeError(function, "array", f"must be a dask.array.Array, not {type(array).__name__}")
    if array.dtype.kind not in "uiO":
        raise HotloopTypeError(function, "ns", f"must hold integers, not {array.dtype}")
    # With chunks of unknown size (nan), a bad element is named by its index
    # in its block only.
    shape = tuple(int(n) for n in array.shape) if not any(np.isnan(n) for n in array.shape) else ()
    meta = np.empty((0,) * array.ndim, np.int32)
    result: da.Array = da.map_blocks(_steps_block, array, shape, dtype=np.int32, meta=meta)
    return result
