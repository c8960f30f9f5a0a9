"""Many threads at once: correct results, per-thread errors, and long calls
that run in parallel with the GIL released."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import hotloop
import numpy as np
import pytest
import reference

STEPS = [reference.collatz_steps(n) for n in range(1, 5001)]


def hammer(seed):
    for i in range(1, 2000):
        n = i * 7 + seed
        assert hotloop.gsum(n) == n * (n + 1) // 2
        assert hotloop.collatz(n) == reference.collatz(n)
        assert hotloop.collatz_steps(n) == reference.collatz_steps(n)
        assert hotloop.collatz_loop(n, 50) == reference.collatz_loop(n, 50)
        if i % 100 == 0:
            # Each thread sees its own error, never another thread's.
            with pytest.raises(OverflowError, match=f"n = {2**32 + seed}:"):
                hotloop.gsum(2**32 + seed)
            with pytest.raises(ValueError, match=r"ns\[%d\] = 0" % (seed % 50)):
                ns = list(range(1, 51))
                ns[seed % 50] = 0
                hotloop.collatz_steps_many(ns)
    assert hotloop.collatz_steps_many(np.arange(1, 5001, dtype=np.uint64)).tolist() == STEPS
    assert hotloop.collatz_longest(100_000, threads=2) == (77031, 350)
    return seed


def test_eight_threads_hammering_every_function():
    with ThreadPoolExecutor(8) as pool:
        assert sorted(pool.map(hammer, range(8))) == list(range(8))


def intervals(call, count=2):
    """Runs `call` in `count` threads started together; their (start, end)."""
    barrier = threading.Barrier(count)
    spans = []

    def run():
        barrier.wait()
        began = time.perf_counter()
        call()
        spans.append((began, time.perf_counter()))

    threads = [threading.Thread(target=run) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(spans)


@pytest.mark.parametrize(
    "call",
    [
        lambda: hotloop.collatz_loop(27, 4 * 10**8),
        # No delay record in [10^9, 1.2 * 10^9): every part is searched.
        lambda: hotloop.collatz_longest(11 * 10**8, start=10**9, threads=1),
        lambda: hotloop.collatz_steps_many(np.arange(1, 2 * 10**6, dtype=np.uint64), threads=1),
    ],
    ids=["collatz_loop", "collatz_longest", "collatz_steps_many"],
)
def test_long_calls_overlap_in_time(call):
    (first_start, first_end), (second_start, _) = intervals(call)
    # With the GIL held, the second call could only start after the first.
    assert second_start < first_end


def test_python_threads_keep_running_during_a_long_call():
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    before = ticks
    hotloop.collatz_longest(12 * 10**8, start=10**9, threads=1)  # about a second: no record in it
    during = ticks - before
    done.set()
    counter.join()
    assert during > 5
