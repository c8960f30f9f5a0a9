"""hotloop.dask on a real cluster: a distributed.LocalCluster of two worker
processes that talk to the scheduler over TCP on the loopback. No mocks."""

import logging
import os
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest

import hotloop

dask_array = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")
import hotloop.dask as hd  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, protocol="tcp", host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.CRITICAL,
    ) as cluster, distributed.Client(cluster) as client:
        assert all(address.startswith("tcp://127.0.0.1:") for address in client.nthreads())
        assert len(set(client.run(os.getpid).values()) - {os.getpid()}) == 2  # two processes, not this one
        yield client


def test_the_answer_below_10_to_the_8_is_the_local_one(client):
    assert hd.collatz_longest(10**8, client=client) == hotloop.collatz_longest(10**8) == (63728127, 949)


@pytest.mark.parametrize("start, end", [(1, 10), (12, 14), (27, 28), (1000, 5000), (123_456, 10**7 + 7),
                                        (2**32 - 10**6, 2**32 + 3 * 10**6), (12_327_829_000, 12_327_830_000)])
def test_ranges_not_starting_at_1_match_the_local_call(client, monkeypatch, start, end):
    # Windows far smaller than usual, so that ties (12 and 13 take 9 steps)
    # and records fall in different tasks.
    monkeypatch.setattr(hd, "MIN_WINDOW", 1)
    found = hd.collatz_longest(end, start=start, client=client, pieces=37)
    assert found == hotloop.collatz_longest(end, start=start)
    assert type(found) is hotloop.Longest


def test_a_record_not_where_the_bound_says_is_searched_for_again(client, monkeypatch):
    """Were the first part's bound wrong (too high), nothing reaches it: the
    search runs again without the promise, and the answer stays right."""
    search = hotloop._longest.Search(1, 3 * 10**7)
    true_parts = hotloop._api.longest_parts(search)
    assert true_parts[0].holds_record
    wrong = [true_parts[0]._replace(most_steps=true_parts[0].most_steps + 5), *true_parts[1:]]
    monkeypatch.setattr(hotloop._api, "longest_parts", lambda _: list(wrong))
    assert hd.collatz_longest(search.end, client=client) == (15733191, 704)  # a delay record (A006877)


def test_the_default_client_is_used(client):
    assert hd.collatz_longest(10**6) == (837799, 524)


def test_a_bad_range_raises_the_local_exception_before_any_task(client):
    for kwargs, error in [({"end": 10, "start": 10}, hotloop.HotloopValueError),
                          ({"end": 2**64}, hotloop.HotloopOverflowError),
                          ({"end": 10.5}, hotloop.HotloopTypeError),
                          ({"end": 100, "pieces": 0}, hotloop.HotloopValueError)]:
        with pytest.raises(error) as raised:
            hd.collatz_longest(client=client, **kwargs)
        assert raised.value.function == "hotloop.dask.collatz_longest"


def test_an_error_in_one_window_arrives_as_the_local_exception(client):
    # A window the library refuses (start = 0, unchecked), run as a task on a worker.
    search = hotloop._longest.Search(0, 100)
    with pytest.raises(hotloop.HotloopValueError) as local:
        hd._longest_window(search, hotloop._longest.Part(50, 100, -1))
    future = client.submit(hd._longest_window, search, hotloop._longest.Part(50, 100, -1))
    remote = future.exception()
    future.release()
    assert type(remote) is hotloop.HotloopValueError and str(remote) == str(local.value)
    assert (remote.function, remote.subject, remote.reason, remote.status) == (
        local.value.function, local.value.subject, local.value.reason, local.value.status)
    assert remote.status == 1


