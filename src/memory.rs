//! Advice to the operating system about memory the library owns: the one
//! call into the C library outside the C ABI layer.

/// Asks Linux to back `region` with transparent huge pages (2 MiB) where it
/// can: the steps table (8 MiB) is read at random, over 2,048 pages of 4 KiB
/// or 4 huge ones. Measured here, `collatz_steps_many` over 1..10^7 on two
/// threads: 39-40 ms with 4 KiB pages, 32-35 ms with huge ones in a quiet
/// comparison; a noisier one gained less. Only advice: where THP is
/// disabled, or off Linux, nothing changes.
#[cfg(target_os = "linux")]
pub(crate) fn prefer_huge_pages<T>(region: &'static [T]) {
    use std::ffi::{c_int, c_void};
    extern "C" {
        fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }
    const MADV_HUGEPAGE: c_int = 14;
    // SAFETY: madvise(MADV_HUGEPAGE) neither reads nor writes the pages; it
    // changes how the kernel backs them. The region is a static of this
    // library, mapped for the life of the process, and page-aligned (the
    // caller aligns it to 2 MiB). An error (EINVAL where THP is off) is only
    // a refusal of the advice and is ignored.
    unsafe {
        madvise(region.as_ptr() as *mut c_void, std::mem::size_of_val(region), MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn prefer_huge_pages<T>(_region: &'static [T]) {}
