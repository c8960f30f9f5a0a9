"""Every function against its pure-Python definition, over the whole 64-bit
range and past it."""

import hotloop
import pytest
import reference
from hypothesis import given, settings
from hypothesis import strategies as st

U64_MAX = 2**64 - 1
I64_MAX = 2**63 - 1
GSUM_MAX_N = 4294967295
# Around every boundary where a fast path, a type or an overflow changes.
EDGES = [0, 1, 2, 3, 2**31 - 1, 2**31, 2**32 - 1, 2**32, GSUM_MAX_N, GSUM_MAX_N + 1,
         2**63 - 1, 2**63, (2**64 - 2) // 3, (2**64 - 2) // 3 + 1, 2**64 - 1, 2**64, 2**65]
integers_everywhere = st.one_of(
    st.integers(-(2**66), 2**66),
    st.sampled_from(EDGES + [-e for e in EDGES]),
    st.integers(-5, 5).flatmap(lambda d: st.sampled_from([e + d for e in EDGES])),
)


def expected(function, *args):
    """("ok", value) or the exception type hotloop must raise."""
    try:
        return "ok", function(*args)
    except ValueError:
        return ValueError
    except reference.Overflow:
        return OverflowError


def check(function, reference_function, *args):
    if args[0] <= 0:
        want = ValueError
    elif any(a > U64_MAX for a in args):
        want = OverflowError  # never wrapped to 64 bits
    else:
        want = expected(reference_function, *args)
    if want == ValueError or want == OverflowError:
        with pytest.raises(want):
            function(*args)
    else:
        assert function(*args) == want[1]


def test_the_articles_values():
    assert hotloop.gsum(100) == 5050
    assert hotloop.collatz(27) == 82
    assert hotloop.collatz_loop(27, 111) == 1
    assert hotloop.collatz_loop(27, 10**9) == 4
    assert hotloop.collatz_steps(27) == 111
    assert hotloop.collatz_longest(10**6) == (837799, 524)
    assert hotloop.collatz_longest(10**6).steps == 524


def check_gsum(n):
    if n <= GSUM_MAX_N:
        assert hotloop.gsum(n) == reference.gsum(n)
    else:
        with pytest.raises(OverflowError):
            hotloop.gsum(n)


@pytest.mark.parametrize("n", list(range(-3, 300)) + EDGES)
def test_gsum_small_and_edges(n):
    check_gsum(n)


@settings(max_examples=400, deadline=None)
@given(integers_everywhere)
def test_gsum_everywhere(n):
    check_gsum(n)


@settings(max_examples=400, deadline=None)
@given(integers_everywhere)
def test_collatz_everywhere(n):
    check(hotloop.collatz, reference.collatz, n)


@settings(max_examples=200, deadline=None)
@given(integers_everywhere, st.integers(0, 300))
def test_collatz_loop_everywhere(n, k):
    check(hotloop.collatz_loop, reference.collatz_loop, n, k)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(1, U64_MAX), st.sampled_from([e for e in EDGES if 0 < e <= U64_MAX])))
def test_collatz_steps_everywhere(n):
    check(hotloop.collatz_steps, reference.collatz_steps, n)


def test_collatz_steps_small():
    assert [hotloop.collatz_steps(n) for n in range(1, 3000)] == [
        reference.collatz_steps(n) for n in range(1, 3000)
    ]


def test_loop_chunks_agree_with_one_call():
    # Past LOOP_PIECE the loop runs in pieces; the answer must not change.
    k = 3 * (1 << 26) + 12345
    assert hotloop.collatz_loop(27, k) == [1, 4, 2][(k - 111) % 3]
    assert hotloop.collatz_loop(27, k, progress=False) == hotloop.collatz_loop(27, k)
    big = 2**61 + 7
    assert hotloop.collatz_loop(big, 200) == reference.collatz_loop(big, 200)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 3000), st.integers(1, 3000))
def test_collatz_longest_matches_brute_force(a, b):
    start, end = min(a, b), max(a, b) + 1
    assert tuple(hotloop.collatz_longest(end, start=start)) == reference.collatz_longest(end, start)


@pytest.mark.parametrize("threads", [0, 1, 2, 3, 8])
def test_collatz_longest_is_the_same_for_every_thread_count(threads):
    assert hotloop.collatz_longest(3 * 10**6, start=10, threads=threads) == (
        hotloop.collatz_longest(3 * 10**6, start=10, threads=1)
    )


def test_numpy_and_other_integer_types_are_integers():
    np = pytest.importorskip("numpy")
    assert hotloop.gsum(np.int64(100)) == 5050
    with pytest.raises(OverflowError):
        hotloop.collatz(np.uint64(2**63 + 1))
    assert hotloop.collatz_steps(np.uint64(27)) == 111
    assert hotloop.collatz(np.uint64(2**63)) == 2**62


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3 * 10**6), st.integers(1, 3 * 10**6))
def test_collatz_longest_matches_every_step_count(a, b):
    # The search skips most n; the batch kernel computes every one.
    np = pytest.importorskip("numpy")
    start, end = min(a, b), max(a, b) + 1
    steps = hotloop.collatz_steps_many(np.arange(start, end, dtype=np.uint64))
    best = int(np.argmax(steps))  # the first maximum: the smallest n
    assert tuple(hotloop.collatz_longest(end, start=start)) == (start + best, int(steps[best]))