def test_a_lost_worker_loses_nothing(client):
    """A worker killed (SIGKILL) while the tasks run: Dask runs its tasks
    again on the restarted worker, and the answer is unchanged."""
    # A range with no delay record in it, whose every part is searched: about
    # 6 s of one core (the answer is the local call's, hotloop.collatz_longest).
    answer = {}
    search = lambda: answer.update(found=hd.collatz_longest(11 * 10**9, start=10**10, client=client))  # noqa: E731
    thread = threading.Thread(target=search)
    thread.start()
    deadline = time.monotonic() + 30
    while not any(client.processing().values()) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.3)
    victim = next(iter(client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    thread.join(120)
    assert answer["found"] == (10444481563, 1114)
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()


def ours(client):
    """This module's collatz_longest tasks that the scheduler still holds."""
    return client.run_on_scheduler(lambda dask_scheduler: sorted(
        str(key) for key in dask_scheduler.tasks if str(key).startswith(("_longest_window-", "_best-"))))


def settled(client, seconds=10):
    """Waits until the scheduler holds none of our tasks (released futures
    are forgotten a moment later, not at once); returns what is left."""
    deadline = time.monotonic() + seconds
    while ours(client) and time.monotonic() < deadline:
        time.sleep(0.05)
    return ours(client)


def test_ctrl_c_cancels_the_tasks(client):
    assert settled(client) == []
    previous = signal.signal(signal.SIGALRM, signal.default_int_handler)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            hd.collatz_longest(3 * 10**10, start=2 * 10**10, client=client)  # about 40 s of a core
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert settled(client) == []
    # The workers are free again: a new computation is answered at once.
    assert hd.collatz_longest(10**6, client=client) == (837799, 524)


def test_steps_many_is_lazy_and_matches_the_local_call(client):
    numbers = np.arange(1, 300_001, dtype=np.uint64)
    array = dask_array.from_array(numbers, chunks=70_000)
    steps = hd.collatz_steps_many(array)
    assert isinstance(steps, dask_array.Array) and steps.dtype == np.int32 and steps.chunks == array.chunks
    np.testing.assert_array_equal(steps.compute(), hotloop.collatz_steps_many(numbers))
    # Other dtypes, two dimensions, values past 2**64 on the way.
    grid = np.array([[27, 97, 2**64 - 1], [12_327_829_503, 1, 2**63]], dtype=np.uint64)
    np.testing.assert_array_equal(hd.collatz_steps_many(dask_array.from_array(grid, chunks=(1, 2))).compute(),
                                  hotloop.collatz_steps_many(grid))
    small = np.arange(1, 1000, dtype=np.int16).reshape(27, 37)
    np.testing.assert_array_equal(hd.collatz_steps_many(dask_array.from_array(small, chunks=10)).compute(),
                                  hotloop.collatz_steps_many(small))


@pytest.mark.parametrize("bad, error", [(0, hotloop.HotloopValueError), (-5, hotloop.HotloopValueError)])
def test_a_bad_element_is_named_by_its_global_index(client, bad, error):
    numbers = np.arange(1, 10_001, dtype=np.int64).reshape(100, 100)
    numbers[73, 41] = bad
    with pytest.raises(error) as local:
        hotloop.collatz_steps_many(numbers)
    with pytest.raises(error) as remote:
        hd.collatz_steps_many(dask_array.from_array(numbers, chunks=(30, 25))).compute()
    assert str(remote.value) == str(local.value) == f"collatz_steps_many: ns[7341] = {bad}: not a positive integer"
    assert remote.value.index == local.value.index == 7341


def test_non_integer_arrays_are_refused_before_computing(client):
    with pytest.raises(hotloop.HotloopTypeError, match="must hold integers, not float64"):
        hd.collatz_steps_many(dask_array.ones(10))
    with pytest.raises(hotloop.HotloopTypeError, match="must be a dask.array.Array, not list"):
        hd.collatz_steps_many([1, 2, 3])


def test_without_a_client_the_error_says_what_to_do():
    code = "import hotloop.dask as hd\ntry:\n    hd.collatz_longest(100)\nexcept hd.HotloopValueError as e:\n    print(e)\n"
    result = subprocess.run([sys.executable, "-c", code.replace("hd.HotloopValueError", "ValueError")],
                            capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert result.stdout == ("hotloop.dask.collatz_longest: client: no Dask client: pass client=, "
                             "or create a distributed.Client first\n"), result.stderr


def test_without_dask_hotloop_is_unaffected_and_hotloop_dask_says_which_extra():
    code = ("import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None\n"
            "import hotloop; assert hotloop.gsum(100) == 5050\n"
            "try:\n    import hotloop.dask\nexcept ImportError as e:\n    print(e)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)))
    assert 'pip install "hotloop[dask]"' in result.stdout, result.stderr


QUIET_SCRIPT = """
from distributed import Client
import hotloop.dask

if __name__ == "__main__":
    client = Client(n_workers=2, threads_per_worker=1, dashboard_address=None)
    print(hotloop.dask.collatz_longest(10**8))
"""


@pytest.mark.parametrize("progress", [False, True])
def test_a_script_that_ends_on_a_search_ends_quietly(tmp_path, progress):
    """The search's tasks are gone from the scheduler when it returns, so a
    script that ends right there and shuts its cluster down loses nothing
    and warns about nothing."""
    script = tmp_path / "search.py"
    script.write_text(QUIET_SCRIPT.replace("10**8)", f"10**8, progress={progress})"))
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path,
                            env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)), timeout=300)
    assert result.stdout.splitlines()[-1] == "Longest(n=63728127, steps=949)"
    noise = [line for line in result.stderr.splitlines() if "WARNING" in line or "Traceback" in line
             or "lose" in line]
    assert noise == [], result.stderr[-3000:]
