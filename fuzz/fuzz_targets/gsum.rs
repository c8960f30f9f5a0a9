//! hotloop_gsum and hotloop_gsum_r against 0 + 1 + ... + n in 128 bits.
#![no_main]
use hotloop::capi::{hotloop_gsum, hotloop_gsum_r};
use hotloop::status::{HOTLOOP_ERR_OVERFLOW, HOTLOOP_OK};
use libfuzzer_sys::fuzz_target;
use reference::{check_last_error, check_outcome, dirty_record, gsum};

fuzz_target!(|n: i64| {
    let expected = gsum(n);
    let fits = expected <= i64::MAX as i128;
    let got = hotloop_gsum(n);
    if fits {
        assert_eq!(got as i128, expected, "gsum({n})");
    } else {
        assert_eq!(got, -1, "gsum({n}) does not fit: the sentinel");
        check_last_error("hotloop_gsum", HOTLOOP_ERR_OVERFLOW);
    }
    let mut record = dirty_record();
    // SAFETY: a valid, writable record.
    let got_r = unsafe { hotloop_gsum_r(n, &mut record) };
    assert_eq!(got_r, got, "gsum_r({n}) answers as gsum");
    let status = if fits { HOTLOOP_OK } else { HOTLOOP_ERR_OVERFLOW };
    check_outcome("hotloop_gsum", status, &record, None);
    // SAFETY: NULL is "not wanted".
    assert_eq!(unsafe { hotloop_gsum_r(n, std::ptr::null_mut()) }, got);
});
