//! hotloop.gsum and hotloop.collatz_loop through interoptopus: the same
//! kernels (hotloop::kernels) as libhotloop, with the bindings interoptopus's
//! CPython backend generates. Errors are interoptopus's pattern: an
//! `ffi_error` enum returned, the result through an out-pointer.
use hotloop::kernels;
use interoptopus::patterns::result::FFIError;
use interoptopus::{ffi_function, ffi_type, function, Inventory, InventoryBuilder};

#[ffi_type(patterns(ffi_error))]
#[repr(C)]
pub enum Status {
    Ok = 0,
    NullPassed = 1,
    Panic = 2,
    NotPositive = 3,
    Overflow = 4,
}

impl FFIError for Status {
    const SUCCESS: Self = Self::Ok;
    const NULL: Self = Self::NullPassed;
    const PANIC: Self = Self::Panic;
}

/// Gauss's sum 1 + ... + n into `out`; Overflow when it does not fit.
#[ffi_function]
#[no_mangle]
pub extern "C" fn hotloop_iop_gsum(n: i64, out: Option<&mut i64>) -> Status {
    let Some(out) = out else { return Status::NullPassed };
    match kernels::gsum::gsum(n) {
        Some(sum) => {
            *out = sum;
            Status::Ok
        }
        None => Status::Overflow,
    }
}

/// The Collatz step applied k times to n, into `out`.
#[ffi_function]
#[no_mangle]
pub extern "C" fn hotloop_iop_collatz_loop(n: u64, k: u64, out: Option<&mut u64>) -> Status {
    let Some(out) = out else { return Status::NullPassed };
    if n == 0 {
        return Status::NotPositive;
    }
    match kernels::collatz::collatz_loop(n, k) {
        Ok(value) => {
            *out = value;
            Status::Ok
        }
        Err(_) => Status::Overflow,
    }
}

/// What the binding generator sees.
pub fn inventory() -> Inventory {
    InventoryBuilder::new()
        .register(function!(hotloop_iop_gsum))
        .register(function!(hotloop_iop_collatz_loop))
        .inventory()
}
