"""Ranges, generators and other iterables are consumed a piece at a time:
memory stays bounded whatever their length, and progress=True shows a bar."""

import subprocess
import sys
import textwrap

import hotloop
import numpy as np
import pytest
import reference

PEAK = textwrap.dedent(
    """
    import resource, sys
    sys.path[:0] = {paths!r}
    import numpy as np
    import hotloop
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = hotloop.collatz_steps_many({expression}, threads={threads})
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(len(result), (after - before) // 1024)
    """
)


@pytest.mark.parametrize(
    "expression, length, threads",
    [
        ("range(1, 10**7)", 10**7 - 1, 1),
        ("range(10**7, 0, -1)", 10**7, 0),
        ("range(3 * 10**7, 0, -1)", 3 * 10**7, 0),
        ("(n for n in range(1, 3 * 10**6))", 3 * 10**6 - 1, 1),
        ("map(int, range(1, 3 * 10**6))", 3 * 10**6 - 1, 0),
        ("np.arange(1, 10**7, dtype='>u8')", 10**7 - 1, 0),
    ],
)
def test_a_streamed_piece_is_bounded_in_bytes_not_in_time(expression, length, threads):
    # A piece holds at most PIECE_ELEMENTS elements whatever the machine's
    # speed (a faster machine once meant larger pieces: 194 MiB past the
    # output for range(10**8, 0, -1)).
    code = PEAK.format(paths=sys.path, expression=expression, threads=threads)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    count, grown_mib = map(int, result.stdout.split())
    output_mib = 4 * length / 2**20
    assert count == length
    input_mib = 8 * length / 2**20 if expression.startswith("np.") else 0
    # The output (and an array input), the steps table (8 MiB, built once the
    # process passes 2**23 numbers), and one piece: 2**18 elements as uint64,
    # numpy's temporaries and int32 results, under 8 MiB.
    bound = output_mib + input_mib + 8 + 8
    print(f"{expression}: {grown_mib} MiB, bound {bound:.0f}")
    assert grown_mib < bound, f"{grown_mib} MiB for an output of {output_mib:.0f} MiB"


def test_ranges_of_every_shape_are_exact():
    for r in (range(1, 5000), range(4999, 0, -1), range(3, 3000, 7), range(2**64 - 1000, 2**64 - 1), range(0)):
        values = list(r)
        result = hotloop.collatz_steps_many(r) if not values or max(values) < 2**40 else None
        if result is not None:
            assert result.tolist() == [reference.collatz_steps(n) for n in values]
    with pytest.raises(hotloop.HotloopValueError, match=r"ns\[3\] = 0: ") as info:
        hotloop.collatz_steps_many(range(3, -10, -1))
    assert info.value.result.tolist() == [7, 1, 0] + [-1] * 10
    with pytest.raises(hotloop.HotloopValueError, match=r"ns\[0\] = -1: "):
        hotloop.collatz_steps_many(range(-1, 5))
    with pytest.raises(hotloop.HotloopOverflowError, match=r"ns\[1\] = 18446744073709551616: does not fit") as info:
        hotloop.collatz_steps_many(range(2**63, 2**65, 2**63))
    assert info.value.result.tolist() == [63, -1, -1]


def test_generators_of_unknown_length_fill_a_result_of_their_length():
    result = hotloop.collatz_steps_many(n for n in range(1, 300_001))
    assert len(result) == 300_000 and result[26] == 111
    assert hotloop.collatz_steps_many(iter(())).tolist() == []


def test_out_with_an_iterable_of_another_length_is_refused():
    with pytest.raises(hotloop.HotloopValueError, match="out: has 3 elements, ns has more"):
        hotloop.collatz_steps_many(iter(range(1, 10)), out=np.empty(3, dtype=np.int32))
    with pytest.raises(hotloop.HotloopValueError, match="out: has 30 elements, ns has 9"):
        hotloop.collatz_steps_many(iter(range(1, 10)), out=np.empty(30, dtype=np.int32))
    out = np.empty(9, dtype=np.int32)
    assert hotloop.collatz_steps_many(iter(range(1, 10)), out=out) is out


@pytest.mark.parametrize(
    "ns", [np.arange(1, 2_000_001, dtype=np.uint64), range(1, 2_000_001), (n for n in range(1, 2_000_001))]
)
def test_progress_for_batches(ns, capsys):
    result = hotloop.collatz_steps_many(ns, progress=True)
    assert len(result) == 2_000_000
    assert "collatz_steps_many" in capsys.readouterr().err


def test_progress_without_a_stderr_computes_all_the_same(monkeypatch):
    monkeypatch.setattr(sys, "stderr", None)
    assert hotloop.collatz_loop(27, 10**8, progress=True) == hotloop.collatz_loop(27, 10**8)
    assert hotloop.collatz_longest(10**6, progress=True) == (837799, 524)
    assert len(hotloop.collatz_steps_many(range(1, 10**6), progress=True)) == 10**6 - 1
