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

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn zero_means_all_cores_and_work_caps_threads() {
        assert!(resolve(0, 1_000_000) >= 1);
        assert_eq!(resolve(8, 3), 3);
        assert_eq!(resolve(8, 0), 1);
        assert_eq!(resolve(1, 100), 1);
    }
}
