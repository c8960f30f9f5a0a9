//! The give-up bound of a search for the longest chain: the most steps any
//! number up to a value takes (the delay records, OEIS A006877).
//!
//! A search gives a candidate up once its steps so far plus the most steps
//! its current value can still take fall short of the best found
//! (`stepper.rs`), so the tighter this bound, the sooner. The records come in
//! plateaus and jumps (1,153 steps up to 12,235,060,454, then 1,184, then
//! 1,210 from 13,371,194,527 on), so the bound is kept for each sixteenth of
//! each power of two, not for the powers of two alone. With the candidates'
//! first 20 halvings taken at once (`longest.rs`), that took the search below
//! 10^10 from 4.4 s to 1.8 s on two cores (`hotloop-native-bench longest
//! 10000000000 1 current`).
//!
//! Each entry is this library's own search (`bench/delay_records.py`, one
//! power of two at a time, each with the bounds found before it); the tests
//! check every entry up to 2^28 against the step count of every number.

/// Each power of two [2^(b-1), 2^b) is cut into 2^PART_BITS parts.
pub const PART_BITS: u32 = 4;

const PARTS: usize = 1 << PART_BITS;

/// `KNOWN[b][j]`: the most steps of any n in the j-th part of [2^(b-1), 2^b)
/// or below it: of any n < 2^(b-1) + (j + 1) * 2^(b-1) / 16. Past the last row,
/// no bound.
const KNOWN: [[u32; PARTS]; 41] = [
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1, 7, 7, 7, 7, 7, 7, 7, 7],
    [7, 7, 7, 7, 7, 7, 7, 7, 8, 8, 8, 8, 16, 16, 16, 16],
    [16, 16, 19, 19, 19, 19, 19, 19, 19, 19, 19, 19, 19, 19, 19, 19],
    [19, 19, 20, 20, 20, 20, 20, 20, 20, 23, 23, 111, 111, 111, 111, 111],
    [111, 111, 111, 111, 111, 111, 111, 111, 111, 111, 111, 112, 112, 112, 112, 112],
    [112, 112, 115, 115, 115, 115, 115, 115, 118, 118, 118, 118, 118, 118, 118, 118],
    [121, 121, 121, 121, 121, 124, 124, 124, 124, 124, 124, 124, 127, 127, 127, 127],
    [127, 127, 127, 130, 143, 143, 143, 143, 143, 143, 143, 143, 143, 143, 143, 143],
    [143, 143, 143, 143, 144, 170, 170, 170, 170, 170, 170, 178, 178, 178, 178, 178],
    [178, 178, 181, 181, 181, 181, 181, 181, 181, 181, 181, 181, 181, 181, 181, 181],
    [181, 182, 182, 208, 208, 208, 216, 216, 216, 216, 216, 216, 237, 237, 237, 237],
    [237, 237, 237, 237, 237, 237, 237, 237, 261, 261, 261, 261, 261, 261, 261, 261],
    [261, 261, 261, 261, 261, 267, 267, 267, 267, 275, 275, 275, 275, 275, 275, 275],
    [275, 278, 278, 278, 278, 278, 281, 281, 281, 307, 307, 307, 307, 307, 307, 307],
    [310, 323, 323, 323, 323, 323, 323, 323, 323, 339, 339, 339, 339, 339, 339, 339],
    [339, 339, 350, 350, 350, 350, 350, 350, 350, 353, 353, 353, 353, 353, 353, 353],
    [353, 374, 374, 382, 382, 382, 382, 382, 382, 382, 385, 385, 442, 442, 442, 442],
    [442, 442, 442, 442, 442, 442, 442, 442, 442, 448, 448, 448, 448, 448, 448, 469],
    [469, 469, 469, 508, 508, 508, 508, 508, 508, 524, 524, 524, 524, 524, 524, 524],
    [524, 527, 527, 527, 527, 527, 530, 530, 530, 530, 556, 556, 556, 556, 556, 556],
    [556, 559, 559, 559, 559, 559, 559, 562, 562, 562, 562, 583, 596, 596, 596, 596],
    [596, 596, 596, 596, 596, 612, 612, 612, 612, 664, 664, 664, 664, 664, 664, 664],
    [685, 685, 685, 685, 685, 688, 688, 688, 688, 688, 688, 688, 691, 691, 704, 704],
    [704, 704, 704, 704, 704, 704, 704, 704, 704, 704, 704, 704, 704, 704, 705, 705],
    [705, 744, 744, 744, 744, 744, 744, 744, 744, 744, 744, 744, 744, 744, 949, 949],
    [949, 949, 949, 949, 949, 949, 949, 949, 949, 949, 949, 949, 949, 949, 950, 950],
    [950, 950, 950, 950, 953, 953, 953, 953, 953, 953, 953, 956, 956, 956, 956, 956],
    [964, 964, 964, 964, 964, 964, 964, 964, 964, 964, 964, 964, 964, 964, 964, 964],
    [965, 965, 965, 986, 986, 986, 986, 986, 986, 986, 986, 986, 986, 986, 986, 986],
    [986, 986, 986, 987, 987, 1000, 1000, 1000, 1008, 1008, 1008, 1008, 1008, 1008, 1008, 1008],
    [1008, 1008, 1008, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050, 1050],
    [1050, 1087, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131, 1131],
    [1131, 1131, 1132, 1132, 1132, 1132, 1184, 1184, 1210, 1210, 1210, 1210, 1210, 1210, 1210, 1210],
    [1213, 1213, 1213, 1213, 1213, 1213, 1213, 1213, 1213, 1213, 1213, 1213, 1213, 1219, 1219, 1219],
    [1219, 1219, 1219, 1219, 1219, 1219, 1219, 1219, 1219, 1219, 1219, 1219, 1219, 1220, 1220, 1220],
    [1220, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1228, 1234],
    [1234, 1234, 1242, 1255, 1255, 1255, 1255, 1307, 1307, 1307, 1307, 1307, 1307, 1307, 1307, 1307],
    [1307, 1307, 1307, 1307, 1307, 1307, 1307, 1308, 1321, 1321, 1321, 1321, 1321, 1321, 1321, 1321],
    [1324, 1324, 1324, 1332, 1332, 1332, 1332, 1332, 1332, 1335, 1335, 1335, 1348, 1348, 1348, 1348],
];

