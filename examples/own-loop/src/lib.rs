//! ownloop: one batch kernel behind a C ABI, in the shape of hotloop.
//!
//! - `kernel.rs`: the loop, in plain safe Rust, with no FFI types: easy to
//!   test and to change.
//! - `capi.rs`: the one thin layer that C and Python see: pointer checks,
//!   the panic boundary, statuses and the thread-local last error.

#![deny(unsafe_op_in_unsafe_fn)]

pub mod capi;
pub mod kernel;
