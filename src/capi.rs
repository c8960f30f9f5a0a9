//! The C API: thin `extern "C"` wrappers that check pointers and call the
//! kernels, each inside `export!` (panic.rs), which records a failure and
//! returns the value C expects for it. Every failure is a
//! [`Failure`](crate::failure::Failure) (failure.rs). Each function has an
//! `_r` twin that also writes its call's outcome to a caller's
//! [`hotloop_error`] (error.rs); both run the same body, written once below
//! it. Nothing else lives here.

use crate::error::{self, hotloop_error};
use crate::failure::{cold, Failure};
use crate::ffi;
use crate::kernels::batch::{self, BadElement};
use crate::kernels::longest::{Longest, Search};
use crate::kernels::{collatz, gsum};
use crate::panic::{export, StatusValue};
use crate::status::*;
use std::ffi::c_char;

/// The sum 0 + 1 + ... + n, computed in O(1) (the first article's `GSum`).
///
/// Returns 0 for n <= 0. If the sum does not fit in int64 (n > 4294967295),
/// returns -1 and records HOTLOOP_ERR_OVERFLOW for the calling thread.
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork().
#[no_mangle]
pub extern "C" fn hotloop_gsum(n: i64) -> i64 {
    export!({ gsum_body(n) })
}

/// hotloop_gsum, with the call's outcome also written to *error (NULL: not
/// wanted), success included; see hotloop_error.
///
/// # Safety
/// error is NULL or points to a writable hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_gsum_r(n: i64, error: *mut hotloop_error) -> i64 {
    export!(record = error, { gsum_body(n) })
}

fn gsum_body(n: i64) -> Result<i64, Failure> {
    gsum::gsum(n).ok_or_else(|| {
        cold(|| {
            let reason = format!(
                "the sum 0 + 1 + ... + n does not fit in int64 (the largest n is {})",
                gsum::GSUM_MAX_N
            );
            Failure::new(HOTLOOP_ERR_OVERFLOW, format!("n = {n}"), reason)
        })
    })
}

/// One Collatz step: n / 2 if n is even, 3n + 1 if n is odd.
///
/// Returns 0 on failure (never a valid result) and records the error:
/// HOTLOOP_ERR_INVALID_ARGUMENT for n = 0, HOTLOOP_ERR_OVERFLOW when 3n + 1
/// exceeds UINT64_MAX (odd n > 6148914691236517204).
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork().
#[no_mangle]
pub extern "C" fn hotloop_collatz(n: u64) -> u64 {
    export!({ collatz_body(n) })
}

/// hotloop_collatz, with the call's outcome also written to *error (NULL:
/// not wanted); see hotloop_error.
///
/// # Safety
/// error is NULL or points to a writable hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_r(n: u64, error: *mut hotloop_error) -> u64 {
    export!(record = error, { collatz_body(n) })
}

fn collatz_body(n: u64) -> Result<u64, Failure> {
    collatz::step(n).map_err(|e| cold(|| Failure::kernel(format!("n = {n}"), e)))
}

/// The Collatz step applied k times to n; k = 0 returns n.
///
/// Every iteration is executed, so the time grows in proportion to k. A
/// value on the way may pass UINT64_MAX: the loop goes on in 128-bit
/// arithmetic (no trajectory from a uint64 start passes 2^128). Returns 0 on
/// failure (never a valid result) and records the error:
/// HOTLOOP_ERR_INVALID_ARGUMENT for n = 0 (whatever k), HOTLOOP_ERR_OVERFLOW
/// when the result itself exceeds UINT64_MAX (the message gives it).
/// hotloop_collatz_loop_wide continues a loop whose value passed UINT64_MAX.
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork(). Runs on the calling thread only.
#[no_mangle]
pub extern "C" fn hotloop_collatz_loop(n: u64, k: u64) -> u64 {
    export!({ collatz_loop_body(n, k) })
}

/// hotloop_collatz_loop, with the call's outcome also written to *error
/// (NULL: not wanted); see hotloop_error.
///
/// # Safety
/// error is NULL or points to a writable hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_loop_r(n: u64, k: u64, error: *mut hotloop_error) -> u64 {
    export!(record = error, { collatz_loop_body(n, k) })
}

fn collatz_loop_body(n: u64, k: u64) -> Result<u64, Failure> {
    collatz::collatz_loop(n, k).map_err(|e| cold(|| Failure::kernel(format!("n = {n}, k = {k}"), e)))
}

