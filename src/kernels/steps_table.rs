//! The steps of every n below 2^22, built at run time once a process has
//! sent enough numbers through `collatz_steps_many` to pay for it.
//!
//! A batch's numbers spend the end of their trajectories below 2^22, so with
//! this table the lockstep kernel stops there instead of at 2^16 (the table
//! the compiler builds): below 10^7, 0.8 lookahead blocks a number instead
//! of 2.9 (counted on every 997th number), and a number below 2^22 is one
//! load. The table holds 8 MiB, which is
//! why it is not built into the library, and building it takes tens of
//! milliseconds on one core, which is why a process that makes a few small
//! calls never builds it: it is built by the call that takes the numbers
//! seen so far past [`BUILD_AFTER`], when the process has already spent
//! about twice the build's cost in the kernel.
//!
//! No lock: the entries are atomics (a relaxed load is a plain load), and one
//! state word says whether the table is missing, being built or ready. A
//! thread that finds it being built goes on without it instead of waiting,
//! so nothing can block, and a child forked while its parent builds the
//! table simply never uses one. The results never depend on the table.
//!
//! The table is read at random, so it asks for huge pages (`memory.rs`):
//! 8 MiB is 2,048 pages of 4 KiB, and 4 of 2 MiB.

use super::small_table;
use super::tail::Tail;
use std::sync::atomic::{AtomicU16, AtomicU64, AtomicU8, Ordering};

/// The table holds the steps of every n below 2^BITS.
pub(crate) const BITS: u32 = 22;

const LEN: usize = 1 << BITS;

/// Numbers seen by `steps_many` after which the table is built.
const BUILD_AFTER: u64 = 1 << 23;

const MISSING: u8 = 0;
const BUILDING: u8 = 1;
const READY: u8 = 2;

/// Aligned to 2 MiB, so that its pages can be huge ones (`memory.rs`).
#[repr(C, align(2097152))]
struct Aligned([AtomicU16; LEN]);

// Zero-initialised: it costs no file size, and no memory until it is built.
static ALIGNED: Aligned = Aligned([const { AtomicU16::new(0) }; LEN]);
static ENTRIES: &[AtomicU16; LEN] = &ALIGNED.0;
static STATE: AtomicU8 = AtomicU8::new(MISSING);
static SEEN: AtomicU64 = AtomicU64::new(0);

/// The built table.
#[derive(Clone, Copy)]
pub(crate) struct Table(&'static [AtomicU16; LEN]);

impl Table {
    /// The steps of n, for 1 <= n < 2^BITS (0 for n = 0).
    #[inline(always)]
    pub(crate) fn steps(self, n: u64) -> u32 {
        u32::from(self.0[n as usize].load(Ordering::Relaxed))
    }
}

impl Tail for Table {
    const BELOW: u64 = 1 << BITS;
    #[inline(always)]
    fn steps(self, n: u64) -> u32 {
        Table::steps(self, n)
    }
}


/// The table, if it is ready.
#[inline]
pub(crate) fn get() -> Option<Table> {
    (STATE.load(Ordering::Acquire) == READY).then_some(Table(ENTRIES))
}

/// Counts `numbers` more numbers sent through the batch kernel, and builds
/// the table on this thread if they take the count past [`BUILD_AFTER`] and
/// no other thread has started it.
pub(crate) fn count(numbers: usize) {
    let before = SEEN.fetch_add(numbers as u64, Ordering::Relaxed);
    if before.saturating_add(numbers as u64) >= BUILD_AFTER && STATE.load(Ordering::Relaxed) == MISSING {
        build();
    }
}

/// Builds the table unless another thread has started; returns when it is
/// ready or being built elsewhere.
pub(crate) fn build() {
    if STATE.compare_exchange(MISSING, BUILDING, Ordering::Relaxed, Ordering::Relaxed).is_err() {
        return;
    }
    crate::memory::prefer_huge_pages(ENTRIES);
    fill(ENTRIES);
    STATE.store(READY, Ordering::Release);
}

/// entry[n] = the steps of n: the compiler's table below 2^16; past it, an
/// even n is one step from n / 2, and an odd n's trajectory is followed (odd
/// steps and runs of halvings) until it drops below n, whose entry is known.
/// (The lockstep kernel filling each entry from scratch took 1.4x as long.)
fn fill(entries: &[AtomicU16; LEN]) {
    let store = |n: u64, steps: u32| entries[n as usize].store(steps as u16, Ordering::Relaxed);
    let load = |n: u64| u32::from(entries[n as usize].load(Ordering::Relaxed));
    let below = small_table::Small::BELOW;
    for n in 1..below {
        store(n, small_table::small_steps(n));
    }
    for n in below..LEN as u64 {
        if n % 2 == 0 {
            store(n, load(n / 2) + 1);
            continue;
        }
        // No trajectory from below 2^22 passes 2^64 (the first is 12e9's),
        // and none takes more than 596 steps.
        let (mut value, mut steps) = (n, 0);
        while value >= n {
            value = 3 * value + 1;
            let halvings = value.trailing_zeros();
            value >>= halvings;
            steps += 1 + halvings;
        }
        store(n, steps + load(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_steps_of_every_number_below_2_22() {
        build();
        let table = get().expect("built on this thread");
        let stepper = crate::kernels::stepper::Stepper::new();
        // Every entry is one step from a smaller one or the definition's end:
        // checking each against its successor checks them all, and a sample
        // is checked against the definition itself.
        for n in 2..LEN as u64 {
            let next = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
            let expected = if next < LEN as u64 { table.steps(next) + 1 } else { stepper.steps(n).unwrap() };
            assert_eq!(table.steps(n), expected, "n = {n}");
        }
        for n in (1..LEN as u64).step_by(997).chain([1, 27, 837_799, 3_732_423, LEN as u64 - 1]) {
            assert_eq!(table.steps(n), crate::kernels::collatz::tests::reference_steps(n), "n = {n}");
        }
    }
}
