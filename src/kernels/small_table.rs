//! The steps of every n below 2^16, computed by the compiler: the tail every
//! process has from its start, without a table to build.

use super::tail::Tail;

const SMALL_BITS: u32 = 16;

/// The steps of every n below 2^SMALL_BITS: walk until the trajectory drops
/// below n, then add the steps of the value it dropped to.
const fn small_table() -> [u16; 1 << SMALL_BITS] {
    let mut table = [0u16; 1 << SMALL_BITS];
    let mut n = 2;
    while n < table.len() {
        let (mut value, mut count) = (n as u64, 0u16);
        while value >= n as u64 {
            value = if value % 2 == 0 { value / 2 } else { 3 * value + 1 };
            count += 1;
        }
        table[n] = count + table[value as usize];
        n += 1;
    }
    table
}

static SMALL: [u16; 1 << SMALL_BITS] = small_table();

/// The steps of n from the compiler's table, for n below [`Small::BELOW`].
#[inline(always)]
pub(crate) fn small_steps(n: u64) -> u32 {
    u32::from(SMALL[n as usize])
}


#[derive(Clone, Copy)]
pub(crate) struct Small;

impl Tail for Small {
    const BELOW: u64 = 1 << SMALL_BITS;
    #[inline(always)]
    fn steps(self, n: u64) -> u32 {
        small_steps(n)
    }
}

