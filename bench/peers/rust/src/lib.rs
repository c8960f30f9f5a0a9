//! The articles' functions as their Go library has them (bench/peers/go/main.go),
//! line by line: Go's `int` is `i64`, and arithmetic wraps on overflow in
//! both (Rust's release profile does not check overflow). Nothing here is
//! hotloop's: no lookahead, no paired steps, no checks. Exported over the C
//! ABI under the Go library's names, so the bench calls all three the same way.
#![allow(non_snake_case)]

#[no_mangle]
pub extern "C" fn GSum(n: i64) -> i64 {
    let mut result = 0;
    for i in 0..=n {
        result += i;
    }
    result
}

#[no_mangle]
pub extern "C" fn collatz(n: i64) -> i64 {
    if n % 2 == 0 {
        return n / 2;
    }
    3 * n + 1
}

#[no_mangle]
pub extern "C" fn loopCollatz(mut n: i64, k: i64) -> i64 {
    for _ in 0..k {
        n = collatz(n);
    }
    n
}