/// The number of Collatz steps for n to reach 1 (0 for n = 1).
///
/// Defined for every n >= 1: where the trajectory passes UINT64_MAX (first
/// from n = 12327829503) it goes on in 128-bit arithmetic, and no
/// trajectory from a uint64 start passes 2^128 or takes more than 2442
/// steps. Returns -1 and records HOTLOOP_ERR_INVALID_ARGUMENT for n = 0.
/// (HOTLOOP_ERR_OVERFLOW would mean a trajectory past 2^128, which no uint64
/// start has; the 128-bit arithmetic is checked all the same.)
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork().
#[no_mangle]
pub extern "C" fn hotloop_collatz_steps(n: u64) -> i64 {
    export!({ collatz_steps_body(n) })
}

/// hotloop_collatz_steps, with the call's outcome also written to *error
/// (NULL: not wanted); see hotloop_error.
///
/// # Safety
/// error is NULL or points to a writable hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_steps_r(n: u64, error: *mut hotloop_error) -> i64 {
    export!(record = error, { collatz_steps_body(n) })
}

fn collatz_steps_body(n: u64) -> Result<i64, Failure> {
    collatz::steps(n).map(i64::from).map_err(|e| cold(|| Failure::kernel(format!("n = {n}"), e)))
}

/// steps_out[i] = the number of Collatz steps of ns[i], for i < len.
///
/// Every element is answered as by hotloop_collatz_steps, trajectories past
/// UINT64_MAX included. An element that is 0 gets -1; the other elements
/// are still computed, and the call returns the status of the first bad
/// element (the lowest index), with a message naming its index and value
/// (hotloop_collatz_steps_many_r gives both as fields). len = 0 is fine with
/// NULL pointers. Otherwise NULL is HOTLOOP_ERR_NULL_POINTER, a pointer not
/// aligned for its type is HOTLOOP_ERR_MISALIGNED, and buffers that overlap
/// are HOTLOOP_ERR_INVALID_ARGUMENT; nothing is written in those cases.
///
/// Threads: up to `threads` worker threads are started for the call and
/// joined before it returns; nothing runs between calls. threads = 0 uses
/// every available core. Any other count is an upper bound: it is capped at
/// the machine's available parallelism, and a thread that cannot be spawned
/// (a process or memory limit) leaves the work to the others, the calling
/// thread at least. The result is the same for every thread count.
///
/// Memory: the call that takes the process past 2^23 elements in all builds
/// a table of the steps of every n below 2^22 (8 MiB, once per process,
/// without a lock); later calls end each trajectory there.
///
/// # Safety
/// ns must point to len readable uint64_t and steps_out to len writable
/// int32_t, for the duration of the call.
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork(), even one forked while another thread was inside a
/// call (a table being built then is never waited for).
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_steps_many(
    ns: *const u64,
    len: usize,
    steps_out: *mut i32,
    threads: u32,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!({ unsafe { steps_many_body(ns, len, steps_out, threads) } })
}

/// hotloop_collatz_steps_many, with the call's outcome also written to
/// *error (NULL: not wanted): for a bad element, error->index and
/// error->value are its index and value; see hotloop_error.
///
/// # Safety
/// As for hotloop_collatz_steps_many; error is NULL or points to a writable
/// hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_steps_many_r(
    ns: *const u64,
    len: usize,
    steps_out: *mut i32,
    threads: u32,
    error: *mut hotloop_error,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!(record = error, { unsafe { steps_many_body(ns, len, steps_out, threads) } })
}

/// # Safety
/// As for hotloop_collatz_steps_many.
unsafe fn steps_many_body(ns: *const u64, len: usize, steps_out: *mut i32, threads: u32) -> Result<(), Failure> {
    // SAFETY: the caller's contract; the helpers check NULL, alignment and
    // size before building the slices.
    let ns = unsafe { ffi::slice(ns, len, "ns") }?;
    let out = unsafe { ffi::slice_mut(steps_out, len, "steps_out") }?;
    if ffi::overlap(ns, out) {
        return Err(Failure::new(HOTLOOP_ERR_INVALID_ARGUMENT, "ns, steps_out", "the buffers overlap"));
    }
    match batch::steps_many(ns, out, threads) {
        None => Ok(()),
        Some(BadElement { index, value, error }) => Err(Failure::element(index, value, error)),
    }
}

