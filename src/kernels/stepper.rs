//! Counting the steps of many numbers at once: the lookahead blocks, the
//! lockstep lanes of a batch, and the passes of a search, which give a
//! number up by its bound (`delay_records.rs`). Tested against the
//! definition (`collatz.rs`), which it must match exactly, errors included.

use super::collatz::{odd_step_and_halvings, wide_descent, MAX_ODD};
use super::delay_records;
use super::small_table::{self, Small};
use super::steps_table;
use super::tail::Tail;
use super::Error;

/// Counts steps many at a time, for the batch kernels: a lookahead table
/// takes `LOOKAHEAD_BITS` halvings (and the odd steps between them) in one
/// multiply-add, and a table of the steps of every n below 2^16 finishes the
/// trajectory. Both tables are computed by the compiler. [`Stepper::steps_into`]
/// finishes at 2^22 instead once the batch kernel has built that larger table
/// at run time (`steps_table.rs`): without a lock, so that a fork during the
/// build leaves a child that goes on without it, never one that waits. The
/// result is exactly [`steps`](super::collatz::steps)'s, errors included.
#[derive(Clone, Copy, Default)]
pub struct Stepper;

pub(crate) const LOOKAHEAD_BITS: u32 = 14;

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


impl Stepper {
    pub fn new() -> Stepper {
        Stepper
    }

    /// The same as [`steps`](super::collatz::steps), faster.
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
        assert_eq!(ns.len(), out.len(), "input and output lengths differ");
        match steps_table::get() {
            Some(table) => into_lanes_with(ns, out, table),
            None => into_lanes_with(ns, out, Small),
        }
    }

    /// Follows each number `ns[i]`, already at `values[i]` after `counts[i]`
    /// of its steps, for a search that only cares about numbers with at least
    /// `floor()` steps, and calls `found(n, steps)` with the exact steps (or
    /// [`FAILED`]) of every number it does not give up. A number is given up
    /// as soon as its steps so far plus the most steps any value up to its
    /// current one takes (`delay_records.rs`) fall short of the floor, read
    /// again before each pass. The slices are the work space: their contents
    /// are lost. Every n must be at least 1.
    ///
    /// Breadth first: each pass takes one lookahead block for every number
    /// still followed and packs the survivors to the front, without a branch
    /// that depends on one number's fate, so the processor overlaps the
    /// numbers' chains of loads and multiplies and never mispredicts which
    /// of them goes on. (A search's numbers are given up after a block or
    /// two, at random: with [`LANES`] numbers in lockstep, each group waited
    /// for its slowest number and mispredicted its end.)
    pub fn finish_reaching(
        &self,
        ns: &mut [u64],
        values: &mut [u64],
        counts: &mut [u32],
        floor: impl Fn() -> u32,
        found: impl FnMut(u64, u32),
    ) {
        assert!(values.len() == ns.len() && counts.len() == ns.len(), "every number needs its value and count");
        match steps_table::get() {
            Some(table) => finish_reaching_with(ns, values, counts, floor, found, table),
            None => finish_reaching_with(ns, values, counts, floor, found, Small),
        }
    }
}

fn finish_reaching_with<T: Tail>(
    ns: &mut [u64],
    values: &mut [u64],
    counts: &mut [u32],
    floor: impl Fn() -> u32,
    mut found: impl FnMut(u64, u32),
    tail: T,
) {
    let mut live = ns.len();
    while live > 0 {
        let at_least = floor();
        let mut kept = 0;
        for i in 0..live {
            let (n, value, count) = (ns[i], values[i], counts[i]);
            if value < T::BELOW {
                // Rare in a search: only a number that stayed above the floor.
                found(n, count + tail.steps(value));
                continue;
            }
            let (next, steps) = lookahead(value);
            let Ok(next) = u64::try_from(next) else {
                // Rarer still: a block past 2^64, counted exactly from the start.
                found(n, Stepper.steps(n).unwrap_or(FAILED));
                continue;
            };
            let count = count + steps;
            (ns[kept], values[kept], counts[kept]) = (n, next, count);
            kept += usize::from(count + delay_records::most_steps_up_to(next) >= at_least);
        }
        live = kept;
    }
}

fn into_lanes_with<T: Tail>(ns: &[u64], out: &mut [u32], tail: T) {
    let mut lanes = ns.chunks_exact(LANES);
    let mut outs = out.chunks_exact_mut(LANES);
    for (ns, out) in lanes.by_ref().zip(outs.by_ref()) {
        let ns: [u64; LANES] = ns.try_into().expect("chunks_exact");
        out.copy_from_slice(&steps_lanes(ns, tail));
    }
    for (&n, slot) in lanes.remainder().iter().zip(outs.into_remainder()) {
        *slot = Stepper.steps(n).unwrap_or(FAILED);
    }
}

