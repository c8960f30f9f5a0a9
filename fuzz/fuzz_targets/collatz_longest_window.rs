//! hotloop_collatz_longest_window(_r): a range cut into arbitrary windows,
//! each asked with an arbitrary at_least or, as a caller does, the best
//! found so far. Every window's answer keeps the header's contract (a
//! candidate of the window with its true steps and at least at_least, or
//! n = 0 and steps = -1), a window holding the range's answer gives it,
//! and the windows asked as a caller asks them combine into the answer.
#![no_main]
use arbitrary::Arbitrary;
use hotloop::capi::{hotloop_collatz_longest_window, hotloop_collatz_longest_window_r};
use hotloop::status::*;
use libfuzzer_sys::fuzz_target;
use reference::{check_outcome, dirty_record, longest, steps};

#[derive(Arbitrary, Debug)]
struct Input {
    start: u64,
    width: u16,
    /// Where the windows are cut, as offsets from start (any order, any
    /// value: some fall outside the range).
    cuts: Vec<u16>,
    /// Per window: Some(x), an arbitrary at_least; None, the best so far.
    at_least: Vec<Option<i32>>,
    threads: u32,
    use_r: bool,
}

fuzz_target!(|input: Input| {
    let width = u64::from(input.width % (1 << 12)) + 1;
    let start = input.start.clamp(1, u64::MAX - width);
    let end = start + width;
    let answer = longest(start, end);
    let mut edges: Vec<u64> = input.cuts.iter().map(|&c| start.saturating_add(u64::from(c) % (width + 64))).collect();
    edges.push(start.saturating_sub(7));
    edges.push(end);
    edges.sort_unstable();
    edges.dedup();
    let mut best: (u64, i32) = (0, -1);
    let mut honest = true; // every at_least so far was the best found so far
    for (i, pair) in edges.windows(2).enumerate() {
        let (lo, hi) = (pair[0], pair[1]);
        let chosen = input.at_least.get(i).copied().flatten();
        honest &= chosen.is_none();
        let at_least = chosen.unwrap_or(best.1);
        let (mut n, mut s) = (u64::MAX, i32::MIN);
        let mut record = dirty_record();
        // SAFETY: pointers to locals.
        let status = unsafe {
            if input.use_r {
                hotloop_collatz_longest_window_r(start, end, lo, hi, at_least, input.threads, &mut n, &mut s,
                                                 &mut record)
            } else {
                hotloop_collatz_longest_window(start, end, lo, hi, at_least, input.threads, &mut n, &mut s)
            }
        };
        assert_eq!(status, HOTLOOP_OK, "an empty or out-of-range window is not an error");
        if input.use_r {
            check_outcome("hotloop_collatz_longest_window", status, &record, None);
        }
        if n == 0 {
            assert_eq!(s, -1, "no candidate: steps = -1");
            let held = answer.0 >= lo && answer.0 < hi;
            assert!(!(held && answer.1 >= at_least), "[{lo}, {hi}) holds the answer {answer:?} (at_least {at_least})");
        } else {
            assert!(n >= lo && n < hi && n >= start && n < end, "{n} outside [{lo}, {hi}) or [{start}, {end})");
            assert_eq!(i64::from(s), steps(n).unwrap(), "the window's steps of {n}");
            assert!(s >= at_least, "{n} has {s} steps, below at_least {at_least}");
            if answer.0 >= lo && answer.0 < hi && answer.1 >= at_least {
                assert_eq!((n, s), answer, "the window [{lo}, {hi}) holds the answer");
            }
        }
        if s > best.1 || (s == best.1 && n != 0 && n < best.0) {
            best = (n, s);
        }
    }
    if honest {
        assert_eq!(best, answer, "windows [{start}, {end}) by {edges:?}");
    }
    // The header's failures: start = 0 or an empty range, NULL out-pointers.
    let (mut n, mut s) = (0u64, 0i32);
    // SAFETY: pointers to locals, or NULL, which the call refuses.
    unsafe {
        assert_eq!(hotloop_collatz_longest_window(0, end, 0, end, 0, 1, &mut n, &mut s), HOTLOOP_ERR_INVALID_ARGUMENT);
        assert_eq!(hotloop_collatz_longest_window(end, start, start, end, 0, 1, &mut n, &mut s),
                   HOTLOOP_ERR_INVALID_ARGUMENT);
        assert_eq!(hotloop_collatz_longest_window(start, end, start, end, 0, 1, std::ptr::null_mut(), &mut s),
                   HOTLOOP_ERR_NULL_POINTER);
    }
});
