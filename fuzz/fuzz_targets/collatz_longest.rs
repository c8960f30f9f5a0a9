//! hotloop_collatz_longest(_r) against trying every n of the range: ranges
//! anywhere in uint64 (up to 2^12 wide, so that the brute force stays
//! quick), any thread count, NULL and misaligned out-pointers.
#![no_main]
use arbitrary::Arbitrary;
use hotloop::capi::{hotloop_collatz_longest, hotloop_collatz_longest_r};
use hotloop::status::*;
use libfuzzer_sys::fuzz_target;
use reference::{check_last_error, check_outcome, dirty_record, longest};

#[derive(Arbitrary, Debug)]
struct Input {
    start: u64,
    width: u16,
    /// Sometimes an end below the start, or end = start.
    backwards: bool,
    threads: u32,
    /// 0-5: fine; 6: n_out NULL; 7: steps_out NULL; 8: n_out misaligned.
    pointers: u8,
    use_r: bool,
}

fuzz_target!(|input: Input| {
    let width = u64::from(input.width % (1 << 12));
    let (start, end) = if input.backwards {
        (input.start, input.start.saturating_sub(width))
    } else {
        (input.start, input.start.saturating_add(width))
    };
    let mut n_words = [u64::MAX; 2];
    let mut steps_out = i32::MIN;
    let n_base = n_words.as_mut_ptr() as *mut u8;
    let pointers = input.pointers % 9;
    // SAFETY: inside n_words.
    let n_ptr = match pointers {
        6 => std::ptr::null_mut(),
        8 => (unsafe { n_base.add(3) }) as *mut u64,
        _ => n_base as *mut u64,
    };
    let steps_ptr: *mut i32 = if pointers == 7 { std::ptr::null_mut() } else { &mut steps_out };
    let expected_status = match pointers {
        6 | 7 => HOTLOOP_ERR_NULL_POINTER,
        8 => HOTLOOP_ERR_MISALIGNED,
        _ if start == 0 || start >= end => HOTLOOP_ERR_INVALID_ARGUMENT,
        _ => HOTLOOP_OK,
    };
    let mut record = dirty_record();
    // SAFETY: NULL or pointers into the locals above.
    let status = unsafe {
        if input.use_r {
            hotloop_collatz_longest_r(start, end, input.threads, n_ptr, steps_ptr, &mut record)
        } else {
            hotloop_collatz_longest(start, end, input.threads, n_ptr, steps_ptr)
        }
    };
    assert_eq!(status, expected_status, "[{start}, {end}), pointers {pointers}");
    if status == HOTLOOP_OK {
        assert_eq!((n_words[0], steps_out), longest(start, end), "[{start}, {end}), threads {}", input.threads);
    } else {
        assert_eq!((n_words, steps_out), ([u64::MAX; 2], i32::MIN), "nothing is written on failure");
    }
    if input.use_r {
        check_outcome("hotloop_collatz_longest", status, &record, None);
    } else if status != HOTLOOP_OK {
        check_last_error("hotloop_collatz_longest", status);
    }
});
