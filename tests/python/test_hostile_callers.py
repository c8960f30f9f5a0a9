"""What an ordinary but careless program does to a batch call: resize its
buffers from another thread, pass the output over the input, fork while a
call runs, ask for absurd thread counts. Each gets the right answer or a
clear error, and the process lives on."""

import resource
import subprocess
import sys
import textwrap
import threading
import time
from array import array

import hotloop
import numpy as np
import pytest
import reference
from hotloop import HotloopValueError

N = 2 * 10**7  # a call of about a second on one thread


def resize_during_call(ns, out, victim):
    """Runs collatz_steps_many(ns, out=out) and, 50 ms in, tries to empty
    `victim` from another thread; returns what that attempt raised."""
    seen = []

    def resize():
        time.sleep(0.05)
        try:
            del victim[:]
        except BufferError as error:
            seen.append(error)

    thread = threading.Thread(target=resize)
    thread.start()
    result = hotloop.collatz_steps_many(ns, threads=1, out=out)
    thread.join()
    return seen, result


def test_resizing_the_input_during_a_call_is_refused():
    ns = array("Q", range(1, N + 1))
    seen, result = resize_during_call(ns, None, ns)
    assert len(seen) == 1 and "exporting buffers" in str(seen[0])
    assert len(ns) == N and result[26] == 111 and result[-1] == reference.collatz_steps(N)
    del ns[:]  # after the call, the buffer is the caller's again
    assert len(ns) == 0


def test_resizing_the_output_during_a_call_is_refused():
    ns = np.arange(1, N + 1, dtype=np.uint64)
    out = array("i", bytes(4 * N))
    seen, result = resize_during_call(ns, out, out)
    assert len(seen) == 1 and result is out and out[26] == 111
    del out[:]
    assert len(out) == 0


def test_resizing_a_converted_input_during_a_call_is_refused():
    ns = array("l", range(1, N + 1))  # not uint64: converted piece by piece
    seen, result = resize_during_call(ns, None, ns)
    assert len(seen) == 1 and result[-1] == reference.collatz_steps(N)


@pytest.mark.parametrize(
    "make_out",
    [
        lambda ns: ns.view(np.int32)[:100],  # over the first elements
        lambda ns: ns.view(np.int32)[100:200],  # over later elements
        lambda ns: ns[50:].view(np.int32)[:100],  # past the end of the first piece
    ],
)
def test_an_output_over_the_input_writes_nothing(make_out):
    ns = np.arange(1, 101, dtype=np.uint64)
    with pytest.raises(HotloopValueError, match=r"^collatz_steps_many: ns, out: the buffers overlap$"):
        hotloop.collatz_steps_many(ns, out=make_out(ns))
    assert ns.tolist() == list(range(1, 101))


def test_an_output_over_a_large_input_writes_nothing():
    ns = np.full(1 << 20, 2**32 - 1, dtype=np.uint64)  # low 32 bits all ones
    before = ns.copy()
    with pytest.raises(HotloopValueError, match="overlap"):
        hotloop.collatz_steps_many(ns[1 << 18 :], out=ns.view(np.int32)[: (1 << 20) - (1 << 18)])
    assert np.array_equal(ns, before)


def test_an_output_over_a_converted_input_writes_nothing():
    ns = array("i", range(1, 101))  # converted piecewise, overlap checked all the same
    with pytest.raises(HotloopValueError, match="overlap"):
        hotloop.collatz_steps_many(ns, out=ns)
    assert list(ns) == list(range(1, 101))


def test_an_output_over_an_object_arrays_pointers_is_refused():
    # Found by fuzz/python/batches.py: memoryview(objects).cast("B").cast("i")
    # is an int32 buffer over the array's PyObject pointers; writing steps
    # there crashed the interpreter at its next garbage collection.
    objects = np.array([822460, np.int16(17815), 27, 97], dtype=object)
    before = objects.tolist()
    out = memoryview(objects).cast("B")[:16].cast("i")
    with pytest.raises(HotloopValueError, match="overlap"):
        hotloop.collatz_steps_many(objects, out=out)
    import gc

    gc.collect()
    assert objects.tolist() == before


FORK_CHILD = textwrap.dedent(
    """
    import os, signal, sys, threading
    sys.path[:0] = {paths!r}
    import numpy as np
    import hotloop
    ns = np.arange(1, 300_001, dtype=np.uint64)
    workers = [
        threading.Thread(target=hotloop.collatz_steps_many, args=(ns,), kwargs={{"threads": 2}}),
        threading.Thread(target=hotloop.collatz_longest, args=(2_000_000,), kwargs={{"threads": 2}}),
    ]
    for w in workers:
        w.start()
    # Fork again and again while the first calls run, so that some forks
    # land inside them whatever the timing.
    children = []
    for _ in range(20):
        pid = os.fork()
        if pid == 0:
            signal.alarm(20)  # a child that hangs dies of SIGALRM
            steps_ok = hotloop.collatz_steps_many([27, 97], threads=0).tolist() == [111, 118]
            longest_ok = hotloop.collatz_longest(100_000) == (77031, 350)
            os._exit(0 if steps_ok and longest_ok else 1)
        children.append(pid)
    statuses = [os.waitpid(pid, 0)[1] for pid in children]
    for w in workers:
        w.join()
    print(max(statuses))
    """
)


def test_a_fork_during_first_batch_calls_leaves_a_working_child():
    # Each trial is a fresh interpreter, so the calls it forks during are the
    # process's first.
    for trial in range(5):
        code = FORK_CHILD.format(paths=sys.path)
        result = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "0", f"trial {trial}: a child ended with status {result.stdout}"


