"""Python's rules of the longest search (hotloop/_longest.py) held against
the library's own (src/kernels/longest.rs): where the candidates begin, the
windows, the library's order of parts, the tie rule, what a window needs and
"no candidate" give the library's whole answer."""

import ctypes
import itertools

import pytest

import hotloop
from hotloop import _longest
from hotloop._api import library, longest_parts, longest_window
from hotloop._longest import NO_CANDIDATE, Longest, Search, better, needed, top_down

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


def test_top_down_cuts_from_the_top():
    search = Search(1, 100)
    assert search.lo == 50
    assert top_down(50, 100, 3) == [(83, 100), (66, 83), (50, 66)]
    assert top_down(50, 100, 3, smallest=40) == [(50, 100)]
    assert _longest.Longest is hotloop.Longest


@pytest.mark.parametrize("start, end", RANGES + [(1, 10**9), (2**40 - 10**6, 2**40 + 10**6)])
def test_the_librarys_parts_cover_the_candidates_once_highest_bound_first(start, end):
    search = Search(start, end)
    parts = longest_parts(search)
    spans = sorted((part.lo, part.hi) for part in parts)
    assert spans[0][0] == search.lo and spans[-1][1] == search.end
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    # Highest bound first (unknown, -1, highest of all), the lower part first
    # among equal bounds.
    keys = [(-(2**32) if part.most_steps < 0 else -part.most_steps, part.lo) for part in parts]
    assert keys == sorted(keys)


@pytest.mark.parametrize("start, end", RANGES + [(1, 3 * 10**7), (9_000_000, 9_100_000)])
def test_parts_in_the_librarys_order_combine_to_its_answer(start, end):
    """As collatz_longest takes them: each part from the top down, a part
    that cannot beat the best left out, each window told what it needs."""
    search = Search(start, end)
    best = NO_CANDIDATE
    for part in longest_parts(search):
        if part.cannot_beat(best):
            continue
        for lo, hi in top_down(part.lo, part.hi, 3):
            best = better(best, longest_window(search, lo, hi, part.at_least(best, lo), 1))
        assert not part.holds_record or best.steps >= part.most_steps, part
    assert best == whole(search) == hotloop.collatz_longest(end, start=start)


def test_a_record_not_found_where_the_bound_says_is_searched_for_again(monkeypatch):
    """Were a part's bound wrong (too high), the search at that bound finds
    nothing; the part is searched again with what beats the best, and the
    answer stays right."""
    search = Search(1, 3 * 10**7)
    true_parts = longest_parts(search)
    wrong = [part._replace(most_steps=part.most_steps + 5) if part.holds_record else part for part in true_parts]
    monkeypatch.setattr(hotloop._api, "longest_parts", lambda _: list(wrong))
    assert hotloop.collatz_longest(search.end, progress=True) == whole(search)
    # Done by hand, each number is counted once: searched, or left out, or
    # given back to search again.
    plan = _longest.Plan(wrong)
    counted = 0
    while (window := plan.window(1 << 21)) is not None:
        lo, hi, at_least = window
        plan.searched(lo, hi, longest_window(search, lo, hi, at_least, 1))
        counted += hi - lo + plan.ruled_out()
    assert plan.best == whole(search) and counted == search.end - search.lo


def test_the_plan_leaves_out_what_the_first_parts_record_cannot_lose_to():
    """Below 10^12 the first part holds the record 989,345,275,647: once
    its search starts, only that part is left to do."""
    search = Search(1, 10**12)
    plan = _longest.Plan(longest_parts(search))
    first = plan.todo[0]
    lo, hi, at_least = plan.window(1 << 20)
    assert at_least == 1348 and (lo, hi) == (first.lo, first.lo + (1 << 20))  # from the bottom up
    plan.searched(lo, hi, NO_CANDIDATE)
    left_out = plan.ruled_out()
    assert plan.todo == [first._replace(lo=hi)] and left_out == search.end - search.lo - (first.hi - first.lo)
    # The record found: the rest of its part is left out too.
    plan.searched(hi, 989_345_275_648, Longest(989_345_275_647, 1348))
    assert plan.ruled_out() == first.hi - 989_345_275_648 and plan.todo == [] and plan.window(1) is None


def test_needed_gives_ties_to_the_smaller_n():
    best = Longest(100, 25)
    assert [needed(best, lo) for lo in (99, 100, 101)] == [25, 25, 26]
    assert needed(NO_CANDIDATE, 5) == 0
    assert _longest.Part(200, 300, 25).cannot_beat(best) and not _longest.Part(50, 99, 25).cannot_beat(best)
    assert not _longest.Part(200, 300, -1).cannot_beat(best)
    assert _longest.Part(50, 99, 30, True).at_least(best, 60) == 30 and _longest.Part(50, 99, 30).at_least(best, 60) == 25


def test_the_first_part_below_10_to_the_12_holds_its_delay_record():
    first = longest_parts(Search(1, 10**12))[0]
    assert first.lo <= 989_345_275_647 < first.hi and first.most_steps == 1348 and first.holds_record
