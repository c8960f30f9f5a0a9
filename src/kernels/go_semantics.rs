//! The Collatz map on signed 64-bit integers, as the articles' Go code
//! computes it with Go's 64-bit `int`: negative numbers follow the same rule
//! (Go's `n % 2` is -1 for a negative odd n, so it takes the 3n + 1 branch),
//! and `loopCollatz` with k <= 0 returns n. Where Go would wrap silently, this
//! reports the odd value whose 3n + 1 does not fit.

/// One step on `i64`; `Err(n)` when 3n + 1 does not fit.
#[inline]
pub fn step(n: i64) -> Result<i64, i64> {
    if n % 2 == 0 {
        Ok(n / 2)
    } else {
        // In i128: 3n alone can overflow where 3n + 1 still fits (i64::MIN).
        i64::try_from(3 * i128::from(n) + 1).map_err(|_| n)
    }
}

/// `k` steps on `i64` (none for k <= 0); `Err(m)` names the odd value whose
/// 3m + 1 does not fit.
pub fn collatz_loop(mut n: i64, k: i64) -> Result<i64, i64> {
    for _ in 0..k.max(0) {
        n = step(n)?;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Go's arithmetic, in i128 so that an overflow is visible.
    fn go_step(n: i128) -> i128 {
        if n % 2 == 0 { n / 2 } else { 3 * n + 1 }
    }

    #[test]
    fn matches_go_wherever_go_does_not_overflow() {
        for n in -2000i64..2000 {
            let mut m = n as i128;
            for k in 0..60 {
                assert_eq!(collatz_loop(n, k).map(i128::from), Ok(m), "n = {n}, k = {k}");
                m = go_step(m);
            }
        }
        assert_eq!(step(-3), Ok(-8));
        assert_eq!(step(-1), Ok(-2));
        assert_eq!(step(0), Ok(0));
        assert_eq!(collatz_loop(27, -5), Ok(27));
    }

    #[test]
    fn overflow_in_either_direction_is_reported() {
        let big = i64::MAX / 3 + 1; // odd: 3n + 1 > i64::MAX
        assert_eq!(big % 2, 1);
        assert_eq!(step(big), Err(big));
        assert_eq!(step(big - 2), Ok(3 * (big - 2) + 1));
        let low = i64::MIN / 3 - 3; // odd: 3n + 1 < i64::MIN
        assert_eq!(low % 2, -1);
        assert_eq!(step(low), Err(low));
        assert_eq!(step(i64::MIN), Ok(i64::MIN / 2));
        assert_eq!(step(i64::MAX), Err(i64::MAX));
        // The one odd input whose 3n + 1 is exactly i64::MIN.
        assert_eq!(step(-3_074_457_345_618_258_603), Ok(i64::MIN));
    }
}
