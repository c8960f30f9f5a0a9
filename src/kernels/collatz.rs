//! The Collatz map, the second article's example: one step, k steps, and the
//! number of steps to reach 1.
//!
//! The fast paths work in 64 bits. Where a value on the way would pass
//! 2^64 (a trajectory from n = 12,327,829,503 first does), the computation
//! goes on in 128-bit arithmetic and comes back to 64 bits once the value
//! fits again: no trajectory from a uint64 start passes 2^128 (the highest,
//! from n = 1,980,976,057,694,848,447, peaks at 6.4e37, 126 bits), so
//! [`steps`] and [`collatz_loop`] answer every uint64 input. The 128-bit
//! arithmetic is checked all the same: a trajectory past 2^128 would be an
//! error, never a wrong number.

use super::{steps_table, Error};
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
fn odd_step_and_halvings(mut n: u64, count: &mut u32) -> u64 {
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
fn wide_descent(n: u64, count: &mut u32) -> Result<u64, Error> {
    let mut n = u128::from(n);
    loop {
        n = wide_step(n)?;
        *count += 1;
        if let Ok(narrow) = u64::try_from(n) {
            return Ok(narrow);
        }
    }
}

/// Counts steps many at a time, for the batch kernels: a lookahead table
/// takes `LOOKAHEAD_BITS` halvings (and the odd steps between them) in one
/// multiply-add, and a table of the steps of every n below 2^16 finishes the
/// trajectory. Both tables are computed by the compiler. [`Stepper::steps_into`]
/// finishes at 2^22 instead once the batch kernel has built that larger table
/// at run time (`steps_table.rs`): without a lock, so that a fork during the
/// build leaves a child that goes on without it, never one that waits. The
/// result is exactly [`steps`]'s, errors included.
#[derive(Clone, Copy, Default)]
pub struct Stepper;

pub(crate) const LOOKAHEAD_BITS: u32 = 14;
const SMALL_BITS: u32 = 16;

/// The block of residue b over `bits` halvings: n = a * 2^bits + b becomes
/// a * 3^c + add after bits + c steps, `bits` of them halvings and c of them
/// odd steps, for every a >= 1, because the parities on the way depend on b
/// alone. Returns (add, 3^c, bits + c). Used for the lookahead table and for
/// the sieve of `longest.rs`.
pub const fn block(b: u64, bits: u32) -> (u64, u64, u32) {
    let (mut value, mut mul, mut halvings, mut steps) = (b, 1u64, 0, 0);
    while halvings < bits {
        if value % 2 == 0 {
            value /= 2;
            halvings += 1;
        } else {
            value = 3 * value + 1;
            mul *= 3;
        }
        steps += 1;
    }
    (value, mul, steps)
}

/// Every block over LOOKAHEAD_BITS: an entry packs 3^c (24 bits), add (32
/// bits) and the step count (8 bits), so that one load gives the whole block.
const fn lookahead_table() -> [u64; 1 << LOOKAHEAD_BITS] {
    let mut table = [0u64; 1 << LOOKAHEAD_BITS];
    let mut b = 0;
    while b < table.len() {
        let (add, mul, steps) = block(b as u64, LOOKAHEAD_BITS);
        assert!(mul < 1 << 24 && add < 1 << 32 && steps < 1 << 8);
        table[b] = mul << 40 | add << 8 | steps as u64;
        b += 1;
    }
    table
}

static LOOKAHEAD: [u64; 1 << LOOKAHEAD_BITS] = lookahead_table();

/// One lookahead block from n >= 2^K: the value after it, in 128 bits (the
/// high half says whether it still fits in 64), and its steps. The 64 x 64
/// -> 128-bit multiply is one instruction.
#[inline(always)]
fn lookahead(n: u64) -> (u128, u32) {
    let entry = LOOKAHEAD[(n % (1 << LOOKAHEAD_BITS)) as usize];
    let (mul, add, steps) = (entry >> 40, (entry >> 8) & 0xffff_ffff, (entry & 0xff) as u32);
    (u128::from(n >> LOOKAHEAD_BITS) * u128::from(mul) + u128::from(add), steps)
}

/// The steps of every n below 2^SMALL_BITS: walk until the trajectory drops
/// below n, then add the steps of the value it dropped to.
const fn small_table() -> [u16; 1 << SMALL_BITS] {
    let mut table = [0u16; 1 << SMALL_BITS];
    let mut n = 2;
    while n < table.len() {
        let (mut value, mut count) = (n as u64, 0u16);
        while value >= n as u64 {
            value = if value % 2 == 0 { value / 2 } else { 3 * value + 1 };
            count += 1;
        }
        table[n] = count + table[value as usize];
        n += 1;
    }
    table
}

static SMALL: [u16; 1 << SMALL_BITS] = small_table();

/// The end of the compiler's table: it holds the steps of every n below this.
pub(crate) const fn small_steps_below() -> u64 {
    1 << SMALL_BITS
}

/// The steps of n from the compiler's table, for n below [`small_steps_below`].
#[inline(always)]
pub(crate) fn small_steps(n: u64) -> u32 {
    u32::from(SMALL[n as usize])
}

/// Where the lockstep kernel stops taking lookahead blocks and a table gives
/// the rest of a trajectory: the compiler's table, or the larger one of
/// `steps_table.rs` once it is built.
trait Tail: Copy {
    /// The table holds the steps of every n below this.
    const BELOW: u64;
    fn steps(self, n: u64) -> u32;
}

#[derive(Clone, Copy)]
struct Small;

impl Tail for Small {
    const BELOW: u64 = 1 << SMALL_BITS;
    #[inline(always)]
    fn steps(self, n: u64) -> u32 {
        small_steps(n)
    }
}

impl Tail for steps_table::Table {
    const BELOW: u64 = 1 << steps_table::BITS;
    #[inline(always)]
    fn steps(self, n: u64) -> u32 {
        steps_table::Table::steps(self, n)
    }
}

impl Stepper {
    pub fn new() -> Stepper {
        Stepper
    }

    /// The same as [`steps`], faster.
    #[inline]
    pub fn steps(&self, n: u64) -> Result<u32, Error> {
        if n == 0 {
            return Err(Error::NotPositive);
        }
        finish(n, 0)
    }

    /// `out[i]` = [`Stepper::steps`] of `ns[i]` for every i, or [`FAILED`]
    /// where that is an error (ask [`Stepper::steps`] which): the same
    /// results as one call per element, faster. One number's steps are a
    /// chain of dependent loads and multiplies, and a loop per number stalls
    /// on that chain and mispredicts its end. Here [`LANES`] numbers take
    /// their lookahead blocks in lockstep, with no branch that depends on one
    /// of them, so the processor overlaps their chains.
    pub fn steps_into(&self, ns: &[u64], out: &mut [u32]) {
        into_lanes::<false>(ns, out, 0);
    }

    /// [`Stepper::steps_into`] for a search that only cares about numbers
    /// with at least `floor` steps: a number is given up, and marked
    /// [`SHORT`], as soon as its steps so far plus the most steps any
    /// smaller value can take ([`MAX_STEPS_BELOW`]) fall short of `floor`.
    /// Every other entry is exact.
    pub fn steps_into_reaching(&self, ns: &[u64], out: &mut [u32], floor: u32) {
        into_lanes::<true>(ns, out, floor);
    }
}

fn into_lanes<const PRUNE: bool>(ns: &[u64], out: &mut [u32], floor: u32) {
    assert_eq!(ns.len(), out.len(), "input and output lengths differ");
    match steps_table::get() {
        Some(table) => into_lanes_with::<PRUNE, _>(ns, out, floor, table),
        None => into_lanes_with::<PRUNE, _>(ns, out, floor, Small),
    }
}

fn into_lanes_with<const PRUNE: bool, T: Tail>(ns: &[u64], out: &mut [u32], floor: u32, tail: T) {
    let mut lanes = ns.chunks_exact(LANES);
    let mut outs = out.chunks_exact_mut(LANES);
    for (ns, out) in lanes.by_ref().zip(outs.by_ref()) {
        let ns: [u64; LANES] = ns.try_into().expect("chunks_exact");
        out.copy_from_slice(&steps_lanes::<PRUNE, T>(ns, floor, tail));
    }
    for (&n, slot) in lanes.remainder().iter().zip(outs.into_remainder()) {
        *slot = Stepper.steps(n).unwrap_or(FAILED);
    }
}

/// What [`Stepper::steps_into_reaching`] writes for a number that cannot
/// reach the floor.
pub(crate) const SHORT: u32 = u32::MAX - 1;

/// `MAX_STEPS_BELOW[b]`: the most steps of any n below 2^b, for b <= 33
/// (the delay records, OEIS A006877: 837,799 takes 524 below 2^20,
/// 4,890,328,815 takes 1,131 below 2^33); computed with this library's
/// collatz_longest(2^b), checked exactly by a test up to 2^26 (longest.rs),
/// and the search that uses them checked against the records below 10^9,
/// 10^10 and 10^11. Past 2^33: no bound.
pub(crate) const MAX_STEPS_BELOW: [u32; 65] = {
    let known: [u32; 34] = [
        0, 0, 7, 16, 19, 111, 112, 118, 127, 143, 178, 181, 237, 261, 275, 307, 339, 353, 442, 469, 524, 556,
        596, 664, 704, 705, 949, 950, 956, 964, 986, 1008, 1050, 1131,
    ];
    let mut table = [u32::MAX / 2; 65];
    let mut b = 0;
    while b < known.len() {
        table[b] = known[b];
        b += 1;
    }
    table
};

/// Numbers followed in lockstep by [`Stepper::steps_into`].
pub(crate) const LANES: usize = 4;

/// The steps of LANES numbers, each [`FAILED`] or not as [`Stepper::steps`];
/// with PRUNE, [`SHORT`] for those that cannot reach `floor`.
#[inline]
fn steps_lanes<const PRUNE: bool, T: Tail>(mut n: [u64; LANES], floor: u32, tail: T) -> [u32; LANES] {
    let start = n;
    let mut count = [0u32; LANES];
    let mut short = [false; LANES];
    let mut past_64 = false;
    loop {
        let mut going = [false; LANES];
        for i in 0..LANES {
            going[i] = n[i] >= T::BELOW;
            if PRUNE {
                // Its steps so far, and the most any value of its size takes.
                let bound = count[i] + MAX_STEPS_BELOW[(64 - n[i].leading_zeros()) as usize];
                short[i] |= bound < floor;
                going[i] &= !short[i];
            }
        }
        if !going.iter().any(|&g| g) {
            break;
        }
        for i in 0..LANES {
            let (next, steps) = lookahead(n[i]);
            // Below 2^22, a block cannot pass 2^64: no need to ask `going`.
            past_64 |= next >> 64 != 0;
            // A lane that is done (a 0 too) keeps its value.
            n[i] = std::hint::select_unpredictable(going[i], next as u64, n[i]);
            count[i] += std::hint::select_unpredictable(going[i], steps, 0);
        }
        if past_64 {
            // Rare: a block past 2^64 (its lane's value above is wrong).
            return start.map(|m| Stepper.steps(m).unwrap_or(FAILED));
        }
    }
    std::array::from_fn(|i| {
        if start[i] == 0 {
            FAILED
        } else if short[i] {
            SHORT
        } else {
            count[i] + tail.steps(n[i])
        }
    })
}

/// What [`Stepper::steps_into`] writes for a number whose steps are an error.
pub(crate) const FAILED: u32 = u32::MAX;

/// The steps from a value n >= 1 reached after `count` steps: lookahead
/// blocks while they fit in 64 bits, exact steps where they do not, the
/// small table at the end.
#[inline]
fn finish(mut n: u64, mut count: u32) -> Result<u32, Error> {
    while n >= 1 << SMALL_BITS {
        let (next, steps) = lookahead(n);
        match u64::try_from(next) {
            Ok(next) => {
                n = next;
                count += steps;
            }
            Err(_) => n = wide_descent_from(n, &mut count)?,
        }
    }
    Ok(count + u32::from(SMALL[n as usize]))
}

/// From any n whose next lookahead block passes 2^64: exact steps, in 128
/// bits where needed, until the value fits in 64 bits with room to spare.
#[cold]
fn wide_descent_from(mut n: u64, count: &mut u32) -> Result<u64, Error> {
    while n % 2 == 0 || n <= MAX_ODD {
        n = odd_step_and_halvings(n, count);
        if n < 1 << 40 {
            return Ok(n);
        }
    }
    wide_descent(n, count)
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
    fn reference_loop(n: u64, k: u64) -> u128 {
        let mut n = u128::from(n);
        for _ in 0..k {
            n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        }
        n
    }

    /// The first start whose trajectory passes 2^64, and path records
    /// (Roosendaal; OEIS A006884/A006885): the highest peaks below 2^64.
    const FIRST_PAST_2_64: u64 = 12_327_829_503;
    const HIGHEST_PEAK: u64 = 1_980_976_057_694_848_447; // peaks at 6.4e37
    const MOST_STEPS: u64 = 14_727_207_461_063_895_711; // 2,442 steps

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

    #[test]
    fn the_stepper_agrees_with_steps() {
        let stepper = Stepper::new();
        assert_eq!(stepper.steps(0), Err(Error::NotPositive));
        let random = (0..20_000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for n in (1..300_000u64)
            .chain([1 << 63, MAX_ODD - 1, MAX_ODD + 1, u64::MAX, u64::MAX - 2, 670_617_279])
            .chain([HIGHEST_PEAK, MOST_STEPS])
            .chain(FIRST_PAST_2_64 - 5000..FIRST_PAST_2_64 + 5000)
            .chain(u64::MAX - 5000..=u64::MAX)
            .chain(random)
        {
            assert_eq!(stepper.steps(n), steps(n), "n = {n}");
        }
    }

    /// The lockstep kernel stopping at the compiler's table and at the table
    /// built at run time: both give the definition's answer, pruned or not.
    #[test]
    fn the_lanes_agree_with_steps_whichever_table_ends_them() {
        steps_table::build();
        let table = steps_table::get().expect("built on this thread");
        let random = (0..20_000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (i % 64));
        let ns: Vec<u64> = (0..70_000u64)
            .chain((1 << 22) - 3000..(1 << 22) + 3000)
            .chain(FIRST_PAST_2_64 - 2000..FIRST_PAST_2_64 + 2000)
            .chain(u64::MAX - 1000..=u64::MAX)
            .chain([HIGHEST_PEAK, MOST_STEPS, 837_799, 0, 27])
            .chain(random)
            .collect();
        let expected: Vec<u32> = ns.iter().map(|&n| steps(n).unwrap_or(FAILED)).collect();
        let mut out = vec![0; ns.len()];
        for floor in [0, 120, 400, 700] {
            for with_table in [false, true] {
                match (floor, with_table) {
                    (0, false) => into_lanes_with::<false, _>(&ns, &mut out, 0, Small),
                    (0, true) => into_lanes_with::<false, _>(&ns, &mut out, 0, table),
                    (_, false) => into_lanes_with::<true, _>(&ns, &mut out, floor, Small),
                    (_, true) => into_lanes_with::<true, _>(&ns, &mut out, floor, table),
                }
                for (i, (&got, &want)) in out.iter().zip(&expected).enumerate() {
                    // SHORT only for a number that really has fewer steps.
                    let fine = got == want || (got == SHORT && want != FAILED && want < floor);
                    assert!(fine, "n = {}, floor {floor}, table {with_table}: {got} for {want}", ns[i]);
                }
            }
        }
    }

    #[test]
    fn the_lookahead_table_follows_the_definition() {
        for b in 0..1u64 << LOOKAHEAD_BITS {
            for a in [1u64, 2, 7, 1 << 20] {
                let n = a << LOOKAHEAD_BITS | b;
                let (after, steps) = lookahead(n);
                assert_eq!(after, reference_loop(n, u64::from(steps)), "b = {b}, a = {a}");
                let halvings = (0..steps).filter(|&j| reference_loop(n, u64::from(j)) % 2 == 0).count();
                assert_eq!(halvings as u32, LOOKAHEAD_BITS, "b = {b}, a = {a}");
            }
        }
    }
}
