//! The kernels: plain safe Rust, no FFI types and no `unsafe`.
//!
//! Every function here is total: a value outside a function's domain or a
//! result that does not fit comes back as an [`Error`], never as a panic or a
//! wrapped number. The C layer (`capi.rs`) turns these errors into statuses and
//! messages.

pub mod batch;
pub mod collatz;
pub mod go_semantics;
pub mod gsum;
pub mod longest;
pub mod threads;

/// Why a kernel could not produce its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The Collatz functions are defined for n >= 1 only.
    NotPositive,
    /// `3m + 1` does not fit in 64 bits for the odd value `m` met on the way.
    Overflow { at: u64 },
}
