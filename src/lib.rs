//! libhotloop: hot loops in compiled Rust behind a C ABI, for Python and C.
//!
//! The layers, one concept per file:
//! - [`kernels`]: the computations, plain safe Rust, tested directly;
//! - `capi.rs`: the `hotloop_*` exports, which check pointers and call a
//!   kernel, each inside `export!` (`panic.rs`: the panic boundary, and the
//!   failure value that follows the return type);
//! - `failure.rs`: why a call failed, and the one mapping of every error to a
//!   status and a reason; `error.rs`: the thread-local last error;
//! - `compat.rs`: the articles' own symbols (`GSum`, `collatz`, ...);
//! - `status.rs`: the status codes; `ffi.rs`: the pointer checks;
//! - `instructions.rs`: the one machine instruction the compiler will not pick;
//! - `memory.rs`: huge pages for the steps table (advice to the kernel).
//!
//! `include/hotloop.h` is generated from these files by cbindgen (build.rs).
#![deny(unsafe_op_in_unsafe_fn)]

pub mod capi;
pub mod compat;
mod error;
/// The record the `_r` functions fill (Rust callers of the C ABI, the fuzz targets).
pub use error::hotloop_error;
mod failure;
mod ffi;
pub mod kernels;
mod panic;
mod instructions;
mod memory;
pub mod status;
