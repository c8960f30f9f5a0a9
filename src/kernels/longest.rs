//! The n in [start, end) with the most Collatz steps (Project Euler 14 and its
//! big brothers), in bounded memory and on every core.
//!
//! Most n in the range cannot be the answer, because a number in the range
//! has a longer trajectory that contains theirs, or an equally long one from a
//! smaller start. Those n are never computed; the answer is the same as
//! checking every n, which the tests verify exhaustively on small ranges and
//! against the step count of every n on larger ones. Three rules, cheapest
//! first:
//! - the upper half: every n with 2n < end is beaten by 2n;
//! - the sieve ([`sieve`]): n whose trajectory joins a smaller number's after
//!   as many steps, seen from n's last 20 bits (Roosendaal's "paths join");
//! - predecessors ([`is_candidate`]): n that a number in the range reaches.
//!
//! The rest are followed until the bound (the delay records,
//! `delay_records.rs`) says they cannot beat the best found, and the range
//! is taken best first ([`Search::order`]): the part holding the record
//! that sets the highest bound first, so that the parts that cannot beat
//! it are left out unseen (docs/design.md, "How the longest-chain search
//! works").

use super::{delay_records, stepper, threads, Error};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Mutex;

/// The answer: the smallest n with the most steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Longest {
    pub n: u64,
    pub steps: u32,
}

impl Longest {
    /// The tie rule: the better of two answers is the one with more steps,
    /// or with as many from a smaller n.
    pub fn better(a: Option<Longest>, b: Option<Longest>) -> Option<Longest> {
        match (a, b) {
            (Some(x), Some(y)) => Some(if (y.steps, x.n) > (x.steps, y.n) { y } else { x }),
            (x, None) => x,
            (None, y) => y,
        }
    }

    /// The fewest steps a candidate at or above `lo` needs to beat `best`:
    /// as many as best where it could be smaller than best's n (a tie goes
    /// to the smaller n), one more where it cannot.
    pub fn needed(best: Option<Longest>, lo: u64) -> u32 {
        best.map_or(0, |b| b.steps + u32::from(lo > b.n))
    }
}

/// A part of a search's order ([`Search::order`]): the window [lo, hi), the
/// most steps any of its numbers can take (None: not known, past the
/// bound's last row), and whether one of them takes exactly that many (the
/// part holds the delay record that set its bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub lo: u64,
    pub hi: u64,
    pub most_steps: Option<u32>,
    pub holds_record: bool,
}

impl Part {
    /// The steps of the record the part holds, if it holds one.
    pub fn record(&self) -> Option<u32> {
        self.most_steps.filter(|_| self.holds_record)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchError {
    /// start = 0: the Collatz functions are defined for n >= 1.
    StartNotPositive,
    /// start >= end: no n to choose from.
    EmptyRange { start: u64, end: u64 },
    /// The trajectory of `n` passes 2^128 (no uint64 start's does).
    Overflow { n: u64, error: Error },
}

/// A search for the longest chain over the range [start, end): its checks,
/// the part of the range that can hold the answer, and its windows. Callers
/// (the C layer, and through it Python and Dask) cut the candidates into
/// windows [lo, hi), search each, and combine what they find with
/// [`Longest::better`], the tie rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Search {
    start: u64,
    end: u64,
}

impl Search {
    /// The search over [start, end), or why there is none.
    pub fn new(start: u64, end: u64) -> Result<Search, SearchError> {
        if start == 0 {
            return Err(SearchError::StartNotPositive);
        }
        if start >= end {
            return Err(SearchError::EmptyRange { start, end });
        }
        Ok(Search { start, end })
    }

    /// The part of the range that can hold the answer, [lo, end): every n
    /// with 2n < end is beaten by 2n, also in the range.
    pub fn candidates(&self) -> (u64, u64) {
        (self.start.max(self.end / 2 + self.end % 2), self.end)
    }

