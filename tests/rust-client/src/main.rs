//! libhotloop.a from Rust, through pkg-config: its own standard library and
//! this program's, one rustc's or two, link side by side.

use std::ffi::CStr;
use std::os::raw::c_char;

extern "C" {
    fn hotloop_gsum(n: i64) -> i64;
    fn hotloop_collatz_steps(n: u64) -> i64;
    fn hotloop_version() -> *const c_char;
}

fn main() {
    // SAFETY: plain values in and out; the version is a static string.
    let (sum, steps, version) = unsafe {
        (hotloop_gsum(100), hotloop_collatz_steps(27), CStr::from_ptr(hotloop_version()).to_str().unwrap())
    };
    let caught = std::panic::catch_unwind(|| panic!("this program's own panic")).is_err();
    println!("{sum} {steps} {version} {caught}");
}
