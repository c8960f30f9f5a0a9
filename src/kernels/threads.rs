//! How many threads a call uses.

use std::num::NonZeroUsize;

/// `requested = 0` means every available core; anything else is taken as given
/// but never more than `work_items` (a thread with nothing to do is waste).
pub fn resolve(requested: u32, work_items: usize) -> usize {
    let wanted = match requested {
        0 => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n as usize,
    };
    wanted.min(work_items).max(1)
}

/// Runs `work` on `workers` threads, the calling thread being one of them,
/// and returns what each returned. A panic in a worker is resumed here.
pub fn run<T: Send>(workers: usize, work: impl Fn() -> T + Sync) -> Vec<T> {
    if workers <= 1 {
        return vec![work()];
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..workers).map(|_| scope.spawn(&work)).collect();
        let mut results = vec![work()];
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
    use super::{resolve, run};
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn run_uses_every_worker_once() {
        let calls = AtomicUsize::new(0);
        let results = run(3, || calls.fetch_add(1, Ordering::Relaxed));
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        let mut results = results;
        results.sort();
        assert_eq!(results, vec![0, 1, 2]);
        assert_eq!(run(1, || 7), vec![7]);
    }

    #[test]
    fn zero_means_all_cores_and_work_caps_threads() {
        assert!(resolve(0, 1_000_000) >= 1);
        assert_eq!(resolve(8, 3), 3);
        assert_eq!(resolve(8, 0), 1);
        assert_eq!(resolve(1, 100), 1);
    }
}