/// hotloop_collatz_loop for a start of up to 128 bits, hi * 2^64 + lo, and a
/// result of up to 128 bits, written to *hi_out and *lo_out: for a caller
/// that runs a long loop in pieces and must carry a value past UINT64_MAX
/// from one piece to the next.
///
/// A start of 0 is HOTLOOP_ERR_INVALID_ARGUMENT; a value past 2^128 on the
/// way is HOTLOOP_ERR_OVERFLOW (a start below 2^64 never has one). NULL
/// out-pointers are HOTLOOP_ERR_NULL_POINTER, misaligned ones
/// HOTLOOP_ERR_MISALIGNED. The out-pointers are written only on success.
///
/// # Safety
/// hi_out and lo_out must point to writable uint64_t.
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork(). Runs on the calling thread only.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_loop_wide(
    hi: u64,
    lo: u64,
    k: u64,
    hi_out: *mut u64,
    lo_out: *mut u64,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!({ unsafe { loop_wide_body(hi, lo, k, hi_out, lo_out) } })
}

/// hotloop_collatz_loop_wide, with the call's outcome also written to
/// *error (NULL: not wanted); see hotloop_error.
///
/// # Safety
/// As for hotloop_collatz_loop_wide; error is NULL or points to a writable
/// hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_loop_wide_r(
    hi: u64,
    lo: u64,
    k: u64,
    hi_out: *mut u64,
    lo_out: *mut u64,
    error: *mut hotloop_error,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!(record = error, { unsafe { loop_wide_body(hi, lo, k, hi_out, lo_out) } })
}

/// # Safety
/// As for hotloop_collatz_loop_wide.
unsafe fn loop_wide_body(hi: u64, lo: u64, k: u64, hi_out: *mut u64, lo_out: *mut u64) -> Result<(), Failure> {
    // SAFETY: the caller's contract; NULL and alignment are checked.
    let hi_out = unsafe { ffi::out(hi_out, "hi_out") }?;
    let lo_out = unsafe { ffi::out(lo_out, "lo_out") }?;
    let n = u128::from(hi) << 64 | u128::from(lo);
    let result = collatz::collatz_loop_wide(n, k).map_err(|e| Failure::kernel(format!("n = {n}, k = {k}"), e))?;
    (*hi_out, *lo_out) = ((result >> 64) as u64, result as u64);
    Ok(())
}

/// Finds the n in [start, end) with the most Collatz steps; on a tie, the
/// smallest such n. Writes it to *n_out and its steps to *steps_out.
///
/// start = 0 or start >= end is HOTLOOP_ERR_INVALID_ARGUMENT. Steps are
/// counted as by hotloop_collatz_steps, so every range of uint64 is answered
/// (HOTLOOP_ERR_OVERFLOW, naming the n, would mean a trajectory past 2^128,
/// which no uint64 start has). Threads are as for
/// hotloop_collatz_steps_many: started for the call and joined before it
/// returns, 0 = every core, any count capped at the available parallelism,
/// never an error. Memory use is bounded, whatever the range. NULL
/// out-pointers are HOTLOOP_ERR_NULL_POINTER, misaligned ones
/// HOTLOOP_ERR_MISALIGNED. The out-pointers are written only on success.
///
/// # Safety
/// n_out and steps_out must point to writable objects of their types.
/// Thread safety: safe to call from any number of threads at once, and from
/// a child after fork(), even one forked during a call (the sieve shared by
/// searches is built without ever being waited for).
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_longest(
    start: u64,
    end: u64,
    threads: u32,
    n_out: *mut u64,
    steps_out: *mut i32,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!({ unsafe { longest_body(start, end, None, threads, n_out, steps_out) } })
}

/// hotloop_collatz_longest, with the call's outcome also written to *error
/// (NULL: not wanted); see hotloop_error.
///
/// # Safety
/// As for hotloop_collatz_longest; error is NULL or points to a writable
/// hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_longest_r(
    start: u64,
    end: u64,
    threads: u32,
    n_out: *mut u64,
    steps_out: *mut i32,
    error: *mut hotloop_error,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!(record = error, { unsafe { longest_body(start, end, None, threads, n_out, steps_out) } })
}

