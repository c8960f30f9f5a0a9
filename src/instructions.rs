//! Single instructions that LLVM will not choose for a generic x86-64 target.
//!
//! For `3n + 1`, generic tuning emits `lea (n,n,2)` then `inc`: two dependent
//! instructions, because a three-operand LEA was slow on CPUs of 2013. On the
//! CPUs this project runs on (measured: Emerald Rapids) the single
//! `lea 1(n,n,2)` takes one cycle, and in the Collatz loop that cycle is the
//! whole iteration: 10^9 iterations take 0.35 s instead of 0.57 s
//! (`make bench`, table 2). This is the one `unsafe` block outside the C
//! layer: a pure register computation, no memory, no flags.

/// 3n + 1, wrapping (callers check for overflow first).
#[inline(always)]
pub fn three_n_plus_one(n: u64) -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        let mut value = n;
        // SAFETY: one LEA on a register: no memory access, no stack, flags
        // untouched; the result is n * 3 + 1 modulo 2^64.
        unsafe {
            std::arch::asm!(
                "lea {0}, [{0} + {0} * 2 + 1]",
                inout(reg) value,
                options(pure, nomem, nostack, preserves_flags)
            );
        }
        value
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        n.wrapping_mul(3).wrapping_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::three_n_plus_one;

    #[test]
    fn is_three_n_plus_one() {
        for n in [0u64, 1, 2, 27, 1 << 40, (u64::MAX - 1) / 3, u64::MAX] {
            assert_eq!(three_n_plus_one(n), n.wrapping_mul(3).wrapping_add(1), "n = {n}");
        }
    }
}
