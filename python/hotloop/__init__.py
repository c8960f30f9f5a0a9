"""hotloop: hot loops in compiled Rust, called from Python through ctypes.

    >>> import hotloop
    >>> hotloop.gsum(100)
    5050
    >>> hotloop.collatz_loop(27, 10**6)
    4
    >>> hotloop.collatz_longest(10**6)
    Longest(n=837799, steps=524)

Every function returns what its pure-Python definition returns, or raises a
HotloopError that is also a ValueError, an OverflowError or (for a
non-integer) a TypeError, with a message "FUNCTION: SUBJECT: REASON".
Nothing is silently wrapped to 64 bits.
"""

from ._api import (
    collatz,
    collatz_longest,
    collatz_loop,
    collatz_steps,
    collatz_steps_many,
    gsum,
    library,
    library_version,
    status_name,
)
from ._longest import Longest
from ._errors import (
    HotloopError,
    HotloopInternalError,
    HotloopOverflowError,
    HotloopTypeError,
    HotloopValueError,
    LibraryNotFoundError,
)
from ._version import __version__

__all__ = [
    "HotloopError",
    "HotloopInternalError",
    "HotloopOverflowError",
    "HotloopTypeError",
    "HotloopValueError",
    "LibraryNotFoundError",
    "Longest",
    "__version__",
    "collatz",
    "collatz_longest",
    "collatz_loop",
    "collatz_steps",
    "collatz_steps_many",
    "gsum",
    "library",
    "library_version",
    "status_name",
]
