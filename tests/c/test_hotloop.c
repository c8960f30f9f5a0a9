/*
 * C tests for libhotloop, in the style of regex-capi's ctest: plain C99,
 * one `static bool test_*(void)` per behaviour, run one by one; any failure
 * makes the program exit non-zero. Built with -std=c99 -Wall -Wextra
 * -Werror -pedantic against both the shared and the static library.
 */
#define _POSIX_C_SOURCE 200809L
#include "hotloop.h"
#include "hotloop_articles.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *current;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            fprintf(stderr, "  %s:%d: %s: CHECK(%s) failed\n", __FILE__,    \
                    __LINE__, current, #cond);                              \
            return false;                                                   \
        }                                                                   \
    } while (0)

/* The calling thread's last error is `status` and its message contains
 * `part`. */
static bool last_error_is(hotloop_status status, const char *part) {
    const char *message = hotloop_last_error_message();
    if (hotloop_last_error() != status || message == NULL || strstr(message, part) == NULL) {
        fprintf(stderr, "  %s: expected %s containing \"%s\", got %s: \"%s\"\n", current,
                hotloop_status_name(status), part, hotloop_status_name(hotloop_last_error()),
                message ? message : "(null)");
        return false;
    }
    return true;
}

/* Runs `body` on `count` threads (at most 16), each given its number; a
 * thread that returns a message has failed. */
static bool run_threads(uintptr_t count, void *(*body)(void *)) {
    pthread_t threads[16];
    CHECK(count <= 16);
    for (uintptr_t i = 0; i < count; i++) CHECK(pthread_create(&threads[i], NULL, body, (void *)i) == 0);
    bool ok = true;
    for (uintptr_t i = 0; i < count; i++) {
        void *result = NULL;
        CHECK(pthread_join(threads[i], &result) == 0);
        if (result != NULL) {
            fprintf(stderr, "  thread %u: %s\n", (unsigned)i, (const char *)result);
            ok = false;
        }
    }
    return ok;
}

/* The definition, in 128 bits: no trajectory from a uint64 start passes 2^128. */
static int64_t reference_steps(uint64_t start) {
    __extension__ typedef unsigned __int128 u128; /* gcc and clang; not ISO C */
    u128 n = start;
    int64_t count = 0;
    while (n != 1) {
        n = n % 2 == 0 ? n / 2 : 3 * n + 1;
        count++;
    }
    return count;
}

static bool test_version_and_status_names(void) {
    CHECK(strcmp(hotloop_version(), HOTLOOP_TEST_VERSION) == 0);
    CHECK(strcmp(hotloop_status_name(HOTLOOP_OK), "HOTLOOP_OK") == 0);
    CHECK(strcmp(hotloop_status_name(HOTLOOP_ERR_INVALID_ARGUMENT), "HOTLOOP_ERR_INVALID_ARGUMENT") == 0);
    CHECK(strcmp(hotloop_status_name(HOTLOOP_ERR_OVERFLOW), "HOTLOOP_ERR_OVERFLOW") == 0);
    CHECK(strcmp(hotloop_status_name(HOTLOOP_ERR_NULL_POINTER), "HOTLOOP_ERR_NULL_POINTER") == 0);
    CHECK(strcmp(hotloop_status_name(HOTLOOP_ERR_MISALIGNED), "HOTLOOP_ERR_MISALIGNED") == 0);
    CHECK(strcmp(hotloop_status_name(HOTLOOP_ERR_PANIC), "HOTLOOP_ERR_PANIC") == 0);
    CHECK(strcmp(hotloop_status_name(6), "unknown status") == 0);
    CHECK(strcmp(hotloop_status_name(-1), "unknown status") == 0);
    CHECK(strcmp(hotloop_status_name(INT32_MIN), "unknown status") == 0);
    return true;
}

static bool test_no_error_before_any_failure(void) {
    /* Runs first: nothing has failed on this thread yet. */
    CHECK(hotloop_last_error() == HOTLOOP_OK);
    CHECK(strcmp(hotloop_last_error_message(), "no error") == 0);
    return true;
}

