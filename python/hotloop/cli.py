"""The command line: `hotloop SUBCOMMAND ...` or `python -m hotloop ...`.

`gsum`, `collatz` and `steps` take any number of N, and read them from
stdin when given `-` (or nothing, with stdin not a terminal): one result a
line, in order, streamed a block at a time, so `seq 1 1000000 | hotloop
steps` runs in bounded memory. A bad number is reported on stderr with its
position (`argument 3`, `line 7`) while the good ones are printed.

Exit statuses, as command-line tools have them:
- 0: done;
- 1: some number failed (each one reported on stderr), a computation failed
  (a value on the way does not fit in 64 bits), or the output could not be
  written (a full disk, a closed stdout); one line on stderr each;
- 2: a usage error (a missing or malformed argument of `loop`, `longest`, an
  option), with the subcommand's usage line;
- 130: interrupted (Ctrl-C);
- 141: the reader of the output went away (a broken pipe), quietly.
Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from array import array
from typing import Any, Callable, Dict, List, NoReturn, Optional, Tuple

from . import _api, _arguments
from ._errors import ERR_INVALID_ARGUMENT, OK, HotloopError
from ._cli_input import Block, NotAnInteger, ReadError, blocks, parse_integer, shown, value
from ._progress import progress_bar
from ._version import __version__

# What the command line calls the Python API's parameters, in messages.
_NAMES = {"n": "N", "k": "K", "end": "END", "start": "--start", "threads": "--threads"}
_NAME = re.compile(r"\b(" + "|".join(_NAMES) + r")\b")


def _argument(text: str) -> int:
    """parse_integer as an argparse type: a bad one is a usage error."""
    try:
        return parse_integer(text)
    except NotAnInteger as error:
        raise argparse.ArgumentTypeError(f"{shown(text)}: {error}") from None


class _Parser(argparse.ArgumentParser):
    """argparse, with negative numbers (-5, -10**3, -0x1b) taken as values,
    not options (no option of hotloop's looks like a number), and nothing
    written to stdout for a usage error when stderr is closed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The matcher argparse consults to tell a negative number from an
        # option (the same attribute in CPython 3.8 to 3.13).
        self._negative_number_matcher = re.compile(r"^-[0-9]")

    def error(self, message: str) -> NoReturn:
        if sys.stderr is not None:  # argparse would print the usage on stdout
            self.print_usage(sys.stderr)
            self._print_message(f"{self.prog}: error: {message}\n", sys.stderr)
        sys.exit(2)


# The commands that take many N: how each computes a block of them.
_MANY = ("gsum", "collatz", "steps")


def _parser() -> Tuple[argparse.ArgumentParser, Dict[str, argparse.ArgumentParser]]:
    parser = _Parser(
        prog="hotloop",
        description="Hot loops in compiled Rust: Gauss's sum and the Collatz map, exact to 64 bits.",
        epilog="Integers may be written 27, -5, 1_000_000, 0x1b or 10**9. gsum, collatz and steps read "
        "their numbers from stdin (whitespace-separated) when N is - or missing.",
    )
    parser.add_argument("--version", action="version", version=f"hotloop {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    subparsers: Dict[str, argparse.ArgumentParser] = {}

    def command(name: str, help: str) -> argparse.ArgumentParser:
        subparsers[name] = commands.add_parser(name, help=help, description=help)
        return subparsers[name]

    numbers = "numbers; - (or none, from a pipe) reads them from stdin"
    p = command("gsum", "0 + 1 + ... + N, for each N")
    p.add_argument("ns", nargs="*", metavar="N", help=numbers)

    p = command("collatz", "one Collatz step of each N")
    p.add_argument("ns", nargs="*", metavar="N", help=numbers)

    p = command("loop", "the Collatz step applied K times to N")
    p.add_argument("n", type=_argument, metavar="N")
    p.add_argument("k", type=_argument, metavar="K")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")

    p = command("steps", "the number of steps for each N to reach 1, as lines 'N STEPS'")
    p.add_argument("ns", nargs="*", metavar="N", help=numbers)
    p.add_argument("--threads", type=_argument, default=0, help="threads (0 = every core)")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")

    p = command("longest", "the n below END with the most steps")
    p.add_argument("end", type=_argument, metavar="END")
    p.add_argument("--start", type=_argument, default=1, help="the first n (default 1)")
    p.add_argument("--threads", type=_argument, default=0, help="threads (0 = every core)")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    return parser, subparsers


def _cli_names(error: HotloopError) -> str:
    """An API error as the command line says it: N, K, END, --start."""
    return f"{_NAME.sub(lambda m: _NAMES[m.group(1)], error.subject)}: {error.reason}"


# ---- computing and writing a block ------------------------------------------

# A block's outcome: the output lines of its good numbers, in order, and the
# message for each bad one, by its index in the block.
Outcome = Tuple[List[str], Dict[int, str]]


def _each(function: Callable[[int], int]) -> Callable[[List[str]], Outcome]:
    """A block computed number by number (gsum, collatz: a call each)."""

    def block(texts: List[str]) -> Outcome:
        lines: List[str] = []
        errors: Dict[int, str] = {}
        for i, text in enumerate(texts):
            try:
                lines.append(str(function(value(text))))
            except NotAnInteger as error:
                errors[i] = f"{shown(text)}: {error}"
            except HotloopError as error:
                errors[i] = f"{shown(text)}: {error.reason}"
        return lines, errors

    return block


def _steps(threads: int) -> Callable[[List[str]], Outcome]:
    """A block of steps: read and checked here, computed in one batch call."""

    def block(texts: List[str]) -> Outcome:
        errors: Dict[int, str] = {}
        try:
            values = list(map(int, texts))  # the common case, at C speed
            if values and not 1 <= min(values) <= max(values) <= _arguments.U64_MAX:
                raise ValueError
        except ValueError:
            values = []
            for i, text in enumerate(texts):
                try:
                    values.append(_arguments.positive_u64(value(text), "n", "steps"))
                except NotAnInteger as error:
                    errors[i] = f"{shown(text)}: {error}"
                except HotloopError as error:  # the API's own check, and its reason
                    errors[i] = f"{shown(text)}: {error.reason}"
        steps = _api.collatz_steps_many(array("Q", values), threads=threads).tolist()
        return list(map("{} {}".format, values, steps)), errors

    return block


def _write(lines: List[str]) -> None:
    """Lines on stdout in blocks, each flushed: a reader that leaves (a pipe
    into `head`) is then seen as a BrokenPipeError on the next block, where
    one large write can end short without an error."""
    if not lines:
        return
    text = "\n".join(lines) + "\n"
    for start in range(0, len(text), 1 << 16):
        sys.stdout.write(text[start : start + (1 << 16)])
        sys.stdout.flush()


def _report(command: str, block: Block, outcome: Outcome) -> int:
    """Writes a block's results, and each bad number's message on stderr
    where it comes; returns how many were bad."""
    lines, errors = outcome
    if not errors:
        _write(lines)
        return 0
    done = 0
    for bad_before, index in enumerate(sorted(errors)):
        _write(lines[done : index - bad_before])
        done = index - bad_before
        _say(f"{command}: {block.where(index)}: {errors[index]}")
    _write(lines[done:])
    return len(errors)


def _say(message: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    try:
        if sys.stderr is not None:
            print(f"hotloop {message}", file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass


def _quiet_stdout() -> None:
    """Points stdout at /dev/null, so that Python's own flush at exit does
    not fail again on a closed pipe or a full disk."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _many(args: argparse.Namespace, usage: argparse.ArgumentParser) -> int:
    """gsum, collatz or steps over every N given or read; the exit status."""
    texts: List[str] = args.ns
    if not texts:
        if sys.stdin is None or sys.stdin.isatty():
            usage.error("give N, or - to read the numbers from stdin")
        texts = ["-"]
    if args.command == "steps":
        try:
            threads = _arguments.threads(args.threads, "steps")
        except HotloopError as error:
            usage.error(_cli_names(error))
        compute = _steps(threads)
    else:
        compute = _each(_api.gsum if args.command == "gsum" else _api.collatz)
    total = None if "-" in texts else len(texts)
    bar = progress_bar(total, args.command, getattr(args, "progress", False), unit=" numbers")
    failed = 0
    try:
        for block in blocks(texts):
            failed += _report(args.command, block, compute(block.texts))
            bar.update(len(block.texts))
    finally:
        bar.close()
    return 1 if failed else 0


def _one(args: argparse.Namespace) -> str:
    """The output line of loop or longest."""
    if args.command == "loop":
        return str(_api.collatz_loop(args.n, args.k, progress=args.progress))
    n, steps = _api.collatz_longest(args.end, start=args.start, threads=args.threads, progress=args.progress)
    return f"{n} {steps}"


def main(argv: Optional[List[str]] = None) -> int:
    parser, subparsers = _parser()
    args = parser.parse_args(argv)
    usage = subparsers[args.command]
    if sys.stdout is None:  # `hotloop ... >&-`
        _say(f"{args.command}: cannot write the output: stdout is closed")
        return 1
    try:
        if args.command in _MANY:
            return _many(args, usage)
        try:
            line = _one(args)
        except HotloopError as error:
            if error.status in (OK, ERR_INVALID_ARGUMENT):
                usage.error(_cli_names(error))  # a bad argument: usage, exit 2
            _say(f"{args.command}: {_cli_names(error)}")  # the computation itself failed
            return 1
        _write([line])
    except ReadError as error:
        _say(f"{args.command}: cannot read stdin: {error}")
        return 1
    except KeyboardInterrupt:
        _say(f"{args.command}: interrupted")
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 141  # as if killed by SIGPIPE, the status a shell expects
    except OSError as error:
        _quiet_stdout()
        _say(f"{args.command}: cannot write the output: {error.strerror or error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
