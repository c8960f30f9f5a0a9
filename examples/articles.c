/*
 * The two articles' experiments, from C, against libhotloop.
 *
 *   make examples && ./target/c/articles-shared
 */
#include "hotloop.h"

#include <inttypes.h>
#include <stdio.h>

int main(void) {
    printf("libhotloop %s\n", hotloop_version());

    /* First article: Gauss's sum. */
    printf("GSum(100) = %" PRId64 "\n", hotloop_gsum(100));

    /* Second article: the Collatz loop, moved to the native side. */
    uint64_t k = 1000000000;
    printf("collatz_loop(27, %" PRIu64 ") = %" PRIu64 "\n", k, hotloop_collatz_loop(27, k));
    printf("collatz_steps(27) = %" PRId64 "\n", hotloop_collatz_steps(27));

    uint64_t n = 0;
    int32_t steps = 0;
    if (hotloop_collatz_longest(1, 1000000, 0, &n, &steps) == HOTLOOP_OK) {
        printf("longest below 10^6: n = %" PRIu64 " (%" PRId32 " steps)\n", n, steps);
    }

    /* An overflowing call: a sentinel, then the reason. */
    int64_t sum = hotloop_gsum(INT64_MAX);
    if (sum == -1) {
        printf("hotloop_gsum(INT64_MAX) failed: %s: %s\n",
               hotloop_status_name(hotloop_last_error()), hotloop_last_error_message());
    }
    if (hotloop_collatz(0) == 0) {
        printf("hotloop_collatz(0) failed: %s: %s\n",
               hotloop_status_name(hotloop_last_error()), hotloop_last_error_message());
    }
    return 0;
}
