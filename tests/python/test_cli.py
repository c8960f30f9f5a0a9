"""The command line: output, exit codes and messages."""

import os
import signal
import subprocess
import sys
import time

import pytest

from hotloop import __version__

ENV = {"PYTHONPATH": ":".join(p for p in sys.path if p)}
COMMAND = [sys.executable, "-m", "hotloop"]


def hotloop(*args, **kwargs):
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=ENV, timeout=120, **kwargs)


@pytest.mark.parametrize(
    "args, output",
    [
        (["gsum", "100"], "5050\n"),
        (["collatz", "27"], "82\n"),
        (["loop", "27", "10**9"], "4\n"),
        (["loop", "27", "1_000"], "4\n"),
        (["steps", "1", "27", "97"], "1 0\n27 111\n97 118\n"),
        (["longest", "1000000"], "837799 524\n"),
        (["longest", "1000", "--start", "500", "--threads", "1"], "871 178\n"),
        (["--version"], f"hotloop {__version__}\n"),
        (["gsum", "-10**3"], "0\n"),
        (["gsum", "-5"], "0\n"),
        (["gsum", "0x10"], "136\n"),
        (["collatz", "2**63"], f"{2**62}\n"),
        (["longest", "100", "--start", "0b1010"], "97 118\n"),
    ],
)
def test_output(args, output):
    result = hotloop(*args)
    assert (result.returncode, result.stdout) == (0, output), result.stderr


def test_progress_goes_to_stderr():
    result = hotloop("longest", "3000000", "--progress")
    assert result.returncode == 0
    assert result.stdout == "2298025 559\n"
    assert "collatz_longest" in result.stderr


def test_help():
    result = hotloop("--help")
    assert result.returncode == 0
    for command in ("gsum", "collatz", "loop", "steps", "longest"):
        assert command in result.stdout
    assert hotloop("longest", "--help").returncode == 0


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "required: COMMAND"),
        (["collatz", "0"], "collatz: n = 0: not a positive integer"),
        (["collatz", "-5"], "collatz: n = -5: not a positive integer"),
        (["collatz", "18446744073709551616"], "does not fit in uint64"),
        (["collatz", "abc"], "not an integer: 'abc'"),
        (["collatz", "2.5"], "not an integer: '2.5'"),
        (["collatz", "-10**3"], "collatz: n = -1000: not a positive integer"),
        (["gsum", "0**-1"], "not an integer: '0**-1'"),
        (["gsum", "10**100000000"], "too large: '10**100000000'"),
        (["gsum", "9" * 5000], "too large"),
        (["loop", "27", "-1"], "k = -1: negative"),
        (["steps", "1", "0", "3"], r"ns[1] = 0: not a positive integer"),
        (["longest", "10", "--start", "10"], "is empty"),
        (["longest", "10", "--threads", "-2"], "threads = -2: negative"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2_without_a_traceback(args, message):
    result = hotloop(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("usage: hotloop")


@pytest.mark.parametrize(
    "args, message",
    [
        (["collatz", "18446744073709551615"], "hotloop: collatz: n = 18446744073709551615: the step 3n + 1"),
        (["gsum", "9999999999"], "hotloop: gsum: n = 9999999999: the sum 0 + 1 + ... + n does not fit in int64"),
    ],
)
def test_a_failed_computation_exits_1_without_the_usage_line(args, message):
    result = hotloop(*args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert "usage:" not in result.stderr


def test_a_huge_power_is_refused_before_it_is_computed():
    began = time.monotonic()
    result = hotloop("gsum", "10**100000000")
    assert result.returncode == 2 and time.monotonic() - began < 10


def test_a_reader_that_leaves_ends_the_output_quietly():
    child = subprocess.Popen(
        [*COMMAND, "steps", *map(str, range(1, 30001))], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV
    )
    assert os.read(child.stdout.fileno(), 4) == b"1 0\n"
    child.stdout.close()  # like `| head -1`
    stderr = child.stderr.read().decode()
    assert child.wait(timeout=60) == 141  # 128 + SIGPIPE, as a shell reports it
    assert stderr == ""


def test_a_full_disk_is_one_line_and_status_1():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COMMAND, "steps", "1", "2", "3"], stdout=full, stderr=subprocess.PIPE, text=True, env=ENV)
    assert result.returncode == 1
    assert result.stderr == "hotloop: cannot write the output: No space left on device\n"


def test_progress_with_stderr_closed():
    # `hotloop longest 3000000 --progress 2>&-`
    result = subprocess.run(
        [*COMMAND, "longest", "3000000", "--progress"], stdout=subprocess.PIPE, text=True, env=ENV,
        preexec_fn=lambda: os.close(2),
    )
    assert (result.returncode, result.stdout) == (0, "2298025 559\n")


def test_ctrl_c_exits_130():
    child = subprocess.Popen([*COMMAND, "loop", "27", "10**13"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, text=True)
    time.sleep(1.0)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=30)
    assert (child.returncode, stdout, stderr) == (130, "", "hotloop: interrupted\n")
