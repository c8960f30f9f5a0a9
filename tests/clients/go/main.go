// libhotloop from Go through cgo, as a Go user calls it: every function,
// and the _r twins from 64 goroutines at once without runtime.LockOSThread,
// so that calls move between OS threads; each goroutine must read its own
// call's error in its record.
package main

/*
#cgo pkg-config: hotloop
#include <hotloop.h>
*/
import "C"

import (
	"fmt"
	"os"
	"sync"
)

func main() {
	failures := 0
	check := func(ok bool, what string) {
		if !ok {
			fmt.Println("FAILED:", what)
			failures++
		}
	}
	var rec C.hotloop_error
	check(C.hotloop_gsum(100) == 5050, "gsum")
	check(C.hotloop_gsum_r(C.int64_t(1)<<40, &rec) == -1 && rec.status == C.HOTLOOP_ERR_OVERFLOW, "gsum_r")
	check(C.hotloop_collatz(27) == 82 && C.hotloop_collatz_r(27, &rec) == 82 && rec.status == C.HOTLOOP_OK, "collatz")
	check(C.hotloop_collatz_loop(27, 111) == 1 && C.hotloop_collatz_loop_r(27, 111, &rec) == 1, "loop")
	check(C.hotloop_collatz_steps(27) == 111 && C.hotloop_collatz_steps_r(0, &rec) == -1, "steps")
	ns := []C.uint64_t{27, 0, 97}
	out := make([]C.int32_t, 3)
	check(C.hotloop_collatz_steps_many(&ns[0], 1, &out[0], 0) == C.HOTLOOP_OK && out[0] == 111, "steps_many")
	check(C.hotloop_collatz_steps_many_r(&ns[0], 3, &out[0], 0, &rec) == C.HOTLOOP_ERR_INVALID_ARGUMENT &&
		rec.index == 1, "steps_many_r")
	var hi, lo, n C.uint64_t
	var steps C.int32_t
	check(C.hotloop_collatz_loop_wide(0, 27, 111, &hi, &lo) == C.HOTLOOP_OK && lo == 1, "loop_wide")
	check(C.hotloop_collatz_loop_wide_r(0, 27, 111, &hi, &lo, &rec) == C.HOTLOOP_OK, "loop_wide_r")
	check(C.hotloop_collatz_longest(1, 1000000, 0, &n, &steps) == C.HOTLOOP_OK && n == 837799, "longest")
	check(C.hotloop_collatz_longest_r(1, 1000, 0, &n, &steps, &rec) == C.HOTLOOP_OK && n == 871, "longest_r")
	check(C.hotloop_collatz_longest_window(1, 1000, 0, 1000, 0, 1, &n, &steps) == C.HOTLOOP_OK, "window")
	check(C.hotloop_collatz_longest_window_r(1, 1000, 0, 1000, 0, 1, &n, &steps, &rec) == C.HOTLOOP_OK, "window_r")
	var most, record C.int32_t
	check(C.hotloop_collatz_longest_part(1, 1000, 0, &lo, &hi, &most, &record) == C.HOTLOOP_OK &&
		lo == 500 && hi == 1000 && most == 178 && record == 1, "part")
	check(C.hotloop_collatz_longest_part_r(1, 1000, 1, &lo, &hi, &most, &record, &rec) == C.HOTLOOP_OK && lo == 1000, "part_r")
	check(C.hotloop_last_error() != C.HOTLOOP_OK && C.GoString(C.hotloop_last_error_message()) != "", "last error")
	check(C.GoString(C.hotloop_status_name(C.HOTLOOP_ERR_PANIC)) == "HOTLOOP_ERR_PANIC", "status name")
	check(C.GoString(C.hotloop_version()) != "", "version")

	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong := 0
	for g := 0; g < 64; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			var mine C.hotloop_error
			for i := 0; i < 500; i++ {
				big := C.int64_t(5000000000 + g*100000 + i)
				C.hotloop_gsum_r(big, &mine)
				if C.GoString(&mine.subject[0]) != fmt.Sprintf("n = %d", int64(big)) {
					mu.Lock()
					wrong++
					mu.Unlock()
				}
				if C.hotloop_collatz_steps_r(C.uint64_t(27+i), &mine) < 0 || mine.status != C.HOTLOOP_OK {
					mu.Lock()
					wrong++
					mu.Unlock()
				}
			}
		}(g)
	}
	wg.Wait()
	check(wrong == 0, fmt.Sprintf("%d records were another call's", wrong))
	if failures != 0 {
		os.Exit(1)
	}
	fmt.Println("Go client: every function called; 64 goroutines, 64,000 records, each its own call's")
}
