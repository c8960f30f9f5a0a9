"""Python's rules of the longest search (hotloop/_longest.py) held against
the library's own (src/kernels/longest.rs): where the candidates begin, the
windows, the tie rule and "no candidate" give the library's whole answer."""

import ctypes
import itertools

import pytest

import hotloop
from hotloop import _longest
from hotloop._api import library, longest_window
from hotloop._longest import NO_CANDIDATE, Longest, Search, better, top_down

import reference


def whole(search: Search) -> Longest:
    """hotloop_collatz_longest over the whole range, in one call."""
    n, steps = ctypes.c_uint64(), ctypes.c_int32()
    assert library.release.hotloop_collatz_longest(search.start, search.end, 1, ctypes.byref(n), ctypes.byref(steps)) == 0
    return Longest(n.value, steps.value)


RANGES = [(1, 2), (1, 10), (3, 4), (7, 100), (27, 28), (1, 1000), (500, 5000), (12_327_829_000, 12_327_830_100),
          (2**64 - 3000, 2**64 - 1)]


@pytest.mark.parametrize("start, end", RANGES)
@pytest.mark.parametrize("count", [1, 2, 3, 7, 50])
def test_windows_from_the_top_combine_to_the_librarys_answer(start, end, count):
    search = Search.checked(end, start, "test")
    best = NO_CANDIDATE
    for lo, hi in top_down(search.lo, search.end, count):
        best = better(best, longest_window(search, lo, hi, max(best.steps, 0), 1))
    assert best == whole(search)


@pytest.mark.parametrize("start, end", RANGES)
def test_no_candidate_below_lo(start, end):
    search = Search.checked(end, start, "test")
    assert longest_window(search, search.start, search.lo, 0, 1) == NO_CANDIDATE
    assert longest_window(search, search.end, search.end + 5, 0, 1) == NO_CANDIDATE
    assert whole(search).n >= search.lo


def test_the_tie_rule_is_the_librarys():
    # Below 10: 9 has 19 steps, and no other; [6, 8) holds 6 and 7 with 8 and 16.
    # Ties: 12 and 13 both take 9 steps; 28 and 29 and 30 all take 18.
    for start, end in [(12, 14), (28, 31), (3, 4)]:
        search = Search(start, end)
        ns = range(start, end)
        by_definition = min((Longest(n, reference.collatz_steps(n)) for n in ns), key=lambda x: (-x.steps, x.n))
        assert whole(search) == by_definition
        # One window per number, in every order: better() keeps the smaller n.
        for order in itertools.permutations(ns):
            combined = NO_CANDIDATE
            for n in order:
                combined = better(combined, Longest(n, reference.collatz_steps(n)))
            assert combined == by_definition


def test_better_with_no_candidate():
    found = Longest(27, 111)
    assert better(NO_CANDIDATE, found) == found and better(found, NO_CANDIDATE) == found
    assert better(NO_CANDIDATE, NO_CANDIDATE) == NO_CANDIDATE


@pytest.mark.parametrize("start, end", [(0, 10), (10, 10), (11, 10)])
def test_a_bad_range_is_refused_as_the_library_refuses_it(start, end):
    with pytest.raises(hotloop.HotloopValueError) as python:
        Search.checked(end, start, "collatz_longest")
    n, steps = ctypes.c_uint64(), ctypes.c_int32()
    status = library.release.hotloop_collatz_longest(start, end, 1, ctypes.byref(n), ctypes.byref(steps))
    assert status == 1
    _, message = library.last_error()
    assert message.split(": ", 2)[1:] == [python.value.subject, python.value.reason]


def test_below_walks_down_from_the_top():
    search = Search(1, 100)
    assert search.lo == 50
    assert search.below(0, 10) == (90, 100)
    assert search.below(10, 5) == (85, 90)
    assert top_down(50, 100, 3) == [(83, 100), (66, 83), (50, 66)]
    assert top_down(50, 100, 3, smallest=40) == [(50, 100)]
    assert _longest.Longest is hotloop.Longest
