//! The n in [start, end) with the most Collatz steps (Project Euler 14 and its
//! big brothers), in bounded memory and on every core.
//!
//! Most n in the range cannot be the answer, because a number in the range
//! has a longer trajectory that contains theirs, or an equally long one from a
//! smaller start. Those n are never computed (see [`is_candidate`]); the answer
//! is the same as checking every n, which the tests verify exhaustively on
//! small ranges.

use super::{collatz, threads, Error};
use std::sync::atomic::{AtomicU64, Ordering};

/// The answer: the smallest n with the most steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Longest {
    pub n: u64,
    pub steps: u32,
}

impl Longest {
    /// The better of two answers: more steps, or as many from a smaller n.
    fn better(a: Option<Longest>, b: Option<Longest>) -> Option<Longest> {
        match (a, b) {
            (Some(x), Some(y)) => Some(if (y.steps, x.n) > (x.steps, y.n) { y } else { x }),
            (x, None) => x,
            (None, y) => y,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongestError {
    /// start = 0: the Collatz functions are defined for n >= 1.
    StartNotPositive,
    /// start >= end: no n to choose from.
    EmptyRange,
    /// The trajectory of `n` passes u64::MAX: 3m + 1 overflows for m = `at`.
    Overflow { n: u64, at: u64 },
}

/// The smallest n in [start, end) with the most steps.
pub fn longest(start: u64, end: u64, threads: u32) -> Result<Longest, LongestError> {
    let best = longest_in(start, end, start, end, threads)?;
    // The answer itself is never ruled out, so a non-empty range has one.
    Ok(best.expect("a non-empty range has a candidate"))
}

/// The best candidate for the answer over [start, end) that lies in the window
/// [lo, hi), or `None` when the window holds none. The windows of a partition
/// of [start, end) combine, by most steps then smallest n, into [`longest`]'s
/// answer; callers use them to report progress and to stay interruptible.
pub fn longest_in(
    start: u64,
    end: u64,
    lo: u64,
    hi: u64,
    threads: u32,
) -> Result<Option<Longest>, LongestError> {
    if start == 0 {
        return Err(LongestError::StartNotPositive);
    }
    if start >= end {
        return Err(LongestError::EmptyRange);
    }
    // Every n with 2n < end is beaten by 2n, also in the range.
    let first = lo.max(start).max(end / 2 + end % 2);
    let last = hi.min(end);
    if first >= last {
        return Ok(None);
    }
    search(start, end, first, last, threads)
}

/// Work is handed out in pieces of this many n, so that threads that finish
/// early take more, and the result does not depend on the thread count.
const PIECE: u64 = 1 << 16;

fn search(start: u64, end: u64, first: u64, last: u64, threads: u32) -> Result<Option<Longest>, LongestError> {
    let count = (last - first).div_ceil(PIECE);
    let workers = threads::resolve(threads, count);
    // The smallest n found to overflow; pieces above it are not worth doing.
    let overflow_below = AtomicU64::new(u64::MAX);
    let results = threads::share(workers, count, |pieces| {
        let mut best = None;
        for piece in pieces {
            let lo = first + piece * PIECE;
            if lo >= overflow_below.load(Ordering::Relaxed) {
                break;
            }
            match best_in_piece(start, end, lo, last.min(lo.saturating_add(PIECE))) {
                Ok(found) => best = Longest::better(best, found),
                Err(overflow) => {
                    overflow_below.fetch_min(overflow.0, Ordering::Relaxed);
                    // A worker's pieces increase: this is its smallest overflow.
                    return Err(overflow);
                }
            }
        }
        Ok(best)
    });
    // The smallest overflowing n wins over any answer: each worker stops at
    // its first, and every piece below the smallest one found was done.
    let mut best = None;
    let mut overflow: Option<(u64, u64)> = None;
    for result in results {
        match result {
            Ok(found) => best = Longest::better(best, found),
            Err((n, at)) => overflow = Some(overflow.map_or((n, at), |o| o.min((n, at)))),
        }
    }
    match overflow {
        Some((n, at)) => Err(LongestError::Overflow { n, at }),
        None => Ok(best),
    }
}

fn best_in_piece(start: u64, end: u64, lo: u64, hi: u64) -> Result<Option<Longest>, (u64, u64)> {
    let stepper = collatz::Stepper::new();
    let mut best: Option<Longest> = None;
    for n in lo..hi {
        if !is_candidate(n, start, end) {
            continue;
        }
        match stepper.steps(n) {
            Ok(steps) => {
                if best.is_none_or(|b| steps > b.steps) {
                    best = Some(Longest { n, steps });
                }
            }
            Err(Error::Overflow { at }) => return Err((n, at)),
            Err(Error::NotPositive) => unreachable!("start >= 1 was checked"),
        }
    }
    Ok(best)
}

/// Above this bound the rules below are not applied: their arguments need the
/// first few steps of the longer trajectory to stay below 2^64.
const PRUNE_BELOW: u64 = 1 << 60;

/// Whether `n` (with 2n >= end) can be the answer over [start, end).
///
/// `n` is ruled out when a number p in the range reaches it (p's trajectory
/// contains n's, so p has more steps), or when a smaller number in the range
/// merges with it after the same number of steps:
/// - n = 2 (mod 3): p = (2n - 1)/3 is odd and p -> 2n -> n;
/// - n = 4 (mod 6): p = (n - 1)/3 is odd and p -> n;
/// - n = 1 (mod 3): p = (4n - 1)/3 is odd and p -> 4n -> 2n -> n, if p < end;
/// - n = 8m + 5: 8m + 4 -> 4m + 2 -> 2m + 1 -> 6m + 4 and
///   8m + 5 -> 24m + 16 -> 12m + 8 -> 6m + 4, as many steps, from a smaller n.
///
/// Small n are left alone: a trajectory that meets 1 early does not go on.
#[inline]
pub fn is_candidate(n: u64, start: u64, end: u64) -> bool {
    if n < 16 || n >= PRUNE_BELOW {
        return true;
    }
    let in_range = |p: u64| p >= start && p < end;
    match n % 3 {
        2 if in_range((2 * n - 1) / 3) => return false,
        1 if n % 2 == 0 && in_range((n - 1) / 3) => return false,
        1 if in_range((4 * n - 1) / 3) => return false,
        _ => {}
    }
    !(n % 8 == 5 && in_range(n - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute_force(start: u64, end: u64) -> Longest {
        (start..end)
            .map(|n| Longest { n, steps: collatz::steps(n).unwrap() })
            .fold(None, |a, b| Longest::better(a, Some(b)))
            .unwrap()
    }

    #[test]
    fn every_small_range_matches_brute_force() {
        for start in 1..70 {
            for end in start + 1..400 {
                assert_eq!(longest(start, end, 1), Ok(brute_force(start, end)), "[{start}, {end})");
            }
        }
    }

    #[test]
    fn larger_ranges_match_brute_force() {
        for (start, end) in [(1, 100_000), (5_000, 40_000), (99_999, 100_001), (65_537, 262_144), (3, 4)] {
            assert_eq!(longest(start, end, 0), Ok(brute_force(start, end)), "[{start}, {end})");
        }
    }

    #[test]
    fn known_answers() {
        assert_eq!(longest(1, 1_000_000, 0), Ok(Longest { n: 837_799, steps: 524 }));
        assert_eq!(longest(1, 10, 1), Ok(Longest { n: 9, steps: 19 }));
        assert_eq!(longest(1, 2, 1), Ok(Longest { n: 1, steps: 0 }));
    }

    #[test]
    fn the_result_does_not_depend_on_threads_or_windows() {
        let whole = longest(1_000, 3_000_000, 1).unwrap();
        for threads in [0, 2, 3, 5] {
            assert_eq!(longest(1_000, 3_000_000, threads), Ok(whole), "threads = {threads}");
        }
        let mut combined = None;
        let mut lo = 0;
        while lo < 3_100_000 {
            let part = longest_in(1_000, 3_000_000, lo, lo + 123_457, 2).unwrap();
            combined = Longest::better(combined, part);
            lo += 123_457;
        }
        assert_eq!(combined, Some(whole));
    }

    #[test]
    fn bad_ranges_are_errors() {
        assert_eq!(longest(0, 10, 1), Err(LongestError::StartNotPositive));
        assert_eq!(longest(10, 10, 1), Err(LongestError::EmptyRange));
        assert_eq!(longest(11, 10, 1), Err(LongestError::EmptyRange));
        assert_eq!(longest_in(5, 10, 20, 30, 1), Ok(None));
    }

    #[test]
    fn overflow_names_the_smallest_overflowing_n_for_any_thread_count() {
        // Near the top of u64, trajectories overflow; the range is small.
        let start = u64::MAX - 300_000;
        let first = longest(start, u64::MAX, 1);
        let Err(LongestError::Overflow { n, at }) = first else { panic!("{first:?}") };
        assert!(n >= start);
        assert!(at > collatz::MAX_ODD);
        assert_eq!(collatz::steps(n), Err(Error::Overflow { at }));
        for threads in [0, 2, 4] {
            assert_eq!(longest(start, u64::MAX, threads), first, "threads = {threads}");
        }
    }
}
