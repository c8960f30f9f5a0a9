//! Single instructions that LLVM will not choose for a generic x86-64 target.
//!
//! For `3n + 1`, generic tuning emits `lea (n,n,2)` then `inc`: two dependent
//! instructions, because a three-operand LEA was slow on CPUs of 2013. On the
//! CPU this project is measured on (Emerald Rapids, 3.4 GHz) the Collatz
//! loop's chain is that step, and the single `lea 1(n,n,2)` shortens it:
//! 10^9 iterations of the same loop take 0.36 s with it and 0.54 s without
//! (objdump to see the two forms, `target/release/hotloop-native-bench` to
//! time them). This is the one `unsafe` block outside the C layer: a pure
//! register computation, no memory, no flags.

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
