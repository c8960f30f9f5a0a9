//! How a failure reaches C, two ways:
//! - the calling thread's last failure, as errno does it: recorded on failure
//!   only, read by `hotloop_last_error` and `hotloop_last_error_message`;
//! - a [`hotloop_error`] record, filled by the `_r` functions for their own
//!   call, success or failure, for callers whose runtime moves a call from
//!   one OS thread to another (goroutines, async worker pools), where "the
//!   thread's last error" is someone else's.

use crate::status::{hotloop_status, HOTLOOP_OK};
use std::cell::RefCell;
use std::ffi::{c_char, CString};

/// One call's outcome, as fields: what a caller reads without parsing a
/// message. Filled by the `_r` functions, whose last parameter points to it
/// (NULL: not wanted). Every string is NUL-terminated, cut to fit.
#[repr(C)]
#[allow(non_camel_case_types)]
pub struct hotloop_error {
    /// HOTLOOP_OK when the call succeeded; then the other fields are empty.
    pub status: hotloop_status,
    /// The index of the offending element of a batch
    /// (hotloop_collatz_steps_many_r), or -1.
    pub index: i64,
    /// That element's value (0 when index is -1).
    pub value: u64,
    /// The hotloop_* function that failed.
    pub function: [c_char; 48],
    /// The offending input, as the message names it ("ns[3] = 0").
    pub subject: [c_char; 112],
    /// What is wrong with it ("not a positive integer").
    pub reason: [c_char; 192],
}

/// Copies `text` into `field`, cut to fit and NUL-terminated.
fn copy_into(field: &mut [c_char], text: &str) {
    let bytes = &text.as_bytes()[..text.len().min(field.len() - 1)];
    for (slot, &byte) in field.iter_mut().zip(bytes) {
        *slot = byte as c_char;
    }
    field[bytes.len()] = 0;
}

impl hotloop_error {
    /// The record of a call that succeeded.
    pub fn clear(&mut self) {
        (self.status, self.index, self.value) = (HOTLOOP_OK, -1, 0);
        self.function[0] = 0;
        self.subject[0] = 0;
        self.reason[0] = 0;
    }

    /// The record of a failure.
    pub fn fill(&mut self, status: hotloop_status, function: &str, subject: &str, reason: &str,
                element: Option<(usize, u64)>) {
        self.status = status;
        (self.index, self.value) = element.map_or((-1, 0), |(index, value)| (index as i64, value));
        copy_into(&mut self.function, function);
        copy_into(&mut self.subject, subject);
        copy_into(&mut self.reason, reason);
    }
}

struct LastError {
    status: hotloop_status,
    message: CString,
}

thread_local! {
    static LAST: RefCell<LastError> = RefCell::new(LastError {
        status: HOTLOOP_OK,
        message: CString::from(c"no error"),
    });
}

/// Records a failure for the calling thread. Kept out of line: it is only on
/// the error path, and the scalar functions stay small without it.
#[cold]
#[inline(never)]
pub fn record(status: hotloop_status, message: String) {
    // A message with an interior NUL (from a panic payload) is cut there.
    let message = CString::new(message).unwrap_or_else(|e| {
        let end = e.nul_position();
        CString::new(&e.into_vec()[..end]).expect("no NUL before the first NUL")
    });
    // try_with: a call during thread teardown must not panic.
    let _ = LAST.try_with(|last| *last.borrow_mut() = LastError { status, message });
}

pub fn last_status() -> hotloop_status {
    LAST.try_with(|last| last.borrow().status).unwrap_or(HOTLOOP_OK)
}

/// Valid until the calling thread's next failing hotloop call (the CString is
/// only replaced by `record`) or the thread's exit.
pub fn last_message() -> *const c_char {
    LAST.try_with(|last| last.borrow().message.as_ptr()).unwrap_or(c"no error".as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::HOTLOOP_ERR_OVERFLOW;
    use std::ffi::CStr;

    fn message() -> String {
        unsafe { CStr::from_ptr(last_message()) }.to_str().unwrap().to_owned()
    }

    #[test]
    fn errors_are_per_thread() {
        std::thread::spawn(|| {
            assert_eq!(last_status(), HOTLOOP_OK);
            assert_eq!(message(), "no error");
            record(HOTLOOP_ERR_OVERFLOW, "f: too big".into());
            assert_eq!(last_status(), HOTLOOP_ERR_OVERFLOW);
            assert_eq!(message(), "f: too big");
            std::thread::spawn(|| assert_eq!(last_status(), HOTLOOP_OK)).join().unwrap();
        })
        .join()
        .unwrap();
    }

    #[test]
    fn interior_nul_is_cut() {
        std::thread::spawn(|| {
            record(HOTLOOP_ERR_OVERFLOW, "before\0after".into());
            assert_eq!(message(), "before");
        })
        .join()
        .unwrap();
    }
}
