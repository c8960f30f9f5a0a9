//! The panic boundary. Since Rust 1.81 a panic that reaches an `extern "C"`
//! frame aborts the process, which for a Python user is a crash; every export
//! runs its body inside `ffi_boundary!`, which turns a panic into
//! `HOTLOOP_ERR_PANIC` and the function's sentinel.

use crate::error;
use crate::status::HOTLOOP_ERR_PANIC;
use std::any::Any;

/// Runs `$body` and returns its value, or records `HOTLOOP_ERR_PANIC` for the
/// function `$name` and returns `$sentinel` if it panics. The non-panicking
/// path costs nothing: `catch_unwind` only adds a landing pad.
macro_rules! ffi_boundary {
    ($name:expr, $sentinel:expr, $body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(payload) => {
                $crate::panic::record_panic($name, payload);
                $sentinel
            }
        }
    };
}
pub(crate) use ffi_boundary;

#[cold]
#[inline(never)]
pub fn record_panic(function: &str, payload: Box<dyn Any + Send>) {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_string());
    error::record(HOTLOOP_ERR_PANIC, format!("{function}: internal error: a bug in libhotloop: {what}"));
    // Dropping a payload can itself panic; forget it instead of risking that.
    std::mem::forget(payload);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::HOTLOOP_ERR_PANIC;
    use std::ffi::CStr;

    fn boundary(fail: bool) -> i64 {
        ffi_boundary!("hotloop_test", -1, {
            if fail {
                panic!("kernel bug {}", 42);
            }
            7
        })
    }

    #[test]
    fn a_panic_becomes_a_status_and_a_message() {
        std::thread::spawn(|| {
            assert_eq!(boundary(false), 7);
            assert_eq!(error::last_status(), crate::status::HOTLOOP_OK);
            assert_eq!(boundary(true), -1);
            assert_eq!(error::last_status(), HOTLOOP_ERR_PANIC);
            let message = unsafe { CStr::from_ptr(error::last_message()) }.to_str().unwrap();
            assert_eq!(message, "hotloop_test: internal error: a bug in libhotloop: kernel bug 42");
        })
        .join()
        .unwrap();
    }
}