    /// The smallest n in the range with the most steps: the parts of
    /// [`Search::order`] in turn, each told what the best found so far
    /// needs.
    pub fn run(&self, threads: u32) -> Result<Longest, SearchError> {
        let mut best = None;
        for part in self.order() {
            let needed = Longest::needed(best, part.lo);
            let found = match part.record() {
                // Only the numbers that reach the part's bound can be its best:
                // with that floor from the start, the rest are given up sooner.
                Some(most) if most > needed => match self.window(part.lo, part.hi, most, threads)? {
                    Some(found) if found.steps >= most => Some(found),
                    _ => self.window(part.lo, part.hi, needed, threads)?, // a bound that is not reached
                },
                _ => self.window(part.lo, part.hi, needed, threads)?,
            };
            best = Longest::better(best, found);
        }
        // The answer itself is never ruled out, so a non-empty range has one.
        Ok(best.expect("a non-empty range has a candidate"))
    }

    /// The candidates cut into parts, in the order a search takes them:
    /// where the bound (the most steps any number up to a value takes, kept
    /// for each 64th of a power of two: the delay records) is highest first,
    /// and of two parts with the same bound the lower first. The lowest part
    /// with the highest bound holds the record that set it, so the best is
    /// found in the first part searched, and every later part whose bound
    /// cannot beat it is skipped without a look at its numbers (a search
    /// from the top down would follow every number above the answer, whose
    /// bound is at least the answer's steps). Past the bound's last row, one
    /// part with no bound, first. Each part is searched from the top down.
    pub fn order(&self) -> Vec<Part> {
        let (lo, hi) = self.candidates();
        let mut parts: Vec<Part> = delay_records::cut(lo, hi, BLOCK)
            .into_iter()
            .map(|(lo, hi, most_steps, holds_record)| Part { lo, hi, most_steps, holds_record })
            .collect();
        parts.sort_by_key(|part| (std::cmp::Reverse(part.most_steps.unwrap_or(u32::MAX)), part.lo));
        parts
    }

    /// The best candidate for the answer that lies in the window [lo, hi),
    /// or `None` when the window holds none. A candidate that provably has
    /// fewer than `at_least` steps may be skipped: a caller that has found
    /// that many in another window passes it, so that each window does not
    /// start from nothing. Windows outside the candidates are empty. Asked
    /// for the most steps any of its numbers can take, a window is searched
    /// from the bottom up, and ends at the first number that takes them.
    pub fn window(&self, lo: u64, hi: u64, at_least: u32, threads: u32) -> Result<Option<Longest>, SearchError> {
        let (first, last) = self.candidates();
        let (lo, hi) = (lo.max(first), hi.min(last));
        if lo >= hi {
            return Ok(None);
        }
        let most = delay_records::most_steps_up_to(hi - 1);
        if most < at_least {
            return Ok(None);
        }
        // The sieve is built once per process (about 0.1 s): worth it when the
        // whole search is longer than that.
        let sieve = if last - first >= SIEVE_WORTH_IT { Some(sieve()) } else { None };
        // Asked for as many steps as any number of the window can take, only
        // a number with exactly that many matters, and the smallest wins.
        let order = if at_least == most { Order::UpToTheFirstThatReaches(most) } else { Order::TopDown };
        search(*self, lo, hi, at_least, threads, sieve, order)
    }

    fn holds(&self, p: u128) -> bool {
        p >= u128::from(self.start) && p < u128::from(self.end)
    }
}

/// The work is handed out one sieve block at a time (one work item each), so that threads
/// that finish early take more; the result does not depend on the count.
const BLOCK: u64 = 1 << SIEVE_BITS;

/// The order a window's blocks are searched in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// From the top down: larger numbers tend to take more steps, so the
    /// floor rises early and every later block skips more (below 10^10 on
    /// one core, with windows: 8.3 s top-down, 17.3 s bottom-up).
    TopDown,
    /// From the bottom up, when no number can take more than this many
    /// steps: the first number found with that many is the window's
    /// answer, and the blocks above it are left out.
    UpToTheFirstThatReaches(u32),
}

