/*
 * libhotloop.a beside another Rust static library, built independently
 * (tests/c/other-rust), possibly by another rustc: both link into one
 * program without duplicate symbols, and both work, panics caught included.
 */
#include "hotloop.h"

#include <stdint.h>
#include <stdio.h>

int64_t other_rust_answer(void);
int64_t other_rust_catches_a_panic(void);

int main(void) {
    int64_t sum = hotloop_gsum(100), answer = other_rust_answer(), caught = other_rust_catches_a_panic();
    uint64_t n = 0;
    int32_t steps = 0;
    hotloop_status status = hotloop_collatz_longest(1, 1000000, 2, &n, &steps);
    if (sum != 5050 || answer != 42 || caught != 7 || status != HOTLOOP_OK || n != 837799 || steps != 524) {
        printf("FAILED: %lld %lld %lld %d %llu %d\n", (long long)sum, (long long)answer, (long long)caught,
               (int)status, (unsigned long long)n, (int)steps);
        return 1;
    }
    printf("mixed Rust link: hotloop and another Rust library both work\n");
    return 0;
}