/// The part of hotloop_collatz_longest's search that lies in [lo, hi): the
/// best candidate n there, with its steps.
///
/// The results for windows that cover [start, end) combine (most steps, then
/// the smallest n) into hotloop_collatz_longest's answer; a caller uses
/// windows to show progress and to stay interruptible. at_least is the most
/// steps the caller has found in other windows (0 or less if none): a
/// candidate that provably has fewer may be skipped, which makes a later
/// window as fast as the same part of one whole search. When the window
/// holds no candidate that reaches at_least (or none at all: below
/// (end + 1) / 2 no n can be the answer), *n_out = 0 and *steps_out = -1,
/// which loses to every answer; otherwise the window's best n, which has at
/// least at_least steps. Errors, threads and safety are as for
/// hotloop_collatz_longest; an empty or out-of-range window is not an error.
///
/// # Safety
/// n_out and steps_out must point to writable objects of their types.
/// Thread safety: as for hotloop_collatz_longest.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_longest_window(
    start: u64,
    end: u64,
    lo: u64,
    hi: u64,
    at_least: i32,
    threads: u32,
    n_out: *mut u64,
    steps_out: *mut i32,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!({ unsafe { longest_body(start, end, Some((lo, hi, at_least)), threads, n_out, steps_out) } })
}

/// hotloop_collatz_longest_window, with the call's outcome also written to
/// *error (NULL: not wanted); see hotloop_error.
///
/// # Safety
/// As for hotloop_collatz_longest_window; error is NULL or points to a
/// writable hotloop_error.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn hotloop_collatz_longest_window_r(
    start: u64,
    end: u64,
    lo: u64,
    hi: u64,
    at_least: i32,
    threads: u32,
    n_out: *mut u64,
    steps_out: *mut i32,
    error: *mut hotloop_error,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!(record = error, {
        unsafe { longest_body(start, end, Some((lo, hi, at_least)), threads, n_out, steps_out) }
    })
}

/// The index-th part of hotloop_collatz_longest's search, in the order the
/// search takes them: the window [*lo_out, *hi_out); *most_steps_out, the
/// most steps any of its numbers can take (-1: not known); and
/// *holds_record_out, 1 when one of its numbers takes exactly that many (the
/// part holds the delay record that set its bound), else 0. For a caller
/// that runs the search in windows (hotloop_collatz_longest_window), to show
/// progress or to stay interruptible, and wants it as fast as one call.
///
/// The parts cover the candidates, [max(start, (end + 1) / 2), end), once
/// each, cut where the most steps any number up to a value takes changes
/// (the delay records, OEIS A006877, kept for each 64th of a power of two
/// below 2^40; past 2^40 it is not known, and those numbers are one part).
/// The part with the highest bound comes first, and of parts with the same
/// bound the lowest: that one holds the record that set the bound, so the
/// answer is found early. Search each part from the top down, passing
/// at_least = the best's steps so far, plus one when the window lies above
/// the best's n (a tie goes to the smaller n). A part that holds its record
/// is the exception: only the numbers that reach most_steps can be its
/// best, so pass at_least = most_steps (when that is more) and search it
/// from the bottom up: the first number found with that many steps is the
/// part's answer, and the rest of the part cannot beat it (were none found,
/// search the part again with the lower at_least). A part whose most_steps
/// is below at_least cannot hold the answer, and every part after one whose
/// most_steps is below the best's steps can be left out.
///
/// For index past the last part, *lo_out = *hi_out = end, *most_steps_out =
/// -1 and *holds_record_out = 0. Errors are as for hotloop_collatz_longest.
///
/// # Safety
/// lo_out, hi_out, most_steps_out and holds_record_out must point to
/// writable objects of their types.
/// Thread safety: safe to call from any number of threads at once.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_longest_part(
    start: u64,
    end: u64,
    index: u64,
    lo_out: *mut u64,
    hi_out: *mut u64,
    most_steps_out: *mut i32,
    holds_record_out: *mut i32,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!({ unsafe { part_body(start, end, index, [lo_out, hi_out], [most_steps_out, holds_record_out]) } })
}

