//! hotloop.gsum and hotloop.collatz_loop through UniFFI: the same kernels
//! (hotloop::kernels) as libhotloop, with the bindings UniFFI generates.
//! Errors are UniFFI's: a Rust error enum, raised in Python as an exception.
use hotloop::kernels;

uniffi::setup_scaffolding!();

#[derive(Debug, uniffi::Error)]
pub enum HotloopError {
    NotPositive,
    Overflow,
}

impl std::fmt::Display for HotloopError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            HotloopError::NotPositive => "not a positive integer",
            HotloopError::Overflow => "does not fit in 64 bits",
        })
    }
}

#[uniffi::export]
pub fn gsum(n: i64) -> Result<i64, HotloopError> {
    kernels::gsum::gsum(n).ok_or(HotloopError::Overflow)
}

#[uniffi::export]
pub fn collatz_loop(n: u64, k: u64) -> Result<u64, HotloopError> {
    if n == 0 {
        return Err(HotloopError::NotPositive);
    }
    kernels::collatz::collatz_loop(n, k).map_err(|_| HotloopError::Overflow)
}
