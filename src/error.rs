//! The calling thread's last failure, as errno does it: recorded on failure
//! only, read by `hotloop_last_error` and `hotloop_last_error_message`.

use crate::status::{hotloop_status, HOTLOOP_OK};
use std::cell::RefCell;
use std::ffi::{c_char, CString};

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
