//! Uses what a Rust library's standard library brings: formatting, parsing,
//! and a panic caught at its boundary (its unwinder and personality).

#[no_mangle]
pub extern "C" fn other_rust_answer() -> i64 {
    std::panic::catch_unwind(|| {
        let text = format!("{}", 6 * 7);
        if text.is_empty() {
            panic!("no text");
        }
        text.parse::<i64>().unwrap()
    })
    .unwrap_or(-1)
}

#[no_mangle]
pub extern "C" fn other_rust_catches_a_panic() -> i64 {
    std::panic::set_hook(Box::new(|_| {}));
    std::panic::catch_unwind(|| -> i64 { panic!("caught") }).unwrap_or(7)
}
