//! The Collatz map, the second article's example: one step, k steps, and the
//! number of steps to reach 1. This file is the definition; `stepper.rs`
//! counts the steps of many numbers at once, faster, and is tested against it.
//!
//! The fast paths work in 64 bits. Where a value on the way would pass
//! 2^64 (a trajectory from n = 12,327,829,503 first does), the computation
//! goes on in 128-bit arithmetic and comes back to 64 bits once the value
//! fits again: no trajectory from a uint64 start passes 2^128 (the highest,
//! from n = 1,980,976,057,694,848,447, peaks at 6.4e37, 126 bits), so
//! [`steps`] and [`collatz_loop`] answer every uint64 input. The 128-bit
//! arithmetic is checked all the same: a trajectory past 2^128 would be an
//! error, never a wrong number.

use super::Error;
use crate::instructions::three_n_plus_one;

/// The largest odd `n` whose step `3n + 1` still fits in a `u64`.
pub const MAX_ODD: u64 = (u64::MAX - 1) / 3;

/// One step: n/2 for even n, 3n + 1 for odd n. The result must fit in a
/// `u64`: an odd n above [`MAX_ODD`] is an error.
#[inline]
pub fn step(n: u64) -> Result<u64, Error> {
    if n == 0 {
        Err(Error::NotPositive)
    } else if n % 2 == 0 {
        Ok(n / 2)
    } else if n > MAX_ODD {
        Err(Error::Overflow { at: n })
    } else {
        Ok(3 * n + 1)
    }
}

/// One step in 128 bits, checked.
#[inline]
fn wide_step(n: u128) -> Result<u128, Error> {
    if n % 2 == 0 {
        Ok(n / 2)
    } else {
        n.checked_mul(3).and_then(|m| m.checked_add(1)).ok_or(Error::Beyond128 { at: n })
    }
}

/// The step applied `k` times (`k = 0` gives `n` back). Every iteration is
/// executed: the time grows with `k` even once `n` cycles through 4, 2, 1.
/// A value on the way may pass 2^64; only a result that does not fit is an
/// error ([`Error::ResultTooLarge`]).
pub fn collatz_loop(n: u64, k: u64) -> Result<u64, Error> {
    let wide = collatz_loop_wide(u128::from(n), k)?;
    u64::try_from(wide).map_err(|_| Error::ResultTooLarge { value: wide })
}

/// [`collatz_loop`] from a start that may itself be past 2^64: the fast
/// 64-bit loop wherever the values allow it, 128 bits in between.
pub fn collatz_loop_wide(n: u128, k: u64) -> Result<u128, Error> {
    if n == 0 {
        return Err(Error::NotPositive);
    }
    let (mut n, mut left) = (n, k);
    loop {
        if let Ok(narrow) = u64::try_from(n) {
            let (narrow, rest) = fast_loop(narrow, left);
            (n, left) = (u128::from(narrow), rest);
        }
        if left == 0 {
            return Ok(n);
        }
        // A step that does not fit in 64 bits: go on in 128 bits until the
        // value is back where the fast loop can take it.
        loop {
            n = wide_step(n)?;
            left -= 1;
            if left == 0 || n <= u128::from(MAX_ODD) {
                break;
            }
        }
    }
}

/// The fast 64-bit loop: runs until `left` steps are done or the next step
/// does not fit in 64 bits, and returns the value and the steps left.
///
/// The loop takes the iterations two at a time, with the pair's formula chosen
/// by n mod 4 (an odd n is always followed by a halving, an n = 0 mod 4 by two).
/// That halves the loop's branches, and each pair's dependency chain is one or
/// two short instructions: about 1.2 cycles an iteration. The plain
/// one-at-a-time loop is in the tests, as the definition this must match.
#[inline(never)]
fn fast_loop(mut n: u64, k: u64) -> (u64, u64) {
    // `$left`: the steps left before this pair, returned when it cannot run.
    macro_rules! pair {
        ($left:expr) => {
            match n % 4 {
                0 => n /= 4,
                2 => {
                    let half = n / 2; // odd
                    if half > MAX_ODD {
                        return (n, $left);
                    }
                    n = three_n_plus_one(half);
                }
                _ => {
                    if n > MAX_ODD {
                        return (n, $left);
                    }
                    n = three_n_plus_one(n) / 2;
                }
            }
        };
    }
    let mut left = k;
    // Two pairs a pass: fewer taken branches per iteration.
    while left >= 4 {
        pair!(left);
        pair!(left - 2);
        left -= 4;
    }
    if left >= 2 {
        pair!(left);
        left -= 2;
    }
    if left == 1 {
        match step(n) {
            Ok(next) => return (next, 0),
            Err(_) => return (n, 1),
        }
    }
    (n, 0)
}