/// The best candidate of [first, last), a part of `range.candidates()`.
fn search(
    range: Search,
    first: u64,
    last: u64,
    at_least: u32,
    threads: u32,
    survivors: Option<&Sieve>,
    order: Order,
) -> Result<Option<Longest>, SearchError> {
    let first_block = first >> SIEVE_BITS;
    let count = ((last - 1) >> SIEVE_BITS) - first_block + 1;
    let workers = threads::resolve(threads, count);
    // The smallest n found to overflow, or to reach the most steps any
    // number can take; blocks above it are not worth doing.
    let settled_below = AtomicU64::new(u64::MAX);
    // The most steps found so far, by any worker (or by the caller).
    let floor = AtomicU32::new(at_least);
    let results = threads::share(workers, count, |blocks| {
        let mut best = None;
        let mut own_overflow: Option<(u64, Error)> = None;
        for block in blocks {
            // The floor never skips a tie, and the blocks' answers combine by
            // most steps, then smallest n.
            let base = match order {
                Order::TopDown => first_block + (count - 1 - block),
                Order::UpToTheFirstThatReaches(_) => first_block + block,
            } << SIEVE_BITS;
            if base >= settled_below.load(Ordering::Relaxed) {
                continue;
            }
            let (lo, hi) = (first.max(base), last.min(base.saturating_add(BLOCK)));
            // No number of the block can reach the floor: skipped unseen.
            if delay_records::most_steps_up_to(hi - 1) < floor.load(Ordering::Relaxed) {
                continue;
            }
            let sieve = survivors.filter(|_| sieve_applies(range, base));
            let whole_block = lo == base && hi == base.saturating_add(BLOCK);
            let found = match (sieve, if whole_block { bulk(range, base) } else { None }) {
                (Some(sieve), Some(with_odd)) => best_counted(sieve.candidates(base, with_odd), &floor),
                (Some(sieve), None) => best_of(range, sieved(&sieve.kept, base, lo, hi), &floor),
                (None, _) => best_of(range, lo..hi, &floor),
            };
            match found {
                Ok(found) => {
                    if let (Some(reached), Order::UpToTheFirstThatReaches(most)) = (found, order) {
                        if reached.steps >= most {
                            settled_below.fetch_min(reached.n, Ordering::Relaxed);
                        }
                    }
                    best = Longest::better(best, found);
                }
                Err(overflow) => {
                    // The blocks above it are skipped; a worker keeps its smallest.
                    settled_below.fetch_min(overflow.0, Ordering::Relaxed);
                    own_overflow = Some(match own_overflow {
                        Some(earlier) if earlier.0 <= overflow.0 => earlier,
                        _ => overflow,
                    });
                }
            }
        }
        own_overflow.map_or(Ok(best), Err)
    });
    // The smallest overflowing n wins over any answer: each worker reports
    // its smallest, and every block below the smallest one found was done.
    let mut best = None;
    let mut overflow: Option<(u64, Error)> = None;
    for result in results {
        match result {
            Ok(found) => best = Longest::better(best, found),
            Err((n, error)) => {
                if overflow.is_none_or(|(m, _)| n < m) {
                    overflow = Some((n, error));
                }
            }
        }
    }
    match overflow {
        Some((n, error)) => Err(SearchError::Overflow { n, error }),
        None => Ok(best),
    }
}

/// The n of [lo, hi), inside the block at `base`, that the sieve keeps.
fn sieved(survivors: &[u32], base: u64, lo: u64, hi: u64) -> impl Iterator<Item = u64> + '_ {
    let from = survivors.partition_point(|&r| base + u64::from(r) < lo);
    survivors[from..].iter().map(move |&r| base + u64::from(r)).take_while(move |&n| n < hi)
}

