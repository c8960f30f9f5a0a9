"""The pure-Python definitions every hotloop function must agree with."""

U64_MAX = 2**64 - 1
I64_MAX = 2**63 - 1


class Overflow(Exception):
    """A value on the way: does not fit in uint64."""


def gsum(n):
    return sum(range(1, n + 1)) if n < 10**6 else max(n, 0) * (max(n, 0) + 1) // 2


def collatz(n):
    if n <= 0:
        raise ValueError(n)
    result = n // 2 if n % 2 == 0 else 3 * n + 1
    if result > U64_MAX:
        raise Overflow(n)
    return result


def _step(n):
    return n // 2 if n % 2 == 0 else 3 * n + 1


def collatz_loop(n, k):
    """k steps; values on the way may pass 2**64, the result may not."""
    if n <= 0:
        raise ValueError(n)
    for _ in range(k):
        n = _step(n)
    if n > U64_MAX:
        raise Overflow(n)
    return n


def collatz_steps(n):
    if n <= 0:
        raise ValueError(n)
    steps = 0
    while n != 1:
        n = _step(n)
        steps += 1
    return steps


def collatz_longest(end, start=1):
    best_n, best_steps = start, -1
    for n in range(start, end):
        steps = collatz_steps(n)
        if steps > best_steps:
            best_n, best_steps = n, steps
    return best_n, best_steps
