//! The Rust side of `make bench`, without FFI. Prints one JSON object.
//!
//!   hotloop-native-bench loop K REPEATS [N]
//!       the Collatz loop in Rust, the floor hotloop's Python call is compared with;
//!   hotloop-native-bench steps-many LO HI REPEATS
//!       collatz_steps_many over [LO, HI) on one thread, hotloop 0.1's kernel
//!       and today's, their repeats interleaved;
//!   hotloop-native-bench longest END REPEATS [current|baseline|both]
//!       collatz_longest below END on every core, 0.1's search and today's
//!       (the sieve, built once per process, built before the clock starts).
//!
//!   hotloop-native-bench maxima B BELOW
//!       the most steps in each 64th of [2^(B-1), 2^B) and below it, given
//!       BELOW, the most below 2^(B-1): a row of `delay_records.rs`, searched
//!       one window a part on every core (bench/delay_records.py).
//!
//!   hotloop-native-bench loop-vs-baseline K REPEATS
//!       the Collatz loop from 27, 0.1's and today's, interleaved.
//!
//! (`hotloop-native-bench K REPEATS [N]`, the old form, is `loop`.)

mod baseline;

use hotloop::kernels::{batch, collatz, delay_records, longest};
use std::hint::black_box;
use std::time::Instant;

fn number(text: &str) -> u64 {
    text.parse().unwrap_or_else(|_| panic!("not an integer: {text}"))
}

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let began = Instant::now();
    let value = f();
    (began.elapsed().as_secs_f64(), value)
}

fn list(seconds: &[f64]) -> String {
    let items: Vec<String> = seconds.iter().map(|s| format!("{s:.6}")).collect();
    format!("[{}]", items.join(", "))
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a.parse::<u64>().is_ok()) {
        args.insert(0, "loop".into());
    }
    match args.first().map(String::as_str).unwrap_or("loop") {
        "loop" => {
            let k = args.get(1).map_or(1_000_000_000, |a| number(a));
            let repeats = args.get(2).map_or(3, |a| number(a));
            let n = args.get(3).map_or(27, |a| number(a));
            let mut seconds = Vec::new();
            let mut result = 0;
            for _ in 0..repeats {
                let (s, r) = time(|| collatz::collatz_loop(black_box(n), black_box(k)).expect("fits"));
                seconds.push(s);
                result = r;
            }
            println!("{{\"k\": {k}, \"n\": {n}, \"result\": {result}, \"seconds\": {}}}", list(&seconds));
        }
        "loop-vs-baseline" => {
            let (k, repeats) = (number(&args[1]), number(&args[2]));
            let (mut old_s, mut new_s) = (Vec::new(), Vec::new());
            for _ in 0..repeats {
                let (s, old) = time(|| baseline::collatz_loop(black_box(27), black_box(k)));
                old_s.push(s);
                let (s, new) = time(|| collatz::collatz_loop(black_box(27), black_box(k)).ok());
                new_s.push(s);
                assert_eq!(old, new, "the loops disagree");
            }
            println!("{{\"baseline\": {}, \"current\": {}}}", list(&old_s), list(&new_s));
        }
        "steps-many" => {
            let (lo, hi, repeats) = (number(&args[1]), number(&args[2]), number(&args[3]));
            let ns: Vec<u64> = (lo..hi).collect();
            let (mut old, mut new) = (vec![0i32; ns.len()], vec![0i32; ns.len()]);
            let (mut old_s, mut new_s) = (Vec::new(), Vec::new());
            for _ in 0..repeats {
                old_s.push(time(|| baseline::steps_many(&ns, &mut old)).0);
                new_s.push(time(|| batch::steps_many(&ns, &mut new, 1)).0);
            }
            assert_eq!(old, new, "the kernels disagree");
            println!("{{\"baseline\": {}, \"current\": {}}}", list(&old_s), list(&new_s));
        }
        "longest" => {
            let (end, repeats) = (number(&args[1]), number(&args[2]));
            let which = args.get(3).map_or("both", String::as_str);
            let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
            // Built once per process (about 0.1 s), before the clock starts: a
            // program's later searches do not pay it.
            longest::sieve();
            let (mut old_s, mut new_s, mut answers) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..repeats {
                if which != "current" {
                    let (s, a) = time(|| baseline::longest(1, end, threads));
                    old_s.push(s);
                    answers.push(a);
                }
                if which != "baseline" {
                    let (s, a) = time(|| longest::Search::new(1, end).and_then(|search| search.run(0)).expect("a non-empty range"));
                    new_s.push(s);
                    answers.push((a.n, a.steps));
                }
            }
            answers.dedup();
            assert_eq!(answers.len(), 1, "the searches disagree: {answers:?}");
            let (n, steps) = answers[0];
            println!(
                "{{\"end\": {end}, \"n\": {n}, \"steps\": {steps}, \"baseline\": {}, \"current\": {}}}",
                list(&old_s),
                list(&new_s)
            );
        }
        "maxima" => {
            let (b, mut most) = (number(&args[1]) as u32, number(&args[2]) as u32);
            let mut row = Vec::new();
            for j in 0..1 << delay_records::PART_BITS {
                let (lo, hi) = delay_records::part_window(b, j);
                if lo < hi {
                    // Every n of [lo, hi) is a candidate of [1, hi) (2lo >= hi), and
                    // the best of [1, hi) is either there or below lo.
                    let search = longest::Search::new(1, hi).expect("a non-empty range");
                    let found = search.window(lo, hi, most, 0).expect("no uint64 trajectory passes 2^128");
                    most = most.max(found.map_or(0, |f| f.steps));
                }
                row.push(most.to_string());
            }
            println!("{{\"b\": {b}, \"row\": [{}]}}", row.join(", "));
        }
        other => panic!("unknown command {other}: loop, loop-vs-baseline, steps-many, longest or maxima"),
    }
}