/// Whether the whole block at `base` lies where the predecessor rules
/// depend on n's class alone: above 3 * start (every predecessor is in the
/// range), below 2^61 (4n - 1 fits), and wholly on one side of the n whose
/// (4n - 1)/3 reaches `end`. Some(true) when odd n = 1 (mod 3) are kept there
/// (above that n), Some(false) when they are ruled out, None otherwise.
fn bulk(range: Search, base: u64) -> Option<bool> {
    let top = base.checked_add(BLOCK)?;
    if base < 16 || top > 1 << 61 || base <= range.start.saturating_mul(3).saturating_add(3) {
        return None;
    }
    // The smallest n with (4n - 1)/3 >= end: odd n = 1 (mod 3) from there on
    // have their predecessor past the range.
    let threshold = (3 * u128::from(range.end) + 1).div_ceil(4) as u64;
    if base >= threshold {
        Some(true)
    } else if top <= threshold {
        Some(false)
    } else {
        None
    }
}

/// The best candidate among `ns`, or the first n whose trajectory fails.
/// `floor` is shared by the workers of a search: the most steps any of them
/// has found. A candidate that cannot reach it is given up early (see
/// `Stepper::finish_reaching`): it has strictly fewer steps than a
/// number already found, so it is not the answer.
fn best_of(range: Search, ns: impl Iterator<Item = u64>, floor: &AtomicU32) -> Result<Option<Longest>, (u64, Error)> {
    best_counted(ns.filter(|&n| is_candidate(n, range)).map(Candidate::at_start), floor)
}

/// A candidate for the answer, `n`, followed part of the way: its value
/// after `steps` steps.
#[derive(Clone, Copy)]
struct Candidate {
    n: u64,
    value: u64,
    steps: u32,
}

impl Candidate {
    fn at_start(n: u64) -> Candidate {
        Candidate { n, value: n, steps: 0 }
    }

    /// Whether it provably has fewer than `floor` steps, by the most steps
    /// any number up to n, or up to its value, takes.
    #[inline(always)]
    fn short_of(&self, floor: u32) -> bool {
        delay_records::most_steps_up_to(self.n) < floor
            || self.steps + delay_records::most_steps_up_to(self.value) < floor
    }
}

/// The best of `candidates` (in any order), counted without other rules.
fn best_counted(mut candidates: impl Iterator<Item = Candidate>, floor: &AtomicU32) -> Result<Option<Longest>, (u64, Error)> {
    let stepper = stepper::Stepper::new();
    let mut best: Option<Longest> = None;
    let mut failed: Option<u64> = None;
    let (mut ns, mut values, mut counts) = (vec![0u64; CHUNK], vec![0u64; CHUNK], vec![0u32; CHUNK]);
    loop {
        let at_least = floor.load(Ordering::Relaxed);
        // Most candidates are given up here, before they take a block: each
        // is written, and kept by moving on past it.
        let (mut len, mut more) = (0, false);
        for candidate in candidates.by_ref() {
            (ns[len], values[len], counts[len]) = (candidate.n, candidate.value, candidate.steps);
            len += usize::from(!candidate.short_of(at_least));
            if len == CHUNK {
                more = true;
                break;
            }
        }
        let load = || floor.load(Ordering::Relaxed);
        stepper.finish_reaching(&mut ns[..len], &mut values[..len], &mut counts[..len], load, |n, steps| {
            if steps == stepper::FAILED {
                failed = Some(failed.map_or(n, |m| m.min(n)));
            } else if best.is_none_or(|b| steps >= b.steps) {
                best = Longest::better(best, Some(Longest { n, steps }));
                floor.fetch_max(steps, Ordering::Relaxed);
            }
        });
        if let Some(n) = failed {
            return Err((n, stepper.steps(n).expect_err("FAILED means an error")));
        }
        if !more {
            return Ok(best);
        }
    }
}

/// Candidates followed together (`Stepper::finish_reaching`): 40 KiB of
/// work space, within a core's first-level cache.
const CHUNK: usize = 2048;