static bool test_gsum(void) {
    CHECK(hotloop_gsum(100) == 5050);
    CHECK(hotloop_gsum(0) == 0);
    CHECK(hotloop_gsum(1) == 1);
    CHECK(hotloop_gsum(-1) == 0);
    CHECK(hotloop_gsum(INT64_MIN) == 0);
    for (int64_t n = 0; n < 5000; n++) {
        CHECK(hotloop_gsum(n) == n * (n + 1) / 2);
    }
    /* The largest n whose sum fits: n(n+1)/2 = 2^63 - 2^31. */
    CHECK(hotloop_gsum(4294967295) == INT64_C(9223372034707292160));
    CHECK(hotloop_gsum(4294967296) == -1);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "hotloop_gsum: n = 4294967296"));
    CHECK(hotloop_gsum(INT64_MAX) == -1);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "does not fit in int64"));
    return true;
}

static bool test_success_leaves_the_last_error_alone(void) {
    CHECK(hotloop_collatz(0) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz: n = 0: not a positive integer"));
    CHECK(hotloop_gsum(10) == 55);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz: n = 0"));
    return true;
}

static bool test_collatz(void) {
    CHECK(hotloop_collatz(1) == 4);
    CHECK(hotloop_collatz(2) == 1);
    CHECK(hotloop_collatz(27) == 82);
    CHECK(hotloop_collatz(UINT64_MAX - 1) == UINT64_MAX / 2);
    /* The largest odd n whose 3n + 1 fits, and the next one. */
    CHECK(hotloop_collatz(UINT64_C(6148914691236517203)) == UINT64_MAX - 5);
    CHECK(hotloop_collatz(UINT64_C(6148914691236517205)) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "n = 6148914691236517205"));
    CHECK(hotloop_collatz(UINT64_MAX) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "hotloop_collatz"));
    CHECK(hotloop_collatz(0) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz: n = 0: not a positive integer"));
    return true;
}

static bool test_collatz_loop(void) {
    for (uint64_t n = 1; n < 200; n++) {
        uint64_t m = n;
        for (uint64_t k = 0; k < 150; k++) {
            CHECK(hotloop_collatz_loop(n, k) == m);
            m = hotloop_collatz(m);
        }
    }
    CHECK(hotloop_collatz_loop(27, 0) == 27);
    CHECK(hotloop_collatz_loop(27, 111) == 1);
    CHECK(hotloop_collatz_loop(27, 1000000) == 4); /* 1 after 111 steps, then (10^6 - 111) % 3 == 1 more */
    CHECK(hotloop_collatz_loop(UINT64_MAX, 0) == UINT64_MAX);
    CHECK(hotloop_collatz_loop(0, 0) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz_loop: n = 0, k = 0: not a positive integer"));
    CHECK(hotloop_collatz_loop(0, 10) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "k = 10"));
    /* 2m with m odd and 3m + 1 too big: the first step halves, the second
     * passes 2^64; the loop goes on, and fails only on a result past it. */
    CHECK(hotloop_collatz_loop(UINT64_C(12297829382473034410), 1) == UINT64_C(6148914691236517205));
    CHECK(hotloop_collatz_loop(UINT64_C(12297829382473034410), 2) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "the result, 18446744073709551616, does not fit in uint64"));
    CHECK(hotloop_collatz_loop(UINT64_C(12297829382473034410), 3) == UINT64_C(9223372036854775808));
    /* The 128-bit form carries the value across. */
    uint64_t hi = 1, lo = 1;
    CHECK(hotloop_collatz_loop_wide(0, UINT64_C(12297829382473034410), 2, &hi, &lo) == HOTLOOP_OK);
    CHECK(hi == 1 && lo == 0);
    CHECK(hotloop_collatz_loop_wide(hi, lo, 1, &hi, &lo) == HOTLOOP_OK);
    CHECK(hi == 0 && lo == UINT64_C(9223372036854775808));
    CHECK(hotloop_collatz_loop_wide(0, 0, 1, &hi, &lo) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(hotloop_collatz_loop_wide(UINT64_MAX, UINT64_MAX, 1, &hi, &lo) == HOTLOOP_ERR_OVERFLOW);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "the trajectory passes 2^128"));
    CHECK(hotloop_collatz_loop_wide(0, 27, 1, NULL, &lo) == HOTLOOP_ERR_NULL_POINTER);
    return true;
}

