// libhotloop from C++17, as a C++ user includes and links it: every function
// called, statuses compared with the header's constants, and the _r twins
// used from std::thread workers, each reading its own call's record.
#include <hotloop.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

static int failures = 0;
#define CHECK(cond) do { if (!(cond)) { std::printf("FAILED: %s (line %d)\n", #cond, __LINE__); ++failures; } } while (0)

int main() {
    hotloop_error error{};
    CHECK(hotloop_gsum(100) == 5050 && hotloop_gsum_r(100, &error) == 5050 && error.status == HOTLOOP_OK);
    CHECK(hotloop_collatz(27) == 82 && hotloop_collatz_r(0, &error) == 0);
    CHECK(error.status == HOTLOOP_ERR_INVALID_ARGUMENT && std::string(error.reason) == "not a positive integer");
    CHECK(hotloop_collatz_loop(27, 111) == 1 && hotloop_collatz_loop_r(27, 112, &error) == 4);
    CHECK(hotloop_collatz_steps(27) == 111 && hotloop_collatz_steps_r(27, &error) == 111);
    std::vector<uint64_t> ns{27, 97, 0};
    std::vector<int32_t> out(3);
    CHECK(hotloop_collatz_steps_many(ns.data(), 2, out.data(), 0) == HOTLOOP_OK && out[1] == 118);
    CHECK(hotloop_collatz_steps_many_r(ns.data(), 3, out.data(), 0, &error) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(error.index == 2 && error.value == 0);
    uint64_t hi = 0, lo = 0, n = 0;
    int32_t steps = 0;
    CHECK(hotloop_collatz_loop_wide(0, 27, 111, &hi, &lo) == HOTLOOP_OK && hi == 0 && lo == 1);
    CHECK(hotloop_collatz_loop_wide_r(0, 0, 1, &hi, &lo, &error) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(hotloop_collatz_longest(1, 1000000, 0, &n, &steps) == HOTLOOP_OK && n == 837799 && steps == 524);
    CHECK(hotloop_collatz_longest_r(5, 5, 0, &n, &steps, &error) == HOTLOOP_ERR_INVALID_ARGUMENT);
    CHECK(hotloop_collatz_longest_window(1, 1000, 0, 1000, 0, 1, &n, &steps) == HOTLOOP_OK && n == 871);
    CHECK(hotloop_collatz_longest_window_r(1, 1000, 0, 1000, 0, 1, &n, &steps, &error) == HOTLOOP_OK);
    int32_t most = 0, record = 0;
    CHECK(hotloop_collatz_longest_part(1, 1000, 0, &lo, &hi, &most, &record) == HOTLOOP_OK && lo == 500 && hi == 1000);
    CHECK(most == 178 && record == 1);
    CHECK(hotloop_collatz_longest_part_r(1, 1000, 1, &lo, &hi, &most, &record, &error) == HOTLOOP_OK && lo == 1000);
    CHECK(hotloop_gsum(INT64_MAX) == -1 && hotloop_last_error() == HOTLOOP_ERR_OVERFLOW);
    CHECK(std::strstr(hotloop_last_error_message(), "hotloop_gsum: n = ") != nullptr);
    CHECK(std::string(hotloop_status_name(HOTLOOP_ERR_OVERFLOW)) == "HOTLOOP_ERR_OVERFLOW");
    CHECK(std::string(hotloop_version()).size() >= 5);
    std::vector<std::thread> workers;
    std::vector<int> wrong(8, 0);
    for (int t = 0; t < 8; t++) {
        workers.emplace_back([t, &wrong] {
            hotloop_error mine{};
            for (int64_t i = 0; i < 2000; i++) {
                int64_t n = INT64_C(5000000000) + t * 10000 + i;
                if (hotloop_gsum_r(n, &mine) != -1 || std::string(mine.subject) != "n = " + std::to_string(n))
                    wrong[t]++;
            }
        });
    }
    for (auto &w : workers) w.join();
    for (int w : wrong) CHECK(w == 0);
    std::printf(failures ? "C++ client: %d failures\n" : "C++ client: every function called, all right%.0d\n", failures);
    return failures != 0;
}
