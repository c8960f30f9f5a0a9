"""Finding and loading libhotloop, and its one table of prototypes.

The table mirrors include/hotloop.h (a test parses the header and compares).
It is applied once, at import; nothing on the call path looks anything up.
Each function is bound the way its cost asks for:

- HOLD, through ctypes.PyDLL: the GIL stays held during the call. For a call
  of a few hundred nanoseconds, giving up and retaking the GIL (what
  ctypes.CDLL does on every call) is a large part of the cost.
- RELEASE, through ctypes.CDLL: the GIL is released, so other Python threads
  run, and two threads calling hotloop run in parallel. For long calls.
- FAST, through ctypes.PyDLL with restype set and argtypes left unset: for
  the scalar functions' common case. With argtypes, ctypes converts every
  argument by calling the type's from_param, which costs more than the C
  function (measured: 223 ns a call with argtypes, 107 ns without, for
  hotloop_gsum(100)). Without argtypes a Python int goes through as a C int,
  so the callers use FAST only for ints in [0, 2**31), which libffi widens
  exactly to the 64-bit parameter; load() checks that on this platform.
"""

from __future__ import annotations

import ctypes
import os
import sys
from ctypes import POINTER, c_char_p, c_int32, c_int64, c_size_t, c_uint32, c_uint64, c_void_p
from pathlib import Path
from types import SimpleNamespace
from typing import List, Optional, Tuple

from ._errors import LibraryNotFoundError
from ._version import __version__

HOLD = "hold"
RELEASE = "release"
FAST = "fast"

hotloop_status = c_uint32


class ErrorRecord(ctypes.Structure):
    """hotloop_error (include/hotloop.h): one call's outcome as fields,
    written by the library's _r functions. The package reads its failures
    from these fields, never from a message."""

    _fields_ = [
        ("status", hotloop_status),
        ("index", c_int64),
        ("value", c_uint64),
        ("function", ctypes.c_char * 48),
        ("subject", ctypes.c_char * 112),
        ("reason", ctypes.c_char * 192),
    ]


RECORD = POINTER(ErrorRecord)

# (name, restype, argtypes, the bindings made of it)
PROTOTYPES = (
    # The fast bindings, for values that cannot fail (see _api.py); the _r
    # twins for every other call, whose failures come back as ErrorRecords.
    ("hotloop_gsum", c_int64, (c_int64,), (FAST, HOLD)),  # HOLD: the bench's typed row
    ("hotloop_gsum_r", c_int64, (c_int64, RECORD), (HOLD,)),
    ("hotloop_collatz", c_uint64, (c_uint64,), (FAST,)),
    ("hotloop_collatz_r", c_uint64, (c_uint64, RECORD), (HOLD,)),
    ("hotloop_collatz_loop", c_uint64, (c_uint64, c_uint64), (FAST,)),
    ("hotloop_collatz_loop_r", c_uint64, (c_uint64, c_uint64, RECORD), (HOLD,)),
    ("hotloop_collatz_loop_wide", hotloop_status, (c_uint64, c_uint64, c_uint64, POINTER(c_uint64),
                                                   POINTER(c_uint64)), ()),
    ("hotloop_collatz_loop_wide_r", hotloop_status, (c_uint64, c_uint64, c_uint64, POINTER(c_uint64),
                                                     POINTER(c_uint64), RECORD), (RELEASE,)),
    ("hotloop_collatz_steps", c_int64, (c_uint64,), (FAST,)),
    ("hotloop_collatz_steps_r", c_int64, (c_uint64, RECORD), (HOLD,)),
    ("hotloop_collatz_steps_many", hotloop_status, (c_void_p, c_size_t, c_void_p, c_uint32), ()),
    ("hotloop_collatz_steps_many_r", hotloop_status, (c_void_p, c_size_t, c_void_p, c_uint32, RECORD),
     (RELEASE,)),
    ("hotloop_collatz_longest", hotloop_status, (c_uint64, c_uint64, c_uint32, POINTER(c_uint64),
                                                 POINTER(c_int32)), (RELEASE,)),
    ("hotloop_collatz_longest_r", hotloop_status, (c_uint64, c_uint64, c_uint32, POINTER(c_uint64),
                                                   POINTER(c_int32), RECORD), ()),
    ("hotloop_collatz_longest_window", hotloop_status, (c_uint64, c_uint64, c_uint64, c_uint64, c_int32, c_uint32,
                                                        POINTER(c_uint64), POINTER(c_int32)), ()),
    ("hotloop_collatz_longest_window_r", hotloop_status, (c_uint64, c_uint64, c_uint64, c_uint64, c_int32,
                                                          c_uint32, POINTER(c_uint64), POINTER(c_int32), RECORD),
     (RELEASE,)),
    ("hotloop_collatz_longest_part", hotloop_status, (c_uint64, c_uint64, c_uint64, POINTER(c_uint64),
                                                      POINTER(c_uint64), POINTER(c_int32), POINTER(c_int32)), ()),
    ("hotloop_collatz_longest_part_r", hotloop_status, (c_uint64, c_uint64, c_uint64, POINTER(c_uint64),
                                                        POINTER(c_uint64), POINTER(c_int32), POINTER(c_int32),
                                                        RECORD), (HOLD,)),
    ("hotloop_last_error", hotloop_status, (), (HOLD,)),
    ("hotloop_last_error_message", c_char_p, (), (HOLD,)),
    ("hotloop_status_name", c_char_p, (hotloop_status,), (HOLD,)),
    ("hotloop_version", c_char_p, (), (HOLD,)),
)

