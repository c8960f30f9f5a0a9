//! Status codes. They cross the C ABI as plain `uint32_t` values, never as a
//! Rust enum that C could fill with an invalid value. A retired code is never
//! reused.
//!
//! Unsigned, because the codes are `#define`s of small non-negative numbers,
//! which binding generators type as unsigned when told nothing (Rust's
//! bindgen makes them `u32`): with an unsigned `hotloop_status`, the status a
//! function returns and the constant it is compared with have one type in
//! every generated binding, with no options.

use std::ffi::CStr;

/// A status returned by the batch functions and by `hotloop_last_error`: one
/// of the HOTLOOP_ codes below.
#[allow(non_camel_case_types)]
pub type hotloop_status = u32;

/// Success.
pub const HOTLOOP_OK: hotloop_status = 0;
/// An input outside the function's domain: 0 for a Collatz function, an empty
/// range, input and output buffers that overlap.
pub const HOTLOOP_ERR_INVALID_ARGUMENT: hotloop_status = 1;
/// A result, or a value on the way to it, does not fit in 64 bits.
pub const HOTLOOP_ERR_OVERFLOW: hotloop_status = 2;
/// A NULL pointer where data was required (len > 0, or an out-pointer).
pub const HOTLOOP_ERR_NULL_POINTER: hotloop_status = 3;
/// A pointer not aligned for its type.
pub const HOTLOOP_ERR_MISALIGNED: hotloop_status = 4;
/// A bug inside libhotloop panicked; the panic was stopped at the boundary.
pub const HOTLOOP_ERR_PANIC: hotloop_status = 5;

/// A static, NUL-terminated name for any code.
pub fn name(status: hotloop_status) -> &'static CStr {
    match status {
        HOTLOOP_OK => c"HOTLOOP_OK",
        HOTLOOP_ERR_INVALID_ARGUMENT => c"HOTLOOP_ERR_INVALID_ARGUMENT",
        HOTLOOP_ERR_OVERFLOW => c"HOTLOOP_ERR_OVERFLOW",
        HOTLOOP_ERR_NULL_POINTER => c"HOTLOOP_ERR_NULL_POINTER",
        HOTLOOP_ERR_MISALIGNED => c"HOTLOOP_ERR_MISALIGNED",
        HOTLOOP_ERR_PANIC => c"HOTLOOP_ERR_PANIC",
        _ => c"unknown status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_name() {
        let names: Vec<_> = (0..=5).map(name).collect();
        for (code, n) in names.iter().enumerate() {
            assert!(n.to_str().unwrap().starts_with("HOTLOOP_"), "code {code}");
            assert_eq!(names.iter().filter(|m| *m == n).count(), 1);
        }
        assert_eq!(name(6), c"unknown status");
        assert_eq!(name(u32::MAX), c"unknown status");
    }
}
