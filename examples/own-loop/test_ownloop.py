"""The example's tests: answers against the definition, and the ways a user fails."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import ownloop


def plain(n: int) -> int:
    """The definition: the first d >= 2 that divides n."""
    return next(d for d in range(2, n + 1) if n % d == 0)


def test_matches_the_definition() -> None:
    assert ownloop.smallest_factors(range(2, 3000)) == [plain(n) for n in range(2, 3000)]


def test_the_top_of_uint64() -> None:
    assert ownloop.smallest_factors([2**64 - 1, 2**63, 65_521 * 4_294_967_291]) == [3, 2, 65_521]


def test_empty() -> None:
    assert ownloop.smallest_factors([]) == []


def test_a_bad_element_is_named_with_its_index_in_the_whole_batch() -> None:
    batch = [10] * (ownloop.PIECE + 5) + [1, 0]
    with pytest.raises(ownloop.OwnloopError) as caught:
        ownloop.smallest_factors(batch)
    assert caught.value.index == ownloop.PIECE + 5
    assert str(caught.value) == f"smallest_factors: ns[{ownloop.PIECE + 5}] = 1: has no prime factor (it is below 2)"


@pytest.mark.parametrize("n", [-1, 2**64])
def test_never_wrapped_to_64_bits(n: int) -> None:
    with pytest.raises(OverflowError, match=r"ns\[1\] = .*: does not fit in uint64"):
        ownloop.smallest_factors([6, n])


def test_not_an_integer() -> None:
    with pytest.raises(TypeError):
        ownloop.smallest_factors([6, 2.5])  # type: ignore[list-item]


def test_the_gil_is_released() -> None:
    """Another Python thread keeps running during a long call."""
    ticks = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        ownloop.smallest_factors([4_294_967_291] * 600)
    finally:
        stop.set()
        thread.join()
    assert len(ticks) > 10


def test_ctrl_c_stops_a_long_call() -> None:
    """SIGINT during a call of many pieces is a KeyboardInterrupt soon after."""
    script = (
        "import ownloop, time\n"
        "print('ready', flush=True)\n"
        "start = time.monotonic()\n"
        "try:\n"
        "    ownloop.smallest_factors([4_294_967_291] * 2_000_000)\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    # A background job's children start with SIGINT ignored (POSIX shells do
    # that), and Python then leaves it ignored: the child gets the default back.
    child = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent, stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PYTHONPATH": str(Path(__file__).parent)},
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert child.stdout is not None
    assert child.stdout.readline() == "ready\n"
    time.sleep(0.5)
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=30)
    assert out == "interrupted\n"