/// Whether `n` (with 2n >= end) can be the answer over the range, by its
/// predecessors: `n` is ruled out when a number p in the range reaches it
/// (p's trajectory contains n's, so p has more steps):
/// - n = 2 (mod 3): p = (2n - 1)/3 is odd and p -> 2n -> n;
/// - n = 4 (mod 6): p = (n - 1)/3 is odd and p -> n;
/// - n = 1 (mod 3), odd: p = (4n - 1)/3 is odd and p -> 4n -> 2n -> n.
///
/// Small n are left alone: a trajectory that meets 1 early does not go on.
#[inline]
fn is_candidate(n: u64, range: Search) -> bool {
    if n < 16 {
        return true;
    }
    if n >= 1 << 61 {
        return is_candidate_wide(n, range);
    }
    // 4n - 1 fits in 64 bits: divisions by 3 are multiplications.
    let holds = |p: u64| p >= range.start && p < range.end;
    match n % 3 {
        2 => !holds((2 * n - 1) / 3),
        1 if n % 2 == 0 => !holds((n - 1) / 3),
        1 => !holds((4 * n - 1) / 3),
        _ => true,
    }
}

/// [`is_candidate`] for n >= 2^61, in 128 bits.
#[cold]
fn is_candidate_wide(n: u64, range: Search) -> bool {
    let n = u128::from(n);
    match n % 3 {
        2 => !range.holds((2 * n - 1) / 3),
        1 if n % 2 == 0 => !range.holds((n - 1) / 3),
        1 => !range.holds((4 * n - 1) / 3),
        _ => true,
    }
}

/// Searches over fewer numbers than this do without the sieve: building it
/// costs about as much as searching them.
const SIEVE_WORTH_IT: u64 = 1 << 26;

/// The sieve's block: n is seen by its last SIEVE_BITS bits.
const SIEVE_BITS: u32 = 20;

/// Whether the sieve may rule out n in the block starting at `base`: the
/// smaller number an n joins lies in the same block, at most 2^20 - 1 below
/// n, so it must still be in the range; and the block must not be the first
/// (a = 0 below), where trajectories can reach 1 before they join.
fn sieve_applies(range: Search, base: u64) -> bool {
    base >= BLOCK && base >= range.start.saturating_add(BLOCK)
}

/// The residues b in [0, 2^20) that the sieve keeps, in increasing order.
///
/// n = a * 2^20 + b (a >= 1) becomes a * 3^c + d after 20 + c steps, with c
/// and d depending on b alone (the lookahead of [`stepper::Stepper`], over
/// 20 bits). Two residues b' < b with the same (c, d) give n' = n - b + b'
/// and n the same value after the same number of steps: their step counts
/// are equal, and the smaller n' wins the tie, so n is never the answer.
/// About 24% of the residues are kept (76% ruled out).
///
/// Built at the first search that needs it, in about 0.1 s, and shared by
/// every later call. No thread ever waits for it: a lock is only tried, and
/// only held to read or store the pointer. So a fork while another thread
/// holds it cannot leave the child waiting (the child builds its own copy),
/// and two threads that race both build it and keep one.
pub fn sieve() -> &'static Sieve {
    static SIEVE: Mutex<Option<&'static Sieve>> = Mutex::new(None);
    if let Some(built) = SIEVE.try_lock().ok().and_then(|slot| *slot) {
        return built;
    }
    let built: &'static Sieve = Box::leak(Box::new(Sieve::new(build_sieve())));
    match SIEVE.try_lock() {
        Ok(mut slot) => *slot.get_or_insert(built),
        Err(_) => built,
    }
}

/// The residues the sieve keeps, and the same split by what the predecessor
/// rules keep of them in a bulk block (see [`bulk`]): by the block's base
/// mod 3, the residues r with base + r = 0 (mod 3), and those with
/// base + r = 1 (mod 3) and r odd. A bulk block reads its candidates from
/// these lists instead of testing every residue, each with its first
/// SIEVE_BITS halvings taken in one multiply-add.
pub struct Sieve {
    kept: Vec<u32>,
    by_class: [[Vec<Kept>; 2]; 3],
}

