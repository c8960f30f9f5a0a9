//! hotloop_collatz_steps_many(_r): arbitrary values (0 among them), lengths,
//! thread counts; NULL, misaligned and overlapping buffers. Each element is
//! compared with the 128-bit trajectory; a refused call writes nothing.
#![no_main]
use arbitrary::Arbitrary;
use hotloop::capi::{hotloop_collatz_steps_many, hotloop_collatz_steps_many_r};
use hotloop::status::*;
use libfuzzer_sys::fuzz_target;
use reference::{check_last_error, check_outcome, dirty_record, steps};

#[derive(Arbitrary, Debug)]
struct Input {
    values: Vec<u64>,
    /// The values repeated this many times (1 to 16): longer batches, more
    /// threads' worth of work, the steps table once 2^23 have gone through.
    repeat: u8,
    threads: u32,
    /// 0-1: plain; 2: ns NULL; 3: out NULL; 4: ns misaligned;
    /// 5: out misaligned; 6: out overlapping ns.
    layout: u8,
    offset: u16,
    use_r: bool,
}

const SENTINEL: i32 = i32::MIN + 7;

fuzz_target!(|input: Input| {
    let repeat = usize::from(input.repeat % 16) + 1;
    let ns: Vec<u64> = input.values.iter().copied().cycle().take(input.values.len() * repeat).collect();
    let len = ns.len();
    let layout = input.layout % 7;

    // Every buffer the call may see, and where its results would be.
    let mut out = vec![SENTINEL; len + 1];
    let mut bytes = vec![0u8; len * 8 + 8];
    let mut shared = vec![0u64; len + len / 2 + 2];
    let (ns_ptr, out_ptr): (*const u64, *mut i32) = match layout {
        2 => (std::ptr::null(), out.as_mut_ptr()),
        3 => (ns.as_ptr(), std::ptr::null_mut()),
        4 => {
            let shift = usize::from(input.offset % 7) + 1;
            for (i, v) in ns.iter().enumerate() {
                bytes[shift + 8 * i..shift + 8 * i + 8].copy_from_slice(&v.to_ne_bytes());
            }
            // SAFETY: inside `bytes`.
            (unsafe { bytes.as_ptr().add(shift) } as *const u64, out.as_mut_ptr())
        }
        5 => {
            let shift = usize::from(input.offset % 3) + 1;
            // SAFETY: inside `out`, which has one spare element.
            (ns.as_ptr(), unsafe { (out.as_mut_ptr() as *mut u8).add(shift) } as *mut i32)
        }
        6 => {
            shared[..len].copy_from_slice(&ns);
            let words = usize::from(input.offset) % (2 * len.max(1));
            let base = shared.as_mut_ptr() as *mut u8;
            // SAFETY: out's len int32 from byte 4 * words end inside `shared`.
            (shared.as_ptr(), unsafe { base.add(4 * words) } as *mut i32)
        }
        _ => (ns.as_ptr(), out.as_mut_ptr()),
    };
    let refusal = match layout {
        _ if len == 0 => None,
        2 | 3 => Some(HOTLOOP_ERR_NULL_POINTER),
        4 | 5 => Some(HOTLOOP_ERR_MISALIGNED),
        6 => Some(HOTLOOP_ERR_INVALID_ARGUMENT),
        _ => None,
    };

    let mut record = dirty_record();
    let before = shared.clone();
    // SAFETY: every non-NULL pointer covers len elements of its type (the
    // misaligned ones shifted inside a larger buffer), as the call requires.
    let status = unsafe {
        if input.use_r {
            hotloop_collatz_steps_many_r(ns_ptr, len, out_ptr, input.threads, &mut record)
        } else {
            hotloop_collatz_steps_many(ns_ptr, len, out_ptr, input.threads)
        }
    };

    if let Some(refused) = refusal {
        assert_eq!(status, refused, "layout {layout}, len {len}");
        assert!(out.iter().all(|&s| s == SENTINEL), "a refused call writes nothing");
        assert_eq!(shared, before, "a refused call writes nothing");
        if input.use_r {
            check_outcome("hotloop_collatz_steps_many", status, &record, None);
        } else {
            check_last_error("hotloop_collatz_steps_many", status);
        }
        return;
    }
    let first_bad = ns.iter().position(|&n| n == 0);
    let expected_status = if first_bad.is_some() { HOTLOOP_ERR_INVALID_ARGUMENT } else { HOTLOOP_OK };
    assert_eq!(status, expected_status, "threads {}", input.threads);
    if len > 0 && layout < 2 {
        for (i, &n) in ns.iter().enumerate() {
            let expected = if n == 0 { -1 } else { steps(n).expect("no uint64 passes 2^128") as i32 };
            assert_eq!(out[i], expected, "ns[{i}] = {n}, threads {}", input.threads);
        }
        assert_eq!(out[len], SENTINEL, "nothing is written past len");
    }
    if input.use_r {
        check_outcome("hotloop_collatz_steps_many", status, &record, first_bad.map(|i| (i as i64, 0)));
    } else if status != HOTLOOP_OK {
        check_last_error("hotloop_collatz_steps_many", status);
    }
});
