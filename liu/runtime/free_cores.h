#pragma once
// How many cores other processes leave free, sampled from /proc at most every 200 ms.
//
// Kernels run fork-join parallel regions (OpenMP, oneDNN), which wait for their slowest
// thread: on a shared machine whose other cores are busy, a second thread is descheduled for
// whole time slices and a region meant to halve the work takes several times longer. So a
// session that was not given a thread count runs each step with as many threads as there are
// cores nobody else is using.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace liu {

class FreeCores {
 public:
  // The thread count for the next run: free cores, rounded, within [1, max_threads]. Returns
  // max_threads where /proc cannot be read.
  int threads_for_run(int max_threads);

 private:
  struct Sample {
    uint64_t total = 0;  // all CPU time of the machine, in clock ticks
    uint64_t busy = 0;   // of which not idle
    uint64_t self = 0;   // of which this process
  };
  static bool read_sample(Sample* out);

  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_time_{};
  Sample last_{};
  bool have_last_ = false;
  std::atomic<double> free_{-1};  // -1: not measured yet
};

}  // namespace liu
