//! hotloop_collatz_longest_part(_r): the search's order for any range. The
//! parts cover the candidates once each, highest bound first and the lower
//! of two equal bounds first; every number of a part takes at most its
//! most_steps, and a part that says it holds its record holds a number that
//! takes exactly that many; past the last part, an empty window at end; and
//! the parts searched as the header says give the range's answer. Ranges up
//! to 2^12 wide (every number is counted), anywhere in uint64, often across
//! a power of two or 2^40, where the bound ends.
#![no_main]
use arbitrary::Arbitrary;
use hotloop::capi::{hotloop_collatz_longest_part, hotloop_collatz_longest_part_r, hotloop_collatz_longest_window};
use hotloop::status::*;
use libfuzzer_sys::fuzz_target;
use reference::{check_outcome, dirty_record, longest, steps};

#[derive(Arbitrary, Debug)]
struct Input {
    /// Where the range lies: near a power of two (its exponent and an
    /// offset), or anywhere.
    power: Option<(u8, i16)>,
    start: u64,
    width: u16,
    /// Indices past the last part, asked as well.
    beyond: u8,
    use_r: bool,
}

fn part(start: u64, end: u64, index: u64, use_r: bool) -> (hotloop_status, u64, u64, i32, i32) {
    let (mut lo, mut hi, mut most, mut record) = (u64::MAX, u64::MAX, i32::MIN, i32::MIN);
    let mut error = dirty_record();
    // SAFETY: pointers to locals.
    let status = unsafe {
        if use_r {
            hotloop_collatz_longest_part_r(start, end, index, &mut lo, &mut hi, &mut most, &mut record, &mut error)
        } else {
            hotloop_collatz_longest_part(start, end, index, &mut lo, &mut hi, &mut most, &mut record)
        }
    };
    if use_r {
        check_outcome("hotloop_collatz_longest_part", status, &error, None);
    }
    (status, lo, hi, most, record)
}

fuzz_target!(|input: Input| {
    let width = u64::from(input.width % (1 << 12)) + 1;
    let start = match input.power {
        Some((b, offset)) => (1u64 << (b % 64)).saturating_add_signed(i64::from(offset)),
        None => input.start,
    }
    .clamp(1, u64::MAX - width);
    let end = start + width;
    let first = start.max(end / 2 + end % 2);
    let mut parts = Vec::new();
    for index in 0.. {
        let (status, lo, hi, most, record) = part(start, end, index, input.use_r);
        assert_eq!(status, HOTLOOP_OK);
        if lo == hi {
            assert_eq!((lo, most, record), (end, -1, 0), "past the last part");
            for extra in 1..=u64::from(input.beyond % 4) {
                assert_eq!(part(start, end, index + extra * 1000, input.use_r), (HOTLOOP_OK, end, end, -1, 0));
            }
            break;
        }
        assert!(first <= lo && lo < hi && hi <= end, "[{lo}, {hi}) outside [{first}, {end})");
        let counts: Vec<i32> = (lo..hi).map(|n| steps(n).unwrap() as i32).collect();
        let best = *counts.iter().max().unwrap();
        assert!(most == -1 || best <= most, "[{lo}, {hi}): {best} steps past its bound {most}");
        assert!(record == 0 || (record == 1 && most == best), "[{lo}, {hi}) holds no number with {most} steps");
        parts.push((lo, hi, most, record));
    }
    // Highest bound first (-1: not known, highest of all), lower first on a tie.
    let key = |&(lo, _, most, _): &(u64, u64, i32, i32)| (if most < 0 { i64::MIN } else { -i64::from(most) }, lo);
    assert!(parts.windows(2).all(|w| key(&w[0]) < key(&w[1])), "{parts:?}");
    let mut spans: Vec<(u64, u64)> = parts.iter().map(|p| (p.0, p.1)).collect();
    spans.sort_unstable();
    assert_eq!(spans.first().map(|s| s.0), Some(first));
    assert!(spans.windows(2).all(|w| w[0].1 == w[1].0) && spans.last().map(|s| s.1) == Some(end), "{spans:?}");
    // Searched as the header says: the range's answer.
    let mut best: (u64, i32) = (0, -1);
    for &(lo, hi, most, record) in &parts {
        let at_least = if best.1 < 0 { 0 } else { best.1 + i32::from(lo > best.0) };
        if most >= 0 && most < at_least {
            continue;
        }
        let probe = if record == 1 && most > at_least { most } else { at_least };
        let (mut n, mut s) = (0u64, 0i32);
        for asked in [probe, at_least] {
            // SAFETY: pointers to locals.
            let status = unsafe { hotloop_collatz_longest_window(start, end, lo, hi, asked, 1, &mut n, &mut s) };
            assert_eq!(status, HOTLOOP_OK);
            if s >= probe {
                break;
            }
        }
        if s > best.1 || (s == best.1 && n < best.0) {
            best = (n, s);
        }
    }
    assert_eq!(best, longest(start, end), "[{start}, {end}) in parts {parts:?}");
    // The header's failures: start = 0 or an empty range, NULL out-pointers.
    let (mut lo, mut hi, mut most, mut record) = (0u64, 0u64, 0i32, 0i32);
    // SAFETY: pointers to locals, or NULL, which the call refuses.
    unsafe {
        assert_eq!(hotloop_collatz_longest_part(0, end, 0, &mut lo, &mut hi, &mut most, &mut record),
                   HOTLOOP_ERR_INVALID_ARGUMENT);
        assert_eq!(hotloop_collatz_longest_part(end, start, 0, &mut lo, &mut hi, &mut most, &mut record),
                   HOTLOOP_ERR_INVALID_ARGUMENT);
        assert_eq!(hotloop_collatz_longest_part(start, end, 0, &mut lo, std::ptr::null_mut(), &mut most, &mut record),
                   HOTLOOP_ERR_NULL_POINTER);
    }
});