/// hotloop_collatz_longest_part, with the call's outcome also written to
/// *error (NULL: not wanted); see hotloop_error.
///
/// # Safety
/// As for hotloop_collatz_longest_part; error is NULL or points to a
/// writable hotloop_error.
#[no_mangle]
pub unsafe extern "C" fn hotloop_collatz_longest_part_r(
    start: u64,
    end: u64,
    index: u64,
    lo_out: *mut u64,
    hi_out: *mut u64,
    most_steps_out: *mut i32,
    holds_record_out: *mut i32,
    error: *mut hotloop_error,
) -> hotloop_status {
    // SAFETY: forwarded under the same contract.
    export!(record = error, {
        unsafe { part_body(start, end, index, [lo_out, hi_out], [most_steps_out, holds_record_out]) }
    })
}

/// The index-th part of the search's order.
///
/// # Safety
/// As for hotloop_collatz_longest_part.
unsafe fn part_body(
    start: u64,
    end: u64,
    index: u64,
    [lo_out, hi_out]: [*mut u64; 2],
    [most_steps_out, holds_record_out]: [*mut i32; 2],
) -> Result<(), Failure> {
    // SAFETY: the caller's contract; NULL and alignment are checked.
    let lo_out = unsafe { ffi::out(lo_out, "lo_out") }?;
    let hi_out = unsafe { ffi::out(hi_out, "hi_out") }?;
    let most_steps_out = unsafe { ffi::out(most_steps_out, "most_steps_out") }?;
    let holds_record_out = unsafe { ffi::out(holds_record_out, "holds_record_out") }?;
    let search = Search::new(start, end)?;
    let part = usize::try_from(index).ok().and_then(|i| search.order().get(i).copied());
    (*lo_out, *hi_out, *most_steps_out, *holds_record_out) = part.map_or((end, end, -1, 0), |p| {
        (p.lo, p.hi, p.most_steps.map_or(-1, |m| m as i32), i32::from(p.holds_record))
    });
    Ok(())
}

/// The whole search, or one window of it (lo, hi, at_least).
///
/// # Safety
/// As for hotloop_collatz_longest.
unsafe fn longest_body(
    start: u64,
    end: u64,
    window: Option<(u64, u64, i32)>,
    threads: u32,
    n_out: *mut u64,
    steps_out: *mut i32,
) -> Result<(), Failure> {
    // SAFETY: the caller's contract; NULL and alignment are checked.
    let n_out = unsafe { ffi::out(n_out, "n_out") }?;
    let steps_out = unsafe { ffi::out(steps_out, "steps_out") }?;
    let search = Search::new(start, end)?;
    let found = match window {
        None => Some(search.run(threads)?),
        Some((lo, hi, at_least)) => {
            let at_least = u32::try_from(at_least).unwrap_or(0);
            search.window(lo, hi, at_least, threads)?.filter(|best| best.steps >= at_least)
        }
    };
    (*n_out, *steps_out) = found.map_or((0, -1), |Longest { n, steps }| (n, steps as i32));
    Ok(())
}

/// The status of the calling thread's last failed hotloop call, or HOTLOOP_OK
/// if none has failed. A successful call leaves it alone, as with errno: check
/// it only after a function returned its failure sentinel or status.
/// Thread safety: per thread.
#[no_mangle]
pub extern "C" fn hotloop_last_error() -> hotloop_status {
    export!({ Ok(StatusValue(error::last_status())) })
}

/// The message of the calling thread's last failed hotloop call ("no error"
/// if none has failed), in three parts separated by ": ":
/// "FUNCTION: SUBJECT: REASON", for example
/// "hotloop_collatz_steps_many: ns[3] = 0: not a positive integer".
/// FUNCTION is the hotloop_* function, SUBJECT names the offending input and
/// contains no ": ", REASON says what is wrong with it. The string belongs
/// to libhotloop and stays valid until the calling thread's next failing
/// hotloop call or its exit; copy it to keep it. Never NULL.
/// Thread safety: per thread.
#[no_mangle]
pub extern "C" fn hotloop_last_error_message() -> *const c_char {
    export!({ Ok(error::last_message()) })
}

/// A static name for any status code ("HOTLOOP_ERR_OVERFLOW"), and
/// "unknown status" for a code libhotloop does not define. Never NULL.
/// Thread safety: safe to call from any number of threads at once.
#[no_mangle]
pub extern "C" fn hotloop_status_name(status: hotloop_status) -> *const c_char {
    name(status).as_ptr()
}

/// The version of libhotloop, "MAJOR.MINOR.PATCH". Static, never NULL.
/// Thread safety: safe to call from any number of threads at once.
#[no_mangle]
pub extern "C" fn hotloop_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}