/// A residue r the sieve keeps, with its block (`stepper::block`): n =
/// a * 2^20 + r is a * 3^odd + add after 20 + odd steps. 8 bytes, so that a
/// bulk block streams through about a megabyte of them.
#[derive(Clone, Copy)]
struct Kept {
    add: u32,
    r_and_odd: u32,
}

impl Kept {
    fn new(r: u32) -> Kept {
        let (add, _, steps) = stepper::block(u64::from(r), SIEVE_BITS);
        let odd = steps - SIEVE_BITS;
        Kept { add: u32::try_from(add).expect("add < 3^20 < 2^32"), r_and_odd: r | odd << SIEVE_BITS }
    }

    /// The candidate base + r, SIEVE_BITS halvings on (base a multiple of 2^20, at least 2^20).
    #[inline(always)]
    fn candidate(self, base: u64) -> Candidate {
        let (r, odd) = (self.r_and_odd & (BLOCK as u32 - 1), self.r_and_odd >> SIEVE_BITS);
        let n = base + u64::from(r);
        let value = u128::from(base >> SIEVE_BITS) * u128::from(POWERS_OF_3[odd as usize]) + u128::from(self.add);
        match u64::try_from(value) {
            Ok(value) => Candidate { n, value, steps: SIEVE_BITS + odd },
            Err(_) => Candidate::at_start(n), // past 2^64: followed from n itself
        }
    }
}

/// 3^k for k up to SIEVE_BITS.
const POWERS_OF_3: [u64; SIEVE_BITS as usize + 1] = {
    let mut powers = [1u64; SIEVE_BITS as usize + 1];
    let mut k = 1;
    while k < powers.len() {
        powers[k] = powers[k - 1] * 3;
        k += 1;
    }
    powers
};

impl Sieve {
    fn new(kept: Vec<u32>) -> Sieve {
        let class = |m: u32, want: u32, odd: bool| -> Vec<Kept> {
            kept.iter().copied().filter(|&r| (m + r % 3) % 3 == want && (!odd || r % 2 == 1)).map(Kept::new).collect()
        };
        let by_class = [0, 1, 2].map(|m| [class(m, 0, false), class(m, 1, true)]);
        Sieve { kept, by_class }
    }

    /// The candidates of the bulk block at `base`.
    fn candidates(&self, base: u64, with_odd: bool) -> impl Iterator<Item = Candidate> + '_ {
        let [zero, one_odd] = &self.by_class[(base % 3) as usize];
        let odd: &[Kept] = if with_odd { one_odd } else { &[] };
        zero.iter().chain(odd).map(move |kept| kept.candidate(base))
    }
}

