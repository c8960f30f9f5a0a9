/*
 * A C program that defines its own `collatz` and `gsum` (the likeliest
 * program to use hotloop) includes hotloop.h and links libhotloop, shared or
 * static, without a clash: the articles' symbols are not in hotloop.h, and
 * they are weak in libhotloop.a. Its own functions are the ones it calls.
 */
#include "hotloop.h"

#include <stdint.h>
#include <stdio.h>

/* Not the articles' signatures, on purpose. */
unsigned collatz(unsigned n) { return n % 2 ? 3 * n + 1 : n / 2; }
double gsum(double n) { return n * (n + 1) / 2; }

int main(void) {
    int failed = 0;
    if (collatz(7) != 22) { puts("own collatz not called"); failed++; }
    if (gsum(4.0) != 10.0) { puts("own gsum not called"); failed++; }
    if (hotloop_collatz(7) != 22) { puts("hotloop_collatz wrong"); failed++; }
    if (hotloop_collatz_steps(27) != 111) { puts("hotloop_collatz_steps wrong"); failed++; }
    if (hotloop_gsum(100) != 5050) { puts("hotloop_gsum wrong"); failed++; }
    printf("%d passed, %d failed\n", 5 - failed, failed);
    return failed != 0;
}