FORK_DURING_TABLE_BUILD = textwrap.dedent(
    """
    import os, signal, sys, threading, time
    sys.path[:0] = {paths!r}
    import numpy as np
    import hotloop
    # The first call past 2^23 numbers builds the 2^22-entry steps table
    # (tens of milliseconds, on the calling thread): fork all along it.
    big = np.arange(1, 2**23 + 2, dtype=np.uint64)
    worker = threading.Thread(target=hotloop.collatz_steps_many, args=(big,), kwargs={{"threads": 1}})
    sample = list(range(1, 2**22 + 70_000, 4099)) + [27, 837_799, 2**22 - 1, 2**22]
    expected = [hotloop.collatz_steps(n) for n in sample]  # one number at a time: no table
    children = []
    worker.start()
    for _ in range(30):
        pid = os.fork()
        if pid == 0:
            signal.alarm(30)  # a child that hangs dies of SIGALRM
            ok = hotloop.collatz_steps_many(sample, threads=0).tolist() == expected
            # A call that takes this process past 2^23 numbers: the child
            # builds its own table, or goes on without one; never waits.
            ok = ok and int(hotloop.collatz_steps_many(big[: 2**22], threads=1)[26]) == 111
            ok = ok and hotloop.collatz_steps_many(sample, threads=2).tolist() == expected
            os._exit(0 if ok else 1)
        children.append(pid)
        time.sleep(0.003)
    statuses = [os.waitpid(pid, 0)[1] for pid in children]
    worker.join()
    print(max(statuses))
    """
)


def test_a_fork_while_the_steps_table_is_built_leaves_a_working_child():
    code = FORK_DURING_TABLE_BUILD.format(paths=sys.path)
    for trial in range(2):
        result = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, timeout=180)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "0", f"trial {trial}: a child ended with status {result.stdout}"


@pytest.mark.parametrize("threads", [64, 300, 100_000, 2**32 - 1, 2**40])
def test_huge_thread_counts_give_the_same_answer(threads):
    ns = np.arange(1, 100_001, dtype=np.uint64)
    assert np.array_equal(hotloop.collatz_steps_many(ns, threads=threads), hotloop.collatz_steps_many(ns, threads=1))
    assert hotloop.collatz_longest(10**6, threads=threads) == (837799, 524)


HUGE_RANGE = textwrap.dedent(
    """
    import ctypes, os, sys, threading, time
    sys.path[:0] = {paths!r}
    import hotloop
    n, steps = ctypes.c_uint64(), ctypes.c_int32()
    call = lambda: hotloop.library.release.hotloop_collatz_longest(
        1, 2**64 - 1, 2**32 - 1, ctypes.byref(n), ctypes.byref(steps))
    threading.Thread(target=call, daemon=True).start()
    time.sleep(1.0)  # a search of 2**63 numbers: it runs, and the process lives
    print("alive", flush=True)
    os._exit(0)
    """
)


def test_the_largest_range_with_the_largest_thread_count_runs():
    code = HUGE_RANGE.format(paths=sys.path)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "alive"), result.stderr


LIMITED = textwrap.dedent(
    """
    import sys
    sys.path[:0] = {paths!r}
    import numpy as np
    import hotloop
    ns = np.arange(1, 1_000_001, dtype=np.uint64)
    expected = hotloop.collatz_steps_many(ns, threads=1)
    for threads in (0, 64, 300, 100_000, 2**32 - 1):
        assert np.array_equal(hotloop.collatz_steps_many(ns, threads=threads), expected), threads
        assert hotloop.collatz_longest(10**6, threads=threads) == (837799, 524), threads
    print("ok")
    """
)


def _run_limited(limit):
    code = LIMITED.format(paths=sys.path)
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, preexec_fn=limit
    )


def test_thread_requests_under_an_address_space_limit():
    # ulimit -v: the interpreter, numpy and the inputs fit, few thread stacks do.
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (700 * 2**20, 700 * 2**20))

    result = _run_limited(limit)
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stderr


NO_THREADS = textwrap.dedent(
    """
    import resource, sys, threading
    sys.path[:0] = {paths!r}
    import numpy as np
    import hotloop
    ns = np.arange(1, 1_000_001, dtype=np.uint64)
    expected = hotloop.collatz_steps_many(ns, threads=1)
    requests = (0, 2, 64, 2**32 - 1)
    outs = [np.empty_like(expected) for _ in requests]
    longest = []
    hotloop.collatz_longest(1000, threads=1)
    # No room left for a thread's stack: every spawn from here on fails.
    size = int(next(l for l in open("/proc/self/status") if l.startswith("VmSize")).split()[1]) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (size + 128 * 1024, resource.RLIM_INFINITY))
    try:
        threading.Thread(target=print).start()
        spawned = True
    except RuntimeError:
        spawned = False
    for threads, out in zip(requests, outs):
        hotloop.collatz_steps_many(ns, threads=threads, out=out)
        longest.append(hotloop.collatz_longest(10**6, threads=threads))
    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    assert not spawned, "the limit did not stop threads"
    for out in outs:
        assert np.array_equal(out, expected)
    assert longest == [(837799, 524)] * len(requests), longest
    print("ok")
    """
)


def test_calls_go_on_when_no_thread_can_be_spawned():
    # A process or memory limit that refuses every new thread (ulimit -u in
    # a container, ulimit -v): the calling thread does all the work.
    code = NO_THREADS.format(paths=sys.path)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout.strip()) == (0, "ok"), result.stdout + result.stderr
