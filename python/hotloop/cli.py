"""The command line: `hotloop SUBCOMMAND ...` or `python -m hotloop ...`.

A bad argument exits with status 2 and a one-line message (argparse's usage
and error lines), never a traceback; Ctrl-C exits with status 130.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

from . import _api
from ._errors import HotloopError
from ._version import __version__


def _integer(text: str) -> int:
    """An integer argument: 27, 1_000_000, 0x1b, or 10**9."""
    text = text.strip()
    try:
        if "**" in text:
            base, exponent = text.split("**", 1)
            return int(base, 0) ** int(exponent, 0)
        return int(text, 0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hotloop",
        description="Hot loops in compiled Rust: Gauss's sum and the Collatz map, exact to 64 bits.",
    )
    parser.add_argument("--version", action="version", version=f"hotloop {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("gsum", help="0 + 1 + ... + N")
    p.add_argument("n", type=_integer, metavar="N")

    p = commands.add_parser("collatz", help="one Collatz step of N")
    p.add_argument("n", type=_integer, metavar="N")

    p = commands.add_parser("loop", help="the Collatz step applied K times to N")
    p.add_argument("n", type=_integer, metavar="N")
    p.add_argument("k", type=_integer, metavar="K")
    p.add_argument("--progress", action="store_true", help="show a progress bar")

    p = commands.add_parser("steps", help="the number of steps for each N to reach 1")
    p.add_argument("ns", type=_integer, nargs="+", metavar="N")
    p.add_argument("--threads", type=_integer, default=0, help="threads (0 = every core)")

    p = commands.add_parser("longest", help="the n below END with the most steps")
    p.add_argument("end", type=_integer, metavar="END")
    p.add_argument("--start", type=_integer, default=1, help="the first n (default 1)")
    p.add_argument("--threads", type=_integer, default=0, help="threads (0 = every core)")
    p.add_argument("--progress", action="store_true", help="show a progress bar")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "gsum":
            print(_api.gsum(args.n))
        elif args.command == "collatz":
            print(_api.collatz(args.n))
        elif args.command == "loop":
            print(_api.collatz_loop(args.n, args.k, progress=args.progress))
        elif args.command == "steps":
            for n, steps in zip(args.ns, _api.collatz_steps_many(args.ns, threads=args.threads)):
                print(f"{n} {steps}")
        elif args.command == "longest":
            n, steps = _api.collatz_longest(
                args.end, start=args.start, threads=args.threads, progress=args.progress
            )
            print(f"{n} {steps}")
    except (HotloopError, ValueError, OverflowError, TypeError) as error:
        parser.error(str(error))
    except KeyboardInterrupt:
        print("hotloop: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
