//! What the fuzz targets compare libhotloop with: the definitions, written
//! as plainly as possible on purpose (128-bit arithmetic, one step at a
//! time, brute force), and the contract of include/hotloop.h that every
//! call's status, record and last error must keep.

use hotloop::hotloop_error;
use hotloop::status::{hotloop_status, HOTLOOP_OK};
use std::ffi::{c_char, CStr};

/// One Collatz step in 128 bits; None past 2^128.
pub fn step(n: u128) -> Option<u128> {
    if n % 2 == 0 {
        Some(n / 2)
    } else {
        n.checked_mul(3)?.checked_add(1)
    }
}

/// The steps of n to 1, following the trajectory in 128 bits.
pub fn steps(n: u64) -> Option<i64> {
    assert!(n > 0);
    let mut x = n as u128;
    let mut count = 0;
    while x != 1 {
        x = step(x)?;
        count += 1;
    }
    Some(count)
}

/// n after k steps, or None past 2^128. At 1 the trajectory cycles through
/// 1, 4, 2: the rest of k is taken modulo 3, so any k is answered.
pub fn after(n: u128, k: u64) -> Option<u128> {
    assert!(n > 0);
    let mut x = n;
    for done in 0..k {
        if x == 1 {
            return Some([1, 4, 2][((k - done) % 3) as usize]);
        }
        x = step(x)?;
    }
    Some(x)
}

/// 0 + 1 + ... + n in 128 bits (0 for n <= 0).
pub fn gsum(n: i64) -> i128 {
    if n <= 0 {
        0
    } else {
        n as i128 * (n as i128 + 1) / 2
    }
}

/// The n in [start, end) with the most steps, the smallest on a tie, by
/// trying every n.
pub fn longest(start: u64, end: u64) -> (u64, i32) {
    let mut best = (0, -1);
    for n in start..end {
        let s = steps(n).expect("no uint64 start passes 2^128") as i32;
        if s > best.1 {
            best = (n, s);
        }
    }
    best
}

/// A record as a careless caller hands it over: every byte set, so that a
/// field the call forgets to write is seen.
pub fn dirty_record() -> hotloop_error {
    // SAFETY: hotloop_error is plain old data; any byte pattern is a value.
    unsafe { std::mem::transmute([0xA5u8; std::mem::size_of::<hotloop_error>()]) }
}

fn text(field: &[c_char]) -> String {
    let bytes: Vec<u8> = field.iter().map(|&c| c as u8).collect();
    let end = bytes.iter().position(|&b| b == 0).expect("every record string is NUL-terminated");
    String::from_utf8(bytes[..end].to_vec()).expect("record strings are UTF-8")
}

/// The contract of a call's outcome: the status `status` returned (or
/// implied by the sentinel), the calling thread's last error when it failed,
/// and the `_r` twin's record, written for success and failure alike.
pub fn check_outcome(
    function: &str,
    status: hotloop_status,
    record: &hotloop_error,
    element: Option<(i64, u64)>,
) {
    assert_eq!(record.status, status, "{function}: the record's status");
    let r_name = format!("{function}_r");
    if status == HOTLOOP_OK {
        assert_eq!((record.index, record.value), (-1, 0), "{function}: a success's record");
        assert_eq!(text(&record.function), "", "{function}: a success's record names no function");
        assert_eq!(text(&record.subject), "");
        assert_eq!(text(&record.reason), "");
        return;
    }
    assert_eq!(text(&record.function), r_name);
    let subject = text(&record.subject);
    let reason = text(&record.reason);
    assert!(!subject.is_empty() && !reason.is_empty(), "{function}: a failure says what and why");
    assert!(!subject.contains(": "), "{function}: the subject holds no ': ' ({subject})");
    assert_eq!((record.index, record.value), element.unwrap_or((-1, 0)), "{function}: the element");
    // The thread's last error is the _r call's own.
    assert_eq!(hotloop::capi::hotloop_last_error(), status, "{function}: the last error");
    // SAFETY: documented never NULL and NUL-terminated.
    let message = unsafe { CStr::from_ptr(hotloop::capi::hotloop_last_error_message()) };
    let message = message.to_str().expect("UTF-8");
    assert!(message.starts_with(&format!("{r_name}: ")), "{function}: the message names it ({message})");
    assert!(message.ends_with(&reason) || reason.len() == 191, "{function}: the message ends with the reason");
}

/// The contract of a failing plain (not `_r`) call: its last error and the
/// message's first part.
pub fn check_last_error(function: &str, status: hotloop_status) {
    assert_eq!(hotloop::capi::hotloop_last_error(), status, "{function}: the last error");
    // SAFETY: documented never NULL and NUL-terminated.
    let message = unsafe { CStr::from_ptr(hotloop::capi::hotloop_last_error_message()) };
    let message = message.to_str().expect("UTF-8");
    assert!(message.starts_with(&format!("{function}: ")), "{function}: the message names it ({message})");
    assert_eq!(message.split(": ").count() >= 3, true, "FUNCTION: SUBJECT: REASON ({message})");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_knows_the_classics() {
        assert_eq!(steps(27), Some(111));
        assert_eq!(steps(1), Some(0));
        assert_eq!(after(27, 111), Some(1));
        assert_eq!(after(27, 112), Some(4));
        assert_eq!(after(1, u64::MAX), Some([1, 4, 2][(u64::MAX % 3) as usize]));
        assert_eq!(gsum(100), 5050);
        assert_eq!(longest(1, 10), (9, 19));
        assert_eq!(step(u128::MAX), None);
    }
}