/// A value past every row: the search counts such a number until it falls
/// below one.
const UNBOUNDED: u32 = u32::MAX / 2;

static TABLE: [u32; 65 * PARTS] = {
    let mut table = [UNBOUNDED; 65 * PARTS];
    let mut b = 0;
    while b < KNOWN.len() {
        let mut j = 0;
        while j < PARTS {
            table[b * PARTS + j] = KNOWN[b][j];
            j += 1;
        }
        b += 1;
    }
    table
};

/// The part of the powers of two that holds v: its bit length and the
/// PART_BITS bits after its leading one (v = 0 is part 0 of row 0).
#[inline(always)]
pub(crate) fn part(v: u64) -> usize {
    let zeros = v.leading_zeros();
    let bits = 64 - zeros as usize;
    let after_leading_one = (v.wrapping_shl(zeros) >> (63 - PART_BITS)) as usize & (PARTS - 1);
    bits * PARTS + after_leading_one
}

/// The most steps any n <= v takes, or more (never less): one load.
#[inline(always)]
pub(crate) fn most_steps_up_to(v: u64) -> u32 {
    TABLE[part(v)]
}

/// The window [lo, hi) of the j-th part of [2^(b-1), 2^b): the numbers whose
/// bound is `KNOWN[b][j]` and not the part's before it (empty for some parts
/// of the smallest powers).
pub fn part_window(b: u32, j: u32) -> (u64, u64) {
    let at = |k: u32| -> u64 { ((u128::from(PARTS as u32 + k) << (b - 1)).div_ceil(PARTS as u128)) as u64 };
    (at(j), at(j + 1))
}

/// The rows known: the table covers every n below 2^ROWS.
pub fn rows() -> u32 {
    KNOWN.len() as u32 - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_falls_in_its_parts_window() {
        for v in (1u64..5000).chain([u64::MAX, 1 << 63, (1 << 40) + 12345]) {
            let p = part(v);
            let (b, j) = ((p / PARTS) as u32, (p % PARTS) as u32);
            let (lo, hi) = part_window(b, j);
            assert!(lo <= v && (v < hi || hi == 0 && b == 64), "v = {v}: part {b}/{j} = [{lo}, {hi})");
        }
    }

    #[test]
    fn every_entry_to_2_28_is_the_most_steps_up_to_its_part() {
        // Every n below 2^28 counted exactly by the batch kernel (which never
        // gives up), a part at a time: the running maximum at the end of each
        // part is its entry.
        let mut most = 0;
        let mut out = Vec::new();
        for b in 1..=28u32 {
            for j in 0..PARTS as u32 {
                let (lo, hi) = part_window(b, j);
                let ns: Vec<u64> = (lo..hi).collect();
                out.resize(ns.len(), 0i32);
                assert_eq!(crate::kernels::batch::steps_many(&ns, &mut out, 0), None);
                most = out.iter().map(|&s| s as u32).fold(most, u32::max);
                assert_eq!(KNOWN[b as usize][j as usize], most, "part {j} of [2^{}, 2^{b})", b - 1);
            }
        }
    }

    #[test]
    fn the_bound_never_falls_as_values_grow() {
        assert!(TABLE.windows(2).all(|w| w[0] <= w[1]));
    }
}
