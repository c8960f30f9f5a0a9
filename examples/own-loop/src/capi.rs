//! The C ABI: every export checks its pointers once, runs the kernel inside a
//! panic boundary, and turns a failure into a status plus a message recorded
//! for the calling thread. Nothing else happens here.

use std::cell::RefCell;
use std::ffi::{c_char, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::kernel;

/// A status, returned by every ownloop function that can fail.
#[allow(non_camel_case_types)]
pub type ownloop_status = i32;

/// Success.
pub const OWNLOOP_OK: ownloop_status = 0;
/// An element outside the kernel's domain (0 or 1).
pub const OWNLOOP_ERR_INVALID_ARGUMENT: ownloop_status = 1;
/// A NULL or misaligned pointer where data was required.
pub const OWNLOOP_ERR_BAD_POINTER: ownloop_status = 2;
/// A bug inside ownloop panicked; the panic was stopped at the boundary.
pub const OWNLOOP_ERR_PANIC: ownloop_status = 3;

thread_local! {
    static LAST_ERROR: RefCell<CString> = RefCell::new(CString::new("no error").unwrap());
}

/// Records `message` as the calling thread's last error and returns `status`.
fn fail(status: ownloop_status, message: String) -> ownloop_status {
    let message = CString::new(message.replace('\0', " ")).unwrap();
    LAST_ERROR.with(|last| *last.borrow_mut() = message);
    status
}

/// Whether a C pointer can back a slice of `len` elements: len = 0 always
/// can (an empty slice, whatever the pointer); otherwise it must be non-NULL
/// and aligned, or making the slice would be undefined behaviour.
fn usable<T>(pointer: *const T, len: usize) -> bool {
    len == 0 || (!pointer.is_null() && pointer.is_aligned())
}

/// out[i] = the smallest prime factor of ns[i], for i < len (ns[i] itself
/// when it is prime).
///
/// An element below 2 gets 0; the others are still computed, and the call
/// returns OWNLOOP_ERR_INVALID_ARGUMENT with the first such element's index
/// in *bad_index (when bad_index is not NULL) and a message for
/// ownloop_last_error_message. NULL or misaligned ns or out (with len > 0) is
/// OWNLOOP_ERR_BAD_POINTER, and nothing is written.
///
/// # Safety
/// ns must point to len readable uint64_t and out to len writable uint64_t,
/// not overlapping, for the duration of the call; bad_index is NULL or
/// points to a writable size_t.
/// Thread safety: safe to call from any number of threads at once.
#[no_mangle]
pub unsafe extern "C" fn ownloop_smallest_factors(
    ns: *const u64,
    len: usize,
    out: *mut u64,
    bad_index: *mut usize,
) -> ownloop_status {
    if !usable(ns, len) || !usable(out, len) {
        let message = format!("ownloop_smallest_factors: ns, out: NULL or misaligned with len = {len}");
        return fail(OWNLOOP_ERR_BAD_POINTER, message);
    }
    let (ns, out) = if len == 0 {
        (&[][..], &mut [][..])
    } else {
        // SAFETY: non-NULL and aligned (checked above), valid for len elements
        // and not overlapping (the caller's contract).
        unsafe { (std::slice::from_raw_parts(ns, len), std::slice::from_raw_parts_mut(out, len)) }
    };
    match catch_unwind(AssertUnwindSafe(|| kernel::smallest_factors(ns, out))) {
        Ok(Ok(())) => OWNLOOP_OK,
        Ok(Err((index, error))) => {
            if !bad_index.is_null() {
                // SAFETY: non-NULL, so writable by the caller's contract.
                unsafe { bad_index.write_unaligned(index) };
            }
            let message = format!("ownloop_smallest_factors: ns[{index}] = {}: {}", ns[index], error.reason());
            fail(OWNLOOP_ERR_INVALID_ARGUMENT, message)
        }
        Err(_) => fail(OWNLOOP_ERR_PANIC, "ownloop_smallest_factors: a bug in ownloop panicked".into()),
    }
}

/// The message of the calling thread's last failed call ("no error" if
/// none), "FUNCTION: SUBJECT: REASON". It belongs to ownloop and stays valid
/// until the thread's next failing call. Never NULL.
/// Thread safety: per thread.
#[no_mangle]
pub extern "C" fn ownloop_last_error_message() -> *const c_char {
    LAST_ERROR.with(|last| last.borrow().as_ptr())
}
