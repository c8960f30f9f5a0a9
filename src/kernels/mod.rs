//! The kernels: plain safe Rust, no FFI types and no `unsafe`.
//!
//! Every function here is total: a value outside a function's domain or a
//! result that does not fit comes back as an [`Error`], never as a panic or a
//! wrapped number. The C layer (`capi.rs`) turns these errors into statuses and
//! messages.

pub mod batch;
pub mod collatz;
pub mod delay_records;
pub mod go_semantics;
pub mod gsum;
pub mod longest;
pub(crate) mod small_table;
pub mod stepper;
pub(crate) mod steps_table;
pub(crate) mod tail;
pub mod threads;

/// Why a kernel could not produce its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The Collatz functions are defined for n >= 1 only.
    NotPositive,
    /// One step's result, `3m + 1`, does not fit in 64 bits (`collatz`).
    Overflow { at: u64 },
    /// A trajectory passes 2^128: `3m + 1` does not fit for the odd `m`.
    /// No start below 2^64 has such a trajectory; the check stays so that
    /// one would be an error, never a wrong number.
    Beyond128 { at: u128 },
    /// The result of `collatz_loop` does not fit in 64 bits.
    ResultTooLarge { value: u128 },
}
