#pragma once
// What every oneDNN-backed kernel shares: the CPU engine, a scope that caps OpenMP threads
// (oneDNN runs on OpenMP), a per-kernel cache of primitives keyed by shape, and the
// translation of oneDNN's exceptions into Status.
#include <omp.h>

#include <map>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <oneapi/dnnl/dnnl.hpp>
#include <string>
#include <vector>

#include "liu/core/status.h"

namespace liu::onednn {

// The process's CPU engine; created on first use and never changed afterwards.
dnnl::engine& cpu_engine();

// Caps OpenMP (and so oneDNN) at n threads on the calling thread for the scope's lifetime;
// a no-op when n is already the default.
class OmpThreadScope {
 public:
  explicit OmpThreadScope(int n) : saved_(omp_get_max_threads()) {
    if (n > 0 && n != saved_) omp_set_num_threads(n);
  }
  ~OmpThreadScope() {
    if (omp_get_max_threads() != saved_) omp_set_num_threads(saved_);
  }
  OmpThreadScope(const OmpThreadScope&) = delete;
  OmpThreadScope& operator=(const OmpThreadScope&) = delete;

 private:
  int saved_;
};

// How many of `max_threads` a kernel doing `flops` of work should use. Waking a sleeping
// OpenMP worker costs tens of microseconds (far more when the other core is busy), so work
// under about 40 us of one core runs on the calling thread alone.
inline int threads_for_work(double flops, int max_threads) {
  constexpr double kFlopsPerThread = 4e6;
  const double wanted = flops / kFlopsPerThread;
  if (wanted < 2) return 1;
  return wanted >= max_threads ? max_threads : static_cast<int>(wanted);
}

// Primitives (and whatever a kernel keeps beside them) built once per input shape. Kernels
// are shared by concurrent runs, so lookups lock; building happens outside the lock and the
// first finished entry wins. Bounded so a stream of new shapes cannot grow it forever.
template <typename Entry>
class PrimitiveCache {
 public:
  using Key = std::vector<int64_t>;

  template <typename Build>
  std::shared_ptr<const Entry> get(const Key& key, Build&& build) const {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = entries_.find(key);
      if (it != entries_.end()) return it->second;
    }
    auto entry = std::make_shared<const Entry>(build());
    std::lock_guard<std::mutex> lock(mutex_);
    if (entries_.size() >= kCapacity) entries_.clear();
    return entries_.emplace(key, std::move(entry)).first->second;
  }

 private:
  static constexpr size_t kCapacity = 64;
  mutable std::mutex mutex_;
  mutable std::map<Key, std::shared_ptr<const Entry>> entries_;
};

// A memory object over a buffer Liu owns (no copy). oneDNN takes a non-const handle even for
// read-only sources.
inline dnnl::memory wrap(const dnnl::memory::desc& desc, const void* data) {
  return dnnl::memory(desc, cpu_engine(), const_cast<void*>(data));
}

// Runs `body` (which builds and executes oneDNN primitives) with `threads` OpenMP threads and
// turns a dnnl::error into an Internal status naming `what`.
template <typename Body>
Status run(int threads, const std::string& what, Body&& body) {
  OmpThreadScope scope(threads);
  try {
    body();
  } catch (const dnnl::error& e) {
    return internal_error(what + ": oneDNN failed: " + e.what());
  }
  return Status::ok();
}

// Executes one primitive on a fresh stream of the CPU engine and waits for it.
void execute(const dnnl::primitive& primitive, const std::unordered_map<int, dnnl::memory>& args);

}  // namespace liu::onednn
