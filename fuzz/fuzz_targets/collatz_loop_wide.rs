//! hotloop_collatz_loop_wide(_r): a 128-bit start, k steps (below 2^20), a
//! 128-bit result; NULL and misaligned out-pointers; outputs written only on
//! success.
#![no_main]
use arbitrary::Arbitrary;
use hotloop::capi::{hotloop_collatz_loop_wide, hotloop_collatz_loop_wide_r};
use hotloop::status::*;
use libfuzzer_sys::fuzz_target;
use reference::{after, check_last_error, check_outcome, dirty_record};

#[derive(Arbitrary, Debug)]
struct Input {
    hi: u64,
    lo: u64,
    k: u32,
    /// 0: both outputs fine; 1, 2: one NULL; 3, 4: one misaligned.
    pointers: u8,
    use_r: bool,
}

fuzz_target!(|input: Input| {
    let k = u64::from(input.k % (1 << 20));
    let start = (u128::from(input.hi) << 64) | u128::from(input.lo);
    let mut words = [u64::MAX; 4];
    let base = words.as_mut_ptr() as *mut u8;
    // SAFETY: every pointer made here lies inside `words`.
    let (hi_out, lo_out): (*mut u64, *mut u64) = unsafe {
        match input.pointers % 5 {
            1 => (std::ptr::null_mut(), base.add(8) as *mut u64),
            2 => (base as *mut u64, std::ptr::null_mut()),
            3 => (base.add(1) as *mut u64, base.add(16) as *mut u64),
            4 => (base as *mut u64, base.add(19) as *mut u64),
            _ => (base as *mut u64, base.add(8) as *mut u64),
        }
    };
    let (expected, status) = match input.pointers % 5 {
        1 | 2 => (None, HOTLOOP_ERR_NULL_POINTER),
        3 | 4 => (None, HOTLOOP_ERR_MISALIGNED),
        _ if start == 0 => (None, HOTLOOP_ERR_INVALID_ARGUMENT),
        _ => match after(start, k) {
            Some(x) => (Some(x), HOTLOOP_OK),
            None => (None, HOTLOOP_ERR_OVERFLOW),
        },
    };
    let mut record = dirty_record();
    // SAFETY: the pointers are NULL, or point into `words` (misaligned ones
    // included, which the function refuses before writing).
    let got = unsafe {
        if input.use_r {
            hotloop_collatz_loop_wide_r(input.hi, input.lo, k, hi_out, lo_out, &mut record)
        } else {
            hotloop_collatz_loop_wide(input.hi, input.lo, k, hi_out, lo_out)
        }
    };
    assert_eq!(got, status, "collatz_loop_wide({start}, {k}), pointers {}", input.pointers % 5);
    match expected {
        Some(x) => assert_eq!((words[0], words[1]), ((x >> 64) as u64, x as u64)),
        None => assert_eq!(words, [u64::MAX; 4], "nothing is written on failure"),
    }
    if input.use_r {
        check_outcome("hotloop_collatz_loop_wide", status, &record, None);
    } else if status != HOTLOOP_OK {
        check_last_error("hotloop_collatz_loop_wide", status);
    }
});
