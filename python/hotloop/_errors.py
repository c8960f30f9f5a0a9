"""The exceptions, and the one place that turns a failure into one.

Every message hotloop raises has the form "FUNCTION: SUBJECT: REASON", the
format libhotloop's own messages have (hotloop_last_error_message in
include/hotloop.h): FUNCTION is the Python function the caller called,
SUBJECT names the offending input ("n = 0", "ns[3] = 0"), REASON says what
is wrong with it. The parts are also attributes of the exception.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Tuple, Type

# The status codes of include/hotloop.h.
OK = 0
ERR_INVALID_ARGUMENT = 1
ERR_OVERFLOW = 2
ERR_NULL_POINTER = 3
ERR_MISALIGNED = 4
ERR_PANIC = 5


class HotloopError(Exception):
    """Base of every error hotloop raises: `function`, `subject` and `reason`
    are the parts of the message; `status` is libhotloop's code (0 for an
    error found in Python before any call). An error about one element of a
    batch also has `index`, the element's (flat) index, and `result`: every
    other element, computed (-1 for bad ones).

    It pickles with its parts, so that an error raised in another process (a
    Dask worker) arrives as the same exception with the same attributes."""

    def __init__(self, function: str, subject: str, reason: str, status: int = OK) -> None:
        self.message = f"{function}: {subject}: {reason}"
        super().__init__(self.message)
        self.function = function
        self.subject = subject
        self.reason = reason
        self.status = status
        self.index: Optional[int] = None
        self.result: Any = None

    def __reduce__(self) -> Tuple[Any, ...]:
        # Exception's own pickling would call cls(message), which is not
        # this constructor's signature.
        return (_rebuild, (type(self), self.function, self.subject, self.reason, self.status), self.__dict__)


def _rebuild(cls: Type[HotloopError], function: str, subject: str, reason: str, status: int) -> HotloopError:
    error = cls.__new__(cls)
    HotloopError.__init__(error, function, subject, reason, status)
    return error


class HotloopValueError(HotloopError, ValueError):
    """A value outside a function's domain: 0 or a negative number for the
    Collatz functions, such an element in a batch, an empty range."""


class HotloopOverflowError(HotloopError, OverflowError):
    """A value or a result that does not fit in 64 bits."""


class HotloopTypeError(HotloopError, TypeError):
    """An argument, or an element of a batch, of a type that is not an integer."""


class HotloopInternalError(HotloopError, RuntimeError):
    """A bug inside libhotloop, stopped at its boundary (HOTLOOP_ERR_PANIC)."""


class LibraryNotFoundError(HotloopError, ImportError):
    """libhotloop could not be found or loaded, or it is another version."""

    def __init__(self, reason: str) -> None:
        super().__init__("import hotloop", "libhotloop", reason)


_BY_STATUS: Dict[int, Type[HotloopError]] = {
    ERR_INVALID_ARGUMENT: HotloopValueError,
    ERR_OVERFLOW: HotloopOverflowError,
    ERR_NULL_POINTER: HotloopValueError,
    ERR_MISALIGNED: HotloopValueError,
    ERR_PANIC: HotloopInternalError,
}

# Integers up to this many bits are printed; larger ones are described by
# their size: formatting a huge integer costs quadratic time, and Python
# refuses those above 4,300 digits.
_PRINTABLE_BITS = 256


def describe(value: int) -> str:
    """An integer as a message shows it: in full, or by its size when huge."""
    if value.bit_length() <= _PRINTABLE_BITS:
        return str(value)
    sign = "a negative" if value < 0 else "an"
    return f"<{sign} integer of {value.bit_length():,} bits>"


def from_library(status: int, message: str, function: str, subject: Optional[str] = None) -> HotloopError:
    """The exception for a libhotloop failure: its status and its message
    "FUNCTION: SUBJECT: REASON", told as the Python `function`'s, with the
    caller's `subject` when the caller sees the input differently (an index
    in the whole batch rather than in one piece of it)."""
    parts = message.split(": ", 2)
    if len(parts) == 3:
        library_subject, reason = parts[1], parts[2]
    else:  # not a libhotloop message: keep it whole
        library_subject, reason = "error", message
    return _BY_STATUS.get(status, HotloopError)(function, subject or library_subject, reason, status)
