"""The first article's benchmark (benchmark_gsum.py), in its own style, with
hotloop beside the Go and C libraries:

    make bench-pytest      # or: pytest bench/ --benchmark-only

The libraries are the ones make bench builds in bench/build/.
"""

import sys
from ctypes import c_int, c_int64, cdll
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "bench" / "build"
sys.path.insert(0, str(ROOT / "python"))

import hotloop  # noqa: E402


def load(name):
    path = BUILD / name
    if not path.is_file():
        pytest.skip(f"{path} is not built (make bench builds it)")
    return cdll.LoadLibrary(str(path))


def GSum(n: int):
    return sum(range(1, n + 1))


def test_python_gsum(benchmark):
    assert benchmark(GSum, 100) == 5050


def test_go_gsum(benchmark):
    gosum = load("libarticle_go.so")
    gosum.GSum.argtypes, gosum.GSum.restype = [c_int64], c_int64
    assert benchmark(gosum.GSum, 100) == 5050


def test_c_gsum(benchmark):
    cgsum = load("libarticle_c.so")
    cgsum.gsum.argtypes, cgsum.gsum.restype = [c_int], c_int
    assert benchmark(cgsum.gsum, 100) == 5050


def test_hotloop_gsum(benchmark):
    assert benchmark(hotloop.gsum, 100) == 5050


def test_hotloop_raw_prototype(benchmark):
    assert benchmark(hotloop.library.fast.hotloop_gsum, 100) == 5050


def test_hotloop_as_the_article_loads_it(benchmark):
    # The article's own lines, unchanged but for the path: no argtypes at all.
    gosum = cdll.LoadLibrary(str(hotloop.library.path))
    assert benchmark(gosum.GSum, 100) == 5050
