//! hotloop_collatz_loop and hotloop_collatz_loop_r against k steps in 128
//! bits. k is kept below 2^20 (the function runs every iteration, so a k of
//! 2^64 is an hour, not a bug); the start is any uint64.
#![no_main]
use arbitrary::Arbitrary;
use hotloop::capi::{hotloop_collatz_loop, hotloop_collatz_loop_r};
use hotloop::status::{HOTLOOP_ERR_INVALID_ARGUMENT, HOTLOOP_ERR_OVERFLOW, HOTLOOP_OK};
use libfuzzer_sys::fuzz_target;
use reference::{after, check_last_error, check_outcome, dirty_record};

#[derive(Arbitrary, Debug)]
struct Input {
    n: u64,
    k: u32,
}

fuzz_target!(|input: Input| {
    let (n, k) = (input.n, u64::from(input.k % (1 << 20)));
    let (expected, status) = if n == 0 {
        (0, HOTLOOP_ERR_INVALID_ARGUMENT)
    } else {
        match after(n as u128, k).filter(|&x| x <= u64::MAX as u128) {
            Some(x) => (x as u64, HOTLOOP_OK),
            None => (0, HOTLOOP_ERR_OVERFLOW),
        }
    };
    assert_eq!(hotloop_collatz_loop(n, k), expected, "collatz_loop({n}, {k})");
    if status != HOTLOOP_OK {
        check_last_error("hotloop_collatz_loop", status);
    }
    let mut record = dirty_record();
    // SAFETY: a valid, writable record.
    assert_eq!(unsafe { hotloop_collatz_loop_r(n, k, &mut record) }, expected);
    check_outcome("hotloop_collatz_loop", status, &record, None);
});
