"""Every uint64 input is answered: trajectories that pass 2**64 on the way
(the first from n = 12,327,829,503) are followed in 128-bit arithmetic.
Cross-checked against pure Python, whose integers have no limit."""

import hotloop
import numpy as np
import pytest
import reference

U64_MAX = 2**64 - 1
FIRST_PAST_2_64 = 12_327_829_503
# Path records below 2**64 (Roosendaal; OEIS A006884 / A006885): starts
# whose trajectories climb highest; the last peaks at 6.4e37, 126 bits.
PATH_RECORDS = [
    1_980_976_057_694_848_447,
    1_038_743_969_413_717_663,
    891_700_294_019_617_791,
    12_327_829_503,
    6_649_279_006,
]
MOST_STEPS = 14_727_207_461_063_895_711  # 2,442 steps, the most below 2**64


def peak(n):
    top = n
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        top = max(top, n)
    return top


def test_the_edges_are_what_the_literature_says():
    assert peak(FIRST_PAST_2_64) > U64_MAX and all(peak(n) <= U64_MAX for n in range(FIRST_PAST_2_64 - 300, FIRST_PAST_2_64))
    assert peak(PATH_RECORDS[0]).bit_length() == 126
    assert hotloop.collatz_steps(MOST_STEPS) == reference.collatz_steps(MOST_STEPS) == 2442


@pytest.mark.parametrize(
    "ns",
    [
        range(FIRST_PAST_2_64 - 3000, FIRST_PAST_2_64 + 3000),
        range(U64_MAX - 3000, U64_MAX + 1),
        [p + d for p in PATH_RECORDS for d in range(-50, 51)],
        [MOST_STEPS, (U64_MAX - 1) // 3, (U64_MAX - 1) // 3 + 1, 2**63 + 1, 2**64 - 3],
    ],
    ids=["around the first", "the top of uint64", "around the path records", "single edges"],
)
def test_steps_past_2_64_match_pure_python(ns):
    expected = [reference.collatz_steps(n) for n in ns]
    assert hotloop.collatz_steps_many(np.array(ns, dtype=np.uint64)).tolist() == expected
    assert hotloop.collatz_steps_many(np.array(ns, dtype=np.uint64), threads=1).tolist() == expected
    assert [hotloop.collatz_steps(n) for n in ns[:200]] == expected[:200]


@pytest.mark.parametrize(
    "start, end",
    [
        (FIRST_PAST_2_64 - 2000, FIRST_PAST_2_64 + 2000),
        (U64_MAX - 2000, U64_MAX),
        (PATH_RECORDS[0] - 1000, PATH_RECORDS[0] + 1000),
    ],
)
def test_longest_on_ranges_that_pass_2_64_matches_pure_python(start, end):
    assert hotloop.collatz_longest(end, start=start) == reference.collatz_longest(end, start=start)


def test_collatz_loop_through_2_64_matches_pure_python():
    for n in [FIRST_PAST_2_64, PATH_RECORDS[0], U64_MAX]:
        for k in (10, 100, 500, 1000, 5000):
            try:
                want = reference.collatz_loop(n, k)
            except reference.Overflow:
                with pytest.raises(hotloop.HotloopOverflowError, match="the result, .* does not fit in uint64"):
                    hotloop.collatz_loop(n, k)
                continue
            assert hotloop.collatz_loop(n, k) == want
            assert hotloop.collatz_loop(n, k, progress=True) == want  # the 128-bit pieces


# Delay records (OEIS A006877): each has more steps than every smaller n, so
# it is the answer below the next record; independent of hotloop's search.
# Below 989,345,275,647 itself, the part that holds it is cut short of it:
# its bound cannot be reached there, and the answer is the record before.
@pytest.mark.parametrize(
    "end, answer",
    [(10**9, (670_617_279, 986)), (10**10, (9_780_657_630, 1132)), (10**11, (75_128_138_247, 1228)),
     (10**12, (989_345_275_647, 1348)), (989_345_275_647, (881_715_740_415, 1335))],
)
def test_longest_below_powers_of_ten(end, answer):
    assert hotloop.collatz_longest(end) == answer