static bool test_collatz_steps(void) {
    for (uint64_t n = 1; n < 20000; n++) {
        CHECK(hotloop_collatz_steps(n) == reference_steps(n));
    }
    CHECK(hotloop_collatz_steps(1) == 0);
    CHECK(hotloop_collatz_steps(27) == 111);
    CHECK(hotloop_collatz_steps(670617279) == 986);
    CHECK(hotloop_collatz_steps(UINT64_C(1) << 63) == 63);
    CHECK(hotloop_collatz_steps(0) == -1);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz_steps: n = 0"));
    /* Trajectories past 2^64 are answered. */
    CHECK(hotloop_collatz_steps(UINT64_MAX) == 863);
    CHECK(hotloop_collatz_steps(UINT64_C(12327829503)) == reference_steps(UINT64_C(12327829503)));
    CHECK(hotloop_collatz_steps(UINT64_C(14727207461063895711)) == 2442);
    return true;
}

static bool test_steps_many(void) {
    enum { LEN = 100000 };
    uint64_t *ns = malloc(LEN * sizeof *ns);
    int32_t *out = malloc(LEN * sizeof *out);
    CHECK(ns != NULL && out != NULL);
    for (size_t i = 0; i < LEN; i++) ns[i] = i + 1;
    for (uint32_t threads = 0; threads < 4; threads++) {
        memset(out, 0x55, LEN * sizeof *out);
        CHECK(hotloop_collatz_steps_many(ns, LEN, out, threads) == HOTLOOP_OK);
        for (size_t i = 0; i < LEN; i++) CHECK(out[i] == reference_steps(ns[i]));
    }
    /* Bad elements get -1, the rest are computed, the first one is named. */
    ns[70000] = 0;
    ns[500] = 0;
    ns[600] = UINT64_MAX; /* passes 2^64 on the way: answered */
    CHECK(hotloop_collatz_steps_many(ns, LEN, out, 0) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "ns[500] = 0: not a positive integer"));
    CHECK(out[500] == -1 && out[70000] == -1 && out[600] == 863 && out[26] == 111 &&
          out[99999] == reference_steps(100000));
    CHECK(hotloop_collatz_steps_many(ns + 501, LEN - 501, out, 2) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "ns[69499] = 0"));
    free(ns);
    free(out);
    return true;
}

static bool test_steps_many_pointers(void) {
    uint64_t ns[4] = {1, 2, 3, 27};
    int32_t out[5] = {0};
    /* len = 0: any pointer, nothing happens. */
    CHECK(hotloop_collatz_steps_many(NULL, 0, NULL, 0) == HOTLOOP_OK);
    CHECK(hotloop_collatz_steps_many(NULL, 4, out, 0) == HOTLOOP_ERR_NULL_POINTER);
    CHECK(last_error_is(HOTLOOP_ERR_NULL_POINTER, "hotloop_collatz_steps_many: ns = NULL: a NULL pointer with len = 4"));
    CHECK(hotloop_collatz_steps_many(ns, 4, NULL, 0) == HOTLOOP_ERR_NULL_POINTER);
    CHECK(last_error_is(HOTLOOP_ERR_NULL_POINTER, "steps_out = NULL"));
    const uint64_t *odd_ns = (const uint64_t *)((const char *)ns + 1);
    CHECK(hotloop_collatz_steps_many(odd_ns, 2, out, 0) == HOTLOOP_ERR_MISALIGNED);
    CHECK(last_error_is(HOTLOOP_ERR_MISALIGNED, "ns = 0x"));
    int32_t *odd_out = (int32_t *)((char *)out + 2);
    CHECK(hotloop_collatz_steps_many(ns, 2, odd_out, 0) == HOTLOOP_ERR_MISALIGNED);
    CHECK(last_error_is(HOTLOOP_ERR_MISALIGNED, "steps_out"));
    /* The output written over the input it reads. */
    CHECK(hotloop_collatz_steps_many(ns, 4, (int32_t *)ns, 0) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "ns, steps_out: the buffers overlap"));
    CHECK(ns[0] == 1 && ns[3] == 27);
    CHECK(hotloop_collatz_steps_many(ns, 4, out, 0) == HOTLOOP_OK);
    CHECK(out[0] == 0 && out[1] == 1 && out[2] == 7 && out[3] == 111 && out[4] == 0);
    return true;
}

