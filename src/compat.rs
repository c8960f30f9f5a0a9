//! The articles' own symbols, so that their Python scripts run unchanged
//! against libhotloop: `GSum`, `collatz` and `loopCollatz` with the Go
//! signatures (Go's `int` is 64-bit), and `gsum` as in the C DLL.
//!
//! They return what the articles' functions return wherever those do not
//! overflow, negative inputs included. Where Go or C would overflow, they
//! return a sentinel that no valid call returns and record
//! HOTLOOP_ERR_OVERFLOW, readable with hotloop_last_error().

use crate::error;
use crate::kernels::{go_semantics, gsum};
use crate::panic::ffi_boundary;
use crate::status::HOTLOOP_ERR_OVERFLOW;

#[cold]
fn overflow(message: String) {
    error::record(HOTLOOP_ERR_OVERFLOW, message);
}

/// Compatibility (first article, Go): 0 + 1 + ... + n, 0 for n <= 0.
/// Returns -1 and records HOTLOOP_ERR_OVERFLOW when the sum does not fit in
/// int64. New code should call hotloop_gsum.
#[no_mangle]
#[allow(non_snake_case)]
pub extern "C" fn GSum(n: i64) -> i64 {
    ffi_boundary!("GSum", -1, {
        gsum::gsum(n).unwrap_or_else(|| {
            overflow(format!("GSum: n = {n}: the sum 0 + 1 + ... + n does not fit in int64"));
            -1
        })
    })
}

/// Compatibility (first article, C DLL): 0 + 1 + ... + n for a C int, 0 for
/// n <= 0. Returns -1 and records HOTLOOP_ERR_OVERFLOW when the sum does not
/// fit in int (n > 65535).
#[no_mangle]
pub extern "C" fn gsum(n: i32) -> i32 {
    ffi_boundary!("gsum", -1, {
        gsum::gsum_i32(n).unwrap_or_else(|| {
            overflow(format!("gsum: n = {n}: the sum 0 + 1 + ... + n does not fit in int"));
            -1
        })
    })
}

/// Compatibility (second article, Go): one Collatz step on int64 with Go's
/// semantics (n / 2 if n % 2 == 0, else 3n + 1, negative n included).
/// Returns INT64_MAX, which no step can produce (it is odd and above 2^62),
/// and records HOTLOOP_ERR_OVERFLOW when 3n + 1 does not fit in int64.
#[no_mangle]
pub extern "C" fn collatz(n: i64) -> i64 {
    ffi_boundary!("collatz", i64::MAX, {
        go_semantics::step(n).unwrap_or_else(|m| {
            overflow(format!("collatz: n = {m}: 3n + 1 does not fit in int64"));
            i64::MAX
        })
    })
}

/// Compatibility (second article, Go): collatz applied k times (n itself for
/// k <= 0). Returns INT64_MAX and records HOTLOOP_ERR_OVERFLOW when a step
/// 3m + 1 does not fit in int64; for k >= 1 no valid result is INT64_MAX.
#[no_mangle]
#[allow(non_snake_case)]
pub extern "C" fn loopCollatz(n: i64, k: i64) -> i64 {
    ffi_boundary!("loopCollatz", i64::MAX, {
        go_semantics::collatz_loop(n, k).unwrap_or_else(|m| {
            overflow(format!(
                "loopCollatz: n = {n}, k = {k}: the step 3m + 1 does not fit in int64 for m = {m}"
            ));
            i64::MAX
        })
    })
}
