//! hotloop_collatz and hotloop_collatz_r against one 128-bit step.
#![no_main]
use hotloop::capi::{hotloop_collatz, hotloop_collatz_r};
use hotloop::status::{HOTLOOP_ERR_INVALID_ARGUMENT, HOTLOOP_ERR_OVERFLOW, HOTLOOP_OK};
use libfuzzer_sys::fuzz_target;
use reference::{check_last_error, check_outcome, dirty_record, step};

fuzz_target!(|n: u64| {
    let (expected, status) = match n {
        0 => (0, HOTLOOP_ERR_INVALID_ARGUMENT),
        _ => match step(n as u128).filter(|&x| x <= u64::MAX as u128) {
            Some(x) => (x as u64, HOTLOOP_OK),
            None => (0, HOTLOOP_ERR_OVERFLOW),
        },
    };
    let got = hotloop_collatz(n);
    assert_eq!(got, expected, "collatz({n})");
    if status != HOTLOOP_OK {
        check_last_error("hotloop_collatz", status);
    }
    let mut record = dirty_record();
    // SAFETY: a valid, writable record.
    assert_eq!(unsafe { hotloop_collatz_r(n, &mut record) }, expected);
    check_outcome("hotloop_collatz", status, &record, None);
});
