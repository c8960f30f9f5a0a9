"""The command line: `hotloop SUBCOMMAND ...` or `python -m hotloop ...`.

Exit statuses, as command-line tools have them:
- 0: done;
- 1: the computation failed (a value on the way does not fit in 64 bits),
  or the output could not be written (a full disk); one line on stderr;
- 2: a usage error (a bad argument), with the usage line;
- 130: interrupted (Ctrl-C);
- 141: the reader of the output went away (a broken pipe), quietly.
Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import Any, List, Optional

from . import _api
from ._errors import ERR_INVALID_ARGUMENT, OK, HotloopError
from ._version import __version__

# An integer argument: an optional sign, then a literal (27, 1_000_000,
# 0x1b, 0o33, 0b11011) or a power of two literals (10**9, 2**64).
_INTEGER = re.compile(r"([+-]?)([0-9a-fA-FxXoObB_]+)(?:\*\*([0-9a-fA-FxXoObB_]+))?")
# Larger arguments are refused before they are computed: every value hotloop
# takes fits in 64 bits, so an argument of this many bits is already
# reported as too large, without minutes spent computing 10**100000000.
ARGUMENT_BITS = 4096


def parse_integer(text: str) -> int:
    """An integer argument: 27, -5, 1_000_000, 0x1b, 10**9 or -2**63."""
    match = _INTEGER.fullmatch(text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r} (write 27, -5, 1_000_000, 0x1b or 10**9)")
    sign, base_text, exponent_text = match.groups()
    try:
        if len(base_text) > ARGUMENT_BITS // 3:
            raise argparse.ArgumentTypeError(f"too large: {text[:20]}... (at most {ARGUMENT_BITS} bits)")
        base = int(base_text, 0)
        value = base
        if exponent_text is not None:
            exponent = int(exponent_text, 0)
            if base > 1 and exponent * (base.bit_length() - 1) > ARGUMENT_BITS:
                raise argparse.ArgumentTypeError(f"too large: {text!r} (at most {ARGUMENT_BITS} bits)")
            value = base**exponent
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    return -value if sign == "-" else value


class _Parser(argparse.ArgumentParser):
    """argparse, with negative numbers (-5, -10**3, -0x1b) taken as values,
    not options; no option of hotloop's looks like a number."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The matcher argparse consults to tell a negative number from an
        # option (the same attribute in CPython 3.8 to 3.13).
        self._negative_number_matcher = re.compile(r"^-[0-9]")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hotloop",
        description="Hot loops in compiled Rust: Gauss's sum and the Collatz map, exact to 64 bits.",
        epilog="Integers may be written 27, -5, 1_000_000, 0x1b or 10**9.",
    )
    parser.add_argument("--version", action="version", version=f"hotloop {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("gsum", help="0 + 1 + ... + N")
    p.add_argument("n", type=parse_integer, metavar="N")

    p = commands.add_parser("collatz", help="one Collatz step of N")
    p.add_argument("n", type=parse_integer, metavar="N")

    p = commands.add_parser("loop", help="the Collatz step applied K times to N")
    p.add_argument("n", type=parse_integer, metavar="N")
    p.add_argument("k", type=parse_integer, metavar="K")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")

    p = commands.add_parser("steps", help="the number of steps for each N to reach 1")
    p.add_argument("ns", type=parse_integer, nargs="+", metavar="N")
    p.add_argument("--threads", type=parse_integer, default=0, help="threads (0 = every core)")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")

    p = commands.add_parser("longest", help="the n below END with the most steps")
    p.add_argument("end", type=parse_integer, metavar="END")
    p.add_argument("--start", type=parse_integer, default=1, help="the first n (default 1)")
    p.add_argument("--threads", type=parse_integer, default=0, help="threads (0 = every core)")
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr")
    return parser


def _compute(args: argparse.Namespace) -> List[str]:
    """The output lines of a command."""
    if args.command == "gsum":
        return [str(_api.gsum(args.n))]
    if args.command == "collatz":
        return [str(_api.collatz(args.n))]
    if args.command == "loop":
        return [str(_api.collatz_loop(args.n, args.k, progress=args.progress))]
    if args.command == "steps":
        steps = _api.collatz_steps_many(args.ns, threads=args.threads, progress=args.progress)
        return [f"{n} {s}" for n, s in zip(args.ns, steps.tolist())]
    n, steps = _api.collatz_longest(args.end, start=args.start, threads=args.threads, progress=args.progress)
    return [f"{n} {steps}"]


def _say(message: str) -> None:
    """One line on stderr, if there is a stderr to write to."""
    try:
        if sys.stderr is not None:
            print(f"hotloop: {message}", file=sys.stderr, flush=True)
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


def _write(text: str) -> None:
    """Writes the output in blocks, each flushed: a reader that leaves (a
    pipe into `head`) is then seen as a BrokenPipeError on the next block,
    where one large write can end short without an error."""
    sys.stdout.flush()
    for start in range(0, len(text), 1 << 16):
        sys.stdout.write(text[start : start + (1 << 16)])
        sys.stdout.flush()


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        lines = _compute(args)
    except HotloopError as error:
        if error.status in (OK, ERR_INVALID_ARGUMENT):
            parser.error(str(error))  # a bad argument: usage, exit 2
        _say(str(error))  # the computation itself failed
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    try:
        _write("\n".join(lines) + "\n")
    except BrokenPipeError:
        _quiet_stdout()
        return 141  # as if killed by SIGPIPE, the status a shell expects
    except OSError as error:
        _quiet_stdout()
        _say(f"cannot write the output: {error.strerror or error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
