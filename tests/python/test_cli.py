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
    "args, usage, message",
    [
        ([], "hotloop", "required: COMMAND"),
        (["frobnicate"], "hotloop", "invalid choice"),
        (["loop", "0", "5"], "hotloop loop", "hotloop loop: error: N = 0: not a positive integer"),
        (["loop", "-5", "1"], "hotloop loop", "N = -5: not a positive integer"),
        (["loop", "2**64", "1"], "hotloop loop", "N = 18446744073709551616: does not fit in uint64"),
        (["loop", "abc", "1"], "hotloop loop", "'abc': not an integer (write 27, -5, 1_000_000, 0x1b or 10**9)"),
        (["loop", "2.5", "1"], "hotloop loop", "'2.5': not an integer (write 27"),
        (["loop", "1e9", "1"], "hotloop loop", "'1e9': not an integer (write 27"),
        (["loop", "0**-1", "1"], "hotloop loop", "'0**-1': not an integer (write 27"),
        (["loop", "27", "-1"], "hotloop loop", "K = -1: negative"),
        (["loop", "27", "10**100000000"], "hotloop loop", "too large (at most 4096 bits)"),
        (["longest", "10", "--start", "10"], "hotloop longest", "[--start, END) = [10, 10): the range is empty"),
        (["longest", "10", "--threads", "-2"], "hotloop longest", "--threads = -2: negative (0 means every core)"),
        (["steps", "--threads", "-2", "5"], "hotloop steps", "--threads = -2: negative (0 means every core)"),
        (["steps", "--threads", "x", "5"], "hotloop steps", "'x': not an integer (write 27"),
    ],
)
def test_usage_errors_exit_2_with_the_subcommands_usage(args, usage, message):
    result = hotloop(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"usage: {usage} ")
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args, output, message",
    [
        (["steps", "27", "97", "-3"], "27 111\n97 118\n", "hotloop steps: argument 3: '-3': not a positive integer\n"),
        (["steps", "1", "0", "3"], "1 0\n3 7\n", "hotloop steps: argument 2: '0': not a positive integer\n"),
        (["steps", "2**64", "5"], "5 5\n", "hotloop steps: argument 1: '2**64': does not fit in uint64\n"),
        (["collatz", "18446744073709551616"], "", "argument 1: '18446744073709551616': does not fit in uint64\n"),
        (["collatz", "0", "3"], "10\n", "hotloop collatz: argument 1: '0': not a positive integer\n"),
        (["collatz", "abc"], "", "'abc': not an integer (write 27, -5, 1_000_000, 0x1b or 10**9)\n"),
        (["collatz", "2.5"], "", "'2.5': not an integer (write 27, -5, 1_000_000, 0x1b or 10**9)\n"),
        (["collatz", "1e9"], "", "'1e9': not an integer (write 27, -5, 1_000_000, 0x1b or 10**9)\n"),
        (["collatz", "18446744073709551615"],
         "", "hotloop collatz: argument 1: '18446744073709551615': the step 3n + 1 does not fit in uint64\n"),
        (["gsum", "9999999999", "100"], "5050\n",
         "hotloop gsum: argument 1: '9999999999': the sum 0 + 1 + ... + n does not fit in int64 "
         "(the largest n is 4294967295)\n"),
        (["gsum", "10**100000000"], "", "argument 1: '10**100000000': too large (at most 4096 bits)\n"),
    ],
)
def test_a_bad_number_is_reported_with_its_position_and_the_others_printed(args, output, message):
    result = hotloop(*args)
    assert (result.returncode, result.stdout) == (1, output)
    assert result.stderr.endswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert "usage:" not in result.stderr


def test_an_overflow_names_n_once():
    result = hotloop("collatz", "6148914691236517205")
    assert result.returncode == 1 and result.stderr.count("6148914691236517205") == 1, result.stderr


@pytest.mark.parametrize(
    "text, refused",
    [
        ("1" * 1233, False),  # 4093 bits: read, then does not fit in uint64
        ("1" * 1234, True),  # 4096.5 bits... as a decimal of 1,234 digits: 4,097 bits
        ("1" * 1300, True),  # 4,316 bits: slipped through a digit-count bound once
        ("1" * 1400, True),
        ("9" * 5000, True),
        ("0x" + "f" * 1024, False),  # exactly 4096 bits
        ("0x1" + "0" * 1024, True),  # 4097 bits
        ("0b1" + "0" * 4096, True),
        ("2**4095", False),
        ("2**4096", True),
        ("3**2600", True),  # 4,121 bits, past the cheap bound's estimate
    ],
)
def test_an_integer_past_4096_bits_is_refused_as_too_large(text, refused):
    result = hotloop("collatz", text)
    assert result.returncode == 1
    reason = "too large (at most 4096 bits)" if refused else "does not fit in uint64"
    assert result.stderr.endswith(f": {reason}\n"), result.stderr


