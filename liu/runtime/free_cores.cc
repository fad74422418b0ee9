#include "liu/runtime/free_cores.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace liu {
namespace {

constexpr auto kSampleInterval = std::chrono::milliseconds(200);

}  // namespace

bool FreeCores::read_sample(Sample* out) {
  std::FILE* stat = std::fopen("/proc/stat", "r");
  if (!stat) return false;
  unsigned long long v[10] = {};
  const int got = std::fscanf(stat, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
                              &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]);
  std::fclose(stat);
  if (got < 4) return false;
  // Fields 8 and 9 (guest time) are already counted in user time.
  uint64_t total = 0;
  for (int i = 0; i < std::min(got, 8); ++i) total += v[i];
  const uint64_t idle = v[3] + (got > 4 ? v[4] : 0);

  std::FILE* self = std::fopen("/proc/self/stat", "r");
  if (!self) return false;
  char line[1024];
  const bool read = std::fgets(line, sizeof line, self) != nullptr;
  std::fclose(self);
  if (!read) return false;
  // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so
  // count from the last ')'.
  const char* p = std::strrchr(line, ')');
  unsigned long long utime = 0, stime = 0;
  if (!p || std::sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime,
                        &stime) != 2)
    return false;
  out->total = total;
  out->busy = total - idle;
  out->self = utime + stime;
  return true;
}

int FreeCores::threads_for_run(int max_threads) {
  if (max_threads <= 1) return 1;
  const auto now = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
  // One caller samples; concurrent runs use the last estimate.
  if (lock.owns_lock() && (!have_last_ || now - last_time_ >= kSampleInterval)) {
    Sample sample;
    if (read_sample(&sample)) {
      if (have_last_ && sample.total > last_.total) {
        const long cores = sysconf(_SC_NPROCESSORS_ONLN);
        const double ticks_per_core =
            static_cast<double>(sample.total - last_.total) / static_cast<double>(cores);
        const double others = (static_cast<double>(sample.busy - last_.busy) -
                               static_cast<double>(sample.self - last_.self)) /
                              ticks_per_core;
        free_.store(static_cast<double>(cores) - std::max(0.0, others));
      }
      last_ = sample;
      last_time_ = now;
      have_last_ = true;
    }
  }
  const double free = free_.load();
  if (free < 0) return max_threads;
  const int threads = static_cast<int>(std::lround(free));
  return std::clamp(threads, 1, max_threads);
}

}  // namespace liu
