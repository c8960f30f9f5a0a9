"""The exceptions, and the one place that turns a failure into one.

Every message hotloop raises has the form "FUNCTION: SUBJECT: REASON", the
format libhotloop's own messages have (hotloop_last_error_message in
include/hotloop.h): FUNCTION is the Python function the caller called,
SUBJECT names the offending input ("n = 0", "ns[3] = 0"), REASON says what
is wrong with it. The parts are also attributes of the exception.

A failure of the library arrives as a record of fields (the hotloop_error
its _r functions fill): status, subject, reason, and a batch element's
index and value. Nothing is parsed out of a message.
"""

from __future__ import annotations

import ctypes
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
    Dask worker, a process pool) arrives as the same exception with the same
    attributes; a `result` that pickle refuses (a caller's `out=` that is a
    memoryview or a ctypes array) arrives as a list of the same values."""

    def __init__(self, function: str, subject: str, reason: str, status: int = OK) -> None:
        self.message = f"{function}: {subject}: {reason}"
        super().__init__(self.message)
        self.function = function
        self.subject = subject
        self.reason = reason
        self.status = status
        self.index: Optional[int] = None
        self.result: Any = None
        # A batch element's value as the subject shows it ("0", "-3"), or
        # None when the subject shows none (an element that is not an int).
        self.shown: Optional[str] = None

    @classmethod
    def element(cls, function: str, index: int, shown: Optional[str], reason: str, status: int = OK) -> HotloopError:
        """The error of element `index` of a batch, shown as `shown`."""
        error = cls(function, f"ns[{index}]" + ("" if shown is None else f" = {shown}"), reason, status)
        error.index, error.shown = index, shown
        return error

    def moved(self, index: int) -> HotloopError:
        """The same element error, for the same element at another index of
        a larger batch (hotloop.dask: a block's element in the whole array)."""
        moved = type(self).element(self.function, index, self.shown, self.reason, self.status)
        moved.result = self.result
        return moved

    def __reduce__(self) -> Tuple[Any, ...]:
        # Exception's own pickling would call cls(message), which is not
        # this constructor's signature.
        state = dict(self.__dict__)
        state["result"] = _picklable(self.result)
        return (_rebuild, (type(self), self.function, self.subject, self.reason, self.status), state)


def _picklable(result: Any) -> Any:
    """A batch's result as it can be pickled or copied: a caller's `out=`
    that is a memoryview or a ctypes array (which pickle refuses) travels as
    a list of its values; numpy arrays, array.array and lists as they are."""
    if isinstance(result, ctypes.Array):
        return list(result)
    if isinstance(result, memoryview):
        try:
            return result.tolist()
        except (ValueError, NotImplementedError):
            return None  # a released view: nothing left to send
    return result


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


def from_record(record: Any, function: str, index: Optional[int] = None) -> HotloopError:
    """The exception for a libhotloop failure, from its record's fields
    (status, subject, reason; a batch element's value), told as the Python
    `function`'s; for a batch, `index` is the element's index in the whole
    batch, which the caller knows and the library (given a part) does not."""
    cls = _BY_STATUS.get(record.status, HotloopError)
    reason = record.reason.decode("utf-8", "replace")
    if index is not None:
        return cls.element(function, index, describe(record.value), reason, record.status)
    return cls(function, record.subject.decode("utf-8", "replace"), reason, record.status)
