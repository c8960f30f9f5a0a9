//! Pointer checks for the C layer, done once per call, never per element.
//!
//! `slice::from_raw_parts` on a NULL or misaligned pointer is undefined
//! behaviour even for a length of zero, so these helpers check both before
//! building a slice, and give `len == 0` an empty slice whatever the pointer.

use crate::failure::Failure;
use crate::status::{HOTLOOP_ERR_INVALID_ARGUMENT, HOTLOOP_ERR_MISALIGNED, HOTLOOP_ERR_NULL_POINTER};
use std::mem::{align_of, size_of};

/// A pointer to `len` elements (`len = None`: one out-parameter), checked.
fn check<T>(ptr: *const T, len: Option<usize>, name: &str) -> Result<(), Failure> {
    let reject = |status, subject: String, reason: String| Err(Failure::new(status, subject, reason));
    if ptr.is_null() {
        let reason = match len {
            Some(len) => format!("a NULL pointer with len = {len}"),
            None => "a NULL out-pointer".to_string(),
        };
        return reject(HOTLOOP_ERR_NULL_POINTER, format!("{name} = NULL"), reason);
    }
    if (ptr as usize) % align_of::<T>() != 0 {
        return reject(
            HOTLOOP_ERR_MISALIGNED,
            format!("{name} = {ptr:p}"),
            format!("not aligned to {} bytes", align_of::<T>()),
        );
    }
    if len.unwrap_or(1).checked_mul(size_of::<T>()).is_none_or(|bytes| bytes > isize::MAX as usize) {
        return reject(HOTLOOP_ERR_INVALID_ARGUMENT, format!("len = {}", len.unwrap_or(1)), "larger than any buffer".into());
    }
    Ok(())
}

/// A shared slice of `len` elements at `ptr`.
///
/// # Safety
/// When `len > 0` and the pointer passes the checks, it must point to `len`
/// initialised `T` that nothing writes to while the slice lives.
pub unsafe fn slice<'a, T>(ptr: *const T, len: usize, name: &str) -> Result<&'a [T], Failure> {
    if len == 0 {
        return Ok(&[]);
    }
    check(ptr, Some(len), name)?;
    // SAFETY: non-NULL, aligned, and the size fits in isize (checked above);
    // validity and the absence of writers are the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// An exclusive slice of `len` elements at `ptr`.
///
/// # Safety
/// When `len > 0` and the pointer passes the checks, it must point to `len`
/// writable `T` that nothing else reads or writes while the slice lives.
pub unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize, name: &str) -> Result<&'a mut [T], Failure> {
    if len == 0 {
        return Ok(&mut []);
    }
    check(ptr, Some(len), name)?;
    // SAFETY: as in `slice`, with exclusivity from the caller's contract.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, len) })
}

/// A single out-parameter.
///
/// # Safety
/// When the pointer passes the checks, it must point to a writable `T`.
pub unsafe fn out<'a, T>(ptr: *mut T, name: &str) -> Result<&'a mut T, Failure> {
    check(ptr, None, name)?;
    // SAFETY: non-NULL and aligned (checked); writable by the caller's contract.
    Ok(unsafe { &mut *ptr })
}

/// Whether two buffers share a byte (a caller passing one array as both the
/// input and the output would otherwise alias a `&` with a `&mut`).
pub fn overlap<A, B>(a: &[A], b: &[B]) -> bool {
    let (a0, a1) = (a.as_ptr() as usize, a.as_ptr() as usize + size_of_val(a));
    let (b0, b1) = (b.as_ptr() as usize, b.as_ptr() as usize + size_of_val(b));
    !a.is_empty() && !b.is_empty() && a0 < b1 && b0 < a1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_fine_with_any_pointer() {
        let s = unsafe { slice::<u64>(std::ptr::null(), 0, "ns") }.unwrap();
        assert!(s.is_empty());
        let s = unsafe { slice::<u64>(3 as *const u64, 0, "ns") }.unwrap();
        assert!(s.is_empty());
    }

    #[test]
    fn null_and_misaligned_are_rejected() {
        let e = unsafe { slice::<u64>(std::ptr::null(), 2, "ns") }.unwrap_err();
        assert_eq!(e.status, HOTLOOP_ERR_NULL_POINTER);
        assert_eq!((e.subject.as_str(), e.reason.as_str()), ("ns = NULL", "a NULL pointer with len = 2"));
        let data = [0u64; 4];
        let odd = (data.as_ptr() as usize + 1) as *const u64;
        let e = unsafe { slice::<u64>(odd, 2, "ns") }.unwrap_err();
        assert_eq!(e.status, HOTLOOP_ERR_MISALIGNED);
        assert!(e.reason.contains("not aligned to 8 bytes"), "{}", e.reason);
        let e = unsafe { out::<u64>(std::ptr::null_mut(), "n_out") }.unwrap_err();
        assert_eq!(e.status, HOTLOOP_ERR_NULL_POINTER);
        assert_eq!((e.subject.as_str(), e.reason.as_str()), ("n_out = NULL", "a NULL out-pointer"));
        let e = unsafe { slice::<u64>(data.as_ptr(), usize::MAX / 4, "ns") }.unwrap_err();
        assert_eq!(e.status, HOTLOOP_ERR_INVALID_ARGUMENT);
    }

    #[test]
    fn overlap_is_detected() {
        let data = [0u64; 8];
        assert!(overlap(&data[..4], &data[3..]));
        assert!(!overlap(&data[..4], &data[4..]));
        assert!(!overlap(&data[..0], &data[..]));
    }
}
