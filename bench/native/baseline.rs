//! hotloop 0.1's batch kernels, kept in the bench as the reference that the
//! current kernels' speed-ups are measured against in the same run: the
//! 10-bit lookahead and one number at a time for the steps, and the upper
//! half and predecessor rules (no sieve) for the longest chain. Trajectories
//! that pass 2^64 were errors in 0.1; here they are only counted, since the
//! rows that use this stay below 5e10, where none does.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

const LOOKAHEAD_BITS: u32 = 10;
const SMALL_BITS: u32 = 16;
const MAX_ODD: u64 = (u64::MAX - 1) / 3;
const LOOKAHEAD_BELOW: u64 = u64::MAX / 59_049 / 2; // 3^10

#[derive(Clone, Copy)]
struct Block {
    mul: u32,
    add: u32,
    steps: u32,
}

fn lookahead() -> &'static [Block] {
    static TABLE: OnceLock<Vec<Block>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..1u64 << LOOKAHEAD_BITS)
            .map(|b| {
                let (mut value, mut mul, mut halvings, mut steps) = (b, 1u64, 0, 0);
                while halvings < LOOKAHEAD_BITS {
                    if value % 2 == 0 {
                        value /= 2;
                        halvings += 1;
                    } else {
                        value = 3 * value + 1;
                        mul *= 3;
                    }
                    steps += 1;
                }
                Block { mul: mul as u32, add: value as u32, steps }
            })
            .collect()
    })
}

fn small() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![0u16; 1 << SMALL_BITS];
        for n in 2..table.len() {
            let (mut value, mut count) = (n as u64, 0u16);
            while value >= n as u64 {
                value = if value % 2 == 0 { value / 2 } else { 3 * value + 1 };
                count += 1;
            }
            table[n] = count + table[value as usize];
        }
        table
    })
}

/// 0.1's `Stepper::steps`; `None` for 0 or a trajectory past 2^64.
pub fn steps(n: u64) -> Option<u32> {
    let (table, small) = (lookahead(), small());
    if n == 0 {
        return None;
    }
    let (mut n, mut count) = (n, 0u32);
    while n >= 1 << SMALL_BITS {
        if n < LOOKAHEAD_BELOW {
            let block = table[(n % (1 << LOOKAHEAD_BITS)) as usize];
            n = (n >> LOOKAHEAD_BITS) * u64::from(block.mul) + u64::from(block.add);
            count += block.steps;
        } else {
            if n % 2 == 1 {
                if n > MAX_ODD {
                    return None;
                }
                n = 3 * n + 1;
                count += 1;
            }
            let zeros = n.trailing_zeros();
            count += zeros;
            n >>= zeros;
        }
    }
    Some(count + u32::from(small[n as usize]))
}

/// 0.1's `collatz_steps_many` on one thread.
pub fn steps_many(ns: &[u64], out: &mut [i32]) {
    for (slot, &n) in out.iter_mut().zip(ns) {
        *slot = steps(n).map_or(-1, |s| s as i32);
    }
}

fn is_candidate(n: u64, start: u64, end: u64) -> bool {
    if n < 16 || n >= 1 << 60 {
        return true;
    }
    let in_range = |p: u64| p >= start && p < end;
    match n % 3 {
        2 if in_range((2 * n - 1) / 3) => return false,
        1 if n % 2 == 0 && in_range((n - 1) / 3) => return false,
        1 if in_range((4 * n - 1) / 3) => return false,
        _ => {}
    }
    !(n % 8 == 5 && in_range(n - 1))
}

/// 0.1's `collatz_longest(start, end)`, on `threads` threads: (n, steps).
pub fn longest(start: u64, end: u64, threads: usize) -> (u64, u32) {
    const CHUNK: u64 = 1 << 16;
    let first = start.max(end / 2 + end % 2);
    let chunks = (end - first).div_ceil(CHUNK);
    let next = AtomicU64::new(0);
    let work = || {
        let mut best = (0u64, 0u32);
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks {
                return best;
            }
            let lo = first + chunk * CHUNK;
            for n in lo..end.min(lo + CHUNK) {
                if is_candidate(n, start, end) {
                    let s = steps(n).expect("below 5e10 no trajectory passes 2^64");
                    if s > best.1 || (s == best.1 && n < best.0) {
                        best = (n, s);
                    }
                }
            }
        }
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut best = work();
        for h in handles {
            let (n, s) = h.join().expect("a baseline worker panicked");
            if s > best.1 || (s == best.1 && n < best.0) {
                best = (n, s);
            }
        }
        best
    })
}

/// 0.1's `collatz_loop`: pairs of steps chosen by n mod 4, two pairs a pass;
/// `None` where a step passes 2^64 (0.1 stopped there).
#[inline(never)]
pub fn collatz_loop(mut n: u64, k: u64) -> Option<u64> {
    let three_n_plus_one = |n: u64| n.wrapping_mul(3).wrapping_add(1);
    macro_rules! pair {
        () => {
            match n % 4 {
                0 => n /= 4,
                2 => {
                    let half = n / 2;
                    if half > MAX_ODD {
                        return None;
                    }
                    n = three_n_plus_one(half);
                }
                _ => {
                    if n > MAX_ODD {
                        return None;
                    }
                    n = three_n_plus_one(n) / 2;
                }
            }
        };
    }
    let mut left = k;
    while left >= 4 {
        pair!();
        pair!();
        left -= 4;
    }
    if left >= 2 {
        pair!();
        left -= 2;
    }
    if left == 1 {
        n = if n % 2 == 0 { n / 2 } else { three_n_plus_one(n) };
    }
    Some(n)
}
