//! Gauss's sum 0 + 1 + ... + n, the first article's example, in O(1).

/// The largest `n` whose sum fits in `i64`: n(n+1)/2 = 2^63 - 2^31.
pub const GSUM_MAX_N: i64 = 4_294_967_295;

/// 0 + 1 + ... + n; 0 for n <= 0 (the loop of the article runs no times);
/// `None` when the sum does not fit in `i64`.
#[inline]
pub fn gsum(n: i64) -> Option<i64> {
    if n <= 0 {
        Some(0)
    } else if n <= GSUM_MAX_N {
        // n <= 2^32 - 1, so n(n+1) < 2^64 and the halved product < 2^63.
        let n = n as u64;
        Some((n * (n + 1) / 2) as i64)
    } else {
        None
    }
}

/// The largest `n` whose sum fits in a 32-bit C `int`.
pub const GSUM_I32_MAX_N: i32 = 65_535;

/// The same sum for the article's C `int gsum(int)`.
#[inline]
pub fn gsum_i32(n: i32) -> Option<i32> {
    if n > GSUM_I32_MAX_N {
        None
    } else {
        gsum(i64::from(n)).map(|s| s as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_loop(n: i64) -> i128 {
        (0..=n.max(0) as i128).sum()
    }

    #[test]
    fn small_values_match_the_loop() {
        for n in -5..2000 {
            assert_eq!(gsum(n).map(i128::from), Some(by_loop(n)), "n = {n}");
        }
        assert_eq!(gsum(100), Some(5050));
    }

    #[test]
    fn the_int64_boundary_is_exact() {
        let max = GSUM_MAX_N as i128;
        assert_eq!(gsum(GSUM_MAX_N).map(i128::from), Some(max * (max + 1) / 2));
        assert!((max + 1) * (max + 2) / 2 > i64::MAX as i128);
        assert_eq!(gsum(GSUM_MAX_N + 1), None);
        assert_eq!(gsum(i64::MAX), None);
        assert_eq!(gsum(i64::MIN), Some(0));
    }

    #[test]
    fn the_int32_boundary_is_exact() {
        assert_eq!(gsum_i32(GSUM_I32_MAX_N), Some(2_147_450_880));
        assert_eq!(gsum_i32(GSUM_I32_MAX_N + 1), None);
        assert_eq!(gsum_i32(i32::MIN), Some(0));
        assert_eq!(gsum_i32(100), Some(5050));
    }
}
