//! hotloop_collatz_steps and hotloop_collatz_steps_r against the 128-bit
//! trajectory, one step at a time.
#![no_main]
use hotloop::capi::{hotloop_collatz_steps, hotloop_collatz_steps_r};
use hotloop::status::{HOTLOOP_ERR_INVALID_ARGUMENT, HOTLOOP_OK};
use libfuzzer_sys::fuzz_target;
use reference::{check_last_error, check_outcome, dirty_record, steps};

fuzz_target!(|n: u64| {
    let (expected, status) = match n {
        0 => (-1, HOTLOOP_ERR_INVALID_ARGUMENT),
        _ => (steps(n).expect("no uint64 start passes 2^128"), HOTLOOP_OK),
    };
    assert_eq!(hotloop_collatz_steps(n), expected, "collatz_steps({n})");
    if status != HOTLOOP_OK {
        check_last_error("hotloop_collatz_steps", status);
    }
    let mut record = dirty_record();
    // SAFETY: a valid, writable record.
    assert_eq!(unsafe { hotloop_collatz_steps_r(n, &mut record) }, expected);
    check_outcome("hotloop_collatz_steps", status, &record, None);
});
