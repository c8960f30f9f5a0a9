//! Every function through bindgen's bindings, generated with no options:
//! statuses compare with the header's constants as they are.
#![allow(non_upper_case_globals, non_camel_case_types, non_snake_case, dead_code)]

include!(env!("HOTLOOP_BINDINGS"));

fn main() {
    let mut failures = 0;
    let mut check = |ok: bool, what: &str| {
        if !ok {
            println!("FAILED: {what}");
            failures += 1;
        }
    };
    // SAFETY: the header's contracts: valid pointers, or NULL where allowed.
    unsafe {
        let mut error: hotloop_error = std::mem::zeroed();
        check(hotloop_gsum(100) == 5050 && hotloop_gsum_r(100, &mut error) == 5050, "gsum");
        check(error.status == HOTLOOP_OK, "a status compares with HOTLOOP_OK");
        check(hotloop_collatz(27) == 82 && hotloop_collatz_r(0, &mut error) == 0, "collatz");
        check(error.status == HOTLOOP_ERR_INVALID_ARGUMENT, "collatz_r's status");
        check(hotloop_collatz_loop(27, 111) == 1 && hotloop_collatz_loop_r(27, 111, &mut error) == 1, "loop");
        check(hotloop_collatz_steps(27) == 111 && hotloop_collatz_steps_r(27, &mut error) == 111, "steps");
        let ns = [27u64, 97, 0];
        let mut out = [0i32; 3];
        let status = hotloop_collatz_steps_many(ns.as_ptr(), 2, out.as_mut_ptr(), 0);
        check(status == HOTLOOP_OK && out[1] == 118, "steps_many");
        let status = hotloop_collatz_steps_many_r(ns.as_ptr(), 3, out.as_mut_ptr(), 0, &mut error);
        check(status == HOTLOOP_ERR_INVALID_ARGUMENT && error.index == 2, "steps_many_r");
        let (mut hi, mut lo, mut n, mut steps) = (0u64, 0u64, 0u64, 0i32);
        check(hotloop_collatz_loop_wide(0, 27, 111, &mut hi, &mut lo) == HOTLOOP_OK && lo == 1, "loop_wide");
        check(hotloop_collatz_loop_wide_r(0, 0, 1, &mut hi, &mut lo, &mut error) == HOTLOOP_ERR_INVALID_ARGUMENT,
              "loop_wide_r");
        check(hotloop_collatz_longest(1, 1_000_000, 0, &mut n, &mut steps) == HOTLOOP_OK && n == 837_799, "longest");
        check(hotloop_collatz_longest_r(1, 1000, 0, &mut n, &mut steps, &mut error) == HOTLOOP_OK, "longest_r");
        check(hotloop_collatz_longest_window(1, 1000, 0, 1000, 0, 1, &mut n, &mut steps) == HOTLOOP_OK, "window");
        check(hotloop_collatz_longest_window_r(1, 1000, 0, 1000, 0, 1, &mut n, &mut steps, &mut error)
              == HOTLOOP_OK, "window_r");
        let (mut most, mut record) = (0i32, 0i32);
        check(hotloop_collatz_longest_part(1, 1000, 0, &mut lo, &mut hi, &mut most, &mut record) == HOTLOOP_OK
              && (lo, hi, most, record) == (500, 1000, 178, 1), "part");
        check(hotloop_collatz_longest_part_r(1, 1000, 1, &mut lo, &mut hi, &mut most, &mut record, &mut error)
              == HOTLOOP_OK && lo == 1000, "part_r");
        check(hotloop_gsum(i64::MAX) == -1 && hotloop_last_error() == HOTLOOP_ERR_OVERFLOW, "last error");
        check(!hotloop_last_error_message().is_null() && !hotloop_status_name(HOTLOOP_ERR_PANIC).is_null(), "names");
        check(!hotloop_version().is_null(), "version");
    }
    if failures != 0 {
        std::process::exit(1);
    }
    println!("bindgen client: every function called, statuses compared with the constants as generated");
}
