"""The command line: output, exit codes and messages."""

import subprocess
import sys

import pytest


def hotloop(*args):
    env = {"PYTHONPATH": ":".join(p for p in sys.path if p)}
    return subprocess.run(
        [sys.executable, "-m", "hotloop", *args], capture_output=True, text=True, env=env, timeout=120
    )


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
        (["--version"], "hotloop 0.1.0\n"),
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
        (["gsum", "9999999999"], "does not fit in int64"),
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
