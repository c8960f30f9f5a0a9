"""The exceptions, and the one place that turns a libhotloop status into one."""

from __future__ import annotations

# The status codes of include/hotloop.h.
OK = 0
ERR_INVALID_ARGUMENT = 1
ERR_OVERFLOW = 2
ERR_NULL_POINTER = 3
ERR_MISALIGNED = 4
ERR_PANIC = 5


class HotloopError(Exception):
    """Base of every error hotloop raises; `status` is libhotloop's code
    (0 for an error found in Python before any call)."""

    def __init__(self, message: str, status: int = OK) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class HotloopValueError(HotloopError, ValueError):
    """A value outside a function's domain: 0 or a negative number for the
    Collatz functions, such an element in a batch, an empty range."""


class HotloopOverflowError(HotloopError, OverflowError):
    """A value or a result that does not fit in 64 bits."""


class HotloopInternalError(HotloopError, RuntimeError):
    """A bug inside libhotloop, stopped at its boundary (HOTLOOP_ERR_PANIC)."""


class LibraryNotFoundError(HotloopError, ImportError):
    """libhotloop could not be found or loaded, or it is another version."""


_BY_STATUS = {
    ERR_INVALID_ARGUMENT: HotloopValueError,
    ERR_OVERFLOW: HotloopOverflowError,
    ERR_NULL_POINTER: HotloopValueError,
    ERR_MISALIGNED: HotloopValueError,
    ERR_PANIC: HotloopInternalError,
}


def error_for(status: int, message: str) -> HotloopError:
    """The exception for a libhotloop status and its message."""
    return _BY_STATUS.get(status, HotloopError)(message, status)
