//! The hot loop: the smallest prime factor of each number of a batch.
//!
//! A kernel of another kind than hotloop's: each element costs from one
//! division (an even number) to tens of thousands (a prime near 2^40), so a
//! batch is worth sending across in one call, and a long one is worth
//! running in pieces (see ownloop.py).

/// Why an element has no answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// 0 and 1 have no prime factor.
    NoPrimeFactor,
}

impl Error {
    /// The reason, as a message shows it.
    pub fn reason(self) -> &'static str {
        match self {
            Error::NoPrimeFactor => "has no prime factor (it is below 2)",
        }
    }
}

/// The smallest prime factor of n: n itself when n is prime.
pub fn smallest_factor(n: u64) -> Result<u64, Error> {
    if n < 2 {
        return Err(Error::NoPrimeFactor);
    }
    for p in [2, 3] {
        if n % p == 0 {
            return Ok(p);
        }
    }
    // The other candidates are 6k - 1 and 6k + 1; d <= n / d is d * d <= n
    // without overflow, up to the top of u64.
    let mut d = 5;
    while d <= n / d {
        if n % d == 0 {
            return Ok(d);
        }
        if n % (d + 2) == 0 {
            return Ok(d + 2);
        }
        d += 6;
    }
    Ok(n)
}

/// out[i] = smallest_factor(ns[i]). A bad element gets 0 and does not stop
/// the others; the first bad one (its index and why) is returned.
pub fn smallest_factors(ns: &[u64], out: &mut [u64]) -> Result<(), (usize, Error)> {
    let mut first_bad = None;
    for (i, (&n, slot)) in ns.iter().zip(out.iter_mut()).enumerate() {
        *slot = match smallest_factor(n) {
            Ok(p) => p,
            Err(error) => {
                first_bad.get_or_insert((i, error));
                0
            }
        };
    }
    first_bad.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition the fast kernel is tested against: try every d.
    fn plain(n: u64) -> u64 {
        (2..=n).find(|d| n % d == 0).unwrap()
    }

    #[test]
    fn matches_the_definition() {
        for n in 2..20_000 {
            assert_eq!(smallest_factor(n), Ok(plain(n)), "n = {n}");
        }
    }

    #[test]
    fn the_edges_of_u64() {
        assert_eq!(smallest_factor(0), Err(Error::NoPrimeFactor));
        assert_eq!(smallest_factor(1), Err(Error::NoPrimeFactor));
        assert_eq!(smallest_factor(u64::MAX), Ok(3));
        assert_eq!(smallest_factor(65_521 * 65_521), Ok(65_521)); // the square of the largest 16-bit prime
        assert_eq!(smallest_factor(65_521 * 4_294_967_291), Ok(65_521)); // times the largest 32-bit prime
        assert_eq!(smallest_factor(4_294_967_291), Ok(4_294_967_291));
    }

    #[test]
    fn a_bad_element_does_not_stop_the_others() {
        let mut out = [9; 4];
        assert_eq!(smallest_factors(&[15, 1, 0, 49], &mut out), Err((1, Error::NoPrimeFactor)));
        assert_eq!(out, [3, 0, 0, 7]);
    }
}
