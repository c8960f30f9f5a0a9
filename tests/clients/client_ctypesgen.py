"""libhotloop through ctypesgen's bindings, generated from the installed
header (tests/clients/run.sh puts them on the path as hotloop_ctypesgen)."""

import ctypes

import hotloop_ctypesgen as h

error = h.hotloop_error()
assert h.hotloop_gsum(100) == 5050 and h.hotloop_gsum_r(100, ctypes.byref(error)) == 5050
assert error.status == h.HOTLOOP_OK
assert h.hotloop_collatz(27) == 82 and h.hotloop_collatz_r(0, ctypes.byref(error)) == 0
assert error.status == h.HOTLOOP_ERR_INVALID_ARGUMENT and error.reason == b"not a positive integer"
assert h.hotloop_collatz_loop(27, 111) == 1 and h.hotloop_collatz_loop_r(27, 111, ctypes.byref(error)) == 1
assert h.hotloop_collatz_steps(27) == 111 and h.hotloop_collatz_steps_r(27, ctypes.byref(error)) == 111
ns = (ctypes.c_uint64 * 3)(27, 97, 0)
out = (ctypes.c_int32 * 3)()
assert h.hotloop_collatz_steps_many(ns, 2, out, 0) == h.HOTLOOP_OK and out[1] == 118
assert h.hotloop_collatz_steps_many_r(ns, 3, out, 0, ctypes.byref(error)) == h.HOTLOOP_ERR_INVALID_ARGUMENT
assert error.index == 2 and error.subject == b"ns[2] = 0"
hi, lo, n, steps = ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_uint64(), ctypes.c_int32()
assert h.hotloop_collatz_loop_wide(0, 27, 111, ctypes.byref(hi), ctypes.byref(lo)) == h.HOTLOOP_OK
assert h.hotloop_collatz_loop_wide_r(0, 27, 111, ctypes.byref(hi), ctypes.byref(lo), ctypes.byref(error)) == 0
assert h.hotloop_collatz_longest(1, 10**6, 0, ctypes.byref(n), ctypes.byref(steps)) == h.HOTLOOP_OK
assert (n.value, steps.value) == (837799, 524)
assert h.hotloop_collatz_longest_r(1, 1000, 0, ctypes.byref(n), ctypes.byref(steps), ctypes.byref(error)) == 0
assert h.hotloop_collatz_longest_window(1, 1000, 0, 1000, 0, 1, ctypes.byref(n), ctypes.byref(steps)) == 0
assert h.hotloop_collatz_longest_window_r(1, 1000, 0, 1000, 0, 1, ctypes.byref(n), ctypes.byref(steps),
                                          ctypes.byref(error)) == 0
most, record = ctypes.c_int32(), ctypes.c_int32()
assert h.hotloop_collatz_longest_part(1, 1000, 0, ctypes.byref(lo), ctypes.byref(hi), ctypes.byref(most),
                                      ctypes.byref(record)) == 0
assert (lo.value, hi.value, most.value, record.value) == (500, 1000, 178, 1)
assert h.hotloop_collatz_longest_part_r(1, 1000, 1, ctypes.byref(lo), ctypes.byref(hi), ctypes.byref(most),
                                        ctypes.byref(record), ctypes.byref(error)) == 0 and lo.value == 1000
assert h.hotloop_gsum(2**63 - 1) == -1 and h.hotloop_last_error() == h.HOTLOOP_ERR_OVERFLOW
assert h.hotloop_last_error_message().startswith(b"hotloop_gsum") or "hotloop_gsum" in str(h.hotloop_last_error_message())
assert "HOTLOOP_ERR_PANIC" in str(h.hotloop_status_name(h.HOTLOOP_ERR_PANIC))
assert h.hotloop_version()
print("ctypesgen client: every function called")
