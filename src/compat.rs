//! The articles' own symbols, so that their Python scripts run unchanged
//! against libhotloop: `GSum`, `collatz` and `loopCollatz` with the Go
//! signatures (Go's `int` is 64-bit), and `gsum` as in the C DLL.
//!
//! They return what the articles' functions return wherever those do not
//! overflow, negative inputs included. Where Go or C would overflow, they
//! return a sentinel that no valid call returns and record
//! HOTLOOP_ERR_OVERFLOW, readable with hotloop_last_error().

use crate::failure::Failure;
use crate::kernels::{go_semantics, gsum};
use crate::panic::{export, GoCollatzValue};
use crate::status::HOTLOOP_ERR_OVERFLOW;

fn overflow(subject: String, reason: &str) -> Failure {
    Failure::new(HOTLOOP_ERR_OVERFLOW, subject, reason)
}

/// Compatibility (first article, Go): 0 + 1 + ... + n, 0 for n <= 0.
/// Returns -1 and records HOTLOOP_ERR_OVERFLOW when the sum does not fit in
/// int64. New code should call hotloop_gsum.
#[no_mangle]
#[allow(non_snake_case)]
pub extern "C" fn GSum(n: i64) -> i64 {
    export!({ gsum::gsum(n).ok_or_else(|| overflow(format!("n = {n}"), "the sum 0 + 1 + ... + n does not fit in int64")) })
}

/// Compatibility (first article, C DLL): 0 + 1 + ... + n for a C int, 0 for
/// n <= 0. Returns -1 and records HOTLOOP_ERR_OVERFLOW when the sum does not
/// fit in int (n > 65535).
#[no_mangle]
pub extern "C" fn gsum(n: i32) -> i32 {
    export!({ gsum::gsum_i32(n).ok_or_else(|| overflow(format!("n = {n}"), "the sum 0 + 1 + ... + n does not fit in int")) })
}

/// Compatibility (second article, Go): one Collatz step on int64 with Go's
/// semantics (n / 2 if n % 2 == 0, else 3n + 1, negative n included).
/// Returns INT64_MAX, which no step can produce (it is odd and above 2^62),
/// and records HOTLOOP_ERR_OVERFLOW when 3n + 1 does not fit in int64.
#[no_mangle]
pub extern "C" fn collatz(n: i64) -> i64 {
    export!({
        go_semantics::step(n).map(GoCollatzValue).map_err(|m| overflow(format!("n = {m}"), "3n + 1 does not fit in int64"))
    })
}

/// Compatibility (second article, Go): collatz applied k times (n itself for
/// k <= 0). Returns INT64_MAX and records HOTLOOP_ERR_OVERFLOW when a step
/// 3m + 1 does not fit in int64; for k >= 1 no valid result is INT64_MAX.
#[no_mangle]
#[allow(non_snake_case)]
pub extern "C" fn loopCollatz(n: i64, k: i64) -> i64 {
    export!({
        go_semantics::collatz_loop(n, k).map(GoCollatzValue).map_err(|m| {
            overflow(format!("n = {n}, k = {k}"), &format!("the step 3m + 1 does not fit in int64 for m = {m}"))
        })
    })
}