static bool test_longest(void) {
    uint64_t n = 0;
    int32_t steps = 0;
    CHECK(hotloop_collatz_longest(1, 1000000, 0, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 837799 && steps == 524);
    CHECK(hotloop_collatz_longest(1, 2, 1, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 1 && steps == 0);
    CHECK(hotloop_collatz_longest(1, 10, 1, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 9 && steps == 19);
    /* Identical for every thread count, and equal to a brute-force search. */
    for (uint64_t start = 1; start < 40; start += 3) {
        for (uint64_t end = start + 1; end < 3000; end += 97) {
            uint64_t best = start;
            for (uint64_t m = start; m < end; m++) {
                if (reference_steps(m) > reference_steps(best)) best = m;
            }
            for (uint32_t threads = 0; threads < 3; threads++) {
                CHECK(hotloop_collatz_longest(start, end, threads, &n, &steps) == HOTLOOP_OK);
                CHECK(n == best && steps == reference_steps(best));
            }
        }
    }
    return true;
}

static bool test_longest_windows_combine(void) {
    uint64_t whole_n = 0, n = 0;
    int32_t whole_steps = 0, steps = 0;
    CHECK(hotloop_collatz_longest(100, 2000000, 0, &whole_n, &whole_steps) == HOTLOOP_OK);
    uint64_t best_n = 0;
    int32_t best_steps = -1;
    for (uint64_t lo = 0; lo < 2000000; lo += 300007) {
        int32_t at_least = best_steps > 0 ? best_steps : 0;
        CHECK(hotloop_collatz_longest_window(100, 2000000, lo, lo + 300007, at_least, 1, &n, &steps) == HOTLOOP_OK);
        if (steps > best_steps) {
            best_n = n;
            best_steps = steps;
        }
    }
    CHECK(best_n == whole_n && best_steps == whole_steps);
    /* A window outside the range holds no candidate. */
    CHECK(hotloop_collatz_longest_window(100, 200, 500, 600, 0, 1, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 0 && steps == -1);
    /* Nor does one whose candidates cannot reach at_least: 77031 takes 350
     * steps below 100000, so nothing there reaches 351. */
    CHECK(hotloop_collatz_longest_window(1, 100000, 0, 100000, 351, 1, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 0 && steps == -1);
    CHECK(hotloop_collatz_longest_window(1, 100000, 0, 100000, 350, 1, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 77031 && steps == 350);
    CHECK(hotloop_collatz_longest_window(1, 100000, 0, 100000, -5, 1, &n, &steps) == HOTLOOP_OK);
    CHECK(n == 77031 && steps == 350);
    return true;
}

/* The search in the library's order, as hotloop_collatz_longest_part's
 * documentation says to take it, gives the whole call's answer; the parts
 * cover the candidates once each. */
static bool search_in_parts(uint64_t start, uint64_t end) {
    uint64_t whole_n = 0, n = 0, lo = 0, hi = 0, covered = 0;
    int32_t whole_steps = 0, steps = 0, most = 0, record = 0;
    CHECK(hotloop_collatz_longest(start, end, 0, &whole_n, &whole_steps) == HOTLOOP_OK);
    uint64_t best_n = 0;
    int32_t best_steps = -1;
    for (uint64_t i = 0;; i++) {
        CHECK(hotloop_collatz_longest_part(start, end, i, &lo, &hi, &most, &record) == HOTLOOP_OK);
        if (lo == hi) {
            CHECK(lo == end && most == -1 && record == 0);
            break;
        }
        covered += hi - lo;
        int32_t at_least = best_steps < 0 ? 0 : best_steps + (lo > best_n ? 1 : 0);
        if (most >= 0 && most < at_least) continue; /* cannot beat the best */
        int32_t probe = record && most > at_least ? most : at_least;
        CHECK(hotloop_collatz_longest_window(start, end, lo, hi, probe, 0, &n, &steps) == HOTLOOP_OK);
        if (steps < probe) {
            CHECK(hotloop_collatz_longest_window(start, end, lo, hi, at_least, 0, &n, &steps) == HOTLOOP_OK);
        }
        CHECK(!record || steps == most);
        if (steps > best_steps || (steps == best_steps && n < best_n)) {
            best_n = n;
            best_steps = steps;
        }
    }
    CHECK(covered == end - (start > (end + 1) / 2 ? start : (end + 1) / 2));
    CHECK(best_n == whole_n && best_steps == whole_steps);
    return true;
}

static bool test_longest_parts(void) {
    CHECK(search_in_parts(1, 30000000) && search_in_parts(100, 2000000) && search_in_parts(12345678, 40000001));
    /* Below 10^12 the first part holds the delay record 989,345,275,647. */
    uint64_t lo = 0, hi = 0;
    int32_t most = 0, record = 0;
    CHECK(hotloop_collatz_longest_part(1, 1000000000000, 0, &lo, &hi, &most, &record) == HOTLOOP_OK);
    CHECK(lo <= 989345275647 && 989345275647 < hi && most == 1348 && record == 1);
    /* Past 2^40 the bound is not known: one part, first. */
    CHECK(hotloop_collatz_longest_part(1, UINT64_MAX, 0, &lo, &hi, &most, &record) == HOTLOOP_OK);
    CHECK(lo == (UINT64_MAX >> 1) + 1 && hi == UINT64_MAX && most == -1 && record == 0);
    CHECK(hotloop_collatz_longest_part(10, 10, 0, &lo, &hi, &most, &record) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz_longest_part: [start, end) = [10, 10)"));
    CHECK(hotloop_collatz_longest_part(1, 10, 0, &lo, &hi, NULL, &record) == HOTLOOP_ERR_NULL_POINTER);
    CHECK(last_error_is(HOTLOOP_ERR_NULL_POINTER, "most_steps_out = NULL"));
    return true;
}

/* The _r twins write their own call's outcome, as fields. */
static bool test_error_records(void) {
    hotloop_error error;
    memset(&error, 0x55, sizeof error);
    CHECK(hotloop_gsum_r(100, &error) == 5050);
    CHECK(error.status == HOTLOOP_OK && error.index == -1 && error.value == 0);
    CHECK(error.function[0] == 0 && error.subject[0] == 0 && error.reason[0] == 0);
    CHECK(hotloop_gsum_r(INT64_MAX, &error) == -1);
    CHECK(error.status == HOTLOOP_ERR_OVERFLOW && error.index == -1);
    CHECK(strcmp(error.function, "hotloop_gsum_r") == 0);
    CHECK(strcmp(error.subject, "n = 9223372036854775807") == 0);
    CHECK(strncmp(error.reason, "the sum 0 + 1 + ... + n does not fit in int64", 45) == 0);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "hotloop_gsum_r: n = 9223372036854775807: the sum"));
    CHECK(hotloop_collatz_r(0, &error) == 0 && error.status == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(strcmp(error.reason, "not a positive integer") == 0);
    CHECK(hotloop_collatz_loop_r(27, 111, &error) == 1 && error.status == HOTLOOP_OK);
    CHECK(hotloop_collatz_steps_r(27, &error) == 111 && error.status == HOTLOOP_OK);
    uint64_t ns[] = {27, 97, 0, 5, 0};
    int32_t out[5];
    CHECK(hotloop_collatz_steps_many_r(ns, 5, out, 1, &error) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(error.status == HOTLOOP_ERR_INVALID_ARGUMENT && error.index == 2 && error.value == 0);
    CHECK(strcmp(error.subject, "ns[2] = 0") == 0 && out[2] == -1 && out[4] == -1 && out[3] == 5);
    CHECK(hotloop_collatz_steps_many_r(ns, 2, NULL, 1, &error) == HOTLOOP_ERR_NULL_POINTER);
    CHECK(error.status == HOTLOOP_ERR_NULL_POINTER && strcmp(error.subject, "steps_out = NULL") == 0);
    uint64_t hi = 1, lo = 1, n = 0;
    int32_t steps = 0;
    CHECK(hotloop_collatz_loop_wide_r(0, 0, 5, &hi, &lo, &error) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(hotloop_collatz_longest_r(10, 10, 1, &n, &steps, &error) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(strcmp(error.subject, "[start, end) = [10, 10)") == 0 && strcmp(error.reason, "the range is empty") == 0);
    CHECK(hotloop_collatz_longest_window_r(1, 1000, 0, 1000, 0, 1, &n, &steps, &error) == HOTLOOP_OK);
    CHECK(error.status == HOTLOOP_OK && n == 871 && steps == 178);
    /* NULL: no record wanted, the call runs all the same. */
    CHECK(hotloop_collatz_steps_r(0, NULL) == -1 && hotloop_gsum_r(10, NULL) == 55);
    return true;
}

/* Many threads interleave failing and succeeding _r calls: each record is
 * its own call's, whatever the other threads do meanwhile. */
static void *interleave(void *arg) {
    uintptr_t id = (uintptr_t)arg;
    hotloop_error error;
    for (uint64_t i = 0; i < 4000; i++) {
        uint64_t ns[4] = {27, 1 + i, 0, 3};
        int32_t out[4];
        size_t bad = (size_t)((i + id) % 3);
        ns[bad] = 0;
        ns[2] = bad == 2 ? 0 : 7 + id;
        if (hotloop_collatz_steps_many_r(ns, 4, out, 1, &error) != HOTLOOP_ERR_INVALID_ARGUMENT
            || error.index != (int64_t)bad || error.value != 0)
            return (void *)"a batch's record is not its own";
        char subject[32];
        snprintf(subject, sizeof subject, "ns[%zu] = 0", bad);
        if (strcmp(error.subject, subject) != 0) return (void *)"a batch's subject is not its own";
        int64_t n = (int64_t)(UINT64_C(5000000000) + id * 100000 + i);
        if (hotloop_gsum_r(n, &error) != -1 || error.status != HOTLOOP_ERR_OVERFLOW) return (void *)"no overflow";
        char expected[48];
        snprintf(expected, sizeof expected, "n = %" PRId64, n);
        if (strcmp(error.subject, expected) != 0) return (void *)"another call's subject";
        if (hotloop_collatz_steps_r(27 + i, &error) != reference_steps(27 + i) || error.status != HOTLOOP_OK
            || error.subject[0] != 0)
            return (void *)"a success's record is not empty";
    }
    return NULL;
}

static bool test_error_records_from_many_threads(void) { return run_threads(16, interleave); }

static bool test_longest_errors(void) {
    uint64_t n = 42;
    int32_t steps = 42;
    CHECK(hotloop_collatz_longest(0, 10, 0, &n, &steps) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "hotloop_collatz_longest: start = 0"));
    CHECK(hotloop_collatz_longest(10, 10, 0, &n, &steps) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(last_error_is(HOTLOOP_ERR_INVALID_ARGUMENT, "[start, end) = [10, 10): the range is empty"));
    CHECK(hotloop_collatz_longest(11, 10, 0, &n, &steps) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(n == 42 && steps == 42);
    CHECK(hotloop_collatz_longest(1, 10, 0, NULL, &steps) == HOTLOOP_ERR_NULL_POINTER);
    CHECK(last_error_is(HOTLOOP_ERR_NULL_POINTER, "n_out = NULL"));
    CHECK(hotloop_collatz_longest(1, 10, 0, &n, NULL) == HOTLOOP_ERR_NULL_POINTER);
    CHECK(last_error_is(HOTLOOP_ERR_NULL_POINTER, "steps_out = NULL"));
    uint64_t slots[2];
    uint64_t *odd_n = (uint64_t *)((char *)slots + 4);
    CHECK(hotloop_collatz_longest(1, 10, 0, odd_n, &steps) == HOTLOOP_ERR_MISALIGNED);
    CHECK(last_error_is(HOTLOOP_ERR_MISALIGNED, "n_out"));
    CHECK(n == 42 && steps == 42);
    /* Near the top of uint64, trajectories pass UINT64_MAX: answered. */
    uint64_t best = UINT64_MAX - 1000;
    for (uint64_t m = best; m < UINT64_MAX; m++) {
        if (reference_steps(m) > reference_steps(best)) best = m;
    }
    CHECK(hotloop_collatz_longest(UINT64_MAX - 1000, UINT64_MAX, 0, &n, &steps) == HOTLOOP_OK);
    CHECK(n == best && steps == reference_steps(best));
    return true;
}

static bool test_article_compat(void) {
    CHECK(GSum(100) == 5050);
    CHECK(GSum(-5) == 0);
    CHECK(GSum(INT64_MAX) == -1);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "GSum: n = 9223372036854775807"));
    CHECK(gsum(100) == 5050);
    CHECK(gsum(65535) == 2147450880);
    CHECK(gsum(65536) == -1);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "gsum: n = 65536"));
    CHECK(collatz(27) == 82);
    CHECK(collatz(-3) == -8);
    CHECK(collatz(-4) == -2);
    CHECK(collatz(0) == 0);
    CHECK(collatz(INT64_C(-3074457345618258603)) == INT64_MIN);
    CHECK(collatz(INT64_MAX) == INT64_MAX);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "collatz: n = 9223372036854775807"));
    CHECK(loopCollatz(27, 111) == 1);
    CHECK(loopCollatz(27, 0) == 27);
    CHECK(loopCollatz(27, -3) == 27);
    CHECK(loopCollatz(-7, 3) == -5); /* -7 -> -20 -> -10 -> -5 */
    CHECK(loopCollatz(INT64_MAX / 3 + 1, 1) == INT64_MAX);
    CHECK(last_error_is(HOTLOOP_ERR_OVERFLOW, "loopCollatz"));
    return true;
}

/* Many threads at once: correct results, and each thread's own last error. */
static void *hammer(void *arg) {
    uintptr_t id = (uintptr_t)arg;
    for (uint64_t i = 1; i < 3000; i++) {
        uint64_t n = i * 7 + id;
        if (hotloop_collatz_steps(n) != reference_steps(n)) return (void *)"wrong steps";
        if (hotloop_gsum((int64_t)n) != (int64_t)(n * (n + 1) / 2)) return (void *)"wrong gsum";
        if (hotloop_collatz(0) != 0) return (void *)"no sentinel";
        char expected[64];
        snprintf(expected, sizeof expected, "hotloop_gsum: n = %" PRIu64, UINT64_C(5000000000) + id);
        if (hotloop_gsum((int64_t)(UINT64_C(5000000000) + id)) != -1) return (void *)"no gsum sentinel";
        if (strncmp(hotloop_last_error_message(), expected, strlen(expected)) != 0)
            return (void *)"another thread's message";
    }
    uint64_t n = 0;
    int32_t steps = 0;
    if (hotloop_collatz_longest(1, 100000, 2, &n, &steps) != HOTLOOP_OK || n != 77031 || steps != 350)
        return (void *)"wrong longest";
    return NULL;
}

static bool test_threads(void) { return run_threads(8, hammer); }

/* Thread counts are an upper bound: any request, even UINT32_MAX, gives the
 * same answer as one thread, never an allocation failure or a panic. */
static bool test_huge_thread_counts(void) {
    enum { LEN = 200000 };
    uint64_t *ns = malloc(LEN * sizeof *ns);
    int32_t *one = malloc(LEN * sizeof *one), *many = malloc(LEN * sizeof *many);
    CHECK(ns != NULL && one != NULL && many != NULL);
    for (size_t i = 0; i < LEN; i++) ns[i] = i + 1;
    CHECK(hotloop_collatz_steps_many(ns, LEN, one, 1) == HOTLOOP_OK);
    uint32_t requests[] = {2, 64, 300, 100000, UINT32_MAX};
    for (size_t r = 0; r < sizeof requests / sizeof requests[0]; r++) {
        CHECK(hotloop_collatz_steps_many(ns, LEN, many, requests[r]) == HOTLOOP_OK);
        CHECK(memcmp(one, many, LEN * sizeof *one) == 0);
        uint64_t n = 0;
        int32_t steps = 0;
        CHECK(hotloop_collatz_longest(1, 1000000, requests[r], &n, &steps) == HOTLOOP_OK);
        CHECK(n == 837799 && steps == 524);
    }
    free(ns);
    free(one);
    free(many);
    return true;
}

/* One trial: a fresh process starts its first batch calls on other threads
 * and forks while they run; the child's own first calls must finish. */
static uint64_t fork_ns[50000];

static void *first_batch_calls(void *arg) {
    (void)arg;
    static int32_t out[50000];
    hotloop_collatz_steps_many(fork_ns, 50000, out, 2);
    uint64_t n;
    int32_t steps;
    hotloop_collatz_longest(1, 300000, 2, &n, &steps);
    return NULL;
}

static int fork_trial(long delay_ns) {
    for (size_t i = 0; i < 50000; i++) fork_ns[i] = i + 1;
    pthread_t threads[2];
    for (int i = 0; i < 2; i++) pthread_create(&threads[i], NULL, first_batch_calls, NULL);
    struct timespec pause = {0, delay_ns};
    nanosleep(&pause, NULL);
    pid_t child = fork();
    if (child == 0) {
        alarm(20); /* a hang ends in SIGALRM, which the parent sees */
        uint64_t ns[3] = {1, 27, 97};
        int32_t out[3];
        uint64_t n = 0;
        int32_t steps = 0;
        bool ok = hotloop_collatz_steps_many(ns, 3, out, 0) == HOTLOOP_OK && out[1] == 111 &&
                  hotloop_collatz_longest(1, 100000, 0, &n, &steps) == HOTLOOP_OK && n == 77031;
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    for (int i = 0; i < 2; i++) pthread_join(threads[i], NULL);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Each trial runs in a fresh process (this program, executed again), so
 * that the calls it forks during are that process's first. */
static bool test_fork_during_first_calls(void) {
    /* valgrind serialises threads and slows forks: the Makefile runs this
     * test natively and sets HOTLOOP_TEST_NO_FORK under valgrind. */
    if (getenv("HOTLOOP_TEST_NO_FORK") != NULL) return true;
    for (int trial = 0; trial < 100; trial++) {
        char delay[32];
        snprintf(delay, sizeof delay, "%d", (trial % 100) * 10000); /* 0 to 1 ms */
        pid_t process = fork();
        CHECK(process >= 0);
        if (process == 0) {
            execl("/proc/self/exe", "test_hotloop", "--fork-trial", delay, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        CHECK(waitpid(process, &status, 0) == process);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "  trial %d: the child ended with %d (142: hung)\n", trial,
                    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
            return false;
        }
    }
    return true;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "--fork-trial") == 0) return fork_trial(atol(argv[2]));
    struct {
        const char *name;
        bool (*run)(void);
    } tests[] = {
#define T(name) {#name, name}
        T(test_no_error_before_any_failure),
        T(test_version_and_status_names),
        T(test_gsum),
        T(test_success_leaves_the_last_error_alone),
        T(test_collatz),
        T(test_collatz_loop),
        T(test_collatz_steps),
        T(test_steps_many),
        T(test_steps_many_pointers),
        T(test_longest),
        T(test_longest_windows_combine),
        T(test_longest_parts),
        T(test_longest_errors),
        T(test_article_compat),
        T(test_error_records),
        T(test_error_records_from_many_threads),
        T(test_threads),
        T(test_huge_thread_counts),
        T(test_fork_during_first_calls),
#undef T
    };
    size_t count = sizeof tests / sizeof tests[0], failed = 0;
    for (size_t i = 0; i < count; i++) {
        current = tests[i].name;
        bool ok = tests[i].run();
        printf("%-45s %s\n", tests[i].name, ok ? "ok" : "FAILED");
        failed += !ok;
    }
    printf("%zu passed, %zu failed\n", count - failed, failed);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
