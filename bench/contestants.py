"""What the bench's rows call: pure Python, the peers bench/build_peers.py
built (the articles' C and Go libraries, the Rust port of their Go, the PyO3
module, cffi's API mode), cffi's ABI mode, numba, and hotloop itself.

A contestant that cannot be had is None, and `skipped` says why; its rows
are left out and the report lists the reason. Loading the Go library
starts the Go runtime, after which the process must not fork: `load` is
called once every subprocess of the run has finished.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional

from build_peers import cdef_from_header, import_module

ROOT = Path(__file__).resolve().parent.parent


# The pure-Python contestants, each defined once. (The tests' definitions,
# which every hotloop function must agree with, are tests/python/reference.py:
# those check their inputs; these are written as a Python user would.)


def python_gsum(n: int) -> int:
    """The first article's pure Python: `sum(range(1, n + 1))`."""
    return sum(range(1, n + 1))


def python_collatz(n: int) -> int:
    """The second article's Python `collatz`."""
    if n % 2 == 0:
        return n // 2
    return 3 * n + 1


def articles_collatz_loop(n: int, k: int) -> int:
    """The second article's loop: one call of `collatz` per step (table 2)."""
    for _ in range(k):
        n = python_collatz(n)
    return n


def python_collatz_loop(n: int, k: int) -> int:
    """The same loop with the step written inline, the fastest plain Python:
    what staying in Python costs, in the crossover (table 4)."""
    for _ in range(k):
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    return n


def python_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@dataclass
class Contestants:
    hotloop: Any
    np: Any
    c: Any
    go: Optional[Any] = None
    rust: Optional[Any] = None
    pyo3: Optional[Any] = None
    cffi_api: Optional[Any] = None
    cffi_abi: Optional[Any] = None
    numba: Optional[Dict[str, Any]] = None
    pd: Optional[Any] = None
    uniffi: Optional[Any] = None
    interoptopus: Optional[Any] = None
    skipped: Dict[str, str] = field(default_factory=dict)


class _Interoptopus:
    """gsum and collatz_loop as a user calls interoptopus's generated functions:
    the module loads the library and sets argtypes, restype and an errcheck
    that raises on a status other than Ok; the result comes back through an
    out-pointer, so each call makes a ctypes value and passes it by reference."""

    def __init__(self, module: Any, library: Path) -> None:
        module.init_lib(str(library))
        gsum_raw, loop_raw = module.hotloop_iop_gsum, module.hotloop_iop_collatz_loop
        c_int64, c_uint64, byref = ctypes.c_int64, ctypes.c_uint64, ctypes.byref

        def gsum(n: int) -> int:
            out = c_int64()
            gsum_raw(n, byref(out))
            return out.value

        def collatz_loop(n: int, k: int) -> int:
            out = c_uint64()
            loop_raw(n, k, byref(out))
            return out.value

        self.gsum, self.collatz_loop = gsum, collatz_loop


def _articles_library(path: Path) -> Any:
    """The articles' way: CDLL, then argtypes and restype, once."""
    library = ctypes.CDLL(str(path))
    for name, arguments in (("GSum", [ctypes.c_int64]), ("collatz", [ctypes.c_int64]),
                            ("loopCollatz", [ctypes.c_int64, ctypes.c_int64])):
        function = getattr(library, name)
        function.argtypes, function.restype = arguments, ctypes.c_int64
    return library


