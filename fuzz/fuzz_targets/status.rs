//! hotloop_status_name for every code, hotloop_version, and the last error
//! after an arbitrary sequence of failing and succeeding calls: always the
//! last failure's, whatever succeeded after it.
#![no_main]
use hotloop::capi::*;
use hotloop::status::*;
use libfuzzer_sys::fuzz_target;
use std::ffi::CStr;

fuzz_target!(|input: (u32, Vec<(u8, u64)>)| {
    let (code, calls) = input;
    // SAFETY: documented static and never NULL.
    let name = unsafe { CStr::from_ptr(hotloop_status_name(code)) }.to_str().unwrap();
    let known = ["HOTLOOP_OK", "HOTLOOP_ERR_INVALID_ARGUMENT", "HOTLOOP_ERR_OVERFLOW", "HOTLOOP_ERR_NULL_POINTER",
                 "HOTLOOP_ERR_MISALIGNED", "HOTLOOP_ERR_PANIC"];
    match known.get(code as usize) {
        Some(&expected) => assert_eq!(name, expected),
        None => assert_eq!(name, "unknown status"),
    }
    // SAFETY: as above.
    let version = unsafe { CStr::from_ptr(hotloop_version()) }.to_str().unwrap();
    let parts: Vec<&str> = version.split('.').collect();
    assert!(parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())));

    let mut last: Option<(hotloop_status, String)> = None;
    for (which, value) in calls.into_iter().take(64) {
        let failed = match which % 4 {
            0 => (hotloop_gsum(value as i64) == -1).then(|| (HOTLOOP_ERR_OVERFLOW, "hotloop_gsum")),
            1 => (hotloop_collatz(value) == 0).then(|| {
                (if value == 0 { HOTLOOP_ERR_INVALID_ARGUMENT } else { HOTLOOP_ERR_OVERFLOW }, "hotloop_collatz")
            }),
            2 => (hotloop_collatz_steps(value % 3) == -1).then(|| (HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz_steps")),
            _ => (hotloop_collatz_loop(value % 5, value >> 60) == 0).then(|| {
                (HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz_loop")
            }),
        };
        if let Some((status, function)) = failed {
            // SAFETY: never NULL; copied at once.
            let message = unsafe { CStr::from_ptr(hotloop_last_error_message()) }.to_str().unwrap().to_owned();
            assert!(message.starts_with(&format!("{function}: ")), "{message}");
            last = Some((status, message));
        }
        if let Some((status, message)) = &last {
            assert_eq!(hotloop_last_error(), *status);
            // SAFETY: as above.
            assert_eq!(unsafe { CStr::from_ptr(hotloop_last_error_message()) }.to_str().unwrap(), message);
        }
    }
});
