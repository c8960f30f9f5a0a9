//! `collatz_steps` over a batch of numbers, shared among threads.

use super::{stepper, steps_table, threads, Error};
use std::sync::Mutex;

/// Below this many elements a call stays on the calling thread: starting a
/// thread costs more than the work.
const MIN_PER_THREAD: usize = 16 * 1024;

/// Elements per work item handed to a worker (threads.rs).
const ITEM: usize = 1 << 14;

/// The first element that could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadElement {
    pub index: usize,
    pub value: u64,
    pub error: Error,
}

/// `out[i]` = steps of `ns[i]`, or -1 where that element is 0;
/// every other element is still computed. Returns the first bad element.
/// The result does not depend on `threads` (0 = every core).
///
/// # Panics
/// If `ns` and `out` differ in length (the C layer checks this first).
pub fn steps_many(ns: &[u64], out: &mut [i32], threads: u32) -> Option<BadElement> {
    assert_eq!(ns.len(), out.len(), "input and output lengths differ");
    steps_table::count(ns.len());
    let workers = threads::resolve(threads, ns.len().div_ceil(MIN_PER_THREAD) as u64);
    if workers == 1 {
        return steps_slice(ns, out, 0);
    }
    // Each output item is taken by exactly one worker; its lock is never
    // contended, it only proves to the compiler that the items are disjoint.
    let outs: Vec<Mutex<&mut [i32]>> = out.chunks_mut(ITEM).map(Mutex::new).collect();
    let results = threads::share(workers, outs.len() as u64, |items| {
        // A worker's items come in increasing order: its first bad element
        // is its smallest.
        items.fold(None, |first: Option<BadElement>, item| {
            let lo = item as usize * ITEM;
            let mut out = outs[item as usize].lock().unwrap_or_else(|e| e.into_inner());
            let bad = steps_slice(&ns[lo..lo + out.len()], &mut out, lo);
            first.or(bad)
        })
    });
    results.into_iter().flatten().min_by_key(|bad| bad.index)
}

fn steps_slice(ns: &[u64], out: &mut [i32], offset: usize) -> Option<BadElement> {
    let stepper = stepper::Stepper::new();
    let mut first = None;
    let mut steps = [0u32; GROUP];
    for (j, (ns, out)) in ns.chunks(GROUP).zip(out.chunks_mut(GROUP)).enumerate() {
        let steps = &mut steps[..ns.len()];
        stepper.steps_into(ns, steps);
        for (i, (&s, slot)) in steps.iter().zip(out.iter_mut()).enumerate() {
            *slot = if s == stepper::FAILED { -1 } else { s as i32 };
            if s == stepper::FAILED && first.is_none() {
                let error = stepper.steps(ns[i]).expect_err("FAILED means an error");
                first = Some(BadElement { index: offset + j * GROUP + i, value: ns[i], error });
            }
        }
    }
    first
}

/// Elements converted at a time: the results stay in the L1 cache.
const GROUP: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_thread_count_gives_the_same_result() {
        let mut ns: Vec<u64> = (1..200_000).collect();
        ns[150_001] = 0;
        ns[170_000] = u64::MAX; // passes 2^64 on the way, and is answered
        ns[3] = 0;
        let mut expected = vec![0; ns.len()];
        let bad = steps_many(&ns, &mut expected, 1);
        assert_eq!(bad, Some(BadElement { index: 3, value: 0, error: Error::NotPositive }));
        assert_eq!(expected[3], -1);
        assert_eq!(expected[150_001], -1);
        assert_eq!(expected[170_000], 863);
        assert_eq!(expected[26], 111);
        for threads in [0, 2, 3, 7, 64] {
            let mut out = vec![0; ns.len()];
            assert_eq!(steps_many(&ns, &mut out, threads), bad, "threads = {threads}");
            assert_eq!(out, expected, "threads = {threads}");
        }
    }

    #[test]
    fn the_first_bad_element_is_reported_even_in_a_later_item() {
        let mut ns: Vec<u64> = (1..100_000).collect();
        ns[99_000] = 0;
        ns[99_001] = 0;
        let mut out = vec![0; ns.len()];
        let bad = steps_many(&ns, &mut out, 4).unwrap();
        assert_eq!((bad.index, bad.value, bad.error), (99_000, 0, Error::NotPositive));
    }

    #[test]
    fn empty_input_is_fine() {
        assert_eq!(steps_many(&[], &mut [], 0), None);
    }
}