ENV_VARIABLE = "HOTLOOP_LIBRARY"
PACKAGE_DIR = Path(__file__).resolve().parent
# python/hotloop/ -> the repository root, for a checkout: `make build` builds
# target/release; `pip install -e .` (the build hook) builds target/python.
REPOSITORY_RELEASE_DIR = PACKAGE_DIR.parent.parent / "target" / "release"
EDITABLE_RELEASE_DIR = PACKAGE_DIR.parent.parent / "target" / "python" / "release"


def platform_file_name() -> str:
    """The shared library's file name on this platform."""
    if sys.platform == "win32":
        return "hotloop.dll"
    if sys.platform == "darwin":
        return "libhotloop.dylib"
    return "libhotloop.so"


def bundled_path() -> Path:
    """Where a wheel puts the library: hotloop/lib/libhotloop.so. Not in the
    package directory itself, where ".so" is an extension-module suffix on
    Linux: there pkgutil would list it as a module and `import` would try it."""
    return PACKAGE_DIR / "lib" / platform_file_name()


def candidates() -> List[Path]:
    """Where the library is looked for, in order. HOTLOOP_LIBRARY, when set,
    is the only place looked at: an explicit choice is never second-guessed."""
    override = os.environ.get(ENV_VARIABLE)
    if override:
        # Absolute, so that "./libhotloop.so" or a bare file name is the file
        # the user means, never a name for the dynamic loader to search for.
        return [Path(override).absolute()]
    return [bundled_path(), REPOSITORY_RELEASE_DIR / platform_file_name(),
            EDITABLE_RELEASE_DIR / platform_file_name()]


class Library:
    """libhotloop, with its functions bound once: `hold`, `release` and
    `fast` each hold the functions made for that way of calling."""

    def __init__(self, path: Path) -> None:
        self.path = path
        pydll, cdll = ctypes.PyDLL(str(path)), ctypes.CDLL(str(path))
        self.hold, self.release, self.fast = SimpleNamespace(), SimpleNamespace(), SimpleNamespace()
        for name, restype, argtypes, bindings in PROTOTYPES:
            for binding in bindings:
                # Indexing a library makes a new function object each time,
                # so the bindings of one name do not share settings.
                function = (cdll if binding == RELEASE else pydll)[name]
                function.restype = restype
                if binding != FAST:
                    function.argtypes = argtypes
                setattr(getattr(self, binding), name, function)
        if not self._fast_calls_are_exact():
            # Then every int goes through argtypes' conversion: slower, exact.
            for name, _, argtypes, bindings in PROTOTYPES:
                if FAST in bindings:
                    getattr(self.fast, name).argtypes = argtypes

    def _fast_calls_are_exact(self) -> bool:
        """Whether a C int argument reaches a 64-bit parameter sign-extended,
        as libffi does on the platforms we know: -1 must arrive as -1 (gsum
        gives 0), not as 2**32 - 1, and 2**31 - 1 must arrive unchanged."""
        gsum, collatz = self.fast.hotloop_gsum, self.fast.hotloop_collatz
        return bool(
            gsum(-1) == 0 and collatz(2**31 - 1) == 3 * (2**31 - 1) + 1 and gsum(2**31 - 1) == (2**31 - 1) * 2**30
        )

    def last_error(self) -> Tuple[int, str]:
        """The calling thread's last status and message."""
        status = self.hold.hotloop_last_error()
        message = self.hold.hotloop_last_error_message().decode("utf-8", "replace")
        return status, message


def load() -> Library:
    """Loads the first library found, and checks that it is this package's
    version. Raises LibraryNotFoundError saying where it looked and what to do."""
    tried = []
    for path in candidates():
        if path.is_dir():
            tried.append(f"{path} (a directory: name the library file in it, {path / platform_file_name()})")
            continue
        if not path.is_file():
            tried.append(f"{path} (no such file)")
            continue
        try:
            library = Library(path)
        except OSError as error:
            tried.append(f"{path} ({error})")
            continue
        except AttributeError as error:
            # A symbol this package needs is missing: an older libhotloop
            # (0.1 has no _r functions), or another library altogether.
            version = _version_of(path)
            if version is not None:
                raise LibraryNotFoundError(_other_version(path, version)) from None
            tried.append(f"{path} (not libhotloop: {error})")
            continue
        version = library.hold.hotloop_version().decode()
        if version != __version__:
            raise LibraryNotFoundError(_other_version(path, version))
        return library
    raise LibraryNotFoundError(
        "libhotloop could not be loaded. Looked at:\n  "
        + "\n  ".join(tried)
        + f"\nInstall the package with `pip install .` (it builds and bundles the library), "
        f"run `make build` in the repository, or set {ENV_VARIABLE}=/path/to/{platform_file_name()}."
    )


def _version_of(path: Path) -> Optional[str]:
    """The version a libhotloop reports, or None if it is not one."""
    try:
        version = ctypes.PyDLL(str(path)).hotloop_version
    except (OSError, AttributeError):
        return None
    version.restype, version.argtypes = c_char_p, ()
    return str(version().decode("utf-8", "replace"))


def _other_version(path: Path, version: str) -> str:
    return (
        f"{path} is libhotloop {version}, but this package is hotloop {__version__}. "
        f"Rebuild it (`make build` in the repository, or `pip install .`), "
        f"or point {ENV_VARIABLE} at a libhotloop {__version__}."
    )