/// The number of steps for `n` to reach 1 (0 for n = 1): the definition,
/// an odd step and its halvings at a time. Every n below 2^64 reaches 1
/// (the conjecture has been checked past 2^71) in at most 2,442 steps
/// (n = 14,727,207,461,063,895,711), so the count fits in `u32`.
pub fn steps(n: u64) -> Result<u32, Error> {
    if n == 0 {
        return Err(Error::NotPositive);
    }
    let (mut n, mut count) = (n, 0);
    loop {
        while n != 1 && (n % 2 == 0 || n <= MAX_ODD) {
            n = odd_step_and_halvings(n, &mut count);
        }
        if n == 1 {
            return Ok(count);
        }
        n = wide_descent(n, &mut count)?;
    }
}

/// The step 3n + 1 if n is odd, then every halving of the run of trailing
/// zero bits at once, counted into `count`. An odd n must be at most
/// [`MAX_ODD`].
#[inline]
pub(crate) fn odd_step_and_halvings(mut n: u64, count: &mut u32) -> u64 {
    if n % 2 == 1 {
        n = three_n_plus_one(n);
        *count += 1;
    }
    let zeros = n.trailing_zeros();
    *count += zeros;
    n >> zeros
}

/// From an odd n whose 3n + 1 passes 2^64: steps in 128 bits, counted into
/// `count`, until the value fits in 64 bits again.
#[cold]
pub(crate) fn wide_descent(n: u64, count: &mut u32) -> Result<u64, Error> {
    let mut n = u128::from(n);
    loop {
        n = wide_step(n)?;
        *count += 1;
        if let Ok(narrow) = u64::try_from(n) {
            return Ok(narrow);
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The definition, one step at a time, in u128 so that nothing can wrap.
    pub(crate) fn reference_steps(n: u64) -> u32 {
        let mut n = u128::from(n);
        let mut count = 0;
        while n != 1 {
            n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
            count += 1;
        }
        count
    }

    /// The definition of the loop, one step at a time, in u128.
    pub(crate) fn reference_loop(n: u64, k: u64) -> u128 {
        let mut n = u128::from(n);
        for _ in 0..k {
            n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        }
        n
    }

    /// The first start whose trajectory passes 2^64, and path records
    /// (Roosendaal; OEIS A006884/A006885): the highest peaks below 2^64.
    pub(crate) const FIRST_PAST_2_64: u64 = 12_327_829_503;
    pub(crate) const HIGHEST_PEAK: u64 = 1_980_976_057_694_848_447; // peaks at 6.4e37
    pub(crate) const MOST_STEPS: u64 = 14_727_207_461_063_895_711; // 2,442 steps

    #[test]
    fn step_follows_the_definition() {
        assert_eq!(step(1), Ok(4));
        assert_eq!(step(4), Ok(2));
        assert_eq!(step(27), Ok(82));
        assert_eq!(step(0), Err(Error::NotPositive));
        assert_eq!(step(u64::MAX - 1), Ok(u64::MAX / 2));
        assert_eq!(step(MAX_ODD - 1), Ok(u64::MAX - 5)); // the largest odd input
        assert_eq!(step(MAX_ODD + 1), Err(Error::Overflow { at: MAX_ODD + 1 }));
        assert_eq!(step(u64::MAX), Err(Error::Overflow { at: u64::MAX }));
    }

    #[test]
    fn max_odd_is_the_exact_boundary() {
        assert_eq!(MAX_ODD % 2, 0, "MAX_ODD itself is even here");
        assert_eq!(3 * (MAX_ODD - 1) + 1, u64::MAX - 5);
        assert!((3 * (MAX_ODD as u128 + 1) + 1) > u64::MAX as u128);
    }

    fn check_loop(n: u64, k: u64) {
        let expected = reference_loop(n, k);
        let got = collatz_loop(n, k);
        match u64::try_from(expected) {
            Ok(value) => assert_eq!(got, Ok(value), "n = {n}, k = {k}"),
            Err(_) => assert_eq!(got, Err(Error::ResultTooLarge { value: expected }), "n = {n}, k = {k}"),
        }
    }

    #[test]
    fn loop_matches_the_definition_near_and_past_2_64() {
        let starts = (MAX_ODD - 40..MAX_ODD + 40)
            .chain(u64::MAX - 40..=u64::MAX)
            .chain(1..40)
            .chain(FIRST_PAST_2_64 - 3..FIRST_PAST_2_64 + 3)
            .chain([HIGHEST_PEAK, MOST_STEPS]);
        for n in starts {
            for k in (0..12).chain([50, 99, 100, 101, 300, 1000, 3000]) {
                check_loop(n, k);
            }
        }
    }

    #[test]
    fn loop_matches_repeated_steps() {
        for n in 1..300u64 {
            let mut m = n;
            for k in 0..200u64 {
                assert_eq!(collatz_loop(n, k), Ok(m), "n = {n}, k = {k}");
                m = step(m).unwrap();
            }
        }
        assert_eq!(collatz_loop(27, 0), Ok(27));
        assert_eq!(collatz_loop(0, 0), Err(Error::NotPositive));
        assert_eq!(collatz_loop(0, 5), Err(Error::NotPositive));
    }

    #[test]
    fn loop_goes_on_past_2_64_and_fails_only_on_its_result() {
        let odd = MAX_ODD + 1; // odd, and 3n + 1 does not fit
        assert_eq!(collatz_loop(odd, 1), Err(Error::ResultTooLarge { value: 3 * u128::from(odd) + 1 }));
        assert_eq!(collatz_loop(odd, 2), Ok(((3 * u128::from(odd) + 1) / 2) as u64));
        assert_eq!(collatz_loop(odd * 2, 1), Ok(odd));
        assert_eq!(collatz_loop(u64::MAX, 0), Ok(u64::MAX));
        // Far past the peak, the loop is back in 64 bits and in the 4, 2, 1 cycle.
        let steps = u64::from(reference_steps(HIGHEST_PEAK));
        assert_eq!(collatz_loop(HIGHEST_PEAK, steps), Ok(1));
        assert_eq!(collatz_loop(HIGHEST_PEAK, steps + 10_000_001), Ok(2));
        assert_eq!(collatz_loop_wide(u128::MAX, 1), Err(Error::Beyond128 { at: u128::MAX }));
    }

    #[test]
    fn loop_runs_many_iterations_in_the_cycle() {
        // 27 reaches 1 after 111 steps; then 1 -> 4 -> 2 -> 1.
        assert_eq!(collatz_loop(27, 111), Ok(1));
        assert_eq!(collatz_loop(27, 112), Ok(4));
        assert_eq!(collatz_loop(27, 1_000_000_000), Ok(4)); // (10^9 - 111) % 3 == 1
    }

    #[test]
    fn steps_match_the_reference() {
        for n in 1..100_000u64 {
            assert_eq!(steps(n), Ok(reference_steps(n)), "n = {n}");
        }
        assert_eq!(steps(1), Ok(0));
        assert_eq!(steps(27), Ok(111));
        assert_eq!(steps(670_617_279), Ok(986));
        assert_eq!(steps(0), Err(Error::NotPositive));
        assert_eq!(steps(1 << 63), Ok(63));
    }

    #[test]
    fn steps_are_total_on_u64() {
        assert_eq!(steps(u64::MAX), Ok(863));
        assert_eq!(steps(MOST_STEPS), Ok(2442));
        assert_eq!(steps(HIGHEST_PEAK), Ok(reference_steps(HIGHEST_PEAK)));
        for n in (FIRST_PAST_2_64 - 1000..FIRST_PAST_2_64 + 1000)
            .chain(u64::MAX - 1000..=u64::MAX)
            .chain(MAX_ODD - 100..MAX_ODD + 100)
        {
            assert_eq!(steps(n), Ok(reference_steps(n)), "n = {n}");
        }
    }
}
