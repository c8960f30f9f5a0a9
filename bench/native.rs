//! The Collatz loop in Rust without FFI: the floor that hotloop's Python call
//! is compared with. Prints one JSON object:
//! `{"k": K, "n": N, "result": R, "seconds": [..]}`.
//!
//! Usage: hotloop-native-bench [K] [REPEATS] [N]

use std::hint::black_box;
use std::time::Instant;

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .map(|a| a.parse().unwrap_or_else(|_| panic!("not an integer: {a}")))
        .collect();
    let k = args.first().copied().unwrap_or(1_000_000_000);
    let repeats = args.get(1).copied().unwrap_or(3);
    let n = args.get(2).copied().unwrap_or(27);

    let mut seconds = Vec::new();
    let mut result = 0;
    for _ in 0..repeats {
        let began = Instant::now();
        result = hotloop::kernels::collatz::collatz_loop(black_box(n), black_box(k)).expect("no overflow from n");
        seconds.push(began.elapsed().as_secs_f64());
    }
    let seconds: Vec<String> = seconds.iter().map(|s| format!("{s:.6}")).collect();
    println!("{{\"k\": {k}, \"n\": {n}, \"result\": {result}, \"seconds\": [{}]}}", seconds.join(", "));
}