/// Numbers followed in lockstep by [`Stepper::steps_into`].
pub(crate) const LANES: usize = 4;

/// The steps of LANES numbers, each [`FAILED`] or not as [`Stepper::steps`].
#[inline]
fn steps_lanes<T: Tail>(mut n: [u64; LANES], tail: T) -> [u32; LANES] {
    let start = n;
    let mut count = [0u32; LANES];
    let mut past_64 = false;
    loop {
        let going: [bool; LANES] = std::array::from_fn(|i| n[i] >= T::BELOW);
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
    std::array::from_fn(|i| if start[i] == 0 { FAILED } else { count[i] + tail.steps(n[i]) })
}

/// What [`Stepper::steps_into`] writes for a number whose steps are an error.
pub(crate) const FAILED: u32 = u32::MAX;

/// The steps from a value n >= 1 reached after `count` steps: lookahead
/// blocks while they fit in 64 bits, exact steps where they do not, the
/// small table at the end.
#[inline]
fn finish(mut n: u64, mut count: u32) -> Result<u32, Error> {
    while n >= Small::BELOW {
        let (next, steps) = lookahead(n);
        match u64::try_from(next) {
            Ok(next) => {
                n = next;
                count += steps;
            }
            Err(_) => n = wide_descent_from(n, &mut count)?,
        }
    }
    Ok(count + small_table::small_steps(n))
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
mod tests {
    use super::*;
    use crate::kernels::collatz::steps;
    use crate::kernels::collatz::tests::{reference_loop, FIRST_PAST_2_64, HIGHEST_PEAK, MOST_STEPS};

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

    fn test_numbers() -> Vec<u64> {
        let random = (0..20_000u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (i % 64));
        (0..70_000u64)
            .chain((1 << 22) - 3000..(1 << 22) + 3000)
            .chain(FIRST_PAST_2_64 - 2000..FIRST_PAST_2_64 + 2000)
            .chain(u64::MAX - 1000..=u64::MAX)
            .chain([HIGHEST_PEAK, MOST_STEPS, 837_799, 0, 27])
            .chain(random)
            .collect()
    }

    /// The lockstep kernel stopping at the compiler's table and at the table
    /// built at run time: both give the definition's answer.
    #[test]
    fn the_lanes_agree_with_steps_whichever_table_ends_them() {
        steps_table::build();
        let table = steps_table::get().expect("built on this thread");
        let ns = test_numbers();
        let expected: Vec<u32> = ns.iter().map(|&n| steps(n).unwrap_or(FAILED)).collect();
        let mut out = vec![0; ns.len()];
        into_lanes_with(&ns, &mut out, Small);
        assert_eq!(out, expected);
        into_lanes_with(&ns, &mut out, table);
        assert_eq!(out, expected);
    }

    /// A search's breadth-first passes, from the start or part of the way,
    /// at any floor, with either table: every number it reports has its
    /// exact steps, and every number it gives up has fewer than the floor.
    #[test]
    fn the_passes_report_exactly_the_numbers_that_reach_the_floor() {
        steps_table::build();
        let table = steps_table::get().expect("built on this thread");
        let mut ns: Vec<u64> = test_numbers().into_iter().filter(|&n| n > 0).collect();
        ns.sort_unstable();
        ns.dedup();
        let expected: Vec<u32> = ns.iter().map(|&n| steps(n).unwrap()).collect();
        // Each number also followed part of the way first (j up to 40 steps).
        let (mut part_way, mut part_counts) = (ns.clone(), vec![0u32; ns.len()]);
        for (i, (value, count)) in part_way.iter_mut().zip(&mut part_counts).enumerate() {
            for _ in 0..i % 41 {
                match crate::kernels::collatz::step(*value) {
                    Ok(next) if *value > 1 => (*value, *count) = (next, *count + 1),
                    _ => break,
                }
            }
        }
        for floor in [0, 120, 400, 700, 1200] {
            for with_table in [false, true] {
                for (from, from_counts) in [(&ns, &vec![0u32; ns.len()]), (&part_way, &part_counts)] {
                    let mut found = std::collections::HashMap::new();
                    let (mut work, mut values, mut counts) = (ns.clone(), from.clone(), from_counts.clone());
                    let report = |n: u64, steps: u32| assert!(found.insert(n, steps).is_none(), "{n} twice");
                    if with_table {
                        finish_reaching_with(&mut work, &mut values, &mut counts, || floor, report, table);
                    } else {
                        finish_reaching_with(&mut work, &mut values, &mut counts, || floor, report, Small);
                    }
                    for (&n, &want) in ns.iter().zip(&expected) {
                        match found.get(&n) {
                            Some(&got) => assert_eq!(got, want, "n = {n}, floor {floor}"),
                            None => assert!(want < floor, "n = {n} ({want} steps) given up at floor {floor}"),
                        }
                    }
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
