//! hotloop.gsum and hotloop.collatz_loop as a CPython extension module:
//! the same kernels (hotloop::kernels) as libhotloop, called through
//! `METH_FASTCALL` instead of ctypes. Errors are the Python ones the
//! hotloop package raises for the same inputs (OverflowError, ValueError).
use hotloop::kernels;
use pyo3::exceptions::{PyOverflowError, PyValueError};
use pyo3::prelude::*;

#[pyfunction]
fn gsum(n: i64) -> PyResult<i64> {
    kernels::gsum::gsum(n).ok_or_else(|| PyOverflowError::new_err("gsum: the sum does not fit in int64"))
}

#[pyfunction]
fn collatz_loop(n: u64, k: u64) -> PyResult<u64> {
    if n == 0 {
        return Err(PyValueError::new_err("collatz_loop: n = 0: not a positive integer"));
    }
    kernels::collatz::collatz_loop(n, k).map_err(|_| PyOverflowError::new_err("collatz_loop: the result does not fit in uint64"))
}

#[pymodule]
fn hotloop_pyo3(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(gsum, module)?)?;
    module.add_function(wrap_pyfunction!(collatz_loop, module)?)?;
    Ok(())
}
