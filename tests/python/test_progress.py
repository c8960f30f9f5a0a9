"""The progress bar of a long call tells the truth: its total is what the
caller asked about, and its time left comes from the rate the work has now."""

import sys

import pytest

import hotloop
from hotloop import _progress


def test_collatz_longest_counts_the_numbers_of_the_range(capsys):
    pytest.importorskip("tqdm")
    assert hotloop.collatz_longest(10**8, start=10**6, progress=True) == (63728127, 949)
    last = capsys.readouterr().err.replace("\r", "\n").strip().splitlines()[-1]
    # tqdm's unit_scale: 99,000,000 numbers, all done, in numbers ("n").
    assert "99.0M/99.0M" in last and "n/s" in last, last


def test_the_plain_bar_starts_with_what_was_done_already(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # as if tqdm were not installed
    bar = _progress.progress_bar(100, "search", True, already=40, unit="n")
    assert isinstance(bar, _progress._PlainBar)
    bar.update(60)
    bar.close()
    assert "100.0%" in capsys.readouterr().err


def test_the_time_left_follows_the_recent_rate():
    """A search that speeds up: 10 units/s for a while, then 100 units/s.
    The estimate follows the recent speed, not the average since the start."""
    rate = _progress.Rate(0.0)
    now = 0.0
    for _ in range(10):
        now += 1.0
        rate.update(10, now)
    assert rate.left(100) == pytest.approx(10.0)
    for _ in range(20):
        now += 0.1
        rate.update(10, now)
    # The whole run's average would say 300 units in 300 / (300 / 12) = 12 s.
    assert rate.left(300) == pytest.approx(3.0, rel=0.01)
    assert _progress.Rate(0.0).left(5) is None
