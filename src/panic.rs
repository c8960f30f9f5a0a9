//! The export boundary. Since Rust 1.81 a panic that reaches an `extern "C"`
//! frame aborts the process, which for a Python user is a crash; every export
//! runs its body inside `export!`, which turns a failure into its record and
//! the function's failure value, and a panic into `HOTLOOP_ERR_PANIC`.
//!
//! The failure value follows the function's return type, as rustls-ffi's
//! `ffi_panic_boundary!` picks it (its `PanicOrDefault`): a status for a
//! function that returns one, the documented sentinel for a function that
//! returns a value ([`Returned`]). The function's name, for the message, is
//! the name of the function the macro is written in: an export states it once.

use crate::error::{self, hotloop_error};
use crate::failure::Failure;
use crate::status::{hotloop_status, HOTLOOP_ERR_PANIC, HOTLOOP_OK};
use std::any::Any;
use std::ffi::c_char;

/// Runs an export's body, a block whose value is `Result<R, Failure>` with
/// `R: Returned`, and returns what C sees: `R`'s value on success, the
/// failure value of `R` after recording the failure (or the panic) otherwise.
/// The path that does not fail costs nothing more than the body: the failure
/// is recorded out of line, and `catch_unwind` only adds a landing pad.
/// `export!(record = error, { body })`, in a `_r` function: the same, and
/// the call's outcome written to `*error` (a `*mut hotloop_error`, which may
/// be NULL), success included.
macro_rules! export {
    ($body:block) => {
        $crate::panic::export!(record = ::core::ptr::null_mut(), $body)
    };
    (record = $record:expr, $body:block) => {{
        fn here() {}
        $crate::panic::boundary(here, $record, || -> ::core::result::Result<_, $crate::failure::Failure> { $body })
    }};
}
pub(crate) use export;

/// What an export's body returns on success, and what C sees for it and for
/// a failure.
pub(crate) trait Returned {
    type C;
    fn done(self) -> Self::C;
    fn failed(status: hotloop_status) -> Self::C;
}

/// A function that returns a status: `HOTLOOP_OK`, or the failure's status.
impl Returned for () {
    type C = hotloop_status;
    fn done(self) -> hotloop_status {
        HOTLOOP_OK
    }
    fn failed(status: hotloop_status) -> hotloop_status {
        status
    }
}

/// An int64_t result (a sum, a step count): -1, which no valid call returns.
impl Returned for i64 {
    type C = i64;
    fn done(self) -> i64 {
        self
    }
    fn failed(_: hotloop_status) -> i64 {
        -1
    }
}

/// A C int result (the first article's `gsum`): -1, as for int64_t.
impl Returned for i32 {
    type C = i32;
    fn done(self) -> i32 {
        self
    }
    fn failed(_: hotloop_status) -> i32 {
        -1
    }
}

/// A uint64_t Collatz value: 0, which no trajectory reaches.
impl Returned for u64 {
    type C = u64;
    fn done(self) -> u64 {
        self
    }
    fn failed(_: hotloop_status) -> u64 {
        0
    }
}

/// A Go `int` Collatz value (the second article's `collatz`, `loopCollatz`):
/// INT64_MAX, which no step produces (it is odd and above 2^62).
pub(crate) struct GoCollatzValue(pub i64);

impl Returned for GoCollatzValue {
    type C = i64;
    fn done(self) -> i64 {
        self.0
    }
    fn failed(_: hotloop_status) -> i64 {
        i64::MAX
    }
}

/// A status that is the function's value (`hotloop_last_error`): a failure
/// to read it is the failure's own status.
pub(crate) struct StatusValue(pub hotloop_status);

impl Returned for StatusValue {
    type C = hotloop_status;
    fn done(self) -> hotloop_status {
        self.0
    }
    fn failed(status: hotloop_status) -> hotloop_status {
        status
    }
}

/// A string owned by libhotloop: a static "internal error" on failure.
impl Returned for *const c_char {
    type C = *const c_char;
    fn done(self) -> *const c_char {
        self
    }
    fn failed(_: hotloop_status) -> *const c_char {
        c"internal error".as_ptr()
    }
}

/// The body of `export!`: `here` is a function item declared inside the
/// export, whose type's path ends with the export's name.
#[inline(always)]
pub(crate) fn boundary<H: Fn(), R: Returned>(
    here: H,
    record: *mut hotloop_error,
    body: impl FnOnce() -> Result<R, Failure>,
) -> R::C {
    let _ = here;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)) {
        Ok(Ok(value)) => {
            // SAFETY: NULL or a writable record, by the `_r` function's contract.
            if let Some(record) = unsafe { record_at(record) } {
                record.clear();
            }
            value.done()
        }
        Ok(Err(failure)) => R::failed(failed::<H>(failure, record)),
        Err(payload) => R::failed(panicked::<H>(payload, record)),
    }
}

