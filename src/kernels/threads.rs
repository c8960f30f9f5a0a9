//! How a call shares its work among threads: the one scheme every batch
//! kernel uses.
//!
//! The work is cut into `count` numbered items. Each worker, the calling
//! thread included, takes the next unclaimed number from one shared counter,
//! so a worker that finishes early takes more and uneven items leave no core
//! idle; each worker sees its numbers in increasing order.
//!
//! Thread counts are the caller's wish, not a command: a request above the
//! machine's available parallelism is capped there, and a thread that cannot
//! be spawned (a process limit, no memory for its stack) means the call goes
//! on with the threads it has, the calling thread at least. The answer never
//! depends on how many threads ran.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// A worker's stack. The kernels use a few hundred bytes of it; a small stack
/// keeps a spawn cheap under an address-space limit (`ulimit -v`).
const STACK_BYTES: usize = 256 * 1024;

/// The machine's available parallelism, read once per process: reading it
/// means reading cgroup files, which costs more than a small batch. A plain
/// atomic, not a lock: a fork while another thread reads it leaves nothing
/// locked in the child (two threads racing both store the same value).
fn available() -> usize {
    static AVAILABLE: AtomicUsize = AtomicUsize::new(0);
    match AVAILABLE.load(Ordering::Relaxed) {
        0 => {
            let n = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
            AVAILABLE.store(n, Ordering::Relaxed);
            n
        }
        n => n,
    }
}

/// How many workers a call uses: `requested = 0` means every available core;
/// any request is capped at the available parallelism and at `work_items`
/// (a thread with nothing to do is waste); at least one.
pub fn resolve(requested: u32, work_items: u64) -> usize {
    let cap = available();
    let wanted = match requested {
        0 => cap,
        n => (n as usize).min(cap),
    };
    wanted.min(usize::try_from(work_items).unwrap_or(usize::MAX)).max(1)
}

/// The item numbers one worker takes, in increasing order, from the counter
/// shared by every worker of a call.
pub struct Items<'a> {
    next: &'a AtomicU64,
    count: u64,
}

impl Iterator for Items<'_> {
    type Item = u64;

    fn next(&mut self) -> Option<u64> {
        // Each worker stops at its first None, so the counter passes `count`
        // by at most one per worker: it cannot wrap.
        let item = self.next.fetch_add(1, Ordering::Relaxed);
        (item < self.count).then_some(item)
    }
}

/// Runs `work` on up to `workers` threads, the calling thread being one of
/// them, every worker drawing item numbers in `0..count` from one counter.
/// Returns what each worker returned. A panic in a worker is resumed here.
pub fn share<T: Send>(workers: usize, count: u64, work: impl Fn(Items<'_>) -> T + Sync) -> Vec<T> {
    let next = AtomicU64::new(0);
    let items = || Items { next: &next, count };
    if workers <= 1 {
        return vec![work(items())];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..workers)
            .map_while(|_| {
                // A refused spawn ends the spawning, never the call.
                std::thread::Builder::new()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, || work(items()))
                    .ok()
            })
            .collect();
        let mut results = vec![work(items())];
        results.extend(
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))),
        );
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_is_taken_once() {
        for workers in [1, 2, 3, 8] {
            let taken: Vec<Vec<u64>> = share(workers, 1000, |items| items.collect());
            assert!(taken.len() <= workers.max(1));
            for mine in &taken {
                assert!(mine.windows(2).all(|w| w[0] < w[1]), "increasing within a worker");
            }
            let mut all: Vec<u64> = taken.into_iter().flatten().collect();
            all.sort();
            assert_eq!(all, (0..1000).collect::<Vec<_>>(), "workers = {workers}");
        }
        assert_eq!(share(4, 0, |items| items.count()).iter().sum::<usize>(), 0);
    }

    #[test]
    fn requests_are_capped() {
        let cap = available();
        assert!(cap >= 1);
        assert_eq!(resolve(0, u64::MAX), cap);
        assert_eq!(resolve(u32::MAX, u64::MAX), cap);
        assert_eq!(resolve(100_000, 3), 3.min(cap));
        assert_eq!(resolve(8, 0), 1);
        assert_eq!(resolve(1, 100), 1);
    }
}