def test_a_huge_power_is_refused_before_it_is_computed():
    began = time.monotonic()
    result = hotloop("gsum", "10**100000000")
    assert result.returncode == 1 and time.monotonic() - began < 10


@pytest.mark.parametrize(
    "args, stdin, output",
    [
        (["steps"], "1\n27\n97\n", "1 0\n27 111\n97 118\n"),
        (["steps", "-"], "1 27\n\n 97\t871\n", "1 0\n27 111\n97 118\n871 178\n"),
        (["steps", "5", "-", "6"], "7\n", "5 5\n7 16\n6 8\n"),
        (["gsum"], "100\n-5\n0x10\n", "5050\n0\n136\n"),
        (["collatz", "-"], "27", "82\n"),
        (["steps"], "", ""),
    ],
)
def test_numbers_from_stdin_one_result_a_line(args, stdin, output):
    result = hotloop(*args, input=stdin)
    assert (result.returncode, result.stdout, result.stderr) == (0, output, "")


def test_a_bad_number_from_stdin_is_named_by_its_line():
    # \xff is not UTF-8: a bad number, not a UnicodeDecodeError.
    result = subprocess.run([*COMMAND, "steps"], input=b"27\n3 x 5\n0\n\xff\n97\n", capture_output=True, env=ENV,
                            timeout=60)
    result.stdout, result.stderr = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1
    assert result.stdout == "27 111\n3 7\n5 5\n97 118\n"
    assert result.stderr.splitlines() == [
        "hotloop steps: line 2, number 2: 'x': not an integer (write 27, -5, 1_000_000, 0x1b or 10**9)",
        "hotloop steps: line 3: '0': not a positive integer",
        "hotloop steps: line 4: '\ufffd': not an integer (write 27, -5, 1_000_000, 0x1b or 10**9)",
    ]


def test_a_long_stream_matches_the_python_api():
    import hotloop as api

    count = 200_000  # several blocks
    result = hotloop("steps", "--threads", "2", input="".join(f"{n}\n" for n in range(count, 0, -1)))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    expected = api.collatz_steps_many(range(count, 0, -1)).tolist()
    assert lines == [f"{n} {s}" for n, s in zip(range(count, 0, -1), expected)]


def test_every_bad_number_of_a_long_stream_is_reported_in_linear_time():
    result = hotloop("steps", input="x\n" * 100_000 + "27\n")
    assert result.returncode == 1 and result.stdout == "27 111\n"
    reports = result.stderr.splitlines()
    assert len(reports) == 100_000 and reports[-1].startswith("hotloop steps: line 100000: 'x'")


def test_no_numbers_from_a_terminal_is_a_usage_error():
    main, other = os.openpty()
    try:
        result = subprocess.run([*COMMAND, "steps"], stdin=other, capture_output=True, text=True, env=ENV, timeout=60)
    finally:
        os.close(main)
        os.close(other)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: hotloop steps ")
    assert "give N, or - to read the numbers from stdin" in result.stderr


def test_closed_stdout_is_one_line_and_status_1():
    # `hotloop gsum 5 >&-`: Python then has no sys.stdout at all.
    result = subprocess.run([*COMMAND, "gsum", "5"], stderr=subprocess.PIPE, text=True, env=ENV,
                            preexec_fn=lambda: os.close(1), timeout=60)
    assert (result.returncode, result.stderr) == (1, "hotloop gsum: cannot write the output: stdout is closed\n")


def test_a_usage_error_with_stderr_closed_writes_nothing_to_stdout():
    # `hotloop loop 2>&-`: argparse alone would print the usage line on stdout.
    result = subprocess.run([*COMMAND, "loop"], stdout=subprocess.PIPE, text=True, env=ENV,
                            preexec_fn=lambda: os.close(2), timeout=60)
    assert (result.returncode, result.stdout) == (2, "")


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
    assert result.stderr == "hotloop steps: cannot write the output: No space left on device\n"


def test_progress_with_stderr_closed():
    # `hotloop longest 3000000 --progress 2>&-`
    result = subprocess.run(
        [*COMMAND, "longest", "3000000", "--progress"], stdout=subprocess.PIPE, text=True, env=ENV,
        preexec_fn=lambda: os.close(2),
    )
    assert (result.returncode, result.stdout) == (0, "2298025 559\n")


def test_ctrl_c_exits_130():
    # SIGINT as a terminal's Ctrl-C delivers it, even when this test runs in a
    # background job, whose children start with SIGINT ignored.
    child = subprocess.Popen([*COMMAND, "loop", "27", "10**13"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=ENV, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.0)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=30)
    assert (child.returncode, stdout, stderr) == (130, "", "hotloop loop: interrupted\n")