/// The caller's record, if it gave one (an unaligned one is not written).
///
/// # Safety
/// `record` is NULL or points to a writable `hotloop_error`.
unsafe fn record_at<'a>(record: *mut hotloop_error) -> Option<&'a mut hotloop_error> {
    // SAFETY: the caller's contract; alignment is checked here.
    (record.is_aligned()).then(|| unsafe { record.as_mut() }).flatten()
}

/// Records `failure` as the export `H`'s. Out of line, with the name's
/// lookup: the export's own code is then only its fast path and two calls.
#[cold]
#[inline(never)]
fn failed<H>(failure: Failure, record: *mut hotloop_error) -> hotloop_status {
    // SAFETY: as in `boundary`.
    failure.record(name_of::<H>(), unsafe { record_at(record) })
}

#[cold]
#[inline(never)]
fn panicked<H>(payload: Box<dyn Any + Send>, record: *mut hotloop_error) -> hotloop_status {
    let function = name_of::<H>();
    let message = record_panic(function, payload);
    // SAFETY: as in `boundary`.
    if let Some(record) = unsafe { record_at(record) } {
        record.fill(HOTLOOP_ERR_PANIC, function, "internal error", &message, None);
    }
    HOTLOOP_ERR_PANIC
}

/// "hotloop::capi::hotloop_gsum::here" -> "hotloop_gsum".
fn name_of<H>() -> &'static str {
    let path = std::any::type_name::<H>();
    path.rsplit("::").nth(1).unwrap_or(path)
}

fn record_panic(function: &str, payload: Box<dyn Any + Send>) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with no message".to_string());
    error::record(HOTLOOP_ERR_PANIC, format!("{function}: internal error: a bug in libhotloop: {what}"));
    // Dropping a payload can itself panic (a payload type whose Drop panics):
    // drop it where that is caught, so that only such a second payload is
    // ever leaked (LeakSanitizer saw every panic's payload leak when it was
    // forgotten outright).
    if let Err(second) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(payload))) {
        std::mem::forget(second);
    }
    format!("a bug in libhotloop: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::{HOTLOOP_ERR_OVERFLOW, HOTLOOP_ERR_PANIC};
    use std::ffi::CStr;

    fn hotloop_test(what: u8) -> i64 {
        export!({
            match what {
                0 => Ok(7i64),
                1 => Err(Failure::new(HOTLOOP_ERR_OVERFLOW, "n = 5", "too big")),
                _ => panic!("kernel bug {}", 42),
            }
        })
    }

    fn hotloop_test_status(fail: bool) -> hotloop_status {
        export!({
            if fail {
                return Err(Failure::new(HOTLOOP_ERR_OVERFLOW, "x", "y"));
            }
            Ok(())
        })
    }

    fn message() -> String {
        unsafe { CStr::from_ptr(error::last_message()) }.to_str().unwrap().to_owned()
    }

    #[test]
    fn the_name_is_the_function_the_macro_is_in() {
        fn here() {}
        fn name<H: Fn()>(_: H) -> &'static str {
            name_of::<H>()
        }
        assert_eq!(name(here), "the_name_is_the_function_the_macro_is_in");
    }

    #[test]
    fn a_failure_and_a_panic_become_the_return_types_value_and_a_message() {
        std::thread::spawn(|| {
            assert_eq!(hotloop_test(0), 7);
            assert_eq!(error::last_status(), crate::status::HOTLOOP_OK);
            assert_eq!(hotloop_test(1), -1);
            assert_eq!(error::last_status(), HOTLOOP_ERR_OVERFLOW);
            assert_eq!(message(), "hotloop_test: n = 5: too big");
            assert_eq!(hotloop_test(2), -1);
            assert_eq!(error::last_status(), HOTLOOP_ERR_PANIC);
            assert_eq!(message(), "hotloop_test: internal error: a bug in libhotloop: kernel bug 42");
            assert_eq!(hotloop_test_status(false), HOTLOOP_OK);
            assert_eq!(hotloop_test_status(true), HOTLOOP_ERR_OVERFLOW);
            assert_eq!(message(), "hotloop_test_status: x: y");
        })
        .join()
        .unwrap();
    }
}