fn build_sieve() -> Vec<u32> {
    // The block of every residue, then the smallest residue of each block:
    // the step count stands for c, and add < 3^20 < 2^32, so a block packs
    // into one u64.
    let mut keyed: Vec<(u64, u32)> = (0..1u32 << SIEVE_BITS)
        .map(|b| {
            let (add, _, steps) = stepper::block(u64::from(b), SIEVE_BITS);
            (u64::from(steps) << 32 | add, b)
        })
        .collect();
    keyed.sort_unstable();
    let mut kept: Vec<u32> = keyed
        .chunk_by(|x, y| x.0 == y.0)
        .map(|same| same[0].1) // sorted by (key, b): the smallest b first
        .collect();
    kept.sort_unstable();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::collatz;

    fn longest(start: u64, end: u64, threads: u32) -> Result<Longest, SearchError> {
        Search::new(start, end)?.run(threads)
    }

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
            let at_least = combined.map_or(0, |best: Longest| best.steps);
            let part = Search::new(1_000, 3_000_000).unwrap().window(lo, lo + 123_457, at_least, 2).unwrap();
            combined = Longest::better(combined, part);
            lo += 123_457;
        }
        assert_eq!(combined, Some(whole));
    }

    #[test]
    fn the_order_covers_the_candidates_once_highest_bound_first() {
        let ranges = [(1, 10), (1, 5_000_000), (777, 1 << 27), (1 << 38, (1 << 41) + 5), (1, u64::MAX), (1 << 40, 1 << 40 | 1)];
        for (start, end) in ranges {
            let search = Search::new(start, end).unwrap();
            let order = search.order();
            let mut parts: Vec<(u64, u64)> = order.iter().map(|p| (p.lo, p.hi)).collect();
            parts.sort_unstable();
            assert_eq!(parts.first().unwrap().0, search.candidates().0, "[{start}, {end})");
            assert_eq!(parts.last().unwrap().1, end);
            assert!(parts.windows(2).all(|w| w[0].1 == w[1].0 && w[0].0 < w[0].1));
            let key = |p: &Part| (std::cmp::Reverse(p.most_steps.unwrap_or(u32::MAX)), p.lo);
            assert!(order.windows(2).all(|w| key(&w[0]) < key(&w[1])));
            for part in &order {
                // The bound holds for every number of the part.
                let most = delay_records::most_steps_up_to(part.hi - 1);
                assert!(part.most_steps.is_none_or(|m| m == most), "{part:?}");
            }
        }
        // Every part of a search below 10^12 has a bound; the first holds
        // the delay record 989,345,275,647.
        let first = Search::new(1, 1_000_000_000_000).unwrap().order()[0];
        assert!(first.lo <= 989_345_275_647 && 989_345_275_647 < first.hi && first.record() == Some(1348));
        // Cut short of its record, a part does not claim to hold it.
        let cut = Search::new(1, 989_345_275_647).unwrap().order()[0];
        assert!(cut.hi == 989_345_275_647 && cut.most_steps == Some(1348) && cut.record().is_none());
    }

    #[test]
    fn the_order_finds_what_the_search_from_the_top_finds() {
        // Ranges whose order has many windows, cut where the bound moves and
        // holding ties at the top (n and 2n - 1 style pairs).
        for (start, end) in [(1, 30_000_000), (3, 1 << 25), ((1 << 24) + 1, 40_000_001), (9_000_000, 9_100_000)] {
            let search = Search::new(start, end).unwrap();
            let (lo, hi) = search.candidates();
            assert_eq!(search.run(2), Ok(search.window(lo, hi, 0, 2).unwrap().unwrap()), "[{start}, {end})");
        }
    }

    #[test]
    fn needed_gives_ties_to_the_smaller_n() {
        let best = Some(Longest { n: 100, steps: 25 });
        assert_eq!(Longest::needed(None, 5), 0);
        assert_eq!(Longest::needed(best, 99), 25);
        assert_eq!(Longest::needed(best, 100), 25);
        assert_eq!(Longest::needed(best, 101), 26);
    }

    #[test]
    fn bad_ranges_are_errors() {
        assert_eq!(Search::new(0, 10), Err(SearchError::StartNotPositive));
        assert_eq!(Search::new(10, 10), Err(SearchError::EmptyRange { start: 10, end: 10 }));
        assert_eq!(Search::new(11, 10), Err(SearchError::EmptyRange { start: 11, end: 10 }));
        assert_eq!(Search::new(5, 10).unwrap().window(20, 30, 0, 1), Ok(None));
        // An empty window ending at 0 is empty, not an underflow.
        assert_eq!(Search::new(1, 100).unwrap().window(0, 0, 0, 1), Ok(None));
        assert_eq!(Search::new(5, 10).unwrap().candidates(), (5, 10));
        assert_eq!(Search::new(1, 11).unwrap().candidates(), (6, 11));
    }

    #[test]
    fn ranges_past_2_64_overflows_are_answered() {
        // n = 12,327,829,503 is the first start whose trajectory passes 2^64.
        let (start, end) = (12_327_829_503 - 3000, 12_327_829_503 + 3000);
        assert_eq!(longest(start, end, 0), Ok(brute_force(start, end)));
        let top = u64::MAX - 3000;
        assert_eq!(longest(top, u64::MAX, 2), Ok(brute_force(top, u64::MAX)));
    }

    #[test]
    fn the_sieve_keeps_what_can_win() {
        // Every range below crosses blocks where the sieve applies.
        for (start, end) in [
            (1, 3 << SIEVE_BITS),
            (5 << SIEVE_BITS, (5 << SIEVE_BITS) + (3 << SIEVE_BITS) + 12_345),
            ((7 << SIEVE_BITS) + 99, 10 << SIEVE_BITS),
            (1 << 40, (1 << 40) + (2 << SIEVE_BITS)),
        ] {
            let range = Search::new(start, end).unwrap();
            let (first, _) = range.candidates();
            let sieved = search(range, first, end, 0, 0, Some(sieve()), Order::TopDown).unwrap();
            for threads in [1, 2] {
                assert_eq!(search(range, first, end, 0, threads, Some(sieve()), Order::TopDown).unwrap(), sieved);
            }
            assert_eq!(sieved, Some(brute_force(start, end)), "[{start}, {end})");
        }
    }

    #[test]
    fn from_the_bottom_up_to_the_first_that_reaches_the_bound_is_the_same_answer() {
        // Every part holding a record, among the candidates below 2^27 and
        // in [2^33, 2^33 + 2^28): the record's part searched from the bottom
        // up, stopping at the first number that takes the bound, gives what
        // the search from the top down gives, on any number of threads.
        for (start, end) in [(1, 1 << 27), (1 << 33, (1 << 33) + (1 << 28))] {
            let range = Search::new(start, end).unwrap();
            for part in range.order().into_iter().filter(|part| part.holds_record) {
                let most = part.most_steps.unwrap();
                let top_down = search(range, part.lo, part.hi, most, 2, Some(sieve()), Order::TopDown).unwrap();
                assert_eq!(top_down.map(|found| found.steps), Some(most), "{part:?}");
                for threads in [1, 2, 3] {
                    let up = Order::UpToTheFirstThatReaches(most);
                    assert_eq!(search(range, part.lo, part.hi, most, threads, Some(sieve()), up).unwrap(), top_down);
                }
            }
        }
    }

    #[test]
    fn bulk_blocks_agree_with_the_plain_search() {
        // Ranges wide enough for whole blocks on both sides of 3 * end / 4.
        for (start, end) in [(1, 64 << SIEVE_BITS), (1000, (50 << SIEVE_BITS) + 777), (3 << SIEVE_BITS, 41 << SIEVE_BITS)] {
            let range = Search::new(start, end).unwrap();
            let (first, _) = range.candidates();
            assert!((first >> SIEVE_BITS..end >> SIEVE_BITS).any(|p| bulk(range, (p + 1) << SIEVE_BITS).is_some()));
            let plain = search(range, first, end, 0, 0, None, Order::TopDown).unwrap();
            assert_eq!(search(range, first, end, 0, 0, Some(sieve()), Order::TopDown).unwrap(), plain, "[{start}, {end})");
        }
    }

    #[test]
    fn the_sieve_follows_its_definition() {
        let kept = &sieve().kept;
        assert!(kept.windows(2).all(|w| w[0] < w[1]));
        let share = kept.len() as f64 / f64::from(1u32 << SIEVE_BITS);
        assert!((0.2..0.3).contains(&share), "{share}");
        // A residue is ruled out exactly when a smaller one has the same
        // value after 20 halvings and as many odd steps, checked from n.
        let n_of = |b: u64| (3u64 << SIEVE_BITS) + b;
        let after = |b: u64| {
            let (mut value, mut halvings, mut count) = (n_of(b), 0, 0);
            while halvings < SIEVE_BITS {
                if value % 2 == 0 { halvings += 1; }
                value = collatz::step(value).unwrap();
                count += 1;
            }
            (value, count)
        };
        let mut seen = std::collections::HashMap::new();
        for b in 0..1u64 << SIEVE_BITS {
            let first = *seen.entry(after(b)).or_insert(b);
            assert_eq!(kept.binary_search(&(b as u32)).is_ok(), first == b, "b = {b}");
        }
    }
}