def load(peers: Dict[str, Any], only: Optional[str] = None) -> Contestants:
    """Every contestant, from bench/build/peers.json's record of the peers;
    with `only` (a Contestants attribute), hotloop, numpy, the C library and
    that one alone (bench/instructions.py's children, under callgrind)."""
    import hotloop
    import numpy as np

    c = ctypes.CDLL(str(peers["c"]))
    c.gsum.argtypes, c.gsum.restype = [ctypes.c_int], ctypes.c_int
    c.collatz.argtypes, c.collatz.restype = [ctypes.c_int64], ctypes.c_int64
    c.loop_collatz.argtypes, c.loop_collatz.restype = [ctypes.c_int64, ctypes.c_int64], ctypes.c_int64
    c.noop.argtypes, c.noop.restype = [], None
    found = Contestants(hotloop=hotloop, np=np, c=c)
    skipped = found.skipped

    def wanted(name: str) -> bool:
        return only is None or only == name

    if wanted("go"):
        if isinstance(peers["go"], Path):
            found.go = _articles_library(peers["go"])  # from here on: no fork
        else:
            skipped["Go library"] = peers["go"]
    if wanted("rust"):
        if isinstance(peers["rust_port"], Path):
            found.rust = _articles_library(peers["rust_port"])
        else:
            skipped["Rust port of the articles' library"] = peers["rust_port"]
    if wanted("pyo3"):
        if isinstance(peers["pyo3"], Path):
            found.pyo3 = import_module(peers["pyo3"], "hotloop_pyo3")
        else:
            skipped["PyO3 extension"] = peers["pyo3"]
    if wanted("cffi_api"):
        if isinstance(peers["cffi_api"], Path):
            found.cffi_api = import_module(peers["cffi_api"], "_hotloop_cffi_api").lib
        else:
            skipped["cffi API mode"] = peers["cffi_api"]
    if wanted("uniffi"):
        built = peers.get("uniffi", "skipped: not built (make bench-peers)")
        if isinstance(built, Path):
            found.uniffi = import_module(built, "hotloop_uniffi")
        else:
            skipped["UniFFI bindings"] = built
    if wanted("interoptopus"):
        built = peers.get("interoptopus", "skipped: not built (make bench-peers)")
        if isinstance(built, Path):
            found.interoptopus = _Interoptopus(import_module(built, "hotloop_interoptopus"),
                                               built.parent / "libhotloop_interoptopus.so")
        else:
            skipped["interoptopus bindings"] = built
    if wanted("cffi_abi"):
        try:
            import cffi

            ffi = cffi.FFI()
            ffi.cdef(cdef_from_header(ROOT / "include" / "hotloop.h"))
            found.cffi_abi = ffi.dlopen(str(hotloop.library.path))
        except ImportError as error:
            skipped["cffi"] = f"skipped: cffi is not installed ({error})"
    if wanted("pd"):
        try:
            import pandas

            found.pd = pandas
        except ImportError as error:
            skipped["pandas"] = f"skipped: pandas is not installed ({error})"
    if wanted("numba"):
        numba = load_numba()
        if isinstance(numba, str):
            skipped["numba"] = numba
        else:
            found.numba = numba
    return found


def load_numba() -> Any:
    """numba's versions of the rows, compiled now (outside every timing), or
    why they are skipped."""
    try:
        import numba
        import numpy as np
    except ImportError as error:
        return f"skipped: numba is not installed ({error})"

    @numba.njit(cache=False)
    def gsum(n):
        result = 0
        for i in range(n + 1):
            result += i
        return result

    @numba.njit(cache=False)
    def loop(n, k):
        for _ in range(k):
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
        return n

    # int64 throughout: numba turns uint64 // int into float64 arithmetic.
    @numba.njit(cache=False)
    def steps_one(n):
        steps = 0
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            steps += 1
        return steps

    @numba.njit(cache=False)
    def steps_many(ns, out):
        for i in range(ns.shape[0]):
            out[i] = steps_one(np.int64(ns[i]))

    @numba.njit(cache=False)
    def longest(start, end):
        best_n, best_steps = start, -1
        for n in range(start, end):
            s = steps_one(n)
            if s > best_steps:
                best_n, best_steps = n, s
        return best_n, best_steps

    gsum(100), loop(np.int64(27), np.int64(10)), longest(np.int64(1), np.int64(10))
    steps_many(np.arange(1, 4, dtype=np.uint64), np.empty(3, dtype=np.int32))
    return dict(gsum=gsum, loop=loop, steps_many=steps_many, longest=longest, version=numba.__version__)
