/*
 * The articles' C library: gsum as in "Consuming Go code in Python" (a C int
 * loop), and collatz / loop_collatz as the Go ones, with 64-bit signed ints
 * as Go's int. Built by make bench with `gcc -O2 -shared -fPIC`.
 * noop is the floor: the cost of a ctypes call that does nothing.
 */
#include <stdint.h>

int gsum(int n) {
    int result = 0;
    for (int i = 0; i <= n; i++) {
        result += i;
    }
    return result;
}

int64_t collatz(int64_t n) {
    if (n % 2 == 0) {
        return n / 2;
    }
    return 3 * n + 1;
}

int64_t loop_collatz(int64_t n, int64_t k) {
    for (int64_t i = 0; i < k; i++) {
        n = collatz(n);
    }
    return n;
}

void noop(void) {}
