"""The scalar API (gsum, collatz, collatz_loop, collatz_steps,
collatz_longest, status_name) fed arbitrary objects: integers of any size
and sign, numpy integers, floats, strings, bools, None, objects whose
__index__ raises. Each outcome must be the pure-Python definition's answer
or the documented exception (TypeError for a non-integer, ValueError outside
the domain, OverflowError past 64 bits), never a crash, a hang or a wrong
number. Run by `make fuzz` (atheris)."""

import sys

import atheris

with atheris.instrument_imports():
    import common
    import hotloop
    from common import Raised, as_int, reference

from hotloop import HotloopError, HotloopOverflowError, HotloopTypeError, HotloopValueError

U64_MAX, I64_MAX = common.U64_MAX, common.I64_MAX


def expect(call, answer):
    """`answer` is the expected value, or the exception class (or a tuple of
    the classes, any one of them) expected."""
    refused = isinstance(answer, type) or isinstance(answer, tuple) and all(isinstance(a, type) for a in answer)
    try:
        got = call()
    except Raised:
        assert refused and (answer is Raised or Raised in answer), "an unexpected Raised"
        return
    except HotloopError as error:
        assert refused and isinstance(error, answer), f"{error!r}, expected {answer}"
        str(error)  # the message renders
        return
    assert not refused, f"answered {got!r}, expected {answer}"
    assert got == answer and isinstance(got, type(answer)), f"{got!r} != {answer!r}"


def problem(value, lowest, highest):
    """The exception an argument alone calls for in [lowest, highest], or None."""
    if isinstance(value, common._Index) and value.raises:
        return Raised
    n = as_int(value)
    if n is None:
        return HotloopTypeError
    if n < lowest:
        return HotloopValueError
    if highest is not None and n > highest:
        return HotloopOverflowError
    return None


def refusal(value):
    """The exception for an argument that is not an int, or None."""
    if isinstance(value, common._Index) and value.raises:
        return Raised
    return HotloopTypeError if as_int(value) is None else None


def test_one(data):
    fdp = atheris.FuzzedDataProvider(data)
    which = fdp.ConsumeIntInRange(0, 5)
    x = common.anything(fdp)
    n = as_int(x)
    bad = refusal(x)

    if which == 0:
        expect(lambda: hotloop.gsum(x), bad or (
            HotloopOverflowError if n > I64_MAX or reference.gsum(n) > I64_MAX else reference.gsum(n)))
    elif which == 1:
        expect(lambda: hotloop.collatz(x), bad or (
            HotloopValueError if n <= 0 else HotloopOverflowError if n > U64_MAX or 3 * n + 1 > U64_MAX and n % 2
            else reference.collatz(n)))
    elif which == 2:
        expect(lambda: hotloop.collatz_steps(x), bad or (
            HotloopValueError if n <= 0 else HotloopOverflowError if n > U64_MAX else reference.collatz_steps(n)))
    elif which == 3:
        k = common.anything(fdp)
        kn = as_int(k)
        if kn is not None and 10**4 < kn <= U64_MAX:
            k = kn = kn % 10**4  # every iteration runs: keep each input quick
        problems = {problem(x, 1, U64_MAX), problem(k, 0, U64_MAX)} - {None}
        if problems:
            answer = tuple(problems)
        else:
            try:
                answer = reference.collatz_loop(n, kn)
            except reference.Overflow:
                answer = HotloopOverflowError
        expect(lambda: hotloop.collatz_loop(x, k), answer)
    elif which == 4:
        width = fdp.ConsumeIntInRange(-3, 500)
        start = x
        end = n + width if n is not None else common.anything(fdp)
        threads = fdp.ConsumeIntInRange(-1, 2**40) if fdp.ConsumeBool() else common.anything(fdp)
        problems = {problem(start, 1, U64_MAX), problem(end, 1, U64_MAX), problem(threads, 0, None)} - {None}
        e = as_int(end)
        if n is not None and e is not None and n >= e:
            problems.add(HotloopValueError)  # an empty range, whatever else is wrong
        if problems:
            expect(lambda: hotloop.collatz_longest(end, start=start, threads=threads), tuple(problems))
        else:
            expect(lambda: hotloop.collatz_longest(end, start=start, threads=threads),
                   reference.collatz_longest(e, start=n))
    else:
        names = ["HOTLOOP_OK", "HOTLOOP_ERR_INVALID_ARGUMENT", "HOTLOOP_ERR_OVERFLOW", "HOTLOOP_ERR_NULL_POINTER",
                 "HOTLOOP_ERR_MISALIGNED", "HOTLOOP_ERR_PANIC"]
        expect(lambda: hotloop.status_name(x), bad or (names[n] if 0 <= n < len(names) else "unknown status"))


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()
