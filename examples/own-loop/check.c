/* A C caller of ownloop: `make test` builds it as strict C99 and as C++. */
#include <inttypes.h>
#include <stdio.h>

#include "ownloop.h"

int main(void) {
    uint64_t ns[] = {91, 1, 97};
    uint64_t out[3];
    size_t bad = 0;
    ownloop_status status = ownloop_smallest_factors(ns, 3, out, &bad);
    printf("%" PRIu64 " %" PRIu64 " %" PRIu64 "\n", out[0], out[1], out[2]);
    if (status != OWNLOOP_OK)
        printf("status %d, element %zu: %s\n", (int)status, bad, ownloop_last_error_message());
    return 0;
}
